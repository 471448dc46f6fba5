// The encoding of a checked program (see encode.h). Each function names the VM code it mirrors:
// runtime/vm/vm.cpp for instructions, base/interval.cpp for interval arithmetic, base/rational.cpp
// for rounding, runtime/vm/groups.cpp for groups and totals.
#include "compiler/smt/encode.h"

#include <algorithm>
#include <functional>

#include "base/units.h"

namespace zc::smt {
namespace {

using Op = sema::Expr::Op;

bool numeral(const z3::expr& e, Rational& out) {
  if (!e.is_numeral()) return false;
  auto r = Space::rational(e);
  if (!r) return false;
  out = *r;
  return true;
}

Result blank(z3::context& c) {
  z3::expr f = c.bool_val(false);
  z3::expr z = c.real_val(0);
  return Result{f, f, f, f, f, f, Num{z, z, true}, f, Num{z, z, true}, {}, {}, {}, {}, c.int_val(-1)};
}

}  // namespace

Encoding::Encoding(Space& s, const sema::Program& prog, RoundingMode mode, RoundingUnit unit)
    : s_(s), prog_(prog), mode_(mode), unit_(unit) {
  vars_ = s_.add_program(prog);
  rules_.resize(prog.rules.size());
  rule_error_.resize(prog.rules.size());
}

z3::expr Encoding::zero() { return s_.ctx().real_val(0); }

// ---------------------------------------------------------------------------------------------
// Interval arithmetic: runtime/value/interval.cpp, end for end.

Num Encoding::add(const Num& a, const Num& b) {
  if (a.exact && b.exact) return exact(a.lo + b.lo);
  return Num{a.lo + b.lo, a.hi + b.hi, false};
}

Num Encoding::sub(const Num& a, const Num& b) {
  if (a.exact && b.exact) return exact(a.lo - b.lo);
  return Num{a.lo - b.hi, a.hi - b.lo, false};
}

Num Encoding::mul(const Num& a, const Num& b) {
  if (a.exact && b.exact) return exact(a.lo * b.lo);
  // Interval::mul: the least and the greatest of the four products of the ends. When one side is
  // exact those are two products, and with a known sign their order is known too.
  auto by_exact = [&](const z3::expr& x, const Num& y) -> Num {
    Rational r;
    if (numeral(x, r)) {
      if (r.sign() >= 0) return Num{x * y.lo, x * y.hi, false};
      return Num{x * y.hi, x * y.lo, false};
    }
    z3::expr p = x * y.lo, q = x * y.hi;
    return Num{z3::min(p, q), z3::max(p, q), false};
  };
  if (a.exact) return by_exact(a.lo, b);
  if (b.exact) return by_exact(b.lo, a);
  z3::expr p[4] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
  z3::expr lo = p[0], hi = p[0];
  for (int i = 1; i < 4; ++i) {
    lo = z3::min(lo, p[i]);
    hi = z3::max(hi, p[i]);
  }
  return Num{lo, hi, false};
}

Num Encoding::min(const Num& a, const Num& b) {
  if (a.exact && b.exact) return exact(z3::min(a.lo, b.lo));
  return Num{z3::min(a.lo, b.lo), z3::min(a.hi, b.hi), false};
}

Num Encoding::max(const Num& a, const Num& b) {
  if (a.exact && b.exact) return exact(z3::max(a.lo, b.lo));
  return Num{z3::max(a.lo, b.lo), z3::max(a.hi, b.hi), false};
}

Num Encoding::ite(const z3::expr& c, const Num& a, const Num& b) {
  if (a.exact && b.exact) return exact(z3::ite(c, a.lo, b.lo));
  return Num{z3::ite(c, a.lo, b.lo), z3::ite(c, a.hi, b.hi), false};
}

// Rational::round: q = floor(x × scale), then up by one according to the mode and the remainder.
z3::expr Encoding::round_end(const z3::expr& x) {
  z3::context& c = s_.ctx();
  Rational k;
  if (numeral(x, k)) {
    std::optional<Rational> r = k.round(mode_, unit_);
    if (!r) throw Unsupported{"舍入溢出"};
    return s_.constant(*r);
  }
  int scale = per_yuan(unit_);
  z3::expr y = x * c.real_val(scale);
  auto floor = [&](const z3::expr& v) { return z3::expr(c, Z3_mk_real2int(c, v)); };
  z3::expr half = c.real_val(1, 2);
  z3::expr q = c.int_val(0);
  switch (mode_) {
    case RoundingMode::Down: q = floor(y); break;
    case RoundingMode::Up: q = -floor(-y); break;
    case RoundingMode::HalfUp:
      // Ties away from zero: floor(y + 1/2) for y >= 0, -floor(1/2 - y) below (the same integer
      // Rational::round computes from floor(y) and the remainder).
      q = z3::ite(y >= 0, floor(y + half), -floor(half - y));
      break;
    case RoundingMode::HalfEven: {
      z3::expr f = floor(y);
      z3::expr frac = y - z3::to_real(f);
      q = z3::ite(frac > half || (frac == half && z3::mod(f, 2) == 1), f + 1, f);
      break;
    }
  }
  return z3::to_real(q) / c.real_val(scale);
}

Num Encoding::round(const Num& a) {
  if (a.exact) return exact(round_end(a.lo));
  return Num{round_end(a.lo), round_end(a.hi), false};
}

// ---------------------------------------------------------------------------------------------
// Expressions: runtime/vm/vm.cpp, opcode by opcode (codegen.cpp says which opcodes each node becomes).

Num Encoding::num(const Val& v, const sema::Expr& at) {
  if (v.kind != Val::Kind::Num) throw Unsupported{"第 " + std::to_string(at.span.begin) + " 字节处的值不是数"};
  return v.n;
}

z3::expr Encoding::cond(const sema::Expr& e) {
  Val v = value(e);
  if (v.kind != Val::Kind::Bool) throw Unsupported{"条件的值不是是否"};
  return v.b;
}

Val Encoding::derived(int d) {
  auto it = derived_.find(d);
  if (it != derived_.end()) return it->second;
  const sema::Derived& def = prog_.derived.at(static_cast<size_t>(d));
  if (!def.value) throw Unsupported{"定义不完整"};
  Val v = value(*def.value);
  derived_.emplace(d, v);
  return v;
}

Val Encoding::value(const sema::Expr& e) {
  z3::context& c = s_.ctx();
  auto boolean = [&](const z3::expr& b) { return Val{Val::Kind::Bool, b, exact(zero()), -1}; };
  auto number = [&](const Num& n) { return Val{Val::Kind::Num, c.bool_val(false), n, -1}; };
  auto arg = [&](size_t i) -> const sema::Expr& {
    if (i >= e.args.size() || !e.args[i]) throw Unsupported{"表达式缺少操作数"};
    return *e.args[i];
  };
  auto arith = [&](Num (Encoding::*f)(const Num&, const Num&)) {
    Num a = num(value(arg(0)), arg(0));
    Num b = num(value(arg(1)), arg(1));
    return number((this->*f)(a, b));
  };
  // INVARIANT: one case per operator and no default, so that an operator added to sema::Expr does
  // not compile here until its encoding is written (or it throws Unsupported, making what uses it
  // "unknown" — never a proof).
  switch (e.op) {
    case Op::Const: {
      if (!e.c2) return number(exact(s_.constant(e.c)));
      // PUSH_CONST, PUSH_CONST, SPAN: [lo.lo, hi.hi], a range written backwards read forwards.
      const Rational& a = e.c;
      const Rational& b = *e.c2;
      return number(b < a ? Num{s_.constant(b), s_.constant(a), false} : Num{s_.constant(a), s_.constant(b), false});
    }
    case Op::Fact: {
      if (e.ref < 0 || static_cast<size_t>(e.ref) >= vars_.size() || vars_[static_cast<size_t>(e.ref)] < 0)
        throw Unsupported{"引用了指标或未知的事实"};
      int v = vars_[static_cast<size_t>(e.ref)];
      const Var& x = s_.var(v);
      if (!x.conflict.empty()) throw Unsupported{"「" + x.name + "」" + x.conflict};
      switch (prog_.facts[static_cast<size_t>(e.ref)].type) {
        case ValueType::Bool: return boolean(x.e);
        case ValueType::Option: return Val{Val::Kind::Opt, x.e, exact(zero()), v};
        case ValueType::Money:
        case ValueType::Rate:
        case ValueType::Count:
        case ValueType::Date:
        case ValueType::Points:
          return number(exact(x.e.is_int() ? z3::to_real(x.e) : x.e));
      }
      throw Unsupported{"未知的事实类型"};
    }
    case Op::Derived: return derived(e.ref);
    case Op::Add: return arith(&Encoding::add);
    case Op::Sub: return arith(&Encoding::sub);
    case Op::Mul: return arith(&Encoding::mul);
    case Op::Min: return arith(&Encoding::min);
    case Op::Max: return arith(&Encoding::max);
    case Op::Clamp0: return number(max(num(value(arg(0)), arg(0)), exact(zero())));
    case Op::Upto: {
      Num a = num(value(arg(0)), arg(0));
      return number(Num{z3::min(zero(), a.lo), a.hi, false});
    }
    case Op::Round: return number(round(num(value(arg(0)), arg(0))));
    case Op::Floor: {  // Rational::floor, each end: Z3's real-to-int is the floor
      Num a = num(value(arg(0)), arg(0));
      auto floor_end = [&](const z3::expr& x) {
        Rational k;
        if (numeral(x, k)) return s_.constant(k.floor());
        return z3::to_real(z3::expr(c, Z3_mk_real2int(c, x)));
      };
      if (a.exact) return number(exact(floor_end(a.lo)));
      return number(Num{floor_end(a.lo), floor_end(a.hi), false});
    }
    case Op::True: return boolean(c.bool_val(true));
    case Op::False: return boolean(c.bool_val(false));
    case Op::Not: return boolean(!cond(arg(0)));
    case Op::And:
    case Op::Or: {
      // AND_JMP / OR_JMP short-circuit; with every fact given, only the value matters.
      z3::expr_vector parts(c);
      for (size_t i = 0; i < e.args.size(); ++i) parts.push_back(cond(arg(i)));
      if (parts.empty()) return boolean(c.bool_val(e.op == Op::And));
      return boolean(e.op == Op::And ? z3::mk_and(parts) : z3::mk_or(parts));
    }
    case Op::Cmp: {
      // CMP_*: both operands exact (the verifier's rule), compared by their low ends.
      Num a = num(value(arg(0)), arg(0));
      Num b = num(value(arg(1)), arg(1));
      switch (e.cmp) {
        case CmpOp::Lt: return boolean(a.lo < b.lo);
        case CmpOp::Le: return boolean(a.lo <= b.lo);
        case CmpOp::Gt: return boolean(a.lo > b.lo);
        case CmpOp::Ge: return boolean(a.lo >= b.lo);
        case CmpOp::Eq: return boolean(a.lo == b.lo);
      }
      throw Unsupported{"未知的比较"};
    }
    case Op::OptEq: {
      Val a = value(arg(0));
      if (a.kind != Val::Kind::Opt) throw Unsupported{"选项比较的对象不是选项"};
      // The option is named in the program's fact; its index in the space is by name.
      int f = -1;
      for (size_t i = 0; i < vars_.size(); ++i)
        if (vars_[i] == a.var) f = static_cast<int>(i);
      const sema::Fact& fact = prog_.facts.at(static_cast<size_t>(f));
      if (e.ref < 0 || static_cast<size_t>(e.ref) >= fact.options.size()) throw Unsupported{"选项超出范围"};
      const Var& x = s_.var(a.var);
      auto it = std::find(x.options.begin(), x.options.end(), fact.options[static_cast<size_t>(e.ref)]);
      return boolean(a.b == c.int_val(static_cast<int>(it - x.options.begin())));
    }
    case Op::ItemFact:
    case Op::ItemCount:
    case Op::ItemSum:
      // An item list has any number of items: a sum over them is not a formula of the applicant's
      // facts. What uses one is "unknown" to the solver (docs/language.md §4, Lists of items).
      throw Unsupported{"清单逐项计算（项数不定）不在求解器的编码之内"};
    case Op::Select: {
      z3::expr k = cond(arg(0));
      Val a = value(arg(1));
      Val b = value(arg(2));
      if (a.kind != b.kind || (a.kind == Val::Kind::Opt && a.var != b.var)) throw Unsupported{"分支的值类型不同"};
      switch (a.kind) {
        case Val::Kind::Bool: return boolean(z3::ite(k, a.b, b.b));
        case Val::Kind::Num: return number(ite(k, a.n, b.n));
        case Val::Kind::Opt: return Val{Val::Kind::Opt, z3::ite(k, a.b, b.b), exact(zero()), a.var};
      }
      throw Unsupported{"未知的值类型"};
    }
  }
  throw Unsupported{"未知的表达式"};
}

// ---------------------------------------------------------------------------------------------
// Rules: the code codegen.cpp emits for a rule, run by vm.cpp.

const std::string& Encoding::payer_name(int p) const {
  static const std::string kNone;
  if (p < 0 || static_cast<size_t>(p) >= prog_.payers.size()) throw Unsupported{"出资方未解析"};
  return prog_.payers[static_cast<size_t>(p)].name;
}

bool Encoding::local(const std::string& payer) const {
  for (const sema::Payer& p : prog_.payers)
    if (p.name == payer) return p.role == PayerRole::Local;
  return false;
}

// EMIT_AMOUNT / EMIT_EXTERNAL under condition `on`: add_payer_amount adds to the payer's entry,
// creating it when absent (an absent entry counts as [0, 0] here and is told apart by `present`).
void Encoding::emit(std::map<std::string, Part>& parts, const std::string& payer, const z3::expr& on, const Num& v) {
  z3::context& c = s_.ctx();
  auto it = parts.find(payer);
  if (it == parts.end()) it = parts.emplace(payer, Part{c.bool_val(false), exact(zero())}).first;
  Part& p = it->second;
  p.amount = ite(on, add(p.amount, v), p.amount);
  p.present = p.present || on;
}

// One award, assuming its alternative is taken; `on` is the condition that it is.
void Encoding::award(const sema::Award& a, const z3::expr& on, Result& out) {
  z3::context& c = s_.ctx();
  z3::expr f = c.bool_val(false), t = c.bool_val(true);
  Result here = blank(c);
  here.selective = c.bool_val(a.selective);
  z3::expr emitted = f;
  if (!a.benefit.empty()) {
    here.benefits.emplace(a.benefit, t);
    emitted = t;
  }
  switch (a.kind) {
    case sema::Award::Kind::Case:
      here.case_by_case = t;
      here.payer_is.emplace(payer_name(a.payer), t);
      emitted = t;
      break;
    case sema::Award::Kind::Unspecified:
      here.unspecified = t;
      here.payer_is.emplace(payer_name(a.payer), t);
      if (a.unspec_max) {
        here.has_max = t;
        here.max = num(value(*a.unspec_max), *a.unspec_max);
      }
      emitted = t;
      break;
    case sema::Award::Kind::Benefit:
      emitted = t;
      break;
    case sema::Award::Kind::Deduction:
      if (!a.deduction) throw Unsupported{"扣除缺少金额"};
      here.has_deduction = t;
      here.deduction = num(value(*a.deduction), *a.deduction);
      emitted = t;
      break;
    case sema::Award::Kind::Risk:
      for (const sema::RiskShare& s : a.shares) {
        if (!s.amount) throw Unsupported{"风险分担缺少金额"};
        emit(here.amounts, payer_name(s.payer), t, num(value(*s.amount), *s.amount));
        emitted = t;
      }
      break;
    case sema::Award::Kind::Amount: {
      // Tiers in order; an exclusive tier with a condition jumps past the rest once it has run.
      z3::expr done = f;
      for (size_t k = 0; k < a.tiers.size(); ++k) {
        const sema::Tier& tier = a.tiers[k];
        bool last = k + 1 == a.tiers.size();
        z3::expr run = tier.when ? (!done && cond(*tier.when)) : !done;
        if (tier.amount) {
          Num v = num(value(*tier.amount), *tier.amount);
          for (const sema::ExprPtr& cap : a.caps) {
            if (!cap) throw Unsupported{"上限缺少金额"};
            v = min(v, num(value(*cap), *cap));
          }
          if (a.split.empty()) {
            v = round(v);
            emit(here.amounts, payer_name(a.payer), run, v);
          }
          for (const sema::SplitShare& part : a.split) {  // each payer's share of the capped whole
            Num pv = mul(v, num(value(*part.share), *part.share));
            for (const sema::ExprPtr& cap : part.caps) pv = min(pv, num(value(*cap), *cap));
            emit(here.amounts, payer_name(part.payer), run, round(pv));
          }
          emitted = emitted || run;
        }
        if (tier.external) {
          emit(here.external, payer_name(a.external_payer), run, num(value(*tier.external), *tier.external));
          emitted = emitted || run;
        }
        if (tier.when && !a.tiers_each && !last) done = done || run;
      }
      break;
    }
  }
  here.awarded = emitted;

  // Merge into the rule's result under `on` (the alternatives' conditions are disjoint).
  auto merge_parts = [&](std::map<std::string, Part>& into, const std::map<std::string, Part>& from) {
    for (const auto& [payer, part] : from)
      into.emplace(payer, Part{f, exact(zero())});
    for (auto& [payer, part] : into) {
      auto it = from.find(payer);
      Part src = it == from.end() ? Part{f, exact(zero())} : it->second;
      part.present = z3::ite(on, src.present, part.present);
      part.amount = ite(on, src.amount, part.amount);
    }
  };
  auto merge_flags = [&](std::map<std::string, z3::expr>& into, const std::map<std::string, z3::expr>& from) {
    for (const auto& [key, v] : from) into.emplace(key, f);
    for (auto& [key, v] : into) {
      auto it = from.find(key);
      v = z3::ite(on, it == from.end() ? f : it->second, v);
    }
  };
  out.awarded = z3::ite(on, here.awarded, out.awarded);
  out.selective = z3::ite(on, here.selective, out.selective);
  out.case_by_case = z3::ite(on, here.case_by_case, out.case_by_case);
  out.unspecified = z3::ite(on, here.unspecified, out.unspecified);
  out.has_max = z3::ite(on, here.has_max, out.has_max);
  out.max = ite(on, here.max, out.max);
  out.has_deduction = z3::ite(on, here.has_deduction, out.has_deduction);
  out.deduction = ite(on, here.deduction, out.deduction);
  merge_parts(out.amounts, here.amounts);
  merge_parts(out.external, here.external);
  merge_flags(out.benefits, here.benefits);
  merge_flags(out.payer_is, here.payer_is);
}

z3::expr Encoding::taken(int r, int b) {
  const sema::Rule& rule = prog_.rules.at(static_cast<size_t>(r));
  z3::expr_vector parts(s_.ctx());
  for (int k = 0; k < b; ++k) parts.push_back(!cond(*rule.branches[static_cast<size_t>(k)].cond));
  parts.push_back(cond(*rule.branches.at(static_cast<size_t>(b)).cond));
  return z3::mk_and(parts);
}

Result Encoding::encode_rule(int r) {
  z3::context& c = s_.ctx();
  const sema::Rule& rule = prog_.rules.at(static_cast<size_t>(r));
  Result out = blank(c);
  z3::expr none_before = c.bool_val(true);
  for (size_t b = 0; b < rule.branches.size(); ++b) {
    const sema::Branch& br = rule.branches[b];
    if (!br.cond) throw Unsupported{"规则的条件不完整"};
    z3::expr k = cond(*br.cond);
    z3::expr on = none_before && k;
    award(br.award, on, out);
    out.branch = z3::ite(on, c.int_val(static_cast<int>(b)), out.branch);
    none_before = none_before && !k;
  }
  return out;
}

const Result& Encoding::rule(int r) {
  size_t i = static_cast<size_t>(r);
  if (rules_.at(i)) return *rules_[i];
  if (!rule_error_[i].empty()) throw Unsupported{rule_error_[i]};
  try {
    rules_[i] = encode_rule(r);
  } catch (const Unsupported& u) {
    rule_error_[i] = u.what;
    throw;
  }
  return *rules_[i];
}

// ---------------------------------------------------------------------------------------------
// Groups and totals: runtime/vm/groups.cpp.

namespace {

// The parts of the payers `is_local` selects, a selective one counted as [0, amount]: the 本级 ones for
// a cap (groups.cpp, local_contribution), every payer for 就高 (whole_award).
Num local_of(Encoding& enc, const Result& r, const std::function<bool(const std::string&)>& is_local) {
  Num sum = enc.exact(enc.zero());
  for (const auto& [payer, part] : r.amounts) {
    if (!is_local(payer)) continue;
    Num a = part.amount;
    Num up{z3::min(enc.zero(), a.lo), a.hi, false};
    Num v{z3::ite(part.present, z3::ite(r.selective, up.lo, a.lo), enc.zero()),
          z3::ite(part.present, a.hi, enc.zero()), false};
    sum = Num{sum.lo + v.lo, sum.hi + v.hi, false};
  }
  return sum;
}

}  // namespace

void Encoding::apply_nodup(const sema::Group& g, std::vector<Result>& rs) {
  z3::context& c = s_.ctx();
  std::vector<int> m = g.members;
  std::vector<int> sorted = m;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) throw Unsupported{"不重复组成员重复"};
  // 就高 compares what the applicant receives: every payer's part (groups.cpp, whole_award).
  auto every_payer = [](const std::string&) { return true; };
  std::vector<z3::expr> aw;
  std::vector<Num> contrib;
  for (int r : m) {
    aw.push_back(rs.at(static_cast<size_t>(r)).awarded);
    contrib.push_back(local_of(*this, rs[static_cast<size_t>(r)], every_payer));
  }
  auto better = [](const Num& x, const Num& y) { return x.hi > y.hi || (x.hi == y.hi && x.lo > y.lo); };
  for (size_t i = 0; i < m.size(); ++i) {
    z3::expr keep = aw[i];
    for (size_t j = 0; j < m.size(); ++j) {
      if (j == i) continue;
      if (g.mode == NoDupMode::First) {
        if (j < i) keep = keep && !aw[j];
      } else if (j < i) {
        keep = keep && z3::implies(aw[j], better(contrib[i], contrib[j]));
      } else {
        keep = keep && z3::implies(aw[j], !better(contrib[j], contrib[i]));
      }
    }
    Result& r = rs[static_cast<size_t>(m[i])];
    z3::expr excluded = aw[i] && !keep;
    r.excluded = r.excluded || excluded;
    r.awarded = keep;
  }
  (void)c;
}

