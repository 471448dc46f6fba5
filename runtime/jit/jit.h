// The LLVM JIT engine: compiles a verified Module's rules and derived values to machine code with
// ORC LLJIT and runs them behind the Engine interface, with the VM's groups and totals after the
// rules. It gives the VM's Evaluation bit for bit; explanations (traces) come from the VM.
#pragma once
#include <memory>
#include <string>

#include "runtime/engine.h"

namespace zc {

// INVARIANT: `m` passed verify_module() and outlives the engine (and every fork of it).
// nullptr with `error` filled when LLVM cannot set up a JIT for this machine.
std::unique_ptr<Engine> make_jit_engine(const Module& m, std::string& error);

}  // namespace zc
