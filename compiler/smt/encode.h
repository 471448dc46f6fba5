// The SMT encoding of a checked program (sema::Program): every expression, every rule's result for
// one applicant, the 不重复 and 上限 groups and the totals per payer, as Z3 terms over the facts of
// a Space. The encoding follows the VM (runtime/vm) instruction by instruction: interval
// arithmetic with the same ends, clause caps then the declared rounding (modelled exactly with a
// floor), first-match alternatives and tiers, groups in the VM's order and with its arithmetic.
//
// What it does not model, and so never claims: arithmetic overflow (the VM stops with E0804 where
// exact rationals of 64 bits run out; the encoding uses unbounded rationals), missing facts (the
// applicant gives every fact a value), the order of explanation lines. Anything it cannot encode
// throws Unsupported, and its callers report "unknown" for what depends on it.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/smt/space.h"
#include "runtime/vm/vm.h"

namespace zc::smt {

// A number as the VM holds it: the interval [lo, hi] (both ends the same term when exact).
struct Num {
  z3::expr lo, hi;
  bool exact;  // lo and hi are the same term
};

// A value of an expression: a condition, a number or an option (of variable `var`).
struct Val {
  enum class Kind : uint8_t { Bool, Num, Opt } kind;
  z3::expr b;   // Bool; Opt: the option's index in the variable's option list
  Num n;
  int var = -1; // Opt
};

// One payer's part of an award: whether the rule's result has an entry for the payer, and its amount.
struct Part {
  z3::expr present;
  Num amount;
};

// What one rule gives an applicant, symbolically: the fields of the VM's RuleOutcome that say what
// the applicant gets (not the branch taken, not the explanation). Payers and benefits are keyed by
// name and text, so the results of two programs can be compared.
struct Result {
  z3::expr awarded;    // RuleStatus::Awarded
  z3::expr excluded;   // RuleStatus::Excluded (after groups; false before)
  z3::expr selective, case_by_case, unspecified;
  z3::expr has_max;    // unspecified with a known maximum
  Num max;
  z3::expr has_deduction;
  Num deduction;
  std::map<std::string, Part> amounts, external;
  std::map<std::string, z3::expr> benefits;  // text -> granted
  std::map<std::string, z3::expr> payer_is;  // case-by-case or unspecified award: paid by this payer
  z3::expr branch;     // Int: the alternative taken, -1 when none (not part of the result)
};

class Encoding {
 public:
  Encoding(Space& s, const sema::Program& prog, RoundingMode mode, RoundingUnit unit);

  Space& space() { return s_; }
  const sema::Program& program() const { return prog_; }
  // The space variable of each program fact (-1 for indicators).
  const std::vector<int>& vars() const { return vars_; }

  Val value(const sema::Expr& e);      // throws Unsupported
  z3::expr cond(const sema::Expr& e);  // a Bool expression; throws Unsupported
  // The result of rule r on its own (before groups). Throws Unsupported.
  const Result& rule(int r);
  // The condition under which alternative b of rule r is the one taken (first match).
  z3::expr taken(int r, int b);

  // After the 不重复 and 上限 groups, in the VM's order: every rule's result and every payer's total
  // (by payer name). Throws Unsupported when some rule or group cannot be encoded.
  struct Final {
    std::vector<Result> rules;
    std::map<std::string, Num> totals;
    // Each rule's part of each payer's total (absent when the rule never pays that payer); two
    // programs' identical parts are the same Z3 term, so a caller comparing totals can drop them.
    std::map<std::string, std::vector<std::optional<Num>>> parts;
  };
  const Final& final();
  // The rules' results after the 不重复 groups only (what the 上限 groups then cap).
  const std::vector<Result>& after_nodup();

  // The variables an expression, a rule or a group reads (its cone of influence).
  std::set<int> reads(const sema::Expr& e);
  std::set<int> rule_reads(int r);

  z3::expr zero();
  Num exact(const z3::expr& v) { return Num{v, v, true}; }

 private:
  Num num(const Val& v, const sema::Expr& at);
  Num add(const Num& a, const Num& b);
  Num sub(const Num& a, const Num& b);
  Num mul(const Num& a, const Num& b);
  Num min(const Num& a, const Num& b);
  Num max(const Num& a, const Num& b);
  Num round(const Num& a);
  z3::expr round_end(const z3::expr& x);
  Num ite(const z3::expr& c, const Num& a, const Num& b);
  Val derived(int d);
  Result encode_rule(int r);
  void award(const sema::Award& a, const z3::expr& on, Result& out);
  void emit(std::map<std::string, Part>& parts, const std::string& payer, const z3::expr& on, const Num& v);
  const std::string& payer_name(int p) const;
  bool local(const std::string& payer) const;
  void apply_nodup(const sema::Group& g, std::vector<Result>& rs);
  void apply_cap(const sema::Group& g, std::vector<Result>& rs);
  void reads(const sema::Expr& e, std::set<int>& out);

  Space& s_;
  const sema::Program& prog_;
  RoundingMode mode_;
  RoundingUnit unit_;
  std::vector<int> vars_;
  std::map<int, Val> derived_;
  std::map<int, std::set<int>> derived_reads_;
  std::vector<std::optional<Result>> rules_;
  std::vector<std::string> rule_error_;
  std::optional<std::vector<Result>> nodup_;
  std::optional<Final> final_;
  std::string final_error_;
};

// Whether two results are the same for the applicant: the same status and, when the rule pays,
// the same amounts per payer (exact intervals), flags, maximum, deduction and benefits.
z3::expr same(z3::context& c, const Result& a, const Result& b);
// Several rules' results as one (a rule split in two is compared with the pair): pays when any
// pays; amounts per payer added up, a selective part counted as [0, amount]; flags and benefits joined.
Result combine(z3::context& c, const std::vector<const Result*>& parts);

// A result as observed, for comparing the encoding with the VM on one applicant.
struct Observed {
  RuleStatus status = RuleStatus::NotApplicable;
  bool selective = false, case_by_case = false, unspecified = false;
  std::optional<Interval> max, deduction;
  std::map<std::string, Interval> amounts, external;
  std::set<std::string> benefits;
  std::string payer;  // of a case-by-case or unspecified award
  bool operator==(const Observed&) const = default;
};
// From the VM's outcome of rule r (payers and benefits by name).
Observed observe(const Module& m, const RuleOutcome& o);
// From the encoding, in a model; nullopt when a value does not fit the runtime's numbers.
std::optional<Observed> observe(const z3::model& m, const Result& r);
// A result that is exactly `o` (constants only): same(r, constant(…, o)) says r gives o.
Result constant(Space& s, const Observed& o);
// From several VM outcomes combined as combine() does.
Observed observe_combined(const Module& m, const std::vector<const RuleOutcome*>& parts);
// In words, for bug reports and tests: 不予支持 / 10万元（区财政） / 择优… .
std::string observed_text(const Observed& o, bool payers = false);  // payers: name every payer

}  // namespace zc::smt
