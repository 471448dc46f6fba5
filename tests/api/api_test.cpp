// The public API as its front ends use it: texts from memory, diagnostics as data with code-point
// columns, one policy evaluated on many threads, bytecode round trips, facts, render, format, codes.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "zhengce/zhengce.h"

namespace {

const std::string kPolicy =
    "政策“研发投入补助”。\n"
    "出资方「区财政」：本级，默认。\n"
    "事实「研发投入」：金额。\n"
    "事实「规模」：选项（大型、中型）。\n"
    "规则「研发补助」：对「研发投入」50万元以上的企业，按「研发投入」的10%给予补助，最高不超过10万元。\n"
    "规则「规模奖励」：对「规模」为大型的企业，给予1万元。\n"
    "案例「大企业」：「研发投入」为200万元，「规模」为大型；预期：「研发补助」为10万元，「规模奖励」为1万元。\n";

zhengce::Policy compiled() {
  zhengce::Checked c = zhengce::check({"研发.zc", kPolicy});
  EXPECT_TRUE(c.policy) << c.diagnostics.render(zhengce::DiagnosticFormat::Human);
  EXPECT_TRUE(c.diagnostics.empty());
  return *c.policy;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Api, CheckGivesDiagnosticsAsDataWithCodePointColumns) {
  const std::string text = "政策“测试”。\n出资方「区财政」：本级，默认。\n事实「研发投入」：金额。\n规则「甲」：对「研发投入」50万元左右的企业，给予1万元。\n";
  zhengce::Checked c = zhengce::check({"草稿.zc", text});
  EXPECT_FALSE(c.policy);
  ASSERT_EQ(c.diagnostics.items().size(), 1u);
  const zhengce::Diagnostic& d = c.diagnostics.items()[0];
  EXPECT_EQ(d.code, "E0516");
  EXPECT_EQ(d.slug, "vague-threshold");
  EXPECT_EQ(d.severity, zhengce::Severity::Error);
  ASSERT_TRUE(d.at);
  EXPECT_EQ(d.at->file, "草稿.zc");
  // 规则「甲」：对「研发投入」 is 13 code points (39 bytes) before 50万元左右.
  EXPECT_EQ(d.at->line, 4u);
  EXPECT_EQ(d.at->column, 14u);
  EXPECT_EQ(d.at->begin, text.find("50万元左右"));
  EXPECT_EQ(text.substr(d.at->begin, d.at->end - d.at->begin), "50万元左右");
  EXPECT_EQ(d.at->end_line, 4u);
  EXPECT_EQ(d.at->end_column, 20u);
  EXPECT_EQ(d.message, "「左右」没有确切的法律含义，不能作为门槛");
  EXPECT_EQ(c.diagnostics.errors(), 1u);
  EXPECT_EQ(c.diagnostics.summary(), "发现 1 个错误");

  zhengce::CheckOptions en;
  en.lang = zhengce::Lang::En;
  zhengce::Checked e = zhengce::check({"草稿.zc", text}, en);
  EXPECT_EQ(e.diagnostics.items()[0].message, "`左右` has no exact legal meaning and cannot be a threshold");
  // The rendered form is the command line's: the source line and a caret under the span.
  std::string human = c.diagnostics.render(zhengce::DiagnosticFormat::Human);
  EXPECT_NE(human.find("错误[E0516]: 「左右」没有确切的法律含义，不能作为门槛\n --> 草稿.zc:4:14\n"), std::string::npos) << human;
}

TEST(Api, ChecksTextEditedInMemoryOnManyThreads) {
  // A language server re-checks each edit; several documents may be checked at once.
  std::vector<std::thread> threads;
  std::vector<size_t> errors(8);
  for (size_t i = 0; i < errors.size(); ++i) {
    threads.emplace_back([&, i] {
      std::string text = kPolicy;
      if (i % 2) text.replace(text.find("50万元以上"), std::string("50万元以上").size(), "50万元");
      errors[i] = zhengce::check({"t" + std::to_string(i) + ".zc", text}).diagnostics.errors();
    });
  }
  for (std::thread& t : threads) t.join();
  for (size_t i = 0; i < errors.size(); ++i) EXPECT_EQ(errors[i], i % 2 ? 1u : 0u) << i;
}

TEST(Api, WarningsAndDenyWarnings) {
  const std::string text = "政策“测试”。\n出资方「区财政」：本级，默认。\n事实「甲」、「乙」：是否。\n规则「A」：对「甲」，给予1万元。\n";
  zhengce::Checked c = zhengce::check({"w.zc", text});
  EXPECT_TRUE(c.policy);  // a warning does not stop compilation
  ASSERT_EQ(c.diagnostics.warnings(), 1u);
  EXPECT_EQ(c.diagnostics.items()[0].code, "W0609");
  zhengce::CheckOptions deny;
  deny.deny_warnings = true;
  zhengce::Checked d = zhengce::check({"w.zc", text}, deny);
  EXPECT_FALSE(d.policy);
  EXPECT_EQ(d.diagnostics.errors(), 1u);
}

TEST(Api, FailingExampleIsADiagnosticUnlessExamplesAreOff) {
  std::string text = kPolicy;
  text.replace(text.find("为10万元"), std::string("为10万元").size(), "为9万元");
  zhengce::Checked c = zhengce::check({"e.zc", text});
  EXPECT_FALSE(c.policy);
  ASSERT_EQ(c.diagnostics.items().size(), 1u);
  EXPECT_EQ(c.diagnostics.items()[0].code, "E0701");
  zhengce::CheckOptions no;
  no.examples = false;
  zhengce::Checked n = zhengce::check({"e.zc", text}, no);
  ASSERT_TRUE(n.policy);
  auto results = zhengce::test(*n.policy);
  ASSERT_TRUE(results);
  ASSERT_EQ(results->size(), 1u);
  EXPECT_FALSE((*results)[0].passed);
  EXPECT_EQ((*results)[0].failures.items()[0].code, "E0701");
}

TEST(Api, PolicyDescribesItself) {
  zhengce::Policy p = compiled();
  EXPECT_EQ(p.title(), "研发投入补助");
  EXPECT_EQ(p.rules(), (std::vector<std::string>{"研发补助", "规模奖励"}));
  EXPECT_EQ(p.payers(), (std::vector<std::string>{"区财政"}));
  std::vector<zhengce::FactSpec> facts = p.facts();
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].name, "研发投入");
  EXPECT_EQ(facts[0].type, "金额");
  EXPECT_EQ(facts[1].type, "选项（大型、中型）");
  EXPECT_EQ(facts[1].options, (std::vector<std::string>{"大型", "中型"}));
  EXPECT_TRUE(p.has_source());
}

