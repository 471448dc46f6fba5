// The VM on hand-assembled rules, one per construct of the seeds: fixed amounts, alternatives,
// tiers, percentages with caps, per-unit awards, ranges, discretionary maxima, selective, case by
// case, unspecified, benefits, deductions, external awards; plus missing facts, overflow, derived
// values (lazy, memoised) and short-circuit conditions. Every outcome is compared whole.
#include <gtest/gtest.h>

#include <limits>

#include "runtime/vm/vm.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

using test::Builder;
using test::dump;
using test::dump_totals;
using test::frac;
using test::num;
using test::opt;
using test::R;
using test::run;
using test::yes;

// 对首次通过高新技术企业认定的企业，给予10万元补助 (000 §1)
TEST(Vm, FixedAmount) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t first = b.fact("首次通过认定", ValueType::Bool);
  b.rule("高企认定奖励", 0, p);
  CodeLabel skip = b.label();
  b.load(first);
  b.emit(Opcode::JMP_FALSE, skip);
  b.push(R("100000"));
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.bind(skip);
  b.emit(Opcode::RET);
  b.end();

  Evaluation yes_ev = run(b.m, {yes(true)});
  EXPECT_EQ(dump(b.m, yes_ev.rules[0]), "Awarded pay{P0=100000}");
  EXPECT_EQ(dump_totals(yes_ev), "P0=100000");
  EXPECT_FALSE(yes_ev.has_error);
  Evaluation no_ev = run(b.m, {yes(false)});
  EXPECT_EQ(dump(b.m, no_ev.rules[0]), "NotApplicable");
  EXPECT_EQ(dump_totals(no_ev), "P0=0");
}

// 首次通过 10万；复审通过 5万；受理但未通过 3万: the first branch whose condition holds (000 §1)
TEST(Vm, AlternativesTakeTheFirstMatchingBranch) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t conds[] = {b.fact("首次通过", ValueType::Bool), b.fact("复审通过", ValueType::Bool),
                      b.fact("受理未通过", ValueType::Bool)};
  const char* amounts[] = {"100000", "50000", "30000"};
  b.rule("高企认定奖励", 3, p);
  CodeLabel done = b.label();
  for (uint16_t i = 0; i < 3; ++i) {
    CodeLabel next = b.label();
    b.load(conds[i]);
    b.emit(Opcode::JMP_FALSE, next);
    b.emit(Opcode::SET_BRANCH, i);
    b.push(R(amounts[i]));
    b.emit(Opcode::EMIT_AMOUNT, p);
    b.emit(Opcode::JMP, done);
    b.bind(next);
  }
  b.bind(done);
  b.emit(Opcode::RET);
  b.end();

  EXPECT_EQ(dump(b.m, run(b.m, {yes(true), yes(true), yes(false)}).rules[0]), "Awarded branch=0 pay{P0=100000}");
  EXPECT_EQ(dump(b.m, run(b.m, {yes(false), yes(true), yes(true)}).rules[0]), "Awarded branch=1 pay{P0=50000}");
  EXPECT_EQ(dump(b.m, run(b.m, {yes(false), yes(false), yes(true)}).rules[0]), "Awarded branch=2 pay{P0=30000}");
  EXPECT_EQ(dump(b.m, run(b.m, {yes(false), yes(false), yes(false)}).rules[0]), "NotApplicable");
}

// 给予大型企业10万元、中型企业5万元、小型企业3万元 (001 §6): 分别 as OPT_EQ tiers
TEST(Vm, TierByOption) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t size = b.fact("企业规模", ValueType::Option, {}, {"大型", "中型", "小型"});
  const char* amounts[] = {"100000", "50000", "30000"};
  b.rule("规模奖励", 3, p);
  for (uint16_t i = 0; i < 3; ++i) {
    CodeLabel next = b.label();
    b.load(size);
    b.emit(Opcode::OPT_EQ, i);
    b.emit(Opcode::JMP_FALSE, next);
    b.emit(Opcode::SET_BRANCH, i);
    b.push(R(amounts[i]));
    b.emit(Opcode::EMIT_AMOUNT, p);
    b.emit(Opcode::RET);
    b.bind(next);
  }
  b.emit(Opcode::RET);
  b.end();

  EXPECT_EQ(dump(b.m, run(b.m, {opt(0)}).rules[0]), "Awarded branch=0 pay{P0=100000}");
  EXPECT_EQ(dump(b.m, run(b.m, {opt(1)}).rules[0]), "Awarded branch=1 pay{P0=50000}");
  EXPECT_EQ(dump(b.m, run(b.m, {opt(2)}).rules[0]), "Awarded branch=2 pay{P0=30000}");
}

