// The disassembler. Mnemonics and operand layouts come from opcodes.def (via opcodes.h); this file
// only decides how each operand's referent is shown in the trailing comment. It never checks a
// Module: undecodable bytes are listed as ".byte" lines and out-of-range indices as "?".
#include "runtime/bytecode/disasm.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "runtime/bytecode/opcodes.h"

namespace zc {
namespace {

constexpr size_t kOperandColumn = 28;  // comments start after "  0012  MNEMONIC operands"

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

class Disasm {
 public:
  explicit Disasm(const Module& m) : m_(m) {}

  std::string run() {
    tables();
    code();
    return std::move(out_);
  }

 private:
  std::string str(uint32_t i) const { return i < m_.strings.size() ? m_.strings[i] : std::string("?"); }
  std::string name(uint32_t i) const { return "「" + str(i) + "」"; }
  std::string opt_str(uint32_t i) const { return i == kNoString ? std::string("-") : quoted(str(i)); }
  std::string konst(uint32_t i) const {
    return i < m_.consts.size() ? fmt::format("K{} ({})", i, m_.consts[i].to_decimal()) : fmt::format("K{} (?)", i);
  }
  static std::string idx(char prefix, uint32_t i) {
    return i == kNoIndex ? std::string("-") : fmt::format("{}{}", prefix, i);
  }

  static const char* type_name(ValueType t) {
    switch (t) {
      case ValueType::Bool: return "bool";
      case ValueType::Money: return "money";
      case ValueType::Rate: return "rate";
      case ValueType::Count: return "count";
      case ValueType::Option: return "option";
      case ValueType::Date: return "date";
      case ValueType::Points: return "points";
    }
    return "?";
  }
  static const char* cmp_name(CmpOp c) {
    switch (c) {
      case CmpOp::Lt: return "<";
      case CmpOp::Le: return "<=";
      case CmpOp::Gt: return ">";
      case CmpOp::Ge: return ">=";
      case CmpOp::Eq: return "==";
    }
    return "?";
  }

  std::string fact_value(const FactInfo& f) const {
    const FactValue& v = f.default_value;
    switch (v.kind) {
      case FactValue::Kind::Missing: return "-";
      case FactValue::Kind::Bool: return v.b ? "true" : "false";
      case FactValue::Kind::Num: return v.num.to_decimal();
      case FactValue::Kind::Opt:
        return v.opt < f.options.size() ? str(f.options[v.opt]) : fmt::format("#{}", v.opt);
    }
    return "?";
  }

  void tables() {
    static const char* kRounding[] = {"half-up", "down", "up", "half-even"};
    static const char* kUnit[] = {"fen", "jiao", "yuan"};
    auto r = static_cast<size_t>(m_.meta.rounding);
    auto u = static_cast<size_t>(m_.meta.rounding_unit);
    out_ += "module\n";
    out_ += fmt::format("  title     {}\n  issuer    {}\n  date      {}\n  source    {}\n", opt_str(m_.meta.title),
                        opt_str(m_.meta.issuer), opt_str(m_.meta.date), opt_str(m_.meta.source));
    out_ += fmt::format("  rounding  {} to {}\n", r < 4 ? kRounding[r] : "?", u < 3 ? kUnit[u] : "?");

    out_ += fmt::format("\nstrings ({})\n", m_.strings.size());
    for (size_t i = 0; i < m_.strings.size(); ++i) out_ += fmt::format("  S{:<5} {}\n", i, quoted(m_.strings[i]));

    out_ += fmt::format("\nconsts ({})\n", m_.consts.size());
    for (size_t i = 0; i < m_.consts.size(); ++i) out_ += fmt::format("  K{:<5} {}\n", i, m_.consts[i].to_decimal());

    out_ += fmt::format("\nfacts ({})\n", m_.facts.size());
    for (size_t i = 0; i < m_.facts.size(); ++i) {
      const FactInfo& f = m_.facts[i];
      std::string line = fmt::format("  F{:<5} {} {}", i, name(f.name), type_name(f.type));
      if (f.unit != kNoString) line += " unit=" + str(f.unit);
      if (!f.options.empty()) {
        line += " options=[";
        for (size_t k = 0; k < f.options.size(); ++k) line += (k ? ", " : "") + str(f.options[k]);
        line += "]";
      }
      line += " default=" + fact_value(f);
      if (f.from_payer != kNoIndex) line += " from=" + idx('P', f.from_payer);
      if (f.indicator) line += " indicator";
      out_ += line + "\n";
    }

    out_ += fmt::format("\npayers ({})\n", m_.payers.size());
    static const char* kRole[] = {"local", "upper", "other"};
    for (size_t i = 0; i < m_.payers.size(); ++i) {
      auto role = static_cast<size_t>(m_.payers[i].role);
      out_ += fmt::format("  P{:<5} {} {}\n", i, name(m_.payers[i].name), role < 3 ? kRole[role] : "?");
    }

    out_ += fmt::format("\nderived ({})\n", m_.derived.size());
    for (size_t i = 0; i < m_.derived.size(); ++i) {
      const DerivedInfo& d = m_.derived[i];
      out_ += fmt::format("  D{:<5} {} {} code {:04}..{:04}\n", i, name(d.name), type_name(d.type), d.code_begin,
                          d.code_end);
    }

    out_ += fmt::format("\nrules ({})\n", m_.rules.size());
    for (size_t i = 0; i < m_.rules.size(); ++i) {
      const RuleInfo& ru = m_.rules[i];
      std::string line = fmt::format("  R{:<5} {}", i, name(ru.name));
      if (ru.article != kNoString) line += " " + str(ru.article);
      line += fmt::format(" payer={} branches={} code {:04}..{:04}", idx('P', ru.payer), ru.branch_count, ru.code_begin,
                          ru.code_end);
      if (ru.note != kNoString) line += " note=" + quoted(str(ru.note));
      out_ += line + "\n";
    }

    out_ += fmt::format("\ngroups ({})\n", m_.groups.size());
    for (size_t i = 0; i < m_.groups.size(); ++i) {
      const GroupInfo& g = m_.groups[i];
      std::string line = fmt::format("  G{:<5} ", i);
      if (g.kind == GroupKind::Cap) {
        line += fmt::format("cap {}", name(g.name));
      } else {
        line += fmt::format("nodup {} {}", g.mode == NoDupMode::First ? "first" : "highest", name(g.name));
      }
      if (g.article != kNoString) line += " " + str(g.article);
      if (g.kind == GroupKind::Cap) line += " cap=" + konst(g.cap);
      line += " members=[";
      for (size_t k = 0; k < g.members.size(); ++k) line += (k ? ", " : "") + fmt::format("R{}", g.members[k]);
      out_ += line + "]\n";
    }

    out_ += fmt::format("\nconstraints ({})\n", m_.constraints.size());
    for (size_t i = 0; i < m_.constraints.size(); ++i) {
      const ConstraintInfo& c = m_.constraints[i];
      std::string line = fmt::format("  C{:<5} {}", i, name(c.name));
      if (c.article != kNoString) line += " " + str(c.article);
      line += fmt::format(" R{} {} {}", c.rule, cmp_name(c.op), konst(c.value));
      if (c.text != kNoString) line += " text=" + quoted(str(c.text));
      out_ += line + "\n";
    }

    out_ += fmt::format("\ntargets ({})\n", m_.targets.size());
    for (size_t i = 0; i < m_.targets.size(); ++i) {
      const TargetInfo& t = m_.targets[i];
      std::string line = fmt::format("  T{:<5} F{} {} {}", i, t.indicator, cmp_name(t.op), konst(t.value));
      if (t.baseline != kNoIndex) line += " baseline=" + konst(t.baseline);
      if (t.year != 0) line += fmt::format(" year={}", t.year);
      if (t.text != kNoString) line += " text=" + quoted(str(t.text));
      out_ += line + "\n";
    }
  }

