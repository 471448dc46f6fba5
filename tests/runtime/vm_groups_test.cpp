// 不重复 (NoDup) and 上限 (Cap) groups and payer totals: which member a NoDup group keeps (就高 by
// hi, then lo, then list order; 优先 by list order), how a Cap group fills the cap in member order
// separately for each end, that NoDup groups act before Cap groups, and the notes they leave.
#include <gtest/gtest.h>

#include "runtime/vm/vm.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

using test::Builder;
using test::dump;
using test::dump_totals;
using test::run;
using test::yes;

// A rule that pays `amount` (an interval when lo < hi) to `payer`; selective if asked; only when
// fact `cond` holds if one is given.
uint16_t pay(Builder& b, std::string_view name, uint16_t payer, int64_t lo, int64_t hi, bool selective = false,
             uint16_t cond = kNoIndex) {
  uint16_t r = b.rule(name, 0, payer);
  CodeLabel skip = b.label();
  if (cond != kNoIndex) {
    b.load(cond);
    b.emit(Opcode::JMP_FALSE, skip);
  }
  if (selective) b.emit(Opcode::MARK_SELECTIVE);
  b.push(lo);
  if (hi != lo) {
    b.push(hi);
    b.emit(Opcode::SPAN);
  }
  b.emit(Opcode::EMIT_AMOUNT, payer);
  b.bind(skip);
  b.emit(Opcode::RET);
  b.end();
  return r;
}

TEST(VmGroups, NoDupHighestKeepsTheHighestAndTheFirstOnTies) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t never = b.fact("不满足", ValueType::Bool);
  uint16_t a = pay(b, "甲", p, 100000, 100000);
  uint16_t c1 = pay(b, "乙", p, 300000, 300000);
  uint16_t c2 = pay(b, "丙", p, 300000, 300000);
  uint16_t d = pay(b, "丁", p, 900000, 900000, false, never);
  b.nodup("研发机构不重复支持", {a, c1, c2, d});
  Evaluation ev = run(b.m, {yes(false)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Excluded pay{P0=100000} notes[依「研发机构不重复支持」不重复支持，就高保留「乙」]");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded pay{P0=300000}");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Excluded pay{P0=300000} notes[依「研发机构不重复支持」不重复支持，就高保留「乙」]");
  EXPECT_EQ(dump(b.m, ev.rules[3]), "NotApplicable");
  EXPECT_EQ(dump_totals(ev), "P0=300000");
  EXPECT_FALSE(ev.has_error);
}

TEST(VmGroups, NoDupHighestComparesHighThenLow) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t upto = pay(b, "最高50万", p, 0, 500000);
  uint16_t fixed = pay(b, "固定40万", p, 400000, 400000);
  uint16_t low = pay(b, "10至50万", p, 100000, 500000);
  uint16_t high = pay(b, "20至50万", p, 200000, 500000);
  b.nodup("甲组", {fixed, upto});
  b.nodup("乙组", {low, high});
  Evaluation ev = run(b.m, {});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=[0,500000]}");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Excluded pay{P0=400000} notes[依「甲组」不重复支持，就高保留「最高50万」]");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Excluded pay{P0=[100000,500000]} notes[依「乙组」不重复支持，就高保留「20至50万」]");
  EXPECT_EQ(dump(b.m, ev.rules[3]), "Awarded pay{P0=[200000,500000]}");
  EXPECT_EQ(dump_totals(ev), "P0=[200000,1000000]");
}

TEST(VmGroups, NoDupFirstKeepsTheFirstListedThatPays) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t never = b.fact("不满足", ValueType::Bool);
  uint16_t a = pay(b, "市级奖补", p, 100000, 100000);
  uint16_t c = pay(b, "区级奖补", p, 500000, 500000);
  uint16_t n = pay(b, "未获奖补", p, 900000, 900000, false, never);
  b.nodup("获得市级奖补的不再重复奖励", {n, a, c}, NoDupMode::First);
  Evaluation ev = run(b.m, {yes(false)});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=100000}");
  EXPECT_EQ(dump(b.m, ev.rules[1]),
            "Excluded pay{P0=500000} notes[依「获得市级奖补的不再重复奖励」不重复支持，优先保留「市级奖补」]");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "NotApplicable");
  EXPECT_EQ(dump_totals(ev), "P0=100000");
}

