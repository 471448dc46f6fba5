// AST equality without spans (see ast_equal.h). One compare function per AST struct, in the order
// of ast.h; each names the field it is in so that a difference can be reported as a path.
#include "compiler/fmt/ast_equal.h"

#include <vector>

namespace zc::formatter {

std::string canonical_text(std::string_view s, bool ratio) {
  static constexpr std::string_view kDashes[] = {"—", "－", "～", "–"};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
    if (s.compare(i, 3, "\u3000") == 0) { i += 3; continue; }
    if (s.compare(i, 2, "\u00A0") == 0) { i += 2; continue; }
    if (ratio && (s.compare(i, 3, "：") == 0 || s.compare(i, 3, "∶") == 0)) { out += "∶"; i += 3; continue; }
    if (s.compare(i, 3, "％") == 0) { out += "%"; i += 3; continue; }
    bool dash = false;
    for (std::string_view d : kDashes) {
      if (s.compare(i, d.size(), d) == 0) {
        out += '-';
        i += d.size();
        dash = true;
        break;
      }
    }
    if (dash) continue;
    switch (c) {
      case ',': out += "，"; break;
      case ';': out += "；"; break;
      case '(': out += "（"; break;
      case ')': out += "）"; break;
      case ':': out += ratio ? "∶" : "："; break;
      case '~': out += '-'; break;
      default: out += c;
    }
    ++i;
  }
  return out;
}

namespace {

class Cmp {
 public:
  std::optional<std::string> diff;

  void policy(const ast::Policy& a, const ast::Policy& b) {
    header(a.header, b.header);
    list("payers", a.payers, b.payers, [&](const ast::PayerDecl& x, const ast::PayerDecl& y) { payer(x, y); });
    list("facts", a.facts, b.facts, [&](const ast::FactDecl& x, const ast::FactDecl& y) { fact(x, y); });
    list("defines", a.defines, b.defines, [&](const ast::Define& x, const ast::Define& y) { define(x, y); });
    list("targets", a.targets, b.targets, [&](const ast::Target& x, const ast::Target& y) { target(x, y); });
    list("chapters", a.chapters, b.chapters, [&](const ast::Chapter& x, const ast::Chapter& y) {
      text("number", canonical_text(x.number), canonical_text(y.number));
      text("title", x.title, y.title);
    });
    list("articles", a.articles, b.articles, [&](const ast::Article& x, const ast::Article& y) { article(x, y); });
    list("rules", a.rules, b.rules, [&](const ast::Rule& x, const ast::Rule& y) { rule(x, y); });
    list("caps", a.caps, b.caps, [&](const ast::CapGroup& x, const ast::CapGroup& y) {
      name("name", x.name, y.name);
      names("members", x.members, y.members);
      atoms("body", x.body, y.body);
      same("article", x.article, y.article);
      text("note", x.note, y.note);
    });
    list("nodups", a.nodups, b.nodups, [&](const ast::NoDupGroup& x, const ast::NoDupGroup& y) {
      name("name", x.name, y.name);
      names("members", x.members, y.members);
      same("mode", x.mode, y.mode);
      same("mode_written", x.mode_written, y.mode_written);
      text("words", x.words, y.words);
      same("article", x.article, y.article);
      text("note", x.note, y.note);
    });
    list("constraints", a.constraints, b.constraints, [&](const ast::Constraint& x, const ast::Constraint& y) {
      name("name", x.name, y.name);
      name("rule", x.rule, y.rule);
      same("op", x.op, y.op);
      text("words", canonical_text(x.words), canonical_text(y.words));
      value("value", x.value, y.value);
      same("article", x.article, y.article);
      text("note", x.note, y.note);
    });
    list("examples", a.examples, b.examples, [&](const ast::Example& x, const ast::Example& y) { example(x, y); });
    list("sections", a.sections, b.sections, [&](const ast::Section& x, const ast::Section& y) {
      text("number", canonical_text(x.number), canonical_text(y.number));
      text("title", x.title, y.title);
    });
    // The document's own text is compared byte for byte: the formatter never touches it.
    list("prose", a.prose, b.prose, [&](const ast::Prose& x, const ast::Prose& y) {
      same("kind", x.kind, y.kind);
      text("text", x.text, y.text);
      texts("items", x.items, y.items, false);
      lit_opt("date", x.date, y.date);
      same("attached", x.attached.has_value(), y.attached.has_value());
      if (x.attached && y.attached) {
        same("attached.kind", x.attached->kind, y.attached->kind);
        same("attached.index", x.attached->index, y.attached->index);
      }
    });
    list("order", a.order, b.order, [&](const ast::Item& x, const ast::Item& y) {
      same("kind", x.kind, y.kind);
      same("index", x.index, y.index);
    });
    same("unknown_names", a.unknown_names.size(), b.unknown_names.size());
    texts("broken_names", a.broken_names, b.broken_names, false);
  }

