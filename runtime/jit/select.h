// Choosing an engine by kind: the VM always; the JIT when this build has it (CMake option
// ZHENGCE_JIT). The JIT lives in a plugin, zhengce-jit.so, loaded with dlopen the first time a JIT
// engine is asked for, so that a command that does not use it never loads LLVM (start-up: see
// docs/performance.md). The one place that knows whether the JIT was compiled and where it is.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/engine.h"

namespace zc {

// Whether this build configured the JIT (its plugin may still be missing at run time).
bool jit_built();

// Where the plugin is looked for, in order: $ZHENGCE_JIT_PLUGIN alone when it is set; otherwise
// beside the executable (the build tree), then in the library directory relative to the
// executable (an installed tree, wherever its prefix), then in the configured install location.
std::vector<std::string> jit_plugin_candidates();
// The first candidate that exists, without loading it.
std::optional<std::string> jit_plugin_path();

// Loads the plugin (once per process) and says whether the JIT can run here, and if not, why.
struct JitAvailability {
  bool ok = false;
  std::string path;                    // the plugin loaded (or found but refused)
  std::string llvm;                    // the plugin's LLVM version
  std::string problem_zh, problem_en;  // why not, when !ok
};
const JitAvailability& jit_availability();

// nullptr with `error` (English) filled when the engine is not available (a build without the JIT, a missing
// or mismatched plugin) or cannot be set up. INVARIANT: `m` passed verify_module() and outlives the engine.
std::unique_ptr<Engine> make_engine(EngineKind kind, const Module& m, std::string& error);

}  // namespace zc
