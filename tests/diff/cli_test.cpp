// `zhengce diff` as a user runs it: the example of docs/diff.md (its two drafts and its whole output,
// taken from the page, so the page cannot drift), the exit codes, the four formats, the witness
// files checked with `zhengce run`, and the budget over a registry.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "nlohmann/json.hpp"
#include "tests/cli/support.h"

namespace zc {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::quote;
using testing::slurp;

// A fenced block of docs/diff.md by its info string (```zc old).
std::string doc_block(const std::string& info) {
  std::string doc = slurp(std::string(ZC_SOURCE_DIR) + "/docs/diff.md");
  std::string open = "```" + info + "\n";
  size_t b = doc.find(open);
  if (b == std::string::npos) return "";
  b += open.size();
  return doc.substr(b, doc.find("```", b) - b);
}

// Runs zhengce in `dir`, so that file names print as given.
CliRun run_in(const fs::path& dir, const std::vector<std::string>& args) {
  std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  std::string cmd = "cd " + quote(dir.string()) + " && " + quote(ZC_BIN);
  for (const std::string& a : args) cmd += " " + quote(a);
  cmd += " >" + quote(out) + " 2>" + quote(err);
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

fs::path drafts() {
  fs::path dir = testing::scratch_dir() / "diff";
  fs::create_directories(dir);
  std::ofstream(dir / "old.zc", std::ios::binary) << doc_block("zc old");
  std::ofstream(dir / "new.zc", std::ios::binary) << doc_block("zc new");
  return dir;
}

std::string without_query_count(const std::string& s) {
  return std::regex_replace(s, std::regex("求解器查询 [0-9]+ 次"), "求解器查询 N 次");
}

TEST(DiffCli, TheDocumentedExampleIsWhatItPrints) {
  fs::path dir = drafts();
  ASSERT_FALSE(doc_block("zc old").empty());
  CliRun r = run_in(dir, {"diff", "old.zc", "new.zc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(without_query_count(r.out), doc_block("text diff-output"));
}

TEST(DiffCli, ExitCodes) {
  fs::path dir = drafts();
  EXPECT_EQ(run_in(dir, {"diff", "old.zc", "old.zc", "--exit-code"}).exit_code, 0);
  EXPECT_EQ(run_in(dir, {"diff", "old.zc", "new.zc", "--exit-code"}).exit_code, 1);
  EXPECT_EQ(run_in(dir, {"diff", "old.zc", "missing.zc"}).exit_code, 2);
  EXPECT_EQ(run_in(dir, {"diff", "old.zc"}).exit_code, 2);
  ASSERT_EQ(run_in(dir, {"build", "old.zc", "-o", "old.zcb"}).exit_code, 0);
  CliRun zcb = run_in(dir, {"diff", "old.zcb", "new.zc"});
  EXPECT_EQ(zcb.exit_code, 2);
  EXPECT_NE(zcb.err.find("不能比较 .zcb"), std::string::npos) << zcb.err;
  std::ofstream(dir / "broken.zc", std::ios::binary) << "政策“坏”。\n规则「甲」：对「未声明」，给予1万元。\n";
  CliRun broken = run_in(dir, {"diff", "old.zc", "broken.zc"});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("E0301"), std::string::npos) << broken.err;
}

// Every format's example in docs/diff.md is what the command prints, whole.
TEST(DiffCli, Formats) {
  fs::path dir = drafts();
  CliRun json = run_in(dir, {"diff", "old.zc", "new.zc", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(json.out);
  EXPECT_TRUE(j["differs"].get<bool>());
  ASSERT_EQ(j["rules"].size(), 2u);
  ASSERT_FALSE(doc_block("json diff-output-json-rule").empty());
  EXPECT_EQ(j["rules"][0].dump(2) + "\n", doc_block("json diff-output-json-rule"));
  EXPECT_EQ(j["rules"][1]["semantic"]["verdict"], "identical");

  CliRun md = run_in(dir, {"diff", "old.zc", "new.zc", "--format", "markdown"});
  EXPECT_EQ(md.exit_code, 0);
  ASSERT_FALSE(doc_block("markdown diff-output-markdown").empty());
  EXPECT_EQ(without_query_count(md.out), doc_block("markdown diff-output-markdown"));

  CliRun gh = run_in(dir, {"diff", "old.zc", "new.zc", "--format", "github"});
  EXPECT_EQ(gh.exit_code, 0);
  ASSERT_FALSE(doc_block("text diff-output-github").empty());
  EXPECT_EQ(without_query_count(gh.out), doc_block("text diff-output-github"));
}

// The facts files a diff writes give, on `zhengce run`, exactly the results it printed.
TEST(DiffCli, WitnessFilesRunToTheResultsShown) {
  fs::path dir = drafts();
  CliRun r = run_in(dir, {"diff", "old.zc", "new.zc", "--format", "json", "--witness-dir", "w"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  const nlohmann::json& w = j["rules"][0]["semantic"]["regions"][0]["witness"];
  ASSERT_TRUE(fs::exists(dir / "w" / "1-研发投入补助.old.json"));
  CliRun old_run = run_in(dir, {"run", "old.zc", "--facts", "w/1-研发投入补助.old.json", "--format", "json"});
  CliRun new_run = run_in(dir, {"run", "new.zc", "--facts", "w/1-研发投入补助.new.json", "--format", "json"});
  ASSERT_EQ(old_run.exit_code, 0) << old_run.err;
  ASSERT_EQ(new_run.exit_code, 0) << new_run.err;
  auto text_of = [](const std::string& out) {
    nlohmann::json parsed = nlohmann::json::parse(out);
    for (const auto& rule : parsed["rules"])
      if (rule["rule"] == "研发投入补助") return rule["status"] == "not_applicable" ? std::string("不予支持") : rule["text"].get<std::string>();
    return std::string("?");
  };
  EXPECT_EQ(text_of(old_run.out), w["old"].get<std::string>());
  EXPECT_EQ(text_of(new_run.out), w["new"].get<std::string>());
}

TEST(DiffCli, BudgetOverARegistry) {
  fs::path dir = drafts();
  std::ofstream(dir / "reg.csv", std::ios::binary) << "编号,研发投入,规上企业\nA,60万元,是\nB,120万元,是\nC,30万元,是\nD,80万元,否\n";
  CliRun r = run_in(dir, {"diff", "old.zc", "new.zc", "--input", "reg.csv", "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string budget = r.out.substr(r.out.find("【预算】"));
  EXPECT_EQ(budget.substr(0, budget.find("\n\n")),
            "【预算】登记册 reg.csv：4 个申请人（坏行 0），结果改变的 1 个\n"
            "  规则「研发投入补助」：旧版 200000 元，新版 100000 元，变化 -100000 元，结果改变的申请人 1\n"
            "  出资方「区财政」：旧版 230000 元，新版 130000 元，变化 -100000 元");
  CliRun missing = run_in(dir, {"diff", "old.zc", "new.zc", "--input", "none.csv"});
  EXPECT_EQ(missing.exit_code, 2);
}

}  // namespace
}  // namespace zc
