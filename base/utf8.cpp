// Strict UTF-8 decoding and encoding (RFC 3629): overlong forms, surrogates, values above U+10FFFF
// and truncated sequences are rejected, never repaired. Display width lives in display_width.cpp.
#include "base/utf8.h"

#include <cstdint>
#include <cstring>

#include "base/assert.h"

namespace zc {

namespace {

bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

// The ranges of the second byte come from RFC 3629 §4 (Unicode Table 3-7): they exclude overlong
// forms (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and values above U+10FFFF (F4 90..BF).
bool utf8_next(std::string_view s, size_t& i, char32_t& cp) {
  if (i >= s.size()) return false;
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    ++i;
    return true;
  }
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  char32_t value = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    value = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    value = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    value = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return false;  // a continuation byte, C0, C1 or F5..FF cannot start a sequence
  }
  if (s.size() - i < len) return false;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return false;
  value = (value << 6) | (b1 & 0x3F);
  for (size_t k = 2; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (!is_cont(b)) return false;
    value = (value << 6) | (b & 0x3F);
  }
  cp = value;
  i += len;
  return true;
}

char32_t utf8_next_lossy(std::string_view s, size_t& i) {
  char32_t cp = 0;
  if (utf8_next(s, i, cp)) return cp;
  ++i;
  return kReplacementChar;
}

std::optional<size_t> utf8_first_invalid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  char32_t cp = 0;
  while (i < n) {
    // ASCII, eight bytes at a time: request bodies and policy syntax are mostly ASCII between the
    // Chinese names.
    while (n - i >= 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char b0 = p[i];
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    // The common case in Chinese text: a run of three-byte characters led by E1..EC or EE..EF (the
    // ranges of utf8_next where any continuation bytes are valid), checked in place; anything else
    // goes through utf8_next.
    size_t j = i;
    while (n - j >= 3) {
      const unsigned lead = p[j];
      if (lead - 0xE1u > 0xEu || lead == 0xED || !is_cont(p[j + 1]) || !is_cont(p[j + 2])) break;
      j += 3;
    }
    if (j > i) {
      i = j;
      continue;
    }
    if (!utf8_next(s, i, cp)) return i;
  }
  return std::nullopt;
}

void utf8_append(std::string& out, char32_t cp) {
  ZC_ASSERT(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF), "utf8_append: not a Unicode scalar value");
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string utf8_encode(char32_t cp) {
  std::string out;
  utf8_append(out, cp);
  return out;
}

size_t code_point_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) utf8_next_lossy(s, i);
  return n;
}

}  // namespace zc
