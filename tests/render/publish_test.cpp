// `render --format docx|pdf` as a user runs it: the .docx of each seed policy, read back with
// pandoc, holds exactly the paragraphs of the text rendering (notes left out: they are Word comments);
// its styles are the 公文 ones (fonts, sizes, A4 page, line grid, page numbers — read from the
// .docx's own styles.xml and document.xml); the PDF of one seed is A4 with a plausible number of
// pages, and its first page is turned into a PNG kept under the build folder
// (tests/render/publish/dongchangfu-2024-page1.png) for a person to look at. And the usage errors:
// docx and pdf need one file and -o, --annotated is HTML, a missing pandoc is named.
#include <gtest/gtest.h>

#include <cstdio>
#include <regex>

#include "compiler/render/render.h"
#include "tests/cli/support.h"
#include "tests/render/seeds.h"

namespace fs = std::filesystem;

namespace {

using zc::testing::kSeeds;
using zc::testing::Seed;
using zc::testing::slurp;

// Runs a shell command; its standard output, or nullopt when it failed.
std::optional<std::string> capture(const std::string& cmd) {
  FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
  if (!p) return std::nullopt;
  std::string out;
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = ::pclose(p);
  if (status != 0) return std::nullopt;
  return out;
}

bool have(const std::string& tool) { return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0; }

fs::path out_dir() {
  fs::path d = fs::path(ZC_OUT_DIR) / "publish";
  fs::create_directories(d);
  return d;
}

std::string policy_path(const Seed& s) { return (fs::path(ZC_SOURCE_DIR) / "policies" / s.policy).string(); }

// One part of a .docx (a zip file), read with Python's zipfile.
std::string docx_part(const fs::path& docx, const std::string& part) {
  auto x = capture("python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' " +
                   zc::testing::quote(docx.string()) + " " + zc::testing::quote(part));
  std::string xml = x.value_or("");
  // pandoc writes some parts again: compare without the space it may put before />.
  for (size_t at = 0; (at = xml.find(" />", at)) != std::string::npos;) xml.erase(at, 1);
  return xml;
}

// The paragraphs of a text: lines without their indentation, empty lines dropped.
std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t b = 0;
    while (b < line.size() && (line[b] == ' ' || line.compare(b, 3, "\u3000") == 0)) b += line[b] == ' ' ? 1 : 3;
    line = line.substr(b);
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

class Publish : public ::testing::TestWithParam<Seed> {
 protected:
  void SetUp() override {
    if (std::string(ZC_REFERENCE_DOCX).empty() || !have("pandoc"))
      GTEST_SKIP() << "跳过：没有 pandoc 或公文参考文档（scripts/install-deps 安装 pandoc 后重新构建）";
  }
};

TEST_P(Publish, DocxReadsBackAsTheTextRendering) {
  const Seed& seed = GetParam();
  fs::path docx = out_dir() / (fs::path(seed.policy).stem().string() + ".docx");
  auto r = zc::testing::zhengce({"render", policy_path(seed), "--format", "docx", "-o", docx.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto back = capture("pandoc --from=docx --to=plain --wrap=none " + zc::testing::quote(docx.string()));
  ASSERT_TRUE(back) << "pandoc 读不回 " << docx;

  auto p = zc::testing::compile_policy(policy_path(seed));
  ASSERT_TRUE(p);
  std::string text;
  for (const zc::render::Line& l : zc::render::lines(zc::render::build_document(*p)))
    if (l.style != zc::render::Line::Style::Note && l.style != zc::render::Line::Style::HeaderNote) text += l.text + "\n";
  std::vector<std::string> want = paragraphs(text), got = paragraphs(*back);
  ASSERT_EQ(got.size(), want.size()) << docx;
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << docx << " 第" << i + 1 << "段";
}

INSTANTIATE_TEST_SUITE_P(Seeds, Publish, ::testing::ValuesIn(kSeeds), [](const ::testing::TestParamInfo<Seed>& i) {
  return std::string("seed") + std::string(i.param.file).substr(0, 3);
});

// The XML of the style named `name` in styles.xml ("" if there is none).
std::string style_named(const std::string& styles, const std::string& name) {
  size_t at = styles.find("<w:name w:val=\"" + name + "\"");
  if (at == std::string::npos) return "";
  size_t b = styles.rfind("<w:style ", at), e = styles.find("</w:style>", at);
  return styles.substr(b, e - b);
}

struct StyleWant {
  const char* name;
  const char* font;  // w:eastAsia
  int size;          // half-points
  const char* more;  // one more property the role needs, or ""
};

TEST(PublishDocx, StylesAreTheGongwenOnes) {
  if (std::string(ZC_REFERENCE_DOCX).empty() || !have("pandoc")) GTEST_SKIP() << "跳过：没有 pandoc 或公文参考文档";
  fs::path docx = out_dir() / "styles-dongchangfu-2024.docx";
  auto r = zc::testing::zhengce({"render", policy_path(kSeeds[0]), "--format", "docx", "-o", docx.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string styles = docx_part(docx, "word/styles.xml");
  ASSERT_FALSE(styles.empty());
  // GB/T 9704-2012 with the Debian fonts that stand in (docs/drafter-tools.md): title 二号小标宋,
  // text 三号仿宋, 一级标题 黑体, 二级标题 楷体, 版记 四号仿宋; signature and date to the right.
  const StyleWant want[] = {
      {"公文标题", "Noto Serif CJK SC", 44, "<w:jc w:val=\"center\"/>"},
      {"Body Text", "Noto Serif CJK SC", 32, "w:firstLineChars=\"200\""},
      {"First Paragraph", "Noto Serif CJK SC", 32, "w:firstLineChars=\"200\""},
      {"heading 1", "Noto Sans CJK SC", 32, "<w:outlineLvl w:val=\"0\"/>"},
      {"heading 2", "AR PL UKai CN", 32, "<w:outlineLvl w:val=\"1\"/>"},
      {"主送机关", "Noto Serif CJK SC", 32, "<w:jc w:val=\"left\"/>"},
      {"署名", "Noto Serif CJK SC", 32, "<w:jc w:val=\"right\"/>"},
      {"成文日期", "Noto Serif CJK SC", 32, "w:rightChars=\"400\""},
      {"附注", "Noto Serif CJK SC", 32, "w:firstLineChars=\"200\""},
      {"版记", "Noto Serif CJK SC", 28, "<w:pBdr>"},
  };
  for (const StyleWant& w : want) {
    std::string s = style_named(styles, w.name);
    ASSERT_FALSE(s.empty()) << "styles.xml 没有样式「" << w.name << "」";
    EXPECT_NE(s.find(std::string("w:eastAsia=\"") + w.font + "\""), std::string::npos) << w.name << "：" << s;
    EXPECT_NE(s.find("<w:sz w:val=\"" + std::to_string(w.size) + "\"/>"), std::string::npos) << w.name << "：" << s;
    EXPECT_NE(s.find(w.more), std::string::npos) << w.name << "：" << s;
    if (std::string(w.name) != "公文标题") {  // the title's lines are wider apart
      EXPECT_NE(s.find("w:line=\"579\" w:lineRule=\"exact\""), std::string::npos) << w.name << " 不在 22 行的行距上";
    }
  }
  // The page: A4, 版心 156 mm x 225 mm (天头 37 mm, 订口 28 mm), a line grid, footers on odd and even pages.
  std::string doc = docx_part(docx, "word/document.xml");
  EXPECT_NE(doc.find("<w:pgSz w:h=\"16838\" w:w=\"11906\"/>"), std::string::npos) << "不是 A4";
  EXPECT_NE(doc.find("w:top=\"2098\""), std::string::npos);
  EXPECT_NE(doc.find("w:left=\"1587\""), std::string::npos);
  EXPECT_NE(doc.find("w:linePitch=\"579\""), std::string::npos);
  EXPECT_NE(doc.find("w:type=\"even\""), std::string::npos);
  // The paragraphs carry the styles of their roles.
  for (const char* id : {"GongwenTitle", "Addressee", "Heading1", "Signature", "SigningDate", "Remark"})
    EXPECT_NE(doc.find(std::string("<w:pStyle w:val=\"") + id + "\""), std::string::npos) << id;
  // Page numbers — 1 —: a PAGE field between em dashes, in both footers.
  for (const char* part : {"word/footer1.xml", "word/footer2.xml"}) {
    std::string f = docx_part(docx, part);
    EXPECT_NE(f.find("— "), std::string::npos) << part;
    EXPECT_NE(f.find(" PAGE "), std::string::npos) << part;
  }
  EXPECT_NE(docx_part(docx, "word/settings.xml").find("<w:evenAndOddHeaders"), std::string::npos);
  // The notes on readings are comments, not text.
  EXPECT_NE(docx_part(docx, "word/comments.xml").find("三种情形互斥"), std::string::npos);
}

TEST(PublishPdf, IsA4WithAPlausibleNumberOfPages) {
  if (std::string(ZC_REFERENCE_DOCX).empty() || !have("pandoc") || !have("soffice") || !have("pdfinfo") || !have("pdftoppm"))
    GTEST_SKIP() << "跳过：没有 pandoc、soffice（LibreOffice）或 poppler-utils（scripts/install-deps）";
  fs::path pdf = out_dir() / "dongchangfu-2024.pdf";
  auto r = zc::testing::zhengce({"render", policy_path(kSeeds[0]), "--format", "pdf", "-o", pdf.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto info = capture("pdfinfo " + zc::testing::quote(pdf.string()));
  ASSERT_TRUE(info);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(*info, m, std::regex(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)"))) << *info;
  EXPECT_NEAR(std::stod(m[1]), 595.3, 1.0) << *info;  // 210 mm
  EXPECT_NEAR(std::stod(m[2]), 841.9, 1.0) << *info;  // 297 mm
  ASSERT_TRUE(std::regex_search(*info, m, std::regex(R"(Pages:\s+([0-9]+))"))) << *info;
  int pages = std::stoi(m[1]);
  // 22 lines of 28 characters a page: the text's characters fill at least that many pages; headings,
  // short last lines of paragraphs and the closing lines add some, not twice as many.
  auto p = zc::testing::compile_policy(policy_path(kSeeds[0]));
  ASSERT_TRUE(p);
  std::string text;
  for (const zc::render::Line& l : zc::render::lines(zc::render::build_document(*p)))
    if (l.style != zc::render::Line::Style::Note && l.style != zc::render::Line::Style::HeaderNote) text += l.text;
  double chars = static_cast<double>(zc::testing::decode(text).size());
  std::printf("%s：%d 页，%.0f 字（每页 22 行 × 28 字 = 616 字）\n", pdf.string().c_str(), pages, chars);
  EXPECT_GE(pages, static_cast<int>(chars / 616));
  EXPECT_LE(pages, static_cast<int>(2 * chars / 616) + 2);

  // The first page as a picture, kept for a person to look at.
  fs::path png = out_dir() / "dongchangfu-2024-page1";
  ASSERT_TRUE(capture("pdftoppm -png -r 72 -f 1 -l 1 -singlefile " + zc::testing::quote(pdf.string()) + " " +
                      zc::testing::quote(png.string())));
  std::string bytes = slurp(png.string() + ".png");
  ASSERT_GE(bytes.size(), 24u);
  ASSERT_EQ(bytes.substr(1, 3), "PNG");
  auto be32 = [&](size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
  };
  // IHDR width and height at 72 dpi: 210 mm x 297 mm is 595.3 x 841.9 points, rounded up.
  EXPECT_NEAR(be32(16), 596.0, 1.0);
  EXPECT_NEAR(be32(20), 842.0, 1.0);
}

}  // namespace

namespace {

TEST(PublishCli, DocxAndPdfNeedOneFileAndAnOutput) {
  std::string dcf = policy_path(kSeeds[0]);
  auto no_output = zc::testing::zhengce({"render", dcf, "--format", "docx"});
  EXPECT_EQ(no_output.exit_code, 2);
  EXPECT_EQ(no_output.err, "错误：--format docx 须写一个政策文件，并用 -o 指定输出文件\n");
  auto two = zc::testing::zhengce({"render", dcf, policy_path(kSeeds[1]), "--format", "pdf", "-o", "x.pdf"});
  EXPECT_EQ(two.exit_code, 2);
  auto annotated = zc::testing::zhengce({"render", dcf, "--annotated", "--format", "markdown"});
  EXPECT_EQ(annotated.exit_code, 2);
  EXPECT_EQ(annotated.err, "错误：--annotated 只输出 HTML\n");
}

// Without pandoc on PATH the user is told which tool is missing and how to get it.
TEST(PublishCli, AMissingToolIsNamed) {
  if (std::string(ZC_REFERENCE_DOCX).empty()) GTEST_SKIP() << "跳过：没有公文参考文档";
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", "/nonexistent", 1);
  auto r = zc::testing::zhengce({"render", policy_path(kSeeds[0]), "--format", "docx", "-o", (out_dir() / "none.docx").string()});
  ::setenv("PATH", path.c_str(), 1);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "错误：无法运行 pandoc：请先安装（scripts/install-deps）\n");
  EXPECT_FALSE(fs::exists(out_dir() / "none.docx"));
}

}  // namespace
