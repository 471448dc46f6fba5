// The interpreter behind the Engine interface, and engine names. Choosing between engines (and
// knowing whether the JIT was built) is runtime/jit/select.cpp's business, not this file's.
#include "runtime/engine.h"

namespace zc {
namespace {

class VmEngine final : public Engine {
 public:
  explicit VmEngine(const Module& m) : m_(m), vm_(m) {}
  void evaluate_into(const std::vector<FactValue>& facts, const EvalOptions& opts, Evaluation& out) override {
    vm_.evaluate_into(facts, opts, out);
  }
  std::unique_ptr<Engine> fork() const override { return std::make_unique<VmEngine>(m_); }
  EngineKind kind() const override { return EngineKind::Vm; }

 private:
  const Module& m_;
  Vm vm_;
};

}  // namespace

Evaluation Engine::evaluate(const std::vector<FactValue>& facts, const EvalOptions& opts) {
  Evaluation ev;
  evaluate_into(facts, opts, ev);
  return ev;
}

std::unique_ptr<Engine> make_vm_engine(const Module& m) { return std::make_unique<VmEngine>(m); }

std::optional<EngineKind> engine_by_name(std::string_view name) {
  if (name == "vm") return EngineKind::Vm;
  if (name == "jit") return EngineKind::Jit;
  return std::nullopt;
}

const char* engine_name(EngineKind k) { return k == EngineKind::Jit ? "jit" : "vm"; }

}  // namespace zc
