// Decoding and documentation helpers over the generated opcode table (opcodes.h). The table itself
// is opcodes.def; this file adds nothing to it and keeps no second list.
#include "runtime/bytecode/opcodes.h"

#include <fmt/format.h>

namespace zc {

std::optional<Opcode> opcode_by_name(std::string_view name) {
  for (size_t i = 0; i < kOpcodeCount; ++i) {
    if (kOpInfo[i].name == name) return static_cast<Opcode>(i);
  }
  return std::nullopt;
}

std::optional<Instr> decode(const std::vector<uint8_t>& code, uint32_t pc, uint32_t end) {
  if (pc >= end || code[pc] >= kOpcodeCount) return std::nullopt;
  Instr in;
  in.op = static_cast<Opcode>(code[pc]);
  in.offset = pc;
  const OpInfo& info = op_info(in.op);
  in.size = info.size;
  if (end - pc < info.size) return std::nullopt;
  uint32_t at = pc + 1;
  for (size_t k = 0; k < info.operands.size(); ++k) {
    uint32_t width = operand_width(info.operands[k]);
    uint32_t v = 0;
    for (uint32_t j = 0; j < width; ++j) v |= static_cast<uint32_t>(code[at + j]) << (8 * j);
    at += width;
    (k == 0 ? in.a : in.b) = v;
  }
  return in;
}

std::string opcode_table_markdown() {
  std::string out = "| hex | opcode | operands | pops | pushes | rules only | meaning |\n|---|---|---|---|---|---|---|\n";
  auto pops = [](const OpInfo& o) {
    if (o.pop == kVariableStack) return std::string("var");
    std::string s;
    for (char c : o.in) s += s.empty() ? std::string(1, c) : std::string(" ") + c;
    return s.empty() ? std::string("—") : "`" + s + "`";
  };
  auto pushes = [](char c) { return c == '-' || c == 'v' ? std::string("—") : "`" + std::string(1, c) + "`"; };
  for (size_t i = 0; i < kOpcodeCount; ++i) {
    const OpInfo& o = kOpInfo[i];
    std::string operands;
    for (char k : o.operands) {
      if (!operands.empty()) operands += ", ";
      operands += k == 'b' ? "u8" : (k == 'h' ? "u16" : "u32");
    }
    if (operands.empty()) operands = "—";
    std::string doc;
    for (char c : o.doc) {
      if (c == '|') doc += "\\|";
      else doc.push_back(c);
    }
    out += fmt::format("| 0x{:02X} | `{}` | {} | {} | {} | {} | {} |\n", i, o.name, operands, pops(o), pushes(o.out),
                       o.rule_only ? "yes" : "", doc);
  }
  return out;
}

}  // namespace zc
