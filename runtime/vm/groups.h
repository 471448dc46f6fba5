// Internal to the VM: what happens after every rule has run. 不重复 (NoDup) groups first, in table
// order, then 上限 (Cap) groups in table order, then the per-payer totals. It never runs bytecode.
#pragma once
#include "runtime/bytecode/module.h"
#include "runtime/vm/vm.h"

namespace zc {

// A rule's award for group and total purposes: the sum of its amounts paid by Local payers, with a
// selective (择优) award counted as [0, hi]. False on overflow.
bool local_contribution(const Module& m, const RuleOutcome& r, Interval& out);

// Applies the groups, then fills ev.payer_totals and ev.has_error.
// INVARIANT: `m` passed verify_module() (group members and caps are valid indices).
void apply_groups_and_totals(const Module& m, Evaluation& ev);

}  // namespace zc
