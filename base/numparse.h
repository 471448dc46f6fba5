// Numerals as drafters write them: ASCII or full-width digits with a decimal point ("10", "0.5",
// "１０", "２．５"), and Chinese numerals ("十", "十万", "两千", "一点五", "二〇二四", "三亿五千万").
// Only the numeral itself; units (万元, %, 家) are the lexer's business.
#pragma once
#include <optional>
#include <string_view>

#include "base/rational.h"

namespace zc {

// True if cp is an ASCII/full-width digit or a Chinese numeral character (〇零一二两三四五六七八九十百千万亿).
bool is_digit_cp(char32_t cp);            // 0-9, ０-９
bool is_chinese_numeral_cp(char32_t cp);  // 〇零一二两三四五六七八九十百千万亿

// Copies `text` to `out` without its thousands separators (5,000 / 5，000 / ５，０００); false when
// they do not group the integer part in threes.
bool strip_thousands(std::string_view text, std::string& out);
// Parses digits with an optional decimal point ('.', '．') and thousands separators (5,000).
// nullopt when malformed or too large.
std::optional<Rational> parse_digits(std::string_view text);
// Parses a Chinese numeral, optionally with 点 and decimal digits after it ("一点五" = 1.5).
// Positional digit strings ("二〇二四") are read digit by digit. nullopt when malformed.
std::optional<Rational> parse_chinese_numeral(std::string_view text);

}  // namespace zc
