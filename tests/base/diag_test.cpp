// The diagnostic table and its invariants, message templates, make_diag, DiagSink (counting and
// --deny-warnings) and ZC_ASSERT's bug report.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "base/assert.h"
#include "base/diag.h"

namespace zc {
namespace {

TEST(FormatTemplate, SubstitutesNumberedArguments) {
  EXPECT_EQ(format_template("「{0}」未声明", {"市到位资金"}), "「市到位资金」未声明");
  EXPECT_EQ(format_template("{1}与{0}，再{1}", {"甲", "乙"}), "乙与甲，再乙");
  EXPECT_EQ(format_template("no placeholders", {"x"}), "no placeholders");
  EXPECT_EQ(format_template("", {}), "");
  std::vector<std::string> many(13, "-");
  many[12] = "十二";
  EXPECT_EQ(format_template("<{12}>", many), "<十二>");
}

TEST(FormatTemplate, MissingArgumentsBecomeEmpty) {
  EXPECT_EQ(format_template("检查拼写{1}", {"甲"}), "检查拼写");
  EXPECT_EQ(format_template("{0}{1}{2}", {}), "");
}

TEST(FormatTemplate, OtherBracesAreLiteral) {
  EXPECT_EQ(format_template("{\"「事实」\": \"10万元\"}", {"x"}), "{\"「事实」\": \"10万元\"}");
  EXPECT_EQ(format_template("{} {x} {0 {-1} {0", {"A"}), "{} {x} {0 {-1} {0");
  EXPECT_EQ(format_template("{{0}}", {"A"}), "{A}");
}

TEST(DiagTable, Lookup) {
  const DiagInfo& info = diag_info(DiagCode::E0301);
  EXPECT_STREQ(info.id, "E0301");
  EXPECT_EQ(info.severity, Severity::Error);
  EXPECT_STREQ(info.slug, "undeclared-name");
  EXPECT_EQ(find_diag_code("E0301"), DiagCode::E0301);
  EXPECT_EQ(find_diag_code("e0101"), DiagCode::E0101);
  EXPECT_EQ(find_diag_code("E9999"), std::nullopt);
  EXPECT_EQ(find_diag_code("E030"), std::nullopt);
  EXPECT_EQ(find_diag_code(""), std::nullopt);
}

std::set<int> placeholders(std::string_view s) {
  std::set<int> out;
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] == '{' && std::isdigit(static_cast<unsigned char>(s[i + 1])) && s[i + 2] == '}') out.insert(s[i + 1] - '0');
  }
  return out;
}

// Rules every entry of diag_codes.def must follow; this test names the offending code.
TEST(DiagTable, EveryEntryIsWellFormed) {
  std::set<std::string> ids, slugs;
  std::string previous;
  for (size_t i = 0; i < static_cast<size_t>(DiagCode::kCount); ++i) {
    const DiagInfo& d = diag_info(static_cast<DiagCode>(i));
    const std::string id = d.id;
    SCOPED_TRACE(id);
    ASSERT_EQ(id.size(), 5u);
    for (size_t k = 1; k < id.size(); ++k) EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(id[k])));
    if (!previous.empty()) {
      EXPECT_LT(previous.substr(1), id.substr(1)) << "codes must be in increasing order";
    }
    previous = id;
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id";
    EXPECT_TRUE(slugs.insert(d.slug).second) << "duplicate slug " << d.slug;
    for (const char c : std::string_view(d.slug)) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    for (const char* text : {d.zh, d.en, d.help_zh, d.help_en}) EXPECT_NE(std::string_view(text), "");
    EXPECT_FALSE(std::string_view(d.zh).ends_with("。")) << "messages end without 。";
    EXPECT_FALSE(std::string_view(d.en).ends_with(".")) << "messages end without a period";
    EXPECT_EQ(placeholders(d.zh), placeholders(d.en)) << "zh and en messages use different arguments";
    EXPECT_EQ(placeholders(d.help_zh), placeholders(d.help_en)) << "zh and en help use different arguments";
  }
}

TEST(Diag, MessageAndHelpInBothLanguages) {
  const Diagnostic d = make_diag(DiagCode::E0301, Span{0, 3, 18}, {"市到位资金"});
  EXPECT_EQ(diag_message(d, Lang::Zh), "「市到位资金」未声明");
  EXPECT_EQ(diag_message(d, Lang::En), "`市到位资金` is not declared");
  EXPECT_EQ(diag_help(d, Lang::Zh), "用「事实「市到位资金」：类型。」声明它，或检查拼写");
  EXPECT_EQ(diag_help(d, Lang::En), "declare it with 事实「市到位资金」：类型。 or check the spelling");

  const Diagnostic with_hint = make_diag(DiagCode::E0301, Span{}, {"市到位资金", "（是否想写「市级到位资金」？）"});
  EXPECT_EQ(diag_help(with_hint, Lang::Zh), "用「事实「市到位资金」：类型。」声明它，或检查拼写（是否想写「市级到位资金」？）");
}

