// Lowering of verified bytecode to LLVM IR, one instruction at a time. Stack slot i of a function
// becomes six scalar allocas (the four words of a Num, a Bool, an Opt) that mem2reg turns into SSA
// values; the verifier's guarantees (consistent depths and types where paths meet, forward jumps
// only) make that sound. Exact arithmetic stays exact: whole numbers take inline checked paths,
// everything else calls the same Rational code as the VM (abi.h helpers). TRACE is ignored.
#include "runtime/jit/lower.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <limits>
#include <string>
#include <vector>

#include "runtime/bytecode/opcodes.h"
#include "runtime/jit/abi.h"

namespace zc::jit {
namespace {

constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

FactValue::Kind kind_for(ValueType t) {
  if (t == ValueType::Bool) return FactValue::Kind::Bool;
  if (t == ValueType::Option) return FactValue::Kind::Opt;
  return FactValue::Kind::Num;
}

// The scalar pieces of one stack slot.
struct SlotVars {
  llvm::AllocaInst* w[4];  // lo.num, lo.den, hi.num, hi.den
  llvm::AllocaInst* b;
  llvm::AllocaInst* opt;
};

// The four words of a Num, as SSA values.
struct Num {
  llvm::Value* w[4];
};

class Lowerer {
 public:
  Lowerer(const Module& m, llvm::LLVMContext& c, llvm::Module& out) : m_(m), c_(c), out_(out), b_(c) {
    i1_ = llvm::Type::getInt1Ty(c);
    i8_ = llvm::Type::getInt8Ty(c);
    i16_ = llvm::Type::getInt16Ty(c);
    i32_ = llvm::Type::getInt32Ty(c);
    i64_ = llvm::Type::getInt64Ty(c);
    i128_ = llvm::Type::getInt128Ty(c);
    ptr_ = llvm::PointerType::get(c, 0);
    fn_ty_ = llvm::FunctionType::get(i32_, {ptr_, ptr_}, false);
    arith_ = declare("zc_jit_arith", llvm::FunctionType::get(i1_, {i32_, ptr_, ptr_, ptr_}, false));
    round_ = declare("zc_jit_round", llvm::FunctionType::get(i1_, {ptr_, ptr_, i32_, i32_}, false));
    emit_ = declare("zc_jit_emit", llvm::FunctionType::get(i1_, {ptr_, i32_, i32_, ptr_}, false));
    fail_ = declare("zc_jit_fail", llvm::FunctionType::get(llvm::Type::getVoidTy(c), {ptr_, i32_, i16_}, false));
    items_ = declare("zc_jit_items", llvm::FunctionType::get(i32_, {ptr_, i32_, i32_, ptr_, i32_, ptr_, i32_, ptr_}, false));
  }

  void run() {
    for (size_t d = 0; d < m_.derived.size(); ++d) {
      derived_.push_back(llvm::Function::Create(fn_ty_, llvm::GlobalValue::InternalLinkage, "zc_d" + std::to_string(d), out_));
    }
    for (size_t r = 0; r < m_.rules.size(); ++r) {
      rules_.push_back(llvm::Function::Create(fn_ty_, llvm::GlobalValue::InternalLinkage, "zc_r" + std::to_string(r), out_));
    }
    for (size_t d = 0; d < m_.derived.size(); ++d) {
      lower_function(derived_[d], static_cast<int32_t>(d), m_.derived[d].code_begin, m_.derived[d].code_end);
    }
    for (size_t r = 0; r < m_.rules.size(); ++r) lower_function(rules_[r], -1, m_.rules[r].code_begin, m_.rules[r].code_end);
    lower_entry();
  }

 private:
  llvm::Function* declare(const char* name, llvm::FunctionType* ty) {
    llvm::Function* f = llvm::Function::Create(ty, llvm::GlobalValue::ExternalLinkage, name, out_);
    f->addFnAttr(llvm::Attribute::NoUnwind);
    return f;
  }

  llvm::Constant* k64(int64_t v) { return llvm::ConstantInt::get(i64_, static_cast<uint64_t>(v), true); }
  llvm::Constant* k32(uint32_t v) { return llvm::ConstantInt::get(i32_, v); }
  llvm::Constant* k16(uint16_t v) { return llvm::ConstantInt::get(i16_, v); }

  // A pointer `bytes` past `base`.
  llvm::Value* at(llvm::Value* base, uint64_t bytes) {
    return bytes == 0 ? base : b_.CreateConstInBoundsGEP1_64(i8_, base, bytes);
  }
  llvm::Value* ctx_field(size_t offset, llvm::Type* ty) { return b_.CreateLoad(ty, at(ctx_, offset)); }

  llvm::BasicBlock* block(const char* name) { return llvm::BasicBlock::Create(c_, name, fn_); }

