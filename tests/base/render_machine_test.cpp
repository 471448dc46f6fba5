// Machine-readable diagnostics, asserted as whole documents: json (our schema, version 1), SARIF
// 2.1.0 (also parsed back to check the fields consumers need) and GitHub workflow commands (escaping).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/diag_render.h"

namespace zc {
namespace {

constexpr const char* kPolicy =
    "政策「东昌府区科技强区实施意见」。\n"
    "发文机关：东昌府区人民政府。\n"
    "日期：2024年2月21日。\n"
    "\n"
    "事实「首次通过」：是否。\n"
    "事实「复审通过」：是否。\n"
    "事实「市级到位资金」：金额。\n"
    "第1条\n"
    "  对「首次通过」的企业，给予10万元补助。\n"
    "\n"
    "第2条\n"
    "  对「首次通过」的企业，区财政按「市到位资金」的20%给予补助。\n";

Span find(const SourceManager& sm, FileId file, std::string_view needle) {
  const size_t pos = sm.file(file).text().find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  return Span{file, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + needle.size())};
}

std::string render(const std::vector<Diagnostic>& diags, const SourceManager& sm, DiagFormat format, Lang lang) {
  std::ostringstream out;
  render_diagnostics(diags, sm, format, lang, true, out);  // colour must not leak into these formats
  return out.str();
}

class MachineRender : public ::testing::Test {
 protected:
  void SetUp() override {
    const FileId f = sm_.add("policies/dongchangfu.zc", kPolicy);
    Diagnostic undeclared = make_diag(DiagCode::E0301, find(sm_, f, "市到位资金"), {"市到位资金"});
    undeclared.article = "第2条";
    undeclared.notes.push_back(
        Label{find(sm_, f, "「市级到位资金」"), Text{"相近的名称在此声明", "a similar name is declared here"}});
    Diagnostic warning = make_diag(DiagCode::E0205, find(sm_, f, "「复审通过」"));
    warning.severity = Severity::Warning;
    diags_ = {undeclared, warning, make_diag_nospan(DiagCode::E0805, {"空文件"})};
  }

  SourceManager sm_;
  std::vector<Diagnostic> diags_;
};

TEST_F(MachineRender, Json) {
  EXPECT_EQ(render(diags_, sm_, DiagFormat::Json, Lang::Zh), R"({
  "version": 1,
  "diagnostics": [
    {
      "code": "E0301",
      "severity": "error",
      "slug": "undeclared-name",
      "message": "「市到位资金」未声明",
      "help": "用「事实「市到位资金」：类型。」声明它，或检查拼写",
      "file": "policies/dongchangfu.zc",
      "line": 12,
      "column": 19,
      "end_line": 12,
      "end_column": 24,
      "byte_begin": 368,
      "byte_end": 383,
      "article": "第2条",
      "notes": [
        {
          "message": "相近的名称在此声明",
          "file": "policies/dongchangfu.zc",
          "line": 7,
          "column": 3,
          "end_line": 7,
          "end_column": 11,
          "byte_begin": 205,
          "byte_end": 229
        }
      ]
    },
    {
      "code": "E0205",
      "severity": "warning",
      "slug": "mixed-and-or",
      "message": "「且」与「或」混用而未加括号",
      "help": "用（）标明先后，如（甲或乙）且丙",
      "file": "policies/dongchangfu.zc",
      "line": 6,
      "column": 3,
      "end_line": 6,
      "end_column": 9,
      "byte_begin": 168,
      "byte_end": 186,
      "article": null,
      "notes": []
    },
    {
      "code": "E0805",
      "severity": "error",
      "slug": "facts-json",
      "message": "事实文件不是有效的 JSON：空文件",
      "help": "事实文件应为一个对象，如 {\"「事实」\": \"10万元\"}",
      "file": null,
      "line": null,
      "column": null,
      "end_line": null,
      "end_column": null,
      "byte_begin": null,
      "byte_end": null,
      "article": null,
      "notes": []
    }
  ],
  "summary": {
    "errors": 2,
    "warnings": 1
  }
}
)");
}

TEST_F(MachineRender, JsonEnglishAndEmpty) {
  const std::vector<Diagnostic> one = {diags_[1]};
  const auto doc = nlohmann::json::parse(render(one, sm_, DiagFormat::Json, Lang::En));
  EXPECT_EQ(doc["diagnostics"][0]["message"], "且 and 或 are mixed without brackets");
  EXPECT_EQ(doc["diagnostics"][0]["help"], "group with （）, e.g. （甲或乙）且丙");
  EXPECT_EQ(render({}, sm_, DiagFormat::Json, Lang::En), R"({
  "version": 1,
  "diagnostics": [],
  "summary": {
    "errors": 0,
    "warnings": 0
  }
}
)");
}

