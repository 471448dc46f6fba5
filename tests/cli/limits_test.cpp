// The limits of what a user feeds the CLI, each tested at the limit and just past it (Wren's
// test/limit style; the compiler's own limits are in tests/syntax/limits_test.cpp). Past a limit
// the user gets a diagnostic and exit 1, never a crash, a hang or a flood. docs/reliability.md
// lists every limit with its message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "facts/facts.h"
#include "nlohmann/json.hpp"
#include "tests/cli/support.h"

namespace zc::testing {
namespace {

namespace fs = std::filesystem;

const char* kPolicy =
    "政策“限度”。\n"
    "出资方「区财政」：本级，默认。\n"
    "事实「研发投入」：金额。\n"
    "规则「研发补助」：区财政按「研发投入」的10%给予补助，单个项目不超过50万元。\n";

// A file of `size` bytes, all NUL, without writing them (a sparse file).
std::string sparse_file(const std::string& name, uintmax_t size) {
  std::string path = write_temp(name, "");
  fs::resize_file(path, size);
  return path;
}

TEST(CliLimits, FactsFileSize) {
  std::string policy = write_temp("p.zc", kPolicy);
  const uintmax_t limit = zc::facts::kMaxFactsFileBytes;
  // At the limit the file is read (and is not JSON); one byte past it, it is refused unread.
  CliRun at = zhengce({"run", "--color", "never", policy, "--facts", sparse_file("at.json", limit)});
  EXPECT_EQ(at.exit_code, 1);
  EXPECT_EQ(at.err.substr(0, at.err.find('\n')), "错误[E0805]: 事实文件不是有效的 JSON：" + (scratch_dir() / "at.json").string() +
                                                     "：第 1 个字符附近：[json.exception.parse_error.101] parse error at line 1, column 1: syntax "
                                                     "error while parsing value - unexpected end of input; expected '[', '{', or a literal");
  CliRun past = zhengce({"run", "--color", "never", policy, "--facts", sparse_file("past.json", limit + 1)});
  EXPECT_EQ(past.exit_code, 1);
  EXPECT_EQ(past.err, "错误[E0807]: 事实文件过大（67108865 字节，上限 67108864 字节）\n"
                      "  = 帮助: 事实文件只列一个申请人的事实：检查是否给错了文件（整个登记册请用 zhengce simulate）\n\n发现 1 个错误\n");
  fs::remove(scratch_dir() / "at.json");
  fs::remove(scratch_dir() / "past.json");
}

// A million keys no policy declares, on one line of 25 MB: the first 20 problems, each with a window of
// the line around its key, and a count of the rest (tests/cli/limits/million-keys.expected; {FILE}
// stands for the facts file's path). Once each problem printed the whole line: 475 MB of output.
TEST(CliLimits, FactsFileWithAMillionKeys) {
  std::string policy = write_temp("p.zc", kPolicy);
  std::string json = "{\"研发投入\": \"100万元\"";
  for (int i = 0; i < 1000000; ++i) json += ", \"未知" + std::to_string(i) + "\": " + std::to_string(i);
  json += "}";
  std::string facts = write_temp("million.json", json);
  CliRun r = zhengce({"run", "--color", "never", policy, "--facts", facts});
  EXPECT_EQ(r.exit_code, 1);
  std::string want = slurp(std::string(ZC_SOURCE_DIR) + "/tests/cli/limits/million-keys.expected");
  for (size_t at = want.find("{FILE}"); at != std::string::npos; at = want.find("{FILE}", at + facts.size())) want.replace(at, 6, facts);
  EXPECT_EQ(r.err, want);
  fs::remove(facts);
}

// A facts file whose item list holds a million items (issue 11 form 12; 17 MB of JSON): read and summed
// exactly through the CLI, 5元 an item. The same list on one registry line is past the 16 MiB line limit
// (Simulate.ALineLongerThanTheLimitStopsTheRun); in a facts file there is no limit but memory.
TEST(CliLimits, FactsFileWithAMillionItems) {
  std::string policy = write_temp("items.zc",
                                  "出资方「区财政」：本级，默认。\n"
                                  "事实「技术合同」：清单（项）。\n"
                                  "事实「技术交易额」：金额，属于「技术合同」，默认0元。\n"
                                  "规则「技术合同奖励」：按「技术交易额」的5%给予奖励，单个「技术合同」奖励不超过20万元。\n");
  std::string json = "{\"技术合同\": [";
  for (int i = 0; i < 1000000; ++i) json += i ? ", {\"技术交易额\": 100}" : "{\"技术交易额\": 100}";
  json += "]}";
  std::string facts = write_temp("million-items.json", json);
  CliRun r = zhengce({"run", "--color", "never", policy, "--facts", facts, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["totals"][0]["max"], "5000000.00") << r.out.substr(0, 2000);
  fs::remove(facts);
}

const std::string kHelp805 = "  = 帮助: 事实文件应为一个对象，如 {\"「事实」\": \"10万元\"}\n\n发现 1 个错误\n";

// Nesting a million deep: refused at the first level, whatever the depth (the reader does not recurse).
TEST(CliLimits, DeeplyNestedJson) {
  std::string policy = write_temp("p.zc", kPolicy);
  CliRun arrays = zhengce({"run", "--color", "never", policy, "--facts", write_temp("deep.json", std::string(1000000, '['))});
  EXPECT_EQ(arrays.exit_code, 1);
  EXPECT_EQ(arrays.err, "错误[E0805]: 事实文件不是有效的 JSON：" + (scratch_dir() / "deep.json").string() + "：顶层应是一个对象 {…}\n" + kHelp805);
  std::string objects;
  for (int i = 0; i < 1000000; ++i) objects += "{\"a\":";
  CliRun o = zhengce({"run", "--color", "never", policy, "--facts", write_temp("deep2.json", objects)});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.err, "错误[E0805]: 事实文件不是有效的 JSON：" + (scratch_dir() / "deep2.json").string() +
                       "：「a」的值不能是对象或多层数组：每个事实写一个值，清单写作对象数组 [{…}, {…}]\n" + kHelp805);
  // The same line in a JSONL registry is one bad row; the other rows count.
  std::string registry = write_temp("deep.jsonl", "{\"研发投入\": 1000}\n" + std::string(1000000, '[') + "\n{\"研发投入\": 2000}\n");
  CliRun sim = zhengce({"simulate", "--color", "never", policy, "--input", registry, "--format", "json"});
  EXPECT_EQ(sim.exit_code, 1);
  auto j = nlohmann::json::parse(sim.out);
  EXPECT_EQ(j["registry"]["rows"], 3);
  EXPECT_EQ(j["registry"]["bad_rows"], 1);
  EXPECT_EQ(j["problems"][0]["message"], "第 2 行：不是一个扁平的 JSON 对象：顶层应是一个对象 {…}");
}

// A policy of 10 MB (4 317 rules, each with a 2 KB note) compiles, checks and runs its way through
// the CLI; the byte limit itself (64 MiB, E0109) is tested in tests/syntax/limits_test.cpp.
TEST(CliLimits, TenMegabytePolicy) {
  std::string text = "政策“十兆字节的政策”。\n出资方「区财政」：本级，默认。\n";
  std::string repeated;
  for (int k = 0; k < 40; ++k) repeated += "所称研发投入按照企业会计准则归集，";
  int rules = 0;
  while (text.size() < 10u * 1024u * 1024u) {
    std::string i = std::to_string(rules++);
    text += "事实「第" + i + "项研发投入」：金额，默认0元。\n事实「第" + i + "项认定」：是否，默认否。\n第" + std::to_string(rules) + "条“第" + i +
            "项措施”。\n规则「第" + i + "项补助」：对「第" + i + "项认定」的企业，区财政按「第" + i + "项研发投入」的10%给予补助，单个项目不超过50万元。\n" +
            "说明：“本条依据原文第" + i + "款编码，金额以原文为准，" + repeated + "”。\n";
  }
  EXPECT_EQ(rules, 4317);
  std::string policy = write_temp("ten-mb.zc", text);
  CliRun r = zhengce({"check", "--color", "never", policy});
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  EXPECT_EQ(r.err, "未发现问题\n");
  CliRun run = zhengce({"run", "--color", "never", policy, "--facts", write_temp("a.json", R"({"第4316项认定": true, "第4316项研发投入": "80万元"})")});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("第4317条 「第4316项补助」  8万元（区财政）"), std::string::npos);
  fs::remove(policy);
}

}  // namespace
}  // namespace zc::testing
