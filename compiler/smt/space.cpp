// The applicant space (see space.h): variables, domains, solver calls, values read from models.
#include "compiler/smt/space.h"

#include <algorithm>
#include <chrono>

#include "base/lazy.h"

ZC_LAZY_GROUP(z3);

namespace zc::smt {

bool solver_available(std::string& why) { return zc::lazy::ensure(zc_lazy_group_z3, why); }

bool whole_unit(const std::string& unit) {
  static const char* const kWhole[] = {"家", "个", "名", "项", "人", "件", "次"};
  return std::any_of(std::begin(kWhole), std::end(kWhole), [&](const char* u) { return unit == u; });
}

Space::Space(Limits limits) : own_(std::make_unique<z3::context>()), ctx_(own_.get()), limits_(limits) {}

Space::Space(z3::context& shared, Limits limits) : ctx_(&shared), limits_(limits) {}

z3::expr Space::constant(const Rational& r) {
  std::string s = std::to_string(r.num());
  if (r.den() != 1) s += "/" + std::to_string(r.den());
  return ctx_->real_val(s.c_str());
}

std::optional<z3::expr> Space::term(int v, const sema::Fact& f, const FactValue& x) {
  const Var& var = vars_.at(static_cast<size_t>(v));
  switch (x.kind) {
    case FactValue::Kind::Missing: return std::nullopt;
    case FactValue::Kind::Bool: return ctx_->bool_val(x.b);
    case FactValue::Kind::Opt: {
      if (x.opt >= f.options.size()) return std::nullopt;
      auto it = std::find(var.options.begin(), var.options.end(), f.options[x.opt]);
      if (it == var.options.end()) return std::nullopt;
      return ctx_->int_val(static_cast<int>(it - var.options.begin()));
    }
    case FactValue::Kind::Num: {
      if (!var.e.is_int()) return constant(x.num);
      if (!x.num.is_integer()) return std::nullopt;
      return ctx_->int_val(x.num.num());
    }
  }
  return std::nullopt;
}

z3::model Space::pin(const sema::Program& p, const std::vector<int>& vars, const std::vector<FactValue>& facts) {
  z3::model m(*ctx_);
  pin(m, p, vars, facts);
  return m;
}

void Space::pin(z3::model& m, const sema::Program& p, const std::vector<int>& vars, const std::vector<FactValue>& facts) {
  for (size_t f = 0; f < p.facts.size() && f < vars.size(); ++f) {
    if (vars[f] < 0) continue;
    FactValue x = f < facts.size() ? facts[f] : FactValue{};
    if (x.kind == FactValue::Kind::Missing && p.facts[f].def) x = *p.facts[f].def;
    std::optional<z3::expr> t = term(vars[f], p.facts[f], x);
    if (!t) continue;
    z3::func_decl d = vars_[static_cast<size_t>(vars[f])].e.decl();
    if (m.has_interp(d)) continue;
    m.add_const_interp(d, *t);
  }
}

int Space::find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? -1 : it->second;
}

std::vector<int> Space::add_program(const sema::Program& p) {
  std::vector<int> out;
  out.reserve(p.facts.size());
  for (const sema::Fact& f : p.facts) {
    if (f.indicator) {
      out.push_back(-1);
      continue;
    }
    int v = find(f.name);
    bool integral = f.type == ValueType::Date || (f.type == ValueType::Count && whole_unit(f.unit));
    if (v < 0) {
      v = static_cast<int>(vars_.size());
      std::string id = "v" + std::to_string(v);
      z3::expr e = f.type == ValueType::Bool ? ctx_->bool_const(id.c_str())
                   : (integral || f.type == ValueType::Option) ? ctx_->int_const(id.c_str())
                                                              : ctx_->real_const(id.c_str());
      vars_.push_back(Var{f.name, f.type, f.unit, integral, {}, {}, "", 0, e});
      by_name_.emplace(f.name, v);
    }
    Var& x = vars_[static_cast<size_t>(v)];
    if (x.conflict.empty() && (x.type != f.type || x.unit != f.unit)) {
      x.conflict = std::string("两版类型不同（") + type_word(x.type) + x.unit + "、" + type_word(f.type) + f.unit + "）";
    }
    if (f.type == ValueType::Option && x.type == ValueType::Option) {
      // An option is in the common domain only while every program so far declares it.
      std::vector<bool> declared(x.options.size(), false);
      for (const std::string& o : f.options) {
        auto it = std::find(x.options.begin(), x.options.end(), o);
        if (it == x.options.end()) {
          x.options.push_back(o);
          x.common.push_back(x.programs == 0);
          declared.push_back(true);
        } else {
          declared[static_cast<size_t>(it - x.options.begin())] = true;
        }
      }
      for (size_t i = 0; i < x.common.size(); ++i) x.common[i] = x.common[i] && declared[i];
      if (std::none_of(x.common.begin(), x.common.end(), [](bool b) { return b; }) && x.conflict.empty())
        x.conflict = "两版没有共同的选项";
    }
    ++x.programs;
    out.push_back(v);
  }
  return out;
}

z3::expr Space::domain(const std::vector<int>* vars) const {
  z3::expr_vector parts(*ctx_);
  auto one = [&](const Var& x) {
    switch (x.type) {
      case ValueType::Bool:
        break;
      case ValueType::Option: {
        z3::expr_vector any(*ctx_);
        for (size_t i = 0; i < x.options.size(); ++i)
          if (x.common[i]) any.push_back(x.e == ctx_->int_val(static_cast<int>(i)));
        parts.push_back(any.empty() ? ctx_->bool_val(false) : z3::mk_or(any));
        break;
      }
      case ValueType::Date:
        break;
      case ValueType::Money:
      case ValueType::Rate:
      case ValueType::Count:
      case ValueType::Points:
        parts.push_back(x.e >= 0);
        break;
    }
  };
  if (vars) {
    for (int v : *vars) one(vars_.at(static_cast<size_t>(v)));
  } else {
    for (const Var& x : vars_) one(x);
  }
  return parts.empty() ? ctx_->bool_val(true) : z3::mk_and(parts);
}

