// The verifier: one hand-made bad module per check, each asserting the exact error (message in both
// languages and location), modules at and just past the stack limit, and random modules that must
// never crash the verifier, nor the VM when the verifier accepts them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <random>

#include "runtime/bytecode/opcodes.h"
#include "runtime/bytecode/verify.h"
#include "runtime/vm/vm.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

using Bytes = std::vector<uint8_t>;
using W = VerifyWhere;

// Raw assembly with no checks at all, to write the code a buggy codegen might produce.
struct Asm {
  Bytes code;
  Asm& operator()(Opcode op, uint32_t a = 0, uint32_t b = 0) {
    const OpInfo& info = op_info(op);
    code.push_back(static_cast<uint8_t>(op));
    for (size_t k = 0; k < info.operands.size(); ++k) {
      uint32_t v = k == 0 ? a : b;
      for (uint32_t j = 0; j < operand_width(info.operands[k]); ++j) code.push_back(static_cast<uint8_t>(v >> (8 * j)));
    }
    return *this;
  }
};

// P0 区财政; F0 金额 (money), F1 条件 (bool), F2 规模 (option: 大型, 小型); K0 = 100000.
struct Fixture {
  Module m;
  Fixture() {
    m.strings = {"区财政", "金额", "条件", "规模", "大型", "小型", "规则", "派生"};
    m.payers = {PayerInfo{0, PayerRole::Local}};
    FactInfo money;
    money.name = 1;
    money.type = ValueType::Money;
    FactInfo cond;
    cond.name = 2;
    cond.type = ValueType::Bool;
    FactInfo size;
    size.name = 3;
    size.type = ValueType::Option;
    size.options = {4, 5};
    m.facts = {money, cond, size};
    m.consts = {Rational(100000)};
  }
  uint32_t rule(const Asm& a, uint16_t branches = 1) {
    RuleInfo r;
    r.name = 6;
    r.branch_count = branches;
    r.code_begin = static_cast<uint32_t>(m.code.size());
    m.code.insert(m.code.end(), a.code.begin(), a.code.end());
    r.code_end = static_cast<uint32_t>(m.code.size());
    m.rules.push_back(r);
    return static_cast<uint32_t>(m.rules.size() - 1);
  }
  uint32_t derived(const Asm& a, ValueType t) {
    DerivedInfo d;
    d.name = 7;
    d.type = t;
    d.code_begin = static_cast<uint32_t>(m.code.size());
    m.code.insert(m.code.end(), a.code.begin(), a.code.end());
    d.code_end = static_cast<uint32_t>(m.code.size());
    m.derived.push_back(d);
    return static_cast<uint32_t>(m.derived.size() - 1);
  }
};

VerifyError code_error(W where, uint32_t index, uint32_t at, std::string zh, std::string en) {
  return VerifyError{std::move(zh), std::move(en), where, index, at};
}
VerifyError table_error(W where, uint32_t index, std::string zh, std::string en) {
  return VerifyError{std::move(zh), std::move(en), where, index, kNoCodeOffset};
}

void expect_errors(const Module& m, const std::vector<VerifyError>& expected) {
  std::vector<VerifyError> got = verify_module(m);
  EXPECT_EQ(got, expected) << [&] {
    std::string s;
    for (const VerifyError& e : got) s += describe(e) + "\n";
    return s;
  }();
}

TEST(Verify, SampleAndWellFormedCodePass) {
  EXPECT_EQ(verify_module(test::sample_module()), std::vector<VerifyError>{});
  Fixture f;
  // (条件 且 规模为大型) 或 条件: short-circuit jumps keep their Bool on the jump edge.
  Asm a;
  a(Opcode::LOAD_FACT, 1)          // 0
      (Opcode::AND_JMP, 15)        // 3
      (Opcode::LOAD_FACT, 2)       // 8
      (Opcode::OPT_EQ, 0)          // 11
      (Opcode::NOP)                // 14
      (Opcode::OR_JMP, 23)         // 15
      (Opcode::LOAD_FACT, 1)       // 20
      (Opcode::JMP_FALSE, 41)      // 23
      (Opcode::LOAD_FACT, 0)       // 28
      (Opcode::UPTO)               // 31
      (Opcode::JMP, 38)            // 32
      (Opcode::NOP)                // 37 (unreachable)
      (Opcode::EMIT_AMOUNT, 0)     // 38
      (Opcode::RET);               // 41
  f.rule(a);
  EXPECT_EQ(verify_module(f.m), std::vector<VerifyError>{});
}

