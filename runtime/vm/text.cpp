// A typed value of a Module, and a rule's outcome, as text (see text.h): the VM's traces, the reports
// and the tester show facts and results with it. The figures themselves are read by base/units.h, the one money formatter.
#include "runtime/vm/text.h"

#include "base/units.h"

namespace zc {

std::string value_text(const Module& m, ValueType t, uint32_t unit, const Interval& v) {
  switch (t) {
    case ValueType::Money:
      return interval_money_text(v);
    case ValueType::Rate:
      return v.is_exact() ? rate_text(v.lo) : rate_text(v.lo) + "至" + rate_text(v.hi);
    case ValueType::Count: {
      std::string u = unit < m.strings.size() ? m.strings[unit] : std::string();
      if (v.is_exact()) return v.lo.to_decimal() + u;
      return v.lo.to_decimal() + u + "至" + v.hi.to_decimal() + u;
    }
    case ValueType::Points:
      if (v.is_exact()) return v.lo.to_decimal() + "分";
      return v.lo.to_decimal() + "分至" + v.hi.to_decimal() + "分";
    case ValueType::Date:
      return v.is_exact() ? date_text(v.lo) : date_text(v.lo) + "至" + date_text(v.hi);
    case ValueType::Bool:
      return v.lo.sign() != 0 ? "是" : "否";
    case ValueType::Option:
      return number_text(v);
  }
  return number_text(v);
}

// A rule's amount (payer < 0): what this policy's own payers (本级) pay in it; a rule that only a
// 上级 or 其他方 pays (「省财政」给予10万元) is what that payer pays, never 0元 beside a total of
// 10万元. Or one payer's part (including the part a higher level pays in an award made on top of it).
Interval rule_amount(const Module& m, const RuleOutcome& o, int payer) {
  Interval total = Interval::exact(Rational(0));
  bool any_local = false;
  for (const PayerAmount& pa : o.amounts) any_local = any_local || m.payers[pa.payer].role == PayerRole::Local;
  for (const PayerAmount& pa : o.amounts) {
    bool counts = payer >= 0 ? pa.payer == payer : !any_local || m.payers[pa.payer].role == PayerRole::Local;
    if (!counts) continue;
    if (auto s = total.add(pa.amount)) total = *s;
  }
  if (payer >= 0) {
    for (const PayerAmount& pa : o.external) {
      if (pa.payer != payer) continue;
      if (auto s = total.add(pa.amount)) total = *s;
    }
  }
  return total;
}

std::string outcome_text(const Module& m, const RuleOutcome& o) {
  switch (o.status) {
    case RuleStatus::NotApplicable: return "不予支持";
    case RuleStatus::Excluded: return "不重复（未予支持）";
    case RuleStatus::Error: return "无法计算";
    case RuleStatus::Awarded: break;
  }
  const std::string sel = o.selective ? "择优" : "";
  if (o.case_by_case) return sel + "一事一议";
  if (o.unspecified) return sel + (o.unspecified_max ? "金额未明确（最高" + money_text(o.unspecified_max->hi) + "）" : "金额未明确");
  if (o.deduction) return "扣除" + interval_money_text(*o.deduction);
  if (!o.benefits.empty() && o.amounts.empty()) {
    std::string s = sel + "适用（";
    for (size_t i = 0; i < o.benefits.size(); ++i) s += (i ? "；" : "") + m.str(o.benefits[i]);
    return s + "）";
  }
  return std::string(o.selective ? "择优" : "") + interval_money_text(rule_amount(m, o));
}

}  // namespace zc
