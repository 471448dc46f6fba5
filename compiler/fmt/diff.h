// A unified diff of two texts by lines (`zhengce fmt --check` shows what formatting would change).
// Plain text only: it knows nothing of policies, and it never writes files.
#pragma once
#include <string>
#include <string_view>

namespace zc::formatter {

// "--- a/NAME", "+++ b/NAME", then @@ hunks with `context` unchanged lines around each change.
// Empty when the texts are equal.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& name, int context = 3);

}  // namespace zc::formatter
