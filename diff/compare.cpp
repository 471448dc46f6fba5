// compare(): the structural pairing of the two drafts, then one semantic decision per changed rule,
// split, group and payer total (see diff.h). Results are compared before the groups for rules (what
// the clause itself gives) and after them for groups and totals (what the applicant finally gets).
#include <algorithm>
#include <set>

#include "base/units.h"
#include "diff/budget.h"
#include "diff/match.h"
#include "diff/semantic.h"
#include "diff/words.h"

namespace zc::diff {

using detail::Item;

bool Report::any_difference() const {
  auto differs = [](const Semantic& s) {
    return s.verdict == Semantic::Verdict::Differs || s.verdict == Semantic::Verdict::Unknown;
  };
  for (const RuleChange& r : rules)
    if (differs(r.semantic)) return true;
  for (const GroupChange& g : groups)
    if (differs(g.semantic)) return true;
  for (const PayerChange& p : payers)
    if (differs(p.semantic)) return true;
  return !internal_errors.empty();
}

namespace {

// Whether a result is worth showing as an example: it pays something other than 0元.
z3::expr telling(z3::context& c, const smt::Result& r) {
  z3::expr_vector any(c);
  for (const auto& [payer, part] : r.amounts) any.push_back(part.present && part.amount.hi > 0);
  any.push_back(r.case_by_case);
  any.push_back(r.unspecified);
  for (const auto& [text, granted] : r.benefits) any.push_back(granted);
  return r.awarded && z3::mk_or(any);
}

uint32_t line_of(const Version& v, const Span& s) { return v.source ? v.source->line_col(s.begin).line : 0; }

uint32_t group_line(const Version& v, const std::string& name) {
  for (const ast::CapGroup& g : v.policy->caps)
    if (g.name.text == name) return line_of(v, g.span);
  for (const ast::NoDupGroup& g : v.policy->nodups)
    if (g.name.text == name) return line_of(v, g.span);
  return 0;
}

// Everything compare() works with: both drafts, their encodings in one space, their VMs.
class Comparer {
 public:
  Comparer(const Version& a, const Version& b, const Options& o)
      : a_(a), b_(b), o_(o), space_(o.limits),
        ea_(space_, *a.program, a.policy->header.rounding, a.policy->header.rounding_unit),
        eb_(space_, *b.program, b.policy->header.rounding, b.policy->header.rounding_unit),
        bare_a_(bare(*a.module)), bare_b_(bare(*b.module)),
        vm_a_(*a.module), vm_b_(*b.module), vm_bare_a_(bare_a_), vm_bare_b_(bare_b_),
        decider_(space_, a, b, ea_.vars(), eb_.vars(), o, rep_.internal_errors),
        redefined_(detail::redefined(a, b)),
        naming_a_{a.policy.get(), &redefined_, "旧版"},
        naming_b_{b.policy.get(), &redefined_, "新版"} {}

  Report run() {
    rep_.old_path = a_.path;
    rep_.new_path = b_.path;
    rep_.old_title = a_.policy->header.title;
    rep_.new_title = b_.policy->header.title;
    rep_.decls = detail::declaration_changes(a_, b_);
    for (const detail::Pairing& p : detail::pair_rules(a_, b_)) rep_.rules.push_back(rule(p));
    groups();
    payers();
    if (!o_.input.empty()) {
      std::string error;
      auto budget = detail::budget(a_, b_, rep_, o_, error);
      if (budget) rep_.budget = std::move(*budget);
      else rep_.budget_error = error;
    }
    rep_.queries = space_.queries();
    return std::move(rep_);
  }

 private:
  static Module bare(const Module& m) {
    Module x = m;
    x.groups.clear();
    return x;
  }

  static std::vector<int> sorted(const std::set<int>& s) { return std::vector<int>(s.begin(), s.end()); }

  Semantic unknown(const std::string& why) {
    Semantic s;
    s.verdict = Semantic::Verdict::Unknown;
    s.reason = why;
    return s;
  }