TEST_F(MachineRender, JsonReplacesInvalidUtf8InsteadOfThrowing) {
  SourceManager sm;
  const FileId f = sm.add("bad\xFF.zc", "\xFF");
  const std::vector<Diagnostic> diags = {make_diag(DiagCode::E0102, Span{f, 0, 1}, {"\xFF"})};
  const auto doc = nlohmann::json::parse(render(diags, sm, DiagFormat::Json, Lang::Zh));
  EXPECT_EQ(doc["diagnostics"][0]["message"], "无法识别「\xEF\xBF\xBD」");
  EXPECT_EQ(doc["diagnostics"][0]["file"], "bad\xEF\xBF\xBD.zc");
}

TEST_F(MachineRender, Sarif) {
  const std::string text = render(diags_, sm_, DiagFormat::Sarif, Lang::En);
  EXPECT_EQ(text, R"({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "zhengce",
          "version": "0.1.0",
          "rules": [
            {
              "id": "E0301",
              "name": "undeclared-name",
              "shortDescription": {
                "text": "`…` is not declared"
              },
              "help": {
                "text": "declare it with 事实「…」：类型。 or check the spelling…"
              },
              "defaultConfiguration": {
                "level": "error"
              }
            },
            {
              "id": "E0205",
              "name": "mixed-and-or",
              "shortDescription": {
                "text": "且 and 或 are mixed without brackets"
              },
              "help": {
                "text": "group with （）, e.g. （甲或乙）且丙"
              },
              "defaultConfiguration": {
                "level": "error"
              }
            },
            {
              "id": "E0805",
              "name": "facts-json",
              "shortDescription": {
                "text": "the facts file is not valid JSON: …"
              },
              "help": {
                "text": "a facts file is one object, e.g. {\"事实\": \"10万元\"}"
              },
              "defaultConfiguration": {
                "level": "error"
              }
            }
          ]
        }
      },
      "columnKind": "unicodeCodePoints",
      "results": [
        {
          "ruleId": "E0301",
          "ruleIndex": 0,
          "level": "error",
          "message": {
            "text": "`市到位资金` is not declared"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "policies/dongchangfu.zc"
                },
                "region": {
                  "startLine": 12,
                  "startColumn": 19,
                  "endLine": 12,
                  "endColumn": 24
                }
              }
            }
          ],
          "relatedLocations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "policies/dongchangfu.zc"
                },
                "region": {
                  "startLine": 7,
                  "startColumn": 3,
                  "endLine": 7,
                  "endColumn": 11
                }
              },
              "message": {
                "text": "a similar name is declared here"
              }
            }
          ],
          "properties": {
            "help": "declare it with 事实「市到位资金」：类型。 or check the spelling",
            "article": "第2条"
          }
        },
        {
          "ruleId": "E0205",
          "ruleIndex": 1,
          "level": "warning",
          "message": {
            "text": "且 and 或 are mixed without brackets"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "policies/dongchangfu.zc"
                },
                "region": {
                  "startLine": 6,
                  "startColumn": 3,
                  "endLine": 6,
                  "endColumn": 9
                }
              }
            }
          ],
          "properties": {
            "help": "group with （）, e.g. （甲或乙）且丙"
          }
        },
        {
          "ruleId": "E0805",
          "ruleIndex": 2,
          "level": "error",
          "message": {
            "text": "the facts file is not valid JSON: 空文件"
          },
          "properties": {
            "help": "a facts file is one object, e.g. {\"事实\": \"10万元\"}"
          }
        }
      ]
    }
  ]
}
)");

  // What a SARIF consumer relies on, read back from the document.
  const auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(doc.at("version"), "2.1.0");
  ASSERT_EQ(doc.at("runs").size(), 1u);
  const auto& run = doc["runs"][0];
  EXPECT_EQ(run.at("columnKind"), "unicodeCodePoints");
  EXPECT_EQ(run.at("tool").at("driver").at("name"), "zhengce");
  EXPECT_EQ(run["tool"]["driver"].at("version"), ZHENGCE_VERSION);
  const auto& rules = run["tool"]["driver"].at("rules");
  const auto& results = run.at("results");
  ASSERT_EQ(results.size(), diags_.size());
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    const auto index = r.at("ruleIndex").get<size_t>();
    ASSERT_LT(index, rules.size());
    EXPECT_EQ(rules[index].at("id"), r.at("ruleId"));
    EXPECT_EQ(r.at("ruleId"), diag_info(diags_[i].code).id);
    const std::string level = r.at("level");
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
    EXPECT_FALSE(r.at("message").at("text").get<std::string>().empty());
    for (const auto& loc : r.value("locations", nlohmann::json::array())) {
      const auto& region = loc.at("physicalLocation").at("region");
      EXPECT_GE(region.at("startLine").get<int>(), 1);
      EXPECT_GE(region.at("startColumn").get<int>(), 1);
      EXPECT_GE(region.at("endLine").get<int>(), region["startLine"].get<int>());
      EXPECT_FALSE(loc["physicalLocation"].at("artifactLocation").at("uri").get<std::string>().empty());
    }
  }
}

