// Rational and Interval: normalisation, checked arithmetic at and just past the int64 limits,
// exact comparison, decimal text and every rounding mode on .5 ties (figures computed by hand).
#include <gtest/gtest.h>

#include <limits>

#include "base/interval.h"
#include "base/rational.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

using test::frac;
using test::R;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

TEST(Rational, MakeNormalises) {
  std::optional<Rational> r = Rational::make(6, -4);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->num(), -3);
  EXPECT_EQ(r->den(), 2);
  EXPECT_EQ(Rational::make(0, -7), Rational(0));
  EXPECT_EQ(Rational::make(1, 0), std::nullopt);
  EXPECT_EQ(Rational::make(kMin, 1), std::nullopt);  // -2^63 cannot be negated
  EXPECT_EQ(Rational::make(kMin, 2), Rational(kMin / 2));
  EXPECT_EQ(Rational::make(kMin, kMin), Rational(1));
  EXPECT_EQ(Rational::make(1, kMin), std::nullopt);  // would need den = 2^63
  EXPECT_EQ(Rational::make(kMax, kMax), Rational(1));
}

TEST(Rational, AddAtTheLimitAndJustPast) {
  EXPECT_EQ(Rational(kMax - 1).add(1), Rational(kMax));
  EXPECT_EQ(Rational(kMax).add(1), std::nullopt);
  EXPECT_EQ(Rational(-kMax).sub(0), Rational(-kMax));
  EXPECT_EQ(Rational(-kMax).sub(1), std::nullopt);  // -2^63 is excluded
  EXPECT_EQ(frac(1, 3).add(frac(1, 6)), frac(1, 2));
  EXPECT_EQ(frac(1, 2).sub(frac(1, 2)), Rational(0));
  // Denominators whose product does not fit, with no common factor to cancel.
  EXPECT_EQ(frac(1, kMax).add(frac(1, kMax - 1)), std::nullopt);
  // A large intermediate that reduces to something small is fine.
  EXPECT_EQ(frac(kMax - 1, kMax).add(frac(1, kMax)), Rational(1));
}

// The binary gcd and the common-denominator path of add, against the textbook definition (Euclid's
// gcd on 128-bit cross products), on values around the places where they could go wrong: zero,
// powers of two, shared factors, the ends of the range.
TEST(Rational, FastPathsAgreeWithTheDefinition) {
  __extension__ using i128 = __int128;
  auto euclid = [](i128 a, i128 b) {
    if (a < 0) a = -a;
    while (b != 0) {
      i128 t = a % b;
      a = b;
      b = t;
    }
    return a;
  };
  std::vector<int64_t> nums = {0, 1, -1, 2, 3, 6, -12, 64, 100, 250, 1000000, (int64_t{1} << 40), -(int64_t{1} << 62), kMax, -kMax, kMax - 1};
  std::vector<int64_t> dens = {1, 2, 3, 4, 5, 20, 64, 100, 1000, 7919, (int64_t{1} << 62), kMax};
  for (int64_t n : nums) {
    for (int64_t d : dens) {
      std::optional<Rational> r = Rational::make(n, d);
      ASSERT_TRUE(r) << n << "/" << d;
      i128 g = euclid(n, d);
      EXPECT_EQ(r->num(), static_cast<int64_t>(n / g)) << n << "/" << d;
      EXPECT_EQ(r->den(), static_cast<int64_t>(d / g)) << n << "/" << d;
      for (int64_t m : nums) {
        std::optional<Rational> s = Rational::make(m, d);  // the same denominator before reducing
        ASSERT_TRUE(s);
        std::optional<Rational> sum = r->add(*s);
        i128 sn = static_cast<i128>(n) + m;  // exact: n/d + m/d
        i128 sg = euclid(sn, d);
        i128 en = sn / sg, ed = d / sg;
        if (en > kMax || en < -kMax) {
          EXPECT_EQ(sum, std::nullopt) << n << "/" << d << " + " << m << "/" << d;
        } else {
          ASSERT_TRUE(sum) << n << "/" << d << " + " << m << "/" << d;
          EXPECT_EQ(sum->num(), static_cast<int64_t>(en));
          EXPECT_EQ(sum->den(), static_cast<int64_t>(ed));
        }
      }
    }
  }
}

