// The property `zhengce diff` rests on, on thousands of random drafts: it never shows a false
// witness and never proves a false equality. Each seed policy is compiled once; each trial copies
// its checked program, makes one to three random edits of the kinds drafts make (a threshold moved,
// a bound word flipped, an amount, rate or cap changed, a payer swapped, a condition dropped or
// negated, alternatives reordered, a group's cap or mode changed, an award made selective),
// generates and verifies the edited draft's bytecode, and diffs the two. Then:
//   - no internal error: every witness the solver gave was confirmed on the VM (compare() runs it
//     through both drafts' VMs and reports any disagreement instead of the witness);
//   - every witness's results differ on the VM (checked again here, from its facts file);
//   - what is proven equal is equal on 40 random applicants per trial, rule by rule and per payer.
// ZHENGCE_DIFF_TRIALS sets the number of drafts (default 600 — some 2 700 comparisons — at about 3.5 s of CPU per hundred);
// ZHENGCE_DIFF_SEED the seed.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "facts/facts.h"
#include "compiler/codegen/codegen.h"
#include "compiler/driver.h"
#include "diff/diff.h"
#include "runtime/bytecode/verify.h"
#include "sim/synth.h"
#include "tests/support/files.h"

namespace zc {
namespace {

using sema::Expr;

struct Seed {
  std::string name;
  SourceManager sm;
  CompileResult r;
  std::shared_ptr<const Module> module;
};

sema::Program clone(const sema::Program& p) {
  sema::Program q;
  q.facts = p.facts;
  q.payers = p.payers;
  for (const sema::Derived& d : p.derived) q.derived.push_back(
      sema::Derived{d.value ? d.value->clone() : nullptr, d.type, d.deps, d.options, d.supported ? d.supported->clone() : nullptr});
  q.derived_order = p.derived_order;
  for (const sema::Rule& r : p.rules) {
    sema::Rule x;
    x.payer = r.payer;
    for (const sema::Branch& b : r.branches) {
      sema::Branch y;
      y.cond = b.cond ? b.cond->clone() : nullptr;
      y.span = b.span;
      const sema::Award& a = b.award;
      sema::Award& c = y.award;
      c.kind = a.kind;
      c.payer = a.payer;
      c.selective = a.selective;
      c.tiers_each = a.tiers_each;
      for (const sema::Tier& t : a.tiers)
        c.tiers.push_back(sema::Tier{t.when ? t.when->clone() : nullptr, t.amount ? t.amount->clone() : nullptr,
                                     t.external ? t.external->clone() : nullptr, t.label});
      c.external_payer = a.external_payer;
      for (const sema::ExprPtr& cap : a.caps) c.caps.push_back(cap->clone());
      c.cap_texts = a.cap_texts;
      c.unspec_max = a.unspec_max ? a.unspec_max->clone() : nullptr;
      c.benefit = a.benefit;
      c.deduction = a.deduction ? a.deduction->clone() : nullptr;
      for (const sema::RiskShare& s : a.shares) c.shares.push_back(sema::RiskShare{s.payer, s.amount->clone(), s.text});
      c.scope = a.scope;
      c.guard = a.guard ? a.guard->clone() : nullptr;
      x.branches.push_back(std::move(y));
    }
    q.rules.push_back(std::move(x));
  }
  q.groups = p.groups;
  q.constraints = p.constraints;
  q.targets = p.targets;
  q.default_payer = p.default_payer;
  return q;
}

// Every node of a rule's expressions, for picking one to edit.
void nodes(Expr* e, std::vector<Expr*>& out) {
  if (!e) return;
  out.push_back(e);
  for (sema::ExprPtr& a : e->args) nodes(a.get(), out);
}

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}

  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  Rational nudge(const Rational& v, ValueType t) {
    // Thresholds and amounts move the way drafts move them: by a factor or by one unit.
    static const int64_t kNum[] = {1, 2, 3, 4, 5, 6, 8, 10};
    static const int64_t kDen[] = {1, 2, 4, 5};
    switch (pick(3)) {
      case 0: {
        auto f = Rational::make(kNum[pick(std::size(kNum))], kDen[pick(std::size(kDen))]);
        auto r = v.mul(*f);
        if (r && !(*r == v)) return *r;
        break;
      }
      case 1: {
        Rational step = t == ValueType::Money ? Rational(10000) : t == ValueType::Rate ? *Rational::make(1, 100) : Rational(1);
        auto r = pick(2) ? v.add(step) : v.sub(step);
        if (r && r->sign() >= 0) return *r;
        break;
      }
      default:
        break;
    }
    auto r = v.add(t == ValueType::Rate ? *Rational::make(1, 20) : Rational(t == ValueType::Money ? 50000 : 1));
    return r ? *r : v;
  }

