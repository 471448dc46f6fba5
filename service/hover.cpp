// Hover: what the thing under the cursor means. A declared name: a fact's type, unit, default and
// payer; a rule's rendered sentence, article and kinds of result; a payer's role; an option's facts.
// A bound word: its legal meaning (民法典第一千二百五十九条). An amount, rate or count: its exact value.
// Another keyword: its meaning from keywords.def. Text is Markdown.
#include <algorithm>

#include "compiler/check/sema.h"
#include "compiler/render/render.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/literal.h"
#include "compiler/syntax/parse.h"
#include "runtime/vm/vm.h"
#include "service/internal.h"

namespace zc::service {

std::string md(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '\\' || ch == '*' || ch == '_' || ch == '`' || ch == '[' || ch == ']' || ch == '<' || ch == '>' || ch == '#' || ch == '|')
      out += '\\';
    out += ch;
  }
  return out;
}

namespace {

std::string bracket(const std::string& n) { return "「" + md(n) + "」"; }

std::string role_text(PayerRole r, bool en) {
  switch (r) {
    case PayerRole::Local: return en ? "本级 — this policy's own money; totals count it" : "本级：本政策自己的资金，计入合计";
    case PayerRole::Upper: return en ? "上级 — a higher level this policy builds on or matches" : "上级：本政策在其基础上配套或叠加的上级资金，不计入本级合计";
    case PayerRole::Other: return en ? "其他方 — a third party sharing a risk" : "其他方：分担风险的第三方（银行、基金等）";
  }
  return "";
}

std::string article_line(const ast::Policy& p, int article, bool en) {
  if (article < 0 || static_cast<size_t>(article) >= p.articles.size()) return "";
  const ast::Article& a = p.articles[static_cast<size_t>(article)];
  std::string s = sema::article_label(p, article);
  if (!a.title.empty()) s += (en ? " " : "") + std::string("“") + md(a.title) + "”";
  return s;
}

std::string award_kind(const sema::Award& aw, const sema::Program& prog, bool en) {
  std::string s;
  switch (aw.kind) {
    case sema::Award::Kind::Amount: s = en ? "amount" : "金额"; break;
    case sema::Award::Kind::Case: s = en ? "case by case (一事一议)" : "一事一议"; break;
    case sema::Award::Kind::Unspecified: s = en ? "amount not stated (金额未明确)" : "金额未明确"; break;
    case sema::Award::Kind::Benefit: s = (en ? "benefit: " : "适用：") + md(aw.benefit); break;
    case sema::Award::Kind::Deduction: s = en ? "deduction" : "扣除"; break;
    case sema::Award::Kind::Risk: s = en ? "risk sharing" : "风险分担"; break;
  }
  if (aw.selective) s = (en ? "selective " : "择优") + s;
  if (aw.payer >= 0 && static_cast<size_t>(aw.payer) < prog.payers.size() && aw.kind != sema::Award::Kind::Risk)
    s += "（" + bracket(prog.payers[static_cast<size_t>(aw.payer)].name) + "）";
  if (!aw.scope.empty()) s += "，" + md(aw.scope);
  return s;
}

std::string fact_hover(const Ctx& c, const ast::Policy& p, const SymbolInfo& s) {
  const bool en = c.en();
  const ast::FactDecl& f = p.facts[static_cast<size_t>(s.index)];
  std::string out = "**" + std::string(kind_word(s.kind, c.opts.lang)) + bracket(s.name) + "**\n\n";
  std::string type = md(f.type.word);
  if (!f.type.unit.empty()) type += "（" + md(f.type.unit) + "）";
  if (f.type.type == ValueType::Money) type += en ? " in 元" : "，以元计";
  if (!f.type.options.empty()) {
    type += "：";
    for (size_t i = 0; i < f.type.options.size(); ++i) type += (i ? "、" : "") + bracket(f.type.options[i].text);
  }
  out += (en ? "- type: " : "- 类型：") + type + "\n";
  if (f.def)
    out += (en ? "- default: " : "- 默认：") + md(render::value_text(*f.def)) + "\n";
  else if (!f.indicator)
    out += en ? "- no default: a rule that needs it and is not given it stops with E0801\n"
              : "- 无默认值：申请人未给出时，需要它的规则以 E0801 停止，不作猜测\n";
  if (f.from) out += (en ? "- paid by: " : "- 来自：") + bracket(f.from->text) + (en ? " (another payer's award)\n" : "（其他出资方的奖补）\n");
  if (!f.scope.empty()) out += (en ? "- scope: " : "- 期间：") + md(f.scope) + "\n";
  return out;
}

std::string rule_hover(const Ctx& c, const ast::Policy& p, const SymbolInfo& s) {
  const bool en = c.en();
  const ast::Rule& r = p.rules[static_cast<size_t>(s.index)];
  std::string out = "**" + std::string(en ? "rule " : "规则") + bracket(s.name) + "**";
  if (std::string art = article_line(p, r.article, en); !art.empty()) out += " · " + art;
  out += "\n\n> " + md(render::rule_sentence(r)) + "\n";
  const sema::Program* prog = c.a.compiled.program.get();
  if (prog && static_cast<size_t>(s.index) < prog->rules.size()) {
    std::vector<std::string> kinds;
    for (const sema::Branch& b : prog->rules[static_cast<size_t>(s.index)].branches) {
      std::string k = award_kind(b.award, *prog, en);
      if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
    }
    if (!kinds.empty()) {
      out += en ? "\nresults: " : "\n结果：";
      for (size_t i = 0; i < kinds.size(); ++i) out += (i ? "；" : "") + kinds[i];
      out += en ? "; otherwise 不予支持\n" : "；条件都不成立时不予支持\n";
    }
  }
  if (!r.note.empty()) out += (en ? "\nnote (说明): " : "\n说明：") + md(r.note) + "\n";
  return out;
}

std::string symbol_text(const Ctx& c, const SymbolInfo& s) {
  const ast::Policy* p = c.a.compiled.policy.get();
  const bool en = c.en();
  const std::string title = "**" + std::string(kind_word(s.kind, c.opts.lang)) + (en ? " " : "") + bracket(s.name) + "**";
  if (!p || s.index < 0) return title;
  auto idx = static_cast<size_t>(s.index);
  switch (s.kind) {
    case SymKind::Fact:
    case SymKind::Indicator: return fact_hover(c, *p, s);
    case SymKind::Rule: return rule_hover(c, *p, s);
    case SymKind::Define: {
      const ast::Define& d = p->defines[idx];
      std::string out = title;
      if (std::string art = article_line(*p, d.article, en); !art.empty()) out += " · " + art;
      return out + "\n\n> " + md(render::define_sentence(d)) + "\n";
    }
    case SymKind::Payer: {
      const ast::PayerDecl& d = p->payers[idx];
      return title + "\n\n- " + role_text(d.role, en) + "\n" +
             (d.is_default ? (en ? "- the default payer: an award that names none is paid by it\n" : "- 默认出资方：未写出资方的给付由它支付\n") : "");
    }
    case SymKind::Option: {
      std::string out = title + (en ? "\n\nan option of " : "\n\n选项，属于");
      for (size_t i = 0; i < s.owners.size(); ++i) {
        const ast::FactDecl& f = p->facts[static_cast<size_t>(s.owners[i])];
        out += (i ? "、" : "") + bracket(f.names.empty() ? std::string() : f.names[0].text);
      }
      return out + "\n";
    }
    case SymKind::Cap: return title + "\n\n> " + md(render::cap_sentence(p->caps[idx])) + "\n";
    case SymKind::NoDup: return title + "\n\n> " + md(render::nodup_sentence(p->nodups[idx])) + "\n";
    case SymKind::Constraint: return title + "\n\n> " + md(render::constraint_sentence(p->constraints[idx])) + "\n";
    case SymKind::Example: {
      const ast::Example& e = p->examples[idx];
      return title + "\n\n" + std::to_string(e.facts.size()) + (en ? " facts given, " : " 项事实，") +
             std::to_string(e.expects.size()) + (en ? " results expected (every other rule: 不予支持)\n" : " 项预期（其余规则均预期不予支持）\n");
    }
  }
  return title;
}

// ---- keywords ---------------------------------------------------------------------------------

constexpr const char* kArticle1259Zh = "民法典第一千二百五十九条：“以上”“以下”“以内”包括本数，“不满”“超过”不包括本数；"
                                       "其余界限用语按字面取同样的含义（docs/language.md §3）。";
constexpr const char* kArticle1259En = "Civil Code art. 1259: 以上, 以下 and 以内 include the number, 不满 and 超过 exclude it; "
                                       "the other bound words read the same way (docs/language.md §3).";

// The legal meaning of a bound word, by its token class; empty for other tokens.
std::string bound_word(const std::string& kind, const std::string& word, bool en) {
  std::string meaning;
  if (kind == "GE_PRE" || kind == "GE_POST") meaning = en ? "≥, the number included" : "大于或等于，包括本数";
  else if (kind == "LE_PRE" || kind == "LE_POST") meaning = en ? "≤, the number included" : "小于或等于，包括本数";
  else if (kind == "GT_PRE") meaning = en ? ">, the number excluded" : "大于，不包括本数";
  else if (kind == "LT_PRE") meaning = en ? "<, the number excluded" : "小于，不包括本数";
  else if (kind == "INCL") meaning = en ? "makes the inclusion of the number explicit" : "明示包括本数";
  else if (kind == "VAGUE")
    return "**" + md(word) + "**" +
           (en ? ": no exact legal meaning; it cannot be a threshold (E0516). Use 以上/以下/以内/不超过 (included) or 超过/不满/低于 (excluded)."
               : "：没有确切的法律含义，不能作为门槛（E0516）。改用以上、以下、以内、不超过（含本数）或超过、不满、低于（不含本数）。");
  else return "";
  return "**" + md(word) + "**" + (en ? ": " : "：") + meaning + "\n\n" + (en ? kArticle1259En : kArticle1259Zh);
}

std::string keyword_text(const std::string& kind, const std::string& word) {
  for (const syntax::KeywordEntry& k : syntax::keyword_table())
    if (word == k.spelling) return "**" + md(word) + "** (" + kind + "): " + md(k.meaning);
  return "";
}

// ---- literals ---------------------------------------------------------------------------------

bool literal_part(const std::string& k) {
  return k == "NUMBER" || k == "DASH" || k == "TO" || k == "MONEY_UNIT" || k == "UNIT" || k == "PERCENT" || k == "PERMILLE" ||
         k == "PCT_PREFIX" || k == "PML_PREFIX" || k == "FEN" || k == "YEAR" || k == "DATE" || k == "LPAREN" || k == "RPAREN" ||
         k == "INCL" || k == "COLON";
}

bool literal_core(const std::string& k) {
  return k == "NUMBER" || k == "MONEY_UNIT" || k == "UNIT" || k == "PERCENT" || k == "PERMILLE" || k == "PCT_PREFIX" ||
         k == "PML_PREFIX" || k == "DATE";
}

std::string yuan(const Rational& r) { return r.to_decimal() + "元"; }

std::string literal_hover(const ast::Literal& l, const std::string& written, bool en) {
  std::string out = "**" + md(written) + "**";
  switch (l.kind) {
    case ast::LitKind::Money:
      if (l.hi) {
        out += " = " + yuan(l.value) + (en ? " to " : "至") + yuan(*l.hi) + (en ? " (both ends included)" : "（含两端）");
      } else {
        out += " = " + yuan(l.value);
      }
      out += en ? "\n\nan amount in 元, exact (万元 = 10⁴ 元, 亿元 = 10⁸ 元)" : "\n\n金额，以元计，精确值（万元 = 10⁴ 元，亿元 = 10⁸ 元）";
      break;
    case ast::LitKind::Rate:
      out += " = " + l.value.to_decimal() + (l.value.den() != 1 && l.value.to_decimal().find('/') == std::string::npos
                                                   ? " = " + std::to_string(l.value.num()) + "/" + std::to_string(l.value.den())
                                                   : "");
      out += en ? "\n\na rate (a fraction of its base)" : "\n\n比例（基数的几分之几）";
      break;
    case ast::LitKind::Count:
      out += en ? ": a count of " + l.value.to_decimal() + " " + l.unit : "：数量 " + l.value.to_decimal() + "，单位「" + md(l.unit) + "」";
      break;
    case ast::LitKind::Number: out += " = " + l.value.to_decimal(); break;
    case ast::LitKind::Date: out += en ? ": a date" : "：日期"; break;
  }
  if (l.incl_mark) out += en ? "\n\n（含）: the number is included" : "\n\n（含）：包括本数";
  return out;
}

std::optional<Hover> literal_at(const Ctx& c, int tok) {
  const Analysis& a = c.a;
  if (!literal_core(a.token_kind(static_cast<size_t>(tok)))) return std::nullopt;
  int lo = tok, hi = tok;
  while (lo > 0 && tok - lo < 4 && literal_part(a.token_kind(static_cast<size_t>(lo - 1))) && !a.tokens[static_cast<size_t>(lo - 1)].hidden) --lo;
  while (static_cast<size_t>(hi + 1) < a.tokens.size() && hi - tok < 6 && literal_part(a.token_kind(static_cast<size_t>(hi + 1))) &&
         !a.tokens[static_cast<size_t>(hi + 1)].hidden)
    ++hi;
  // The longest run of tokens around the cursor that reads as one literal.
  for (int len = hi - lo + 1; len >= 1; --len) {
    for (int b = std::max(lo, tok - len + 1); b <= tok && b + len - 1 <= hi; ++b) {
      uint32_t from = a.tokens[static_cast<size_t>(b)].begin, to = a.tokens[static_cast<size_t>(b + len - 1)].end;
      std::string written(a.slice(Span{a.file, from, to}));
      if (auto lit = syntax::read_literal(written)) return Hover{c.range(from, to), literal_hover(*lit, written, c.en())};
    }
  }
  return std::nullopt;
}

}  // namespace