TEST(Verify, NumAndRangeJoinAtMerge) {
  Fixture f;
  Asm a;
  a(Opcode::LOAD_FACT, 1)(Opcode::JMP_FALSE, 17)(Opcode::PUSH_CONST, 0)(Opcode::UPTO)(Opcode::JMP, 20)
      (Opcode::PUSH_CONST, 0)(Opcode::EMIT_AMOUNT, 0)(Opcode::RET);
  f.rule(a);
  EXPECT_EQ(verify_module(f.m), std::vector<VerifyError>{});
}

TEST(Verify, JumpIntoAnOperand) {
  Fixture f;
  Asm a;
  a(Opcode::PUSH_TRUE)(Opcode::JMP_FALSE, 7)(Opcode::PUSH_CONST, 0)(Opcode::EMIT_AMOUNT, 0)(Opcode::RET);
  f.rule(a);
  expect_errors(f.m, {code_error(W::Rules, 0, 1, "跳转目标 0007 不是本函数内的指令边界",
                                 "jump target 0007 is not an instruction boundary in this function")});
}

TEST(Verify, JumpOutOfTheFunction) {
  Fixture f;
  Asm a;
  a(Opcode::PUSH_TRUE)(Opcode::JMP_FALSE, 7)(Opcode::RET);
  f.rule(a);
  f.rule(Asm{}(Opcode::RET));  // offset 7 is rule 1's first instruction
  expect_errors(f.m, {code_error(W::Rules, 0, 1, "跳转目标 0007 不是本函数内的指令边界",
                                 "jump target 0007 is not an instruction boundary in this function")});
}

TEST(Verify, BackwardJump) {
  Fixture f;
  f.rule(Asm{}(Opcode::NOP)(Opcode::JMP, 0)(Opcode::RET));
  f.rule(Asm{}(Opcode::JMP, 7)(Opcode::RET));  // a jump to itself
  expect_errors(f.m, {code_error(W::Rules, 0, 1, "跳转目标 0000 不在跳转指令之后（只允许向前跳转）",
                                 "jump target 0000 is not after the jump (only forward jumps are allowed)"),
                      code_error(W::Rules, 1, 7, "跳转目标 0007 不在跳转指令之后（只允许向前跳转）",
                                 "jump target 0007 is not after the jump (only forward jumps are allowed)")});
}

TEST(Verify, StackUnderflow) {
  Fixture f;
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::ADD)(Opcode::EMIT_AMOUNT, 0)(Opcode::RET));
  expect_errors(f.m, {code_error(W::Rules, 0, 3, "ADD 需要 2 个栈值，栈上只有 1 个",
                                 "ADD needs 2 stack values, the stack holds 1")});
}

TEST(Verify, TypeMismatchAtMerge) {
  Fixture f;
  Asm a;
  a(Opcode::LOAD_FACT, 1)      // 0
      (Opcode::JMP_FALSE, 14)  // 3
      (Opcode::PUSH_TRUE)      // 8
      (Opcode::JMP, 17)        // 9
      (Opcode::PUSH_CONST, 0)  // 14
      (Opcode::POP)            // 17: Bool from 9 meets Num from 14
      (Opcode::RET);           // 18
  f.rule(a);
  expect_errors(f.m, {code_error(W::Rules, 0, 17, "在 0017 汇合的各路径栈类型不同（栈顶第 1 项：是否值 与 数值）",
                                 "paths meeting at 0017 disagree at stack position 1 from the top (Bool vs Num)")});
}

TEST(Verify, DepthMismatchAtMerge) {
  Fixture f;
  f.rule(Asm{}(Opcode::LOAD_FACT, 1)(Opcode::JMP_FALSE, 9)(Opcode::PUSH_TRUE)(Opcode::POP)(Opcode::RET));
  Fixture g;
  g.rule(Asm{}(Opcode::LOAD_FACT, 1)(Opcode::JMP_FALSE, 9)(Opcode::PUSH_TRUE)(Opcode::RET));
  expect_errors(f.m, {code_error(W::Rules, 0, 9, "在 0009 汇合的各路径栈深度不同（0 与 1）",
                                 "paths meeting at 0009 have different stack depths (0 and 1)")});
  expect_errors(g.m, {code_error(W::Rules, 0, 9, "在 0009 汇合的各路径栈深度不同（0 与 1）",
                                 "paths meeting at 0009 have different stack depths (0 and 1)")});
}

