// Word-level changes between two sentences (see words.h).
#include "diff/words.h"

#include <algorithm>

namespace zc::diff::detail {
namespace {

size_t cp_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

bool starts(std::string_view s, size_t i, std::string_view w) { return s.compare(i, w.size(), w) == 0; }

bool digit_at(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= '0' && c <= '9') return true;
  return starts(s, i, "０") || starts(s, i, "１") || starts(s, i, "２") || starts(s, i, "３") || starts(s, i, "４") ||
         starts(s, i, "５") || starts(s, i, "６") || starts(s, i, "７") || starts(s, i, "８") || starts(s, i, "９");
}

// The units and marks a number carries with it.
constexpr std::string_view kUnits[] = {"亿元", "万元", "元", "%", "％", "‰", "家", "个", "名", "项", "人", "件", "次", "年", "分"};

std::vector<std::pair<size_t, size_t>> lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<uint32_t>> t(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;) t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i] == b[j]) {
      out.emplace_back(i++, j++);
    } else if (t[i + 1][j] >= t[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

std::vector<Piece> pieces(const std::vector<std::string>& w, const std::vector<bool>& kept) {
  std::vector<Piece> out;
  for (size_t i = 0; i < w.size(); ++i) {
    bool changed = !kept[i];
    if (!out.empty() && out.back().changed == changed) {
      out.back().text += w[i];
    } else {
      out.push_back(Piece{w[i], changed});
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    auto until = [&](std::string_view close) {
      size_t k = s.find(close, i + 3);
      j = k == std::string_view::npos ? s.size() : k + close.size();
    };
    if (starts(s, i, "「")) {
      until("」");
    } else if (starts(s, i, "“")) {
      until("”");
    } else if (digit_at(s, i)) {
      while (j < s.size() && (digit_at(s, j) || s[j] == '.' || starts(s, j, "．") || s[j] == '-' || starts(s, j, "∶") ||
                              s[j] == ':'))
        j += cp_len(static_cast<unsigned char>(s[j]));
      for (std::string_view u : kUnits) {
        if (starts(s, j, u)) {
          j += u.size();
          break;
        }
      }
    } else {
      j = i + cp_len(static_cast<unsigned char>(s[i]));
    }
    j = std::min(j, s.size());
    out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::pair<std::vector<Piece>, std::vector<Piece>> mark_changes(std::string_view older, std::string_view newer) {
  std::vector<std::string> a = words(older), b = words(newer);
  std::vector<bool> ka(a.size(), false), kb(b.size(), false);
  for (auto [i, j] : lcs(a, b)) {
    ka[i] = true;
    kb[j] = true;
  }
  return {pieces(a, ka), pieces(b, kb)};
}

double likeness(std::string_view x, std::string_view y) {
  std::vector<std::string> a = words(x), b = words(y);
  if (a.empty() && b.empty()) return 1.0;
  return 2.0 * static_cast<double>(lcs(a, b).size()) / static_cast<double>(a.size() + b.size());
}

double coverage(std::string_view x, const std::vector<std::string>& parts) {
  std::vector<std::string> a = words(x);
  if (a.empty()) return 1.0;
  std::vector<bool> kept(a.size(), false);
  for (const std::string& p : parts)
    for (auto [i, j] : lcs(a, words(p))) kept[i] = true;
  return static_cast<double>(std::count(kept.begin(), kept.end(), true)) / static_cast<double>(a.size());
}

}  // namespace zc::diff::detail
