// Deciding one comparison (see semantic.h).
#include "diff/semantic.h"

#include <algorithm>
#include <set>

#include "facts/facts.h"

namespace zc::diff::detail {

std::string limit_reason(const smt::Limits& l) {
  return "求解器未在限额内得出结论（每次查询资源上限 " + std::to_string(l.rlimit) + "、限时 " + std::to_string(l.timeout_ms) +
         " 毫秒）";
}

Decider::Decider(smt::Space& s, const Version& older, const Version& newer, const std::vector<int>& old_vars,
                 const std::vector<int>& new_vars, const Options& opts, std::vector<std::string>& internal_errors)
    : s_(s), old_(older), new_(newer), old_vars_(old_vars), new_vars_(new_vars), opts_(opts), internal_(internal_errors) {}

namespace {

// The program fact behind space variable v, in the newer draft first.
const sema::Fact* fact_of(int v, const Version& a, const std::vector<int>& va, int& index) {
  for (size_t f = 0; f < va.size(); ++f) {
    if (va[f] == v) {
      index = static_cast<int>(f);
      return &a.program->facts[f];
    }
  }
  return nullptr;
}

}  // namespace

std::optional<z3::expr> Decider::default_term(int v) {
  int i = -1;
  const sema::Fact* f = fact_of(v, new_, new_vars_, i);
  if (!f || !f->def) {
    const sema::Fact* g = fact_of(v, old_, old_vars_, i);
    if (g && (g->def || !f)) f = g;
  }
  if (!f) return std::nullopt;
  if (f->def) {
    auto t = s_.term(v, *f, *f->def);
    if (t) return t;
  }
  const smt::Var& x = s_.var(v);
  switch (x.type) {
    case ValueType::Bool: return s_.ctx().bool_val(false);
    case ValueType::Option:
      for (size_t k = 0; k < x.common.size(); ++k)
        if (x.common[k]) return s_.ctx().int_val(static_cast<int>(k));
      return std::nullopt;
    case ValueType::Money:
    case ValueType::Rate:
    case ValueType::Count:
    case ValueType::Date:
    case ValueType::Points:
      return x.e.is_int() ? s_.ctx().int_val(0) : s_.ctx().real_val(0);
  }
  return std::nullopt;
}

std::optional<z3::expr> Decider::preferred_term(int v) {
  const smt::Var& x = s_.var(v);
  if (x.type != ValueType::Money) return std::nullopt;
  int i = -1;
  const sema::Fact* f = fact_of(v, new_, new_vars_, i);
  if (!f) f = fact_of(v, old_, old_vars_, i);
  if (!f || f->def) return std::nullopt;
  return s_.ctx().real_val(100000);
}

std::vector<FactValue> Decider::facts_of(const z3::model& m, const Version& v, const std::vector<int>& vars,
                                         const std::vector<int>& cone) {
  const sema::Program& p = *v.program;
  std::vector<FactValue> out(p.facts.size());
  for (size_t f = 0; f < p.facts.size(); ++f) {
    int var = vars[f];
    if (var < 0) continue;
    bool in_cone = std::find(cone.begin(), cone.end(), var) != cone.end();
    if (in_cone) {
      if (auto x = s_.value(m, var, p.facts[f])) out[f] = *x;
      continue;
    }
    // A fact the comparison does not read: its default, or a value of its type when it has none.
    if (p.facts[f].def) {
      out[f] = *p.facts[f].def;
      continue;
    }
    if (auto t = default_term(var)) {
      z3::model pinned(s_.ctx());
      z3::func_decl d = s_.var(var).e.decl();
      pinned.add_const_interp(d, *t);
      if (auto x = s_.value(pinned, var, p.facts[f])) out[f] = *x;
    }
  }
  return out;
}

std::vector<size_t> Decider::shrink(smt::Session& s, const std::vector<z3::expr>& lits, std::vector<size_t> keep) {
  // Atoms are collected conditions first, then caps and other derived comparisons: dropping is
  // tried from the last, so the conditions as written are what a region keeps when it can.
  std::stable_sort(keep.begin(), keep.end(), [&](size_t a, size_t b) { return a > b; });
  for (size_t i = 0; i < keep.size();) {
    std::vector<z3::expr> trial;
    for (size_t k = 0; k < keep.size(); ++k)
      if (k != i) trial.push_back(lits[keep[k]]);
    if (s.check(trial) == smt::Verdict::Unsat) {
      keep.erase(keep.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
    }
  }
  std::sort(keep.begin(), keep.end());
  return keep;
}

std::optional<Witness> Decider::witness(const Item& item, const z3::expr& region, std::string& failure, Item::Pair& seen,
                                        std::optional<z3::model>& model) {
  // First with tidy values; a solver that gave up on those starts afresh without them. Every
  // assumption added below is kept only when a check with it succeeds, and the model of the last
  // successful check is the witness (re-checking the same formulas need not answer the same way:
  // Z3's search depends on the state of its context).
  std::vector<z3::expr> base{s_.domain(&item.cone), item.differ, region};
  auto session = std::make_unique<smt::Session>(s_, base);
  std::vector<z3::expr> assume;
  std::optional<z3::model> current;
  z3::expr tidy = s_.tidy(item.cone);
  smt::Verdict tv = session->check({tidy});
  if (tv == smt::Verdict::Sat) {
    assume.push_back(tidy);
    current = session->model();
    if (!opts_.quick && item.telling && session->check({tidy, *item.telling}) == smt::Verdict::Sat) {
      assume.push_back(*item.telling);
      current = session->model();
    }
  } else {
    if (tv == smt::Verdict::Unknown) session = std::make_unique<smt::Session>(s_, base);
    if (session->check() != smt::Verdict::Sat) {
      failure = "求解器未给出反例";
      return std::nullopt;
    }
    current = session->model();
  }
  smt::Session& w = *session;
  auto holds_with = [&](const std::vector<z3::expr>& extra) {
    std::vector<z3::expr> a = assume;
    a.insert(a.end(), extra.begin(), extra.end());
    if (w.check(a) != smt::Verdict::Sat) return false;
    current = w.model();
    return true;
  };
  // Every fact at its default where the difference allows it, so the witness shows what matters;
  // an amount without a default at a round figure rather than 0元 (each one that allows it).
  std::vector<z3::expr> pins;
  for (int v : opts_.quick ? std::vector<int>{} : item.cone) {
    auto t = item.describe ? preferred_term(v) : std::nullopt;
    if (!t) continue;
    pins.push_back(s_.var(v).e == *t);
    if (!holds_with(pins)) pins.pop_back();
  }
  std::vector<z3::expr> defaults;
  for (int v : opts_.quick ? std::vector<int>{} : item.cone)
    if (auto t = default_term(v); t && !(item.describe && preferred_term(v))) defaults.push_back(s_.var(v).e == *t);
  if (!defaults.empty()) {
    std::vector<z3::expr> all = pins;
    all.insert(all.end(), defaults.begin(), defaults.end());
    if (holds_with(all)) {
      pins = all;
    } else {
      for (const z3::expr& p : defaults) {
        pins.push_back(p);
        if (!holds_with(pins)) pins.pop_back();
      }
    }
  }
  assume.insert(assume.end(), pins.begin(), pins.end());
  // Round figures where the difference allows them: 201万元 reads better than 2000000.02元.
  if (!opts_.quick) {
    for (int v : item.cone) {
      const smt::Var& x = s_.var(v);
      if (x.type != ValueType::Money && x.type != ValueType::Rate) continue;
      auto value = smt::Space::rational(current->eval(x.e, true));
      if (!value || value->sign() == 0) continue;
      const int64_t steps[] = {x.type == ValueType::Money ? 10000 : 0, x.type == ValueType::Money ? 100 : 0};
      bool done = false;
      for (int64_t step : steps) {
        if (step == 0 || done) continue;
        // value rounded down and up to a multiple of step (values stay far below 2^63 / step).
        int64_t q = value->num() / value->den() / step;
        for (int64_t k : {q, q + 1}) {
          if (done || k <= 0 || k > INT64_MAX / step) continue;
          z3::expr pin = x.e == s_.constant(Rational(k * step));
          if (holds_with({pin})) {
            assume.push_back(pin);
            done = true;
          }
        }
      }
    }
  }
  z3::model m = *current;
  model = m;

  std::vector<FactValue> fo = facts_of(m, old_, old_vars_, item.cone);
  std::vector<FactValue> fn = facts_of(m, new_, new_vars_, item.cone);

  // The facts file: facts away from their defaults, and facts without one, newer draft's order first.
  Witness out;
  std::set<std::string> listed;
  auto list = [&](const Version& v, const std::vector<FactValue>& values, const Version& other) {
    for (size_t f = 0; f < v.program->facts.size(); ++f) {
      const sema::Fact& fact = v.program->facts[f];
      if (fact.indicator || values[f].kind == FactValue::Kind::Missing || listed.count(fact.name)) continue;
      bool needed = !fact.def || !(*fact.def == values[f]);
      const sema::Fact* twin = nullptr;
      for (const sema::Fact& g : other.program->facts)
        if (g.name == fact.name) twin = &g;
      if (twin && !twin->def) needed = true;
      if (!needed) continue;
      listed.insert(fact.name);
      out.facts.emplace_back(fact.name, fact_value_text(fact, values[f]));
      int var = (&v == &new_ ? new_vars_ : old_vars_)[f];
      bool read = std::find(item.cone.begin(), item.cone.end(), var) != item.cone.end();
      bool plain = values[f].kind == FactValue::Kind::Bool ? !values[f].b
                   : values[f].kind == FactValue::Kind::Opt ? values[f].opt == 0
                                                            : values[f].num.sign() == 0;
      if (read && (fact.def ? !(*fact.def == values[f]) : !plain)) out.shown.push_back(fact.name);
      if (!twin) (&v == &new_ ? out.only_new : out.only_old).push_back(fact.name);
    }
  };
  list(new_, fn, old_);
  list(old_, fo, new_);

  // Read back exactly as `zhengce run` reads a facts file, for each draft.
  auto read_back = [&](const Version& v, std::vector<FactValue>& into) {
    std::vector<std::pair<std::string, facts::Scalar>> entries;
    for (const auto& [name, text] : out.facts) {
      bool declared = false;
      for (const sema::Fact& f : v.program->facts) declared = declared || (f.name == name && !f.indicator);
      if (declared) entries.emplace_back(name, facts::Scalar{facts::Scalar::Kind::String, false, text, {}});
    }
    std::vector<Diagnostic> diags;
    into = facts::facts_from_json(*v.module, entries, diags);
    return diags.empty();
  };
  std::vector<FactValue> ro, rn;
  if (!read_back(old_, ro) || !read_back(new_, rn)) {
    bool fraction = std::any_of(out.facts.begin(), out.facts.end(), [](const auto& f) { return f.second.find('/') != std::string::npos; });
    if (fraction) {
      failure = "差异只出现在无法写成小数的数值上";
      return std::nullopt;
    }
    internal_.push_back(item.label + "：反例的事实文件无法读回（" + [&] {
      std::string s;
      for (const auto& [n, t] : out.facts) s += "「" + n + "」为" + t + "；";
      return s;
    }() + "）");
    failure = "internal";
    return std::nullopt;
  }
  Item::Pair vm = item.run(ro, rn);
  if (vm.first.status == RuleStatus::Error || vm.second.status == RuleStatus::Error) {
    failure = "反例的数额超出运行时可表示的范围";
    return std::nullopt;
  }
  // The encoding's prediction for exactly the facts the VM read (defaults included).
  z3::model read(s_.ctx());
  s_.pin(read, *new_.program, new_vars_, rn);
  s_.pin(read, *old_.program, old_vars_, ro);
  std::optional<Item::Pair> predicted = item.predict(read);
  if (!predicted || !(predicted->first == vm.first) || !(predicted->second == vm.second) || vm.first == vm.second) {
    std::string facts;
    for (const auto& [n, t] : out.facts) facts += "「" + n + "」为" + t + "；";
    internal_.push_back(item.label + "：求解器的反例未被虚拟机确认。事实：" + facts + "求解器预测旧版" +
                        (predicted ? smt::observed_text(predicted->first) : "?") + "、新版" +
                        (predicted ? smt::observed_text(predicted->second) : "?") + "；虚拟机旧版" +
                        smt::observed_text(vm.first) + "、新版" + smt::observed_text(vm.second));
    failure = "internal";
    return std::nullopt;
  }
  out.old_result = smt::observed_text(vm.first);
  out.new_result = smt::observed_text(vm.second);
  if (out.old_result == out.new_result) {  // the difference is in who pays
    out.old_result = smt::observed_text(vm.first, true);
    out.new_result = smt::observed_text(vm.second, true);
  }
  seen = vm;
  return out;
}

Semantic Decider::decide(const Item& item, size_t max_regions) {
  Semantic out;
  z3::context& c = s_.ctx();
  // Two drafts' identical terms make `differ` false outright: proven without a solver.
  if (item.differ.simplify().is_false()) {
    out.verdict = Semantic::Verdict::Equal;
    out.complete = true;
    return out;
  }
  z3::expr dom = s_.domain(&item.cone);
  smt::Session S(s_, {dom, item.differ});
  smt::Verdict v = S.check();
  if (v == smt::Verdict::Unsat) {
    out.verdict = Semantic::Verdict::Equal;
    out.complete = true;
    return out;
  }
  if (v == smt::Verdict::Unknown) {
    out.verdict = Semantic::Verdict::Unknown;
    out.reason = limit_reason(s_.limits());
    return out;
  }
  out.verdict = Semantic::Verdict::Differs;
  smt::Session T(s_, {dom, !item.differ});
  z3::expr rest = c.bool_val(true);
  bool fresh = true;
  for (;;) {
    if (!fresh) {
      v = S.check();
      if (v == smt::Verdict::Unsat) {
        out.complete = true;
        break;
      }
      if (v == smt::Verdict::Unknown) {
        out.reason = "其余差异未能在限额内判定";
        break;
      }
      if (out.regions.size() >= max_regions) break;  // more exist than are listed
    }
    fresh = false;
    z3::model m = S.model();
    std::vector<z3::expr> lits;
    std::vector<bool> holds;
    for (const Atom& a : item.atoms) {
      bool h = m.eval(a.e, true).is_true();
      holds.push_back(h);
      lits.push_back(h ? a.e : !a.e);
    }
    z3::expr_vector key_eqs(c);
    for (const z3::expr& k : item.keys) key_eqs.push_back(k == m.eval(k, true));
    z3::expr keys_here = key_eqs.empty() ? c.bool_val(true) : z3::mk_and(key_eqs);

    Region region;
    z3::expr block = keys_here;
    if (item.describe && !opts_.quick) {
      std::vector<size_t> chosen;
      std::vector<size_t> all(lits.size());
      for (size_t i = 0; i < all.size(); ++i) all[i] = i;
      smt::Verdict tv = T.check(lits);
      if (tv == smt::Verdict::Unsat) {
        region.whole = true;
        chosen = shrink(T, lits, all);
      } else {
        // Only some applicants of this cell differ. The region claims no more than that some of
        // its applicants differ (the witness is one), so any part of the cell's conditions would be
        // exact; keep those that fix the alternatives taken and whether caps bite, which is what
        // the results depend on.
        region.whole = false;
        z3::expr_vector fixed(c);
        fixed.push_back(keys_here);
        for (size_t i = 0; i < lits.size(); ++i)
          if (item.atoms[i].kind == Atom::Kind::Other) fixed.push_back(lits[i]);
        smt::Session P(s_, {dom, !z3::mk_and(fixed)});
        chosen = P.check(lits) == smt::Verdict::Unsat ? shrink(P, lits, all) : all;
      }
      z3::expr_vector parts(c);
      std::vector<const Atom*> atoms;
      std::vector<bool> hs;
      for (size_t i : chosen) {
        parts.push_back(lits[i]);
        atoms.push_back(&item.atoms[i]);
        hs.push_back(holds[i]);
      }
      block = parts.empty() ? c.bool_val(true) : z3::mk_and(parts);
      region.where = region_text(s_, atoms, hs);
    } else {
      region.whole = false;
    }
    std::string failure;
    Item::Pair seen;
    std::optional<z3::model> wm;
    // A region is what the witness must lie in; without atoms, anywhere not yet shown.
    std::optional<Witness> w = witness(item, item.describe && !opts_.quick ? block : rest, failure, seen, wm);
    if (!item.describe && wm) {
      z3::expr_vector eqs(c);
      for (const z3::expr& k : item.keys) eqs.push_back(k == wm->eval(k, true));
      block = eqs.empty() ? c.bool_val(true) : z3::mk_and(eqs);
    }
    if (!w && failure == "internal") {
      out.verdict = Semantic::Verdict::Unknown;
      out.reason = "内部错误：求解器的反例未被虚拟机确认，已作为缺陷报告（见报告末尾）";
      out.regions.clear();
      return out;
    }
    if (w) {
      region.witness = *w;
      // Whether both drafts give everyone in the region exactly the witness's results.
      if (region.whole && item.gives && !opts_.quick) {
        smt::Session k(s_, {dom, block, !item.gives(seen)});
        region.constant = k.check() == smt::Verdict::Unsat;
      }
    } else {
      region.witness.none = failure;
    }
    out.regions.push_back(std::move(region));
    if (opts_.quick) break;
    S.add(!block);
    rest = rest && !block;
  }
  return out;
}

}  // namespace zc::diff::detail
