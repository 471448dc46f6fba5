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
  // Award forms whose arithmetic the seeds do not use: growth over a base period (of − base, floored at 0,
  // with of > base as the award's condition), whole steps (FLOOR) and an award split between payers (each
  // payer's share of the capped whole, its own cap, rounded on its own) and top-ups (standard − received,
  // floored at 0, with standard > received as the award's condition).
  for (const char* f : {"/tests/check/growth/good/growth.zc", "/tests/check/steps/good/steps.zc", "/tests/check/split/good/split.zc",
                        "/tests/check/topup/good/topup.zc"})
    out.push_back(std::string(ZC_SOURCE_DIR) + f);
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

// Every declared rounding (四舍五入, 向下取整, 向上取整, 银行家舍入 to 分, 角, 元) is encoded exactly:
// the seeds only use 四舍五入到分, so each one is tried here on amounts with every remainder.
TEST(SmtEncoding, EveryRoundingRuleAgreesWithTheVm) {
  const char* modes[] = {"四舍五入", "向下取整", "向上取整", "银行家舍入"};
  const char* units[] = {"分", "角", "元"};
  for (const char* mode : modes) {
    for (const char* unit : units) {
      std::string text = std::string("政策“舍入”。\n舍入：") + mode + "到" + unit + "。\n" +
                         "出资方「区财政」：本级，默认。\n事实「基数」：金额，默认0元。\n事实「扣减」：金额，默认0元。\n"
                         "规则「比例补助」：对「基数」0元以上的，按「基数」的15%给予补助。\n"
                         "规则「差额补助」：对「基数」超过「扣减」的，按「基数」的2.5%给予补助，最高不超过5万元。\n";
      SCOPED_TRACE(std::string(mode) + "到" + unit);
      Compiled c;
      DiagSink sink;
      FileId id = c.sm.add("rounding.zc", text);
      c.r = compile(c.sm, id, sink);
      ASSERT_TRUE(c.r.module.has_value());
      const Module& m = *c.r.module;
      smt::Space space;
      smt::Encoding enc(space, *c.r.program, c.r.policy->header.rounding, c.r.policy->header.rounding_unit);
      Vm vm(m);
      for (int64_t cents = 0; cents < 4000; cents += 37) {
        // Bases in 0.001 元 steps around whole 元, 角 and 分 and their halves.
        for (int64_t milli : {int64_t{0}, int64_t{3}, int64_t{5}, int64_t{7}}) {
          std::vector<FactValue> facts(m.facts.size());
          facts[0].kind = FactValue::Kind::Num;
          facts[0].num = *Rational::make(cents * 10 + milli, 1000);
          facts[1].kind = FactValue::Kind::Num;
          facts[1].num = Rational(1);
          z3::model model = space.pin(*c.r.program, enc.vars(), facts);
          Evaluation ev = vm.evaluate(facts);
          for (size_t r = 0; r < m.rules.size(); ++r) {
            auto got = smt::observe(model, enc.rule(static_cast<int>(r)));
            ASSERT_TRUE(got.has_value());
            ASSERT_EQ(*got, smt::observe(m, ev.rules[r])) << facts[0].num.to_decimal() << "元, rule " << r;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace zc
