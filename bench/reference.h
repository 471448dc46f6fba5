// The benchmark's yardstick: the four seed policies (dongchangfu-2024, linqing-2021, xuecheng-2022,
// jinan-2023) evaluated by hand-written C++ — each rule's conditions and arithmetic coded directly,
// with the same exact Rational/Interval value types — filling the same Evaluation as the engines.
// It is not an engine: no bytecode, no traces, no group notes; rows must be well typed.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "runtime/vm/vm.h"

namespace zc::bench {

class Reference {
 public:
  virtual ~Reference() = default;
  // Fills the awards of `out` (statuses, flags, amounts by payer, external awards, deductions,
  // missing-fact and overflow errors, 不重复 and 上限 groups, totals) as the VM does.
  virtual void evaluate_into(const std::vector<FactValue>& facts, Evaluation& out) = 0;
};

// The reference for seed policy `name` compiled into `m`; nullptr with `error` when `name` is not
// one of the four, or when `m` lacks a fact, rule, payer or option the reference names.
std::unique_ptr<Reference> make_reference(const std::string& name, const Module& m, std::string& error);

// The names of the four seed policies, in seed order.
const std::vector<std::string>& reference_policies();

// What the reference promises to equal: an outcome without its branch, trace, group notes and the
// text of its benefits (compiler artifacts, not awards). Two Evaluations agree when these do.
bool same_awards(const Evaluation& a, const Evaluation& b, std::string* why = nullptr);

}  // namespace zc::bench
