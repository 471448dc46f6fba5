// The walk over a checked program (see walk.h). It mirrors the VM's meaning of each operation
// (runtime/vm/vm.cpp and docs/bytecode.md): exact interval arithmetic, comparisons of exact values on
// their low ends, short-circuit 且/或, the policy's rounding. Derived values are computed once.
#include "compiler/explain/walk.h"

#include "runtime/bytecode/trace_template.h"
#include "runtime/vm/text.h"
#include "runtime/vm/vm.h"

namespace zc::explain {
namespace {

Val boolean(bool b) {
  Val v;
  v.kind = Val::Kind::Bool;
  v.b = b;
  return v;
}

Val number(const Interval& i) {
  Val v;
  v.kind = Val::Kind::Num;
  v.v = i;
  return v;
}

Val overflow() {
  Val v;
  v.kind = Val::Kind::Overflow;
  return v;
}

const Module& empty_module() {
  static const Module m;
  return m;
}

}  // namespace

Walker::Walker(const sema::Program& prog, const std::vector<FactValue>& facts, RoundingMode mode, RoundingUnit unit)
    : prog_(prog), facts_(facts), mode_(mode), unit_(unit), state_(prog.derived.size(), 0), memo_(prog.derived.size()) {
  item_slot_.assign(prog.facts.size(), 0);
  for (size_t f = 0; f < prog.facts.size(); ++f) {
    if (!prog.facts[f].list) continue;
    std::vector<int> members = sema::item_members(prog, static_cast<int>(f));
    for (size_t k = 0; k < members.size(); ++k) item_slot_[static_cast<size_t>(members[k])] = k;
  }
}

// ITEMS_COUNT and ITEMS_SUM as vm.cpp runs them, with the same lines per item.
Val Walker::items(const sema::Expr& e, std::vector<std::string>* trace) {
  Val list = fact(e.ref);
  size_t i = static_cast<size_t>(e.ref);
  const FactValue* fv = i < facts_.size() && facts_[i].kind != FactValue::Kind::Missing ? &facts_[i] : nullptr;
  const ItemRows* rows = fv ? fv->items.get() : nullptr;
  const bool sum = e.op == sema::Expr::Op::ItemSum;
  Interval total = Interval::exact(Rational(0));
  int64_t count = 0;
  if (rows) {
    if (rows->width != sema::item_members(prog_, e.ref).size() || rows->cells.size() != rows->count * rows->width) {
      Val v;
      v.fact = e.ref;
      return v;  // unreadable: as a missing fact
    }
    std::vector<std::string>* per = sum ? trace : nullptr;
    const std::string head = "「" + prog_.facts[i].name + "」第";
    for (uint64_t k = 0; k < rows->count; ++k) {
      item_ = rows->cells.data() + k * rows->width;
      size_t before = per ? per->size() : 0;
      Val c = eval(*e.args[0], per);
      if (!c.known()) { item_ = nullptr; return c; }
      if (per) {
        if (!c.b) per->resize(before);
        per->insert(per->begin() + static_cast<std::ptrdiff_t>(before), head + std::to_string(k + 1) + (c.b ? "项：计入" : "项：条件不成立，不计入"));
      }
      if (!c.b) continue;
      ++count;
      if (!sum) continue;
      Val a = eval(*e.args[1], per);
      if (!a.known()) { item_ = nullptr; return a; }
      std::optional<Interval> s = total.add(a.v);
      if (!s) { item_ = nullptr; return overflow(); }
      total = *s;
    }
    item_ = nullptr;
  }
  (void)list;
  return number(sum ? total : Interval::exact(Rational(count)));
}

Val Walker::fact(int f) const {
  size_t i = static_cast<size_t>(f);
  const FactValue* fv = i < facts_.size() ? &facts_[i] : nullptr;
  Val v;
  v.fact = f;
  if (!fv || fv->kind == FactValue::Kind::Missing) {
    fv = prog_.facts[i].def ? &*prog_.facts[i].def : nullptr;
    v.defaulted = fv != nullptr;
  }
  if (!fv) return v;
  switch (fv->kind) {
    case FactValue::Kind::Bool: v.kind = Val::Kind::Bool; v.b = fv->b; break;
    case FactValue::Kind::Num: v.kind = Val::Kind::Num; v.v = Interval::exact(fv->num); break;
    case FactValue::Kind::Opt: v.kind = Val::Kind::Opt; v.opt = fv->opt; break;
    case FactValue::Kind::Missing: break;
  }
  return v;
}

Val Walker::derived(int d) {
  size_t i = static_cast<size_t>(d);
  if (state_[i] == 2) return memo_[i];
  if (state_[i] == 1) return overflow();  // a cycle: the checker refuses those, so never reached
  state_[i] = 1;
  memo_[i] = eval(*prog_.derived[i].value);
  state_[i] = 2;
  return memo_[i];
}

Val Walker::round(const Val& x) const {
  if (x.kind != Val::Kind::Num) return x;
  std::optional<Interval> r = x.v.round(mode_, unit_);
  return r ? number(*r) : overflow();
}

Val Walker::eval(const sema::Expr& e, std::vector<std::string>* trace) {
  using Op = sema::Expr::Op;
  Val out;
  auto arg = [&](size_t i) { return eval(*e.args[i], trace); };
  switch (e.op) {
    case Op::Const: {
      Interval v = Interval::exact(e.c);
      if (e.c2) v = e.c <= *e.c2 ? Interval{e.c, *e.c2} : Interval{*e.c2, e.c};
      out = number(v);
      break;
    }
    case Op::Fact: out = fact(e.ref); break;
    case Op::ItemFact: {
      // The current item's value, else the fact's default (as LOAD_ITEM).
      size_t i = static_cast<size_t>(e.ref);
      const FactValue* fv = item_ ? item_ + item_slot_[i] : nullptr;
      out.fact = e.ref;
      if (!fv || fv->kind == FactValue::Kind::Missing) {
        fv = prog_.facts[i].def ? &*prog_.facts[i].def : nullptr;
        out.defaulted = fv != nullptr;
      }
      if (!fv) break;
      if (fv->kind == FactValue::Kind::Bool) { out.kind = Val::Kind::Bool; out.b = fv->b; }
      if (fv->kind == FactValue::Kind::Num) { out.kind = Val::Kind::Num; out.v = Interval::exact(fv->num); }
      if (fv->kind == FactValue::Kind::Opt) { out.kind = Val::Kind::Opt; out.opt = fv->opt; }
      break;
    }
    case Op::ItemCount: case Op::ItemSum: out = items(e, trace); break;
    case Op::Derived: out = derived(e.ref); break;
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Min: case Op::Max: {
      Val a = arg(0);
      if (!a.known()) { out = a; break; }
      Val b = arg(1);
      if (!b.known()) { out = b; break; }
      std::optional<Interval> r;
      if (e.op == Op::Add) r = a.v.add(b.v);
      else if (e.op == Op::Sub) r = a.v.sub(b.v);
      else if (e.op == Op::Mul) r = a.v.mul(b.v);
      else r = e.op == Op::Min ? a.v.min(b.v) : a.v.max(b.v);
      out = r ? number(*r) : overflow();
      break;
    }
    case Op::Floor: {
      Val a = arg(0);
      out = a.known() ? number(a.v.floor()) : a;
      break;
    }
    case Op::Clamp0: case Op::Upto: case Op::Round: {
      Val a = arg(0);
      if (!a.known()) { out = a; break; }
      out = e.op == Op::Round ? round(a) : number(e.op == Op::Clamp0 ? a.v.clamp_nonneg() : a.v.upto());
      break;
    }
    case Op::True: out = boolean(true); break;
    case Op::False: out = boolean(false); break;
    case Op::Not: {
      Val a = arg(0);
      out = a.known() ? boolean(!a.b) : a;
      break;
    }
    case Op::And: case Op::Or: {
      bool is_and = e.op == Op::And;
      out = boolean(is_and);
      for (size_t i = 0; i < e.args.size(); ++i) {
        Val a = arg(i);
        if (!a.known()) { out = a; break; }
        if (a.b != is_and) { out = boolean(a.b); break; }
      }
      break;
    }
    case Op::Cmp: {
      Val a = arg(0);
      if (!a.known()) { out = a; break; }
      Val b = arg(1);
      if (!b.known()) { out = b; break; }
      int c = a.v.lo.compare(b.v.lo);
      bool r = e.cmp == CmpOp::Lt ? c < 0 : e.cmp == CmpOp::Le ? c <= 0 : e.cmp == CmpOp::Gt ? c > 0 : e.cmp == CmpOp::Ge ? c >= 0 : c == 0;
      out = boolean(r);
      break;
    }
    case Op::OptEq: {
      Val a = arg(0);
      out = a.known() ? boolean(a.opt == e.ref) : a;
      break;
    }
    case Op::Select: {
      Val c = arg(0);
      if (!c.known()) { out = c; break; }
      out = c.b ? arg(1) : arg(2);
      break;
    }
  }
  if (trace && !e.trace.empty() && out.known()) trace->push_back(fill(e.trace, out));
  return out;
}

std::string Walker::show(const Val& x, ValueType t, const std::string& unit) const {
  switch (x.kind) {
    case Val::Kind::Missing: return "未提供";
    case Val::Kind::Overflow: return "超出可计算范围";
    case Val::Kind::Bool: return x.b ? "是" : "否";
    case Val::Kind::Opt: {
      if (x.fact >= 0) {
        const std::vector<std::string>& o = prog_.facts[static_cast<size_t>(x.fact)].options;
        if (x.opt < o.size()) return o[x.opt];
      }
      return std::to_string(x.opt);
    }
    case Val::Kind::Num: break;
  }
  if (t == ValueType::Count) {
    if (x.v.is_exact()) return x.v.lo.to_decimal() + unit;
    return x.v.lo.to_decimal() + unit + "至" + x.v.hi.to_decimal() + unit;
  }
  return value_text(empty_module(), t, kNoString, x.v);
}

std::string Walker::fill(const std::string& tmpl, const Val& x) const {
  std::vector<TracePiece> pieces;
  TraceTemplateError err;
  if (!parse_trace_template(tmpl, pieces, err)) return tmpl;
  std::string out;
  for (const TracePiece& p : pieces) {
    if (p.arg < 0) {
      out += p.literal;
      continue;
    }
    switch (p.kind) {
      case TraceKind::Money: out += show(x, ValueType::Money); break;
      case TraceKind::Rate: out += show(x, ValueType::Rate); break;
      case TraceKind::Count: out += show(x, ValueType::Count, std::string(p.unit)); break;
      case TraceKind::Points: out += show(x, ValueType::Points); break;
      case TraceKind::Date: out += show(x, ValueType::Date); break;
      case TraceKind::Num: out += x.kind == Val::Kind::Num ? number_text(x.v) : show(x, ValueType::Count); break;
      case TraceKind::Bool: out += x.b ? "是" : "否"; break;
      case TraceKind::Option: out += show(x, ValueType::Option); break;
      case TraceKind::Any:
        out += x.kind == Val::Kind::Num ? number_text(x.v) : show(x, ValueType::Option);
        break;
    }
  }
  return out;
}

}  // namespace zc::explain
