// The evaluation engines behind one interface: the bytecode interpreter (runtime/vm) and the
// optional LLVM JIT (runtime/jit). Every engine fills the same Evaluation, bit for bit; callers
// choose one by name (--engine vm|jit). This header knows nothing about LLVM.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/bytecode/module.h"
#include "runtime/vm/vm.h"

namespace zc {

enum class EngineKind : uint8_t { Vm = 0, Jit = 1 };

class Engine {
 public:
  virtual ~Engine() = default;
  // The contract of Vm::evaluate_into: one entry per fact (Missing falls back to the default),
  // `out`'s buffers are reused. Traces, when asked for, are the VM's.
  virtual void evaluate_into(const std::vector<FactValue>& facts, const EvalOptions& opts, Evaluation& out) = 0;
  Evaluation evaluate(const std::vector<FactValue>& facts, const EvalOptions& opts = {});
  // An engine for another thread: it shares what was compiled and owns its own scratch state.
  virtual std::unique_ptr<Engine> fork() const = 0;
  virtual EngineKind kind() const = 0;
};

// The interpreter as an Engine. INVARIANT: `m` passed verify_module() and outlives the engine.
std::unique_ptr<Engine> make_vm_engine(const Module& m);

std::optional<EngineKind> engine_by_name(std::string_view name);  // "vm", "jit"
const char* engine_name(EngineKind k);

}  // namespace zc
