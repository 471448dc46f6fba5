// Every diagnostic a policy file can trigger has a golden test: some tests/check/**/bad/*.zc expects
// it. Every feature folder with bad/ examples also has good/ ones that must stay clean, and every code
// has an example and its fix in docs/diagnostics.md. The few codes no single policy file can produce
// are listed below with the reason and where they are tested.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/support/files.h"
#include "base/diag.h"

namespace fs = std::filesystem;

namespace {

// Codes that need something other than a policy file, or a file too large to keep in the tree.
const std::map<std::string, std::string> kNotFromAPolicyFile = {
    {"E0109", "needs an input over 64 MiB (the lexer's limit)"},
    {"E0207", "reserved: no stage emits it"},
    {"E0208", "needs more items than a statement may hold (limits are tested with the codegen)"},
    {"E0801", "a facts file for `zhengce run` (cli tests)"},
    {"E0803", "a facts file for `zhengce run` (cli tests)"},
    {"E0804", "an evaluation that overflows, reported by `zhengce run` (cli tests)"},
    {"E0805", "a facts file that is not JSON (cli tests)"},
    {"E0807", "a facts file over 64 MiB (tests/cli/limits_test.cpp)"},
    {"E0808", "an item list in a facts file (facts tests)"},
};

using zc::testing::slurp;

TEST(GoldenCoverage, EveryCodeHasABadExample) {
  std::set<std::string> expected;
  for (const auto& e : fs::recursive_directory_iterator(ZC_CHECK_DIR)) {
    if (!e.is_regular_file() || e.path().extension() != ".zc" || e.path().parent_path().filename() != "bad") continue;
    std::istringstream in(slurp(e.path()));
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("#! ", 0) == 0) expected.insert(line.substr(3, 5));
  }
  for (size_t i = 0; i < static_cast<size_t>(zc::DiagCode::kCount); ++i) {
    const std::string id = zc::diag_info(static_cast<zc::DiagCode>(i)).id;
    if (id[0] == 'E' && (id.rfind("E09", 0) == 0 || id.rfind("E10", 0) == 0)) continue;  // bytecode, command line
    if (kNotFromAPolicyFile.count(id)) {
      EXPECT_FALSE(expected.count(id)) << id << " is tested by a golden file now: remove it from kNotFromAPolicyFile";
      continue;
    }
    EXPECT_TRUE(expected.count(id)) << id << " (" << zc::diag_info(static_cast<zc::DiagCode>(i)).slug
                                    << ") has no tests/check/**/bad/*.zc file expecting it";
  }
}

TEST(GoldenCoverage, EveryFeatureHasGoodExamples) {
  for (const auto& e : fs::directory_iterator(ZC_CHECK_DIR)) {
    if (!e.is_directory() || !fs::exists(e.path() / "bad")) continue;
    bool any = false;
    if (fs::exists(e.path() / "good"))
      for (const auto& f : fs::directory_iterator(e.path() / "good")) any = any || f.path().extension() == ".zc";
    EXPECT_TRUE(any) << e.path().filename().string() << "/ has bad examples but no good/*.zc";
  }
}

TEST(GoldenCoverage, DocsHaveAnExample) {
  const std::string doc = slurp(fs::path(ZC_CHECK_DIR) / ".." / ".." / "docs" / "diagnostics.md");
  const size_t begin = doc.find("## 示例与修正");
  ASSERT_NE(begin, std::string::npos) << "docs/diagnostics.md has no 示例与修正 section";
  const size_t end = doc.find("\n## ", begin + 1);
  const std::string section = doc.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  for (size_t i = 0; i < static_cast<size_t>(zc::DiagCode::kCount); ++i) {
    const std::string id = zc::diag_info(static_cast<zc::DiagCode>(i)).id;
    EXPECT_NE(section.find("\n| " + id + " | "), std::string::npos) << id << " has no example in docs/diagnostics.md";
  }
}

}  // namespace
