// The JIT engine: lower (lower.cpp), optimise with LLVM's O2 pipeline, compile with ORC LLJIT, and
// call one compiled function per rule. The runtime helpers that compiled code calls live here too,
// built on the same Rational and Interval code as the VM, so results cannot drift apart.
#include "runtime/jit/jit.h"

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>

#include <cstring>
#include <mutex>
#include <type_traits>

#include "runtime/jit/abi.h"
#include "runtime/jit/lower.h"
#include "runtime/vm/groups.h"
#include "runtime/vm/outcome.h"

namespace zc {
namespace jit {
namespace {

static_assert(std::is_trivially_copyable_v<Interval> && sizeof(Interval) == 4 * sizeof(int64_t));  // copied as four words
static_assert(std::is_trivially_copyable_v<Rational> && sizeof(Rational) == 2 * sizeof(int64_t));

Interval to_interval(const int64_t* w) {
  Interval v;
  std::memcpy(static_cast<void*>(&v), w, sizeof v);
  return v;
}
void from_interval(const Interval& v, int64_t* w) { std::memcpy(w, static_cast<const void*>(&v), sizeof v); }

}  // namespace

bool layout_is_as_expected() {
  std::optional<Rational> r = Rational::make(3, 7);
  int64_t w[2];
  std::memcpy(w, static_cast<const void*>(&*r), sizeof w);
  return w[0] == 3 && w[1] == 7;
}

extern "C" bool zc_jit_arith(uint32_t op, const int64_t* a, const int64_t* b, int64_t* out) {
  Interval x = to_interval(a);
  Interval y = to_interval(b);
  auto o = static_cast<Opcode>(op);
  std::optional<Interval> r = o == Opcode::ADD ? x.add(y) : (o == Opcode::SUB ? x.sub(y) : x.mul(y));
  if (!r) return false;
  from_interval(*r, out);
  return true;
}

extern "C" bool zc_jit_round(const int64_t* in, int64_t* out, uint32_t mode, uint32_t unit) {
  std::optional<Interval> r = to_interval(in).round(static_cast<RoundingMode>(mode), static_cast<RoundingUnit>(unit));
  if (!r) return false;
  from_interval(*r, out);
  return true;
}

// EMIT_AMOUNT, EMIT_EXTERNAL, EMIT_DEDUCT, UNSPEC_MAX and EMIT_BENEFIT, exactly as vm.cpp executes them.
extern "C" bool zc_jit_emit(RuleOutcome* o, uint32_t op, uint32_t operand, const int64_t* v) {
  const auto a = static_cast<uint16_t>(operand);
  switch (static_cast<Opcode>(op)) {
    case Opcode::EMIT_AMOUNT:
      return add_payer_amount(o->amounts, a, to_interval(v));
    case Opcode::EMIT_EXTERNAL:
      return add_payer_amount(o->external, a, to_interval(v));
    case Opcode::EMIT_DEDUCT: {
      if (!o->deduction) {
        o->deduction = to_interval(v);
        return true;
      }
      std::optional<Interval> s = o->deduction->add(to_interval(v));
      if (!s) return false;
      o->deduction = *s;
      return true;
    }
    case Opcode::UNSPEC_MAX:
      o->unspecified_max = to_interval(v);
      return true;
    case Opcode::EMIT_BENEFIT:
      o->benefits.push_back(a);
      return true;
    default:
      return true;  // unreachable: the lowering calls this only for the opcodes above
  }
}

extern "C" int32_t zc_jit_items(Ctx* ctx, uint32_t list, uint32_t width, ItemFn cond, uint32_t cond_d, ItemFn amount,
                                uint32_t amount_d, int64_t* out) {
  const FactValue* lv = list < ctx->nfacts ? &ctx->facts[list] : nullptr;
  const ItemRows* rows = lv != nullptr && lv->kind != FactValue::Kind::Missing ? lv->items.get() : nullptr;
  Interval sum = Interval::exact(Rational(0));
  uint64_t count = 0;
  if (rows != nullptr) {
    if (rows->width != width || rows->cells.size() != rows->count * rows->width) {  // as vm.cpp: unreadable
      ctx->err_fact = static_cast<uint16_t>(list);
      return kMissingFact;
    }
    for (uint64_t i = 0; i < rows->count; ++i) {
      ctx->item = rows->cells.data() + i * width;
      if (cond != nullptr) {
        if (int32_t r = cond(ctx, nullptr); r != kNotApplicable) return r;
        if (ctx->memo[cond_d].b == 0) continue;
      }
      ++count;
      if (amount == nullptr) continue;
      if (int32_t r = amount(ctx, nullptr); r != kNotApplicable) return r;
      std::optional<Interval> s = sum.add(to_interval(ctx->memo[amount_d].w));
      if (!s) {
        ctx->err_fact = kNoIndex;
        return kOverflow;
      }
      sum = *s;
    }
    ctx->item = nullptr;
  }
  from_interval(amount != nullptr ? sum : Interval::exact(Rational(static_cast<int64_t>(count))), out);
  return kNotApplicable;
}

extern "C" void zc_jit_fail(RuleOutcome* o, int32_t code, uint16_t fact) {
  reset_outcome(*o);
  o->status = RuleStatus::Error;
  o->error = code == kMissingFact ? VmError::MissingFact : VmError::Overflow;
  o->error_fact = code == kMissingFact ? fact : kNoIndex;
}

namespace {

using EntryFn = void (*)(Ctx*, RuleOutcome*);

// What one compilation produced; shared by every fork of an engine.
struct Compiled {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  EntryFn evaluate = nullptr;
};

std::string message(llvm::Error e) { return llvm::toString(std::move(e)); }

void optimise(llvm::Module& mod) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb;
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(mod, mam);
}

std::shared_ptr<const Compiled> compile(const Module& m, std::string& error) {
  static std::once_flag init;
  std::call_once(init, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  if (!layout_is_as_expected()) {
    error = "Rational 的内存布局与 JIT 的假设不符 (Rational's memory layout is not what the JIT assumes)";
    return nullptr;
  }
  auto jit = llvm::orc::LLJITBuilder().create();
  if (!jit) {
    error = message(jit.takeError());
    return nullptr;
  }
  auto out = std::make_shared<Compiled>();
  out->jit = std::move(*jit);
  llvm::orc::LLJIT& j = *out->jit;

  const auto callable = llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable;
  llvm::orc::SymbolMap helpers;
  helpers[j.mangleAndIntern("zc_jit_arith")] = llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(&zc_jit_arith), callable);
  helpers[j.mangleAndIntern("zc_jit_round")] = llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(&zc_jit_round), callable);
  helpers[j.mangleAndIntern("zc_jit_emit")] = llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(&zc_jit_emit), callable);
  helpers[j.mangleAndIntern("zc_jit_fail")] = llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(&zc_jit_fail), callable);
  helpers[j.mangleAndIntern("zc_jit_items")] = llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(&zc_jit_items), callable);
  if (llvm::Error e = j.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(helpers)))) {
    error = message(std::move(e));
    return nullptr;
  }

  auto context = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> mod = lower_module(m, *context);
  mod->setDataLayout(j.getDataLayout());
  mod->setTargetTriple(j.getTargetTriple().str());
  optimise(*mod);
  if (llvm::Error e = j.addIRModule(llvm::orc::ThreadSafeModule(std::move(mod), std::move(context)))) {
    error = message(std::move(e));
    return nullptr;
  }
  auto sym = j.lookup(kEntrySymbol);
  if (!sym) {
    error = message(sym.takeError());
    return nullptr;
  }
