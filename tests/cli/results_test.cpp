// What `zhengce run` shows for the results issue 10 found wrong without a warning: a rule paid by a
// 上级 or 其他方 payer (its own line showed 0元), and totals that include an award with no figure
// (金额未明确 vanished from them). Whole outputs, on the VM and, when built, on the JIT.
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

}  // namespace
}  // namespace zc::testing