void Encoding::apply_cap(const sema::Group& g, std::vector<Result>& rs) {
  z3::context& c = s_.ctx();
  if (!g.cap) throw Unsupported{"上限组缺少上限"};
  z3::expr cap = s_.constant(*g.cap);
  struct Item {
    Result* r;
    std::string payer;
    z3::expr present;
    z3::expr lo, hi;
    z3::expr it_lo;
  };
  std::vector<Item> items;
  for (int m : g.members) {
    Result& r = rs.at(static_cast<size_t>(m));
    std::vector<std::string> locals;
    for (const auto& [payer, part] : r.amounts)
      if (local(payer)) locals.push_back(payer);
    // The VM caps a member's 本级 entries in the order they were first emitted; with one such
    // payer per member that order is fixed.
    if (locals.size() > 1) throw Unsupported{"上限组成员有多个本级出资方"};
    if (locals.empty()) continue;
    Part& p = r.amounts.at(locals[0]);
    items.push_back(Item{&r, locals[0], r.awarded && p.present, p.amount.lo, p.amount.hi, zero()});
  }
  z3::expr rem = cap;
  for (Item& it : items) {
    z3::expr lo = z3::ite(it.r->selective, zero(), it.lo);
    it.it_lo = z3::ite(it.present, z3::min(lo, rem), zero());
    rem = rem - it.it_lo;
  }
  z3::expr later = zero();
  for (const Item& it : items) later = later + it.it_lo;
  z3::expr used = zero();
  for (Item& it : items) {
    later = later - it.it_lo;
    z3::expr room = cap - used - later;
    z3::expr hi = z3::ite(it.present, z3::min(it.hi, room), zero());
    used = used + hi;
    z3::expr lo = z3::ite(it.r->selective, z3::min(it.lo, hi), it.it_lo);
    Part& p = it.r->amounts.at(it.payer);
    p.amount = Num{z3::ite(it.present, lo, p.amount.lo), z3::ite(it.present, hi, p.amount.hi), false};
  }
  (void)c;
}

