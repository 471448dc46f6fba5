// docs/diagnostics.md must match diag_codes.def: its generated section is compared with what
// diag_docs_markdown() produces now. Also covers splicing and one code's section as a golden.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/files.h"
#include "base/diag_docs.h"

namespace zc {
namespace {

using zc::testing::slurp;

TEST(DiagDocs, GeneratedSectionIsCurrent) {
  const std::string path = std::string(ZC_SOURCE_DIR) + "/docs/diagnostics.md";
  const std::string doc = slurp(path);
  ASSERT_FALSE(doc.empty()) << "cannot read " << path;
  const auto section = generated_section(doc);
  ASSERT_TRUE(section.has_value()) << path << " lacks the generated-section markers:\n  " << kDocsBeginMarker << "\n  "
                                   << kDocsEndMarker;
  EXPECT_TRUE(*section == diag_docs_markdown())
      << "docs/diagnostics.md is out of date with base/diag_codes.def. Regenerate it with\n"
      << "  cmake --build <build-dir> --target update-diagnostics-docs\n"
      << "and commit the result.";
}

TEST(DiagDocs, OneCodeSection) {
  EXPECT_EQ(diag_code_markdown(DiagCode::E0301),
            "### E0301\n"
            "\n"
            "- 级别 / severity: 错误 / error\n"
            "- 名称 / slug: `undeclared-name`\n"
            "- 消息: 「{0}」未声明\n"
            "- message: `{0}` is not declared\n"
            "- 帮助: 用「事实「{0}」：类型。」声明它，或检查拼写{1}\n"
            "- help: declare it with 事实「{0}」：类型。 or check the spelling{1}\n");
}

TEST(DiagDocs, AllCodesAreIndexedAndDocumented) {
  const std::string md = diag_docs_markdown();
  EXPECT_TRUE(md.starts_with("## 代码一览 / All codes\n\n| 代码 / code | 级别 / severity | 名称 / slug | 消息 / message |\n"
                             "|---|---|---|---|\n"
                             "| [E0101](#e0101) | 错误 / error | `invalid-utf8` | 文件不是有效的 UTF-8 编码（第 {0} 字节） |\n"));
  for (size_t i = 0; i < static_cast<size_t>(DiagCode::kCount); ++i) {
    const auto code = static_cast<DiagCode>(i);
    EXPECT_NE(md.find("\n" + diag_code_markdown(code)), std::string::npos) << diag_info(code).id;
  }
}

TEST(DiagDocs, ReplaceKeepsTheHandWrittenParts) {
  const std::string doc = std::string("# Intro\n\ntext\n\n") + std::string(kDocsBeginMarker) + "\nold\nlines\n" +
                          std::string(kDocsEndMarker) + "\n\nafter\n";
  EXPECT_EQ(generated_section(doc), "old\nlines\n");
  EXPECT_EQ(replace_generated_section(doc, "new\n"),
            std::string("# Intro\n\ntext\n\n") + std::string(kDocsBeginMarker) + "\nnew\n" + std::string(kDocsEndMarker) +
                "\n\nafter\n");
  EXPECT_EQ(replace_generated_section(doc, "no newline"),
            std::string("# Intro\n\ntext\n\n") + std::string(kDocsBeginMarker) + "\nno newline\n" +
                std::string(kDocsEndMarker) + "\n\nafter\n");
  const std::string empty = std::string(kDocsBeginMarker) + "\n" + std::string(kDocsEndMarker) + "\n";
  EXPECT_EQ(generated_section(empty), "");
}

TEST(DiagDocs, MissingOrMisplacedMarkers) {
  EXPECT_EQ(generated_section("# nothing here\n"), std::nullopt);
  EXPECT_EQ(replace_generated_section("# nothing here\n", "x"), std::nullopt);
  EXPECT_EQ(generated_section(std::string(kDocsBeginMarker) + "\nno end\n"), std::nullopt);
  EXPECT_EQ(generated_section(std::string(kDocsEndMarker) + "\n" + std::string(kDocsBeginMarker) + "\n"), std::nullopt);
  EXPECT_EQ(generated_section(std::string(kDocsBeginMarker) + "\ntext" + std::string(kDocsEndMarker) + "\n"),
            std::nullopt);  // the end marker must start its own line
}

}  // namespace
}  // namespace zc
