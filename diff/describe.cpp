// Findings in the language's terms (see describe.h).
#include "diff/describe.h"

#include <algorithm>
#include <map>

#include "base/units.h"

namespace zc::diff::detail {
namespace {

using Op = sema::Expr::Op;

CmpOp flip(CmpOp op) {
  switch (op) {
    case CmpOp::Lt: return CmpOp::Gt;
    case CmpOp::Le: return CmpOp::Ge;
    case CmpOp::Gt: return CmpOp::Lt;
    case CmpOp::Ge: return CmpOp::Le;
    case CmpOp::Eq: return CmpOp::Eq;
  }
  return op;
}

// The bound words of the language (民法典第一千二百五十九条): 不低于 includes the number, 超过 does not.
const char* cmp_word(CmpOp op, bool holds) {
  switch (op) {
    case CmpOp::Ge: return holds ? "不低于" : "低于";
    case CmpOp::Gt: return holds ? "超过" : "不超过";
    case CmpOp::Le: return holds ? "不超过" : "超过";
    case CmpOp::Lt: return holds ? "低于" : "不低于";
    case CmpOp::Eq: return holds ? "为" : "不为";
  }
  return "?";
}

bool is_const(const sema::Expr& e) { return e.op == Op::Const && !e.c2; }

void add_atom(std::vector<Atom>& out, Atom a) {
  for (const Atom& x : out)
    if (z3::eq(x.e, a.e)) return;
  out.push_back(std::move(a));
}

}  // namespace

std::string value_text(ValueType t, const std::string& unit, const Rational& v) {
  switch (t) {
    case ValueType::Money: return money_text(v);
    case ValueType::Rate: return rate_text(v);
    case ValueType::Count: return v.to_decimal() + unit;
    case ValueType::Points: return v.to_decimal() + "分";
    case ValueType::Date: return date_text(v);
    case ValueType::Bool:
    case ValueType::Option: return v.to_decimal();
  }
  return v.to_decimal();
}

std::string fact_value_text(const sema::Fact& f, const FactValue& v) {
  switch (v.kind) {
    case FactValue::Kind::Missing: return "";
    case FactValue::Kind::Bool: return v.b ? "是" : "否";
    case FactValue::Kind::Opt: return v.opt < f.options.size() ? f.options[v.opt] : "?";
    case FactValue::Kind::Num: break;
  }
  switch (f.type) {
    case ValueType::Date: {
      if (!v.num.is_integer()) return v.num.to_decimal();
      int64_t y = 0;
      unsigned m = 0, d = 0;
      civil_from_days(v.num.num(), y, m, d);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
      return buf;
    }
    case ValueType::Money: return money_text(v.num);
    case ValueType::Rate: return rate_text(v.num);
    case ValueType::Count: return v.num.to_decimal() + f.unit;
    case ValueType::Points: return v.num.to_decimal() + "分";
    case ValueType::Bool:
    case ValueType::Option: break;
  }
  return v.num.to_decimal();
}

std::string expr_text(const sema::Program& prog, const Naming& n, const sema::Expr& e) {
  const ast::Policy& p = *n.policy;
  auto sub = [&](size_t i) { return i < e.args.size() && e.args[i] ? expr_text(prog, n, *e.args[i]) : std::string("?"); };
  auto is_rate = [&](size_t i) { return i < e.args.size() && e.args[i] && is_const(*e.args[i]) && e.args[i]->type == ValueType::Rate; };
  switch (e.op) {
    case Op::Const:
      return e.c2 ? value_text(e.type, "", e.c) + "至" + value_text(e.type, "", *e.c2) : value_text(e.type, "", e.c);
    case Op::Fact:
      return e.ref >= 0 && static_cast<size_t>(e.ref) < prog.facts.size() ? "「" + prog.facts[static_cast<size_t>(e.ref)].name + "」" : "?";
    case Op::Derived: {
      if (e.ref < 0 || static_cast<size_t>(e.ref) >= p.defines.size()) return "?";
      const std::string& name = p.defines[static_cast<size_t>(e.ref)].name.text;
      bool redefined = n.redefined && n.redefined->count(name);
      return "「" + name + "」" + (redefined ? "（" + n.draft + "）" : "");
    }
    case Op::Add: return sub(0) + "与" + sub(1) + "之和";
    case Op::Sub: return sub(0) + "减去" + sub(1);
    case Op::Mul:
      if (is_rate(1)) return sub(0) + "的" + sub(1);
      if (is_rate(0)) return sub(1) + "的" + sub(0);
      return sub(0) + "乘以" + sub(1);
    case Op::Min: return sub(0) + "与" + sub(1) + "中的较小者";
    case Op::Max: return sub(0) + "与" + sub(1) + "中的较大者";
    case Op::Clamp0: return sub(0) + "（不足0按0计）";
    case Op::Upto: return "最高" + sub(0);
    case Op::Round: return sub(0);
    case Op::Floor: return sub(0) + "（取整档）";
    case Op::True: return "是";
    case Op::False: return "否";
    case Op::Not: return "未" + sub(0);
    case Op::And:
    case Op::Or: {
      std::string s;
      for (size_t i = 0; i < e.args.size(); ++i) s += (i ? (e.op == Op::And ? "且" : "或") : "") + sub(i);
      return "（" + s + "）";
    }
    case Op::Cmp: return sub(0) + cmp_word(e.cmp, true) + sub(1);
    case Op::OptEq: {
      std::string option = "?";
      if (!e.args.empty() && e.args[0] && e.args[0]->op == Op::Fact && e.args[0]->ref >= 0) {
        const sema::Fact& f = prog.facts.at(static_cast<size_t>(e.args[0]->ref));
        if (e.ref >= 0 && static_cast<size_t>(e.ref) < f.options.size()) option = f.options[static_cast<size_t>(e.ref)];
      }
      return sub(0) + "为" + option;
    }
    case Op::Select: return "（按条件取值）";
    case Op::ItemFact: return "各项的「" + prog.facts.at(static_cast<size_t>(e.ref)).name + "」";
    case Op::ItemCount: return "「" + prog.facts.at(static_cast<size_t>(e.ref)).name + "」中" + sub(0) + "的项数";
    case Op::ItemSum: return "「" + prog.facts.at(static_cast<size_t>(e.ref)).name + "」中" + sub(0) + "的各项" + sub(1) + "之和";
  }
  return "?";
}

void collect_atoms(smt::Encoding& enc, const Naming& p, const sema::Expr& e, std::vector<Atom>& out) {
  const sema::Program& prog = enc.program();
  auto fact_var = [&](const sema::Expr& x) -> int {
    if (x.op != Op::Fact || x.ref < 0 || static_cast<size_t>(x.ref) >= enc.vars().size()) return -1;
    int v = enc.vars()[static_cast<size_t>(x.ref)];
    return v >= 0 && enc.space().var(v).conflict.empty() ? v : -1;
  };
  auto other = [&](const std::string& text, const std::string& negated) {
    Atom a{Atom::Kind::Other, enc.cond(e), -1, CmpOp::Eq, Rational(0), -1, text, negated};
    add_atom(out, std::move(a));
  };
  switch (e.op) {
    case Op::And:
    case Op::Or:
    case Op::Not:
      for (const sema::ExprPtr& a : e.args)
        if (a) collect_atoms(enc, p, *a, out);
      return;
    case Op::Select:
      if (e.type != ValueType::Bool) return;
      for (const sema::ExprPtr& a : e.args)
        if (a) collect_atoms(enc, p, *a, out);
      return;
    case Op::Cmp: {
      if (e.args.size() != 2 || !e.args[0] || !e.args[1]) return;
      const sema::Expr& a = *e.args[0];
      const sema::Expr& b = *e.args[1];
      int va = fact_var(a), vb = fact_var(b);
      if (va >= 0 && is_const(b)) {
        add_atom(out, Atom{Atom::Kind::Bound, enc.cond(e), va, e.cmp, b.c, -1, "", ""});
      } else if (vb >= 0 && is_const(a)) {
        add_atom(out, Atom{Atom::Kind::Bound, enc.cond(e), vb, flip(e.cmp), a.c, -1, "", ""});
      } else {
        std::string l = expr_text(prog, p, a), r = expr_text(prog, p, b);
        other(l + cmp_word(e.cmp, true) + r, l + cmp_word(e.cmp, false) + r);
      }
      return;
    }
    case Op::OptEq: {
      int v = e.args.empty() || !e.args[0] ? -1 : fact_var(*e.args[0]);
      if (v >= 0) {
        const sema::Fact& f = prog.facts.at(static_cast<size_t>(e.args[0]->ref));
        const smt::Var& x = enc.space().var(v);
        auto it = std::find(x.options.begin(), x.options.end(), f.options.at(static_cast<size_t>(e.ref)));
        add_atom(out, Atom{Atom::Kind::Option, enc.cond(e), v, CmpOp::Eq, Rational(0), static_cast<int>(it - x.options.begin()), "", ""});
      } else {
        std::string t = expr_text(prog, p, e);
        other(t, "非" + t);
      }
      return;
    }
    case Op::Fact: {
      int v = fact_var(e);
      if (v >= 0 && e.type == ValueType::Bool) add_atom(out, Atom{Atom::Kind::Flag, enc.cond(e), v, CmpOp::Eq, Rational(0), -1, "", ""});
      return;
    }
    case Op::Derived:
      if (e.type == ValueType::Bool) {
        std::string t = expr_text(prog, p, e);
        other(t, "未" + t);
      }
      return;
    case Op::Const:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Min:
    case Op::Max:
    case Op::Clamp0:
    case Op::Upto:
    case Op::Round:
    case Op::Floor:
    case Op::True:
    case Op::False:
    case Op::ItemFact:
    case Op::ItemCount:
    case Op::ItemSum:
      return;
  }
}

void rule_atoms(smt::Encoding& enc, const Naming& p, int rule, std::vector<Atom>& out) {
  const sema::Program& prog = enc.program();
  for (const sema::Branch& b : prog.rules.at(static_cast<size_t>(rule)).branches) {
    if (b.cond) collect_atoms(enc, p, *b.cond, out);
    const sema::Award& a = b.award;
    for (const sema::Tier& t : a.tiers) {
      if (t.when) collect_atoms(enc, p, *t.when, out);
      if (!t.amount) continue;
      // Whether a clause cap bites is part of where two drafts differ (a cap raised from 50万元 to
      // 100万元 changes the result only where the amount passes 50万元).
      for (const sema::ExprPtr& cap : a.caps) {
        if (!cap) continue;
        smt::Val v = enc.value(*t.amount), c = enc.value(*cap);
        if (v.kind != smt::Val::Kind::Num || c.kind != smt::Val::Kind::Num) continue;
        std::string amount = expr_text(prog, p, *t.amount), limit = expr_text(prog, p, *cap);
        add_atom(out, Atom{Atom::Kind::Other, v.n.hi > c.n.hi, -1, CmpOp::Gt, Rational(0), -1,
                           "按" + amount + "计算的金额超过" + limit, "按" + amount + "计算的金额不超过" + limit});
      }
    }
  }
}

std::string region_text(const smt::Space& s, const std::vector<const Atom*>& atoms, const std::vector<bool>& holds) {
  struct Range {
    std::optional<std::pair<Rational, bool>> lo, hi;  // value, inclusive
    std::vector<Rational> ne;
  };
  std::map<int, Range> ranges;
  std::map<int, bool> flags;
  std::map<int, std::pair<std::optional<int>, std::vector<int>>> options;  // is, is not
  std::vector<std::string> others;
  auto tighten_lo = [](Range& r, const Rational& v, bool incl) {
    if (!r.lo || v > r.lo->first || (v == r.lo->first && !incl)) r.lo = std::make_pair(v, incl);
  };
  auto tighten_hi = [](Range& r, const Rational& v, bool incl) {
    if (!r.hi || v < r.hi->first || (v == r.hi->first && !incl)) r.hi = std::make_pair(v, incl);
  };
  for (size_t i = 0; i < atoms.size(); ++i) {
    const Atom& a = *atoms[i];
    bool h = holds[i];
    switch (a.kind) {
      case Atom::Kind::Bound: {
        Range& r = ranges[a.var];
        CmpOp op = a.op;
        if (!h) {
          if (op == CmpOp::Eq) {
            r.ne.push_back(a.c);
            break;
          }
          op = op == CmpOp::Ge ? CmpOp::Lt : op == CmpOp::Gt ? CmpOp::Le : op == CmpOp::Le ? CmpOp::Gt : CmpOp::Ge;
        }
        switch (op) {
          case CmpOp::Ge: tighten_lo(r, a.c, true); break;
          case CmpOp::Gt: tighten_lo(r, a.c, false); break;
          case CmpOp::Le: tighten_hi(r, a.c, true); break;
          case CmpOp::Lt: tighten_hi(r, a.c, false); break;
          case CmpOp::Eq:
            tighten_lo(r, a.c, true);
            tighten_hi(r, a.c, true);
            break;
        }
        break;
      }
      case Atom::Kind::Flag: flags[a.var] = h; break;
      case Atom::Kind::Option: {
        auto& o = options[a.var];
        if (h) o.first = a.option;
        else o.second.push_back(a.option);
        break;
      }
      case Atom::Kind::Other: others.push_back(h ? a.text : a.negated); break;
    }
  }
  std::map<int, std::string> by_var;
  for (const auto& [v, r] : ranges) {
    const smt::Var& x = s.var(v);
    auto val = [&](const Rational& c) { return value_text(x.type, x.unit, c); };
    std::string n = "「" + x.name + "」";
    std::string t;
    if (r.lo && r.hi && r.lo->first == r.hi->first) {
      t = n + "为" + val(r.lo->first);
    } else if (r.lo && r.hi) {
      t = n + "在" + val(r.lo->first) + (r.lo->second ? "（含）" : "（不含）") + "至" + val(r.hi->first) +
          (r.hi->second ? "（含）" : "（不含）") + "之间";
    } else if (r.lo) {
      t = n + (r.lo->second ? val(r.lo->first) + "以上" : "超过" + val(r.lo->first));
    } else if (r.hi) {
      t = n + (r.hi->second ? "不超过" : "不满") + val(r.hi->first);
    }
    for (const Rational& c : r.ne) t += (t.empty() ? n : "、") + "不为" + val(c);
    by_var[v] = t;
  }
  for (const auto& [v, h] : flags) by_var[v] = (h ? "「" : "未「") + s.var(v).name + "」";
  for (const auto& [v, o] : options) {
    const smt::Var& x = s.var(v);
    std::string t = "「" + x.name + "」";
    if (o.first) {
      t += "为" + x.options.at(static_cast<size_t>(*o.first));
    } else {
      t += "不为";
      for (size_t i = 0; i < o.second.size(); ++i) t += (i ? "、" : "") + x.options.at(static_cast<size_t>(o.second[i]));
    }
    by_var[v] = t;
  }
  std::string out;
  for (const auto& [v, t] : by_var) out += (out.empty() ? "" : "且") + t;
  for (const std::string& t : others) out += (out.empty() ? "" : "且") + t;
  return out.empty() ? "任何申请人" : out;
}

}  // namespace zc::diff::detail