  // Two drafts' rules compared on their own results (before the groups), several on a side as one.
  Semantic rules_item(const std::vector<int>& olds, const std::vector<int>& news, const std::string& label) {
    try {
      z3::context& c = space_.ctx();
      std::vector<const smt::Result*> ra, rb;
      for (int r : olds) ra.push_back(&ea_.rule(r));
      for (int r : news) rb.push_back(&eb_.rule(r));
      bool single = ra.size() <= 1 && rb.size() <= 1;
      smt::Result none = smt::combine(c, {});
      smt::Result xa = single ? (ra.empty() ? none : *ra[0]) : smt::combine(c, ra);
      smt::Result xb = single ? (rb.empty() ? none : *rb[0]) : smt::combine(c, rb);
      Item item{label, !smt::same(c, xa, xb), {}, true, {}, {}, {}, {}, {}, telling(c, xa) || telling(c, xb)};
      std::set<int> cone;
      for (int r : olds) {
        detail::rule_atoms(ea_, naming_a_, r, item.atoms);
        auto s = ea_.rule_reads(r);
        cone.insert(s.begin(), s.end());
        item.keys.push_back(ea_.rule(r).branch);
      }
      for (int r : news) {
        detail::rule_atoms(eb_, naming_b_, r, item.atoms);
        auto s = eb_.rule_reads(r);
        cone.insert(s.begin(), s.end());
        item.keys.push_back(eb_.rule(r).branch);
      }
      item.cone = sorted(cone);
      item.predict = [xa, xb](const z3::model& m) -> std::optional<Item::Pair> {
        auto x = smt::observe(m, xa);
        auto y = smt::observe(m, xb);
        if (!x || !y) return std::nullopt;
        return Item::Pair{*x, *y};
      };
      item.gives = [this, xa, xb](const Item::Pair& p) {
        z3::context& cx = space_.ctx();
        return smt::same(cx, xa, smt::constant(space_, p.first)) && smt::same(cx, xb, smt::constant(space_, p.second));
      };
      item.run = [this, olds, news, single](const std::vector<FactValue>& fa, const std::vector<FactValue>& fb) {
        Evaluation ea = vm_bare_a_.evaluate(fa), eb = vm_bare_b_.evaluate(fb);
        auto side = [&](const Module& m, const Evaluation& ev, const std::vector<int>& rs) {
          if (single) return rs.empty() ? smt::Observed{} : smt::observe(m, ev.rules[static_cast<size_t>(rs[0])]);
          std::vector<const RuleOutcome*> parts;
          for (int r : rs) parts.push_back(&ev.rules[static_cast<size_t>(r)]);
          return smt::observe_combined(m, parts);
        };
        return Item::Pair{side(bare_a_, ea, olds), side(bare_b_, eb, news)};
      };
      return decider_.decide(item, o_.max_regions);
    } catch (const smt::Unsupported& u) {
      return unknown("无法编码：" + u.what);
    }
  }

  RuleChange rule(const detail::Pairing& p) {
    RuleChange rc;
    rc.kind = p.kind;
    for (int r : p.olds) rc.old_names.push_back(a_.policy->rules[static_cast<size_t>(r)].name.text);
    for (int r : p.news) rc.new_names.push_back(b_.policy->rules[static_cast<size_t>(r)].name.text);
    rc.article = !p.news.empty() ? detail::article_of(b_, p.news.front()) : detail::article_of(a_, p.olds.front());
    rc.line_in_new = !p.news.empty();
    rc.line = rc.line_in_new ? line_of(b_, b_.policy->rules[static_cast<size_t>(p.news.front())].span)
                             : line_of(a_, a_.policy->rules[static_cast<size_t>(p.olds.front())].span);
    std::string ta, tb;
    for (int r : p.olds) ta += detail::rule_text(a_, r);
    for (int r : p.news) tb += detail::rule_text(b_, r);
    auto [x, y] = detail::mark_changes(ta, tb);
    rc.old_text = std::move(x);
    rc.new_text = std::move(y);
    std::string label = "规则「" + (rc.new_names.empty() ? rc.old_names.front() : rc.new_names.front()) + "」";
    switch (p.kind) {
      case RuleChange::Kind::Unchanged:
        rc.semantic.verdict = Semantic::Verdict::Identical;
        return rc;
      case RuleChange::Kind::Changed:
      case RuleChange::Kind::Renamed: {
        int ra = p.olds.front(), rb = p.news.front();
        rc.aspects = detail::aspects(a_, ra, b_, rb);
        if (detail::rule_fingerprint(a_, ra) == detail::rule_fingerprint(b_, rb)) {
          rc.semantic.verdict = Semantic::Verdict::Identical;
          return rc;
        }
        rc.semantic = rules_item(p.olds, p.news, label);
        return rc;
      }
      case RuleChange::Kind::Split:
        rc.aspects = {"拆分"};
        rc.semantic = rules_item(p.olds, p.news, label);
        return rc;
      case RuleChange::Kind::Added:
      case RuleChange::Kind::Removed:
        rc.semantic = rules_item(p.olds, p.news, label);
        return rc;
    }
    return rc;
  }

