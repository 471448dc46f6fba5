// The JIT plugin's one exported symbol (plugin.h). Everything else in zhengce-jit.so is hidden, so
// the executable's runtime and the plugin's copy never resolve to each other.
#include <llvm/Config/llvm-config.h>

#include "runtime/jit/jit.h"
#include "runtime/jit/plugin.h"

namespace {

zc::Engine* make(const zc::Module& m, std::string& error) { return zc::make_jit_engine(m, error).release(); }

}  // namespace

extern "C" __attribute__((visibility("default"))) const zc::JitPlugin* zhengce_jit_plugin() {
  static const zc::JitPlugin plugin{zc::jit_plugin_abi(), ZHENGCE_PLUGIN_VERSION, LLVM_VERSION_STRING, &make};
  return &plugin;
}
