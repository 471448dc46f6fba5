// Phrasing (see render.h): each AST construct as the sentence an official document would write,
// built from the atoms and words the drafter chose, in the order written. Names lose their 「」,
// quoted text loses its “”, ASCII punctuation becomes full-width. The encoding marker 金额未明确 is
// not phrased: an official text says nothing about an amount it does not give.
#include <string_view>

#include "compiler/render/render.h"
#include "compiler/syntax/lexer.h"

namespace zc::render {
namespace {

bool is_space_byte_seq(std::string_view s, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { len = 1; return true; }
  if (s.compare(i, 3, "\u3000") == 0) { len = 3; return true; }
  if (s.compare(i, 2, "\u00A0") == 0) { len = 2; return true; }
  return false;
}

// As-written text (a literal, a connective) in official form: no white space, full-width
// punctuation. `ratio` keeps the ratio sign of 1∶1 (an ASCII or full-width colon becomes ∶).
std::string official(std::string_view s, bool ratio = false) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (is_space_byte_seq(s, i, len)) { i += len; continue; }
    char c = s[i];
    if (c == ',') out += "，";
    else if (c == ';') out += "；";
    else if (c == '(') out += "（";
    else if (c == ')') out += "）";
    else if (c == ':') out += ratio ? "∶" : "：";
    else if (ratio && s.compare(i, 3, "：") == 0) { out += "∶"; i += 3; continue; }
    else out += c;
    ++i;
  }
  return out;
}

std::string literal_text(const ast::Literal& l) { return official(l.text, l.kind == ast::LitKind::Rate && l.unit == "∶"); }

// 金额未明确 says the text names no figure: it is the encoding's, not the document's.
bool is_unspec(const ast::Atom& a) { return a.kind == ast::Atom::Kind::Word && a.word == ast::Word::Unspecified; }

std::string atoms_text(const std::vector<ast::Atom>& atoms);

// A band's bounds, or a part's: 超过5000万元至2亿元（含）, 25%以上不满30%.
std::string bounds_text(const std::optional<ast::Comparison>& lo, const std::optional<ast::Comparison>& hi) {
  std::string s;
  if (lo) s += comparison_text(*lo);
  if (hi) s += hi->pre == "至" ? "至" + value_text(hi->rhs) + (hi->incl ? "（含）" : "") : comparison_text(*hi);
  return s;
}

std::string atom_text(const ast::Atom& a) {
  switch (a.kind) {
    case ast::Atom::Kind::Name: return a.pronoun + (a.pronoun_words.empty() ? a.name.text : official(a.pronoun_words));
    case ast::Atom::Kind::Amount:
    case ast::Atom::Kind::Rate: return literal_text(a.lit);
    case ast::Atom::Kind::PerUnit: {
      std::string s = "每" + a.per_verb;
      if (a.per_fact) s += a.per_fact->text;
      if (a.per_baseline) s += "较" + a.per_baseline->text + "增加" + a.per_verb2;
      s += literal_text(a.lit);
      if (a.per_fact_after) s += a.per_fact_after->text;
      return s;
    }
    case ast::Atom::Kind::String: return a.text;
    case ast::Atom::Kind::Group: return "（" + atoms_text(a.group) + "）";
    case ast::Atom::Kind::Within: {
      std::string s = "（" + a.text;
      for (size_t i = 0; i < a.within.size(); ++i) s += (i ? "，" : "") + atoms_text(a.within[i]);
      return s + "）";
    }
    case ast::Atom::Kind::Word: return is_unspec(a) ? std::string() : official(a.text);
    case ast::Atom::Kind::Part: return (a.part_of ? a.part_of->text : std::string()) + bounds_text(a.part_lo, a.part_hi) + a.part_words;
    case ast::Atom::Kind::Step: return "每" + a.text + a.lit.text;
    case ast::Atom::Kind::Growth: return (a.growth_of ? a.growth_of->text : std::string()) + a.growth_than + a.growth_base.text + a.growth_words;
  }
  return "";
}

std::string atoms_text(const std::vector<ast::Atom>& atoms) {
  std::string s;
  for (const ast::Atom& a : atoms) s += atom_text(a);
  return s;
}

std::string names_text(const std::vector<ast::Name>& names, const char* sep = "、", bool brackets = false) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) s += sep;
    s += brackets ? "「" + names[i].text + "」" : names[i].text;
  }
  return s;
}

