// The interpreter: one switch over opcodes per instruction, an explicit frame stack for derived
// values (computed lazily, memoised per evaluation) and reusable scratch buffers. It trusts the
// verifier (vm.h INVARIANT) and so performs no bounds or type checks of its own on the code.
#include "runtime/vm/vm.h"

#include <array>

#include "base/units.h"
#include "runtime/bytecode/opcodes.h"
#include "runtime/bytecode/trace_template.h"
#include "runtime/bytecode/verify.h"
#include "runtime/vm/groups.h"
#include "runtime/vm/outcome.h"
#include "runtime/vm/text.h"

namespace zc {
namespace {

constexpr uint32_t kNone = 0xFFFFFFFFu;

enum class SlotKind : uint8_t { Bool, Num, Opt };

struct Slot {
  Interval v;               // Num
  uint16_t opt = 0;         // Opt: the option index
  uint16_t fact = kNoIndex; // Opt: the fact it belongs to (for traces)
  SlotKind kind = SlotKind::Num;
  bool b = false;           // Bool
};

enum class DerivedState : uint8_t { NotRun, Running, Done, Failed };

// Encoded instruction sizes by opcode byte, compact for the dispatch loop (from opcodes.def).
constexpr std::array<uint8_t, kOpcodeCount> kSize = [] {
  std::array<uint8_t, kOpcodeCount> a{};
  for (size_t i = 0; i < kOpcodeCount; ++i) a[i] = static_cast<uint8_t>(kOpInfo[i].size);
  return a;
}();

uint16_t rd16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t rd32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}

FactValue::Kind kind_for(ValueType t) {
  if (t == ValueType::Bool) return FactValue::Kind::Bool;
  if (t == ValueType::Option) return FactValue::Kind::Opt;
  return FactValue::Kind::Num;
}

}  // namespace

bool add_payer_amount(std::vector<PayerAmount>& list, uint16_t payer, const Interval& v) {
  for (PayerAmount& pa : list) {
    if (pa.payer == payer) {
      std::optional<Interval> s = pa.amount.add(v);
      if (!s) return false;
      pa.amount = *s;
      return true;
    }
  }
  list.push_back(PayerAmount{payer, v});
  return true;
}

namespace vm_internal {

// Scratch state of one Vm, reused across evaluations.
struct ScratchData {
  struct Frame {
    uint32_t return_pc;
    uint32_t derived;  // the caller: a derived value, or kNone for the rule
  };
  std::vector<Slot> stack;     // grows by kMaxStackDepth per nested derived value, then stays
  std::vector<Frame> frames;
  std::vector<Slot> memo;      // one per derived value
  std::vector<DerivedState> state;
  std::vector<VmError> memo_error;
  std::vector<uint16_t> memo_fact;
  std::vector<FactValue::Kind> fact_kind;  // the kind each fact's values must have
  std::vector<uint32_t> item_slot;         // per fact: its place in its list's item rows (kNone: not an item fact)
  std::vector<uint32_t> fn_list;           // per derived value: the list fact of the item function (kNone: none)
  std::vector<TracePiece> pieces;          // trace formatting only
};

}  // namespace vm_internal

struct Vm::Scratch : vm_internal::ScratchData {};

namespace {

// Runs one rule (and the derived values it needs) into `out`.
class Machine {
 public:
  Machine(const Module& m, vm_internal::ScratchData& s, const std::vector<FactValue>& facts, bool trace)
      : m_(m), s_(s), facts_(facts), trace_(trace) {}

  void run_rule(uint32_t r, RuleOutcome& out);

 private:
  // Runs the function whose code starts at `start` with its stack at `base` until it returns: a rule
  // (cur0 == kNone; sets out.status) or an item function (its one value into *result). False when
  // the evaluation failed (fail() has filled `out`).
  bool exec(uint32_t start, uint32_t cur0, size_t base, RuleOutcome& out, Slot* result);
  // ITEMS_COUNT / ITEMS_SUM over the items of list fact `list`: how many `cond` holds for (kNone:
  // all), and the sum of `amount` over them (kNone: none). False when the evaluation failed.
  bool items(uint32_t list, uint32_t cond, uint32_t amount, size_t base, uint32_t cur, RuleOutcome& out, Interval& sum, uint64_t& count);
  void fail(VmError e, uint16_t fact, uint32_t cur, RuleOutcome& out);
  std::string trace_text(uint32_t tmpl, const Slot* args, uint32_t n) const;

