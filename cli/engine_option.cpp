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
    fail(g, "此版本未编译 JIT 引擎（构建时未找到 LLVM 16，或 -DZHENGCE_JIT=OFF）；请用 --engine vm",
         "this build has no JIT engine (LLVM 16 was not found, or -DZHENGCE_JIT=OFF); use --engine vm");
    return std::nullopt;
  }
  return zhengce::Engine::Jit;
}

}  // namespace zc::cli
