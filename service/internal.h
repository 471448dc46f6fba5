// What the files of the language service share: one analysis seen through the session's options,
// and the query functions each file implements. Not used outside service/.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "service/analysis.h"
#include "service/service.h"

namespace zc::service {

struct Ctx {
  const Analysis& a;
  const Options& opts;
  Range range(Span s) const { return a.lines->range(s.begin, s.end, opts.encoding); }
  Range range(uint32_t begin, uint32_t end) const { return a.lines->range(begin, end, opts.encoding); }
  bool en() const { return opts.lang == Lang::En; }
  const char* tr(const char* zh, const char* en_text) const { return en() ? en_text : zh; }
};

// actions.cpp
Problem to_problem(const Ctx& c, const zhengce::Diagnostic& d);
std::vector<CodeAction> fixes_for(const Ctx& c, const zhengce::Diagnostic& d);

// hover.cpp
std::optional<Hover> hover_at(const Ctx& c, uint32_t offset);
// The markdown describing a declared name (hover, completion documentation).
std::string describe_symbol(const Ctx& c, const SymbolInfo& s);

// complete.cpp. `a` may be an analysis of an earlier version of `text` (names only are read from it).
Completion complete_at(const Analysis* a, std::string_view text, const LineIndex& lines, uint32_t offset,
                       const Options& opts);

// outline.cpp
std::vector<DocumentSymbol> outline(const Ctx& c);
std::vector<FoldingRange> folds(const Ctx& c);
std::vector<SemanticToken> semantic(const Ctx& c);

// Markdown-safe text: the characters markdown would read as markup are escaped.
std::string md(std::string_view s);

// The name's span without its 「」.
Span name_part(const Analysis& a, Span token);

}  // namespace zc::service