bool connective_is_and(const ast::Cond& g) { return !g.op_is_and.empty() && g.op_is_and[0]; }

std::string cond_inner(const ast::Cond& c) {
  switch (c.kind) {
    case ast::Cond::Kind::Fact: {
      // 1项（含）以上发明专利: the threshold before its noun, as written.
      if (c.cmp_first && c.cmp && !c.names.empty()) return c.verb + comparison_text(*c.cmp) + c.names[0].text;
      std::string s;
      for (size_t i = 0; i < c.names.size(); ++i) {
        if (i) s += i - 1 < c.name_seps.size() ? official(c.name_seps[i - 1]) : "、";
        s += c.names[i].text;
      }
      if (c.share) s += "占" + c.share->whole.text + c.share->words;
      if (c.cmp) s += comparison_text(*c.cmp);
      if (c.window) {
        const ast::DateWindow& w = *c.window;
        s += w.lead + literal_text(w.from) + w.start;
        if (w.to) s += official(w.sep) + literal_text(*w.to);
        s += w.end;
      }
      return s;
    }
    case ast::Cond::Kind::Is: {
      std::string s = c.names.empty() ? std::string() : c.names[0].text;
      s += "为";
      for (size_t i = 0; i < c.values.size(); ++i) {
        if (i) s += i - 1 < c.value_seps.size() ? official(c.value_seps[i - 1]) : "、";
        s += value_text(c.values[i]);
      }
      return s;
    }
    case ast::Cond::Kind::Not: {
      if (c.children.empty()) return c.not_word;
      const ast::Cond& x = *c.children[0];
      std::string inner = cond_inner(x);
      return c.not_word + (x.kind == ast::Cond::Kind::Group ? "（" + inner + "）" : inner);
    }
    case ast::Cond::Kind::Group: {
      // A nested group (written in （）) is the document's own way of grouping: the connective one
      // level up is set off with ， (A且B，或C且D), as the original texts do.
      bool nested = false;
      for (const auto& ch : c.children)
        if (ch->kind == ast::Cond::Kind::Group && connective_is_and(*ch) != connective_is_and(c)) nested = true;
      std::string s;
      for (size_t i = 0; i < c.children.size(); ++i) {
        if (i) {
          std::string op = i - 1 < c.ops.size() ? official(c.ops[i - 1]) : (connective_is_and(c) ? "且" : "或");
          if (nested && op.rfind("，", 0) != 0 && op != "的") op = "，" + op;  // ……的「类别」为……: as written
          s += op;
        }
        s += cond_inner(*c.children[i]);
      }
      return s;
    }
  }
  return "";
}

std::string seg_text(const ast::CondSeg& s) {
  switch (s.kind) {
    case ast::CondSeg::Kind::For: {
      std::string t = (s.payer ? s.payer->text : std::string()) + "对" + (s.cond ? cond_text(*s.cond) : std::string()) + s.end_word;
      if (s.subj == ast::CondSeg::Subj::Name) t += s.subject_name.text;
      else if (s.subj != ast::CondSeg::Subj::None) t += official(s.subject);
      return t + (s.comma ? "，" : "");
    }
    case ast::CondSeg::Kind::Fan: return "凡" + (s.cond ? cond_text(*s.cond) : std::string()) + s.end_word + "，";
    case ast::CondSeg::Kind::Suffix: {
      // ……的，  ……的科技型小微企业，  「首次认定的高新技术企业」给予……: as written, with no 对.
      std::string t = (s.cond ? cond_text(*s.cond) : std::string()) + s.end_word;
      if (s.subj == ast::CondSeg::Subj::Name) t += s.subject_name.text;
      else if (s.subj != ast::CondSeg::Subj::None) t += official(s.subject);
      return t + (s.comma ? "，" : "");
    }
    case ast::CondSeg::Kind::OnTop: return "在" + atoms_text(s.ontop) + "基础上，";
  }
  return "";
}

}  // namespace

std::string value_text(const ast::Value& v) {
  switch (v.kind) {
    case ast::Value::Kind::Name: return v.name.text;
    case ast::Value::Kind::Literal: return literal_text(v.lit);
    case ast::Value::Kind::Yes: return "是";
    case ast::Value::Kind::No: return "否";
  }
  return "";
}

