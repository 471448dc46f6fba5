// A typed value of a Module as text (money, rates, counts with their unit, points, dates, yes/no), and
// a rule's outcome in words. Pure formatting over base/units.h: nothing here evaluates or checks a Module.
#pragma once
#include <cstdint>
#include <string>

#include "base/interval.h"
#include "base/units.h"
#include "runtime/bytecode/module.h"
#include "runtime/vm/vm.h"

namespace zc {

// `v` as a value of type `t` (a count with the unit string `unit` of `m`, or kNoString).
std::string value_text(const Module& m, ValueType t, uint32_t unit, const Interval& v);

// A rule's amount: its Local payers' parts — or, when none of its payers is Local, its payers' parts
// (a rule only a 上级 or 其他方 pays is what that payer pays, not 0元) — or, with `payer` >= 0, that
// one payer's part (including the part a higher level pays in an award made on top of it).
Interval rule_amount(const Module& m, const RuleOutcome& o, int payer = -1);

// Describes one rule's outcome in words, as `zhengce run` and failing example cases show it:
// 10万元 / 择优10万元 / 0元至50万元 / 一事一议 / 金额未明确（最高50万元） / 不予支持 / 适用（推荐……）.
std::string outcome_text(const Module& m, const RuleOutcome& o);

}  // namespace zc
