// Exact rational arithmetic on int64 parts with 128-bit intermediates. Every result is normalised
// and representable, or the operation returns nullopt: nothing wraps and nothing is approximated.
// It knows nothing about units (元, %, 家): rounding to 分/角/元 is the only money-specific step.
#include "base/rational.h"

#include <cstdint>
#include <limits>

#include "base/digits.h"

namespace zc {

struct RationalAccess {
  // INVARIANT: the caller has normalised num/den (den > 0, reduced, num != INT64_MIN).
  static Rational make_normalised(int64_t num, int64_t den) {
    Rational r;
    r.num_ = num;
    r.den_ = den;
    return r;
  }
};

namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

constexpr i128 kMax64 = std::numeric_limits<int64_t>::max();

u128 abs128(i128 v) { return v < 0 ? static_cast<u128>(0) - static_cast<u128>(v) : static_cast<u128>(v); }

// Stein's binary gcd: shifts and subtractions, no division (a 64-bit division costs tens of cycles,
// and normalising is on every non-integer operation of the engines and the simulator).
uint64_t gcd64(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) {
      uint64_t t = a;
      a = b;
      b = t;
    }
    b -= a;
  } while (b != 0);
  return a << shift;
}

u128 gcd128(u128 a, u128 b) {
  if (a <= UINT64_MAX && b <= UINT64_MAX) return gcd64(static_cast<uint64_t>(a), static_cast<uint64_t>(b));
  while (b != 0) {
    u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// Normalises num/den computed in 128 bits. nullopt when den == 0 or the reduced parts do not fit.
// INVARIANT: the result has den > 0, gcd(|num|, den) == 1 and num > INT64_MIN (so neg() is safe).
std::optional<Rational> normalise(i128 num, i128 den) {
  if (den == 0) return std::nullopt;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  u128 mag = abs128(num);
  if (mag <= UINT64_MAX && static_cast<u128>(den) <= UINT64_MAX) {
    // Both parts fit 64 bits (the common case): reduce with 64-bit divisions.
    uint64_t a = static_cast<uint64_t>(mag), d = static_cast<uint64_t>(den);
    uint64_t g = gcd64(a, d);
    if (g > 1) {
      a /= g;
      d /= g;
    }
    if (a > static_cast<uint64_t>(kMax64) || d > static_cast<uint64_t>(kMax64)) return std::nullopt;
    int64_t n = static_cast<int64_t>(a);
    return RationalAccess::make_normalised(num < 0 ? -n : n, static_cast<int64_t>(d));
  }
  u128 g = gcd128(mag, static_cast<u128>(den));
  if (g > 1) {
    num /= static_cast<i128>(g);
    den /= static_cast<i128>(g);
  }
  if (num > kMax64 || num < -kMax64 || den > kMax64) return std::nullopt;
  return RationalAccess::make_normalised(static_cast<int64_t>(num), static_cast<int64_t>(den));
}

// Whole numbers take these paths (most amounts and counts are whole): no 128-bit division.
std::optional<Rational> whole(bool overflow, int64_t v) {
  if (overflow || v == std::numeric_limits<int64_t>::min()) return std::nullopt;
  return Rational(v);
}

// floor(a / b) for b > 0.
i128 floor_div(i128 a, i128 b) {
  i128 q = a / b;
  if ((a % b) != 0 && a < 0) --q;
  return q;
}

}  // namespace

std::optional<Rational> Rational::make(int64_t num, int64_t den) {
  if (den == 0) return std::nullopt;
  if (num == std::numeric_limits<int64_t>::min() || den == std::numeric_limits<int64_t>::min()) {
    // Negating either part would overflow; reduce in 128 bits and see whether it then fits.
    i128 n = num;
    i128 d = den;
    if (d < 0) {
      n = -n;
      d = -d;
    }
    u128 g = gcd128(abs128(n), static_cast<u128>(d));
    n /= static_cast<i128>(g);
    d /= static_cast<i128>(g);
    if (n > kMax64 || n < -kMax64 || d > kMax64) return std::nullopt;
    num = static_cast<int64_t>(n);
    den = static_cast<int64_t>(d);
  }
  if (den < 0) {
    num = -num;
    den = -den;
  }
  uint64_t a = den == 1 ? 1 : gcd64(num < 0 ? static_cast<uint64_t>(-num) : static_cast<uint64_t>(num), static_cast<uint64_t>(den));
  Rational r;
  if (a > 1) {
    num /= static_cast<int64_t>(a);
    den /= static_cast<int64_t>(a);
  }
  r.num_ = num;
  r.den_ = den;
  return r;
}

std::optional<Rational> Rational::add(const Rational& o) const {
  if (den_ == 1 && o.den_ == 1) {
    int64_t v = 0;
    bool overflow = __builtin_add_overflow(num_, o.num_, &v);
    return whole(overflow, v);
  }
  if (den_ == o.den_) {
    // A common denominator (amounts in 分, rates in %): add the numerators, then reduce.
    int64_t v = 0;
    if (!__builtin_add_overflow(num_, o.num_, &v)) return normalise(v, den_);
  }
  // |num_ * o.den_| < 2^126, so the sum of two such products stays below 2^127.
  return normalise(static_cast<i128>(num_) * o.den_ + static_cast<i128>(o.num_) * den_,
                   static_cast<i128>(den_) * o.den_);
}

std::optional<Rational> Rational::sub(const Rational& o) const { return add(o.neg()); }

std::optional<Rational> Rational::mul(const Rational& o) const {
  if (den_ == 1 && o.den_ == 1) {
    int64_t v = 0;
    bool overflow = __builtin_mul_overflow(num_, o.num_, &v);
    return whole(overflow, v);
  }
  return normalise(static_cast<i128>(num_) * o.num_, static_cast<i128>(den_) * o.den_);
}

std::optional<Rational> Rational::div(const Rational& o) const {
  if (o.num_ == 0) return std::nullopt;
  return normalise(static_cast<i128>(num_) * o.den_, static_cast<i128>(den_) * o.num_);
}

Rational Rational::floor() const {
  // INVARIANT: den_ > 0, so C++ division truncates toward zero and a negative remainder means one lower.
  int64_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  return Rational(q);
}

Rational Rational::neg() const {
  Rational r;
  r.num_ = -num_;
  r.den_ = den_;
  return r;
}

int Rational::compare(const Rational& o) const {
  if (den_ == o.den_) return num_ < o.num_ ? -1 : (num_ > o.num_ ? 1 : 0);
  i128 l = static_cast<i128>(num_) * o.den_;
  i128 r = static_cast<i128>(o.num_) * den_;
  return l < r ? -1 : (l > r ? 1 : 0);
}

std::optional<Rational> Rational::round(RoundingMode mode, RoundingUnit unit) const {
  i128 scale = per_yuan(unit);
  if (scale % den_ == 0) return *this;  // already a multiple of the unit
  // x = value / unit = num * scale / den; q = floor(x), rem in [0, den).
  i128 x = static_cast<i128>(num_) * scale;
  i128 d = den_;
  i128 q = floor_div(x, d);
  i128 rem = x - q * d;
  if (rem != 0) {
    i128 twice = 2 * rem;  // compare the fraction rem/d with 1/2
    switch (mode) {
      case RoundingMode::Down:
        break;
      case RoundingMode::Up:
        ++q;
        break;
      case RoundingMode::HalfUp:
        // Ties go away from zero (四舍五入 on the magnitude).
        if (twice > d || (twice == d && q >= 0)) ++q;
        break;
      case RoundingMode::HalfEven:
        if (twice > d || (twice == d && (q % 2) != 0)) ++q;
        break;
    }
  }
  return normalise(q, scale);
}

std::string Rational::to_decimal(int min_frac) const {
  std::string out;
  if (num_ < 0) out.push_back('-');
  uint64_t n = num_ < 0 ? static_cast<uint64_t>(-num_) : static_cast<uint64_t>(num_);
  uint64_t d = static_cast<uint64_t>(den_);
  // Finite decimal expansion iff den has no prime factors other than 2 and 5.
  uint64_t rest = d;
  while (rest % 2 == 0) rest /= 2;
  while (rest % 5 == 0) rest /= 5;
  if (rest != 1) {
    out += std::to_string(n);
    out.push_back('/');
    out += std::to_string(d);
    return out;
  }
  out += std::to_string(n / d);
  u128 r = n % d;
  std::string frac;
  // INVARIANT: r < d < 2^63, so r * 10 fits; the loop ends within 63 steps because d | 10^63.
  while (r != 0) {
    r *= 10;
    frac.push_back(static_cast<char>('0' + static_cast<int>(r / d)));
    r %= d;
  }
  while (static_cast<int>(frac.size()) < min_frac) frac.push_back('0');
  if (!frac.empty()) {
    out.push_back('.');
    out += frac;
  }
  return out;
}

std::optional<Rational> parse_decimal(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  auto digits = scan_decimal_digits(text, /*allow_fullwidth_point=*/false);
  if (!digits) return std::nullopt;
  std::optional<Rational> v = digits_value(*digits);
  if (!v) return std::nullopt;
  return negative ? v->neg() : *v;
}

}  // namespace zc
