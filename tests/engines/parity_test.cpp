// The differential test: the JIT and the VM on 100 000 random applicants for every shipped policy,
// compared as whole Evaluations (statuses, amounts, flags, group effects and notes, missing-fact
// and overflow errors, totals).
#include <gtest/gtest.h>

#include <limits>

#include "sim/synth.h"
#include "tests/engines/support.h"

namespace zc::test {
namespace {

constexpr uint64_t kApplicants = 100000;

TEST(EngineParity, JitEqualsVmOnRandomApplicantsOfEveryShippedPolicy) {
  std::vector<ShippedPolicy> policies = shipped_policies();
  ASSERT_GE(policies.size(), 4u);
  std::vector<const Module*> mods;
  for (const ShippedPolicy& p : policies) mods.push_back(p.module.get());
  std::string error;
  auto cols = sim::synth_columns(mods, error);
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
    // Error paths too: every 4th applicant lacks one fact (needed ones included), and every 23rd
    // has one amount so large that arithmetic on it overflows.
    if (i % 4 == 0) row[(i / 4) % row.size()] = sim::SynthCell{};
    if (i % 23 == 0) {
      for (size_t k = 0; k < row.size(); ++k) {
        size_t c = (i / 23 + k) % row.size();
        if ((*cols)[c].type != ValueType::Money) continue;
        row[c].kind = sim::SynthCell::Kind::Num;
        row[c].num = Rational(std::numeric_limits<int64_t>::max());
        break;
      }
    }
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

}  // namespace
}  // namespace zc::test
