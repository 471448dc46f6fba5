// Human diagnostics, asserted as whole outputs: carets under Chinese text, both languages, colour,
// secondary labels in the same and other files, tabs, spans over several lines, no span, summaries.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "base/diag_render.h"

namespace zc {
namespace {

// Line 12 is the clause of the brief's example; line 7 declares a similar name.
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

Span find(const SourceManager& sm, FileId file, std::string_view needle, size_t nth = 0) {
  const std::string& text = sm.file(file).text();
  size_t pos = text.find(needle);
  for (size_t i = 0; i < nth && pos != std::string::npos; ++i) pos = text.find(needle, pos + 1);
  EXPECT_NE(pos, std::string::npos) << needle;
  return Span{file, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + needle.size())};
}

std::string render(const std::vector<Diagnostic>& diags, const SourceManager& sm, Lang lang, bool color = false) {
  std::ostringstream out;
  render_diagnostics(diags, sm, DiagFormat::Human, lang, color, out);
  return out.str();
}

class HumanRender : public ::testing::Test {
 protected:
  void SetUp() override { policy_ = sm_.add("policies/dongchangfu.zc", kPolicy); }

  Diagnostic undeclared() const {
    Diagnostic d = make_diag(DiagCode::E0301, find(sm_, policy_, "市到位资金"), {"市到位资金"});
    d.article = "第2条";
    return d;
  }

