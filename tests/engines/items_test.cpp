// Item lists (清单, issue 11 form 12) on both engines: a list of a million items is summed exactly, in one
// pass (the VM's ITEMS_SUM loop and the JIT's zc_jit_items visit each item once: no timed assertion here,
// bench/ measures it), VM and JIT agree, and a malformed list stops the rule as a missing fact would.
#include "tests/engines/support.h"

namespace zc::test {
namespace {

constexpr const char* kPolicy =
    "出资方「区财政」：本级，默认。\n"
    "事实「技术合同」：清单（项）。\n"
    "事实「技术交易额」：金额，属于「技术合同」，默认0元。\n"
    "事实「合同类型」：选项（技术转让、技术开发），属于「技术合同」，默认技术转让。\n"
    "规则「技术合同奖励」：对「合同类型」为技术转让的，按「技术交易额」的5%给予奖励，单个「技术合同」奖励不超过20万元。\n";

std::shared_ptr<const Module> items_module() {
  SourceManager sm;
  DiagSink sink;
  FileId id = sm.add("items.zc", kPolicy);
  CompileResult r = compile(sm, id, sink);
  EXPECT_TRUE(r.module.has_value()) << "the item-list policy does not compile";
  return r.module ? std::make_shared<const Module>(std::move(*r.module)) : nullptr;
}

// n items: item i has 技术交易额 i 元 (i from 1), every third a 技术开发 contract (not counted).
std::vector<FactValue> many_items(const Module& m, uint64_t n) {
  auto rows = std::make_shared<ItemRows>();
  rows->width = 2;
  rows->count = n;
  rows->cells.resize(2 * n);
  for (uint64_t i = 0; i < n; ++i) {
    rows->cells[2 * i].kind = FactValue::Kind::Num;
    rows->cells[2 * i].num = Rational(static_cast<int64_t>(i + 1));
    if (i % 3 == 2) {
      rows->cells[2 * i + 1].kind = FactValue::Kind::Opt;
      rows->cells[2 * i + 1].opt = 1;
    }
  }
  FactValue list = item_list_value(std::move(rows));  // fact 0, the list
  std::vector<FactValue> facts;
  facts.push_back(std::move(list));
  facts.resize(m.facts.size());
  return facts;
}

// Σ 5% × i over the items counted, exactly: the items i ≡ 0, 1 (mod 3) of 1..n (i ≤ n is far below the cap).
Rational expected_sum(uint64_t n) {
  int64_t s = 0;
  for (uint64_t i = 1; i <= n; ++i)
    if (i % 3 != 0) s += static_cast<int64_t>(i);
  return *Rational::make(s, 20);
}

TEST(Items, AMillionItemsSumExactlyOnBothEngines) {
  auto m = items_module();
  ASSERT_TRUE(m);
  const uint64_t n = 1000000;
  std::vector<FactValue> facts = many_items(*m, n);
  std::unique_ptr<Engine> vm = make_vm_engine(*m);
  Evaluation a = vm->evaluate(facts);
  ASSERT_EQ(a.rules[0].status, RuleStatus::Awarded);
  ASSERT_EQ(a.rules[0].amounts.size(), 1u);
  EXPECT_EQ(a.rules[0].amounts[0].amount, Interval::exact(expected_sum(n)));
  ZC_JIT_OR_SKIP(jit, *m);
  Evaluation b = jit->evaluate(facts);
  EXPECT_EQ(a, b);
}

TEST(Items, NoItemsIsNotApplicableAndAMalformedListIsAMissingFact) {
  auto m = items_module();
  ASSERT_TRUE(m);
  std::vector<FactValue> none(m->facts.size());
  std::vector<FactValue> bad = many_items(*m, 3);
  auto rows = std::make_shared<ItemRows>(*bad[0].items);
  rows->width = 1;  // rows one value short of the list's two facts
  bad[0].items = rows;
  std::unique_ptr<Engine> vm = make_vm_engine(*m);
  Evaluation a = vm->evaluate(none), c = vm->evaluate(bad);
  EXPECT_EQ(a.rules[0].status, RuleStatus::NotApplicable);
  EXPECT_EQ(c.rules[0].status, RuleStatus::Error);
  EXPECT_EQ(c.rules[0].error_fact, 0u);
  ZC_JIT_OR_SKIP(jit, *m);
  EXPECT_EQ(jit->evaluate(none), a);
  EXPECT_EQ(jit->evaluate(bad), c);
}

}  // namespace
}  // namespace zc::test
