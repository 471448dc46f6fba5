// The language service: what an editor asks about a policy it is editing — diagnostics, hover,
// completion, definition, references, rename, outline, folding, formatting, semantic tokens and
// quick fixes — computed from the document's text in memory. It is the one service behind every
// front end (`zhengce lsp`, the browser workbench): they translate requests and answers to their
// wire format and nothing else. It speaks no JSON and reads no files; it compiles through the same
// call of the public API as the CLI (zhengce::check, include/zhengce), so an editor shows exactly
// what `zhengce check` prints.
// docs/editors.md documents this interface.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "service/positions.h"
#include "zhengce/diagnostics.h"

namespace zc::service {

// The public API's words for languages and severities (include/zhengce), used here too.
using Lang = zhengce::Lang;
using Severity = zhengce::Severity;

struct Analysis;

// A request the service cannot answer (not a problem in the policy: those are diagnostics).
class Error : public std::runtime_error {
 public:
  enum class Kind : uint8_t {
    UnknownDocument,  // no document with that uri is open
    InvalidPosition,  // a position or range past the end of the document
    InvalidArgument,  // e.g. an empty new name for a rename
    Failed,           // the request is well formed but has no answer (format a file with syntax errors)
  };
  Error(Kind k, const std::string& message) : std::runtime_error(message), kind(k) {}
  Kind kind;
};

struct Options {
  Lang lang = Lang::Zh;                                    // messages, hovers, titles
  PositionEncoding encoding = PositionEncoding::Utf16;     // how `character` counts
};

struct TextEdit {
  Range range;
  std::string new_text;
};

// A change to a document: the whole text (no range) or a range replaced.
struct Change {
  std::optional<Range> range;
  std::string text;
};

struct RelatedInfo {
  Range range;
  std::string message;
};

// One diagnostic as an editor shows it. `message` is the first line; `help` the fix in words.
struct Problem {
  Range range;
  Severity severity = Severity::Error;
  std::string code;      // "E0517"
  std::string slug;      // "missing-bound-word"
  std::string message;
  std::string help;      // may be empty
  std::string article;   // "第1条" where the problem is, or empty
  std::vector<RelatedInfo> related;
  bool has_fix = false;  // code_actions() offers a fix for it
};

struct Hover {
  Range range;            // what the hover is about
  std::string markdown;
};

enum class ItemKind : uint8_t { Fact, Indicator, Define, Rule, Payer, Option, Group, Example, Keyword, Snippet };

struct CompletionItem {
  std::string label;        // 「高企认定补助」, 给予, 规则……
  ItemKind kind = ItemKind::Fact;
  std::string detail;       // 事实 · 金额
  std::string documentation;  // markdown
  TextEdit edit;            // replaces what was typed (gqrd) with the item
  bool snippet = false;     // edit.new_text has ${1:…} placeholders (LSP snippet syntax)
  std::string filter_text;  // the typed text: the service has filtered already, the editor must not
  std::string sort_text;    // orders items best first
};

struct Completion {
  std::vector<CompletionItem> items;
  bool incomplete = true;  // ask again as the typist goes on (pinyin is filtered here, not by the editor)
};

enum class SymbolKind : uint8_t { Chapter, Article, Rule, Define, Fact, Payer, Group, Example, Target, Header };

struct DocumentSymbol {
  std::string name;
  std::string detail;
  SymbolKind kind = SymbolKind::Rule;
  Range range;       // the whole construct
  Range selection;   // its name or heading
  std::vector<DocumentSymbol> children;
};

struct FoldingRange {
  uint32_t start_line = 0;
  uint32_t end_line = 0;
  bool comment = false;
};

// Semantic token types and modifiers, in the order of the legend (token_legend()).
enum class TokenType : uint8_t { Keyword, Operator, Variable, Function, Method, EnumMember, Class, Struct, Event, String, Number, Comment, Type };
enum TokenModifier : uint8_t { kDeclaration = 1, kReadonly = 2 };
struct SemanticToken {
  uint32_t line = 0, start = 0, length = 0;  // length in the encoding's units, never across a line
  TokenType type = TokenType::Keyword;
  uint8_t modifiers = 0;
};
struct TokenLegend {
  std::vector<std::string> types, modifiers;  // LSP's standard names
};
const TokenLegend& token_legend();

struct CodeAction {
  std::string title;
  std::vector<TextEdit> edits;
  std::string code;     // the diagnostic it fixes ("W0601")
  Range diagnostic;     // that diagnostic's range
  bool preferred = false;
};

struct RenameTarget {
  Range range;             // the name under the cursor, without 「」
  std::string placeholder; // its text
};

class LanguageService {
 public:
  explicit LanguageService(Options opts = {});
  ~LanguageService();
  LanguageService(const LanguageService&) = delete;
  LanguageService& operator=(const LanguageService&) = delete;

  const Options& options() const { return opts_; }
  void set_options(const Options& o);

  // ---- Documents (every method is safe to call from several threads: one lock serialises them) --
  void open(const std::string& uri, std::string text, int64_t version);
  // Applies changes in order; throws Error(InvalidPosition) when a range is past the end (the
  // document is then unchanged).
  void change(const std::string& uri, const std::vector<Change>& changes, int64_t version);
  void close(const std::string& uri);
  bool is_open(const std::string& uri) const;
  int64_t version(const std::string& uri) const;
  std::string text(const std::string& uri) const;

  // ---- Queries (each throws Error(UnknownDocument) for a uri that is not open) ------------------
  // Diagnostics of the current text, as `zhengce check` reports them (example cases included).
  std::vector<Problem> diagnostics(const std::string& uri);
  std::optional<Hover> hover(const std::string& uri, Position p);
  // Completion uses the last analysis of the document when there is one (a name declared in the
  // last few keystrokes is offered once the document is analysed again); the text typed before
  // the cursor is always read from the current text.
  Completion complete(const std::string& uri, Position p);
  std::vector<Range> definition(const std::string& uri, Position p);
  std::vector<Range> references(const std::string& uri, Position p, bool include_declaration);
  std::optional<RenameTarget> prepare_rename(const std::string& uri, Position p);
  // Every occurrence of the name: in 「」 (kept), written bare, and quoted in 「」 inside notes.
  // Throws Error(InvalidArgument) for a name that cannot be a name or is already declared.
  std::vector<TextEdit> rename(const std::string& uri, Position p, const std::string& new_name);
  std::vector<DocumentSymbol> symbols(const std::string& uri);
  std::vector<FoldingRange> folding(const std::string& uri);
  // The `zhengce fmt` layout as edits (empty when already formatted); Error(Failed) when the file has
  // lexical or syntax errors.
  std::vector<TextEdit> format(const std::string& uri);
  std::vector<SemanticToken> semantic_tokens(const std::string& uri);
  // Fixes for the diagnostics that overlap `range`.
  std::vector<CodeAction> code_actions(const std::string& uri, Range range);

  // The analysis of the current text (computed when stale). For tests and tools.
  std::shared_ptr<const Analysis> analysis(const std::string& uri);

 private:
  struct Document;
  Document& doc(const std::string& uri);
  const Document& doc(const std::string& uri) const;
  std::shared_ptr<const Analysis> fresh(Document& d);
  uint32_t offset_of(const Document& d, Position p) const;

  Options opts_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Document>> docs_;
};

}  // namespace zc::service
