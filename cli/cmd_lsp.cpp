// zhengce lsp: a Language Server Protocol 3.17 server on stdin and stdout, for editors (the VS Code
// extension in editors/vscode starts it). Every answer comes from the language service (service/),
// the same compiler as `zhengce check`; docs/editors.md has a transcript.
// Exit: 0 after the client's shutdown and exit, 1 when the input ended or exit came without shutdown.
#include "cli/commands.h"
#include "lsp/stdio.h"

namespace zc::cli {

void add_lsp_command(CLI::App& app, Globals& g, int& exit_code) {
  auto debounce = std::make_shared<int>(150);
  CLI::App* cmd = app.add_subcommand("lsp", "语言服务器（LSP 3.17，标准输入输出）：供编辑器使用的诊断、悬停、补全、跳转、重命名、格式化");
  cmd->add_option("--debounce-ms", *debounce, "修改后等待多少毫秒再发布诊断（默认 150）")->check(CLI::Range(0, 10000));
  cmd->callback([&g, &exit_code, debounce] {
    resolve_globals(g);
    lsp::ServerOptions opts;
    opts.lang = g.lang == zhengce::Lang::En ? service::Lang::En : service::Lang::Zh;
    opts.debounce = std::chrono::milliseconds(*debounce);
    exit_code = lsp::run_stdio(opts);
  });
}

}  // namespace zc::cli
