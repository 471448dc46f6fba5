// Completion: declared names, keywords and sentence snippets for what was typed before the cursor —
// characters (高企), full pinyin (gaoqi), initials (gqrd) or a mix — ranked by how well they match,
// then by what the statement around the cursor needs (rules after 预期, the options of 「级别」 after
// 「级别」为, facts in a rule's conditions), then by how often the name is used.
// The service filters; the editor is told not to (filter_text is what was typed, incomplete = true).
#include <algorithm>
#include <cstdio>

#include "base/utf8.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/lexer.h"
#include "service/internal.h"

namespace zc::service {

namespace {

constexpr size_t kMaxItems = 60;
constexpr size_t kMaxHanInQuery = 6;  // Han characters before the cursor that may belong to the query

struct Snippet {
  const char* trigger;
  const char* label;
  const char* zh;
  const char* en;
  const char* body;
};
const Snippet kSnippets[] = {
#define SNIPPET(trigger, label, zh, en, body) {trigger, label, zh, en, body},
#include "service/snippets.def"
#undef SNIPPET
};

struct KeywordItem {
  std::string spelling, token, meaning;
  MatchTarget target;
};

const std::vector<KeywordItem>& keywords() {
  static const std::vector<KeywordItem> list = [] {
    std::vector<KeywordItem> v;
    for (const syntax::KeywordEntry& k : syntax::keyword_table()) {
      std::string s = k.spelling;
      if (s.find("“") != std::string::npos) continue;  // “一事一议” is the quoted spelling of 一事一议
      if (std::any_of(v.begin(), v.end(), [&](const KeywordItem& x) { return x.spelling == s; })) continue;
      v.push_back(KeywordItem{s, k.token, k.meaning, MatchTarget(s)});
    }
    return v;
  }();
  return list;
}

const std::vector<MatchTarget>& snippet_targets() {
  static const std::vector<MatchTarget> list = [] {
    std::vector<MatchTarget> v;
    for (const Snippet& s : kSnippets) v.emplace_back(s.trigger);
    return v;
  }();
  return list;
}

// The code point before byte offset `at` (and its start), or 0 at the beginning.
char32_t before(std::string_view text, uint32_t at, uint32_t& start) {
  if (at == 0) return 0;
  uint32_t b = at - 1;
  while (b > 0 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80 && at - b < 4) --b;
  size_t i = b;
  char32_t cp = utf8_next_lossy(text, i);
  start = b;
  return cp;
}

bool ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// What the statement around the cursor wants, read from the text (the analysis may be older).
struct Want {
  enum class Where : uint8_t { Start, Rule, Define, Example, Expect, Group, Decl, Other } where = Where::Other;
  std::string option_fact;  // 「级别」为| : the fact whose options fit here
};

Want context(std::string_view text, uint32_t query_start) {
  Want w;
  constexpr std::string_view kPeriod = "。";
  // The last 。 that ends before the query (one found later could overlap it in invalid UTF-8).
  size_t stmt = query_start >= kPeriod.size() ? text.rfind(kPeriod, query_start - kPeriod.size()) : std::string_view::npos;
  stmt = stmt == std::string_view::npos ? 0 : stmt + kPeriod.size();
  std::string_view s = text.substr(stmt, query_start - stmt);
  // Skip white space and whole comment lines before the statement's first word.
  for (;;) {
    size_t k = 0;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r')) ++k;
    s.remove_prefix(k);
    if (s.starts_with("#") || s.starts_with("＃")) {
      size_t nl = s.find('\n');
      if (nl == std::string_view::npos) return w;  // the cursor is in a comment
      s.remove_prefix(nl + 1);
      continue;
    }
    break;
  }
  auto starts = [&](std::string_view kw) { return s.starts_with(kw); };
  if (s.empty()) w.where = Want::Where::Start;
  else if (starts("规则")) w.where = Want::Where::Rule;
  else if (starts("定义")) w.where = Want::Where::Define;
  else if (starts("案例")) w.where = s.find("预期") != std::string_view::npos ? Want::Where::Expect : Want::Where::Example;
  else if (starts("上限") || starts("不重复") || starts("约束")) w.where = Want::Where::Group;
  else if (starts("事实") || starts("指标") || starts("出资方")) w.where = Want::Where::Decl;
  // 「级别」为 or 「级别」为省级、 right before the query: the options of 「级别」.
  constexpr std::string_view kIs = "为";
  std::string_view t = s;
  if (t.ends_with("、")) {
    size_t is = t.rfind(kIs);
    if (is == std::string_view::npos) return w;
    t = t.substr(0, is + kIs.size());
  }
  if (!t.ends_with(kIs)) return w;
  t.remove_suffix(kIs.size());
  if (t.ends_with("」")) {
    size_t open = t.rfind("「");
    if (open != std::string_view::npos) w.option_fact = std::string(t.substr(open + 3, t.size() - open - 6));
  }
  return w;
}

// A bonus for a kind of name in a kind of statement.
int kind_bonus(SymKind k, const Want& w, const Analysis& a, const SymbolInfo& s) {
  if (!w.option_fact.empty() && k == SymKind::Option) {
    const ast::Policy* p = a.compiled.policy.get();
    if (p)
      for (int f : s.owners)
        for (const ast::Name& n : p->facts[static_cast<size_t>(f)].names)
          if (n.text == w.option_fact) return 400;
  }
  using W = Want::Where;
  switch (w.where) {
    case W::Expect: return k == SymKind::Rule ? 120 : k == SymKind::Payer ? 60 : 0;
    case W::Example: return k == SymKind::Fact ? 120 : k == SymKind::Option ? 60 : 0;
    case W::Group: return k == SymKind::Rule ? 120 : 0;
    case W::Rule:
    case W::Define:
      return k == SymKind::Fact || k == SymKind::Define ? 100 : k == SymKind::Option ? 50 : k == SymKind::Payer ? 40 : 0;
    case W::Decl: return k == SymKind::Payer ? 60 : 0;
    case W::Start:
    case W::Other: return k == SymKind::Fact || k == SymKind::Rule ? 20 : 0;
  }
  return 0;
}

ItemKind item_kind(SymKind k) {
  switch (k) {
    case SymKind::Fact: return ItemKind::Fact;
    case SymKind::Indicator: return ItemKind::Indicator;
    case SymKind::Define: return ItemKind::Define;
    case SymKind::Rule: return ItemKind::Rule;
    case SymKind::Payer: return ItemKind::Payer;
    case SymKind::Option: return ItemKind::Option;
    case SymKind::Cap:
    case SymKind::NoDup:
    case SymKind::Constraint: return ItemKind::Group;
    case SymKind::Example: return ItemKind::Example;
  }
  return ItemKind::Fact;
}

std::string type_detail(const Analysis& a, const SymbolInfo& s, Lang lang) {
  std::string d = kind_word(s.kind, lang);
  const ast::Policy* p = a.compiled.policy.get();
  if (p && (s.kind == SymKind::Fact || s.kind == SymKind::Indicator) && s.index >= 0) {
    const ast::TypeSpec& t = p->facts[static_cast<size_t>(s.index)].type;
    d += " · " + t.word + (t.unit.empty() ? "" : "（" + t.unit + "）");
  }
  return d;
}

std::string sort_key(int score, const std::string& label) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%07d", std::max(0, 1000000 - score));
  return buf + label;
}

struct Scored {
  CompletionItem item;
  int score;
  const SymbolInfo* symbol;  // a declared name: its detail and documentation are filled in once chosen
};

}  // namespace

