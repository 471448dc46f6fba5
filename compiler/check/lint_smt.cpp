// Drafting checks decided by Z3 over the checked program (compiler/smt), for what the
// one-fact-at-a-time condition model (cond_model.h) cannot see: conditions and alternatives that
// relations between facts or the values of definitions make impossible or unreachable (W0611,
// W0612), 不重复 groups whose members never pay together (W0613), group caps that the members'
// conditions keep from ever binding or make always bind (W0614, W0615), and bands bounded by names
// that leave a gap or overlap (W0616, W0617, each with an applicant that shows it).
// They only add findings the model-based checks did not make (never the same one twice), they only
// run where the model cannot decide (a condition of single facts and numbers goes to cond_model
// alone), and a question the solver does not settle within its limits gives no finding.
#include <algorithm>
#include <functional>
#include <set>

#include "base/units.h"
#include "compiler/check/lint_internal.h"
#include "compiler/smt/encode.h"

namespace zc::sema::lint_detail {
namespace {

using Op = Expr::Op;

// Limits for checks that run on every `zhengce check`: small, since an unanswered question only
// means no finding.
smt::Limits check_limits() {
  smt::Limits l;
  l.rlimit = 2000000;
  l.timeout_ms = 2000;
  return l;
}

// A condition cond_model decides exactly: yes/no facts, options, and comparisons of one fact with a
// number, joined by 且 / 或 / 未.
bool single_fact(const Expr& e) {
  switch (e.op) {
    case Op::True:
    case Op::False:
      return true;
    case Op::Fact:
      return e.type == ValueType::Bool;
    case Op::Not:
    case Op::And:
    case Op::Or:
      return std::all_of(e.args.begin(), e.args.end(), [](const ExprPtr& a) { return a && single_fact(*a); });
    case Op::Cmp: {
      if (e.args.size() != 2 || !e.args[0] || !e.args[1]) return false;
      auto plain = [](const Expr& x) { return x.op == Op::Fact || (x.op == Op::Const && !x.c2); };
      return plain(*e.args[0]) && plain(*e.args[1]) && (e.args[0]->op == Op::Const) != (e.args[1]->op == Op::Const);
    }
    case Op::OptEq:
      return !e.args.empty() && e.args[0] && e.args[0]->op == Op::Fact;
    default:
      return false;
  }
}

void derived_refs(const Expr& e, std::set<int>& out) {
  if (e.op == Op::Derived) out.insert(e.ref);
  for (const ExprPtr& a : e.args)
    if (a) derived_refs(*a, out);
}

class SmtChecks {
 public:
  explicit SmtChecks(Ctx& c) : c_(c) {}

  void run() {
    try {
      conditions();
      alternatives();
      nodups();
      caps();
      bands();
    } catch (const z3::exception&) {
      // An internal solver failure: the checks it would have made are skipped, never guessed.
    } catch (const NoSolver&) {
      // No solver library (a broken installation): the same. The rest of `check` does not need it.
    }
  }

 private:
  struct NoSolver {};

  // The encoding, made on the first question that needs the solver: libz3 is loaded then (base/lazy.h),
  // so a policy whose questions are all trivial is checked without it.
  smt::Encoding& enc() {
    if (!enc_) {
      if (std::string why; !smt::solver_available(why)) throw NoSolver{};
      // One context per thread for every file checked there: a context costs milliseconds to make.
      static thread_local z3::context shared;
      space_.emplace(shared, check_limits());
      enc_.emplace(*space_, c_.prog, c_.p.header.rounding, c_.p.header.rounding_unit);
    }
    return *enc_;
  }

  bool reported(std::initializer_list<DiagCode> codes, Span at) const {
    return std::any_of(c_.out.begin(), c_.out.end(), [&](const Diagnostic& d) {
      return d.has_span && d.span.begin == at.begin && std::find(codes.begin(), codes.end(), d.code) != codes.end();
    });
  }

  // Whether `formula` (over the domain of what it reads) is satisfiable: nullopt when not decided.
  std::optional<bool> sat(const std::vector<z3::expr>& formulas, const std::set<int>& reads, std::optional<z3::model>* model = nullptr) {
    std::vector<int> vars(reads.begin(), reads.end());
    std::vector<z3::expr> all = formulas;
    all.push_back(space_->domain(&vars));
    smt::Verdict v = space_->check(all, model);
    if (v == smt::Verdict::Unknown) return std::nullopt;
    return v == smt::Verdict::Sat;
  }

