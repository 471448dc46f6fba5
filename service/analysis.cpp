// Building an Analysis (analysis.h): compile as `zhengce check` does, then index names by token.
#include "service/analysis.h"

#include <algorithm>

#include "compiler/check/sema.h"
#include "compiler/syntax/ast.h"

namespace zc::service {

namespace {

constexpr std::string_view kOpen = "「", kClose = "」";

class Indexer {
 public:
  explicit Indexer(Analysis& a) : a_(a) {}

  void declare(const ast::Name& n, SymKind kind, int index) {
    if (n.text.empty()) return;
    auto [it, added] = a_.by_name.emplace(n.text, static_cast<int>(a_.symbols.size()));
    if (added) a_.symbols.push_back(SymbolInfo{n.text, kind, index, {}, {}, 0, MatchTarget(n.text)});
    SymbolInfo& s = a_.symbols[static_cast<size_t>(it->second)];
    // An option listed by several facts is one name with several declarations; any other name
    // declared twice is E0302, and its first declaration stays the one definition.
    if (kind == SymKind::Option && s.kind == SymKind::Option) s.owners.push_back(index);
    s.decls.push_back(n.span);
  }

  void declarations(const ast::Policy& p) {
    for (size_t i = 0; i < p.payers.size(); ++i) declare(p.payers[i].name, SymKind::Payer, static_cast<int>(i));
    for (size_t i = 0; i < p.facts.size(); ++i) {
      for (const ast::Name& n : p.facts[i].names)
        declare(n, p.facts[i].indicator ? SymKind::Indicator : SymKind::Fact, static_cast<int>(i));
    }
    for (size_t i = 0; i < p.defines.size(); ++i) declare(p.defines[i].name, SymKind::Define, static_cast<int>(i));
    for (size_t i = 0; i < p.rules.size(); ++i) declare(p.rules[i].name, SymKind::Rule, static_cast<int>(i));
    for (size_t i = 0; i < p.caps.size(); ++i) declare(p.caps[i].name, SymKind::Cap, static_cast<int>(i));
    for (size_t i = 0; i < p.nodups.size(); ++i) declare(p.nodups[i].name, SymKind::NoDup, static_cast<int>(i));
    for (size_t i = 0; i < p.constraints.size(); ++i)
      declare(p.constraints[i].name, SymKind::Constraint, static_cast<int>(i));
    for (size_t i = 0; i < p.examples.size(); ++i) declare(p.examples[i].name, SymKind::Example, static_cast<int>(i));
    // Options last: a name that is also a fact or a rule is that first.
    for (size_t i = 0; i < p.facts.size(); ++i)
      for (const ast::Name& n : p.facts[i].type.options) declare(n, SymKind::Option, static_cast<int>(i));
  }

  void occurrences() {
    std::unordered_set<uint32_t> decl_starts;
    for (const SymbolInfo& s : a_.symbols)
      for (const Span& d : s.decls) decl_starts.insert(d.begin);
    const std::string_view text = a_.text();
    const std::string name_kind = "NAME", string_kind = "STRING";
    for (size_t i = 0; i < a_.tokens.size(); ++i) {
      const syntax::Token& t = a_.tokens[i];
      if (t.hidden) continue;
      const std::string& kind = a_.token_kind(i);
      if (kind == name_kind) {
        if (a_.unknown.count(t.begin)) continue;
        std::string_view n = syntax::name_text(a_.source(), t);
        Occurrence o;
        o.span = Span{a_.file, t.begin, t.end};
        o.name = Span{a_.file, static_cast<uint32_t>(n.data() - text.data()), static_cast<uint32_t>(n.data() - text.data() + n.size())};
        o.bracketed = text.substr(t.begin, kOpen.size()) == kOpen;
        add(o, std::string(n), decl_starts.count(t.begin) > 0);
      } else if (kind == string_kind) {
        mentions(t);
      }
    }
  }

 private:
  void add(Occurrence o, const std::string& name, bool declaration) {
    auto it = a_.by_name.find(name);
    if (it != a_.by_name.end()) {
      o.symbol = it->second;
      o.declaration = declaration;
      if (!declaration) ++a_.symbols[static_cast<size_t>(it->second)].uses;
    }
    a_.occurrences.push_back(o);
  }

