// One analysis of one version of a document: its diagnostics from the public API's check() (example
// cases included, exactly as `zhengce check`), the compiler's AST and checked program (which the
// public API does not expose, and which an editor needs even when the policy has errors), and what
// an editor needs on top of them — the tokens, every declared
// name with its declarations, and every occurrence of a name (in 「」, bare, or quoted in a note).
// Names are found by the lexer's tokens, not by walking the AST, so a statement kind the service
// does not know (or one that failed to parse) still has its names found.
// It is immutable once built; queries (service.cpp and the files beside it) only read it.
#pragma once
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/source.h"
#include "compiler/driver.h"
#include "compiler/syntax/lexer.h"
#include "service/match.h"
#include "service/positions.h"
#include "service/service.h"
#include "zhengce/policy.h"

namespace zc::service {

enum class SymKind : uint8_t { Fact, Indicator, Define, Rule, Payer, Option, Cap, NoDup, Constraint, Example };

struct SymbolInfo {
  std::string name;
  SymKind kind = SymKind::Fact;
  int index = -1;                  // into the AST list of its kind (Option: the first fact that lists it)
  std::vector<int> owners;         // Option: the AST fact declarations that list it
  std::vector<Span> decls;         // the declaring occurrences (the name's token, 「」 included)
  size_t uses = 0;                 // occurrences that are not declarations
  MatchTarget target;              // for completion
};

struct Occurrence {
  Span span;          // the token as written, with 「」 when bracketed
  Span name;          // the name's text only
  int symbol = -1;    // index into Analysis::symbols, -1 when the name is not declared
  bool bracketed = true;
  bool declaration = false;
  bool in_text = false;  // quoted as 「name」 inside “…” (a note that answers a warning, say)
};

struct Analysis {
  SourceManager sm;
  FileId file = 0;
  CompileResult compiled;               // compiled.policy is null when nothing parsed (no codegen)
  std::vector<zhengce::Diagnostic> diagnostics;  // zhengce::check(): the compiler's, then failing example cases
  std::vector<syntax::Token> tokens;    // comments included (hidden)
  std::unordered_set<uint32_t> unknown; // begin offsets of NAME tokens the lexer could not read
  bool fatal = false;                   // the lexer refused the text (invalid UTF-8, too large)
  std::vector<SymbolInfo> symbols;
  std::unordered_map<std::string, int> by_name;
  std::vector<Occurrence> occurrences;  // in source order
  std::unique_ptr<LineIndex> lines;     // of the analysed text

  const SourceFile& source() const { return sm.file(file); }
  const std::string& text() const { return sm.file(file).text(); }
  std::string_view slice(Span s) const { return std::string_view(text()).substr(s.begin, s.end - s.begin); }
  // The occurrence at the character at `offset`; at a name's end when no token starts there (the
  // cursor right after a name).
  const Occurrence* occurrence_at(uint32_t offset) const;
  // The index of the token at the character at `offset`, else of the token ending there, or -1.
  int token_at(uint32_t offset) const;
  // The token's symbolic name from keywords.def: "NAME", "GIVE", "GE_POST", "COMMENT".
  const std::string& token_kind(size_t i) const;
  const SymbolInfo* symbol(const std::string& name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &symbols[static_cast<size_t>(it->second)];
  }
};

// Diagnostics are worded in `lang`.
std::shared_ptr<const Analysis> analyze(std::string text, Lang lang);

// syntax::token_name, from a table built once (the lexer's own lookup is a linear scan).
const std::string& token_kind_name(uint16_t type);

// The text a token type is shown as in the symbol table's words: 事实, 规则, 出资方…
const char* kind_word(SymKind k, Lang lang);

}  // namespace zc::service
