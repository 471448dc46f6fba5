// What a simulation learns about one policy over a registry: per clause and per payer the
// beneficiaries, the exact total as an interval [Σmin, Σmax] and the distribution of awards, and
// the program-level constraints (约束) checked over the run. Partial results of threads merge
// commutatively (exact.h), so the outcome does not depend on the thread count. No I/O here.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "runtime/vm/vm.h"
#include "sim/exact.h"

namespace zc::sim {

// A value's two ends summed or counted separately: the total of intervals is [Σlo, Σhi].
struct SumPair {
  ExactSum lo, hi;
  void add(const Interval& v) {
    lo.add(v.lo);
    hi.add(v.hi);
  }
  void merge(const SumPair& o) {
    lo.merge(o.lo);
    hi.merge(o.hi);
  }
};
// The distribution of intervals: the multiset of their lower ends and that of their upper ends.
// An exact value (lo == hi, most awards) is counted once, in a multiset both share: counting it
// twice was a seventh of a simulation's time. lo() and hi() give what counting each end separately
// would have given, value for value (a counter's state depends only on the multiset it saw).
class CounterPair {
 public:
  void add(const Interval& v) {
    if (v.is_exact()) {
      both_.add(v.lo);
      return;
    }
    lo_only_.add(v.lo);
    hi_only_.add(v.hi);
  }
  void merge(const CounterPair& o) {
    both_.merge(o.both_);
    lo_only_.merge(o.lo_only_);
    hi_only_.merge(o.hi_only_);
  }
  ValueCounter lo() const { return with(lo_only_); }
  ValueCounter hi() const { return with(hi_only_); }

 private:
  ValueCounter with(const ValueCounter& ends) const {
    ValueCounter c = both_;
    c.merge(ends);
    return c;
  }
  ValueCounter both_, lo_only_, hi_only_;
};

struct ClauseStats {
  uint64_t awarded = 0;       // RuleStatus::Awarded after the groups: the beneficiaries
  uint64_t selective = 0;     // of which 择优 (the amount only if selected)
  uint64_t with_amount = 0;   // of which with an amount from a 本级 payer (the distribution's population)
  uint64_t case_by_case = 0;  // of which 一事一议
  uint64_t unspecified = 0;   // of which 金额未明确
  uint64_t benefit = 0;       // of which a non-monetary benefit
  uint64_t deduction = 0;     // of which a tax deduction
  uint64_t excluded = 0;      // kept out by a 不重复 group
  uint64_t capped = 0;        // reduced by a 上限 group
  uint64_t errors = 0;        // could not be computed
  std::map<uint16_t, uint64_t> missing;  // errors by missing fact (kNoIndex: overflow)
  std::vector<SumPair> by_payer;         // amounts per payer of the module (selective as [0, hi])
  SumPair local;                         // the 本级 part, summed
  CounterPair dist;                      // the 本级 part, per beneficiary with an amount
  SumPair deductions;
};

struct PayerStats {
  uint64_t beneficiaries = 0;  // applicants whose total from this payer is not [0, 0]
  SumPair total;
  CounterPair dist;            // per beneficiary
};

struct PolicyStats {
  uint64_t applicants = 0;       // rows evaluated
  uint64_t with_error = 0;       // rows where some rule could not be computed
  uint64_t with_local_award = 0; // rows with a 本级 total other than [0, 0]
  std::vector<ClauseStats> clauses;
  std::vector<PayerStats> payers;

  void init(const Module& m);
  void add(const Module& m, const Evaluation& ev);
  void merge(const PolicyStats& o);
};

// The percentiles a summary reports (nearest rank).
inline constexpr unsigned kPercentiles[] = {10, 25, 50, 75, 90, 99};

// A constraint (约束) checked over the run: the average 本级 award of the rule's beneficiaries
// with an amount, [Σlo/n, Σhi/n], against the constant.
struct ConstraintResult {
  enum class Verdict : uint8_t {
    Met,          // holds for every amount the discretionary ranges allow
    Violated,     // holds for none
    Undetermined, // holds for some: it depends on amounts still to be decided
    Bound,        // the awards have no amount (金额未明确): the constraint bounds their total by n × value
    NoData,       // no beneficiary
    Overflow,
  };
  Verdict verdict = Verdict::NoData;
  uint64_t n = 0;                 // beneficiaries with an amount (Bound: all beneficiaries)
  std::string avg_lo, avg_hi;     // exact decimal text (a fraction when not finite)
  std::string bound;              // n × value, for Bound
};
ConstraintResult check_constraint(const Module& m, const ConstraintInfo& c, const PolicyStats& s);

}  // namespace zc::sim
