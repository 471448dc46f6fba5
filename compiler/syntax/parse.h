// Parsing: tokens from the lexer, through the ANTLR parser generated from grammar/ZhengceParser.g4,
// into our own AST (ast.h). antlr4:: types never leave compiler/syntax. Syntax errors are reported
// once per statement; the parser resynchronises at the next 。 (or the next statement keyword that
// starts a line), so one missing word gives one diagnostic, not a cascade.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/diag.h"
#include "base/source.h"
#include "compiler/syntax/ast.h"

namespace zc::syntax {

std::shared_ptr<ast::Policy> parse(const SourceManager& sm, FileId file, DiagSink& sink);

// Reads a literal written as in a policy (10万元, 20%, 1.5‰, 2家, 2024年2月21日, 十万元) from a
// string in a facts file. nullopt if it is not exactly one literal.
std::optional<ast::Literal> parse_literal_text(std::string_view text);

}  // namespace zc::syntax
