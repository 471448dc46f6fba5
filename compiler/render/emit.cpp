// Output of a rendered document (see render.h) as plain text, Markdown, HTML, or the annotated HTML
// page of the review office. Only layout and escaping live here: every word was chosen by phrase.cpp
// from the AST, or is the document's own text as the drafter wrote it.
#include "compiler/render/render.h"

namespace zc::render {
namespace {

constexpr const char* kIndent = "\u3000\u3000";  // an official paragraph starts two full-width spaces in

std::string note_head(const Note& n) {
  std::string head = n.review ? "公平竞争审查" : "说明";
  return n.label.empty() ? head : head + "（" + n.label + "）";
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

// A paragraph's run-in head, and the rest of it.
std::string head_of(const Block& b) {
  return !b.pieces.empty() && b.pieces[0].kind == Piece::Kind::Head ? b.pieces[0].text : std::string();
}
std::string rest_of(const Block& b) {
  std::string s;
  for (const Piece& p : b.pieces)
    if (p.kind != Piece::Kind::Head) s += p.text;
  return s;
}

// ---- plain text --------------------------------------------------------------------------------

std::string text(const Document& d) {
  std::string s;
  for (const Line& l : lines(d)) {
    if (l.blank_before) s += "\n";
    switch (l.style) {
      case Line::Style::Body:
      case Line::Style::Note:
      case Line::Style::Attachment:
      case Line::Style::Remark:
        s += kIndent;
        break;
      case Line::Style::HeaderNote:
        if (d.whole) s += kIndent;
        break;
      case Line::Style::AttachmentMore:
        s += std::string(kIndent) + "\u3000\u3000\u3000";  // under the first item, after 附件：
        break;
      default:
        break;
    }
    s += l.text + "\n";
  }
  return s;
}

// ---- Markdown ----------------------------------------------------------------------------------

std::string md_escape(const std::string& in) {
  std::string s;
  for (char c : in) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#' ||
        c == '|')
      s += '\\';
    s += c;
  }
  return s;
}

void md_blocks(std::string& s, const Document& d) {
  for (const Block& b : d.blocks) {
    if (b.kind == Block::Kind::Heading) {
      s += (b.level == 1 ? "## " : "### ") + md_escape(b.text) + "\n\n";
    } else {
      std::string head = head_of(b);
      // The space after the closing ** lets CommonMark close it after 。 before a CJK character.
      s += (head.empty() ? std::string() : "**" + md_escape(head) + "** ") + md_escape(rest_of(b)) + "\n\n";
    }
    for (const Note& n : b.notes) s += "> " + md_escape(note_head(n)) + "：" + md_escape(n.text) + "\n\n";
  }
}

std::string markdown(const Document& d) {
  std::string s = "# " + md_escape(official_title(d)) + "\n\n";
  if (!d.status.empty()) s += "（" + md_escape(d.status) + "）\n\n";
  if (!d.whole) {
    std::vector<std::string> meta;
    for (const std::string* x : {&d.docno, &d.issuer, &d.date})
      if (!x->empty()) meta.push_back(md_escape(*x));
    if (!meta.empty()) s += join(meta, "  \n") + "\n\n";
    if (!d.bases.empty()) {
      std::vector<std::string> b;
      for (const std::string& x : d.bases) b.push_back(md_escape(x));
      s += "依据：" + join(b, "、") + "\n\n";
    }
    for (const Note& n : d.notes) s += "> " + note_head(n) + "：" + md_escape(n.text) + "\n\n";
    if (!d.targets.empty()) s += "## 总体目标\n\n" + md_escape(join(d.targets, "")) + "\n\n";
    md_blocks(s, d);
  } else {
    if (!d.docno.empty()) s += md_escape(d.docno) + "\n\n";
    for (const Note& n : d.notes) s += "> " + note_head(n) + "：" + md_escape(n.text) + "\n\n";
    if (!d.addressee.empty()) s += md_escape(d.addressee) + "：\n\n";
    md_blocks(s, d);
    for (size_t i = 0; i < d.attachments.size(); ++i) {
      std::string item = d.attachments.size() > 1 ? std::to_string(i + 1) + "." + d.attachments[i] : d.attachments[i];
      s += (i == 0 ? "附件：" : "") + md_escape(item) + (i + 1 < d.attachments.size() ? "  \n" : "\n\n");
    }
    std::vector<std::string> sign;
    for (const std::string* x : {&d.issuer, &d.date})
      if (!x->empty()) sign.push_back(md_escape(*x));
    if (!sign.empty()) s += join(sign, "  \n") + "\n\n";
    if (!d.remark.empty()) s += "（" + md_escape(d.remark) + "）\n\n";
    std::vector<std::string> colophon;
    if (!d.copies.empty()) colophon.push_back("抄送：" + md_escape(join(d.copies, "，")) + "。");
    if (!d.printed_by.empty() || !d.printed_date.empty())
      colophon.push_back(md_escape(d.printed_by) + (d.printed_date.empty() ? "" : "\u3000\u3000" + d.printed_date + "印发"));
    if (!colophon.empty()) s += "---\n\n" + join(colophon, "  \n") + "\n\n";
  }
  while (s.size() > 1 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n') s.pop_back();
  return s;
}

// ---- HTML --------------------------------------------------------------------------------------

std::string esc(std::string_view in) {
  std::string s;
  for (char c : in) {
    switch (c) {
      case '&': s += "&amp;"; break;
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '"': s += "&quot;"; break;
      default: s += c;
    }
  }
  return s;
}

const char* sentence_class(Sentence::Kind k) {
  switch (k) {
    case Sentence::Kind::Rule: return "decision";
    case Sentence::Kind::Define: return "definition";
    case Sentence::Kind::Cap: return "cap";
    case Sentence::Kind::NoDup: return "nodup";
    case Sentence::Kind::Constraint: return "constraint";
    case Sentence::Kind::Target: return "target";
  }
  return "";
}

std::string html_piece(const Piece& x) {
  switch (x.kind) {
    case Piece::Kind::Head: return "<b>" + esc(x.text) + "</b>";
    case Piece::Kind::Prose: return "<span class=\"prose\">" + esc(x.text) + "</span>";
    case Piece::Kind::Depts: return "<span class=\"depts\">" + esc(x.text) + "</span>";
    case Piece::Kind::Sentence: {
      std::string s = "<span class=\"" + std::string(sentence_class(x.sentence.kind)) + "\"";
      if (!x.sentence.name.empty()) s += " data-rule=\"" + esc(x.sentence.name) + "\"";
      return s + ">" + esc(x.text) + "</span>";
    }
  }
  return "";
}

void html_blocks(std::string& s, const Document& d) {
  bool open = false;
  for (const Block& b : d.blocks) {
    if (b.kind == Block::Kind::Heading && b.level == 1) {
      if (open) s += "</section>\n";
      s += "<section class=\"chapter\">\n<h2>" + esc(b.text) + "</h2>\n";
      open = true;
    } else {
      if (!open) s += "<section class=\"chapter\">\n";
      open = true;
      if (b.kind == Block::Kind::Heading) {
        s += "<h3>" + esc(b.text) + "</h3>\n";
      } else {
        s += "<p class=\"article\">";
        for (const Piece& x : b.pieces) s += html_piece(x);
        s += "</p>\n";
      }
    }
    for (const Note& n : b.notes) s += "<aside class=\"note\">" + esc(note_head(n)) + "：" + esc(n.text) + "</aside>\n";
  }
  if (open) s += "</section>\n";
}

std::string html_article(const Document& d) {
  std::string s = "<article class=\"policy\">\n<h1>" + esc(official_title(d)) + "</h1>\n";
  if (!d.status.empty()) s += "<p class=\"status\">（" + esc(d.status) + "）</p>\n";
  if (!d.docno.empty()) s += "<p class=\"docno\">" + esc(d.docno) + "</p>\n";
  if (!d.whole) {
    if (!d.issuer.empty()) s += "<p class=\"issuer\">" + esc(d.issuer) + "</p>\n";
    if (!d.date.empty()) s += "<p class=\"date\">" + esc(d.date) + "</p>\n";
    if (!d.bases.empty()) s += "<p class=\"basis\">依据：" + esc(join(d.bases, "、")) + "</p>\n";
  }
  for (const Note& n : d.notes) s += "<aside class=\"note\">" + esc(note_head(n)) + "：" + esc(n.text) + "</aside>\n";
  if (!d.whole && !d.targets.empty())
    s += "<section class=\"targets\">\n<h2>总体目标</h2>\n<p>" + esc(join(d.targets, "")) + "</p>\n</section>\n";
  if (d.whole && !d.addressee.empty()) s += "<p class=\"addressee\">" + esc(d.addressee) + "：</p>\n";
  html_blocks(s, d);
  if (d.whole) {
    for (const Line& l : lines(d)) {
      const char* cls = nullptr;
      switch (l.style) {
        case Line::Style::Attachment: cls = "attachment"; break;
        case Line::Style::AttachmentMore: cls = "attachment more"; break;
        case Line::Style::Signature: cls = "signature"; break;
        case Line::Style::Date: cls = "signature date"; break;
        case Line::Style::Remark: cls = "remark"; break;
        case Line::Style::CopyTo: cls = "colophon copyto"; break;
        case Line::Style::Printed: cls = "colophon printed"; break;
        default: break;
      }
      if (cls) s += "<p class=\"" + std::string(cls) + "\">" + esc(l.text) + "</p>\n";
    }
  }
  return s + "</article>\n";
}

const char* kStyle =
    "body { font-family: \"FangSong\", \"STFangsong\", serif; max-width: 46em; margin: 2em auto; line-height: 1.8; }\n"
    "h1 { text-align: center; font-family: \"SimHei\", sans-serif; }\n"
    "h2, h3 { font-family: \"SimHei\", sans-serif; font-size: 1.1em; }\n"
    ".status, .docno, .issuer, .date { text-align: center; margin: 0; }\n"
    "p.article { text-indent: 2em; }\n"
    "aside.note { margin: 0 0 0.8em 2em; padding-left: 0.8em; border-left: 3px solid #bbb; color: #555; font-size: 0.9em; }\n";

// The closing lines of a whole document (GB/T 9704-2012: signature and date to the right, the 版记
// between rules). Only pages holding a whole document carry them.
const char* kWholeStyle =
    "p.article, p.attachment, p.remark { text-indent: 2em; margin: 0; }\n"
    "p.attachment.more { text-indent: 5em; }\n"
    "p.signature { text-align: right; margin: 0 4em 0 0; }\n"
    "p.colophon { border-top: 1px solid #000; margin: 0; padding: 0 1em; }\n"
    "p.colophon.printed { border-bottom: 1px solid #000; }\n";

std::string page_head(const std::string& title, bool whole, const char* extra = "") {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) +
         "</title>\n<style>\n" + kStyle + (whole ? kWholeStyle : "") + extra + "</style>\n</head>\n<body>\n";
}

std::string html(const std::vector<Document>& docs) {
  std::string title = docs.size() == 1 ? official_title(docs[0]) : "政策文本";
  bool whole = false;
  for (const Document& d : docs) whole = whole || d.whole;
  std::string s = page_head(title, whole);
  for (const Document& d : docs) s += html_article(d);
  return s + "</body>\n</html>\n";
}

// ---- annotated HTML ----------------------------------------------------------------------------

std::string source_text(const SourceManager& sm, const std::vector<Span>& spans) {
  std::string s;
  for (const Span& sp : spans) {
    if (sp.end <= sp.begin) continue;
    std::string_view all = sm.file(sp.file).text();
    if (sp.end > all.size()) continue;
    if (!s.empty()) s += "\n";
    s += std::string(all.substr(sp.begin, sp.end - sp.begin));
  }
  return s;
}

void row(std::string& s, const std::string& cls, const std::string& text, const std::string& code) {
  s += "<tr class=\"" + cls + "\"><td class=\"text\">" + esc(text) + "</td><td class=\"code\">" +
       (code.empty() ? std::string() : "<pre>" + esc(code) + "</pre>") + "</td></tr>\n";
}

void note_rows(std::string& s, const SourceManager& sm, const std::vector<Note>& notes) {
  for (const Note& n : notes) row(s, "note", "【" + note_head(n) + "】" + n.text, source_text(sm, {n.source}));
}

std::string annotated_article(const Document& d, const SourceManager& sm) {
  std::string s = "<article class=\"policy\">\n<table class=\"annotated\">\n<thead><tr><th>政策文本</th><th>编码</th></tr></thead>\n<tbody>\n";
  row(s, "title", official_title(d), source_text(sm, d.header_sources));
  note_rows(s, sm, d.notes);
  for (const Block& b : d.blocks) {
    if (b.kind == Block::Kind::Heading) {
      row(s, b.level == 1 ? "heading1" : "heading2", b.text, source_text(sm, b.sources));
    } else {
      for (const Piece& x : b.pieces) {
        std::string cls = x.kind == Piece::Kind::Sentence ? sentence_class(x.sentence.kind)
                          : x.kind == Piece::Kind::Head   ? "head"
                          : x.kind == Piece::Kind::Depts  ? "depts"
                                                          : "prose";
        row(s, cls, x.text, source_text(sm, x.sources));
      }
    }
    note_rows(s, sm, b.notes);
  }
  std::string closing;
  for (const Line& l : lines(d))
    if (l.style >= Line::Style::Attachment) closing += (closing.empty() ? "" : "\n") + l.text;
  if (!closing.empty()) row(s, "closing", closing, source_text(sm, d.closing_sources));
  return s + "</tbody>\n</table>\n</article>\n";
}

}  // namespace