  // ---- stack slots ----
  Num num(int d) {
    Num n;
    for (int k = 0; k < 4; ++k) n.w[k] = b_.CreateLoad(i64_, slots_[static_cast<size_t>(d)].w[k]);
    return n;
  }
  void set_num(int d, const Num& n) {
    for (int k = 0; k < 4; ++k) b_.CreateStore(n.w[k], slots_[static_cast<size_t>(d)].w[k]);
  }
  llvm::Value* boolean(int d) { return b_.CreateLoad(i1_, slots_[static_cast<size_t>(d)].b); }
  void set_bool(int d, llvm::Value* v) { b_.CreateStore(v, slots_[static_cast<size_t>(d)].b); }
  llvm::Value* option(int d) { return b_.CreateLoad(i16_, slots_[static_cast<size_t>(d)].opt); }
  void set_option(int d, llvm::Value* v) { b_.CreateStore(v, slots_[static_cast<size_t>(d)].opt); }
  void copy_slot(int from, int to) {
    set_num(to, num(from));
    set_bool(to, boolean(from));
    set_option(to, option(from));
  }
  Num constant(const Rational& lo, const Rational& hi) { return Num{{k64(lo.num()), k64(lo.den()), k64(hi.num()), k64(hi.den())}}; }

  // ---- exact comparisons (Rational::compare): cross products in 128 bits, dens are > 0 ----
  llvm::Value* cmp(llvm::CmpInst::Predicate p, llvm::Value* an, llvm::Value* ad, llvm::Value* bn, llvm::Value* bd) {
    llvm::Value* l = b_.CreateMul(b_.CreateSExt(an, i128_), b_.CreateSExt(bd, i128_));
    llvm::Value* r = b_.CreateMul(b_.CreateSExt(bn, i128_), b_.CreateSExt(ad, i128_));
    return b_.CreateICmp(p, l, r);
  }
  // min_of(a, b) = b < a ? b : a; max_of(a, b) = a < b ? b : a (as in interval.cpp).
  void pick(bool is_min, llvm::Value* an, llvm::Value* ad, llvm::Value* bn, llvm::Value* bd, llvm::Value*& rn, llvm::Value*& rd) {
    llvm::Value* take_b = is_min ? cmp(llvm::CmpInst::ICMP_SLT, bn, bd, an, ad) : cmp(llvm::CmpInst::ICMP_SLT, an, ad, bn, bd);
    rn = b_.CreateSelect(take_b, bn, an);
    rd = b_.CreateSelect(take_b, bd, ad);
  }

  // ---- failure ----
  // Stops the function with `code` (a Ret) and `fact`, memoising the failure for a derived value.
  void fail(llvm::Value* code, llvm::Value* fact) {
    b_.CreateStore(fact, at(ctx_, offsetof(Ctx, err_fact)));
    if (self_ >= 0) {
      auto d = static_cast<uint64_t>(self_);
      b_.CreateStore(llvm::ConstantInt::get(i8_, kFailed), at(ctx_field(offsetof(Ctx, dstate), ptr_), d));
      b_.CreateStore(code, at(ctx_field(offsetof(Ctx, derr), ptr_), d * sizeof(int32_t)));
      b_.CreateStore(fact, at(ctx_field(offsetof(Ctx, dfact), ptr_), d * sizeof(uint16_t)));
    }
    b_.CreateRet(code);
  }
  llvm::BasicBlock* overflow_block() {
    if (!overflow_) {
      llvm::IRBuilderBase::InsertPoint ip = b_.saveIP();
      overflow_ = block("overflow");
      b_.SetInsertPoint(overflow_);
      fail(k32(kOverflow), k16(kNoIndex));
      b_.restoreIP(ip);
    }
    return overflow_;
  }

  // ---- helper calls through the scratch words ----
  void store_words(llvm::AllocaInst* buf, const Num& n) {
    for (int k = 0; k < 4; ++k) b_.CreateStore(n.w[k], at(buf, static_cast<uint64_t>(k) * 8));
  }
  Num load_words(llvm::AllocaInst* buf) {
    Num n;
    for (int k = 0; k < 4; ++k) n.w[k] = b_.CreateLoad(i64_, at(buf, static_cast<uint64_t>(k) * 8));
    return n;
  }
  // Continues in a new block when `ok`, else goes to the overflow exit.
  void check_ok(llvm::Value* ok) {
    llvm::BasicBlock* cont = block("ok");
    b_.CreateCondBr(ok, cont, overflow_block());
    b_.SetInsertPoint(cont);
  }

  llvm::Value* is_one(llvm::Value* v) { return b_.CreateICmpEQ(v, k64(1)); }

