// Shared helpers for runtime_tests: a Builder that hand-assembles Modules through CodeEmitter,
// fact-value shorthands, the realistic sample module used by the format, disassembler and VM
// tests, and the --update switch for golden files. Nothing here is used outside the tests.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/bytecode/emitter.h"
#include "runtime/bytecode/module.h"
#include "base/rational.h"
#include "runtime/vm/vm.h"

namespace zc::test {

void set_update_mode(bool on);
bool update_mode();
std::string source_path(std::string_view relative);  // under the repository root
std::string read_text(const std::string& path);       // "" when absent
void write_text(const std::string& path, const std::string& text);

Rational R(std::string_view decimal);  // exact decimal, e.g. R("1234567.89"); aborts when malformed
Rational frac(int64_t num, int64_t den);
FactValue num(const Rational& v);
FactValue yes(bool b);
FactValue opt(uint16_t index);
FactValue missing();

// Builds a Module by hand. Not copyable: the emitter refers to the module.
class Builder {
 public:
  Builder();
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  Module m;
  CodeEmitter e;

  uint16_t fact(std::string_view name, ValueType t, FactValue def = {}, std::vector<std::string> options = {},
                std::string_view unit = {});
  uint16_t payer(std::string_view name, PayerRole role = PayerRole::Local);
  uint16_t k(const Rational& v) { return e.constant(v); }
  uint32_t s(std::string_view text) { return e.string(text); }

  // Begin a function; end() closes whichever is open and records its code range.
  uint16_t rule(std::string_view name, uint16_t branches = 0, uint16_t payer = kNoIndex);
  uint16_t derived(std::string_view name, ValueType t);
  void end();

  void emit(Opcode op) { e.emit(op); }
  void emit(Opcode op, uint32_t a) { e.emit(op, a); }
  void emit(Opcode op, uint32_t a, uint32_t b) { e.emit(op, a, b); }
  void emit(Opcode op, CodeLabel l) { e.emit(op, l); }
  CodeLabel label() { return e.new_label(); }
  void bind(CodeLabel l) { e.bind(l); }

  // Shorthands for common shapes.
  void push(const Rational& v) { emit(Opcode::PUSH_CONST, k(v)); }
  void load(uint16_t fact) { emit(Opcode::LOAD_FACT, fact); }

  uint16_t nodup(std::string_view name, std::vector<uint16_t> members, NoDupMode mode = NoDupMode::Highest);
  uint16_t cap(std::string_view name, std::vector<uint16_t> members, const Rational& cap);

 private:
  bool in_rule_ = false;
  uint16_t current_ = 0;
};

// Facts by name, everything else Missing.
std::vector<FactValue> facts(const Module& m, std::initializer_list<std::pair<std::string_view, FactValue>> given);

// A realistic module after seeds 000 and 004: option tiers, a percentage with a cap, a derived
// threshold, per-unit awards, a 不重复 group and a 上限 group, a constraint and a target.
Module sample_module();

// Every field of an outcome that differs from its default, as one line with exact numbers:
// "Awarded branch=1 pay{P0=50000}", "Awarded selective pay{P0=[0,100000]}", "Error error=MissingFact(F1)".
std::string dump(const Module& m, const RuleOutcome& o);
// The totals as "P0=100000 P1=[0,5]".
std::string dump_totals(const Evaluation& ev);
// Verifies `m` (failing the test on any error) and evaluates it.
Evaluation run(const Module& m, const std::vector<FactValue>& facts, bool trace = false);

}  // namespace zc::test
