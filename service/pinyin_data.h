// The pinyin table generated at build time by gen_pinyin.cpp from Debian's Unihan_Readings.txt:
// only pinyin.cpp reads it (through pinyin.h).
#pragma once
#include <cstddef>
#include <cstdint>

namespace zc::service::pinyin_data {

extern const char* const kSyllables[];  // toneless syllables: "gao", "lv"
extern const size_t kSyllableCount;
extern const uint32_t kCodePoints[];    // ascending
extern const size_t kCharCount;
extern const uint32_t kFirst[];         // kCharCount + 1 entries: readings of char i are kReadings[kFirst[i] .. kFirst[i+1])
extern const uint16_t kReadings[];      // indices into kSyllables, the usual reading first

}  // namespace zc::service::pinyin_data