// 区财政按市到位资金的20%给予补助，单个项目不超过100万元 (000 §2, §7), rounded to 分
Module percentage_with_cap(RoundingMode mode) {
  Builder b;
  b.m.meta.rounding = mode;
  uint16_t p = b.payer("区财政");
  uint16_t base = b.fact("市到位资金", ValueType::Money);
  b.rule("市级资金配套", 0, p);
  b.load(base);
  b.push(frac(1, 5));
  b.emit(Opcode::MUL);
  b.push(R("1000000"));
  b.emit(Opcode::MIN);
  b.emit(Opcode::ROUND);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();
  return std::move(b.m);
}

TEST(Vm, PercentageOfABaseWithACap) {
  Module m = percentage_with_cap(RoundingMode::HalfUp);
  EXPECT_EQ(dump(m, run(m, {num(R("3000000"))}).rules[0]), "Awarded pay{P0=600000}");
  EXPECT_EQ(dump(m, run(m, {num(R("6000000"))}).rules[0]), "Awarded pay{P0=1000000}");
  EXPECT_EQ(dump(m, run(m, {num(R("1234567.89"))}).rules[0]), "Awarded pay{P0=246913.58}");  // 246913.578
  Module down = percentage_with_cap(RoundingMode::Down);
  EXPECT_EQ(dump(down, run(down, {num(R("1234567.89"))}).rules[0]), "Awarded pay{P0=246913.57}");
}

// 一年认定数量2家（含2家）以上的，每认定1家补助5000元 (000 §1)
TEST(Vm, PerUnitAboveAThreshold) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t n = b.fact("认定数量", ValueType::Count, {}, {}, "家");
  b.rule("培育奖励", 0, p);
  CodeLabel skip = b.label();
  b.load(n);
  b.push(2);
  b.emit(Opcode::CMP_GE);
  b.emit(Opcode::JMP_FALSE, skip);
  b.load(n);
  b.push(5000);
  b.emit(Opcode::MUL);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.bind(skip);
  b.emit(Opcode::RET);
  b.end();

  EXPECT_EQ(dump(b.m, run(b.m, {num(1)}).rules[0]), "NotApplicable");
  EXPECT_EQ(dump(b.m, run(b.m, {num(2)}).rules[0]), "Awarded pay{P0=10000}");
  EXPECT_EQ(dump(b.m, run(b.m, {num(3)}).rules[0]), "Awarded pay{P0=15000}");
}

// 在完成年度目标任务的基础上，每增加认定1家给予5万元，最高支持50万元 (004 §8)
TEST(Vm, PerUnitAboveATarget) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t actual = b.fact("认定数量", ValueType::Count, {}, {}, "家");
  uint16_t target = b.fact("年度目标", ValueType::Count, {}, {}, "家");
  b.rule("超额奖励", 0, p);
  b.load(actual);
  b.load(target);
  b.emit(Opcode::SUB);
  b.emit(Opcode::CLAMP0);
  b.push(50000);
  b.emit(Opcode::MUL);
  b.push(500000);
  b.emit(Opcode::MIN);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();

  EXPECT_EQ(dump(b.m, run(b.m, {num(3), num(5)}).rules[0]), "Awarded pay{P0=0}");
  EXPECT_EQ(dump(b.m, run(b.m, {num(8), num(5)}).rules[0]), "Awarded pay{P0=150000}");
  EXPECT_EQ(dump(b.m, run(b.m, {num(20), num(5)}).rules[0]), "Awarded pay{P0=500000}");
}