  // checked whole-number op; false in `bad` on overflow or on INT64_MIN (not a valid numerator)
  llvm::Value* whole(llvm::Intrinsic::ID id, llvm::Value* x, llvm::Value* y, llvm::Value*& bad) {
    llvm::Value* r = b_.CreateBinaryIntrinsic(id, x, y);
    llvm::Value* v = b_.CreateExtractValue(r, 0);
    bad = b_.CreateOr(bad, b_.CreateOr(b_.CreateExtractValue(r, 1), b_.CreateICmpEQ(v, k64(kInt64Min))));
    return v;
  }

  // ADD, SUB, MUL on slots d-2 (a) and d-1 (b) into d-2.
  void arith(Opcode op, int d) {
    Num a = num(d - 2);
    Num bv = num(d - 1);
    llvm::Value* fast_ok = b_.CreateAnd(b_.CreateAnd(is_one(a.w[1]), is_one(a.w[3])), b_.CreateAnd(is_one(bv.w[1]), is_one(bv.w[3])));
    if (op == Opcode::MUL) {
      // Interval::mul of two exact whole numbers is one product.
      fast_ok = b_.CreateAnd(fast_ok, b_.CreateAnd(b_.CreateICmpEQ(a.w[0], a.w[2]), b_.CreateICmpEQ(bv.w[0], bv.w[2])));
    }
    llvm::BasicBlock* fast = block("arith.fast");
    llvm::BasicBlock* slow = block("arith.slow");
    llvm::BasicBlock* join = block("arith.join");
    b_.CreateCondBr(fast_ok, fast, slow);

    b_.SetInsertPoint(fast);
    llvm::Value* bad = llvm::ConstantInt::getFalse(c_);
    llvm::Value *lo = nullptr, *hi = nullptr;
    if (op == Opcode::ADD) {
      lo = whole(llvm::Intrinsic::sadd_with_overflow, a.w[0], bv.w[0], bad);
      hi = whole(llvm::Intrinsic::sadd_with_overflow, a.w[2], bv.w[2], bad);
    } else if (op == Opcode::SUB) {
      // Interval::sub is [a.lo - b.hi, a.hi - b.lo].
      lo = whole(llvm::Intrinsic::ssub_with_overflow, a.w[0], bv.w[2], bad);
      hi = whole(llvm::Intrinsic::ssub_with_overflow, a.w[2], bv.w[0], bad);
    } else {
      lo = hi = whole(llvm::Intrinsic::smul_with_overflow, a.w[0], bv.w[0], bad);
    }
    llvm::BasicBlock* fast_store = block("arith.fast.store");
    b_.CreateCondBr(bad, overflow_block(), fast_store);
    b_.SetInsertPoint(fast_store);
    set_num(d - 2, Num{{lo, k64(1), hi, k64(1)}});
    b_.CreateBr(join);

    b_.SetInsertPoint(slow);
    store_words(buf_a_, a);
    store_words(buf_b_, bv);
    check_ok(b_.CreateCall(arith_, {k32(static_cast<uint32_t>(op)), buf_a_, buf_b_, buf_out_}));
    set_num(d - 2, load_words(buf_out_));
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
  }

  void round(int d) {
    const int64_t scale = per_yuan(m_.meta.rounding_unit);
    Num x = num(d - 1);
    // Rational::round leaves a value alone when its denominator divides the unit's scale.
    llvm::Value* fits = b_.CreateAnd(b_.CreateICmpEQ(b_.CreateSRem(k64(scale), x.w[1]), k64(0)),
                                     b_.CreateICmpEQ(b_.CreateSRem(k64(scale), x.w[3]), k64(0)));
    llvm::BasicBlock* slow = block("round.slow");
    llvm::BasicBlock* join = block("round.join");
    b_.CreateCondBr(fits, join, slow);
    b_.SetInsertPoint(slow);
    store_words(buf_a_, x);
    check_ok(b_.CreateCall(round_, {buf_a_, buf_out_, k32(static_cast<uint32_t>(m_.meta.rounding)),
                                    k32(static_cast<uint32_t>(m_.meta.rounding_unit))}));
    set_num(d - 1, load_words(buf_out_));
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
  }

  void emit_call(Opcode op, uint32_t operand, const Num* v) {
    llvm::Value* arg = llvm::ConstantPointerNull::get(ptr_);
    if (v != nullptr) {
      store_words(buf_a_, *v);
      arg = buf_a_;
    }
    check_ok(b_.CreateCall(emit_, {out_arg_, k32(static_cast<uint32_t>(op)), k32(operand), arg}));
  }

  // LOAD_ITEM: the fact of the current item (ctx->item's row, at the fact's place in its list).
  void load_item(uint16_t f, int d) {
    const ItemListInfo* l = m_.item_of(f);
    uint64_t slot = 0;
    for (size_t k = 0; l != nullptr && k < l->members.size(); ++k)
      if (l->members[k] == f) slot = k;
    load_fact(f, d, at(ctx_field(offsetof(Ctx, item), ptr_), slot * sizeof(FactValue)));
  }