const std::vector<Result>& Encoding::after_nodup() {
  if (nodup_) return *nodup_;
  if (!final_error_.empty()) throw Unsupported{final_error_};
  try {
    std::vector<Result> rs;
    for (size_t r = 0; r < prog_.rules.size(); ++r) rs.push_back(rule(static_cast<int>(r)));
    for (const sema::Group& g : prog_.groups)
      if (g.kind == GroupKind::NoDup) apply_nodup(g, rs);
    nodup_ = std::move(rs);
  } catch (const Unsupported& u) {
    final_error_ = u.what;
    throw;
  }
  return *nodup_;
}

const Encoding::Final& Encoding::final() {
  if (final_) return *final_;
  if (!final_error_.empty()) throw Unsupported{final_error_};
  try {
    Final out;
    out.rules = after_nodup();
    for (const sema::Group& g : prog_.groups)
      if (g.kind == GroupKind::Cap) apply_cap(g, out.rules);
    for (const sema::Payer& p : prog_.payers) {
      Num total = exact(zero());
      std::vector<std::optional<Num>> parts(out.rules.size());
      for (size_t k = 0; k < out.rules.size(); ++k) {
        const Result& r = out.rules[k];
        auto it = r.amounts.find(p.name);
        if (it == r.amounts.end()) continue;
        const Num& a = it->second.amount;
        z3::expr on = r.awarded && it->second.present;
        Num v{z3::ite(on, z3::ite(r.selective, z3::min(zero(), a.lo), a.lo), zero()), z3::ite(on, a.hi, zero()), false};
        parts[k] = v;
        total = Num{total.lo + v.lo, total.hi + v.hi, false};
      }
      out.totals.emplace(p.name, total);
      out.parts.emplace(p.name, std::move(parts));
    }
    final_ = std::move(out);
  } catch (const Unsupported& u) {
    final_error_ = u.what;
    throw;
  }
  return *final_;
}