  SourceManager sm_;
  FileId policy_ = 0;
};

TEST_F(HumanRender, CaretLinesUpUnderChineseText) {
  EXPECT_EQ(render({undeclared()}, sm_, Lang::Zh),
            "错误[E0301]: 「市到位资金」未声明\n"
            "  --> policies/dongchangfu.zc:12:19\n"
            "   |\n"
            "12 |   对「首次通过」的企业，区财政按「市到位资金」的20%给予补助。\n"
            "   |                                   ^^^^^^^^^^\n"
            "   = 条款: 第2条\n"
            "   = 帮助: 用「事实「市到位资金」：类型。」声明它，或检查拼写\n"
            "\n");
}

TEST_F(HumanRender, English) {
  EXPECT_EQ(render({undeclared()}, sm_, Lang::En),
            "error[E0301]: `市到位资金` is not declared\n"
            "  --> policies/dongchangfu.zc:12:19\n"
            "   |\n"
            "12 |   对「首次通过」的企业，区财政按「市到位资金」的20%给予补助。\n"
            "   |                                   ^^^^^^^^^^\n"
            "   = note: 第2条\n"
            "   = help: declare it with 事实「市到位资金」：类型。 or check the spelling\n"
            "\n");
}

TEST_F(HumanRender, Colour) {
  EXPECT_EQ(render({undeclared()}, sm_, Lang::Zh, true),
            "\x1b[1;31m错误[E0301]\x1b[0m\x1b[1m: 「市到位资金」未声明\x1b[0m\n"
            "  \x1b[1;34m-->\x1b[0m policies/dongchangfu.zc:12:19\n"
            "   \x1b[1;34m|\x1b[0m\n"
            "\x1b[1;34m12 |\x1b[0m   对「首次通过」的企业，区财政按「市到位资金」的20%给予补助。\n"
            "   \x1b[1;34m|\x1b[0m                                   \x1b[1;31m^^^^^^^^^^\x1b[0m\n"
            "   \x1b[1;34m=\x1b[0m \x1b[1m条款:\x1b[0m 第2条\n"
            "   \x1b[1;34m=\x1b[0m \x1b[1m帮助:\x1b[0m 用「事实「市到位资金」：类型。」声明它，或检查拼写\n"
            "\n");
}

TEST_F(HumanRender, WarningColourIsYellow) {
  Diagnostic d = make_diag(DiagCode::E0205, find(sm_, policy_, "第1条"));
  d.severity = Severity::Warning;
  d.help_override = Text{"加上括号", "add brackets"};
  EXPECT_EQ(render({d}, sm_, Lang::En, true),
            "\x1b[1;33mwarning[E0205]\x1b[0m\x1b[1m: 且 and 或 are mixed without brackets\x1b[0m\n"
            " \x1b[1;34m-->\x1b[0m policies/dongchangfu.zc:8:1\n"
            "  \x1b[1;34m|\x1b[0m\n"
            "\x1b[1;34m8 |\x1b[0m 第1条\n"
            "  \x1b[1;34m|\x1b[0m \x1b[1;33m^^^^^\x1b[0m\n"
            "  \x1b[1;34m=\x1b[0m \x1b[1mhelp:\x1b[0m add brackets\n"
            "\n");
}

TEST_F(HumanRender, SecondaryLabelFarAwayIsSeparatedByDots) {
  Diagnostic d = make_diag(DiagCode::E0301, find(sm_, policy_, "市到位资金"),
                           {"市到位资金", " (did you mean `市级到位资金`?)"});
  d.article = "第2条";
  d.notes.push_back(Label{find(sm_, policy_, "「市级到位资金」"), Text{"相近的名称在此声明", "a similar name is declared here"}});
  EXPECT_EQ(render({d}, sm_, Lang::En),
            "error[E0301]: `市到位资金` is not declared\n"
            "  --> policies/dongchangfu.zc:12:19\n"
            "   |\n"
            " 7 | 事实「市级到位资金」：金额。\n"
            "   |     ---------------- a similar name is declared here\n"
            "...\n"
            "12 |   对「首次通过」的企业，区财政按「市到位资金」的20%给予补助。\n"
            "   |                                   ^^^^^^^^^^\n"
            "   = note: 第2条\n"
            "   = help: declare it with 事实「市到位资金」：类型。 or check the spelling (did you mean `市级到位资金`?)\n"
            "\n");
}

TEST(HumanRenderLabels, SameFileNearbyAndOtherFile) {
  SourceManager sm;
  const FileId a = sm.add("policies/a.zc", "事实「首次通过」：是否。\n事实「复审通过」：是否。\n事实「首次通过」：是否。\n");
  const FileId b = sm.add("policies/b.zc", "事实「首次通过」：金额。\n");
  Diagnostic d = make_diag(DiagCode::E0302, find(sm, a, "「首次通过」", 1), {"首次通过"});
  d.notes.push_back(Label{find(sm, a, "「首次通过」"), Text{"首次声明在此", "first declared here"}});
  d.notes.push_back(Label{find(sm, b, "「首次通过」"), Text{"另一处声明", "also declared here"}});
  EXPECT_EQ(render({d}, sm, Lang::Zh),
            "错误[E0302]: 「首次通过」重复声明\n"
            " --> policies/a.zc:3:3\n"
            "  |\n"
            "1 | 事实「首次通过」：是否。\n"
            "  |     ------------ 首次声明在此\n"
            "2 | 事实「复审通过」：是否。\n"
            "3 | 事实「首次通过」：是否。\n"
            "  |     ^^^^^^^^^^^^\n"
            "  |\n"
            " ::: policies/b.zc:1:3\n"
            "  |\n"
            "1 | 事实「首次通过」：金额。\n"
            "  |     ------------ 另一处声明\n"
            "  = 帮助: 换一个名称，或删除重复的声明\n"
            "\n");
}

TEST(HumanRenderLabels, TwoLabelsOnOneLineEachGetARow) {
  SourceManager sm;
  const FileId f = sm.add("t.zc", "给予大型企业10万元、中型企业5万元、小型企业。\n");
  Diagnostic d = make_diag(DiagCode::E0501, find(sm, f, "大型企业10万元、中型企业5万元、小型企业"), {"3", "2"});
  d.notes.push_back(Label{find(sm, f, "小型企业"), Text{"没有金额", "no amount"}});
  EXPECT_EQ(render({d}, sm, Lang::Zh),
            "错误[E0501]: “分别”两侧数目不等：3 个类别，2 个金额\n"
            " --> t.zc:1:3\n"
            "  |\n"
            "1 | 给予大型企业10万元、中型企业5万元、小型企业。\n"
            "  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
            "  |                                    -------- 没有金额\n"
            "  = 帮助: 让类别与金额一一对应\n"
            "\n");
}

TEST(HumanRenderLayout, TabsExpandAndMultiLineSpansRunToTheEndOfTheFirstLine) {
  SourceManager sm;
  const FileId f = sm.add("t.zc", "\t条件：「甲」或\n「乙」\t且「丙」。\n");
  const Span first = find(sm, f, "「甲」");
  const Span tail = find(sm, f, "「丙」");
  const Diagnostic d = make_diag(DiagCode::E0205, first.to(tail));
  Diagnostic second = make_diag(DiagCode::E0205, find(sm, f, "「乙」\t且「丙」"));
  EXPECT_EQ(render({d, second}, sm, Lang::Zh),
            "错误[E0205]: 「且」与「或」混用而未加括号\n"
            " --> t.zc:1:5\n"
            "  |\n"
            "1 |     条件：「甲」或\n"
            "  |           ^^^^^^^^\n"
            "  = 帮助: 用（）标明先后，如（甲或乙）且丙\n"
            "\n"
            "错误[E0205]: 「且」与「或」混用而未加括号\n"
            " --> t.zc:2:1\n"
            "  |\n"
            "2 | 「乙」  且「丙」。\n"
            "  | ^^^^^^^^^^^^^^^^\n"
            "  = 帮助: 用（）标明先后，如（甲或乙）且丙\n"
            "\n");
}

TEST(HumanRenderLayout, EmptySpansAndBadBytesGetOneCaret) {
  SourceManager sm;
  const FileId f = sm.add("bad.zc", "政策\xFF。\n第1条");
  const Diagnostic bad = make_diag(DiagCode::E0101, Span{f, 6, 7}, {"7"});
  const Diagnostic eof = make_diag(DiagCode::E0202, Span{f, 18, 18});
  EXPECT_EQ(render({bad, eof}, sm, Lang::En),
            "error[E0101]: file is not valid UTF-8 (byte 7)\n"
            " --> bad.zc:1:3\n"
            "  |\n"
            "1 | 政策\xEF\xBF\xBD。\n"
            "  |     ^\n"
            "  = help: re-save the file as UTF-8\n"
            "\n"
            "error[E0202]: statement is missing its closing 。\n"
            " --> bad.zc:2:4\n"
            "  |\n"
            "2 | 第1条\n"
            "  |      ^\n"
            "  = help: end the statement with 。\n"
            "\n");
}

TEST(HumanRenderLayout, ControlCharactersCannotReachTheTerminal) {
  SourceManager sm;
  const FileId f = sm.add("t.zc", "甲\x1b[2J乙\n");
  const Diagnostic d = make_diag(DiagCode::E0110, find(sm, f, "\x1b"), {"001B"});
  Diagnostic word = make_diag(DiagCode::E0102, find(sm, f, "乙"), {"\x1b[2J乙"});
  EXPECT_EQ(render({d, word}, sm, Lang::Zh),
            "错误[E0110]: 不允许的字符 U+001B\n"
            " --> t.zc:1:2\n"
            "  |\n"
            "1 | 甲\xE2\x90\x9B[2J乙\n"
            "  |   ^\n"
            "  = 帮助: 删除该字符（控制字符只允许换行和制表符）\n"
            "\n"
            "错误[E0102]: 无法识别「\xE2\x90\x9B[2J乙」\n"
            " --> t.zc:1:6\n"
            "  |\n"
            "1 | 甲\xE2\x90\x9B[2J乙\n"
            "  |       ^^\n"
            "  = 帮助: 名称须写在「」中（如「\xE2\x90\x9B[2J乙」）并先用“事实”等声明；关键字见 docs/language.md\n"
            "\n");
}

// A facts file written on one line: each diagnostic shows a window of about 120 columns around its
// key (40 code points before it), cut ends marked …, however long the line (a 25 MB line once printed under every problem).
// The column after the path still counts code points from the start of the line.
TEST(HumanRenderLayout, LongLinesShowAWindowAroundTheCaret) {
  SourceManager sm;
  std::string line = "{";
  for (int i = 0; i < 400; ++i) line += "\"未知" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  line += "\"末\": 0}";
  const FileId f = sm.add("a.json", line + "\n");
  const Diagnostic middle = make_diag(DiagCode::E0803, find(sm, f, "\"未知200\""), {"未知200", ""});
  const Diagnostic first = make_diag(DiagCode::E0803, find(sm, f, "\"未知0\""), {"未知0", ""});
  const Diagnostic last = make_diag(DiagCode::E0803, find(sm, f, "\"末\""), {"末", ""});
  EXPECT_EQ(render({middle, first, last}, sm, Lang::Zh),
            "错误[E0803]: 事实文件中的「未知200」未在政策中声明\n"
            " --> a.json:1:2582\n"
            "  |\n"
            "1 | …知197\": 197, \"未知198\": 198, \"未知199\": 199, \"未知200\": 200, \"未知201\": 201, \"未知202\": 202, \"未知203\": 203, \"未知204\"…\n"
            "  |                                                ^^^^^^^^^\n"
            "  = 帮助: 检查拼写\n"
            "\n"
            "错误[E0803]: 事实文件中的「未知0」未在政策中声明\n"
            " --> a.json:1:2\n"
            "  |\n"
            "1 | {\"未知0\": 0, \"未知1\": 1, \"未知2\": 2, \"未知3\": 3, \"未知4\": 4, \"未知5\": 5, \"未知6\": 6, \"未知7\": 7, \"未知8\": 8, \"未知9\": 9,…\n"
            "  |  ^^^^^^^\n"
            "  = 帮助: 检查拼写\n"
            "\n"
            "错误[E0803]: 事实文件中的「末」未在政策中声明\n"
            " --> a.json:1:5382\n"
            "  |\n"
            "1 | …知397\": 397, \"未知398\": 398, \"未知399\": 399, \"末\": 0}\n"
            "  |                                                ^^^^\n"
            "  = 帮助: 检查拼写\n"
            "\n");
}

TEST(HumanRenderLayout, NoSpanMeansNoSnippet) {
  SourceManager sm;
  const Diagnostic d = make_diag_nospan(DiagCode::E0805, {"第 3 行缺少 }"});
  EXPECT_EQ(render({d}, sm, Lang::Zh),
            "错误[E0805]: 事实文件不是有效的 JSON：第 3 行缺少 }\n"
            "  = 帮助: 事实文件应为一个对象，如 {\"「事实」\": \"10万元\"}\n"
            "\n");
}

TEST(HumanRenderLayout, NoteSeverityAndMultiLineHelp) {
  SourceManager sm;
  Diagnostic d = make_diag_nospan(DiagCode::E0804, {"研发补助"});
  d.severity = Severity::Note;
  d.help_override = Text{"检查金额\n或拆分规则", ""};
  EXPECT_EQ(render({d}, sm, Lang::Zh),
            "注[E0804]: 金额计算溢出（规则「研发补助」）\n"
            "  = 帮助: 检查金额\n"
            "          或拆分规则\n"
            "\n");
}

std::vector<Diagnostic> of_severities(std::initializer_list<Severity> list) {
  std::vector<Diagnostic> out;
  for (const Severity s : list) {
    Diagnostic d = make_diag_nospan(DiagCode::E0805);
    d.severity = s;
    out.push_back(d);
  }
  return out;
}

TEST(Summary, CountsErrorsAndWarningsInBothLanguages) {
  using S = Severity;
  EXPECT_EQ(diag_summary({}, Lang::Zh, false), "未发现问题");
  EXPECT_EQ(diag_summary({}, Lang::En, false), "no problems found");
  EXPECT_EQ(diag_summary(of_severities({S::Note}), Lang::En, false), "no problems found");
  EXPECT_EQ(diag_summary(of_severities({S::Error, S::Warning, S::Error}), Lang::Zh, false), "发现 2 个错误，1 个警告");
  EXPECT_EQ(diag_summary(of_severities({S::Error, S::Warning, S::Error}), Lang::En, false), "2 errors, 1 warning");
  EXPECT_EQ(diag_summary(of_severities({S::Error}), Lang::Zh, false), "发现 1 个错误");
  EXPECT_EQ(diag_summary(of_severities({S::Error}), Lang::En, false), "1 error");
  EXPECT_EQ(diag_summary(of_severities({S::Warning, S::Warning}), Lang::Zh, false), "发现 2 个警告");
  EXPECT_EQ(diag_summary(of_severities({S::Warning, S::Warning}), Lang::En, false), "2 warnings");
  EXPECT_EQ(diag_summary(of_severities({S::Error, S::Warning, S::Warning}), Lang::En, false), "1 error, 2 warnings");
  EXPECT_EQ(diag_summary(of_severities({S::Error}), Lang::En, true), "\x1b[1;31m1 error\x1b[0m");
  EXPECT_EQ(diag_summary(of_severities({S::Warning}), Lang::En, true), "\x1b[1;33m1 warning\x1b[0m");
  EXPECT_EQ(diag_summary({}, Lang::Zh, true), "\x1b[1;32m未发现问题\x1b[0m");
}

TEST_F(HumanRender, WholeRunWithSummary) {
  Diagnostic warning = make_diag(DiagCode::E0205, find(sm_, policy_, "「复审通过」"));
  warning.severity = Severity::Warning;
  const std::vector<Diagnostic> diags = {undeclared(), warning, make_diag_nospan(DiagCode::E0805, {"空文件"})};
  std::ostringstream out;
  render_diagnostics(diags, sm_, DiagFormat::Human, Lang::Zh, false, out);
  out << diag_summary(diags, Lang::Zh, false) << '\n';
  EXPECT_EQ(out.str(),
            "错误[E0301]: 「市到位资金」未声明\n"
            "  --> policies/dongchangfu.zc:12:19\n"
            "   |\n"
            "12 |   对「首次通过」的企业，区财政按「市到位资金」的20%给予补助。\n"
            "   |                                   ^^^^^^^^^^\n"
            "   = 条款: 第2条\n"
            "   = 帮助: 用「事实「市到位资金」：类型。」声明它，或检查拼写\n"
            "\n"
            "警告[E0205]: 「且」与「或」混用而未加括号\n"
            " --> policies/dongchangfu.zc:6:3\n"
            "  |\n"
            "6 | 事实「复审通过」：是否。\n"
            "  |     ^^^^^^^^^^^^\n"
            "  = 帮助: 用（）标明先后，如（甲或乙）且丙\n"
            "\n"
            "错误[E0805]: 事实文件不是有效的 JSON：空文件\n"
            "  = 帮助: 事实文件应为一个对象，如 {\"「事实」\": \"10万元\"}\n"
            "\n"
            "发现 2 个错误，1 个警告\n");
}

}  // namespace
}  // namespace zc
