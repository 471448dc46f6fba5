// zhengce test FILE… [--engine vm|jit]: run the example cases (案例) written in policy files and compare each rule's
// result with the expectation. Prints every case and ends with "N passed, N failed".
// Exit: 0 all passed, 1 a case failed or a file has errors, 2 usage or I/O error.
#include <iostream>

#include "cli/commands.h"
#include "cli/engine_option.h"
#include "compiler/syntax/ast.h"
#include "lib/tester.h"

namespace zc::cli {

void add_test_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::vector<std::string> files;
    std::string engine = "vm";
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("test", "运行政策文件中的案例，核对每条规则的预期结果");
  cmd->add_option("files", opts->files, "政策文件（.zc）")->required();
  add_engine_option(cmd, opts->engine);
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    SourceManager sm;
    DiagSink sink;
    size_t passed = 0, failed = 0;
    bool io = false, no_engine = false;
    const char* green = g.color_stdout ? "\x1b[32m" : "";
    const char* red = g.color_stdout ? "\x1b[1;31m" : "";
    const char* reset = g.color_stdout ? "\x1b[0m" : "";
    for (const std::string& f : opts->files) {
      if (is_bytecode_path(f)) {
        fail(g, "「" + f + "」是字节码：案例只在政策源文件（.zc）中", "`" + f + "` is bytecode: examples live in source files (.zc)");
        io = true;
        continue;
      }
      size_t errors_before = sink.error_count();
      bool io_error = false;
      auto lp = load_policy(g, f, sm, sink, io_error);
      if (io_error) { io = true; continue; }
      if (!lp || !lp->module || sink.error_count() > errors_before) {
        size_t n = lp && lp->compiled.policy ? lp->compiled.policy->examples.size() : 0;
        std::cout << f << tr(g, "：有错误，案例未运行", ": has errors, examples not run") << "\n";
        failed += n > 0 ? n : 1;
        continue;
      }
      std::unique_ptr<Engine> engine = engine_for(g, opts->engine, *lp->module);
      if (!engine) {  // --engine jit in a build without it: a usage error, nothing was tested
        no_engine = true;
        break;
      }
      std::vector<lib::ExampleOutcome> outs = lib::run_examples(*lp->compiled.policy, *lp->compiled.program, *lp->module, engine.get());
      std::cout << f << "\n";
      for (lib::ExampleOutcome& o : outs) {
        if (o.passed) {
          ++passed;
          std::cout << "  " << green << "✓" << reset << " " << o.name << "\n";
        } else {
          ++failed;
          std::cout << "  " << red << "✗" << reset << " " << o.name << "\n";
          for (Diagnostic& d : o.failures) sink.report(std::move(d));
        }
      }
    }
    if (sink.error_count() > 0) {
      render_diagnostics(sink.all(), sm, DiagFormat::Human, g.lang, g.color_stderr, std::cerr);
    }
    if (no_engine) {
      exit_code = kExitUsage;
      return;
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    exit_code = io ? kExitUsage : failed > 0 ? kExitPolicy : kExitOk;
  });
}

}  // namespace zc::cli
