// scripts/policy-ci, which the GitHub Action (action.yml) runs for repositories of policies
// (docs/ci.md): check as GitHub annotations with warnings denied, then every example case; globs
// expanded by the script; exit 0, 1 for policy problems, 2 for a pattern that matches nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

// docs/ci.md's sample workflow and .pre-commit-config.yaml name only what action.yml and
// .pre-commit-hooks.yaml define, and every one of the action's inputs is in its table.
TEST(PolicyCi, DocsSamplesMatchTheActionAndTheHooks) {
  const std::string root = ZC_SOURCE_DIR;
  const std::string doc = slurp(root + "/docs/ci.md");
  const std::string action = slurp(root + "/action.yml");
  const std::string hooks = slurp(root + "/.pre-commit-hooks.yaml");
  auto block_after = [&](const std::string& marker) {
    size_t at = doc.find("```yaml", doc.find(marker));
    return doc.substr(at, doc.find("```\n", at + 7) - at);
  };
  // The action's inputs, in the order action.yml declares them.
  std::vector<std::string> inputs;
  std::istringstream lines(action.substr(action.find("\ninputs:\n") + 9, action.find("\nruns:") - action.find("\ninputs:\n") - 9));
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > 3 && line.rfind("  ", 0) == 0 && line[2] != ' ' && line.back() == ':') inputs.push_back(line.substr(2, line.size() - 3));
  }
  EXPECT_EQ(inputs, (std::vector<std::string>{"files", "deny-warnings", "lang", "package"}));
  for (const std::string& in : inputs) EXPECT_NE(doc.find("| `" + in + "` |"), std::string::npos) << in;
  const std::string workflow = block_after("## GitHub Actions");
  std::istringstream with(workflow.substr(workflow.find("with:\n") + 6));
  size_t used = 0;
  for (std::string line; std::getline(with, line) && line.find(':') != std::string::npos;) {
    std::string key = line.substr(line.find_first_not_of(' '), line.find(':') - line.find_first_not_of(' '));
    EXPECT_NE(std::find(inputs.begin(), inputs.end(), key), inputs.end()) << key;
    ++used;
  }
  EXPECT_EQ(used, 3u);
  const std::string config = block_after("## pre-commit");
  size_t ids = 0;
  for (size_t at = config.find("- id: "); at != std::string::npos; at = config.find("- id: ", at + 1), ++ids) {
    std::string id = config.substr(at + 6, config.find_first_of(" \n", at + 6) - at - 6);
    EXPECT_NE(hooks.find("- id: " + id + "\n"), std::string::npos) << id;
  }
  EXPECT_EQ(ids, 3u);
}

}  // namespace
}  // namespace zc::testing
