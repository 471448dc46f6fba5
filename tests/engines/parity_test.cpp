// The differential test: the JIT and the VM on 100 000 random applicants for every shipped policy,
// compared as whole Evaluations (statuses, amounts, flags, group effects and notes, missing-fact
// and overflow errors, totals). The corpus (policies/corpus) and the good golden files, which hold
// every language form, are compared on fewer applicants each.
#include <gtest/gtest.h>

#include <filesystem>

#include "sim/synth.h"
#include "tests/engines/support.h"

namespace zc::test {
namespace {

constexpr uint64_t kApplicants = 100000;

TEST(EngineParity, JitEqualsVmOnRandomApplicantsOfEveryShippedPolicy) {
  std::vector<ShippedPolicy> policies = shipped_policies();
  ASSERT_GE(policies.size(), 4u);
  std::string error;
  auto cols = shipped_columns(policies, error);
  ASSERT_TRUE(cols) << error;

  struct PerPolicy {
    const ShippedPolicy* p;
    std::unique_ptr<Engine> vm, jit;
    std::vector<int> columns;
    Evaluation a, b;
    size_t awarded = 0, missing = 0, overflow = 0;
  };
  std::vector<PerPolicy> runs;
  for (const ShippedPolicy& p : policies) {
    PerPolicy r;
    r.p = &p;
    r.vm = make_vm_engine(*p.module);
    ZC_JIT_OR_SKIP(jit, *p.module);
    r.jit = std::move(jit);
    r.columns = sim::synth_fact_columns(*p.module, *cols);
    runs.push_back(std::move(r));
  }
  std::vector<sim::SynthCell> row;
  std::vector<FactValue> facts;
  for (uint64_t i = 0; i < kApplicants; ++i) {
    sim::synth_row(*cols, 20240221, i, row);
    break_row(*cols, i, row);  // error paths too
    for (PerPolicy& r : runs) {
      sim::synth_facts(r.columns, row, facts);
      r.vm->evaluate_into(facts, {}, r.a);
      r.jit->evaluate_into(facts, {}, r.b);
      if (!(r.a == r.b)) {
        ADD_FAILURE() << r.p->name << ": applicant " << i << " differs";
        return;
      }
      for (const RuleOutcome& o : r.a.rules) {
        r.awarded += o.status == RuleStatus::Awarded;
        r.missing += o.error == VmError::MissingFact;
        r.overflow += o.error == VmError::Overflow;
      }
    }
  }
  // The random applicants reach paying rules and error paths.
  size_t awarded = 0, missing = 0, overflow = 0;
  for (const PerPolicy& r : runs) {
    EXPECT_GT(r.awarded, 0u) << r.p->name;
    awarded += r.awarded;
    missing += r.missing;
    overflow += r.overflow;
  }
  EXPECT_GT(awarded, kApplicants);
  EXPECT_GT(missing, 100u);
  EXPECT_GT(overflow, 100u);
}

TEST(EngineParity, JitEqualsVmOnTheCorpusAndEveryGoodGolden) {
  constexpr uint64_t kEach = 2000;
  std::vector<std::string> paths;
  for (const char* dir : {"/policies/corpus", "/tests/check"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(ZC_SOURCE_DIR) + dir)) {
      bool good = e.path().parent_path().filename() == "good" || std::string(dir) == "/policies/corpus";
      if (e.path().extension() == ".zc" && good) paths.push_back(e.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  ASSERT_GE(paths.size(), 20u);
  size_t awarded = 0, compared = 0;
  for (const std::string& path : paths) {
    auto m = compile_policy_file(path);
    ASSERT_NE(m, nullptr) << path;
    std::string error;
    auto cols = sim::synth_columns({m.get()}, error);
    ASSERT_TRUE(cols) << path << ": " << error;
    auto vm = make_vm_engine(*m);
    ZC_JIT_OR_SKIP(jit, *m);
    std::vector<int> columns = sim::synth_fact_columns(*m, *cols);
    std::vector<sim::SynthCell> row;
    std::vector<FactValue> facts;
    Evaluation a, b;
    for (uint64_t i = 0; i < kEach; ++i) {
      sim::synth_row(*cols, 20261203, i, row);
      if (i % 7 == 0 && !row.empty()) row[(i / 7) % row.size()] = sim::SynthCell{};
      sim::synth_facts(columns, row, facts);
      // Item lists (清单): 0 to 6 items, item j carrying the drawn value of each of its facts times j + 1
      // (a missing value stays missing, so defaults and missing facts are exercised item by item too).
      for (const ItemListInfo& l : m->item_lists) {
        auto rows = std::make_shared<ItemRows>();
        rows->width = static_cast<uint32_t>(l.members.size());
        rows->count = (i * 7 + l.list) % 7;
        for (uint64_t j = 0; j < rows->count; ++j) {
          for (uint16_t f : l.members) {
            FactValue v = f < facts.size() ? facts[f] : FactValue{};
            if (v.kind == FactValue::Kind::Num) {
              if (std::optional<Rational> k = v.num.mul(Rational(static_cast<int64_t>(j + 1)))) v.num = *k;
            }
            rows->cells.push_back(v);
          }
        }
        if (l.list < facts.size()) facts[l.list] = item_list_value(std::move(rows));
      }
      vm->evaluate_into(facts, {}, a);
      jit->evaluate_into(facts, {}, b);
      ASSERT_TRUE(a == b) << path << ": applicant " << i << " differs";
      for (const RuleOutcome& o : a.rules) awarded += o.status == RuleStatus::Awarded;
      ++compared;
    }
  }
  EXPECT_GT(awarded, compared / 10);
}

}  // namespace
}  // namespace zc::test
