// The tester: the example cases (案例) of a policy file, run on an engine and compared with their
// expectations. `zhengce test` and `zhengce check` run them through the library (include/zhengce);
// the compiler's driver does not run code.
#pragma once
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/source.h"
#include "runtime/bytecode/module.h"
#include "runtime/engine.h"

namespace zc {
namespace ast {
struct Policy;
}
namespace sema {
struct Program;
}
}  // namespace zc

namespace zc::lib {

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

}  // namespace zc::lib
