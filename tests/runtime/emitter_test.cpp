// CodeEmitter: exact bytes for typed operands, forward and backward labels patched at the end of
// the function, interning that reuses equal entries, encoding limits, and misuse that aborts.
#include <gtest/gtest.h>

#include "runtime/bytecode/emitter.h"
#include "runtime/bytecode/opcodes.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

using B = std::vector<uint8_t>;
uint8_t op(Opcode o) { return static_cast<uint8_t>(o); }

TEST(Emitter, EncodesOperandsLittleEndian) {
  Module m;
  CodeEmitter e(m);
  EXPECT_EQ(e.begin_function(), 0u);
  e.emit(Opcode::LOAD_FACT, 0x0102);
  e.emit(Opcode::TRACE, 0x0304, 7);
  e.emit(Opcode::NOT);
  e.emit(Opcode::RET);
  EXPECT_EQ(e.end_function(), 9u);
  EXPECT_EQ(m.code, (B{op(Opcode::LOAD_FACT), 0x02, 0x01, op(Opcode::TRACE), 0x04, 0x03, 7, op(Opcode::NOT),
                       op(Opcode::RET)}));
  EXPECT_FALSE(e.limits_exceeded());
}

TEST(Emitter, PatchesForwardLabels) {
  Module m;
  CodeEmitter e(m);
  e.begin_function();
  CodeEmitter::Label skip = e.new_label();
  CodeEmitter::Label other = e.new_label();
  e.emit(Opcode::PUSH_TRUE);        // 0
  e.emit(Opcode::JMP_FALSE, skip);  // 1..5
  e.emit(Opcode::PUSH_TRUE);        // 6
  e.emit(Opcode::JMP_TRUE, skip);   // 7..11
  e.emit(Opcode::JMP, other);       // 12..16
  e.bind(skip);
  e.emit(Opcode::NOP);  // 17
  e.bind(other);
  e.emit(Opcode::RET);  // 18
  e.end_function();
  EXPECT_EQ(m.code, (B{op(Opcode::PUSH_TRUE), op(Opcode::JMP_FALSE), 17, 0, 0, 0, op(Opcode::PUSH_TRUE),
                       op(Opcode::JMP_TRUE), 17, 0, 0, 0, op(Opcode::JMP), 18, 0, 0, 0, op(Opcode::NOP),
                       op(Opcode::RET)}));
}

TEST(Emitter, BackwardLabelIsWrittenAtOnce) {
  Module m;
  m.code = {0xAA, 0xBB};  // code of an earlier function
  CodeEmitter e(m);
  EXPECT_EQ(e.begin_function(), 2u);
  CodeEmitter::Label top = e.new_label();
  e.bind(top);
  e.emit(Opcode::JMP, top);
  e.end_function();
  EXPECT_EQ(m.code, (B{0xAA, 0xBB, op(Opcode::JMP), 2, 0, 0, 0}));
}

TEST(Emitter, InternsConstantsAndStrings) {
  Module m;
  m.consts = {Rational(5)};
  m.strings = {"区财政"};
  CodeEmitter e(m);
  EXPECT_EQ(e.constant(Rational(5)), 0);
  EXPECT_EQ(e.constant(Rational(100000)), 1);
  EXPECT_EQ(e.constant(*Rational::make(1, 5)), 2);
  EXPECT_EQ(e.constant(*Rational::make(2, 10)), 2);
  EXPECT_EQ(e.constant(Rational(100000)), 1);
  EXPECT_EQ(e.string("区财政"), 0u);
  EXPECT_EQ(e.string("市财政"), 1u);
  EXPECT_EQ(e.string("市财政"), 1u);
  EXPECT_EQ(m.consts, (std::vector<Rational>{5, 100000, *Rational::make(1, 5)}));
  EXPECT_EQ(m.strings, (std::vector<std::string>{"区财政", "市财政"}));
}

TEST(Emitter, ConstantLimitAtAndPast) {
  Module m;
  CodeEmitter e(m);
  for (int64_t i = 0; i < kNoIndex; ++i) ASSERT_EQ(e.constant(Rational(i)), i);
  EXPECT_FALSE(e.limits_exceeded());  // 65535 constants: indices 0..65534
  EXPECT_EQ(e.constant(Rational(kNoIndex)), kNoIndex);
  EXPECT_TRUE(e.limits_exceeded());
  EXPECT_EQ(m.consts.size(), static_cast<size_t>(kNoIndex));
}

TEST(Emitter, OperandTooWideSetsTheLimitFlag) {
  Module m;
  CodeEmitter e(m);
  e.begin_function();
  e.emit(Opcode::EMIT_BENEFIT, 0xFFFF);
  EXPECT_FALSE(e.limits_exceeded());
  e.emit(Opcode::EMIT_BENEFIT, 0x10000);
  e.emit(Opcode::TRACE, 1, 256);
  e.end_function();
  EXPECT_TRUE(e.limits_exceeded());
  EXPECT_EQ(m.code, (B{op(Opcode::EMIT_BENEFIT), 0xFF, 0xFF, op(Opcode::EMIT_BENEFIT), 0xFF, 0xFF, op(Opcode::TRACE),
                       1, 0, 0xFF}));
}

TEST(EmitterDeathTest, MisuseAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto wrong_count = [] {
    Module m;
    CodeEmitter e(m);
    e.begin_function();
    e.emit(Opcode::PUSH_CONST);
  };
  EXPECT_DEATH(wrong_count(), "wrong number of operands");
  auto unbound = [] {
    Module m;
    CodeEmitter e(m);
    e.begin_function();
    e.emit(Opcode::JMP, e.new_label());
    e.end_function();
  };
  EXPECT_DEATH(unbound(), "never bound");
  auto outside = [] {
    Module m;
    CodeEmitter e(m);
    e.emit(Opcode::RET);
  };
  EXPECT_DEATH(outside(), "outside begin_function");
}

}  // namespace
}  // namespace zc