TEST(Rational, MulDivAtTheLimitAndJustPast) {
  EXPECT_EQ(Rational(3037000499).mul(3037000499), Rational(9223372030926249001));
  EXPECT_EQ(Rational(3037000500).mul(3037000500), std::nullopt);
  EXPECT_EQ(Rational(kMax).mul(frac(1, kMax)), Rational(1));
  EXPECT_EQ(Rational(kMax).mul(-1), Rational(-kMax));
  EXPECT_EQ(Rational(kMax).div(frac(1, 2)), std::nullopt);
  EXPECT_EQ(Rational(kMax).div(2), frac(kMax, 2));
  EXPECT_EQ(Rational(1).div(0), std::nullopt);
  EXPECT_EQ(frac(3, 4).div(frac(-3, 8)), Rational(-2));
  EXPECT_EQ(frac(3, 2000).mul(R("3000000.00")), Rational(4500));  // 1.5‰ of 3,000,000.00元
}

TEST(Rational, CompareIsExact) {
  EXPECT_LT(frac(1, 3), frac(1, 2));
  EXPECT_GT(frac(kMax - 1, kMax), frac(kMax - 2, kMax - 1));  // differ only far below 1
  EXPECT_EQ(Rational(5).compare(5), 0);
  EXPECT_EQ(frac(-1, 2).compare(frac(-1, 3)), -1);
  EXPECT_EQ(Rational(kMax).compare(-kMax), 1);
}

TEST(Rational, ToDecimal) {
  EXPECT_EQ(Rational(4500).to_decimal(), "4500");
  EXPECT_EQ(Rational(4500).to_decimal(2), "4500.00");
  EXPECT_EQ(frac(9001, 2).to_decimal(2), "4500.50");
  EXPECT_EQ(frac(3, 200).to_decimal(), "0.015");
  EXPECT_EQ(frac(-5, 2).to_decimal(), "-2.5");
  EXPECT_EQ(frac(1, 3).to_decimal(), "1/3");
  EXPECT_EQ(frac(-7, 6).to_decimal(2), "-7/6");
  EXPECT_EQ(Rational(0).to_decimal(2), "0.00");
  EXPECT_EQ(Rational(kMax).to_decimal(), "9223372036854775807");
  EXPECT_EQ(Rational(-kMax).to_decimal(), "-9223372036854775807");
  EXPECT_EQ(frac(1, 1024).to_decimal(), "0.0009765625");
  EXPECT_EQ(frac(1, 4611686018427387904).to_decimal(),
            "0.00000000000000000021684043449710088680149056017398834228515625");
}

TEST(Rational, ParseDecimal) {
  EXPECT_EQ(parse_decimal("10"), Rational(10));
  EXPECT_EQ(parse_decimal("-2.5"), frac(-5, 2));
  EXPECT_EQ(parse_decimal("+3"), Rational(3));
  EXPECT_EQ(parse_decimal("１０"), Rational(10));
  EXPECT_EQ(parse_decimal("1234567.89"), frac(123456789, 100));
  EXPECT_EQ(parse_decimal("999999999999999999"), Rational(999999999999999999));  // 18 digits
  EXPECT_EQ(parse_decimal("9999999999999999999"), std::nullopt);                 // 19 digits
  EXPECT_EQ(parse_decimal("0000000000000000000001"), Rational(1));
  EXPECT_EQ(parse_decimal("1.000000000000000000000"), Rational(1));
  EXPECT_EQ(parse_decimal("0.000000000000000001"), frac(1, 1000000000000000000));
  EXPECT_EQ(parse_decimal("0.0000000000000000001"), std::nullopt);  // den 10^19
  for (std::string_view bad : {"", "-", ".", "5.", ".5", "1.2.3", "12a", "２．５", "1点5", "--1", " 1"}) {
    EXPECT_EQ(parse_decimal(bad), std::nullopt) << bad;
  }
}

struct RoundCase {
  const char* value;
  RoundingMode mode;
  RoundingUnit unit;
  const char* expected;
};

