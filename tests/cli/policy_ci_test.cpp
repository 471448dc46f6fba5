// scripts/policy-ci, which the GitHub Action (action.yml) runs for repositories of policies
// (docs/ci.md): check as GitHub annotations with warnings denied, then every example case; globs
// expanded by the script; exit 0, 1 for policy problems, 2 for a pattern that matches nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/cli/support.h"

namespace zc::testing {
namespace {

const std::string kScript = std::string(ZC_SOURCE_DIR) + "/scripts/policy-ci";
const std::string kEnv = std::string("ZHENGCE=") + ZC_BIN;

TEST(PolicyCi, ShippedPoliciesPass) {
  CliRun r = zhengce_at(kScript, {std::string(ZC_SOURCE_DIR) + "/policies/*.zc"}, kEnv);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // No annotation at all, and the last line counts the cases: "N passed, 0 failed".
  EXPECT_EQ(r.out.find("::"), std::string::npos) << r.out;
  std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
  EXPECT_EQ(last.substr(last.find(' ')), " passed, 0 failed\n") << last;
}

TEST(PolicyCi, AProblemIsAnAnnotationAndExitOne) {
  std::string dir = (scratch_dir() / "repo").string();
  std::filesystem::create_directories(dir + "/sub");
  std::ofstream(dir + "/sub/bad.zc") << "政策“x”。\n出资方「区财政」：本级，默认。\n规则「甲」：对「未声明」的企业，给予1万元。\n";
  CliRun r = zhengce_at(kScript, {dir + "/**/*.zc"}, kEnv + " ZHENGCE_LANG=en");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "::error file=" + dir + "/sub/bad.zc,line=3,col=8,endLine=3,endColumn=13,title=E0301::`未声明` is not declared%0A"
                   "help: declare it with 事实「未声明」：类型。 or check the spelling\n" +
                       dir + "/sub/bad.zc: has errors, examples not run\n0 passed, 1 failed\n");
  CliRun none = zhengce_at(kScript, {dir + "/nothing/*.zc"}, kEnv);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.out, "::error::zhengce: no file matches `" + dir + "/nothing/*.zc`\n");
}

}  // namespace
}  // namespace zc::testing
