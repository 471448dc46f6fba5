// The TextMate grammar generated from keywords.def: valid JSON whose keyword patterns, tried in order
// as an editor tries them, match every keyword spelling whole (longest first, as the lexer does), and
// the VS Code extension's manifest that points at it.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "compiler/syntax/lexer.h"
#include "service/textmate.h"
#include "tests/support/files.h"

namespace {

using json = nlohmann::json;

TEST(TextMate, EveryKeywordIsHighlightedWhole) {
  json g = json::parse(zc::service::textmate_grammar());
  ASSERT_EQ(g["scopeName"], "source.zhengce");
  std::vector<std::pair<std::regex, std::string>> patterns;
  for (const json& p : g["repository"]["keywords"]["patterns"]) patterns.emplace_back(std::regex(p["match"].get<std::string>()), p["name"]);
  size_t checked = 0;
  for (const zc::syntax::KeywordEntry& k : zc::syntax::keyword_table()) {
    std::string s = k.spelling;
    if (s.find("“") != std::string::npos) continue;
    // The first pattern that matches at the start is the one an editor uses: it must take the whole word.
    bool found = false;
    for (const auto& [re, scope] : patterns) {
      std::smatch m;
      if (std::regex_search(s, m, re, std::regex_constants::match_continuous)) {
        EXPECT_EQ(m.length(0), static_cast<long>(s.size())) << s << " is highlighted as " << m.str(0) << " (" << scope << ")";
        found = true;
        break;
      }
    }
    EXPECT_TRUE(found) << s;
    ++checked;
  }
  EXPECT_GT(checked, 150u);
  std::smatch m;
  std::string amount = "100-500万元";
  EXPECT_TRUE(std::regex_match(amount, m, std::regex(g["repository"]["number"]["match"].get<std::string>())));
}

TEST(TextMate, TheExtensionManifestUsesIt) {
  json pkg = json::parse(zc::testing::slurp(std::filesystem::path(ZC_SOURCE_DIR) / "editors/vscode/package.json"));
  const json& c = pkg["contributes"];
  EXPECT_EQ(c["languages"][0]["id"], "zhengce");
  EXPECT_EQ(c["languages"][0]["extensions"], json::array({".zc"}));
  EXPECT_EQ(c["grammars"][0]["scopeName"], "source.zhengce");
  EXPECT_EQ(c["grammars"][0]["path"], "./syntaxes/zhengce.tmLanguage.json");
  EXPECT_EQ(c["configuration"]["properties"]["zhengce.path"]["default"], "zhengce");
}

}  // namespace
