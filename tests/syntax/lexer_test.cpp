// Lexer tests: each input's whole token stream (symbolic names and text) is compared, so a wrong
// split anywhere fails the test.
#include <gtest/gtest.h>

#include "compiler/syntax/lexer.h"

namespace zc::syntax {
namespace {

struct Lexed {
  std::string tokens;
  std::vector<Diagnostic> diags;
  LexResult result;
};

Lexed run(const std::string& text) {
  SourceManager sm;
  FileId id = sm.add("t.zc", text);
  DiagSink sink;
  Lexed out;
  out.result = lex(sm.file(id), id, sink);
  for (const Token& t : out.result.tokens) {
    if (!out.tokens.empty()) out.tokens += " ";
    out.tokens += token_name(t.type) + "(" + text.substr(t.begin, t.end - t.begin) + ")";
  }
  out.diags = sink.all();
  return out;
}

TEST(Lexer, ClauseWithBracketedNameAndAmount) {
  EXPECT_EQ(run("对「首次通过认定」的企业，给予10万元补助。").tokens,
            "FOR(对) NAME(「首次通过认定」) OF(的) SUBJECT(企业) COMMA(，) GIVE(给予) NUMBER(10) MONEY_UNIT(万元) NOUN(补助) PERIOD(。)");
}

TEST(Lexer, DeclaredNameMayBeWrittenBareAndBeatsShorterKeyword) {
  // 企业规模 is declared once in 「」; bare, it wins over the keyword 企业 by being longer.
  EXPECT_EQ(run("事实「企业规模」。企业规模 企业").tokens,
            "FACT(事实) NAME(「企业规模」) PERIOD(。) NAME(企业规模) SUBJECT(企业)");
}

TEST(Lexer, OnlyDeclaredNamesMayBeWrittenBare) {
  // A rule's name is not a declaration: the same words in a clause stay keywords.
  EXPECT_EQ(run("规则「保费补贴」：给予保费补贴。").tokens,
            "RULE(规则) NAME(「保费补贴」) COLON(：) GIVE(给予) NOUN(保费) NOUN(补贴) PERIOD(。)");
}

TEST(Lexer, OptionsMayBeDeclaredWithoutBrackets) {
  // As drafters write them: each item of 选项（…） is a name, bare there and wherever it is used;
  // items already in 「」 and nested （） inside an item are kept whole.
  Lexed decl = run("事实「级别」：选项（国家级、省级（含计划单列市）、「无」）。「级别」为省级（含计划单列市）");
  EXPECT_EQ(decl.tokens,
            "FACT(事实) NAME(「级别」) COLON(：) TYPE(选项) LPAREN(（) NAME(国家级) ENUM_SEP(、) NAME(省级（含计划单列市）) "
            "ENUM_SEP(、) NAME(「无」) RPAREN(）) PERIOD(。) NAME(「级别」) IS(为) NAME(省级（含计划单列市）)");
  EXPECT_TRUE(decl.diags.empty());
  // Outside a declaration, 选项（…） declares nothing: the words stay unknown (E0102).
  Lexed rule = run("规则「甲」：选项（国家级）。国家级");
  ASSERT_EQ(rule.diags.size(), 2u);
  EXPECT_EQ(rule.diags[0].code, DiagCode::E0102);
}

TEST(Lexer, KeywordWinsATieWithAName) {
  EXPECT_EQ(run("事实「企业」。企业").tokens, "FACT(事实) NAME(「企业」) PERIOD(。) SUBJECT(企业)");
}

TEST(Lexer, FullWidthDigitsAndChineseNumerals) {
  EXPECT_EQ(run("每１家 十万元 百分之五十 千分之一点五 一次性 二〇二四").tokens,
            "EACH(每) NUMBER(１) UNIT(家) NUMBER(十万) MONEY_UNIT(元) PCT_PREFIX(百分之) NUMBER(五十) "
            "PML_PREFIX(千分之) NUMBER(一点五) SCOPE(一次性) NUMBER(二〇二四)");
}

TEST(Lexer, RatesRangesAndRatios) {
  EXPECT_EQ(run("1.5‰ 20％ 100-500万元 20-30（含）万元 1∶1 1:1").tokens,
            "NUMBER(1.5) PERMILLE(‰) NUMBER(20) PERCENT(％) NUMBER(100) DASH(-) NUMBER(500) MONEY_UNIT(万元) "
            "NUMBER(20) DASH(-) NUMBER(30) LPAREN(（) INCL(含) RPAREN(）) MONEY_UNIT(万元) "
            "NUMBER(1) COLON(∶) NUMBER(1) NUMBER(1) COLON(:) NUMBER(1)");
}

TEST(Lexer, DatesAndYears) {
  EXPECT_EQ(run("2024年2月21日 到2025年").tokens, "DATE(2024年2月21日) TO(到) NUMBER(2025) YEAR(年)");
}

TEST(Lexer, StringsNestAndCaseByCaseIsAKeyword) {
  EXPECT_EQ(run("“用好“柔性引人”机制” 按照“一事一议”的方式").tokens,
            "STRING(“用好“柔性引人”机制”) BY(按照) CASE(“一事一议”) OF(的) WAY(方式)");
}

TEST(Lexer, CommentsAreHiddenAndIdeographicSpaceIsWhitespace) {
  Lexed l = run("给予　10万元 # 注释\n补助");
  EXPECT_EQ(l.tokens, "GIVE(给予) NUMBER(10) MONEY_UNIT(万元) COMMENT(# 注释) NOUN(补助)");
  ASSERT_EQ(l.result.tokens.size(), 5u);
  EXPECT_TRUE(l.result.tokens[3].hidden);
  EXPECT_FALSE(l.result.tokens[4].hidden);
}

TEST(Lexer, InvalidUtf8IsOneFatalDiagnosticWithTheOffset) {
  Lexed l = run("对「甲」\xE4\xBD的");
  EXPECT_TRUE(l.result.fatal);
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].code, DiagCode::E0101);
  EXPECT_EQ(l.diags[0].args, std::vector<std::string>{"12"});
  EXPECT_EQ(l.diags[0].span.begin, 12u);
}

