// Internal to base/ (the exact numbers): scanning of positional decimal digit strings (ASCII and full-width),
// shared by parse_decimal (rational.h) and parse_digits (numparse.h). Chinese numerals live in
// numparse.cpp; this header knows only 0-9, ０-９ and a decimal point.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "base/rational.h"

namespace zc {

// The digits of a decimal numeral, normalised to ASCII '0'-'9'.
struct DecimalDigits {
  std::string int_digits;   // at least one digit
  std::string frac_digits;  // empty when there is no decimal point
};

// Scans [0-9０-９]+ ('.' [0-9０-９]+)?; with allow_fullwidth_point, '．' (U+FF0E) also separates.
// The whole text must match. nullopt otherwise.
std::optional<DecimalDigits> scan_decimal_digits(std::string_view text, bool allow_fullwidth_point);

// The exact value of scanned digits: nullopt when there are more than 18 significant digits or the
// value is not representable.
std::optional<Rational> digits_value(const DecimalDigits& d);

}  // namespace zc