// 给予最高50万元补助 (004 §1); 按照最高2.5%的比例 (004 §2)
TEST(Vm, DiscretionaryMaximum) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t base = b.fact("研发投入", ValueType::Money);
  b.rule("最高50万元", 0, p);
  b.push(500000);
  b.emit(Opcode::UPTO);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();
  b.rule("最高2.5%", 0, p);
  b.load(base);
  b.push(frac(1, 40));
  b.emit(Opcode::MUL);
  b.emit(Opcode::UPTO);
  b.emit(Opcode::ROUND);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();

  Evaluation ev = run(b.m, {num(R("1234567.89"))});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=[0,500000]}");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded pay{P0=[0,30864.2]}");
  EXPECT_EQ(dump_totals(ev), "P0=[0,530864.2]");
}

// 分别给予100-500万元 (004 §1), also when written backwards
TEST(Vm, Range) {
  Builder b;
  uint16_t p = b.payer("区财政");
  b.rule("区间", 0, p);
  b.push(1000000);
  b.push(5000000);
  b.emit(Opcode::SPAN);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();
  b.rule("倒写的区间", 0, p);
  b.push(5000000);
  b.push(1000000);
  b.emit(Opcode::SPAN);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();

  Evaluation ev = run(b.m, {});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=[1000000,5000000]}");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded pay{P0=[1000000,5000000]}");
}

// 区财政择优给予10万元资金支持 (000 §4); 一事一议 (000 §4); 金额未明确, 最高200万元 (002);
// 推荐纳入…管理 (001 §3); 研发费用加计100%扣除 (004 §7)
TEST(Vm, SelectiveCaseByCaseUnspecifiedBenefitDeduction) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t spend = b.fact("研发费用", ValueType::Money);
  b.rule("择优支持", 0, p);
  b.emit(Opcode::MARK_SELECTIVE);
  b.push(100000);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();
  b.rule("一事一议", 0, p);
  b.emit(Opcode::EMIT_CASE, p);
  b.emit(Opcode::RET);
  b.end();
  b.rule("金额未明确", 0, p);
  b.emit(Opcode::EMIT_UNSPEC, p);
  b.push(2000000);
  b.emit(Opcode::UNSPEC_MAX);
  b.emit(Opcode::RET);
  b.end();
  b.rule("推荐管理", 0, p);
  b.emit(Opcode::EMIT_BENEFIT, b.s("推荐纳入省级科技企业孵化器管理"));
  b.emit(Opcode::RET);
  b.end();
  b.rule("加计扣除", 0, p);
  b.load(spend);
  b.push(1);
  b.emit(Opcode::MUL);
  b.emit(Opcode::EMIT_DEDUCT);
  b.emit(Opcode::RET);
  b.end();

  Evaluation ev = run(b.m, {num(3000000)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded selective pay{P0=100000}");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded case payer=P0");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Awarded unspecified max=2000000 payer=P0");
  EXPECT_EQ(dump(b.m, ev.rules[3]), "Awarded benefit{推荐纳入省级科技企业孵化器管理}");
  EXPECT_EQ(dump(b.m, ev.rules[4]), "Awarded deduct=3000000");
  // Only the selective award is money of this policy, and it may not be granted: [0, 10万].
  EXPECT_EQ(dump_totals(ev), "P0=[0,100000]");
}

// 在聊城市财政给予200万元一次性奖励的基础上，临清市财政给予20万元 (001 §2)
TEST(Vm, ExternalAward) {
  Builder b;
  uint16_t local = b.payer("临清市财政");
  uint16_t upper = b.payer("聊城市财政", PayerRole::Upper);
  b.rule("在市级奖励基础上", 0, local);
  b.push(2000000);
  b.emit(Opcode::EMIT_EXTERNAL, upper);
  b.push(200000);
  b.emit(Opcode::EMIT_AMOUNT, local);
  b.emit(Opcode::RET);
  b.end();
  Evaluation ev = run(b.m, {});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=200000} ext{P1=2000000}");
  EXPECT_EQ(dump_totals(ev), "P0=200000 P1=0");
}

// Amounts to the same payer within a rule add up; amounts to different payers stay apart.
TEST(Vm, AmountsAccumulatePerPayer) {
  Builder b;
  uint16_t p0 = b.payer("区财政");
  uint16_t p1 = b.payer("合作银行", PayerRole::Other);
  b.rule("分担", 0, p0);
  b.push(30000);
  b.emit(Opcode::EMIT_AMOUNT, p0);
  b.push(20000);
  b.emit(Opcode::EMIT_AMOUNT, p1);
  b.push(5000);
  b.emit(Opcode::EMIT_AMOUNT, p0);
  b.emit(Opcode::RET);
  b.end();
  Evaluation ev = run(b.m, {});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=35000, P1=20000}");
  EXPECT_EQ(dump_totals(ev), "P0=35000 P1=20000");
}

