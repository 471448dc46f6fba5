// Parser driver and AST builder (see parse.h). Each build_* function handles one grammar rule, named
// above it. The builder records what was written; it does not resolve names or judge meaning.
#include "compiler/syntax/parse.h"

#include <algorithm>

#include "BailErrorStrategy.h"
#include "BaseErrorListener.h"
#include "CommonToken.h"
#include "CommonTokenStream.h"
#include "DefaultErrorStrategy.h"
#include "ListTokenSource.h"
#include "Parser.h"
#include "RecognitionException.h"
#include "ZhengceParser.h"
#include "atn/ParserATNSimulator.h"
#include "atn/PredictionMode.h"
#include "misc/IntervalSet.h"
#include "base/assert.h"
#include "compiler/syntax/award.h"
#include "compiler/syntax/domain.h"
#include "compiler/syntax/lexer.h"
#include "compiler/syntax/literal.h"
#include "compiler/syntax/ranges.h"

namespace zc::syntax {
namespace {

using P = zc::grammar::ZhengceParser;

// The lexer's token types (token_types.h) and the generated parser's are numbered from one table by
// one script (grammar/gen_tokens.cmake); this holds it for every token, so a Token's type means the
// same on both sides.
constexpr bool same_type(size_t ours, size_t antlr) { return ours == antlr; }
#define TOKEN(name, display) static_assert(same_type(tok::name, P::name), #name);
#define KW(name, spelling, meaning) static_assert(same_type(tok::name, P::name), #name);
#define WORD(name, word)
#include "compiler/syntax/keywords.def"
#undef WORD
#undef KW
#undef TOKEN
static_assert(same_type(tok::COMMENT, P::COMMENT));
static_assert(kEndOfInput == antlr4::Token::EOF);

// ---------------------------------------------------------------------------------------------
// Error handling: report once, then abandon the statement.

struct StatementAbandoned {};

class StatementErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  void recover(antlr4::Parser*, std::exception_ptr) override { throw StatementAbandoned{}; }
  antlr4::Token* recoverInline(antlr4::Parser* recognizer) override {
    antlr4::InputMismatchException e(recognizer);
    reportError(recognizer, e);
    throw StatementAbandoned{};
  }
  void sync(antlr4::Parser*) override {}
};

// Statement keywords: a syntax error right before one of these usually means a missing 。.
bool starts_statement(size_t t) {
  switch (t) {
    case P::POLICY: case P::ISSUER: case P::ISSUED: case P::EVAL_DATE: case P::DOCNO: case P::STATUS: case P::BASIS:
    case P::ROUNDING: case P::PAYER: case P::FACT: case P::INDICATOR: case P::DEFINE: case P::TARGET:
    case P::ORDINAL: case P::RULE: case P::CAP: case P::NODUP: case P::CONSTRAINT: case P::DEPT_ROLE:
    case P::NOTE: case P::REVIEW: case P::EXAMPLE:
    case P::BODY: case P::LEAD: case P::TAIL: case P::LIST: case P::ADDRESSEE: case P::ATTACHMENT: case P::REMARK:
    case P::COPY_TO: case P::PRINTED:
      return true;
    default:
      return false;
  }
}

class ErrorListener : public antlr4::BaseErrorListener {
 public:
  ErrorListener(FileId file, const SourceFile& src, DiagSink& sink) : file_(file), src_(src), sink_(sink) {}

  // Offsets of lexical errors and where the statement being parsed begins: a statement that already
  // has a lexical error gets no syntax error (the first diagnostic explains both).
  std::vector<uint32_t> lexical_errors;
  uint32_t statement_begin = 0;

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t, size_t, const std::string&,
                   std::exception_ptr) override {
    uint32_t off_at = offending && offending->getType() != antlr4::Token::EOF ? static_cast<uint32_t>(offending->getStartIndex())
                                                                               : static_cast<uint32_t>(src_.text().size());
    for (uint32_t e : lexical_errors)
      if (e >= statement_begin && e <= off_at) return;
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    std::vector<std::string> expected;
    if (parser) {
      antlr4::misc::IntervalSet set = parser->getExpectedTokens();
      for (size_t t : set.toList()) {
        std::string d = t == antlr4::Token::EOF ? "文件结尾" : token_display(t);
        if (std::find(expected.begin(), expected.end(), d) == expected.end()) expected.push_back(d);
      }
    }
    Span at{file_, 0, 0};
    std::string text;
    size_t type = antlr4::Token::EOF;
    if (offending) {
      type = offending->getType();
      if (type == antlr4::Token::EOF) {
        uint32_t end = static_cast<uint32_t>(src_.text().size());
        at = Span{file_, end, end};
        text = "文件结尾";
      } else {
        at = Span{file_, static_cast<uint32_t>(offending->getStartIndex()),
                  static_cast<uint32_t>(offending->getStopIndex() + 1)};
        text = offending->getText();
      }
    }
    // ALL(*) reports an error at the decision where prediction began, so the expected set may be
    // that of an earlier point. A statement keyword (or the end of the file) after a statement that
    // has not ended with 。 is, in practice, always a missing 。.
    bool ordinal_inside = type == P::ORDINAL && offending && !starts_line(offending);
    if (parser && !ordinal_inside && (starts_statement(type) || type == antlr4::Token::EOF)) {
      antlr4::Token* prev = parser->getTokenStream()->LT(-1);
      antlr4::Token* err_tok = offending;
      if (err_tok && err_tok->getTokenIndex() > 0) prev = parser->getTokenStream()->get(err_tok->getTokenIndex() - 1);
      while (prev && prev->getChannel() != antlr4::Token::DEFAULT_CHANNEL && prev->getTokenIndex() > 0)
        prev = parser->getTokenStream()->get(prev->getTokenIndex() - 1);
      if (prev && prev->getType() != P::PERIOD) {
        uint32_t at_end = static_cast<uint32_t>(prev->getStopIndex() + 1);
        sink_.report(make_diag(DiagCode::E0202, Span{file_, at_end, at_end}));
        return;
      }
    }
    std::string list;
    size_t shown = 0;
    for (const std::string& e : expected) {
      if (shown == 8) { list += "等"; break; }
      if (shown) list += "、";
      list += e;
      ++shown;
    }
    Diagnostic d = make_diag(DiagCode::E0201, at, {text, list.empty() ? "完整的语句" : list});
    if (parser && offending) {
      std::string help = syntax_help(parser, offending, d);
      if (!help.empty()) d.help_override = Text{help, "the nearest valid form: " + list};
    }
    sink_.report(std::move(d));
  }

 private:
  bool starts_line(antlr4::Token* t) const {
    std::string_view s = src_.text();
    size_t p = t->getStartIndex();
    while (p > 0) {
      char c = s[p - 1];
      if (c == '\n') return true;
      if (c != ' ' && c != '\t') return false;
      --p;
    }
    return true;
  }

  static bool punct_token(size_t t) {
    return t == P::COMMA || t == P::ENUM_SEP || t == P::SEMI || t == P::COLON || t == P::LPAREN || t == P::RPAREN ||
           t == P::DASH || t == P::PERCENT || t == P::PERMILLE;
  }

  // Whether `word` is also written as a name in this file: in 「」, or as a bare option.
  bool declared_as_name(const std::string& word) const {
    std::string_view s = src_.text();
    for (const std::string& form : {"「" + word + "」", "选项（" + word + "、", "、" + word + "、", "、" + word + "）", "选项（" + word + "）"})
      if (s.find(form) != std::string_view::npos) return true;
    return false;
  }

  // The last 「name」 written before `t` in its statement, or null.
  antlr4::Token* name_before(antlr4::Parser* parser, antlr4::Token* t) const {
    auto* ts = parser->getTokenStream();
    for (size_t i = t->getTokenIndex(); i-- > 0;) {
      antlr4::Token* x = ts->get(i);
      if (x->getType() == P::PERIOD) break;
      if (x->getType() == P::NAME) return x;
    }
    return nullptr;
  }

