// The formatter: each tests/fmt/cases/NAME.zc formats to exactly NAME.expected.zc (whole file;
// ZHENGCE_UPDATE_GOLDEN=1 rewrites them), formatting is idempotent, every comment survives, every
// shipped policy formats to the same AST, and the verification refuses an output that changed the
// policy, lost a comment, does not parse or is not a fixed point. The CLI's exit codes are checked too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/files.h"
#include "compiler/fmt/ast_equal.h"
#include "compiler/fmt/diff.h"
#include "compiler/fmt/fmt.h"
#include "compiler/syntax/lexer.h"
#include "compiler/syntax/parse.h"
#include "tests/cli/support.h"

namespace fs = std::filesystem;
using zc::formatter::Result;

namespace {

using zc::testing::slurp;

Result format_text(const std::string& text, const std::string& path = "t.zc") {
  zc::SourceManager sm;
  zc::FileId id = sm.add(path, text);
  zc::DiagSink sink;
  return zc::formatter::format_file(sm, id, sink);
}

std::vector<std::string> comments(const std::string& text) {
  zc::SourceManager sm;
  zc::FileId id = sm.add("c.zc", text);
  return zc::formatter::comments_of(sm.file(id), id);
}

std::shared_ptr<zc::ast::Policy> parse(const std::string& text, zc::SourceManager& sm) {
  zc::FileId id = sm.add("p.zc", text);
  zc::DiagSink sink;
  auto p = zc::syntax::parse(sm, id, sink);
  EXPECT_EQ(sink.error_count(), 0u);
  return p;
}

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(ZC_FMT_DIR) / "cases")) {
    std::string n = e.path().filename().string();
    if (e.path().extension() == ".zc" && n.find(".expected.") == std::string::npos) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class FmtGolden : public ::testing::TestWithParam<fs::path> {};

TEST_P(FmtGolden, FormatsToTheExpectedFileAndIsIdempotent) {
  fs::path in = GetParam();
  fs::path expected = in;
  expected.replace_extension(".expected.zc");
  std::string source = slurp(in);
  Result r = format_text(source, in.string());
  ASSERT_EQ(r.status, Result::Status::Ok) << r.problem;
  if (std::getenv("ZHENGCE_UPDATE_GOLDEN")) {
    std::ofstream(expected, std::ios::binary | std::ios::trunc) << r.text;
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected << " 不存在；用 ZHENGCE_UPDATE_GOLDEN=1 生成后审阅";
  EXPECT_EQ(r.text, slurp(expected));
  Result again = format_text(r.text);
  ASSERT_EQ(again.status, Result::Status::Ok) << again.problem;
  EXPECT_EQ(again.text, r.text) << "格式化不是幂等的";
  EXPECT_EQ(comments(r.text), comments(source)) << "注释有变化";
}

INSTANTIATE_TEST_SUITE_P(Cases, FmtGolden, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<fs::path>& i) { return i.param.stem().string(); });

TEST(Fmt, EveryShippedPolicyFormatsToTheSameAstAndIsIdempotent) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(fs::path(ZC_SOURCE_DIR) / "policies")) {
    if (e.path().extension() != ".zc") continue;
    ++n;
    std::string text = slurp(e.path());
    Result r = format_text(text, e.path().string());
    ASSERT_EQ(r.status, Result::Status::Ok) << e.path() << "：" << r.problem;
    zc::SourceManager sm;
    auto a = parse(text, sm), b = parse(r.text, sm);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(zc::formatter::ast_difference(*a, *b), std::nullopt) << e.path();
    EXPECT_EQ(format_text(r.text).text, r.text) << e.path();
    EXPECT_EQ(comments(r.text), comments(text)) << e.path();
  }
  EXPECT_GT(n, 0u);
}

// The document's own text (正文, 引语, 后语, 列表, 主送机关 …) is the drafter's, not the formatter's: every
// byte between its quotes is the same after formatting, in the shipped policies and in the case
// written to tempt the formatter (ASCII punctuation, runs of spaces, spaces at the ends of lines).
TEST(Fmt, KeepsTheDocumentsOwnTextByteForByte) {
  std::vector<fs::path> files{fs::path(ZC_FMT_DIR) / "cases" / "prose.zc"};
  for (const auto& e : fs::directory_iterator(fs::path(ZC_SOURCE_DIR) / "policies"))
    if (e.path().extension() == ".zc") files.push_back(e.path());
  size_t blocks = 0;
  for (const fs::path& f : files) {
    std::string text = slurp(f);
    Result r = format_text(text, f.string());
    ASSERT_EQ(r.status, Result::Status::Ok) << f << "：" << r.problem;
    zc::SourceManager sm;
    auto a = parse(text, sm), b = parse(r.text, sm);
    ASSERT_TRUE(a && b);
    ASSERT_EQ(a->prose.size(), b->prose.size()) << f;
    for (size_t i = 0; i < a->prose.size(); ++i) {
      EXPECT_EQ(a->prose[i].text, b->prose[i].text) << f << " 第" << i + 1 << "段原文文字";
      EXPECT_EQ(a->prose[i].items, b->prose[i].items) << f << " 第" << i + 1 << "段原文文字";
      ++blocks;
    }
  }
  EXPECT_GT(blocks, 100u);  // the four seeds hold their documents' text
}

