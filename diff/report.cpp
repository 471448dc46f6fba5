// The four renderings of a diff Report (see report.h).
#include "diff/report.h"

#include <algorithm>

#include "nlohmann/json.hpp"

namespace zc::diff {
namespace {

using Json = nlohmann::ordered_json;

struct Words {
  bool en;
  const char* operator()(const char* zh, const char* english) const { return en ? english : zh; }
};

const char* kind_word(RuleChange::Kind k, const Words& w) {
  switch (k) {
    case RuleChange::Kind::Unchanged: return w("未改动", "unchanged");
    case RuleChange::Kind::Changed: return w("改动", "changed");
    case RuleChange::Kind::Renamed: return w("改名", "renamed");
    case RuleChange::Kind::Added: return w("新增", "added");
    case RuleChange::Kind::Removed: return w("删除", "removed");
    case RuleChange::Kind::Split: return w("拆分", "split");
  }
  return "?";
}

const char* group_kind_word(GroupChange::Kind k, const Words& w) {
  switch (k) {
    case GroupChange::Kind::Unchanged: return w("未改动", "unchanged");
    case GroupChange::Kind::Changed: return w("改动", "changed");
    case GroupChange::Kind::Added: return w("新增", "added");
    case GroupChange::Kind::Removed: return w("删除", "removed");
  }
  return "?";
}

const char* verdict_key(Semantic::Verdict v) {
  switch (v) {
    case Semantic::Verdict::Identical: return "identical";
    case Semantic::Verdict::Equal: return "equal";
    case Semantic::Verdict::Differs: return "differs";
    case Semantic::Verdict::Unknown: return "unknown";
    case Semantic::Verdict::Absent: return "none";
  }
  return "?";
}

// What a verdict is about: it reads differently for a rule, a split, a group and a total.
enum class About : uint8_t { Rule, Split, Added, Removed, Group, Total };

About about(const RuleChange& r) {
  switch (r.kind) {
    case RuleChange::Kind::Split: return About::Split;
    case RuleChange::Kind::Added: return About::Added;
    case RuleChange::Kind::Removed: return About::Removed;
    default: return About::Rule;
  }
}

std::string verdict_text(const Semantic& s, const Words& w, About a = About::Rule) {
  switch (s.verdict) {
    case Semantic::Verdict::Identical:
      return a == About::Total || a == About::Group ? w("不变（所涉规则与分组逐项相同）", "unchanged (the rules and groups involved are the same term for term)")
                                                    : w("含义相同（逐项相同，无须求解）", "same meaning (term for term)");
    case Semantic::Verdict::Equal:
      switch (a) {
        case About::Split: return w("拆分前后合计结果相同（已证明）", "the parts together give what the rule gave (proven)");
        case About::Added: return w("新规则不会给付任何申请人（已证明）", "the new rule pays no applicant (proven)");
        case About::Removed: return w("原规则不会给付任何申请人（已证明）", "the removed rule paid no applicant (proven)");
        case About::Group: return w("各成员的合计结果都不变（已证明）", "the members' results together never change (proven)");
        case About::Total: return w("每个申请人的合计都不变（已证明）", "no applicant's total changes (proven)");
        case About::Rule: break;
      }
      return w("仅文字改动：任何申请人的结果都相同（已证明）", "wording only: no applicant's result changes (proven)");
    case Semantic::Verdict::Differs:
      if (a == About::Total)
        return s.complete ? w("合计不同：以下各例按哪些改动过的规则给付区分，已列全", "totals differ; one example per set of changed rules that pay, all listed")
                          : w("合计不同：举例如下（未列全）", "totals differ; examples below (not all listed)");
      return s.complete ? w("结果不同，以下为全部差异", "results differ; all differences below")
                        : w("结果不同，以下为部分差异（另有未列出的）", "results differ; some differences below (not all listed)");
    case Semantic::Verdict::Unknown: return std::string(w("未能判定：", "not decided: ")) + s.reason;
    case Semantic::Verdict::Absent: return "";
  }
  return "";
}

std::string names(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "、" : "") + ("「" + v[i] + "」");
  return s;
}

std::string title_of(const RuleChange& r, const Words& w) {
  std::string art = r.article.empty() ? "" : r.article;
  switch (r.kind) {
    case RuleChange::Kind::Renamed: return art + names(r.old_names) + w("改名为", " renamed to ") + names(r.new_names);
    case RuleChange::Kind::Split: return art + names(r.old_names) + w("拆分为", " split into ") + names(r.new_names);
    case RuleChange::Kind::Removed: return art + names(r.old_names);
    default: return art + names(r.new_names);
  }
}

std::string witness_facts(const Witness& wt, const Words& w) {
  std::string s;
  for (const auto& [n, v] : wt.facts) {
    if (std::find(wt.shown.begin(), wt.shown.end(), n) == wt.shown.end()) continue;
    s += (s.empty() ? "" : "，") + ("「" + n + "」为" + v);
    if (std::find(wt.only_new.begin(), wt.only_new.end(), n) != wt.only_new.end()) s += w("（仅新版有此事实）", " (new draft only)");
    if (std::find(wt.only_old.begin(), wt.only_old.end(), n) != wt.only_old.end()) s += w("（仅旧版有此事实）", " (old draft only)");
  }
  return s.empty() ? w("各事实取默认值", "every fact at its default") : s;
}

// One region as a line: where, then the two results.
std::string region_line(const Region& g, bool totals, const Words& w) {
  std::string res = std::string(w("旧版", "old: ")) + (totals ? w("合计", "total ") : "") + g.witness.old_result + w("，新版", "; new: ") +
                    (totals ? w("合计", "total ") : "") + g.witness.new_result;
  std::string ex = g.witness.none.empty() ? std::string(w("例：", "e.g. ")) + witness_facts(g.witness, w) : "";
  if (!g.witness.none.empty()) return g.where + w("：结果不同（无证例：", ": results differ (no witness: ") + g.witness.none + w("）", ")");
  if (g.where.empty()) return ex + w("时，", " gives ") + res;
  if (g.whole && g.constant) return g.where + w("的申请人：", ": ") + res + w("。", ". ") + ex;
  if (g.whole) return g.where + w("的申请人结果均不同。", ": every applicant differs. ") + ex + w("时，", " gives ") + res;
  return g.where + w("的部分申请人结果不同。", ": some applicants differ. ") + ex + w("时，", " gives ") + res;
}

std::string marked(const std::vector<Piece>& ps, const char* open, const char* close) {
  std::string s;
  for (const Piece& p : ps) s += p.changed ? open + p.text + close : p.text;
  return s;
}

bool unchanged_rule(const RuleChange& r) { return r.kind == RuleChange::Kind::Unchanged; }

size_t count_verdict(const Report& r, Semantic::Verdict v) {
  size_t n = 0;
  for (const RuleChange& x : r.rules) n += !unchanged_rule(x) && x.semantic.verdict == v;
  for (const GroupChange& x : r.groups) n += x.kind != GroupChange::Kind::Unchanged && x.semantic.verdict == v;
  return n;
}

std::string summary(const Report& r, const Words& w) {
  size_t changed = 0, unchanged = 0;
  for (const RuleChange& x : r.rules) (unchanged_rule(x) ? unchanged : changed)++;
  return std::string(w("规则：", "rules: ")) + std::to_string(changed) + w(" 条有改动，", " changed, ") + std::to_string(unchanged) +
         w(" 条未改动；结果不同 ", " unchanged; results differ in ") + std::to_string(count_verdict(r, Semantic::Verdict::Differs)) +
         w(" 处，仅文字改动 ", ", wording only in ") +
         std::to_string(count_verdict(r, Semantic::Verdict::Equal) + count_verdict(r, Semantic::Verdict::Identical)) +
         w(" 处，未能判定 ", ", not decided in ") + std::to_string(count_verdict(r, Semantic::Verdict::Unknown)) +
         w(" 处；求解器查询 ", "; solver queries: ") + std::to_string(r.queries) + w(" 次。", ".");
}

// ---------------------------------------------------------------------------------------------
// Text

void text_semantic(std::string& o, const Semantic& s, About a, const Words& w, const char* indent) {
  bool totals = a == About::Total;
  std::string v = verdict_text(s, w, a);
  if (v.empty()) return;
  o += std::string(indent) + w("结论：", "verdict: ") + v + "\n";
  for (size_t i = 0; i < s.regions.size(); ++i)
    o += std::string(indent) + "  " + std::to_string(i + 1) + ") " + region_line(s.regions[i], totals, w) + "\n";
}

std::string render_text(const Report& r, const Words& w) {
  std::string o = std::string("zhengce diff：") + w("旧版 ", "old ") + r.old_path + w(" → 新版 ", " → new ") + r.new_path + "\n";
  if (r.old_title != r.new_title) o += std::string(w("标题：", "title: ")) + r.old_title + " → " + r.new_title + "\n";
  if (!r.decls.empty()) {
    o += std::string("\n") + w("【声明】", "[declarations]") + "\n";
    for (const DeclChange& d : r.decls) o += "  · " + d.what + "\n";
  }
  o += std::string("\n") + w("【规则】", "[rules]") + "\n";
  bool any = false;
  for (const RuleChange& x : r.rules) {
    if (unchanged_rule(x)) continue;
    any = true;
    o += std::string("  [") + kind_word(x.kind, w) + "] " + title_of(x, w);
    if (!x.aspects.empty()) {
      o += w("　改动：", "  changes: ");
      for (size_t i = 0; i < x.aspects.size(); ++i) o += (i ? "、" : "") + x.aspects[i];
    }
    o += "\n";
    if (x.kind != RuleChange::Kind::Added) o += std::string("    ") + w("旧：", "old: ") + marked(x.old_text, "[-", "-]") + "\n";
    if (x.kind != RuleChange::Kind::Removed) o += std::string("    ") + w("新：", "new: ") + marked(x.new_text, "{+", "+}") + "\n";
    text_semantic(o, x.semantic, about(x), w, "    ");
  }
  if (!any) o += std::string("  ") + w("（无改动）", "(no changes)") + "\n";
  bool groups = std::any_of(r.groups.begin(), r.groups.end(), [](const GroupChange& g) {
    return g.kind != GroupChange::Kind::Unchanged || g.semantic.verdict != Semantic::Verdict::Identical;
  });
  if (groups) {
    o += std::string("\n") + w("【上限与不重复】", "[caps and non-duplication]") + "\n";
    for (const GroupChange& g : r.groups) {
      if (g.kind == GroupChange::Kind::Unchanged && g.semantic.verdict == Semantic::Verdict::Identical) continue;
      o += std::string("  [") + (g.kind == GroupChange::Kind::Unchanged ? w("成员改动", "members changed") : group_kind_word(g.kind, w)) + "] " + (g.cap ? w("上限", "cap ") : w("不重复", "non-duplication ")) + "「" + g.name + "」" + "\n";
      if (g.kind == GroupChange::Kind::Changed) {
        o += std::string("    ") + w("旧：", "old: ") + marked(g.old_text, "[-", "-]") + "\n";
        o += std::string("    ") + w("新：", "new: ") + marked(g.new_text, "{+", "+}") + "\n";
      }
      o += std::string("    ") + w("（比较各成员在上限与不重复之后的合计结果）", "(members' results together, after the groups)") + "\n";
      text_semantic(o, g.semantic, About::Group, w, "    ");
    }
  }
  bool payers = std::any_of(r.payers.begin(), r.payers.end(), [](const PayerChange& p) {
    return !p.what.empty() || p.semantic.verdict != Semantic::Verdict::Identical;
  });
  if (payers) {
    o += std::string("\n") + w("【出资方合计】", "[payer totals]") + "\n";
    for (const PayerChange& p : r.payers) {
      if (p.what.empty() && p.semantic.verdict == Semantic::Verdict::Identical) continue;
      o += "  「" + p.name + "」" + (p.what.empty() ? "" : std::string(w("：", ": ")) + p.what) + "\n";
      text_semantic(o, p.semantic, About::Total, w, "    ");
    }
  }
  if (r.budget) {
    const Budget& b = *r.budget;
    o += std::string("\n") + w("【预算】登记册 ", "[budget] registry ") + b.input + w("：", ": ") + std::to_string(b.evaluated) +
         w(" 个申请人（坏行 ", " applicants (bad rows ") + std::to_string(b.bad_rows) + w("），结果改变的 ", "), results changed for ") +
         std::to_string(b.changed) + w(" 个", "") + "\n";
    for (const BudgetLine& l : b.lines) {
      auto iv = [](const std::string& lo, const std::string& hi) { return lo == hi ? lo : "[" + lo + ", " + hi + "]"; };
      o += "  " + std::string(l.payer ? w("出资方", "payer ") : w("规则", "rule ")) + "「" + l.name + "」" + w("：旧版 ", ": old ") +
           iv(l.old_lo, l.old_hi) + w(" 元，新版 ", ", new ") + iv(l.new_lo, l.new_hi) + w(" 元，变化 ", ", change ") +
           iv(l.delta_lo, l.delta_hi) + w(" 元", "");
      if (!l.payer) o += std::string(w("，结果改变的申请人 ", ", applicants changed ")) + std::to_string(l.changed);
      o += "\n";
    }
  } else if (!r.budget_error.empty()) {
    o += std::string("\n") + w("【预算】无法计算：", "[budget] not computed: ") + r.budget_error + "\n";
  }
  if (!r.internal_errors.empty()) {
    o += std::string("\n") + w("【内部错误】以下反例未被虚拟机确认，是 zhengce 的缺陷，请报告：",
                               "[internal errors] witnesses the VM did not confirm — a zhengce bug, please report:") + "\n";
    for (const std::string& e : r.internal_errors) o += "  · " + e + "\n";
  }
  o += "\n" + summary(r, w) + "\n";
  return o;
}

// ---------------------------------------------------------------------------------------------
// JSON

Json pieces_json(const std::vector<Piece>& ps) {
  Json a = Json::array();
  for (const Piece& p : ps) a.push_back(Json{{"text", p.text}, {"changed", p.changed}});
  return a;
}

Json witness_json(const Witness& w) {
  Json facts = Json::object();
  for (const auto& [n, v] : w.facts) facts[n] = v;
  Json j{{"facts", facts}, {"old", w.old_result}, {"new", w.new_result}};
  if (!w.only_old.empty()) j["only_old"] = w.only_old;
  if (!w.only_new.empty()) j["only_new"] = w.only_new;
  if (!w.none.empty()) j["none"] = w.none;
  return j;
}

Json semantic_json(const Semantic& s) {
  Json j{{"verdict", verdict_key(s.verdict)}};
  if (!s.reason.empty()) j["reason"] = s.reason;
  if (s.verdict == Semantic::Verdict::Differs) j["complete"] = s.complete;
  if (!s.regions.empty()) {
    Json rs = Json::array();
    for (const Region& g : s.regions)
      rs.push_back(Json{{"where", g.where}, {"whole", g.whole}, {"constant", g.constant}, {"witness", witness_json(g.witness)}});
    j["regions"] = rs;
  }
  return j;
}

std::string render_json(const Report& r) {
  Json j{{"old", r.old_path}, {"new", r.new_path}};
  Json decls = Json::array();
  for (const DeclChange& d : r.decls) decls.push_back(d.what);
  j["declarations"] = decls;
  Json rules = Json::array();
  for (const RuleChange& x : r.rules) {
    static const char* const kKinds[] = {"unchanged", "changed", "renamed", "added", "removed", "split"};
    Json e{{"kind", kKinds[static_cast<int>(x.kind)]}, {"old_names", x.old_names}, {"new_names", x.new_names}, {"article", x.article},
           {"line", x.line}, {"line_in", x.line_in_new ? "new" : "old"}, {"aspects", x.aspects}};
    if (x.kind != RuleChange::Kind::Unchanged) {
      e["old_text"] = pieces_json(x.old_text);
      e["new_text"] = pieces_json(x.new_text);
    }
    e["semantic"] = semantic_json(x.semantic);
    rules.push_back(e);
  }
  j["rules"] = rules;
  Json groups = Json::array();
  for (const GroupChange& g : r.groups) {
    static const char* const kKinds[] = {"unchanged", "changed", "added", "removed"};
    groups.push_back(Json{{"name", g.name}, {"kind", kKinds[static_cast<int>(g.kind)]}, {"cap", g.cap},
                          {"old_text", pieces_json(g.old_text)}, {"new_text", pieces_json(g.new_text)}, {"semantic", semantic_json(g.semantic)}});
  }
  j["groups"] = groups;
  Json payers = Json::array();
  for (const PayerChange& p : r.payers) payers.push_back(Json{{"name", p.name}, {"change", p.what}, {"total", semantic_json(p.semantic)}});
  j["payers"] = payers;
  if (r.budget) {
    const Budget& b = *r.budget;
    Json lines = Json::array();
    for (const BudgetLine& l : b.lines)
      lines.push_back(Json{{"name", l.name}, {"payer", l.payer}, {"old", {l.old_lo, l.old_hi}}, {"new", {l.new_lo, l.new_hi}},
                           {"change", {l.delta_lo, l.delta_hi}}, {"changed_applicants", l.changed}});
    j["budget"] = Json{{"input", b.input}, {"rows", b.rows}, {"evaluated", b.evaluated}, {"bad_rows", b.bad_rows},
                       {"changed_applicants", b.changed}, {"lines", lines}};
  } else if (!r.budget_error.empty()) {
    j["budget_error"] = r.budget_error;
  }
  j["internal_errors"] = r.internal_errors;
  j["queries"] = r.queries;
  j["differs"] = r.any_difference();
  return j.dump(2) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Markdown (a pull-request comment)

std::string md_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '|' || c == '~') o += '\\';
    o += c;
  }
  return o;
}