  // 「name」 quoted inside a string: a note that answers a warning names the rule or figure so.
  void mentions(const syntax::Token& t) {
    const std::string_view text = a_.text();
    for (uint32_t at = t.begin; at < t.end;) {
      size_t open = text.find(kOpen, at);
      if (open == std::string_view::npos || open >= t.end) return;
      size_t close = text.find(kClose, open + kOpen.size());
      if (close == std::string_view::npos || close + kClose.size() > t.end) return;
      std::string name(text.substr(open + kOpen.size(), close - open - kOpen.size()));
      if (a_.by_name.count(name)) {
        Occurrence o;
        o.span = Span{a_.file, static_cast<uint32_t>(open), static_cast<uint32_t>(close + kClose.size())};
        o.name = Span{a_.file, static_cast<uint32_t>(open + kOpen.size()), static_cast<uint32_t>(close)};
        o.in_text = true;
        add(o, name, false);
      }
      at = static_cast<uint32_t>(close + kClose.size());
    }
  }

  Analysis& a_;
};

}  // namespace

const std::string& token_kind_name(uint16_t type) {
  static const std::vector<std::string> names = [] {
    size_t top = 0;
    for (const syntax::KeywordEntry& k : syntax::keyword_table()) top = std::max(top, k.type);
    std::vector<std::string> v;
    for (size_t t = 0; t <= top + 16; ++t) v.push_back(syntax::token_name(t));
    return v;
  }();
  static const std::string unknown = "?";
  return type < names.size() ? names[type] : unknown;
}

const std::string& Analysis::token_kind(size_t i) const { return token_kind_name(tokens[i].type); }

// Both lookups take the character at `offset` (what a pointer hovers); a cursor right after a name,
// with nothing starting there, still means that name (completion, rename at the end of a word).
const Occurrence* Analysis::occurrence_at(uint32_t offset) const {
  auto it = std::upper_bound(occurrences.begin(), occurrences.end(), offset,
                             [](uint32_t off, const Occurrence& o) { return off < o.span.begin; });
  if (it == occurrences.begin()) return nullptr;
  --it;
  if (offset < it->span.end) return &*it;
  if (offset == it->span.end) {
    int t = token_at(offset);
    if (t < 0 || tokens[static_cast<size_t>(t)].begin != offset) return &*it;
  }
  return nullptr;
}

int Analysis::token_at(uint32_t offset) const {
  auto it = std::upper_bound(tokens.begin(), tokens.end(), offset,
                             [](uint32_t off, const syntax::Token& t) { return off < t.begin; });
  if (it == tokens.begin()) return -1;
  --it;
  return offset <= it->end ? static_cast<int>(it - tokens.begin()) : -1;
}

std::shared_ptr<const Analysis> analyze(std::string text, Lang lang) {
  auto a = std::make_shared<Analysis>();
  // The diagnostics: the one check the command line runs (example cases included).
  zhengce::CheckOptions opts;
  opts.lang = lang;
  a->diagnostics = zhengce::check(zhengce::Source{"<document>", text}, opts).diagnostics.items();
  // The syntax tree and names, for everything else; its diagnostics are the same and are dropped.
  a->file = a->sm.add("<document>", std::move(text));
  a->lines = std::make_unique<LineIndex>(a->text());
  DiagSink sink;
  a->compiled = compile(a->sm, a->file, sink, CompileOptions{.codegen = false});
  DiagSink lexed_sink;  // the lexer's diagnostics are already among the compiler's
  syntax::LexResult lexed = syntax::lex(a->source(), a->file, lexed_sink);
  a->tokens = std::move(lexed.tokens);
  a->unknown = std::move(lexed.unknown);
  a->fatal = lexed.fatal;
  Indexer ix(*a);
  if (a->compiled.policy) ix.declarations(*a->compiled.policy);
  ix.occurrences();
  return a;
}

const char* kind_word(SymKind k, Lang lang) {
  const bool en = lang == Lang::En;
  switch (k) {
    case SymKind::Fact: return en ? "fact" : "事实";
    case SymKind::Indicator: return en ? "indicator" : "指标";
    case SymKind::Define: return en ? "definition" : "定义";
    case SymKind::Rule: return en ? "rule" : "规则";
    case SymKind::Payer: return en ? "payer" : "出资方";
    case SymKind::Option: return en ? "option" : "选项";
    case SymKind::Cap: return en ? "group cap" : "上限";
    case SymKind::NoDup: return en ? "non-duplication" : "不重复";
    case SymKind::Constraint: return en ? "constraint" : "约束";
    case SymKind::Example: return en ? "example" : "案例";
  }
  return "";
}

}  // namespace zc::service
