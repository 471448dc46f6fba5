// Lookups in the generated pinyin table (pinyin_data.h): a binary search by code point.
#include "service/pinyin.h"

#include <algorithm>

#include "service/pinyin_data.h"

namespace zc::service {

using namespace pinyin_data;

std::span<const uint16_t> pinyin_ids(char32_t cp) {
  const uint32_t* end = kCodePoints + kCharCount;
  const uint32_t* it = std::lower_bound(kCodePoints, end, static_cast<uint32_t>(cp));
  if (it == end || *it != cp) return {};
  size_t i = static_cast<size_t>(it - kCodePoints);
  return {kReadings + kFirst[i], kReadings + kFirst[i + 1]};
}

std::string_view pinyin_syllable(uint16_t id) { return id < kSyllableCount ? kSyllables[id] : std::string_view(); }

size_t pinyin_table_size() { return kCharCount; }

}  // namespace zc::service
