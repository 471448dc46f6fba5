// Evaluation reports (see report.h).
#include "lib/report.h"

#include <cstdio>

#include "base/external_text.h"
#include "base/json_plain.h"
#include "base/utf8.h"
#include "base/units.h"
#include "runtime/vm/text.h"
#include "runtime/vm/totals.h"

namespace zc::lib {
namespace {

std::string payer_name(const Module& m, uint16_t p) { return p < m.payers.size() ? m.str(m.payers[p].name) : "?"; }

std::string dec(const Rational& r) { return r.to_decimal(2); }


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

// The JSON report is written directly, not built as a document first: a server answers thousands of
// evaluations a second with it. It is byte for byte what nlohmann::json's dump(2) prints for the
// same document — keys in sorted order, two-space indentation, empty arrays as [], strings made
// valid UTF-8 and escaped as nlohmann escapes them — and a test (serve_tests, Api.RunJsonIsWhatNlohmannPrints) parses the output and
// dumps it again to prove it.
namespace {

class PrettyJson {
 public:
  // `compact`: one line, as dump() without indentation prints it.
  PrettyJson(std::string& out, bool compact) : s_(out), compact_(compact) {}
  void open(char c) {
    s_ += c;
    first_.push_back(true);
  }
  void close(char c) {
    bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    s_ += c;
  }
  void key(const char* k) {
    element();
    s_ += '"';
    s_ += k;
    s_ += compact_ ? "\":" : "\": ";
  }
  void element() {
    if (!first_.back()) s_ += ',';
    first_.back() = false;
    newline();
  }
  void str(const std::string& v) {
    if (!escaped(v)) escaped(valid_utf8(v));
  }
  void raw(const char* v) { s_ += v; }
  void raw(const std::string& v) { s_ += v; }
  void boolean(bool b) { s_ += b ? "true" : "false"; }
  void number(uint64_t n) { s_ += std::to_string(n); }
  void interval_members(const Interval& v) {  // "max", "min": the first two keys in sorted order
    key("max");
    str(dec(v.hi));
    key("min");
    str(dec(v.lo));
  }
  void strings(const std::vector<std::string>& v) {
    open('[');
    for (const std::string& x : v) {
      element();
      str(x);
    }
    close(']');
  }

