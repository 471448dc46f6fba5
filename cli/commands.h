// One registration function per subcommand, each defined in its own cmd_*.cpp. A command stores its
// exit code (see common.h) in `exit_code` when it runs.
#pragma once
#include "cli/common.h"

namespace zhengce::serve {
struct ServeOptions;
}

namespace zc::cli {

void add_check_command(CLI::App& app, Globals& g, int& exit_code);
void add_build_command(CLI::App& app, Globals& g, int& exit_code);
void add_run_command(CLI::App& app, Globals& g, int& exit_code);
void add_test_command(CLI::App& app, Globals& g, int& exit_code);
void add_disasm_command(CLI::App& app, Globals& g, int& exit_code);
void add_keywords_command(CLI::App& app, Globals& g, int& exit_code);
void add_targets_command(CLI::App& app, Globals& g, int& exit_code);
void add_simulate_command(CLI::App& app, Globals& g, int& exit_code);
void add_gen_registry_command(CLI::App& app, Globals& g, int& exit_code);

void add_render_command(CLI::App& app, Globals& g, int& exit_code);
void add_fmt_command(CLI::App& app, Globals& g, int& exit_code);
void add_explain_command(CLI::App& app, Globals& g, int& exit_code);
void add_serve_command(CLI::App& app, Globals& g, int& exit_code);
void add_lsp_command(CLI::App& app, Globals& g, int& exit_code);
void add_explain_code_command(CLI::App& app, Globals& g, int& exit_code);
void add_diff_command(CLI::App& app, Globals& g, int& exit_code);
void add_completion_command(CLI::App& app, Globals& g, int& exit_code);

// `zhengce serve` once its options are parsed. Two definitions, one per executable (cmd_serve.cpp):
// serve_exec.cpp in `zhengce` re-executes the command line as `zhengce-serve`; serve_run.cpp in
// `zhengce-serve` runs the server.
void run_serve(Globals& g, const zhengce::serve::ServeOptions& options, int& exit_code);

}  // namespace zc::cli