 private:
  std::vector<std::string> path_;

  struct Scope {
    Cmp& c;
    Scope(Cmp& cmp, std::string part) : c(cmp) { c.path_.push_back(std::move(part)); }
    ~Scope() { c.path_.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
  };

  void mismatch(const std::string& field, const std::string& detail) {
    if (diff) return;
    std::string p;
    for (const std::string& part : path_) p += (p.empty() || part[0] == '[' ? "" : ".") + part;
    p += (p.empty() ? "" : ".") + field;
    diff = p + detail;
  }

  template <class T>
  void same(const char* field, const T& x, const T& y) {
    if (!(x == y)) mismatch(field, "");
  }
  void text(const char* field, const std::string& x, const std::string& y) {
    if (x != y) mismatch(field, "：「" + x + "」≠「" + y + "」");
  }
  void rational(const char* field, const Rational& x, const Rational& y) {
    if (!(x == y)) mismatch(field, "：" + x.to_decimal() + " ≠ " + y.to_decimal());
  }

  template <class T, class F>
  void list(const char* field, const std::vector<T>& x, const std::vector<T>& y, F each) {
    if (diff) return;
    if (x.size() != y.size()) {
      mismatch(field, "：" + std::to_string(x.size()) + " 项 ≠ " + std::to_string(y.size()) + " 项");
      return;
    }
    Scope s(*this, field);
    for (size_t i = 0; i < x.size() && !diff; ++i) {
      Scope e(*this, "[" + std::to_string(i) + "]");
      each(x[i], y[i]);
    }
  }

  template <class T, class F>
  void opt(const char* field, const std::optional<T>& x, const std::optional<T>& y, F each) {
    if (diff) return;
    if (x.has_value() != y.has_value()) {
      mismatch(field, x ? "：仅前者有" : "：仅后者有");
      return;
    }
    if (!x) return;
    Scope s(*this, field);
    each(*x, *y);
  }

  void name(const char* field, const ast::Name& x, const ast::Name& y) {
    Scope s(*this, field);
    text("text", x.text, y.text);
    same("bracketed", x.bracketed, y.bracketed);
  }
  void names(const char* field, const std::vector<ast::Name>& x, const std::vector<ast::Name>& y) {
    list(field, x, y, [&](const ast::Name& a, const ast::Name& b) { name("name", a, b); });
  }
  void texts(const char* field, const std::vector<std::string>& x, const std::vector<std::string>& y, bool canonical) {
    list(field, x, y, [&](const std::string& a, const std::string& b) {
      text("text", canonical ? canonical_text(a) : a, canonical ? canonical_text(b) : b);
    });
  }

  void literal(const char* field, const ast::Literal& x, const ast::Literal& y) {
    Scope s(*this, field);
    same("kind", x.kind, y.kind);
    bool ratio = x.kind == ast::LitKind::Rate && x.unit == "∶";
    text("text", canonical_text(x.text, ratio), canonical_text(y.text, ratio));
    rational("value", x.value, y.value);
    opt("hi", x.hi, y.hi, [&](const Rational& a, const Rational& b) { rational("value", a, b); });
    text("unit", x.unit, y.unit);
    same("incl_mark", x.incl_mark, y.incl_mark);
  }
  void lit_opt(const char* field, const std::optional<ast::Literal>& x, const std::optional<ast::Literal>& y) {
    opt(field, x, y, [&](const ast::Literal& a, const ast::Literal& b) { literal("literal", a, b); });
  }

