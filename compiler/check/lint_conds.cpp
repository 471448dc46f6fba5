// Drafting checks on conditions, over the cond_model: a clause or definition no applicant can
// satisfy (W0605), alternatives of one rule (or rows of a case table) that overlap on the
// thresholds or categories of the same fact, neither inside the other (W0606) or can never be reached (W0607), and two rules
// of one payer that compute their amounts on the same base and can both apply (W0608). Alternatives
// told apart by different yes/no facts are not reported as overlapping, and rules that merely share
// their conditions are not reported as double payment (a one-time award and an annual one often
// do): in both cases whether they meet is a fact about the world, not about the text.
#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "compiler/check/lint_internal.h"

namespace zc::sema::lint_detail {
namespace {

// The satisfiable terms of a condition; nullopt when the model cannot analyse it.
std::optional<model::Dnf> live_terms(Ctx& c, const Expr& cond) {
  auto d = c.model.dnf(cond);
  if (!d) return std::nullopt;
  model::Dnf live;
  for (const model::Term& t : *d)
    if (c.model.satisfiable(t)) live.push_back(t);
  return live;
}

// The reason the first term of an unsatisfiable condition fails.
std::string unsat_reason(Ctx& c, const Expr& cond) {
  auto d = c.model.dnf(cond);
  if (!d || d->empty()) return "条件恒为假";
  return c.model.conflict_text(d->front());
}

Span clause_cond_span(const ast::Clause& cl) {
  Span s = cl.span;
  bool first = true;
  for (const ast::CondSeg& seg : cl.conds) {
    if (seg.kind == ast::CondSeg::Kind::OnTop) continue;
    s = first ? seg.span : s.to(seg.span);
    first = false;
  }
  return s;
}

struct Alternative {
  const Expr* cond;
  Span span;
};

// W0606 / W0607 over first-match alternatives (rule clauses, case-table rows).
void alternatives(Ctx& c, const std::vector<Alternative>& alts, int article) {
  std::vector<std::optional<model::Dnf>> terms;
  for (const Alternative& a : alts) terms.push_back(live_terms(c, *a.cond));
  for (size_t j = 1; j < alts.size(); ++j) {
    if (!terms[j] || terms[j]->empty()) continue;
    // Unreachable: each way of satisfying clause j already satisfies an earlier clause.
    std::optional<size_t> covering;
    bool all_covered = true;
    for (const model::Term& tj : *terms[j]) {
      bool covered = false;
      for (size_t i = 0; i < j && !covered; ++i) {
        if (!terms[i]) continue;
        for (const model::Term& ti : *terms[i]) {
          if (!c.model.implies(tj, ti)) continue;
          covered = true;
          if (!covering) covering = i;
          break;
        }
      }
      all_covered = all_covered && covered;
    }
    if (all_covered && covering) {
      c.report(DiagCode::W0607, alts[j].span, {std::to_string(j + 1), std::to_string(*covering + 1)}, article);
      continue;
    }
    bool found = false;
    for (size_t i = 0; i < j && !found; ++i) {
      if (!terms[i]) continue;
      for (const model::Term& ti : *terms[i]) {
        for (const model::Term& tj : *terms[j]) {
          std::vector<model::Key> keys = c.model.distinguishing_keys(ti, tj);
          if (keys.empty()) continue;
          // Highest threshold first (1亿元以上……；5000万元以上……): the earlier clause lies inside the
          // later one, which first-match makes its fallback, as such tables are meant to be read.
          if (c.model.implies(ti, tj)) continue;
          model::Term met = c.model.meet(ti, tj);
          if (!c.model.satisfiable(met)) continue;
          c.report(DiagCode::W0606, alts[j].span,
                   {std::to_string(i + 1), std::to_string(j + 1), c.model.overlap_text(met, keys)}, article);
          found = true;
          break;
        }
        if (found) break;
      }
    }
  }
}

}  // namespace

void check_branches(Ctx& c) {
  for (size_t r = 0; r < c.p.rules.size() && r < c.prog.rules.size(); ++r) {
    const ast::Rule& rule = c.p.rules[r];
    const Rule& pr = c.prog.rules[r];
    if (pr.branches.size() != rule.branches.size()) continue;
    std::vector<Alternative> alts;
    size_t joined = 0;
    for (size_t b = 0; b < pr.branches.size(); ++b) {
      if (pr.branches[b].joined) { ++joined; continue; }  // 另行: paid with the one before, not an alternative
      const Expr& cond = *pr.branches[b].cond;
      Span at = clause_cond_span(rule.branches[b]);
      auto live = live_terms(c, cond);
      if (live && live->empty()) {
        c.report(DiagCode::W0605, at, {unsat_reason(c, cond)}, rule.article);
        continue;
      }
      alts.push_back(Alternative{&cond, at});
    }
    if (alts.size() + joined == pr.branches.size()) alternatives(c, alts, rule.article);
  }
  for (size_t i = 0; i < c.p.defines.size() && i < c.prog.derived.size(); ++i) {
    const ast::Define& d = c.p.defines[i];
    const Expr* value = c.prog.derived[i].value.get();
    if (!value) continue;
    if (d.kind == ast::Define::Kind::Cond) {
      auto live = live_terms(c, *value);
      if (live && live->empty()) c.report(DiagCode::W0605, d.cond->span, {unsat_reason(c, *value)}, d.article);
      continue;
    }
    if (d.kind != ast::Define::Kind::Cases) continue;
    std::vector<Alternative> alts;
    const Expr* e = value;
    for (size_t k = 0; k < d.cases.size() && e && e->op == Expr::Op::Select && e->args.size() == 3; ++k) {
      const Expr& cond = *e->args[0];
      auto live = live_terms(c, cond);
      if (live && live->empty()) c.report(DiagCode::W0605, d.cases[k].cond->span, {unsat_reason(c, cond)}, d.article);
      alts.push_back(Alternative{&cond, d.cases[k].span});
      e = e->args[2].get();
    }
    if (alts.size() == d.cases.size()) alternatives(c, alts, d.article);
  }
}

// ---------------------------------------------------------------------------------------------
// Double payment

namespace {

void collect_keys(const Expr& e, std::set<model::Key>& out, bool money_only) {
  if ((e.op == Expr::Op::Fact || e.op == Expr::Op::Derived) && (!money_only || e.type == ValueType::Money))
    out.insert(e.op == Expr::Op::Fact ? e.ref : -1 - e.ref);
  for (const auto& a : e.args) collect_keys(*a, out, money_only);
}

bool pays_money(const Award& a) { return a.kind == Award::Kind::Amount || a.kind == Award::Kind::Unspecified; }

bool in_common_group(const Program& prog, int a, int b) {
  for (const Group& g : prog.groups) {
    bool ha = std::find(g.members.begin(), g.members.end(), a) != g.members.end();
    bool hb = std::find(g.members.begin(), g.members.end(), b) != g.members.end();
    if (ha && hb) return true;
  }
  return false;
}

std::string name_list(Ctx& c, const std::set<model::Key>& keys) {
  std::string out;
  size_t n = 0;
  for (model::Key k : keys) {
    if (n++ == 3) { out += "等"; break; }
    out += (n > 1 ? "、" : "") + std::string("「") + c.model.key_name(k) + "」";
  }
  return out;
}

// The drafter has answered: a 说明 of one rule names the other, or some 说明 names both.
bool answered(Ctx& c, const ast::Rule& a, const ast::Rule& b) {
  if (c.note_quotes(a, "「" + b.name.text + "」") || c.note_quotes(b, "「" + a.name.text + "」")) return true;
  return std::any_of(c.p.rules.begin(), c.p.rules.end(), [&](const ast::Rule& r) {
    return c.note_quotes(r, "「" + a.name.text + "」") && c.note_quotes(r, "「" + b.name.text + "」");
  });
}

}  // namespace

void check_duplicate_pay(Ctx& c) {
  // What each money-paying branch computes on, and its satisfiable terms (computed once).
  struct Paying {
    size_t rule;
    const Branch* branch;
    std::set<model::Key> base;
    std::optional<model::Dnf> terms;
  };
  std::vector<Paying> paying;
  std::map<model::Key, std::vector<size_t>> by_base;  // base fact -> indices into `paying`
  size_t n = std::min(c.p.rules.size(), c.prog.rules.size());
  for (size_t r = 0; r < n; ++r) {
    for (const Branch& b : c.prog.rules[r].branches) {
      if (!pays_money(b.award)) continue;
      Paying p{r, &b, {}, std::nullopt};
      for (const Tier& t : b.award.tiers)
        if (t.amount) collect_keys(*t.amount, p.base, true);
      if (p.base.empty()) continue;
      p.terms = live_terms(c, *b.cond);
      for (model::Key k : p.base) by_base[k].push_back(paying.size());
      paying.push_back(std::move(p));
    }
  }
  auto can_meet = [&](const Paying& x, const Paying& y) {
    if (!x.terms || !y.terms) return true;  // unsure: assume they can
    for (const model::Term& p : *x.terms)
      for (const model::Term& q : *y.terms)
        if (c.model.satisfiable(c.model.meet(p, q))) return true;
    return false;
  };
  // One warning per rule: the first earlier rule it may duplicate.
  std::vector<bool> warned(n, false);
  for (size_t j = 0; j < paying.size(); ++j) {
    const Paying& y = paying[j];
    if (warned[y.rule]) continue;
    std::set<size_t> candidates;
    for (model::Key k : y.base)
      for (size_t i : by_base[k])
        if (paying[i].rule < y.rule) candidates.insert(i);
    for (size_t i : candidates) {
      const Paying& x = paying[i];
      const ast::Rule& ra = c.p.rules[x.rule];
      const ast::Rule& rb = c.p.rules[y.rule];
      if (x.branch->award.payer != y.branch->award.payer) continue;
      if (in_common_group(c.prog, static_cast<int>(x.rule), static_cast<int>(y.rule)) || answered(c, ra, rb)) continue;
      if (!can_meet(x, y)) continue;
      std::set<model::Key> shared;
      std::set_intersection(x.base.begin(), x.base.end(), y.base.begin(), y.base.end(), std::inserter(shared, shared.end()));
      c.report(DiagCode::W0608, rb.name.span, {rb.name.text, ra.name.text, "都按" + name_list(c, shared) + "计算"}, rb.article);
      warned[y.rule] = true;
      break;
    }
  }
}

}  // namespace zc::sema::lint_detail
