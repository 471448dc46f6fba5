// Rendering a SimResult (summary.h): a table per policy of payers and clauses with beneficiaries,
// exact totals and percentiles, then constraint verdicts; or the same as JSON. Totals are intervals
// [Σmin, Σmax]; a percentile is the interval between the percentile of the awards' low ends and that
// of their high ends (each exact, or a bracket when a counter had to bucket, see exact.h).
#include "sim/summary.h"

#include <fmt/format.h>

#include "base/json_text.h"
#include "base/units.h"
#include "base/utf8.h"
#include "nlohmann/json.hpp"

namespace zc::sim {
namespace {

using json = nlohmann::ordered_json;

const char* tr(const SummaryOptions& o, const char* zh, const char* en) { return o.english ? en : zh; }
// Text in brackets and a list separator, in the summary's language.
std::string paren(const SummaryOptions& o, const std::string& s) { return o.english ? " (" + s + ")" : "（" + s + "）"; }
const char* comma(const SummaryOptions& o) { return o.english ? ", " : "，"; }

std::string money(const std::optional<Rational>& v, const ExactSum& s) {
  return v ? money_column_text(*v) : s.text() + "元";
}
std::string sum_text(const SumPair& p) {
  std::optional<Rational> lo = p.lo.value(), hi = p.hi.value();
  if (lo && hi) return interval_money_column_text(Interval{*lo, *hi});
  return money(lo, p.lo) + "至" + money(hi, p.hi);
}

// The p-th percentile of a distribution as an interval (see the file comment).
std::optional<Interval> pct(const CounterPair& d, unsigned p) {
  auto lo = d.lo().percentile(p);
  auto hi = d.hi().percentile(p);
  if (!lo || !hi) return std::nullopt;
  return Interval{lo->lo, hi->hi};
}
std::string pct_text(const CounterPair& d, unsigned p) {
  auto v = pct(d, p);
  return v ? interval_money_column_text(*v) : "—";
}
std::string max_text(const CounterPair& d) {
  auto lo = d.lo().max();
  auto hi = d.hi().max();
  return lo && hi ? interval_money_column_text(Interval{*lo, *hi}) : "—";
}

std::string pad(const std::string& s, int width, bool right = false) {
  int w = display_width(s);
  std::string fill(static_cast<size_t>(std::max(0, width - w)), ' ');
  return right ? fill + s : s + fill;
}

struct Table {
  std::vector<std::vector<std::string>> rows;  // rows[0] is the header
  std::vector<std::string> notes;              // one optional line under each body row
  std::string render(const std::string& indent) const {
    std::vector<int> w(rows[0].size(), 0);
    for (const auto& r : rows) {
      for (size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], display_width(r[c]));
    }
    std::string out;
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string line = indent;
      for (size_t c = 0; c < rows[i].size(); ++c) line += (c ? "  " : "") + pad(rows[i][c], w[c], c > 0);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
      if (i > 0 && !notes[i - 1].empty()) out += indent + "  " + notes[i - 1] + "\n";
    }
    return out;
  }
};

const char* role_text(PayerRole r, const SummaryOptions& o) {
  switch (r) {
    case PayerRole::Local: return tr(o, "本级", "local");
    case PayerRole::Upper: return tr(o, "上级", "higher level");
    case PayerRole::Other: return tr(o, "其他方", "third party");
  }
  return "";
}

const char* role_key(PayerRole r) {
  return r == PayerRole::Local ? "local" : (r == PayerRole::Upper ? "upper" : "other");
}

std::string op_text(CmpOp op) {
  switch (op) {
    case CmpOp::Lt: return "<";
    case CmpOp::Le: return "≤";
    case CmpOp::Gt: return ">";
    case CmpOp::Ge: return "≥";
    case CmpOp::Eq: return "=";
  }
  return "";
}

const char* verdict_key(ConstraintResult::Verdict v) {
  using V = ConstraintResult::Verdict;
  switch (v) {
    case V::Met: return "met";
    case V::Violated: return "violated";
    case V::Undetermined: return "undetermined";
    case V::Bound: return "bound";
    case V::NoData: return "no_data";
    case V::Overflow: return "overflow";
  }
  return "";
}

