// Corrupted bytecode never crashes, hangs or runs: every single-byte change and every truncation of a
// real policy's .zcb is rejected by the loader (in-process, exhaustively), and a sample of them is
// run through `zhengce run`, which must exit 2 with a message naming the file and the byte offset.
#include <gtest/gtest.h>

#include "compiler/driver.h"
#include "runtime/bytecode/format.h"
#include "runtime/bytecode/verify.h"
#include "tests/cli/support.h"

namespace zc::testing {
namespace {

std::vector<uint8_t> built_policy() {
  SourceManager sm;
  FileId id = sm.add("dongchangfu-2024.zc", slurp(std::string(ZC_SOURCE_DIR) + "/policies/dongchangfu-2024.zc"));
  DiagSink sink;
  CompileResult r = compile(sm, id, sink);
  EXPECT_TRUE(r.module.has_value());
  return r.module ? write_module(*r.module) : std::vector<uint8_t>{};
}

TEST(Corruption, EveryByteFlipAndTruncationOfARealPolicyIsRejected) {
  std::vector<uint8_t> bytes = built_policy();
  ASSERT_GT(bytes.size(), 1000u);
  ASSERT_TRUE(read_module(bytes).ok());
  const uint8_t patterns[] = {0x01, 0x80, 0xFF};
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t p : patterns) {
      std::vector<uint8_t> bad = bytes;
      bad[i] ^= p;
      ASSERT_FALSE(read_module(bad).ok()) << "flip 0x" << std::hex << int(p) << " at " << std::dec << i;
    }
  }
  for (size_t n = 0; n < bytes.size(); ++n) {
    ASSERT_FALSE(read_module(std::span<const uint8_t>(bytes.data(), n)).ok()) << "truncated to " << n;
  }
}

TEST(Corruption, TheCliExitsTwoWithAClearMessage) {
  std::vector<uint8_t> bytes = built_policy();
  ASSERT_FALSE(bytes.empty());
  std::string facts = write_temp("facts.json", R"({"首次通过高新技术企业认定": true})");
  auto run_with = [&](const std::vector<uint8_t>& content) {
    std::string path = write_temp("corrupt.zcb", std::string(content.begin(), content.end()));
    return zhengce({"run", "--color", "never", path, "--facts", facts});
  };
  // 60 flips spread over the whole file and 20 truncations: each must be refused cleanly.
  for (size_t k = 0; k < 60; ++k) {
    size_t i = k * (bytes.size() - 1) / 59;
    std::vector<uint8_t> bad = bytes;
    bad[i] ^= 0x5A;
    CliRun r = run_with(bad);
    ASSERT_EQ(r.signal, 0) << "byte " << i;
    ASSERT_EQ(r.exit_code, 2) << "byte " << i << ": " << r.err;
    ASSERT_NE(r.err.find("不是可用的字节码文件"), std::string::npos) << r.err;
    ASSERT_NE(r.err.find("字节）"), std::string::npos) << r.err;
  }
  for (size_t k = 0; k < 20; ++k) {
    size_t n = k * bytes.size() / 20;
    CliRun r = run_with(std::vector<uint8_t>(bytes.begin(), bytes.begin() + static_cast<long>(n)));
    ASSERT_EQ(r.signal, 0) << "length " << n;
    ASSERT_EQ(r.exit_code, 2) << "length " << n << ": " << r.err;
  }
  CliRun ok = run_with(bytes);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

}  // namespace
}  // namespace zc::testing