Completion complete_at(const Analysis* a, std::string_view text, const LineIndex& lines, uint32_t offset,
                       const Options& opts) {
  Completion out;
  const Lang lang = opts.lang;
  // Inside 「…: complete the name; the typed text runs from 「 to the cursor.
  uint32_t line_start = lines.line_start(lines.position(offset, opts.encoding).line);
  std::string_view line = text.substr(line_start, offset - line_start);
  size_t open = line.rfind("「"), close = line.rfind("」");
  const bool in_name = open != std::string_view::npos && (close == std::string_view::npos || close < open);
  if (!in_name && (line.find('#') != std::string_view::npos || line.find("＃") != std::string_view::npos)) return out;  // a comment

  std::vector<std::pair<uint32_t, bool>> queries;  // (start offset, in name), longest first
  uint32_t replace_end = offset;
  bool add_close = false;
  if (in_name) {
    queries.emplace_back(line_start + static_cast<uint32_t>(open) + 3, true);
    // Replace the rest of the name too when its 」 follows on the line.
    std::string_view rest = text.substr(offset);
    size_t nl = rest.find('\n'), rc = rest.find("」"), ro = rest.find("「");
    if (rc != std::string_view::npos && (nl == std::string_view::npos || rc < nl) && (ro == std::string_view::npos || rc < ro))
      replace_end = offset + static_cast<uint32_t>(rc + 3);
    add_close = true;
  } else {
    // The query: ASCII letters (pinyin) right before the cursor, after up to kMaxHanInQuery Han
    // characters; the longest tail that matches something wins (对gqrd: gqrd).
    uint32_t at = offset, start = 0;
    while (at > line_start) {
      char32_t cp = before(text, at, start);
      if (!(ascii_letter(cp) || (cp >= '0' && cp <= '9'))) break;
      at = start;
    }
    uint32_t letters = at;
    std::vector<uint32_t> starts{letters};
    for (size_t k = 0; k < kMaxHanInQuery && at > line_start; ++k) {
      char32_t cp = before(text, at, start);
      if (!is_query_char(cp) || ascii_letter(cp)) break;
      at = start;
      starts.push_back(at);
    }
    for (auto it = starts.rbegin(); it != starts.rend(); ++it) queries.emplace_back(*it, false);
  }

  // Right after 「级别」为 or 「级别」为省级、 nothing has been typed yet: the options of 「级别」 fit here.
  Want want = context(text, offset);
  if (!in_name && !want.option_fact.empty()) queries.assign(1, {offset, false});
  else want = context(text, queries.empty() ? offset : queries.back().first);
  std::vector<Scored> found;
  for (size_t qi = 0; qi < queries.size(); ++qi) {
    const auto [qstart, name_only] = queries[qi];
    std::string_view query = text.substr(qstart, offset - qstart);
    // An empty query lists everything, but only when nothing at all was typed.
    if (query.empty() && qi + 1 < queries.size()) continue;
    found.clear();
    if (a) {
      for (const SymbolInfo& s : a->symbols) {
        if (s.kind == SymKind::Example && !query.empty()) continue;
        auto m = match_score(query, s.target);
        if (!m) continue;
        int score = *m * 10 + kind_bonus(s.kind, want, *a, s) + static_cast<int>(std::min<size_t>(s.uses, 10));
        CompletionItem it;
        it.label = "「" + s.name + "」";
        it.kind = item_kind(s.kind);
        it.edit.new_text = name_only ? s.name + (add_close ? "」" : "") : it.label;
        found.push_back(Scored{std::move(it), score, &s});
      }
    }
    if (!name_only) {
      for (const KeywordItem& k : keywords()) {
        auto m = match_score(query, k.target);
        if (!m || query.empty()) continue;
        CompletionItem it;
        it.label = k.spelling;
        it.kind = ItemKind::Keyword;
        it.detail = k.token;
        it.documentation = md(k.meaning);
        it.edit.new_text = k.spelling;
        found.push_back(Scored{std::move(it), *m * 10 - 30, nullptr});
      }
      const auto& targets = snippet_targets();
      for (size_t i = 0; i < std::size(kSnippets); ++i) {
        const Snippet& sn = kSnippets[i];
        auto m = match_score(query, targets[i]);
        if (!m) continue;
        CompletionItem it;
        it.label = sn.label;
        it.kind = ItemKind::Snippet;
        it.detail = lang == Lang::En ? sn.en : sn.zh;
        it.documentation = "```\n" + std::string(sn.body) + "\n```";
        it.edit.new_text = sn.body;
        it.snippet = true;
        found.push_back(Scored{std::move(it), *m * 10 + (want.where == Want::Where::Start ? 200 : -60), nullptr});
      }
    }
    if (found.empty()) continue;  // a shorter tail may match (对高企: 高企)
    Range r = lines.range(qstart, replace_end, opts.encoding);
    std::stable_sort(found.begin(), found.end(), [](const Scored& x, const Scored& y) { return x.score > y.score; });
    if (found.size() > kMaxItems) found.resize(kMaxItems);
    for (Scored& sc : found) {
      if (sc.symbol) {
        Ctx c{*a, opts};
        sc.item.detail = type_detail(*a, *sc.symbol, lang);
        sc.item.documentation = describe_symbol(c, *sc.symbol);
      }
      sc.item.edit.range = r;
      sc.item.filter_text = std::string(query);
      sc.item.sort_text = sort_key(sc.score, sc.item.label);
      out.items.push_back(std::move(sc.item));
    }
    break;
  }
  return out;
}

}  // namespace zc::service
