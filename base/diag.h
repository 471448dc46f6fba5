// Diagnostics: one type for every error and warning the tool reports, one table of codes
// (diag_codes.def) and one renderer with several output formats (diag_render.h).
// User mistakes are Diagnostics; broken internal invariants use ZC_ASSERT (assert.h), never this.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/source.h"

namespace zc {

enum class Severity : uint8_t { Error, Warning, Note };

enum class DiagCode : uint16_t {
#define DIAG(id, sev, slug, zh, en, help_zh, help_en) id,
#include "base/diag_codes.def"
#undef DIAG
  kCount
};

enum class Lang : uint8_t { Zh, En };

// A message in both languages; {0}, {1}, ... in a template are replaced by Diagnostic::args.
struct Text {
  std::string zh;
  std::string en;
  const std::string& in(Lang l) const { return l == Lang::En && !en.empty() ? en : zh; }
};

struct Label {
  Span span;
  Text message;  // may be empty
};

// A mechanical fix an editor may offer as a quick fix: each edit replaces a span's bytes with text
// (an empty span inserts). Attached only where the fix is certain to be what the help line says.
struct Fix {
  Text title;
  std::vector<std::pair<Span, std::string>> edits;
};

struct Diagnostic {
  DiagCode code{};
  Severity severity = Severity::Error;  // defaults to the table's severity (see make_diag)
  std::vector<std::string> args;        // substituted into message and help templates
  bool has_span = false;
  Span span;                 // primary span: the caret goes under it
  std::vector<Label> notes;  // secondary spans, each with a short message
  std::string article;       // e.g. "第1条", where the offending text occurs; empty if none
  Text help_override;        // when non-empty, replaces the table's help line
  std::vector<Fix> fixes;    // for editors (service/); the renderers do not print them
};

struct DiagInfo {
  const char* id;    // "E0101"
  Severity severity;
  const char* slug;  // stable English name, e.g. "invalid-utf8"
  const char* zh;
  const char* en;
  const char* help_zh;
  const char* help_en;
};

const DiagInfo& diag_info(DiagCode c);
// The code whose id is `id` ("E0301", case-insensitive), for `zhengce explain-code`.
std::optional<DiagCode> find_diag_code(std::string_view id);
std::string format_template(std::string_view tmpl, const std::vector<std::string>& args);
std::string diag_message(const Diagnostic& d, Lang lang);
std::string diag_help(const Diagnostic& d, Lang lang);

Diagnostic make_diag(DiagCode code, Span span, std::vector<std::string> args = {});
Diagnostic make_diag_nospan(DiagCode code, std::vector<std::string> args = {});

// Collects diagnostics for one run. Errors never stop collection; code generation is refused
// once error_count() > 0.
class DiagSink {
 public:
  Diagnostic& report(Diagnostic d);
  const std::vector<Diagnostic>& all() const { return diags_; }
  size_t error_count() const;
  size_t warning_count() const;
  void clear() { diags_.clear(); }
  // Turns every warning into an error (--deny-warnings): those already reported and, from now on,
  // those reported later.
  void deny_warnings();

 private:
  std::vector<Diagnostic> diags_;
  bool deny_warnings_ = false;
};

}  // namespace zc
