// zhengce test FILE… [--engine vm|jit]: run the example cases (案例) written in policy files and compare each rule's
// result with the expectation. Prints every case and ends with "N passed, N failed".
// Exit: 0 all passed, 1 a case failed or a file has errors, 2 usage or I/O error.
#include <iostream>

#include "cli/commands.h"
#include "cli/engine_option.h"

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
    zhengce::Diagnostics problems;
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
      zhengce::Loaded l = zhengce::load(f, load_options(g));
      if (l.failure) {
        fail(g, *l.failure);
        io = true;
        continue;
      }
      if (!l.policy) {
        problems.append(l.diagnostics);
        std::cout << f << tr(g, "：有错误，案例未运行", ": has errors, examples not run") << "\n";
        failed += l.example_cases > 0 ? l.example_cases : 1;
        continue;
      }
      std::optional<zhengce::Engine> engine = engine_for(g, opts->engine);
      std::optional<std::vector<zhengce::ExampleResult>> results;
      if (engine) results = zhengce::test(*l.policy, *engine, g.lang);
      if (!results) {  // --engine jit in a build without it: a usage error, nothing was tested
        no_engine = true;
        break;
      }
      std::cout << f << "\n";
      for (const zhengce::ExampleResult& r : *results) {
        if (r.passed) {
          ++passed;
          std::cout << "  " << green << "✓" << reset << " " << r.name << "\n";
        } else {
          ++failed;
          std::cout << "  " << red << "✗" << reset << " " << r.name << "\n";
          problems.append(r.failures);
        }
      }
    }
    if (problems.errors() > 0) std::cerr << problems.render(zhengce::DiagnosticFormat::Human, g.color_stderr);
    if (no_engine) {
      exit_code = kExitUsage;
      return;
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    exit_code = io ? kExitUsage : failed > 0 ? kExitPolicy : kExitOk;
  });
}

}  // namespace zc::cli