  // What an operand refers to, for the comment column. `prev` is the previous instruction.
  std::string comment(const Instr& in, const std::optional<Instr>& prev) const {
    switch (in.op) {
      case Opcode::PUSH_CONST:
        return in.a < m_.consts.size() ? m_.consts[in.a].to_decimal() : "?";
      case Opcode::LOAD_FACT:
        return in.a < m_.facts.size() ? name(m_.facts[in.a].name) : "?";
      case Opcode::LOAD_DERIVED:
        return in.a < m_.derived.size() ? name(m_.derived[in.a].name) : "?";
      case Opcode::OPT_EQ:
        // The usual shape is LOAD_FACT f; OPT_EQ a: then the option's name is known.
        if (prev && prev->op == Opcode::LOAD_FACT && prev->a < m_.facts.size() &&
            in.a < m_.facts[prev->a].options.size()) {
          return name(m_.facts[prev->a].options[in.a]);
        }
        return "";
      case Opcode::TRACE:
      case Opcode::EMIT_BENEFIT:
        return quoted(str(in.a));
      case Opcode::EMIT_AMOUNT:
      case Opcode::EMIT_EXTERNAL:
      case Opcode::EMIT_CASE:
      case Opcode::EMIT_UNSPEC:
        return in.a < m_.payers.size() ? name(m_.payers[in.a].name) : "?";
      default:
        return "";
    }
  }

  void listing(uint32_t begin, uint32_t end) {
    end = std::min<uint32_t>(end, static_cast<uint32_t>(m_.code.size()));
    std::optional<Instr> prev;
    for (uint32_t pc = begin; pc < end;) {
      std::optional<Instr> in = decode(m_.code, pc, end);
      if (!in) {
        out_ += fmt::format("  {:04}  .byte 0x{:02X}\n", pc, m_.code[pc]);
        ++pc;
        prev.reset();
        continue;
      }
      const OpInfo& info = op_info(in->op);
      std::string text = fmt::format("  {:04}  {}", pc, info.name);
      for (size_t k = 0; k < info.operands.size(); ++k) {
        uint32_t v = k == 0 ? in->a : in->b;
        text += is_jump(in->op) ? fmt::format(" {:04}", v) : fmt::format(" {}", v);
      }
      std::string c = comment(*in, prev);
      if (!c.empty()) {
        if (text.size() < kOperandColumn) text.append(kOperandColumn - text.size(), ' ');
        text += " ; " + c;
      }
      out_ += text + "\n";
      prev = in;
      pc += in->size;
    }
  }

  void code() {
    out_ += fmt::format("\ncode ({} bytes)\n", m_.code.size());
    for (size_t i = 0; i < m_.derived.size(); ++i) {
      const DerivedInfo& d = m_.derived[i];
      out_ += fmt::format("\nD{} {} -> {}\n", i, name(d.name), type_name(d.type));
      listing(d.code_begin, d.code_end);
    }
    for (size_t i = 0; i < m_.rules.size(); ++i) {
      const RuleInfo& r = m_.rules[i];
      out_ += fmt::format("\nR{} {}\n", i, name(r.name));
      listing(r.code_begin, r.code_end);
    }
  }

  const Module& m_;
  std::string out_;
};

}  // namespace

std::string disassemble(const Module& m) { return Disasm(m).run(); }

}  // namespace zc
