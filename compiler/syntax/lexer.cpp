// The lexer (see lexer.h). Two passes: collect every 「name」, then scan, matching keywords and
// names longest-first from one table keyed by first code point. Unrecognised text becomes one
// diagnostic and a NAME token flagged as unknown, so parsing continues without a cascade.
#include "compiler/syntax/lexer.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "base/numparse.h"
#include "base/utf8.h"

namespace zc::syntax {
namespace {

struct RawKeyword {
  const char* token;
  size_t type;
  const char* spelling;
  const char* meaning;
};

const RawKeyword kKeywords[] = {
#define TOKEN(name, display)
#define KW(name, spelling, meaning) {#name, tok::name, spelling, meaning},
#define WORD(name, word)
#include "compiler/syntax/keywords.def"
#undef WORD
#undef KW
#undef TOKEN
};

struct RawToken {
  size_t type;
  const char* display;
  const char* name;
};
const RawToken kTokenDisplays[] = {
#define TOKEN(name, display) {tok::name, display, #name},
#define KW(name, spelling, meaning)
#define WORD(name, word)
#include "compiler/syntax/keywords.def"
#undef WORD
#undef KW
#undef TOKEN
};

struct Candidate {
  std::string_view text;  // UTF-8 bytes of the keyword or name
  uint16_t type;          // token type; tok::NAME for names
};

// Candidates by first code point, longest first; a keyword beats a name of the same length.
class Matcher {
 public:
  void add(std::string_view text, uint16_t type) {
    size_t i = 0;
    char32_t cp = 0;
    if (!utf8_next(text, i, cp)) return;
    table_[cp].push_back(Candidate{text, type});
  }
  void finish() {
    for (auto& [cp, v] : table_) {
      std::stable_sort(v.begin(), v.end(), [](const Candidate& a, const Candidate& b) {
        if (a.text.size() != b.text.size()) return a.text.size() > b.text.size();
        return a.type != tok::NAME && b.type == tok::NAME;
      });
    }
  }
  // Longest candidate matching at `pos` (whose first code point is cp), or nullptr.
  const Candidate* match(std::string_view src, size_t pos, char32_t cp) const {
    auto it = table_.find(cp);
    if (it == table_.end()) return nullptr;
    for (const Candidate& c : it->second) {
      if (src.size() - pos >= c.text.size() && src.compare(pos, c.text.size(), c.text) == 0) return &c;
    }
    return nullptr;
  }