  // What the drafter most likely meant, in words, with the nearest valid form: by the offending
  // word first (a keyword that is also a name, an ordinal inside a sentence, a comparison with no
  // fact after 且/或), then by the construct being read (the innermost grammar rule).
  std::string syntax_help(antlr4::Parser* parser, antlr4::Token* offending, Diagnostic& d) const {
    size_t type = offending->getType();
    // The offending word or one just after it (ALL(*) may report at the decision before it).
    auto* ts = parser->getTokenStream();
    for (size_t i = offending->getTokenIndex(); i < offending->getTokenIndex() + 3 && i < ts->size(); ++i) {
      antlr4::Token* x = ts->get(i);
      size_t t = x->getType();
      if (t == P::PERIOD || t == antlr4::Token::EOF) break;
      if (t == P::NAME || t == P::STRING || t == P::NUMBER || t == P::DATE || t == P::COMMENT || punct_token(t)) continue;
      if (!declared_as_name(x->getText())) continue;
      d.span = Span{file_, static_cast<uint32_t>(x->getStartIndex()), static_cast<uint32_t>(x->getStopIndex() + 1)};
      d.args[0] = x->getText();
      return "「" + x->getText() + "」在这里读作关键字；用作名称时，声明和使用处都写在「」中：「" + x->getText() + "」";
    }
    if (type == P::ORDINAL)
      return "「第」开始序数（第二章、第1条），只能写在语句开头；若是名称的一部分（如第一完成单位），把名称写在「」中并先声明：「第一完成单位」";
    antlr4::Token* prev = offending->getTokenIndex() > 0 ? ts->get(offending->getTokenIndex() - 1) : nullptr;
    if (type == P::IS && prev && prev->getType() == P::MAX) return "写作“最高50万元”（“最高”后不加“为”）";
    // 且不满300人: a comparison after 且/或 with no fact (ALL(*) may report a little later).
    bool after_is = false;
    for (size_t i = offending->getTokenIndex() + 1; i-- > 1;) {
      antlr4::Token* x = ts->get(i);
      antlr4::Token* before = ts->get(i - 1);
      if (x->getType() == P::PERIOD || before->getType() == P::PERIOD) break;
      after_is = after_is || x->getType() == P::IS;
      size_t xt = x->getType();
      bool cmp_word = xt == P::GE_PRE || xt == P::LE_PRE || xt == P::GT_PRE || xt == P::LT_PRE || xt == P::NUMBER;
      if (cmp_word && (before->getType() == P::AND || before->getType() == P::OR)) {
        antlr4::Token* n = name_before(parser, x);
        d.span = Span{file_, static_cast<uint32_t>(x->getStartIndex()), static_cast<uint32_t>(x->getStopIndex() + 1)};
        d.args[0] = x->getText();
        if (!n) return "「" + before->getText() + "」之后的比较也要写出事实名，如「研发投入」超过120万元且「研发投入」不满5000万元";
        // The drafter's own words, with the fact written again: 「人数」超过10人且「人数」不满300人.
        std::string_view src = src_.text();
        size_t end = x->getTokenIndex();
        while (end + 1 < ts->size()) {
          size_t t = ts->get(end + 1)->getType();
          if (t == P::OF || t == P::COMMA || t == P::PERIOD || t == P::GIVE || t == P::AND || t == P::OR || t == antlr4::Token::EOF) break;
          ++end;
        }
        std::string first(src.substr(n->getStartIndex(), before->getStartIndex() - n->getStartIndex()));
        std::string second(src.substr(x->getStartIndex(), ts->get(end)->getStopIndex() + 1 - x->getStartIndex()));
        return "「" + before->getText() + "」之后的比较也要写出事实名：" + first + before->getText() + n->getText() + second;
      }
    }
    if ((type == P::GE_POST || type == P::LE_POST) && after_is)
      return "选项没有大小之分：列出各个选项，如「级别」为国家级、省级";
    static const std::pair<const char*, const char*> kForms[] = {
        {"between", "区间写作 25%（含）-30%、20万元（含）至50万元"},
        {"comparison", "比较写作「研发投入」50万元以上、超过5000万元、不满10%、25%（含）-30%"},
        {"incl", "（含）写在数字之后：2家（含2家）以上、20万元（含）至50万元"},
        {"valueList", "选项写作「级别」为省级、国家级（用「、」「和」「或」连接）"},
        {"perUnit", "按件计的给付写作 每「认定数量」1家补助5000元"},
        {"condUnary", "条件写作「首次通过认定」、未「享受补助」、「研发投入」50万元以上或「级别」为省级；多个条件用「且」「或」连接"},
        {"cond", "条件写作「首次通过认定」、「研发投入」50万元以上或「级别」为省级；多个条件用「且」「或」连接，每个比较都写出事实名"},
        {"condSeg", "条件之后写「的」和「，」，再写给付：对「首次通过认定」的企业，给予10万元"},
        {"payPart", "给付写作 给予10万元补助、按「市到位资金」的20%给予补助、给予最高50万元"},
        {"paySeg", "给付写作 给予10万元补助、按「市到位资金」的20%给予补助、给予最高50万元"},
        {"clause", "规则的一种情形写作 对「首次通过认定」的企业，给予10万元；多种情形用「；」分开"},
        {"ruleDecl", "规则写作 规则「名称」：对「首次通过认定」的企业，给予10万元。"},
        {"typeSpec", "类型写作 金额、比例、数量（家）、是否、选项（「省级」、「国家级」）、日期、分数"},
        {"factAttr", "事实的属性写作 默认0元、默认否、来自「市财政」"},
        {"factDecl", "事实写作 事实「研发投入」：金额，默认0元。"},
        {"band", "分档的每一档写作 30%以上为20分、超过5000万元至2亿元（含）为4%、其他为0分"},
        {"caseBranch", "情形写作「一类知识产权」1项以上的为30分；其他为0分"},
        {"defineDecl", "定义写作 定义「得分」：按「占比」分档，30%以上为20分，其他为0分。"},
        {"expectValue", "预期写作 10万元、最高50万元、不予支持、一事一议、适用"},
        {"expectation", "预期写作「规则名」为10万元，或 合计「区财政」为10万元"},
        {"assignment", "案例的事实写作「事实」为值，如「研发投入」为100万元"},
        {"exampleDecl", "案例写作 案例「名称」：「事实」为值；预期：「规则」为10万元。"},
        {"payerDecl", "出资方写作 出资方「区财政」：本级，默认。"},
        {"capDecl", "上限写作 上限「名称」：「规则甲」、「规则乙」合计，单个企业年度最高补助250万元。"},
        {"noDupDecl", "不重复写作 不重复「名称」：「规则甲」与「规则乙」不重复支持，就高。"},
        {"constraintDecl", "约束写作 约束「名称」：「规则」每个项目平均支持强度不高于50万元。"},
        {"targetDecl", "目标写作 目标：到2025年，「高企数」达到120家以上。"},
        {"deptDecl", "部门写作 牵头单位：“区科技局”；配合单位：“区财政局”。"},
        {"header", "文件头写作 政策“……”。 发文机关“……”。 发文日期：2024年2月21日。"},
        {"chapterDecl", "章写作 第二章“……”。"},
        {"articleDecl", "条写作 第1条“……”。"},
        {"statement", "每条语句以关键字开头（规则、事实、定义、案例……）并以「。」结尾"},
    };
    for (const std::string& rule : parser->getRuleInvocationStack())
      for (const auto& [r, form] : kForms)
        if (rule == r) return form;
    return "";
  }

 public:

 private:
  FileId file_;
  const SourceFile& src_;
  DiagSink& sink_;
};

// ---------------------------------------------------------------------------------------------
// The builder

// The typed word of a partWord token (keywords.def's WORD rows).
ast::Word award_word(size_t type) {
  switch (type) {
#define TOKEN(name, display)
#define KW(name, spelling, meaning)
#define WORD(name, word) \
  case tok::name:        \
    return ast::Word::word;
#include "compiler/syntax/keywords.def"
#undef WORD
#undef KW
#undef TOKEN
    default:
      break;
  }
  ZC_ASSERT(false, "a partWord token of the grammar has no WORD row in keywords.def");
  return ast::Word::None;
}

class Builder {
 public:
  Builder(FileId file, const SourceFile& src, const std::vector<Token>& tokens, DiagSink& sink, ast::Policy& out)
      : file_(file), src_(src), sink_(sink), out_(out), lit_(src, file, tokens, sink) {}

  Span span(antlr4::Token* a, antlr4::Token* b) const {
    if (!a) return Span{file_, 0, 0};
    uint32_t begin = static_cast<uint32_t>(a->getStartIndex());
    uint32_t end = b && b->getType() != antlr4::Token::EOF ? static_cast<uint32_t>(b->getStopIndex() + 1) : begin;
    if (end < begin) end = begin;
    return Span{file_, begin, end};
  }
  Span span(antlr4::ParserRuleContext* c) const { return span(c->getStart(), c->getStop()); }
  Span span(antlr4::tree::TerminalNode* n) const { return span(n->getSymbol(), n->getSymbol()); }
  Span span(antlr4::Token* t) const { return span(t, t); }

  std::string text(antlr4::tree::TerminalNode* n) const { return n ? n->getSymbol()->getText() : std::string(); }

  std::string str(antlr4::tree::TerminalNode* n) const {
    Token t{0, false, static_cast<uint32_t>(n->getSymbol()->getStartIndex()),
            static_cast<uint32_t>(n->getSymbol()->getStopIndex() + 1)};
    return std::string(string_text(src_, t));
  }

  // name : NAME ;
  ast::Name name(P::NameContext* c) const {
    antlr4::Token* t = c->NAME()->getSymbol();
    Token tok{0, false, static_cast<uint32_t>(t->getStartIndex()), static_cast<uint32_t>(t->getStopIndex() + 1)};
    ast::Name n;
    n.text = std::string(name_text(src_, tok));
    n.span = span(t);
    n.bracketed = src_.text().compare(tok.begin, 3, "「") == 0;
    return n;
  }

  // nameList : name (listSep name)* ;   listSep : ENUM_SEP | LIST_AND | OR ;
  // 、 和 及 与 以及 join every list. 或 ("any of") is read only in a list of options (`or_ok`);
  // elsewhere — the facts of a declaration, the members of a group, the terms of a sum — it has no
  // meaning and is E0209, with `what` (the list's items) and `fix` (how to write it) in the message.
  std::vector<ast::Name> names(P::NameListContext* c, bool or_ok = true, const char* what = "", const char* fix = "") {
    std::vector<ast::Name> v;
    for (auto* n : c->name()) v.push_back(name(n));
    if (!or_ok) reject_or(c->listSep(), what, fix);
    return v;
  }

  template <class Sep>
  void reject_or(const std::vector<Sep*>& seps, const char* what, const char* fix) {
    for (auto* sep : seps) {
      if (!sep->OR()) continue;
      sink_.report(make_diag(DiagCode::E0209, span(sep), {sep->getText(), what, fix}));
      return;  // once per list
    }
  }

  // Values of numbers and literals are the literal reader's (literal.h); the grammar only says where
  // they stand. INVARIANT: a context the parser matched as amount, rate or literal is one literal.
  Rational number(antlr4::tree::TerminalNode* n) { return lit_.number(n->getSymbol()->getTokenIndex()); }
  Rational date(antlr4::tree::TerminalNode* n) { return lit_.date(n->getSymbol()->getTokenIndex()); }

  ast::Literal lit(antlr4::ParserRuleContext* c) {
    std::optional<ast::Literal> l = lit_.literal(c->getStart()->getTokenIndex(), c->getStop()->getTokenIndex());
    ZC_ASSERT(l.has_value(), "the literal reader does not read what the parser matched as a literal");
    return *l;
  }

  // incl : LPAREN INCL (NUMBER (unitWord | MONEY_UNIT))? RPAREN ;
  std::optional<ast::Literal> incl_value(P::InclContext* c) {
    if (!c || !c->NUMBER()) return std::nullopt;
    return lit_.incl_value(c->getStart()->getTokenIndex(), c->getStop()->getTokenIndex());
  }

  // amount : rangeShared | rangeFull | money | count ;
  ast::Literal amount(P::AmountContext* c) { return lit(c); }
  // rate : NUMBER (PERCENT | PERMILLE) | (PCT_PREFIX | PML_PREFIX | PART_PREFIX) NUMBER | NUMBER COLON NUMBER ;
  ast::Literal rate(P::RateContext* c) { return lit(c); }
  // literal : amount | rate | NUMBER | DATE ;
  ast::Literal literal(P::LiteralContext* c) { return lit(c); }

  // value : name | literal | YES | NO ;
  ast::Value value(P::ValueContext* c) {
    ast::Value v;
    v.span = span(c);
    if (c->name()) {
      v.kind = ast::Value::Kind::Name;
      v.name = name(c->name());
    } else if (c->literal()) {
      v.kind = ast::Value::Kind::Literal;
      v.lit = literal(c->literal());
    } else if (c->YES()) {
      v.kind = ast::Value::Kind::Yes;
    } else {
      v.kind = ast::Value::Kind::No;
    }
    return v;
  }

  // shareOf : SHARE_OF name OF? (TYPE | PROPORTION)? ;
  ast::Share share(P::ShareOfContext* c) {
    ast::Share sh;
    sh.whole = name(c->name());
    sh.span = span(c);
    if (c->OF()) sh.words += text(c->OF());
    if (c->TYPE()) sh.words += text(c->TYPE());
    if (c->PROPORTION()) sh.words += text(c->PROPORTION());
    return sh;
  }

