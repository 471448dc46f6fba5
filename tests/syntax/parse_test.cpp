// Parser and AST builder tests: literal values, the legal meaning of bound words, statement
// structure, and error recovery (one diagnostic per broken statement, the rest still parsed).
#include <gtest/gtest.h>

#include "base/units.h"
#include "compiler/syntax/literal.h"
#include "compiler/syntax/parse.h"

namespace zc::syntax {
namespace {

struct Parsed {
  std::shared_ptr<ast::Policy> policy;
  std::vector<Diagnostic> diags;
  SourceManager sm;
};

std::unique_ptr<Parsed> run(const std::string& text) {
  auto out = std::make_unique<Parsed>();
  FileId id = out->sm.add("t.zc", text);
  DiagSink sink;
  out->policy = parse(out->sm, id, sink);
  out->diags = sink.all();
  return out;
}

std::vector<std::string> codes(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> v;
  for (const Diagnostic& d : ds) v.push_back(diag_info(d.code).id);
  return v;
}

TEST(Parse, LiteralValues) {
  struct Case {
    const char* text;
    Rational value;
    std::optional<Rational> hi;
  };
  const Case cases[] = {
      {"10万元", Rational(100000), std::nullopt},
      {"十万元", Rational(100000), std::nullopt},
      {"0.5万元", Rational(5000), std::nullopt},
      {"1.5亿元", Rational(150000000), std::nullopt},
      {"100-500万元", Rational(1000000), Rational(5000000)},
      {"20-30（含）万元", Rational(200000), Rational(300000)},
      {"100万元至500万元", Rational(1000000), Rational(5000000)},
      {"20%", *Rational::make(1, 5), std::nullopt},
      {"百分之五十", *Rational::make(1, 2), std::nullopt},
      {"1.5‰", *Rational::make(3, 2000), std::nullopt},
      {"千分之一点五", *Rational::make(3, 2000), std::nullopt},
      {"1∶1", Rational(1), std::nullopt},
      {"2家", Rational(2), std::nullopt},
      {"１０家", Rational(10), std::nullopt},
      {"100万元-5亿元", Rational(1000000), Rational(500000000)},
      {"20（含）-30万元", Rational(200000), Rational(300000)},
      {"3", Rational(3), std::nullopt},
      {"30分", Rational(30), std::nullopt},
      {"10万元 # 备注", Rational(100000), std::nullopt},
  };
  for (const Case& c : cases) {
    auto lit = read_literal(c.text);
    ASSERT_TRUE(lit) << c.text;
    EXPECT_EQ(lit->value, c.value) << c.text;
    EXPECT_EQ(lit->hi, c.hi) << c.text;
  }
  EXPECT_FALSE(read_literal("10万元补助"));
  EXPECT_FALSE(read_literal("2家以上"));
  EXPECT_FALSE(read_literal("0∶1"));  // a ratio relative to nothing
  EXPECT_FALSE(read_literal("100-"));
  EXPECT_FALSE(read_literal("10万元 5"));
  auto pct = read_literal("百分之二十");
  ASSERT_TRUE(pct);
  EXPECT_EQ(pct->kind, ast::LitKind::Rate);
  EXPECT_EQ(pct->unit, "百分之");
  auto count = read_literal("2（含）家");
  ASSERT_TRUE(count);
  EXPECT_EQ(count->kind, ast::LitKind::Count);
  EXPECT_EQ(count->unit, "家");
  EXPECT_TRUE(count->incl_mark);
  EXPECT_FALSE(read_literal("万元"));
  EXPECT_FALSE(read_literal(""));
}

TEST(Parse, DateValue) {
  auto lit = read_literal("2024年2月21日");
  ASSERT_TRUE(lit);
  EXPECT_EQ(lit->kind, ast::LitKind::Date);
  EXPECT_EQ(lit->value, Rational(19774));  // days from 1970-01-01
  EXPECT_FALSE(read_literal("2023年2月29日"));
  EXPECT_EQ(day_number(2024, 2, 29), 19782);
}

// 民法典第1259条: 以上/以下/达到/不超过 include the number; 超过/不满/低于 exclude it.
TEST(Parse, BoundWordsHaveTheirLegalMeaning) {
  auto p = run(
      "规则「甲」：对「A」50万元以上的，给予1万元。\n"
      "规则「乙」：对「A」超过50万元的，给予1万元。\n"
      "规则「丙」：对「A」不满50万元的，给予1万元。\n"
      "规则「丁」：对「A」50万元以下的，给予1万元。\n"
      "规则「戊」：对「A」不低于50万元的，给予1万元。\n"
      "规则「己」：对「N」2家（含2家）以上的，给予1万元。\n");
  ASSERT_EQ(p->diags.size(), 0u);
  const CmpOp want[] = {CmpOp::Ge, CmpOp::Gt, CmpOp::Lt, CmpOp::Le, CmpOp::Ge, CmpOp::Ge};
  ASSERT_EQ(p->policy->rules.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    const ast::Cond& c = *p->policy->rules[i].branches[0].conds[0].cond;
    ASSERT_TRUE(c.cmp) << i;
    EXPECT_EQ(c.cmp->op, want[i]) << i;
  }
  const ast::Comparison& incl = *p->policy->rules[5].branches[0].conds[0].cond->cmp;
  EXPECT_TRUE(incl.incl);
  ASSERT_TRUE(incl.incl_value);
  EXPECT_EQ(incl.incl_value->value, Rational(2));
}

TEST(Parse, RuleWithAlternativesTiersAndGroups) {
  auto p = run(
      "第1条“加快培育高新技术企业”。\n"
      "规则「高企」：对「甲」的企业，给予10万元补助；对「乙」的企业给予5万元补助。\n"
      "说明：“两种情形互斥。”。\n"
      "规则「孵化器」：对「级别」为「省级」、「国家级」的，分别给予一次性50万元、100万元的资金补助。\n"
      "不重复「不重复」：「高企」与「孵化器」不重复支持，就高。\n"
      "上限「上限」：「高企」、「孵化器」合计，单个企业年度最高补助250万元。\n");
  ASSERT_EQ(p->diags.size(), 0u) << codes(p->diags)[0];
  const ast::Policy& pol = *p->policy;
  ASSERT_EQ(pol.articles.size(), 1u);
  EXPECT_EQ(pol.articles[0].number, "1");
  ASSERT_EQ(pol.rules.size(), 2u);
  EXPECT_EQ(pol.rules[0].branches.size(), 2u);
  EXPECT_EQ(pol.rules[0].note, "两种情形互斥。");
  EXPECT_EQ(pol.rules[0].article, 0);
  const ast::Cond& tier = *pol.rules[1].branches[0].conds[0].cond;
  EXPECT_EQ(tier.kind, ast::Cond::Kind::Is);
  ASSERT_EQ(tier.values.size(), 2u);
  EXPECT_EQ(tier.values[1].name.text, "国家级");
  ASSERT_EQ(pol.nodups.size(), 1u);
  EXPECT_EQ(pol.nodups[0].members.size(), 2u);
  EXPECT_EQ(pol.nodups[0].mode, NoDupMode::Highest);
  ASSERT_EQ(pol.caps.size(), 1u);
  EXPECT_EQ(pol.caps[0].members.size(), 2u);
}

TEST(Parse, ConditionGroupsKeepTheirConnectives) {
  auto p = run("规则「甲」：对（「A」50万元以上，或「B」100万元以上且未「C」）的「规上企业」，给予1万元。\n");
  ASSERT_EQ(p->diags.size(), 0u);
  const ast::CondSeg& seg = p->policy->rules[0].branches[0].conds[0];
  EXPECT_EQ(seg.subj, ast::CondSeg::Subj::Name);
  EXPECT_EQ(seg.subject_name.text, "规上企业");
  const ast::Cond& g = *seg.cond;
  ASSERT_EQ(g.kind, ast::Cond::Kind::Group);
  EXPECT_TRUE(g.parenthesized);
  // The ， before 或 sets the scope (docs/language.md §3): 「A」50万元以上，或（「B」100万元以上且未「C」）.
  EXPECT_EQ(g.ops, (std::vector<std::string>{"，或"}));
  EXPECT_EQ(g.op_is_and, (std::vector<bool>{false}));
  ASSERT_EQ(g.children.size(), 2u);
  const ast::Cond& inner = *g.children[1];
  ASSERT_EQ(inner.kind, ast::Cond::Kind::Group);
  EXPECT_EQ(inner.ops, (std::vector<std::string>{"且"}));
  EXPECT_EQ(inner.children[1]->kind, ast::Cond::Kind::Not);
}

TEST(Parse, OneDiagnosticPerBrokenStatementAndTheRestParses) {
  auto p = run(
      "规则「甲」：对的企业，给予10万元。\n"
      "规则「乙」给予1万元。\n"
      "规则「丙」：对「A」的企业，给予3万元补助。\n");
  EXPECT_EQ(codes(p->diags), (std::vector<std::string>{"E0201", "E0201"}));
  ASSERT_EQ(p->policy->rules.size(), 1u);
  EXPECT_EQ(p->policy->rules[0].name.text, "丙");
}

TEST(Parse, MissingFullStopIsReportedOnceAtTheEndOfTheStatement) {
  auto p = run("规则「甲」：对「A」的企业，给予10万元\n规则「乙」：对「A」的企业，给予1万元。\n");
  EXPECT_EQ(codes(p->diags), (std::vector<std::string>{"E0202"}));
  ASSERT_EQ(p->diags[0].span.begin, p->diags[0].span.end);
  EXPECT_EQ(p->diags[0].span.begin, std::string("规则「甲」：对「A」的企业，给予10万元").size());
  // The lexer supplied the 。, so both statements parse.
  ASSERT_EQ(p->policy->rules.size(), 2u);
  EXPECT_EQ(p->policy->rules[1].name.text, "乙");
}

TEST(Parse, HeaderOnceAndRounding) {
  auto p = run("政策“甲”。政策“乙”。舍入：向下取整到元。发文日期：2024年2月21日。\n");
  EXPECT_EQ(codes(p->diags), (std::vector<std::string>{"E0206"}));
  EXPECT_EQ(p->policy->header.rounding, RoundingMode::Down);
  EXPECT_EQ(p->policy->header.rounding_unit, RoundingUnit::Yuan);
  ASSERT_TRUE(p->policy->header.date);
  EXPECT_EQ(p->policy->header.date->text, "2024年2月21日");
}

TEST(Parse, InvalidDateIsReported) {
  auto p = run("发文日期：2023年2月29日。\n");
  EXPECT_EQ(codes(p->diags), (std::vector<std::string>{"E0107"}));
}

TEST(Parse, DeepNestingIsALimitNotACrash) {
  std::string deep = "规则「甲」：对";
  for (int i = 0; i < 64; ++i) deep += "（";
  deep += "「A」";
  for (int i = 0; i < 64; ++i) deep += "）";
  deep += "的，给予1万元。\n";
  auto ok = run(deep);
  EXPECT_EQ(ok->diags.size(), 0u);
  std::string deeper = "规则「甲」：对";
  for (int i = 0; i < 66; ++i) deeper += "（";
  deeper += "「A」";
  for (int i = 0; i < 66; ++i) deeper += "）";
  deeper += "的，给予1万元。\n";
  auto bad = run(deeper);
  EXPECT_EQ(codes(bad->diags), (std::vector<std::string>{"E0203"}));
}

}  // namespace
}  // namespace zc::syntax
