// The renderer: the official-language text of a policy, generated from its AST (title, issuer and
// date, chapters, numbered articles, each decision as a sentence, notes on readings, departments).
// It phrases what the encoding says with the words the drafter chose; it never reads a stored copy
// of the original text, and it does not evaluate or check anything (the AST must parse cleanly).
#pragma once
#include <string>
#include <vector>

#include "compiler/syntax/ast.h"

namespace zc::render {

enum class Format { Text, Markdown, Html };

// ---- Phrasing (phrase.cpp): one construct of the AST as official Chinese text --------------------

std::string value_text(const ast::Value& v);
std::string comparison_text(const ast::Comparison& c);
std::string cond_text(const ast::Cond& c);
// One alternative of a rule (对……的企业，给予10万元补助), without end punctuation.
std::string clause_text(const ast::Clause& c);
// A whole rule: its alternatives joined by ；, ending with 。
std::string rule_sentence(const ast::Rule& r);
std::string define_sentence(const ast::Define& d);
std::string cap_sentence(const ast::CapGroup& g);
std::string nodup_sentence(const ast::NoDupGroup& g);
std::string constraint_sentence(const ast::Constraint& c);
std::string target_sentence(const ast::Target& t);
// （牵头单位：区科技局；配合单位：区财政局、区税务局）, or "" when there are none.
std::string depts_text(const std::vector<ast::Dept>& depts);

// ---- The document (document.cpp) ---------------------------------------------------------------

// One sentence of an article's paragraph: a decision (rule), or another statement of the article.
struct Sentence {
  enum class Kind { Rule, Define, Cap, NoDup, Constraint, Target } kind = Kind::Rule;
  int index = -1;  // into the Policy list of that kind
  std::string text;
  std::string name;  // the rule's name, for decisions (HTML marks each decision with it)
};

struct Note {
  std::string label;  // what the note is about (a rule, a group, a definition), or "" for the article or policy
  std::string text;
  bool review = false;  // a rule's fair-competition review (公平竞争审查), not a reading
};

struct ArticleBlock {
  int article = -1;          // index into Policy::articles; -1 for statements before any article
  std::string subsection;    // （二） when the article number is written 第（二）4条
  std::string number;        // 4
  std::string title;
  std::vector<Sentence> sentences;
  std::string depts;         // depts_text of the article
  std::vector<Note> notes;
};

struct ChapterBlock {
  int chapter = -1;  // -1: articles before any chapter
  std::string heading;  // 二、强化企业科技创新主体地位……
  std::vector<ArticleBlock> articles;
};

struct Document {
  std::string title, status, issuer, date, docno;
  std::vector<std::string> bases;
  std::vector<Note> notes;            // 说明 before the first article
  std::vector<std::string> targets;   // targets written before any article (总体目标)
  std::vector<ChapterBlock> chapters;
};

Document build_document(const ast::Policy& p);

// Every decision sentence of the policy with its article number as written (the similarity test
// and `zhengce explain` use these).
struct Decision {
  int rule = -1;
  std::string article;  // "1", "（二）4", "" when the rule precedes every article
  std::string text;
};
std::vector<Decision> decisions(const ast::Policy& p);

// ---- Output (emit.cpp) -------------------------------------------------------------------------

std::string emit(const Document& d, Format f);
// Several documents as one output: text and markdown separated by a rule, HTML as one page.
std::string emit_all(const std::vector<Document>& docs, Format f);

}  // namespace zc::render
