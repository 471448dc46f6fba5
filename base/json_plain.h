// The bytes a JSON string holds as they are — all but the quote, the backslash and the control
// bytes below 0x20 — found eight bytes at a time. The request scanner (server/json_scan.cpp) and the
// report writer (lib/report.cpp) both skip such runs whole; neither checks UTF-8 here (base/utf8.h does).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace zc {

// The first index at or after `from` that holds a quote, a backslash or a byte below 0x20, or the
// end of `s`: the usual SWAR tests for a zero byte of w ^ '"' and of w ^ '\\', and for a byte below
// 0x20, over eight bytes at a time, then byte by byte to find which.
inline size_t json_plain_run_end(std::string_view s, size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  size_t j = from;
  while (n - j >= 8) {
    uint64_t w;
    std::memcpy(&w, p + j, 8);
    const uint64_t q = w ^ (kOnes * '"'), b = w ^ (kOnes * '\\');
    const uint64_t special = ((q - kOnes) & ~q) | ((b - kOnes) & ~b) | ((w - kOnes * 0x20) & ~w);
    if (special & kHigh) break;
    j += 8;
  }
  while (j < n) {
    const unsigned char c = p[j];
    if (c == '"' || c == '\\' || c < 0x20) break;
    ++j;
  }
  return j;
}

}  // namespace zc
