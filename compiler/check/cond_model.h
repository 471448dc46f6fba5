// A small model of conditions and amounts for the drafting checks (lint*.cpp). A condition becomes
// a disjunction of terms; a term is a conjunction of constraints on single facts: a yes/no value,
// a set of options, an interval of numbers (exact rationals), plus opaque atoms it cannot see into
// (a comparison of two facts, a case-table definition), compared only by their shape. It is sound
// for what the checks claim ("can never hold", "both can hold") only within that model: it does
// not know relations between different facts, and it treats counts as real numbers except where a
// caller asks about integers. It evaluates nothing at run time.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/source.h"
#include "compiler/check/sema.h"
#include "compiler/syntax/ast.h"

namespace zc::sema::model {

struct Bound {
  Rational v;
  bool incl = true;
};

// An interval of numbers; a missing end is unbounded.
struct Range {
  std::optional<Bound> lo, hi;

  static Range all() { return Range{}; }
  static Range point(const Rational& v) { return Range{Bound{v, true}, Bound{v, true}}; }
  // x op v, for op in Ge Gt Le Lt Eq.
  static Range cmp(CmpOp op, const Rational& v);
  bool bounded_above() const { return hi.has_value(); }
  Range meet(const Range& o) const;
  bool empty() const;
  // Whether the interval holds no integer (used for counts of enterprises, people, items).
  bool empty_of_integers() const;
  bool contains(const Range& o) const;  // this ⊇ o
  bool full() const { return !lo && !hi; }
};

// Key of a constrained value: a fact index (>= 0) or -1 - a definition index.
using Key = int;

struct Term {
  std::map<Key, bool> bools;
  std::map<Key, std::vector<bool>> options;  // allowed options of an option fact
  std::map<Key, Range> nums;
  std::map<std::string, bool> opaque;        // shape of an atom the model cannot see into -> polarity
  std::map<Key, std::vector<std::string>> texts;      // the written conditions on each key, for messages
  std::map<std::string, std::vector<std::string>> opaque_texts;
  bool contradiction = false;
  std::optional<Key> conflict;               // the key whose constraints contradict
  std::string conflict_opaque;
};

using Dnf = std::vector<Term>;

class Model {
 public:
  Model(const ast::Policy& p, const Program& prog, const SourceFile& src) : p_(p), prog_(prog), src_(src) {}

  // The condition as a disjunction of terms; nullopt when it would exceed the size the checks
  // analyse (kMaxTerms terms).
  std::optional<Dnf> dnf(const Expr& e) const;
  Term meet(const Term& a, const Term& b) const;
  // Whether every applicant satisfying `a` satisfies `b` (within the model; false when unsure).
  bool implies(const Term& a, const Term& b) const;
  // The numbers and options on which `a` and `b` set different constraints: the branches are told
  // apart by thresholds or categories of the same fact, not by different facts.
  std::vector<Key> distinguishing_keys(const Term& a, const Term& b) const;
  bool satisfiable(const Term& t) const;

  // Why a term can never hold: 「研发投入」超过100万元与「研发投入」不满50万元不能同时成立.
  std::string conflict_text(const Term& t) const;
  // Where two satisfiable terms meet on `keys`, in words: 「销售收入」超过5000万元且不超过1亿元.
  std::string overlap_text(const Term& met, const std::vector<Key>& keys) const;

  // Bounds of a money expression for an applicant satisfying `t` (null: no constraint).
  Range value_range(const Expr& e, const Term* t) const;

  std::string key_name(Key k) const;
  ValueType key_type(Key k) const;
  bool key_integral(Key k) const;  // a count in 家 个 名 项 人 件 次
  std::string value_text(Key k, const Rational& v) const;
  std::string range_text(Key k, const Range& r) const;

  static constexpr size_t kMaxTerms = 256;

 private:
  std::optional<Dnf> dnf(const Expr& e, bool negate, int depth) const;
  Term atom(const Expr& e, bool negate) const;
  std::string shape(const Expr& e) const;
  Range value_range(const Expr& e, const Term* t, int depth) const;

  const ast::Policy& p_;
  const Program& prog_;
  const SourceFile& src_;
};

}  // namespace zc::sema::model