  std::string text(const Expr& e) const { return c_.text(e.span); }

  // A condition as the drafter wrote it: a comparison's span holds only its bound words, so the
  // compared value is put in front (「总分」超过60分).
  std::string words(const Expr& e) const {
    std::string s = text(e);
    if (e.op == Op::Cmp && !e.args.empty() && e.args[0] && e.args[0]->span.end <= e.span.begin) s = text(*e.args[0]) + s;
    return s;
  }

  // Why a condition can never hold: the fewest of its conjuncts that already cannot, as written,
  // and for a single comparison the extreme value that keeps it from holding (「总分」最多为50分).
  std::string reason(const Expr& cond) {
    std::vector<const Expr*> parts;
    if (cond.op == Op::And) {
      for (const ExprPtr& a : cond.args) parts.push_back(a.get());
    } else {
      parts.push_back(&cond);
    }
    std::vector<bool> keep(parts.size(), true);
    for (size_t i = 0; i < parts.size() && parts.size() > 1; ++i) {
      keep[i] = false;
      std::vector<z3::expr> f;
      std::set<int> reads;
      for (size_t k = 0; k < parts.size(); ++k) {
        if (!keep[k]) continue;
        f.push_back(enc().cond(*parts[k]));
        auto r = enc().reads(*parts[k]);
        reads.insert(r.begin(), r.end());
      }
      if (sat(f, reads) != std::optional<bool>(false)) keep[i] = true;
    }
    std::vector<const Expr*> kept;
    for (size_t i = 0; i < parts.size(); ++i)
      if (keep[i]) kept.push_back(parts[i]);
    std::string s;
    for (const Expr* e : kept) s += (s.empty() ? "" : "与") + words(*e);
    if (kept.size() > 1) return s + "不能同时成立";
    if (kept.size() == 1 && kept[0]->op == Op::Cmp && kept[0]->args.size() == 2 && kept[0]->args[1]->op == Op::Const) {
      const Expr& lhs = *kept[0]->args[0];
      bool upper = kept[0]->cmp == CmpOp::Gt || kept[0]->cmp == CmpOp::Ge;
      if (auto bound = extreme(lhs, upper)) return s + "，而" + text(lhs) + (upper ? "最多为" : "最少为") + *bound;
    }
    return s;
  }

  // The largest (or smallest) value a numeric expression takes, in its own unit, when the solver
  // pins it down; nullopt otherwise.
  std::optional<std::string> extreme(const Expr& e, bool largest) {
    smt::Val v = enc().value(e);
    if (v.kind != smt::Val::Kind::Num) return std::nullopt;
    z3::expr x = v.n.lo;
    std::set<int> reads = enc().reads(e);
    std::optional<z3::model> m;
    if (sat({x == x}, reads, &m) != std::optional<bool>(true) || !m) return std::nullopt;
    auto best = smt::Space::rational(m->eval(x, true).simplify());
    for (int round = 0; round < 16 && best; ++round) {
      std::optional<z3::model> better;
      auto s = sat({largest ? x > space_->constant(*best) : x < space_->constant(*best)}, reads, &better);
      if (s == std::optional<bool>(false)) return value_words(e, *best);
      if (!s || !better) return std::nullopt;
      best = smt::Space::rational(better->eval(x, true).simplify());
    }
    return std::nullopt;
  }

  std::string value_words(const Expr& e, const Rational& v) const {
    switch (e.type) {
      case ValueType::Money: return money_text(v);
      case ValueType::Rate: return rate_text(v);
      case ValueType::Points: return v.to_decimal() + "分";
      case ValueType::Count:
      case ValueType::Date:
      case ValueType::Bool:
      case ValueType::Option:
        break;
    }
    return v.to_decimal();
  }

