// The applicant space of the SMT encoding: one Z3 variable per fact name, shared by every program
// encoded in it — two drafts of a policy are compared on the same applicant — with each fact's
// domain, the solver calls and their limits, and reading an applicant back out of a model.
// It encodes no rule (encode.h does) and decides nothing about policies by itself.
//
// The domain is the applicants a facts file can describe once facts are checked against their
// types: amounts, rates and points are rationals >= 0, counts in 家 个 名 项 人 件 次 are whole
// numbers >= 0 (other counts, such as 年, rationals >= 0), dates whole day numbers, options one of
// the options *every* program of the space declares. docs/diff.md states it for users.
#pragma once
#include <z3++.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/check/sema.h"
#include "base/rational.h"

namespace zc::smt {

// Whether libz3 (bound on first use, base/lazy.h) can be loaded: call before the first Z3 object is
// made. False with the loader's message when it cannot.
bool solver_available(std::string& why);

enum class Verdict : uint8_t { Sat, Unsat, Unknown };

struct Limits {
  unsigned rlimit = 6000000;    // per query, Z3's deterministic resource limit, over all its attempts
  unsigned timeout_ms = 10000;  // per query, wall clock: a backstop only (it makes answers depend on load)
};

// Why something was not encoded. Callers turn it into "unknown", never into a proof.
struct Unsupported {
  std::string what;
};

// A fact as the space holds it.
struct Var {
  std::string name;
  ValueType type = ValueType::Bool;
  std::string unit;
  bool integral = false;             // whole numbers: counts of enterprises, people, items; dates
  std::vector<std::string> options;  // Option: every option name any program declares, in first-seen order
  std::vector<bool> common;          // Option: declared by every program that declares the fact
  std::string conflict;              // non-empty when two programs declare the fact differently: why
  int programs = 0;                  // how many programs declare it
  z3::expr e;
};

// Whether a count in `unit` only takes whole values (家 个 名 项 人 件 次).
bool whole_unit(const std::string& unit);

class Space;

// A query family: base formulas, then many checks each under its own extra formulas (how a region is
// shrunk to the conditions that matter, one condition dropped per check). Every check runs on a
// fresh solver: Z3's incremental mode skips the preprocessing that makes the floors of declared
// rounding cheap, and one such check can take seconds where a fresh one takes milliseconds.
class Session {
 public:
  Session(Space& s, const std::vector<z3::expr>& base);
  void add(const z3::expr& e) { base_.push_back(e); }
  Verdict check(const std::vector<z3::expr>& extra = {});
  const z3::model& model() const { return *model_; }

 private:
  Space& s_;
  std::vector<z3::expr> base_;
  std::optional<z3::model> model_;
};

class Space {
 public:
  explicit Space(Limits limits = {});
  // On a context the caller keeps (one per thread, say): creating a context costs milliseconds,
  // which a check run on every file should not pay each time. One Space at a time per context.
  Space(z3::context& shared, Limits limits);
  Space(const Space&) = delete;
  Space& operator=(const Space&) = delete;

  z3::context& ctx() { return *ctx_; }
  const Limits& limits() const { return limits_; }

  // Registers a program's facts; returns the variable of each fact of the program (-1 for
  // indicators, which are reported figures and not applicant facts).
  std::vector<int> add_program(const sema::Program& p);

  size_t size() const { return vars_.size(); }
  const Var& var(int v) const { return vars_.at(static_cast<size_t>(v)); }
  int find(const std::string& name) const;

  // The domain of the given variables (every variable when `vars` is null).
  z3::expr domain(const std::vector<int>* vars = nullptr) const;
  // Extra constraints that make a witness easy to read and to write as a facts file: amounts in
  // whole 分, rates in steps of 0.0001%, points in steps of 0.01, every count whole. Only ever added
  // on a first attempt at a witness; a proof never uses them.
  z3::expr tidy(const std::vector<int>& vars) const;

  // One query: are `formulas` satisfiable? On Sat, `model` is set.
  Verdict check(const std::vector<z3::expr>& formulas, std::optional<z3::model>* model = nullptr);
  size_t queries() const { return queries_; }
  void count_query() { ++queries_; }

  // A variable's value in a model, as a program with fact table `f` reads it; nullopt when the
  // value does not fit the runtime's numbers (64-bit rationals) or is not an option `f` declares.
  std::optional<FactValue> value(const z3::model& m, int v, const sema::Fact& f);
  // A rational value of a numeric term in a model; nullopt when it does not fit.
  static std::optional<Rational> rational(const z3::expr& numeral);

  z3::expr constant(const Rational& r);
  // The value of a fact as a term of its variable's sort (an option by its name's index).
  std::optional<z3::expr> term(int v, const sema::Fact& f, const FactValue& x);
  // A model in which each fact of `p` (variables `vars`, as add_program returned them) has its value
  // in `facts`, or its default when Missing; facts with neither are left to model completion.
  z3::model pin(const sema::Program& p, const std::vector<int>& vars, const std::vector<FactValue>& facts);
  // The same into an existing model, leaving variables it already interprets alone.
  void pin(z3::model& m, const sema::Program& p, const std::vector<int>& vars, const std::vector<FactValue>& facts);

 private:
  std::unique_ptr<z3::context> own_;
  z3::context* ctx_;  // own_ or the caller's; Z3 terms are built in const functions too
  Limits limits_;
  std::vector<Var> vars_;
  std::map<std::string, int> by_name_;
  size_t queries_ = 0;
};

}  // namespace zc::smt