  // A rule's fate: whether its own result may differ between the drafts (by name).
  bool rule_may_differ(const std::string& name) const {
    for (const RuleChange& r : rep_.rules) {
      bool mine = std::find(r.old_names.begin(), r.old_names.end(), name) != r.old_names.end() ||
                  std::find(r.new_names.begin(), r.new_names.end(), name) != r.new_names.end();
      if (mine && r.semantic.verdict != Semantic::Verdict::Identical && r.semantic.verdict != Semantic::Verdict::Equal) return true;
    }
    return false;
  }

  const sema::Group* find_group(const Version& v, const std::string& name) const {
    for (const sema::Group& g : v.program->groups)
      if (g.name == name) return &g;
    return nullptr;
  }

  void groups() {
    std::vector<std::string> names;
    for (const sema::Group& g : b_.program->groups) names.push_back(g.name);
    for (const sema::Group& g : a_.program->groups)
      if (!find_group(b_, g.name)) names.push_back(g.name);
    for (const std::string& name : names) {
      const sema::Group* ga = find_group(a_, name);
      const sema::Group* gb = find_group(b_, name);
      GroupChange gc;
      gc.name = name;
      gc.cap = (gb ? gb : ga)->kind == GroupKind::Cap;
      gc.line_in_new = gb != nullptr;
      gc.line = gb ? group_line(b_, name) : group_line(a_, name);
      gc.kind = !ga ? GroupChange::Kind::Added : !gb ? GroupChange::Kind::Removed : GroupChange::Kind::Unchanged;
      std::string ta = ga ? detail::group_text(a_, *ga) : "", tb = gb ? detail::group_text(b_, *gb) : "";
      auto [x, y] = detail::mark_changes(ta, tb);
      gc.old_text = std::move(x);
      gc.new_text = std::move(y);
      bool same_decl = ga && gb && detail::group_fingerprint(a_, *ga) == detail::group_fingerprint(b_, *gb);
      if (ga && gb && !same_decl) gc.kind = GroupChange::Kind::Changed;
      bool members_may_differ = false;
      for (const sema::Group* g : {ga, gb}) {
        if (!g) continue;
        const Version& v = g == ga ? a_ : b_;
        for (int m : g->members) members_may_differ = members_may_differ || rule_may_differ(v.policy->rules[static_cast<size_t>(m)].name.text);
      }
      if (same_decl && !members_may_differ && payer_roles_same()) {
        gc.semantic.verdict = Semantic::Verdict::Identical;
      } else {
        gc.semantic = group_item(ga, gb, "「" + name + "」");
      }
      rep_.groups.push_back(std::move(gc));
    }
  }

