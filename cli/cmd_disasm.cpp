// zhengce disasm FILE: print the bytecode of a .zcb file (or of a .zc file, compiled first).
// Exit: 0 printed, 1 the policy has errors, 2 usage, I/O error, or a corrupt or unverifiable file.
#include <iostream>

#include "cli/commands.h"

namespace zc::cli {

void add_disasm_command(CLI::App& app, Globals& g, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("disasm", "反汇编字节码：各表与每条规则的指令");
  cmd->add_option("file", *file, "字节码文件（.zcb）或政策文件（.zc）")->required();
  cmd->callback([&g, &exit_code, file] {
    resolve_globals(g);
    std::optional<zhengce::Policy> p = load_policy(g, *file, exit_code);
    if (!p) return;
    std::cout << p->disassembly();
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
