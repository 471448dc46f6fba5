// The JSON report written with a module's JsonTemplate (what the server and Evaluation::json use) is
// byte for byte the report written without it, for every shipped policy, on random applicants with
// and without traces, including the error paths (a missing fact, an overflow), compact and indented.
#include <gtest/gtest.h>

#include "lib/report.h"
#include "sim/synth.h"
#include "tests/engines/support.h"

namespace zc::test {
namespace {

constexpr uint64_t kApplicants = 3000;

TEST(ReportTemplate, SameBytesAsTheGeneralWriterOnRandomApplicants) {
  std::vector<ShippedPolicy> policies = shipped_policies();
  ASSERT_GE(policies.size(), 4u);
  std::string error;
  auto cols = shipped_columns(policies, error);
  ASSERT_TRUE(cols) << error;
  std::vector<sim::SynthCell> row;
  std::vector<FactValue> facts;
  Evaluation ev;
  size_t plain = 0, other = 0;
  for (const ShippedPolicy& p : policies) {
    const Module& m = *p.module;
    const lib::JsonTemplate t(m);
    std::unique_ptr<Engine> vm = make_vm_engine(m);
    std::vector<int> columns = sim::synth_fact_columns(m, *cols);
    for (uint64_t i = 0; i < kApplicants; ++i) {
      sim::synth_row(*cols, 20241203, i, row);
      break_row(*cols, i, row);  // a missing fact, an overflow
      sim::synth_facts(columns, row, facts);
      EvalOptions eo;
      eo.trace = i % 2 == 1;
      vm->evaluate_into(facts, eo, ev);
      for (const RuleOutcome& o : ev.rules) (o == RuleOutcome{} ? plain : other)++;
      for (bool compact : {true, false}) {
        lib::ReportOptions o;
        o.compact_json = compact;
        o.facts_path = i % 3 == 0 ? "甲公司\"\n" : "";
        std::string with = "prefix";
        lib::append_evaluation_json(with, m, ev, o, &t);
        ASSERT_EQ(with, "prefix" + lib::evaluation_json(m, ev, o)) << p.name << ", applicant " << i << (compact ? ", compact" : ", indented");
      }
    }
  }
  // Both kinds of rule object were written: the template's and the general one.
  EXPECT_GT(plain, 1000u);
  EXPECT_GT(other, 1000u);
}

}  // namespace
}  // namespace zc::test