  // Answers many satisfiability questions with few queries: a model satisfying their disjunction
  // answers every question it satisfies at once, and when the rest cannot hold together none of
  // them can. A question left undecided (a solver limit) is nullopt.
  std::vector<std::optional<bool>> decide(const std::vector<z3::expr>& qs, const std::set<int>& reads) {
    std::vector<std::optional<bool>> out(qs.size());
    std::vector<size_t> open;
    // Most questions hold for some plain applicant: try a few before asking the solver.
    for (size_t i = 0; i < qs.size(); ++i) {
      for (const z3::model& m : plain_applicants())
        if (m.eval(qs[i], true).is_true()) out[i] = true;
      if (!out[i]) open.push_back(i);
    }
    while (!open.empty()) {
      z3::expr_vector any(space_->ctx());
      for (size_t i : open) any.push_back(qs[i]);
      std::optional<z3::model> m;
      auto s = sat({z3::mk_or(any)}, reads, &m);
      if (s == std::optional<bool>(false)) {
        for (size_t i : open) out[i] = false;
        break;
      }
      std::vector<size_t> still;
      if (s && m)
        for (size_t i : open) {
          if (m->eval(qs[i], true).is_true()) out[i] = true;
          else still.push_back(i);
        }
      if (!s || !m || still.size() == open.size()) {  // undecided: one question at a time
        for (size_t i : open) out[i] = sat({qs[i]}, reads);
        break;
      }
      open = std::move(still);
    }
    return out;
  }

  // Applicants in the domain that answer most satisfiability questions by evaluation alone: every
  // yes/no fact 否 or every one 是, amounts zero or large, every option its first one.
  const std::vector<z3::model>& plain_applicants() {
    if (!plain_.empty() && plain_vars_ == space_->size()) return plain_;
    plain_.clear();
    plain_vars_ = space_->size();
    z3::context& x = space_->ctx();
    for (int shape = 0; shape < 4; ++shape) {
      bool yes = shape & 1, large = shape & 2;
      z3::model m(x);
      for (size_t v = 0; v < space_->size(); ++v) {
        const smt::Var& var = space_->var(static_cast<int>(v));
        z3::expr value = x.bool_val(yes);
        switch (var.type) {
          case ValueType::Bool: break;
          case ValueType::Option: {
            auto it = std::find(var.common.begin(), var.common.end(), true);
            if (it == var.common.end()) continue;
            value = x.int_val(static_cast<int>(it - var.common.begin()));
            break;
          }
          case ValueType::Money:
          case ValueType::Rate:
          case ValueType::Count:
          case ValueType::Date:
          case ValueType::Points: {
            int64_t n = !large ? 0 : var.type == ValueType::Money ? 1000000000 : var.type == ValueType::Rate ? 1 : 1000;
            value = var.e.is_int() ? x.int_val(n) : x.real_val(n);
            break;
          }
        }
        z3::func_decl d = var.e.decl();
        m.add_const_interp(d, value);
      }
      plain_.push_back(m);
    }
    return plain_;
  }

  struct Question {
    const Expr* cond;
    Span at;
    int article;
    int define = -1;  // a yes/no definition, or -1 for a rule's alternative
  };

  // W0611: rule alternatives and yes/no definitions that can never hold. Definitions first: a rule
  // that uses an impossible definition is not reported again.
  void conditions() {
    std::vector<Question> defs;
    for (size_t i = 0; i < c_.p.defines.size() && i < c_.prog.derived.size(); ++i) {
      const ast::Define& d = c_.p.defines[i];
      const Expr* value = c_.prog.derived[i].value.get();
      if (d.kind != ast::Define::Kind::Cond || !value || !d.cond) continue;
      if (reported({DiagCode::W0605}, d.cond->span)) {
        impossible_.insert(static_cast<int>(i));
        continue;
      }
      if (!single_fact(*value)) defs.push_back(Question{value, d.cond->span, d.article, static_cast<int>(i)});
    }
    never(defs);
    std::vector<Question> rules;
    for (size_t r = 0; r < c_.p.rules.size() && r < c_.prog.rules.size(); ++r) {
      const ast::Rule& rule = c_.p.rules[r];
      const Rule& pr = c_.prog.rules[r];
      if (pr.branches.size() != rule.branches.size()) continue;
      for (size_t b = 0; b < pr.branches.size(); ++b) {
        if (pr.branches[b].joined) continue;  // 另行: never taken on its own
        const Expr& cond = *pr.branches[b].cond;
        Span at = cond_span(rule.branches[b]);
        if (single_fact(cond) || reported({DiagCode::W0605}, at)) continue;
        std::set<int> used;
        derived_refs(cond, used);
        if (std::any_of(used.begin(), used.end(), [&](int d) { return impossible_.count(d) > 0; })) continue;
        rules.push_back(Question{&cond, at, rule.article});
      }
    }
    never(rules);
  }

