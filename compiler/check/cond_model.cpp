// The condition and amount model of the drafting checks (see cond_model.h). Everything here is
// exact (Rational); an operation that would overflow makes the affected bound unknown, never wrong.
#include "compiler/check/cond_model.h"

#include <algorithm>

#include "base/units.h"
#include "compiler/syntax/domain.h"

namespace zc::sema::model {

// ---------------------------------------------------------------------------------------------
// Ranges

Range Range::cmp(CmpOp op, const Rational& v) {
  Range r;
  switch (op) {
    case CmpOp::Ge: r.lo = Bound{v, true}; break;
    case CmpOp::Gt: r.lo = Bound{v, false}; break;
    case CmpOp::Le: r.hi = Bound{v, true}; break;
    case CmpOp::Lt: r.hi = Bound{v, false}; break;
    case CmpOp::Eq: r = point(v); break;
  }
  return r;
}

namespace {

// The tighter of two lower (upper) bounds.
std::optional<Bound> tighter(const std::optional<Bound>& a, const std::optional<Bound>& b, bool lower) {
  if (!a) return b;
  if (!b) return a;
  int c = a->v.compare(b->v);
  if (c == 0) return Bound{a->v, a->incl && b->incl};
  return (c > 0) == lower ? a : b;
}

}  // namespace

Range Range::meet(const Range& o) const { return Range{tighter(lo, o.lo, true), tighter(hi, o.hi, false)}; }

bool Range::empty() const {
  if (!lo || !hi) return false;
  int c = lo->v.compare(hi->v);
  return c > 0 || (c == 0 && !(lo->incl && hi->incl));
}

bool Range::empty_of_integers() const {
  if (empty()) return true;
  if (!lo || !hi) return false;
  // The smallest integer in the interval, compared with its upper end.
  const Rational& l = lo->v;
  int64_t q = l.num() / l.den();
  if (l.num() % l.den() != 0 && l.sign() > 0) ++q;  // ceiling for a positive fraction
  if (Rational(q) == l && !lo->incl) ++q;
  int c = Rational(q).compare(hi->v);
  return c > 0 || (c == 0 && !hi->incl);
}

bool Range::contains(const Range& o) const {
  if (lo) {
    if (!o.lo) return false;
    int c = o.lo->v.compare(lo->v);
    if (c < 0 || (c == 0 && o.lo->incl && !lo->incl)) return false;
  }
  if (hi) {
    if (!o.hi) return false;
    int c = o.hi->v.compare(hi->v);
    if (c > 0 || (c == 0 && o.hi->incl && !hi->incl)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Names and texts

std::string Model::key_name(Key k) const {
  if (k >= 0) return static_cast<size_t>(k) < prog_.facts.size() ? prog_.facts[static_cast<size_t>(k)].name : "?";
  size_t d = static_cast<size_t>(-1 - k);
  return d < p_.defines.size() ? p_.defines[d].name.text : "?";
}

ValueType Model::key_type(Key k) const {
  if (k >= 0) return static_cast<size_t>(k) < prog_.facts.size() ? prog_.facts[static_cast<size_t>(k)].type : ValueType::Bool;
  size_t d = static_cast<size_t>(-1 - k);
  return d < prog_.derived.size() ? prog_.derived[d].type : ValueType::Bool;
}

bool Model::key_integral(Key k) const {
  if (k < 0 || static_cast<size_t>(k) >= prog_.facts.size()) return false;
  const Fact& f = prog_.facts[static_cast<size_t>(k)];
  return f.type == ValueType::Count && syntax::whole_count_unit(f.unit);
}

std::string Model::value_text(Key k, const Rational& v) const {
  switch (key_type(k)) {
    case ValueType::Money: return money_text(v);
    case ValueType::Rate: return rate_text(v);
    case ValueType::Points: return v.to_decimal() + "分";
    case ValueType::Date: return date_text(v);
    case ValueType::Count:
      return v.to_decimal() + (k >= 0 && static_cast<size_t>(k) < prog_.facts.size() ? prog_.facts[static_cast<size_t>(k)].unit : "");
    default: return v.to_decimal();
  }
}

std::string Model::range_text(Key k, const Range& r) const {
  std::string name = "「" + key_name(k) + "」";
  if (r.lo && r.hi && r.lo->v == r.hi->v) return name + "恰为" + value_text(k, r.lo->v);
  std::string out = name;
  if (r.lo) out += (r.lo->incl ? "不低于" : "超过") + value_text(k, r.lo->v);
  if (r.lo && r.hi) out += "且";
  if (r.hi) out += (r.hi->incl ? "不超过" : "不满") + value_text(k, r.hi->v);
  if (!r.lo && !r.hi) out += "为任意值";
  return out;
}

std::string Model::conflict_text(const Term& t) const {
  std::vector<std::string> texts;
  if (t.conflict) {
    auto it = t.texts.find(*t.conflict);
    if (it != t.texts.end()) texts = it->second;
  } else if (!t.conflict_opaque.empty()) {
    auto it = t.opaque_texts.find(t.conflict_opaque);
    if (it != t.opaque_texts.end()) texts = it->second;
  }
  std::string out;
  for (size_t i = 0; i < texts.size(); ++i) out += (i ? "与" : "") + texts[i];
  return out + "不能同时成立";
}

std::string Model::overlap_text(const Term& met, const std::vector<Key>& keys) const {
  std::vector<std::string> parts;
  auto wanted = [&](Key k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
  for (const auto& [k, r] : met.nums)
    if (wanted(k)) parts.push_back(range_text(k, r));
  for (const auto& [k, allowed] : met.options) {
    if (!wanted(k)) continue;
    if (k < 0 || static_cast<size_t>(k) >= prog_.facts.size()) continue;
    const Fact& f = prog_.facts[static_cast<size_t>(k)];
    std::string list;
    for (size_t i = 0; i < allowed.size() && i < f.options.size(); ++i)
      if (allowed[i]) list += (list.empty() ? "" : "、") + f.options[i];
    parts.push_back("「" + f.name + "」为" + list);
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "，" : "") + parts[i];
  return out.empty() ? "两种情形的条件都成立时" : out;
}

// ---------------------------------------------------------------------------------------------
// Conditions

namespace {

CmpOp negated(CmpOp op) {
  switch (op) {
    case CmpOp::Ge: return CmpOp::Lt;
    case CmpOp::Gt: return CmpOp::Le;
    case CmpOp::Le: return CmpOp::Gt;
    case CmpOp::Lt: return CmpOp::Ge;
    case CmpOp::Eq: return CmpOp::Eq;
  }
  return op;
}

std::optional<Key> key_of(const Expr& e) {
  if (e.op == Expr::Op::Fact) return e.ref;
  if (e.op == Expr::Op::Derived) return -1 - e.ref;
  return std::nullopt;
}

}  // namespace

// A printable shape of an expression, so that two occurrences of the same opaque atom are known
// to be the same.
std::string Model::shape(const Expr& e) const {
  std::string s = std::to_string(static_cast<int>(e.op)) + ":" + std::to_string(e.ref) + ":" +
                  std::to_string(static_cast<int>(e.cmp)) + ":" + e.c.to_decimal();
  if (e.c2) s += "~" + e.c2->to_decimal();
  s += "(";
  for (const auto& a : e.args) s += shape(*a) + ",";
  return s + ")";
}

Term Model::atom(const Expr& e, bool negate) const {
  Term t;
  std::string written(src_.slice(e.span));
  if (e.op == Expr::Op::Fact || e.op == Expr::Op::Derived) {
    Key k = *key_of(e);
    t.bools[k] = !negate;
    t.texts[k].push_back(std::string(negate ? "未" : "") + "「" + key_name(k) + "」");
    return t;
  }
  if (e.op == Expr::Op::OptEq && e.args.size() == 1 && e.args[0]->op == Expr::Op::Fact) {
    Key k = e.args[0]->ref;
    const Fact& f = prog_.facts[static_cast<size_t>(k)];
    std::vector<bool> allowed(f.options.size(), negate);
    if (e.ref >= 0 && static_cast<size_t>(e.ref) < allowed.size()) allowed[static_cast<size_t>(e.ref)] = !negate;
    t.options[k] = allowed;
    std::string opt = e.ref >= 0 && static_cast<size_t>(e.ref) < f.options.size() ? f.options[static_cast<size_t>(e.ref)] : "?";
    t.texts[k].push_back("「" + f.name + "」" + (negate ? "不为" : "为") + opt);
    return t;
  }
  if (e.op == Expr::Op::Cmp && e.args.size() == 2 && key_of(*e.args[0]) && e.args[1]->op == Expr::Op::Const && !e.args[1]->c2) {
    Key k = *key_of(*e.args[0]);
    CmpOp op = negate ? negated(e.cmp) : e.cmp;
    std::string text = "「" + key_name(k) + "」" + written;
    if (negate) text = "并非" + text;
    if (!(negate && e.cmp == CmpOp::Eq)) {
      t.nums[k] = Range::cmp(op, e.args[1]->c);
      t.texts[k].push_back(text);
      return t;
    }
  }
  std::string sh = shape(e);
  t.opaque[sh] = !negate;
  t.opaque_texts[sh].push_back((negate ? "并非" : "") + written);
  return t;
}

Term Model::meet(const Term& a, const Term& b) const {
  Term t = a;
  auto note_conflict = [&](Key k) {
    if (!t.contradiction) t.conflict = k;
    t.contradiction = true;
  };
  for (const auto& [k, texts] : b.texts) {
    auto& v = t.texts[k];
    for (const std::string& s : texts)
      if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
  }
  for (const auto& [k, texts] : b.opaque_texts) {
    auto& v = t.opaque_texts[k];
    v.insert(v.end(), texts.begin(), texts.end());
  }
  for (const auto& [k, val] : b.bools) {
    auto [it, inserted] = t.bools.emplace(k, val);
    if (!inserted && it->second != val) note_conflict(k);
  }
  for (const auto& [k, allowed] : b.options) {
    auto [it, inserted] = t.options.emplace(k, allowed);
    if (inserted) continue;
    bool any = false;
    for (size_t i = 0; i < it->second.size() && i < allowed.size(); ++i) {
      it->second[i] = it->second[i] && allowed[i];
      any = any || it->second[i];
    }
    if (!any) note_conflict(k);
  }
  for (const auto& [k, r] : b.nums) {
    auto [it, inserted] = t.nums.emplace(k, r);
    if (!inserted) it->second = it->second.meet(r);
    if (key_integral(k) ? it->second.empty_of_integers() : it->second.empty()) note_conflict(k);
  }
  for (const auto& [sh, pol] : b.opaque) {
    auto [it, inserted] = t.opaque.emplace(sh, pol);
    if (!inserted && it->second != pol) {
      if (!t.contradiction) t.conflict_opaque = sh;
      t.contradiction = true;
    }
  }
  if (b.contradiction && !t.contradiction) {
    t.contradiction = true;
    t.conflict = b.conflict;
    t.conflict_opaque = b.conflict_opaque;
  }
  return t;
}

bool Model::satisfiable(const Term& t) const { return !t.contradiction; }

std::optional<Dnf> Model::dnf(const Expr& e) const { return dnf(e, false, 0); }

std::optional<Dnf> Model::dnf(const Expr& e, bool negate, int depth) const {
  if (depth > 64) return std::nullopt;
  switch (e.op) {
    case Expr::Op::True: return negate ? Dnf{} : Dnf{Term{}};
    case Expr::Op::False: return negate ? Dnf{Term{}} : Dnf{};
    case Expr::Op::Not:
      if (e.args.size() != 1) return std::nullopt;
      return dnf(*e.args[0], !negate, depth + 1);
    case Expr::Op::And:
    case Expr::Op::Or: {
      bool conj = (e.op == Expr::Op::And) != negate;
      // 「级别」为国家级、省级: one term allowing both options, so that lists can be compared.
      bool one_option_list = !conj && !negate && !e.args.empty() && std::all_of(e.args.begin(), e.args.end(), [&](const ExprPtr& a) {
        return a->op == Expr::Op::OptEq && a->args.size() == 1 && a->args[0]->op == Expr::Op::Fact &&
               a->args[0]->ref == e.args[0]->args[0]->ref;
      });
      if (one_option_list) {
        Term t = atom(*e.args[0], false);
        for (size_t i = 1; i < e.args.size(); ++i) {
          Term more = atom(*e.args[i], false);
          for (auto& [k, allowed] : t.options)
            for (size_t o = 0; o < allowed.size() && o < more.options[k].size(); ++o) allowed[o] = allowed[o] || more.options[k][o];
          for (auto& [k, texts] : more.texts) t.texts[k].insert(t.texts[k].end(), texts.begin(), texts.end());
        }
        return Dnf{t};
      }
      Dnf acc = conj ? Dnf{Term{}} : Dnf{};
      for (const auto& a : e.args) {
        auto d = dnf(*a, negate, depth + 1);
        if (!d) return std::nullopt;
        if (!conj) {
          acc.insert(acc.end(), d->begin(), d->end());
        } else {
          Dnf next;
          for (const Term& x : acc)
            for (const Term& y : *d) next.push_back(meet(x, y));
          acc = std::move(next);
        }
        if (acc.size() > kMaxTerms) return std::nullopt;
      }
      return acc;
    }
    case Expr::Op::Derived: {
      // A yes/no definition is seen through (its own condition); others stay opaque atoms, and so
      // does one that can never hold (reported at the definition, not again where it is used).
      size_t d = static_cast<size_t>(e.ref);
      if (e.type == ValueType::Bool && d < prog_.derived.size() && prog_.derived[d].value &&
          prog_.derived[d].value->op != Expr::Op::Select) {
        auto whole = dnf(*prog_.derived[d].value, false, depth + 1);
        bool holds = whole && std::any_of(whole->begin(), whole->end(), [](const Term& t) { return !t.contradiction; });
        if (holds)
          if (auto inner = dnf(*prog_.derived[d].value, negate, depth + 1)) return inner;
      }
      return Dnf{atom(e, negate)};
    }
    default:
      if (e.op == Expr::Op::Cmp && negate && e.cmp == CmpOp::Eq && e.args.size() == 2 && key_of(*e.args[0]) &&
          e.args[1]->op == Expr::Op::Const && !e.args[1]->c2) {
        // x ≠ c: below or above.
        Key k = *key_of(*e.args[0]);
        std::string text = "「" + key_name(k) + "」不为" + value_text(k, e.args[1]->c);
        Term below, above;
        below.nums[k] = Range::cmp(CmpOp::Lt, e.args[1]->c);
        above.nums[k] = Range::cmp(CmpOp::Gt, e.args[1]->c);
        below.texts[k].push_back(text);
        above.texts[k].push_back(text);
        return Dnf{below, above};
      }
      return Dnf{atom(e, negate)};
  }
}

bool Model::implies(const Term& a, const Term& b) const {
  if (a.contradiction) return true;
  for (const auto& [k, v] : b.bools) {
    auto it = a.bools.find(k);
    if (it == a.bools.end() || it->second != v) return false;
  }
  for (const auto& [k, allowed] : b.options) {
    auto it = a.options.find(k);
    if (it == a.options.end()) return false;
    for (size_t i = 0; i < it->second.size(); ++i)
      if (it->second[i] && (i >= allowed.size() || !allowed[i])) return false;
  }
  for (const auto& [k, r] : b.nums) {
    if (r.full()) continue;
    auto it = a.nums.find(k);
    if (it == a.nums.end() || !r.contains(it->second)) return false;
  }
  for (const auto& [sh, pol] : b.opaque) {
    auto it = a.opaque.find(sh);
    if (it == a.opaque.end() || it->second != pol) return false;
  }
  return true;
}

std::vector<Key> Model::distinguishing_keys(const Term& a, const Term& b) const {
  std::vector<Key> out;
  for (const auto& [k, r] : a.nums) {
    auto it = b.nums.find(k);
    if (it != b.nums.end() && !(r.contains(it->second) && it->second.contains(r))) out.push_back(k);
  }
  for (const auto& [k, o] : a.options) {
    auto it = b.options.find(k);
    if (it != b.options.end() && it->second != o) out.push_back(k);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Amounts

namespace {

// Products of two bounds; nullopt when a product is unknown (an unbounded end or overflow).
std::optional<Bound> product(const std::optional<Bound>& a, const std::optional<Bound>& b) {
  if (!a || !b) return std::nullopt;
  auto v = a->v.mul(b->v);
  if (!v) return std::nullopt;
  return Bound{*v, a->incl && b->incl};
}

Range add(const Range& a, const Range& b, bool subtract) {
  Range r;
  const std::optional<Bound>& blo = subtract ? b.hi : b.lo;
  const std::optional<Bound>& bhi = subtract ? b.lo : b.hi;
  if (a.lo && blo) {
    auto v = subtract ? a.lo->v.sub(blo->v) : a.lo->v.add(blo->v);
    if (v) r.lo = Bound{*v, a.lo->incl && blo->incl};
  }
  if (a.hi && bhi) {
    auto v = subtract ? a.hi->v.sub(bhi->v) : a.hi->v.add(bhi->v);
    if (v) r.hi = Bound{*v, a.hi->incl && bhi->incl};
  }
  return r;
}

bool non_negative(const Range& r) { return r.lo && r.lo->v.sign() >= 0; }

bool non_negative_point(const Range& r) { return non_negative(r) && r.hi && r.lo->v == r.hi->v; }

// x * c for a constant c >= 0: each known end scales, an unknown end stays unknown.
Range scale(const Range& x, const Rational& c) {
  Range r;
  if (x.lo)
    if (auto v = x.lo->v.mul(c)) r.lo = Bound{*v, x.lo->incl};
  if (x.hi)
    if (auto v = x.hi->v.mul(c)) r.hi = Bound{*v, x.hi->incl};
  return r;
}

Range multiply(const Range& a, const Range& b) {
  if (non_negative_point(b)) return scale(a, b.lo->v);
  if (non_negative_point(a)) return scale(b, a.lo->v);
  if (non_negative(a) && non_negative(b)) return Range{product(a.lo, b.lo), product(a.hi, b.hi)};
  if (a.lo && a.hi && b.lo && b.hi) {
    std::vector<std::optional<Bound>> ps{product(a.lo, b.lo), product(a.lo, b.hi), product(a.hi, b.lo), product(a.hi, b.hi)};
    Range r;
    if (std::any_of(ps.begin(), ps.end(), [](const auto& p) { return !p; })) return r;
    r.lo = r.hi = ps[0];
    for (const auto& p : ps) {
      if (p->v < r.lo->v) r.lo = p;
      if (p->v > r.hi->v) r.hi = p;
    }
    return r;
  }
  return Range::all();
}

std::optional<Bound> lower_of(const std::optional<Bound>& a, const std::optional<Bound>& b) {
  if (!a || !b) return std::nullopt;
  return a->v <= b->v ? a : b;
}
std::optional<Bound> upper_of(const std::optional<Bound>& a, const std::optional<Bound>& b) {
  if (!a || !b) return std::nullopt;
  return a->v >= b->v ? a : b;
}

}  // namespace

Range Model::value_range(const Expr& e, const Term* t) const { return value_range(e, t, 0); }

Range Model::value_range(const Expr& e, const Term* t, int depth) const {
  if (depth > 32) return Range::all();
  auto arg = [&](size_t i) { return i < e.args.size() ? value_range(*e.args[i], t, depth + 1) : Range::all(); };
  switch (e.op) {
    case Expr::Op::Const: return Range{Bound{e.c, true}, Bound{e.c2 ? *e.c2 : e.c, true}};
    case Expr::Op::Fact:
    case Expr::Op::Derived: {
      Key k = *key_of(e);
      Range r;
      if (t) {
        auto it = t->nums.find(k);
        if (it != t->nums.end()) r = it->second;
      }
      size_t d = static_cast<size_t>(e.ref);
      if (e.op == Expr::Op::Derived && d < prog_.derived.size() && prog_.derived[d].value)
        r = r.meet(value_range(*prog_.derived[d].value, t, depth + 1));
      return r;
    }
    case Expr::Op::Add: return add(arg(0), arg(1), false);
    case Expr::Op::Sub: return add(arg(0), arg(1), true);
    case Expr::Op::Mul: return multiply(arg(0), arg(1));
    case Expr::Op::Min: {
      Range a = arg(0), b = arg(1);
      Range r;
      r.lo = lower_of(a.lo, b.lo);
      r.hi = !a.hi ? b.hi : !b.hi ? a.hi : (a.hi->v <= b.hi->v ? a.hi : b.hi);
      return r;
    }
    case Expr::Op::Max: {
      Range a = arg(0), b = arg(1);
      Range r;
      r.hi = upper_of(a.hi, b.hi);
      r.lo = !a.lo ? b.lo : !b.lo ? a.lo : (a.lo->v >= b.lo->v ? a.lo : b.lo);
      return r;
    }
    case Expr::Op::Clamp0: {
      Range a = arg(0);
      Range r;
      r.lo = Bound{a.lo && a.lo->v.sign() > 0 ? a.lo->v : Rational(0), true};
      if (a.hi) r.hi = a.hi->v.sign() > 0 ? *a.hi : Bound{Rational(0), true};
      return r;
    }
    case Expr::Op::Upto: {
      Range a = arg(0);
      Range r;
      r.lo = Bound{Rational(0), true};
      r.hi = a.hi;
      return r;
    }
    case Expr::Op::Round: return arg(0);
    case Expr::Op::Floor: {  // floor is monotone: the ends floored, inclusive (an excluded end may floor onto itself)
      Range a = arg(0);
      Range r;
      if (a.lo) r.lo = Bound{a.lo->v.floor(), true};
      if (a.hi) r.hi = Bound{a.hi->v.floor(), true};
      return r;
    }
    case Expr::Op::Select: {
      Range a = arg(1), b = arg(2);
      return Range{lower_of(a.lo, b.lo), upper_of(a.hi, b.hi)};
    }
    default: return Range::all();
  }
}

}  // namespace zc::sema::model
