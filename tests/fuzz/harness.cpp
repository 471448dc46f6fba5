// See harness.h. Inputs are whatever bytes the fuzzer makes; the front end must turn every one of
// them into diagnostics (or a module), never into a crash.
#include "tests/fuzz/harness.h"

#include <sstream>
#include <string>

#include "base/diag_render.h"
#include "compiler/driver.h"
#include "lib/tester.h"

namespace zc::fuzz {

void run_front_end(std::string_view input) {
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
  std::ostringstream out;
  render_diagnostics(sink.all(), sm, DiagFormat::Human, Lang::Zh, true, out);
  render_diagnostics(sink.all(), sm, DiagFormat::Json, Lang::En, false, out);
  render_diagnostics(sink.all(), sm, DiagFormat::Sarif, Lang::Zh, false, out);
  render_diagnostics(sink.all(), sm, DiagFormat::Github, Lang::En, false, out);
  out << diag_summary(sink.all(), Lang::En, false);
}

}  // namespace zc::fuzz
