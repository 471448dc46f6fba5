// Literal values from tokens (see literal.h). The shapes are the grammar's (ZhengceParser.g4, rules
// amount, rate, literal and incl), matched here over token types; values are exact Rationals.
#include "compiler/syntax/literal.h"

#include <algorithm>

#include "base/numparse.h"
#include "base/units.h"
#include "base/utf8.h"
#include "compiler/syntax/domain.h"

namespace zc::syntax {
namespace {

std::optional<Rational> number_value(std::string_view text) {
  size_t i = 0;
  char32_t cp = 0;
  if (!utf8_next(text, i, cp)) return std::nullopt;
  return is_digit_cp(cp) ? parse_digits(text) : parse_chinese_numeral(text);
}

std::optional<Rational> money_multiplier(std::string_view unit) {
  if (unit == "元") return Rational(1);
  if (unit == "万元" || unit == "万") return Rational(10000);  // 万 alone: 500万 (E0105, read as 万元)
  if (unit == "亿元" || unit == "亿") return Rational(100000000);
  return std::nullopt;
}

bool unit_word(uint16_t t) { return t == tok::UNIT || t == tok::MEASURE || t == tok::YEAR || t == tok::FEN; }

}  // namespace

Span LiteralReader::span(size_t first, size_t last) const { return Span{file_, tokens_[first].begin, tokens_[last].end}; }

std::string_view LiteralReader::text(size_t index) const {
  const Token& t = tokens_[index];
  return std::string_view(src_.text()).substr(t.begin, t.end - t.begin);
}

Rational LiteralReader::number(size_t index) {
  std::string_view t = text(index);
  auto v = number_value(t);
  if (!v) {
    // The lexer has already reported a number it could not read (E0105, E0108): say it once.
    Span at = span(index, index);
    bool known = std::any_of(sink_.all().begin(), sink_.all().end(),
                             [&](const Diagnostic& d) { return d.has_span && d.span.file == at.file && d.span.begin == at.begin; });
    if (!known) sink_.report(make_diag(DiagCode::E0105, at, {std::string(t)}));
    return Rational(0);
  }
  return *v;
}

Rational LiteralReader::date(size_t index) {
  // The lexer guarantees number 年 number 月 number 日, each number in digits or Chinese numerals.
  std::string_view t = text(index);
  int64_t parts[3] = {0, 0, 0};
  int k = 0;
  std::string cur;
  for (size_t i = 0; i < t.size();) {
    size_t j = i;
    char32_t cp = 0;
    if (!utf8_next(t, j, cp)) break;
    if (cp == U'年' || cp == U'月' || cp == U'日') {
      auto v = number_value(cur);
      parts[k++] = v && v->is_integer() ? v->num() : 0;
      cur.clear();
    } else {
      cur += t.substr(i, j - i);
    }
    i = j;
  }
  auto d = day_number(parts[0], parts[1], parts[2]);
  if (!d) {
    sink_.report(make_diag(DiagCode::E0107, span(index, index), {std::string(t)}));
    return Rational(0);
  }
  return Rational(*d);
}

Rational LiteralReader::scaled(const Rational& v, std::string_view unit, Span at, const std::string& shown) {
  auto r = v.mul(*money_multiplier(unit));
  if (!r) {
    sink_.report(make_diag(DiagCode::E0108, at, {shown}));
    return Rational(0);
  }
  return *r;
}

std::optional<ast::Literal> LiteralReader::incl_value(size_t first, size_t last) {
  std::vector<size_t> t;
  std::string written;
  for (size_t i = first; i <= last; ++i) {
    if (tokens_[i].hidden) continue;
    t.push_back(i);
    written += text(i);
  }
  // LPAREN INCL NUMBER (unitWord | MONEY_UNIT) RPAREN
  if (t.size() != 5 || tokens_[t[2]].type != tok::NUMBER) return std::nullopt;
  ast::Literal l;
  l.span = span(first, last);
  l.text = written;
  l.value = number(t[2]);
  l.unit = std::string(text(t[3]));
  if (tokens_[t[3]].type == tok::MONEY_UNIT) {
    l.kind = ast::LitKind::Money;
    l.value = scaled(l.value, l.unit, l.span, l.text);
  } else {
    l.kind = ast::LitKind::Count;
    l.unit = unit_name(l.unit);
  }
  return l;
}

std::optional<ast::Literal> LiteralReader::literal(size_t first, size_t last) {
  std::vector<size_t> t;
  for (size_t i = first; i <= last && i < tokens_.size(); ++i)
    if (!tokens_[i].hidden) t.push_back(i);
  if (t.empty()) return std::nullopt;
  const uint16_t head = tokens_[t[0]].type;
  if (t.size() == 1 && (head == tok::NUMBER || head == tok::DATE)) {
    // literal : NUMBER | DATE
    ast::Literal l;
    l.span = span(t[0], t[0]);
    l.text = std::string(text(t[0]));
    l.kind = head == tok::DATE ? ast::LitKind::Date : ast::LitKind::Number;
    l.value = head == tok::DATE ? date(t[0]) : number(t[0]);
    return l;
  }
  return amount_or_rate(t);
}

// amount : NUMBER incl? (DASH | TO) NUMBER incl? MONEY_UNIT        # rangeShared
//        | NUMBER MONEY_UNIT (DASH | TO) NUMBER incl? MONEY_UNIT   # rangeFull
//        | NUMBER incl? MONEY_UNIT                                # money
//        | NUMBER incl? unitWord                                  # count
// rate   : NUMBER (PERCENT | PERMILLE) | (PCT_PREFIX | PML_PREFIX | PART_PREFIX) NUMBER | NUMBER COLON NUMBER
// incl   : LPAREN INCL (NUMBER (unitWord | MONEY_UNIT))? RPAREN   (in an amount, only its presence counts)
std::optional<ast::Literal> LiteralReader::amount_or_rate(const std::vector<size_t>& t) {
  auto type = [&](size_t k) -> uint16_t { return k < t.size() ? tokens_[t[k]].type : uint16_t{0}; };
  // An incl mark at k: its length in tokens (3 for （含）, 5 for （含2家）), or 0.
  auto incl_at = [&](size_t k) -> size_t {
    if (type(k) != tok::LPAREN || type(k + 1) != tok::INCL) return 0;
    if (type(k + 2) == tok::RPAREN) return 3;
    bool value = type(k + 2) == tok::NUMBER && (unit_word(type(k + 3)) || type(k + 3) == tok::MONEY_UNIT);
    return value && type(k + 4) == tok::RPAREN ? 5 : 0;
  };
  ast::Literal l;
  l.span = span(t.front(), t.back());
  l.text = std::string(std::string_view(src_.text()).substr(l.span.begin, l.span.end - l.span.begin));
  const size_t n = t.size();

  if ((type(0) == tok::PCT_PREFIX || type(0) == tok::PML_PREFIX || type(0) == tok::PART_PREFIX) && type(1) == tok::NUMBER && n == 2) {
    // 百分之二十  千分之一点五  万分之一  十万分之五  百万分之五
    l.kind = ast::LitKind::Rate;
    l.unit = std::string(text(t[0]));
    int64_t den = type(0) == tok::PCT_PREFIX ? 100 : type(0) == tok::PML_PREFIX ? 1000
                : l.unit == "万分之" ? 10000 : l.unit == "十万分之" ? 100000 : 1000000;
    auto v = number(t[1]).div(Rational(den));
    l.value = v ? *v : Rational(0);
    return l;
  }
  if (type(0) != tok::NUMBER) return std::nullopt;
  if ((type(1) == tok::PERCENT || type(1) == tok::PERMILLE) && n == 2) {
    l.kind = ast::LitKind::Rate;
    bool pml = type(1) == tok::PERMILLE;
    l.unit = pml ? "‰" : "%";
    auto v = number(t[0]).div(Rational(pml ? 1000 : 100));
    l.value = v ? *v : Rational(0);
    return l;
  }
  if (type(1) == tok::COLON && type(2) == tok::NUMBER && n == 3) {
    // a∶b: the second relative to the first (配套 1∶1 = 100%).
    l.kind = ast::LitKind::Rate;
    l.unit = "∶";
    Rational a = number(t[0]);
    Rational b = number(t[2]);
    auto v = a.sign() == 0 ? std::nullopt : b.div(a);
    if (!v) {
      sink_.report(make_diag(DiagCode::E0105, l.span, {l.text}));
      v = Rational(0);
    }
    l.value = *v;
    return l;
  }
  if (type(1) == tok::MONEY_UNIT && (type(2) == tok::DASH || type(2) == tok::TO) && type(3) == tok::NUMBER) {
    // rangeFull: each end in its own unit.
    size_t k = 4 + incl_at(4);
    if (type(k) != tok::MONEY_UNIT || k + 1 != n) return std::nullopt;
    l.kind = ast::LitKind::Money;
    l.unit = std::string(text(t[k]));
    l.value = scaled(number(t[0]), text(t[1]), l.span, l.text);
    l.hi = scaled(number(t[3]), l.unit, l.span, l.text);
    l.incl_mark = l.hi_mark = incl_at(4) > 0;
    return l;
  }
  size_t k = 1 + incl_at(1);
  bool incl = k > 1;
  if ((type(k) == tok::DASH || type(k) == tok::TO) && type(k + 1) == tok::NUMBER) {
    // rangeShared: both ends in the unit written last.
    size_t u = k + 2 + incl_at(k + 2);
    l.lo_mark = incl;
    l.hi_mark = u > k + 2;
    incl = incl || u > k + 2;
    if (type(u) != tok::MONEY_UNIT || u + 1 != n) return std::nullopt;
    l.kind = ast::LitKind::Money;
    l.unit = std::string(text(t[u]));
    l.value = scaled(number(t[0]), l.unit, l.span, l.text);
    l.hi = scaled(number(t[k + 1]), l.unit, l.span, l.text);
    l.incl_mark = incl;
    return l;
  }
  if (k + 1 != n) return std::nullopt;
  if (type(k) == tok::MONEY_UNIT) {
    l.kind = ast::LitKind::Money;
    l.unit = std::string(text(t[k]));
    l.value = scaled(number(t[0]), l.unit, l.span, l.text);
    l.incl_mark = incl;
    return l;
  }
  if (unit_word(type(k))) {
    l.kind = ast::LitKind::Count;
    l.unit = unit_name(text(t[k]));
    l.value = number(t[0]);
    l.incl_mark = incl;
    return l;
  }
  return std::nullopt;
}

std::optional<ast::Literal> read_literal(std::string_view text) {
  SourceManager sm;
  FileId id = sm.add("<value>", std::string(text));
  DiagSink sink;
  const SourceFile& src = sm.file(id);
  LexResult lexed = lex(src, id, sink);
  if (lexed.fatal || sink.error_count() > 0 || lexed.tokens.empty()) return std::nullopt;
  LiteralReader reader(src, id, lexed.tokens, sink);
  std::optional<ast::Literal> l = reader.literal(0, lexed.tokens.size() - 1);
  if (!l || sink.error_count() > 0) return std::nullopt;
  return l;
}

}  // namespace zc::syntax
