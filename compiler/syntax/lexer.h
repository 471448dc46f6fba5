// The lexer: UTF-8 text to tokens, by hand (ANTLR's generated lexer is slow on CJK text and cannot
// match declared names). Keywords and declared names are matched together, longest first; names in
// 「」 are collected in a first pass so that a name declared once may be written bare afterwards.
// It does not know grammar: it never decides what a name refers to.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/diag.h"
#include "base/source.h"
#include "compiler/syntax/token_types.h"

namespace zc::syntax {

struct Token {
  uint16_t type = 0;   // a tok:: token type (token_types.h, generated from keywords.def)
  bool hidden = false; // comments: kept for the formatter, invisible to the parser
  uint32_t begin = 0;  // byte offsets in the file
  uint32_t end = 0;
};

struct LexResult {
  std::vector<Token> tokens;             // without the final EOF
  std::unordered_set<uint32_t> unknown;  // begin offsets of NAME tokens made from unrecognised text
  bool fatal = false;                    // the file could not be read at all (invalid UTF-8, too large)
  std::vector<uint32_t> error_offsets;   // where lexical errors were reported, in order
  std::vector<Span> bare_scales;         // 20万, 5000万(含): a number and 万 or 亿 with no 元, read as 万元 (W0619)
};

inline constexpr size_t kMaxSourceBytes = 64u * 1024u * 1024u;

LexResult lex(const SourceFile& file, FileId id, DiagSink& sink);

// The text of a NAME token without its 「」, or the STRING token's content without its quotes.
std::string_view name_text(const SourceFile& file, const Token& t);
std::string_view string_text(const SourceFile& file, const Token& t);

// The parser's end of input (ANTLR's Token::EOF), as token_display and token_name know it.
inline constexpr size_t kEndOfInput = static_cast<size_t>(-1);

// How a token type is shown in messages: 「给予」 for a keyword (its first spelling), the display
// name for other tokens (名称, 数字, ，).
std::string token_display(size_t type);

// The symbolic token name from keywords.def ("GIVE", "NAME"; "COMMENT"; "EOF").
std::string token_name(size_t type);

// Every keyword spelling with its token type name and meaning, in table order (for docs and tools).
struct KeywordEntry {
  const char* token;
  const char* spelling;
  const char* meaning;
  size_t type;
};
const std::vector<KeywordEntry>& keyword_table();

// Whether a name ends with a noun that names a kind of applicant or thing (高新技术企业, 工程技术研究中心,
// 科技企业孵化器) rather than a quality one has (社会贡献大, 连续三年纳税). With `recipient`, only the
// heads that name who is paid after 给予 (机构, 单位, 企业, 团队, 人员, 个人, 部门).
bool names_a_kind(std::string_view name, bool recipient = false);

}  // namespace zc::syntax