  void value(const char* field, const ast::Value& x, const ast::Value& y) {
    Scope s(*this, field);
    same("kind", x.kind, y.kind);
    if (x.kind == ast::Value::Kind::Name) name("name", x.name, y.name);
    if (x.kind == ast::Value::Kind::Literal) literal("lit", x.lit, y.lit);
  }

  void comparison(const char* field, const ast::Comparison& x, const ast::Comparison& y) {
    Scope s(*this, field);
    same("op", x.op, y.op);
    value("rhs", x.rhs, y.rhs);
    text("pre", x.pre, y.pre);
    text("post", x.post, y.post);
    text("zai", x.zai, y.zai);
    same("incl", x.incl, y.incl);
    same("excl", x.excl, y.excl);
    lit_opt("incl_value", x.incl_value, y.incl_value);
    opt("of", x.of, y.of, [&](const ast::Name& a, const ast::Name& b) { name("name", a, b); });
  }

  void share(const char* field, const ast::Share& x, const ast::Share& y) {
    Scope s(*this, field);
    name("whole", x.whole, y.whole);
    text("words", x.words, y.words);
  }

  void window(const char* field, const ast::DateWindow& x, const ast::DateWindow& y) {
    Scope s(*this, field);
    literal("from", x.from, y.from);
    lit_opt("to", x.to, y.to);
    text("lead", x.lead, y.lead);
    text("start", x.start, y.start);
    text("sep", x.sep, y.sep);
    text("end", x.end, y.end);
  }

  void cond(const char* field, const ast::CondPtr& x, const ast::CondPtr& y) {
    if (diff) return;
    if (!x || !y) {
      if (static_cast<bool>(x) != static_cast<bool>(y)) mismatch(field, "：仅一方有条件");
      return;
    }
    Scope s(*this, field);
    same("kind", x->kind, y->kind);
    names("names", x->names, y->names);
    texts("name_seps", x->name_seps, y->name_seps, true);
    opt("cmp", x->cmp, y->cmp, [&](const ast::Comparison& a, const ast::Comparison& b) { comparison("comparison", a, b); });
    same("cmp_first", x->cmp_first, y->cmp_first);
    text("verb", x->verb, y->verb);
    opt("share", x->share, y->share, [&](const ast::Share& a, const ast::Share& b) { share("share", a, b); });
    opt("window", x->window, y->window, [&](const ast::DateWindow& a, const ast::DateWindow& b) { window("window", a, b); });
    list("values", x->values, y->values, [&](const ast::Value& a, const ast::Value& b) { value("value", a, b); });
    texts("value_seps", x->value_seps, y->value_seps, true);
    list("children", x->children, y->children, [&](const ast::CondPtr& a, const ast::CondPtr& b) { cond("cond", a, b); });
    texts("ops", x->ops, y->ops, true);
    same("op_is_and", x->op_is_and, y->op_is_and);
    same("parenthesized", x->parenthesized, y->parenthesized);
    text("not_word", x->not_word, y->not_word);
  }

