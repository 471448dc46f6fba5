// CodeEmitter appends instructions to a Module's code with operands checked against opcodes.def,
// resolves forward labels, and interns strings and constants (deduplicated). It does not decide
// what code to generate (compiler/codegen does) and does not verify the result (verify.h does).
//
//   CodeEmitter e(module);
//   rule.code_begin = e.begin_function();
//   CodeLabel skip = e.new_label();
//   e.emit(Opcode::LOAD_FACT, fact);
//   e.emit(Opcode::JMP_FALSE, skip);
//   e.emit(Opcode::PUSH_CONST, e.constant(Rational(100000)));
//   e.emit(Opcode::EMIT_AMOUNT, payer);
//   e.bind(skip);
//   e.emit(Opcode::RET);
//   rule.code_end = e.end_function();
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/bytecode/module.h"

namespace zc {

// A jump target inside the function being emitted. Valid until end_function().
struct CodeLabel {
  uint32_t id = 0xFFFFFFFFu;
  uint32_t function = 0;  // which begin_function() it belongs to
};

class CodeEmitter {
 public:
  using Label = CodeLabel;

  // Existing strings and constants of `m` are indexed so that interning reuses them.
  explicit CodeEmitter(Module& m);

  // Brackets the code of one rule or derived value. begin returns the start offset (code_begin);
  // end patches every jump to a label of this function and returns the end offset (code_end).
  // Every label used by a jump must have been bound (checked: a misuse aborts with a bug report).
  uint32_t begin_function();
  uint32_t end_function();

  CodeLabel new_label();
  void bind(CodeLabel l);  // at the current offset; each label once
  uint32_t offset() const { return static_cast<uint32_t>(m_.code.size()); }

  // Operand counts must match opcodes.def (checked). An operand wider than its slot (e.g. a
  // string index above 65535 in an 'h' slot) sets limits_exceeded() and is written as all ones.
  void emit(Opcode op);
  void emit(Opcode op, uint32_t a);
  void emit(Opcode op, uint32_t a, uint32_t b);
  void emit(Opcode op, CodeLabel target);  // a jump (its operand is 'w')

  // Interning: the index of an equal entry if there is one, else a new entry.
  // constant() returns kNoIndex and sets limits_exceeded() past 65535 constants.
  uint16_t constant(const Rational& v);
  uint32_t string(std::string_view s);

  // True once some table or operand outgrew its encoding; codegen reports E0208 and discards the Module.
  bool limits_exceeded() const { return limits_exceeded_; }

 private:
  void emit_raw(Opcode op, const uint32_t* operands, size_t count);

  Module& m_;
  std::unordered_map<std::string, uint32_t> string_index_;
  std::map<std::pair<int64_t, int64_t>, uint16_t> const_index_;
  bool in_function_ = false;
  uint32_t function_ = 0;
  std::vector<uint32_t> label_pos_;                       // kUnbound until bind()
  std::vector<std::pair<uint32_t, uint32_t>> fixups_;     // (operand offset, label id)
  bool limits_exceeded_ = false;
};

}  // namespace zc