TEST(Verify, OperandTypes) {
  Fixture f;
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::JMP_FALSE, 8)(Opcode::RET));
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::UPTO)(Opcode::PUSH_CONST, 0)(Opcode::CMP_GE)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::LOAD_FACT, 1)(Opcode::OPT_EQ, 0)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::LOAD_FACT, 2)(Opcode::EMIT_AMOUNT, 0)(Opcode::RET));
  expect_errors(f.m, {
      code_error(W::Rules, 0, 3, "JMP_FALSE 需要栈顶第 1 项为是否值，实际为数值",
                 "JMP_FALSE needs Bool at stack position 1 from the top, found Num"),
      code_error(W::Rules, 1, 16, "CMP_GE 需要栈顶第 2 项为确定数值，实际为数值区间",
                 "CMP_GE needs an exact Num at stack position 2 from the top, found a range"),
      code_error(W::Rules, 2, 22, "OPT_EQ 需要栈顶第 1 项为选项，实际为是否值",
                 "OPT_EQ needs an option at stack position 1 from the top, found Bool"),
      code_error(W::Rules, 3, 30, "EMIT_AMOUNT 需要栈顶第 1 项为数值，实际为F2 的选项",
                 "EMIT_AMOUNT needs Num at stack position 1 from the top, found an option of F2"),
  });
}

TEST(Verify, IndicesOutOfRange) {
  Fixture f;
  f.rule(Asm{}(Opcode::PUSH_CONST, 9)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::LOAD_FACT, 3)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::EMIT_AMOUNT, 1)(Opcode::RET));
  f.rule(Asm{}(Opcode::SET_BRANCH, 1)(Opcode::RET));
  f.rule(Asm{}(Opcode::LOAD_FACT, 2)(Opcode::OPT_EQ, 2)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::LOAD_DERIVED, 0)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::EMIT_BENEFIT, 8)(Opcode::RET));
  expect_errors(f.m, {
      code_error(W::Rules, 0, 0, "PUSH_CONST 的下标 9 超出范围（共 1 个常量）", "PUSH_CONST index 9 is out of range (1 constants)"),
      code_error(W::Rules, 1, 5, "LOAD_FACT 的下标 3 超出范围（共 3 个事实）", "LOAD_FACT index 3 is out of range (3 facts)"),
      code_error(W::Rules, 2, 13, "EMIT_AMOUNT 的下标 1 超出范围（共 1 个出资方）",
                 "EMIT_AMOUNT index 1 is out of range (1 payers)"),
      code_error(W::Rules, 3, 17, "SET_BRANCH 的下标 1 超出范围（共 1 个分支）", "SET_BRANCH index 1 is out of range (1 branches)"),
      code_error(W::Rules, 4, 24, "OPT_EQ 的选项 2 超出范围：F2 只有 2 个选项", "OPT_EQ option 2 is out of range: F2 has 2 options"),
      code_error(W::Rules, 5, 29, "LOAD_DERIVED 的下标 0 超出范围（共 0 个派生值）",
                 "LOAD_DERIVED index 0 is out of range (0 derived values)"),
      code_error(W::Rules, 6, 34, "EMIT_BENEFIT 的下标 8 超出范围（共 8 个字符串）",
                 "EMIT_BENEFIT index 8 is out of range (8 strings)"),
  });
}

TEST(Verify, DerivedRecursion) {
  Fixture f;
  f.derived(Asm{}(Opcode::LOAD_DERIVED, 0)(Opcode::RET), ValueType::Bool);  // itself
  f.derived(Asm{}(Opcode::LOAD_DERIVED, 2)(Opcode::RET), ValueType::Bool);  // a later one
  f.derived(Asm{}(Opcode::LOAD_DERIVED, 1)(Opcode::RET), ValueType::Bool);  // an earlier one: fine
  f.rule(Asm{}(Opcode::LOAD_DERIVED, 2)(Opcode::POP)(Opcode::RET));          // a rule may load any
  expect_errors(f.m, {
      code_error(W::Derived, 0, 0, "派生值 D0 只能引用下标更小的派生值，不能引用 D0",
                 "derived value D0 may only load derived values of lower index, not D0"),
      code_error(W::Derived, 1, 4, "派生值 D1 只能引用下标更小的派生值，不能引用 D2",
                 "derived value D1 may only load derived values of lower index, not D2"),
  });
}

