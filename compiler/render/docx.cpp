// The document in pandoc's JSON model (see render.h), for `render --format docx|pdf`: each printed
// line (lines.cpp) becomes one paragraph in the style of its role, and pandoc writes the .docx with
// the 公文 reference document (compiler/render/gongwen/) that defines those styles. No OOXML is written
// here; the styles' names are the contract with make_reference.py.
#include <nlohmann/json.hpp>

#include "compiler/render/render.h"

namespace zc::render {
namespace {

using json = nlohmann::json;

json str(const std::string& s) { return json{{"t", "Str"}, {"c", s}}; }

json attr(const std::string& cls = "", std::vector<std::pair<std::string, std::string>> kv = {}) {
  json classes = json::array();
  if (!cls.empty()) classes.push_back(cls);
  json pairs = json::array();
  for (auto& [k, v] : kv) pairs.push_back(json::array({k, v}));
  return json::array({"", classes, pairs});
}

json para(json inlines) { return json{{"t", "Para"}, {"c", std::move(inlines)}}; }

// A paragraph in a named style of the reference document.
json styled(const char* style, json inlines) {
  return json{{"t", "Div"}, {"c", json::array({attr("", {{"custom-style", style}}), json::array({para(std::move(inlines))})})}};
}

const char* style_of(Line::Style st) {
  switch (st) {
    case Line::Style::Title: return "公文标题";
    case Line::Style::Status: return "公文副标题";
    case Line::Style::DocNo:
    case Line::Style::Meta: return "发文字号";
    case Line::Style::Addressee: return "主送机关";
    case Line::Style::Attachment: return "附件说明";
    case Line::Style::AttachmentMore: return "附件说明续";
    case Line::Style::Signature: return "署名";
    case Line::Style::Date: return "成文日期";
    case Line::Style::Remark: return "附注";
    case Line::Style::CopyTo: return "版记";
    case Line::Style::Printed: return "版记末行";
    default: return nullptr;
  }
}

}  // namespace

std::string pandoc_json(const Document& d) {
  json blocks = json::array();
  // The inlines of the paragraph a note comments on: the last one written.
  auto last_inlines = [&]() -> json* {
    if (blocks.empty()) return nullptr;
    json& b = blocks.back();
    if (b["t"] == "Para") return &b["c"];
    if (b["t"] == "Header") return &b["c"][2];
    if (b["t"] == "Div") return &b["c"][1][0]["c"];
    return nullptr;
  };
  int comment = 0;
  for (const Line& l : lines(d)) {
    if (l.style == Line::Style::Note || l.style == Line::Style::HeaderNote) {
      json* target = last_inlines();
      if (!target) continue;
      std::string id = std::to_string(comment++);
      std::string label = l.note ? (l.note->review ? "公平竞争审查" : "说明") : "说明";
      if (l.note && !l.note->label.empty()) label += "（" + l.note->label + "）";
      json start = {{"t", "Span"},
                    {"c", json::array({attr("comment-start", {{"id", id}, {"author", "政策编码"}, {"date", ""}}),
                                       json::array({str(label + "：" + (l.note ? l.note->text : l.text))})})}};
      json end = {{"t", "Span"}, {"c", json::array({attr("comment-end", {{"id", id}}), json::array()})}};
      target->insert(target->begin(), start);
      target->push_back(end);
      continue;
    }
    json inl = json::array({str(l.text)});
    switch (l.style) {
      case Line::Style::Heading1:
      case Line::Style::TargetsHead:
        blocks.push_back({{"t", "Header"}, {"c", json::array({1, attr(), inl})}});
        break;
      case Line::Style::Heading2:
        blocks.push_back({{"t", "Header"}, {"c", json::array({2, attr(), inl})}});
        break;
      case Line::Style::Body:
      case Line::Style::Basis:
        blocks.push_back(para(inl));
        break;
      default:
        blocks.push_back(styled(style_of(l.style), inl));
        break;
    }
  }
  json doc = {{"pandoc-api-version", json::array({1, 22, 1})},
              {"meta", json::object({{"lang", {{"t", "MetaInlines"}, {"c", json::array({str("zh-CN")})}}}})},
              {"blocks", blocks}};
  return doc.dump();
}

}  // namespace zc::render
