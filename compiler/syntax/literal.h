// Literals as the language writes them — 10万元, 100-500万元, 20-30（含）万元, 100万元至500万元, 20%,
// 1.5‰, 百分之二十, 1∶1, 2家, 30分, 2024年2月21日, 十万, 3 — read from the lexer's tokens into
// ast::Literal. The grammar decides where a literal stands (rules amount, rate, literal, incl); this
// file alone computes what it says, for the AST builder and for facts files (read_literal), with no
// parser and no ANTLR, so the facts reader (facts/) links the lexer only.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "base/diag.h"
#include "base/rational.h"
#include "base/source.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/lexer.h"

namespace zc::syntax {

class LiteralReader {
 public:
  // INVARIANT: `tokens` are the lexer's tokens of `src` (hidden comments included); indices below are
  // into them, and every range given holds the tokens of one literal, as the parser matched it.
  LiteralReader(const SourceFile& src, FileId file, const std::vector<Token>& tokens, DiagSink& sink)
      : src_(src), file_(file), tokens_(tokens), sink_(sink) {}

  // The literal in tokens [first, last] (comments among them are skipped): money (one amount or a
  // range), a count, a rate, a plain number or a date. nullopt when the tokens are not one literal.
  // A number it cannot read (E0105), an amount too large (E0108) or a date that does not exist
  // (E0107) is reported and reads as 0.
  std::optional<ast::Literal> literal(size_t first, size_t last);
  // incl : LPAREN INCL (NUMBER (unitWord | MONEY_UNIT))? RPAREN — the number a （含……） repeats, as
  // in 2家（含2家）以上; nullopt for a bare （含）.
  std::optional<ast::Literal> incl_value(size_t first, size_t last);
  // A NUMBER token's value (digits or Chinese numerals); one that cannot be read is reported once.
  Rational number(size_t index);
  // A DATE token's day number (2024年2月21日).
  Rational date(size_t index);
  // `v` in the money unit `unit` (元, 万元, 亿元) as 元; an amount too large is reported (E0108,
  // showing `shown` at `at`) and reads as 0. The lower end of 20（含）-30万元 takes the upper's unit.
  Rational scaled(const Rational& v, std::string_view unit, Span at, const std::string& shown);

 private:
  Span span(size_t first, size_t last) const;
  std::string_view text(size_t index) const;
  std::optional<ast::Literal> amount_or_rate(const std::vector<size_t>& t);

  const SourceFile& src_;
  FileId file_;
  const std::vector<Token>& tokens_;
  DiagSink& sink_;
};

// Reads exactly one literal from `text` (a facts file's value, a registry cell): nullopt when the
// text is anything else or has a lexical error.
std::optional<ast::Literal> read_literal(std::string_view text);

}  // namespace zc::syntax