  // comparison : cmpPre name OF rate incl? cmpPost? incl? | name OF rate incl? cmpPost incl?
  //            | cmpPre value incl? cmpPost? incl? | value incl? cmpPost incl? | between | literal incl? ;
  ast::Comparison comparison(P::ComparisonContext* c) {
    ast::Comparison cmp;
    cmp.span = span(c);
    if (c->between()) return between(c->between(), cmp);
    if (c->rate()) {
      // 不少于「职工总数」的15%: the rate is the rhs, taken of the named whole.
      cmp.of = name(c->name());
      cmp.rhs.kind = ast::Value::Kind::Literal;
      cmp.rhs.span = span(c->rate());
      cmp.rhs.lit = rate(c->rate());
    } else if (c->value()) {
      cmp.rhs = value(c->value());
    } else {
      // literal incl? : a number with no bound word, kept so the checker can say so (E0517).
      cmp.rhs.kind = ast::Value::Kind::Literal;
      cmp.rhs.span = span(c->literal());
      cmp.rhs.lit = literal(c->literal());
    }
    if (c->cmpPre()) cmp.pre = c->cmpPre()->getText();
    if (c->cmpPost()) cmp.post = c->cmpPost()->getText();
    if (c->ZAI()) cmp.zai = text(c->ZAI());
    for (auto* i : c->incl()) {
      cmp.incl = true;
      cmp.incl_span = span(i);
      if (auto v = incl_value(i)) cmp.incl_value = v;
    }
    for (auto* x : c->excl()) {
      cmp.excl = true;
      cmp.incl_span = span(x);
      if (x->NUMBER()) cmp.incl_value = lit_.incl_value(x->getStart()->getTokenIndex(), x->getStop()->getTokenIndex());
    }
    if (cmp.rhs.kind == ast::Value::Kind::Literal && cmp.rhs.lit.incl_mark) cmp.incl = true;
    cmp.op = resolve_op(c);
    if (cmp.rhs.kind == ast::Value::Kind::Literal && cmp.rhs.lit.hi) as_range(cmp, !c->incl().empty() && cmp.post.empty());
    return cmp;
  }

  // A band's bounds, and a part's (超过200万元至1000万元（含）的部分): one comparison, two (25%以上不满30%),
  // or one with 至 and an upper end.
  void bounds(const std::vector<P::ComparisonContext*>& cmps, antlr4::tree::TerminalNode* to, P::ValueContext* upper_ctx,
              P::InclContext* incl, antlr4::Token* start, std::optional<ast::Comparison>& lo, std::optional<ast::Comparison>& hi) {
    lo = comparison(cmps[0]);
    if (cmps.size() > 1) {
      hi = comparison(cmps[1]);
    } else if (ast::Value upper = to ? value(upper_ctx) : ast::Value{};
               to && upper.kind == ast::Value::Kind::Literal && lo->rhs.kind == ast::Value::Kind::Literal && !lo->rhs.lit.hi && lo->post.empty()) {
      // 超过5000万元至2亿元（含）: one range, read as as_range reads 超过5000万元至2亿元（含）.
      ast::Comparison& r = *lo;
      r.span.end = span(start, incl ? incl->getStop() : upper_ctx->getStop()).end;
      r.rhs.lit.hi = upper.lit.value;
      r.rhs.lit.lo_mark = r.incl;
      r.rhs.lit.hi_mark = incl != nullptr;
      as_range(r, false);
    } else if (to) {
      // 75分（含）至90分: （含） on the lower end is its bound word (from 75分 on).
      if (lo->pre.empty() && lo->post.empty() && lo->incl) lo->op = CmpOp::Ge;
      // 超过5000万元至2亿元（含）: the upper end is inclusive only when marked.
      ast::Comparison h;
      h.span = span(to->getSymbol(), upper_ctx->getStop());
      h.rhs = value(upper_ctx);
      h.incl = incl != nullptr;
      h.op = h.incl ? CmpOp::Le : CmpOp::Lt;
      h.pre = "至";
      hi = h;
    }
  }

  // dateWindow : (WIN_FROM | WIN_AT)? DATE WIN_START? (TO | DASH) DATE WIN_END? | WIN_FROM DATE WIN_START ;
  ast::DateWindow window(P::DateWindowContext* c) {
    ast::DateWindow w;
    w.span = span(c);
    auto day = [&](antlr4::tree::TerminalNode* t) {
      ast::Literal l;
      l.kind = ast::LitKind::Date;
      l.span = span(t);
      l.text = t->getText();
      l.value = date(t);
      return l;
    };
    auto days = c->DATE();
    w.from = day(days[0]);
    if (days.size() > 1) w.to = day(days[1]);
    if (c->WIN_FROM()) w.lead = text(c->WIN_FROM());
    if (c->WIN_AT()) w.lead = text(c->WIN_AT());
    if (c->WIN_START()) w.start = text(c->WIN_START());
    if (c->TO()) w.sep = text(c->TO());
    if (c->DASH()) w.sep = "—";  // - — － ～ all read as the dash of 2023年1月1日—2024年12月31日
    if (c->WIN_END()) w.end = text(c->WIN_END());
    return w;
  }

  // A range literal used as a threshold (300万元~1000万元, 20-30（含）万元, 超过5000万元至2亿元（含））
  // becomes a two-ended comparison. The lower end is what the word before it says (达到/以上 include,
  // 超过 excludes) or （含） after it; the upper end is included when marked; the rest is open.
  void as_range(ast::Comparison& cmp, bool trailing_incl) {
    cmp.between = true;
    const ast::Literal& l = cmp.rhs.lit;
    if (cmp.op == CmpOp::Ge || cmp.op == CmpOp::Gt) cmp.lo_incl = cmp.op == CmpOp::Ge;
    else if (l.lo_mark) cmp.lo_incl = true;
    if (l.hi_mark || trailing_incl) cmp.hi_incl = true;
    uint32_t from = cmp.rhs.span.begin;
    cmp.rhs.lit.text = std::string(src_.text().substr(from, cmp.span.end - from));
    cmp.rhs.span.end = cmp.span.end;
    cmp.incl = false;
    cmp.incl_value.reset();
    cmp.incl_span = Span{};
  }

  // between : lo=literal incl? (DASH | TO) hi=literal incl? ;
  // 25%（含）-30%  300万元~1000万元  20万元（含）至50万元  70分（含）至90分  10（含）-20家: a bare lower
  // number takes the upper end's unit.
  ast::Comparison between(P::BetweenContext* b, ast::Comparison cmp) {
    ast::Literal lo = literal(b->lo), hi = literal(b->hi);
    if (lo.kind == ast::LitKind::Number && hi.kind != ast::LitKind::Number && hi.kind != ast::LitKind::Date) {
      lo.kind = hi.kind;
      if (hi.kind == ast::LitKind::Money) lo.value = lit_.scaled(lo.value, hi.unit, lo.span, lo.text);
      if (hi.kind == ast::LitKind::Rate && (hi.unit == "%" || hi.unit == "‰")) {
        auto v = lo.value.div(Rational(hi.unit == "%" ? 100 : 1000));
        lo.value = v ? *v : Rational(0);
      }
      lo.unit = hi.unit;
    }
    if (lo.kind != hi.kind || (lo.kind == ast::LitKind::Count && (lo.unit == "分") != (hi.unit == "分"))) {
      sink_.report(make_diag(DiagCode::E0401, span(b), {lo.text, literal_kind_text(lo), "「" + hi.text + "」（" + literal_kind_text(hi) + "）",
                                                        "区间两端写同类的数值，如 20万元（含）至50万元"}));
      hi = lo;  // said once: the rest of the statement is checked against the lower end alone
      cmp.lo_incl = cmp.hi_incl = true;
    }
    cmp.between = true;
    cmp.rhs.kind = ast::Value::Kind::Literal;
    cmp.rhs.span = cmp.span;
    cmp.rhs.lit = hi;
    cmp.rhs.lit.span = cmp.span;
    cmp.rhs.lit.text = std::string(src_.text().substr(cmp.span.begin, cmp.span.end - cmp.span.begin));
    cmp.rhs.lit.value = lo.value;
    cmp.rhs.lit.hi = hi.value;
    cmp.rhs.lit.incl_mark = false;
    cmp.rhs.lit.lo_mark = b->loIncl != nullptr;
    cmp.rhs.lit.hi_mark = b->hiIncl != nullptr;
    if (b->loIncl) cmp.lo_incl = true;
    if (b->hiIncl) cmp.hi_incl = true;
    if (b->loExcl) cmp.lo_incl = false;  // 100万元（不含）至500万元: the end is settled, excluded
    if (b->hiExcl) cmp.hi_incl = false;
    cmp.op = CmpOp::Ge;
    return cmp;
  }

  static std::string literal_kind_text(const ast::Literal& l) {
    switch (l.kind) {
      case ast::LitKind::Money: return "金额";
      case ast::LitKind::Rate: return "比例";
      case ast::LitKind::Count: return l.unit == "分" ? "分数" : "数量";
      case ast::LitKind::Date: return "日期";
      case ast::LitKind::Number: return "数字";
    }
    return "数值";
  }

  // The legal meaning (民法典第1259条): 以上/以下/以内/达到/不低于/不超过 include the number;
  // 超过/不满/低于 exclude it. The checker rejects contradictory pairs (超过……以上, E0515), words with
  // no exact meaning (左右, E0516) and a missing bound word (E0517); those read as Eq here.
  CmpOp resolve_op(P::ComparisonContext* c) {
    if (auto* pre = c->cmpPre()) {
      if (pre->GE_PRE()) return CmpOp::Ge;
      if (pre->LE_PRE()) return CmpOp::Le;
      if (pre->GT_PRE()) return CmpOp::Gt;
      if (pre->LT_PRE()) return CmpOp::Lt;
    }
    if (auto* post = c->cmpPost(); post && post->DATE_POST()) {
      // 以后/以前 say nothing of the day itself (民法典第一千二百五十九条 does not list them): only with
      // （含） do they read as >= / <=; without it the checker reports E0520 (read as Eq here).
      if (c->incl().empty()) return CmpOp::Eq;
      return post->getText() == "以后" ? CmpOp::Ge : CmpOp::Le;
    }
    if (auto* post = c->cmpPost(); post && !post->VAGUE()) {
      // 以上（不含）, 以下（不含）: the text excludes the number the statute's 以上/以下 would include.
      if (!c->excl().empty()) return post->GE_POST() ? CmpOp::Gt : CmpOp::Lt;
      return post->GE_POST() ? CmpOp::Ge : CmpOp::Le;
    }
    return CmpOp::Eq;
  }