  // One edit; false when the program offered nothing to edit of the kind drawn.
  bool edit(sema::Program& p, std::string& what) {
    if (p.rules.empty()) return false;
    sema::Rule& rule = p.rules[pick(p.rules.size())];
    if (rule.branches.empty()) return false;
    sema::Branch& br = rule.branches[pick(rule.branches.size())];
    sema::Award& a = br.award;
    switch (pick(11)) {
      case 0: case 1: {  // a threshold moved
        std::vector<Expr*> all;
        nodes(br.cond.get(), all);
        std::vector<Expr*> consts;
        for (Expr* e : all)
          if (e->op == Expr::Op::Cmp)
            for (sema::ExprPtr& x : e->args)
              if (x->op == Expr::Op::Const && !x->c2) consts.push_back(x.get());
        if (consts.empty()) return false;
        Expr* c = consts[pick(consts.size())];
        c->c = nudge(c->c, c->type);
        what = "threshold";
        return true;
      }
      case 2: {  // a bound word: 以上 <-> 超过, 以下 <-> 不满
        std::vector<Expr*> all;
        nodes(br.cond.get(), all);
        std::vector<Expr*> cmps;
        for (Expr* e : all)
          if (e->op == Expr::Op::Cmp && e->cmp != CmpOp::Eq) cmps.push_back(e);
        if (cmps.empty()) return false;
        Expr* e = cmps[pick(cmps.size())];
        e->cmp = e->cmp == CmpOp::Ge ? CmpOp::Gt : e->cmp == CmpOp::Gt ? CmpOp::Ge : e->cmp == CmpOp::Le ? CmpOp::Lt : CmpOp::Le;
        what = "bound word";
        return true;
      }
      case 3: case 4: {  // an amount or a rate
        std::vector<Expr*> consts;
        for (sema::Tier& t : a.tiers) {
          std::vector<Expr*> all;
          nodes(t.amount.get(), all);
          for (Expr* e : all)
            if (e->op == Expr::Op::Const && (e->type == ValueType::Money || e->type == ValueType::Rate)) consts.push_back(e);
        }
        if (consts.empty()) return false;
        Expr* c = consts[pick(consts.size())];
        c->c = nudge(c->c, c->type);
        if (c->c2) c->c2 = nudge(*c->c2, c->type);
        what = "amount";
        return true;
      }
      case 5: {  // a clause cap
        if (a.caps.empty() || a.caps[0]->op != Expr::Op::Const) return false;
        a.caps[0]->c = nudge(a.caps[0]->c, ValueType::Money);
        what = "cap";
        return true;
      }
      case 6: {  // a payer
        if (p.payers.size() < 2 || a.kind != sema::Award::Kind::Amount) return false;
        a.payer = static_cast<int>(pick(p.payers.size()));
        what = "payer";
        return true;
      }
      case 7: {  // a condition dropped or negated
        if (!br.cond || (br.cond->op != Expr::Op::And && br.cond->op != Expr::Op::Or) || br.cond->args.size() < 2) return false;
        size_t k = pick(br.cond->args.size());
        if (pick(2)) {
          br.cond->args.erase(br.cond->args.begin() + static_cast<std::ptrdiff_t>(k));
          if (br.cond->args.size() == 1) br.cond = std::move(br.cond->args[0]);
          what = "condition dropped";
        } else {
          auto n = Expr::make(Expr::Op::Not, ValueType::Bool, br.cond->args[k]->span);
          n->args.push_back(std::move(br.cond->args[k]));
          br.cond->args[k] = std::move(n);
          what = "condition negated";
        }
        return true;
      }
      case 8: {  // alternatives or conditions reordered (often the same meaning)
        if (rule.branches.size() >= 2 && pick(2)) {
          std::swap(rule.branches[0], rule.branches[1]);
          what = "alternatives swapped";
          return true;
        }
        if (!br.cond || br.cond->args.size() < 2 || (br.cond->op != Expr::Op::And && br.cond->op != Expr::Op::Or)) return false;
        std::swap(br.cond->args[0], br.cond->args[1]);
        what = "conditions swapped";
        return true;
      }
      case 9: {  // a group's cap or mode
        if (p.groups.empty()) return false;
        sema::Group& g = p.groups[pick(p.groups.size())];
        if (g.kind == GroupKind::Cap && g.cap) {
          g.cap = nudge(*g.cap, ValueType::Money);
        } else {
          g.mode = g.mode == NoDupMode::Highest ? NoDupMode::First : NoDupMode::Highest;
        }
        what = "group";
        return true;
      }
      default: {  // selective
        a.selective = !a.selective;
        what = "selective";
        return true;
      }
    }
  }

