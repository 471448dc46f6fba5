// The formatter: one canonical layout for a policy file, printed from the lexer's tokens (comments
// included) with the AST's help to find clause boundaries. It changes only white space, line breaks
// and the ASCII spelling of punctuation; before handing back a result it re-parses it, compares the
// ASTs without spans (ast_equal.h), checks that every comment survived and that formatting the result
// again changes nothing. It never formats a file that has lexical or syntax errors.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diag.h"
#include "base/source.h"
#include "compiler/syntax/ast.h"

namespace zc::formatter {

// Lines are filled up to this many display columns (a CJK character counts 2); a statement that
// fits stays on one line.
inline constexpr int kWidth = 120;

struct Result {
  enum class Status {
    Ok,            // `text` is the formatted file
    SourceErrors,  // the file does not parse; the diagnostics are in the sink
    Refused,       // the formatter's own output failed verification: a formatter bug, `problem` says how
  } status = Status::Ok;
  std::string text;
  std::string problem;
};

// Formats file `id` of `sm`. Lexical and syntax errors are reported into `sink`.
Result format_file(const SourceManager& sm, FileId id, DiagSink& sink);

// The two steps of format_file, exposed for tests.
// layout(): the canonical text of a file that parsed cleanly (its AST is `p`), or nullopt when no
// spacing keeps the tokens apart (a formatter bug).
std::optional<std::string> layout(const SourceFile& src, FileId id, const ast::Policy& p);
// verify(): nullopt when `formatted` parses cleanly to the same AST as `original` with the same
// comments in the same order and is a fixed point of layout(); otherwise why not (in Chinese).
std::optional<std::string> verify(const ast::Policy& original, const std::vector<std::string>& original_comments,
                                  std::string_view formatted);

// Whether the lexer ends a statement (supplies a missing 。) before a token of this type that starts a
// line, so that a line inside a statement must never start with one. The list repeats the lexer's
// (lexer.cpp, starts_line_statement); tests/fmt checks the two agree for every keyword.
bool starts_statement_line(size_t token_type);

// The comments of a file, in order, without trailing white space (as the formatter keeps them).
std::vector<std::string> comments_of(const SourceFile& src, FileId id);

}  // namespace zc::formatter
