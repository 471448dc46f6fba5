// The one calendar's periods (base/units.h, period_start_by): the latest start day whose period of N
// months has fully run by a given day, as 民法典第二百零一条、第二百零三条 count periods.
#include <gtest/gtest.h>

#include "base/units.h"

namespace zc {
namespace {

std::string start_by(int y, unsigned m, unsigned d, int64_t months) {
  return date_text(Rational(period_start_by(days_from_civil(y, m, d), months)));
}

TEST(Calendar, SameMonthAndDayIsAFullYear) {
  EXPECT_EQ(start_by(2024, 12, 31, 24), "2022年12月31日");
  EXPECT_EQ(start_by(2024, 6, 15, 12), "2023年6月15日");
  EXPECT_EQ(start_by(2024, 6, 15, 0), "2024年6月15日");
}

TEST(Calendar, AMonthWithoutTheDayEndsOnItsLastDay) {
  // Started on 2020-02-29, two years end on 2022-02-28 (February 2022 has no 29th).
  EXPECT_EQ(start_by(2022, 2, 28, 24), "2020年2月29日");
  // By 2024-04-30, one month has run for every start up to 2024-03-31 (April has no 31st).
  EXPECT_EQ(start_by(2024, 4, 30, 1), "2024年3月31日");
  // By 2024-03-30 (not a month end), one month has run for starts up to February's last day.
  EXPECT_EQ(start_by(2024, 3, 30, 1), "2024年2月29日");
  EXPECT_EQ(start_by(2023, 3, 30, 1), "2023年2月28日");
  // Six months back from December's last day is June's last day.
  EXPECT_EQ(start_by(2024, 12, 31, 6), "2024年6月30日");
}

TEST(Calendar, AcrossYearsAndCenturies) {
  EXPECT_EQ(start_by(2024, 1, 15, 1), "2023年12月15日");
  EXPECT_EQ(start_by(2100, 2, 28, 48), "2096年2月29日");
  EXPECT_EQ(start_by(2000, 2, 29, 1200), "1900年2月28日");
}

}  // namespace
}  // namespace zc
