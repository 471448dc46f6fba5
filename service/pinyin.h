// Pinyin of Han characters, for completion a Chinese typist can use without an input method
// (「高企认定补助」 from gqrd or gaoqi). The readings come from Debian's Unihan data, processed at build
// time (gen_pinyin.cpp); nothing here is typed by hand. It does not match queries (match.h does).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace zc::service {

// Every toneless reading of `cp` ("gao"; 行: "xing", "hang", ...), the usual one first; empty for a
// code point that is not a Han character with a Mandarin reading. ü is spelt v (lv), as input
// methods take it.
std::span<const uint16_t> pinyin_ids(char32_t cp);
std::string_view pinyin_syllable(uint16_t id);

// How many characters the table knows (over 40 000 with Debian 12's unicode-data).
size_t pinyin_table_size();

}  // namespace zc::service
