// Evaluation reports (see report.h).
#include "lib/report.h"

#include "base/json_text.h"
#include "base/units.h"
#include "runtime/vm/text.h"
#include "nlohmann/json.hpp"
#include "runtime/vm/totals.h"

namespace zc::lib {
namespace {

std::string payer_name(const Module& m, uint16_t p) { return p < m.payers.size() ? m.str(m.payers[p].name) : "?"; }

std::string dec(const Rational& r) { return r.to_decimal(2); }

nlohmann::json interval_json(const Interval& v) { return {{"min", dec(v.lo)}, {"max", dec(v.hi)}}; }

const char* status_name(RuleStatus s) {
  switch (s) {
    case RuleStatus::NotApplicable: return "not_applicable";
    case RuleStatus::Awarded: return "awarded";
    case RuleStatus::Excluded: return "excluded";
    case RuleStatus::Error: return "error";
  }
  return "?";
}

const char* kind_name(OutcomeKind k) {
  switch (k) {
    case OutcomeKind::None: return "none";
    case OutcomeKind::CaseByCase: return "case_by_case";
    case OutcomeKind::Unspecified: return "unspecified";
    case OutcomeKind::Deduction: return "deduction";
    case OutcomeKind::Benefit: return "benefit";
    case OutcomeKind::Amount: return "amount";
  }
  return "?";
}

}  // namespace

OutcomeKind outcome_kind(const RuleOutcome& o) {
  if (o.status != RuleStatus::Awarded) return OutcomeKind::None;
  if (o.case_by_case) return OutcomeKind::CaseByCase;
  if (o.unspecified) return OutcomeKind::Unspecified;
  if (o.deduction) return OutcomeKind::Deduction;
  if (!o.benefits.empty() && o.amounts.empty()) return OutcomeKind::Benefit;
  return OutcomeKind::Amount;
}

const char* role_name(PayerRole r) {
  switch (r) {
    case PayerRole::Local: return "local";
    case PayerRole::Upper: return "upper";
    case PayerRole::Other: return "other";
  }
  return "?";
}

std::string fact_type_text(const Module& m, const FactInfo& f) {
  switch (f.type) {
    case ValueType::Bool: return "是否";
    case ValueType::Money: return "金额";
    case ValueType::Rate: return "比例";
    case ValueType::Count: return f.unit == kNoString ? "数量" : "数量（" + m.str(f.unit) + "）";
    case ValueType::Option: {
      std::string s = "选项（";
      for (size_t i = 0; i < f.options.size(); ++i) s += (i ? "、" : "") + m.str(f.options[i]);
      return s + "）";
    }
    case ValueType::Date: return "日期";
    case ValueType::Points: return "分数";
  }
  return "?";
}

std::string evaluation_text(const Module& m, const Evaluation& ev, const ReportOptions& o) {
  const char* bold = o.color ? "\x1b[1m" : "";
  const char* dim = o.color ? "\x1b[2m" : "";
  const char* green = o.color ? "\x1b[32m" : "";
  const char* reset = o.color ? "\x1b[0m" : "";
  std::string s;
  s += bold + m.str(m.meta.title) + reset + "\n";
  std::string issuer = m.meta.issuer == kNoString ? "" : m.str(m.meta.issuer);
  std::string date = m.meta.date == kNoString ? "" : m.str(m.meta.date);
  if (!issuer.empty() || !date.empty()) s += issuer + (issuer.empty() || date.empty() ? "" : "　") + date + "\n";
  if (!o.facts_path.empty()) s += "申请人：" + o.facts_path + "\n";
  s += "\n";

  auto rule_head = [&](size_t r) {
    const RuleInfo& ri = m.rules[r];
    std::string art = ri.article == kNoString ? "" : m.str(ri.article) + " ";
    return art + "「" + m.str(ri.name) + "」";
  };

  size_t awarded = 0;
  std::vector<size_t> not_applicable;
  for (size_t r = 0; r < ev.rules.size(); ++r) {
    const RuleOutcome& out = ev.rules[r];
    if (out.status == RuleStatus::NotApplicable) {
      not_applicable.push_back(r);
      if (!o.all) continue;
    }
    if (out.status == RuleStatus::Awarded) ++awarded;
    std::string result = outcome_text(m, out);
    std::string who;
    if (out.status == RuleStatus::Awarded) {
      if (!out.amounts.empty()) {
        for (size_t i = 0; i < out.amounts.size(); ++i)
          who += (i ? "、" : "") + payer_name(m, out.amounts[i].payer) +
                 (out.amounts.size() > 1 ? " " + interval_money_text(out.amounts[i].amount) : "");
      } else if (out.payer != kNoIndex) {
        who = payer_name(m, out.payer);
      }
    }
    s += "  " + rule_head(r) + "  " + (out.status == RuleStatus::Awarded ? green : "") + result + reset;
    if (!who.empty()) s += "（" + who + "）";
    s += "\n";
    for (const PayerAmount& e : out.external) {
      s += std::string("      ") + dim + "在「" + payer_name(m, e.payer) + "」" + interval_money_text(e.amount) + "的基础上" + reset + "\n";
    }
    if (!out.amounts.empty())
      for (uint32_t b : out.benefits) s += "      ＋ " + m.str(b) + "\n";
    // A value read twice (by a condition and by the amount) is shown once.
    std::vector<const std::string*> shown;
    for (const std::string& t : out.trace) {
      bool again = false;
      for (const std::string* p : shown) again = again || *p == t;
      if (again) continue;
      shown.push_back(&t);
      s += std::string("      ") + dim + "· " + t + reset + "\n";
    }
    for (const std::string& n : out.group_notes) s += "      ※ " + n + "\n";
    if (m.rules[r].note != kNoString && out.status == RuleStatus::Awarded)
      s += std::string("      ") + dim + "说明：" + m.str(m.rules[r].note) + reset + "\n";
  }
  if (awarded == 0 && !o.all) s += "  （没有给予支持的规则）\n";
  if (!o.all && !not_applicable.empty()) {
    s += "\n不予支持（" + std::to_string(not_applicable.size()) + " 条）：";
    for (size_t i = 0; i < not_applicable.size(); ++i) s += (i ? "、" : "") + std::string("「") + m.str(m.rules[not_applicable[i]].name) + "」";
    s += "\n";
  }
  s += "\n" + std::string(bold) + "合计" + reset + "\n";
  bool any = false;
  for (size_t p = 0; p < m.payers.size(); ++p) {
    PayerTotal t = payer_total(ev, static_cast<uint16_t>(p));
    if (t.empty()) continue;
    any = true;
    std::string role = m.payers[p].role == PayerRole::Local ? "" : m.payers[p].role == PayerRole::Upper ? "（上级）" : "（其他方）";
    s += "  " + m.str(m.payers[p].name) + role + "：" + payer_total_text(t) + "\n";
  }
  if (!any) s += "  0元\n";
  make_valid_utf8(s);  // the facts file's name, as the user typed it
  return s;
}

std::string evaluation_json(const Module& m, const Evaluation& ev, const ReportOptions& o) {
  nlohmann::json j;
  j["version"] = 1;
  j["policy"] = m.str(m.meta.title);
  if (!o.facts_path.empty()) j["facts"] = o.facts_path;
  nlohmann::json rules = nlohmann::json::array();
  for (size_t r = 0; r < ev.rules.size(); ++r) {
    const RuleOutcome& out = ev.rules[r];
    const RuleInfo& ri = m.rules[r];
    nlohmann::json x;
    x["rule"] = m.str(ri.name);
    x["article"] = ri.article == kNoString ? "" : m.str(ri.article);
    x["status"] = status_name(out.status);
    x["kind"] = kind_name(outcome_kind(out));
    x["text"] = outcome_text(m, out);
    x["selective"] = out.selective;
    nlohmann::json amounts = nlohmann::json::array();
    for (const PayerAmount& pa : out.amounts) {
      nlohmann::json a = interval_json(pa.amount);
      a["payer"] = payer_name(m, pa.payer);
      a["role"] = role_name(m.payers[pa.payer].role);
      amounts.push_back(a);
    }
    x["amounts"] = amounts;
    nlohmann::json ext = nlohmann::json::array();
    for (const PayerAmount& pa : out.external) {
      nlohmann::json a = interval_json(pa.amount);
      a["payer"] = payer_name(m, pa.payer);
      ext.push_back(a);
    }
    x["external"] = ext;
    if (out.deduction) x["deduction"] = interval_json(*out.deduction);
    if (out.unspecified_max) x["unspecified_max"] = dec(out.unspecified_max->hi);
    if (out.payer != kNoIndex) x["payer"] = payer_name(m, out.payer);
    nlohmann::json ben = nlohmann::json::array();
    for (uint32_t b : out.benefits) ben.push_back(m.str(b));
    x["benefits"] = ben;
    if (out.branch != kNoIndex) x["branch"] = out.branch;
    x["trace"] = out.trace;
    x["group_notes"] = out.group_notes;
    if (out.status == RuleStatus::Error) {
      x["error"] = out.error == VmError::MissingFact ? "missing_fact" : "overflow";
      if (out.error == VmError::MissingFact && out.error_fact < m.facts.size()) x["missing_fact"] = m.str(m.facts[out.error_fact].name);
    }
    rules.push_back(x);
  }
  j["rules"] = rules;
  // A total includes the awards with no figure: min/max bound everything the payer may pay, each
  // 金额未明确 award counted as [0, its maximum]; max is null when one of them (or an 一事一议) has
  // no maximum. `unspecified` and `case_by_case` count them (docs/cli.md).
  nlohmann::json totals = nlohmann::json::array();
  for (size_t p = 0; p < m.payers.size(); ++p) {
    PayerTotal pt = payer_total(ev, static_cast<uint16_t>(p));
    nlohmann::json t = interval_json(pt.amount);
    if (!pt.bounded) t["max"] = nullptr;
    t["payer"] = m.str(m.payers[p].name);
    t["role"] = role_name(m.payers[p].role);
    t["unspecified"] = pt.unspecified;
    t["case_by_case"] = pt.case_by_case;
    totals.push_back(t);
  }
  j["totals"] = totals;
  j["complete"] = !ev.has_error;
  return json_text(j, 2);
}

}  // namespace zc::lib
