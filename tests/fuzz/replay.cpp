// fuzz_replay, built in every build: each target's seeds (tests/fuzz/seeds/<target>/, and those the
// build generates, such as .zcb files compiled by this build) and saved
// regression inputs (tests/fuzz/regressions/<target>/: what the fuzzer found, named crash-* or
// timeout-* by libFuzzer, and hand-written inputs at the limits, limit-*) go through the target, one
// test each, so a fixed crash stays fixed without a clang build. Each must finish well inside the
// fuzzer's 10 s timeout.
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

struct Input {
  std::string target;
  fs::path path;
};

std::vector<Input> inputs() {
  std::vector<Input> out;
  for (const auto& [name, fn] : zc::fuzz::targets()) {
    for (fs::path dir : {fs::path(ZC_FUZZ_DIR) / "seeds" / name, fs::path(ZC_FUZZ_GENERATED) / "seeds" / name,
                         fs::path(ZC_FUZZ_DIR) / "regressions" / name}) {
      if (!fs::is_directory(dir)) continue;
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) out.push_back({name, f});
    }
  }
  return out;
}

void PrintTo(const Input& i, std::ostream* os) { *os << i.path.string(); }

class Replay : public ::testing::TestWithParam<Input> {};

TEST_P(Replay, DoesNotCrash) {
  std::ifstream in(GetParam().path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto start = std::chrono::steady_clock::now();
  zc::fuzz::targets().at(GetParam().target)(ss.str());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

std::string test_name(const ::testing::TestParamInfo<Input>& info) {
  std::string n = info.param.target + "_" + info.param.path.parent_path().parent_path().filename().string() + "_" +
                  info.param.path.filename().string();
  for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Inputs, Replay, ::testing::ValuesIn(inputs()), test_name);

}  // namespace
