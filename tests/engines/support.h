// Shared by engine_tests: compiling the shipped policies from policies/*.zc, and the JIT-or-skip
// helper (a build without the JIT skips JIT tests instead of failing them).
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.h"
#include "compiler/driver.h"
#include "lib/tester.h"
#include "runtime/jit/select.h"
#include "sim/synth.h"

namespace zc::test {

struct ShippedPolicy {
  std::string name;  // file name without .zc
  std::shared_ptr<const Module> module;
};

using zc::testing::slurp;
using lib::ExampleOutcome;
using lib::run_examples;

// Compiles a policy file; fails the current test when it has errors.
inline std::shared_ptr<const Module> compile_policy_file(const std::string& path) {
  SourceManager sm;
  DiagSink sink;
  FileId id = sm.add(path, slurp(path));
  CompileResult r = compile(sm, id, sink);
  EXPECT_TRUE(r.module.has_value()) << path << " does not compile";
  if (!r.module) return nullptr;
  return std::make_shared<const Module>(std::move(*r.module));
}

// Every policies/*.zc that compiles, in file-name order.
inline std::vector<ShippedPolicy> shipped_policies() {
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(std::string(ZC_SOURCE_DIR) + "/policies")) {
    if (e.path().extension() == ".zc") paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<ShippedPolicy> out;
  for (const std::string& p : paths) {
    if (auto m = compile_policy_file(p)) out.push_back({std::filesystem::path(p).stem().string(), m});
  }
  return out;
}

// The generated-applicant columns of the given policies together, as simulate draws them.
inline std::optional<std::vector<sim::SynthColumn>> shipped_columns(const std::vector<ShippedPolicy>& policies, std::string& error) {
  std::vector<const Module*> mods;
  for (const ShippedPolicy& p : policies) mods.push_back(p.module.get());
  return sim::synth_columns(mods, error);
}

// The error paths for drawn row `i`: every 4th applicant lacks one fact (needed ones included), and
// every 23rd has one amount so large that arithmetic on it overflows.
inline void break_row(const std::vector<sim::SynthColumn>& cols, uint64_t i, std::vector<sim::SynthCell>& row) {
  if (i % 4 == 0) row[(i / 4) % row.size()] = sim::SynthCell{};
  if (i % 23 != 0) return;
  for (size_t k = 0; k < row.size(); ++k) {
    size_t c = (i / 23 + k) % row.size();
    if (cols[c].type != ValueType::Money) continue;
    row[c].kind = sim::SynthCell::Kind::Num;
    row[c].num = Rational(std::numeric_limits<int64_t>::max());
    break;
  }
}

// The JIT engine for `m`, or nullptr after GTEST_SKIP-ing in a build without the JIT.
#define ZC_JIT_OR_SKIP(var, module)                                   \
  if (!::zc::jit_built()) GTEST_SKIP() << "built without the JIT";    \
  std::string var##_error;                                            \
  std::unique_ptr<::zc::Engine> var = ::zc::make_engine(::zc::EngineKind::Jit, (module), var##_error); \
  ASSERT_NE(var, nullptr) << var##_error

}  // namespace zc::test