  // ITEMS_COUNT / ITEMS_SUM through zc_jit_items, which runs the compiled item functions per item.
  void items(const Instr& in, int d) {
    const bool sum = in.op == Opcode::ITEMS_SUM;
    uint32_t cond = sum ? in.a : in.b;
    uint32_t amount = sum ? in.b : kNoIndex;
    const ItemListInfo* l = sum ? m_.item_fn_of(amount) : m_.item_list(in.a);  // INVARIANT: verified
    llvm::Value* null = llvm::ConstantPointerNull::get(ptr_);
    llvm::Value* r = b_.CreateCall(items_, {ctx_, k32(l->list), k32(static_cast<uint32_t>(l->members.size())),
                                            cond == kNoIndex ? null : derived_[cond], k32(cond == kNoIndex ? 0 : cond),
                                            amount == kNoIndex ? null : derived_[amount], k32(amount == kNoIndex ? 0 : amount), buf_out_});
    llvm::BasicBlock* ok = block("items.ok");
    llvm::BasicBlock* failed = block("items.fail");
    b_.CreateCondBr(b_.CreateICmpEQ(r, k32(kNotApplicable)), ok, failed);
    b_.SetInsertPoint(failed);
    fail(r, b_.CreateLoad(i16_, at(ctx_, offsetof(Ctx, err_fact))));
    b_.SetInsertPoint(ok);
    set_num(d, load_words(buf_out_));
  }

  void load_fact(uint16_t f, int d, llvm::Value* item = nullptr) {
    const FactInfo& info = m_.facts[f];
    const FactValue::Kind want = kind_for(info.type);
    const auto nopts = static_cast<uint16_t>(info.options.size());
    llvm::BasicBlock* given = block("fact.given");
    llvm::BasicBlock* check = block("fact.check");
    llvm::BasicBlock* take = block("fact.take");
    llvm::BasicBlock* fallback = block("fact.default");
    llvm::BasicBlock* missing = block("fact.missing");
    llvm::BasicBlock* join = block("fact.join");

    if (item != nullptr) {
      b_.CreateBr(given);
    } else {
      b_.CreateCondBr(b_.CreateICmpULT(llvm::ConstantInt::get(i64_, f), ctx_field(offsetof(Ctx, nfacts), i64_)), given, fallback);
    }

    b_.SetInsertPoint(given);
    llvm::Value* p = item != nullptr ? item : at(ctx_field(offsetof(Ctx, facts), ptr_), static_cast<uint64_t>(f) * sizeof(FactValue));
    llvm::Value* kind = b_.CreateLoad(i8_, at(p, kFactKindOffset));
    b_.CreateCondBr(b_.CreateICmpEQ(kind, llvm::ConstantInt::get(i8_, static_cast<uint8_t>(FactValue::Kind::Missing))), fallback, check);

    // A value of the wrong kind, or an option past the fact's options, counts as missing.
    b_.SetInsertPoint(check);
    llvm::Value* ok = b_.CreateICmpEQ(kind, llvm::ConstantInt::get(i8_, static_cast<uint8_t>(want)));
    llvm::Value* opt = nullptr;
    if (want == FactValue::Kind::Opt) {
      opt = b_.CreateLoad(i16_, at(p, kFactOptOffset));
      ok = b_.CreateAnd(ok, b_.CreateICmpULT(opt, k16(nopts)));
    }
    b_.CreateCondBr(ok, take, missing);

    b_.SetInsertPoint(take);
    switch (want) {
      case FactValue::Kind::Bool:
        set_bool(d, b_.CreateICmpNE(b_.CreateLoad(i8_, at(p, kFactBoolOffset)), llvm::ConstantInt::get(i8_, 0)));
        break;
      case FactValue::Kind::Opt:
        set_option(d, opt);
        break;
      case FactValue::Kind::Num:
      case FactValue::Kind::Missing: {
        llvm::Value* n = b_.CreateLoad(i64_, at(p, kFactNumOffset));
        llvm::Value* den = b_.CreateLoad(i64_, at(p, kFactNumOffset + 8));
        set_num(d, Num{{n, den, n, den}});
        break;
      }
    }
    b_.CreateBr(join);

    b_.SetInsertPoint(fallback);
    const FactValue& def = info.default_value;
    bool def_ok = def.kind == want && !(want == FactValue::Kind::Opt && def.opt >= nopts);
    if (!def_ok) {
      b_.CreateBr(missing);
    } else {
      if (want == FactValue::Kind::Bool) set_bool(d, llvm::ConstantInt::getBool(c_, def.b));
      if (want == FactValue::Kind::Opt) set_option(d, k16(def.opt));
      if (want == FactValue::Kind::Num) set_num(d, constant(def.num, def.num));
      b_.CreateBr(join);
    }

    b_.SetInsertPoint(missing);
    fail(k32(kMissingFact), k16(f));
    b_.SetInsertPoint(join);
  }