TEST(Verify, MissingRet) {
  Fixture f;
  f.rule(Asm{}(Opcode::PUSH_TRUE)(Opcode::POP));
  f.rule(Asm{}(Opcode::LOAD_FACT, 1)(Opcode::JMP_TRUE, 11)(Opcode::RET)(Opcode::NOP));
  expect_errors(f.m, {
      code_error(W::Rules, 0, 1, "执行可越过函数末尾（缺少 RET）", "execution can fall off the end of the function (missing RET)"),
      code_error(W::Rules, 1, 11, "执行可越过函数末尾（缺少 RET）", "execution can fall off the end of the function (missing RET)"),
  });
}

Asm pushes_then_pops(int n) {
  Asm a;
  for (int i = 0; i < n; ++i) a(Opcode::PUSH_TRUE);
  for (int i = 0; i < n; ++i) a(Opcode::POP);
  a(Opcode::RET);
  return a;
}

TEST(Verify, StackDepthAtTheLimitAndJustPast) {
  Fixture ok;
  ok.rule(pushes_then_pops(kMaxStackDepth));
  EXPECT_EQ(verify_module(ok.m), std::vector<VerifyError>{});
  Fixture deep;
  deep.rule(pushes_then_pops(kMaxStackDepth + 1));
  expect_errors(deep.m, {code_error(W::Rules, 0, 256, "栈深度超过 256", "the stack grows deeper than 256")});
}

TEST(Verify, UndecodableCode) {
  Fixture f;
  f.rule(Asm{}(Opcode::NOP));
  f.m.code.push_back(0xFF);
  f.m.rules[0].code_end = 2;
  Fixture g;
  g.m.code = {static_cast<uint8_t>(Opcode::PUSH_CONST), 0};
  g.m.rules.push_back(RuleInfo{6, kNoString, kNoString, kNoIndex, 0, 0, 2});
  expect_errors(f.m, {code_error(W::Rules, 0, 1, "无法解码：0xFF 不是操作码", "cannot decode: 0xFF is not an opcode")});
  expect_errors(g.m, {code_error(W::Rules, 0, 0, "PUSH_CONST 的操作数超出函数末尾",
                                 "the operands of PUSH_CONST run past the end of the function")});
}

TEST(Verify, ReturnShapes) {
  Fixture f;
  f.derived(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::RET), ValueType::Bool);
  f.derived(Asm{}(Opcode::RET), ValueType::Money);
  f.derived(Asm{}(Opcode::LOAD_FACT, 1)(Opcode::JMP_FALSE, 17)(Opcode::LOAD_FACT, 2)(Opcode::RET)(Opcode::PUSH_CONST, 0)
                (Opcode::RET),
            ValueType::Option);
  f.rule(Asm{}(Opcode::PUSH_TRUE)(Opcode::RET));
  expect_errors(f.m, {
      code_error(W::Derived, 0, 3, "派生值声明为是否值，返回的却是数值", "the derived value is declared Bool but returns Num"),
      code_error(W::Derived, 1, 4, "派生值返回时栈上有 0 个值（应为 1 个）",
                 "a derived value returns with 0 values on the stack (it must be 1)"),
      code_error(W::Derived, 2, 20, "派生值声明为选项，返回的却是数值", "the derived value is declared an option but returns Num"),
      code_error(W::Rules, 0, 22, "规则返回时栈上还有 1 个值（应为空）", "a rule returns with 1 values on the stack (it must be empty)"),
  });
}

TEST(Verify, RuleOnlyInstructionsInDerivedValues) {
  Fixture f;
  f.derived(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::EMIT_AMOUNT, 0)(Opcode::PUSH_TRUE)(Opcode::RET), ValueType::Bool);
  expect_errors(f.m, {code_error(W::Derived, 0, 3, "EMIT_AMOUNT 只能用于规则，不能出现在派生值中",
                                 "EMIT_AMOUNT may only appear in rules, not in derived values")});
}

