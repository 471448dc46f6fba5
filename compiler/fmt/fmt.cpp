// The formatter (see fmt.h): a printer over the lexer's tokens and the checks that make its output
// safe to write. The layout, statement by statement:
//   - each statement starts a line at column 0 and ends with 。; continuation lines are indented 2;
//   - a statement that fits in kWidth columns (and holds no comment) is one line;
//   - a longer rule puts 规则「名称」： on its own line, each alternative (；) on its own line, and,
//     in an alternative that is still too long, its award after its conditions on a new line;
//   - a longer example puts 预期 on a new line, a longer definition its body after ：;
//   - otherwise lines are filled up to kWidth, breaking only outside （）: after ， or ； in rules,
//     examples and definitions, after the 、 of the name list in 事实 and 指标, after ， ； 、 elsewhere;
//   - tokens are joined without spaces (a space is kept only where joining would change the tokens);
//   - ASCII , ; : ( ) become ， ； ： （ ）, the ratio colon of 1:1 becomes ∶, ％ becomes %, the dashes
//     of a range become -, and "…" becomes “…” when the text holds no curly quote;
//   - comments stay where they were: at the end of the line they ended, or on a line of their own;
//     one blank line is kept where the source had one or more between statements.
#include "compiler/fmt/fmt.h"

#include <set>

#include "base/utf8.h"
#include "compiler/fmt/ast_equal.h"
#include "compiler/syntax/lexer.h"
#include "compiler/syntax/parse.h"

namespace zc::formatter {
namespace {

namespace tok = syntax::tok;
using syntax::Token;

bool is_punct(size_t t) {
  switch (t) {
    case tok::COMMA: case tok::SEMI: case tok::COLON: case tok::LPAREN: case tok::RPAREN: case tok::DASH: case tok::PERCENT:
    case tok::PERIOD: case tok::ENUM_SEP: case tok::PERMILLE:
      return true;
    default:
      return false;
  }
}

std::string rtrim(std::string_view s) {
  size_t e = s.size();
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(0, e));
}

size_t newlines_between(std::string_view src, uint32_t a, uint32_t b) {
  size_t n = 0;
  for (uint32_t i = a; i < b && i < src.size(); ++i) n += src[i] == '\n';
  return n;
}

class Printer {
 public:
  Printer(const SourceFile& src, const std::vector<Token>& toks, const ast::Policy& p, const std::set<size_t>& keep)
      : src_(src), text_(src.text()), toks_(toks), p_(p), keep_(keep) {}

