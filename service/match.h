// Matching what a typist wrote against a name: by characters (高企), by full pinyin (gaoqi), by pinyin
// initials (gqrd), or any mix (gaoqrd, 高qrd), from the start of the name or further in, with gaps.
// The score orders completion items; how items of different kinds are ranked is complete.cpp's job.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zc::service {

// A name prepared once for many queries: its code points and, for Han characters, their readings.
class MatchTarget {
 public:
  explicit MatchTarget(std::string_view text);
  size_t size() const { return chars_.size(); }

 private:
  friend std::optional<int> match_score(std::string_view query, const MatchTarget& target);
  std::vector<char32_t> chars_;
};

// The score of `query` against `target` (higher is better), or nullopt when the query does not match.
// Every character of the query must be used, in order: a Han character or any other character of
// the query matches itself (ASCII letters ignoring case); a run of ASCII letters matches a Han
// character of the name by a whole reading (gao), by a prefix of one (g, zh, gao of gaoqi...), so
// full pinyin, initials and a mix all match. Characters of the name may be skipped, at a cost: a
// match from the first character and without gaps scores highest; whole syllables score more than
// initials; shorter names win ties.
std::optional<int> match_score(std::string_view query, const MatchTarget& target);

// Whether `query` (as typed before the cursor) is something match_score can use: ASCII letters,
// digits and Han characters. Empty queries match everything with score 0.
bool is_query_char(char32_t cp);

}  // namespace zc::service
