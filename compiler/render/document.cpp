// The rendered document (see render.h): walks the statements in source order and gathers headings
// and paragraphs — per article its run-in head, the document's own words (正文), the sentences
// generated from its statements with their 引语 and 后语, its departments, and the notes on readings.
// It decides structure only; the words come from phrase.cpp and the markup from lines.cpp/emit.cpp.
#include <map>

#include "compiler/render/render.h"

namespace zc::render {
namespace {

// 「（二）4」 -> subsection （二）, number 4. ASCII brackets become full-width. A number that is all
// bracket (（一）, （1）) is a numbered paragraph of its own: no subsection.
void split_article_number(const std::string& written, std::string& subsection, std::string& number) {
  std::string s = written;
  for (std::string_view open : {"（", "("}) {
    if (s.compare(0, open.size(), open) != 0) continue;
    for (std::string_view close : {"）", ")"}) {
      size_t at = s.find(close);
      if (at == std::string::npos) continue;
      std::string inner = s.substr(open.size(), at - open.size());
      std::string rest = s.substr(at + close.size());
      if (rest.empty()) {
        number = "（" + inner + "）";
        return;
      }
      subsection = "（" + inner + "）";
      number = rest;
      return;
    }
  }
  number = s;
}

std::string article_head(const std::string& number, const std::string& title) {
  if (number.empty()) return "";
  bool bracketed = number.size() >= 3 && number.compare(number.size() - 3, 3, "）") == 0;
  return number + (bracketed ? "" : ".") + (title.empty() ? std::string() : title + "。");
}

bool is_space_at(std::string_view s, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r') { len = 1; return true; }
  if (s.compare(i, 3, "\u3000") == 0) { len = 3; return true; }
  if (s.compare(i, 2, "\u00A0") == 0) { len = 2; return true; }
  return false;
}

// A line of the document's own text without the white space around it.
std::string trim(std::string_view s) {
  size_t b = 0, len = 0;
  while (b < s.size() && is_space_at(s, b, len)) b += len;
  size_t e = s.size();
  while (e > b) {
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;  // start of the last code point
    if (!is_space_at(s, k, len) || k + len != e) break;
    e = k;
  }
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    std::string line = trim(std::string_view(s).substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (!line.empty()) out.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

bool starts_with_any(const std::string& s, std::initializer_list<std::string_view> marks) {
  for (std::string_view m : marks)
    if (s.compare(0, m.size(), m) == 0) return true;
  return false;
}
bool ends_with_any(const std::string& s, std::initializer_list<std::string_view> marks) {
  for (std::string_view m : marks)
    if (s.size() >= m.size() && s.compare(s.size() - m.size(), m.size(), m) == 0) return true;
  return false;
}

class Builder {
 public:
  explicit Builder(const ast::Policy& p) : p_(p) {}

  Document run() {
    const ast::Header& h = p_.header;
    doc_.whole = !p_.prose.empty();
    doc_.title = h.title;
    doc_.status = h.status;
    doc_.issuer = h.issuer;
    doc_.docno = h.docno;
    if (h.date) doc_.date = h.date->text;
    doc_.bases = h.bases;
    for (const std::string& n : h.notes)
      for (const std::string& line : split_lines(n)) doc_.notes.push_back(Note{"", line, false, {}});
    for (Span s : {h.title_span, h.issuer_span, h.date_span})
      if (s.end > s.begin) doc_.header_sources.push_back(s);
    for (size_t i = 0; i < p_.prose.size(); ++i) gather(p_.prose[i]);
    for (const ast::Item& it : p_.order) item(it);
    finish_article();
    return std::move(doc_);
  }

 private:
  using Key = std::pair<int, int>;  // (Item::Kind, index) of a decision statement
  static Key key(const ast::Item& it) { return {static_cast<int>(it.kind), it.index}; }

  // The prose that is not a paragraph of its own: 引语 and 后语 go with their decision, the lines
  // around the text into the document's fields.
  void gather(const ast::Prose& x) {
    switch (x.kind) {
      case ast::Prose::Kind::Lead:
      case ast::Prose::Kind::Tail:
        if (x.attached) (x.kind == ast::Prose::Kind::Lead ? leads_ : tails_)[key(*x.attached)].push_back(&x);
        return;
      case ast::Prose::Kind::Addressee: doc_.addressee = trim(x.text); break;
      case ast::Prose::Kind::Attachment: doc_.attachments.insert(doc_.attachments.end(), x.items.begin(), x.items.end()); break;
      case ast::Prose::Kind::Remark: doc_.remark = trim(x.text); break;
      case ast::Prose::Kind::CopyTo: doc_.copies.insert(doc_.copies.end(), x.items.begin(), x.items.end()); break;
      case ast::Prose::Kind::Printed:
        doc_.printed_by = trim(x.text);
        if (x.date) doc_.printed_date = x.date->text;
        break;
      case ast::Prose::Kind::Body:
      case ast::Prose::Kind::List:
        return;
    }
    doc_.closing_sources.push_back(x.span);
  }

  void item(const ast::Item& it) {
    size_t i = static_cast<size_t>(it.index);
    switch (it.kind) {
      case ast::Item::Kind::Chapter: {
        finish_article();
        const ast::Chapter& c = p_.chapters[i];
        heading(1, c.number + "、" + c.title, c.span);
        sub_.clear();
        break;
      }
      case ast::Item::Kind::Section: {
        finish_article();
        const ast::Section& s = p_.sections[i];
        heading(2, "（" + s.number + "）" + s.title, s.span);
        sub_ = "（" + s.number + "）";
        break;
      }
      case ast::Item::Kind::Article: {
        finish_article();
        const ast::Article& a = p_.articles[i];
        std::string subsection, number;
        split_article_number(a.number, subsection, number);
        if (!subsection.empty() && subsection != sub_) heading(2, subsection, a.span);
        sub_ = subsection;
        Block b;
        std::string head = article_head(number, a.title);
        if (!head.empty()) b.pieces.push_back(Piece{Piece::Kind::Head, head, {}, {a.span}});
        open_paragraph(std::move(b));
        article_ = it.index;
        in_article_ = true;
        break;
      }
      case ast::Item::Kind::Rule: {
        const ast::Rule& r = p_.rules[i];
        sentence(it, Sentence::Kind::Rule, rule_sentence(r), r.name.text, r.span);
        notes(r.name.text, r.note, false, r.note_span);
        notes(r.name.text, r.review, true, r.review_span);
        break;
      }
      case ast::Item::Kind::Define:
        sentence(it, Sentence::Kind::Define, define_sentence(p_.defines[i]), "", p_.defines[i].span);
        notes(p_.defines[i].name.text, p_.defines[i].note, false, {});
        break;
      case ast::Item::Kind::Cap:
        sentence(it, Sentence::Kind::Cap, cap_sentence(p_.caps[i]), "", p_.caps[i].span);
        notes(p_.caps[i].name.text, p_.caps[i].note, false, {});
        break;
      case ast::Item::Kind::NoDup:
        sentence(it, Sentence::Kind::NoDup, nodup_sentence(p_.nodups[i]), "", p_.nodups[i].span);
        notes(p_.nodups[i].name.text, p_.nodups[i].note, false, {});
        break;
      case ast::Item::Kind::Constraint:
        sentence(it, Sentence::Kind::Constraint, constraint_sentence(p_.constraints[i]), "", p_.constraints[i].span);
        notes(p_.constraints[i].name.text, p_.constraints[i].note, false, {});
        break;
      case ast::Item::Kind::Target:
        if (open_ || doc_.whole) {
          sentence(it, Sentence::Kind::Target, target_sentence(p_.targets[i]), "", p_.targets[i].span);
        } else {
          doc_.targets.push_back(target_sentence(p_.targets[i]));
        }
        break;
      case ast::Item::Kind::Prose:
        prose(p_.prose[i]);
        break;
      default:
        break;  // header, payers, facts, examples: declarations, not text; depts and notes are read per article
    }
  }

  void heading(int level, std::string text, Span source) {
    Block b;
    b.kind = Block::Kind::Heading;
    b.level = level;
    b.text = std::move(text);
    b.sources.push_back(source);
    doc_.blocks.push_back(std::move(b));
  }

  void open_paragraph(Block b) {
    doc_.blocks.push_back(std::move(b));
    para_ = doc_.blocks.size() - 1;
    open_ = true;
  }

  // The paragraph statements are added to; statements before any article get an unnumbered one.
  Block& paragraph() {
    if (!open_) open_paragraph(Block{});
    return doc_.blocks[para_];
  }

  // A generated sentence with the 引语 before it and the 后语 after it.
  void sentence(const ast::Item& it, Sentence::Kind kind, std::string text, const std::string& name, Span span) {
    Piece piece;
    piece.kind = Piece::Kind::Sentence;
    auto lead = leads_.find(key(it));
    if (lead != leads_.end()) {
      std::string before;
      for (const ast::Prose* x : lead->second) {
        std::string words = trim(x->text);
        before += words + (ends_with_any(words, {"，", "；", "：", "。"}) ? "" : "，");
        piece.sources.push_back(x->span);
      }
      text = before + text;
    }
    piece.sources.push_back(span);
    auto tail = tails_.find(key(it));
    if (tail != tails_.end()) {
      if (ends_with_any(text, {"。"})) text.resize(text.size() - 3);
      for (const ast::Prose* x : tail->second) {
        std::string words = trim(x->text);
        text += (starts_with_any(words, {"，", "；", "：", "（", "。"}) ? "" : "，") + words;
        piece.sources.push_back(x->span);
      }
      if (!ends_with_any(text, {"。", "；", "，", "：", "！", "？"})) text += "。";
    }
    piece.text = text;
    piece.sentence = Sentence{kind, it.index, std::move(text), name};
    paragraph().pieces.push_back(std::move(piece));
  }

  // 正文: inside an article the first line continues the article's paragraph (unless the text
  // starts with a line break); every other line is a paragraph of its own. 列表: one paragraph per
  // item, numbered （1）（2）….
  void prose(const ast::Prose& x) {
    if (x.kind == ast::Prose::Kind::Body) {
      std::vector<std::string> paras = split_lines(x.text);
      size_t first = 0, len = 0;
      while (first < x.text.size() && is_space_at(x.text, first, len)) first += len;
      bool run_in = first < x.text.size() && x.text[first] != '\n';
      for (size_t k = 0; k < paras.size(); ++k) {
        Piece piece{Piece::Kind::Prose, paras[k], {}, {x.span}};
        if (k == 0 && run_in && in_article_ && open_) {
          doc_.blocks[para_].pieces.push_back(std::move(piece));
          continue;
        }
        Block b;
        b.pieces.push_back(std::move(piece));
        open_paragraph(std::move(b));
      }
    } else if (x.kind == ast::Prose::Kind::List) {
      for (size_t k = 0; k < x.items.size(); ++k) {
        Block b;
        b.pieces.push_back(Piece{Piece::Kind::Prose, "（" + std::to_string(k + 1) + "）" + trim(x.items[k]), {}, {x.span}});
        open_paragraph(std::move(b));
      }
    }
  }

  // The notes of one statement of the current article, shown after the article's last paragraph.
  void notes(const std::string& label, const std::string& text, bool review, Span source) {
    for (const std::string& line : split_lines(text)) rule_notes_.push_back(Note{label, line, review, source});
  }

  void finish_article() {
    if (!open_) return;
    Block& b = doc_.blocks[para_];
    if (article_ >= 0) {
      const ast::Article& a = p_.articles[static_cast<size_t>(article_)];
      std::string depts = depts_text(a.depts);
      if (!depts.empty()) {
        Piece piece{Piece::Kind::Depts, depts, {}, {}};
        for (const ast::Dept& d : a.depts)
          if (piece.sources.empty() || piece.sources.back().begin != d.span.begin) piece.sources.push_back(d.span);
        b.pieces.push_back(std::move(piece));
      }
      for (const std::string& line : split_lines(a.note)) b.notes.push_back(Note{"", line, false, {}});
    }
    b.notes.insert(b.notes.end(), rule_notes_.begin(), rule_notes_.end());
    rule_notes_.clear();
    open_ = in_article_ = false;
    article_ = -1;
  }

  const ast::Policy& p_;
  Document doc_;
  bool open_ = false;        // a paragraph collects the statements that follow
  bool in_article_ = false;  // ... and it belongs to a numbered article
  size_t para_ = 0;          // the open paragraph (the article's last)
  int article_ = -1;
  std::string sub_;          // the （二） heading in force in this chapter
  std::vector<Note> rule_notes_;
  std::map<Key, std::vector<const ast::Prose*>> leads_, tails_;
};

}  // namespace

std::string Block::text_of_pieces() const {
  std::string s;
  for (const Piece& p : pieces) s += p.text;
  return s;
}

Document build_document(const ast::Policy& p) { return Builder(p).run(); }

std::string official_title(const Document& d) {
  bool about = d.title.compare(0, 6, "关于") == 0;
  if (d.whole && about && !d.issuer.empty()) return d.issuer + d.title;
  return d.title;
}

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
