// Exact sums and value counts (exact.h). Sums keep one common denominator so that adding amounts
// in 分 is integer addition; counts stay exact until kMaxDistinct distinct values, then fall back
// to narrow buckets that still bracket every percentile exactly.
#include "sim/exact.h"

#include <algorithm>
#include <array>

namespace zc::sim {
namespace {

__extension__ using u128 = unsigned __int128;

i128 gcd(i128 a, i128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::string u128_text(u128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v != 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  std::reverse(s.begin(), s.end());
  return s;
}

u128 magnitude(i128 v) { return v < 0 ? static_cast<u128>(0) - static_cast<u128>(v) : static_cast<u128>(v); }

// floor(|v| × 100), the magnitude in 分. Amounts are mostly whole 分, whose denominators divide 100.
// 100 / d for the denominators d that divide 100, else 0: amounts in 分 need no division.
constexpr auto kFenFactor = [] {
  std::array<uint8_t, 101> t{};
  for (int d = 1; d <= 100; ++d) t[static_cast<size_t>(d)] = 100 % d == 0 ? static_cast<uint8_t>(100 / d) : 0;
  return t;
}();

u128 fen_magnitude(const Rational& v) {
  u128 n = magnitude(v.num());
  int64_t d = v.den();
  if (d <= 100 && kFenFactor[static_cast<size_t>(d)] != 0) return n * kFenFactor[static_cast<size_t>(d)];
  return n * 100 / static_cast<u128>(d);
}

// a < b, without the cross products when the denominators agree (amounts in 分 mostly do).
bool less(const Rational& a, const Rational& b) { return a.den() == b.den() ? a.num() < b.num() : a < b; }

int bit_length(u128 v) {
  uint64_t hi = static_cast<uint64_t>(v >> 64);
  uint64_t lo = static_cast<uint64_t>(v);
  if (hi != 0) return 128 - __builtin_clzll(hi);
  return lo == 0 ? 0 : 64 - __builtin_clzll(lo);
}

}  // namespace

std::string fraction_text(i128 n, i128 d) {
  i128 g = gcd(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  std::string sign = n < 0 ? "-" : "";
  u128 a = magnitude(n);
  u128 b = static_cast<u128>(d);
  u128 rest = b;
  while (rest % 2 == 0) rest /= 2;
  while (rest % 5 == 0) rest /= 5;
  if (rest != 1) return sign + u128_text(a) + "/" + u128_text(b);
  std::string out = sign + u128_text(a / b);
  u128 r = a % b;
  if (r == 0) return out;
  out.push_back('.');
  // INVARIANT: b has only the factors 2 and 5, so the expansion ends; b < 2^64, so r × 10 fits.
  while (r != 0) {
    r *= 10;
    out.push_back(static_cast<char>('0' + static_cast<int>(r / b)));
    r %= b;
  }
  return out;
}

bool ExactSum::rescale(int64_t den) {
  // INVARIANT: den is a multiple of den_.
  i128 f = den / den_;
  i128 n = 0;
  if (__builtin_mul_overflow(num_, f, &n)) return false;
  num_ = n;
  den_ = den;
  return true;
}

void ExactSum::add(const Rational& v) {
  if (overflow_) return;
  // The common cases first: a whole number, or a value already over the running denominator (a
  // product of two 64-bit integers always fits 128 bits, so only the sum can overflow).
  i128 term = 0;
  if (v.den() == 1) {
    term = static_cast<i128>(v.num()) * den_;
  } else if (v.den() == den_) {
    term = v.num();
  } else {
    if (den_ % v.den() != 0) {
      i128 l = static_cast<i128>(den_ / static_cast<int64_t>(gcd(den_, v.den()))) * v.den();
      if (l > INT64_MAX || !rescale(static_cast<int64_t>(l))) {
        overflow_ = true;
        return;
      }
    }
    term = static_cast<i128>(v.num()) * (den_ / v.den());
  }
  if (__builtin_add_overflow(num_, term, &num_)) overflow_ = true;
}

void ExactSum::merge(const ExactSum& o) {
  if (overflow_ || o.overflow_) {
    overflow_ = true;
    return;
  }
  ExactSum other = o;
  i128 l = static_cast<i128>(den_ / static_cast<int64_t>(gcd(den_, o.den_))) * o.den_;
  if (l > INT64_MAX || !rescale(static_cast<int64_t>(l)) || !other.rescale(static_cast<int64_t>(l)) ||
      __builtin_add_overflow(num_, other.num_, &num_)) {
    overflow_ = true;
  }
}

std::optional<int> ExactSum::compare(const Rational& v, uint64_t times) const {
  // num_/den_ vs v.num × times / v.den, by cross multiplication in 128 bits.
  i128 l = 0, r = 0, vt = 0;
  if (overflow_ || __builtin_mul_overflow(num_, static_cast<i128>(v.den()), &l) ||
      __builtin_mul_overflow(static_cast<i128>(v.num()), static_cast<i128>(times), &vt) ||
      __builtin_mul_overflow(vt, static_cast<i128>(den_), &r)) {
    return std::nullopt;
  }
  return l < r ? -1 : (l > r ? 1 : 0);
}

std::optional<Rational> ExactSum::value() const {
  if (overflow_) return std::nullopt;
  i128 g = gcd(num_, den_);
  i128 n = g > 1 ? num_ / g : num_;
  if (n > INT64_MAX || n < -INT64_MAX) return std::nullopt;
  return Rational::make(static_cast<int64_t>(n), den_ / static_cast<int64_t>(g > 1 ? g : 1));
}

std::string ExactSum::text() const { return overflow_ ? "溢出" : fraction_text(num_, den_); }

std::string ExactSum::divided_text(uint64_t n) const {
  return overflow_ ? "溢出" : fraction_text(num_, static_cast<i128>(den_) * static_cast<i128>(n));
}

void ValueCounter::Counts::add(const Rational& v, uint64_t n) {
  if (slots_.empty()) slots_.resize(16);
  if (2 * (size_ + 1) > slots_.size()) {
    // Grow at half full, re-inserting every value.
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    size_ = 0;
    for (const Slot& s : old) {
      if (s.den != 0) add(*Rational::make(s.num, s.den), s.n);
    }
  }
  uint64_t h = static_cast<uint64_t>(v.num()) * 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(v.den()) * 0xC2B2AE3D27D4EB4Full;
  size_t mask = slots_.size() - 1;
  for (size_t i = (h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.den == 0) {
      s = Slot{v.num(), v.den(), n};
      ++size_;
      return;
    }
    if (s.num == v.num() && s.den == v.den()) {
      s.n += n;
      return;
    }
  }
}

void ValueCounter::Counts::clear() {
  std::vector<Slot>().swap(slots_);  // give the memory back: a bucketed counter never counts exactly again
  size_ = 0;
}

template <typename F>
void ValueCounter::Counts::each(F f) const {
  for (const Slot& s : slots_) {
    if (s.den != 0) f(*Rational::make(s.num, s.den), s.n);
  }
}

int64_t ValueCounter::bucket_of(const Rational& v) {
  // By the value in 分: every 分 up to 0.63元 has its own bucket; above, 64 buckets per power of two.
  u128 f = fen_magnitude(v);
  int64_t b = 0;
  if (f != 0) {
    int e = bit_length(f) - 1;
    int64_t mant = e >= 6 ? static_cast<int64_t>((f >> (e - 6)) & 63) : static_cast<int64_t>(f & 63);
    b = 1 + static_cast<int64_t>(e) * 64 + mant;
  }
  return v.sign() < 0 ? -b : b;
}

ValueCounter::Bucket& ValueCounter::Buckets::at(int64_t key) {
  std::vector<std::vector<Bucket>>& side = key < 0 ? neg_ : pos_;
  uint64_t k = key < 0 ? static_cast<uint64_t>(-key) : static_cast<uint64_t>(key);
  if (side.size() <= k / 64) side.resize(k / 64 + 1);
  std::vector<Bucket>& block = side[k / 64];
  if (block.empty()) block.resize(64);
  return block[k % 64];
}

template <typename F>
void ValueCounter::Buckets::each(F f) const {
  for (size_t i = neg_.size(); i-- > 0;) {
    for (size_t j = neg_[i].size(); j-- > 0;) {
      if (neg_[i][j].n != 0) f(-static_cast<int64_t>(i * 64 + j), neg_[i][j]);
    }
  }
  for (size_t i = 0; i < pos_.size(); ++i) {
    for (size_t j = 0; j < pos_[i].size(); ++j) {
      if (pos_[i][j].n != 0) f(static_cast<int64_t>(i * 64 + j), pos_[i][j]);
    }
  }
}

void ValueCounter::add_bucket(const Rational& v, uint64_t n) {
  Bucket& b = buckets_.at(bucket_of(v));
  if (b.n == 0 || less(v, b.lo)) b.lo = v;
  if (b.n == 0 || less(b.hi, v)) b.hi = v;
  b.n += n;
}

void ValueCounter::add_bucket(const Bucket& from, int64_t key) {
  Bucket& b = buckets_.at(key);
  if (b.n == 0 || from.lo < b.lo) b.lo = from.lo;
  if (b.n == 0 || b.hi < from.hi) b.hi = from.hi;
  b.n += from.n;
}

void ValueCounter::to_buckets() {
  bucketed_ = true;
  exact_.each([this](const Rational& v, uint64_t n) { add_bucket(v, n); });
  exact_.clear();
}

void ValueCounter::add(const Rational& v, uint64_t n) {
  if (count_ == 0 || less(v, min_)) min_ = v;
  if (count_ == 0 || less(max_, v)) max_ = v;
  count_ += n;
  if (bucketed_) {
    add_bucket(v, n);
    return;
  }
  exact_.add(v, n);
  if (exact_.size() > kMaxDistinct) to_buckets();
}

void ValueCounter::merge(const ValueCounter& o) {
  if (o.count_ == 0) return;
  if (count_ == 0 || o.min_ < min_) min_ = o.min_;
  if (count_ == 0 || max_ < o.max_) max_ = o.max_;
  count_ += o.count_;
  if (!bucketed_ && !o.bucketed_) {
    o.exact_.each([this](const Rational& v, uint64_t n) { exact_.add(v, n); });
    if (exact_.size() > kMaxDistinct) to_buckets();
    return;
  }
  if (!bucketed_) to_buckets();
  o.exact_.each([this](const Rational& v, uint64_t n) { add_bucket(v, n); });
  o.buckets_.each([this](int64_t key, const Bucket& b) { add_bucket(b, key); });
}

std::optional<ValueCounter::Bracket> ValueCounter::percentile(unsigned p) const {
  if (count_ == 0) return std::nullopt;
  // rank = ceil(p × count / 100), at least 1
  u128 rank = (static_cast<u128>(p) * count_ + 99) / 100;
  if (rank == 0) rank = 1;
  u128 seen = 0;
  if (!bucketed_) {
    std::vector<std::pair<Rational, uint64_t>> sorted;
    sorted.reserve(exact_.size());
    exact_.each([&sorted](const Rational& v, uint64_t n) { sorted.emplace_back(v, n); });
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [v, n] : sorted) {
      seen += n;
      if (seen >= rank) return Bracket{v, v};
    }
    return Bracket{max_, max_};
  }
  std::optional<Bracket> found;
  buckets_.each([&](int64_t, const Bucket& b) {
    if (found) return;
    seen += b.n;
    if (seen >= rank) found = Bracket{b.lo, b.hi};
  });
  if (found) return found;
  return Bracket{max_, max_};
}

}  // namespace zc::sim
