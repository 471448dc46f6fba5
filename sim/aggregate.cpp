// Accumulating evaluations into per-clause and per-payer statistics, and checking constraints
// (aggregate.h). Every count is an integer and every sum exact, so merging in any order gives the
// same statistics.
#include "sim/aggregate.h"

namespace zc::sim {
namespace {

bool is_zero(const Interval& v) { return v.lo.sign() == 0 && v.hi.sign() == 0; }

bool is_local(const Module& m, uint16_t payer) { return payer < m.payers.size() && m.payers[payer].role == PayerRole::Local; }

}  // namespace

void PolicyStats::init(const Module& m) {
  clauses.clear();
  clauses.resize(m.rules.size());
  for (ClauseStats& c : clauses) c.by_payer.resize(m.payers.size());
  payers.clear();
  payers.resize(m.payers.size());
}

void PolicyStats::add(const Module& m, const Evaluation& ev) {
  ++applicants;
  if (ev.has_error) ++with_error;
  for (size_t r = 0; r < ev.rules.size(); ++r) {
    const RuleOutcome& o = ev.rules[r];
    ClauseStats& c = clauses[r];
    switch (o.status) {
      case RuleStatus::NotApplicable:
        continue;
      case RuleStatus::Excluded:
        ++c.excluded;
        continue;
      case RuleStatus::Error:
        ++c.errors;
        ++c.missing[o.error == VmError::MissingFact ? o.error_fact : kNoIndex];
        continue;
      case RuleStatus::Awarded:
        break;
    }
    ++c.awarded;
    c.selective += o.selective;
    c.case_by_case += o.case_by_case;
    c.unspecified += o.unspecified;
    c.benefit += !o.benefits.empty();
    c.capped += !o.group_notes.empty();
    if (o.deduction) {
      ++c.deduction;
      c.deductions.add(*o.deduction);
    }
    Interval local = Interval::exact(Rational(0));
    bool has_local = false, fits = true;
    for (const PayerAmount& pa : o.amounts) {
      // As in the totals: a selective award may not be granted, so it counts as [0, hi].
      Interval a = o.selective ? pa.amount.upto() : pa.amount;
      c.by_payer[pa.payer].add(a);
      if (!is_local(m, pa.payer)) continue;
      has_local = true;
      std::optional<Interval> s = local.add(a);
      fits = fits && s.has_value();
      if (s) local = *s;
    }
    if (has_local && fits) {
      ++c.with_amount;
      c.local.add(local);
      c.dist.add(local);
    }
  }
  bool local_award = false;
  for (size_t p = 0; p < ev.payer_totals.size(); ++p) {
    const Interval& t = ev.payer_totals[p];
    if (is_zero(t)) continue;
    PayerStats& ps = payers[p];
    ++ps.beneficiaries;
    ps.total.add(t);
    ps.dist.add(t);
    local_award = local_award || is_local(m, static_cast<uint16_t>(p));
  }
  with_local_award += local_award;
}

void PolicyStats::merge(const PolicyStats& o) {
  applicants += o.applicants;
  with_error += o.with_error;
  with_local_award += o.with_local_award;
  for (size_t r = 0; r < clauses.size(); ++r) {
    ClauseStats& c = clauses[r];
    const ClauseStats& x = o.clauses[r];
    c.awarded += x.awarded;
    c.selective += x.selective;
    c.with_amount += x.with_amount;
    c.case_by_case += x.case_by_case;
    c.unspecified += x.unspecified;
    c.benefit += x.benefit;
    c.deduction += x.deduction;
    c.excluded += x.excluded;
    c.capped += x.capped;
    c.errors += x.errors;
    for (const auto& [f, n] : x.missing) c.missing[f] += n;
    for (size_t p = 0; p < c.by_payer.size(); ++p) c.by_payer[p].merge(x.by_payer[p]);
    c.local.merge(x.local);
    c.dist.merge(x.dist);
    c.deductions.merge(x.deductions);
  }
  for (size_t p = 0; p < payers.size(); ++p) {
    payers[p].beneficiaries += o.payers[p].beneficiaries;
    payers[p].total.merge(o.payers[p].total);
    payers[p].dist.merge(o.payers[p].dist);
  }
}

ConstraintResult check_constraint(const Module& m, const ConstraintInfo& c, const PolicyStats& s) {
  using V = ConstraintResult::Verdict;
  ConstraintResult out;
  if (c.rule == kNoIndex || c.rule >= s.clauses.size()) return out;
  const ClauseStats& cs = s.clauses[c.rule];
  const Rational& value = m.consts[c.value];
  if (cs.with_amount == 0) {
    if (cs.awarded == 0) return out;
    // No amounts to average (金额未明确): the constraint is what bounds the total.
    out.verdict = V::Bound;
    out.n = cs.awarded;
    std::optional<Rational> total = value.mul(Rational(static_cast<int64_t>(cs.awarded)));
    if (!total) {
      out.verdict = V::Overflow;
      return out;
    }
    out.bound = total->to_decimal();
    return out;
  }
  out.n = cs.with_amount;
  out.avg_lo = cs.local.lo.divided_text(out.n);
  out.avg_hi = cs.local.hi.divided_text(out.n);
  std::optional<int> lo = cs.local.lo.compare(value, out.n);
  std::optional<int> hi = cs.local.hi.compare(value, out.n);
  if (!lo || !hi) {
    out.verdict = V::Overflow;
    return out;
  }
  // The average lies somewhere in [lo, hi] (compared with the value here).
  bool all = false, none = false;
  switch (c.op) {
    case CmpOp::Le: all = *hi <= 0; none = *lo > 0; break;
    case CmpOp::Lt: all = *hi < 0; none = *lo >= 0; break;
    case CmpOp::Ge: all = *lo >= 0; none = *hi < 0; break;
    case CmpOp::Gt: all = *lo > 0; none = *hi <= 0; break;
    case CmpOp::Eq: all = *lo == 0 && *hi == 0; none = *lo > 0 || *hi < 0; break;
  }
  out.verdict = all ? V::Met : (none ? V::Violated : V::Undetermined);
  return out;
}

}  // namespace zc::sim
