// Issue 17's crash and every one like it: text from outside (registry cells, header names, file
// names) that is not valid UTF-8 must come out of every output — JSON, SARIF, GitHub annotations,
// the per-applicant CSV, text — as valid UTF-8 (each bad byte as U+FFFD, base/external_text.h),
// never as a crash. `simulate --format json` aborted on 36 of 40 of the registries below before.
#include <gtest/gtest.h>

#include <cstdint>

#include "base/external_text.h"
#include "base/utf8.h"
#include "nlohmann/json.hpp"
#include "tests/cli/support.h"

namespace zc::testing {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

const char* kToy =
    "政策“玩具政策”。\n"
    "出资方「区财政」：本级，默认。\n"
    "事实「首次通过认定」：是否，默认否。\n"
    "事实「研发投入」：金额。\n"
    "规则「认定补助」：对「首次通过认定」的企业，给予10万元补助。\n"
    "规则「研发补助」：区财政按「研发投入」的10%给予补助，单个项目不超过50万元。\n";

bool valid(const std::string& s) { return !utf8_first_invalid(s).has_value(); }

// splitmix64: the mutations are the same on every machine and every run.
uint64_t next(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// `bytes` with `n` bytes overwritten by random values, the positions and values drawn from `seed`.
std::string mutated(std::string bytes, uint64_t seed, int n) {
  uint64_t state = seed;
  for (int i = 0; i < n; ++i) {
    size_t at = next(state) % bytes.size();
    bytes[at] = static_cast<char>(next(state) & 0xFF);
  }
  return bytes;
}

// A 200-row registry from gen-registry, mutated 40 ways, through every output of simulate.
void check_mutated_registries(const std::string& format) {
  std::string policy = write_temp("toy.zc", kToy);
  std::string ext = format == "jsonl" ? ".jsonl" : ".csv";
  std::string clean = (scratch_dir() / ("clean" + ext)).string();
  ASSERT_EQ(zhengce({"gen-registry", policy, "--rows", "200", "--seed", "7", "--format", format, "--out", clean}).exit_code, 0);
  std::string registry = slurp(clean);
  ASSERT_GT(registry.size(), 2000u);
  int with_invalid_utf8 = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    std::string bytes = mutated(registry, seed, 8);
    with_invalid_utf8 += !valid(bytes);
    std::string input = write_temp("mutated" + ext, bytes);
    std::string per_applicant = (scratch_dir() / "per-applicant.csv").string();
    SCOPED_TRACE(format + " registry mutated with seed " + std::to_string(seed));
    CliRun j = zhengce({"simulate", policy, "--input", input, "--format", "json", "--out", per_applicant});
    EXPECT_EQ(j.signal, 0) << j.err;
    EXPECT_TRUE(j.exit_code == 0 || j.exit_code == 1) << j.exit_code << j.err;
    EXPECT_TRUE(valid(j.out));
    EXPECT_TRUE(nlohmann::json::accept(j.out)) << j.out;
    EXPECT_TRUE(valid(slurp(per_applicant)));
    CliRun t = zhengce({"simulate", policy, "--input", input, "--lang", "en"});
    EXPECT_EQ(t.signal, 0) << t.err;
    EXPECT_EQ(t.exit_code, j.exit_code);
    EXPECT_TRUE(valid(t.out));
  }
  EXPECT_GT(with_invalid_utf8, 20);  // the test exercises what it is about
}

TEST(ExternalText, MutatedCsvRegistriesNeverCrashAnyOutput) { check_mutated_registries("csv"); }
TEST(ExternalText, MutatedJsonlRegistriesNeverCrashAnyOutput) { check_mutated_registries("jsonl"); }

// One registry with a bad byte in the id, in a header name and in a value: the whole per-applicant
// file and the problem report, each bad byte shown as U+FFFD.
TEST(ExternalText, SimulateShowsEachBadByteAsAReplacementCharacter) {
  std::string policy = write_temp("toy.zc", kToy);
  std::string input = write_temp("bad-bytes.csv",
                                 "编号,首次通过认定,研发投入,备\xFF注\n"
                                 "QY\xFE" "1,否,1000,x\n"
                                 "QY2,\xE5\xA6,1000,x\n");
  std::string per_applicant = (scratch_dir() / "per-applicant.csv").string();
  CliRun r = zhengce({"simulate", policy, "--input", input, "--format", "json", "--out", per_applicant});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["registry"]["ignored_columns"], nlohmann::json::array({"备" + kFffd + "注"}));
  EXPECT_EQ(j["problems"], nlohmann::json::parse(
                               R"([{"line": 3, "kind": "bad_row", "message": "第 3 行：「首次通过认定」的值「)" + kFffd + kFffd +
                               R"(」无法读取：应为是否（true/false 或 是/否），例如 true"}])"));
  EXPECT_EQ(slurp(per_applicant),
            "行号,编号,状态,认定补助,研发补助,合计:区财政\n"
            "2,QY" + kFffd + "1,已求值,,100,100\n"
            "3,QY2,坏行,,,\n");
}

// File names are text from outside too: the facts file's name in run's JSON, the policy's name in
// check's JSON, SARIF and GitHub annotations (and in the bytecode, whose strings must be UTF-8).
TEST(ExternalText, FileNamesWithBadBytesInEveryFormat) {
  std::string policy = write_temp("toy.zc", kToy);
  std::string facts = write_temp("a\xFF.json", R"({"研发投入": "100万元"})");
  CliRun run = zhengce({"run", policy, "--facts", facts, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["facts"], valid_utf8(facts));

  std::string good = write_temp("good\xFE.zc", kToy);
  CliRun ok = zhengce({"check", "--format", "json", good});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(nlohmann::json::accept(ok.out)) << ok.out;

  std::string bad = write_temp("bad\xFE.zc", "政策“x”。\n出资方「区财政」：本级，默认。\n规则「甲」：对「未声明」的企业，给予1万元。\n");
  for (const char* format : {"json", "sarif", "github", "human"}) {
    SCOPED_TRACE(format);
    CliRun r = zhengce({"check", "--color", "never", "--format", format, bad});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(valid(r.out));
    EXPECT_TRUE(valid(r.err));
  }
  CliRun j = zhengce({"check", "--format", "json", bad});
  EXPECT_EQ(nlohmann::json::parse(j.out)["diagnostics"][0]["file"], valid_utf8(bad));
  CliRun gh = zhengce({"check", "--format", "github", bad});
  EXPECT_EQ(gh.out.substr(0, gh.out.find(",line=")), "::error file=" + valid_utf8(bad));
}

}  // namespace
}  // namespace zc::testing