TEST(Api, EvaluatesWithExactAmounts) {
  zhengce::Policy p = compiled();
  zhengce::Facts f(p);
  ASSERT_TRUE(f.set("研发投入", "80万元"));
  ASSERT_TRUE(f.set("「规模」", "中型"));
  zhengce::Evaluation e = zhengce::evaluate(p, f);
  ASSERT_EQ(e.rules().size(), 2u);
  const zhengce::RuleResult& r = e.rules()[0];
  EXPECT_EQ(r.status, zhengce::RuleResult::Status::Awarded);
  EXPECT_EQ(r.kind, zhengce::RuleResult::Kind::Amount);
  EXPECT_EQ(r.text, "8万元");
  ASSERT_EQ(r.amounts.size(), 1u);
  EXPECT_EQ(r.amounts[0].payer, "区财政");
  EXPECT_EQ(r.amounts[0].amount.min, "80000.00");
  EXPECT_EQ(r.amounts[0].amount.max, "80000.00");
  EXPECT_FALSE(r.trace.empty());
  EXPECT_EQ(e.rules()[1].status, zhengce::RuleResult::Status::NotApplicable);
  ASSERT_EQ(e.totals().size(), 1u);
  EXPECT_EQ(e.totals()[0].amount.text, "8万元");
  EXPECT_EQ(e.totals()[0].role, "local");
  EXPECT_TRUE(e.complete());
  EXPECT_NE(e.json().find("\"text\": \"8万元\""), std::string::npos) << e.json();
  EXPECT_NE(e.text().find("「研发补助」  8万元（区财政）"), std::string::npos) << e.text();
}

