// Documentation of every diagnostic code, generated from diag_codes.def: backs
// `zhengce explain-code --markdown` and the generated section of docs/diagnostics.md.
// It produces Markdown text only; reading and writing files is the caller's job (zhengce_docgen, CLI).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "base/diag.h"

namespace zc {

// The generated section of docs/diagnostics.md lies between these two lines (each on its own line).
inline constexpr std::string_view kDocsBeginMarker =
    "<!-- BEGIN GENERATED from base/diag_codes.def: do not edit by hand; "
    "regenerate with `cmake --build <build-dir> --target update-diagnostics-docs` -->";
inline constexpr std::string_view kDocsEndMarker = "<!-- END GENERATED -->";

// One code's section: id, severity, slug, message and help in Chinese and English (templates as written,
// with their {0}, {1}, … placeholders).
std::string diag_code_markdown(DiagCode code);

// One code's page for a terminal (`zhengce explain-code E0512`), in one language: the id and message
// template, severity and slug, and the help line.
std::string diag_code_page(DiagCode code, Lang lang);

// What belongs between the markers: an index table of all codes, then every code's section.
std::string diag_docs_markdown();

// The text between the marker lines (exclusive of both), or nullopt if a marker is missing or misplaced.
std::optional<std::string_view> generated_section(std::string_view doc);

// `doc` with its generated section replaced by `generated`, or nullopt if the markers are missing.
std::optional<std::string> replace_generated_section(std::string_view doc, std::string_view generated);

}  // namespace zc