 private:
  std::unordered_map<char32_t, std::vector<Candidate>> table_;
};

const Matcher& keywords() {
  static const Matcher m = [] {
    Matcher k;
    for (const RawKeyword& kw : kKeywords) k.add(kw.spelling, static_cast<uint16_t>(kw.type));
    k.finish();
    return k;
  }();
  return m;
}

// Keywords that begin a statement and never continue one: when one starts a line, the line before
// should have ended with 。.
bool starts_line_statement(uint16_t t) {
  switch (t) {
    case tok::POLICY: case tok::ISSUER: case tok::ISSUED: case tok::EVAL_DATE: case tok::DOCNO: case tok::STATUS: case tok::ROUNDING:
    case tok::PAYER: case tok::FACT: case tok::INDICATOR: case tok::DEFINE: case tok::TARGET: case tok::RULE: case tok::CAP:
    case tok::NODUP: case tok::CONSTRAINT: case tok::NOTE: case tok::REVIEW: case tok::EXAMPLE: case tok::DEPT_ROLE: case tok::ORDINAL:
    case tok::BODY: case tok::LEAD: case tok::TAIL: case tok::LIST: case tok::ADDRESSEE: case tok::ATTACHMENT: case tok::REMARK:
    case tok::COPY_TO: case tok::PRINTED:
      return true;
    default:
      return false;
  }
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0x00A0 || cp == 0xFEFF ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F;
}

// Single-character punctuation and signs.
int punct_type(char32_t cp) {
  switch (cp) {
    case U'，': case U',': return tok::COMMA;
    case U'、': return tok::ENUM_SEP;
    case U'；': case U';': return tok::SEMI;
    case U'。': return tok::PERIOD;
    case U'：': case U':': case U'∶': return tok::COLON;
    case U'（': case U'(': return tok::LPAREN;
    case U'）': case U')': return tok::RPAREN;
    case U'-': case U'—': case U'－': case U'～': case U'~': case U'–': return tok::DASH;
    case U'%': case U'％': return tok::PERCENT;
    case U'‰': return tok::PERMILLE;
    default: return 0;
  }
}

// Keywords that end a run of unrecognised text: the structure words around a name.
bool stops_unknown(uint16_t type) {
  switch (type) {
    case tok::OF: case tok::GIVE: case tok::FOR: case tok::AND: case tok::OR: case tok::IS: case tok::BY:
    case tok::AFTER: case tok::WHEN: case tok::GE_PRE: case tok::GE_POST: case tok::LE_PRE: case tok::LE_POST:
    case tok::GT_PRE: case tok::LT_PRE: case tok::NAME: case tok::RESPECTIVELY: case tok::SELECT: case tok::DO:
      return true;
    default:
      return false;
  }
}

// Words drafters write that the language spells another way: an unknown run containing the
// fragment gets the documented form as its help (E0102), instead of "declare it as a name".
struct NearForm {
  const char* fragment;
  const char* zh;
  const char* en;
};
const NearForm kNearForms[] = {
    {"申请人", "按申请人计的上限写作“单个企业”“每家”“单户”，如 单个企业年度最高100万元", "a per-applicant cap is written 单个企业/每家/单户: 单个企业年度最高100万元"},
    {"同一企业", "按企业计的上限写作“单个企业”，如 单个企业年度最高100万元", "write 单个企业, e.g. 单个企业年度最高100万元"},
    {"同一单位", "按单位计的上限写作“单个”“每家”，如 每家每年最高50万元", "write 单个 or 每家"},
    {"单家", "写作“单个企业”或“每家”，如 单个企业年度最高100万元", "write 单个企业 or 每家"},
    {"最多", "上限写作“最高”或“不超过”，如 最高50万元", "write 最高 or 不超过: 最高50万元"},
    {"上限为", "上限写作“最高”或“不超过”，如 最高50万元", "write 最高 or 不超过"},
    {"最高为", "写作“最高50万元”（不加“为”）", "write 最高50万元 (without 为)"},
    {"可", "“可给予”写作“给予”；酌情给予写作“择优给予”", "write 给予, or 择优给予 for a discretionary award"},
    {"叠加", "在另一项奖励之上加发的写作一条单独的规则；给付名目写作 奖励、补助，如 按「增长量」的万分之一给予奖励", "an award on top of another is a rule of its own: 按「增长量」的万分之一给予奖励"},
    {"奖金", "给付的名目写作 奖励、补助、资金、奖补 等，如 给予10万元奖励", "name the award with 奖励、补助、资金: 给予10万元奖励"},
};

bool ends_cap_words(uint16_t type) {
  switch (type) {
    case tok::SCOPE: case tok::MAX: case tok::PER_ENTITY: case tok::UNSPEC: case tok::CASE: case tok::SOME_RATE: case tok::SOME_AMOUNT: case tok::SAME_AMOUNT:
    case tok::VAGUE:
      return true;
    default:
      return false;
  }
}

class Lexer {
 public:
  Lexer(const SourceFile& f, FileId id, DiagSink& sink) : f_(f), src_(f.text()), id_(id), sink_(sink) {}

  LexResult run() {
    size_t before = sink_.all().size();
    if (src_.size() > kMaxSourceBytes) {
      sink_.report(make_diag(DiagCode::E0109, Span{id_, 0, 0},
                             {std::to_string(src_.size()), std::to_string(kMaxSourceBytes)}));
      out_.fatal = true;
      return std::move(out_);
    }
    if (auto bad = utf8_first_invalid(src_)) {
      uint32_t b = static_cast<uint32_t>(*bad);
      sink_.report(make_diag(DiagCode::E0101, Span{id_, b, b + 1}, {std::to_string(b)}));
      out_.fatal = true;
      return std::move(out_);
    }
    collect_names();
    names_matcher_.finish();
    scan();
    for (size_t i = before; i < sink_.all().size(); ++i) {
      const Diagnostic& d = sink_.all()[i];
      if (d.code != DiagCode::E0202) out_.error_offsets.push_back(d.span.begin);
    }
    return std::move(out_);
  }

 private:
  char32_t peek(size_t pos, size_t* next = nullptr) const {
    size_t i = pos;
    char32_t cp = 0;
    utf8_next(src_, i, cp);  // INVARIANT: the whole file was validated as UTF-8 in run()
    if (next) *next = i;
    return cp;
  }

