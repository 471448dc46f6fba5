// The document as the paragraphs of the printed layout (see render.h): the text rendering and the
// .docx are both written from this list, so they hold the same words in the same order. A whole
// document follows GB/T 9704-2012: title, status, document number, addressees, the text with its
// headings, then attachments, signature and date, remark, and the 版记 (抄送, 印发). An encoding
// without prose keeps the decisions-only layout (依据, 说明, 总体目标, chapters and articles).
#include "compiler/render/render.h"

namespace zc::render {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

std::string note_line(const Note& n) {
  std::string head = n.review ? "公平竞争审查" : "说明";
  return "【" + (n.label.empty() ? head : head + "（" + n.label + "）") + "】" + n.text;
}

void push(std::vector<Line>& out, Line::Style st, std::string text, bool blank = false, const Note* n = nullptr) {
  out.push_back(Line{st, std::move(text), blank, n});
}

void body(std::vector<Line>& out, const Document& d) {
  bool first = true;
  for (const Block& b : d.blocks) {
    // Whole: one blank line between the title block and the text. Not whole: a blank line before
    // each chapter, as the decisions-only layout always had.
    bool heading = b.kind == Block::Kind::Heading;
    bool blank = d.whole ? first && d.addressee.empty() : heading && b.level == 1;
    if (heading) push(out, b.level == 1 ? Line::Style::Heading1 : Line::Style::Heading2, b.text, blank);
    else push(out, Line::Style::Body, b.text_of_pieces(), blank);
    first = false;
    for (const Note& n : b.notes) push(out, Line::Style::Note, note_line(n), false, &n);
  }
}

}  // namespace

std::vector<Line> lines(const Document& d) {
  std::vector<Line> out;
  push(out, Line::Style::Title, official_title(d));
  if (!d.status.empty()) push(out, Line::Style::Status, "（" + d.status + "）");
  if (!d.docno.empty()) push(out, Line::Style::DocNo, d.docno);
  if (!d.whole) {
    if (!d.issuer.empty()) push(out, Line::Style::Meta, d.issuer);
    if (!d.date.empty()) push(out, Line::Style::Meta, d.date);
    if (!d.bases.empty()) push(out, Line::Style::Basis, "依据：" + join(d.bases, "、"), true);
    for (const Note& n : d.notes) push(out, Line::Style::HeaderNote, "说明：" + n.text, true, &n);
    if (!d.targets.empty()) {
      push(out, Line::Style::TargetsHead, "总体目标", true);
      push(out, Line::Style::Body, join(d.targets, ""));
    }
    body(out, d);
    return out;
  }
  for (const Note& n : d.notes) push(out, Line::Style::HeaderNote, note_line(n), false, &n);
  if (!d.addressee.empty()) push(out, Line::Style::Addressee, d.addressee + "：", true);
  body(out, d);
  for (size_t i = 0; i < d.attachments.size(); ++i) {
    std::string item = d.attachments.size() > 1 ? std::to_string(i + 1) + "." + d.attachments[i] : d.attachments[i];
    if (i == 0) push(out, Line::Style::Attachment, "附件：" + item, true);
    else push(out, Line::Style::AttachmentMore, item);
  }
  if (!d.issuer.empty()) push(out, Line::Style::Signature, d.issuer, true);
  if (!d.date.empty()) push(out, Line::Style::Date, d.date, d.issuer.empty());
  if (!d.remark.empty()) push(out, Line::Style::Remark, "（" + d.remark + "）");
  if (!d.copies.empty()) push(out, Line::Style::CopyTo, "抄送：" + join(d.copies, "，") + "。", true);
  if (!d.printed_by.empty() || !d.printed_date.empty()) {
    std::string t = d.printed_by;
    if (!d.printed_date.empty()) t += (t.empty() ? "" : "\u3000\u3000") + d.printed_date + "印发";
    push(out, Line::Style::Printed, t, d.copies.empty());
  }
  return out;
}

}  // namespace zc::render
