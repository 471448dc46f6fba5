// zhengce disasm FILE: print the bytecode of a .zcb file (or of a .zc file, compiled first).
// Exit: 0 printed, 1 the policy has errors, 2 usage, I/O error, or a corrupt or unverifiable file.
#include <iostream>

#include "cli/commands.h"
#include "runtime/bytecode/disasm.h"

namespace zc::cli {

void add_disasm_command(CLI::App& app, Globals& g, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("disasm", "反汇编字节码：各表与每条规则的指令");
  cmd->add_option("file", *file, "字节码文件（.zcb）或政策文件（.zc）")->required();
  cmd->callback([&g, &exit_code, file] {
    resolve_globals(g);
    SourceManager sm;
    DiagSink sink;
    bool io_error = false;
    auto lp = load_policy(g, *file, sm, sink, io_error);
    if (!lp || !lp->module) {
      if (sink.error_count() > 0) print_diagnostics(g, sink, sm, DiagFormat::Human);
      exit_code = io_error || is_bytecode_path(*file) ? kExitUsage : kExitPolicy;
      return;
    }
    std::cout << disassemble(*lp->module);
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
