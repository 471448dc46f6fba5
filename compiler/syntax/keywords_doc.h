// The keyword table of docs/language.md, generated from keywords.def so the documentation can never
// disagree with the lexer. `zhengce keywords --markdown` prints it; a test compares it with the doc.
#pragma once
#include <string>

namespace zc::syntax {

inline constexpr const char* kKeywordsBegin = "<!-- BEGIN GENERATED KEYWORDS -->";
inline constexpr const char* kKeywordsEnd = "<!-- END GENERATED KEYWORDS -->";

std::string keywords_markdown();
// Replaces the text between the markers in `doc` with keywords_markdown(); false if a marker is missing.
bool replace_keywords_section(std::string& doc);

}  // namespace zc::syntax