TEST(Fmt, RefusesFilesWithSyntaxErrors) {
  zc::SourceManager sm;
  zc::FileId id = sm.add("bad.zc", "政策“坏”。\n规则「甲」对「乙」，给予1万元。\n");
  zc::DiagSink sink;
  Result r = zc::formatter::format_file(sm, id, sink);
  EXPECT_EQ(r.status, Result::Status::SourceErrors);
  EXPECT_GT(sink.error_count(), 0u);
}

TEST(Fmt, KeepsASpaceWhereJoiningWouldChangeTheTokens) {
  // 市财政 and 市财政奖补 are both declared: written apart, 市财政 奖补 is a name and a word;
  // joined, it would be the longer name.
  const std::string src =
      "出资方「市财政」：本级，默认。\n事实「市财政奖补」：金额。\n事实「甲」：是否，默认否。\n规则「乙」：对「甲」，市财政 奖补10万元。\n";
  Result r = format_text(src);
  ASSERT_EQ(r.status, Result::Status::Ok) << r.problem;
  EXPECT_EQ(r.text,
            "出资方「市财政」：本级，默认。\n事实「市财政奖补」：金额。\n事实「甲」：是否，默认否。\n规则「乙」：对「甲」，市财政 奖补10万元。\n");
}

TEST(Fmt, StatementKeywordsAgreeWithTheLexer) {
  // The lexer supplies a 。 before a statement keyword that starts a line; the formatter's list of
  // such keywords must be the same, for every keyword of the language.
  for (const zc::syntax::KeywordEntry& k : zc::syntax::keyword_table()) {
    std::string text = std::string("规则「甲」：给予1万元\n") + k.spelling + "\n";
    zc::SourceManager sm;
    zc::FileId id = sm.add("k.zc", text);
    zc::DiagSink sink;
    zc::syntax::LexResult lx = zc::syntax::lex(sm.file(id), id, sink);
    bool inserted = false;
    for (const zc::syntax::Token& t : lx.tokens)
      if (zc::syntax::token_name(t.type) == "PERIOD" && t.begin == t.end) inserted = true;
    EXPECT_EQ(inserted, zc::formatter::starts_statement_line(k.type)) << k.spelling;
  }
}

// ---- the verification step ------------------------------------------------------------------

struct Original {
  zc::SourceManager sm;
  std::shared_ptr<zc::ast::Policy> policy;
  std::vector<std::string> comments;
};

const char* kSmall = "# 注释一\n政策“小”。\n事实「甲」：是否，默认否。\n规则「乙」：对「甲」，给予10万元补助。  # 注释二\n";

void load(Original& o, const std::string& text) {
  o.policy = parse(text, o.sm);
  o.comments = comments(text);
}

TEST(FmtVerify, AcceptsItsOwnOutput) {
  Original o;
  load(o, kSmall);
  ASSERT_TRUE(o.policy);
  EXPECT_EQ(zc::formatter::verify(*o.policy, o.comments, kSmall), std::nullopt);
}

TEST(FmtVerify, RefusesAChangedAmount) {
  Original o;
  load(o, kSmall);
  auto why = zc::formatter::verify(*o.policy, o.comments,
                                   "# 注释一\n政策“小”。\n事实「甲」：是否，默认否。\n规则「乙」：对「甲」，给予11万元补助。  # 注释二\n");
  ASSERT_TRUE(why);
  EXPECT_EQ(*why, "格式化前后的语法树不同，在 rules[0].branches[0].pays[0].atoms[1].lit.text：「10万元」≠「11万元」");
}

TEST(FmtVerify, RefusesALostComment) {
  Original o;
  load(o, kSmall);
  auto why = zc::formatter::verify(*o.policy, o.comments, "# 注释一\n政策“小”。\n事实「甲」：是否，默认否。\n规则「乙」：对「甲」，给予10万元补助。\n");
  ASSERT_TRUE(why);
  EXPECT_EQ(*why, "格式化改变了注释：第2条注释「# 注释二」");
}