  std::string run() {
    size_t i = 0;
    bool first = true;
    uint32_t prev_end = 0;
    while (i < toks_.size()) {
      size_t start = i;
      if (!first && newlines_between(text_, prev_end, toks_[start].begin) >= 2) out_ += "\n";
      first = false;
      if (toks_[i].hidden) {
        out_ += comment(i) + "\n";
        prev_end = toks_[i].end;
        ++i;
        continue;
      }
      size_t j = i;
      while (j + 1 < toks_.size() && (toks_[j].hidden || toks_[j].type != tok::PERIOD)) ++j;
      size_t trailing = kNone;
      i = j + 1;
      if (i < toks_.size() && toks_[i].hidden && newlines_between(text_, toks_[j].end, toks_[i].begin) == 0) trailing = i++;
      statement(start, j, trailing);
      prev_end = toks_[i - 1].end;
    }
    return out_;
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  std::string comment(size_t k) const { return rtrim(text_.substr(toks_[k].begin, toks_[k].end - toks_[k].begin)); }

  size_t prev_visible(size_t k) const {
    while (k > 0) {
      --k;
      if (!toks_[k].hidden) return k;
    }
    return kNone;
  }
  size_t next_visible(size_t k) const {
    for (++k; k < toks_.size(); ++k)
      if (!toks_[k].hidden) return k;
    return kNone;
  }

  // The canonical spelling of token k.
  std::string text(size_t k) const {
    const Token& t = toks_[k];
    std::string_view raw = text_.substr(t.begin, t.end - t.begin);
    switch (t.type) {
      case tok::COMMA: return "，";
      case tok::SEMI: return "；";
      case tok::LPAREN: return "（";
      case tok::RPAREN: return "）";
      case tok::PERCENT: return "%";
      case tok::DASH: return "-";
      case tok::COLON: {
        size_t a = prev_visible(k), b = next_visible(k);
        bool ratio = a != kNone && b != kNone && toks_[a].type == tok::NUMBER && toks_[b].type == tok::NUMBER;
        return ratio ? "∶" : "：";
      }
      case tok::STRING:
        if (!raw.empty() && raw.front() == '"') {
          std::string_view inner = syntax::string_text(src_, t);
          if (inner.find("“") == std::string_view::npos && inner.find("”") == std::string_view::npos)
            return "“" + std::string(inner) + "”";
        }
        return std::string(raw);
      default: return std::string(raw);
    }
  }

  std::string joiner(size_t k) const { return keep_.count(k) ? " " : ""; }

  // The statement [b, e] on one line (comments excluded), for the fits test.
  std::string one_line(size_t b, size_t e) const {
    std::string s;
    bool first = true;
    for (size_t k = b; k <= e; ++k) {
      if (toks_[k].hidden) continue;
      s += (first ? "" : joiner(k)) + text(k);
      first = false;
    }
    return s;
  }

  bool has_comment(size_t b, size_t e) const {
    for (size_t k = b; k <= e; ++k)
      if (toks_[k].hidden) return true;
    return false;
  }

  const ast::Rule* rule_at(uint32_t begin) const {
    for (const ast::Rule& r : p_.rules)
      if (r.span.begin == begin) return &r;
    return nullptr;
  }

  void statement(size_t b, size_t e, size_t trailing) {
    std::string line = one_line(b, e);
    if (!has_comment(b, e) && display_width(line) <= kWidth) {
      out_ += line;
    } else {
      std::vector<bool> allowed(e + 1, false), forced(e + 1, false);
      // Where a line may break: in a declaration of facts only inside the list of names; in rules,
      // examples and definitions after ， and ； (a 、 list reads as one item); elsewhere after any of them.
      size_t kind = toks_[b].type;
      bool names_only = kind == tok::FACT || kind == tok::INDICATOR;
      bool commas_only = kind == tok::RULE || kind == tok::EXAMPLE || kind == tok::DEFINE;
      int depth = 0;
      for (size_t k = b; k <= e; ++k) {
        if (toks_[k].hidden) continue;
        size_t n = next_visible(k);
        size_t t = toks_[k].type;
        if (names_only && t == tok::COLON) break;
        if (t == tok::LPAREN) ++depth;
        if (t == tok::RPAREN && depth > 0) --depth;
        bool sep = names_only ? (t == tok::ENUM_SEP || t == tok::LIST_AND)
                   : commas_only ? (t == tok::COMMA || t == tok::SEMI)
                                 : (t == tok::COMMA || t == tok::SEMI || t == tok::ENUM_SEP);
        if (sep && depth == 0 && n != kNone && n <= e) allowed[n] = true;
      }
      structure(b, e, forced);
      for (size_t k = b; k <= e; ++k)
        if (!toks_[k].hidden && starts_statement_line(toks_[k].type) && k != b) allowed[k] = forced[k] = false;
      fill(b, e, allowed, forced);
    }
    if (trailing != kNone) out_ += "  " + comment(trailing);
    out_ += "\n";
  }

  // The forced breaks of a statement that does not fit on one line.
  void structure(size_t b, size_t e, std::vector<bool>& forced) const {
    size_t kind = toks_[b].type;
    auto after = [&](size_t k) {
      size_t n = next_visible(k);
      if (n != kNone && n <= e) forced[n] = true;
    };
    auto head_colon = [&]() {
      for (size_t k = b; k <= e; ++k)
        if (!toks_[k].hidden && toks_[k].type == tok::COLON) return k;
      return kNone;
    };
    if (kind == tok::DEFINE) {
      if (size_t c = head_colon(); c != kNone) after(c);
    } else if (kind == tok::EXAMPLE) {
      for (size_t k = b; k <= e; ++k)
        if (!toks_[k].hidden && toks_[k].type == tok::EXPECT) forced[k] = true;
    } else if (kind == tok::RULE) {
      size_t c = head_colon();
      if (c == kNone) return;
      after(c);
      const ast::Rule* r = rule_at(toks_[b].begin);
      size_t branch = 0, start = next_visible(c);
      int depth = 0;
      for (size_t k = start; k != kNone && k <= e; k = next_visible(k)) {
        if (toks_[k].type == tok::LPAREN) ++depth;
        if (toks_[k].type == tok::RPAREN && depth > 0) --depth;
        // An alternative joined by ， (……给予15万元奖励，对……) ends where the next one begins, as at ；.
        size_t n = next_visible(k);
        bool comma_end = toks_[k].type == tok::COMMA && depth == 0 && r && branch + 1 < r->branches.size() && n != kNone &&
                         r->branches[branch + 1].joined_by_comma && toks_[n].begin == r->branches[branch + 1].span.begin;
        bool end = (toks_[k].type == tok::SEMI && depth == 0) || comma_end || k == e;
        if (!end) continue;
        if (toks_[k].type == tok::SEMI || comma_end) after(k);
        bool fits = !has_comment(start, k) && 2 + display_width(one_line(start, k)) <= kWidth;
        if (!fits && r && branch < r->branches.size()) {
          const ast::Clause& cl = r->branches[branch];
          if (!cl.conds.empty() && !cl.pay_spans.empty()) {
            for (size_t q = start; q <= k; ++q)
              if (!toks_[q].hidden && toks_[q].begin == cl.pay_spans[0].begin) forced[q] = true;
          }
        }
        ++branch;
        start = next_visible(k);
      }
    }
  }

  // Width of the run of tokens from k up to the next break point or comment.
  int run_width(size_t k, size_t e, const std::vector<bool>& allowed, const std::vector<bool>& forced) const {
    int w = 0;
    for (size_t q = k; q <= e; ++q) {
      if (toks_[q].hidden) break;
      if (q != k && (allowed[q] || forced[q])) break;
      w += display_width(joiner(q)) + display_width(text(q));
    }
    return w;
  }

  void fill(size_t b, size_t e, const std::vector<bool>& allowed, const std::vector<bool>& forced) {
    std::string cur;
    bool content = false;
    auto flush = [&] {
      out_ += cur + "\n";
      cur = "  ";
      content = false;
    };
    for (size_t k = b; k <= e; ++k) {
      if (toks_[k].hidden) {
        bool same_line = k > b && newlines_between(text_, toks_[k - 1].end, toks_[k].begin) == 0;
        if (content && same_line) {
          cur += "  " + comment(k);
        } else {
          if (content) flush();
          cur += comment(k);
        }
        flush();
        continue;
      }
      if (!content) {
        cur += text(k);
      } else if (forced[k] || (allowed[k] && display_width(cur) + run_width(k, e, allowed, forced) > kWidth)) {
        flush();
        cur += text(k);
      } else {
        cur += joiner(k) + text(k);
      }
      content = true;
    }
    out_ += cur;
  }

  const SourceFile& src_;
  std::string_view text_;
  const std::vector<Token>& toks_;
  const ast::Policy& p_;
  const std::set<size_t>& keep_;
  std::string out_;
};

// Index of the first token where the two files' token streams differ, or npos. Punctuation is
// compared by type (the printer respells it), strings by content, everything else by its text.
// `merged` tells whether the printed token there is longer than the original (it swallowed the next).
size_t first_mismatch(const SourceFile& a, const std::vector<Token>& ta, const SourceFile& b, const std::vector<Token>& tb,
                      bool& merged) {
  auto raw = [](const SourceFile& f, const Token& t) { return std::string_view(f.text()).substr(t.begin, t.end - t.begin); };
  size_t n = std::min(ta.size(), tb.size());
  for (size_t k = 0; k < n; ++k) {
    const Token& x = ta[k];
    const Token& y = tb[k];
    merged = y.end - y.begin > x.end - x.begin;
    if (x.type != y.type || x.hidden != y.hidden) return k;
    if (is_punct(x.type)) continue;
    if (x.type == tok::STRING) {
      if (syntax::string_text(a, x) != syntax::string_text(b, y)) return k;
    } else if (x.hidden) {
      if (rtrim(raw(a, x)) != rtrim(raw(b, y))) return k;
    } else if (raw(a, x) != raw(b, y)) {
      return k;
    }
  }
  return ta.size() == tb.size() ? std::string::npos : n;
}

}  // namespace

bool starts_statement_line(size_t t) {
  switch (t) {
    case tok::POLICY: case tok::ISSUER: case tok::ISSUED: case tok::EVAL_DATE: case tok::DOCNO: case tok::STATUS: case tok::ROUNDING:
    case tok::PAYER: case tok::FACT: case tok::INDICATOR: case tok::DEFINE: case tok::TARGET: case tok::RULE: case tok::CAP:
    case tok::NODUP: case tok::CONSTRAINT: case tok::NOTE: case tok::REVIEW: case tok::EXAMPLE: case tok::DEPT_ROLE:
    case tok::ORDINAL:
    case tok::BODY: case tok::LEAD: case tok::TAIL: case tok::LIST: case tok::ADDRESSEE: case tok::ATTACHMENT: case tok::REMARK:
    case tok::COPY_TO: case tok::PRINTED:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> comments_of(const SourceFile& src, FileId id) {
  DiagSink scratch;
  syntax::LexResult lx = syntax::lex(src, id, scratch);
  std::vector<std::string> out;
  for (const Token& t : lx.tokens)
    if (t.hidden) out.push_back(rtrim(std::string_view(src.text()).substr(t.begin, t.end - t.begin)));
  return out;
}

std::optional<std::string> layout(const SourceFile& src, FileId id, const ast::Policy& p) {
  DiagSink scratch;
  syntax::LexResult lx = syntax::lex(src, id, scratch);
  std::set<size_t> keep;
  // Joining two tokens can make them lex differently (a declared name that runs into the next word):
  // find the first token that changed and keep a space before it, until the tokens survive.
  for (size_t round = 0; round <= lx.tokens.size(); ++round) {
    std::string out = Printer(src, lx.tokens, p, keep).run();
    SourceManager sm;
    FileId f = sm.add(src.path(), out);
    DiagSink s;
    syntax::LexResult again = syntax::lex(sm.file(f), f, s);
    bool merged = false;
    size_t k = first_mismatch(src, lx.tokens, sm.file(f), again.tokens, merged);
    if (k == std::string::npos) return out;
    // The space goes after the token that swallowed its neighbour, else before the changed token.
    size_t at = merged ? k + 1 : k;
    if (keep.count(at)) at = merged ? k : k + 1;
    if (at == 0 || at >= lx.tokens.size() || keep.count(at)) return std::nullopt;
    keep.insert(at);
  }
  return std::nullopt;
}

std::optional<std::string> verify(const ast::Policy& original, const std::vector<std::string>& original_comments,
                                  std::string_view formatted) {
  SourceManager sm;
  FileId f = sm.add("<formatted>", std::string(formatted));
  DiagSink sink;
  std::shared_ptr<ast::Policy> again = syntax::parse(sm, f, sink);
  if (!again || sink.error_count() > 0) {
    std::string why = "格式化结果不能通过语法分析";
    for (const Diagnostic& d : sink.all()) {
      if (d.severity != Severity::Error) continue;
      LineCol lc = sm.file(f).line_col(d.span.begin);
      why += "（第" + std::to_string(lc.line) + "行：" + diag_message(d, Lang::Zh) + "）";
      break;
    }
    return why;
  }
  if (auto d = ast_difference(original, *again)) return "格式化前后的语法树不同，在 " + *d;
  std::vector<std::string> comments = comments_of(sm.file(f), f);
  if (comments != original_comments) {
    size_t i = 0;
    while (i < comments.size() && i < original_comments.size() && comments[i] == original_comments[i]) ++i;
    std::string lost = i < original_comments.size() ? original_comments[i] : std::string("（多出的注释）");
    return "格式化改变了注释：第" + std::to_string(i + 1) + "条注释「" + lost + "」";
  }
  std::optional<std::string> twice = layout(sm.file(f), f, *again);
  if (!twice || *twice != formatted) return "再次格式化会得到不同的结果（格式化不是幂等的）";
  return std::nullopt;
}

Result format_file(const SourceManager& sm, FileId id, DiagSink& sink) {
  Result r;
  size_t before = sink.error_count();
  std::shared_ptr<ast::Policy> p = syntax::parse(sm, id, sink);
  if (!p || sink.error_count() > before) {
    r.status = Result::Status::SourceErrors;
    return r;
  }
  const SourceFile& src = sm.file(id);
  std::optional<std::string> text = layout(src, id, *p);
  if (!text) {
    r.status = Result::Status::Refused;
    r.problem = "找不到不改变词法的排版";
    return r;
  }
  if (auto why = verify(*p, comments_of(src, id), *text)) {
    r.status = Result::Status::Refused;
    r.problem = *why;
    return r;
  }
  r.text = std::move(*text);
  return r;
}

}  // namespace zc::formatter
