// Each hard limit has a test at the limit and one just past it (nesting depth, input size, table
// rows, definitions, bytecode constants): past a limit the compiler reports an error, never crashes.
#include <gtest/gtest.h>

#include "compiler/driver.h"
#include "compiler/syntax/lexer.h"

namespace zc {
namespace {

std::vector<std::string> codes_of(const std::string& text, bool* has_module = nullptr) {
  SourceManager sm;
  FileId id = sm.add("t.zc", text);
  DiagSink sink;
  CompileResult r = compile(sm, id, sink);
  if (has_module) *has_module = r.module.has_value();
  std::vector<std::string> v;
  // Errors only: drafting warnings about these synthetic policies are not what is tested here.
  for (const Diagnostic& d : sink.all())
    if (d.severity == Severity::Error) v.push_back(diag_info(d.code).id);
  return v;
}

const std::string kHead = "政策“限度”。\n出资方「区财政」：本级，默认。\n事实「甲」：是否，默认否。\n事实「收入」：金额，默认0元。\n";

std::string nested(int parens, int nots) {
  std::string s = kHead + "规则「R」：对";
  for (int i = 0; i < parens; ++i) s += "（";
  for (int i = 0; i < nots; ++i) s += "未";
  s += "「甲」";
  for (int i = 0; i < parens; ++i) s += "）";
  return s + "的，给予1万元。\n";
}

TEST(Limits, NestingDepth) {
  EXPECT_EQ(codes_of(nested(64, 0)), std::vector<std::string>{});
  EXPECT_EQ(codes_of(nested(65, 0)), std::vector<std::string>{"E0203"});
  EXPECT_EQ(codes_of(nested(0, 64)), std::vector<std::string>{});
  EXPECT_EQ(codes_of(nested(0, 65)), std::vector<std::string>{"E0203"});
  // Far past the limit: refused before the parser could recurse that deep.
  EXPECT_EQ(codes_of(nested(100000, 0)), std::vector<std::string>{"E0203"});
  EXPECT_EQ(codes_of(nested(0, 100000)), std::vector<std::string>{"E0203"});
}

TEST(Limits, InputSize) {
  std::string at(syntax::kMaxSourceBytes, ' ');
  at.replace(0, kHead.size(), kHead);
  EXPECT_EQ(codes_of(at), std::vector<std::string>{});
  EXPECT_EQ(codes_of(at + " "), std::vector<std::string>{"E0109"});
}

// Tables of contiguous bands: 「收入」 up to v0, then (v0, v0+1], (v0+1, v0+2] …, then 其他.
std::string bands(size_t defines, size_t rows, size_t offset) {
  std::string s = kHead;
  for (size_t d = 0; d < defines; ++d) {
    s += "定义「档" + std::to_string(d) + "」：按「收入」分档";
    for (size_t k = 0; k < rows; ++k) {
      size_t v = offset + d * rows + k;
      std::string value = std::to_string(v + 10000000) + "分";
      if (k == 0) s += "，" + std::to_string(v) + "元以下为" + value;
      else s += "，超过" + std::to_string(v - 1) + "元至" + std::to_string(v) + "元（含）为" + value;
    }
    s += "，其他为0分。\n";
  }
  return s;
}

TEST(Limits, RowsPerTable) {
  // 999 bands and 其他 make the 1000 rows allowed.
  EXPECT_EQ(codes_of(bands(1, 999, 1)), std::vector<std::string>{});
  EXPECT_EQ(codes_of(bands(1, 1000, 1)), std::vector<std::string>{"E0208"});
}

TEST(Limits, Definitions) {
  std::string at = kHead, past;
  for (int i = 0; i < 2000; ++i) at += "定义「D" + std::to_string(i) + "」：「甲」。\n";
  past = at + "定义「D2000」：「甲」。\n";
  EXPECT_EQ(codes_of(at), std::vector<std::string>{});
  EXPECT_EQ(codes_of(past), std::vector<std::string>{"E0208"});
}

TEST(Limits, BytecodeConstants) {
  // 32 tables of 999 bands hold 63 937 distinct constants (under 65 535); 34 hold 67 933.
  bool module = false;
  EXPECT_EQ(codes_of(bands(32, 999, 1), &module), std::vector<std::string>{});
  EXPECT_TRUE(module);
  EXPECT_EQ(codes_of(bands(34, 999, 1), &module), std::vector<std::string>{"E0208"});
  EXPECT_FALSE(module);
}

// kHead declares two facts and a payer, so 59 998 more facts make the 60 000 allowed.
TEST(Limits, Facts) {
  std::string at = kHead;
  for (int i = 0; i < 59998; ++i) at += "事实「F" + std::to_string(i) + "」：是否，默认否。\n";
  EXPECT_EQ(codes_of(at), std::vector<std::string>{});
  EXPECT_EQ(codes_of(at + "事实「F59998」：是否，默认否。\n"), std::vector<std::string>{"E0208"});
}

TEST(Limits, Rules) {
  std::string at = kHead;
  for (int i = 0; i < 60000; ++i) at += "规则「R" + std::to_string(i) + "」：对「甲」的企业，给予1万元补助。\n";
  EXPECT_EQ(codes_of(at), std::vector<std::string>{});
  EXPECT_EQ(codes_of(at + "规则「R60000」：对「甲」的企业，给予1万元补助。\n"), std::vector<std::string>{"E0208"});
}

}  // namespace
}  // namespace zc
