// How values read in Chinese: money in 元/万元/亿元, ranges, rates in % and ‰, counts with their
// unit, points and dates. Whole strings are compared.
#include <gtest/gtest.h>

#include "base/units.h"
#include "runtime/vm/text.h"
#include "runtime/vm/vm.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

using test::frac;
using test::R;

TEST(Text, Money) {
  EXPECT_EQ(money_text(100000), "10万元");
  EXPECT_EQ(money_text(4500), "4500元");
  EXPECT_EQ(money_text(R("4500.5")), "4500.50元");
  EXPECT_EQ(money_text(R("125000")), "12.5万元");
  EXPECT_EQ(money_text(9999), "9999元");
  EXPECT_EQ(money_text(10000), "1万元");
  EXPECT_EQ(money_text(12345), "12345元");
  EXPECT_EQ(money_text(45600), "4.56万元");
  EXPECT_EQ(money_text(1000000), "100万元");
  EXPECT_EQ(money_text(2500000), "250万元");
  EXPECT_EQ(money_text(100000000), "1亿元");
  EXPECT_EQ(money_text(350000000), "3.5亿元");
  EXPECT_EQ(money_text(123450000), "1.2345亿元");
  EXPECT_EQ(money_text(123456789), "123456789元");
  EXPECT_EQ(money_text(0), "0元");
  EXPECT_EQ(money_text(-100000), "-10万元");
  EXPECT_EQ(money_text(R("30864.2")), "30864.20元");
  EXPECT_EQ(money_text(R("0.125")), "0.125元");
  EXPECT_EQ(money_text(frac(1, 3)), "1/3元");
}

TEST(Text, MoneyIntervals) {
  EXPECT_EQ(interval_money_text(Interval{1000000, 5000000}), "100万元至500万元");
  EXPECT_EQ(interval_money_text(Interval{200000, 300000}), "20万元至30万元");
  EXPECT_EQ(interval_money_text(Interval{0, 500000}), "最高50万元");
  EXPECT_EQ(interval_money_text(Interval::exact(100000)), "10万元");
  EXPECT_EQ(interval_money_text(Interval::exact(0)), "0元");
  EXPECT_EQ(interval_money_text(Interval{-5, 0}), "-5元至0元");
}

TEST(Text, Rates) {
  EXPECT_EQ(rate_text(frac(1, 5)), "20%");
  EXPECT_EQ(rate_text(frac(3, 2000)), "1.5‰");
  EXPECT_EQ(rate_text(frac(1, 40)), "2.5%");
  EXPECT_EQ(rate_text(1), "100%");
  EXPECT_EQ(rate_text(frac(1, 100)), "1%");
  EXPECT_EQ(rate_text(frac(1, 200)), "5‰");
  EXPECT_EQ(rate_text(frac(3, 200)), "1.5%");
  EXPECT_EQ(rate_text(0), "0%");
  EXPECT_EQ(rate_text(frac(-1, 5)), "-20%");
  EXPECT_EQ(rate_text(frac(1, 3)), "100/3%");
}

TEST(Text, Dates) {
  EXPECT_EQ(date_text(19774), "2024年2月21日");
  EXPECT_EQ(date_text(0), "1970年1月1日");
  EXPECT_EQ(date_text(-1), "1969年12月31日");
  EXPECT_EQ(date_text(11016), "2000年2月29日");
  EXPECT_EQ(date_text(frac(1, 2)), "0.5");
  EXPECT_EQ(days_from_civil(2024, 2, 21), 19774);
  EXPECT_EQ(days_from_civil(1600, 3, 1), -135080);
  for (int64_t d = -800000; d <= 800000; d += 997) {
    int64_t y = 0;
    unsigned m = 0;
    unsigned day = 0;
    civil_from_days(d, y, m, day);
    EXPECT_EQ(days_from_civil(y, m, day), d);
  }
}

TEST(Text, ValueText) {
  Module m;
  m.strings = {"家"};
  EXPECT_EQ(value_text(m, ValueType::Count, 0, Interval::exact(2)), "2家");
  EXPECT_EQ(value_text(m, ValueType::Count, 0, Interval{2, 5}), "2家至5家");
  EXPECT_EQ(value_text(m, ValueType::Count, kNoString, Interval::exact(3)), "3");
  EXPECT_EQ(value_text(m, ValueType::Money, kNoString, Interval::exact(100000)), "10万元");
  EXPECT_EQ(value_text(m, ValueType::Rate, kNoString, Interval{0, frac(1, 40)}), "0%至2.5%");
  EXPECT_EQ(value_text(m, ValueType::Points, kNoString, Interval::exact(85)), "85分");
  EXPECT_EQ(value_text(m, ValueType::Date, kNoString, Interval::exact(19774)), "2024年2月21日");
  EXPECT_EQ(value_text(m, ValueType::Bool, kNoString, Interval::exact(1)), "是");
  EXPECT_EQ(value_text(m, ValueType::Bool, kNoString, Interval::exact(0)), "否");
  EXPECT_EQ(number_text(Interval{frac(3, 2), 2}), "1.5至2");
}

}  // namespace
}  // namespace zc
