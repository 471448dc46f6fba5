// Payer totals with the awards that carry no figure (see totals.h).
#include "runtime/vm/totals.h"

#include "base/units.h"

namespace zc {

PayerTotal payer_total(const Evaluation& ev, uint16_t payer) {
  PayerTotal out;
  out.amount = payer < ev.payer_totals.size() ? ev.payer_totals[payer] : Interval::exact(Rational(0));
  for (const RuleOutcome& o : ev.rules) {
    if (o.status != RuleStatus::Awarded || o.payer != payer) continue;
    if (o.case_by_case) {
      ++out.case_by_case;
      out.bounded = false;
    } else if (o.unspecified) {
      ++out.unspecified;
      if (!o.unspecified_max) {
        out.bounded = false;
        continue;
      }
      std::optional<Rational> s = out.unspecified_max.add(o.unspecified_max->hi);
      if (s) out.unspecified_max = *s;
      else out.bounded = false;
    }
  }
  std::optional<Rational> hi = out.amount.hi.add(out.unspecified_max);
  if (hi) out.amount.hi = *hi;
  else out.bounded = false;
  return out;
}

std::string payer_total_text(const PayerTotal& t) {
  if (t.unspecified == 0 && t.case_by_case == 0) return interval_money_text(t.amount);
  std::string parts;
  if (t.unspecified) parts += "金额未明确 " + std::to_string(t.unspecified) + " 项";
  if (t.case_by_case) parts += std::string(parts.empty() ? "" : "、") + "一事一议 " + std::to_string(t.case_by_case) + " 项";
  if (t.bounded) return interval_money_text(t.amount) + "（含" + parts + "）";
  std::string least = t.amount.lo.sign() == 0 ? "金额未定" : "至少" + money_text(t.amount.lo);
  return least + "（含" + parts + "，无上限）";
}

}  // namespace zc
