// Policy source text: the lexer, parser, checker, drafting checks, codegen, verifier and example
// cases, then every diagnostic format. Every input must become diagnostics (or a module), never a
// crash; the machine formats must be valid UTF-8 whatever the input.
#include <sstream>
#include <string>

#include "base/diag_render.h"
#include "base/utf8.h"
#include "compiler/driver.h"
#include "lib/tester.h"
#include "tests/fuzz/harness.h"

ZC_FUZZ_TARGET(frontend) {
  using namespace zc;
  SourceManager sm;
  FileId id = sm.add("fuzz.zc", std::string(input));
  DiagSink sink;
  CompileResult r = compile(sm, id, sink);
  if (r.module && r.policy && r.program) {
    for (lib::ExampleOutcome& o : lib::run_examples(*r.policy, *r.program, *r.module))
      for (Diagnostic& d : o.failures) sink.report(std::move(d));
  }
  // Every format once, both languages between them (rendering is cheap next to compiling, but a
  // fuzzer's speed is its reach).
  std::ostringstream human, machine;
  render_diagnostics(sink.all(), sm, DiagFormat::Human, Lang::Zh, true, human);
  render_diagnostics(sink.all(), sm, DiagFormat::Json, Lang::En, false, machine);
  render_diagnostics(sink.all(), sm, DiagFormat::Sarif, Lang::Zh, false, machine);
  render_diagnostics(sink.all(), sm, DiagFormat::Github, Lang::En, false, machine);
  machine << diag_summary(sink.all(), Lang::En, false);
  fuzz::require(!utf8_first_invalid(machine.str()).has_value(), "a machine-readable diagnostic format is not valid UTF-8");
}
