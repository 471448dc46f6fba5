// How a diff Report reads: text for a terminal, JSON for tools, Markdown for a pull-request
// comment, GitHub workflow commands for CI annotations on the changed lines. The policy's own words
// (sentences, regions, results) stay in Chinese; labels follow --lang. It decides nothing.
#pragma once
#include <string>

#include "diff/diff.h"

namespace zc::diff {

enum class Format : uint8_t { Text, Json, Markdown, Github };

std::string render(const Report& r, Format f, bool english);

// A witness as a facts file (one JSON object) for one draft: only the facts that draft declares.
std::string facts_json(const Witness& w, bool older);

}  // namespace zc::diff