TEST(Diag, HelpOverrideReplacesTheTableHelp) {
  Diagnostic d = make_diag(DiagCode::E0201, Span{}, {"，", "「。」"});
  EXPECT_EQ(diag_help(d, Lang::Zh), "此处应为：「。」");
  d.help_override = Text{"把「=」改为「为」", "write 为 instead of ="};
  EXPECT_EQ(diag_help(d, Lang::Zh), "把「=」改为「为」");
  EXPECT_EQ(diag_help(d, Lang::En), "write 为 instead of =");
  d.help_override = Text{"只有中文", ""};
  EXPECT_EQ(diag_help(d, Lang::En), "只有中文");
  d.help_override = Text{"", "English only"};
  EXPECT_EQ(diag_help(d, Lang::Zh), "English only");
}

TEST(Diag, LiteralBracesInHelpSurvive) {
  const Diagnostic d = make_diag_nospan(DiagCode::E0805, {"第 3 行缺少 }"});
  EXPECT_EQ(diag_message(d, Lang::Zh), "事实文件不是有效的 JSON：第 3 行缺少 }");
  EXPECT_EQ(diag_help(d, Lang::Zh), "事实文件应为一个对象，如 {\"「事实」\": \"10万元\"}");
  EXPECT_EQ(diag_help(d, Lang::En), "a facts file is one object, e.g. {\"事实\": \"10万元\"}");
}

TEST(Diag, MakeDiagTakesSeverityFromTheTable) {
  const Diagnostic d = make_diag(DiagCode::E0501, Span{1, 5, 9}, {"3", "2"});
  EXPECT_EQ(d.code, DiagCode::E0501);
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_TRUE(d.has_span);
  EXPECT_EQ(d.span, (Span{1, 5, 9}));
  EXPECT_EQ(d.args, (std::vector<std::string>{"3", "2"}));
  EXPECT_TRUE(d.notes.empty());
  EXPECT_EQ(d.article, "");

  const Diagnostic n = make_diag_nospan(DiagCode::E0805);
  EXPECT_FALSE(n.has_span);
  EXPECT_EQ(n.severity, Severity::Error);
  EXPECT_TRUE(n.args.empty());
}

Diagnostic with_severity(Severity s) {
  Diagnostic d = make_diag_nospan(DiagCode::E0805);
  d.severity = s;
  return d;
}

TEST(DiagSink, CountsBySeverity) {
  DiagSink sink;
  sink.report(with_severity(Severity::Error));
  sink.report(with_severity(Severity::Warning));
  sink.report(with_severity(Severity::Note));
  Diagnostic& last = sink.report(with_severity(Severity::Warning));
  last.article = "第1条";
  EXPECT_EQ(sink.all().size(), 4u);
  EXPECT_EQ(sink.all().back().article, "第1条");
  EXPECT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(sink.warning_count(), 2u);
  sink.clear();
  EXPECT_EQ(sink.all().size(), 0u);
  EXPECT_EQ(sink.error_count(), 0u);
}

TEST(DiagSink, DenyWarningsTurnsPastAndFutureWarningsIntoErrors) {
  DiagSink sink;
  sink.report(with_severity(Severity::Warning));
  sink.report(with_severity(Severity::Note));
  sink.deny_warnings();
  EXPECT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(sink.warning_count(), 0u);
  sink.report(with_severity(Severity::Warning));
  EXPECT_EQ(sink.error_count(), 2u);
  EXPECT_EQ(sink.warning_count(), 0u);
  EXPECT_EQ(sink.all()[1].severity, Severity::Note);  // notes stay notes
}

TEST(AssertDeathTest, BrokenInvariantPrintsABugReportAndAborts) {
  EXPECT_DEATH(ZC_ASSERT(1 + 1 == 3, "arithmetic is broken"),
               "^内部错误 \\(internal compiler error\\): arithmetic is broken at .*diag_test\\.cpp:[0-9]+ — please report "
               "this bug\n  failed check: 1 \\+ 1 == 3\n$");
}

TEST(Assert, HoldingInvariantDoesNothing) {
  int evaluated = 0;
  ZC_ASSERT(++evaluated == 1, "evaluated once");
  EXPECT_EQ(evaluated, 1);
}

}  // namespace
}  // namespace zc