  // Pass 1: the names that may later be written bare are those written in 「」 inside declarations
  // (事实, 指标, 出资方, 定义 statements: facts, indicators, payers, options, definitions), anywhere
  // after; and the names of rules, groups and constraints (the name a 规则, 上限, 不重复 or 约束
  // statement declares), but only where a rule is named — in 上限, 不重复, 约束 and 案例 statements
  // (rule_refs_) — so a rule called 「保费补贴」 never captures the words 保费补贴 in a clause.
  // Strings are skipped so that quotes inside them are text.
  void collect_names() {
    static constexpr std::string_view kDecl[] = {"事实", "指标", "出资方", "定义"};
    static constexpr std::string_view kRuleDecl[] = {"规则", "上限", "不重复", "约束"};
    size_t pos = 0;
    bool at_start = true, in_decl = false, in_rule_decl = false;
    while (pos < src_.size()) {
      size_t next = 0;
      char32_t cp = peek(pos, &next);
      if (is_space(cp)) { pos = next; continue; }
      if (cp == '#' || cp == U'＃') {
        size_t nl = src_.find('\n', pos);
        pos = nl == std::string_view::npos ? src_.size() : nl;
        continue;
      }
      if (at_start) {
        in_decl = in_rule_decl = false;
        for (std::string_view k : kDecl) in_decl = in_decl || src_.compare(pos, k.size(), k) == 0;
        for (std::string_view k : kRuleDecl) in_rule_decl = in_rule_decl || src_.compare(pos, k.size(), k) == 0;
        at_start = false;
      }
      if (in_decl && src_.compare(pos, kOptionKw.size(), kOptionKw) == 0) collect_bare_options(pos + kOptionKw.size());
      if (cp == U'「') {
        size_t close = find_name_end(next);
        if (close != std::string_view::npos && close > next) {
          if (in_decl) names_.push_back(src_.substr(next, close - next));
          if (in_rule_decl) rule_names_matcher_.add(src_.substr(next, close - next), tok::NAME);
          in_rule_decl = false;  // only the name the statement declares
          pos = close + 3;  // 」 is three bytes
          continue;
        }
      } else if (cp == U'“') {
        size_t end = find_string_end(next);
        if (end != std::string_view::npos) { pos = end; continue; }
      } else if (cp == U'。') {
        at_start = true;
      }
      pos = next;
    }
    for (std::string_view n : names_) names_matcher_.add(n, tok::NAME);
    rule_names_matcher_.finish();
  }

  // Options may be declared without 「」, as drafters write them: 选项（国家级、省级、市级）. Each
  // item between （ and the matching ）, separated by 、, that is not already in 「」 becomes a
  // name, so that it lexes as one NAME here and wherever the policy uses it.
  static constexpr std::string_view kOptionKw = "选项";
  void collect_bare_options(size_t pos) {
    while (pos < src_.size() && is_space(peek(pos))) peek(pos, &pos);
    if (pos >= src_.size() || peek(pos) != U'（') return;
    peek(pos, &pos);
    size_t item = pos;
    int depth = 0;
    auto take = [&](size_t end) {
      std::string_view t = src_.substr(item, end - item);
      while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
      while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
      if (!t.empty() && t.find("「") == std::string_view::npos && t.find("“") == std::string_view::npos) {
        names_.push_back(t);
        check_joined_option(static_cast<size_t>(t.data() - src_.data()), t);
      }
    };
    while (pos < src_.size()) {
      size_t next = 0;
      char32_t cp = peek(pos, &next);
      if (cp == '\n' || cp == U'。') return;  // unclosed: the parser reports it
      if (cp == U'（') ++depth;
      if (cp == U'）' && depth-- == 0) {
        take(pos);
        return;
      }
      if (cp == U'、' && depth == 0) {
        take(pos);
        item = next;
      }
      pos = next;
    }
  }