  // cond : condUnary (condOp condUnary)* ;
  ast::CondPtr cond(P::CondContext* c, int depth = 0) {
    if (depth > kMaxDepth) {
      sink_.report(make_diag(DiagCode::E0203, span(c), {std::to_string(kMaxDepth)}));
      auto leaf = std::make_unique<ast::Cond>();
      leaf->span = span(c);
      return leaf;
    }
    auto units = c->condUnary();
    if (units.size() == 1) return unary(units[0], depth);
    auto g = std::make_unique<ast::Cond>();
    g->kind = ast::Cond::Kind::Group;
    g->span = span(c);
    for (auto* u : units) g->children.push_back(unary(u, depth));
    for (auto* op : c->condOp()) {
      g->ops.push_back(op->getText());
      g->op_is_and.push_back(op->AND() != nullptr || op->ENUM_SEP() != nullptr);  // 、 lists conditions that all hold
      g->op_spans.push_back(span(op));
    }
    return comma_groups(std::move(g));
  }

  // 自主研发1项（含）以上发明专利或6项（含）以上实用新型专利，且知识产权与主营业务相关: 且 and 或 mixed at one level,
  // where every connective of one kind is written after ， and no connective of the other kind is: the ， sets the
  // scope, (A或B)且C — the way render writes a group in （） back. Any other mix stays for the checker (E0205).
  ast::CondPtr comma_groups(ast::CondPtr g) {
    auto comma = [](const std::string& op) { return op.rfind("，", 0) == 0 || op.rfind(",", 0) == 0; };
    std::optional<bool> outer, inner;
    for (size_t i = 0; i < g->ops.size(); ++i) {
      std::optional<bool>& kind = comma(g->ops[i]) ? outer : inner;
      if (kind && *kind != g->op_is_and[i]) return g;
      kind = g->op_is_and[i];
    }
    if (!outer || !inner || *outer == *inner) return g;
    auto top = std::make_unique<ast::Cond>();
    top->kind = ast::Cond::Kind::Group;
    top->span = g->span;
    std::vector<ast::CondPtr> run;
    std::vector<std::string> ops;
    std::vector<bool> is_and;
    std::vector<Span> spans;
    auto close = [&] {
      if (run.size() == 1) {
        top->children.push_back(std::move(run[0]));
      } else {
        auto sub = std::make_unique<ast::Cond>();
        sub->kind = ast::Cond::Kind::Group;
        sub->span = run.front()->span.to(run.back()->span);
        sub->children = std::move(run);
        sub->ops = std::move(ops);
        sub->op_is_and = std::move(is_and);
        sub->op_spans = std::move(spans);
        top->children.push_back(std::move(sub));
      }
      run.clear();
      ops.clear();
      is_and.clear();
      spans.clear();
    };
    for (size_t i = 0; i < g->children.size(); ++i) {
      run.push_back(std::move(g->children[i]));
      if (i == g->ops.size()) break;
      if (comma(g->ops[i])) {
        close();
        top->ops.push_back(g->ops[i]);
        top->op_is_and.push_back(g->op_is_and[i]);
        top->op_spans.push_back(g->op_spans[i]);
      } else {
        ops.push_back(g->ops[i]);
        is_and.push_back(g->op_is_and[i]);
        spans.push_back(g->op_spans[i]);
      }
    }
    close();
    return top;
  }

  // condUnary : NOT condUnary | LPAREN cond RPAREN | name IS valueList | name (sep name)* comparison? ;
  ast::CondPtr unary(P::CondUnaryContext* c, int depth) {
    if (auto* n = dynamic_cast<P::CondNotContext*>(c)) {
      auto r = std::make_unique<ast::Cond>();
      r->kind = ast::Cond::Kind::Not;
      r->span = span(c);
      r->not_word = text(n->NOT());
      r->children.push_back(unary(n->condUnary(), depth + 1));
      return r;
    }
    if (auto* p = dynamic_cast<P::CondParenContext*>(c)) {
      auto r = cond(p->cond(), depth + 1);
      r->parenthesized = true;
      r->span = span(c);
      return r;
    }
    auto r = std::make_unique<ast::Cond>();
    r->span = span(c);
    if (auto* sh = dynamic_cast<P::CondShareContext*>(c)) {
      r->kind = ast::Cond::Kind::Fact;
      r->names.push_back(name(sh->name()));
      r->share = share(sh->shareOf());
      r->cmp = comparison(sh->comparison());
      return r;
    }
    if (auto* w = dynamic_cast<P::CondWindowContext*>(c)) {
      r->kind = ast::Cond::Kind::Fact;
      r->names.push_back(name(w->name()));
      r->window = window(w->dateWindow());
      return r;
    }
    if (auto* is = dynamic_cast<P::CondIsContext*>(c)) {
      r->kind = ast::Cond::Kind::Is;
      r->names.push_back(name(is->name()));
      for (auto* v : is->valueList()->value()) r->values.push_back(value(v));
      for (auto* sep : is->valueList()->listSep()) r->value_seps.push_back(sep->getText());
      return r;
    }
    if (auto* b = dynamic_cast<P::CondBeforeContext*>(c)) return before_noun(b, std::move(r));
    auto* f = dynamic_cast<P::CondFactContext*>(c);
    r->kind = ast::Cond::Kind::Fact;
    for (auto* n : f->name()) r->names.push_back(name(n));
    for (auto* child : f->children) {
      auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(child);
      if (t && (t->getSymbol()->getType() == P::ENUM_SEP || t->getSymbol()->getType() == P::LIST_AND))
        r->name_seps.push_back(t->getText());
    }
    if (f->comparison()) r->cmp = comparison(f->comparison());
    return r;
  }

  // condBefore : (lead=name? verb=STRING)? comparison noun=name ;
  // 500万元（含）以上「股权融资」 is 「股权融资」500万元（含）以上, the threshold written before its noun, as the texts
  // write it; “自主研发” before it is prose; 「高成长性企业」“成功引入……” before that is a subject that must hold too
  // (read as 且, joined by nothing: render gives the words back as written).
  ast::CondPtr before_noun(P::CondBeforeContext* b, ast::CondPtr r) {
    r->kind = ast::Cond::Kind::Fact;
    r->names.push_back(name(b->noun));
    r->cmp = comparison(b->comparison());
    r->cmp_first = true;
    if (b->verb) {
      Token t{0, false, static_cast<uint32_t>(b->verb->getStartIndex()), static_cast<uint32_t>(b->verb->getStopIndex() + 1)};
      r->verb = std::string(string_text(src_, t));
    }
    if (r->cmp->rhs.kind != ast::Value::Kind::Literal || r->cmp->of)
      sink_.report(make_diag(DiagCode::E0570, span(b->comparison()),
                             {r->names[0].text, r->cmp->rhs.kind == ast::Value::Kind::Name ? "「" + r->cmp->rhs.name.text + "」是名称" : "这里写的是比例的比较"}));
    if (!b->lead) return r;
    auto subj = std::make_unique<ast::Cond>();
    subj->kind = ast::Cond::Kind::Fact;
    subj->span = span(b->lead);
    subj->names.push_back(name(b->lead));
    auto g = std::make_unique<ast::Cond>();
    g->kind = ast::Cond::Kind::Group;
    g->span = r->span;
    r->span = Span{r->span.file, static_cast<uint32_t>(b->verb->getStartIndex()), r->span.end};
    g->ops.push_back("");
    g->op_is_and.push_back(true);
    g->op_spans.push_back(span(b->verb, b->verb));
    g->children.push_back(std::move(subj));
    g->children.push_back(std::move(r));
    return g;
  }