std::string emit(const Document& d, Format f) { return emit_all({d}, f); }

std::string emit_all(const std::vector<Document>& docs, Format f) {
  if (f == Format::Html) return html(docs);
  std::string s;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i) s += f == Format::Markdown ? "\n---\n\n" : "\n\u2014\u2014\u2014\u2014\n\n";
    s += f == Format::Markdown ? markdown(docs[i]) : text(docs[i]);
  }
  return s;
}

std::string emit_annotated(const std::vector<Document>& docs, const SourceManager& sm) {
  std::string title = docs.size() == 1 ? official_title(docs[0]) : "政策文本";
  std::string s = page_head("对照：" + title, true,
                            "body { max-width: 80em; }\n"
                            "table.annotated { border-collapse: collapse; width: 100%; margin-bottom: 2em; }\n"
                            "table.annotated td, table.annotated th { border: 1px solid #ccc; padding: 0.3em 0.6em; vertical-align: top; }\n"
                            "td.text { width: 50%; }\n"
                            "td.code pre { margin: 0; white-space: pre-wrap; font-family: monospace; font-size: 0.9em; }\n"
                            "tr.decision td.text { background: #fff8e0; }\n"
                            "tr.note td { color: #555; font-size: 0.9em; }\n"
                            "tr.heading1 td.text, tr.heading2 td.text { font-family: \"SimHei\", sans-serif; }\n");
  for (const Document& d : docs) s += annotated_article(d, sm);
  return s + "</body>\n</html>\n";
}

}  // namespace zc::render
