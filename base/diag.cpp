// The diagnostic table (generated from diag_codes.def by X-macro), message templates and DiagSink.
// Rendering lives in diag_render.cpp and documentation in diag_docs.cpp; nothing here prints.
#include "base/diag.h"

#include <algorithm>
#include <iterator>

#include "base/assert.h"

namespace zc {

namespace {

constexpr DiagInfo kInfos[] = {
#define DIAG(id, sev, slug, zh, en, help_zh, help_en) {#id, Severity::sev, slug, zh, en, help_zh, help_en},
#include "base/diag_codes.def"
#undef DIAG
};
static_assert(std::size(kInfos) == static_cast<size_t>(DiagCode::kCount));

// A code's letter says what it is: E for errors, W for warnings, N for notes.
constexpr bool id_matches_severity(const DiagInfo& d) {
  const char want = d.severity == Severity::Error ? 'E' : d.severity == Severity::Warning ? 'W' : 'N';
  return d.id[0] == want;
}
static_assert(std::all_of(std::begin(kInfos), std::end(kInfos), id_matches_severity),
              "diag_codes.def: an id's first letter must match its severity (E error, W warning, N note)");

}  // namespace

const DiagInfo& diag_info(DiagCode c) {
  const auto i = static_cast<size_t>(c);
  ZC_ASSERT(i < std::size(kInfos), "diag_info: DiagCode out of range");
  return kInfos[i];
}

std::optional<DiagCode> find_diag_code(std::string_view id) {
  const auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  for (size_t i = 0; i < std::size(kInfos); ++i) {
    const std::string_view known = kInfos[i].id;
    if (known.size() == id.size() && std::equal(known.begin(), known.end(), id.begin(),
                                                [&](char a, char b) { return a == upper(b); })) {
      return static_cast<DiagCode>(i);
    }
  }
  return std::nullopt;
}

// Only `{` digits `}` is a placeholder; every other brace is literal text (E0805's help shows a JSON
// object). A placeholder without an argument becomes empty: optional tails such as E0301's
// "did you mean" suggestion are written as a trailing {1} that callers may leave out.
std::string format_template(std::string_view tmpl, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(tmpl.size());
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      size_t j = i + 1;
      size_t index = 0;
      while (j < tmpl.size() && tmpl[j] >= '0' && tmpl[j] <= '9' && j - i <= 4) {
        index = index * 10 + static_cast<size_t>(tmpl[j] - '0');
        ++j;
      }
      if (j > i + 1 && j < tmpl.size() && tmpl[j] == '}') {
        if (index < args.size()) out += args[index];
        i = j + 1;
        continue;
      }
    }
    out += tmpl[i++];
  }
  return out;
}

std::string diag_message(const Diagnostic& d, Lang lang) {
  const DiagInfo& info = diag_info(d.code);
  return format_template(lang == Lang::En ? info.en : info.zh, d.args);
}

std::string diag_help(const Diagnostic& d, Lang lang) {
  if (!d.help_override.zh.empty() || !d.help_override.en.empty()) {
    const std::string& text = d.help_override.in(lang);
    return text.empty() ? d.help_override.en : text;
  }
  const DiagInfo& info = diag_info(d.code);
  return format_template(lang == Lang::En ? info.help_en : info.help_zh, d.args);
}

Diagnostic make_diag(DiagCode code, Span span, std::vector<std::string> args) {
  Diagnostic d = make_diag_nospan(code, std::move(args));
  d.has_span = true;
  d.span = span;
  return d;
}

Diagnostic make_diag_nospan(DiagCode code, std::vector<std::string> args) {
  Diagnostic d;
  d.code = code;
  d.severity = diag_info(code).severity;
  d.args = std::move(args);
  return d;
}

Diagnostic& DiagSink::report(Diagnostic d) {
  if (deny_warnings_ && d.severity == Severity::Warning) d.severity = Severity::Error;
  diags_.push_back(std::move(d));
  return diags_.back();
}

size_t DiagSink::error_count() const {
  return static_cast<size_t>(
      std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

size_t DiagSink::warning_count() const {
  return static_cast<size_t>(
      std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

void DiagSink::deny_warnings() {
  deny_warnings_ = true;
  for (Diagnostic& d : diags_) {
    if (d.severity == Severity::Warning) d.severity = Severity::Error;
  }
}

}  // namespace zc