  static Span cond_span(const ast::Clause& cl) {
    Span s = cl.span;
    bool first = true;
    for (const ast::CondSeg& seg : cl.conds) {
      if (seg.kind == ast::CondSeg::Kind::OnTop) continue;
      s = first ? seg.span : s.to(seg.span);
      first = false;
    }
    return s;
  }

  void never(const std::vector<Question>& qs) {
    if (qs.empty()) return;
    std::vector<z3::expr> fs;
    std::vector<const Question*> asked;
    std::set<int> reads;
    for (const Question& q : qs) {
      try {
        fs.push_back(enc().cond(*q.cond));
        auto r = enc().reads(*q.cond);
        reads.insert(r.begin(), r.end());
        asked.push_back(&q);
      } catch (const smt::Unsupported&) {
      }
    }
    std::vector<std::optional<bool>> answers = decide(fs, reads);
    for (size_t i = 0; i < asked.size(); ++i) {
      if (answers[i] != std::optional<bool>(false)) continue;
      c_.report(DiagCode::W0611, asked[i]->at, {reason(*asked[i]->cond)}, asked[i]->article);
      if (asked[i]->define >= 0) impossible_.insert(asked[i]->define);
    }
  }

  // W0612: an alternative whose every applicant already meets an earlier one, first match wins.
  void alternatives() {
    struct Alt {
      std::vector<const Expr*> conds;
      std::vector<Span> spans;
      int article;
    };
    std::vector<Alt> lists;
    for (size_t r = 0; r < c_.p.rules.size() && r < c_.prog.rules.size(); ++r) {
      const ast::Rule& rule = c_.p.rules[r];
      const Rule& pr = c_.prog.rules[r];
      if (pr.branches.size() != rule.branches.size() || pr.branches.size() < 2) continue;
      bool simple = std::all_of(pr.branches.begin(), pr.branches.end(), [](const Branch& b) { return single_fact(*b.cond); });
      if (simple) continue;
      Alt a{{}, {}, rule.article};
      for (size_t b = 0; b < pr.branches.size(); ++b) {
        if (pr.branches[b].joined) continue;
        a.conds.push_back(pr.branches[b].cond.get());
        a.spans.push_back(cond_span(rule.branches[b]));
      }
      lists.push_back(std::move(a));
    }
    for (size_t i = 0; i < c_.p.defines.size() && i < c_.prog.derived.size(); ++i) {
      const ast::Define& d = c_.p.defines[i];
      if (d.kind != ast::Define::Kind::Cases || !c_.prog.derived[i].value) continue;
      Alt a{{}, {}, d.article};
      const Expr* e = c_.prog.derived[i].value.get();
      for (size_t k = 0; k < d.cases.size() && e && e->op == Op::Select && e->args.size() == 3; ++k) {
        a.conds.push_back(e->args[0].get());
        a.spans.push_back(d.cases[k].span);
        e = e->args[2].get();
      }
      if (a.conds.size() != d.cases.size()) continue;
      if (std::all_of(a.conds.begin(), a.conds.end(), [](const Expr* x) { return single_fact(*x); })) continue;
      lists.push_back(std::move(a));
    }
    // One question per alternative after the first: does some applicant reach it?
    struct Asked {
      const Alt* alt;
      size_t j;
      z3::expr here;
    };
    std::vector<Asked> asked;
    std::vector<z3::expr> fs;
    std::set<int> reads;
    for (const Alt& a : lists) {
      try {
        z3::expr earlier = space_->ctx().bool_val(false);
        std::set<int> rs;
        for (size_t j = 0; j < a.conds.size(); ++j) {
          z3::expr here = enc().cond(*a.conds[j]);
          auto r = enc().reads(*a.conds[j]);
          rs.insert(r.begin(), r.end());
          if (j > 0 && !reported({DiagCode::W0605, DiagCode::W0607, DiagCode::W0611}, a.spans[j])) {
            asked.push_back(Asked{&a, j, here});
            fs.push_back(here && !earlier);
          }
          earlier = earlier || here;
        }
        reads.insert(rs.begin(), rs.end());
      } catch (const smt::Unsupported&) {
      }
    }
    if (fs.empty()) return;
    std::vector<std::optional<bool>> answers = decide(fs, reads);
    for (size_t i = 0; i < asked.size(); ++i) {
      if (answers[i] != std::optional<bool>(false)) continue;
      // An impossible alternative is W0605's or W0611's to report, not an unreachable one.
      if (sat({asked[i].here}, reads) != std::optional<bool>(true)) continue;
      c_.report(DiagCode::W0612, asked[i].alt->spans[asked[i].j], {std::to_string(asked[i].j + 1)}, asked[i].alt->article);
    }
  }

