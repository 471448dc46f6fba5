// How amounts, rates, counts and dates read in Chinese: 10万元, 4500.50元, 100万元至500万元, 20%,
// 1.5‰, 2家, 2024年2月21日. Exact: the text is derived from the Rational, never from a float.
// It does not round; a caller that wants 分 precision rounds first (Rational::round).
#include "runtime/vm/text.h"

#include <fmt/format.h>

#include "runtime/vm/vm.h"

namespace zc {
namespace {

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

std::string interval_money_text(const Interval& v) {
  if (v.is_exact()) return money_text(v.lo);
  if (v.lo.sign() == 0 && v.hi.sign() > 0) return "最高" + money_text(v.hi);
  return money_text(v.lo) + "至" + money_text(v.hi);
}

std::string rate_text(const Rational& r) {
  // Below 1% a rate reads in per mille (1.5‰); otherwise in percent (20%, 2.5%, 100%).
  const Rational one_percent = *Rational::make(1, 100);
  bool per_mille = r.sign() != 0 && r < one_percent && r.neg() < one_percent;
  std::optional<Rational> scaled_rate = r.mul(Rational(per_mille ? 1000 : 100));
  if (!scaled_rate) return r.to_decimal();
  return scaled_rate->to_decimal() + (per_mille ? "‰" : "%");
}

std::string number_text(const Interval& v) { return range_text(v, plain); }

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

std::string value_text(const Module& m, ValueType t, uint32_t unit, const Interval& v) {
  switch (t) {
    case ValueType::Money:
      return interval_money_text(v);
    case ValueType::Rate:
      return range_text(v, rate_text);
    case ValueType::Count: {
      std::string u = unit < m.strings.size() ? m.strings[unit] : std::string();
      if (v.is_exact()) return v.lo.to_decimal() + u;
      return v.lo.to_decimal() + u + "至" + v.hi.to_decimal() + u;
    }
    case ValueType::Points:
      if (v.is_exact()) return v.lo.to_decimal() + "分";
      return v.lo.to_decimal() + "分至" + v.hi.to_decimal() + "分";
    case ValueType::Date:
      return range_text(v, date_text);
    case ValueType::Bool:
      return v.lo.sign() != 0 ? "是" : "否";
    case ValueType::Option:
      return number_text(v);
  }
  return number_text(v);
}

}  // namespace zc