TEST(FmtVerify, RefusesOutputThatIsNotAFixedPoint) {
  Original o;
  load(o, kSmall);
  auto why = zc::formatter::verify(*o.policy, o.comments,
                                   "# 注释一\n政策“小”。\n事实「甲」：是否，默认否。\n规则「乙」：对「甲」， 给予10万元补助。  # 注释二\n");
  ASSERT_TRUE(why);
  EXPECT_EQ(*why, "再次格式化会得到不同的结果（格式化不是幂等的）");
}

TEST(FmtVerify, RefusesOutputThatDoesNotParse) {
  Original o;
  load(o, kSmall);
  auto why = zc::formatter::verify(*o.policy, o.comments, "# 注释一\n政策“小”。\n事实「甲」：是否，默认否。\n规则「乙」对「甲」，给予10万元补助。  # 注释二\n");
  ASSERT_TRUE(why);
  EXPECT_EQ(why->rfind("格式化结果不能通过语法分析（第4行：", 0), 0u) << *why;
}

TEST(AstEqual, IgnoresSpansSpacesAndPunctuationSpelling) {
  zc::SourceManager sm;
  auto a = parse("事实「甲」：是否，默认否。\n规则「乙」：对「甲」，给予20-30（含）万元、1∶1配套。\n", sm);
  auto b = parse("\n\n事实「甲」:是否,默认否。\n规则「乙」 ： 对「甲」, 给予 20—30(含)万元、1:1配套。\n", sm);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(zc::formatter::ast_difference(*a, *b), std::nullopt);
}

TEST(AstEqual, SeesARenamedFact) {
  zc::SourceManager sm;
  auto a = parse("事实「甲」：是否，默认否。\n", sm);
  auto b = parse("事实「丙」：是否，默认否。\n", sm);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(zc::formatter::ast_difference(*a, *b), "facts[0].names[0].name.text：「甲」≠「丙」");
}

TEST(AstEqual, CanonicalText) {
  EXPECT_EQ(zc::formatter::canonical_text(" 20 - 30(含) 万元"), "20-30（含）万元");
  EXPECT_EQ(zc::formatter::canonical_text("1:1", true), "1∶1");
  EXPECT_EQ(zc::formatter::canonical_text("1：1", true), "1∶1");
  EXPECT_EQ(zc::formatter::canonical_text("20％"), "20%");
  EXPECT_EQ(zc::formatter::canonical_text(",或"), "，或");
}

TEST(Diff, UnifiedHunks) {
  EXPECT_EQ(zc::formatter::unified_diff("a\nb\n", "a\nb\n", "f.zc"), "");
  EXPECT_EQ(zc::formatter::unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nfive\n6\n7\n8\n", "f.zc"),
            "--- a/f.zc\n+++ b/f.zc\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

// ---- the command line --------------------------------------------------------------------------

TEST(FmtCli, CheckExitCodes) {
  fs::path cases_dir = fs::path(ZC_FMT_DIR) / "cases";
  auto ok = zc::testing::zhengce({"fmt", "--check", (cases_dir / "messy.expected.zc").string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "");
  auto messy = zc::testing::zhengce({"fmt", "--check", (cases_dir / "messy.zc").string()});
  EXPECT_EQ(messy.exit_code, 1);
  EXPECT_EQ(messy.out.rfind("--- a/" + (cases_dir / "messy.zc").string() + "\n", 0), 0u) << messy.out;
  auto missing = zc::testing::zhengce({"fmt", "--check", "/nonexistent/x.zc"});
  EXPECT_EQ(missing.exit_code, 2);
  auto both = zc::testing::zhengce({"fmt", "--check", "--stdout", (cases_dir / "messy.zc").string()});
  EXPECT_EQ(both.exit_code, 2);
}

TEST(FmtCli, RewritesInPlace) {
  std::string path = zc::testing::write_temp("rewrite.zc", slurp(fs::path(ZC_FMT_DIR) / "cases" / "messy.zc"));
  auto r = zc::testing::zhengce({"fmt", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(path), slurp(fs::path(ZC_FMT_DIR) / "cases" / "messy.expected.zc"));
  auto again = zc::testing::zhengce({"fmt", "--check", path});
  EXPECT_EQ(again.exit_code, 0);
}

TEST(FmtCli, SyntaxErrorsExitOne) {
  std::string path = zc::testing::write_temp("broken.zc", "政策“坏”。\n规则「甲」对「乙」，给予1万元。\n");
  auto r = zc::testing::zhengce({"fmt", "--color", "never", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(slurp(path), "政策“坏”。\n规则「甲」对「乙」，给予1万元。\n");
}

}  // namespace
