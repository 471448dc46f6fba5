// Internal to diff/: which words of a sentence changed. A sentence is cut into words the way a
// reader sees them — a name in 「」, quoted text “……”, a number with its unit (50万元, 2.5%, 3家),
// otherwise one character — and the two sentences are aligned by their longest common subsequence.
// Plain text in, pieces out; it knows nothing of policies.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diff/diff.h"

namespace zc::diff::detail {

std::vector<std::string> words(std::string_view s);
// The old and the new sentence as pieces, the words only one of them has marked `changed`.
std::pair<std::vector<Piece>, std::vector<Piece>> mark_changes(std::string_view older, std::string_view newer);
// How alike two sentences are, from 0 (nothing shared) to 1 (the same words): the share of words in
// their longest common subsequence.
double likeness(std::string_view a, std::string_view b);
// The share of the words of `a` that some sentence of `parts` keeps, each aligned with `a` on its
// own (how much of a sentence survives in the sentences it was split into).
double coverage(std::string_view a, const std::vector<std::string>& parts);

}  // namespace zc::diff::detail
