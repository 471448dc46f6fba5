// The SMT encoding against the VM: for every shipped policy and a few thousand random applicants,
// every rule's result before the groups, after them, and every payer's total, as the encoding
// evaluates them in a model that pins the applicant's facts, must be exactly what the VM computes.
// A difference is an encoding bug: `zhengce diff` and the solver-backed checks rest on this.
#include <gtest/gtest.h>

#include <filesystem>

#include "compiler/check/sema.h"
#include "compiler/driver.h"
#include "compiler/smt/encode.h"
#include "compiler/syntax/ast.h"
#include "sim/synth.h"
#include "tests/support/files.h"

namespace zc {
namespace {

struct Compiled {
  SourceManager sm;
  CompileResult r;
};

std::unique_ptr<Compiled> compile_file(const std::string& path) {
  auto c = std::make_unique<Compiled>();
  DiagSink sink;
  FileId id = c->sm.add(path, testing::slurp(path));
  c->r = compile(c->sm, id, sink);
  return c;
}

std::vector<std::string> shipped() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(ZC_SOURCE_DIR) + "/policies"))
    if (e.path().extension() == ".zc") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SmtEncoding, AgreesWithTheVmOnRandomApplicants) {
  constexpr uint64_t kApplicants = 600;
  for (const std::string& path : shipped()) {
    SCOPED_TRACE(path);
    auto c = compile_file(path);
    ASSERT_TRUE(c->r.module.has_value());
    const Module& m = *c->r.module;
    const sema::Program& prog = *c->r.program;
    smt::Space space;
    smt::Encoding enc(space, prog, c->r.policy->header.rounding, c->r.policy->header.rounding_unit);
    Module bare = m;
    bare.groups.clear();
    Vm vm(m), vm_bare(bare);
    std::string error;
    auto cols = sim::synth_columns({&m}, error);
    ASSERT_TRUE(cols) << error;
    std::vector<int> fc = sim::synth_fact_columns(m, *cols);
    std::vector<sim::SynthCell> row;
    std::vector<FactValue> facts;
    const smt::Encoding::Final& fin = enc.final();
    for (uint64_t a = 0; a < kApplicants; ++a) {
      sim::synth_row(*cols, 20260114, a, row);
      sim::synth_facts(fc, row, facts);
      z3::model model = space.pin(prog, enc.vars(), facts);
      Evaluation ev = vm.evaluate(facts), bare_ev = vm_bare.evaluate(facts);
      for (size_t r = 0; r < m.rules.size(); ++r) {
        if (ev.rules[r].status == RuleStatus::Error || bare_ev.rules[r].status == RuleStatus::Error) continue;
        auto own = smt::observe(model, enc.rule(static_cast<int>(r)));
        ASSERT_TRUE(own.has_value());
        smt::Observed want = smt::observe(bare, bare_ev.rules[r]);
        ASSERT_EQ(*own, want) << "applicant " << a << ", rule " << m.str(m.rules[r].name) << ": encoding "
                              << smt::observed_text(*own) << ", VM " << smt::observed_text(want);
        auto after = smt::observe(model, fin.rules[r]);
        ASSERT_TRUE(after.has_value());
        smt::Observed want_after = smt::observe(m, ev.rules[r]);
        ASSERT_EQ(*after, want_after) << "applicant " << a << ", rule " << m.str(m.rules[r].name) << " after groups: encoding "
                                      << smt::observed_text(*after) << ", VM " << smt::observed_text(want_after);
      }
      if (ev.has_error) continue;
      for (size_t p = 0; p < m.payers.size(); ++p) {
        const smt::Num& t = fin.totals.at(m.str(m.payers[p].name));
        auto lo = smt::Space::rational(model.eval(t.lo, true).simplify());
        auto hi = smt::Space::rational(model.eval(t.hi, true).simplify());
        ASSERT_TRUE(lo && hi);
        EXPECT_EQ(Interval({*lo, *hi}), ev.payer_totals[p]) << "applicant " << a << ", payer " << m.str(m.payers[p].name);
      }
    }
  }
}

}  // namespace
}  // namespace zc
