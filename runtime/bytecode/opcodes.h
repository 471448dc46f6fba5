// What the toolchain knows about each instruction, generated from opcodes.def with X-macros:
// mnemonic, operand layout, encoded size, typed stack signature, scope and the one-line meaning.
// Decoding one instruction lives here too. The verifier (verify.cpp) applies the signatures.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/bytecode/module.h"

namespace zc {

inline constexpr size_t kOpcodeCount = static_cast<size_t>(Opcode::kCount);
inline constexpr int kVariableStack = -1;  // pop of RET (OUT 'v' in opcodes.def): the verifier decides

// Width in bytes of one operand kind: 'b' u8, 'h' u16, 'w' u32; 0 for anything else.
constexpr uint32_t operand_width(char kind) {
  return kind == 'b' ? 1 : (kind == 'h' ? 2 : (kind == 'w' ? 4 : 0));
}

constexpr uint32_t encoded_size(std::string_view operands) {
  uint32_t n = 1;
  for (char k : operands) n += operand_width(k);
  return n;
}

// How many values an OUT letter of opcodes.def pushes.
constexpr int pushed(char out) { return out == '-' || out == 'v' ? 0 : (out == '2' ? 2 : 1); }

struct OpInfo {
  std::string_view name;      // mnemonic, e.g. "LOAD_FACT"
  std::string_view operands;  // layout, e.g. "hb"
  std::string_view in;        // what it pops, bottom to top (IN of opcodes.def)
  char out;                   // what it pushes (OUT of opcodes.def)
  bool rule_only;             // SCOPE rule: allowed in a rule's code only
  std::string_view doc;       // one-line meaning
  uint32_t size;              // encoded bytes: the opcode byte plus its operands
  int pop;                    // stack slots consumed (in.size()), or kVariableStack for RET
  int push;                   // stack slots produced
};

inline constexpr std::array<OpInfo, kOpcodeCount> kOpInfo = {{
#define OP(name, operands, in, out, scope, doc)                                                          \
  OpInfo{#name, operands, in, out, std::string_view(#scope) == "rule", doc, encoded_size(operands),     \
         (out) == 'v' ? kVariableStack : static_cast<int>(std::string_view(in).size()), pushed(out)},
#include "runtime/bytecode/opcodes.def"
#undef OP
}};

inline const OpInfo& op_info(Opcode op) { return kOpInfo[static_cast<size_t>(op)]; }

// Jumps are exactly the instructions whose operand is a 'w' (a code offset).
constexpr bool is_jump(Opcode op) { return kOpInfo[static_cast<size_t>(op)].operands == "w"; }

namespace detail {
constexpr bool signatures_are_valid() {
  for (const OpInfo& o : kOpInfo) {
    for (char c : o.in) {
      if (c != 'B' && c != 'N' && c != 'E' && c != 'O' && c != '*') return false;
    }
    if (std::string_view("-BKNRFDk2v").find(o.out) == std::string_view::npos) return false;
    if (o.out == 'v' && !o.in.empty()) return false;                    // RET's pops are the verifier's
    if ((o.out == 'k' || o.out == '2') && o.in.size() != 1) return false;  // keeps or doubles its one input
  }
  return true;
}
constexpr bool layouts_are_valid() {
  for (const OpInfo& o : kOpInfo) {
    if (o.operands.size() > 2) return false;  // Instr holds at most two operands
    for (char k : o.operands) {
      if (operand_width(k) == 0) return false;
    }
    if (o.operands.find('w') != std::string_view::npos && o.operands != "w") return false;
  }
  return true;
}
}  // namespace detail
static_assert(detail::layouts_are_valid(), "opcodes.def: operands are 'b', 'h', 'w'; at most two; 'w' alone");
static_assert(detail::signatures_are_valid(), "opcodes.def: IN is B N E O *; OUT is one of - B K N R F D k 2 v");
static_assert(kOpcodeCount <= 256, "opcodes must fit in one byte");

std::optional<Opcode> opcode_by_name(std::string_view name);

// One decoded instruction.
struct Instr {
  Opcode op = Opcode::NOP;
  uint32_t offset = 0;  // of the opcode byte in Module::code
  uint32_t size = 1;    // encoded bytes
  uint32_t a = 0;       // first operand (0 when absent)
  uint32_t b = 0;       // second operand (0 when absent)
};

// Decodes the instruction at `pc`. nullopt when code[pc] is not an opcode or the operands would
// reach `end` or beyond (end <= code.size() is the caller's promise).
std::optional<Instr> decode(const std::vector<uint8_t>& code, uint32_t pc, uint32_t end);

// The instruction table as Markdown (one row per opcode, in opcode order), for docs/bytecode.md.
std::string opcode_table_markdown();

}  // namespace zc
