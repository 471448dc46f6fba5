// Issue 3's rule for the shipped policies: for every threshold a rule compares a fact with, the
// example cases hold one exactly on it and one on each side of it, so the legal meaning of each
// bound word (以上 includes, 超过 excludes…) is pinned by a hand-computed case. The thresholds are
// read from the checked program (every comparison of a fact with a constant, in conditions, tier
// bands, guards and definitions), never from a list kept by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/support/files.h"
#include "compiler/check/sema.h"
#include "compiler/driver.h"
#include "compiler/syntax/ast.h"

namespace zc {
namespace {

namespace fs = std::filesystem;

using zc::testing::slurp;

struct Threshold {
  int fact;
  Rational value;
  bool operator<(const Threshold& o) const { return fact != o.fact ? fact < o.fact : value < o.value; }
};

void collect(const sema::Expr* e, std::set<Threshold>& out) {
  if (e == nullptr) return;
  using Op = sema::Expr::Op;
  if (e->op == Op::Cmp && e->args.size() == 2) {
    const sema::Expr* a = e->args[0].get();
    const sema::Expr* b = e->args[1].get();
    if (a->op == Op::Const && b->op == Op::Fact) std::swap(a, b);
    if (a->op == Op::Fact && b->op == Op::Const && !b->c2) out.insert(Threshold{a->ref, b->c});
  }
  for (const sema::ExprPtr& x : e->args) collect(x.get(), out);
}

void collect(const sema::Award& a, std::set<Threshold>& out) {
  for (const sema::Tier& t : a.tiers) {
    collect(t.when.get(), out);
    collect(t.amount.get(), out);
    collect(t.external.get(), out);
  }
  for (const sema::ExprPtr& c : a.caps) collect(c.get(), out);
  collect(a.unspec_max.get(), out);
  collect(a.deduction.get(), out);
  for (const sema::RiskShare& s : a.shares) collect(s.amount.get(), out);
  collect(a.guard.get(), out);
}

std::vector<fs::path> policy_files() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(ZC_SOURCE_DIR) / "policies"))
    if (entry.path().extension() == ".zc") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

class Thresholds : public ::testing::TestWithParam<fs::path> {};

TEST_P(Thresholds, EveryThresholdHasACaseOnItAndOnEachSide) {
  SourceManager sm;
  DiagSink sink;
  CompileResult r = compile(sm, sm.add(GetParam().string(), slurp(GetParam())), sink);
  ASSERT_TRUE(r.program && r.policy && sink.error_count() == 0) << GetParam();
  const sema::Program& prog = *r.program;

  std::set<Threshold> thresholds;
  for (const sema::Rule& rule : prog.rules)
    for (const sema::Branch& b : rule.branches) {
      collect(b.cond.get(), thresholds);
      collect(b.award, thresholds);
    }
  for (const sema::Derived& d : prog.derived) collect(d.value.get(), thresholds);

  // Every numeric value an example case sets, per fact.
  std::map<std::string, int> fact_index;
  for (size_t i = 0; i < prog.facts.size(); ++i) fact_index[prog.facts[i].name] = static_cast<int>(i);
  std::map<int, std::vector<Rational>> seen;
  for (const ast::Example& ex : r.policy->examples)
    for (const ast::Assignment& a : ex.facts) {
      auto it = fact_index.find(a.fact.text);
      if (it == fact_index.end()) continue;
      std::string why;
      auto v = sema::fact_value(prog.facts[static_cast<size_t>(it->second)], a.value, why);
      if (v && v->kind == FactValue::Kind::Num) seen[it->second].push_back(v->num);
    }

  size_t checked = 0;
  for (const Threshold& t : thresholds) {
    bool on = false, below = false, above = false;
    for (const Rational& v : seen[t.fact]) {
      on = on || v == t.value;
      below = below || v < t.value;
      above = above || t.value < v;
    }
    const std::string& name = prog.facts[static_cast<size_t>(t.fact)].name;
    std::string where = "「" + name + "」 " + t.value.to_decimal();
    EXPECT_TRUE(on) << GetParam().filename() << ": no case exactly on " << where;
    EXPECT_TRUE(below) << GetParam().filename() << ": no case below " << where;
    EXPECT_TRUE(above) << GetParam().filename() << ": no case above " << where;
    ++checked;
    std::cout << "  " << where << "\n";
  }
  std::cout << GetParam().filename().string() << ": " << checked << " thresholds, each with a case on it and on both sides\n";
}

INSTANTIATE_TEST_SUITE_P(Policies, Thresholds, ::testing::ValuesIn(policy_files()),
                         [](const ::testing::TestParamInfo<fs::path>& param_info) {
                           std::string n = param_info.param.stem().string();
                           for (char& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace zc
