// The name matcher (match.h): a dynamic programme over (name character, query position, whether the
// previous name character was used), maximising a score.
#include "service/match.h"

#include <algorithm>
#include <limits>

#include "base/utf8.h"
#include "service/pinyin.h"

namespace zc::service {

namespace {

constexpr int kNone = std::numeric_limits<int>::min() / 4;
// Longer queries and names are cut here: nobody types more, and the table stays small.
constexpr size_t kMaxQuery = 48;
constexpr size_t kMaxName = 96;

// What each way of using one name character is worth.
constexpr int kWhole = 10;      // a whole syllable, or the character itself
constexpr int kPartial = 6;     // two or more letters of a syllable (zh, gao of gaoq)
constexpr int kInitial = 4;     // the first letter of a syllable
constexpr int kFromStart = 15;  // the match begins at the name's first character
constexpr int kOpenGap = 5;     // skipping name characters after the match began
constexpr int kPerSkipped = 2;  // each name character skipped after the match began
constexpr int kPerLeading = 1;  // each name character skipped before the match began

char32_t lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

bool is_han(char32_t c) { return !pinyin_ids(c).empty(); }

}  // namespace

bool is_query_char(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || is_han(cp);
}

MatchTarget::MatchTarget(std::string_view text) {
  for (size_t i = 0; i < text.size() && chars_.size() < kMaxName;) chars_.push_back(lower(utf8_next_lossy(text, i)));
}

std::optional<int> match_score(std::string_view query_text, const MatchTarget& target) {
  std::vector<char32_t> q;
  for (size_t i = 0; i < query_text.size() && q.size() < kMaxQuery;) q.push_back(lower(utf8_next_lossy(query_text, i)));
  const std::vector<char32_t>& name = target.chars_;
  const size_t n = name.size(), m = q.size();
  if (m == 0) return 0;
  if (n == 0) return std::nullopt;
  // best[i][j][s]: the best score for using query q[j..] with name characters i.. when the previous
  // name character was s = 0 not yet in a match, 1 used, 2 skipped after the match began.
  std::vector<int> best((n + 1) * (m + 1) * 3, kNone);
  auto at = [&](size_t i, size_t j, int s) -> int& { return best[(i * (m + 1) + j) * 3 + static_cast<size_t>(s)]; };
  for (int s = 0; s < 3; ++s) at(n, m, s) = 0;
  for (size_t i = n + 1; i-- > 0;) {
    for (size_t j = m + 1; j-- > 0;) {
      for (int s = 0; s < 3; ++s) {
        if (j == m) {
          at(i, j, s) = 0;  // the whole query is used; the rest of the name costs nothing
          continue;
        }
        if (i == n) continue;
        int v = kNone;
        // Skip name character i.
        if (int rest = at(i + 1, j, s == 0 ? 0 : 2); rest != kNone)
          v = std::max(v, rest - (s == 0 ? kPerLeading : s == 1 ? kOpenGap + kPerSkipped : kPerSkipped));
        // Use name character i for q[j .. j+k).
        const int start = s == 0 && i == 0 ? kFromStart : 0;
        auto use = [&](size_t k, int worth) {
          if (int rest = at(i + 1, j + k, 1); rest != kNone) v = std::max(v, rest + worth + start);
        };
        if (q[j] == name[i]) use(1, kWhole);
        if (q[j] >= 'a' && q[j] <= 'z') {
          for (uint16_t id : pinyin_ids(name[i])) {
            std::string_view syl = pinyin_syllable(id);
            size_t k = 0;
            while (k < syl.size() && j + k < m && q[j + k] == static_cast<char32_t>(syl[k])) ++k;
            for (size_t len = 1; len <= k; ++len) use(len, len == syl.size() ? kWhole : len == 1 ? kInitial : kPartial);
          }
        }
        at(i, j, s) = v;
      }
    }
  }
  int score = at(0, 0, 0);
  if (score == kNone) return std::nullopt;
  // Among equal matches the shorter name is the likelier one.
  return score * 4 - static_cast<int>(std::min<size_t>(n, 40)) / 4;
}

}  // namespace zc::service