// Issue 10, fault 3: a total that includes an award with no figure says so, and has no upper end
// when that award states no maximum; fault 5: a value outside its type's domain is refused.
TEST(Api, TotalsIncludeAwardsWithNoFigureAndFactsStayInTheirDomain) {
  zhengce::Checked c = zhengce::check({"未明确.zc",
                                       "政策“测试”。\n出资方「区财政」：本级，默认。\n事实「入选」、「重大」：是否，默认否。\n"
                                       "事实「职工总数」：数量（人），默认0人。\n"
                                       "规则「奖励」：对「入选」的，给予10万元。\n"
                                       "规则「配套」：对「入选」的，给予奖励，金额未明确，最高50万元。\n"
                                       "规则「重大项目」：对「重大」的，按照“一事一议”的方式给予支持。\n"
                                       "规则「小微」：对「职工总数」不满10人的，给予1万元。\n"});
  ASSERT_TRUE(c.policy) << c.diagnostics.render(zhengce::DiagnosticFormat::Human);
  zhengce::Facts f(*c.policy);
  ASSERT_TRUE(f.set("入选", "是"));
  ASSERT_TRUE(f.set("职工总数", "20人"));
  zhengce::Evaluation bounded = zhengce::evaluate(*c.policy, f);
  ASSERT_EQ(bounded.totals().size(), 1u);
  EXPECT_EQ(bounded.totals()[0].amount.min, "100000.00");
  EXPECT_EQ(bounded.totals()[0].amount.max, "600000.00");
  EXPECT_EQ(bounded.totals()[0].amount.text, "10万元至60万元（含金额未明确 1 项）");
  EXPECT_EQ(bounded.totals()[0].unspecified, 1u);
  ASSERT_TRUE(f.set("重大", "是"));
  zhengce::Evaluation open = zhengce::evaluate(*c.policy, f);
  EXPECT_EQ(open.totals()[0].amount.max, "");
  EXPECT_EQ(open.totals()[0].amount.text, "至少10万元（含金额未明确 1 项、一事一议 1 项，无上限）");
  EXPECT_EQ(open.totals()[0].case_by_case, 1u);
  std::string why;
  EXPECT_FALSE(f.set("职工总数", "2.5人", &why));
  EXPECT_EQ(why, "事实「职工总数」的值「2.5人」超出取值范围：应为不小于0的整数（人）");
}

TEST(Api, MissingFactIsAnErrorOfTheRule) {
  zhengce::Policy p = compiled();
  zhengce::Facts f(p);
  ASSERT_TRUE(f.set("规模", "大型"));
  zhengce::Evaluation e = zhengce::evaluate(p, f);
  EXPECT_FALSE(e.complete());
  const zhengce::RuleResult& r = e.rules()[0];
  EXPECT_EQ(r.status, zhengce::RuleResult::Status::Error);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, "E0801");
  EXPECT_FALSE(r.error->at);
  ASSERT_EQ(e.problems().items().size(), 1u);
  EXPECT_EQ(e.problems().items()[0].message, r.error->message);
  EXPECT_EQ(e.rules()[1].text, "1万元");
}

TEST(Api, FactsRejectUnknownNamesAndBadValues) {
  zhengce::Policy p = compiled();
  zhengce::Facts f(p);
  std::string why;
  EXPECT_FALSE(f.set("研发费用", "1万元", &why));
  EXPECT_EQ(why, "政策没有声明事实「研发费用」");
  EXPECT_FALSE(f.set("研发投入", "20%", &why));
  EXPECT_NE(why.find("金额"), std::string::npos) << why;
  EXPECT_FALSE(f.set("规模", "小型", &why));
  // A copy is independent of the original.
  ASSERT_TRUE(f.set("规模", "大型"));
  zhengce::Facts g = f;
  g.unset("规模");
  EXPECT_EQ(zhengce::evaluate(p, f).rules()[1].text, "1万元");
  EXPECT_EQ(zhengce::evaluate(p, g).rules()[1].status, zhengce::RuleResult::Status::Error);
}

