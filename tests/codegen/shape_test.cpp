// Bytecode shape (as Lua's code.lua does): a policy snippet and the exact instructions its rule
// compiles to, operands resolved to what they name. A change in codegen shows up here as a diff.
#include <gtest/gtest.h>

#include "compiler/driver.h"
#include "runtime/bytecode/opcodes.h"

namespace zc {
namespace {

const char* kHeader =
    "政策“测试”。\n出资方「区财政」：本级，默认。\n出资方「市财政」：上级。\n"
    "事实「甲」、「乙」：是否，默认否。\n事实「基数」：金额，来自「市财政」。\n"
    "事实「数量」、「目标」：数量（家），默认0家。\n事实「级别」：选项（「省级」、「国家级」、「无」），默认「无」。\n";

// Instructions of rule `rule` (or of the first definition when rule < 0), one per line:
// "MNEMONIC operand…", with constants as their value, facts and payers by name and traces dropped.
std::string shape(const std::string& body, int rule = 0) {
  SourceManager sm;
  FileId id = sm.add("t.zc", std::string(kHeader) + body);
  DiagSink sink;
  CompileResult r = compile(sm, id, sink);
  if (!r.module) {
    std::string s = "does not compile:";
    for (const Diagnostic& d : sink.all()) s += " " + std::string(diag_info(d.code).id) + " " + diag_message(d, Lang::Zh);
    return s;
  }
  const Module& m = *r.module;
  uint32_t pc = rule >= 0 ? m.rules[static_cast<size_t>(rule)].code_begin : m.derived[0].code_begin;
  uint32_t end = rule >= 0 ? m.rules[static_cast<size_t>(rule)].code_end : m.derived[0].code_end;
  // Jump targets are shown as the index (#k) of the instruction they land on, traces not counted.
  std::vector<Instr> list;
  while (pc < end) {
    auto in = decode(m.code, pc, end);
    if (!in) return "undecodable";
    pc += in->size;
    if (in->op != Opcode::TRACE) list.push_back(*in);
  }
  auto index_of = [&](uint32_t target) {
    for (size_t k = 0; k < list.size(); ++k)
      if (list[k].offset >= target) return k;
    return list.size();
  };
  std::string out;
  for (const Instr& in : list) {
    out += std::string(op_info(in.op).name);
    switch (in.op) {
      case Opcode::PUSH_CONST: out += " " + m.consts[in.a].to_decimal(); break;
      case Opcode::LOAD_FACT: out += " " + m.str(m.facts[in.a].name); break;
      case Opcode::EMIT_AMOUNT: case Opcode::EMIT_CASE: case Opcode::EMIT_UNSPEC: case Opcode::EMIT_EXTERNAL:
        out += " " + m.str(m.payers[in.a].name);
        break;
      case Opcode::EMIT_BENEFIT: out += " " + m.str(in.a); break;
      case Opcode::JMP: case Opcode::JMP_FALSE: case Opcode::JMP_TRUE: case Opcode::AND_JMP: case Opcode::OR_JMP:
        out += " #" + std::to_string(index_of(in.a));
        break;
      case Opcode::OPT_EQ: case Opcode::SET_BRANCH: case Opcode::LOAD_DERIVED: out += " " + std::to_string(in.a); break;
      default: break;
    }
    out += "\n";
  }
  return out;
}

TEST(Shape, FixedAmountUnderACondition) {
  EXPECT_EQ(shape("规则「R」：对「甲」的企业，给予10万元补助。\n"),
            "LOAD_FACT 甲\nJMP_FALSE #7\nSET_BRANCH 0\nPUSH_CONST 100000\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
}

TEST(Shape, AlternativesAreTriedInOrder) {
  EXPECT_EQ(shape("规则「R」：对「甲」，给予10万元；对「乙」，给予5万元。\n"),
            "LOAD_FACT 甲\nJMP_FALSE #7\nSET_BRANCH 0\nPUSH_CONST 100000\nROUND\nEMIT_AMOUNT 区财政\nRET\n"
            "LOAD_FACT 乙\nJMP_FALSE #14\nSET_BRANCH 1\nPUSH_CONST 50000\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
}

TEST(Shape, PercentageWithCapRoundsAfterTheCap) {
  EXPECT_EQ(shape("规则「R」：区财政按「基数」的20%给予补助，单个项目不超过100万元。\n"),
            "SET_BRANCH 0\nLOAD_FACT 基数\nPUSH_CONST 0.2\nMUL\nPUSH_CONST 1000000\nMIN\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
}

TEST(Shape, TierSelectsByOption) {
  EXPECT_EQ(shape("规则「R」：对「级别」为省级、国家级的，分别给予50万元、100万元。\n"),
            "LOAD_FACT 级别\nOPT_EQ 0\nOR_JMP #5\nLOAD_FACT 级别\nOPT_EQ 1\nJMP_FALSE #21\nSET_BRANCH 0\n"
            "LOAD_FACT 级别\nOPT_EQ 0\nJMP_FALSE #14\nPUSH_CONST 500000\nROUND\nEMIT_AMOUNT 区财政\nJMP #20\n"
            "LOAD_FACT 级别\nOPT_EQ 1\nJMP_FALSE #20\nPUSH_CONST 1000000\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
}

TEST(Shape, PerUnitAboveABaselineClampsAtZero) {
  EXPECT_EQ(shape("规则「R」：对「甲」，每「数量」较「目标」增加1家，给予5万元，最高支持50万元。\n"),
            "LOAD_FACT 甲\nJMP_FALSE #14\nSET_BRANCH 0\nLOAD_FACT 数量\nLOAD_FACT 目标\nSUB\nCLAMP0\nPUSH_CONST 50000\nMUL\n"
            "PUSH_CONST 500000\nMIN\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
}

TEST(Shape, SelectiveCaseAndUnspecified) {
  EXPECT_EQ(shape("规则「R」：对「甲」，区财政择优给予10万元。\n"),
            "LOAD_FACT 甲\nJMP_FALSE #8\nSET_BRANCH 0\nMARK_SELECTIVE\nPUSH_CONST 100000\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
  EXPECT_EQ(shape("规则「R」：按照“一事一议”的方式给予补助。\n"), "SET_BRANCH 0\nEMIT_CASE 区财政\nRET\nRET\n");
  EXPECT_EQ(shape("规则「R」：给予奖励支持，金额未明确。\n"), "SET_BRANCH 0\nEMIT_UNSPEC 区财政\nRET\nRET\n");
}

TEST(Shape, DiscretionaryMaximumIsAnIntervalFromZero) {
  EXPECT_EQ(shape("规则「R」：给予最高50万元补助。\n"), "SET_BRANCH 0\nPUSH_CONST 500000\nUPTO\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
  EXPECT_EQ(shape("规则「R」：给予100-500万元补助。\n"),
            "SET_BRANCH 0\nPUSH_CONST 1000000\nPUSH_CONST 5000000\nSPAN\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
}

TEST(Shape, ConditionsShortCircuit) {
  EXPECT_EQ(shape("规则「R」：对「甲」且未「乙」的，给予1万元。\n"),
            "LOAD_FACT 甲\nAND_JMP #4\nLOAD_FACT 乙\nNOT\nJMP_FALSE #10\nSET_BRANCH 0\nPUSH_CONST 10000\nROUND\nEMIT_AMOUNT 区财政\nRET\nRET\n");
}

TEST(Shape, BandedDefinitionIsAChainOfSelects) {
  EXPECT_EQ(shape("定义「下限」：按「基数」分档，5000万元以下（含）为5%，超过5000万元为3%。\n规则「R」：给予1元。\n", -1),
            "LOAD_FACT 基数\nPUSH_CONST 50000000\nCMP_LE\nJMP_FALSE #6\nPUSH_CONST 0.05\nJMP #7\nPUSH_CONST 0.03\nRET\n");
}

}  // namespace
}  // namespace zc
