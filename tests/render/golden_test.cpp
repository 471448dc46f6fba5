// Golden renderings: each tests/render/cases/*.zc and the shipped policy dongchangfu-2024 rendered as
// text, Markdown and HTML must equal, whole, the files beside them (NAME.txt, NAME.md, NAME.html;
// and the annotated page NAME.annotated.html where one is kept).
// ZHENGCE_UPDATE_GOLDEN=1 rewrites them; review the diff. Also: the rendering follows the encoding
// (a changed amount changes the sentence) and does not depend on the source's layout.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/files.h"
#include "compiler/driver.h"
#include "compiler/fmt/fmt.h"
#include "compiler/render/render.h"

namespace fs = std::filesystem;

namespace {

using zc::testing::slurp;

// The checked AST of `text`; fails the test when the text has errors.
std::shared_ptr<const zc::ast::Policy> parse_clean(const std::string& path, const std::string& text) {
  zc::SourceManager sm;
  zc::FileId id = sm.add(path, text);
  zc::DiagSink sink;
  zc::CompileOptions co;
  co.codegen = false;
  zc::CompileResult r = zc::compile(sm, id, sink, co);
  EXPECT_EQ(sink.error_count(), 0u) << path;
  return r.policy;
}

struct Golden {
  fs::path source;  // the policy
  fs::path stem;    // the golden files without extension
};

void PrintTo(const Golden& g, std::ostream* os) { *os << g.source.filename().string(); }

std::vector<Golden> goldens() {
  std::vector<Golden> out;
  fs::path cases = fs::path(ZC_RENDER_DIR) / "cases";
  for (const auto& e : fs::directory_iterator(cases))
    if (e.path().extension() == ".zc") out.push_back({e.path(), cases / e.path().stem()});
  std::sort(out.begin(), out.end(), [](const Golden& a, const Golden& b) { return a.source < b.source; });
  out.push_back({fs::path(ZC_SOURCE_DIR) / "policies" / "dongchangfu-2024.zc", fs::path(ZC_RENDER_DIR) / "policies" / "dongchangfu-2024"});
  return out;
}

class RenderGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(RenderGolden, WholeOutputMatches) {
  const Golden& g = GetParam();
  auto policy = parse_clean(g.source.string(), slurp(g.source));
  ASSERT_TRUE(policy);
  zc::render::Document doc = zc::render::build_document(*policy);
  const std::pair<zc::render::Format, const char*> formats[] = {
      {zc::render::Format::Text, ".txt"}, {zc::render::Format::Markdown, ".md"}, {zc::render::Format::Html, ".html"}};
  for (const auto& [format, ext] : formats) {
    fs::path expected = g.stem;
    expected += ext;
    std::string got = zc::render::emit(doc, format);
    if (std::getenv("ZHENGCE_UPDATE_GOLDEN")) {
      std::ofstream(expected, std::ios::binary | std::ios::trunc) << got;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected)) << expected << " 不存在；用 ZHENGCE_UPDATE_GOLDEN=1 生成后审阅";
    EXPECT_EQ(got, slurp(expected)) << expected;
  }
  // The review office's page (render --annotated), for the cases that keep one.
  fs::path annotated = g.stem;
  annotated += ".annotated.html";
  if (fs::exists(annotated)) {
    zc::SourceManager sm;
    zc::FileId id = sm.add(g.source.string(), slurp(g.source));
    zc::DiagSink sink;
    zc::CompileOptions co;
    co.codegen = false;
    zc::CompileResult r = zc::compile(sm, id, sink, co);
    ASSERT_TRUE(r.policy);
    std::string got = zc::render::emit_annotated({zc::render::build_document(*r.policy)}, sm);
    if (std::getenv("ZHENGCE_UPDATE_GOLDEN")) std::ofstream(annotated, std::ios::binary | std::ios::trunc) << got;
    else EXPECT_EQ(got, slurp(annotated)) << annotated;
  }
}