  // The members of a group (by name, from both drafts) after the groups, taken together.
  Semantic group_item(const sema::Group* ga, const sema::Group* gb, const std::string& label) {
    std::set<std::string> names;
    for (const sema::Group* g : {ga, gb}) {
      if (!g) continue;
      const Version& v = g == ga ? a_ : b_;
      for (int m : g->members) names.insert(v.policy->rules[static_cast<size_t>(m)].name.text);
    }
    std::vector<int> ra, rb;
    for (const std::string& n : names) {
      for (size_t i = 0; i < a_.policy->rules.size(); ++i)
        if (a_.policy->rules[i].name.text == n) ra.push_back(static_cast<int>(i));
      for (size_t i = 0; i < b_.policy->rules.size(); ++i)
        if (b_.policy->rules[i].name.text == n) rb.push_back(static_cast<int>(i));
    }
    try {
      z3::context& c = space_.ctx();
      const smt::Encoding::Final& fa = ea_.final();
      const smt::Encoding::Final& fb = eb_.final();
      std::vector<const smt::Result*> pa, pb;
      for (int r : ra) pa.push_back(&fa.rules[static_cast<size_t>(r)]);
      for (int r : rb) pb.push_back(&fb.rules[static_cast<size_t>(r)]);
      smt::Result xa = smt::combine(c, pa), xb = smt::combine(c, pb);
      Item item{label, !smt::same(c, xa, xb), {}, true, {}, {}, {}, {}, {}, telling(c, xa) || telling(c, xb)};
      // Whether the members together reach the cap, in each draft that caps them.
      for (const sema::Group* g : {ga, gb}) {
        if (!g || g->kind != GroupKind::Cap || !g->cap) continue;
        bool older = g == ga;
        const Version& v = older ? a_ : b_;
        smt::Encoding& enc = older ? ea_ : eb_;
        z3::expr sum = enc.zero();
        std::string members;
        for (int m : g->members) {
          const smt::Result& r = enc.rule(m);
          for (const auto& [payer, part] : r.amounts) {
            bool local = false;
            for (const sema::Payer& p : v.program->payers) local = local || (p.name == payer && p.role == PayerRole::Local);
            if (local) sum = sum + z3::ite(r.awarded && part.present, part.amount.hi, enc.zero());
          }
          members += (members.empty() ? "「" : "、「") + v.policy->rules[static_cast<size_t>(m)].name.text + "」";
        }
        std::string limit = money_text(*g->cap);
        detail::Atom atom{detail::Atom::Kind::Other, sum > space_.constant(*g->cap), -1, CmpOp::Gt, Rational(0), -1,
                          members + "合计超过" + limit, members + "合计不超过" + limit};
        bool dup = false;
        for (const detail::Atom& x : item.atoms) dup = dup || z3::eq(x.e, atom.e);
        if (!dup) item.atoms.push_back(std::move(atom));
      }
      std::set<int> cone;
      for (int r : ra) {
        detail::rule_atoms(ea_, naming_a_, r, item.atoms);
        auto s = ea_.rule_reads(r);
        cone.insert(s.begin(), s.end());
        item.keys.push_back(fa.rules[static_cast<size_t>(r)].awarded);
      }
      for (int r : rb) {
        detail::rule_atoms(eb_, naming_b_, r, item.atoms);
        auto s = eb_.rule_reads(r);
        cone.insert(s.begin(), s.end());
        item.keys.push_back(fb.rules[static_cast<size_t>(r)].awarded);
      }
      // A group's members are capped or excluded together with the rules of other groups they
      // share: their results read whatever those rules read.
      for (size_t r = 0; r < a_.program->rules.size(); ++r) {
        auto s = ea_.rule_reads(static_cast<int>(r));
        if (!detail::groups_of(a_, static_cast<int>(r)).empty()) cone.insert(s.begin(), s.end());
      }
      for (size_t r = 0; r < b_.program->rules.size(); ++r) {
        auto s = eb_.rule_reads(static_cast<int>(r));
        if (!detail::groups_of(b_, static_cast<int>(r)).empty()) cone.insert(s.begin(), s.end());
      }
      item.cone = sorted(cone);
      item.predict = [xa, xb](const z3::model& m) -> std::optional<Item::Pair> {
        auto x = smt::observe(m, xa);
        auto y = smt::observe(m, xb);
        if (!x || !y) return std::nullopt;
        return Item::Pair{*x, *y};
      };
      item.gives = [this, xa, xb](const Item::Pair& p) {
        z3::context& cx = space_.ctx();
        return smt::same(cx, xa, smt::constant(space_, p.first)) && smt::same(cx, xb, smt::constant(space_, p.second));
      };
      item.run = [this, ra, rb](const std::vector<FactValue>& f1, const std::vector<FactValue>& f2) {
        Evaluation e1 = vm_a_.evaluate(f1), e2 = vm_b_.evaluate(f2);
        auto side = [](const Module& m, const Evaluation& ev, const std::vector<int>& rs) {
          std::vector<const RuleOutcome*> parts;
          for (int r : rs) parts.push_back(&ev.rules[static_cast<size_t>(r)]);
          return smt::observe_combined(m, parts);
        };
        return Item::Pair{side(*a_.module, e1, ra), side(*b_.module, e2, rb)};
      };
      return decider_.decide(item, o_.max_regions);
    } catch (const smt::Unsupported& u) {
      return unknown("无法编码：" + u.what);
    }
  }

