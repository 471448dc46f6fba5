// Numerals as drafters write them: ASCII and full-width digits, Chinese numerals with place words,
// 零 for skipped places, 点 for decimals, digit-by-digit years; and the malformed forms that must
// be refused rather than guessed.
#include <gtest/gtest.h>

#include "base/numparse.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

using test::frac;

TEST(NumParse, DigitClasses) {
  EXPECT_TRUE(is_digit_cp(U'0'));
  EXPECT_TRUE(is_digit_cp(U'９'));
  EXPECT_FALSE(is_digit_cp(U'一'));
  EXPECT_FALSE(is_digit_cp(U'．'));
  for (char32_t c : std::u32string_view(U"〇零一二两三四五六七八九十百千万亿")) EXPECT_TRUE(is_chinese_numeral_cp(c));
  EXPECT_FALSE(is_chinese_numeral_cp(U'点'));
  EXPECT_FALSE(is_chinese_numeral_cp(U'元'));
  EXPECT_FALSE(is_chinese_numeral_cp(U'1'));
}

TEST(NumParse, Digits) {
  EXPECT_EQ(parse_digits("10"), Rational(10));
  EXPECT_EQ(parse_digits("0.5"), frac(1, 2));
  EXPECT_EQ(parse_digits("１０"), Rational(10));
  EXPECT_EQ(parse_digits("２．５"), frac(5, 2));
  EXPECT_EQ(parse_digits("2．5"), frac(5, 2));
  EXPECT_EQ(parse_digits("1.5"), frac(3, 2));
  EXPECT_EQ(parse_digits("１"), Rational(1));
  EXPECT_EQ(parse_digits("1,000"), Rational(1000));  // a thousands separator (5,000万元)
  for (std::string_view bad : {"", "-1", "+1", "1.", "．5", "1..5", "1.5.", "1 0", "十"}) {
    EXPECT_EQ(parse_digits(bad), std::nullopt) << bad;
  }
}

struct Case {
  const char* text;
  int64_t num;
  int64_t den;
};

TEST(NumParse, ChineseNumerals) {
  const Case cases[] = {
      {"十", 10, 1},
      {"十万", 100000, 1},
      {"两千", 2000, 1},
      {"两", 2, 1},  // 满两年, 两家: 两 standing alone
      {"一点五", 3, 2},
      {"三亿五千万", 350000000, 1},
      {"二〇二四", 2024, 1},
      {"一百零五", 105, 1},
      {"五", 5, 1},
      {"零", 0, 1},
      {"十五", 15, 1},
      {"二十", 20, 1},
      {"一十", 10, 1},
      {"一千零五十", 1050, 1},
      {"一千零五", 1005, 1},
      {"一百〇五", 105, 1},
      {"两百", 200, 1},
      {"一万五千", 15000, 1},
      {"一万零五百", 10500, 1},
      {"十万零五", 100005, 1},
      {"五十万", 500000, 1},
      {"一百万", 1000000, 1},
      {"两亿", 200000000, 1},
      {"十亿", 1000000000, 1},
      {"一万亿", 1000000000000, 1},
      {"一亿零五百万", 105000000, 1},
      {"三亿零五", 300000005, 1},
      {"一九九八", 1998, 1},
      {"零点五", 1, 2},
      {"二点五", 5, 2},
      {"十点零五", 201, 20},
      {"一点五万", 15000, 1},
      {"三点五亿", 350000000, 1},
      {"一点五万亿", 1500000000000, 1},
      {"九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九", 9999999999999999, 1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(parse_chinese_numeral(c.text), frac(c.num, c.den)) << c.text;
  }
}

TEST(NumParse, MalformedChineseNumerals) {
  const char* bad[] = {
      "",          // nothing
      "点五",      // no integer part
      "一点",      // no decimals
      "一百五",    // colloquial 150: ambiguous, refused
      "一万五",    // colloquial 15000: ambiguous, refused
      "十两",      // 两 only multiplies a place
      "两两",      // 两 is not a positional digit
      "百",        // a place word without its digit
      "万",        // nothing before 万
      "一十十",    // a place repeated
      "五五百",    // digits out of place
      "一百零零五",  // doubled 零
      "一千零五百",  // 零 where no place is skipped
      "一百零",    // trailing 零
      "零五十",    // leading 零 in a place-word numeral
      "一万万",    // 万 twice
      "一亿亿",    // 亿 twice
      "一万零五千",  // 零 where no place is skipped
      "二〇二四年",  // a unit is not part of the numeral
      "1十",       // mixed digits
      "一点两",    // 两 after 点
      "一点五万万",  // the multiplier once
      "一万点五",  // 万 before 点
      "一点二点三",  // two points
      "一千二百三十四万五千六百七十八亿九千万零一百二十三万",  // 万 twice in the part below 亿
  };
  for (const char* text : bad) {
    EXPECT_EQ(parse_chinese_numeral(text), std::nullopt) << text;
  }
  EXPECT_EQ(parse_chinese_numeral("一二三四五六七八九〇一二三四五六七八九"), std::nullopt);  // 19 digits
  EXPECT_EQ(parse_chinese_numeral("一二三四五六七八九〇一二三四五六七八"), Rational(123456789012345678));
  EXPECT_EQ(parse_chinese_numeral("\xE4\xB8"), std::nullopt);  // truncated UTF-8
}

TEST(ParseDigits, ThousandsSeparatorsGroupTheIntegerPartInThrees) {
  EXPECT_EQ(parse_digits("5,000"), Rational(5000));
  EXPECT_EQ(parse_digits("5，000"), Rational(5000));
  EXPECT_EQ(parse_digits("５，０００"), Rational(5000));
  EXPECT_EQ(parse_digits("1,200,000"), Rational(1200000));
  EXPECT_EQ(parse_digits("12,345.5"), Rational::make(24691, 2));
  for (const char* text : {"5,0000", "5,00", "1234,567", "5,000,00", "1.5,000", ",500", "5,"})
    EXPECT_EQ(parse_digits(text), std::nullopt) << text;
}

}  // namespace
}  // namespace zc