INSTANTIATE_TEST_SUITE_P(Files, RenderGolden, ::testing::ValuesIn(goldens()), [](const ::testing::TestParamInfo<Golden>& i) {
  std::string n = i.param.stem.filename().string();
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

const zc::render::Decision* decision_of(const std::vector<zc::render::Decision>& ds, const zc::ast::Policy& p, const std::string& rule) {
  for (const zc::render::Decision& d : ds)
    if (p.rules[static_cast<size_t>(d.rule)].name.text == rule) return &d;
  return nullptr;
}

TEST(RenderFaithful, ChangedAmountChangesTheSentence) {
  fs::path path = fs::path(ZC_SOURCE_DIR) / "policies" / "dongchangfu-2024.zc";
  std::string text = slurp(path);
  const std::string from = "对「复审通过认定」的企业，给予5万元补助；";
  size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  std::string changed = text;
  changed.replace(at, from.size(), "对「复审通过认定」的企业，给予6万元补助；");

  auto before = parse_clean("before.zc", text);
  auto after = parse_clean("after.zc", changed);
  ASSERT_TRUE(before && after);
  auto db = zc::render::decisions(*before), da = zc::render::decisions(*after);
  const zc::render::Decision* b = decision_of(db, *before, "高企认定补助");
  const zc::render::Decision* a = decision_of(da, *after, "高企认定补助");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(b->text,
            "对首次通过高新技术企业认定的企业，给予10万元补助；对复审通过认定的企业，给予5万元补助；"
            "对首次通过山东省高新技术企业认定管理机构受理但未通过认定的企业给予3万元补助。");
  EXPECT_EQ(a->text,
            "对首次通过高新技术企业认定的企业，给予10万元补助；对复审通过认定的企业，给予6万元补助；"
            "对首次通过山东省高新技术企业认定管理机构受理但未通过认定的企业给予3万元补助。");
  // Only that sentence changed.
  ASSERT_EQ(da.size(), db.size());
  for (size_t i = 0; i < da.size(); ++i)
    if (da[i].rule != a->rule) {
      EXPECT_EQ(da[i].text, db[i].text);
    }
}

TEST(RenderFaithful, WordsTheDrafterChoseAreKept) {
  const std::string src =
      "政策“测试”。\n出资方「区财政」：本级，默认。\n出资方「市财政」：上级。\n事实「甲」：是否，默认否。\n"
      "事实「基数」：金额，来自「市财政」。\n"
      "第1条“一”。\n规则「按照」：对「甲」，按照「基数」的50%予以配套。\n规则「按」：对「甲」，区财政按「基数」的30%给予补助。\n";
  auto p = parse_clean("words.zc", src);
  ASSERT_TRUE(p);
  auto ds = zc::render::decisions(*p);
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].text, "对甲，按照基数的50%予以配套。");
  EXPECT_EQ(ds[1].text, "对甲，区财政按基数的30%给予补助。");
}

TEST(RenderFaithful, LayoutOfTheSourceDoesNotMatter) {
  for (const auto& e : fs::directory_iterator(fs::path(ZC_SOURCE_DIR) / "policies")) {
    if (e.path().extension() != ".zc") continue;
    std::string text = slurp(e.path());
    zc::SourceManager sm;
    zc::FileId id = sm.add(e.path().string(), text);
    zc::DiagSink sink;
    zc::formatter::Result f = zc::formatter::format_file(sm, id, sink);
    ASSERT_EQ(f.status, zc::formatter::Result::Status::Ok) << e.path() << " " << f.problem;
    auto a = parse_clean(e.path().string(), text);
    auto b = parse_clean("formatted.zc", f.text);
    ASSERT_TRUE(a && b);
    for (auto format : {zc::render::Format::Text, zc::render::Format::Html})
      EXPECT_EQ(zc::render::emit(zc::render::build_document(*a), format), zc::render::emit(zc::render::build_document(*b), format))
          << e.path();
  }
}

}  // namespace
