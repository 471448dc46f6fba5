// Internal to diff/: how the solver's findings read in the policy language's own terms. An atom is
// one comparison, yes/no fact or option test of a condition (or a clause cap reached); a region is
// a conjunction of atoms and their negations, and reads as 「研发投入」在50万元（含）至100万元（不含）之间
// 且「规上企业」. Values read as the language writes them (50万元, 20%, 3家). Nothing is decided here.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "compiler/smt/encode.h"
#include "compiler/syntax/ast.h"

namespace zc::diff::detail {

struct Atom {
  enum class Kind : uint8_t {
    Bound,   // var op c, a comparison of one numeric fact with a number
    Flag,    // a yes/no fact
    Option,  // an option fact is option `option`
    Other,   // anything else, read as written: 「综合评价得分」不低于60分, 「甲」的50%超过100万元
  } kind = Kind::Other;
  z3::expr e;
  int var = -1;
  CmpOp op = CmpOp::Eq;
  Rational c;
  int option = -1;
  std::string text, negated;  // Other: the atom and its negation in words
};

// How names read in one draft's atoms: a definition whose body differs between the drafts is named
// with the draft it comes from (「综合评价得分」（新版）), since the same name means two things.
struct Naming {
  const ast::Policy* policy = nullptr;
  const std::set<std::string>* redefined = nullptr;
  std::string draft;  // 旧版 / 新版
};

// The atoms of a condition (And/Or/Not/Select are looked through), appended to `out` without
// duplicates (two drafts' identical comparisons are one atom).
void collect_atoms(smt::Encoding& enc, const Naming& n, const sema::Expr& cond, std::vector<Atom>& out);
// The atoms of a rule: every alternative's and tier's condition, and "the amount reaches the cap"
// for every clause cap.
void rule_atoms(smt::Encoding& enc, const Naming& n, int rule, std::vector<Atom>& out);

// A conjunction of literals (atom, holds) in words, facts in the order of their variables.
std::string region_text(const smt::Space& s, const std::vector<const Atom*>& atoms, const std::vector<bool>& holds);

// A value of type t as the policy language writes it: 50万元, 20%, 3家, 30分, 2024年2月21日.
std::string value_text(ValueType t, const std::string& unit, const Rational& v);
// A numeric or boolean expression in words: 「甲」的50%, 「甲」与「乙」之和, 100万元.
std::string expr_text(const sema::Program& prog, const Naming& n, const sema::Expr& e);
// A fact's value as a facts file writes it (as a JSON string): 是, 国家级, 50万元, 12.5%, 3家, 2024-02-21.
std::string fact_value_text(const sema::Fact& f, const FactValue& v);

}  // namespace zc::diff::detail