  void load_derived(uint16_t dv, int d) {
    llvm::Value* state_p = at(ctx_field(offsetof(Ctx, dstate), ptr_), dv);
    llvm::Value* state = b_.CreateLoad(i8_, state_p);
    llvm::BasicBlock* done = block("derived.done");
    llvm::BasicBlock* failed = block("derived.failed");
    llvm::BasicBlock* compute = block("derived.compute");
    llvm::BasicBlock* computed_fail = block("derived.compute.fail");
    llvm::SwitchInst* sw = b_.CreateSwitch(state, compute, 2);
    sw->addCase(llvm::ConstantInt::get(llvm::Type::getInt8Ty(c_), kDone), done);
    sw->addCase(llvm::ConstantInt::get(llvm::Type::getInt8Ty(c_), kFailed), failed);

    // Failed before: stop with the memoised error.
    b_.SetInsertPoint(failed);
    llvm::Value* code = b_.CreateLoad(i32_, at(ctx_field(offsetof(Ctx, derr), ptr_), static_cast<uint64_t>(dv) * sizeof(int32_t)));
    llvm::Value* fact = b_.CreateLoad(i16_, at(ctx_field(offsetof(Ctx, dfact), ptr_), static_cast<uint64_t>(dv) * sizeof(uint16_t)));
    fail(code, fact);

    b_.SetInsertPoint(compute);
    llvm::Value* r = b_.CreateCall(fn_ty_, derived_[dv], {ctx_, llvm::ConstantPointerNull::get(ptr_)});
    b_.CreateCondBr(b_.CreateICmpEQ(r, k32(kNotApplicable)), done, computed_fail);

    b_.SetInsertPoint(computed_fail);
    fail(r, b_.CreateLoad(i16_, at(ctx_, offsetof(Ctx, err_fact))));

    b_.SetInsertPoint(done);
    llvm::Value* slot = at(ctx_field(offsetof(Ctx, memo), ptr_), static_cast<uint64_t>(dv) * sizeof(Slot));
    Num n;
    for (int k = 0; k < 4; ++k) n.w[k] = b_.CreateLoad(i64_, at(slot, offsetof(Slot, w) + static_cast<uint64_t>(k) * 8));
    set_num(d, n);
    set_option(d, b_.CreateLoad(i16_, at(slot, offsetof(Slot, opt))));
    set_bool(d, b_.CreateICmpNE(b_.CreateLoad(i8_, at(slot, offsetof(Slot, b))), llvm::ConstantInt::get(i8_, 0)));
  }

  // A derived value's RET: memoise its one value (of its declared class) and report success.
  void derived_return(int d) {
    auto dv = static_cast<uint64_t>(self_);
    llvm::Value* slot = at(ctx_field(offsetof(Ctx, memo), ptr_), dv * sizeof(Slot));
    ValueType t = m_.derived[dv].type;
    if (t == ValueType::Bool) {
      b_.CreateStore(b_.CreateZExt(boolean(d), i8_), at(slot, offsetof(Slot, b)));
    } else if (t == ValueType::Option) {
      b_.CreateStore(option(d), at(slot, offsetof(Slot, opt)));
    } else {
      Num n = num(d);
      for (int k = 0; k < 4; ++k) b_.CreateStore(n.w[k], at(slot, offsetof(Slot, w) + static_cast<uint64_t>(k) * 8));
    }
    b_.CreateStore(llvm::ConstantInt::get(i8_, kDone), at(ctx_field(offsetof(Ctx, dstate), ptr_), dv));
    b_.CreateRet(k32(kNotApplicable));
  }

  void lower_function(llvm::Function* fn, int32_t self, uint32_t begin, uint32_t end) {
    fn_ = fn;
    self_ = self;
    overflow_ = nullptr;
    fn->addFnAttr(llvm::Attribute::NoUnwind);
    ctx_ = fn->getArg(0);
    out_arg_ = fn->getArg(1);

    // Decode, then find each reachable instruction's stack depth (jumps only go forward, so one
    // pass in code order sees every predecessor of an instruction before the instruction).
    std::vector<Instr> code;
    for (uint32_t pc = begin; pc < end;) {
      Instr in = *decode(m_.code, pc, end);  // INVARIANT: the verifier decoded every byte
      code.push_back(in);
      pc += in.size;
    }
    auto index_of = [&](uint32_t offset) {
      size_t lo = 0, hi = code.size();
      while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (code[mid].offset <= offset) lo = mid;
        else hi = mid;
      }
      return lo;
    };
    std::vector<int> depth(code.size(), -1);
    depth[0] = 0;
    int max_depth = 1;
    for (size_t i = 0; i < code.size(); ++i) {
      if (depth[i] < 0) continue;
      const Instr& in = code[i];
      const OpInfo& info = op_info(in.op);
      int d = depth[i];
      auto reach = [&](size_t j, int dj) {
        if (j < code.size()) depth[j] = dj;
        max_depth = std::max(max_depth, dj + 1);
      };
      switch (in.op) {
        case Opcode::RET:
          break;
        case Opcode::JMP:
          reach(index_of(in.a), d);
          break;
        case Opcode::JMP_FALSE:
        case Opcode::JMP_TRUE:
          reach(index_of(in.a), d - 1);
          reach(i + 1, d - 1);
          break;
        case Opcode::AND_JMP:
        case Opcode::OR_JMP:
          reach(index_of(in.a), d);
          reach(i + 1, d - 1);
          break;
        default:
          reach(i + 1, d - info.pop + info.push);
          break;
      }
    }

