// zhengce explain-code CODE [--markdown]: the page of one diagnostic code, like `rustc --explain`:
// its message (with the {0}, {1}, … that stand for the reported text), severity, slug and how to fix
// it, from the one code table (base/diag_codes.def). Chinese by default, English with --lang en;
// --markdown prints the code's section of docs/diagnostics.md instead.
// Exit: 0 printed, 2 no such code (with the nearest one, when there is one).
#include <iostream>

#include "cli/commands.h"

namespace zc::cli {

void add_explain_code_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::string code;
    bool markdown = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("explain-code", "说明一个诊断代码：消息、级别、名称与改正方法（如 zhengce explain-code E0512）");
  cmd->add_option("code", opts->code, "诊断代码，如 E0512 或 W0601")->required();
  cmd->add_flag("--markdown", opts->markdown, "输出 docs/diagnostics.md 中该代码的一节（Markdown）");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    std::optional<std::string> page = opts->markdown ? zhengce::code_markdown(opts->code) : zhengce::explain_code(opts->code, g.lang);
    if (!page) {
      std::string near = zhengce::nearest_code(opts->code);
      fail(g, "没有诊断代码「" + opts->code + "」" + (near.empty() ? "；代码写作 E0512 或 W0601" : "；是否想找「" + near + "」？"),
           "no diagnostic code `" + opts->code + "`" + (near.empty() ? "; codes look like E0512 or W0601" : "; did you mean `" + near + "`?"));
      exit_code = kExitUsage;
      return;
    }
    std::cout << *page;
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
