// Internal to the engines (the VM and the JIT): how a RuleOutcome is reset before a rule runs and
// how an emitted amount joins the payer's entry. Both engines use these so that they cannot differ.
// add_payer_amount is defined in vm.cpp; nothing here runs bytecode.
#pragma once
#include <cstdint>
#include <vector>

#include "runtime/vm/vm.h"

namespace zc {

// Back to a fresh NotApplicable outcome, keeping the vectors' buffers. Inline: both engines call it
// for every rule of every evaluation.
inline void reset_outcome(RuleOutcome& o) {
  o.status = RuleStatus::NotApplicable;
  o.branch = kNoIndex;
  o.selective = false;
  o.case_by_case = false;
  o.unspecified = false;
  o.unspecified_max.reset();
  o.amounts.clear();
  o.external.clear();
  o.deduction.reset();
  o.benefits.clear();
  o.payer = kNoIndex;
  o.trace.clear();
  o.group_notes.clear();
  o.error = VmError::None;
  o.error_fact = kNoIndex;
}

// Adds `v` to payer `payer`'s entry of `list` (appending one when there is none). False on overflow.
bool add_payer_amount(std::vector<PayerAmount>& list, uint16_t payer, const Interval& v);

}  // namespace zc
