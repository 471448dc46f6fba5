// docs/coverage.md lists every decision sentence of the seeds with the rule encoding it and the number
// of example cases naming that rule. This test recomputes that number from the policy files, so the
// page cannot drift from the encodings; it also checks that every named rule exists.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/support/files.h"
#include "compiler/driver.h"
#include "compiler/syntax/ast.h"

namespace zc {
namespace {

using zc::testing::slurp;

// The names in 「」 (scanned as UTF-8 substrings: a byte-wise regex class cannot exclude 」).
std::vector<std::string> names_in(const std::string& s) {
  std::vector<std::string> out;
  const std::string open = "「", close = "」";
  for (size_t b = s.find(open); b != std::string::npos; b = s.find(open, b)) {
    size_t e = s.find(close, b + open.size());
    if (e == std::string::npos) break;
    out.push_back(s.substr(b + open.size(), e - b - open.size()));
    b = e + close.size();
  }
  return out;
}

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '|') {
      size_t b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
      out.push_back(b == std::string::npos ? "" : cur.substr(b, e - b + 1));
      cur.clear();
    } else {
      cur += line[i];
    }
  }
  return out;
}

TEST(CoverageCounts, EveryRowMatchesThePolicyFiles) {
  std::istringstream doc(slurp(std::string(ZC_SOURCE_DIR) + "/docs/coverage.md"));
  std::string line, policy_path;
  std::shared_ptr<const ast::Policy> policy;
  SourceManager sm;
  size_t rows = 0;
  static const std::regex seed_line("^Seed `[^`]+` → `(policies/[^`]+)`");
  while (std::getline(doc, line)) {
    std::smatch m;
    if (std::regex_search(line, m, seed_line)) {
      policy_path = m[1];
      DiagSink sink;
      FileId id = sm.add(policy_path, slurp(std::string(ZC_SOURCE_DIR) + "/" + policy_path));
      policy = compile(sm, id, sink, CompileOptions{false}).policy;
      ASSERT_TRUE(policy) << policy_path;
      ASSERT_EQ(sink.error_count(), 0u) << policy_path;
      continue;
    }
    if (!policy || line.rfind("| ", 0) != 0 || line.rfind("| 条款", 0) == 0) continue;
    std::vector<std::string> c = cells(line);
    ASSERT_EQ(c.size(), 4u) << line;
    std::set<std::string> rules;
    for (const ast::Rule& r : policy->rules) rules.insert(r.name.text);
    std::set<std::string> named;
    for (const std::string& n : names_in(c[2]))
      if (rules.count(n)) named.insert(n);
    ++rows;
    if (c[3] == "—") {
      EXPECT_TRUE(named.empty()) << policy_path << ": a row naming rules needs a count: " << line;
      continue;
    }
    ASSERT_FALSE(named.empty()) << policy_path << ": no rule of the file is named in: " << line;
    size_t count = 0;
    for (const ast::Example& e : policy->examples) {
      bool names = false;
      for (const ast::Expectation& x : e.expects)
        names = names || (x.kind == ast::Expectation::Kind::Rule && named.count(x.target.text));
      count += names ? 1 : 0;
    }
    EXPECT_EQ(c[3], std::to_string(count)) << policy_path << " " << c[0] << " " << c[2];
    EXPECT_GE(count, 2u) << policy_path << " " << c[0] << " " << c[2] << ": every decision needs at least two examples";
  }
  EXPECT_GT(rows, 100u);
}

}  // namespace
}  // namespace zc
