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
  Span source;          // the 说明 or 公平竞争审查 statement (empty span when unknown)
};

// One run of a paragraph, in the order written: an article's run-in head (1.标题。), the document's
// own words (正文), a sentence generated from a statement, or the departments (（牵头单位：……）).
struct Piece {
  enum class Kind { Head, Prose, Sentence, Depts } kind = Kind::Prose;
  std::string text;
  Sentence sentence;          // Sentence
  std::vector<Span> sources;  // the statements it comes from, in source order (render --annotated)
};

struct Block {
  enum class Kind { Heading, Paragraph } kind = Kind::Paragraph;
  int level = 0;              // Heading: 1 一、, 2 （一）
  std::string text;           // Heading: the whole line
  std::vector<Piece> pieces;  // Paragraph
  std::vector<Note> notes;    // shown after this block
  std::vector<Span> sources;  // Heading: the 章 / 节 / 条 statement
  std::string text_of_pieces() const;
};

struct Document {
  // The encoding holds the document's own words (正文, 引语, 主送机关 …): render the whole document
  // in the official order. Otherwise the decisions only, with the headings render supplies (依据,
  // 总体目标) — the layout of encodings that keep no prose.
  bool whole = false;
  std::string title, status, issuer, date, docno;
  std::vector<std::string> bases;
  std::vector<Note> notes;            // 说明 before the first article
  std::vector<std::string> targets;   // not whole: targets written before any article (总体目标)
  std::vector<Block> blocks;          // headings and paragraphs, in source order
  // The lines around the text (whole documents): above it, and the closing (GB/T 9704-2012 7.3, 8).
  std::string addressee, remark, printed_by, printed_date;
  std::vector<std::string> attachments, copies;
  std::vector<Span> header_sources;   // the header statements (政策, 发文机关 …)
  std::vector<Span> closing_sources;  // 主送机关, 附件, 附注, 抄送, 印发
};

Document build_document(const ast::Policy& p);

// The title as printed: a whole document whose title begins with 关于 gets its issuer in front
// (发文机关名称 + 事由 + 文种, GB/T 9704-2012 7.3.1); otherwise the title as written.
std::string official_title(const Document& d);

// Every decision sentence of the policy with its article number as written (the similarity test
// and `zhengce explain` use these).
struct Decision {
  int rule = -1;
  std::string article;  // "1", "（二）4", "" when the rule precedes every article
  std::string text;
};
std::vector<Decision> decisions(const ast::Policy& p);

// ---- Lines (lines.cpp): the document as the paragraphs of the official layout -------------------

// One printed paragraph with its role in the layout. The text rendering and the .docx are both
// written from these, so the .docx holds exactly the text rendering's words.
struct Line {
  enum class Style {
    Title, Status, DocNo, Meta,   // Meta: issuer and date under the title (not whole)
    Basis, HeaderNote, TargetsHead,  // not whole: 依据：……, 说明：……, 总体目标
    Addressee, Heading1, Heading2, Body, Note,
    Attachment, AttachmentMore, Signature, Date, Remark, CopyTo, Printed
  } style = Style::Body;
  std::string text;
  bool blank_before = false;  // the text rendering leaves an empty line before it
  const Note* note = nullptr; // Note, HeaderNote
};
std::vector<Line> lines(const Document& d);

// ---- Output (emit.cpp) -------------------------------------------------------------------------

std::string emit(const Document& d, Format f);
// Several documents as one output: text and markdown separated by a rule, HTML as one page.
std::string emit_all(const std::vector<Document>& docs, Format f);
// One HTML page for the review office: each sentence of the document beside the encoding that
// produced it (the statements' source text, read through `sm`).
std::string emit_annotated(const std::vector<Document>& docs, const SourceManager& sm);

// ---- .docx (docx.cpp) ----------------------------------------------------------------------------

// The document in pandoc's JSON model (API 1.22), styled for the 公文 reference document
// (compiler/render/gongwen/): pandoc writes the .docx from it. Notes (说明, 公平竞争审查) become
// Word comments on the paragraph they follow, so the printed text is the official text alone.
std::string pandoc_json(const Document& d);

}  // namespace zc::render
