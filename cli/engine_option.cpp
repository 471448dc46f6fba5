// See engine_option.h.
#include "cli/engine_option.h"

namespace zc::cli {

void add_engine_option(CLI::App* cmd, std::string& engine) {
  cmd->add_option("--engine", engine, "求值引擎：vm（默认，字节码解释器）或 jit（LLVM 即时编译）")
      ->check(CLI::IsMember({"vm", "jit"}));
}

std::optional<zhengce::Engine> engine_for(const Globals& g, const std::string& name) {
  if (name != "jit") return zhengce::Engine::Vm;
  if (!zhengce::jit_available()) {
    fail(g, zhengce::jit_problem(zhengce::Lang::Zh) + "；请用 --engine vm",
         zhengce::jit_problem(zhengce::Lang::En) + "; use --engine vm");
    return std::nullopt;
  }
  return zhengce::Engine::Jit;
}

}  // namespace zc::cli
