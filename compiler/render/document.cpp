// The rendered document (see render.h): walks the statements in source order and gathers, per
// chapter and article, the sentences, the departments and the notes on readings.
// It decides structure only; the words come from phrase.cpp and the markup from emit.cpp.
#include "compiler/render/render.h"

namespace zc::render {
namespace {

// 「（二）4」 -> subsection （二）, number 4. ASCII brackets become full-width.
void split_article_number(const std::string& written, std::string& subsection, std::string& number) {
  std::string s = written;
  for (std::string_view open : {"（", "("}) {
    if (s.compare(0, open.size(), open) != 0) continue;
    for (std::string_view close : {"）", ")"}) {
      size_t at = s.find(close);
      if (at == std::string::npos) continue;
      subsection = "（" + s.substr(open.size(), at - open.size()) + "）";
      number = s.substr(at + close.size());
      return;
    }
  }
  number = s;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    std::string line = s.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty()) out.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

class Builder {
 public:
  explicit Builder(const ast::Policy& p) : p_(p) {}

  Document run() {
    const ast::Header& h = p_.header;
    doc_.title = h.title;
    doc_.status = h.status;
    doc_.issuer = h.issuer;
    doc_.docno = h.docno;
    if (h.date) doc_.date = h.date->text;
    doc_.bases = h.bases;
    for (const std::string& n : h.notes)
      for (const std::string& line : split_lines(n)) doc_.notes.push_back(Note{"", line, false});
    for (const ast::Item& it : p_.order) item(it);
    finish_article();
    return std::move(doc_);
  }

 private:
  void item(const ast::Item& it) {
    size_t i = static_cast<size_t>(it.index);
    switch (it.kind) {
      case ast::Item::Kind::Chapter: {
        finish_article();
        const ast::Chapter& c = p_.chapters[i];
        ChapterBlock b;
        b.chapter = it.index;
        b.heading = c.number + "、" + c.title;
        doc_.chapters.push_back(std::move(b));
        break;
      }
      case ast::Item::Kind::Article: {
        finish_article();
        const ast::Article& a = p_.articles[i];
        ArticleBlock b;
        b.article = it.index;
        split_article_number(a.number, b.subsection, b.number);
        b.title = a.title;
        chapter().articles.push_back(std::move(b));
        open_ = true;
        break;
      }
      case ast::Item::Kind::Rule: {
        const ast::Rule& r = p_.rules[i];
        ArticleBlock& b = article();
        b.sentences.push_back(Sentence{Sentence::Kind::Rule, it.index, rule_sentence(r), r.name.text});
        notes(r.name.text, r.note, false);
        notes(r.name.text, r.review, true);
        break;
      }
      case ast::Item::Kind::Define:
        article().sentences.push_back(Sentence{Sentence::Kind::Define, it.index, define_sentence(p_.defines[i]), ""});
        notes(p_.defines[i].name.text, p_.defines[i].note, false);
        break;
      case ast::Item::Kind::Cap:
        article().sentences.push_back(Sentence{Sentence::Kind::Cap, it.index, cap_sentence(p_.caps[i]), ""});
        notes(p_.caps[i].name.text, p_.caps[i].note, false);
        break;
      case ast::Item::Kind::NoDup:
        article().sentences.push_back(Sentence{Sentence::Kind::NoDup, it.index, nodup_sentence(p_.nodups[i]), ""});
        notes(p_.nodups[i].name.text, p_.nodups[i].note, false);
        break;
      case ast::Item::Kind::Constraint:
        article().sentences.push_back(Sentence{Sentence::Kind::Constraint, it.index, constraint_sentence(p_.constraints[i]), ""});
        notes(p_.constraints[i].name.text, p_.constraints[i].note, false);
        break;
      case ast::Item::Kind::Target:
        if (open_) {
          article().sentences.push_back(Sentence{Sentence::Kind::Target, it.index, target_sentence(p_.targets[i]), ""});
        } else {
          doc_.targets.push_back(target_sentence(p_.targets[i]));
        }
        break;
      default:
        break;  // header, payers, facts, examples: declarations, not text; depts and notes are read per article
    }
  }

  // The notes of one statement of the current article, shown after the article's paragraph.
  void notes(const std::string& label, const std::string& text, bool review) {
    for (const std::string& line : split_lines(text)) rule_notes_.push_back(Note{label, line, review});
  }

  ChapterBlock& chapter() {
    if (doc_.chapters.empty()) doc_.chapters.push_back(ChapterBlock{});
    return doc_.chapters.back();
  }

  // The article statements belong to; statements before any article get an unnumbered block.
  ArticleBlock& article() {
    ChapterBlock& c = chapter();
    if (!open_) {
      c.articles.push_back(ArticleBlock{});
      open_ = true;
    }
    return c.articles.back();
  }

  void finish_article() {
    if (!open_) return;
    ArticleBlock& b = chapter().articles.back();
    if (b.article >= 0) {
      const ast::Article& a = p_.articles[static_cast<size_t>(b.article)];
      b.depts = depts_text(a.depts);
      for (const std::string& line : split_lines(a.note)) b.notes.push_back(Note{"", line, false});
    }
    b.notes.insert(b.notes.end(), rule_notes_.begin(), rule_notes_.end());
    rule_notes_.clear();
    open_ = false;
  }

  const ast::Policy& p_;
  Document doc_;
  bool open_ = false;
  std::vector<Note> rule_notes_;
};

}  // namespace

Document build_document(const ast::Policy& p) { return Builder(p).run(); }

std::vector<Decision> decisions(const ast::Policy& p) {
  std::vector<Decision> out;
  for (size_t r = 0; r < p.rules.size(); ++r) {
    const ast::Rule& rule = p.rules[r];
    std::string art = rule.article >= 0 ? p.articles[static_cast<size_t>(rule.article)].number : std::string();
    out.push_back(Decision{static_cast<int>(r), art, rule_sentence(rule)});
  }
  return out;
}

}  // namespace zc::render
