// Diagnostics as an editor shows them, and the quick fixes for them: the fixes the checker attaches
// (W0601's corrected unit, E0517's bound words), a declaration for an undeclared name (E0301) with
// its type guessed from how the name is used, and 「」 around an option that is spelt like a keyword
// (a syntax error, E0201, since a keyword wins over a bare name of the same length).
#include <algorithm>
#include <set>

#include "compiler/syntax/ast.h"
#include "service/internal.h"

namespace zc::service {

namespace {

constexpr std::string_view kOpen = "「", kClose = "」";

// The next or previous token that is not a comment, or -1.
int step(const Analysis& a, int i, int dir) {
  for (i += dir; i >= 0 && static_cast<size_t>(i) < a.tokens.size(); i += dir)
    if (!a.tokens[static_cast<size_t>(i)].hidden) return i;
  return -1;
}

const std::string& kind_at(const Analysis& a, int i) {
  static const std::string none;
  return i < 0 ? none : a.token_kind(static_cast<size_t>(i));
}

std::string spelling(const Analysis& a, int i) {
  const syntax::Token& t = a.tokens[static_cast<size_t>(i)];
  return std::string(a.slice(Span{a.file, t.begin, t.end}));
}

// The type a fact is used as, from the words after it: 「甲」50万元以上 → 金额, 「甲」为省级、国家级 →
// 选项（…）, 「甲」2家以上 → 数量（家）; a fact that stands alone is a condition: 是否.
std::string guess_type(const Analysis& a, int name_token) {
  int i = step(a, name_token, 1);
  auto kind = [&](int k) -> const std::string& { return kind_at(a, k); };
  auto number_type = [&](int k) -> std::string {
    // NUMBER [DASH|TO NUMBER] unit
    for (int n = 0; n < 4 && k >= 0; ++n, k = step(a, k, 1)) {
      const std::string& t = kind(k);
      if (t == "MONEY_UNIT") return "金额";
      if (t == "PERCENT" || t == "PERMILLE") return "比例";
      if (t == "UNIT" || t == "YEAR") return "数量（" + spelling(a, k) + "）";
      if (t == "FEN") return "分数";
      if (t != "NUMBER" && t != "DASH" && t != "TO") break;
    }
    return "";
  };
  if (kind(i) == "OF") {  // 按「甲」的20%: a base
    int n = step(a, i, 1);
    if (kind(n) == "NUMBER" || kind(n) == "PCT_PREFIX" || kind(n) == "PML_PREFIX") return "金额";
  }
  if (kind(i) == "IS") {
    int n = step(a, i, 1);
    if (kind(n) == "YES" || kind(n) == "NO") return "是否";
    if (kind(n) == "NAME") {
      std::string opts;
      for (int k = n; kind(k) == "NAME"; k = step(a, step(a, k, 1), 1)) {
        opts += (opts.empty() ? "" : "、") + std::string("「") +
                std::string(syntax::name_text(a.source(), a.tokens[static_cast<size_t>(k)])) + "」";
        if (kind(step(a, k, 1)) != "ENUM_SEP") break;
      }
      return "选项（" + opts + "）";
    }
    i = n;
  }
  while (kind(i) == "GE_PRE" || kind(i) == "LE_PRE" || kind(i) == "GT_PRE" || kind(i) == "LT_PRE") i = step(a, i, 1);
  if (kind(i) == "PCT_PREFIX" || kind(i) == "PML_PREFIX") return "比例";
  if (kind(i) == "DATE") return "日期";
  if (kind(i) == "NUMBER") {
    std::string t = number_type(i);
    if (!t.empty()) return t;
  }
  return "是否";
}

// Where only a payer can stand: 「甲」承担, 「甲」对……, 「甲」给予, 来自「甲」, 合计「甲」.
bool payer_position(const Analysis& a, int name_token) {
  const std::string& next = kind_at(a, step(a, name_token, 1));
  const std::string& prev = kind_at(a, step(a, name_token, -1));
  return next == "BEAR" || next == "FOR" || next == "GIVE" || prev == "FROM_PAYER" || prev == "TOTAL";
}

// The offset where a new declaration goes: the start of the line after the last declaration of its
// kind (payers, then facts), else before the first rule, else at the end.
uint32_t declaration_point(const Analysis& a, bool payer) {
  const ast::Policy* p = a.compiled.policy.get();
  const std::string& text = a.text();
  std::optional<uint32_t> after;
  if (p) {
    if (!payer)
      for (const ast::FactDecl& f : p->facts)
        if (!f.indicator) after = f.span.end;
    if (!after)
      for (const ast::PayerDecl& d : p->payers) after = d.span.end;
    if (!after) {
      for (uint32_t end : {p->header.rounding_span.end, p->header.date_span.end, p->header.issuer_span.end, p->header.title_span.end})
        if (end > 0) after = std::max(after.value_or(0), end);
    }
  }
  if (!after) return 0;
  size_t nl = text.find('\n', *after);
  return nl == std::string::npos ? static_cast<uint32_t>(text.size()) : static_cast<uint32_t>(nl + 1);
}

std::vector<CodeAction> declare_fix(const Ctx& c, const zhengce::Diagnostic& d) {
  const Analysis& a = c.a;
  if (!d.at) return {};
  int tok = a.token_at(d.at->begin);
  if (tok < 0 || a.token_kind(static_cast<size_t>(tok)) != "NAME") return {};
  const std::string name(syntax::name_text(a.source(), a.tokens[static_cast<size_t>(tok)]));
  bool payer = payer_position(a, tok);
  std::string decl = payer ? "出资方「" + name + "」：本级。" : "事实「" + name + "」：" + guess_type(a, tok) + "。";
  uint32_t at = declaration_point(a, payer);
  std::string insert = decl + "\n";
  if (at == a.text().size() && !a.text().empty() && a.text().back() != '\n') insert = "\n" + decl + "\n";
  CodeAction act;
  act.title = c.en() ? "declare: " + decl : "声明：" + decl;
  act.edits.push_back(TextEdit{c.range(at, at), insert});
  act.preferred = true;
  return {act};
}

// Every item of every 选项（…） list in the text, with or without 「」 (as the lexer collects them).
std::set<std::string> option_items(std::string_view text) {
  std::set<std::string> out;
  constexpr std::string_view kw = "选项（", sep = "、", close = "）";
  for (size_t at = text.find(kw); at != std::string_view::npos; at = text.find(kw, at + 1)) {
    size_t end = text.find(close, at);
    size_t line = text.find('\n', at);
    if (end == std::string_view::npos || (line != std::string_view::npos && line < end)) continue;
    std::string_view list = text.substr(at + kw.size(), end - at - kw.size());
    for (size_t from = 0;;) {
      size_t s = list.find(sep, from);
      std::string_view item = list.substr(from, s == std::string_view::npos ? std::string_view::npos : s - from);
      if (item.starts_with(kOpen) && item.ends_with(kClose))
        item = item.substr(kOpen.size(), item.size() - kOpen.size() - kClose.size());
      if (!item.empty()) out.emplace(item);
      if (s == std::string_view::npos) break;
      from = s + sep.size();
    }
  }
  return out;
}

// A syntax error in a statement that writes a keyword-spelt option bare: 选项（国家级、其他） or
// 「级别」为其他. The fix writes each such word of the statement in 「」.
std::vector<CodeAction> bracket_option_fix(const Ctx& c, const zhengce::Diagnostic& d) {
  const Analysis& a = c.a;
  if (!d.at) return {};
  std::set<std::string> items = option_items(a.text());
  if (items.empty()) return {};
  int at = a.token_at(d.at->begin);
  if (at < 0) return {};
  int first = at, last = at;
  while (first > 0 && kind_at(a, step(a, first, -1)) != "PERIOD" && step(a, first, -1) >= 0) first = step(a, first, -1);
  while (kind_at(a, last) != "PERIOD" && step(a, last, 1) >= 0) last = step(a, last, 1);
  std::vector<TextEdit> edits;
  std::string words;
  for (int i = first; i <= last; i = step(a, i, 1)) {
    if (i < 0) break;
    const std::string& k = a.token_kind(static_cast<size_t>(i));
    if (k == "NAME" || k == "STRING" || k == "NUMBER" || k == "DATE") continue;
    std::string w = spelling(a, i);
    if (!items.count(w)) continue;
    const syntax::Token& t = a.tokens[static_cast<size_t>(i)];
    edits.push_back(TextEdit{c.range(t.begin, t.begin), std::string(kOpen)});
    edits.push_back(TextEdit{c.range(t.end, t.end), std::string(kClose)});
    if (words.find("「" + w + "」") == std::string::npos) words += (words.empty() ? "" : "、") + std::string("「") + w + "」";
  }
  if (edits.empty()) return {};
  CodeAction act;
  act.title = c.en() ? "write the option " + words + " in 「」 (a bare word spelt like a keyword reads as the keyword)"
                     : "把选项" + words + "写在「」中（与关键字同形的词不加「」时按关键字读）";
  act.edits = std::move(edits);
  act.preferred = true;
  return {act};
}

}  // namespace

std::vector<CodeAction> fixes_for(const Ctx& c, const zhengce::Diagnostic& d) {
  std::vector<CodeAction> out;
  for (const zhengce::Diagnostic::Fix& f : d.fixes) {
    CodeAction act;
    act.title = f.title;
    for (const zhengce::Diagnostic::Edit& e : f.edits) act.edits.push_back(TextEdit{c.range(e.at.begin, e.at.end), e.text});
    act.preferred = out.empty();
    out.push_back(std::move(act));
  }
  if (d.code == "E0301")
    for (CodeAction& act : declare_fix(c, d)) out.push_back(std::move(act));
  if (d.code == "E0201")
    for (CodeAction& act : bracket_option_fix(c, d)) out.push_back(std::move(act));
  Range where = d.at ? c.range(d.at->begin, d.at->end) : Range{};
  for (CodeAction& act : out) {
    act.code = d.code;
    act.diagnostic = where;
  }
  return out;
}

Problem to_problem(const Ctx& c, const zhengce::Diagnostic& d) {
  Problem p;
  if (d.at) p.range = c.range(d.at->begin, d.at->end);
  p.severity = d.severity;
  p.code = d.code;
  p.slug = d.slug;
  p.message = d.message;
  p.help = d.help;
  p.article = d.article;
  for (const zhengce::Diagnostic::Note& n : d.notes) p.related.push_back(RelatedInfo{c.range(n.at.begin, n.at.end), n.message});
  p.has_fix = !fixes_for(c, d).empty();
  return p;
}

}  // namespace zc::service