#if LLVM_VERSION_MAJOR >= 15
  out->evaluate = sym->toPtr<EntryFn>();
#else
  out->evaluate = reinterpret_cast<EntryFn>(static_cast<uintptr_t>(sym->getAddress()));
#endif
  return out;
}

class JitEngine final : public Engine {
 public:
  JitEngine(const Module& m, std::shared_ptr<const Compiled> c)
      : m_(m), c_(std::move(c)), vm_(m), dstate_(m.derived.size()), memo_(m.derived.size()), derr_(m.derived.size()),
        dfact_(m.derived.size()) {
    ctx_.dstate = dstate_.data();
    ctx_.memo = memo_.data();
    ctx_.derr = derr_.data();
    ctx_.dfact = dfact_.data();
  }

  void evaluate_into(const std::vector<FactValue>& facts, const EvalOptions& opts, Evaluation& out) override {
    run(facts, out);
    if (opts.trace) {
      // Amounts come from the compiled code, explanations from the interpreter.
      vm_.evaluate_into(facts, opts, traced_);
      for (size_t r = 0; r < out.rules.size(); ++r) out.rules[r].trace = std::move(traced_.rules[r].trace);
    }
  }

  std::unique_ptr<Engine> fork() const override { return std::make_unique<JitEngine>(m_, c_); }
  EngineKind kind() const override { return EngineKind::Jit; }

 private:
  void run(const std::vector<FactValue>& facts, Evaluation& out) {
    ctx_.facts = facts.data();
    ctx_.nfacts = facts.size();
    std::fill(dstate_.begin(), dstate_.end(), kNotRun);
    out.rules.resize(m_.rules.size());
    for (RuleOutcome& o : out.rules) reset_outcome(o);
    c_->evaluate(&ctx_, out.rules.data());
    apply_groups_and_totals(m_, out);
  }

  const Module& m_;
  std::shared_ptr<const Compiled> c_;
  Vm vm_;
  Evaluation traced_;
  std::vector<uint8_t> dstate_;
  std::vector<Slot> memo_;
  std::vector<int32_t> derr_;
  std::vector<uint16_t> dfact_;
  Ctx ctx_{};
};

}  // namespace
}  // namespace jit

std::unique_ptr<Engine> make_jit_engine(const Module& m, std::string& error) {
  std::shared_ptr<const jit::Compiled> c = jit::compile(m, error);
  if (!c) return nullptr;
  return std::make_unique<jit::JitEngine>(m, std::move(c));
}

}  // namespace zc