// 单个企业年度最高补助250万元 covering two rules (004 §2).
TEST(VmGroups, CapReducesMembersInListOrder) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t r1 = pay(b, "研发投入补助", p, 2000000, 2000000);
  uint16_t r2 = pay(b, "研发平台补助", p, 1000000, 1000000);
  uint16_t r3 = pay(b, "人才补助", p, 300000, 300000);
  b.cap("研发补助年度上限", {r1, r2, r3}, 2500000);
  Evaluation ev = run(b.m, {});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=2000000}");
  EXPECT_EQ(dump(b.m, ev.rules[1]),
            "Awarded pay{P0=500000} notes[受「研发补助年度上限」合计上限250万元限制，由100万元减为50万元]");
  EXPECT_EQ(dump(b.m, ev.rules[2]),
            "Awarded pay{P0=0} notes[受「研发补助年度上限」合计上限250万元限制，由30万元减为0元]");
  EXPECT_EQ(dump_totals(ev), "P0=2500000");

  Builder one;
  uint16_t q = one.payer("区财政");
  uint16_t only = pay(one, "研发投入补助", q, 3000000, 3000000);
  one.cap("研发补助年度上限", {only}, 2500000);
  ev = run(one.m, {});
  EXPECT_EQ(dump(one.m, ev.rules[0]),
            "Awarded pay{P0=2500000} notes[受「研发补助年度上限」合计上限250万元限制，由300万元减为250万元]");

  Builder under;
  uint16_t u = under.payer("区财政");
  uint16_t small = pay(under, "小额", u, 100000, 100000);
  under.cap("上限", {small}, 2500000);
  EXPECT_EQ(dump(under.m, run(under.m, {}).rules[0]), "Awarded pay{P0=100000}");
}

// Each end fills the cap on its own; a low end that would pass its high end is clamped to it.
// The members' intervals always add up to the capped total [min(Σlo, cap), min(Σhi, cap)]: a fixed
// member keeps what the cap leaves it even when a discretionary member is listed first.
TEST(VmGroups, CapIntervalsAddUpToTheCappedTotal) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t r0 = pay(b, "最高200万", p, 0, 2000000);
  uint16_t r1 = pay(b, "固定100万", p, 1000000, 1000000);
  b.cap("上限", {r0, r1}, 2500000);
  Evaluation ev = run(b.m, {});
  EXPECT_EQ(dump(b.m, ev.rules[0]),
            "Awarded pay{P0=[0,1500000]} notes[受「上限」合计上限250万元限制，由最高200万元减为最高150万元]");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded pay{P0=1000000}");
  EXPECT_EQ(dump_totals(ev), "P0=[1000000,2500000]");

  Builder c;
  uint16_t q = c.payer("区财政");
  uint16_t s0 = pay(c, "固定100万", q, 1000000, 1000000);
  uint16_t s1 = pay(c, "最高300万", q, 0, 3000000);
  c.cap("上限", {s0, s1}, 2500000);
  ev = run(c.m, {});
  EXPECT_EQ(dump(c.m, ev.rules[0]), "Awarded pay{P0=1000000}");
  EXPECT_EQ(dump(c.m, ev.rules[1]),
            "Awarded pay{P0=[0,1500000]} notes[受「上限」合计上限250万元限制，由最高300万元减为最高150万元]");
  EXPECT_EQ(dump_totals(ev), "P0=[1000000,2500000]");

  // A fixed member that alone exceeds the cap: the group pays exactly the cap.
  Builder d;
  uint16_t t = d.payer("区财政");
  uint16_t t0 = pay(d, "最高500万", t, 0, 5000000);
  uint16_t t1 = pay(d, "固定500万", t, 5000000, 5000000);
  d.cap("上限", {t0, t1}, 2500000);
  ev = run(d.m, {});
  EXPECT_EQ(dump(d.m, ev.rules[0]), "Awarded pay{P0=0} notes[受「上限」合计上限250万元限制，由最高500万元减为0元]");
  EXPECT_EQ(dump(d.m, ev.rules[1]), "Awarded pay{P0=2500000} notes[受「上限」合计上限250万元限制，由500万元减为250万元]");
  EXPECT_EQ(dump_totals(ev), "P0=2500000");
}