  // W0613: a 不重复 group whose members never pay the same applicant.
  void nodups() {
    std::vector<z3::expr> fs;
    std::vector<const ast::NoDupGroup*> asked;
    std::set<int> reads;
    for (size_t g = 0; g < c_.p.nodups.size() && g < c_.prog.groups.size(); ++g) {
      const Group& group = c_.prog.groups[g];
      const ast::NoDupGroup& ag = c_.p.nodups[g];
      if (group.kind != GroupKind::NoDup || group.members.size() < 2) continue;
      if (ag.note.find("不会同时给付") != std::string::npos) continue;
      try {
        z3::expr_vector together(enc().space().ctx());
        for (size_t i = 0; i < group.members.size(); ++i) {
          auto r = enc().rule_reads(group.members[i]);
          reads.insert(r.begin(), r.end());
          for (size_t j = i + 1; j < group.members.size(); ++j)
            together.push_back(enc().rule(group.members[i]).awarded && enc().rule(group.members[j]).awarded);
        }
        fs.push_back(z3::mk_or(together));
        asked.push_back(&ag);
      } catch (const smt::Unsupported&) {
      }
    }
    if (fs.empty()) return;
    std::vector<std::optional<bool>> answers = decide(fs, reads);
    for (size_t i = 0; i < asked.size(); ++i)
      if (answers[i] == std::optional<bool>(false))
        c_.report(DiagCode::W0613, asked[i]->name.span, {asked[i]->name.text}, asked[i]->article);
  }

