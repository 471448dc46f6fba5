// Internal to diff/: deciding one comparison with Z3 — two drafts' results for a rule, a split rule,
// a group or a payer's total. Unsat: the results never differ (proven). Sat: regions where they do,
// each a conjunction of atoms (describe.h) shrunk to the ones that matter, with a witness applicant
// whose facts are set to their defaults wherever the difference allows; every witness is run on
// the VM on both drafts and reported only when the VM gives exactly the results the encoding
// predicts and they differ. Anything else is an internal error (an encoding bug), never output.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "diff/describe.h"
#include "diff/diff.h"

namespace zc::diff::detail {

struct Item {
  std::string label;           // for internal-error reports: 规则「甲」
  z3::expr differ;             // some applicant's results differ
  std::vector<Atom> atoms;     // what regions are described with
  bool describe = true;        // false: witnesses only (a payer's total), told apart by `keys`
  std::vector<int> cone;       // the variables the results read
  std::vector<z3::expr> keys;  // what tells a partial region apart: the alternatives taken, rules that pay
  using Pair = std::pair<smt::Observed, smt::Observed>;
  std::function<std::optional<Pair>(const z3::model&)> predict;  // the encoding's results in a model
  std::function<Pair(const std::vector<FactValue>&, const std::vector<FactValue>&)> run;  // the VM's
  std::function<z3::expr(const Pair&)> gives;  // the drafts' results are exactly this pair
  std::optional<z3::expr> telling;             // a witness to prefer: one where some result is not 0元
};

class Decider {
 public:
  Decider(smt::Space& s, const Version& older, const Version& newer, const std::vector<int>& old_vars,
          const std::vector<int>& new_vars, const Options& opts, std::vector<std::string>& internal_errors);
  Semantic decide(const Item& item, size_t max_regions);

 private:
  std::vector<size_t> shrink(smt::Session& s, const std::vector<z3::expr>& lits, std::vector<size_t> keep);
  std::optional<Witness> witness(const Item& item, const z3::expr& region, std::string& failure, Item::Pair& seen,
                                 std::optional<z3::model>& model);
  std::vector<FactValue> facts_of(const z3::model& m, const Version& v, const std::vector<int>& vars, const std::vector<int>& cone);
  std::optional<z3::expr> default_term(int var);
  // For an amount without a default (another payer's award, a base), a round figure a witness would
  // rather show than 0元, so that the results it shows are not all 0元.
  std::optional<z3::expr> preferred_term(int var);

  smt::Space& s_;
  const Version& old_;
  const Version& new_;
  const std::vector<int>& old_vars_;
  const std::vector<int>& new_vars_;
  const Options& opts_;
  std::vector<std::string>& internal_;
};

std::string limit_reason(const smt::Limits& l);

}  // namespace zc::diff::detail