  // 选项（国家级、省级和市级）: bare options are separated by 、 only, so an item that reads as two
  // options joined by a list connector (和 及 与 以及 或 或者) would silently become one option
  // 「省级和市级」. Which was meant — two options, or one whose name holds the word — only the
  // drafter knows: E0209 asks. A connector inside a word (涉及, 参与, 和谐) leaves a part of one
  // character or none, and is not a join.
  void check_joined_option(size_t begin, std::string_view item) {
    static constexpr std::string_view kJoins[] = {"以及", "或者", "和", "及", "与", "或"};
    auto cps = [](std::string_view t) {
      size_t n = 0, i = 0;
      char32_t cp = 0;
      while (i < t.size() && utf8_next(t, i, cp)) ++n;
      return n;
    };
    for (size_t i = 0; i < item.size();) {
      for (std::string_view j : kJoins) {
        if (item.compare(i, j.size(), j) != 0) continue;
        std::string_view left = item.substr(0, i), right = item.substr(i + j.size());
        if (cps(left) < 2 || cps(right) < 2) break;
        std::string l(left), r(right), whole(item);
        sink_.report(make_diag(DiagCode::E0209, span(begin, begin + item.size()),
                               {std::string(j), "选项声明中的两个选项（「" + whole + "」）",
                                "两个选项用「、」分隔：" + l + "、" + r + "；若是一个选项，把它写在「」中：「" + whole + "」"}));
        return;
      }
      size_t next = i;
      char32_t cp = 0;
      if (!utf8_next(item, next, cp)) return;
      i = next;
    }
  }

  // The longest keyword or declared name at pos (rule names too where a rule is named); a keyword
  // wins a tie.
  const Candidate* match(size_t pos, char32_t cp) const {
    const Candidate* k = keywords().match(src_, pos, cp);
    const Candidate* n = names_matcher_.match(src_, pos, cp);
    if (rule_refs_) {
      const Candidate* r = rule_names_matcher_.match(src_, pos, cp);
      if (r && (!n || r->text.size() > n->text.size())) n = r;
    }
    if (!n) return k;
    if (!k) return n;
    return n->text.size() > k->text.size() ? n : k;
  }

  // Byte offset of the 」 closing a name that starts at `from`, or npos if the line ends first.
  size_t find_name_end(size_t from) const {
    size_t pos = from;
    while (pos < src_.size()) {
      size_t next = 0;
      char32_t cp = peek(pos, &next);
      if (cp == U'」') return pos;
      if (cp == '\n' || cp == U'「') return std::string_view::npos;
      pos = next;
    }
    return std::string_view::npos;
  }

  // Offset just past the ” that closes a “ whose content starts at `from` (nesting allowed).
  size_t find_string_end(size_t from) const {
    int depth = 1;
    size_t pos = from;
    while (pos < src_.size()) {
      size_t next = 0;
      char32_t cp = peek(pos, &next);
      if (cp == U'“') ++depth;
      if (cp == U'”' && --depth == 0) return next;
      pos = next;
    }
    return std::string_view::npos;
  }

