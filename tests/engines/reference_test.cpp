// The benchmark's inputs are checked here: the hand-written reference of the four seed policies
// (bench/reference.h) against the VM on random applicants, including missing facts and overflowing
// amounts (its ratios would mean nothing otherwise), and the front-end corpus (bench/corpus.h).
#include <gtest/gtest.h>

#include <limits>

#include "bench/corpus.h"
#include "bench/reference.h"
#include "sim/synth.h"
#include "tests/engines/support.h"

namespace zc::test {
namespace {

TEST(Reference, ComputesTheSameAwardsAsTheVmForEverySeedPolicy) {
  std::vector<std::shared_ptr<const Module>> modules;
  std::vector<const Module*> mods;
  for (const std::string& name : bench::reference_policies()) {
    modules.push_back(compile_policy_file(std::string(ZC_SOURCE_DIR) + "/policies/" + name + ".zc"));
    ASSERT_TRUE(modules.back()) << name;
    mods.push_back(modules.back().get());
  }
  std::string error;
  auto cols = sim::synth_columns(mods, error);
  ASSERT_TRUE(cols) << error;
  std::vector<std::unique_ptr<bench::Reference>> refs;
  std::vector<std::unique_ptr<Engine>> vms;
  std::vector<std::vector<int>> columns;
  for (size_t p = 0; p < mods.size(); ++p) {
    refs.push_back(bench::make_reference(bench::reference_policies()[p], *mods[p], error));
    ASSERT_TRUE(refs.back()) << error;
    vms.push_back(make_vm_engine(*mods[p]));
    columns.push_back(sim::synth_fact_columns(*mods[p], *cols));
  }
  std::vector<sim::SynthCell> row;
  std::vector<FactValue> facts;
  Evaluation want, got;
  size_t awarded = 0, errors = 0;
  for (uint64_t i = 0; i < 20000; ++i) {
    sim::synth_row(*cols, 77, i, row);
    if (i % 3 == 0) row[(i / 3) % row.size()] = sim::SynthCell{};
    if (i % 17 == 0) {
      for (size_t k = 0; k < row.size(); ++k) {
        size_t c = (i / 17 + k) % row.size();
        if ((*cols)[c].type != ValueType::Money) continue;
        row[c].kind = sim::SynthCell::Kind::Num;
        row[c].num = Rational(std::numeric_limits<int64_t>::max() / (i % 2 ? 1 : 3));
        break;
      }
    }
    for (size_t p = 0; p < mods.size(); ++p) {
      sim::synth_facts(columns[p], row, facts);
      vms[p]->evaluate_into(facts, {}, want);
      refs[p]->evaluate_into(facts, got);
      std::string why;
      ASSERT_TRUE(bench::same_awards(got, want, &why)) << bench::reference_policies()[p] << ", applicant " << i << ": " << why;
      for (const RuleOutcome& o : want.rules) {
        awarded += o.status == RuleStatus::Awarded;
        errors += o.status == RuleStatus::Error;
      }
    }
  }
  EXPECT_GT(awarded, 20000u);
  EXPECT_GT(errors, 100u);
}

TEST(Reference, RefusesAModuleThatLacksANamedRule) {
  auto m = compile_policy_file(std::string(ZC_SOURCE_DIR) + "/policies/linqing-2021.zc");
  ASSERT_TRUE(m);
  std::string error;
  EXPECT_EQ(bench::make_reference("dongchangfu-2024", *m, error), nullptr);
  EXPECT_NE(error.find("缺事实「首次通过高新技术企业认定」"), std::string::npos) << error;
  EXPECT_EQ(bench::make_reference("unknown", *m, error), nullptr);
}

// The front-end benchmark's corpus is made of valid policies whose example cases pass.
TEST(BenchCorpus, FilesCompileCleanlyAndTheirExamplesPass) {
  std::vector<std::string> corpus = bench::policy_corpus(16, 30);
  for (size_t i = 0; i < corpus.size(); ++i) {
    SourceManager sm;
    DiagSink sink;
    CompileResult r = compile(sm, sm.add("corpus" + std::to_string(i) + ".zc", corpus[i]), sink);
    ASSERT_TRUE(r.module) << "corpus file " << i << " does not compile";
    EXPECT_EQ(sink.error_count(), 0u) << i;
    for (const ExampleOutcome& o : run_examples(*r.policy, *r.program, *r.module)) {
      EXPECT_TRUE(o.passed) << "corpus file " << i << ", example " << o.name;
    }
  }
}

}  // namespace
}  // namespace zc::test