std::string clause_note(const Module& m, const ClauseStats& c, const SummaryOptions& o) {
  std::vector<std::string> parts;
  auto add = [&](uint64_t n, const char* zh, const char* en) {
    if (n > 0) parts.push_back(fmt::format("{} {}", tr(o, zh, en), n));
  };
  add(c.selective, "择优", "selective");
  add(c.case_by_case, "一事一议", "case by case");
  add(c.unspecified, "金额未明确", "amount unspecified");
  add(c.benefit, "待遇", "benefit");
  add(c.deduction, "扣除", "deduction");
  add(c.excluded, "不重复未支持", "excluded (no duplication)");
  add(c.capped, "受上限削减", "reduced by a cap");
  if (c.errors > 0) {
    std::string why;
    for (const auto& [f, n] : c.missing) {
      std::string what = f == kNoIndex ? tr(o, "溢出", "overflow") : (tr(o, "缺「", "missing `") + m.str(m.facts[f].name) + tr(o, "」", "`"));
      why += (why.empty() ? "" : tr(o, "，", ", ")) + what + " " + std::to_string(n);
    }
    parts.push_back(fmt::format("{} {}", tr(o, "无法计算", "not computable"), c.errors) + paren(o, why));
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : tr(o, "，", ", ")) + p;
  return out.empty() ? out : "· " + out;
}

std::string constraint_text(const Module& m, const ConstraintInfo& c, const ConstraintResult& r, const SummaryOptions& o) {
  using V = ConstraintResult::Verdict;
  std::string value = money_text(m.consts[c.value]);
  std::string head = "「" + m.str(c.name) + "」" + (c.article != kNoString ? paren(o, m.str(c.article)) : "") + tr(o, "：", ": ") +
                     (c.text != kNoString ? m.str(c.text) : "");
  std::string v;
  switch (r.verdict) {
    case V::Met:
    case V::Violated:
    case V::Undetermined: {
      const char* word = r.verdict == V::Met ? tr(o, "满足", "met") : (r.verdict == V::Violated ? tr(o, "违反", "violated") : tr(o, "待定", "undetermined"));
      auto as_money = [](const std::string& d) {
        std::optional<Rational> x = parse_decimal(d);
        return x ? money_text(*x) : d + "元";
      };
      std::string avg = r.avg_lo == r.avg_hi ? as_money(r.avg_lo) : as_money(r.avg_lo) + "至" + as_money(r.avg_hi);
      v = fmt::format("{}{} {} {}", tr(o, "平均 ", "average "), avg, op_text(c.op), value) +
          paren(o, fmt::format("{} {}", r.n, tr(o, "个受益者", "beneficiaries"))) + " → " + word;
      if (r.verdict == V::Undetermined) v += tr(o, "：取决于尚未确定的金额", ": depends on amounts still to be decided");
      break;
    }
    case V::Bound: {
      std::optional<Rational> total = m.consts[c.value].mul(Rational(static_cast<int64_t>(r.n)));
      v = fmt::format("{} {}{} {} {} × {} = {}", r.n,
                      tr(o, "个受益者的金额未明确，约束给出其合计：", "beneficiaries have no stated amount; the constraint bounds their total: "),
                      tr(o, "合计", "total"), op_text(c.op), r.n, value, total ? money_text(*total) : r.bound + "元");
      break;
    }
    case V::NoData:
      v = tr(o, "无受益者，无法检验", "no beneficiary: nothing to check");
      break;
    case V::Overflow:
      v = tr(o, "计算溢出，无法检验", "overflow: cannot check");
      break;
  }
  return head + "\n      " + v;
}

json sum_json(const SumPair& s) { return json{{"min", s.lo.text()}, {"max", s.hi.text()}}; }

json dist_json(const CounterPair& d) {
  json out;
  out["count"] = d.hi().count();
  auto lo = d.lo().min();
  auto hi = d.hi().max();
  out["min"] = lo ? json(lo->to_decimal()) : json(nullptr);
  out["max"] = hi ? json(hi->to_decimal()) : json(nullptr);
  out["exact"] = d.lo().exact() && d.hi().exact();
  json ps = json::array();
  for (unsigned p : kPercentiles) {
    auto v = pct(d, p);
    json e = {{"p", p}};
    e["min"] = v ? json(v->lo.to_decimal()) : json(nullptr);
    e["max"] = v ? json(v->hi.to_decimal()) : json(nullptr);
    ps.push_back(e);
  }
  out["percentiles"] = ps;
  return out;
}

}  // namespace

