// Output of a rendered document (see render.h) as plain text, Markdown or HTML. Only layout and
// escaping live here: every word was chosen by phrase.cpp from the AST.
#include "compiler/render/render.h"

namespace zc::render {
namespace {

constexpr const char* kIndent = "\u3000\u3000";  // an official paragraph starts two full-width spaces in

std::string note_head(const Note& n) {
  std::string head = n.review ? "公平竞争审查" : "说明";
  return n.label.empty() ? head : head + "（" + n.label + "）";
}

std::string article_head(const ArticleBlock& a) {
  if (a.number.empty()) return "";
  return a.number + "." + (a.title.empty() ? std::string() : a.title + "。");
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

std::string sentences(const ArticleBlock& a) {
  std::string s;
  for (const Sentence& x : a.sentences) s += x.text;
  return s;
}

// ---- plain text --------------------------------------------------------------------------------

std::string text(const Document& d) {
  std::string s = d.title + "\n";
  if (!d.status.empty()) s += "（" + d.status + "）\n";
  if (!d.docno.empty()) s += d.docno + "\n";
  if (!d.issuer.empty()) s += d.issuer + "\n";
  if (!d.date.empty()) s += d.date + "\n";
  if (!d.bases.empty()) s += "\n依据：" + join(d.bases, "、") + "\n";
  for (const Note& n : d.notes) s += "\n" + note_head(n) + "：" + n.text + "\n";
  if (!d.targets.empty()) s += "\n总体目标\n" + std::string(kIndent) + join(d.targets, "") + "\n";
  for (const ChapterBlock& c : d.chapters) {
    if (!c.heading.empty()) s += "\n" + c.heading + "\n";
    std::string sub;
    for (const ArticleBlock& a : c.articles) {
      if (!a.subsection.empty() && a.subsection != sub) s += a.subsection + "\n";
      sub = a.subsection;
      s += kIndent + article_head(a) + sentences(a) + a.depts + "\n";
      for (const Note& n : a.notes) s += std::string(kIndent) + "【" + note_head(n) + "】" + n.text + "\n";
    }
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

std::string markdown(const Document& d) {
  std::string s = "# " + md_escape(d.title) + "\n\n";
  if (!d.status.empty()) s += "（" + md_escape(d.status) + "）\n\n";
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
  for (const ChapterBlock& c : d.chapters) {
    if (!c.heading.empty()) s += "## " + md_escape(c.heading) + "\n\n";
    std::string sub;
    for (const ArticleBlock& a : c.articles) {
      if (!a.subsection.empty() && a.subsection != sub) s += "### " + md_escape(a.subsection) + "\n\n";
      sub = a.subsection;
      std::string head = article_head(a);
      // The space after the closing ** lets CommonMark close it after 。 before a CJK character.
      s += (head.empty() ? std::string() : "**" + md_escape(head) + "** ") + md_escape(sentences(a)) + md_escape(a.depts) + "\n\n";
      for (const Note& n : a.notes) s += "> " + md_escape(note_head(n)) + "：" + md_escape(n.text) + "\n\n";
    }
  }
  while (s.size() > 1 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n') s.pop_back();
  return s;
}

// ---- HTML --------------------------------------------------------------------------------------

std::string esc(const std::string& in) {
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

std::string html_article(const Document& d) {
  std::string s = "<article class=\"policy\">\n<h1>" + esc(d.title) + "</h1>\n";
  if (!d.status.empty()) s += "<p class=\"status\">（" + esc(d.status) + "）</p>\n";
  if (!d.docno.empty()) s += "<p class=\"docno\">" + esc(d.docno) + "</p>\n";
  if (!d.issuer.empty()) s += "<p class=\"issuer\">" + esc(d.issuer) + "</p>\n";
  if (!d.date.empty()) s += "<p class=\"date\">" + esc(d.date) + "</p>\n";
  if (!d.bases.empty()) s += "<p class=\"basis\">依据：" + esc(join(d.bases, "、")) + "</p>\n";
  for (const Note& n : d.notes) s += "<aside class=\"note\">" + esc(note_head(n)) + "：" + esc(n.text) + "</aside>\n";
  if (!d.targets.empty()) s += "<section class=\"targets\">\n<h2>总体目标</h2>\n<p>" + esc(join(d.targets, "")) + "</p>\n</section>\n";
  for (const ChapterBlock& c : d.chapters) {
    s += "<section class=\"chapter\">\n";
    if (!c.heading.empty()) s += "<h2>" + esc(c.heading) + "</h2>\n";
    std::string sub;
    for (const ArticleBlock& a : c.articles) {
      if (!a.subsection.empty() && a.subsection != sub) s += "<h3>" + esc(a.subsection) + "</h3>\n";
      sub = a.subsection;
      s += "<p class=\"article\">";
      std::string head = article_head(a);
      if (!head.empty()) s += "<b>" + esc(head) + "</b>";
      for (const Sentence& x : a.sentences) {
        s += "<span class=\"" + std::string(sentence_class(x.kind)) + "\"";
        if (!x.name.empty()) s += " data-rule=\"" + esc(x.name) + "\"";
        s += ">" + esc(x.text) + "</span>";
      }
      if (!a.depts.empty()) s += "<span class=\"depts\">" + esc(a.depts) + "</span>";
      s += "</p>\n";
      for (const Note& n : a.notes) s += "<aside class=\"note\">" + esc(note_head(n)) + "：" + esc(n.text) + "</aside>\n";
    }
    s += "</section>\n";
  }
  return s + "</article>\n";
}

std::string html(const std::vector<Document>& docs) {
  std::string title = docs.size() == 1 ? docs[0].title : "政策文本";
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) +
      "</title>\n<style>\n"
      "body { font-family: \"FangSong\", \"STFangsong\", serif; max-width: 46em; margin: 2em auto; line-height: 1.8; }\n"
      "h1 { text-align: center; font-family: \"SimHei\", sans-serif; }\n"
      "h2, h3 { font-family: \"SimHei\", sans-serif; font-size: 1.1em; }\n"
      ".status, .docno, .issuer, .date { text-align: center; margin: 0; }\n"
      "p.article { text-indent: 2em; }\n"
      "aside.note { margin: 0 0 0.8em 2em; padding-left: 0.8em; border-left: 3px solid #bbb; color: #555; font-size: 0.9em; }\n"
      "</style>\n</head>\n<body>\n";
  for (const Document& d : docs) s += html_article(d);
  return s + "</body>\n</html>\n";
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

}  // namespace zc::render
