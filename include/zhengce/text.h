// The drafter's tools over a policy's text: the official document rendered from the encoding, and
// the canonical layout of the encoding itself. Neither needs the policy to compile; both refuse a
// text that does not parse. Part of the public API (docs/library.md).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhengce/diagnostics.h"
#include "zhengce/policy.h"

namespace zhengce {

// render: the official text of one or more policies (text and Markdown separated by a rule, HTML as
// one page; AnnotatedHtml sets each sentence beside the encoding it came from; Pandoc is the first
// policy's document in pandoc's JSON model, in the 公文 styles, from which .docx and PDF are written).
// `text` is empty when a source has errors; they are in `diagnostics`.
enum class RenderFormat : uint8_t { Text, Markdown, Html, AnnotatedHtml, Pandoc };
struct Rendered {
  Diagnostics diagnostics;
  std::string text;
};
Rendered render(const std::vector<Source>& sources, RenderFormat format = RenderFormat::Text, Lang lang = Lang::Zh);

// format: the canonical layout (zhengce fmt). It re-parses its own output and compares syntax trees
// before answering; a text with lexical or syntax errors is not formatted (Status::SourceErrors),
// and an output that fails that check is refused (Status::Refused, `problem` says how).
struct Formatted {
  enum class Status : uint8_t { Ok, SourceErrors, Refused } status = Status::Ok;
  std::string text;     // the formatted text, when Ok
  std::string problem;  // when Refused
  Diagnostics diagnostics;
};
Formatted format(const Source& source, Lang lang = Lang::Zh);
// Text that came from outside (a file name, an argument) made printable: each byte that does not
// start a valid UTF-8 sequence becomes U+FFFD, as every output of the library does.
std::string valid_utf8(std::string_view text);

// A unified diff between two texts (as `zhengce fmt --check` prints it), "" when they are equal.
std::string unified_diff(const std::string& before, const std::string& after, const std::string& name);

}  // namespace zhengce