std::string summary_text(const std::vector<SimPolicy>& policies, const SimResult& r, const SummaryOptions& o) {
  std::string out;
  out += tr(o, "模拟：登记册 ", "Simulation: registry ") + o.input +
         paren(o, fmt::format("{} {}{}{} {}", tr(o, "引擎", "engine"), engine_name(r.engine), comma(o), r.threads, tr(o, "个线程", "threads"))) + "\n";
  out += fmt::format("{} {}{}{} {}{}{} {}{}{} {}\n", tr(o, "数据行", "rows"), r.rows, comma(o), tr(o, "已求值", "evaluated"), r.evaluated,
                     comma(o), tr(o, "坏行", "bad rows"), r.bad_rows, comma(o), tr(o, "含无法计算规则的行", "rows with a rule not computable"),
                     r.rows_with_errors);
  if (!r.ignored_columns.empty()) {
    std::string cols;
    for (size_t i = 0; i < std::min<size_t>(r.ignored_columns.size(), 3); ++i) cols += (i ? "、" : "") + ("「" + r.ignored_columns[i] + "」");
    if (r.ignored_columns.size() > 3) cols += fmt::format(fmt::runtime(tr(o, "等 {} 列", " and {} more")), r.ignored_columns.size() - 3);
    out += tr(o, "未用到的列（已忽略）：", "columns no policy uses (ignored): ") + cols + "\n";
  }
  for (size_t p = 0; p < policies.size(); ++p) {
    const Module& m = *policies[p].module;
    const PolicyStats& s = r.stats[p];
    out += "\n━━ " + (m.meta.title != kNoString ? m.str(m.meta.title) : policies[p].name) + paren(o, policies[p].name) + "\n";
    out += fmt::format("{} {}{}{} {}\n\n", tr(o, "申请人", "applicants"), s.applicants, comma(o), tr(o, "获本级资助", "with a local award"),
                       s.with_local_award);

    Table payers;
    payers.rows.push_back({tr(o, "出资方", "payer"), tr(o, "受益数", "beneficiaries"), tr(o, "合计", "total"), "P50", "P90",
                           tr(o, "最高", "max")});
    for (size_t k = 0; k < m.payers.size(); ++k) {
      const PayerStats& ps = s.payers[k];
      payers.rows.push_back({m.str(m.payers[k].name) + paren(o, role_text(m.payers[k].role, o)), std::to_string(ps.beneficiaries),
                             sum_text(ps.total), pct_text(ps.dist, 50), pct_text(ps.dist, 90), max_text(ps.dist)});
      payers.notes.emplace_back();
    }
    out += payers.render("  ") + "\n";

    Table clauses;
    clauses.rows.push_back({tr(o, "条款", "clause"), tr(o, "受益数", "beneficiaries"), tr(o, "合计（本级）", "total (local)"), "P50", "P90",
                            "P99", tr(o, "最高", "max")});
    for (size_t k = 0; k < m.rules.size(); ++k) {
      const ClauseStats& c = s.clauses[k];
      const RuleInfo& ri = m.rules[k];
      std::string name = (ri.article != kNoString ? m.str(ri.article) + " " : "") + "「" + m.str(ri.name) + "」";
      clauses.rows.push_back({name, std::to_string(c.awarded), c.with_amount ? sum_text(c.local) : "—", pct_text(c.dist, 50),
                              pct_text(c.dist, 90), pct_text(c.dist, 99), max_text(c.dist)});
      clauses.notes.push_back(clause_note(m, c, o));
    }
    out += clauses.render("  ");
    out += tr(o,
              "  合计为区间[最少, 最多]：择优按[0, 金额]计；一事一议、金额未明确、待遇与扣除不计入。P50/P90/P99 为有金额的受益者中的最近秩百分位。\n",
              "  Totals are intervals [least, most]: selective awards count as [0, amount]; case-by-case, unspecified, benefits and "
              "deductions are not counted. P50/P90/P99: nearest-rank percentiles over beneficiaries with an amount.\n");
    if (!m.constraints.empty()) {
      out += tr(o, "\n  约束\n", "\n  constraints\n");
      for (const ConstraintInfo& c : m.constraints) out += "    " + constraint_text(m, c, check_constraint(m, c, s), o) + "\n";
    }
  }
  if (!r.problems.empty() || r.bad_rows + r.rows_with_errors > 0) {
    out += tr(o, "\n问题行\n", "\nproblem rows\n");
    for (const RowProblem& pr : r.problems) out += "  " + (o.english ? pr.en : pr.zh) + "\n";
    uint64_t total = r.bad_rows + r.rows_with_errors;
    if (total > r.problems.size()) {
      out += fmt::format("  {} {} {}\n", tr(o, "……另有", "… and"), total - r.problems.size(), tr(o, "行未列出", "more rows not shown"));
    }
  }
  make_valid_utf8(out);  // problem rows quote registry cells as they came
  return out;
}