TEST(SarifRender, UrisArePercentEncodedAndAbsolutePathsBecomeFileUris) {
  SourceManager sm;
  std::vector<Diagnostic> diags;
  for (const char* path : {"政策/东昌府.zc", "my policies/a#1.zc", "/srv/p q/a.zc", "C:\\work\\a.zc"}) {
    const FileId f = sm.add(path, "甲");
    diags.push_back(make_diag(DiagCode::E0202, Span{f, 0, 3}));
  }
  std::ostringstream out;
  render_diagnostics(diags, sm, DiagFormat::Sarif, Lang::Zh, false, out);
  const auto doc = nlohmann::json::parse(out.str());
  std::vector<std::string> uris;
  for (const auto& r : doc["runs"][0]["results"]) {
    uris.push_back(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
  }
  EXPECT_EQ(uris, (std::vector<std::string>{"%E6%94%BF%E7%AD%96/%E4%B8%9C%E6%98%8C%E5%BA%9C.zc", "my%20policies/a%231.zc",
                                            "file:///srv/p%20q/a.zc", "file:///C:/work/a.zc"}));
  EXPECT_EQ(doc["runs"][0]["tool"]["driver"]["rules"].size(), 1u);  // one rule, used four times
}

TEST_F(MachineRender, SarifWithNoResults) {
  const auto doc = nlohmann::json::parse(render({}, sm_, DiagFormat::Sarif, Lang::Zh));
  EXPECT_EQ(doc["runs"][0]["results"], nlohmann::json::array());
  EXPECT_EQ(doc["runs"][0]["tool"]["driver"]["rules"], nlohmann::json::array());
}

TEST_F(MachineRender, Github) {
  EXPECT_EQ(render(diags_, sm_, DiagFormat::Github, Lang::Zh),
            "::error file=policies/dongchangfu.zc,line=12,col=19,endLine=12,endColumn=24,title=E0301::"
            "「市到位资金」未声明%0A条款: 第2条%0A帮助: 用「事实「市到位资金」：类型。」声明它，或检查拼写"
            "%0A注: policies/dongchangfu.zc:7:3: 相近的名称在此声明\n"
            "::warning file=policies/dongchangfu.zc,line=6,col=3,endLine=6,endColumn=9,title=E0205::"
            "「且」与「或」混用而未加括号%0A帮助: 用（）标明先后，如（甲或乙）且丙\n"
            "::error title=E0805::事实文件不是有效的 JSON：空文件%0A帮助: 事实文件应为一个对象，如 {\"「事实」\": \"10万元\"}\n");
}

TEST(GithubRender, EscapesDataAndPropertiesAndDropsColumnsOnMultiLineSpans) {
  SourceManager sm;
  const FileId f = sm.add("dir,1/a:b%.zc", "甲\n乙\n");
  Diagnostic multi = make_diag(DiagCode::E0102, Span{f, 0, 7}, {"50%\r\n::x,y"});
  Diagnostic note = make_diag(DiagCode::E0202, Span{f, 4, 7});
  note.severity = Severity::Note;
  std::ostringstream out;
  render_diagnostics({multi, note}, sm, DiagFormat::Github, Lang::En, false, out);
  EXPECT_EQ(out.str(),
            "::error file=dir%2C1/a%3Ab%25.zc,line=1,endLine=2,title=E0102::unrecognised text `50%25%0D%0A::x,y`"
            "%0Ahelp: write names in 「」 (e.g. 「50%25%0D%0A::x,y」) and declare them; keywords are listed in "
            "docs/language.md\n"
            "::notice file=dir%2C1/a%3Ab%25.zc,line=2,col=1,endLine=2,endColumn=2,title=E0202::statement is missing its "
            "closing 。%0Ahelp: end the statement with 。\n");
}

TEST(FormatNames, ParseFormatAndLang) {
  EXPECT_EQ(parse_diag_format("human"), DiagFormat::Human);
  EXPECT_EQ(parse_diag_format("json"), DiagFormat::Json);
  EXPECT_EQ(parse_diag_format("sarif"), DiagFormat::Sarif);
  EXPECT_EQ(parse_diag_format("github"), DiagFormat::Github);
  EXPECT_EQ(parse_diag_format("JSON"), std::nullopt);
  EXPECT_EQ(parse_diag_format(""), std::nullopt);
  EXPECT_EQ(parse_lang("zh"), Lang::Zh);
  EXPECT_EQ(parse_lang("en"), Lang::En);
  EXPECT_EQ(parse_lang("fr"), std::nullopt);
}

}  // namespace
}  // namespace zc