std::string md_marked(const std::vector<Piece>& ps, bool older) {
  std::string s;
  for (const Piece& p : ps) s += p.changed ? (older ? "~~" + md_escape(p.text) + "~~" : "**" + md_escape(p.text) + "**") : md_escape(p.text);
  return s;
}

void md_semantic(std::string& o, const Semantic& s, About a, const Words& w) {
  bool totals = a == About::Total;
  std::string v = verdict_text(s, w, a);
  if (v.empty()) return;
  const char* mark = s.verdict == Semantic::Verdict::Differs ? "⚠️ " : s.verdict == Semantic::Verdict::Unknown ? "❓ " : "✅ ";
  o += std::string("- ") + mark + md_escape(v) + "\n";
  for (const Region& g : s.regions) o += "  - " + md_escape(region_line(g, totals, w)) + "\n";
}

std::string render_markdown(const Report& r, const Words& w) {
  std::string o = std::string("## zhengce diff: `") + r.old_path + "` → `" + r.new_path + "`\n\n";
  o += summary(r, w) + "\n";
  if (!r.decls.empty()) {
    o += std::string("\n### ") + w("声明", "Declarations") + "\n\n";
    for (const DeclChange& d : r.decls) o += "- " + md_escape(d.what) + "\n";
  }
  o += std::string("\n### ") + w("规则", "Rules") + "\n";
  for (const RuleChange& x : r.rules) {
    if (unchanged_rule(x)) continue;
    o += std::string("\n#### ") + kind_word(x.kind, w) + "：" + md_escape(title_of(x, w)) + "\n\n";
    if (!x.aspects.empty()) {
      o += std::string("- ") + w("改动：", "changes: ");
      for (size_t i = 0; i < x.aspects.size(); ++i) o += (i ? "、" : "") + x.aspects[i];
      o += "\n";
    }
    if (x.kind != RuleChange::Kind::Added) o += std::string("- ") + w("旧：", "old: ") + md_marked(x.old_text, true) + "\n";
    if (x.kind != RuleChange::Kind::Removed) o += std::string("- ") + w("新：", "new: ") + md_marked(x.new_text, false) + "\n";
    md_semantic(o, x.semantic, about(x), w);
  }
  for (const GroupChange& g : r.groups) {
    if (g.kind == GroupChange::Kind::Unchanged && g.semantic.verdict == Semantic::Verdict::Identical) continue;
    o += std::string("\n#### ") + (g.kind == GroupChange::Kind::Unchanged ? w("成员改动", "members changed") : group_kind_word(g.kind, w)) + "：" + (g.cap ? w("上限", "cap ") : w("不重复", "non-duplication ")) + "「" +
         md_escape(g.name) + "」\n\n";
    if (g.kind == GroupChange::Kind::Changed) {
      o += std::string("- ") + w("旧：", "old: ") + md_marked(g.old_text, true) + "\n";
      o += std::string("- ") + w("新：", "new: ") + md_marked(g.new_text, false) + "\n";
    }
    md_semantic(o, g.semantic, About::Group, w);
  }
  for (const PayerChange& p : r.payers) {
    if (p.what.empty() && p.semantic.verdict == Semantic::Verdict::Identical) continue;
    o += std::string("\n#### ") + w("出资方合计", "Payer total") + "：「" + md_escape(p.name) + "」" + (p.what.empty() ? "" : " " + p.what) + "\n\n";
    md_semantic(o, p.semantic, About::Total, w);
  }
  if (r.budget) {
    const Budget& b = *r.budget;
    o += std::string("\n### ") + w("预算", "Budget") + "（" + md_escape(b.input) + "，" + std::to_string(b.evaluated) + w(" 个申请人，结果改变的 ", " applicants, changed ") +
         std::to_string(b.changed) + "）\n\n";
    o += std::string("| ") + w("项目", "item") + " | " + w("旧版（元）", "old (yuan)") + " | " + w("新版（元）", "new (yuan)") + " | " +
         w("变化（元）", "change (yuan)") + " | " + w("结果改变的申请人", "applicants changed") + " |\n|---|---|---|---|---|\n";
    auto iv = [](const std::string& lo, const std::string& hi) { return lo == hi ? lo : "[" + lo + ", " + hi + "]"; };
    for (const BudgetLine& l : b.lines)
      o += "| " + std::string(l.payer ? w("出资方", "payer ") : "") + "「" + md_escape(l.name) + "」 | " + iv(l.old_lo, l.old_hi) + " | " +
           iv(l.new_lo, l.new_hi) + " | " + iv(l.delta_lo, l.delta_hi) + " | " + (l.payer ? "" : std::to_string(l.changed)) + " |\n";
  }
  if (!r.internal_errors.empty()) {
    o += std::string("\n### ") + w("内部错误（请报告）", "Internal errors (please report)") + "\n\n";
    for (const std::string& e : r.internal_errors) o += "- " + md_escape(e) + "\n";
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands

std::string gh_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '%') o += "%25";
    else if (c == '\r') o += "%0D";
    else if (c == '\n') o += "%0A";
    else o += c;
  }
  return o;
}