  // payPart : name | amount | rate | perUnit | STRING | LPAREN payPart+ RPAREN | word ;
  ast::Atom atom(P::PayPartContext* c, int depth = 0) {
    ast::Atom a;
    a.span = span(c);
    if (auto* n = dynamic_cast<P::PartNameContext*>(c)) {
      a.kind = ast::Atom::Kind::Name;
      a.name = name(n->name());
    } else if (auto* pr = dynamic_cast<P::PartPronounContext*>(c)) {
      // 按其「研发投入」的2%  按其投入2%: the words name the amount the conditions compare (award.cpp).
      a.kind = ast::Atom::Kind::Name;
      a.pronoun = text(pr->PRONOUN());
      if (pr->name()) {
        a.name = name(pr->name());
      } else {
        a.pronoun_words = src_.text().substr(pr->SUBJECT().front()->getSymbol()->getStartIndex(),
                                             pr->SUBJECT().back()->getSymbol()->getStopIndex() + 1 - pr->SUBJECT().front()->getSymbol()->getStartIndex());
        a.name.span = span(pr);
      }
    } else if (auto* m = dynamic_cast<P::PartAmountContext*>(c)) {
      a.kind = ast::Atom::Kind::Amount;
      a.lit = amount(m->amount());
    } else if (auto* r = dynamic_cast<P::PartRateContext*>(c)) {
      a.kind = ast::Atom::Kind::Rate;
      a.lit = rate(r->rate());
    } else if (auto* u = dynamic_cast<P::PartPerUnitContext*>(c)) {
      a.kind = ast::Atom::Kind::PerUnit;
      auto* pu = u->perUnit();
      auto ns = pu->name();
      // Which names are present: EACH name? (COMPARE_TO name INCREASE)? NUMBER unitWord name?
      size_t k = 0;
      antlr4::Token* num = pu->NUMBER()->getSymbol();
      if (k < ns.size() && ns[k]->getStart()->getTokenIndex() < num->getTokenIndex() && !pu->COMPARE_TO()) {
        a.per_fact = name(ns[k++]);
      } else if (pu->COMPARE_TO()) {
        if (ns[k]->getStart()->getTokenIndex() < pu->COMPARE_TO()->getSymbol()->getTokenIndex()) a.per_fact = name(ns[k++]);
        a.per_baseline = name(ns[k++]);
      }
      if (k < ns.size()) a.per_fact_after = name(ns[k++]);
      for (auto* v : pu->PER_VERB()) {
        bool after_increase = pu->INCREASE() && v->getSymbol()->getTokenIndex() > pu->INCREASE()->getSymbol()->getTokenIndex();
        (after_increase ? a.per_verb2 : a.per_verb) = v->getText();
      }
      a.lit.kind = ast::LitKind::Count;
      a.lit.value = number(pu->NUMBER());
      a.lit.unit = unit_name(pu->unitWord()->getText());
      a.lit.span = span(pu->NUMBER()->getSymbol(), pu->unitWord()->getStop());
      a.lit.text = src_.text().substr(a.lit.span.begin, a.lit.span.end - a.lit.span.begin);
    } else if (auto* sl = dynamic_cast<P::PartSliceContext*>(c)) {
      // 「X」超过200万元至1000万元（含）的部分
      a.kind = ast::Atom::Kind::Part;
      auto* x = sl->slice();
      if (x->name()) a.part_of = name(x->name());
      auto cmps = x->comparison();
      bounds(cmps, x->TO(), x->value(), x->incl(), cmps[0]->getStart(), a.part_lo, a.part_hi);
      a.part_words = (x->OF() ? text(x->OF()) : std::string()) + text(x->PART());
    } else if (auto* st = dynamic_cast<P::PartStepContext*>(c)) {
      // 每增加2000万元: EACH (增加 | 超过 | 满) amount
      a.kind = ast::Atom::Kind::Step;
      auto* x = st->stepEach();
      a.text = x->INCREASE() ? text(x->INCREASE()) : x->GT_PRE() ? text(x->GT_PRE()) : text(x->GE_PRE());
      if (x->amount()) {
        a.lit = amount(x->amount());
      } else {  // 1个百分点: a step of 1% of a rate
        a.lit.kind = ast::LitKind::Rate;
        a.lit.unit = "%";
        a.lit.span = span(x->NUMBER()->getSymbol(), x->PCT_POINT()->getSymbol());
        a.lit.text = src_.text().substr(a.lit.span.begin, a.lit.span.end - a.lit.span.begin);
        std::optional<Rational> v = number(x->NUMBER()).div(Rational(100));
        if (!v) sink_.report(make_diag(DiagCode::E0105, a.lit.span, {a.lit.text}));
        a.lit.value = v.value_or(Rational(0));
      }
    } else if (auto* gr = dynamic_cast<P::PartGrowthContext*>(c)) {
      // 「当年研发投入」较「上年研发投入」新增部分: name? (较 | 比) name 的? 新增 (的? 部分)?
      a.kind = ast::Atom::Kind::Growth;
      auto* x = gr->growth();
      auto ns = x->name();
      if (ns.size() > 1) a.growth_of = name(ns[0]);
      a.growth_base = name(ns.back());
      a.growth_than = x->COMPARE_TO() ? text(x->COMPARE_TO()) : text(x->THAN());
      bool after_base = false;
      for (auto* ch : x->children) {
        if (ch == ns.back()) after_base = true;
        else if (after_base) a.growth_words += ch->getText();
      }
    } else if (auto* s = dynamic_cast<P::PartStringContext*>(c)) {
      a.kind = ast::Atom::Kind::String;
      a.text = str(s->STRING());
    } else if (auto* wi = dynamic_cast<P::PartWithinContext*>(c)) {
      // （其中「市财政」承担25%，「区财政」承担15%）: the parts, split at each ，.
      a.kind = ast::Atom::Kind::Within;
      a.text = text(wi->AND());
      if (depth > kMaxDepth) {
        sink_.report(make_diag(DiagCode::E0203, a.span, {std::to_string(kMaxDepth)}));
        return a;
      }
      a.within.emplace_back();
      for (auto* ch : wi->children) {
        if (auto* p = dynamic_cast<P::PayPartContext*>(ch)) a.within.back().push_back(atom(p, depth + 1));
        else if (auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(ch); t && t->getSymbol()->getType() == P::COMMA) a.within.emplace_back();
      }
    } else if (auto* g = dynamic_cast<P::PartGroupContext*>(c)) {
      a.kind = ast::Atom::Kind::Group;
      if (depth > kMaxDepth) {
        sink_.report(make_diag(DiagCode::E0203, a.span, {std::to_string(kMaxDepth)}));
        return a;
      }
      for (auto* p : g->payPart()) a.group.push_back(atom(p, depth + 1));
    } else if (auto* w = dynamic_cast<P::PartWordContext*>(c)) {
      a.kind = ast::Atom::Kind::Word;
      a.word = award_word(w->word->getType());
      a.text = w->word->getText();
    }
    return a;
  }

  std::vector<ast::Atom> atoms(const std::vector<P::PayPartContext*>& parts) {
    std::vector<ast::Atom> v;
    for (auto* p : parts) v.push_back(atom(p));
    return v;
  }

  // subject : SUBJECT+ | name IS valueList | name | STRING ;
  void subject(P::SubjectContext* sub, ast::CondSeg& s) {
    if (sub->IS() && s.cond) {
      // ……的「孵化器类别」为卓越级、标准级和省级: one more condition, joined to the segment's by the 的 written.
      auto is = std::make_unique<ast::Cond>();
      is->kind = ast::Cond::Kind::Is;
      is->span = span(sub);
      is->names.push_back(name(sub->name()));
      for (auto* v : sub->valueList()->value()) is->values.push_back(value(v));
      for (auto* sep : sub->valueList()->listSep()) is->value_seps.push_back(sep->getText());
      auto g = std::make_unique<ast::Cond>();
      g->kind = ast::Cond::Kind::Group;
      g->span = s.cond->span.to(is->span);
      g->ops.push_back(s.end_word.empty() ? std::string("的") : s.end_word);
      g->op_is_and.push_back(true);
      g->op_spans.push_back(span(sub));
      g->children.push_back(std::move(s.cond));
      g->children.push_back(std::move(is));
      s.cond = std::move(g);
      s.end_word.clear();
      return;
    }
    if (sub->name()) {
      s.subj = ast::CondSeg::Subj::Name;
      s.subject_name = name(sub->name());
    } else if (sub->STRING()) {
      s.subj = ast::CondSeg::Subj::String;
      s.subject = str(sub->STRING());
    } else {
      s.subj = ast::CondSeg::Subj::Words;
      s.subject = sub->getText();
    }
  }

  // clause : condSeg* paySeg (COMMA paySeg)* ;
  ast::Clause clause(P::ClauseContext* c) {
    ast::Clause cl;
    cl.span = span(c);
    if (c->lead) {
      Token t{0, false, static_cast<uint32_t>(c->lead->getStartIndex()), static_cast<uint32_t>(c->lead->getStopIndex() + 1)};
      cl.lead = std::string(string_text(src_, t));
    }
    for (auto* seg : c->condSeg()) {
      ast::CondSeg s;
      s.span = span(seg);
      if (auto* f = dynamic_cast<P::ForSegContext*>(seg)) {
        s.kind = ast::CondSeg::Kind::For;
        if (f->payer) s.payer = name(f->payer);
        s.cond = cond(f->cond());
        if (f->OF()) s.end_word = text(f->OF());
        s.comma = f->COMMA() != nullptr;
        if (auto* sub = f->subject()) subject(sub, s);
      } else if (auto* fan = dynamic_cast<P::FanSegContext*>(seg)) {
        s.kind = ast::CondSeg::Kind::Fan;
        s.cond = cond(fan->cond());
      } else if (auto* suf = dynamic_cast<P::SuffixSegContext*>(seg)) {
        s.kind = ast::CondSeg::Kind::Suffix;
        s.cond = cond(suf->cond());
        s.end_word = suf->end->getText();
      } else if (auto* sub = dynamic_cast<P::SubjectSegContext*>(seg)) {
        // ……的科技型小微企业，: the subject first, with no 对.
        s.kind = ast::CondSeg::Kind::Suffix;
        s.cond = cond(sub->cond());
        s.end_word = text(sub->OF());
        s.comma = sub->COMMA() != nullptr;
        subject(sub->subject(), s);
      } else if (auto* bare = dynamic_cast<P::BareSegContext*>(seg)) {
        // 「首次认定的高新技术企业」给予……  「甲」、「乙」，分别……: a condition with no 对 and no 的.
        s.kind = ast::CondSeg::Kind::Suffix;
        s.cond = cond(bare->cond());
        s.comma = bare->COMMA() != nullptr;
      } else if (auto* on = dynamic_cast<P::OnTopSegContext*>(seg)) {
        s.kind = ast::CondSeg::Kind::OnTop;
        s.ontop = atoms(on->payPart());
      }
      cl.conds.push_back(std::move(s));
    }
    for (auto* pay : c->paySeg()) {
      cl.pays.push_back(atoms(pay->payPart()));
      cl.pay_spans.push_back(span(pay));
    }
    read_awards(cl);
    return cl;
  }

  // ---- statements ----

  void statement(P::StatementContext* c) {
    if (auto* h = c->header()) return header(h);
    if (auto* p = c->payerDecl()) return payer(p);
    if (auto* f = c->factDecl()) return fact(f);
    if (auto* d = c->defineDecl()) return define(d);
    if (auto* t = c->targetDecl()) return target(t);
    if (auto* ch = c->chapterDecl()) return chapter(ch);
    if (auto* a = c->articleDecl()) return article(a);
    if (auto* r = c->ruleDecl()) return rule(r);
    if (auto* cap = c->capDecl()) return cap_group(cap);
    if (auto* nd = c->noDupDecl()) return nodup(nd);
    if (auto* con = c->constraintDecl()) return constraint(con);
    if (auto* dept = c->deptDecl()) return depts(dept);
    if (auto* n = c->noteDecl()) return note(n);
    if (auto* rv = c->reviewDecl()) return review(rv);
    if (auto* e = c->exampleDecl()) return example(e);
    if (auto* sec = c->sectionDecl()) return section(sec);
    if (auto* pr = c->proseDecl()) return prose(pr);
    if (auto* l = c->listDecl()) return prose_list(l);
    if (auto* pd = c->printedDecl()) return printed(pd);
  }

  // Called after every statement: a 引语 belongs to the decision written right after it.
  void after_statement() {
    if (pending_lead_ < 0 || out_.order.empty()) return;
    const ast::Item& last = out_.order.back();
    if (last.kind == ast::Item::Kind::Prose && last.index == pending_lead_) return;  // the 引语 itself
    ast::Prose& lead = out_.prose[static_cast<size_t>(pending_lead_)];
    if (is_decision(last.kind)) lead.attached = last;
    else unattached_lead(lead);
    pending_lead_ = -1;
  }

  // At the end of the file: a 引语 with no decision after it.
  void finish() {
    if (pending_lead_ >= 0) unattached_lead(out_.prose[static_cast<size_t>(pending_lead_)]);
    pending_lead_ = -1;
  }

  void push(ast::Item::Kind k, size_t index) { out_.order.push_back(ast::Item{k, static_cast<int>(index)}); }

  void once(bool& seen, Span at, const char* what) {
    if (seen) sink_.report(make_diag(DiagCode::E0206, at, {what}));
    seen = true;
  }

