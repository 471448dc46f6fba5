// zhengce: the command line. It only wires subcommands together; each lives in its own cmd_*.cpp.
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace zc::cli;
  CLI::App app{"zhengce（政策）：科技补助政策的编译器、检查器与求值器", "zhengce"};
  app.require_subcommand(1);
  app.fallthrough();  // --lang and --color may also follow the subcommand
  app.set_version_flag("--version", std::string("zhengce ") + ZHENGCE_VERSION);
  Globals g;
  add_global_options(app, g);
  int exit_code = kExitOk;
  add_check_command(app, g, exit_code);
  add_build_command(app, g, exit_code);
  add_run_command(app, g, exit_code);
  add_test_command(app, g, exit_code);
  add_disasm_command(app, g, exit_code);
  add_keywords_command(app, g, exit_code);
  add_targets_command(app, g, exit_code);
  add_simulate_command(app, g, exit_code);
  add_gen_registry_command(app, g, exit_code);
  add_render_command(app, g, exit_code);
  add_fmt_command(app, g, exit_code);
  add_explain_command(app, g, exit_code);
  add_serve_command(app, g, exit_code);
  add_lsp_command(app, g, exit_code);
  add_explain_code_command(app, g, exit_code);
  add_diff_command(app, g, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int r = app.exit(e);
    return r == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}
