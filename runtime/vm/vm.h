// The bytecode interpreter. It evaluates every rule of a verified Module for one applicant, then
// applies the policy's 不重复 and 上限 groups and totals the awards per payer.
// It never sees source text and never allocates on the hot path when tracing is off.
// INVARIANT: the Module passed in has passed verify_module() (verify.h); the VM relies on it for
// stack discipline, operand indices and jump targets and does not re-check them.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/bytecode/module.h"

namespace zc {

enum class RuleStatus : uint8_t {
  NotApplicable = 0,  // 不予支持: no branch's conditions held
  Awarded = 1,        // the rule applies: see the flags and amounts
  Excluded = 2,       // it applied, but a 不重复 group kept another rule instead
  Error = 3,          // evaluation stopped: a missing fact or an overflow (see error_*)
};

enum class VmError : uint8_t { None = 0, MissingFact = 1, Overflow = 2 };

struct PayerAmount {
  uint16_t payer = kNoIndex;
  Interval amount;
  bool operator==(const PayerAmount&) const = default;
};

struct RuleOutcome {
  RuleStatus status = RuleStatus::NotApplicable;
  uint16_t branch = kNoIndex;          // branch taken (SET_BRANCH), if any
  bool selective = false;              // 择优
  bool case_by_case = false;           // 一事一议
  bool unspecified = false;            // 金额未明确
  std::optional<Interval> unspecified_max;
  std::vector<PayerAmount> amounts;    // this rule's awards by payer (after clause caps, rounded)
  std::vector<PayerAmount> external;   // higher-level awards it builds on (informational)
  std::optional<Interval> deduction;   // tax deduction (not a payment)
  std::vector<uint32_t> benefits;      // string indices of non-monetary benefits
  uint16_t payer = kNoIndex;           // payer of a case-by-case or unspecified award
  std::vector<std::string> trace;      // explanation steps, when tracing is on
  std::vector<std::string> group_notes;// what a 不重复 or 上限 group did to this rule (always filled)
  VmError error = VmError::None;
  uint16_t error_fact = kNoIndex;      // for MissingFact
  bool operator==(const RuleOutcome&) const = default;
};

struct Evaluation {
  std::vector<RuleOutcome> rules;      // one per Module::rules entry
  std::vector<Interval> payer_totals;  // one per Module::payers entry: sum of Awarded amounts
  bool has_error = false;              // some rule ended in RuleStatus::Error
  bool operator==(const Evaluation&) const = default;
};

struct EvalOptions {
  bool trace = false;
};

class Vm {
 public:
  explicit Vm(const Module& m);
  ~Vm();
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  // facts.size() must equal module.facts.size(); Missing entries fall back to the fact's default.
  // (Entries past the end count as Missing; a value of the wrong kind for its fact, or an option
  // index past the fact's options, counts as missing without falling back to the default.)
  Evaluation evaluate(const std::vector<FactValue>& facts, const EvalOptions& opts = {});
  // The same, into `out`, reusing its vectors: with tracing off and `out` reused across calls,
  // an evaluation allocates nothing once the buffers have grown to size.
  void evaluate_into(const std::vector<FactValue>& facts, const EvalOptions& opts, Evaluation& out);

 private:
  const Module& m_;
  // Scratch state reused across evaluate() calls (the simulator calls it millions of times).
  struct Scratch;
  std::unique_ptr<Scratch> s_;
};

}  // namespace zc