std::string comparison_text(const ast::Comparison& c) {
  // （含） stands where it was written: before 以上 (2家（含2家）以上) or after it (5000万元以下（含）).
  bool has_incl = c.incl_span.end > c.incl_span.begin;
  std::string incl = has_incl ? (c.incl_value ? official(c.incl_value->text) : std::string(c.excl ? "（不含）" : "（含）")) : std::string();
  bool incl_last = has_incl && !c.post.empty() && c.incl_span.end == c.span.end;
  std::string s = c.zai + c.pre + (c.of ? c.of->text + "的" : std::string()) + value_text(c.rhs);
  if (!incl_last) s += incl;
  s += c.post;
  if (incl_last) s += incl;
  return s;
}

std::string cond_text(const ast::Cond& c) { return cond_inner(c); }

std::string clause_text(const ast::Clause& c) {
  std::string s = c.lead.empty() ? std::string() : c.lead + "，";
  for (const ast::CondSeg& seg : c.conds) s += seg_text(seg);
  bool first = true;
  for (const std::vector<ast::Atom>& pay : c.pays) {
    std::string t = atoms_text(pay);
    if (t.empty()) continue;  // a segment that was only the 金额未明确 marker
    if (!first) s += "，";
    s += t;
    first = false;
  }
  return s;
}

std::string rule_sentence(const ast::Rule& r) {
  std::string s;
  for (size_t i = 0; i < r.branches.size(); ++i)
    s += (i ? (r.branches[i].joined_by_comma ? "，" : "；") : "") + clause_text(r.branches[i]);
  return s + "。";
}

std::string define_sentence(const ast::Define& d) {
  const std::string& n = d.name.text;
  switch (d.kind) {
    case ast::Define::Kind::Bands: {
      std::string s = n + "按" + d.band_on.text;
      if (d.band_share) s += "占" + d.band_share->whole.text + d.band_share->words;
      s += "分档，";
      for (size_t i = 0; i < d.bands.size(); ++i) {
        const ast::Band& b = d.bands[i];
        if (i) s += "，";
        if (b.none) {
          s += "其他不予支持";
          continue;
        }
        if (b.otherwise) {
          s += "其他";
        } else {
          s += bounds_text(b.lo, b.hi);
        }
        s += "为" + value_text(b.value);
      }
      return s + "。";
    }
    case ast::Define::Kind::Sum: return n + "为" + names_text(d.terms) + "之和。";
    case ast::Define::Kind::Cases: {
      std::string s = n + "：";
      for (size_t i = 0; i < d.cases.size(); ++i)
        s += (i ? "；" : "") + (d.cases[i].cond ? cond_text(*d.cases[i].cond) : std::string()) + "的为" + value_text(d.cases[i].value);
      if (d.otherwise) s += "；其他为" + value_text(*d.otherwise);
      if (d.otherwise_none) s += "；其他不予支持";
      return s + "。";
    }
    case ast::Define::Kind::Cond: return n + "，指" + (d.cond ? cond_text(*d.cond) : std::string()) + "。";
    case ast::Define::Kind::TopUp: return n + "为" + (d.standard ? value_text(*d.standard) : std::string()) + d.minus + d.received.text + "后的差额。";
  }
  return "";
}

std::string cap_sentence(const ast::CapGroup& g) { return names_text(g.members, "、", true) + "合计，" + atoms_text(g.body) + "。"; }

std::string nodup_sentence(const ast::NoDupGroup& g) {
  std::string s = names_text(g.members, "、", true) + g.words;
  if (g.mode_written) s += g.mode == NoDupMode::First ? "，优先" : "，就高";
  return s + "。";
}

std::string constraint_sentence(const ast::Constraint& c) { return "「" + c.rule.text + "」" + official(c.words) + value_text(c.value) + "。"; }

std::string target_sentence(const ast::Target& t) {
  std::string s;
  if (t.year) s += "到" + std::to_string(*t.year) + "年，";
  s += t.indicator.text;
  if (t.baseline) s += "由" + literal_text(*t.baseline);
  return s + comparison_text(t.cmp) + "。";
}

std::string depts_text(const std::vector<ast::Dept>& depts) {
  if (depts.empty()) return "";
  std::string s = "（";
  for (size_t i = 0; i < depts.size(); ++i) {
    if (i) s += "；";
    s += depts[i].role + "：";
    for (size_t k = 0; k < depts[i].units.size(); ++k) s += (k ? "、" : "") + depts[i].units[k];
  }
  return s + "）";
}

}  // namespace zc::render