TEST(Api, ReadsFactsFilesWithDiagnostics) {
  zhengce::Policy p = compiled();
  zhengce::FactsRead ok = zhengce::read_facts(p, R"({"研发投入": 1000000, "# 注": "x", "规模": "大型"})");
  ASSERT_TRUE(ok.facts);
  EXPECT_EQ(zhengce::evaluate(p, *ok.facts).totals()[0].amount.text, "11万元");
  zhengce::FactsRead bad = zhengce::read_facts(p, R"({"研发费": "1万元", "规模": 3})");
  EXPECT_FALSE(bad.facts);
  ASSERT_EQ(bad.diagnostics.items().size(), 2u);
  EXPECT_EQ(bad.diagnostics.items()[0].code, "E0803");
  EXPECT_EQ(bad.diagnostics.items()[1].code, "E0802");
  zhengce::FactsRead broken = zhengce::read_facts(p, "{", zhengce::Lang::Zh, "a.json");
  ASSERT_EQ(broken.diagnostics.items().size(), 1u);
  EXPECT_EQ(broken.diagnostics.items()[0].code, "E0805");
}

TEST(Api, ManyThreadsEvaluateOnePolicyAlike) {
  zhengce::Policy p = compiled();
  const int kApplicants = 400;
  auto facts_of = [&](int i) {
    zhengce::Facts f(p);
    f.set("研发投入", std::to_string(i * 2500) + "元");
    f.set("规模", i % 3 ? "中型" : "大型");
    return f;
  };
  std::vector<std::string> serial(kApplicants), parallel(kApplicants);
  zhengce::Evaluator one(p);
  for (int i = 0; i < kApplicants; ++i) serial[static_cast<size_t>(i)] = one.evaluate(facts_of(i)).json();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      zhengce::Evaluator mine(p);
      for (int i = t; i < kApplicants; i += 4) parallel[static_cast<size_t>(i)] = mine.evaluate(facts_of(i)).json();
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(serial, parallel);
  EXPECT_NE(serial[200].find("\"min\": \"50000.00\""), std::string::npos) << serial[200];
}

TEST(Api, BytecodeRoundTrip) {
  zhengce::Policy p = compiled();
  std::vector<uint8_t> bytes = p.bytecode();
  zhengce::Loaded l = zhengce::load_bytecode("研发.zcb", bytes);
  ASSERT_TRUE(l.policy) << l.failure.value_or("");
  EXPECT_FALSE(l.policy->has_source());
  EXPECT_EQ(l.policy->disassembly(), p.disassembly());
  zhengce::Facts f(*l.policy);
  ASSERT_TRUE(f.set("研发投入", "60万元"));
  EXPECT_EQ(zhengce::evaluate(*l.policy, f).rules()[0].text, "6万元");
  EXPECT_FALSE(zhengce::explain(*l.policy, f));
  EXPECT_FALSE(zhengce::test(*l.policy));
  bytes[bytes.size() / 2] ^= 0x40;
  zhengce::Loaded bad = zhengce::load_bytecode("坏.zcb", bytes);
  EXPECT_FALSE(bad.policy);
  ASSERT_TRUE(bad.failure);
  EXPECT_EQ(bad.failure->rfind("「坏.zcb」不是可用的字节码文件：", 0), 0u) << *bad.failure;
}

TEST(Api, LoadReadsFilesAndSaysWhenItCannot) {
  zhengce::Loaded l = zhengce::load(std::string(ZC_SOURCE_DIR) + "/policies/dongchangfu-2024.zc");
  ASSERT_TRUE(l.policy);
  EXPECT_TRUE(l.diagnostics.empty());
  zhengce::Loaded none = zhengce::load("/nonexistent/x.zc");
  EXPECT_FALSE(none.policy);
  EXPECT_EQ(none.failure, "无法读取文件「/nonexistent/x.zc」");
}

TEST(Api, SimulatesARegistry) {
  zhengce::Policy p = compiled();
  std::string path = ::testing::TempDir() + "api_registry.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "编号,研发投入,规模\n1,80万元,大型\n2,30万元,中型\n3,200万元,中型\n4,坏,中型\n";
  }
  zhengce::SimulateOptions o;
  o.input = path;
  o.threads = 2;
  zhengce::Simulation sim = zhengce::simulate({{"研发", p}}, o);
  ASSERT_FALSE(sim.failure) << *sim.failure;
  EXPECT_EQ(sim.rows, 4u);
  EXPECT_EQ(sim.evaluated, 3u);
  EXPECT_EQ(sim.bad_rows, 1u);
  EXPECT_NE(sim.summary.find("研发"), std::string::npos) << sim.summary;
  // 8万元 + 1万元 + 10万元, exact, in the JSON summary.
  EXPECT_NE(sim.summary_json.find("\"min\": \"190000\""), std::string::npos) << sim.summary_json;
  o.input = "/nonexistent/registry.csv";
  EXPECT_TRUE(zhengce::simulate({{"研发", p}}, o).failure);
}

