// How amounts, rates, numbers and dates read in Chinese, and the calendar behind dates: the one
// money formatter and the one calendar of every layer (the checker's messages, the VM's traces, the
// reports, the simulator's tables). Exact: text is derived from the Rational, never from a float.
// It does not round; a caller that wants 分 precision rounds first (Rational::round). Which unit
// words a policy may write (元/万元/亿元, 家, %) is the language's business (compiler/syntax/keywords.def).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "base/interval.h"
#include "base/rational.h"

namespace zc {

// ---- Money ----------------------------------------------------------------------------------------
// One amount as an award reads: 亿元 when it is a whole number of 万 from 1亿 up (3.5亿元), 万元 when it
// is a whole number of 百元 from 1万 up (12.5万元), otherwise exactly in 元 (12345元, 4500.50元).
std::string money_text(const Rational& yuan);
// [lo, hi] as 100万元至500万元; [0, x] as 最高x; an exact interval as one amount.
std::string interval_money_text(const Interval& v);
// An amount in a column of figures (simulation tables): 万元 from 1万元 up with every decimal the exact
// value needs (4854.925万元), money_text below, so that a column reads in one unit.
std::string money_column_text(const Rational& yuan);
std::string interval_money_column_text(const Interval& v);

// ---- Rates and plain numbers ----------------------------------------------------------------------
// Below 1% a rate reads in per mille (1.5‰); otherwise in percent (20%, 2.5%, 100%).
std::string rate_text(const Rational& r);
// "1.5", "1/3"; an interval as "1至2".
std::string number_text(const Interval& v);

// ---- Dates and the calendar -----------------------------------------------------------------------
// Dates are day numbers: days since 1970-01-01 in the proleptic Gregorian calendar.
// The day number of a valid date (1 ≤ year ≤ 9999, a real month and day), or nullopt.
std::optional<int64_t> day_number(int64_t year, int64_t month, int64_t day);
// Unchecked conversions both ways (Howard Hinnant's algorithms), for dates known to be valid.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d);
// Periods counted on the calendar (民法典第二百零一条、第二百零三条): a period of N months (a year is 12)
// from a start day does not count that day and ends on the corresponding day of its last month, or on
// that month's last day when it has none. The latest start day whose period of `months` months has
// fully run by the end of day `by` (so 2022-12-31 for 2 years by 2024-12-31, and 2020-02-29 for 2
// years by 2022-02-28). `months` ≥ 0 and the result valid are the caller's business.
int64_t period_start_by(int64_t by, int64_t months);
// A day number as "2024年2月21日". Days outside ±10^7 years, or not whole, print as a plain number.
std::string date_text(const Rational& day);

}  // namespace zc