  // header : kw=(POLICY|ISSUER|DOCNO|STATUS|BASIS) COLON? STRING PERIOD | ISSUED … DATE | ROUNDING …
  void header(P::HeaderContext* c) {
    ast::Header& h = out_.header;
    Span at = span(c);
    if (c->kw) {
      std::string s = str(c->STRING());
      switch (c->kw->getType()) {
        case P::POLICY: once(seen_title_, at, "政策"); h.title = s; h.title_span = at; break;
        case P::ISSUER: once(seen_issuer_, at, "发文机关"); h.issuer = s; h.issuer_span = at; break;
        case P::DOCNO: once(seen_docno_, at, "文号"); h.docno = s; break;
        case P::STATUS: once(seen_status_, at, "状态"); h.status = s; break;
        case P::BASIS: h.bases.push_back(s); break;
        default: break;
      }
    } else if (c->ISSUED()) {
      once(seen_date_, at, "发文日期");
      ast::Literal l;
      l.kind = ast::LitKind::Date;
      l.span = span(c->DATE());
      l.text = c->DATE()->getText();
      l.value = date(c->DATE());
      h.date = l;
      h.date_span = at;
    } else if (c->EVAL_DATE()) {
      once(seen_eval_date_, at, "评价日期");
      ast::Literal l;
      l.kind = ast::LitKind::Date;
      l.span = span(c->DATE());
      l.text = c->DATE()->getText();
      l.value = date(c->DATE());
      h.eval_date = l;
    } else if (c->ROUNDING()) {
      once(seen_rounding_, at, "舍入");
      std::string m = text(c->ROUND_MODE());
      if (m == "四舍五入") h.rounding = RoundingMode::HalfUp;
      else if (m == "向下取整" || m == "舍去") h.rounding = RoundingMode::Down;
      else if (m == "向上取整" || m == "进一") h.rounding = RoundingMode::Up;
      else h.rounding = RoundingMode::HalfEven;
      if (auto* u = c->roundUnit()) {
        std::string t = u->getText();
        h.rounding_unit = t == "元" ? RoundingUnit::Yuan : t == "角" ? RoundingUnit::Jiao : RoundingUnit::Fen;
        if (t == "万元" || t == "亿元") {
          Diagnostic d = make_diag(DiagCode::E0201, span(u), {t, "「分」「角」「元」"});
          sink_.report(std::move(d));
        }
      }
      h.rounding_written = true;
      h.rounding_span = at;
    }
    push(ast::Item::Kind::Header, 0);
  }

  // payerDecl : PAYER name (COLON | IS)? payerAttr (COMMA payerAttr)* PERIOD ;
  void payer(P::PayerDeclContext* c) {
    ast::PayerDecl p;
    p.name = name(c->name());
    p.span = span(c);
    for (auto* a : c->payerAttr()) {
      if (a->DEFAULT()) { p.is_default = true; continue; }
      std::string r = a->getText();
      p.role = r == "本级" ? PayerRole::Local : r == "上级" ? PayerRole::Upper : PayerRole::Other;
    }
    push(ast::Item::Kind::Payer, out_.payers.size());
    out_.payers.push_back(std::move(p));
  }

  // factDecl : kind=(FACT | INDICATOR) nameList COLON typeSpec (COMMA factAttr)* PERIOD ;
  void fact(P::FactDeclContext* c) {
    ast::FactDecl f;
    f.span = span(c);
    f.indicator = c->kind->getType() == P::INDICATOR;
    f.names = names(c->nameList(), false, "声明的各个事实", "多个事实用「、」或「和」列出：事实「甲」、「乙」：是否。");
    auto* ts = c->typeSpec();
    f.type.span = span(ts);
    f.type.word = text(ts->TYPE());
    const std::string& w = f.type.word;
    f.type.type = w == "金额" ? ValueType::Money : w == "比例" ? ValueType::Rate : w == "数量" ? ValueType::Count
                : w == "是否" ? ValueType::Bool : w == "选项" ? ValueType::Option : w == "日期" ? ValueType::Date
                : w == "清单" ? ValueType::Count : ValueType::Points;
    f.type.list = w == "清单";
    if (auto* arg = ts->typeArg()) {
      if (arg->unitWord()) f.type.unit = unit_name(arg->unitWord()->getText());
      if (arg->nameList()) f.type.options = names(arg->nameList());
    }
    for (auto* a : c->factAttr()) {
      if (auto* d = dynamic_cast<P::FactDefaultContext*>(a)) f.def = value(d->value());
      else if (auto* fr = dynamic_cast<P::FactFromContext*>(a)) f.from = name(fr->name());
      else if (auto* sc = dynamic_cast<P::FactScopeContext*>(a)) f.scope = text(sc->SCOPE());
      else if (auto* io = dynamic_cast<P::FactItemOfContext*>(a)) f.item_of = name(io->name());
    }
    push(ast::Item::Kind::Fact, out_.facts.size());
    out_.facts.push_back(std::move(f));
  }

  // defineDecl : DEFINE name COLON defineBody PERIOD ;
  void define(P::DefineDeclContext* c) {
    ast::Define d;
    d.name = name(c->name());
    d.span = span(c);
    d.article = article_;
    auto* body = c->defineBody();
    if (auto* b = dynamic_cast<P::BandDefineContext*>(body)) {
      d.kind = ast::Define::Kind::Bands;
      d.band_on = name(b->name());
      if (b->shareOf()) d.band_share = share(b->shareOf());
      for (auto* band : b->band()) {
        ast::Band bd;
        bd.span = span(band);
        if (!band->value().empty()) bd.value = value(band->value().back());
        if (band->OTHERWISE()) {
          bd.otherwise = true;
          bd.none = band->NOT_SUPPORTED() != nullptr;
        } else {
          bounds(band->comparison(), band->TO(), band->TO() ? band->value(0) : nullptr, band->incl(), band->getStart(), bd.lo, bd.hi);
        }
        d.bands.push_back(std::move(bd));
      }
    } else if (auto* t = dynamic_cast<P::TopupDefineContext*>(body)) {
      d.kind = ast::Define::Kind::TopUp;
      d.standard = value(t->value());
      d.received = name(t->name());
      d.minus = text(t->MINUS());
    } else if (auto* s = dynamic_cast<P::SumDefineContext*>(body)) {
      d.kind = ast::Define::Kind::Sum;
      d.terms = names(s->nameList(), false, "相加的各项", "写作「甲得分」、「乙得分」之和");
    } else if (auto* k = dynamic_cast<P::CaseDefineContext*>(body)) {
      d.kind = ast::Define::Kind::Cases;
      for (auto* br : k->caseBranch()) {
        ast::CaseBranch cb;
        cb.span = span(br);
        cb.cond = cond(br->cond());
        cb.value = value(br->value());
        d.cases.push_back(std::move(cb));
      }
      if (k->OTHERWISE() && k->value()) d.otherwise = value(k->value());
      d.otherwise_none = k->NOT_SUPPORTED() != nullptr;
    } else if (auto* cd = dynamic_cast<P::CondDefineContext*>(body)) {
      d.kind = ast::Define::Kind::Cond;
      d.cond = cond(cd->cond());
    }
    push(ast::Item::Kind::Define, out_.defines.size());
    out_.defines.push_back(std::move(d));
  }

  // targetDecl : TARGET COLON? (TO NUMBER YEAR COMMA?)? name (FROM literal)? comparison PERIOD ;
  void target(P::TargetDeclContext* c) {
    ast::Target t;
    t.span = span(c);
    t.indicator = name(c->name());
    if (c->NUMBER()) {
      Rational y = number(c->NUMBER());
      t.year = y.is_integer() ? static_cast<int>(y.num()) : 0;
    }
    if (c->literal()) t.baseline = literal(c->literal());
    t.cmp = comparison(c->comparison());
    push(ast::Item::Kind::Target, out_.targets.size());
    out_.targets.push_back(std::move(t));
  }

  // chapterDecl : ORDINAL NUMBER CHAPTER COLON? STRING? PERIOD ;
  void chapter(P::ChapterDeclContext* c) {
    ast::Chapter ch;
    ch.span = span(c);
    ch.number = text(c->NUMBER());
    if (c->STRING()) ch.title = str(c->STRING());
    chapter_ = static_cast<int>(out_.chapters.size());
    push(ast::Item::Kind::Chapter, out_.chapters.size());
    out_.chapters.push_back(std::move(ch));
    last_rule_ = -1;
  }

  // articleDecl : ORDINAL articleNo ARTICLE COLON? STRING? PERIOD ;
  void article(P::ArticleDeclContext* c) {
    ast::Article a;
    a.span = span(c);
    a.number = c->articleNo()->getText();
    if (c->STRING()) a.title = str(c->STRING());
    a.chapter = chapter_;
    article_ = static_cast<int>(out_.articles.size());
    push(ast::Item::Kind::Article, out_.articles.size());
    out_.articles.push_back(std::move(a));
    last_rule_ = -1;
  }

  // ruleDecl : RULE name COLON clause (clauseSep clause)* PERIOD ;   clauseSep : SEMI | COMMA ;
  void rule(P::RuleDeclContext* c) {
    ast::Rule r;
    r.name = name(c->name());
    r.span = span(c);
    r.article = article_;
    auto seps = c->clauseSep();
    for (auto* cl : c->clause()) {
      r.branches.push_back(clause(cl));
      size_t k = r.branches.size() - 1;
      if (k > 0 && k - 1 < seps.size() && seps[k - 1]->COMMA()) r.branches.back().joined_by_comma = true;
    }
    join_awards(r);
    last_rule_ = static_cast<int>(out_.rules.size());
    push(ast::Item::Kind::Rule, out_.rules.size());
    out_.rules.push_back(std::move(r));
  }

  // capDecl : CAP name COLON nameList TOTAL? COMMA? payPart+ PERIOD ;
  void cap_group(P::CapDeclContext* c) {
    ast::CapGroup g;
    g.name = name(c->name());
    g.span = span(c);
    g.article = article_;
    g.members = names(c->nameList(), false, "上限合计的规则", "合计的规则用「、」或「和」列出：「甲」、「乙」合计，……");
    g.body = atoms(c->payPart());
    for (const ast::Atom& a : g.body)
      if (a.kind == ast::Atom::Kind::Amount || a.kind == ast::Atom::Kind::Rate) g.limits.push_back(a.lit);
    push(ast::Item::Kind::Cap, out_.caps.size());
    out_.caps.push_back(std::move(g));
  }

  // noDupDecl : NODUP name COLON nameList NODUP NOUN* (COMMA (HIGHEST | PRIORITY))? PERIOD ;
  void nodup(P::NoDupDeclContext* c) {
    ast::NoDupGroup g;
    g.name = name(c->name());
    g.span = span(c);
    g.article = article_;
    g.members = names(c->nameList(), false, "不重复的规则", "写作「甲」、「乙」不重复支持");
    g.words = text(c->NODUP(1));
    for (auto* n : c->NOUN()) g.words += text(n);
    if (c->PRIORITY()) {
      g.mode = NoDupMode::First;
      g.mode_written = true;
    } else if (c->HIGHEST()) {
      g.mode_written = true;
    }
    push(ast::Item::Kind::NoDup, out_.nodups.size());
    out_.nodups.push_back(std::move(g));
  }