  void atom(const ast::Atom& x, const ast::Atom& y) {
    same("kind", x.kind, y.kind);
    same("word", x.word, y.word);
    bool word = x.kind == ast::Atom::Kind::Word;
    text("text", word ? canonical_text(x.text) : x.text, word ? canonical_text(y.text) : y.text);
    if (x.kind == ast::Atom::Kind::Name) name("name", x.name, y.name);
    if (x.kind == ast::Atom::Kind::Amount || x.kind == ast::Atom::Kind::Rate || x.kind == ast::Atom::Kind::PerUnit ||
        x.kind == ast::Atom::Kind::Step)
      literal("lit", x.lit, y.lit);
    auto on = [&](const ast::Name& a, const ast::Name& b) { name("name", a, b); };
    opt("per_fact", x.per_fact, y.per_fact, on);
    opt("per_baseline", x.per_baseline, y.per_baseline, on);
    opt("per_fact_after", x.per_fact_after, y.per_fact_after, on);
    text("per_verb", x.per_verb, y.per_verb);
    text("per_verb2", x.per_verb2, y.per_verb2);
    atoms("group", x.group, y.group);
    list("within", x.within, y.within, [&](const std::vector<ast::Atom>& a, const std::vector<ast::Atom>& b) { atoms("within", a, b); });
    auto cmp = [&](const ast::Comparison& a, const ast::Comparison& b) { comparison("comparison", a, b); };
    opt("part_lo", x.part_lo, y.part_lo, cmp);
    opt("part_hi", x.part_hi, y.part_hi, cmp);
    opt("part_of", x.part_of, y.part_of, on);
    text("part_words", x.part_words, y.part_words);
    opt("growth_of", x.growth_of, y.growth_of, on);
    name("growth_base", x.growth_base, y.growth_base);
    text("growth_than", x.growth_than, y.growth_than);
    text("growth_words", x.growth_words, y.growth_words);
    text("pronoun", x.pronoun, y.pronoun);
    text("pronoun_words", x.pronoun_words, y.pronoun_words);
  }
  void atoms(const char* field, const std::vector<ast::Atom>& x, const std::vector<ast::Atom>& y) {
    list(field, x, y, [&](const ast::Atom& a, const ast::Atom& b) { atom(a, b); });
  }

  void rule(const ast::Rule& x, const ast::Rule& y) {
    name("name", x.name, y.name);
    list("branches", x.branches, y.branches, [&](const ast::Clause& a, const ast::Clause& b) {
      text("lead", a.lead, b.lead);
      same("joined_by_comma", a.joined_by_comma, b.joined_by_comma);
      list("conds", a.conds, b.conds, [&](const ast::CondSeg& p, const ast::CondSeg& q) {
        same("kind", p.kind, q.kind);
        cond("cond", p.cond, q.cond);
        text("end_word", p.end_word, q.end_word);
        same("subj", p.subj, q.subj);
        bool words = p.subj == ast::CondSeg::Subj::Words;
        text("subject", words ? canonical_text(p.subject) : p.subject, words ? canonical_text(q.subject) : q.subject);
        name("subject_name", p.subject_name, q.subject_name);
        atoms("ontop", p.ontop, q.ontop);
        opt("payer", p.payer, q.payer, [&](const ast::Name& m, const ast::Name& n) { name("name", m, n); });
        same("comma", p.comma, q.comma);
      });
      list("pays", a.pays, b.pays,
           [&](const std::vector<ast::Atom>& p, const std::vector<ast::Atom>& q) { atoms("atoms", p, q); });
    });
    same("article", x.article, y.article);
    text("note", x.note, y.note);
    text("review", x.review, y.review);
  }

  void article(const ast::Article& x, const ast::Article& y) {
    text("number", canonical_text(x.number), canonical_text(y.number));
    text("title", x.title, y.title);
    same("chapter", x.chapter, y.chapter);
    list("depts", x.depts, y.depts, [&](const ast::Dept& a, const ast::Dept& b) {
      text("role", a.role, b.role);
      texts("units", a.units, b.units, false);
    });
    text("note", x.note, y.note);
  }

  void payer(const ast::PayerDecl& x, const ast::PayerDecl& y) {
    name("name", x.name, y.name);
    same("role", x.role, y.role);
    same("is_default", x.is_default, y.is_default);
  }

  void fact(const ast::FactDecl& x, const ast::FactDecl& y) {
    names("names", x.names, y.names);
    {
      Scope s(*this, "type");
      same("type", x.type.type, y.type.type);
      text("word", x.type.word, y.type.word);
      text("unit", x.type.unit, y.type.unit);
      names("options", x.type.options, y.type.options);
      same("list", x.type.list, y.type.list);
    }
    opt("def", x.def, y.def, [&](const ast::Value& a, const ast::Value& b) { value("value", a, b); });
    opt("from", x.from, y.from, [&](const ast::Name& a, const ast::Name& b) { name("name", a, b); });
    opt("item_of", x.item_of, y.item_of, [&](const ast::Name& a, const ast::Name& b) { name("name", a, b); });
    text("scope", x.scope, y.scope);
    same("indicator", x.indicator, y.indicator);
  }

