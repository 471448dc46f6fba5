// docs/coverage.md lists every decision sentence of the seeds with the rule encoding it and the number
// of example cases naming that rule. This test recomputes that number from the policy files, so the
// page cannot drift from the encodings; it also checks that every named rule exists. The page's corpus
// table (issue 11) is checked the same way against policies/corpus/: its README, its cases.md and the
// encoded files must list the same clauses, and every clause must have at least three cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
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
    if (line.rfind("## ", 0) == 0) policy.reset();  // a seed's table ends at the next section
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

// Compiles a corpus file once; the driver's diagnostics must be empty (the ctest per file checks the rest).
std::shared_ptr<const ast::Policy> load_corpus(SourceManager& sm, const std::string& path) {
  DiagSink sink;
  FileId id = sm.add(path, slurp(std::string(ZC_SOURCE_DIR) + "/" + path));
  auto policy = compile(sm, id, sink, CompileOptions{false}).policy;
  EXPECT_TRUE(policy) << path;
  EXPECT_EQ(sink.error_count(), 0u) << path;
  return policy;
}

// The clause ids of the README's clause table (first cell of each row under "## Clauses").
std::set<std::string> readme_clauses() {
  std::istringstream in(slurp(std::string(ZC_SOURCE_DIR) + "/policies/corpus/README.md"));
  std::string line;
  bool in_table = false;
  std::set<std::string> ids;
  static const std::regex id_cell("^[A-Z]{2}[0-9]+$");
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_table = line == "## Clauses";
    if (!in_table || line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> c = cells(line);
    if (!c.empty() && std::regex_match(c[0], id_cell)) {
      EXPECT_TRUE(ids.insert(c[0]).second) << "twice: " << c[0];
    }
  }
  return ids;
}

// The number of cases of each clause in cases.md: the lines of its ```cases <id> block.
std::map<std::string, size_t> cases_per_clause() {
  std::istringstream in(slurp(std::string(ZC_SOURCE_DIR) + "/policies/corpus/cases.md"));
  std::string line, open_id;
  std::map<std::string, size_t> out;
  static const std::regex fence("^```cases ([A-Z]{2}[0-9]+)$");
  static const std::regex a_case("^.+ => .+$");
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, fence)) {
      open_id = m[1];
      EXPECT_FALSE(out.count(open_id)) << "two blocks for " << open_id;
      out[open_id] = 0;
    } else if (line == "```") {
      open_id.clear();
    } else if (!open_id.empty()) {
      EXPECT_TRUE(std::regex_match(line, a_case)) << open_id << ": not a case line: " << line;
      ++out[open_id];
    }
  }
  return out;
}

TEST(CorpusTable, AgreesWithTheCorpusFilesReadmeAndCases) {
  std::istringstream doc(slurp(std::string(ZC_SOURCE_DIR) + "/docs/coverage.md"));
  std::string line;
  bool in_corpus = false;
  SourceManager sm;
  std::map<std::string, std::shared_ptr<const ast::Policy>> files;
  std::set<std::string> table_ids, encoded_files;
  const std::map<std::string, size_t> cases = cases_per_clause();
  static const std::regex file_cell("^`(policies/corpus/[^`]+[.]zc)`$");
  while (std::getline(doc, line)) {
    if (line.rfind("## ", 0) == 0) in_corpus = line.rfind("## Corpus", 0) == 0;
    if (!in_corpus || line.rfind("| ", 0) != 0 || line.rfind("| 条款", 0) == 0) continue;
    std::vector<std::string> c = cells(line);
    ASSERT_EQ(c.size(), 5u) << line;
    EXPECT_TRUE(table_ids.insert(c[0]).second) << "twice: " << c[0];
    ASSERT_TRUE(cases.count(c[0])) << c[0] << " has no block in cases.md";
    EXPECT_GE(cases.at(c[0]), 3u) << c[0] << ": every clause needs at least three cases";
    std::vector<std::string> named = names_in(c[3]);
    if (named.empty()) {
      EXPECT_EQ(c[4], std::to_string(cases.at(c[0]))) << c[0] << ": cases in cases.md";
      continue;
    }
    std::smatch m;
    ASSERT_TRUE(std::regex_match(c[1], m, file_cell)) << c[0] << ": an encoded clause names its file: " << line;
    const std::string path = m[1];
    encoded_files.insert(path);
    if (!files.count(path)) files[path] = load_corpus(sm, path);
    const auto& policy = files[path];
    ASSERT_TRUE(policy) << path;
    std::set<std::string> rules;
    for (const ast::Rule& r : policy->rules) rules.insert(r.name.text);
    for (const std::string& n : named) EXPECT_TRUE(rules.count(n)) << c[0] << ": no rule 「" << n << "」 in " << path;
    size_t count = 0;
    for (const ast::Example& e : policy->examples) {
      bool names = false;
      for (const ast::Expectation& x : e.expects)
        names = names || (x.kind == ast::Expectation::Kind::Rule &&
                          std::find(named.begin(), named.end(), x.target.text) != named.end());
      count += names ? 1 : 0;
    }
    EXPECT_EQ(c[4], std::to_string(count)) << c[0] << " " << path;
    EXPECT_GE(count, 3u) << c[0] << ": every encoded clause needs at least three 案例";
  }
  EXPECT_GE(table_ids.size(), 40u) << "issue 11 asks for at least 40 clauses";
  EXPECT_EQ(table_ids, readme_clauses()) << "docs/coverage.md and policies/corpus/README.md list different clauses";
  std::set<std::string> case_ids;
  for (const auto& [id, n] : cases) case_ids.insert(id);
  EXPECT_EQ(table_ids, case_ids) << "docs/coverage.md and policies/corpus/cases.md list different clauses";
  // Every corpus file encodes at least one clause of the table.
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ZC_SOURCE_DIR) + "/policies/corpus")) {
    if (entry.path().extension() != ".zc") continue;
    const std::string path = "policies/corpus/" + entry.path().filename().string();
    EXPECT_TRUE(encoded_files.count(path)) << path << " encodes no clause of the corpus table";
  }
}

}  // namespace
}  // namespace zc
