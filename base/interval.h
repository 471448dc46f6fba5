// A closed interval [lo, hi] of exact Rationals. Every amount the VM computes is an Interval:
// a fixed award is [x, x]; a discretionary maximum is [0, x]; a range 100-500万元 is [1e6, 5e6].
// Operations are the usual interval arithmetic and are checked for overflow.
#pragma once
#include <optional>

#include "base/rational.h"

namespace zc {

struct Interval {
  Rational lo;
  Rational hi;  // INVARIANT: lo <= hi

  static Interval exact(Rational v) { return Interval{v, v}; }
  bool is_exact() const { return lo == hi; }
  bool operator==(const Interval&) const = default;

  std::optional<Interval> add(const Interval& o) const;
  std::optional<Interval> sub(const Interval& o) const;
  std::optional<Interval> mul(const Interval& o) const;   // general (sign-aware) product
  Interval min(const Interval& o) const;                  // [min(lo,o.lo), min(hi,o.hi)]
  Interval max(const Interval& o) const;                  // [max(lo,o.lo), max(hi,o.hi)]
  Interval clamp_nonneg() const;                          // max with [0,0]
  Interval upto() const;                                  // [min(0,lo), hi]: "最高 x" means [0, x]
  Interval floor() const;                                 // [floor(lo), floor(hi)]: whole steps
  std::optional<Interval> round(RoundingMode m, RoundingUnit u) const;
};

}  // namespace zc