z3::expr Space::tidy(const std::vector<int>& vars) const {
  z3::context& c = *ctx_;
  z3::expr_vector parts(c);
  for (int v : vars) {
    const Var& x = vars_.at(static_cast<size_t>(v));
    if (x.integral || x.type == ValueType::Bool || x.type == ValueType::Option) continue;
    int scale = x.type == ValueType::Money ? 100 : x.type == ValueType::Rate ? 1000000 : x.type == ValueType::Points ? 100 : 1;
    // x = k / scale for a whole k, with the magnitude kept well inside 64-bit rationals.
    z3::expr k(c, Z3_mk_fresh_const(c, "tidy", c.int_sort()));
    parts.push_back(x.e * c.real_val(scale) == z3::to_real(k));
    parts.push_back(k <= c.int_val(int64_t{100000000000000}));
  }
  return parts.empty() ? c.bool_val(true) : z3::mk_and(parts);
}

Session::Session(Space& s, const std::vector<z3::expr>& base) : s_(s), base_(base) {}

Verdict Session::check(const std::vector<z3::expr>& extra) {
  s_.count_query();
  model_.reset();
  // Z3's search depends on its random seed, and a query it cannot finish with one seed often takes
  // milliseconds with another: a few short attempts, then longer ones. The attempts are bounded by
  // Z3's resource count, which is deterministic (the same answer on a slow machine); the wall-clock
  // timeout is only a backstop.
  static constexpr unsigned kShares[] = {1, 1, 2, 4, 16};
  unsigned parts = 0;
  for (unsigned k : kShares) parts += k;
  const unsigned unit = std::max(1u, s_.limits().rlimit / parts);
  const auto start = std::chrono::steady_clock::now();
  for (unsigned attempt = 0; attempt < std::size(kShares); ++attempt) {
    auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    if (spent >= static_cast<long long>(s_.limits().timeout_ms)) break;
    // Z3's plain SMT core: the default solver spends some 20 ms per query choosing and running
    // preprocessing tactics, which these small queries do not need (the seeds above do the rest).
    z3::solver solver(s_.ctx(), z3::solver::simple());
    z3::params p(s_.ctx());
    p.set("timeout", static_cast<unsigned>(s_.limits().timeout_ms - static_cast<unsigned>(spent)));
    p.set("random_seed", attempt);
    if (s_.limits().rlimit) p.set("rlimit", unit * kShares[attempt]);
    solver.set(p);
    for (const z3::expr& f : base_) solver.add(f);
    for (const z3::expr& f : extra) solver.add(f);
    z3::check_result r;
    try {
      r = solver.check();
    } catch (const z3::exception&) {
      continue;
    }
    if (r == z3::sat) {
      model_ = solver.get_model();
      return Verdict::Sat;
    }
    if (r == z3::unsat) return Verdict::Unsat;
  }
  return Verdict::Unknown;
}

Verdict Space::check(const std::vector<z3::expr>& formulas, std::optional<z3::model>* model) {
  Session s(*this, formulas);
  Verdict v = s.check();
  if (v == Verdict::Sat && model) *model = s.model();
  return v;
}

std::optional<Rational> Space::rational(const z3::expr& numeral) {
  if (!numeral.is_numeral()) return std::nullopt;
  std::string s = Z3_get_numeral_string(numeral.ctx(), numeral);
  // "n", "-n" or "n/d": both parts must fit 64 bits.
  auto part = [](const std::string& t) -> std::optional<int64_t> {
    if (t.empty() || t.size() > 19) return std::nullopt;
    size_t i = t[0] == '-' ? 1 : 0;
    if (i == t.size()) return std::nullopt;
    __extension__ __int128 v = 0;
    for (; i < t.size(); ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    if (t[0] == '-') v = -v;
    if (v > INT64_MAX || v <= INT64_MIN) return std::nullopt;
    return static_cast<int64_t>(v);
  };
  size_t slash = s.find('/');
  auto n = part(s.substr(0, slash));
  if (!n) return std::nullopt;
  if (slash == std::string::npos) return Rational(*n);
  auto d = part(s.substr(slash + 1));
  if (!d) return std::nullopt;
  return Rational::make(*n, *d);
}

std::optional<FactValue> Space::value(const z3::model& m, int v, const sema::Fact& f) {
  const Var& x = vars_.at(static_cast<size_t>(v));
  z3::expr val = m.eval(x.e, true);
  FactValue out;
  switch (f.type) {
    case ValueType::Bool:
      out.kind = FactValue::Kind::Bool;
      out.b = val.is_true();
      return out;
    case ValueType::Option: {
      auto i = rational(val);
      if (!i || !i->is_integer() || i->num() < 0 || static_cast<size_t>(i->num()) >= x.options.size()) return std::nullopt;
      const std::string& name = x.options[static_cast<size_t>(i->num())];
      auto it = std::find(f.options.begin(), f.options.end(), name);
      if (it == f.options.end()) return std::nullopt;
      out.kind = FactValue::Kind::Opt;
      out.opt = static_cast<uint16_t>(it - f.options.begin());
      return out;
    }
    case ValueType::Money:
    case ValueType::Rate:
    case ValueType::Count:
    case ValueType::Date:
    case ValueType::Points: {
      auto r = rational(val);
      if (!r) return std::nullopt;
      out.kind = FactValue::Kind::Num;
      out.num = *r;
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace zc::smt
