// 不重复 and 上限 groups and payer totals, applied to the rule outcomes of one evaluation.
// Rules are never re-run: groups only exclude members or reduce their amounts, and say so in
// RuleOutcome::group_notes. The order and the arithmetic are documented in docs/bytecode.md.
#include "runtime/vm/groups.h"

#include <fmt/format.h>

#include "base/units.h"

namespace zc {
namespace {

const Rational& min_of(const Rational& a, const Rational& b) { return b < a ? b : a; }

bool is_local(const Module& m, uint16_t payer) {
  return payer < m.payers.size() && m.payers[payer].role == PayerRole::Local;
}

// An award that cannot be represented turns its rule into an Overflow error.
void mark_overflow(RuleOutcome& r) {
  r.status = RuleStatus::Error;
  r.error = VmError::Overflow;
  r.amounts.clear();
  r.external.clear();
  r.deduction.reset();
  r.benefits.clear();
}

const std::string& name_of(const Module& m, uint32_t s) {
  static const std::string kNone = "?";
  return s < m.strings.size() ? m.strings[s] : kNone;
}

// What the applicant receives from a rule: every payer's part of its award (a selective one counted
// as [0, amount]), not only the 本级 parts — 就高 keeps the award that is higher for the applicant. An
// award split between 「区财政」 and 「市财政」 is 20万元 to the applicant even though 本级 pays 10万元 of it.
// (The higher-level awards a rule builds on, `external`, are not the rule's and do not count.)
bool whole_award(const RuleOutcome& r, Interval& out) {
  Interval sum = Interval::exact(Rational(0));
  for (const PayerAmount& pa : r.amounts) {
    std::optional<Interval> s = sum.add(r.selective ? pa.amount.upto() : pa.amount);
    if (!s) return false;
    sum = *s;
  }
  out = sum;
  return true;
}

void apply_nodup(const Module& m, const GroupInfo& g, Evaluation& ev) {
  int keep = -1;
  Interval best;
  size_t awarded = 0;
  for (uint16_t r : g.members) {
    RuleOutcome& o = ev.rules[r];
    if (o.status != RuleStatus::Awarded) continue;
    Interval c;
    if (!whole_award(o, c)) {
      mark_overflow(o);
      continue;
    }
    ++awarded;
    if (g.mode == NoDupMode::First) {
      if (keep < 0) keep = r;
      continue;
    }
    // 就高: the highest award by hi, then lo; ties keep the member listed first.
    if (keep < 0 || c.hi > best.hi || (c.hi == best.hi && c.lo > best.lo)) {
      keep = r;
      best = c;
    }
  }
  if (awarded <= 1) return;
  const char* how = g.mode == NoDupMode::First ? "优先" : "就高";
  std::string note = fmt::format("依「{}」不重复支持，{}保留「{}」", name_of(m, g.name), how,
                                 name_of(m, m.rules[static_cast<size_t>(keep)].name));
  for (uint16_t r : g.members) {
    RuleOutcome& o = ev.rules[r];
    if (o.status != RuleStatus::Awarded || r == keep) continue;
    o.status = RuleStatus::Excluded;
    o.group_notes.push_back(note);
  }
}

// Caps the members' Local amounts together, in member order, so that the members' intervals add up
// exactly to [min(Σlo, cap), min(Σhi, cap)]:
//  - low ends are filled greedily in order (each keeps what still fits);
//  - high ends are filled in order too, but each leaves room for the low ends of the members after
//    it, so no member ever ends with hi < lo and the sum of the intervals is the capped total.
// A selective member counts with a low end of 0 (it may not be granted).
// Example: [0, 500万] (最高2.5%) then [500万, 500万] under a 250万 cap gives [0, 0] and [250万, 250万]:
// the group pays exactly 250万元, whatever the discretionary member would have been.
void apply_cap(const Module& m, const GroupInfo& g, Evaluation& ev) {
  // Most applicants have no member that pays: nothing to cap, and nothing to allocate.
  bool any = false;
  for (uint16_t r : g.members) any = any || ev.rules[r].status == RuleStatus::Awarded;
  if (!any) return;
  const Rational cap = m.consts[g.cap];
  struct Item {
    RuleOutcome* o;
    PayerAmount* pa;
    Rational lo, hi;  // as filled
  };
  std::vector<Item> items;
  std::vector<std::pair<uint16_t, Interval>> before;
  for (uint16_t r : g.members) {
    RuleOutcome& o = ev.rules[r];
    if (o.status != RuleStatus::Awarded) continue;
    Interval b;
    if (!local_contribution(m, o, b)) {
      mark_overflow(o);
      continue;
    }
    before.emplace_back(r, b);
    for (PayerAmount& pa : o.amounts) {
      if (is_local(m, pa.payer)) items.push_back(Item{&o, &pa, Rational(0), Rational(0)});
    }
  }
  // Low ends, greedily.
  Rational rem = cap;
  for (Item& it : items) {
    Rational lo = it.o->selective ? Rational(0) : it.pa->amount.lo;
    it.lo = min_of(lo, rem);
    rem = *rem.sub(it.lo);  // INVARIANT: 0 <= it.lo <= rem, so no overflow
  }
  // High ends, leaving room for the later members' low ends.
  Rational later_lo(0);
  for (const Item& it : items) later_lo = *later_lo.add(it.lo);  // INVARIANT: the sum is <= cap
  Rational used_hi(0);
  for (Item& it : items) {
    later_lo = *later_lo.sub(it.lo);
    std::optional<Rational> room = cap.sub(used_hi);
    if (room) room = room->sub(later_lo);
    if (!room) {
      mark_overflow(*it.o);
      continue;
    }
    it.hi = min_of(it.pa->amount.hi, *room);
    used_hi = *used_hi.add(it.hi);  // INVARIANT: used_hi stays <= cap
    Rational lo = it.o->selective ? min_of(it.pa->amount.lo, it.hi) : it.lo;
    it.pa->amount = Interval{lo, it.hi};
  }
  for (const auto& [r, b] : before) {
    RuleOutcome& o = ev.rules[r];
    if (o.status != RuleStatus::Awarded) continue;
    Interval after;
    if (!local_contribution(m, o, after)) {
      mark_overflow(o);
      continue;
    }
    if (after != b) {
      o.group_notes.push_back(fmt::format("受「{}」合计上限{}限制，由{}减为{}", name_of(m, g.name), money_text(cap),
                                          interval_money_text(b), interval_money_text(after)));
    }
  }
}

// Adds one rule's amounts to the totals, all or nothing.
bool add_to_totals(const RuleOutcome& o, std::vector<Interval>& totals) {
  for (size_t k = 0; k < o.amounts.size(); ++k) {
    const PayerAmount& pa = o.amounts[k];
    Interval a = o.selective ? pa.amount.upto() : pa.amount;
    std::optional<Interval> sum = totals[pa.payer].add(a);
    if (!sum) {
      // Undo the amounts already added: going back to earlier representable sums cannot overflow.
      for (size_t j = 0; j < k; ++j) {
        const PayerAmount& pb = o.amounts[j];
        Interval b = o.selective ? pb.amount.upto() : pb.amount;
        totals[pb.payer] = *totals[pb.payer].sub(b);
      }
      return false;
    }
    totals[pa.payer] = *sum;
  }
  return true;
}

}  // namespace

bool local_contribution(const Module& m, const RuleOutcome& r, Interval& out) {
  Interval sum = Interval::exact(Rational(0));
  for (const PayerAmount& pa : r.amounts) {
    if (!is_local(m, pa.payer)) continue;
    std::optional<Interval> s = sum.add(r.selective ? pa.amount.upto() : pa.amount);
    if (!s) return false;
    sum = *s;
  }
  out = sum;
  return true;
}

void apply_groups_and_totals(const Module& m, Evaluation& ev) {
  for (const GroupInfo& g : m.groups) {
    if (g.kind == GroupKind::NoDup) apply_nodup(m, g, ev);
  }
  for (const GroupInfo& g : m.groups) {
    if (g.kind == GroupKind::Cap) apply_cap(m, g, ev);
  }
  ev.payer_totals.assign(m.payers.size(), Interval::exact(Rational(0)));
  for (RuleOutcome& o : ev.rules) {
    if (o.status == RuleStatus::Awarded && !add_to_totals(o, ev.payer_totals)) mark_overflow(o);
  }
  ev.has_error = false;
  for (const RuleOutcome& o : ev.rules) ev.has_error = ev.has_error || o.status == RuleStatus::Error;
}

}  // namespace zc