TEST(Vm, MissingFactStopsOnlyItsRule) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t present = b.fact("已知", ValueType::Bool);
  uint16_t absent = b.fact("未知", ValueType::Money);
  uint16_t defaulted = b.fact("有默认值", ValueType::Count, num(3));
  b.rule("需要未知事实", 0, p);
  b.emit(Opcode::TRACE, b.s("开始"), 0);
  b.load(absent);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();
  b.rule("只需已知事实", 0, p);
  CodeLabel skip = b.label();
  b.load(present);
  b.emit(Opcode::JMP_FALSE, skip);
  b.push(10000);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.bind(skip);
  b.emit(Opcode::RET);
  b.end();
  b.rule("使用默认值", 0, p);
  b.load(defaulted);
  b.push(1000);
  b.emit(Opcode::MUL);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();

  Evaluation ev = run(b.m, {yes(true), test::missing(), test::missing()}, true);
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Error error=MissingFact(F1) trace[开始]");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded pay{P0=10000}");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Awarded pay{P0=3000}");
  EXPECT_TRUE(ev.has_error);
  EXPECT_EQ(dump_totals(ev), "P0=13000");

  // A value given overrides the default; a value of the wrong kind counts as missing, and so do
  // facts beyond the end of the vector.
  ev = run(b.m, {yes(true), num(7), num(5)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=7}");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Awarded pay{P0=5000}");
  EXPECT_FALSE(ev.has_error);
  ev = run(b.m, {num(1), yes(true), yes(true)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Error error=MissingFact(F1)");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Error error=MissingFact(F0)");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Error error=MissingFact(F2)");
  ev = run(b.m, {yes(false)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Error error=MissingFact(F1)");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "NotApplicable");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Awarded pay{P0=3000}");
}

TEST(Vm, OverflowStopsOnlyItsRule) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t big = b.fact("金额", ValueType::Money);
  b.rule("溢出", 0, p);
  b.load(big);
  b.push(2);
  b.emit(Opcode::MUL);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();
  b.rule("正常", 0, p);
  b.push(100);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.emit(Opcode::RET);
  b.end();
  const int64_t max = std::numeric_limits<int64_t>::max();
  Evaluation ev = run(b.m, {num(max / 2)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=9223372036854775806}");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Error error=Overflow");
  // Each rule fits, but their sum does not: the rule that no longer fits the total is the error.
  EXPECT_EQ(dump_totals(ev), "P0=9223372036854775806");
  EXPECT_TRUE(ev.has_error);
  EXPECT_EQ(dump(b.m, run(b.m, {num(max / 2 + 1)}).rules[0]), "Error error=Overflow");
}

TEST(Vm, TotalOverflowMarksTheRuleThatDoesNotFit) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t big = b.fact("金额", ValueType::Money);
  for (int i = 0; i < 2; ++i) {
    b.rule(i == 0 ? "甲" : "乙", 0, p);
    b.load(big);
    b.emit(Opcode::EMIT_AMOUNT, p);
    b.emit(Opcode::RET);
    b.end();
  }
  Evaluation ev = run(b.m, {num(std::numeric_limits<int64_t>::max() - 5)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=9223372036854775802}");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Error error=Overflow");
  EXPECT_EQ(dump_totals(ev), "P0=9223372036854775802");
  EXPECT_TRUE(ev.has_error);
}

