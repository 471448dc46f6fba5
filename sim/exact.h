// Exact accumulators for a simulation: sums of Rationals as a 128-bit numerator over one common
// denominator, and counts of exact values for percentiles. Both merge commutatively, so the result
// of a run does not depend on how the rows were split between threads. No floating point.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/rational.h"

namespace zc::sim {

__extension__ using i128 = __int128;

// An exact sum. The denominator is the lcm of the denominators added (100 for amounts rounded to
// 分); `overflow` is set, and stays set, when the sum no longer fits 128 bits.
class ExactSum {
 public:
  void add(const Rational& v);
  void merge(const ExactSum& o);
  bool overflow() const { return overflow_; }
  // This sum against v × times: -1, 0, 1; nullopt when the comparison does not fit 128 bits.
  std::optional<int> compare(const Rational& v, uint64_t times) const;
  // The sum as a Rational, when it fits one (64-bit parts).
  std::optional<Rational> value() const;
  // Exact decimal text ("12345.67"), a fraction when there is no finite decimal ("1/3"), or "溢出".
  std::string text() const;
  // The sum divided by n (n > 0), as exact text (a fraction when not a finite decimal).
  std::string divided_text(uint64_t n) const;
  bool operator==(const ExactSum&) const = default;

 private:
  bool rescale(int64_t den);
  i128 num_ = 0;
  int64_t den_ = 1;
  bool overflow_ = false;
};

// Exact decimal text of n/d (d > 0), or "n/d" when it has no finite decimal expansion.
std::string fraction_text(i128 n, i128 d);

// The multiset of values seen, for percentiles. Values are counted exactly while there are at most
// kMaxDistinct distinct ones. Past that, each value is counted in a bucket of relative width at most
// 1/64 (by its 分 value) that keeps the exact smallest and largest value it has seen, and a
// percentile is reported as that bucket's [smallest, largest]: a bracket that contains it.
class ValueCounter {
 public:
  static constexpr size_t kMaxDistinct = 1024;

  void add(const Rational& v, uint64_t n = 1);
  void merge(const ValueCounter& o);
  uint64_t count() const { return count_; }
  bool exact() const { return !bucketed_; }
  std::optional<Rational> min() const { return count_ ? std::optional<Rational>(min_) : std::nullopt; }
  std::optional<Rational> max() const { return count_ ? std::optional<Rational>(max_) : std::nullopt; }

  // The nearest-rank percentile (the smallest value with at least ceil(p/100 × count) values at or
  // below it), for 0 < p <= 100: exact ([x, x]) while exact(), else a bracket. Nullopt when empty.
  struct Bracket {
    Rational lo, hi;
  };
  std::optional<Bracket> percentile(unsigned p) const;

 private:
  struct Bucket {
    uint64_t n = 0;
    Rational lo, hi;
  };
  // Buckets by key, in blocks of 64 allocated on first use (keys >= 0 and < 0 apart): a value's
  // key is bucket_of(value), and keys are ordered as values are.
  class Buckets {
   public:
    Bucket& at(int64_t key);
    template <typename F>
    void each(F f) const;  // in ascending key order
   private:
    std::vector<std::vector<Bucket>> pos_, neg_;
  };
  // Exact counts by value: an open-addressing table (the counter's hot path while exact).
  class Counts {
   public:
    void add(const Rational& v, uint64_t n);
    size_t size() const { return size_; }
    void clear();
    template <typename F>
    void each(F f) const;  // f(value, count), in no particular order
   private:
    struct Slot {
      int64_t num = 0, den = 0;  // den == 0: empty
      uint64_t n = 0;
    };
    std::vector<Slot> slots_;
    size_t size_ = 0;
  };
  static int64_t bucket_of(const Rational& v);
  void to_buckets();
  void add_bucket(const Rational& v, uint64_t n);
  void add_bucket(const Bucket& b, int64_t key);

  uint64_t count_ = 0;
  Rational min_, max_;
  bool bucketed_ = false;
  Counts exact_;
  Buckets buckets_;
};

}  // namespace zc::sim