TEST(Verify, TraceTemplates) {
  Fixture f;
  f.m.strings.push_back("{0");           // S8
  f.m.strings.push_back("值为{0:bool}"); // S9
  f.m.strings.push_back("{0}与{1}");     // S10
  f.m.strings.push_back("{0:weight}");   // S11
  f.m.strings.push_back("金额{0:money}，{{说明}}"); // S12
  f.rule(Asm{}(Opcode::TRACE, 12, 1)(Opcode::RET));
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::TRACE, 8, 1)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::TRACE, 9, 1)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::TRACE, 10, 1)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::TRACE, 11, 1)(Opcode::POP)(Opcode::RET));
  f.rule(Asm{}(Opcode::PUSH_CONST, 0)(Opcode::TRACE, 12, 1)(Opcode::POP)(Opcode::RET));
  expect_errors(f.m, {
      code_error(W::Rules, 0, 0, "TRACE 要显示 1 个值，栈上只有 0 个", "TRACE shows 1 values but the stack holds 0"),
      code_error(W::Rules, 1, 8, "TRACE 模板 S8 无效：第 0 字节处的「{」没有配对的「}」",
                 "TRACE template S8 is invalid: '{' without a closing '}' at byte 0"),
      code_error(W::Rules, 2, 17, "TRACE 模板 S9 的占位符 0:bool 与栈上的数值不符",
                 "TRACE template S9: placeholder 0:bool does not fit Num on the stack"),
      code_error(W::Rules, 3, 26, "TRACE 模板 S10 的占位符 1 超出 1 个值", "TRACE template S10: placeholder 1 is beyond its 1 values"),
      code_error(W::Rules, 4, 35, "TRACE 模板 S11 无效：第 0 字节处的占位符类别「weight」未知",
                 "TRACE template S11 is invalid: unknown placeholder kind 'weight' at byte 0"),
  });
}

TEST(Verify, TableErrors) {
  Fixture f;
  f.rule(Asm{}(Opcode::RET));
  f.m.facts[0].name = 99;
  f.m.facts[1].default_value = test::num(1);
  f.m.facts[2].options.clear();
  f.m.facts[0].from_payer = 3;
  f.m.payers[0].role = static_cast<PayerRole>(7);
  GroupInfo g;
  g.kind = GroupKind::Cap;
  g.name = 0;
  g.members = {0, 4, 0};
  g.cap = 5;
  f.m.groups.push_back(g);
  GroupInfo empty;
  empty.kind = GroupKind::NoDup;
  empty.name = 0;
  f.m.groups.push_back(empty);
  f.m.consts.push_back(Rational(-1));
  GroupInfo negative = g;
  negative.members = {0};
  negative.cap = 1;
  f.m.groups.push_back(negative);
  expect_errors(f.m, {
      table_error(W::Facts, 0, "名称的字符串下标 99 超出范围（共 8 个字符串）", "name: string index 99 is out of range (8 strings)"),
      table_error(W::Facts, 0, "来源出资方下标 3 超出范围（共 1 个出资方）", "from-payer index 3 is out of range (1 payers)"),
      table_error(W::Facts, 1, "默认值与事实的类型不符", "the default does not fit the fact's type"),
      table_error(W::Facts, 2, "选项类事实至少要有 1 个选项", "an option fact needs at least one option"),
      table_error(W::Payers, 0, "角色的取值 7 无效", "invalid role value 7"),
      table_error(W::Groups, 0, "成员 4 不是规则下标（共 1 条规则）", "member 4 is not a rule index (1 rules)"),
      table_error(W::Groups, 0, "规则 R0 在分组中出现两次", "rule R0 appears twice in the group"),
      table_error(W::Groups, 0, "上限的常量下标 5 超出范围（共 2 个常量）", "cap: constant index 5 is out of range (2 constants)"),
      table_error(W::Groups, 1, "分组没有成员", "the group has no members"),
      table_error(W::Groups, 2, "上限 -1 为负数", "the cap -1 is negative"),
  });
}

TEST(Verify, ConstraintAndTargetErrors) {
  Fixture f;
  f.rule(Asm{}(Opcode::RET));
  f.m.constraints.push_back(ConstraintInfo{0, kNoString, kNoIndex, CmpOp::Le, 0, kNoString});  // no rule: fine
  f.m.constraints.push_back(ConstraintInfo{0, kNoString, 4, static_cast<CmpOp>(9), 3, kNoString});
  f.m.targets.push_back(TargetInfo{kNoString, 1, CmpOp::Ge, 0, kNoIndex, 2025});
  f.m.targets.push_back(TargetInfo{kNoString, 7, CmpOp::Ge, 0, 2, 0});
  expect_errors(f.m, {
      table_error(W::Constraints, 1, "规则下标 4 超出范围（共 1 条规则）", "rule index 4 is out of range (1 rules)"),
      table_error(W::Constraints, 1, "比较运算的取值 9 无效", "invalid comparison value 9"),
      table_error(W::Constraints, 1, "限值的常量下标 3 超出范围（共 1 个常量）", "value: constant index 3 is out of range (1 constants)"),
      table_error(W::Targets, 1, "指标的事实下标 7 超出范围（共 3 个事实）", "indicator fact index 7 is out of range (3 facts)"),
      table_error(W::Targets, 1, "基期值的常量下标 2 超出范围（共 1 个常量）", "baseline: constant index 2 is out of range (1 constants)"),
  });
}