// D0 = 研发投入 × 2 (traced), D1 = D0 + 1. Both rules use D1; D0 is computed once per evaluation,
// so its trace appears only in the first rule that needed it.
TEST(Vm, DerivedValuesAreLazyAndMemoised) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t base = b.fact("研发投入", ValueType::Money);
  uint16_t flag = b.fact("开关", ValueType::Bool);
  uint16_t d0 = b.derived("双倍", ValueType::Money);
  b.load(base);
  b.push(2);
  b.emit(Opcode::MUL);
  b.emit(Opcode::TRACE, b.s("双倍为{0:money}"), 1);
  b.emit(Opcode::RET);
  b.end();
  uint16_t d1 = b.derived("加一", ValueType::Money);
  b.emit(Opcode::LOAD_DERIVED, d0);
  b.push(1);
  b.emit(Opcode::ADD);
  b.emit(Opcode::RET);
  b.end();
  for (int i = 0; i < 2; ++i) {
    b.rule(i == 0 ? "甲" : "乙", 0, p);
    b.emit(Opcode::LOAD_DERIVED, d1);
    b.emit(Opcode::EMIT_AMOUNT, p);
    b.emit(Opcode::RET);
    b.end();
  }
  b.rule("不用派生值", 0, p);
  CodeLabel skip = b.label();
  b.load(flag);
  b.emit(Opcode::JMP_FALSE, skip);
  b.emit(Opcode::EMIT_CASE, p);
  b.bind(skip);
  b.emit(Opcode::RET);
  b.end();

  Evaluation ev = run(b.m, {num(5), yes(true)}, true);
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=11} trace[双倍为10元]");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded pay{P0=11}");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Awarded case payer=P0");

  // A derived value that fails is memoised as failed: every rule using it reports the same error;
  // rules that do not need it are unaffected. The memo is per evaluation.
  ev = run(b.m, {test::missing(), yes(true)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Error error=MissingFact(F0)");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Error error=MissingFact(F0)");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Awarded case payer=P0");
}

// (甲 且 乙) and (甲 或 乙): the second operand is not evaluated when the first decides, so its
// missing fact is no error.
TEST(Vm, ShortCircuitConditions) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t a = b.fact("甲", ValueType::Bool);
  uint16_t c = b.fact("乙", ValueType::Bool);
  for (Opcode op : {Opcode::AND_JMP, Opcode::OR_JMP}) {
    b.rule(op == Opcode::AND_JMP ? "且" : "或", 0, p);
    CodeLabel decided = b.label();
    CodeLabel skip = b.label();
    b.load(a);
    b.emit(op, decided);
    b.load(c);
    b.bind(decided);
    b.emit(Opcode::JMP_FALSE, skip);
    b.push(1000);
    b.emit(Opcode::EMIT_AMOUNT, p);
    b.bind(skip);
    b.emit(Opcode::RET);
    b.end();
  }
  Evaluation ev = run(b.m, {yes(false), test::missing()});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "NotApplicable");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Error error=MissingFact(F1)");
  ev = run(b.m, {yes(true), test::missing()});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Error error=MissingFact(F1)");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded pay{P0=1000}");
  ev = run(b.m, {yes(true), yes(true)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=1000}");
  ev = run(b.m, {yes(false), yes(false)});
  EXPECT_EQ(dump(b.m, ev.rules[1]), "NotApplicable");
}

TEST(Vm, ComparisonsAndArithmetic) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t x = b.fact("数", ValueType::Money);
  const Opcode cmps[] = {Opcode::CMP_LT, Opcode::CMP_LE, Opcode::CMP_GT, Opcode::CMP_GE, Opcode::CMP_EQ};
  for (Opcode op : cmps) {
    b.rule("比较", 0, p);
    CodeLabel skip = b.label();
    b.load(x);
    b.push(300);
    b.emit(op);
    b.emit(Opcode::NOT);
    b.emit(Opcode::NOT);
    b.emit(Opcode::JMP_FALSE, skip);
    b.emit(Opcode::EMIT_CASE, p);
    b.bind(skip);
    b.emit(Opcode::RET);
    b.end();
  }
  b.rule("运算", 0, p);
  b.load(x);
  b.emit(Opcode::DUP);
  b.push(100);
  b.emit(Opcode::SUB);
  b.emit(Opcode::MAX);
  b.push(7);
  b.emit(Opcode::ADD);
  b.push(R("0.5"));
  b.emit(Opcode::MUL);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.push(1);
  b.emit(Opcode::POP);
  b.emit(Opcode::NOP);
  b.emit(Opcode::RET);
  b.end();
  auto statuses = [&](const Evaluation& ev) {
    std::string s;
    for (size_t i = 0; i < 5; ++i) s += ev.rules[i].status == RuleStatus::Awarded ? '1' : '0';
    return s;
  };
  EXPECT_EQ(statuses(run(b.m, {num(299)})), "11000");
  EXPECT_EQ(statuses(run(b.m, {num(300)})), "01011");
  EXPECT_EQ(statuses(run(b.m, {num(301)})), "00110");
  EXPECT_EQ(dump(b.m, run(b.m, {num(300)}).rules[5]), "Awarded pay{P0=153.5}");
}

