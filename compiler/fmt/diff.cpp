// Unified diff (see diff.h): common head and tail are trimmed, the middle is aligned by a longest
// common subsequence of lines; a middle too large for that is shown as one replaced block.
#include "compiler/fmt/diff.h"

#include <algorithm>
#include <vector>

namespace zc::formatter {
namespace {

std::vector<std::string_view> lines_of(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

struct Op {
  char kind;  // ' ', '-', '+'
  size_t a, b;  // line indices in before / after (the one that applies)
};

constexpr size_t kMaxCells = 16u * 1024u * 1024u;

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, const std::string& name, int context) {
  if (before == after) return "";
  std::vector<std::string_view> a = lines_of(before), b = lines_of(after);
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  size_t n = a.size() - head - tail, m = b.size() - head - tail;

  std::vector<Op> ops;
  for (size_t i = 0; i < head; ++i) ops.push_back({' ', i, i});
  if (n * m <= kMaxCells) {
    // lcs[i][j]: LCS length of a[head+i..] and b[head+j..] within the middle.
    std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        ops.push_back({' ', head + i++, head + j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.push_back({'-', head + i++, head + j});
      } else {
        ops.push_back({'+', head + i, head + j++});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) ops.push_back({'-', head + i, head});
    for (size_t j = 0; j < m; ++j) ops.push_back({'+', head + n, head + j});
  }
  for (size_t t = 0; t < tail; ++t) ops.push_back({' ', a.size() - tail + t, b.size() - tail + t});

  std::string out = "--- a/" + name + "\n+++ b/" + name + "\n";
  size_t k = 0;
  const size_t ctx = static_cast<size_t>(context);
  while (k < ops.size()) {
    while (k < ops.size() && ops[k].kind == ' ') ++k;
    if (k == ops.size()) break;
    size_t start = k >= ctx ? k - ctx : 0;
    size_t end = k;  // one past the last op of the hunk
    size_t quiet = 0;
    for (size_t q = k; q < ops.size(); ++q) {
      if (ops[q].kind == ' ') {
        if (++quiet > 2 * ctx) break;
      } else {
        quiet = 0;
        end = q + 1;
      }
    }
    end = std::min(ops.size(), end + ctx);
    size_t a0 = ops[start].a, b0 = ops[start].b, na = 0, nb = 0;
    for (size_t q = start; q < end; ++q) {
      na += ops[q].kind != '+';
      nb += ops[q].kind != '-';
    }
    out += "@@ -" + std::to_string(na ? a0 + 1 : a0) + "," + std::to_string(na) + " +" + std::to_string(nb ? b0 + 1 : b0) + "," +
           std::to_string(nb) + " @@\n";
    for (size_t q = start; q < end; ++q) {
      std::string_view text = ops[q].kind == '+' ? b[ops[q].b] : a[ops[q].a];
      out += ops[q].kind;
      out += text;
      out += "\n";
    }
    k = end;
  }
  return out;
}

}  // namespace zc::formatter
