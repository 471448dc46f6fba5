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

}  // namespace zc::syntax