TEST(Rational, RoundingModesOnTies) {
  using M = RoundingMode;
  using U = RoundingUnit;
  const RoundCase cases[] = {
      // 2.5% of 1,234,567.89 = 30,864.19725: not a tie
      {"30864.19725", M::HalfUp, U::Fen, "30864.20"},
      {"30864.19725", M::HalfEven, U::Fen, "30864.20"},
      {"30864.19725", M::Down, U::Fen, "30864.19"},
      {"30864.19725", M::Up, U::Fen, "30864.20"},
      // 0.5% of 1001 = 5.005: a tie at 分
      {"5.005", M::HalfUp, U::Fen, "5.01"},
      {"5.005", M::HalfEven, U::Fen, "5.00"},
      {"5.005", M::Down, U::Fen, "5.00"},
      {"5.005", M::Up, U::Fen, "5.01"},
      {"0.135", M::HalfEven, U::Fen, "0.14"},
      {"0.125", M::HalfEven, U::Fen, "0.12"},
      // negative ties: HalfUp goes away from zero, Down is floor, Up is ceiling
      {"-0.125", M::HalfUp, U::Fen, "-0.13"},
      {"-0.125", M::Down, U::Fen, "-0.13"},
      {"-0.125", M::Up, U::Fen, "-0.12"},
      {"-0.125", M::HalfEven, U::Fen, "-0.12"},
      // 角 and 元
      {"2.25", M::HalfUp, U::Jiao, "2.30"},
      {"2.25", M::HalfEven, U::Jiao, "2.20"},
      {"2.5", M::HalfUp, U::Yuan, "3.00"},
      {"2.5", M::HalfEven, U::Yuan, "2.00"},
      {"3.5", M::HalfEven, U::Yuan, "4.00"},
      {"2.5", M::Down, U::Yuan, "2.00"},
      {"2.01", M::Up, U::Yuan, "3.00"},
      {"4500", M::HalfUp, U::Fen, "4500.00"},
  };
  for (const RoundCase& c : cases) {
    std::optional<Rational> r = R(c.value).round(c.mode, c.unit);
    ASSERT_TRUE(r) << c.value;
    EXPECT_EQ(r->to_decimal(2), c.expected) << c.value << " mode " << static_cast<int>(c.mode);
  }
  // 1.5‰ of 3,000,000.00元 is 4,500.00元; 2.5% of 1,234,567.89 rounds to 30,864.20 under HalfUp.
  EXPECT_EQ(frac(3, 2000).mul(R("3000000.00"))->round(M::HalfUp, U::Fen)->to_decimal(2), "4500.00");
  EXPECT_EQ(frac(1, 40).mul(R("1234567.89"))->round(M::HalfUp, U::Fen)->to_decimal(2), "30864.20");
  EXPECT_EQ(frac(1, 3).round(M::HalfUp, U::Fen), frac(33, 100));
  EXPECT_EQ(frac(2, 3).round(M::HalfUp, U::Fen), frac(67, 100));
  EXPECT_EQ(Rational(kMax).round(M::Up, U::Fen), Rational(kMax));
}

TEST(Interval, Arithmetic) {
  Interval a{1, 2};
  Interval b{-3, 4};
  EXPECT_EQ(a.add(b), (Interval{-2, 6}));
  EXPECT_EQ(a.sub(Interval{3, 5}), (Interval{-4, -1}));
  EXPECT_EQ(a.mul(b), (Interval{-6, 8}));
  EXPECT_EQ((Interval{-2, -1}).mul(Interval{-3, -2}), (Interval{2, 6}));
  EXPECT_EQ(Interval::exact(R("3000000")).mul(Interval::exact(frac(1, 5))), Interval::exact(600000));
  EXPECT_EQ(a.min(Interval{0, 5}), (Interval{0, 2}));
  EXPECT_EQ(a.max(Interval{0, 5}), (Interval{1, 5}));
  EXPECT_EQ((Interval{-5, -1}).clamp_nonneg(), Interval::exact(0));
  EXPECT_EQ((Interval{-5, 3}).clamp_nonneg(), (Interval{0, 3}));
  EXPECT_EQ((Interval{5, 7}).upto(), (Interval{0, 7}));
  EXPECT_EQ((Interval{-2, 7}).upto(), (Interval{-2, 7}));
  EXPECT_TRUE(Interval::exact(3).is_exact());
  EXPECT_FALSE(a.is_exact());
}

TEST(Interval, OverflowAtTheLimitAndJustPast) {
  EXPECT_EQ(Interval::exact(kMax - 1).add(Interval::exact(1)), Interval::exact(kMax));
  EXPECT_EQ(Interval::exact(kMax).add(Interval::exact(1)), std::nullopt);
  EXPECT_EQ((Interval{0, kMax}).add(Interval{0, 1}), std::nullopt);  // only the high end overflows
  EXPECT_EQ((Interval{-kMax, 0}).sub(Interval{0, 1}), std::nullopt);
  EXPECT_EQ((Interval{0, 3037000499}).mul(Interval{0, 3037000499}), (Interval{0, 9223372030926249001}));
  EXPECT_EQ((Interval{0, 3037000500}).mul(Interval{0, 3037000500}), std::nullopt);
}

TEST(Interval, RoundBothEnds) {
  EXPECT_EQ((Interval{frac(1, 8), frac(3, 8)}).round(RoundingMode::HalfEven, RoundingUnit::Fen),
            (Interval{frac(12, 100), frac(38, 100)}));
  EXPECT_EQ((Interval{0, R("246913.578")}).round(RoundingMode::HalfUp, RoundingUnit::Fen),
            (Interval{0, R("246913.58")}));
}

}  // namespace
}  // namespace zc