  void define(const ast::Define& x, const ast::Define& y) {
    same("kind", x.kind, y.kind);
    name("name", x.name, y.name);
    name("band_on", x.band_on, y.band_on);
    opt("band_share", x.band_share, y.band_share, [&](const ast::Share& a, const ast::Share& b) { share("share", a, b); });
    auto cmp = [&](const ast::Comparison& a, const ast::Comparison& b) { comparison("comparison", a, b); };
    list("bands", x.bands, y.bands, [&](const ast::Band& a, const ast::Band& b) {
      opt("lo", a.lo, b.lo, cmp);
      opt("hi", a.hi, b.hi, cmp);
      same("otherwise", a.otherwise, b.otherwise);
      same("none", a.none, b.none);
      value("value", a.value, b.value);
    });
    names("terms", x.terms, y.terms);
    list("cases", x.cases, y.cases, [&](const ast::CaseBranch& a, const ast::CaseBranch& b) {
      cond("cond", a.cond, b.cond);
      value("value", a.value, b.value);
    });
    opt("otherwise", x.otherwise, y.otherwise, [&](const ast::Value& a, const ast::Value& b) { value("value", a, b); });
    same("otherwise_none", x.otherwise_none, y.otherwise_none);
    cond("cond", x.cond, y.cond);
    opt("standard", x.standard, y.standard, [&](const ast::Value& a, const ast::Value& b) { value("value", a, b); });
    name("received", x.received, y.received);
    text("minus", x.minus, y.minus);
    same("article", x.article, y.article);
    text("note", x.note, y.note);
  }

  void target(const ast::Target& x, const ast::Target& y) {
    name("indicator", x.indicator, y.indicator);
    same("year", x.year, y.year);
    lit_opt("baseline", x.baseline, y.baseline);
    comparison("cmp", x.cmp, y.cmp);
  }

  // 「技术合同」为（「技术交易额」为300万元）、（……）: an item list, each item its own assignments.
  void assignment(const ast::Assignment& a, const ast::Assignment& b) {
    name("fact", a.fact, b.fact);
    same("is_items", a.is_items, b.is_items);
    if (!a.is_items) {
      value("value", a.value, b.value);
      return;
    }
    list("items", a.items, b.items, [&](const std::vector<ast::Assignment>& x, const std::vector<ast::Assignment>& y) {
      list("item", x, y, [&](const ast::Assignment& p, const ast::Assignment& q) { assignment(p, q); });
    });
  }

  void example(const ast::Example& x, const ast::Example& y) {
    name("name", x.name, y.name);
    list("facts", x.facts, y.facts, [&](const ast::Assignment& a, const ast::Assignment& b) { assignment(a, b); });
    list("expects", x.expects, y.expects, [&](const ast::Expectation& a, const ast::Expectation& b) {
      same("kind", a.kind, b.kind);
      same("what", a.what, b.what);
      name("target", a.target, b.target);
      opt("payer", a.payer, b.payer, [&](const ast::Name& p, const ast::Name& q) { name("name", p, q); });
      same("selective", a.selective, b.selective);
      same("upto", a.upto, b.upto);
      same("at_least", a.at_least, b.at_least);
      lit_opt("amount", a.amount, b.amount);
      lit_opt("amount_hi", a.amount_hi, b.amount_hi);
      lit_opt("unspec_max", a.unspec_max, b.unspec_max);
    });
  }

  void header(const ast::Header& x, const ast::Header& y) {
    Scope s(*this, "header");
    text("title", x.title, y.title);
    text("issuer", x.issuer, y.issuer);
    text("docno", x.docno, y.docno);
    text("status", x.status, y.status);
    lit_opt("date", x.date, y.date);
    texts("bases", x.bases, y.bases, false);
    texts("notes", x.notes, y.notes, false);
    same("rounding", x.rounding, y.rounding);
    same("rounding_unit", x.rounding_unit, y.rounding_unit);
    same("rounding_written", x.rounding_written, y.rounding_written);
  }
};

}  // namespace

std::optional<std::string> ast_difference(const ast::Policy& a, const ast::Policy& b) {
  Cmp c;
  c.policy(a, b);
  return c.diff;
}

}  // namespace zc::formatter