 private:
  void newline() {
    if (compact_) return;
    s_ += '\n';
    s_.append(2 * first_.size(), ' ');
  }
  // Appends `v` quoted and escaped; false (with nothing appended) when it is not valid UTF-8. One
  // pass: runs of plain bytes (base/json_plain.h) are checked as UTF-8 and copied whole.
  bool escaped(const std::string& v) {
    size_t mark = s_.size();
    s_ += '"';
    const size_t n = v.size();
    for (size_t i = 0; i < n;) {
      const size_t end = json_plain_run_end(v, i);
      if (end > i) {
        if (utf8_first_invalid(std::string_view(v).substr(i, end - i))) return undo(mark);
        s_.append(v, i, end - i);
        i = end;
        if (i == n) break;
      }
      char c = v[i++];
      switch (c) {
        case '"': s_ += "\\\""; break;
        case '\\': s_ += "\\\\"; break;
        case '\b': s_ += "\\b"; break;
        case '\f': s_ += "\\f"; break;
        case '\n': s_ += "\\n"; break;
        case '\r': s_ += "\\r"; break;
        case '\t': s_ += "\\t"; break;
        default: {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          s_ += buf;
        }
      }
    }
    s_ += '"';
    return true;
  }
  bool undo(size_t mark) {
    s_.resize(mark);
    return false;
  }
  std::string& s_;
  bool compact_;
  std::vector<bool> first_;
};

// One rule's object. INVARIANT: it reads nothing but `x` and the module, so the object of a rule
// whose outcome equals RuleOutcome{} (does not apply, nothing else to say) is the same for every
// applicant: JsonTemplate keeps it, written by this function.
void write_rule(PrettyJson& w, const Module& m, size_t r, const RuleOutcome& x, const JsonTemplate* t) {
  const RuleInfo& ri = m.rules[r];
  // A payer's name, quoted and escaped once per module when there is a template.
  auto payer = [&](uint16_t p) {
    if (t && p < t->payers.size()) w.raw(t->payers[p]);
    else w.str(payer_name(m, p));
  };
  w.open('{');
  w.key("amounts");
  w.open('[');
  for (const PayerAmount& pa : x.amounts) {
    w.element();
    w.open('{');
    w.interval_members(pa.amount);
    w.key("payer");
    payer(pa.payer);
    w.key("role");
    w.raw("\"");
    w.raw(role_name(m.payers[pa.payer].role));
    w.raw("\"");
    w.close('}');
  }
  w.close(']');
  w.key("article");
  if (t) w.raw(t->articles[r]);
  else w.str(ri.article == kNoString ? "" : m.str(ri.article));
  w.key("benefits");
  w.open('[');
  for (uint32_t b : x.benefits) {
    w.element();
    w.str(m.str(b));
  }
  w.close(']');
  if (x.branch != kNoIndex) {
    w.key("branch");
    w.number(x.branch);
  }
  if (x.deduction) {
    w.key("deduction");
    w.open('{');
    w.interval_members(*x.deduction);
    w.close('}');
  }
  if (x.status == RuleStatus::Error) {
    w.key("error");
    w.raw(x.error == VmError::MissingFact ? "\"missing_fact\"" : "\"overflow\"");
  }
  w.key("external");
  w.open('[');
  for (const PayerAmount& pa : x.external) {
    w.element();
    w.open('{');
    w.interval_members(pa.amount);
    w.key("payer");
    payer(pa.payer);
    w.close('}');
  }
  w.close(']');
  w.key("group_notes");
  w.strings(x.group_notes);
  w.key("kind");
  w.raw("\"");
  w.raw(kind_name(outcome_kind(x)));
  w.raw("\"");
  if (x.status == RuleStatus::Error && x.error == VmError::MissingFact && x.error_fact < m.facts.size()) {
    w.key("missing_fact");
    w.str(m.str(m.facts[x.error_fact].name));
  }
  if (x.payer != kNoIndex) {
    w.key("payer");
    payer(x.payer);
  }
  w.key("rule");
  if (t) w.raw(t->rules[r]);
  else w.str(m.str(ri.name));
  w.key("selective");
  w.boolean(x.selective);
  w.key("status");
  w.raw("\"");
  w.raw(status_name(x.status));
  w.raw("\"");
  w.key("text");
  w.str(outcome_text(m, x));
  w.key("trace");
  w.strings(x.trace);
  if (x.unspecified_max) {
    w.key("unspecified_max");
    w.str(dec(x.unspecified_max->hi));
  }
  w.close('}');
}

// `s` as the writer prints a string value: quoted, escaped, made valid UTF-8.
std::string quoted(const std::string& s) {
  std::string out;
  PrettyJson w(out, true);
  w.str(s);
  return out;
}

}  // namespace

JsonTemplate::JsonTemplate(const Module& m) {
  title = quoted(m.str(m.meta.title));
  for (size_t r = 0; r < m.rules.size(); ++r) {
    rules.push_back(quoted(m.str(m.rules[r].name)));
    articles.push_back(quoted(m.rules[r].article == kNoString ? "" : m.str(m.rules[r].article)));
  }
  for (const PayerInfo& p : m.payers) payers.push_back(quoted(m.str(p.name)));
  // Written last: write_rule reads the quoted names above.
  for (size_t r = 0; r < m.rules.size(); ++r) {
    std::string rule;
    PrettyJson w(rule, true);
    write_rule(w, m, r, RuleOutcome{}, this);
    plain_rules.push_back(std::move(rule));
  }
}

void append_evaluation_json(std::string& out, const Module& m, const Evaluation& ev, const ReportOptions& o, const JsonTemplate* t) {
  out.reserve(out.size() + 512 + (o.compact_json ? 256 : 400) * ev.rules.size());
  PrettyJson w(out, o.compact_json);
  w.open('{');
  w.key("complete");
  w.boolean(!ev.has_error);
  if (!o.facts_path.empty()) {
    w.key("facts");
    w.str(o.facts_path);
  }
  w.key("policy");
  if (t) w.raw(t->title);
  else w.str(m.str(m.meta.title));
  w.key("rules");
  w.open('[');
  static const RuleOutcome kPlain{};
  for (size_t r = 0; r < ev.rules.size(); ++r) {
    w.element();
    // INVARIANT: the template's objects are compact, so they serve only a compact report.
    if (t && o.compact_json && ev.rules[r] == kPlain) w.raw(t->plain_rules[r]);
    else write_rule(w, m, r, ev.rules[r], t);
  }
  w.close(']');
  // A total includes the awards with no figure: min/max bound everything the payer may pay, each
  // 金额未明确 award counted as [0, its maximum]; max is null when one of them (or an 一事一议) has
  // no maximum. `unspecified` and `case_by_case` count them (docs/cli.md).
  w.key("totals");
  w.open('[');
  for (size_t p = 0; p < m.payers.size(); ++p) {
    PayerTotal pt = payer_total(ev, static_cast<uint16_t>(p));
    w.element();
    w.open('{');
    w.key("case_by_case");
    w.number(pt.case_by_case);
    w.key("max");
    if (pt.bounded) w.str(dec(pt.amount.hi));
    else w.raw("null");
    w.key("min");
    w.str(dec(pt.amount.lo));
    w.key("payer");
    if (t) w.raw(t->payers[p]);
    else w.str(m.str(m.payers[p].name));
    w.key("role");
    w.raw("\"");
    w.raw(role_name(m.payers[p].role));
    w.raw("\"");
    w.key("unspecified");
    w.number(pt.unspecified);
    w.close('}');
  }
  w.close(']');
  w.key("version");
  w.number(1);
  w.close('}');
}

std::string evaluation_json(const Module& m, const Evaluation& ev, const ReportOptions& o) {
  std::string out;
  append_evaluation_json(out, m, ev, o, nullptr);
  return out;
}

}  // namespace zc::lib