  void emit(uint16_t type, size_t b, size_t e, bool hidden = false) {
    out_.tokens.push_back(Token{type, hidden, static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    if (hidden) return;
    // The statement kind, for the names that may be written bare in it (collect_names).
    if (statement_start_) {
      rule_refs_ = type == tok::CAP || type == tok::NODUP || type == tok::CONSTRAINT || type == tok::EXAMPLE;
      statement_kind_ = type;
    }
    statement_start_ = type == tok::PERIOD;
  }

  Span span(size_t b, size_t e) const { return Span{id_, static_cast<uint32_t>(b), static_cast<uint32_t>(e)}; }

  // Length in bytes of a run of Chinese numeral characters at pos (点 only between numerals).
  size_t chinese_numeral_len(size_t pos) const {
    size_t p = pos;
    while (p < src_.size()) {
      size_t next = 0;
      char32_t cp = peek(p, &next);
      if (is_chinese_numeral_cp(cp)) { p = next; continue; }
      if (cp == U'点' && p > pos && next < src_.size()) {
        size_t after = 0;
        char32_t c2 = peek(next, &after);
        if (is_chinese_numeral_cp(c2)) { p = next; continue; }
      }
      break;
    }
    return p - pos;
  }

  // ASCII or full-width digits with at most one decimal point.
  size_t digits_len(size_t pos) const {
    size_t p = pos;
    bool dot = false;
    while (p < src_.size()) {
      size_t next = 0;
      char32_t cp = peek(p, &next);
      if ((cp >= '0' && cp <= '9') || (cp >= U'０' && cp <= U'９')) { p = next; continue; }
      if ((cp == '.' || cp == U'．') && !dot && p > pos && next < src_.size()) {
        char32_t c2 = peek(next);
        if ((c2 >= '0' && c2 <= '9') || (c2 >= U'０' && c2 <= U'９')) { dot = true; p = next; continue; }
      }
      // A thousands separator (5,000万元, 5，000万元): a comma between two digits is part of the
      // number; parse_digits checks the grouping.
      if ((cp == ',' || cp == U'，') && !dot && p > pos && next < src_.size() && is_digit_cp(peek(next))) {
        p = next;
        continue;
      }
      break;
    }
    return p - pos;
  }

  // A date starting at pos: its length, or 0. Each of year, month and day is written in digits
  // (2024年2月21日) or in Chinese numerals (二〇二四年二月二十一日, 2024年十二月一日), whole numbers only.
  size_t date_len(size_t pos) const {
    static const char32_t kParts[] = {U'年', U'月', U'日'};
    size_t p = pos;
    for (char32_t sep : kParts) {
      if (p >= src_.size()) return 0;
      const char32_t first = peek(p);
      size_t n = 0;
      if (is_digit_cp(first)) {
        n = digits_len(p);
        std::string_view part = src_.substr(p, n);
        if (part.find_first_of(".,") != std::string_view::npos || part.find("．") != std::string_view::npos ||
            part.find("，") != std::string_view::npos)
          return 0;
      } else if (is_chinese_numeral_cp(first)) {
        n = chinese_numeral_len(p);
        std::string_view part = src_.substr(p, n);
        if (part.find("点") != std::string_view::npos || !parse_chinese_numeral(part)) return 0;
      }
      if (n == 0) return 0;
      p += n;
      if (p >= src_.size()) return 0;
      size_t next = 0;
      if (peek(p, &next) != sep) return 0;
      p = next;
    }
    return p - pos;
  }

  void scan() {
    size_t pos = 0;
    while (pos < src_.size()) {
      size_t next = 0;
      char32_t cp = peek(pos, &next);
      if (is_space(cp)) { pos = next; continue; }
      if (cp < 0x20 || cp == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
        sink_.report(make_diag(DiagCode::E0110, span(pos, next), {buf}));
        pos = next;
        continue;
      }
      if (cp == '#' || cp == U'＃') {
        size_t nl = src_.find('\n', pos);
        size_t end = nl == std::string_view::npos ? src_.size() : nl;
        if (end > pos && src_[end - 1] == '\r') --end;
        emit(tok::COMMENT, pos, end, true);
        pos = end;
        continue;
      }
      if (cp == U'「') { pos = lex_name(pos, next); continue; }
      if (cp == U'“' ) {
        // “一事一议” is a keyword; any other quoted text is a STRING.
        if (const Candidate* c = match(pos, cp)) {
          emit(c->type, pos, pos + c->text.size());
          pos += c->text.size();
          continue;
        }
        pos = lex_string(pos, next);
        continue;
      }
      if (cp == '"') { pos = lex_ascii_string(pos, next); continue; }
      if ((cp >= '0' && cp <= '9') || (cp >= U'０' && cp <= U'９')) { pos = lex_digits(pos); continue; }

      const Candidate* c = match(pos, cp);
      size_t klen = c ? c->text.size() : 0;
      size_t nlen = is_chinese_numeral_cp(cp) ? chinese_numeral_len(pos) : 0;
      if (size_t d = nlen ? date_len(pos) : 0; d > klen) {
        emit(tok::DATE, pos, pos + d);
        pos += d;
        continue;
      }
      if (nlen > klen) {
        if (!parse_chinese_numeral(src_.substr(pos, nlen))) {
          sink_.report(make_diag(DiagCode::E0105, span(pos, pos + nlen), {std::string(src_.substr(pos, nlen))}));
        }
        emit(tok::NUMBER, pos, pos + nlen);
        pos += nlen;
        continue;
      }
      if (c) {
        if (starts_line_statement(c->type)) insert_missing_period(pos);
        emit(c->type, pos, pos + klen);
        pos += klen;
        continue;
      }
      if (int t = punct_type(cp)) {
        emit(static_cast<uint16_t>(t), pos, next);
        pos = next;
        continue;
      }
      pos = lex_unknown(pos);
    }
  }

  bool first_on_line(size_t pos) const {
    size_t ls = src_.rfind('\n', pos == 0 ? 0 : pos - 1);
    ls = ls == std::string_view::npos ? 0 : ls + 1;
    if (pos > 0 && src_[pos - 1] == '\n') return true;
    size_t p = ls;
    while (p < pos) {
      size_t next = 0;
      if (!is_space(peek(p, &next))) return false;
      p = next;
    }
    return true;
  }

  // A statement keyword at the start of a line after a statement that did not end with 。: the 。
  // was forgotten. Report it once and supply it, so the next statement parses normally.
  void insert_missing_period(size_t pos) {
    if (!first_on_line(pos)) return;
    for (auto it = out_.tokens.rbegin(); it != out_.tokens.rend(); ++it) {
      if (it->hidden) continue;
      if (it->type == tok::PERIOD) return;
      uint32_t at = it->end;
      sink_.report(make_diag(DiagCode::E0202, Span{id_, at, at}));
      out_.tokens.push_back(Token{tok::PERIOD, false, at, at});
      return;
    }
  }

  size_t lex_name(size_t pos, size_t content) {
    size_t close = find_name_end(content);
    if (close == std::string_view::npos) {
      sink_.report(make_diag(DiagCode::E0103, span(pos, content)));
      // The name runs to the next 「 or the end of the line; the statement's syntax errors are not
      // reported (the parser knows a lexical error came first).
      size_t nl = src_.find('\n', content);
      size_t end = nl == std::string_view::npos ? src_.size() : nl;
      size_t open = src_.find("「", content);
      if (open != std::string_view::npos && open < end) end = open;
      out_.unknown.insert(static_cast<uint32_t>(pos));
      emit(tok::NAME, pos, end);
      return end;
    }
    if (close == content) sink_.report(make_diag(DiagCode::E0106, span(pos, close + 3)));
    emit(tok::NAME, pos, close + 3);
    return close + 3;
  }

  size_t lex_string(size_t pos, size_t content) {
    size_t end = find_string_end(content);
    if (end == std::string_view::npos) {
      sink_.report(make_diag(DiagCode::E0104, span(pos, content)));
      emit(tok::STRING, pos, src_.size());
      return src_.size();
    }
    emit(tok::STRING, pos, end);
    return end;
  }

  size_t lex_ascii_string(size_t pos, size_t content) {
    size_t end = src_.find('"', content);
    if (end == std::string_view::npos) {
      sink_.report(make_diag(DiagCode::E0104, span(pos, content)));
      emit(tok::STRING, pos, src_.size());
      return src_.size();
    }
    emit(tok::STRING, pos, end + 1);
    return end + 1;
  }

  size_t lex_digits(size_t pos) {
    if (size_t d = date_len(pos)) {
      emit(tok::DATE, pos, pos + d);
      return pos + d;
    }
    size_t n = digits_len(pos);
    std::string_view text = src_.substr(pos, n);
    std::string plain;
    if (!strip_thousands(text, plain)) {
      Diagnostic d = make_diag(DiagCode::E0105, span(pos, pos + n), {std::string(text)});
      d.help_override = Text{"千位分隔符把整数部分每三位分开，如 5,000万元、1,200,000元；不是分隔符时，逗号后留出空格或改用「、」",
                             "thousands separators group the integer part in threes: 5,000万元, 1,200,000元"};
      sink_.report(std::move(d));
    } else if (!parse_digits(text)) {
      sink_.report(make_diag(DiagCode::E0108, span(pos, pos + n), {std::string(text)}));
    }
    emit(tok::NUMBER, pos, pos + n);
    return pos + n + missing_yuan(pos, pos + n);
  }

  // 500万以内, 20万(含), 20 万(含): a scale with no 元, as texts write it where the amount is money. It is
  // read as 万元 (亿元) — the literal is then money, and a comparison with a count or a rate is a type error
  // as for any amount — and the checker asks the drafter to confirm it (W0619, answered by quoting the
  // figure in the rule's 说明); returns the bytes consumed after the number.
  size_t missing_yuan(size_t num_begin, size_t p) {
    size_t at = p;
    while (at < src_.size() && (src_[at] == ' ' || src_[at] == '\t')) ++at;  // 20 万: the page's spacing
    if (at >= src_.size()) return 0;
    size_t next = 0;
    char32_t cp = peek(at, &next);
    if (cp != U'万' && cp != U'亿') return 0;
    if (const Candidate* c = match(at, cp); c && c->type == tok::MONEY_UNIT) return 0;
    if (next < src_.size() && is_chinese_numeral_cp(peek(next))) return 0;
    out_.bare_scales.push_back(span(num_begin, next));
    emit(tok::MONEY_UNIT, at, next);
    return next - p;
  }

  // Unrecognised text: one diagnostic for the whole run, which ends at white space, punctuation,
  // a digit, a name, or a structure word such as 的 or 给予.
  size_t lex_unknown(size_t pos) {
    size_t p = pos;
    while (p < src_.size()) {
      size_t next = 0;
      char32_t cp = peek(p, &next);
      if (p > pos) {
        if (is_space(cp) || punct_type(cp) || cp == U'「' || cp == U'“' || cp == '"' || cp == '#' ||
            (cp >= '0' && cp <= '9') || (cp >= U'０' && cp <= U'９'))
          break;
        // A structure word, or a two-character word of a cap or period (每年, 累计, 最高, 单个): the
        // run is only the text no keyword explains, so the caret lands on it.
        if (const Candidate* c = match(p, cp); c && (stops_unknown(c->type) || (c->text.size() >= 6 && ends_cap_words(c->type)))) break;
      }
      p = next;
    }
    std::string text(src_.substr(pos, p - pos));
    if (size_t from = recipient_begin(pos, p)) {
      // 给予科技服务机构2万元, 给予其管理机构50万元: who receives the award, with the 其 before it.
      if (from - 1 < pos) out_.tokens.pop_back();
      emit(tok::RECIPIENT, from - 1, p);
      return p;
    }
    if (after_pronoun()) {
      // 按其投入2%: the words after 其 name the amount the conditions compare (no meaning of their own).
      emit(tok::SUBJECT, pos, p);
      return p;
    }
    if (size_t q = subject_end(p)) {
      // 对……的科技型中小企业，: who the clause is for, in the drafter's words (no meaning of its own).
      emit(tok::SUBJECT, pos, q);
      return q;
    }
    Diagnostic d = make_diag(DiagCode::E0102, span(pos, p), {text});
    for (const NearForm& n : kNearForms) {
      std::string_view f = n.fragment;
      if (f.size() <= 3 ? text != f : text.find(f) == std::string::npos) continue;  // one character: the whole run
      d.help_override = Text{n.zh, n.en};
      break;
    }
    if (text == ".") {
      d.help_override = Text{"句末请用中文句号「。」", "end a statement with the Chinese full stop 。"};
      sink_.report(std::move(d));
      emit(tok::PERIOD, pos, p);  // read as the 。 it stands for, so the statement still parses
      return p;
    }
    sink_.report(std::move(d));
    out_.unknown.insert(static_cast<uint32_t>(pos));
    emit(tok::NAME, pos, p);
    return p;
  }

  // An unknown run written right after 给予 (or 给予其) that ends with a word naming who is paid (机构,
  // 单位, 企业, 团队, 人员…) and runs into the amount (a number, 最高, 不超过, 一次性): the recipient, as in
  // 给予科技服务机构2万元资金奖励, 分别给予其管理机构50万元、30万元. Returns where it begins, plus 1 (the
  // 其 included), or 0.
  size_t recipient_begin(size_t pos, size_t end) const {
    if (statement_kind_ != tok::RULE) return 0;
    std::string_view run = src_.substr(pos, end - pos);
    if (!names_a_kind(run, true)) return 0;
    size_t at = end;
    while (at < src_.size() && is_space(peek(at))) peek(at, &at);
    if (at >= src_.size()) return 0;
    char32_t cp = peek(at);
    const Candidate* c = match(at, cp);
    bool into_amount = (cp >= '0' && cp <= '9') || (cp >= U'０' && cp <= U'９') || is_chinese_numeral_cp(cp) ||
                       (c && (c->type == tok::MAX || c->type == tok::LE_PRE || c->type == tok::SCOPE));
    if (!into_amount) return 0;
    std::vector<const Token*> prev;
    for (auto it = out_.tokens.rbegin(); it != out_.tokens.rend() && prev.size() < 2; ++it)
      if (!it->hidden) prev.push_back(&*it);
    if (!prev.empty() && prev[0]->type == tok::GIVE && prev[0]->end == pos) return pos + 1;
    if (prev.size() == 2 && prev[0]->type == tok::PRONOUN && prev[1]->type == tok::GIVE && prev[0]->end == pos)
      return prev[0]->begin + 1;
    return 0;
  }

  bool after_pronoun() const {
    if (statement_kind_ != tok::RULE) return false;
    for (auto it = out_.tokens.rbegin(); it != out_.tokens.rend(); ++it)
      if (!it->hidden) return it->type == tok::PRONOUN;
    return false;
  }

  // An unknown run that stands where a clause names who it is for: right after 的, in a rule, and
  // followed by ，, 给予 or 。 (对「首次认定」的科技型中小企业，给予……).
  // Returns where the subject ends (after any subject words such as 企业 that follow), or 0.
  size_t subject_end(size_t end) const {
    if (statement_kind_ != tok::RULE) return 0;
    const Token* prev = nullptr;
    for (auto it = out_.tokens.rbegin(); it != out_.tokens.rend(); ++it)
      if (!it->hidden) { prev = &*it; break; }
    if (!prev || prev->type != tok::OF) return 0;
    while (end < src_.size()) {
      char32_t cp = peek(end);
      if (cp == U'，' || cp == U',') return end;
      const Candidate* c = match(end, cp);
      if (c && c->type == tok::GIVE) return end;
      if (!c || c->type != tok::SUBJECT) return 0;
      end += c->text.size();
    }
    return 0;
  }

  const SourceFile& f_;
  std::string_view src_;
  FileId id_;
  DiagSink& sink_;
  Matcher names_matcher_;
  Matcher rule_names_matcher_;   // names declared by 规则, 上限, 不重复, 约束
  bool statement_start_ = true;  // the next token begins a statement
  bool rule_refs_ = false;       // in a 上限, 不重复, 约束 or 案例 statement
  uint16_t statement_kind_ = 0;  // the first token of the statement being lexed
  std::vector<std::string_view> names_;
  LexResult out_;
};

}  // namespace

bool names_a_kind(std::string_view name, bool recipient) {
  struct Head {
    std::string_view text;
    bool recipient;
  };
  static constexpr Head kHeads[] = {
      {"机构", true}, {"单位", true}, {"企业", true}, {"团队", true}, {"人员", true}, {"个人", true}, {"部门", true},
      {"人才", false}, {"项目", false}, {"平台", false}, {"中心", false}, {"基地", false}, {"园区", false},
      {"孵化器", false}, {"空间", false}, {"站", false}, {"实验室", false}, {"院", false}, {"所", false},
      {"学校", false}, {"高校", false}, {"大学", false}, {"对象", false}, {"载体", false}, {"公司", false},
      {"集团", false}, {"专家", false}, {"组织", false}, {"协会", false}, {"联盟", false}, {"银行", false},
      {"企业家", false}, {"园", false}, {"产品", false}, {"装备", false},
  };
  for (const Head& h : kHeads)
    if ((h.recipient || !recipient) && name.size() >= h.text.size() + (recipient ? 1 : 0) && name.substr(name.size() - h.text.size()) == h.text)
      return true;
  return false;
}

LexResult lex(const SourceFile& file, FileId id, DiagSink& sink) { return Lexer(file, id, sink).run(); }

std::string_view name_text(const SourceFile& file, const Token& t) {
  std::string_view s = std::string_view(file.text()).substr(t.begin, t.end - t.begin);
  constexpr std::string_view kOpen = "「", kClose = "」";
  if (s.substr(0, kOpen.size()) == kOpen) {
    s.remove_prefix(kOpen.size());
    if (s.size() >= kClose.size() && s.substr(s.size() - kClose.size()) == kClose) s.remove_suffix(kClose.size());
  }
  return s;
}

std::string_view string_text(const SourceFile& file, const Token& t) {
  std::string_view s = std::string_view(file.text()).substr(t.begin, t.end - t.begin);
  constexpr std::string_view kOpen = "“", kClose = "”";
  if (s.substr(0, kOpen.size()) == kOpen) {
    s.remove_prefix(kOpen.size());
    if (s.size() >= kClose.size() && s.substr(s.size() - kClose.size()) == kClose) s.remove_suffix(kClose.size());
  } else if (!s.empty() && s.front() == '"') {
    s.remove_prefix(1);
    if (!s.empty() && s.back() == '"') s.remove_suffix(1);
  }
  return s;
}

std::string token_display(size_t type) {
  for (const RawToken& t : kTokenDisplays) {
    if (t.type == type) return t.display;
  }
  for (const RawKeyword& k : kKeywords) {
    if (k.type == type) return std::string("「") + k.spelling + "」";
  }
  if (type == kEndOfInput) return "文件结尾";
  return "?";
}

std::string token_name(size_t type) {
  for (const RawToken& t : kTokenDisplays) {
    if (t.type == type) return t.name;
  }
  for (const RawKeyword& k : kKeywords) {
    if (k.type == type) return k.token;
  }
  if (type == tok::COMMENT) return "COMMENT";
  if (type == kEndOfInput) return "EOF";
  return "?";
}

const std::vector<KeywordEntry>& keyword_table() {
  static const std::vector<KeywordEntry> table = [] {
    std::vector<KeywordEntry> v;
    for (const RawKeyword& k : kKeywords) v.push_back(KeywordEntry{k.token, k.spelling, k.meaning, k.type});
    return v;
  }();
  return table;
}

}  // namespace zc::syntax
