// Every evaluation test runs on every engine: the example cases (案例) of every shipped policy and of
// every tests/check/**/good file, evaluated on the VM and on the JIT, must pass and fail alike with
// the same mismatches; and `zhengce run` prints the same report on both engines.
#include <gtest/gtest.h>

#include <filesystem>

#include "compiler/syntax/ast.h"
#include "tests/cli/support.h"
#include "tests/engines/support.h"

namespace zc::test {
namespace {

std::vector<std::string> example_files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(ZC_SOURCE_DIR) + "/policies")) {
    if (e.path().extension() == ".zc") out.push_back(e.path().string());
  }
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(ZC_SOURCE_DIR) + "/tests/check")) {
    if (e.path().extension() == ".zc" && e.path().parent_path().filename() == "good") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string describe(const std::vector<ExampleOutcome>& outs) {
  std::string s;
  for (const ExampleOutcome& o : outs) {
    s += o.name + (o.passed ? " ✓" : " ✗");
    for (const Diagnostic& d : o.failures) {
      s += " [" + std::to_string(static_cast<int>(d.code));
      for (const std::string& a : d.args) s += "|" + a;
      s += "]";
    }
    s += "\n";
  }
  return s;
}

TEST(EngineExamples, EveryExampleCaseGivesTheSameResultOnTheJit) {
  if (!jit_built()) GTEST_SKIP() << "built without the JIT";
  size_t cases = 0;
  for (const std::string& path : example_files()) {
    SourceManager sm;
    DiagSink sink;
    CompileResult r = compile(sm, sm.add(path, slurp(path)), sink);
    if (!r.module || !r.policy || !r.program) continue;
    std::string error;
    std::unique_ptr<Engine> jit = make_engine(EngineKind::Jit, *r.module, error);
    ASSERT_NE(jit, nullptr) << path << ": " << error;
    std::vector<ExampleOutcome> on_vm = run_examples(*r.policy, *r.program, *r.module);
    std::vector<ExampleOutcome> on_jit = run_examples(*r.policy, *r.program, *r.module, jit.get());
    EXPECT_EQ(describe(on_jit), describe(on_vm)) << path;
    cases += on_vm.size();
  }
  EXPECT_GT(cases, 300u);
}

TEST(EngineExamples, RunPrintsTheSameReportOnBothEngines) {
  if (!jit_built()) GTEST_SKIP() << "built without the JIT";
  const std::string dir = std::string(ZC_SOURCE_DIR) + "/policies/examples/dongchangfu-2024";
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    for (const char* format : {"text", "json"}) {
      std::vector<std::string> args = {"run", "--color", "never", std::string(ZC_SOURCE_DIR) + "/policies/dongchangfu-2024.zc",
                                       "--facts", e.path().string(), "--format", format, "--all"};
      zc::testing::CliRun vm = zc::testing::zhengce(args);
      args.push_back("--engine");
      args.push_back("jit");
      zc::testing::CliRun jit = zc::testing::zhengce(args);
      EXPECT_EQ(jit.exit_code, vm.exit_code) << e.path();
      EXPECT_EQ(jit.out, vm.out) << e.path();
      ++n;
    }
  }
  EXPECT_GE(n, 2u);
}

}  // namespace
}  // namespace zc::test
