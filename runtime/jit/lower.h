// Bytecode to LLVM IR: every rule and derived value of a verified Module becomes one function over
// the Ctx record of abi.h, with the VM's operand stack turned into SSA values. It does not
// optimise, compile to machine code or run anything (jit.cpp does), and it never traces.
#pragma once
#include <memory>
#include <string>

#include "runtime/bytecode/module.h"

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace zc::jit {

// The compiled entry point: `void fn(Ctx*, RuleOutcome* outs)` runs every rule r in table order
// into outs[r] (reset beforehand by the caller). Rules are internal functions it calls (or inlines).
inline constexpr const char* kEntrySymbol = "zc_evaluate";

// INVARIANT: `m` passed verify_module(); the lowering relies on it as the VM does.
std::unique_ptr<llvm::Module> lower_module(const Module& m, llvm::LLVMContext& ctx);

}  // namespace zc::jit
