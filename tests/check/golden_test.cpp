// Golden diagnostics: each file under tests/check states, in `#! ` lines at its end, exactly the
// diagnostics it must produce (code, line:column in code points, the Chinese message). Files in a
// good/ folder must produce none and carry no `#! ` line. The whole list is compared, in order.
// Files under corpus/ (the diagnostics corpus) also state each diagnostic's help line, in a `#? `
// line after it: the help is what a drafter acts on, so it is asserted whole too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/files.h"
#include "compiler/driver.h"
#include "lib/tester.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> golden_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(ZC_CHECK_DIR)) {
    if (e.is_regular_file() && e.path().extension() == ".zc") out.push_back(fs::relative(e.path(), ZC_CHECK_DIR).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

using zc::testing::slurp;

// The file without its trailing `#! ` lines, and those lines.
void split(const std::string& text, std::string& body, std::vector<std::string>& expected) {
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  while (!lines.empty() && (lines.back().rfind("#! ", 0) == 0 || lines.back().rfind("#? ", 0) == 0 || lines.back().empty())) {
    if (!lines.back().empty()) expected.insert(expected.begin(), lines.back()[1] == '?' ? "? " + lines.back().substr(3) : lines.back().substr(3));
    lines.pop_back();
  }
  for (const std::string& l : lines) body += l + "\n";
}

bool asserts_help(const std::string& path) { return path.rfind("corpus/", 0) == 0; }

std::vector<std::string> actual(const std::string& path, const std::string& text) {
  zc::SourceManager sm;
  zc::FileId id = sm.add(path, text);
  zc::DiagSink sink;
  zc::CompileResult r = zc::compile(sm, id, sink);
  if (r.module && r.policy && r.program) {
    for (zc::lib::ExampleOutcome& o : zc::lib::run_examples(*r.policy, *r.program, *r.module))
      for (zc::Diagnostic& d : o.failures) sink.report(std::move(d));
  }
  std::vector<std::string> out;
  for (const zc::Diagnostic& d : sink.all()) {
    std::string where = "-";
    if (d.has_span) {
      zc::LineCol lc = sm.file(d.span.file).line_col(d.span.begin);
      where = std::to_string(lc.line) + ":" + std::to_string(lc.col);
    }
    out.push_back(std::string(zc::diag_info(d.code).id) + " " + where + " " + zc::diag_message(d, zc::Lang::Zh));
    if (asserts_help(path)) out.push_back("? " + zc::diag_help(d, zc::Lang::Zh));
  }
  return out;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, DiagnosticsMatch) {
  fs::path path = fs::path(ZC_CHECK_DIR) / GetParam();
  std::string text = slurp(path), body;
  std::vector<std::string> expected;
  split(text, body, expected);
  std::vector<std::string> got = actual(GetParam(), body);
  bool good = GetParam().find("good/") != std::string::npos;
  if (std::getenv("ZHENGCE_UPDATE_GOLDEN")) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << body;
    for (const std::string& g : got) out << (g.rfind("? ", 0) == 0 ? "#? " + g.substr(2) : "#! " + g) << "\n";
    return;
  }
  if (good) {
    EXPECT_TRUE(expected.empty()) << "a file under good/ must not expect diagnostics";
    EXPECT_EQ(got, std::vector<std::string>{});
  } else {
    EXPECT_FALSE(got.empty()) << "a file under bad/ must produce diagnostics";
    EXPECT_EQ(got, expected) << "update with ZHENGCE_UPDATE_GOLDEN=1 and review the diff";
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n;
  for (char c : info.param) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Files, Golden, ::testing::ValuesIn(golden_files()), test_name);

// The diagnostics corpus pairs each mistake (corpus/bad/x.zc) with the file its help line fixes
// (corpus/good/x.zc, which must check clean as above); corpus/README.md reviews each pair.
TEST(Corpus, EveryMistakeHasItsFixAndAReview) {
  fs::path dir = fs::path(ZC_CHECK_DIR) / "corpus";
  std::string readme = slurp(dir / "README.md");
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir / "bad")) {
    if (e.path().extension() != ".zc") continue;
    ++n;
    std::string stem = e.path().filename().string();
    EXPECT_TRUE(fs::exists(dir / "good" / stem)) << "corpus/bad/" << stem << " has no corpus/good/" << stem;
    EXPECT_NE(readme.find("`" + e.path().stem().string() + "`"), std::string::npos) << stem << " has no review in corpus/README.md";
  }
  EXPECT_GE(n, 60u);
}

}  // namespace
