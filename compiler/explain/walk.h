// The explainer's walk over the checked program: the value of any expression of a sema::Program for
// one applicant, with the explanation lines its trace templates produce. The VM stays the authority
// on every result; the walk exists so that an explanation can say which condition and which step a
// value belongs to (the VM's trace is one flat list). explain.cpp checks that both agree.
// Nothing here formats a whole explanation or reads the AST.
#pragma once
#include <string>
#include <vector>

#include "compiler/check/sema.h"
#include "base/interval.h"

namespace zc::explain {

struct Val {
  enum class Kind : uint8_t {
    Missing,   // a fact the applicant did not give and that has no default
    Overflow,  // the arithmetic left the exact range
    Bool,
    Num,
    Opt,
  } kind = Kind::Missing;
  bool b = false;
  Interval v;
  uint16_t opt = 0;
  int fact = -1;  // Missing: the fact; Opt: the fact whose option it is
  bool defaulted = false;  // a fact the applicant did not give, read from its declared default
  bool known() const { return kind == Kind::Bool || kind == Kind::Num || kind == Kind::Opt; }
};

class Walker {
 public:
  // facts: one entry per program fact (Missing falls back to the fact's default).
  Walker(const sema::Program& prog, const std::vector<FactValue>& facts, RoundingMode mode, RoundingUnit unit);

  // Evaluates `e` as the VM would (short-circuit 且/或 included). When `trace` is given, every node
  // with a trace template appends its line, in evaluation order.
  Val eval(const sema::Expr& e, std::vector<std::string>* trace = nullptr);
  Val fact(int f) const;
  Val derived(int d);
  Val round(const Val& x) const;

  // A value as the explanations print it: 10万元, 20%, 2家, 是, 国家级, 2024年2月21日.
  std::string show(const Val& x, ValueType t, const std::string& unit = "") const;
  // A trace template filled with one value ({0}, {0:money}, {0:count:家}).
  std::string fill(const std::string& tmpl, const Val& x) const;

  const sema::Program& program() const { return prog_; }

 private:
  const sema::Program& prog_;
  const std::vector<FactValue>& facts_;
  RoundingMode mode_;
  RoundingUnit unit_;
  std::vector<uint8_t> state_;  // per derived value: 0 not yet, 1 computing, 2 done
  std::vector<Val> memo_;
  // Item lists (清单): the current item's row while an item is computed, and each item fact's place in it.
  Val items(const sema::Expr& e, std::vector<std::string>* trace);
  const FactValue* item_ = nullptr;
  std::vector<size_t> item_slot_;
};

}  // namespace zc::explain
