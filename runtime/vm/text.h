// Text helpers beyond the ones declared in vm.h: plain numbers, dates, and filling a TRACE
// template with stack values (the convention is in runtime/bytecode/trace_template.h).
// Pure formatting: nothing here evaluates or checks a Module.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/bytecode/module.h"
#include "base/interval.h"

namespace zc {

// "1.5", "1/3"; an interval as "1至2".
std::string number_text(const Interval& v);
// A day number since 1970-01-01 as "2024年2月21日". Days outside ±10^7 years, or not whole, print
// as a plain number.
std::string date_text(const Rational& day);
// Gregorian (year, month, day) to a day number since 1970-01-01, and back.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d);

}  // namespace zc
