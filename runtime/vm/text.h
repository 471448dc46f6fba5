// A typed value of a Module as text: money, rates, counts with their unit, points, dates, yes/no.
// Pure formatting over base/units.h: nothing here evaluates or checks a Module.
#pragma once
#include <cstdint>
#include <string>

#include "base/interval.h"
#include "base/units.h"
#include "runtime/bytecode/module.h"

namespace zc {

// `v` as a value of type `t` (a count with the unit string `unit` of `m`, or kNoString).
std::string value_text(const Module& m, ValueType t, uint32_t unit, const Interval& v);

}  // namespace zc
