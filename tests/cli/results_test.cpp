// What `zhengce run` and `simulate` show for the results issue 10 found wrong without a warning: a
// rule paid by a 上级 or 其他方 payer (its own line showed 0元), totals that include an award with no
// figure (金额未明确 vanished from them), and fact values outside their type's domain (a negative
// amount or 2.5人 was accepted and fell in no band). Whole outputs, on the VM and, when built, the JIT.
#include <gtest/gtest.h>

#include "nlohmann/json.hpp"
#include "runtime/jit/select.h"
#include "tests/cli/support.h"

namespace zc::testing {
namespace {

const char* kPolicy =
    "政策“测试政策”。\n"
    "发文机关“某区人民政府”。\n"
    "发文日期：2024年2月21日。\n"
    "出资方「区财政」：本级，默认。\n"
    "出资方「省财政」：上级。\n"
    "事实「入选」、「重大项目」：是否，默认否。\n"
    "第1条“奖励”。\n"
    "规则「省级奖励」：对「入选」的，「省财政」给予10万元。\n"
    "规则「区级奖励」：对「入选」的，给予1万元。\n"
    "规则「配套奖励」：对「入选」的，给予奖励，金额未明确，最高50万元。\n"
    "规则「重大项目支持」：对「重大项目」的，按照“一事一议”的方式给予支持。\n";

std::vector<std::string> engines() {
  std::vector<std::string> e = {"vm"};
  if (jit_built()) e.push_back("jit");
  return e;
}

TEST(RunResults, AHigherPayersRuleShowsWhatItPaysAndOpenAwardsShowInTheTotals) {
  std::string policy = write_temp("results.zc", kPolicy);
  std::string facts = write_temp("results.json", R"({"入选": true, "重大项目": true})");
  for (const std::string& engine : engines()) {
    CliRun r = zhengce({"run", "--color", "never", policy, "--facts", facts, "--engine", engine});
    EXPECT_EQ(r.exit_code, 0) << engine << r.err;
    EXPECT_EQ(r.out,
              "测试政策\n"
              "某区人民政府　2024年2月21日\n"
              "申请人：" + facts + "\n"
              "\n"
              "  第1条 「省级奖励」  10万元（省财政）\n"
              "      · 条件「入选」：是\n"
              "  第1条 「区级奖励」  1万元（区财政）\n"
              "      · 条件「入选」：是\n"
              "  第1条 「配套奖励」  金额未明确（最高50万元）（区财政）\n"
              "      · 条件「入选」：是\n"
              "  第1条 「重大项目支持」  一事一议（区财政）\n"
              "      · 条件「重大项目」：是\n"
              "\n"
              "合计\n"
              "  区财政：至少1万元（含金额未明确 1 项、一事一议 1 项，无上限）\n"
              "  省财政（上级）：10万元\n")
        << engine;
  }
}

TEST(RunResults, JsonTotalsBoundEverythingAPayerMayPay) {
  std::string policy = write_temp("results.zc", kPolicy);
  for (const std::string& engine : engines()) {
    CliRun bounded = zhengce({"run", policy, "--facts", write_temp("b.json", R"({"入选": true})"), "--format", "json", "--engine", engine});
    ASSERT_EQ(bounded.exit_code, 0) << engine << bounded.err;
    auto j = nlohmann::json::parse(bounded.out);
    EXPECT_EQ(j["rules"][0]["text"], "10万元") << engine;
    EXPECT_EQ(j["rules"][0]["amounts"], nlohmann::json::parse(R"([{"payer": "省财政", "role": "upper", "min": "100000.00", "max": "100000.00"}])"));
    EXPECT_EQ(j["totals"], nlohmann::json::parse(R"([
      {"payer": "区财政", "role": "local", "min": "10000.00", "max": "510000.00", "unspecified": 1, "case_by_case": 0},
      {"payer": "省财政", "role": "upper", "min": "100000.00", "max": "100000.00", "unspecified": 0, "case_by_case": 0}])"))
        << engine;

    CliRun open = zhengce({"run", policy, "--facts", write_temp("o.json", R"({"入选": true, "重大项目": true})"), "--format", "json", "--engine", engine});
    ASSERT_EQ(open.exit_code, 0) << engine << open.err;
    j = nlohmann::json::parse(open.out);
    EXPECT_EQ(j["totals"][0], nlohmann::json::parse(R"({"payer": "区财政", "role": "local", "min": "10000.00", "max": null, "unspecified": 1, "case_by_case": 1})"))
        << engine;
  }
}

const char* kCounts =
    "政策“测试政策”。\n"
    "出资方「区财政」：本级，默认。\n"
    "事实「职工总数」：数量（人）。\n"
    "事实「收入」：金额，默认0元。\n"
    "事实「占比」：比例，默认0%。\n"
    "规则「奖励」：对「职工总数」10人以上且「收入」100万元以上且「占比」10%以上的，给予1万元。\n";

TEST(RunResults, FactsOutsideTheirDomainAreRefusedAtTheirPlaceInTheFile) {
  std::string policy = write_temp("counts.zc", kCounts);
  std::string facts = write_temp("bad-range.json", "{\n  \"职工总数\": 2.5,\n  \"收入\": \"-100万元\",\n  \"占比\": -0.5\n}\n");
  CliRun r = zhengce({"run", "--color", "never", policy, "--facts", facts});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "错误[E0806]: 事实「职工总数」的值「2.5」超出取值范围：应为不小于0的整数（人）\n"
            " --> " + facts + ":2:11\n"
            "  |\n"
            "2 |   \"职工总数\": 2.5,\n"
            "  |               ^^^\n"
            "  = 帮助: 例如：\"2人\" 或 2\n"
            "\n"
            "错误[E0806]: 事实「收入」的值「-100万元」超出取值范围：应为不小于0的金额\n"
            " --> " + facts + ":3:9\n"
            "  |\n"
            "3 |   \"收入\": \"-100万元\",\n"
            "  |           ^^^^^^^^^^\n"
            "  = 帮助: 例如：\"100万元\" 或 1000000（单位：元）\n"
            "\n"
            "错误[E0806]: 事实「占比」的值「-0.5」超出取值范围：应为不小于0的比例\n"
            " --> " + facts + ":4:9\n"
            "  |\n"
            "4 |   \"占比\": -0.5\n"
            "  |           ^^^^\n"
            "  = 帮助: 例如：\"5%\" 或 0.05\n"
            "\n"
            "发现 3 个错误\n");
  CliRun negative = zhengce({"run", "--color", "never", policy, "--facts", write_temp("neg.json", R"({"职工总数": "-3人"})")});
  EXPECT_EQ(negative.exit_code, 1);
  EXPECT_NE(negative.err.find("错误[E0806]: 事实「职工总数」的值「-3人」超出取值范围：应为不小于0的整数（人）"), std::string::npos) << negative.err;
  CliRun whole = zhengce({"run", "--color", "never", policy, "--facts", write_temp("ok.json", R"({"职工总数": 12, "收入": "100万元", "占比": "10%"})")});
  EXPECT_EQ(whole.exit_code, 0) << whole.err;
}

TEST(RunResults, RegistryCellsOutsideTheirDomainAreBadRows) {
  std::string policy = write_temp("counts.zc", kCounts);
  const std::string expected_problems =
      "问题行\n"
      "  第 2 行：「职工总数」的值「2.5」无法读取：应为不小于0的整数（人），例如 \"2人\" 或 2\n"
      "  第 3 行：「收入」的值「-1」无法读取：应为不小于0的金额，例如 \"100万元\" 或 1000000（单位：元）\n"
      "  第 4 行：「占比」的值「-5%」无法读取：应为不小于0的比例，例如 \"5%\" 或 0.05\n";
  std::string csv = write_temp("reg.csv", "编号,职工总数,收入,占比\n1,2.5,100万元,10%\n2,12,-1,10%\n3,12,100万元,-5%\n4,12,100万元,20%\n");
  CliRun c = zhengce({"simulate", "--color", "never", policy, "--input", csv});
  EXPECT_EQ(c.exit_code, 1) << c.err;  // bad rows: exit 1 (docs/simulate.md)
  EXPECT_NE(c.out.find("数据行 4，已求值 1，坏行 3"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find(expected_problems), std::string::npos) << c.out;
  std::string jsonl = write_temp("reg.jsonl", "{\"职工总数\": 12}\n{\"职工总数\": 2.5}\n{\"收入\": -1}\n{\"占比\": \"-5%\"}\n");
  CliRun j = zhengce({"simulate", "--color", "never", policy, "--input", jsonl});
  EXPECT_EQ(j.exit_code, 1) << j.err;
  EXPECT_NE(j.out.find(expected_problems), std::string::npos) << j.out;
}

}  // namespace
}  // namespace zc::testing
