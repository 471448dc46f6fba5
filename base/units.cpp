// Money, rate, number and date text, and the calendar (see units.h).
#include "base/units.h"

#include <algorithm>

#include <fmt/format.h>

namespace zc {
namespace {

unsigned month_length(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// `num / scale` as decimal text. INVARIANT: scale divides a power of ten, so the text is exact.
std::string scaled(int64_t num, int64_t scale) {
  std::optional<Rational> r = Rational::make(num, scale);
  return r ? r->to_decimal() : std::to_string(num);
}

std::string range_text(const Interval& v, std::string (*one)(const Rational&)) {
  if (v.is_exact()) return one(v.lo);
  return one(v.lo) + "至" + one(v.hi);
}

std::string plain(const Rational& r) { return r.to_decimal(); }

// [0, x] reads 最高x; other intervals lo至hi.
std::string interval_text(const Interval& v, std::string (*one)(const Rational&)) {
  if (v.is_exact()) return one(v.lo);
  if (v.lo.sign() == 0 && v.hi.sign() > 0) return "最高" + one(v.hi);
  return one(v.lo) + "至" + one(v.hi);
}

}  // namespace

std::string money_text(const Rational& yuan) {
  if (yuan.is_integer()) {
    int64_t n = yuan.num();
    int64_t mag = n < 0 ? -n : n;
    // 亿元 when the amount is a whole number of 万 (3.5亿元), 万元 when it is a whole number of
    // 百元 (12.5万元); otherwise the exact figure in 元 (12345元), which reads better than 1.2345万元.
    if (mag >= 100000000 && n % 10000 == 0) return scaled(n, 100000000) + "亿元";
    if (mag >= 10000 && n % 100 == 0) return scaled(n, 10000) + "万元";
    return std::to_string(n) + "元";
  }
  return yuan.to_decimal(2) + "元";
}

std::string interval_money_text(const Interval& v) { return interval_text(v, money_text); }

std::string money_column_text(const Rational& yuan) {
  const Rational wan(10000);
  if (yuan >= wan || yuan.neg() >= wan) {
    if (std::optional<Rational> w = yuan.div(wan)) return w->to_decimal() + "万元";
  }
  return money_text(yuan);
}

std::string interval_money_column_text(const Interval& v) { return interval_text(v, money_column_text); }

std::string rate_text(const Rational& r) {
  const Rational one_percent = *Rational::make(1, 100);
  bool per_mille = r.sign() != 0 && r < one_percent && r.neg() < one_percent;
  std::optional<Rational> scaled_rate = r.mul(Rational(per_mille ? 1000 : 100));
  if (!scaled_rate) return r.to_decimal();
  return scaled_rate->to_decimal() + (per_mille ? "‰" : "%");
}

std::string number_text(const Interval& v) { return range_text(v, plain); }

std::optional<int64_t> day_number(int64_t y, int64_t m, int64_t d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > month_length(y, static_cast<unsigned>(m))) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

int64_t period_start_by(int64_t by, int64_t months) {
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(by, y, m, d);
  int64_t index = y * 12 + (m - 1) - months;
  int64_t ty = index >= 0 ? index / 12 : -((-index + 11) / 12);
  auto tm = static_cast<unsigned>(index - ty * 12 + 1);
  unsigned last = month_length(ty, tm);
  // The last day of a month ends every period whose corresponding day it lacks: started on the
  // target month's last day or on a day that month has not, such a period ends on `by`.
  unsigned td = d == month_length(y, m) ? last : std::min(d, last);
  return days_from_civil(ty, tm, td);
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

std::string date_text(const Rational& day) {
  constexpr int64_t kLimit = 3652425000LL;  // about 10^7 years either way
  if (!day.is_integer() || day.num() > kLimit || day.num() < -kLimit) return day.to_decimal();
  int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  civil_from_days(day.num(), y, m, d);
  return fmt::format("{}年{}月{}日", y, m, d);
}

}  // namespace zc