  // constraintDecl : CONSTRAINT name COLON name PER_ENTITY? SUBJECT? AVERAGE NOUN* cmpPre value PERIOD ;
  void constraint(P::ConstraintDeclContext* c) {
    ast::Constraint k;
    k.name = name(c->name(0));
    k.rule = name(c->name(1));
    k.span = span(c);
    k.article = article_;
    k.words = src_.text().substr(c->name(1)->getStop()->getStopIndex() + 1,
                                 c->value()->getStart()->getStartIndex() - c->name(1)->getStop()->getStopIndex() - 1);
    auto* pre = c->cmpPre();
    k.op = pre->GE_PRE() ? CmpOp::Ge : pre->LE_PRE() ? CmpOp::Le : pre->GT_PRE() ? CmpOp::Gt : CmpOp::Lt;
    k.value = value(c->value());
    push(ast::Item::Kind::Constraint, out_.constraints.size());
    out_.constraints.push_back(std::move(k));
  }

  // deptDecl : deptList (SEMI deptList)* PERIOD ;
  void depts(P::DeptDeclContext* c) {
    std::vector<ast::Dept> list;
    for (auto* d : c->deptList()) {
      ast::Dept dept;
      dept.span = span(c);
      dept.role = text(d->DEPT_ROLE());
      for (auto* s : d->STRING()) dept.units.push_back(str(s));
      reject_or(d->listSep(), "单位", "各单位用「、」或「和」列出：配合单位：“区财政局”、“区税务局”");
      list.push_back(std::move(dept));
    }
    if (article_ >= 0) {
      auto& a = out_.articles[static_cast<size_t>(article_)].depts;
      a.insert(a.end(), list.begin(), list.end());
    }
    push(ast::Item::Kind::Dept, static_cast<size_t>(std::max(article_, 0)));
  }

  // noteDecl : NOTE COLON? STRING PERIOD ;   attached to the rule, group, constraint or definition
  // right before it, else to the article, else to the policy.
  void note(P::NoteDeclContext* c) {
    std::string s = str(c->STRING());
    auto append = [&](std::string& to) {
      if (!to.empty()) to += "\n";
      to += s;
    };
    // A 后语 continues the statement before it: the note belongs to that statement.
    auto back = out_.order.rbegin();
    while (back != out_.order.rend() && back->kind == ast::Item::Kind::Prose &&
           out_.prose[static_cast<size_t>(back->index)].kind == ast::Prose::Kind::Tail)
      ++back;
    if (back != out_.order.rend()) {
      const ast::Item& last = *back;
      size_t i = static_cast<size_t>(last.index);
      switch (last.kind) {
        case ast::Item::Kind::Cap: append(out_.caps[i].note); push(ast::Item::Kind::Note, 0); return;
        case ast::Item::Kind::NoDup: append(out_.nodups[i].note); push(ast::Item::Kind::Note, 0); return;
        case ast::Item::Kind::Constraint: append(out_.constraints[i].note); push(ast::Item::Kind::Note, 0); return;
        case ast::Item::Kind::Define: append(out_.defines[i].note); push(ast::Item::Kind::Note, 0); return;
        default: break;
      }
    }
    if (last_rule_ >= 0) {
      ast::Rule& r = out_.rules[static_cast<size_t>(last_rule_)];
      if (!r.note.empty()) r.note += "\n";
      r.note += s;
      r.note_span = span(c);
    } else if (article_ >= 0) {
      ast::Article& a = out_.articles[static_cast<size_t>(article_)];
      if (!a.note.empty()) a.note += "\n";
      a.note += s;
    } else {
      out_.header.notes.push_back(s);
    }
    push(ast::Item::Kind::Note, 0);
  }

  // reviewDecl : REVIEW COLON? STRING PERIOD ;   the fair-competition review of the rule before it.
  void review(P::ReviewDeclContext* c) {
    if (last_rule_ < 0) {
      sink_.report(make_diag(DiagCode::E0201, span(c->REVIEW()), {text(c->REVIEW()), "规则（公平竞争审查意见写在它所审查的规则之后）"}));
      return;
    }
    ast::Rule& r = out_.rules[static_cast<size_t>(last_rule_)];
    if (!r.review.empty()) r.review += "\n";
    r.review += str(c->STRING());
    r.review_span = span(c);
    push(ast::Item::Kind::Review, static_cast<size_t>(last_rule_));
  }

  // ---- the document's own text ----

  static bool is_decision(ast::Item::Kind k) {
    switch (k) {
      case ast::Item::Kind::Rule: case ast::Item::Kind::Define: case ast::Item::Kind::Cap: case ast::Item::Kind::NoDup:
      case ast::Item::Kind::Constraint: case ast::Item::Kind::Target:
        return true;
      default:
        return false;
    }
  }

  static constexpr const char* kDecisionWords = "规则、定义、上限、不重复、约束或目标";

  void unattached_lead(const ast::Prose& lead) {
    // The statement starts with the keyword 引语 (two characters, six bytes).
    sink_.report(make_diag(DiagCode::E0201, Span{file_, lead.span.begin, lead.span.begin + 6},
                           {"引语", std::string(kDecisionWords) + "（引语写在它引出的语句之前）"}));
  }

  // sectionDecl : ORDINAL (LPAREN NUMBER RPAREN | NUMBER) SECTION COLON? STRING? PERIOD ;
  void section(P::SectionDeclContext* c) {
    ast::Section sec;
    sec.span = span(c);
    sec.number = text(c->NUMBER());
    if (c->STRING()) sec.title = str(c->STRING());
    push(ast::Item::Kind::Section, out_.sections.size());
    out_.sections.push_back(std::move(sec));
  }

  void push_prose(ast::Prose&& p) {
    push(ast::Item::Kind::Prose, out_.prose.size());
    out_.prose.push_back(std::move(p));
  }

  // proseDecl : kw=(BODY | LEAD | TAIL | ADDRESSEE | REMARK) COLON? STRING PERIOD ;
  void prose(P::ProseDeclContext* c) {
    ast::Prose p;
    p.span = span(c);
    p.text = str(c->STRING());
    switch (c->kw->getType()) {
      case P::BODY: p.kind = ast::Prose::Kind::Body; break;
      case P::LEAD: p.kind = ast::Prose::Kind::Lead; break;
      case P::TAIL: p.kind = ast::Prose::Kind::Tail; break;
      case P::ADDRESSEE: p.kind = ast::Prose::Kind::Addressee; break;
      default: p.kind = ast::Prose::Kind::Remark; break;
    }
    if (p.kind == ast::Prose::Kind::Tail) {
      // The decision before it, past its notes, reviews and other 后语.
      for (auto it = out_.order.rbegin(); it != out_.order.rend(); ++it) {
        if (it->kind == ast::Item::Kind::Note || it->kind == ast::Item::Kind::Review) continue;
        if (it->kind == ast::Item::Kind::Prose && out_.prose[static_cast<size_t>(it->index)].kind == ast::Prose::Kind::Tail) continue;
        if (is_decision(it->kind)) p.attached = *it;
        break;
      }
      if (!p.attached) {
        sink_.report(make_diag(DiagCode::E0201, span(c->TAIL()),
                               {text(c->TAIL()), std::string(kDecisionWords) + "（后语写在它所接续的语句之后）"}));
        return;
      }
    }
    if (p.kind == ast::Prose::Kind::Lead) pending_lead_ = static_cast<int>(out_.prose.size());
    push_prose(std::move(p));
  }

  // listDecl : kw=(LIST | ATTACHMENT | COPY_TO) COLON? STRING ((ENUM_SEP | SEMI | COMMA | LIST_AND) STRING)* PERIOD ;
  void prose_list(P::ListDeclContext* c) {
    ast::Prose p;
    p.span = span(c);
    p.kind = c->kw->getType() == P::LIST ? ast::Prose::Kind::List
             : c->kw->getType() == P::ATTACHMENT ? ast::Prose::Kind::Attachment
                                                 : ast::Prose::Kind::CopyTo;
    for (auto* s : c->STRING()) p.items.push_back(str(s));
    push_prose(std::move(p));
  }

  // printedDecl : PRINTED COLON? STRING (COMMA? DATE)? PERIOD ;
  void printed(P::PrintedDeclContext* c) {
    ast::Prose p;
    p.span = span(c);
    p.kind = ast::Prose::Kind::Printed;
    p.text = str(c->STRING());
    if (c->DATE()) {
      ast::Literal l;
      l.kind = ast::LitKind::Date;
      l.span = span(c->DATE());
      l.text = c->DATE()->getText();
      l.value = date(c->DATE());
      p.date = l;
    }
    push_prose(std::move(p));
  }

  // exampleDecl : EXAMPLE name COLON assignment (COMMA assignment)* SEMI EXPECT COLON? expectation (…)* PERIOD ;
  void example(P::ExampleDeclContext* c) {
    ast::Example e;
    e.name = name(c->name());
    e.span = span(c);
    for (auto* a : c->assignment()) e.facts.push_back(assignment(a));
    for (auto* x : c->expectation()) e.expects.push_back(expectation(x));
    push(ast::Item::Kind::Example, out_.examples.size());
    out_.examples.push_back(std::move(e));
  }

  // assignment : name IS (value | itemRow (ENUM_SEP itemRow)*) ;   itemRow : LPAREN assignment (COMMA assignment)* RPAREN ;
  ast::Assignment assignment(P::AssignmentContext* a) {
    ast::Assignment as;
    as.span = span(a);
    as.fact = name(a->name());
    if (a->value()) {
      as.value = value(a->value());
      return as;
    }
    as.is_items = true;
    for (auto* row : a->itemRow()) {
      std::vector<ast::Assignment> item;
      for (auto* x : row->assignment()) item.push_back(assignment(x));
      as.items.push_back(std::move(item));
      as.item_spans.push_back(span(row));
    }
    return as;
  }