TEST(Vm, TraceText) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t funds = b.fact("市到位资金", ValueType::Money);
  uint16_t count = b.fact("认定数量", ValueType::Count, {}, {}, "家");
  uint16_t size = b.fact("企业规模", ValueType::Option, {}, {"大型", "中型"});
  uint16_t ok = b.fact("首次通过", ValueType::Bool);
  uint16_t day = b.fact("认定日期", ValueType::Date);
  uint16_t score = b.fact("评审得分", ValueType::Points);
  b.rule("解释", 0, p);
  b.load(funds);
  b.push(frac(1, 5));
  b.emit(Opcode::TRACE, b.s("「市到位资金」为{0:money}，按{1:rate}计算"), 2);
  b.emit(Opcode::MUL);
  b.emit(Opcode::UPTO);
  b.emit(Opcode::TRACE, b.s("补助{0:money}（{0:num}）"), 1);
  b.emit(Opcode::EMIT_AMOUNT, p);
  b.load(count);
  b.load(size);
  b.load(ok);
  b.load(day);
  b.load(score);
  b.emit(Opcode::TRACE, b.s("{0:count:家}，{1:option}，{2:bool}，{3:date}，{4:points}"), 5);
  b.emit(Opcode::TRACE, b.s("{0}/{1}/{2}/{{原样}}"), 4);
  b.emit(Opcode::POP);
  b.emit(Opcode::POP);
  b.emit(Opcode::POP);
  b.emit(Opcode::POP);
  b.emit(Opcode::POP);
  b.emit(Opcode::RET);
  b.end();

  std::vector<FactValue> f = {num(3000000), num(2), opt(1), yes(true), num(19774), num(R("85.5"))};
  Evaluation ev = run(b.m, f, true);
  EXPECT_EQ(ev.rules[0].trace, (std::vector<std::string>{
                                   "「市到位资金」为300万元，按20%计算",
                                   "补助最高60万元（0至600000）",
                                   "2家，中型，是，2024年2月21日，85.5分",
                                   "中型/是/19774/{原样}",
                               }));
  EXPECT_EQ(run(b.m, f, false).rules[0].trace, std::vector<std::string>{});
}

// evaluate_into reuses the result buffers: a second evaluation leaves nothing of the first behind.
TEST(Vm, EvaluateIntoReusesBuffers) {
  Module m = test::sample_module();
  Vm vm(m);
  Evaluation ev;
  std::vector<FactValue> rich = test::facts(m, {{"高企认定情况", opt(0)},
                                                {"市到位资金", num(6000000)},
                                                {"年度认定数量", num(3)},
                                                {"年度技术合同成交额", num(5000000)}});
  vm.evaluate_into(rich, EvalOptions{true}, ev);
  EXPECT_EQ(dump(m, ev.rules[0]), "Awarded branch=0 pay{P0=100000} trace[高企认定奖励10万元]");
  std::vector<FactValue> poor = test::facts(m, {{"高企认定情况", opt(2)},
                                                {"市到位资金", num(100)},
                                                {"年度技术合同成交额", num(1)}});
  vm.evaluate_into(poor, EvalOptions{}, ev);
  Evaluation fresh = vm.evaluate(poor);
  ASSERT_EQ(ev.rules.size(), fresh.rules.size());
  for (size_t i = 0; i < ev.rules.size(); ++i) EXPECT_EQ(dump(m, ev.rules[i]), dump(m, fresh.rules[i]));
  EXPECT_EQ(dump_totals(ev), dump_totals(fresh));
  EXPECT_EQ(dump(m, ev.rules[0]), "Awarded branch=2 pay{P0=30000}");
  EXPECT_EQ(dump(m, ev.rules[3]), "NotApplicable");
}

}  // namespace
}  // namespace zc