    llvm::BasicBlock* entry = block("entry");
    b_.SetInsertPoint(entry);
    slots_.clear();
    for (int s = 0; s < max_depth; ++s) {
      SlotVars v{};
      for (auto& w : v.w) w = b_.CreateAlloca(i64_);
      v.b = b_.CreateAlloca(i1_);
      v.opt = b_.CreateAlloca(i16_);
      slots_.push_back(v);
    }
    llvm::ArrayType* words = llvm::ArrayType::get(i64_, 4);
    buf_a_ = b_.CreateAlloca(words);
    buf_b_ = b_.CreateAlloca(words);
    buf_out_ = b_.CreateAlloca(words);
    emitted_ = b_.CreateAlloca(i1_);
    b_.CreateStore(llvm::ConstantInt::getFalse(c_), emitted_);

    std::vector<llvm::BasicBlock*> bb(code.size(), nullptr);
    for (size_t i = 0; i < code.size(); ++i) {
      if (depth[i] >= 0) bb[i] = block("op");
    }
    b_.CreateBr(bb[0]);
    for (size_t i = 0; i < code.size(); ++i) {
      if (depth[i] < 0) continue;
      b_.SetInsertPoint(bb[i]);
      const Instr& in = code[i];
      if (lower_instr(in, depth[i], [&](uint32_t off) { return bb[index_of(off)]; })) {
        b_.CreateBr(bb[i + 1]);  // INVARIANT: a falling-through instruction is never the last (verifier)
      }
    }
  }