  ast::Expectation expectation(P::ExpectationContext* c) {
    ast::Expectation x;
    x.span = span(c);
    P::ExpectValueContext* v = nullptr;
    if (auto* r = dynamic_cast<P::ExpectRuleContext*>(c)) {
      x.kind = ast::Expectation::Kind::Rule;
      x.target = name(r->name(0));
      if (r->name().size() > 1) x.payer = name(r->name(1));
      v = r->expectValue();
    } else if (auto* t = dynamic_cast<P::ExpectTotalContext*>(c)) {
      x.kind = ast::Expectation::Kind::Total;
      x.target = name(t->name());
      v = t->expectValue();
    }
    if (auto* a = dynamic_cast<P::ExpectAmountContext*>(v)) {
      x.what = ast::Expectation::What::Amount;
      x.selective = a->SELECT() != nullptr;
      x.upto = a->MAX() != nullptr;
      x.amount = amount(a->amount(0));
      if (a->amount().size() > 1) x.amount_hi = amount(a->amount(1));
    } else if (auto* g = dynamic_cast<P::ExpectAtLeastContext*>(v)) {
      x.what = ast::Expectation::What::Amount;
      x.at_least = true;
      x.amount = amount(g->amount());
    } else if (auto* d = dynamic_cast<P::ExpectDeductContext*>(v)) {
      x.what = ast::Expectation::What::Deduct;
      x.amount = amount(d->amount());
    } else if (dynamic_cast<P::ExpectCaseContext*>(v)) {
      x.what = ast::Expectation::What::Case;
    } else if (auto* u = dynamic_cast<P::ExpectUnspecContext*>(v)) {
      x.what = ast::Expectation::What::Unspec;
      x.selective = u->SELECT() != nullptr;
      if (u->amount()) x.unspec_max = amount(u->amount());
    } else if (dynamic_cast<P::ExpectNoneContext*>(v)) {
      x.what = ast::Expectation::What::None;
    } else if (auto* bf = dynamic_cast<P::ExpectBenefitContext*>(v)) {
      x.what = ast::Expectation::What::Benefit;
      x.selective = bf->SELECT() != nullptr;
    } else if (dynamic_cast<P::ExpectExcludedContext*>(v)) {
      x.what = ast::Expectation::What::Excluded;
    }
    return x;
  }

  static constexpr int kMaxDepth = 64;

 private:
  FileId file_;
  const SourceFile& src_;
  DiagSink& sink_;
  ast::Policy& out_;
  int chapter_ = -1;
  int article_ = -1;
  int last_rule_ = -1;
  int pending_lead_ = -1;  // a 引语 waiting for the decision it leads into
  LiteralReader lit_;
  bool seen_title_ = false, seen_issuer_ = false, seen_docno_ = false, seen_status_ = false, seen_date_ = false,
       seen_eval_date_ = false, seen_rounding_ = false;
};

std::vector<std::unique_ptr<antlr4::Token>> to_antlr(const SourceFile& src, const LexResult& lexed) {
  std::vector<std::unique_ptr<antlr4::Token>> out;
  out.reserve(lexed.tokens.size() + 1);
  for (const Token& t : lexed.tokens) {
    auto tok = std::make_unique<antlr4::CommonToken>(t.type);
    tok->setText(src.text().substr(t.begin, t.end - t.begin));
    tok->setStartIndex(t.begin);
    tok->setStopIndex(t.end == 0 ? 0 : t.end - 1);
    // No line/column here: computing them per token is quadratic on long lines, and diagnostics
    // compute them from byte spans only when they print.
    tok->setChannel(t.hidden ? antlr4::Token::HIDDEN_CHANNEL : antlr4::Token::DEFAULT_CHANNEL);
    tok->setTokenIndex(out.size());
    out.push_back(std::move(tok));
  }
  auto eof = std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF);
  uint32_t end = static_cast<uint32_t>(src.text().size());
  eof->setStartIndex(end);
  eof->setStopIndex(end == 0 ? 0 : end - 1);
  eof->setText("<EOF>");
  eof->setTokenIndex(out.size());
  out.push_back(std::move(eof));
  return out;
}

// After an abandoned statement: skip to just past the next 。, or to a statement keyword that
// starts a line (the 。 was probably forgotten), whichever comes first.
void resync(antlr4::CommonTokenStream& ts, const SourceFile& src, size_t start_index) {
  if (ts.index() <= start_index) ts.consume();
  while (ts.LA(1) != antlr4::Token::EOF) {
    antlr4::Token* t = ts.LT(1);
    if (t->getType() == P::PERIOD) {
      ts.consume();
      return;
    }
    if (starts_statement(t->getType()) && t->getTokenIndex() > start_index) {
      uint32_t b = static_cast<uint32_t>(t->getStartIndex());
      uint32_t line_start = src.line_start(src.line_col(b).line);
      std::string_view before = std::string_view(src.text()).substr(line_start, b - line_start);
      bool first_on_line = before.find_first_not_of(" \t\xe3\x80\x80") == std::string_view::npos ||
                           before.find_first_not_of(" \t") == std::string_view::npos;
      if (first_on_line) return;
    }
    ts.consume();
  }
}

// The generated parser recurses once per （ and per 未: a statement nested deeper than the limit is
// reported (E0203) and removed before parsing, so no input can exhaust the stack.
void drop_too_deep(LexResult& lexed, FileId file, DiagSink& sink) {
  std::vector<Token> kept;
  kept.reserve(lexed.tokens.size());
  size_t start = 0;
  int depth = 0, nots = 0;
  bool too_deep = false;
  for (size_t i = 0; i < lexed.tokens.size(); ++i) {
    const Token& t = lexed.tokens[i];
    if (!t.hidden && !too_deep) {
      if (t.type == P::LPAREN) ++depth;
      if (t.type == P::RPAREN && depth > 0) --depth;
      nots = t.type == P::NOT ? nots + 1 : 0;
      if (depth + nots > Builder::kMaxDepth) {
        sink.report(make_diag(DiagCode::E0203, Span{file, t.begin, t.end}, {std::to_string(Builder::kMaxDepth)}));
        too_deep = true;
      }
    }
    if (t.type == P::PERIOD || i + 1 == lexed.tokens.size()) {
      if (!too_deep) kept.insert(kept.end(), lexed.tokens.begin() + static_cast<long>(start), lexed.tokens.begin() + static_cast<long>(i) + 1);
      start = i + 1;
      depth = nots = 0;
      too_deep = false;
    }
  }
  lexed.tokens = std::move(kept);
}

}  // namespace

std::shared_ptr<ast::Policy> parse(const SourceManager& sm, FileId file, DiagSink& sink) {
  const SourceFile& src = sm.file(file);
  LexResult lexed = lex(src, file, sink);
  if (lexed.fatal) return nullptr;
  auto policy = std::make_shared<ast::Policy>();
  policy->file = file;
  policy->unknown_names.assign(lexed.unknown.begin(), lexed.unknown.end());
  std::sort(policy->unknown_names.begin(), policy->unknown_names.end());
  policy->bare_scales = lexed.bare_scales;

  drop_too_deep(lexed, file, sink);
  antlr4::ListTokenSource source(to_antlr(src, lexed));
  antlr4::CommonTokenStream tokens(&source);
  P parser(&tokens);
  ErrorListener listener(file, src, sink);
  listener.lexical_errors = lexed.error_offsets;
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
  parser.setErrorHandler(std::make_shared<StatementErrorStrategy>());
  Builder b(file, src, lexed.tokens, sink, *policy);
  // Names that are never a condition — payers (出资方), options (选项（……）), rules — so a clause that
  // opens with one opens with its award (grammar: opensConditions).
  std::vector<std::string> not_conditions;
  bool at_start = true;
  for (size_t i = 0; i + 1 < lexed.tokens.size(); ++i) {
    const Token& t = lexed.tokens[i];
    if (t.hidden) continue;
    if ((t.type == P::PAYER || t.type == P::RULE) && at_start && lexed.tokens[i + 1].type == P::NAME)
      not_conditions.emplace_back(name_text(src, lexed.tokens[i + 1]));
    at_start = t.type == P::PERIOD;
    if (t.type == P::TYPE && lexed.tokens[i + 1].type == P::LPAREN)
      for (size_t k = i + 2; k < lexed.tokens.size() && lexed.tokens[k].type != P::RPAREN && lexed.tokens[k].type != P::PERIOD; ++k)
        if (lexed.tokens[k].type == P::NAME) not_conditions.emplace_back(name_text(src, lexed.tokens[k]));
  }
  std::sort(not_conditions.begin(), not_conditions.end());
  parser.notCondition = [&](antlr4::Token* t) {
    Token tk{0, false, static_cast<uint32_t>(t->getStartIndex()), static_cast<uint32_t>(t->getStopIndex() + 1)};
    return std::binary_search(not_conditions.begin(), not_conditions.end(), std::string(name_text(src, tk)));
  };

  // Two-stage parsing: SLL prediction (fast, no full-context lookahead) first, silently; only a
  // statement that SLL cannot parse is parsed again with full LL, which reports the real error.
  // For a grammar whose ambiguities resolve to the first alternative either way, a statement that
  // SLL accepts gets the same tree LL would give.
  auto* sim = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  tokens.fill();
  while (tokens.LA(1) != antlr4::Token::EOF) {
    size_t start = tokens.index();
    listener.statement_begin = static_cast<uint32_t>(tokens.LT(1)->getStartIndex());
    parser.removeErrorListeners();
    sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    // The parse tree of a statement is freed as soon as the builder has read it (the builder keeps
    // no pointer into it): freeing while it is hot in cache, and keeping the heap small, is several
    // per cent of the front end's time compared with one large free when the parser goes.
    try {
      P::StatementContext* st = parser.statement();
      b.statement(st);
      b.after_statement();
      parser.getTreeTracker().reset();
      continue;
    } catch (const StatementAbandoned&) {
      parser.getTreeTracker().reset();
      tokens.seek(start);
    }
    parser.addErrorListener(&listener);
    sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
    try {
      P::StatementContext* st = parser.statement();
      b.statement(st);
      b.after_statement();
      parser.getTreeTracker().reset();
    } catch (const StatementAbandoned&) {
      parser.getTreeTracker().reset();
      // A declaration whose name was read is still declared, so later uses of the name do not
      // report it again as undeclared.
      antlr4::Token* first = tokens.get(start);
      if (start + 1 < tokens.size() && tokens.get(start + 1)->getType() == P::NAME &&
          (first->getType() == P::RULE || first->getType() == P::FACT || first->getType() == P::INDICATOR ||
           first->getType() == P::DEFINE || first->getType() == P::PAYER || first->getType() == P::CAP ||
           first->getType() == P::NODUP || first->getType() == P::CONSTRAINT)) {
        antlr4::Token* n = tokens.get(start + 1);
        Token t{0, false, static_cast<uint32_t>(n->getStartIndex()), static_cast<uint32_t>(n->getStopIndex() + 1)};
        policy->broken_names.emplace_back(name_text(src, t));
      }
      resync(tokens, src, start);
    }
  }
  b.finish();
  settle_range_ends(*policy);
  return policy;
}

}  // namespace zc::syntax