  const Module& m_;
  vm_internal::ScratchData& s_;
  const std::vector<FactValue>& facts_;
  bool trace_;
  bool emitted_ = false;
  const FactValue* item_ = nullptr;  // the current item's row (inside an item function)
};

void Machine::fail(VmError e, uint16_t fact, uint32_t cur, RuleOutcome& out) {
  // Every derived value still being computed depends on the failure: memoise it as failed too.
  auto mark = [&](uint32_t d) {
    if (d == kNone) return;
    s_.state[d] = DerivedState::Failed;
    s_.memo_error[d] = e;
    s_.memo_fact[d] = fact;
  };
  mark(cur);
  for (const vm_internal::ScratchData::Frame& f : s_.frames) mark(f.derived);
  std::vector<std::string> trace = std::move(out.trace);
  reset_outcome(out);
  out.trace = std::move(trace);
  out.status = RuleStatus::Error;
  out.error = e;
  out.error_fact = e == VmError::MissingFact ? fact : kNoIndex;
}

std::string Machine::trace_text(uint32_t tmpl, const Slot* args, uint32_t n) const {
  TraceTemplateError err;
  std::vector<TracePiece>& pieces = s_.pieces;
  // INVARIANT: the verifier parsed this template and checked each placeholder against the stack.
  parse_trace_template(m_.strings[tmpl], pieces, err);
  std::string out;
  for (const TracePiece& p : pieces) {
    if (p.arg < 0) {
      out += p.literal;
      continue;
    }
    const Slot& x = args[static_cast<uint32_t>(p.arg) < n ? p.arg : 0];
    TraceKind k = p.kind;
    if (k == TraceKind::Any) {
      k = x.kind == SlotKind::Bool ? TraceKind::Bool : (x.kind == SlotKind::Opt ? TraceKind::Option : TraceKind::Num);
    }
    switch (k) {
      case TraceKind::Money:
        out += interval_money_text(x.v);
        break;
      case TraceKind::Rate:
        out += value_text(m_, ValueType::Rate, kNoString, x.v);
        break;
      case TraceKind::Count:
        out += x.v.is_exact() ? x.v.lo.to_decimal() + std::string(p.unit)
                              : x.v.lo.to_decimal() + std::string(p.unit) + "至" + x.v.hi.to_decimal() + std::string(p.unit);
        break;
      case TraceKind::Points:
        out += value_text(m_, ValueType::Points, kNoString, x.v);
        break;
      case TraceKind::Date:
        out += value_text(m_, ValueType::Date, kNoString, x.v);
        break;
      case TraceKind::Bool:
        out += x.b ? "是" : "否";
        break;
      case TraceKind::Option:
        if (x.fact < m_.facts.size() && x.opt < m_.facts[x.fact].options.size()) {
          out += m_.strings[m_.facts[x.fact].options[x.opt]];
        } else {
          out += std::to_string(x.opt);
        }
        break;
      case TraceKind::Num:
      case TraceKind::Any:
        out += number_text(x.v);
        break;
    }
  }
  return out;
}

void Machine::run_rule(uint32_t r, RuleOutcome& out) {
  s_.frames.clear();
  emitted_ = false;
  item_ = nullptr;
  exec(m_.rules[r].code_begin, kNone, 0, out, nullptr);
}

bool Machine::items(uint32_t list, uint32_t cond, uint32_t amount, size_t base, uint32_t cur, RuleOutcome& out, Interval& sum,
                    uint64_t& count) {
  const FactValue* lv = list < facts_.size() ? &facts_[list] : nullptr;
  if (lv == nullptr || lv->kind == FactValue::Kind::Missing) lv = &m_.facts[list].default_value;
  const ItemRows* rows = lv->items.get();
  count = 0;
  sum = Interval::exact(Rational(0));
  if (rows == nullptr) return true;  // no items given: an empty list
  const ItemListInfo* info = m_.item_list(list);
  // INVARIANT (facts loaders): a row holds one value per member fact; a list that does not is unreadable.
  if (info == nullptr || rows->width != info->members.size() || rows->cells.size() != rows->count * rows->width) {
    fail(VmError::MissingFact, static_cast<uint16_t>(list), cur, out);
    return false;
  }
  const bool trace = trace_;
  const bool per_item = trace && amount != kNone;  // ITEMS_COUNT (a rule's guard) traces nothing per item
  const std::string head = per_item ? "「" + m_.strings[m_.facts[list].name] + "」第" : std::string();
  bool ok = true;
  trace_ = per_item;
  for (uint64_t i = 0; ok && i < rows->count; ++i) {
    item_ = rows->cells.data() + i * rows->width;
    size_t before = out.trace.size();
    bool counts = true;
    if (cond != kNone) {
      Slot r;
      ok = exec(m_.derived[cond].code_begin, cond, base, out, &r);
      if (!ok) break;
      counts = r.b;
    }
    if (per_item) {
      if (!counts) out.trace.resize(before);
      out.trace.insert(out.trace.begin() + static_cast<std::ptrdiff_t>(before),
                       head + std::to_string(i + 1) + (counts ? "项：计入" : "项：条件不成立，不计入"));
    }
    if (!counts) continue;
    ++count;
    if (amount == kNone) continue;
    Slot r;
    ok = exec(m_.derived[amount].code_begin, amount, base, out, &r);
    if (!ok) break;
    std::optional<Interval> s = sum.add(r.v);
    if (!s) {
      fail(VmError::Overflow, kNoIndex, cur, out);
      ok = false;
      break;
    }
    sum = *s;
  }
  trace_ = trace;
  item_ = nullptr;
  return ok;
}

bool Machine::exec(uint32_t start, uint32_t cur0, size_t base, RuleOutcome& out, Slot* result) {
  const uint8_t* code = m_.code.data();
  uint32_t pc = start;
  uint32_t cur = cur0;  // the derived value being computed, or kNone for the rule itself
  size_t sp = base;
  const size_t frame_base = s_.frames.size();
  if (s_.stack.size() < base + kMaxStackDepth) s_.stack.resize(base + kMaxStackDepth);
  Slot* st = s_.stack.data();
  bool& emitted = emitted_;

  // INVARIANT (verifier): every path keeps 0 <= sp <= kMaxStackDepth within a function, operands
  // are in range, jumps land on instruction boundaries, and every path ends in RET.
  for (;;) {
    const uint8_t* ip = code + pc;
    const auto op = static_cast<Opcode>(*ip);
    const uint32_t next = pc + kSize[*ip];
    switch (op) {
      case Opcode::NOP:
        break;
      case Opcode::PUSH_CONST: {
        Slot& x = st[sp++];
        x.v = Interval::exact(m_.consts[rd16(ip + 1)]);
        x.kind = SlotKind::Num;
        break;
      }
      case Opcode::PUSH_TRUE:
      case Opcode::PUSH_FALSE: {
        Slot& x = st[sp++];
        x.b = op == Opcode::PUSH_TRUE;
        x.kind = SlotKind::Bool;
        break;
      }
      case Opcode::LOAD_FACT: {
        uint16_t f = rd16(ip + 1);
        const FactInfo& info = m_.facts[f];
        const FactValue* v = f < facts_.size() ? &facts_[f] : nullptr;
        if (v == nullptr || v->kind == FactValue::Kind::Missing) v = &info.default_value;
        if (v->kind != s_.fact_kind[f] || (v->kind == FactValue::Kind::Opt && v->opt >= info.options.size())) {
          fail(VmError::MissingFact, f, cur, out);
          return false;
        }
        Slot& x = st[sp++];
        switch (v->kind) {
          case FactValue::Kind::Bool:
            x.b = v->b;
            x.kind = SlotKind::Bool;
            break;
          case FactValue::Kind::Opt:
            x.opt = v->opt;
            x.fact = f;
            x.kind = SlotKind::Opt;
            break;
          case FactValue::Kind::Num:
          case FactValue::Kind::Missing:
            x.v = Interval::exact(v->num);
            x.kind = SlotKind::Num;
            break;
        }
        break;
      }
      case Opcode::LOAD_DERIVED: {
        uint16_t d = rd16(ip + 1);
        if (s_.state[d] == DerivedState::Done) {
          st[sp++] = s_.memo[d];
          break;
        }
        if (s_.state[d] == DerivedState::Failed) {
          fail(s_.memo_error[d], s_.memo_fact[d], cur, out);
          return false;
        }
        // INVARIANT: NotRun here; Running is impossible because D[a] only loads D[j], j < a.
        s_.state[d] = DerivedState::Running;
        s_.frames.push_back(vm_internal::ScratchData::Frame{next, cur});
        if (s_.stack.size() < sp + kMaxStackDepth) {
          s_.stack.resize(sp + kMaxStackDepth);
          st = s_.stack.data();
        }
        cur = d;
        pc = m_.derived[d].code_begin;
        continue;
      }
      case Opcode::POP:
        --sp;
        break;
      case Opcode::DUP:
        st[sp] = st[sp - 1];
        ++sp;
        break;
      case Opcode::NOT:
        st[sp - 1].b = !st[sp - 1].b;
        break;
      case Opcode::JMP:
        pc = rd32(ip + 1);
        continue;
      case Opcode::JMP_FALSE:
      case Opcode::JMP_TRUE:
        --sp;
        if (st[sp].b == (op == Opcode::JMP_TRUE)) {
          pc = rd32(ip + 1);
          continue;
        }
        break;
      case Opcode::AND_JMP:
      case Opcode::OR_JMP:
        if (st[sp - 1].b == (op == Opcode::OR_JMP)) {
          pc = rd32(ip + 1);
          continue;
        }
        --sp;
        break;
      case Opcode::CMP_LT:
      case Opcode::CMP_LE:
      case Opcode::CMP_GT:
      case Opcode::CMP_GE:
      case Opcode::CMP_EQ: {
        // INVARIANT (verifier): both operands are exact, so comparing the low ends is exact.
        --sp;
        int c = st[sp - 1].v.lo.compare(st[sp].v.lo);
        bool res = op == Opcode::CMP_LT ? c < 0
                   : op == Opcode::CMP_LE ? c <= 0
                   : op == Opcode::CMP_GT ? c > 0
                   : op == Opcode::CMP_GE ? c >= 0
                                          : c == 0;
        st[sp - 1].b = res;
        st[sp - 1].kind = SlotKind::Bool;
        break;
      }
      case Opcode::OPT_EQ:
        st[sp - 1].b = st[sp - 1].opt == rd16(ip + 1);
        st[sp - 1].kind = SlotKind::Bool;
        break;
      case Opcode::ADD:
      case Opcode::SUB:
      case Opcode::MUL: {
        --sp;
        const Interval& a = st[sp - 1].v;
        const Interval& b = st[sp].v;
        std::optional<Interval> res = op == Opcode::ADD ? a.add(b) : (op == Opcode::SUB ? a.sub(b) : a.mul(b));
        if (!res) {
          fail(VmError::Overflow, kNoIndex, cur, out);
          return false;
        }
        st[sp - 1].v = *res;
        break;
      }
      case Opcode::MIN:
        --sp;
        st[sp - 1].v = st[sp - 1].v.min(st[sp].v);
        break;
      case Opcode::MAX:
        --sp;
        st[sp - 1].v = st[sp - 1].v.max(st[sp].v);
        break;
      case Opcode::CLAMP0:
        st[sp - 1].v = st[sp - 1].v.clamp_nonneg();
        break;
      case Opcode::UPTO:
        st[sp - 1].v = st[sp - 1].v.upto();
        break;
      case Opcode::FLOOR:
        st[sp - 1].v = st[sp - 1].v.floor();
        break;
      case Opcode::SPAN: {
        // [lo.lo, hi.hi]; a range written backwards (500-100) is read as [100, 500].
        --sp;
        const Rational& a = st[sp - 1].v.lo;
        const Rational& b = st[sp].v.hi;
        st[sp - 1].v = b < a ? Interval{b, a} : Interval{a, b};
        break;
      }
      case Opcode::ROUND: {
        std::optional<Interval> res = st[sp - 1].v.round(m_.meta.rounding, m_.meta.rounding_unit);
        if (!res) {
          fail(VmError::Overflow, kNoIndex, cur, out);
          return false;
        }
        st[sp - 1].v = *res;
        break;
      }
      case Opcode::TRACE:
        if (trace_) {
          uint32_t n = ip[3];
          out.trace.push_back(trace_text(rd16(ip + 1), st + (sp - n), n));
        }
        break;
      case Opcode::EMIT_AMOUNT:
      case Opcode::EMIT_EXTERNAL:
        --sp;
        if (!add_payer_amount(op == Opcode::EMIT_AMOUNT ? out.amounts : out.external, rd16(ip + 1), st[sp].v)) {
          fail(VmError::Overflow, kNoIndex, cur, out);
          return false;
        }
        emitted = true;
        break;
      case Opcode::EMIT_DEDUCT: {
        --sp;
        if (out.deduction) {
          std::optional<Interval> s = out.deduction->add(st[sp].v);
          if (!s) {
            fail(VmError::Overflow, kNoIndex, cur, out);
            return false;
          }
          out.deduction = *s;
        } else {
          out.deduction = st[sp].v;
        }
        emitted = true;
        break;
      }
      case Opcode::EMIT_CASE:
        out.case_by_case = true;
        out.payer = rd16(ip + 1);
        emitted = true;
        break;
      case Opcode::EMIT_UNSPEC:
        out.unspecified = true;
        out.payer = rd16(ip + 1);
        emitted = true;
        break;
      case Opcode::UNSPEC_MAX:
        --sp;
        out.unspecified_max = st[sp].v;
        break;
      case Opcode::EMIT_BENEFIT:
        out.benefits.push_back(rd16(ip + 1));
        emitted = true;
        break;
      case Opcode::MARK_SELECTIVE:
        out.selective = true;
        break;
      case Opcode::SET_BRANCH:
        out.branch = rd16(ip + 1);
        break;
      case Opcode::RET: {
        if (cur == cur0 && s_.frames.size() == frame_base) {
          if (cur == kNone) {
            out.status = emitted ? RuleStatus::Awarded : RuleStatus::NotApplicable;
          } else {
            *result = st[sp - 1];  // an item function's value: never memoised (one per item)
          }
          return true;
        }
        // The derived value's one result stays where its caller expects the pushed value.
        s_.memo[cur] = st[sp - 1];
        s_.state[cur] = DerivedState::Done;
        vm_internal::ScratchData::Frame f = s_.frames.back();
        s_.frames.pop_back();
        cur = f.derived;
        pc = f.return_pc;
        continue;
      }
      case Opcode::LOAD_ITEM: {
        uint16_t f = rd16(ip + 1);
        const FactInfo& info = m_.facts[f];
        // INVARIANT (verifier): only in an item function, which runs with item_ set.
        const FactValue* v = item_ + s_.item_slot[f];
        if (v->kind == FactValue::Kind::Missing) v = &info.default_value;
        if (v->kind != s_.fact_kind[f] || (v->kind == FactValue::Kind::Opt && v->opt >= info.options.size())) {
          fail(VmError::MissingFact, f, cur, out);
          return false;
        }
        Slot& x = st[sp++];
        x.kind = v->kind == FactValue::Kind::Bool ? SlotKind::Bool : (v->kind == FactValue::Kind::Opt ? SlotKind::Opt : SlotKind::Num);
        x.b = v->b;
        x.opt = v->opt;
        x.fact = f;
        x.v = Interval::exact(v->num);
        break;
      }
      case Opcode::ITEMS_COUNT:
      case Opcode::ITEMS_SUM: {
        uint32_t a = rd16(ip + 1), b = rd16(ip + 3);
        uint32_t cond = op == Opcode::ITEMS_COUNT ? b : a;
        uint32_t amount = op == Opcode::ITEMS_SUM ? b : kNone;
        uint32_t list = op == Opcode::ITEMS_COUNT ? a : s_.fn_list[b];
        Interval sum;
        uint64_t count = 0;
        if (!items(list, cond == kNoIndex ? kNone : cond, amount, sp, cur, out, sum, count)) return false;
        st = s_.stack.data();  // the item functions may have grown the stack
        Slot& x = st[sp++];
        x.kind = SlotKind::Num;
        x.v = op == Opcode::ITEMS_SUM ? sum : Interval::exact(Rational(static_cast<int64_t>(count)));
        break;
      }
      case Opcode::kCount:
        return false;  // unreachable: the verifier rejects undecodable bytes
    }
    pc = next;
  }
}

}  // namespace