TEST(Verify, CodeRanges) {
  Fixture f;
  f.rule(Asm{}(Opcode::NOP)(Opcode::RET));
  f.rule(Asm{}(Opcode::RET));
  f.m.rules.push_back(RuleInfo{6, kNoString, kNoString, kNoIndex, 0, 1, 2});   // overlaps rule 0
  f.m.rules.push_back(RuleInfo{6, kNoString, kNoString, kNoIndex, 0, 3, 9});   // past the end
  f.m.rules.push_back(RuleInfo{6, kNoString, kNoString, kNoIndex, 0, 2, 2});   // empty
  expect_errors(f.m, {
      table_error(W::Rules, 3, "代码范围 [3, 9) 无效（代码共 3 字节）", "invalid code range [3, 9) (the code has 3 bytes)"),
      table_error(W::Rules, 4, "代码范围 [2, 2) 无效（代码共 3 字节）", "invalid code range [2, 2) (the code has 3 bytes)"),
      table_error(W::Rules, 2, "代码范围 [1, 2) 与规则 R0 的 [0, 2) 重叠", "code range [1, 2) overlaps rule R0 at [0, 2)"),
  });
}

TEST(Verify, TooManyFacts) {
  Fixture f;
  f.m.facts.resize(65536, f.m.facts[0]);
  std::vector<VerifyError> errors = verify_module(f.m);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], table_error(W::Module, 0, "事实数目 65536 超过上限 65535", "too many facts: 65536 (limit 65535)"));
  f.m.facts.resize(65535);
  EXPECT_EQ(verify_module(f.m), std::vector<VerifyError>{});
}

TEST(Verify, Describe) {
  VerifyError e = code_error(W::Rules, 2, 12, "栈深度超过 256", "the stack grows deeper than 256");
  EXPECT_EQ(describe(e), "规则 R2 代码 0012：栈深度超过 256");
  EXPECT_EQ(describe(e, true), "rule R2 at code 0012: the stack grows deeper than 256");
  EXPECT_EQ(describe(table_error(W::Module, 0, "甲", "a"), true), "module: a");
}

// Random code over the fixture's tables: the verifier must never crash, and code it accepts must
// run to completion on the VM (no loops, no stack or index errors) under any facts.
TEST(VerifyFuzz, RandomCodeNeverCrashes) {
  std::mt19937 rng(20240221);
  size_t accepted = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    Fixture f;
    Asm a;
    int n = static_cast<int>(rng() % 12) + 1;
    for (int i = 0; i < n; ++i) {
      auto op = static_cast<Opcode>(rng() % kOpcodeCount);
      uint32_t operand = rng() % 4;
      if (is_jump(op)) operand = static_cast<uint32_t>(a.code.size()) + 1 + rng() % 12;
      a(op, operand, rng() % 2);
    }
    if (rng() % 2) a(Opcode::RET);
    if (rng() % 8 == 0) a.code[rng() % a.code.size()] = static_cast<uint8_t>(rng());
    if (rng() % 3 == 0) {
      f.derived(a, static_cast<ValueType>(1 + rng() % 7));
      f.rule(Asm{}(Opcode::LOAD_DERIVED, 0)(Opcode::POP)(Opcode::RET));
    } else {
      f.rule(a, 2);
    }
    if (!verify_module(f.m).empty()) continue;
    ++accepted;
    Vm vm(f.m);
    for (int k = 0; k < 3; ++k) {
      std::vector<FactValue> facts = {test::num(static_cast<int64_t>(rng() % 3)), test::yes(rng() % 2),
                                      test::opt(static_cast<uint16_t>(rng() % 2))};
      Evaluation ev = vm.evaluate(facts, EvalOptions{k == 0});
      ASSERT_EQ(ev.rules.size(), f.m.rules.size());
    }
  }
  EXPECT_GT(accepted, 100u);
}

}  // namespace
}  // namespace zc
