// The compiler's front door: source text in, diagnostics and (when there are no errors) a
// bytecode Module out. The library (lib/) goes through here; nothing else strings the stages together.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/source.h"
#include "runtime/bytecode/module.h"

namespace zc {
namespace ast {
struct Policy;
}
namespace sema {
struct Program;
}

struct CompileOptions {
  bool codegen = true;  // false: stop after checking (zhengce check)
};

struct CompileResult {
  std::shared_ptr<const ast::Policy> policy;  // null when the file could not be parsed at all
  std::shared_ptr<const sema::Program> program;  // null when parsing failed
  std::optional<Module> module;               // only when there are no errors and codegen was asked
};

// Reads nothing from disk: the file must already be in `sm`.
CompileResult compile(const SourceManager& sm, FileId file, DiagSink& sink, const CompileOptions& opts = {});

}  // namespace zc
