// The document's shape: symbols (chapters → articles → rules and the other statements of an
// article; the header, payers, facts and examples at the top), folding ranges (chapters, articles,
// statements over several lines, runs of comment lines) and semantic tokens (every token by what it
// is: a keyword, a bound word, a number, a declared name by its kind).
// Statement kinds it does not know are left out of the outline, never an error.
#include <algorithm>
#include <functional>

#include "compiler/render/render.h"
#include "compiler/syntax/ast.h"
#include "service/internal.h"

namespace zc::service {

namespace {

DocumentSymbol make(const Ctx& c, std::string name, std::string detail, SymbolKind kind, Span whole, Span sel) {
  DocumentSymbol s;
  s.name = std::move(name);
  s.detail = std::move(detail);
  s.kind = kind;
  s.range = c.range(whole.to(sel));
  s.selection = c.range(sel);
  return s;
}

// Grows a container's range to cover its children (LSP requires children inside their parent).
void cover(DocumentSymbol& parent) {
  for (DocumentSymbol& ch : parent.children) {
    cover(ch);
    auto before = [](Position a, Position b) { return a.line < b.line || (a.line == b.line && a.character < b.character); };
    if (before(parent.range.end, ch.range.end)) parent.range.end = ch.range.end;
  }
}

std::string bracket(const std::string& n) { return "「" + n + "」"; }

}  // namespace

std::vector<DocumentSymbol> outline(const Ctx& c) {
  std::vector<DocumentSymbol> top;
  const ast::Policy* p = c.a.compiled.policy.get();
  if (!p) return top;
  const bool en = c.en();
  // Where the next statement of an article goes: the current article, else the current chapter.
  int chapter = -1, article = -1;  // indices into `top` and into top[chapter] / top
  bool header_done = false;
  auto container = [&]() -> std::vector<DocumentSymbol>& {
    if (chapter >= 0) {
      DocumentSymbol& ch = top[static_cast<size_t>(chapter)];
      return article >= 0 ? ch.children[static_cast<size_t>(article)].children : ch.children;
    }
    return article >= 0 ? top[static_cast<size_t>(article)].children : top;
  };
  for (const ast::Item& item : p->order) {
    auto i = static_cast<size_t>(item.index);
    switch (item.kind) {
      case ast::Item::Kind::Header:  // one item per header statement; the title stands for them all
        if (!p->header.title.empty() && !header_done && (header_done = true))
          top.push_back(make(c, "政策“" + p->header.title + "”", p->header.issuer, SymbolKind::Header, p->header.title_span, p->header.title_span));
        break;
      case ast::Item::Kind::Payer:
        top.push_back(make(c, bracket(p->payers[i].name.text), kind_word(SymKind::Payer, c.opts.lang), SymbolKind::Payer,
                           p->payers[i].span, p->payers[i].name.span));
        break;
      case ast::Item::Kind::Fact: {
        const ast::FactDecl& f = p->facts[i];
        std::string detail = std::string(kind_word(f.indicator ? SymKind::Indicator : SymKind::Fact, c.opts.lang)) + " · " + f.type.word;
        for (const ast::Name& n : f.names) top.push_back(make(c, bracket(n.text), detail, SymbolKind::Fact, f.span, n.span));
        break;
      }
      case ast::Item::Kind::Chapter: {
        const ast::Chapter& ch = p->chapters[i];
        top.push_back(make(c, "第" + ch.number + "章", ch.title, SymbolKind::Chapter, ch.span, ch.span));
        chapter = static_cast<int>(top.size() - 1);
        article = -1;
        break;
      }
      case ast::Item::Kind::Article: {
        const ast::Article& ar = p->articles[i];
        DocumentSymbol s = make(c, "第" + ar.number + "条", ar.title, SymbolKind::Article, ar.span, ar.span);
        std::vector<DocumentSymbol>& into = chapter >= 0 ? top[static_cast<size_t>(chapter)].children : top;
        into.push_back(std::move(s));
        article = static_cast<int>(into.size() - 1);
        break;
      }
      case ast::Item::Kind::Rule:
        container().push_back(make(c, bracket(p->rules[i].name.text), kind_word(SymKind::Rule, c.opts.lang), SymbolKind::Rule,
                                   p->rules[i].span, p->rules[i].name.span));
        break;
      case ast::Item::Kind::Define:
        container().push_back(make(c, bracket(p->defines[i].name.text), kind_word(SymKind::Define, c.opts.lang), SymbolKind::Define,
                                   p->defines[i].span, p->defines[i].name.span));
        break;
      case ast::Item::Kind::Cap:
        container().push_back(make(c, bracket(p->caps[i].name.text), kind_word(SymKind::Cap, c.opts.lang), SymbolKind::Group,
                                   p->caps[i].span, p->caps[i].name.span));
        break;
      case ast::Item::Kind::NoDup:
        container().push_back(make(c, bracket(p->nodups[i].name.text), kind_word(SymKind::NoDup, c.opts.lang), SymbolKind::Group,
                                   p->nodups[i].span, p->nodups[i].name.span));
        break;
      case ast::Item::Kind::Constraint:
        container().push_back(make(c, bracket(p->constraints[i].name.text), kind_word(SymKind::Constraint, c.opts.lang),
                                   SymbolKind::Group, p->constraints[i].span, p->constraints[i].name.span));
        break;
      case ast::Item::Kind::Target:
        container().push_back(make(c, render::target_sentence(p->targets[i]), en ? "target" : "目标", SymbolKind::Target,
                                   p->targets[i].span, p->targets[i].indicator.span));
        break;
      case ast::Item::Kind::Example:
        top.push_back(make(c, bracket(p->examples[i].name.text), kind_word(SymKind::Example, c.opts.lang), SymbolKind::Example,
                           p->examples[i].span, p->examples[i].name.span));
        break;
      default:
        break;  // departments, notes, reviews, and statement kinds added after this file
    }
  }
  for (DocumentSymbol& s : top) cover(s);
  return top;
}

std::vector<FoldingRange> folds(const Ctx& c) {
  std::vector<FoldingRange> out;
  auto add = [&](const Range& r, bool comment) {
    if (r.end.line > r.start.line) out.push_back(FoldingRange{r.start.line, r.end.line, comment});
  };
  std::function<void(const std::vector<DocumentSymbol>&)> walk = [&](const std::vector<DocumentSymbol>& list) {
    for (const DocumentSymbol& s : list) {
      add(s.range, false);
      walk(s.children);
    }
  };
  walk(outline(c));
  // Runs of whole-line comments.
  const Analysis& a = c.a;
  std::optional<Range> run;
  for (const syntax::Token& t : a.tokens) {
    if (!t.hidden) continue;
    Range r = c.range(t.begin, t.end);
    uint32_t line_start = a.lines->line_start(r.start.line);
    std::string_view lead = a.slice(Span{a.file, line_start, t.begin});
    bool whole_line = lead.find_first_not_of(" \t") == std::string_view::npos;
    if (!whole_line) continue;
    if (run && r.start.line == run->end.line + 1) {
      run->end = r.end;
    } else {
      if (run) add(*run, true);
      run = r;
    }
  }
  if (run) add(*run, true);
  std::sort(out.begin(), out.end(), [](const FoldingRange& x, const FoldingRange& y) {
    return x.start_line != y.start_line ? x.start_line < y.start_line : x.end_line > y.end_line;
  });
  return out;
}

const TokenLegend& token_legend() {
  static const TokenLegend legend{
      {"keyword", "operator", "variable", "function", "method", "enumMember", "class", "struct", "event", "string", "number", "comment", "type"},
      {"declaration", "readonly"}};
  return legend;
}

namespace {

std::optional<TokenType> keyword_type(const std::string& k) {
  static const char* const kOperators[] = {"GE_PRE", "GE_POST", "LE_PRE", "LE_POST", "GT_PRE", "LT_PRE", "VAGUE", "INCL",
                                           "AND", "OR", "NOT", "IS"};
  static const char* const kNumbers[] = {"NUMBER", "DATE", "MONEY_UNIT", "UNIT", "PERCENT", "PERMILLE", "PCT_PREFIX", "PML_PREFIX", "FEN", "JIAO"};
  static const char* const kPunct[] = {"COMMA", "ENUM_SEP", "SEMI", "PERIOD", "COLON", "LPAREN", "RPAREN", "DASH", "NAME", "?"};
  for (const char* o : kOperators)
    if (k == o) return TokenType::Operator;
  for (const char* n : kNumbers)
    if (k == n) return TokenType::Number;
  for (const char* p : kPunct)
    if (k == p) return std::nullopt;
  if (k == "STRING") return TokenType::String;
  if (k == "COMMENT") return TokenType::Comment;
  if (k == "TYPE") return TokenType::Type;
  return TokenType::Keyword;
}

TokenType name_type(SymKind k) {
  switch (k) {
    case SymKind::Fact:
    case SymKind::Indicator: return TokenType::Variable;
    case SymKind::Define: return TokenType::Method;
    case SymKind::Rule: return TokenType::Function;
    case SymKind::Payer: return TokenType::Class;
    case SymKind::Option: return TokenType::EnumMember;
    case SymKind::Cap:
    case SymKind::NoDup:
    case SymKind::Constraint: return TokenType::Struct;
    case SymKind::Example: return TokenType::Event;
  }
  return TokenType::Variable;
}

}  // namespace

std::vector<SemanticToken> semantic(const Ctx& c) {
  const Analysis& a = c.a;
  std::vector<SemanticToken> out;
  out.reserve(a.tokens.size());
  size_t occ = 0;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const syntax::Token& t = a.tokens[i];
    const std::string& k = a.token_kind(i);
    std::optional<TokenType> type;
    uint8_t mods = 0;
    if (k == "NAME") {
      while (occ < a.occurrences.size() && (a.occurrences[occ].span.begin < t.begin || a.occurrences[occ].in_text)) ++occ;
      if (occ < a.occurrences.size() && a.occurrences[occ].span.begin == t.begin && a.occurrences[occ].symbol >= 0) {
        const Occurrence& o = a.occurrences[occ];
        const SymbolInfo& s = a.symbols[static_cast<size_t>(o.symbol)];
        type = name_type(s.kind);
        if (o.declaration) mods |= kDeclaration;
        if (s.kind == SymKind::Indicator) mods |= kReadonly;
      }
    } else {
      type = keyword_type(k);
    }
    if (!type) continue;
    // One token per line: a string or comment over several lines is cut at each line break.
    Range r = c.range(t.begin, t.end);
    for (uint32_t line = r.start.line; line <= r.end.line; ++line) {
      uint32_t from = line == r.start.line ? r.start.character : 0;
      uint32_t to = line == r.end.line ? r.end.character
                                       : a.lines->position(a.lines->line_end(line), c.opts.encoding).character;
      if (to > from) out.push_back(SemanticToken{line, from, to - from, *type, mods});
    }
  }
  return out;
}

}  // namespace zc::service