TEST(Api, ChecksTargetsAgainstReportedFigures) {
  zhengce::Checked c = zhengce::check({"t.zc", "政策“目标”。\n指标「高企数」：数量（家）。\n目标：到2025年，「高企数」超过8000家。\n"});
  ASSERT_TRUE(c.policy) << c.diagnostics.render(zhengce::DiagnosticFormat::Human);
  zhengce::TargetsChecked none = zhengce::check_targets(*c.policy);
  ASSERT_EQ(none.targets.size(), 1u);
  EXPECT_EQ(none.targets[0].text, "到2025年，高企数超过8000家");
  EXPECT_FALSE(none.targets[0].met);
  zhengce::TargetsChecked t = zhengce::check_targets(*c.policy, R"({"高企数": 8001})");
  ASSERT_EQ(t.targets.size(), 1u);
  EXPECT_EQ(t.targets[0].reported, "8001家");
  EXPECT_EQ(t.targets[0].met, true);
  zhengce::TargetsChecked bad = zhengce::check_targets(*c.policy, R"({"高企": 1})");
  EXPECT_TRUE(bad.targets.empty());
  EXPECT_EQ(bad.diagnostics.items().at(0).code, "E0803");
}

TEST(Api, GeneratesTheSameRegistryForTheSameSeed) {
  zhengce::Policy p = compiled();
  zhengce::GenerateOptions o;
  o.rows = 5;
  o.seed = 7;
  std::ostringstream a, b;
  EXPECT_FALSE(zhengce::generate_registry({p}, o, a));
  EXPECT_FALSE(zhengce::generate_registry({p}, o, b));
  EXPECT_EQ(a.str(), b.str());
  EXPECT_EQ(a.str().substr(0, a.str().find('\n')), "编号,研发投入,规模");
  o.format = zhengce::RegistryFormat::Xlsx;
  std::optional<zhengce::GenerateFailure> f = zhengce::generate_registry({p}, o, a);
  ASSERT_TRUE(f);  // xlsx needs a path
  EXPECT_FALSE(f->policies);
}

TEST(Api, ListsTheKeywords) {
  std::vector<zhengce::Keyword> k = zhengce::keywords();
  auto give = std::find_if(k.begin(), k.end(), [](const zhengce::Keyword& w) { return w.spelling == "给予"; });
  ASSERT_NE(give, k.end());
  EXPECT_EQ(give->token, "GIVE");
  EXPECT_EQ(zhengce::keywords_markdown().find("| `给予` | GIVE |") != std::string::npos, true);
}