// Only Local payers count toward a cap; a selective member counts as [0, hi].
TEST(VmGroups, CapCountsLocalPayersAndSelectiveAsUpTo) {
  Builder b;
  uint16_t local = b.payer("区财政");
  uint16_t upper = b.payer("市财政", PayerRole::Upper);
  uint16_t r0 = b.rule("配套", 0, local);
  b.push(1000000);
  b.emit(Opcode::EMIT_AMOUNT, local);
  b.push(5000000);
  b.emit(Opcode::EMIT_AMOUNT, upper);
  b.emit(Opcode::RET);
  b.end();
  uint16_t r1 = pay(b, "择优", local, 2000000, 2000000, true);
  b.cap("上限", {r0, r1}, 2500000);
  Evaluation ev = run(b.m, {});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Awarded pay{P0=1000000, P1=5000000}");
  EXPECT_EQ(dump(b.m, ev.rules[1]),
            "Awarded selective pay{P0=1500000} notes[受「上限」合计上限250万元限制，由最高200万元减为最高150万元]");
  EXPECT_EQ(dump_totals(ev), "P0=[1000000,2500000] P1=5000000");
}

// NoDup groups act first even when a Cap group comes first in the table: an excluded member
// takes no room under the cap.
TEST(VmGroups, NoDupBeforeCapWhateverTheTableOrder) {
  Builder b;
  uint16_t p = b.payer("区财政");
  uint16_t a = pay(b, "甲", p, 800000, 800000);
  uint16_t c = pay(b, "乙", p, 600000, 600000);
  uint16_t d = pay(b, "丙", p, 900000, 900000);
  b.cap("上限", {a, c}, 1000000);
  b.nodup("不重复", {a, d});
  Evaluation ev = run(b.m, {});
  EXPECT_EQ(dump(b.m, ev.rules[0]), "Excluded pay{P0=800000} notes[依「不重复」不重复支持，就高保留「丙」]");
  EXPECT_EQ(dump(b.m, ev.rules[1]), "Awarded pay{P0=600000}");
  EXPECT_EQ(dump(b.m, ev.rules[2]), "Awarded pay{P0=900000}");
  EXPECT_EQ(dump_totals(ev), "P0=1500000");
}

// The sample policy end to end: both groups act and the totals follow.
TEST(VmGroups, SamplePolicy) {
  Module m = test::sample_module();
  std::vector<FactValue> f = test::facts(m, {{"高企认定情况", test::opt(1)},
                                             {"市到位资金", test::num(12000000)},
                                             {"年度认定数量", test::num(12)},
                                             {"年度技术合同成交额", test::num(100000000)}});
  Evaluation ev = run(m, f, true);
  EXPECT_EQ(dump(m, ev.rules[0]), "Excluded branch=1 pay{P0=50000} trace[高企认定奖励5万元] "
                                  "notes[依「研发机构不重复支持」不重复支持，就高保留「培育高企奖励」]");
  EXPECT_EQ(dump(m, ev.rules[1]), "Awarded pay{P0=1000000} trace[「市到位资金」为1200万元]");
  EXPECT_EQ(dump(m, ev.rules[2]), "Awarded pay{P0=60000} trace[年度认定12家]");
  EXPECT_EQ(dump(m, ev.rules[3]), "Awarded pay{P0=[0,500000]}");
  EXPECT_EQ(dump(m, ev.rules[4]), "Awarded case benefit{优先推荐申报省级科技计划项目} payer=P0");
  EXPECT_EQ(dump_totals(ev), "P0=[1060000,1560000] P1=0");
}

}  // namespace
}  // namespace zc