std::string describe_symbol(const Ctx& c, const SymbolInfo& s) {
  std::string out = symbol_text(c, s);
  if (s.kind != SymKind::Example && (s.uses > 0 || s.kind != SymKind::Rule))
    out += (c.en() ? "\nused " + std::to_string(s.uses) + (s.uses == 1 ? " time" : " times") : "\n使用 " + std::to_string(s.uses) + " 处");
  return out;
}

std::optional<Hover> hover_at(const Ctx& c, uint32_t offset) {
  const Analysis& a = c.a;
  if (const Occurrence* o = a.occurrence_at(offset); o && o->symbol >= 0)
    return Hover{c.range(o->name), describe_symbol(c, a.symbols[static_cast<size_t>(o->symbol)])};
  int tok = a.token_at(offset);
  if (tok < 0 || a.tokens[static_cast<size_t>(tok)].hidden) return std::nullopt;
  const syntax::Token& t = a.tokens[static_cast<size_t>(tok)];
  const std::string& kind = a.token_kind(static_cast<size_t>(tok));
  if (auto h = literal_at(c, tok)) return h;
  std::string word(a.slice(Span{a.file, t.begin, t.end}));
  std::string text = bound_word(kind, word, c.en());
  if (text.empty()) text = keyword_text(kind, word);
  if (text.empty()) return std::nullopt;
  return Hover{c.range(t.begin, t.end), text};
}

}  // namespace zc::service
