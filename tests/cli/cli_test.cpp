// The CLI as a user sees it: whole outputs and exit codes (0 ok, 1 policy problems, 2 usage or I/O).
#include <gtest/gtest.h>

#include "nlohmann/json.hpp"
#include "tests/cli/support.h"

namespace zc::testing {
namespace {

const char* kPolicy =
    "政策“测试政策”。\n"
    "发文机关“某区人民政府”。\n"
    "发文日期：2024年2月21日。\n"
    "出资方「区财政」：本级，默认。\n"
    "出资方「市财政」：上级。\n"
    "事实「首次通过认定」：是否，默认否。\n"
    "事实「市到位资金」：金额，来自「市财政」。\n"
    "第1条“培育高企”。\n"
    "规则「认定补助」：对「首次通过认定」的企业，给予10万元补助。\n"
    "规则「配套」：对「首次通过认定」的企业，区财政按「市到位资金」的20%给予补助，单个项目不超过5万元。\n"
    "案例「认定」：「首次通过认定」为是，「市到位资金」为10万元；预期：「认定补助」为10万元，「配套」为2万元。\n";

TEST(Cli, RunTextOutputIsTheWholeReport) {
  std::string policy = write_temp("p.zc", kPolicy);
  std::string facts = write_temp("a.json", R"({"#": "首次认定", "首次通过认定": true, "市到位资金": "30万元"})");
  CliRun r = zhengce({"run", "--color", "never", policy, "--facts", facts});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "测试政策\n"
            "某区人民政府　2024年2月21日\n"
            "申请人：" + facts + "\n"
            "\n"
            "  第1条 「认定补助」  10万元（区财政）\n"
            "      · 条件「首次通过认定」：是\n"
            "  第1条 「配套」  5万元（区财政）\n"
            "      · 条件「首次通过认定」：是\n"
            "      · 「市到位资金」为30万元\n"
            "      · 按20%计得6万元\n"
            "      · 单个项目不超过5万元，取5万元\n"
            "\n"
            "合计\n"
            "  区财政：15万元\n");
}

TEST(Cli, RunJsonHasExactDecimalAmounts) {
  std::string policy = write_temp("p.zc", kPolicy);
  std::string facts = write_temp("b.json", R"({"首次通过认定": true, "市到位资金": 123456.78})");
  CliRun r = zhengce({"run", policy, "--facts", facts, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["complete"], true);
  ASSERT_EQ(j["rules"].size(), 2u);
  EXPECT_EQ(j["rules"][1]["status"], "awarded");
  EXPECT_EQ(j["rules"][1]["amounts"][0]["min"], "24691.36");  // 123456.78 × 20% = 24691.356, half up
  EXPECT_EQ(j["totals"][0]["max"], "124691.36");
}

TEST(Cli, BuildThenRunBytecodeGivesTheSameResult) {
  std::string policy = write_temp("p.zc", kPolicy);
  std::string zcb = (scratch_dir() / "p.zcb").string();
  std::string facts = write_temp("c.json", R"({"首次通过认定": true, "市到位资金": "1万元"})");
  ASSERT_EQ(zhengce({"build", policy, "-o", zcb}).exit_code, 0);
  CliRun a = zhengce({"run", policy, "--facts", facts, "--format", "json"});
  CliRun b = zhengce({"run", zcb, "--facts", facts, "--format", "json"});
  EXPECT_EQ(a.exit_code, 0);
  EXPECT_EQ(b.exit_code, 0);
  EXPECT_EQ(a.out, b.out);
  CliRun d = zhengce({"disasm", zcb});
  EXPECT_EQ(d.exit_code, 0);
  EXPECT_NE(d.out.find("LOAD_FACT"), std::string::npos);
}

TEST(Cli, CheckExitCodes) {
  std::string good = write_temp("good.zc", kPolicy);
  std::string bad = write_temp("bad.zc", "政策“坏”。\n规则「甲」：对「未声明」的企业，给予1万元。\n");
  EXPECT_EQ(zhengce({"check", good}).exit_code, 0);
  CliRun r = zhengce({"check", "--color", "never", bad});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("错误[E0301]: 「未声明」未声明"), std::string::npos) << r.err;
  EXPECT_EQ(zhengce({"check", (scratch_dir() / "nonexistent.zc").string()}).exit_code, 2);
  EXPECT_EQ(zhengce({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(zhengce({"run", good}).exit_code, 2);  // --facts is required
}

// check is the gate: a case that fails or misses a fact it needs fails it, unless --no-examples.
TEST(Cli, CheckRunsTheExampleCases) {
  std::string text = kPolicy;
  text += "案例「算错」：「首次通过认定」为是，「市到位资金」为10万元；预期：「认定补助」为5万元，「配套」为2万元。\n"
          "案例「缺事实」：「首次通过认定」为是；预期：「认定补助」为10万元，「配套」为2万元。\n";
  std::string policy = write_temp("cases.zc", text);
  CliRun r = zhengce({"check", "--color", "never", policy});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("错误[E0701]: 案例「算错」：「认定补助」预期5万元，实际10万元"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("错误[E0702]: 案例「缺事实」无法计算"), std::string::npos) << r.err;
  EXPECT_EQ(zhengce({"check", "--no-examples", policy}).exit_code, 0);
}

// The help line of an undeclared name fits where it stands: a payer before 承担 is declared as a
// payer, a misspelt fact gets the nearest declared name.
TEST(Cli, UndeclaredNameHelpFitsItsPlace) {
  std::string bad = write_temp("undeclared.zc",
                               "政策“坏”。\n出资方「区财政」：本级，默认。\n事实「不良本金损失」：金额。\n事实「首次通过认定」：是否。\n"
                               "规则「风险」：按「不良本金损失」风险分担，「区财政」承担40%，「合作银行」承担60%。\n"
                               "规则「补助」：对「首次通过人定」的企业，给予10万元。\n");
  CliRun r = zhengce({"check", "--color", "never", bad});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("帮助: 先声明这个出资方，如 出资方「合作银行」：其他方。"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("帮助: 是否想写「首次通过认定」？若是新的事实，先声明，如 事实「首次通过人定」：类型。"), std::string::npos) << r.err;
}

TEST(Cli, CheckJsonAndEnglish) {
  std::string bad = write_temp("bad2.zc", "政策“坏”。\n规则「甲」：对「未声明」的企业，给予1万元。\n");
  CliRun r = zhengce({"check", "--lang", "en", "--format", "json", bad});
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["diagnostics"].size(), 1u);
  EXPECT_EQ(j["diagnostics"][0]["code"], "E0301");
  EXPECT_EQ(j["diagnostics"][0]["line"], 2);
  EXPECT_EQ(j["diagnostics"][0]["column"], 8);
  EXPECT_EQ(j["diagnostics"][0]["message"], "`未声明` is not declared");
}

TEST(Cli, BadFactsAreReportedNotGuessed) {
  std::string policy = write_temp("p.zc", kPolicy);
  CliRun unknown = zhengce({"run", "--color", "never", policy, "--facts", write_temp("u.json", R"({"首次通过认定": true, "未知事实": 1})")});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("E0803"), std::string::npos) << unknown.err;
  CliRun wrong = zhengce({"run", "--color", "never", policy, "--facts", write_temp("w.json", R"({"首次通过认定": "10万元"})")});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("E0802"), std::string::npos) << wrong.err;
  CliRun missing = zhengce({"run", "--color", "never", policy, "--facts", write_temp("m.json", R"({"首次通过认定": true})")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("错误[E0801]: 缺少事实「市到位资金」（规则「配套」需要）"), std::string::npos) << missing.err;
  CliRun notjson = zhengce({"run", "--color", "never", policy, "--facts", write_temp("n.json", "{\"a\": ")});
  EXPECT_EQ(notjson.exit_code, 1);
  EXPECT_NE(notjson.err.find("E0805"), std::string::npos) << notjson.err;
}

TEST(Cli, TestCommandSummaryAndFailures) {
  std::string ok = write_temp("ok.zc", kPolicy);
  CliRun r = zhengce({"test", "--color", "never", ok});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, ok + "\n  ✓ 认定\n1 passed, 0 failed\n");
  std::string failing = std::string(kPolicy) + "案例「错」：「首次通过认定」为是，「市到位资金」为10万元；预期：「认定补助」为9万元，「配套」为2万元。\n";
  CliRun f = zhengce({"test", "--color", "never", write_temp("f.zc", failing)});
  EXPECT_EQ(f.exit_code, 1);
  EXPECT_NE(f.out.find("1 passed, 1 failed"), std::string::npos);
  EXPECT_NE(f.err.find("案例「错」：「认定补助」预期9万元，实际10万元"), std::string::npos) << f.err;
}

TEST(Cli, TargetsAreCheckedAgainstReportedFigures) {
  std::string policy = write_temp("t.zc",
                                  "政策“目标测试”。\n指标「高企数」：数量（家）。\n指标「产值占比」：比例。\n"
                                  "目标：到2025年，「高企数」超过8000家。\n目标：「产值占比」由54.75%达到60%以上。\n");
  std::string figures = write_temp("fig.json", R"({"高企数": 8000, "产值占比": "60%"})");
  CliRun r = zhengce({"targets", "--color", "never", policy, "--figures", figures});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "目标测试：总体目标\n"
            "  到2025年，高企数超过8000家　报告值8000家：未达成\n"
            "  产值占比由54.75%达到60%以上　报告值60%：达成\n"
            "达成 1 / 2\n");
  EXPECT_EQ(zhengce({"targets", policy, "--figures", write_temp("fig2.json", R"({"没有": 1})")}).exit_code, 1);
}

TEST(Cli, InvalidUtf8PolicyIsADiagnostic) {
  CliRun r = zhengce({"check", "--color", "never", write_temp("bad-utf8.zc", "政策“\xff”。\n")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("E0101"), std::string::npos) << r.err;
}

TEST(Cli, ExplainCodePrintsTheCodesPage) {
  CliRun r = zhengce({"explain-code", "E0516"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "E0516：「{0}」没有确切的法律含义，不能作为门槛\n"
            "级别：错误　名称：vague-threshold\n"
            "\n"
            "怎样改正：选用民法典第一千二百五十九条的用语：以上、以下、以内、不超过（含本数）；超过、不满、低于（不含本数）\n"
            "\n"
            "{0}、{1}……代表被报告的原文。全部代码及其错误示例与改正见 docs/diagnostics.md。\n");
  CliRun en = zhengce({"explain-code", "--lang", "en", "w0601"});
  EXPECT_EQ(en.exit_code, 0) << en.err;
  EXPECT_EQ(en.out.substr(0, en.out.find('\n')), "W0601: the amount `{0}` is over a thousand times off {1}: a unit slip?");
  CliRun md = zhengce({"explain-code", "E0516", "--markdown"});
  EXPECT_EQ(md.exit_code, 0);
  EXPECT_EQ(md.out.substr(0, md.out.find('\n')), "### E0516");
}

TEST(Cli, ExplainCodeOfAnUnknownCodeSuggestsTheNearest) {
  CliRun r = zhengce({"explain-code", "--color", "never", "E516"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "错误：没有诊断代码「E516」；是否想找「E0516」？\n");
  CliRun far = zhengce({"explain-code", "--color", "never", "--lang", "en", "hello"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_EQ(far.err, "error: no diagnostic code `hello`; codes look like E0512 or W0601\n");
}

TEST(Cli, CheckOfACorruptBytecodeFileIsAFileError) {
  // docs/cli.md: a .zcb that is corrupt or fails verification exits 2, in every command.
  CliRun r = zhengce({"check", "--color", "never", write_temp("junk.zcb", "not a zcb")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("错误：「", 0), 0u) << r.err;
}

}  // namespace
}  // namespace zc::testing
