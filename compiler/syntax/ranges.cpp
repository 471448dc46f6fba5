// Settling the open ends of ranges (see ranges.h). Only numbers written as literals are compared;
// the neighbour must compare the same fact (alternatives) or be a band of the same table.
#include "compiler/syntax/ranges.h"

#include <functional>

namespace zc::syntax {
namespace {

// One end a comparison states: at `v`, a lower end (its side lies above v) or an upper end, and
// whether v is included.
struct End {
  Rational v;
  ast::LitKind kind;
  bool lower;
  bool incl;
};

bool has_word(const ast::Comparison& c) { return !c.pre.empty() || !c.post.empty(); }

// The ends a comparison states (a range: its marked ends; a bound word: its one end).
void stated_ends(const ast::Comparison& c, std::vector<End>& out) {
  if (c.rhs.kind != ast::Value::Kind::Literal) return;
  const ast::Literal& l = c.rhs.lit;
  if (c.between) {
    if (c.lo_incl) out.push_back(End{l.value, l.kind, true, *c.lo_incl});
    if (c.hi_incl && l.hi) out.push_back(End{*l.hi, l.kind, false, *c.hi_incl});
    return;
  }
  if (!has_word(c) || l.hi) return;
  switch (c.op) {
    case CmpOp::Ge: out.push_back(End{l.value, l.kind, true, true}); break;
    case CmpOp::Gt: out.push_back(End{l.value, l.kind, true, false}); break;
    case CmpOp::Le: out.push_back(End{l.value, l.kind, false, true}); break;
    case CmpOp::Lt: out.push_back(End{l.value, l.kind, false, false}); break;
    case CmpOp::Eq: break;
  }
}

// The open ends of `c`, settled from the ends its neighbours state: an upper end at v is included
// exactly when the neighbour's lower end at v is not (the number belongs to one side), and the same
// for a lower end.
void settle(ast::Comparison& c, const std::vector<End>& neighbours) {
  if (!c.between || c.rhs.kind != ast::Value::Kind::Literal || !c.rhs.lit.hi) return;
  const ast::Literal& l = c.rhs.lit;
  auto from = [&](const Rational& v, bool want_lower) -> std::optional<bool> {
    for (const End& e : neighbours)
      if (e.lower == want_lower && e.kind == l.kind && e.v == v) return !e.incl;
    return std::nullopt;
  };
  if (!c.lo_incl) c.lo_incl = from(l.value, false);
  if (!c.hi_incl) c.hi_incl = from(*l.hi, true);
}

void each_cmp(ast::Cond& c, const std::function<void(const std::string&, ast::Comparison&)>& f) {
  if (c.kind == ast::Cond::Kind::Fact && c.cmp && c.names.size() == 1) f(c.names[0].text, *c.cmp);
  for (auto& ch : c.children) each_cmp(*ch, f);
}

// Alternatives: each branch's comparisons on a fact, settled from the other branches' on the same fact.
void settle_alternatives(std::vector<std::vector<std::pair<std::string, ast::Comparison*>>>& branches) {
  std::vector<std::vector<std::pair<std::string, End>>> stated(branches.size());
  for (size_t i = 0; i < branches.size(); ++i)
    for (auto& [fact, cmp] : branches[i]) {
      std::vector<End> ends;
      stated_ends(*cmp, ends);
      for (const End& e : ends) stated[i].emplace_back(fact, e);
    }
  for (size_t i = 0; i < branches.size(); ++i)
    for (auto& [fact, cmp] : branches[i]) {
      std::vector<End> neighbours;
      for (size_t j = 0; j < branches.size(); ++j)
        if (j != i)
          for (const auto& [f, e] : stated[j])
            if (f == fact) neighbours.push_back(e);
      settle(*cmp, neighbours);
    }
}

}  // namespace

void settle_range_ends(ast::Policy& p) {
  for (ast::Define& d : p.defines) {
    if (d.kind == ast::Define::Kind::Bands) {
      std::vector<std::vector<End>> stated(d.bands.size());
      for (size_t i = 0; i < d.bands.size(); ++i) {
        if (d.bands[i].lo) stated_ends(*d.bands[i].lo, stated[i]);
        if (d.bands[i].hi) stated_ends(*d.bands[i].hi, stated[i]);
      }
      for (size_t i = 0; i < d.bands.size(); ++i) {
        std::vector<End> neighbours;
        for (size_t j = 0; j < d.bands.size(); ++j)
          if (j != i) neighbours.insert(neighbours.end(), stated[j].begin(), stated[j].end());
        if (d.bands[i].lo) settle(*d.bands[i].lo, neighbours);
      }
    } else if (d.kind == ast::Define::Kind::Cases) {
      std::vector<std::vector<std::pair<std::string, ast::Comparison*>>> branches;
      for (ast::CaseBranch& b : d.cases) {
        branches.emplace_back();
        if (b.cond) each_cmp(*b.cond, [&](const std::string& f, ast::Comparison& c) { branches.back().emplace_back(f, &c); });
      }
      settle_alternatives(branches);
    }
  }
  // The parts of an amount (200万元（含）至1000万元的部分), settled from each other as bands are.
  for (ast::Rule& r : p.rules)
    for (ast::Clause& cl : r.branches) {
      std::vector<ast::Award::Part>& parts = cl.award.parts;
      std::vector<std::vector<End>> stated(parts.size());
      for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].lo) stated_ends(*parts[i].lo, stated[i]);
        if (parts[i].hi) stated_ends(*parts[i].hi, stated[i]);
      }
      for (size_t i = 0; i < parts.size(); ++i) {
        std::vector<End> neighbours;
        for (size_t j = 0; j < parts.size(); ++j)
          if (j != i) neighbours.insert(neighbours.end(), stated[j].begin(), stated[j].end());
        if (parts[i].lo) settle(*parts[i].lo, neighbours);
      }
    }
  for (ast::Rule& r : p.rules) {
    std::vector<std::vector<std::pair<std::string, ast::Comparison*>>> branches;
    for (ast::Clause& cl : r.branches) {
      branches.emplace_back();
      for (ast::CondSeg& seg : cl.conds)
        if (seg.cond) each_cmp(*seg.cond, [&](const std::string& f, ast::Comparison& c) { branches.back().emplace_back(f, &c); });
    }
    settle_alternatives(branches);
  }
}

}  // namespace zc::syntax