std::string summary_json(const std::vector<SimPolicy>& policies, const SimResult& r, const SummaryOptions& o) {
  json j;
  j["version"] = 1;
  j["registry"] = {{"path", o.input},
                   {"rows", r.rows},
                   {"evaluated", r.evaluated},
                   {"bad_rows", r.bad_rows},
                   {"rows_with_errors", r.rows_with_errors},
                   {"ignored_columns", r.ignored_columns}};
  j["engine"] = engine_name(r.engine);
  j["threads"] = r.threads;
  json problems = json::array();
  for (const RowProblem& p : r.problems) {
    problems.push_back({{"line", p.line}, {"kind", p.bad ? "bad_row" : "not_computable"}, {"message", o.english ? p.en : p.zh}});
  }
  j["problems"] = problems;
  json pols = json::array();
  for (size_t p = 0; p < policies.size(); ++p) {
    const Module& m = *policies[p].module;
    const PolicyStats& s = r.stats[p];
    json pj;
    pj["name"] = policies[p].name;
    pj["title"] = m.meta.title != kNoString ? m.str(m.meta.title) : "";
    pj["applicants"] = s.applicants;
    pj["with_error"] = s.with_error;
    pj["with_local_award"] = s.with_local_award;
    json payers = json::array();
    for (size_t k = 0; k < m.payers.size(); ++k) {
      const PayerStats& ps = s.payers[k];
      payers.push_back({{"name", m.str(m.payers[k].name)},
                        {"role", role_key(m.payers[k].role)},
                        {"beneficiaries", ps.beneficiaries},
                        {"total", sum_json(ps.total)},
                        {"distribution", dist_json(ps.dist)}});
    }
    pj["payers"] = payers;
    json clauses = json::array();
    for (size_t k = 0; k < m.rules.size(); ++k) {
      const ClauseStats& c = s.clauses[k];
      json cj;
      cj["rule"] = m.str(m.rules[k].name);
      cj["article"] = m.rules[k].article != kNoString ? m.str(m.rules[k].article) : "";
      cj["beneficiaries"] = c.awarded;
      cj["with_amount"] = c.with_amount;
      cj["selective"] = c.selective;
      cj["case_by_case"] = c.case_by_case;
      cj["unspecified"] = c.unspecified;
      cj["benefit"] = c.benefit;
      cj["deduction"] = c.deduction;
      cj["excluded"] = c.excluded;
      cj["capped"] = c.capped;
      cj["errors"] = c.errors;
      json missing = json::array();
      for (const auto& [f, n] : c.missing) {
        missing.push_back({{"fact", f == kNoIndex ? json(nullptr) : json(m.str(m.facts[f].name))}, {"count", n}});
      }
      cj["error_causes"] = missing;
      cj["total_local"] = sum_json(c.local);
      json by_payer = json::array();
      for (size_t k2 = 0; k2 < m.payers.size(); ++k2) {
        by_payer.push_back({{"payer", m.str(m.payers[k2].name)}, {"total", sum_json(c.by_payer[k2])}});
      }
      cj["by_payer"] = by_payer;
      if (c.deduction > 0) cj["deductions"] = sum_json(c.deductions);
      cj["distribution"] = dist_json(c.dist);
      clauses.push_back(cj);
    }
    pj["clauses"] = clauses;
    json cons = json::array();
    for (const ConstraintInfo& c : m.constraints) {
      ConstraintResult cr = check_constraint(m, c, s);
      json cj = {{"name", m.str(c.name)},
                 {"article", c.article != kNoString ? m.str(c.article) : ""},
                 {"text", c.text != kNoString ? m.str(c.text) : ""},
                 {"verdict", verdict_key(cr.verdict)},
                 {"n", cr.n}};
      if (!cr.avg_lo.empty()) cj["average"] = {{"min", cr.avg_lo}, {"max", cr.avg_hi}};
      if (!cr.bound.empty()) cj["bound"] = cr.bound;
      cons.push_back(cj);
    }
    pj["constraints"] = cons;
    pols.push_back(pj);
  }
  j["policies"] = pols;
  return json_text(j, 2) + "\n";
}

}  // namespace zc::sim