  bool payer_roles_same() const {
    auto roles = [](const sema::Program& p) {
      std::set<std::pair<std::string, int>> s;
      for (const sema::Payer& x : p.payers) s.emplace(x.name, static_cast<int>(x.role));
      return s;
    };
    return roles(*a_.program) == roles(*b_.program);
  }

  void payers() {
    bool any_rule = false;
    for (const RuleChange& r : rep_.rules)
      any_rule = any_rule || (r.semantic.verdict != Semantic::Verdict::Identical && r.semantic.verdict != Semantic::Verdict::Equal);
    bool any_group = false;
    for (const GroupChange& g : rep_.groups) any_group = any_group || g.kind != GroupChange::Kind::Unchanged;
    std::vector<std::string> names;
    for (const sema::Payer& p : b_.program->payers) names.push_back(p.name);
    for (const sema::Payer& p : a_.program->payers)
      if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
    auto role_word = [](PayerRole r) { return r == PayerRole::Local ? "本级" : r == PayerRole::Upper ? "上级" : "其他方"; };
    for (const std::string& name : names) {
      PayerChange pc;
      pc.name = name;
      const sema::Payer* pa = nullptr;
      const sema::Payer* pb = nullptr;
      for (const sema::Payer& p : a_.program->payers)
        if (p.name == name) pa = &p;
      for (const sema::Payer& p : b_.program->payers)
        if (p.name == name) pb = &p;
      if (!pa && pb) pc.what = std::string("新增（") + role_word(pb->role) + "）";
      else if (!pb) pc.what = "删除";
      else if (pa->role != pb->role) pc.what = std::string(role_word(pa->role)) + "改为" + role_word(pb->role);
      // Totals are sums of the rules' results after the groups: when no rule and no group may
      // differ and the payers' roles are the same, they are the same for every applicant.
      if (!any_rule && !any_group && payer_roles_same()) {
        pc.semantic.verdict = Semantic::Verdict::Identical;
      } else {
        pc.semantic = total_item(name);
      }
      rep_.payers.push_back(std::move(pc));
    }
  }

