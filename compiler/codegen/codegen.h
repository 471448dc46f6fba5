// Code generation: a checked Program (compiler/check/sema.h) to a bytecode Module. It runs only when
// the checker reported no error, and it makes no decisions of meaning: every choice was the checker's.
#pragma once
#include <optional>

#include "base/diag.h"
#include "compiler/check/sema.h"
#include "compiler/syntax/ast.h"
#include "runtime/bytecode/module.h"

namespace zc::codegen {

// nullopt (with E0208 reported) when a table outgrows the bytecode's encoding.
std::optional<Module> generate(const ast::Policy& policy, const sema::Program& prog, const SourceManager& sm, DiagSink& sink);

}  // namespace zc::codegen