 private:
  std::mt19937_64 rng_;
};

uint64_t env_or(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtoull(v, nullptr, 10) : fallback;
}

TEST(DiffProperty, NoFalseWitnessNoFalseProof) {
  const uint64_t trials = env_or("ZHENGCE_DIFF_TRIALS", 600);
  const uint64_t seed = env_or("ZHENGCE_DIFF_SEED", 20260114);
  std::vector<std::unique_ptr<Seed>> seeds;
  for (const auto& e : std::filesystem::directory_iterator(std::string(ZC_SOURCE_DIR) + "/policies")) {
    if (e.path().extension() != ".zc") continue;
    auto s = std::make_unique<Seed>();
    s->name = e.path().stem().string();
    DiagSink sink;
    FileId id = s->sm.add(e.path().string(), testing::slurp(e.path()));
    s->r = compile(s->sm, id, sink);
    ASSERT_TRUE(s->r.module.has_value()) << s->name;
    s->module = std::make_shared<const Module>(*s->r.module);
    seeds.push_back(std::move(s));
  }
  std::sort(seeds.begin(), seeds.end(), [](const auto& a, const auto& b) { return a->name < b->name; });
  Mutator m(seed);
  uint64_t differs = 0, equal = 0, witnesses = 0, unknown = 0, tried = 0, queries = 0, decided = 0;
  diff::Options opts;
  opts.quick = true;
  for (uint64_t t = 0; t < trials; ++t) {
    const Seed& s = *seeds[t % seeds.size()];
    auto prog = std::make_shared<sema::Program>(clone(*s.r.program));
    // One to three edits; an edit of a kind the rule drawn does not offer is drawn again.
    std::string edits;
    size_t n = 1 + m.pick(3);
    for (size_t k = 0, tries = 0; k < n && tries < 50; ++tries) {
      std::string what;
      if (m.edit(*prog, what)) {
        edits += what + "; ";
        ++k;
      }
    }
    if (edits.empty()) continue;
    DiagSink sink;
    std::optional<Module> mod = codegen::generate(*s.r.policy, *prog, s.sm, sink);
    ASSERT_TRUE(mod.has_value());
    ASSERT_TRUE(verify_module(*mod).empty()) << "trial " << t << ": " << edits;
    ++tried;
    diff::Version a{s.name, s.r.policy, s.r.program, s.module, nullptr};
    diff::Version b{s.name + "（改）", s.r.policy, prog, std::make_shared<const Module>(std::move(*mod)), nullptr};
    diff::Report rep = diff::compare(a, b, opts);
    queries += rep.queries;
    ASSERT_TRUE(rep.internal_errors.empty()) << "trial " << t << " (" << s.name << ": " << edits << "): " << rep.internal_errors.front();

    // Witnesses differ on the VM, read back from their facts files.
    Vm va(*a.module), vb(*b.module);
    auto check_witness = [&](const diff::Witness& w) {
      ++witnesses;
      std::vector<std::pair<std::string, facts::Scalar>> entries;
      for (const auto& [k, v] : w.facts) entries.emplace_back(k, facts::Scalar{facts::Scalar::Kind::String, false, v, {}});
      std::vector<Diagnostic> da, db;
      Evaluation ea = va.evaluate(facts::facts_from_json(*a.module, entries, da));
      Evaluation eb = vb.evaluate(facts::facts_from_json(*b.module, entries, db));
      ASSERT_TRUE(da.empty() && db.empty()) << "trial " << t;
      EXPECT_FALSE(ea == eb && w.old_result != w.new_result) << "trial " << t << ": a witness on which the drafts agree";
    };
    // Proofs hold on random applicants.
    std::string error;
    auto cols = sim::synth_columns({a.module.get()}, error);
    ASSERT_TRUE(cols) << error;
    std::vector<int> fc = sim::synth_fact_columns(*a.module, *cols);
    Module bare_a = *a.module, bare_b = *b.module;
    bare_a.groups.clear();
    bare_b.groups.clear();
    Vm pa(bare_a), pb(bare_b);
    std::vector<sim::SynthCell> row;
    std::vector<FactValue> facts;
    for (uint64_t k = 0; k < 40; ++k) {
      sim::synth_row(*cols, seed + t, k, row);
      sim::synth_facts(fc, row, facts);
      Evaluation ea = pa.evaluate(facts), eb = pb.evaluate(facts);
      Evaluation fa = va.evaluate(facts), fb = vb.evaluate(facts);
      for (size_t r = 0; r < rep.rules.size(); ++r) {
        const diff::RuleChange& rc = rep.rules[r];
        if (rc.semantic.verdict != diff::Semantic::Verdict::Equal && rc.semantic.verdict != diff::Semantic::Verdict::Identical) continue;
        // The drafts share rule indices here (edits change rules in place).
        for (size_t i = 0; i < a.module->rules.size(); ++i) {
          if (a.module->str(a.module->rules[i].name) != rc.new_names.front()) continue;
          if (ea.rules[i].status == RuleStatus::Error || eb.rules[i].status == RuleStatus::Error) continue;
          EXPECT_EQ(ea.rules[i].status, eb.rules[i].status) << "trial " << t << " (" << edits << "): 「" << rc.new_names.front() << "」 proven equal";
          EXPECT_EQ(ea.rules[i].amounts, eb.rules[i].amounts) << "trial " << t << " (" << edits << "): 「" << rc.new_names.front() << "」 proven equal";
        }
      }
      for (size_t p = 0; p < rep.payers.size() && !fa.has_error && !fb.has_error; ++p) {
        const diff::PayerChange& pc = rep.payers[p];
        if (pc.semantic.verdict != diff::Semantic::Verdict::Equal && pc.semantic.verdict != diff::Semantic::Verdict::Identical) continue;
        for (size_t i = 0; i < a.module->payers.size(); ++i) {
          if (a.module->str(a.module->payers[i].name) != pc.name) continue;
          EXPECT_EQ(fa.payer_totals[i], fb.payer_totals[i]) << "trial " << t << " (" << edits << "): total of 「" << pc.name << "」 proven equal";
        }
      }
    }
    auto count = [&](const diff::Semantic& sm) {
      decided += sm.verdict == diff::Semantic::Verdict::Differs || sm.verdict == diff::Semantic::Verdict::Equal;
    };
    for (const diff::GroupChange& g : rep.groups) count(g.semantic);
    for (const diff::PayerChange& p : rep.payers) count(p.semantic);
    for (const diff::RuleChange& rc : rep.rules) {
      count(rc.semantic);
      if (rc.semantic.verdict == diff::Semantic::Verdict::Differs) ++differs;
      if (rc.semantic.verdict == diff::Semantic::Verdict::Equal) ++equal;
      if (rc.semantic.verdict == diff::Semantic::Verdict::Unknown) ++unknown;
      for (const diff::Region& g : rc.semantic.regions)
        if (g.witness.none.empty()) check_witness(g.witness);
    }
    for (const diff::PayerChange& pc : rep.payers)
      for (const diff::Region& g : pc.semantic.regions)
        if (g.witness.none.empty()) check_witness(g.witness);
    if (::testing::Test::HasFailure()) return;
  }
  std::printf("diff property: %llu drafts, %llu comparisons decided, %llu solver queries, %llu rules differ, %llu proven equal, %llu undecided, %llu witnesses checked\n",
              static_cast<unsigned long long>(tried), static_cast<unsigned long long>(decided), static_cast<unsigned long long>(queries), static_cast<unsigned long long>(differs),
              static_cast<unsigned long long>(equal), static_cast<unsigned long long>(unknown),
              static_cast<unsigned long long>(witnesses));
  EXPECT_GT(differs, tried / 4) << "the edits should change results most of the time";
  EXPECT_GT(equal, 0u) << "some edits keep the meaning (reordered conditions)";
}

}  // namespace
}  // namespace zc
