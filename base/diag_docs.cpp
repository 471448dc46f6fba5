// Markdown documentation of the diagnostic table, and splicing it into docs/diagnostics.md between
// the generated-section markers. Hand-written prose outside the markers is never touched.
#include "base/diag_docs.h"

#include <fmt/format.h>

namespace zc {

namespace {

std::string_view severity_both(Severity s) {
  switch (s) {
    case Severity::Error: return "错误 / error";
    case Severity::Warning: return "警告 / warning";
    case Severity::Note: return "注 / note";
  }
  return "错误 / error";
}

// Escapes what Markdown would otherwise interpret. Text inside `code spans` is left alone, except
// that a table cell must escape | everywhere (GitHub-flavoured Markdown splits cells before spans).
std::string md(std::string_view s, bool table_cell) {
  std::string out;
  bool in_code = false;
  for (const char c : s) {
    if (c == '`') in_code = !in_code;
    if (c == '|' && table_cell) {
      out += "\\|";
      continue;
    }
    if (!in_code && (c == '\\' || c == '*' || c == '_' || c == '<' || c == '[' || c == ']')) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string diag_code_markdown(DiagCode code) {
  const DiagInfo& d = diag_info(code);
  std::string out = fmt::format("### {}\n\n", d.id);
  out += fmt::format("- 级别 / severity: {}\n", severity_both(d.severity));
  out += fmt::format("- 名称 / slug: `{}`\n", d.slug);
  out += fmt::format("- 消息: {}\n", md(d.zh, false));
  out += fmt::format("- message: {}\n", md(d.en, false));
  out += fmt::format("- 帮助: {}\n", md(d.help_zh, false));
  out += fmt::format("- help: {}\n", md(d.help_en, false));
  return out;
}

std::string diag_code_page(DiagCode code, Lang lang) {
  const DiagInfo& d = diag_info(code);
  const bool en = lang == Lang::En;
  const char* sev = d.severity == Severity::Error     ? (en ? "error" : "错误")
                    : d.severity == Severity::Warning ? (en ? "warning" : "警告")
                                                      : (en ? "note" : "注");
  std::string out = fmt::format("{}{}{}\n", d.id, en ? ": " : "：", en ? d.en : d.zh);
  out += en ? fmt::format("severity: {}, slug: {}\n\n", sev, d.slug) : fmt::format("级别：{}　名称：{}\n\n", sev, d.slug);
  out += en ? fmt::format("How to fix it: {}\n\n", d.help_en) : fmt::format("怎样改正：{}\n\n", d.help_zh);
  out += en ? "{0}, {1}, … stand for the words of the text that was reported. Every code, with an example of the\n"
              "mistake and its fix, is listed in docs/diagnostics.md.\n"
            : "{0}、{1}……代表被报告的原文。全部代码及其错误示例与改正见 docs/diagnostics.md。\n";
  return out;
}

std::string diag_docs_markdown() {
  const auto count = static_cast<size_t>(DiagCode::kCount);
  std::string out = "## 代码一览 / All codes\n\n";
  out += "| 代码 / code | 级别 / severity | 名称 / slug | 消息 / message |\n";
  out += "|---|---|---|---|\n";
  for (size_t i = 0; i < count; ++i) {
    const DiagInfo& d = diag_info(static_cast<DiagCode>(i));
    std::string anchor(d.id);
    for (char& c : anchor) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    out += fmt::format("| [{}](#{}) | {} | `{}` | {} |\n", d.id, anchor, severity_both(d.severity), d.slug, md(d.zh, true));
  }
  for (size_t i = 0; i < count; ++i) out += "\n" + diag_code_markdown(static_cast<DiagCode>(i));
  return out;
}

// INVARIANT: each marker is a whole line; the section is the text after the begin marker's line
// break up to the start of the end marker's line.
std::optional<std::string_view> generated_section(std::string_view doc) {
  const size_t b = doc.find(kDocsBeginMarker);
  if (b == std::string_view::npos) return std::nullopt;
  const size_t body = doc.find('\n', b);
  if (body == std::string_view::npos) return std::nullopt;
  const size_t e = doc.find(kDocsEndMarker, body);
  if (e == std::string_view::npos || doc[e - 1] != '\n') return std::nullopt;
  return doc.substr(body + 1, e - body - 1);
}

std::optional<std::string> replace_generated_section(std::string_view doc, std::string_view generated) {
  const auto section = generated_section(doc);
  if (!section) return std::nullopt;
  const size_t at = static_cast<size_t>(section->data() - doc.data());
  std::string out(doc.substr(0, at));
  out += generated;
  if (!generated.empty() && generated.back() != '\n') out += '\n';
  out += doc.substr(at + section->size());
  return out;
}

}  // namespace zc