  Semantic total_item(const std::string& payer) {
    try {
      const smt::Encoding::Final& fa = ea_.final();
      const smt::Encoding::Final& fb = eb_.final();
      smt::Num zero = ea_.exact(ea_.zero());
      auto total = [&](const smt::Encoding::Final& f) {
        auto it = f.totals.find(payer);
        return it == f.totals.end() ? zero : it->second;
      };
      smt::Num ta = total(fa), tb = total(fb);
      // The totals compared without the rules whose part is the same term in both drafts (they
      // cancel exactly), so that the solver sees only what may differ.
      auto parts_of = [&](const smt::Encoding::Final& f) {
        auto it = f.parts.find(payer);
        return it == f.parts.end() ? std::vector<std::optional<smt::Num>>{} : it->second;
      };
      std::vector<std::optional<smt::Num>> pa = parts_of(fa), pb = parts_of(fb);
      pa.resize(a_.program->rules.size());
      pb.resize(b_.program->rules.size());
      std::vector<bool> keep_a(pa.size(), true), keep_b(pb.size(), true);
      for (size_t i = 0; i < pa.size(); ++i) {
        for (size_t j = 0; j < pb.size(); ++j) {
          if (!keep_b[j] || a_.policy->rules[i].name.text != b_.policy->rules[j].name.text) continue;
          bool same_term = (!pa[i] && !pb[j]) ||
                           (pa[i] && pb[j] && z3::eq(pa[i]->lo, pb[j]->lo) && z3::eq(pa[i]->hi, pb[j]->hi));
          if (same_term) keep_a[i] = keep_b[j] = false;
        }
      }
      z3::expr la = ea_.zero(), ha = ea_.zero(), lb = ea_.zero(), hb = ea_.zero();
      std::set<int> cone;
      auto include = [&](const Version& v, smt::Encoding& enc, size_t r) {
        auto s = enc.rule_reads(static_cast<int>(r));
        cone.insert(s.begin(), s.end());
        // A member of a group reads what the other members read.
        for (const sema::Group& g : v.program->groups) {
          if (std::find(g.members.begin(), g.members.end(), static_cast<int>(r)) == g.members.end()) continue;
          for (int m : g.members) {
            auto t = enc.rule_reads(m);
            cone.insert(t.begin(), t.end());
          }
        }
      };
      for (size_t i = 0; i < pa.size(); ++i) {
        if (!keep_a[i]) continue;
        include(a_, ea_, i);
        if (pa[i]) {
          la = la + pa[i]->lo;
          ha = ha + pa[i]->hi;
        }
      }
      for (size_t j = 0; j < pb.size(); ++j) {
        if (!keep_b[j]) continue;
        include(b_, eb_, j);
        if (pb[j]) {
          lb = lb + pb[j]->lo;
          hb = hb + pb[j]->hi;
        }
      }
      Item item{"出资方「" + payer + "」合计", la != lb || ha != hb, {}, false, {}, {}, {}, {}, {}, lb > 0 || hb > 0 || la > 0 || ha > 0};
      // Witnesses are told apart by which of the rules that may differ pay.
      for (size_t r = 0; r < a_.program->rules.size(); ++r)
        if (keep_a[r] && rule_may_differ(a_.policy->rules[r].name.text)) item.keys.push_back(fa.rules[r].awarded);
      for (size_t r = 0; r < b_.program->rules.size(); ++r)
        if (keep_b[r] && rule_may_differ(b_.policy->rules[r].name.text)) item.keys.push_back(fb.rules[r].awarded);
      item.cone = sorted(cone);
      auto observed = [payer](const std::optional<Interval>& v) {
        smt::Observed o;
        if (!v) {
          o.status = RuleStatus::Error;
          return o;
        }
        o.status = RuleStatus::Awarded;
        o.amounts[payer] = *v;
        return o;
      };
      item.predict = [ta, tb, observed](const z3::model& m) -> std::optional<Item::Pair> {
        auto at = [&](const smt::Num& n) -> std::optional<Interval> {
          auto lo = smt::Space::rational(m.eval(n.lo, true).simplify());
          auto hi = smt::Space::rational(m.eval(n.hi, true).simplify());
          if (!lo || !hi) return std::nullopt;
          return Interval{*lo, *hi};
        };
        auto x = at(ta), y = at(tb);
        if (!x || !y) return std::nullopt;
        return Item::Pair{observed(x), observed(y)};
      };
      item.run = [this, payer, observed](const std::vector<FactValue>& f1, const std::vector<FactValue>& f2) {
        auto side = [&](Vm& vm, const Module& m, const std::vector<FactValue>& f) -> std::optional<Interval> {
          Evaluation ev = vm.evaluate(f);
          if (ev.has_error) return std::nullopt;
          for (size_t p = 0; p < m.payers.size(); ++p)
            if (m.str(m.payers[p].name) == payer) return ev.payer_totals[p];
          return Interval::exact(Rational(0));
        };
        return Item::Pair{observed(side(vm_a_, *a_.module, f1)), observed(side(vm_b_, *b_.module, f2))};
      };
      return decider_.decide(item, o_.max_total_witnesses);
    } catch (const smt::Unsupported& u) {
      return unknown("无法编码：" + u.what);
    }
  }

  const Version& a_;
  const Version& b_;
  const Options& o_;
  Report rep_;
  smt::Space space_;
  smt::Encoding ea_, eb_;
  Module bare_a_, bare_b_;
  Vm vm_a_, vm_b_, vm_bare_a_, vm_bare_b_;
  detail::Decider decider_;
  std::set<std::string> redefined_;
  detail::Naming naming_a_, naming_b_;
};

}  // namespace

bool solver_available(std::string& why) { return smt::solver_available(why); }

Report compare(const Version& older, const Version& newer, const Options& opts) {
  Comparer c(older, newer, opts);
  return c.run();
}

}  // namespace zc::diff