TEST(Lexer, UnknownTextIsOneDiagnosticAndAFlaggedName) {
  Lexed l = run("对首次通过认定的企业");
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].code, DiagCode::E0102);
  EXPECT_EQ(l.diags[0].args, std::vector<std::string>{"首次通过认定"});
  EXPECT_EQ(l.tokens, "FOR(对) NAME(首次通过认定) OF(的) SUBJECT(企业)");
  EXPECT_EQ(l.result.unknown.count(3), 1u);
}

TEST(Lexer, AsciiFullStopGetsItsOwnHelpAndActsAsTheFullStop) {
  Lexed l = run("给予10万元补助.");
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].code, DiagCode::E0102);
  EXPECT_EQ(l.diags[0].help_override.zh, "句末请用中文句号「。」");
  EXPECT_EQ(l.tokens, "GIVE(给予) NUMBER(10) MONEY_UNIT(万元) NOUN(补助) PERIOD(.)");
}

TEST(Lexer, AForgottenFullStopBeforeAStatementLineIsSupplied) {
  Lexed l = run("事实「甲」：是否\n规则「乙」：给予1万元。");
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].code, DiagCode::E0202);
  EXPECT_EQ(l.tokens, "FACT(事实) NAME(「甲」) COLON(：) TYPE(是否) PERIOD() RULE(规则) NAME(「乙」) COLON(：) GIVE(给予) NUMBER(1) MONEY_UNIT(万元) PERIOD(。)");
}

TEST(Lexer, UnterminatedNameAndString) {
  Lexed a = run("对「首次通过\n给予");
  ASSERT_EQ(a.diags.size(), 1u);
  EXPECT_EQ(a.diags[0].code, DiagCode::E0103);
  Lexed b = run("说明“没有结尾");
  ASSERT_EQ(b.diags.size(), 1u);
  EXPECT_EQ(b.diags[0].code, DiagCode::E0104);
}

TEST(Lexer, ControlCharacterIsRefused) {
  Lexed l = run("给予\x01");
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].code, DiagCode::E0110);
  EXPECT_EQ(l.diags[0].args, std::vector<std::string>{"0001"});
}

TEST(Lexer, NumberTooLargeIsReported) {
  Lexed l = run("1234567890123456789012345元");
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].code, DiagCode::E0108);
}

}  // namespace
}  // namespace zc::syntax