  // Emits one instruction at depth `d` (slots 0..d-1 live). True when control falls through.
  template <typename Target>
  bool lower_instr(const Instr& in, int d, Target target) {
    switch (in.op) {
      case Opcode::NOP:
      case Opcode::TRACE:
        return true;
      case Opcode::PUSH_CONST: {
        const Rational& k = m_.consts[in.a];
        set_num(d, constant(k, k));
        return true;
      }
      case Opcode::PUSH_TRUE:
      case Opcode::PUSH_FALSE:
        set_bool(d, llvm::ConstantInt::getBool(c_, in.op == Opcode::PUSH_TRUE));
        return true;
      case Opcode::LOAD_FACT:
        load_fact(static_cast<uint16_t>(in.a), d);
        return true;
      case Opcode::LOAD_ITEM:
        load_item(static_cast<uint16_t>(in.a), d);
        return true;
      case Opcode::ITEMS_COUNT:
      case Opcode::ITEMS_SUM:
        items(in, d);
        return true;
      case Opcode::LOAD_DERIVED:
        load_derived(static_cast<uint16_t>(in.a), d);
        return true;
      case Opcode::POP:
        return true;
      case Opcode::DUP:
        copy_slot(d - 1, d);
        return true;
      case Opcode::NOT:
        set_bool(d - 1, b_.CreateNot(boolean(d - 1)));
        return true;
      case Opcode::JMP:
        b_.CreateBr(target(in.a));
        return false;
      case Opcode::JMP_FALSE:
      case Opcode::JMP_TRUE: {
        llvm::BasicBlock* next = block("next");
        llvm::Value* v = boolean(d - 1);
        if (in.op == Opcode::JMP_TRUE) b_.CreateCondBr(v, target(in.a), next);
        else b_.CreateCondBr(v, next, target(in.a));
        b_.SetInsertPoint(next);
        return true;
      }
      case Opcode::AND_JMP:
      case Opcode::OR_JMP: {
        // The Bool stays in slot d-1 on the jump edge; the fall-through edge drops it.
        llvm::BasicBlock* next = block("next");
        llvm::Value* v = boolean(d - 1);
        if (in.op == Opcode::OR_JMP) b_.CreateCondBr(v, target(in.a), next);
        else b_.CreateCondBr(v, next, target(in.a));
        b_.SetInsertPoint(next);
        return true;
      }
      case Opcode::CMP_LT:
      case Opcode::CMP_LE:
      case Opcode::CMP_GT:
      case Opcode::CMP_GE:
      case Opcode::CMP_EQ: {
        // INVARIANT (verifier): both operands are exact, so the low ends decide.
        Num a = num(d - 2);
        Num bv = num(d - 1);
        llvm::CmpInst::Predicate p = in.op == Opcode::CMP_LT   ? llvm::CmpInst::ICMP_SLT
                                     : in.op == Opcode::CMP_LE ? llvm::CmpInst::ICMP_SLE
                                     : in.op == Opcode::CMP_GT ? llvm::CmpInst::ICMP_SGT
                                     : in.op == Opcode::CMP_GE ? llvm::CmpInst::ICMP_SGE
                                                               : llvm::CmpInst::ICMP_EQ;
        set_bool(d - 2, cmp(p, a.w[0], a.w[1], bv.w[0], bv.w[1]));
        return true;
      }
      case Opcode::OPT_EQ:
        set_bool(d - 1, b_.CreateICmpEQ(option(d - 1), k16(static_cast<uint16_t>(in.a))));
        return true;
      case Opcode::ADD:
      case Opcode::SUB:
      case Opcode::MUL:
        arith(in.op, d);
        return true;
      case Opcode::MIN:
      case Opcode::MAX: {
        Num a = num(d - 2);
        Num bv = num(d - 1);
        Num r;
        pick(in.op == Opcode::MIN, a.w[0], a.w[1], bv.w[0], bv.w[1], r.w[0], r.w[1]);
        pick(in.op == Opcode::MIN, a.w[2], a.w[3], bv.w[2], bv.w[3], r.w[2], r.w[3]);
        set_num(d - 2, r);
        return true;
      }
      case Opcode::CLAMP0:
      case Opcode::UPTO: {
        Num x = num(d - 1);
        Num r = x;
        // CLAMP0: [max(lo, 0), max(hi, 0)]; UPTO: [min(0, lo), hi]. Zero is 0/1.
        llvm::Value* lo_neg = b_.CreateICmpSLT(x.w[0], k64(0));
        if (in.op == Opcode::CLAMP0) {
          llvm::Value* hi_neg = b_.CreateICmpSLT(x.w[2], k64(0));
          r.w[0] = b_.CreateSelect(lo_neg, k64(0), x.w[0]);
          r.w[1] = b_.CreateSelect(lo_neg, k64(1), x.w[1]);
          r.w[2] = b_.CreateSelect(hi_neg, k64(0), x.w[2]);
          r.w[3] = b_.CreateSelect(hi_neg, k64(1), x.w[3]);
        } else {
          r.w[0] = b_.CreateSelect(lo_neg, x.w[0], k64(0));
          r.w[1] = b_.CreateSelect(lo_neg, x.w[1], k64(1));
        }
        set_num(d - 1, r);
        return true;
      }
      case Opcode::FLOOR: {
        // Each end n/d (d > 0) to floor(n/d)/1: truncating division, one lower for a negative remainder.
        Num x = num(d - 1);
        Num r = x;
        for (int end = 0; end < 4; end += 2) {
          llvm::Value* q = b_.CreateSDiv(x.w[end], x.w[end + 1]);
          llvm::Value* rem = b_.CreateSRem(x.w[end], x.w[end + 1]);
          llvm::Value* down = b_.CreateAnd(b_.CreateICmpNE(rem, k64(0)), b_.CreateICmpSLT(x.w[end], k64(0)));
          r.w[end] = b_.CreateSelect(down, b_.CreateSub(q, k64(1)), q);
          r.w[end + 1] = k64(1);
        }
        set_num(d - 1, r);
        return true;
      }
      case Opcode::SPAN: {
        // [a.lo, b.hi], swapped when written backwards.
        Num a = num(d - 2);
        Num bv = num(d - 1);
        llvm::Value* swap = cmp(llvm::CmpInst::ICMP_SLT, bv.w[2], bv.w[3], a.w[0], a.w[1]);
        Num r;
        r.w[0] = b_.CreateSelect(swap, bv.w[2], a.w[0]);
        r.w[1] = b_.CreateSelect(swap, bv.w[3], a.w[1]);
        r.w[2] = b_.CreateSelect(swap, a.w[0], bv.w[2]);
        r.w[3] = b_.CreateSelect(swap, a.w[1], bv.w[3]);
        set_num(d - 2, r);
        return true;
      }
      case Opcode::ROUND:
        round(d);
        return true;
      case Opcode::EMIT_AMOUNT:
      case Opcode::EMIT_EXTERNAL:
      case Opcode::EMIT_DEDUCT:
      case Opcode::UNSPEC_MAX: {
        Num v = num(d - 1);
        emit_call(in.op, in.a, &v);
        if (in.op != Opcode::UNSPEC_MAX) b_.CreateStore(llvm::ConstantInt::getTrue(c_), emitted_);
        return true;
      }
      case Opcode::EMIT_CASE:
      case Opcode::EMIT_UNSPEC:
        // Plain fields of the outcome are stored directly (abi.h checks RuleOutcome's layout).
        b_.CreateStore(llvm::ConstantInt::get(i8_, 1),
                       at(out_arg_, in.op == Opcode::EMIT_CASE ? kOutcomeCaseOffset : kOutcomeUnspecifiedOffset));
        b_.CreateStore(k16(static_cast<uint16_t>(in.a)), at(out_arg_, kOutcomePayerOffset));
        b_.CreateStore(llvm::ConstantInt::getTrue(c_), emitted_);
        return true;
      case Opcode::EMIT_BENEFIT:
        emit_call(in.op, in.a, nullptr);
        b_.CreateStore(llvm::ConstantInt::getTrue(c_), emitted_);
        return true;
      case Opcode::MARK_SELECTIVE:
        b_.CreateStore(llvm::ConstantInt::get(i8_, 1), at(out_arg_, kOutcomeSelectiveOffset));
        return true;
      case Opcode::SET_BRANCH:
        b_.CreateStore(k16(static_cast<uint16_t>(in.a)), at(out_arg_, kOutcomeBranchOffset));
        return true;
      case Opcode::RET:
        if (self_ >= 0) {
          derived_return(d - 1);
        } else {
          llvm::Value* e = b_.CreateLoad(i1_, emitted_);
          b_.CreateRet(b_.CreateSelect(e, k32(kAwarded), k32(kNotApplicable)));
        }
        return false;
      case Opcode::kCount:
        break;
    }
    b_.CreateUnreachable();  // unreachable: the verifier rejects undecodable bytes
    return false;
  }

