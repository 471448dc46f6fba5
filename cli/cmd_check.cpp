// zhengce check FILE…: parse and check policy files and report every problem found, including the
// example cases that fail or cannot be evaluated (E0701-E0702), so that one command is the gate a
// review office or CI runs; --no-examples leaves the cases to `zhengce test`.
// Exit: 0 no errors (warnings allowed unless --deny-warnings), 1 errors, 2 usage or unreadable file.
#include "cli/commands.h"

namespace zc::cli {

namespace {

zhengce::DiagnosticFormat format_named(const std::string& name) {
  if (name == "json") return zhengce::DiagnosticFormat::Json;
  if (name == "sarif") return zhengce::DiagnosticFormat::Sarif;
  if (name == "github") return zhengce::DiagnosticFormat::Github;
  return zhengce::DiagnosticFormat::Human;
}

}  // namespace

void add_check_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::vector<std::string> files;
    std::string format = "human";
    bool deny_warnings = false;
    bool no_examples = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("check", "检查政策文件：语法、名称、类型与单位、分别、风险分担等");
  cmd->add_option("files", opts->files, "政策文件（.zc）")->required();
  cmd->add_option("--format", opts->format, "诊断格式：human（默认）、json、sarif、github")
      ->check(CLI::IsMember({"human", "json", "sarif", "github"}));
  cmd->add_flag("--deny-warnings", opts->deny_warnings, "把警告当作错误（CI 用）");
  cmd->add_flag("--no-examples", opts->no_examples, "不运行文件中的案例（案例留给 zhengce test）");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    zhengce::CheckOptions co;
    co.lang = g.lang;
    co.examples = !opts->no_examples;  // cases run only on a file without errors
    co.deny_warnings = opts->deny_warnings;
    zhengce::Diagnostics all;
    bool io = false;
    for (const std::string& f : opts->files) {
      zhengce::Loaded l = zhengce::load(f, co);
      if (l.failure) {
        fail(g, *l.failure);
        io = true;
      }
      all.append(l.diagnostics);
    }
    print_diagnostics(g, all, format_named(opts->format));
    exit_code = io ? kExitUsage : all.errors() > 0 ? kExitPolicy : kExitOk;
  });
}

}  // namespace zc::cli
