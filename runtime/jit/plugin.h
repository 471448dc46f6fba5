// The contract between the zhengce executable and the JIT plugin (zhengce-jit.so): one C symbol
// the loader finds with dlsym, returning a table that names the ABI it was built for. The plugin
// links its own copy of the runtime and LLVM; only the types below cross the boundary, so the
// fingerprint covers their layout and the project version, and the loader refuses any mismatch.
#pragma once
#include <cstdint>
#include <string>

#include "runtime/engine.h"

namespace zc {

// Bump when Engine's interface changes in a way the sizes below do not show.
inline constexpr uint64_t kJitPluginInterface = 1;

// A fingerprint of the interface and of the layout of every type passed between the two sides.
constexpr uint64_t jit_plugin_abi() {
  uint64_t h = 1469598103934665603ull;  // FNV-1a over the fields below
  for (uint64_t v : {kJitPluginInterface, uint64_t{sizeof(Module)}, uint64_t{sizeof(Evaluation)}, uint64_t{sizeof(RuleOutcome)},
                     uint64_t{sizeof(FactValue)}, uint64_t{sizeof(EvalOptions)}, uint64_t{sizeof(std::string)},
                     uint64_t{alignof(Module)}, uint64_t{sizeof(void*)}}) {
    h = (h ^ v) * 1099511628211ull;
  }
  return h;
}

struct JitPlugin {
  uint64_t abi;            // jit_plugin_abi() of the plugin's build
  const char* version;     // the project version the plugin was built with (ZHENGCE_PLUGIN_VERSION)
  const char* llvm;        // LLVM's version, for --version
  // A JIT engine for `m` (the caller owns it), or nullptr with `error` filled.
  // INVARIANT: `m` passed verify_module() and outlives the engine.
  Engine* (*make_engine)(const Module& m, std::string& error);
};

inline constexpr char kJitPluginSymbol[] = "zhengce_jit_plugin";
using JitPluginEntry = const JitPlugin* (*)();

}  // namespace zc