Vm::Vm(const Module& m) : m_(m), s_(std::make_unique<Scratch>()) {
  s_->stack.resize(kMaxStackDepth);
  s_->memo.resize(m.derived.size());
  s_->state.resize(m.derived.size());
  s_->memo_error.resize(m.derived.size());
  s_->memo_fact.resize(m.derived.size());
  s_->fact_kind.reserve(m.facts.size());
  for (const FactInfo& f : m.facts) s_->fact_kind.push_back(kind_for(f.type));
  s_->item_slot.assign(m.facts.size(), kNone);
  s_->fn_list.assign(m.derived.size(), kNone);
  for (const ItemListInfo& l : m.item_lists) {
    for (size_t k = 0; k < l.members.size(); ++k) s_->item_slot[l.members[k]] = static_cast<uint32_t>(k);
    for (uint16_t d : l.functions) s_->fn_list[d] = l.list;
  }
}

Vm::~Vm() = default;

Evaluation Vm::evaluate(const std::vector<FactValue>& facts, const EvalOptions& opts) {
  Evaluation ev;
  evaluate_into(facts, opts, ev);
  return ev;
}

void Vm::evaluate_into(const std::vector<FactValue>& facts, const EvalOptions& opts, Evaluation& out) {
  std::fill(s_->state.begin(), s_->state.end(), DerivedState::NotRun);
  out.rules.resize(m_.rules.size());
  Machine machine(m_, *s_, facts, opts.trace);
  for (uint32_t r = 0; r < m_.rules.size(); ++r) {
    RuleOutcome& o = out.rules[r];
    reset_outcome(o);
    machine.run_rule(r, o);
  }
  apply_groups_and_totals(m_, out);
}

}  // namespace zc