  // W0614 / W0615: group caps, jointly over the members' conditions (after the 不重复 groups).
  void caps() {
    struct Cap {
      const ast::CapGroup* ag;
      Span at;
      std::string text;
      z3::expr hi, lo, any, cap;
    };
    std::vector<Cap> caps;
    std::set<int> reads;
    size_t first = c_.p.nodups.size();
    for (size_t g = 0; g < c_.p.caps.size() && first + g < c_.prog.groups.size(); ++g) {
      const Group& group = c_.prog.groups[first + g];
      const ast::CapGroup& ag = c_.p.caps[g];
      if (group.kind != GroupKind::Cap || !group.cap || group.members.empty()) continue;
      Span at = ag.name.span;
      std::string cap_text = money_text(*group.cap);
      for (const ast::Literal& l : ag.limits)
        if (l.kind != ast::LitKind::Rate) {
          at = l.span;
          cap_text = l.text;
        }
      if (reported({DiagCode::W0602, DiagCode::W0603}, at)) continue;
      bool answered = ag.note.find(cap_text) != std::string::npos ||
                      std::any_of(group.members.begin(), group.members.end(),
                                  [&](int m) { return c_.note_quotes(c_.p.rules[static_cast<size_t>(m)], cap_text); });
      if (answered) continue;
      try {
        // A member of no 不重复 group is capped with its own result; otherwise with what the 不重复
        // groups leave of it (which reads the whole program).
        bool in_nodup = false;
        for (int m : group.members)
          for (const Group& other : c_.prog.groups)
            in_nodup = in_nodup || (other.kind == GroupKind::NoDup &&
                                    std::find(other.members.begin(), other.members.end(), m) != other.members.end());
        auto result = [&](int m) -> const smt::Result& {
          return in_nodup ? enc().after_nodup().at(static_cast<size_t>(m)) : enc().rule(m);
        };
        z3::expr zero = enc().zero();
        z3::expr hi = zero, lo = zero, any = space_->ctx().bool_val(false);
        for (int m : group.members) {
          const smt::Result& r = result(m);
          for (const auto& [payer, part] : r.amounts) {
            bool local = false;
            for (const Payer& p : c_.prog.payers) local = local || (p.name == payer && p.role == PayerRole::Local);
            if (!local) continue;
            z3::expr on = r.awarded && part.present;
            hi = hi + z3::ite(on, part.amount.hi, zero);
            lo = lo + z3::ite(on, z3::ite(r.selective, zero, part.amount.lo), zero);
          }
          any = any || r.awarded;
          auto rr = enc().rule_reads(m);
          reads.insert(rr.begin(), rr.end());
          if (in_nodup)
            for (size_t k = 0; k < c_.prog.rules.size(); ++k) {
              auto all = enc().rule_reads(static_cast<int>(k));
              reads.insert(all.begin(), all.end());
            }
        }
        caps.push_back(Cap{&ag, at, cap_text, hi, lo, any, space_->constant(*group.cap)});
      } catch (const smt::Unsupported&) {
      }
    }
    if (caps.empty()) return;
    std::vector<z3::expr> binds;
    for (const Cap& k : caps) binds.push_back(k.hi > k.cap);
    std::vector<std::optional<bool>> can_bind = decide(binds, reads);
    std::vector<z3::expr> short_of;
    std::vector<size_t> asked;
    for (size_t i = 0; i < caps.size(); ++i) {
      if (can_bind[i] == std::optional<bool>(false)) {
        c_.report(DiagCode::W0614, caps[i].at, {caps[i].text, most(caps[i].hi, reads)}, caps[i].ag->article);
      } else if (can_bind[i] == std::optional<bool>(true)) {
        short_of.push_back(caps[i].any && caps[i].lo < caps[i].cap);
        asked.push_back(i);
      }
    }
    if (short_of.empty()) return;
    std::vector<std::optional<bool>> below = decide(short_of, reads);
    for (size_t k = 0; k < asked.size(); ++k) {
      const Cap& c = caps[asked[k]];
      if (below[k] == std::optional<bool>(false) && sat({c.any}, reads) == std::optional<bool>(true))
        c_.report(DiagCode::W0615, c.at, {c.text}, c.ag->article);
    }
  }

  // The largest value of `v`, in words, found by bisection between bounds the solver confirms.
  std::string most(const z3::expr& v, const std::set<int>& reads) {
    std::optional<z3::model> m;
    if (sat({v >= 0}, reads, &m) != std::optional<bool>(true) || !m) return "上限金额以内";
    auto best = smt::Space::rational(m->eval(v, true).simplify());
    for (int round = 0; round < 8 && best; ++round) {
      std::optional<z3::model> better;
      if (sat({v > space_->constant(*best)}, reads, &better) != std::optional<bool>(true) || !better) return money_text(*best);
      auto next = smt::Space::rational(better->eval(v, true).simplify());
      if (!next) break;
      best = next;
    }
    return "上限金额以内";
  }

  // W0616 / W0617: band tables bounded by names (the model-based checks read only numbers).
  void bands() {
    for (size_t i = 0; i < c_.p.defines.size() && i < c_.prog.derived.size(); ++i) {
      const ast::Define& d = c_.p.defines[i];
      if (d.kind != ast::Define::Kind::Bands) continue;
      auto named = [](const std::optional<ast::Comparison>& cmp) { return cmp && cmp->rhs.kind == ast::Value::Kind::Name; };
      bool any_name = std::any_of(d.bands.begin(), d.bands.end(), [&](const ast::Band& b) { return named(b.lo) || named(b.hi); });
      if (!any_name) continue;
      try {
        band_table(d);
      } catch (const smt::Unsupported&) {
      }
    }
  }

  // The value a band compares with, or the banded value itself: a fact, a definition or a number.
  std::optional<ExprPtr> operand(const ast::Value& v, ValueType t, Span at) {
    if (v.kind == ast::Value::Kind::Literal) {
      if (v.lit.hi) return std::nullopt;
      return Expr::constant(v.lit.value, t, at);
    }
    if (v.kind != ast::Value::Kind::Name) return std::nullopt;
    return load(v.name.text, at);
  }