  // The entry point: every rule in table order into its outcome (outs[r]); a rule that returns
  // kAwarded gets that status stored, one that stops is handed to zc_jit_fail.
  void lower_entry() {
    fn_ = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(c_), {ptr_, ptr_}, false),
                                 llvm::GlobalValue::ExternalLinkage, kEntrySymbol, out_);
    fn_->addFnAttr(llvm::Attribute::NoUnwind);
    llvm::Value* ctx = fn_->getArg(0);
    llvm::Value* outs = fn_->getArg(1);
    b_.SetInsertPoint(block("entry"));
    for (size_t r = 0; r < rules_.size(); ++r) {
      llvm::Value* o = at(outs, r * sizeof(RuleOutcome));
      llvm::Value* st = b_.CreateCall(fn_ty_, rules_[r], {ctx, o});
      llvm::BasicBlock* awarded = block("awarded");
      llvm::BasicBlock* failed = block("failed");
      llvm::BasicBlock* next = block("next");
      llvm::SwitchInst* sw = b_.CreateSwitch(st, failed, 2);
      sw->addCase(llvm::ConstantInt::get(llvm::Type::getInt32Ty(c_), kNotApplicable), next);
      sw->addCase(llvm::ConstantInt::get(llvm::Type::getInt32Ty(c_), kAwarded), awarded);
      b_.SetInsertPoint(awarded);
      b_.CreateStore(llvm::ConstantInt::get(i8_, static_cast<uint8_t>(RuleStatus::Awarded)), at(o, kOutcomeStatusOffset));
      b_.CreateBr(next);
      b_.SetInsertPoint(failed);
      b_.CreateCall(fail_, {o, st, b_.CreateLoad(i16_, at(ctx, offsetof(Ctx, err_fact)))});
      b_.CreateBr(next);
      b_.SetInsertPoint(next);
    }
    b_.CreateRetVoid();
  }

  const Module& m_;
  llvm::LLVMContext& c_;
  llvm::Module& out_;
  llvm::IRBuilder<> b_;
  llvm::Type *i1_, *i8_, *i16_, *i32_, *i64_, *i128_;
  llvm::PointerType* ptr_;
  llvm::FunctionType* fn_ty_;
  llvm::Function *arith_, *round_, *emit_, *fail_, *items_;
  std::vector<llvm::Function*> derived_, rules_;

  // The function being lowered.
  llvm::Function* fn_ = nullptr;
  int32_t self_ = -1;  // the derived value being lowered, or -1 for a rule
  llvm::Value* ctx_ = nullptr;
  llvm::Value* out_arg_ = nullptr;
  std::vector<SlotVars> slots_;
  llvm::AllocaInst *buf_a_ = nullptr, *buf_b_ = nullptr, *buf_out_ = nullptr, *emitted_ = nullptr;
  llvm::BasicBlock* overflow_ = nullptr;
};

}  // namespace

std::unique_ptr<llvm::Module> lower_module(const Module& m, llvm::LLVMContext& ctx) {
  auto out = std::make_unique<llvm::Module>("zhengce", ctx);
  Lowerer(m, ctx, *out).run();
  return out;
}

}  // namespace zc::jit
