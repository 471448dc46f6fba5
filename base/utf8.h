// UTF-8 decoding, validation and display width: the one decoder of every layer (source files,
// numerals, .zcb strings, trace templates). Invalid input is reported, never "repaired": the front
// end refuses a file that is not UTF-8 with a diagnostic that points at the bad byte, the .zcb reader
// with a load error.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace zc {

// Decodes one code point at s[i] and advances i. Returns false (leaving i unchanged) on an invalid
// or truncated sequence, an overlong form, a surrogate, or a value above U+10FFFF.
bool utf8_next(std::string_view s, size_t& i, char32_t& cp);

inline constexpr char32_t kReplacementChar = 0xFFFD;

// For display only (diagnostic snippets, columns of an already-reported bad file): like utf8_next,
// but a byte that does not start a valid sequence decodes as U+FFFD and advances by one byte.
char32_t utf8_next_lossy(std::string_view s, size_t& i);

// Offset of the first byte that does not start a valid sequence, or nullopt if `s` is valid UTF-8.
std::optional<size_t> utf8_first_invalid(std::string_view s);

// `cp` must be a Unicode scalar value (not a surrogate, at most U+10FFFF); checked by ZC_ASSERT.
void utf8_append(std::string& out, char32_t cp);
std::string utf8_encode(char32_t cp);

// Columns a code point occupies on a terminal: 0 (combining, control), 2 (East Asian wide or
// full-width, including CJK and full-width punctuation) or 1. East Asian Ambiguous characters are 1,
// except the Chinese punctuation of GB/T 15834 that Unicode leaves Ambiguous (‘ ’ “ ” — … ·), which
// Chinese fonts draw full width: those are 2.
int display_width(char32_t cp);
int display_width(std::string_view s);  // invalid bytes count 1 each (they print as U+FFFD)
size_t code_point_count(std::string_view s);  // invalid bytes count 1 each

}  // namespace zc