std::string gh_prop(const std::string& s) {
  std::string o;
  for (char c : gh_escape(s)) {
    if (c == ':') o += "%3A";
    else if (c == ',') o += "%2C";
    else o += c;
  }
  return o;
}

std::string render_github(const Report& r, const Words& w) {
  std::string o;
  for (const RuleChange& x : r.rules) {
    if (unchanged_rule(x)) continue;
    const char* level = x.semantic.verdict == Semantic::Verdict::Differs || x.semantic.verdict == Semantic::Verdict::Unknown ? "warning" : "notice";
    std::string msg = verdict_text(x.semantic, w, about(x));
    for (const Region& g : x.semantic.regions) msg += "\n" + region_line(g, false, w);
    o += std::string("::") + level + " file=" + gh_prop(x.line_in_new ? r.new_path : r.old_path) + ",line=" + std::to_string(x.line) +
         ",title=" + gh_prop(std::string("zhengce diff：") + kind_word(x.kind, w) + " " + title_of(x, w)) + "::" + gh_escape(msg) + "\n";
  }
  for (const GroupChange& g : r.groups) {
    if (g.kind == GroupChange::Kind::Unchanged && g.semantic.verdict == Semantic::Verdict::Identical) continue;
    const char* level = g.semantic.verdict == Semantic::Verdict::Differs || g.semantic.verdict == Semantic::Verdict::Unknown ? "warning" : "notice";
    std::string msg = verdict_text(g.semantic, w, About::Group);
    for (const Region& x : g.semantic.regions) msg += "\n" + region_line(x, false, w);
    o += std::string("::") + level + " file=" + gh_prop(g.line_in_new ? r.new_path : r.old_path) + ",line=" + std::to_string(g.line) +
         ",title=" + gh_prop("zhengce diff：「" + g.name + "」") + "::" + gh_escape(msg) + "\n";
  }
  for (const std::string& e : r.internal_errors) o += "::error title=zhengce diff::" + gh_escape(e) + "\n";
  o += "::notice title=zhengce diff::" + gh_escape(summary(r, w)) + "\n";
  return o;
}

}  // namespace

std::string facts_json(const Witness& w, bool older) {
  Json j = Json::object();
  for (const auto& [n, v] : w.facts) {
    const auto& other = older ? w.only_new : w.only_old;
    if (std::find(other.begin(), other.end(), n) != other.end()) continue;
    j[n] = v;
  }
  return j.dump(2) + "\n";
}

std::string render(const Report& r, Format f, bool english) {
  Words w{english};
  switch (f) {
    case Format::Text: return render_text(r, w);
    case Format::Json: return render_json(r);
    case Format::Markdown: return render_markdown(r, w);
    case Format::Github: return render_github(r, w);
  }
  return "";
}

}  // namespace zc::diff
