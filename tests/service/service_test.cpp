// The language service without a protocol in between: pinyin from the Unihan data, the name
// matcher's ranking, editor positions in three encodings, and each query on small policies whose
// answers are checked whole. The LSP sessions (tests/lsp) check the same answers as JSON.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/fmt/fmt.h"
#include "service/match.h"
#include "service/pinyin.h"
#include "service/positions.h"
#include "service/service.h"

namespace zc::service {
namespace {

std::vector<std::string> readings(const char* utf8) {
  std::string s(utf8);
  size_t i = 0;
  char32_t cp = 0;
  std::vector<std::string> out;
  auto dec = [&]() {
    unsigned char b = static_cast<unsigned char>(s[0]);
    cp = b < 0x80 ? b : b < 0xE0 ? (b & 0x1F) : b < 0xF0 ? (b & 0x0F) : (b & 0x07);
    for (i = 1; i < s.size(); ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  };
  dec();
  for (uint16_t id : pinyin_ids(cp)) out.emplace_back(pinyin_syllable(id));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(Pinyin, ComesFromTheUnihanData) {
  EXPECT_GT(pinyin_table_size(), 40000u);  // every character with a Mandarin reading, not a hand-typed list
  EXPECT_EQ(readings("高"), std::vector<std::string>{"gao"});
  EXPECT_EQ(readings("企").front(), "qi");
  EXPECT_TRUE(readings("a").empty());
  EXPECT_TRUE(readings("「").empty());
}

TEST(Pinyin, PolyphonicCharactersKeepEveryReadingUsualFirst) {
  std::vector<std::string> xing = readings("行");
  EXPECT_EQ(xing.front(), "xing");
  EXPECT_TRUE(has(xing, "hang"));
  std::vector<std::string> zhong = readings("重");
  EXPECT_EQ(zhong.front(), "zhong");
  EXPECT_TRUE(has(zhong, "chong"));
  EXPECT_TRUE(has(readings("绿"), "lv"));  // ü as input methods type it
}

int score(const char* q, const char* name) {
  auto s = match_score(q, MatchTarget(name));
  return s ? *s : -100000;
}

TEST(Match, CharactersFullPinyinInitialsAndMixes) {
  for (const char* q : {"gqrd", "gaoqi", "gaoqirending", "高企", "高企认定", "gaoqrd", "高qrd", "GQRD", "buzhu"})
    EXPECT_GT(score(q, "高企认定补助"), -100000) << q;
  for (const char* q : {"xyz", "qg", "高企x", "补助高"}) EXPECT_EQ(score(q, "高企认定补助"), -100000) << q;
  EXPECT_GT(score("yinhang", "合作银行"), -100000);  // 行 read hang here
  EXPECT_GT(score("xingzheng", "行政审批"), -100000);  // and xing here
}

TEST(Match, RanksTheNameATypistMeansFirst) {
  // From the start and without gaps beats later or scattered matches.
  EXPECT_GT(score("gqrd", "高企认定补助"), score("gqrd", "首次通过高新技术企业认定"));
  EXPECT_GT(score("gq", "高企认定补助"), score("gq", "整体引进高企补助"));
  EXPECT_GT(score("rdbz", "认定补助"), score("rdbz", "高企认定补助"));
  // Whole syllables say more than initials; shorter names win ties.
  EXPECT_GT(score("gaoqi", "高企认定补助"), score("gaoqi", "高企认定补助与奖励"));
  EXPECT_GT(score("高企", "高企认定补助"), score("高企", "复审通过的高企"));
}

TEST(Positions, ThreeEncodingsAndEveryLineBreak) {
  const std::string text = "a𠮷b\r\n第二行\rc\nx";  // 𠮷 is 4 bytes, 2 UTF-16 units, 1 code point
  LineIndex li(text);
  EXPECT_EQ(li.line_count(), 4u);
  uint32_t b = static_cast<uint32_t>(text.find('b'));
  EXPECT_EQ(li.position(b, PositionEncoding::Utf16), (Position{0, 3}));
  EXPECT_EQ(li.position(b, PositionEncoding::Utf8), (Position{0, 5}));
  EXPECT_EQ(li.position(b, PositionEncoding::Utf32), (Position{0, 2}));
  EXPECT_EQ(li.offset({0, 3}, PositionEncoding::Utf16), b);
  EXPECT_EQ(li.offset({0, 2}, PositionEncoding::Utf16), 1u);   // inside the surrogate pair: the character's start
  EXPECT_EQ(li.offset({0, 99}, PositionEncoding::Utf16), b + 1);  // past the line's end: the end (before \r\n)
  EXPECT_EQ(li.offset({2, 0}, PositionEncoding::Utf16), text.find('c'));  // a lone \r ends a line
  EXPECT_EQ(li.offset({3, 1}, PositionEncoding::Utf16), text.size());
  EXPECT_FALSE(li.offset({4, 0}, PositionEncoding::Utf16));
  LineIndex bad("\xff" "a");
  EXPECT_EQ(bad.position(1, PositionEncoding::Utf16), (Position{0, 1}));  // an invalid byte is one unit
}

const char* const kPolicy =
    "政策“测试”。\n"
    "发文机关“某区”。\n"
    "发文日期：2024年2月21日。\n"
    "出资方「区财政」：本级，默认。\n"
    "事实「首次认定」、「复审通过」：是否，默认否。\n"
    "事实「研发投入」：金额，默认0元。\n"
    "事实「平台级别」：选项（国家级、省级）。\n"
    "第一章“培育企业”。\n"
    "第1条“高企”。\n"
    "# 认定与复审\n"
    "# 各一档\n"
    "规则「高企认定补助」：\n"
    "  对「首次认定」的企业，给予10万元补助；\n"
    "  对复审通过的企业，给予5万元补助。\n"
    "说明：“与「高企认定补助」同一事项”。\n"
    "规则「平台奖励」：对「平台级别」为国家级、省级的，分别给予100万元、50万元奖励。\n"
    "规则「研发奖励」：对「研发投入」50万元以上的企业，给予1万元补助。\n";

struct Doc {
  LanguageService svc;
  std::string uri = "file:///t.zc";
  explicit Doc(const std::string& text) { svc.open(uri, text, 1); }
  std::string text() { return svc.text(uri); }
  // Applies edits (as an editor would, last first) to the current text.
  std::string applied(std::vector<TextEdit> edits) {
    const std::string original = text();
    const LineIndex li(original);  // positions are of the text before any edit (edits are applied last first)
    std::string t = original;
    std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
      return a.range.start.line != b.range.start.line ? a.range.start.line > b.range.start.line
                                                      : a.range.start.character > b.range.start.character;
    });
    for (const TextEdit& e : edits) {
      uint32_t s = *li.offset(e.range.start, PositionEncoding::Utf16), en = *li.offset(e.range.end, PositionEncoding::Utf16);
      t.replace(s, en - s, e.new_text);
    }
    return t;
  }
  std::vector<std::string> codes() {
    std::vector<std::string> out;
    for (const Problem& p : svc.diagnostics(uri)) out.push_back(p.code);
    return out;
  }
};

Position at(const std::string& text, const std::string& needle, size_t extra = 0) {
  LineIndex li(text);
  return li.position(static_cast<uint32_t>(text.find(needle) + extra), PositionEncoding::Utf16);
}

TEST(Service, CleanPolicyHasNoDiagnostics) {
  Doc d(kPolicy);
  EXPECT_TRUE(d.codes().empty());
}

TEST(Service, DefinitionAndReferencesCoverBareUsesAndNotes) {
  Doc d(kPolicy);
  std::string t = d.text();
  auto defs = d.svc.definition(d.uri, at(t, "复审通过的企业"));
  ASSERT_EQ(defs.size(), 1u);
  EXPECT_EQ(defs[0].start, at(t, "复审通过」"));
  // The declaration, the bare use; 「高企认定补助」 also in the 说明 that names it.
  EXPECT_EQ(d.svc.references(d.uri, at(t, "复审通过的企业"), true).size(), 2u);
  EXPECT_EQ(d.svc.references(d.uri, at(t, "高企认定补助」："), true).size(), 2u);
  EXPECT_EQ(d.svc.references(d.uri, at(t, "高企认定补助」："), false).size(), 1u);
}

TEST(Service, RenameKeepsBracketsBareUsesAndNotes) {
  Doc d(kPolicy);
  std::string renamed = d.applied(d.svc.rename(d.uri, at(d.text(), "复审通过」"), "复审通过认定"));
  EXPECT_NE(renamed.find("「复审通过认定」：是否"), std::string::npos);
  EXPECT_NE(renamed.find("对复审通过认定的企业"), std::string::npos);  // bare stays bare
  std::string rule = d.applied(d.svc.rename(d.uri, at(d.text(), "高企认定补助」："), "高企补助"));
  EXPECT_NE(rule.find("说明：“与「高企补助」同一事项”"), std::string::npos);
  // A name spelt like a keyword would read as the keyword where it is bare: those uses get 「」.
  std::string kw = d.applied(d.svc.rename(d.uri, at(d.text(), "复审通过」"), "企业"));
  EXPECT_NE(kw.find("对「企业」的企业"), std::string::npos);
  d.svc.change(d.uri, {Change{std::nullopt, kw}}, 2);
  EXPECT_TRUE(d.codes().empty());
  EXPECT_THROW(d.svc.rename(d.uri, at(kw, "研发投入"), "首次认定"), Error);  // already declared
  EXPECT_THROW(d.svc.rename(d.uri, at(kw, "研发投入"), "甲」"), Error);
}

TEST(Service, ChangesApplyInOrderAndBadRangesLeaveTheDocument) {
  Doc d("甲乙丙\n丁");
  d.svc.change(d.uri, {Change{Range{{0, 1}, {0, 2}}, "Z"}, Change{Range{{1, 0}, {1, 0}}, "子"}}, 2);
  EXPECT_EQ(d.text(), "甲Z丙\n子丁");
  EXPECT_THROW(d.svc.change(d.uri, {Change{Range{{0, 0}, {0, 1}}, "x"}, Change{Range{{5, 0}, {5, 0}}, "y"}}, 3), Error);
  EXPECT_EQ(d.text(), "甲Z丙\n子丁");
  EXPECT_EQ(d.svc.version(d.uri), 2);
  EXPECT_THROW(d.svc.hover("file:///other.zc", {0, 0}), Error);
}

TEST(Service, FormatGivesTheFmtLayout) {
  std::string messy = std::string(kPolicy) + "规则「乙」：对「研发投入」50万元以上的企业，   给予1万元补助。\n";
  Doc d(messy);
  SourceManager sm;
  DiagSink sink;
  formatter::Result r = formatter::format_file(sm, sm.add("x.zc", messy), sink);
  ASSERT_EQ(r.status, formatter::Result::Status::Ok);
  EXPECT_EQ(d.applied(d.svc.format(d.uri)), r.text);
  d.svc.change(d.uri, {Change{std::nullopt, r.text}}, 2);
  EXPECT_TRUE(d.svc.format(d.uri).empty());
  d.svc.change(d.uri, {Change{std::nullopt, "规则「甲」：对。"}}, 3);
  EXPECT_THROW(d.svc.format(d.uri), Error);
}

std::vector<std::string> titles(Doc& d, const std::string& needle) {
  Position p = at(d.text(), needle);
  std::vector<std::string> out;
  for (const CodeAction& a : d.svc.code_actions(d.uri, Range{p, p})) out.push_back(a.title);
  return out;
}

TEST(Service, QuickFixes) {
  // E0517: the four words that say whether the number is included.
  Doc bound(std::string(kPolicy) + "规则「乙」：对「研发投入」50万元的企业，给予1万元补助。\n");
  EXPECT_EQ(titles(bound, "50万元的"), (std::vector<std::string>{"写作“50万元以上”（含本数）", "写作“超过50万元”（不含本数）",
                                                                   "写作“50万元以下”（含本数）", "写作“不满50万元”（不含本数）"}));
  // W0601: the unit the help line suggests.
  Doc slip(std::string(kPolicy) + "规则「乙」：对「首次认定」的企业，给予10万元补助。\n规则「丙」：对「首次认定」的企业，给予5万元补助。\n"
                                  "规则「丁」：对「首次认定」的企业，给予3元补助。\n");
  EXPECT_EQ(titles(slip, "3元"), std::vector<std::string>{"改为「3万元」"});
  // E0301: a declaration with the type the use implies, after the last fact.
  auto declared = [](const std::string& cond, const std::string& name) {
    Doc doc(std::string(kPolicy) + "规则「乙」：对" + cond + "的企业，给予1万元补助。\n");
    return titles(doc, name);
  };
  EXPECT_EQ(declared("「年度营收」2000万元以上", "年度营收"), std::vector<std::string>{"声明：事实「年度营收」：金额。"});
  EXPECT_EQ(declared("「专利数」3项以上", "专利数"), std::vector<std::string>{"声明：事实「专利数」：数量（项）。"});
  EXPECT_EQ(declared("「认定级别」为「甲级」、「乙级」", "认定级别"),
            std::vector<std::string>{"声明：事实「认定级别」：选项（「甲级」、「乙级」）。"});
  EXPECT_EQ(declared("「比率」不低于20%", "比率"), std::vector<std::string>{"声明：事实「比率」：比例。"});
  EXPECT_EQ(declared("「入库」", "入库"), std::vector<std::string>{"声明：事实「入库」：是否。"});
  Doc undeclared(std::string(kPolicy) + "规则「乙」：对「年度营收」2000万元以上的企业，给予1万元补助。\n");
  Position p = at(undeclared.text(), "年度营收");
  std::string fixed = undeclared.applied(undeclared.svc.code_actions(undeclared.uri, Range{p, p})[0].edits);
  EXPECT_NE(fixed.find("事实「平台级别」：选项（国家级、省级）。\n事实「年度营收」：金额。\n第一章"), std::string::npos);
  // An undeclared payer: declared as a payer.
  Doc payer(std::string(kPolicy) + "规则「乙」：「市财政」对「首次认定」的企业，给予1万元补助。\n");
  EXPECT_EQ(titles(payer, "市财政"), std::vector<std::string>{"声明：出资方「市财政」：本级。"});
  // E0201 from an option spelt like a keyword: the option in 「」, where declared and where used.
  Doc keyword("政策“测试”。\n发文机关“某区”。\n发文日期：2024年2月21日。\n出资方「区财政」：本级，默认。\n"
              "事实「级别」：选项（国家级、其他）。\n规则「甲」：对「级别」为其他的企业，给予1万元补助。\n");
  EXPECT_EQ(titles(keyword, "其他）"), std::vector<std::string>{"把选项「其他」写在「」中（与关键字同形的词不加「」时按关键字读）"});
  std::string once = keyword.applied(keyword.svc.code_actions(keyword.uri, Range{at(keyword.text(), "其他）"), at(keyword.text(), "其他）")})[0].edits);
  keyword.svc.change(keyword.uri, {Change{std::nullopt, once}}, 2);
  Position use = at(once, "其他的");  // the caret is on the keyword-spelt option itself
  std::string twice = keyword.applied(keyword.svc.code_actions(keyword.uri, Range{use, use})[0].edits);
  keyword.svc.change(keyword.uri, {Change{std::nullopt, twice}}, 3);
  EXPECT_TRUE(keyword.codes().empty()) << twice;
}

std::vector<std::string> labels(Doc& d, Position p) {
  std::vector<std::string> out;
  for (const CompletionItem& it : d.svc.complete(d.uri, p).items) out.push_back(it.label);
  return out;
}

TEST(Service, CompletionByPinyinCharactersAndContext) {
  Doc d(std::string(kPolicy) + "不重复「甲」：gqrd\n");
  std::string t = d.text();
  Position end_of_query = at(t, "gqrd", 4);
  CompletionItem first = d.svc.complete(d.uri, end_of_query).items.at(0);
  EXPECT_EQ(first.label, "「高企认定补助」");
  EXPECT_EQ(first.edit.new_text, "「高企认定补助」");
  EXPECT_EQ(first.edit.range.start, at(t, "gqrd"));
  EXPECT_EQ(first.filter_text, "gqrd");
  // Inside 「: the name and its 」.
  d.svc.change(d.uri, {Change{std::nullopt, std::string(kPolicy) + "不重复「甲」：「高企"}}, 2);
  CompletionItem in = d.svc.complete(d.uri, at(d.text(), "「高企", std::string("「高企").size())).items.at(0);
  EXPECT_EQ(in.edit.new_text, "高企认定补助」");
  // Han characters typed after a keyword: the tail that names something is the query (对 is not).
  d.svc.change(d.uri, {Change{std::nullopt, std::string(kPolicy) + "规则「乙」：对研发"}}, 3);
  EXPECT_EQ(labels(d, at(d.text(), "对研发", std::string("对研发").size())).at(0), "「研发投入」");
  // After 「平台级别」为, the options of that fact come first.
  d.svc.change(d.uri, {Change{std::nullopt, std::string(kPolicy) + "规则「乙」：对「平台级别」为"}}, 4);
  std::vector<std::string> opts = labels(d, at(d.text(), "」为", std::string("」为").size()));
  ASSERT_GE(opts.size(), 2u);
  EXPECT_EQ(std::vector<std::string>(opts.begin(), opts.begin() + 2), (std::vector<std::string>{"「国家级」", "「省级」"}));
  // Keywords by pinyin, snippets by their trigger word; nothing in a comment.
  d.svc.change(d.uri, {Change{std::nullopt, std::string(kPolicy) + "gy\nguize\n# gqrd"}}, 5);
  EXPECT_TRUE(has(labels(d, at(d.text(), "gy", 2)), "给予"));
  std::vector<std::string> rules = labels(d, at(d.text(), "guize", 5));
  EXPECT_TRUE(has(rules, "规则「……」：对……的企业，给予……。"));
  EXPECT_TRUE(labels(d, at(d.text(), "# gqrd", 6)).empty());
}

// At a statement's start nothing comes before the query: the context reads no byte before the
// statement (fuzz_lsp found a read past the text's start after 」。 with no 「 before it).
TEST(Service, CompletionAtAStatementStartAfterABracket) {
  for (const char* text : {"」。", "」。\n", "为」。", "、」。"}) {
    Doc d(text);
    std::string t = d.text();
    std::vector<std::string> got = labels(d, at(t, "。", std::string("。").size()));
    EXPECT_TRUE(has(got, "规则「……」：对……的企业，给予……。")) << text;
  }
}

TEST(Service, HoverExplainsNamesWordsAndAmounts) {
  Doc d(std::string(kPolicy) + "规则「乙」：对「研发投入」超过50万元的企业，按「研发投入」的20%给予补助。\n");
  std::string t = d.text();
  auto md = [&](const std::string& needle, size_t extra = 0) {
    auto h = d.svc.hover(d.uri, at(t, needle, extra));
    return h ? h->markdown : std::string("<none>");
  };
  EXPECT_EQ(md("研发投入」："), "**事实「研发投入」**\n\n- 类型：金额，以元计\n- 默认：0元\n\n使用 3 处");
  EXPECT_EQ(md("超过"), "**超过**：大于，不包括本数\n\n民法典第一千二百五十九条：“以上”“以下”“以内”包括本数，“不满”“超过”不包括本数；"
                        "其余界限用语按字面取同样的含义（docs/language.md §3）。");
  EXPECT_EQ(md("50万元"), "**50万元** = 500000元\n\n金额，以元计，精确值（万元 = 10⁴ 元，亿元 = 10⁸ 元）");
  EXPECT_EQ(md("20%"), "**20%** = 0.2 = 1/5\n\n比例（基数的几分之几）");
  EXPECT_EQ(md("国家级、省级）"), "**选项「国家级」**\n\n选项，属于「平台级别」\n\n使用 1 处");
  EXPECT_EQ(md("区财政"), "**出资方「区财政」**\n\n- 本级：本政策自己的资金，计入合计\n- 默认出资方：未写出资方的给付由它支付\n\n使用 0 处");
}

TEST(Service, OutlineNestsChaptersArticlesRules) {
  Doc d(kPolicy);
  std::vector<DocumentSymbol> top = d.svc.symbols(d.uri);
  std::vector<std::string> names;
  for (const DocumentSymbol& s : top) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"政策“测试”", "「区财政」", "「首次认定」", "「复审通过」", "「研发投入」", "「平台级别」", "第一章"}));
  ASSERT_EQ(top.back().children.size(), 1u);
  const DocumentSymbol& article = top.back().children[0];
  EXPECT_EQ(article.name, "第1条");
  ASSERT_EQ(article.children.size(), 3u);
  EXPECT_EQ(article.children[0].name, "「高企认定补助」");
  EXPECT_EQ(article.children[0].range.start.line, 11u);
  EXPECT_EQ(article.children[0].range.end.line, 13u);
  std::vector<FoldingRange> folds = d.svc.folding(d.uri);
  auto has_fold = [&](uint32_t a, uint32_t b, bool comment) {
    return std::any_of(folds.begin(), folds.end(), [&](const FoldingRange& f) { return f.start_line == a && f.end_line == b && f.comment == comment; });
  };
  EXPECT_TRUE(has_fold(7, 16, false));   // the chapter
  EXPECT_TRUE(has_fold(9, 10, true));    // two comment lines
  EXPECT_TRUE(has_fold(11, 13, false));  // the rule over three lines
}

TEST(Service, SemanticTokensClassifyNames) {
  Doc d(kPolicy);
  std::string t = d.text();
  std::vector<SemanticToken> toks = d.svc.semantic_tokens(d.uri);
  auto type_at = [&](const std::string& needle) {
    Position p = at(t, needle);
    for (const SemanticToken& s : toks)
      if (s.line == p.line && s.start == p.character) return static_cast<int>(s.type);
    return -1;
  };
  EXPECT_EQ(type_at("规则「高企"), static_cast<int>(TokenType::Keyword));
  EXPECT_EQ(type_at("「高企认定补助」："), static_cast<int>(TokenType::Function));
  EXPECT_EQ(type_at("复审通过的"), static_cast<int>(TokenType::Variable));  // a bare use
  EXPECT_EQ(type_at("国家级、省级的"), static_cast<int>(TokenType::EnumMember));
  EXPECT_EQ(type_at("# 认定"), static_cast<int>(TokenType::Comment));
  EXPECT_EQ(type_at("10万元"), static_cast<int>(TokenType::Number));
}

}  // namespace
}  // namespace zc::service