TEST(Api, ExplainsForTheApplicant) {
  zhengce::Policy p = compiled();
  zhengce::Facts f(p);
  f.set("研发投入", "60万元");
  f.set("规模", "大型");
  std::optional<zhengce::Explanation> x = zhengce::explain(p, f, {zhengce::Lang::Zh, "甲"});
  ASSERT_TRUE(x);
  EXPECT_TRUE(x->complete);
  EXPECT_NE(x->text.find("研发补助"), std::string::npos) << x->text;
  EXPECT_NE(x->text.find("6万元"), std::string::npos) << x->text;
}

TEST(Api, RendersAndFormatsFromMemory) {
  zhengce::Rendered r = zhengce::render({{"研发.zc", kPolicy}}, zhengce::RenderFormat::Markdown);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.text.rfind("# 研发投入补助", 0), 0u) << r.text;
  EXPECT_NE(r.text.find("对研发投入50万元以上的企业，按研发投入的10%给予补助，最高不超过10万元。"), std::string::npos) << r.text;

  zhengce::Formatted f = zhengce::format({"乱.zc", "政策 “测试” 。出资方「区财政」: 本级 , 默认 。\n"});
  EXPECT_EQ(f.status, zhengce::Formatted::Status::Ok);
  EXPECT_EQ(f.text, "政策“测试”。\n出资方「区财政」：本级，默认。\n");
  EXPECT_EQ(zhengce::unified_diff(f.text, f.text, "乱.zc"), "");
  zhengce::Formatted broken = zhengce::format({"坏.zc", "政策“测试”\n规则「甲」"});
  EXPECT_EQ(broken.status, zhengce::Formatted::Status::SourceErrors);
  EXPECT_GT(broken.diagnostics.errors(), 0u);
}

TEST(Api, DiagnosticsOfSeveralTextsAppend) {
  zhengce::Checked a = zhengce::check({"a.zc", "政策“甲”。\n规则「甲」：对「未知」，给予1万元。\n"});
  zhengce::Checked b = zhengce::check({"b.zc", "政策“乙”\n"});
  const size_t before = a.diagnostics.items().size();
  zhengce::Diagnostics all = a.diagnostics;
  all.append(b.diagnostics);
  EXPECT_EQ(all.items().size(), a.diagnostics.items().size() + b.diagnostics.items().size());
  std::string human = all.render(zhengce::DiagnosticFormat::Human);
  EXPECT_NE(human.find("a.zc:2:"), std::string::npos) << human;
  EXPECT_NE(human.find("b.zc:1:"), std::string::npos) << human;
  EXPECT_EQ(a.diagnostics.items().size(), before);  // appending to a copy leaves the original alone
}

TEST(Api, ExplainsCodes) {
  std::optional<std::string> page = zhengce::explain_code("e0516");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->rfind("E0516：「{0}」没有确切的法律含义，不能作为门槛\n级别：错误　名称：vague-threshold\n", 0), 0u) << *page;
  std::optional<std::string> en = zhengce::explain_code("E0516", zhengce::Lang::En);
  ASSERT_TRUE(en);
  EXPECT_EQ(en->rfind("E0516: `{0}` has no exact legal meaning and cannot be a threshold\n", 0), 0u) << *en;
  EXPECT_FALSE(zhengce::explain_code("E9999"));
  EXPECT_EQ(zhengce::code_markdown("E0516")->rfind("### E0516\n", 0), 0u);
  EXPECT_EQ(zhengce::nearest_code("E516"), "E0516");
  EXPECT_EQ(zhengce::nearest_code("hello"), "");
}

TEST(Api, TheExampleProgramInTheDocsIsTheOneThatIsBuilt) {
  std::string doc = slurp(std::string(ZC_SOURCE_DIR) + "/docs/library.md");
  std::string program = slurp(std::string(ZC_SOURCE_DIR) + "/docs/examples/library.cpp");
  const std::string open = "```cpp\n";
  size_t b = doc.find("<!-- example:begin");
  ASSERT_NE(b, std::string::npos);
  b = doc.find(open, b);
  ASSERT_NE(b, std::string::npos);
  b += open.size();
  size_t e = doc.find("```\n", b);
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(doc.substr(b, e - b), program) << "docs/library.md must show docs/examples/library.cpp verbatim";
}

}  // namespace
