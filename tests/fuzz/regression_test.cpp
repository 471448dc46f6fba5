// Every file in tests/fuzz/regressions/ goes through the harness in the normal build, so a fixed
// crash or hang stays fixed without a clang build: inputs the fuzzer found (crash-*, timeout-*,
// named by libFuzzer) and hand-written inputs at the analysis limits (limit-*). Each must finish
// well inside the fuzzer's 10 s timeout.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fuzz/harness.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> inputs() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(ZC_FUZZ_REGRESSIONS))
    if (e.is_regular_file()) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class FuzzRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, DoesNotCrash) {
  std::ifstream in(fs::path(ZC_FUZZ_REGRESSIONS) / GetParam(), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto start = std::chrono::steady_clock::now();
  zc::fuzz::run_front_end(ss.str());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n;
  for (char c : info.param) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Inputs, FuzzRegression, ::testing::ValuesIn(inputs()), test_name);

}  // namespace
