// UTF-8 validity (the first bad offset for every kind of malformed input, and the fast paths against
// a byte-at-a-time reference), decoding, encoding and display width. Widths here are what every
// caret in every snippet depends on.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/json_plain.h"
#include "base/utf8.h"

namespace zc {
namespace {

struct ValidityCase {
  const char* name;
  std::string bytes;
  std::optional<size_t> first_invalid;
};

TEST(Utf8, FirstInvalidOffsetTable) {
  const std::vector<ValidityCase> cases = {
      {"empty", "", std::nullopt},
      {"ascii", "第1条 abc", std::nullopt},
      {"cjk", "政策「市到位资金」，", std::nullopt},
      {"two-byte min U+0080", "\xC2\x80", std::nullopt},
      {"two-byte max U+07FF", "\xDF\xBF", std::nullopt},
      {"three-byte min U+0800", "\xE0\xA0\x80", std::nullopt},
      {"before surrogates U+D7FF", "\xED\x9F\xBF", std::nullopt},
      {"after surrogates U+E000", "\xEE\x80\x80", std::nullopt},
      {"bom U+FEFF", "\xEF\xBB\xBF", std::nullopt},
      {"four-byte min U+10000", "\xF0\x90\x80\x80", std::nullopt},
      {"emoji U+1F600", "\xF0\x9F\x98\x80", std::nullopt},
      {"max U+10FFFF", "\xF4\x8F\xBF\xBF", std::nullopt},
      {"nul is valid", std::string("a\0b", 3), std::nullopt},
      {"overlong C0", "\xC0\xAF", 0},
      {"overlong C1", "\xC1\xBF", 0},
      {"overlong three-byte slash", "\xE0\x80\xAF", 0},
      {"overlong three-byte max", "\xE0\x9F\xBF", 0},
      {"overlong four-byte slash", "\xF0\x80\x80\xAF", 0},
      {"overlong four-byte max", "\xF0\x8F\xBF\xBF", 0},
      {"surrogate D800", "\xED\xA0\x80", 0},
      {"surrogate DFFF", "\xED\xBF\xBF", 0},
      {"surrogate after text", "ab\xED\xB0\x80", 2},
      {"above max U+110000", "\xF4\x90\x80\x80", 0},
      {"lead F5", "\xF5\x80\x80\x80", 0},
      {"byte FE", "\xFE", 0},
      {"byte FF after cjk", "第1条\xFF", 7},
      {"truncated two-byte at end", "a\xC3", 1},
      {"truncated three-byte at end", "\xE6\x94", 0},
      {"truncated three-byte after cjk", "政\xE7", 3},
      {"truncated four-byte", "\xF0\x9F\x98", 0},
      {"truncated before ascii", "\xE6\x94" "a", 0},
      {"bad continuation", "\xE6\x41\x81", 0},
      {"bad second byte", "\xC3\x28", 0},
      {"lone continuation", "\x80", 0},
      {"lone continuation between cjk", "政\x80策", 3},
      {"cp1252 quote in ascii", "abc \x93quoted\x94", 4},
  };
  for (const ValidityCase& c : cases) {
    EXPECT_EQ(utf8_first_invalid(c.bytes), c.first_invalid) << c.name;
  }
}

// utf8_first_invalid's fast paths (ASCII eight bytes at a time, runs of three-byte characters) and
// json_plain_run_end's against byte-at-a-time references, on seeded random mixes of ASCII runs,
// Chinese, every other sequence length, broken sequences and JSON's special bytes, at every offset.
TEST(Utf8, FastPathsAgreeWithByteAtATimeReferences) {
  const std::vector<std::string> pieces = {"abcdefghij", "a", "\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f", "政策", "「市」",
                                           "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x9F\x98\x80",
                                           "\xF4\x8F\xBF\xBF", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF",
                                           "\x80", "\xE6\x94", "\xE6\x41\x81", "\xE9\xAB", "\xEF\xBF\xBF"};
  auto reference_invalid = [](std::string_view s) -> std::optional<size_t> {
    size_t i = 0;
    char32_t cp = 0;
    while (i < s.size())
      if (!utf8_next(s, i, cp)) return i;
    return std::nullopt;
  };
  auto reference_run_end = [](std::string_view s, size_t from) {
    while (from < s.size() && s[from] != '"' && s[from] != '\\' && static_cast<unsigned char>(s[from]) >= 0x20) ++from;
    return from;
  };
  uint64_t x = 20241203;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  size_t invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (uint64_t k = next() % 12; k > 0; --k) {
      // Mostly valid text, so that long valid runs reach the fast paths.
      uint64_t r = next();
      s += r % 4 != 0 ? pieces[8 + r % 2] : pieces[r % pieces.size()];
    }
    ASSERT_EQ(utf8_first_invalid(s), reference_invalid(s)) << round;
    invalid += reference_invalid(s).has_value();
    for (size_t from = 0; from <= s.size(); ++from) ASSERT_EQ(json_plain_run_end(s, from), reference_run_end(s, from)) << round << " " << from;
  }
  EXPECT_GT(invalid, 1000u);
  EXPECT_LT(invalid, 19000u);
}

TEST(Utf8, NextDecodesAndAdvances) {
  const std::string s = "a政\xF0\x9F\x98\x80";
  size_t i = 0;
  char32_t cp = 0;
  ASSERT_TRUE(utf8_next(s, i, cp));
  EXPECT_EQ(cp, U'a');
  EXPECT_EQ(i, 1u);
  ASSERT_TRUE(utf8_next(s, i, cp));
  EXPECT_EQ(cp, U'政');
  EXPECT_EQ(i, 4u);
  ASSERT_TRUE(utf8_next(s, i, cp));
  EXPECT_EQ(cp, U'\U0001F600');
  EXPECT_EQ(i, 8u);
  EXPECT_FALSE(utf8_next(s, i, cp));
  EXPECT_EQ(i, 8u);
}

TEST(Utf8, NextLeavesIndexOnError) {
  const std::string s = "\xE6\x94";
  size_t i = 0;
  char32_t cp = U'x';
  EXPECT_FALSE(utf8_next(s, i, cp));
  EXPECT_EQ(i, 0u);
  EXPECT_EQ(cp, U'x');
}

TEST(Utf8, LossyDecodingReplacesOneByteAtATime) {
  const std::string s = "\xE6\x94" "a";
  size_t i = 0;
  EXPECT_EQ(utf8_next_lossy(s, i), kReplacementChar);
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(utf8_next_lossy(s, i), kReplacementChar);
  EXPECT_EQ(i, 2u);
  EXPECT_EQ(utf8_next_lossy(s, i), U'a');
  EXPECT_EQ(i, 3u);
}

TEST(Utf8, EncodeRoundTrips) {
  EXPECT_EQ(utf8_encode(U'A'), "A");
  EXPECT_EQ(utf8_encode(U'\u00E9'), "\xC3\xA9");
  EXPECT_EQ(utf8_encode(U'政'), "政");
  EXPECT_EQ(utf8_encode(U'\U0010FFFF'), "\xF4\x8F\xBF\xBF");
  for (const char32_t cp : {U'\u0000', U'\u007F', U'\u0080', U'\u07FF', U'\u0800', U'\uD7FF', U'\uE000', U'\uFFFF',
                            U'\U00010000', U'\U0010FFFF'}) {
    const std::string bytes = utf8_encode(cp);
    size_t i = 0;
    char32_t back = 0;
    ASSERT_TRUE(utf8_next(bytes, i, back)) << static_cast<uint32_t>(cp);
    EXPECT_EQ(back, cp);
    EXPECT_EQ(i, bytes.size());
  }
  std::string out = "第";
  utf8_append(out, U'1');
  utf8_append(out, U'条');
  EXPECT_EQ(out, "第1条");
}

TEST(Utf8DeathTest, EncodingASurrogateIsABug) {
  EXPECT_DEATH(utf8_encode(static_cast<char32_t>(0xD800)), "internal compiler error\\): utf8_append: not a Unicode scalar value");
}

TEST(Utf8, CodePointCount) {
  EXPECT_EQ(code_point_count(""), 0u);
  EXPECT_EQ(code_point_count("第1条"), 3u);
  EXPECT_EQ(code_point_count("a\xFF\xE6\x94"), 4u);  // each bad byte counts once
}

struct WidthCase {
  char32_t cp;
  int width;
};

TEST(DisplayWidth, CodePointTable) {
  const std::vector<WidthCase> cases = {
      {U'a', 1},       {U' ', 1},       {U'~', 1},       {U'\u00A0', 1},  {U'\u00AD', 1},   // soft hyphen shows
      {U'\u00D7', 1},  {U'\u2030', 1},  {U'\u2236', 1},  {U'\u00E9', 1},  {U'\u0416', 1},   // × ‰ ∶ é Ж
      {U'政', 2},      {U'\u4E00', 2},  {U'\u9FFF', 2},  {U'\u3400', 2},  {U'\U00020000', 2},
      {U'\U0003134A', 2},                                                                   // ext. G
      {U'，', 2},      {U'。', 2},      {U'「', 2},      {U'」', 2},      {U'“', 2},
      {U'”', 2},       {U'‘', 2},       {U'’', 2},       {U'（', 2},      {U'）', 2},
      {U'、', 2},      {U'：', 2},      {U'；', 2},      {U'《', 2},      {U'》', 2},
      {U'【', 2},      {U'】', 2},      {U'—', 2},       {U'…', 2},       {U'·', 2},
      {U'\uFF01', 2},  {U'１', 2},      {U'\uFF60', 2},  {U'\uFF61', 1},  {U'\uFF9E', 1},   // halfwidth forms
      {U'\u3000', 2},  {U'\uFFE5', 2},                                                     // 　 ￥
      {U'한', 2},      {U'\u1100', 2},  {U'\u1160', 0},  {U'\u11A8', 0},  {U'\uD7B0', 0},
      {U'\u3042', 2},  {U'\u30A2', 2},  {U'\u3099', 0},                                    // あ ア combining ゙
      {U'\U0001F600', 2}, {U'\u231A', 2}, {U'\u2764', 1},                                  // 😀 ⌚ ❤
      {U'\u0301', 0},  {U'\u0E31', 0},  {U'\u20DD', 0},  {U'\uFE0F', 0},  {U'\U000E0100', 0},
      {U'\u200B', 0},  {U'\u200D', 0},  {U'\u2060', 0},  {U'\uFEFF', 0},  {U'\u202E', 0},
      {U'\u0600', 1},                                                                      // visible Cf
      {U'\0', 0},      {U'\t', 0},      {U'\n', 0},      {U'\x1B', 0},    {U'\x7F', 0},
      {U'\u0085', 0},  {U'\u009F', 0},  {U'\uE000', 1},  {U'\uFFFD', 1},
  };
  for (const WidthCase& c : cases) {
    EXPECT_EQ(display_width(c.cp), c.width) << "U+" << std::hex << static_cast<uint32_t>(c.cp);
  }
}

TEST(DisplayWidth, Strings) {
  EXPECT_EQ(display_width(""), 0);
  EXPECT_EQ(display_width("对「首次通过」的企业，"), 22);
  EXPECT_EQ(display_width("按市到位资金的20%给予补助"), 25);
  EXPECT_EQ(display_width("１０万元"), 8);
  EXPECT_EQ(display_width("e\xCC\x81"), 1);  // e + combining acute
  EXPECT_EQ(display_width("a\xFF"), 2);      // a bad byte shows as one U+FFFD
}

}  // namespace
}  // namespace zc
