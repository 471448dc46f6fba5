// Exact numbers for the money path. A Rational is num/den with 64-bit parts, always normalised
// (den > 0, gcd(num, den) == 1). Every operation checks for overflow and reports it instead of
// wrapping; there is no binary floating point anywhere on the money path.
// Money is held in 元 (yuan) as a Rational; rounding to 分 or 元 is an explicit step (round()).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zc {

enum class RoundingMode : uint8_t {
  HalfUp = 0,    // 四舍五入 (the default)
  Down = 1,      // 向下取整 / 舍去 (toward zero for non-negative amounts; floor in general)
  Up = 2,        // 向上取整 / 进一 (ceiling)
  HalfEven = 3,  // 银行家舍入 (ties to even)
};
enum class RoundingUnit : uint8_t { Fen = 0, Jiao = 1, Yuan = 2 };  // 分 0.01, 角 0.1, 元 1
// How many of the unit make one 元 (分 100, 角 10, 元 1), and the unit's name.
constexpr int per_yuan(RoundingUnit u) { return u == RoundingUnit::Fen ? 100 : u == RoundingUnit::Jiao ? 10 : 1; }
constexpr const char* unit_name(RoundingUnit u) { return u == RoundingUnit::Fen ? "分" : u == RoundingUnit::Jiao ? "角" : "元"; }

class Rational {
 public:
  constexpr Rational() = default;
  constexpr Rational(int64_t n) : num_(n), den_(1) {}  // NOLINT: implicit from integers is intended
  // nullopt if den == 0 or normalisation overflows.
  static std::optional<Rational> make(int64_t num, int64_t den);

  int64_t num() const { return num_; }
  int64_t den() const { return den_; }
  bool is_integer() const { return den_ == 1; }
  int sign() const { return num_ > 0 ? 1 : (num_ < 0 ? -1 : 0); }

  // Checked arithmetic: nullopt on overflow (or division by zero).
  std::optional<Rational> add(const Rational& o) const;
  std::optional<Rational> sub(const Rational& o) const;
  std::optional<Rational> mul(const Rational& o) const;
  std::optional<Rational> div(const Rational& o) const;
  Rational neg() const;  // INVARIANT: num_ != INT64_MIN (make() rejects it)
  Rational floor() const;  // the greatest integer <= this (never overflows: |floor| <= |num|)

  // Rounds to a multiple of `unit` (in 元) with `mode`. nullopt on overflow.
  std::optional<Rational> round(RoundingMode mode, RoundingUnit unit) const;

  int compare(const Rational& o) const;  // -1, 0, 1; exact (uses 128-bit cross products)
  bool operator==(const Rational& o) const { return num_ == o.num_ && den_ == o.den_; }
  bool operator<(const Rational& o) const { return compare(o) < 0; }
  bool operator<=(const Rational& o) const { return compare(o) <= 0; }
  bool operator>(const Rational& o) const { return compare(o) > 0; }
  bool operator>=(const Rational& o) const { return compare(o) >= 0; }

  // Decimal text. If the value has a finite decimal expansion it is exact ("4500", "0.015",
  // "-2.5"); otherwise the fraction "1/3". `min_frac` pads the fraction with zeros ("4500.00").
  std::string to_decimal(int min_frac = 0) const;

 private:
  friend struct RationalAccess;  // rational.cpp: builds already-normalised values without re-reducing
  int64_t num_ = 0;
  int64_t den_ = 1;
};

// Parses plain decimal text: optional sign, ASCII or full-width digits (０-９), at most one '.',
// '．' or '点' is NOT accepted here (see numparse.h for Chinese numerals). nullopt when malformed
// or out of range (more than 18 significant digits).
std::optional<Rational> parse_decimal(std::string_view text);

}  // namespace zc