  std::optional<ExprPtr> load(const std::string& name, Span at) {
    int f = c_.fact_index(name);
    if (f >= 0) {
      auto e = Expr::make(Op::Fact, c_.prog.facts[static_cast<size_t>(f)].type, at);
      e->ref = f;
      return e;
    }
    int d = c_.define_index(name);
    if (d < 0) return std::nullopt;
    auto e = Expr::make(Op::Derived, c_.prog.derived[static_cast<size_t>(d)].type, at);
    e->ref = d;
    return e;
  }

  void band_table(const ast::Define& d) {
    std::optional<ExprPtr> x = load(d.band_on.text, d.band_on.span);
    if (!x) return;
    ValueType t = (*x)->type;
    std::vector<std::pair<z3::expr, size_t>> conds;
    std::set<int> reads = enc().reads(**x);
    bool otherwise = false;
    std::vector<ExprPtr> keep;  // the expressions the terms were built from
    for (size_t k = 0; k < d.bands.size(); ++k) {
      const ast::Band& b = d.bands[k];
      if (b.otherwise) {
        otherwise = true;
        continue;
      }
      z3::expr c = space_->ctx().bool_val(true);
      for (const std::optional<ast::Comparison>& cmp : {b.lo, b.hi}) {
        if (!cmp) continue;
        std::optional<ExprPtr> rhs = operand(cmp->rhs, t, cmp->span);
        if (!rhs) return;  // a range literal: the model-based checks' job
        auto e = Expr::binary(Op::Cmp, ValueType::Bool, (*x)->clone(), std::move(*rhs), cmp->span);
        e->cmp = cmp->op;
        c = c && enc().cond(*e);
        auto rr = enc().reads(*e);
        reads.insert(rr.begin(), rr.end());
        keep.push_back(std::move(e));
      }
      conds.emplace_back(c, k);
    }
    const std::string name = d.band_on.text;
    for (size_t i = 0; i < conds.size(); ++i) {
      for (size_t j = i + 1; j < conds.size(); ++j) {
        std::optional<z3::model> m;
        if (sat({conds[i].first, conds[j].first}, reads, &m) != std::optional<bool>(true) || !m) continue;
        c_.report(DiagCode::W0617, d.bands[conds[j].second].span,
                  {name, std::to_string(conds[i].second + 1), std::to_string(conds[j].second + 1), example(*m, reads)}, d.article);
      }
    }
    if (otherwise || conds.empty()) return;
    z3::expr covered = space_->ctx().bool_val(false);
    for (const auto& [c, k] : conds) covered = covered || c;
    std::optional<z3::model> m;
    if (sat({!covered}, reads, &m) == std::optional<bool>(true) && m)
      c_.report(DiagCode::W0616, d.bands[conds.back().second].span, {name, example(*m, reads)}, d.article);
  }

  // An applicant from a model, in words: 「销售收入」为5000万元、「行业平均」为5000万元.
  std::string example(const z3::model& m, const std::set<int>& reads) {
    std::string s;
    for (int v : reads) {
      const smt::Var& var = space_->var(v);
      int f = c_.fact_index(var.name);
      if (f < 0) continue;
      auto value = space_->value(m, v, c_.prog.facts[static_cast<size_t>(f)]);
      if (!value) continue;
      std::string shown;
      switch (value->kind) {
        case FactValue::Kind::Bool: shown = value->b ? "是" : "否"; break;
        case FactValue::Kind::Opt: shown = c_.prog.facts[static_cast<size_t>(f)].options.at(value->opt); break;
        case FactValue::Kind::Num: shown = c_.model.value_text(f, value->num); break;
        case FactValue::Kind::Missing: continue;
      }
      s += (s.empty() ? "" : "、") + ("「" + var.name + "」为" + shown);
    }
    return s.empty() ? "各事实取任意值" : s;
  }

  Ctx& c_;
  std::vector<z3::model> plain_;
  size_t plain_vars_ = 0;
  std::optional<smt::Space> space_;
  std::optional<smt::Encoding> enc_;
  std::set<int> impossible_;
};

}  // namespace

void check_smt(Ctx& c) { SmtChecks(c).run(); }

}  // namespace zc::sema::lint_detail
