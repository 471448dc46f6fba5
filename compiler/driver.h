// The compiler's front door: source text in, diagnostics and (when there are no errors) a
// bytecode Module out. Every CLI subcommand goes through here; nothing else strings stages together.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/source.h"
#include "runtime/bytecode/module.h"
#include "runtime/engine.h"
#include "runtime/vm/vm.h"

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

// Outcome of one example case (案例) of a policy file.
struct ExampleOutcome {
  std::string name;
  Span span;
  bool passed = false;
  std::vector<Diagnostic> failures;  // one per mismatching expectation (E0701) or E0702
};

// Runs the example cases of a compiled policy on `engine` (the VM when null).
std::vector<ExampleOutcome> run_examples(const ast::Policy& policy, const sema::Program& program, const Module& module,
                                         Engine* engine = nullptr);

// Describes one rule's outcome in words, as test failures and `zhengce run` show it:
// 10万元 / 择优10万元 / 0元至50万元 / 一事一议 / 金额未明确（最高50万元） / 不予支持 / 适用（推荐……）.
std::string outcome_text(const Module& module, const RuleOutcome& o);

}  // namespace zc