// ---------------------------------------------------------------------------------------------
// Cones of influence.

void Encoding::reads(const sema::Expr& e, std::set<int>& out) {
  if (e.op == Op::Fact && e.ref >= 0 && static_cast<size_t>(e.ref) < vars_.size() && vars_[static_cast<size_t>(e.ref)] >= 0)
    out.insert(vars_[static_cast<size_t>(e.ref)]);
  if (e.op == Op::Derived) {
    auto it = derived_reads_.find(e.ref);
    if (it == derived_reads_.end()) {
      std::set<int> d;
      const sema::Derived& def = prog_.derived.at(static_cast<size_t>(e.ref));
      if (def.value) reads(*def.value, d);
      it = derived_reads_.emplace(e.ref, std::move(d)).first;
    }
    out.insert(it->second.begin(), it->second.end());
  }
  for (const sema::ExprPtr& a : e.args)
    if (a) reads(*a, out);
}

std::set<int> Encoding::reads(const sema::Expr& e) {
  std::set<int> out;
  reads(e, out);
  return out;
}

std::set<int> Encoding::rule_reads(int r) {
  std::set<int> out;
  auto add_expr = [&](const sema::ExprPtr& e) {
    if (e) reads(*e, out);
  };
  for (const sema::Branch& b : prog_.rules.at(static_cast<size_t>(r)).branches) {
    add_expr(b.cond);
    const sema::Award& a = b.award;
    for (const sema::Tier& t : a.tiers) {
      add_expr(t.when);
      add_expr(t.amount);
      add_expr(t.external);
    }
    for (const sema::ExprPtr& cap : a.caps) add_expr(cap);
    add_expr(a.unspec_max);
    add_expr(a.deduction);
    for (const sema::RiskShare& s : a.shares) add_expr(s.amount);
    for (const sema::SplitShare& s : a.split)
      for (const sema::ExprPtr& cap : s.caps) add_expr(cap);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparing results.

z3::expr same(z3::context& c, const Result& a, const Result& b) {
  z3::expr f = c.bool_val(false);
  z3::expr_vector eq(c);
  auto num_eq = [](const Num& x, const Num& y) { return x.lo == y.lo && x.hi == y.hi; };
  eq.push_back(a.selective == b.selective);
  eq.push_back(a.case_by_case == b.case_by_case);
  eq.push_back(a.unspecified == b.unspecified);
  eq.push_back(a.has_max == b.has_max);
  eq.push_back(z3::implies(a.has_max, num_eq(a.max, b.max)));
  eq.push_back(a.has_deduction == b.has_deduction);
  eq.push_back(z3::implies(a.has_deduction, num_eq(a.deduction, b.deduction)));
  auto parts = [&](const std::map<std::string, Part>& x, const std::map<std::string, Part>& y) {
    std::set<std::string> keys;
    for (const auto& [k, v] : x) keys.insert(k);
    for (const auto& [k, v] : y) keys.insert(k);
    for (const std::string& k : keys) {
      auto i = x.find(k), j = y.find(k);
      z3::expr px = i == x.end() ? f : i->second.present;
      z3::expr py = j == y.end() ? f : j->second.present;
      eq.push_back(px == py);
      if (i != x.end() && j != y.end()) eq.push_back(z3::implies(px, num_eq(i->second.amount, j->second.amount)));
    }
  };
  parts(a.amounts, b.amounts);
  parts(a.external, b.external);
  auto flags = [&](const std::map<std::string, z3::expr>& x, const std::map<std::string, z3::expr>& y, const z3::expr& when) {
    std::set<std::string> keys;
    for (const auto& [k, v] : x) keys.insert(k);
    for (const auto& [k, v] : y) keys.insert(k);
    for (const std::string& k : keys) {
      auto i = x.find(k), j = y.find(k);
      eq.push_back(z3::implies(when, (i == x.end() ? f : i->second) == (j == y.end() ? f : j->second)));
    }
  };
  flags(a.benefits, b.benefits, c.bool_val(true));
  flags(a.payer_is, b.payer_is, a.case_by_case || a.unspecified);
  return a.awarded == b.awarded && a.excluded == b.excluded && z3::implies(a.awarded, z3::mk_and(eq));
}

Result combine(z3::context& c, const std::vector<const Result*>& parts) {
  Result out = blank(c);
  z3::expr z = c.real_val(0);
  auto add_to = [&](std::map<std::string, Part>& into, const std::string& k, const z3::expr& on, const Num& v) {
    auto it = into.emplace(k, Part{c.bool_val(false), Num{z, z, true}}).first;
    Part& p = it->second;
    p.present = p.present || on;
    p.amount = Num{p.amount.lo + z3::ite(on, v.lo, z), p.amount.hi + z3::ite(on, v.hi, z), false};
  };
  for (const Result* r : parts) {
    const z3::expr& aw = r->awarded;
    out.awarded = out.awarded || aw;
    out.excluded = out.excluded || r->excluded;
    out.case_by_case = out.case_by_case || (aw && r->case_by_case);
    out.unspecified = out.unspecified || (aw && r->unspecified);
    out.has_max = out.has_max || (aw && r->has_max);
    out.max = Num{out.max.lo + z3::ite(aw && r->has_max, r->max.lo, z), out.max.hi + z3::ite(aw && r->has_max, r->max.hi, z), false};
    out.has_deduction = out.has_deduction || (aw && r->has_deduction);
    out.deduction = Num{out.deduction.lo + z3::ite(aw && r->has_deduction, r->deduction.lo, z),
                        out.deduction.hi + z3::ite(aw && r->has_deduction, r->deduction.hi, z), false};
    for (const auto& [k, p] : r->amounts) {
      Num v{z3::ite(r->selective, z3::min(z, p.amount.lo), p.amount.lo), p.amount.hi, false};
      add_to(out.amounts, k, aw && p.present, v);
    }
    for (const auto& [k, p] : r->external) add_to(out.external, k, aw && p.present, p.amount);
    for (const auto& [k, v] : r->benefits) {
      auto it = out.benefits.emplace(k, c.bool_val(false)).first;
      it->second = it->second || (aw && v);
    }
    for (const auto& [k, v] : r->payer_is) {
      auto it = out.payer_is.emplace(k, c.bool_val(false)).first;
      it->second = it->second || (aw && (r->case_by_case || r->unspecified) && v);
    }
  }
  out.excluded = out.excluded && !out.awarded;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Observed results.

namespace {

void normalise(Observed& o) {
  if (o.status == RuleStatus::Awarded) {
    if (!o.case_by_case && !o.unspecified) o.payer.clear();
    return;
  }
  RuleStatus s = o.status;
  o = Observed{};
  o.status = s;
}

}  // namespace

Observed observe(const Module& m, const RuleOutcome& o) {
  Observed out;
  out.status = o.status;
  out.selective = o.selective;
  out.case_by_case = o.case_by_case;
  out.unspecified = o.unspecified;
  out.max = o.unspecified_max;
  out.deduction = o.deduction;
  for (const PayerAmount& pa : o.amounts) out.amounts[m.str(m.payers[pa.payer].name)] = pa.amount;
  for (const PayerAmount& pa : o.external) out.external[m.str(m.payers[pa.payer].name)] = pa.amount;
  for (uint32_t b : o.benefits) out.benefits.insert(m.str(b));
  if (o.payer != kNoIndex && o.payer < m.payers.size()) out.payer = m.str(m.payers[o.payer].name);
  normalise(out);
  return out;
}

std::optional<Observed> observe(const z3::model& m, const Result& r) {
  auto truth = [&](const z3::expr& e) { return m.eval(e, true).is_true(); };
  auto interval = [&](const Num& n) -> std::optional<Interval> {
    auto lo = Space::rational(m.eval(n.lo, true).simplify());
    auto hi = Space::rational(m.eval(n.hi, true).simplify());
    if (!lo || !hi) return std::nullopt;
    return Interval{*lo, *hi};
  };
  Observed out;
  out.status = truth(r.awarded) ? RuleStatus::Awarded : truth(r.excluded) ? RuleStatus::Excluded : RuleStatus::NotApplicable;
  if (out.status != RuleStatus::Awarded) return out;
  out.selective = truth(r.selective);
  out.case_by_case = truth(r.case_by_case);
  out.unspecified = truth(r.unspecified);
  if (truth(r.has_max)) {
    auto v = interval(r.max);
    if (!v) return std::nullopt;
    out.max = *v;
  }
  if (truth(r.has_deduction)) {
    auto v = interval(r.deduction);
    if (!v) return std::nullopt;
    out.deduction = *v;
  }
  for (const auto& [k, p] : r.amounts) {
    if (!truth(p.present)) continue;
    auto v = interval(p.amount);
    if (!v) return std::nullopt;
    out.amounts[k] = *v;
  }
  for (const auto& [k, p] : r.external) {
    if (!truth(p.present)) continue;
    auto v = interval(p.amount);
    if (!v) return std::nullopt;
    out.external[k] = *v;
  }
  for (const auto& [k, v] : r.benefits)
    if (truth(v)) out.benefits.insert(k);
  for (const auto& [k, v] : r.payer_is)
    if (truth(v)) out.payer = k;
  normalise(out);
  return out;
}

Observed observe_combined(const Module& m, const std::vector<const RuleOutcome*>& parts) {
  Observed out;
  bool any = false, excluded = false, overflow = false;
  auto sum = [&](const Interval& a, const Interval& b) {
    std::optional<Interval> s = a.add(b);
    if (!s) overflow = true;
    return s ? *s : a;
  };
  auto add = [&](std::optional<Interval>& into, const Interval& v) { into = into ? sum(*into, v) : v; };
  auto add_map = [&](std::map<std::string, Interval>& into, const std::string& k, const Interval& v) {
    auto it = into.find(k);
    if (it == into.end()) into.emplace(k, v);
    else it->second = sum(it->second, v);
  };
  for (const RuleOutcome* o : parts) {
    if (o->status == RuleStatus::Error) overflow = true;
    if (o->status == RuleStatus::Excluded) excluded = true;
    if (o->status != RuleStatus::Awarded) continue;
    any = true;
    out.case_by_case = out.case_by_case || o->case_by_case;
    out.unspecified = out.unspecified || o->unspecified;
    if (o->unspecified_max) add(out.max, *o->unspecified_max);
    if (o->deduction) add(out.deduction, *o->deduction);
    for (const PayerAmount& pa : o->amounts)
      add_map(out.amounts, m.str(m.payers[pa.payer].name), o->selective ? pa.amount.upto() : pa.amount);
    for (const PayerAmount& pa : o->external) add_map(out.external, m.str(m.payers[pa.payer].name), pa.amount);
    for (uint32_t b : o->benefits) out.benefits.insert(m.str(b));
    if ((o->case_by_case || o->unspecified) && o->payer != kNoIndex && o->payer < m.payers.size())
      out.payer = m.str(m.payers[o->payer].name);
  }
  out.status = overflow ? RuleStatus::Error : any ? RuleStatus::Awarded : excluded ? RuleStatus::Excluded : RuleStatus::NotApplicable;
  normalise(out);
  return out;
}

Result constant(Space& s, const Observed& o) {
  z3::context& c = s.ctx();
  Result r = blank(c);
  auto interval = [&](const Interval& v) { return v.is_exact() ? Num{s.constant(v.lo), s.constant(v.lo), true} : Num{s.constant(v.lo), s.constant(v.hi), false}; };
  r.awarded = c.bool_val(o.status == RuleStatus::Awarded);
  r.excluded = c.bool_val(o.status == RuleStatus::Excluded);
  r.selective = c.bool_val(o.selective);
  r.case_by_case = c.bool_val(o.case_by_case);
  r.unspecified = c.bool_val(o.unspecified);
  r.has_max = c.bool_val(o.max.has_value());
  if (o.max) r.max = interval(*o.max);
  r.has_deduction = c.bool_val(o.deduction.has_value());
  if (o.deduction) r.deduction = interval(*o.deduction);
  for (const auto& [k, v] : o.amounts) r.amounts.emplace(k, Part{c.bool_val(true), interval(v)});
  for (const auto& [k, v] : o.external) r.external.emplace(k, Part{c.bool_val(true), interval(v)});
  for (const std::string& b : o.benefits) r.benefits.emplace(b, c.bool_val(true));
  if (!o.payer.empty()) r.payer_is.emplace(o.payer, c.bool_val(true));
  return r;
}

std::string observed_text(const Observed& o, bool payers) {
  switch (o.status) {
    case RuleStatus::NotApplicable: return "不予支持";
    case RuleStatus::Excluded: return "不重复（未予支持）";
    case RuleStatus::Error: return "无法计算";
    case RuleStatus::Awarded: break;
  }
  std::string s = o.selective ? "择优" : "";
  std::vector<std::string> parts;
  if (o.case_by_case) parts.push_back("一事一议");
  if (o.unspecified) parts.push_back(o.max ? "金额未明确（最高" + money_text(o.max->hi) + "）" : "金额未明确");
  if (o.deduction) parts.push_back("扣除" + interval_money_text(*o.deduction));
  for (const auto& [payer, v] : o.amounts)
    parts.push_back(interval_money_text(v) + (payers || o.amounts.size() > 1 || o.case_by_case || o.unspecified ? "（" + payer + "）" : ""));
  for (const auto& [payer, v] : o.external) parts.push_back("另有" + payer + interval_money_text(v));
  for (const std::string& b : o.benefits) parts.push_back("适用“" + b + "”");
  if (!o.payer.empty() && o.amounts.size() <= 1 && (o.case_by_case || o.unspecified)) parts.back() += "（" + o.payer + "）";
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? "，" : "") + parts[i];
  return parts.empty() ? s + "适用" : s;
}

}  // namespace zc::smt
