// Interval arithmetic over exact Rationals, checked for overflow. An operation that cannot be
// represented returns nullopt; the VM turns that into E0804. No widening or approximation happens.
#include "base/interval.h"

namespace zc {
namespace {

const Rational& min_of(const Rational& a, const Rational& b) { return b < a ? b : a; }
const Rational& max_of(const Rational& a, const Rational& b) { return a < b ? b : a; }

}  // namespace

std::optional<Interval> Interval::add(const Interval& o) const {
  if (is_exact() && o.is_exact()) {
    std::optional<Rational> v = lo.add(o.lo);
    if (!v) return std::nullopt;
    return Interval{*v, *v};
  }
  std::optional<Rational> l = lo.add(o.lo);
  std::optional<Rational> h = hi.add(o.hi);
  if (!l || !h) return std::nullopt;
  return Interval{*l, *h};
}

std::optional<Interval> Interval::sub(const Interval& o) const {
  std::optional<Rational> l = lo.sub(o.hi);
  std::optional<Rational> h = hi.sub(o.lo);
  if (!l || !h) return std::nullopt;
  return Interval{*l, *h};
}

std::optional<Interval> Interval::mul(const Interval& o) const {
  if (is_exact() && o.is_exact()) {
    std::optional<Rational> p = lo.mul(o.lo);
    if (!p) return std::nullopt;
    return Interval{*p, *p};
  }
  std::optional<Rational> p[4] = {lo.mul(o.lo), lo.mul(o.hi), hi.mul(o.lo), hi.mul(o.hi)};
  for (const auto& x : p) {
    if (!x) return std::nullopt;
  }
  Rational l = *p[0];
  Rational h = *p[0];
  for (const auto& x : p) {
    l = min_of(l, *x);
    h = max_of(h, *x);
  }
  return Interval{l, h};
}

Interval Interval::min(const Interval& o) const { return Interval{min_of(lo, o.lo), min_of(hi, o.hi)}; }
Interval Interval::max(const Interval& o) const { return Interval{max_of(lo, o.lo), max_of(hi, o.hi)}; }
Interval Interval::clamp_nonneg() const { return max(Interval::exact(Rational(0))); }
Interval Interval::upto() const { return Interval{min_of(Rational(0), lo), hi}; }

Interval Interval::floor() const { return Interval{lo.floor(), hi.floor()}; }  // monotone: lo <= hi stays

std::optional<Interval> Interval::round(RoundingMode m, RoundingUnit u) const {
  // Every mode is monotone, so rounding the ends keeps lo <= hi.
  std::optional<Rational> l = lo.round(m, u);
  if (!l) return std::nullopt;
  if (is_exact()) return Interval{*l, *l};
  std::optional<Rational> h = hi.round(m, u);
  if (!h) return std::nullopt;
  return Interval{*l, *h};
}

}  // namespace zc
