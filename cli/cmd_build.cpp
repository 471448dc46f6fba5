// zhengce build FILE -o OUT.zcb: compile a policy to a bytecode file (docs/bytecode.md).
// Exit: 0 written, 1 the policy has errors, 2 usage or I/O error.
#include "cli/commands.h"

namespace zc::cli {

void add_build_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::string file, out;
    std::string format = "human";
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("build", "把政策文件编译为字节码（.zcb）");
  cmd->add_option("file", opts->file, "政策文件（.zc）")->required();
  cmd->add_option("-o,--output", opts->out, "输出的字节码文件")->required();
  cmd->add_option("--format", opts->format, "诊断格式：human、json、sarif、github")->check(CLI::IsMember({"human", "json", "sarif", "github"}));
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    if (is_bytecode_path(opts->file)) {
      fail(g, "build 的输入应是政策源文件（.zc）", "build takes a policy source file (.zc)");
      exit_code = kExitUsage;
      return;
    }
    zhengce::DiagnosticFormat format = opts->format == "json"    ? zhengce::DiagnosticFormat::Json
                                       : opts->format == "sarif" ? zhengce::DiagnosticFormat::Sarif
                                       : opts->format == "github" ? zhengce::DiagnosticFormat::Github
                                                                  : zhengce::DiagnosticFormat::Human;
    zhengce::Loaded l = zhengce::load(opts->file, load_options(g));
    if (l.failure) {
      fail(g, *l.failure);
      exit_code = kExitUsage;
      return;
    }
    if (!l.policy) {
      print_diagnostics(g, l.diagnostics, format);
      exit_code = kExitPolicy;
      return;
    }
    if (!l.diagnostics.empty()) print_diagnostics(g, l.diagnostics, format);
    std::vector<uint8_t> bytes = l.policy->bytecode();
    exit_code = write_file(g, opts->out, std::string(bytes.begin(), bytes.end())) ? kExitOk : kExitUsage;
  });
}

}  // namespace zc::cli
