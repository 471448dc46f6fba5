// Choosing an engine by kind: the VM always, the JIT when this build has it (CMake option
// ZHENGCE_JIT). The one place that knows whether the JIT was compiled in.
#pragma once
#include <memory>
#include <string>

#include "runtime/engine.h"

namespace zc {

bool jit_built();

// nullptr with `error` filled when the engine is not available (the JIT in a build without LLVM)
// or cannot be set up. INVARIANT: `m` passed verify_module() and outlives the engine.
std::unique_ptr<Engine> make_engine(EngineKind kind, const Module& m, std::string& error);

}  // namespace zc
