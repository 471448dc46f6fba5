// The registry simulator: exact totals on a small hand-computed registry (whole summary), the same
// results whatever the thread count and chunking, bad rows with their line numbers, CSV and JSONL
// giving the same results, the cell fast path agreeing with facts files, exact and bracketed
// percentiles, and the CLI's exit codes.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <functional>
#include <thread>

#include "nlohmann/json.hpp"
#include "sim/simulate.h"
#include "sim/summary.h"
#include "sim/synth.h"
#include "tests/cli/support.h"
#include "tests/engines/support.h"

namespace zc::test {
namespace {

using zc::testing::CliRun;
using zc::testing::write_temp;
using zc::testing::zhengce;

const char* kPolicy =
    "政策“模拟测试政策”。\n"
    "发文机关“某区人民政府”。\n"
    "发文日期：2024年2月21日。\n"
    "舍入：四舍五入到分。\n"
    "出资方「区财政」：本级，默认。\n"
    "出资方「市财政」：上级。\n"
    "事实「首次认定」、「平台」、「择优对象」、「人才」、「项目」：是否，默认否。\n"
    "事实「市到位资金」：金额，来自「市财政」。\n"
    "事实「级别」：选项（「国家级」、「省级」、「无」），默认「无」。\n"
    "第1条“培育高企”。\n"
    "规则「认定补助」：对「首次认定」的企业，给予10万元补助。\n"
    "规则「配套」：对「首次认定」的企业，区财政按「市到位资金」的20%给予补助，单个项目不超过5万元。\n"
    "规则「平台奖励」：对「级别」为国家级、省级的，分别给予100万元、50万元奖励。\n"
    "规则「择优支持」：对「择优对象」，区财政择优给予20万元。\n"
    "规则「酌定补助」：对「平台」，给予最高30万元补助。\n"
    "规则「人才待遇」：对「人才」，享受“人才服务”。\n"
    "规则「项目资助」：对「项目」，择优给予资助，金额未明确。\n"
    "约束「项目平均强度」：「项目资助」每个项目平均支持强度不高于50万元。\n"
    "约束「酌定平均强度」：「酌定补助」每个项目平均支持强度不高于20万元。\n";

// Hand-computed: 配套 is 20% of 市到位资金 capped at 5万元 (A2: 60000.10 → 50000; A5: 2469.134 →
// 2469.13); A4 lacks 市到位资金, which 配套 needs; 区财政 per applicant: A1 [112万, 142万],
// A2 [65万, 85万], A4 [60万, 90万], A5 102469.13.
const char* kRegistry =
    "编号,首次认定,市到位资金,级别,择优对象,平台,人才,项目\n"
    "A1,是,100000,国家级,否,是,否,是\n"
    "A2,是,300000.5,省级,是,否,是,否\n"
    "A3,否,,无,否,否,否,否\n"
    "A4,是,,省级,否,是,否,是\n"
    "A5,true,12345.67,,false,,,\n";

struct Compiled {
  std::shared_ptr<const Module> module;
  std::vector<sim::SimPolicy> policies;
};

Compiled small_policy() {
  Compiled c;
  c.module = compile_policy_file(write_temp("small.zc", kPolicy));
  c.policies.push_back(sim::SimPolicy{"small", c.module.get()});
  return c;
}


TEST(Simulate, SmallRegistryExactSummary) {
  Compiled c = small_policy();
  ASSERT_TRUE(c.module);
  std::string reg = write_temp("small.csv", kRegistry);
  sim::SimOptions o;
  o.input = reg;
  o.threads = 2;
  o.out_path = write_temp("small.out.csv", "");
  sim::SimResult r;
  std::string ezh, een;
  ASSERT_TRUE(sim::simulate(c.policies, o, r, ezh, een)) << ezh;
  sim::SummaryOptions so;
  so.input = "small.csv";
  EXPECT_EQ(sim::summary_text(c.policies, r, so),
            "模拟：登记册 small.csv（引擎 vm，2 个线程）\n"
            "数据行 5，已求值 5，坏行 0，含无法计算规则的行 1\n"
            "\n"
            "━━ 模拟测试政策（small）\n"
            "申请人 5，获本级资助 4\n"
            "\n"
            "  出资方          受益数                            合计             P50               P90              最高\n"
            "  区财政（本级）       4  247.246913万元至327.246913万元  60万元至85万元  112万元至142万元  112万元至142万元\n"
            "  市财政（上级）       0                             0元              —                —                —\n"
            "\n"
            "  条款                受益数  合计（本级）         P50         P90         P99        最高\n"
            "  第1条 「认定补助」       4        40万元      10万元      10万元      10万元      10万元\n"
            "  第1条 「配套」           3  7.246913万元       2万元       5万元       5万元       5万元\n"
            "    · 无法计算 1（缺「市到位资金」 1）\n"
            "  第1条 「平台奖励」       3       200万元      50万元     100万元     100万元     100万元\n"
            "  第1条 「择优支持」       1    最高20万元  最高20万元  最高20万元  最高20万元  最高20万元\n"
            "    · 择优 1\n"
            "  第1条 「酌定补助」       2    最高60万元  最高30万元  最高30万元  最高30万元  最高30万元\n"
            "  第1条 「人才待遇」       1            —          —          —          —          —\n"
            "    · 待遇 1\n"
            "  第1条 「项目资助」       2            —          —          —          —          —\n"
            "    · 择优 2，金额未明确 2\n"
            "  合计为区间[最少, 最多]：择优按[0, 金额]计；一事一议、金额未明确、待遇与扣除不计入。P50/P90/P99 "
            "为有金额的受益者中的最近秩百分位。\n"
            "\n"
            "  约束\n"
            "    「项目平均强度」（第1条）：「项目资助」每个项目平均支持强度不高于50万元\n"
            "      2 个受益者的金额未明确，约束给出其合计：合计 ≤ 2 × 50万元 = 100万元\n"
            "    「酌定平均强度」（第1条）：「酌定补助」每个项目平均支持强度不高于20万元\n"
            "      平均 0元至30万元 ≤ 20万元（2 个受益者） → 待定：取决于尚未确定的金额\n"
            "\n"
            "问题行\n"
            "  第 5 行：规则「配套」需要事实「市到位资金」（没有默认值）\n");
  EXPECT_EQ(slurp(o.out_path),
            "行号,编号,状态,认定补助,配套,平台奖励,择优支持,酌定补助,人才待遇,项目资助,合计:区财政,合计:市财政\n"
            "2,A1,已求值,100000,20000,1000000,,0~300000,,金额未明确,1120000~1420000,0\n"
            "3,A2,已求值,100000,50000,500000,择优:0~200000,,适用,,650000~850000,0\n"
            "4,A3,已求值,,,,,,,,0,0\n"
            "5,A4,部分无法计算,100000,无法计算,500000,,0~300000,,金额未明确,600000~900000,0\n"
            "6,A5,已求值,100000,2469.13,,,,,,102469.13,0\n");
}

TEST(Simulate, JsonSummaryHasExactDecimalStrings) {
  Compiled c = small_policy();
  ASSERT_TRUE(c.module);
  sim::SimOptions o;
  o.input = write_temp("small.csv", kRegistry);
  sim::SimResult r;
  std::string ezh, een;
  ASSERT_TRUE(sim::simulate(c.policies, o, r, ezh, een)) << ezh;
  auto j = nlohmann::json::parse(sim::summary_json(c.policies, r, sim::SummaryOptions{false, "small.csv"}));
  EXPECT_EQ(j["registry"]["rows"], 5);
  EXPECT_EQ(j["registry"]["rows_with_errors"], 1);
  const auto& p = j["policies"][0];
  EXPECT_EQ(p["payers"][0]["total"], (nlohmann::json{{"min", "2472469.13"}, {"max", "3272469.13"}}));
  EXPECT_EQ(p["clauses"][1]["total_local"], (nlohmann::json{{"min", "72469.13"}, {"max", "72469.13"}}));
  EXPECT_EQ(p["clauses"][1]["error_causes"][0]["fact"], "市到位资金");
  EXPECT_EQ(p["clauses"][1]["distribution"]["percentiles"][2], (nlohmann::json{{"p", 50}, {"min", "20000"}, {"max", "20000"}}));
  EXPECT_EQ(p["constraints"][0]["verdict"], "bound");
  EXPECT_EQ(p["constraints"][0]["bound"], "1000000");
  EXPECT_EQ(p["constraints"][1]["verdict"], "undetermined");
  EXPECT_EQ(p["constraints"][1]["average"], (nlohmann::json{{"min", "0"}, {"max", "300000"}}));
  EXPECT_EQ(j["problems"][0], (nlohmann::json{{"line", 5}, {"kind", "not_computable"}, {"message", "第 5 行：规则「配套」需要事实「市到位资金」（没有默认值）"}}));
}

// Item lists (清单) in a registry: a JSON array of objects per list, in a JSONL line or as the text of a CSV
// cell; the two give the same results, and a malformed list is a bad row with its line and reason.
TEST(Simulate, ItemListsInJsonlAndCsv) {
  Compiled c;
  c.module = compile_policy_file(write_temp("items.zc",
                                            "出资方「区财政」：本级，默认。\n事实「技术合同」：清单（项）。\n"
                                            "事实「技术交易额」：金额，属于「技术合同」，默认0元。\n"
                                            "规则「技术合同奖励」：按「技术交易额」的5%给予奖励，单个「技术合同」奖励不超过20万元，同一单位年度最高奖励100万元。\n"));
  ASSERT_TRUE(c.module);
  c.policies.push_back(sim::SimPolicy{"items", c.module.get()});
  auto run = [&](const std::string& name, const std::string& text, sim::SimResult& r) {
    sim::SimOptions o;
    o.input = write_temp(name, text);
    if (name.size() > 6 && name.substr(name.size() - 6) == ".jsonl") o.format = sim::RegistryFormat::Jsonl;
    std::string ezh, een;
    ASSERT_TRUE(sim::simulate(c.policies, o, r, ezh, een)) << ezh;
  };
  // A1: 15万元 + min(25万元, 20万元) = 35万元; A2: no items, 不予支持; A3: bad.
  sim::SimResult jl, csv;
  run("items.jsonl",
      "{\"编号\": \"A1\", \"技术合同\": [{\"技术交易额\": \"300万元\"}, {\"技术交易额\": 5000000}]}\n"
      "{\"编号\": \"A2\", \"技术合同\": []}\n"
      "{\"编号\": \"A3\", \"技术合同\": [{\"技术金额\": 1}]}\n",
      jl);
  run("items.csv",
      "编号,技术合同\n"
      "A1,\"[{\"\"技术交易额\"\":\"\"300万元\"\"},{\"\"技术交易额\"\":5000000}]\"\n"
      "A2,\n"
      "A3,\"[{\"\"技术金额\"\":1}]\"\n",
      csv);
  for (const sim::SimResult* r : {&jl, &csv}) {
    std::string shown;
    for (const sim::RowProblem& p : r->problems) shown += std::to_string(p.line) + " " + p.zh + "\n";
    EXPECT_EQ(r->rows, 3u) << (r == &jl ? "jsonl" : "csv") << "\n" << shown;
    EXPECT_EQ(r->evaluated, 2u);
    EXPECT_EQ(r->bad_rows, 1u);
    ASSERT_EQ(r->problems.size(), 1u);
    EXPECT_EQ(r->problems[0].line, r == &jl ? 3u : 4u);
    EXPECT_NE(r->problems[0].zh.find("第1项的「技术金额」不是属于「技术合同」的事实"), std::string::npos) << r->problems[0].zh;
  }
  auto j = nlohmann::json::parse(sim::summary_json(c.policies, jl, sim::SummaryOptions{false, "items.jsonl"}));
  auto k = nlohmann::json::parse(sim::summary_json(c.policies, csv, sim::SummaryOptions{false, "items.jsonl"}));
  EXPECT_EQ(j["policies"][0]["payers"][0]["total"], (nlohmann::json{{"min", "350000"}, {"max", "350000"}}));
  EXPECT_EQ(j["policies"], k["policies"]);
}

// Bad rows are reported with their line numbers and counted, never dropped; the others still count.
TEST(Simulate, BadRowsAreReportedWithTheirLineNumbers) {
  Compiled c = small_policy();
  ASSERT_TRUE(c.module);
  sim::SimOptions o;
  o.input = write_temp("bad.csv",
                       "编号,首次认定,市到位资金,级别\n"
                       "A1,是,100000,国家级\n"
                       "A2,也许,100000,国家级\n"
                       "\n"
                       "A3,是,100000\n"
                       "A4,是,十万元,省级\n"
                       "\"A5,是,1,省级\n"
                       "A6,是,1万元,市级\n");
  o.threads = 3;
  o.chunk_bytes = 16;  // several chunks, so the line numbers cross chunk boundaries
  sim::SimResult r;
  std::string ezh, een;
  ASSERT_TRUE(sim::simulate(c.policies, o, r, ezh, een)) << ezh;
  EXPECT_EQ(r.rows, 6u);
  EXPECT_EQ(r.evaluated, 2u);
  EXPECT_EQ(r.bad_rows, 4u);
  std::string shown;
  for (const sim::RowProblem& p : r.problems) shown += std::to_string(p.line) + (p.bad ? " bad: " : " error: ") + p.zh + "\n";
  EXPECT_EQ(shown,
            "3 bad: 第 3 行：「首次认定」的值「也许」无法读取：应为是否（true/false 或 是/否），例如 true\n"
            "5 bad: 第 5 行：有 3 列，表头有 4 列\n"
            "7 bad: 第 7 行：引号未闭合（单元格内不能换行）\n"
            "8 bad: 第 8 行：「级别」的值「市级」无法读取：应为选项之一（国家级、省级、无），例如 \"国家级\"\n");
  EXPECT_EQ(r.stats[0].clauses[0].awarded, 2u);  // A1 and A4 (十万元 reads as 100000)
}

std::vector<std::string> seed_policy_paths() {
  std::vector<std::string> out;
  for (const char* n : {"dongchangfu-2024", "linqing-2021", "xuecheng-2022", "jinan-2023"}) {
    out.push_back(std::string(ZC_SOURCE_DIR) + "/policies/" + n + ".zc");
  }
  return out;
}

struct Seeds {
  std::vector<std::shared_ptr<const Module>> modules;
  std::vector<sim::SimPolicy> policies;
  std::vector<sim::SynthColumn> columns;
};

Seeds seeds() {
  Seeds s;
  std::vector<const Module*> mods;
  for (const std::string& p : seed_policy_paths()) {
    s.modules.push_back(compile_policy_file(p));
    if (!s.modules.back()) return s;
    mods.push_back(s.modules.back().get());
    s.policies.push_back(sim::SimPolicy{std::filesystem::path(p).stem().string(), mods.back()});
  }
  std::string error;
  auto cols = sim::synth_columns(mods, error);
  EXPECT_TRUE(cols) << error;
  if (cols) s.columns = *cols;
  return s;
}

std::string registry_file(const Seeds& s, uint64_t rows, sim::RegistryFormat f, const std::string& name) {
  std::ostringstream out;
  sim::write_registry(out, s.columns, 2024, rows, f);
  return write_temp(name, out.str());
}

std::string run_json(const Seeds& s, sim::SimOptions o, std::string* per_applicant = nullptr) {
  sim::SimResult r;
  std::string ezh, een;
  if (per_applicant) o.out_path = write_temp("per-applicant.csv", "");
  EXPECT_TRUE(sim::simulate(s.policies, o, r, ezh, een)) << ezh;
  if (per_applicant) *per_applicant = slurp(o.out_path);
  return sim::summary_json(s.policies, r, sim::SummaryOptions{false, "registry"});
}

std::string without_threads(std::string json) {
  auto j = nlohmann::json::parse(json);
  j.erase("threads");
  return j.dump(1);
}

TEST(Simulate, ResultsAreTheSameWhateverTheThreadCountAndChunking) {
  Seeds s = seeds();
  ASSERT_EQ(s.policies.size(), 4u);
  sim::SimOptions o;
  o.input = registry_file(s, 1500, sim::RegistryFormat::Csv, "threads.csv");
  o.threads = 1;
  std::string out1;
  std::string one = without_threads(run_json(s, o, &out1));
  for (unsigned t : {1u, 2u, 3u, 8u}) {
    for (size_t chunk : {size_t{97}, size_t{4096}, size_t{1} << 24}) {
      o.threads = t;
      o.chunk_bytes = chunk;
      std::string outn;
      EXPECT_EQ(without_threads(run_json(s, o, &outn)), one) << t << " threads, chunks of " << chunk;
      EXPECT_EQ(outn, out1) << t << " threads, chunks of " << chunk;
    }
  }
  auto j = nlohmann::json::parse(one);
  EXPECT_EQ(j["registry"]["evaluated"], 1500);
}

// Every chunk size from one byte to the whole file, so that every byte boundary falls in a quoted
// field (with commas and doubled quotes), between the CR and the LF of a line end, in a blank line,
// in a bad row and after the last line (which has no line break): the same summary, problems and
// per-applicant file each time, on 1 and 3 threads.
TEST(Simulate, ChunkBoundariesAnywhereGiveTheSameResults) {
  Compiled c = small_policy();
  ASSERT_TRUE(c.module);
  const std::string text =
      "\xEF\xBB\xBF编号,首次认定,市到位资金,级别,择优对象\r\n"
      "\"A1, \"\"总部\"\"\",是,100000,国家级,否\r\n"
      "\r\n"
      "\"A2\",\"是\",\"300000.5\",省级,是\r\n"
      "A3,也许,1,省级,否\n"
      "\"A4,是,1,省级,否\r\n"
      "A5,true,12345.67,,false\r\n"
      "A6,是,,无,否\r\n"
      "\"A,7\",否,\"1,000\",无,否\r\n"
      "A8,是,99.99,国家级,是";
  sim::SimOptions o;
  o.input = write_temp("boundaries.csv", text);
  o.out_path = write_temp("boundaries.out.csv", "");
  std::string ezh, een;
  auto run = [&](std::string& out) {
    sim::SimResult r;
    EXPECT_TRUE(sim::simulate(c.policies, o, r, ezh, een)) << ezh;
    out = slurp(o.out_path);
    std::string problems;
    for (const sim::RowProblem& p : r.problems) problems += p.zh + "\n";
    return without_threads(sim::summary_json(c.policies, r, sim::SummaryOptions{false, "b"})) + problems;
  };
  o.threads = 1;
  o.chunk_bytes = size_t{1} << 20;
  std::string out1;
  const std::string one = run(out1);
  EXPECT_EQ(out1,
            "行号,编号,状态,认定补助,配套,平台奖励,择优支持,酌定补助,人才待遇,项目资助,合计:区财政,合计:市财政\n"
            "2,\"A1, \"\"总部\"\"\",已求值,100000,20000,1000000,,,,,1120000,0\n"
            "4,A2,已求值,100000,50000,500000,择优:0~200000,,,,650000~850000,0\n"
            "5,A3,坏行,,,,,,,,,\n"
            "6,,坏行,,,,,,,,,\n"
            "7,A5,已求值,100000,2469.13,,,,,,102469.13,0\n"
            "8,A6,部分无法计算,100000,无法计算,,,,,,100000,0\n"
            "9,\"A,7\",坏行,,,,,,,,,\n"
            "10,A8,已求值,100000,20,1000000,择优:0~200000,,,,1100020~1300020,0\n");
  for (unsigned t : {1u, 3u}) {
    for (size_t chunk = 1; chunk <= text.size(); ++chunk) {
      o.threads = t;
      o.chunk_bytes = chunk;
      std::string outn;
      ASSERT_EQ(run(outn), one) << t << " threads, chunks of " << chunk;
      ASSERT_EQ(outn, out1) << t << " threads, chunks of " << chunk;
    }
  }
}

// Standard input (a pipe) is read in order by one worker at a time and gives what the file gives.
// Runs `f` with `bytes` on standard input (a pipe fed by another thread in pieces of 3 333 bytes). An
// `f` that stops reading early must be given less than a pipe holds (64 KiB), or the writer waits.
void with_stdin(const std::string& bytes, const std::function<void()>& f) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const int saved = ::dup(0);
  ::dup2(fds[0], 0);
  ::close(fds[0]);
  std::thread writer([&] {
    size_t at = 0;
    while (at < bytes.size()) {
      ssize_t n = ::write(fds[1], bytes.data() + at, std::min<size_t>(bytes.size() - at, 3333));
      if (n <= 0) break;
      at += static_cast<size_t>(n);
    }
    ::close(fds[1]);
  });
  f();
  writer.join();
  ::dup2(saved, 0);
  ::close(saved);
}

TEST(Simulate, StandardInputGivesTheSameResultsAsTheFile) {
  Seeds s = seeds();
  ASSERT_EQ(s.policies.size(), 4u);
  sim::SimOptions o;
  o.input = registry_file(s, 1000, sim::RegistryFormat::Csv, "piped.csv");
  o.threads = 2;
  o.chunk_bytes = 5000;
  std::string file_out;
  const std::string from_file = run_json(s, o, &file_out);
  const std::string bytes = slurp(o.input);
  o.input = "-";
  std::string pipe_out, from_pipe;
  with_stdin(bytes, [&] { from_pipe = run_json(s, o, &pipe_out); });
  EXPECT_EQ(from_pipe, from_file);
  EXPECT_EQ(pipe_out, file_out);
}

TEST(Simulate, JitGivesTheSameResultsAsTheVm) {
  if (!jit_built()) GTEST_SKIP() << "built without the JIT";
  Seeds s = seeds();
  ASSERT_EQ(s.policies.size(), 4u);
  sim::SimOptions o;
  o.input = registry_file(s, 2000, sim::RegistryFormat::Csv, "engines.csv");
  o.threads = 2;
  std::string vm_out, jit_out;
  auto strip_engine = [](std::string json) {
    auto j = nlohmann::json::parse(json);
    j.erase("engine");
    return j.dump(1);
  };
  std::string vm = strip_engine(run_json(s, o, &vm_out));
  o.engine = EngineKind::Jit;
  EXPECT_EQ(strip_engine(run_json(s, o, &jit_out)), vm);
  EXPECT_EQ(jit_out, vm_out);
}

TEST(Simulate, CsvAndJsonlGiveTheSameResults) {
  Seeds s = seeds();
  ASSERT_EQ(s.policies.size(), 4u);
  sim::SimOptions o;
  o.threads = 2;
  o.input = registry_file(s, 1500, sim::RegistryFormat::Csv, "parity.csv");
  std::string csv_out, jsonl_out;
  std::string csv = run_json(s, o, &csv_out);
  o.input = registry_file(s, 1500, sim::RegistryFormat::Jsonl, "parity.jsonl");
  o.format = sim::RegistryFormat::Jsonl;
  o.chunk_bytes = 3001;  // many chunks, cut inside JSON objects
  std::string jsonl = run_json(s, o, &jsonl_out);
  EXPECT_EQ(jsonl, csv);
  // The per-applicant files agree too (JSONL line n is CSV line n + 1, the header).
  std::istringstream a(csv_out), b(jsonl_out);
  std::string la, lb;
  std::getline(a, la);
  std::getline(b, lb);
  EXPECT_EQ(la, lb);
  size_t n = 0;
  while (std::getline(a, la) && std::getline(b, lb)) {
    ASSERT_EQ(la.substr(la.find(',')), lb.substr(lb.find(','))) << "row " << n;
    ++n;
  }
  EXPECT_EQ(n, 1500u);
}

// The fast paths for plain decimals, percentages, 是/否 and option names read exactly what the
// facts-file reader reads from the same text.
TEST(Simulate, CellFastPathAgreesWithFactsFiles) {
  Seeds s = seeds();
  ASSERT_EQ(s.policies.size(), 4u);
  std::vector<sim::SynthCell> row;
  for (const sim::SimPolicy& p : s.policies) {
    const Module& m = *p.module;
    sim::FactReader reader(m);
    std::vector<int> cols = sim::synth_fact_columns(m, s.columns);
    for (uint64_t i = 0; i < 300; ++i) {
      sim::synth_row(s.columns, 99, i, row);
      for (size_t f = 0; f < m.facts.size(); ++f) {
        if (cols[f] < 0) continue;
        std::string text = sim::synth_text(s.columns[static_cast<size_t>(cols[f])], row[static_cast<size_t>(cols[f])]);
        if (text.empty()) continue;
        FactValue fast;
        ASSERT_TRUE(reader.from_text(static_cast<uint16_t>(f), text, fast)) << text;
        std::string why, example;
        std::optional<FactValue> slow = facts::fact_from_scalar(m, f, sim::csv_scalar(text), why, example);
        ASSERT_TRUE(slow) << text;
        EXPECT_EQ(fast, *slow) << text;
      }
    }
  }
  // Texts that must leave the fast path and still read as facts files read them.
  const Module& m = *s.policies[0].module;
  sim::FactReader reader(m);
  int money = -1;
  for (size_t f = 0; f < m.facts.size(); ++f) {
    if (m.facts[f].type == ValueType::Money) money = static_cast<int>(f);
  }
  ASSERT_GE(money, 0);
  for (const char* t : {"10万元", "-2.5", "007", "1.", ".5", "+5", "1e5", "１０", "1234567890123456789", "12.50"}) {
    FactValue fast;
    bool ok = reader.from_text(static_cast<uint16_t>(money), t, fast);
    std::string why, example;
    std::optional<FactValue> slow = facts::fact_from_scalar(m, static_cast<size_t>(money), sim::csv_scalar(t), why, example);
    EXPECT_EQ(ok, slow.has_value()) << t;
    if (ok && slow) {
      EXPECT_EQ(fast, *slow) << t;
    }
  }
}

// The fast path never accepts what facts files refuse, and never reads a value differently: for
// every fact type, adversarial texts (signs, fractions of counts, exponents, units, full-width
// digits, overlong numbers, impossible dates, option names in 「」) and random strings over the
// characters that matter.
TEST(Simulate, FastPathNeverAcceptsWhatFactsFilesRefuse) {
  Seeds s = seeds();
  ASSERT_EQ(s.policies.size(), 4u);
  const std::vector<std::string> texts = {
      "0", "00", "007", "1", "-1", "+1", "-0", "1.5", "-1.5", "2.0", "0.000", ".5", "5.", "1e5", "1E-2", "12%", "-12%", "12.5%",
      "0.001%", "%", "1%%", "12 %", " 1", "1 ", "１２", "10万元", "3家", "3个", "30分", "2.5家", "999999999999999999",
      "9999999999999999999", "123456789012345678.9", "0.000000000000000001%", "2024-02-21", "2024-02-30", "2023-02-29",
      "2024-2-21", "２０２４-02-21", "-2024-02-21", "2024年2月21日", "是", "否", "true", "false", "True", "是的", "「是」",
      "国家级", "「国家级」", "国家", "无", "其他", "是否", "", "nan", "inf"};
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  const char* alphabet[] = {"0", "1", "5", "9", ".", "-", "+", "%", "e", "家", "万", "元", "是", "否", "级", "-", "0"};
  std::vector<std::string> all = texts;
  for (int i = 0; i < 3000; ++i) {
    std::string t;
    for (uint64_t n = next() % 8; n > 0; --n) t += alphabet[next() % (sizeof alphabet / sizeof *alphabet)];
    all.push_back(t);
  }
  size_t fast_taken = 0;
  for (const sim::SimPolicy& p : s.policies) {
    const Module& m = *p.module;
    sim::FactReader reader(m);
    for (size_t f = 0; f < m.facts.size(); ++f) {
      for (const std::string& t : all) {
        if (t.empty()) continue;
        for (bool csv : {true, false}) {
          FactValue fast;
          if (!reader.fast(static_cast<uint16_t>(f), t, csv, fast)) continue;
          ++fast_taken;
          facts::Scalar v = csv ? sim::csv_scalar(t) : facts::Scalar{facts::Scalar::Kind::String, false, t, {}};
          std::string why, example;
          std::optional<FactValue> slow = facts::fact_from_scalar(m, f, v, why, example);
          ASSERT_TRUE(slow) << "the fast path accepts 「" << t << "」 for 「" << m.str(m.facts[f].name) << "」, facts files do not";
          EXPECT_EQ(fast, *slow) << t;
        }
        // The same text as a JSON number (JSONL): read exactly as facts files read it, or refused as they refuse it.
        facts::Scalar num{facts::Scalar::Kind::Number, false, t, {}};
        FactValue got;
        const bool ok = reader.from_scalar(static_cast<uint16_t>(f), num, got);
        std::string why, example;
        std::optional<FactValue> slow = facts::fact_from_scalar(m, f, num, why, example);
        ASSERT_EQ(ok, slow.has_value()) << t;
        if (ok) {
          EXPECT_EQ(got, *slow) << t;
        }
      }
    }
  }
  EXPECT_GT(fast_taken, 1000u);  // the fast path is really taken
}

TEST(Simulate, PercentilesAreExactThenBracketed) {
  sim::ValueCounter exact;
  for (int64_t v = 1; v <= 1000; ++v) exact.add(Rational(v));
  ASSERT_TRUE(exact.exact());
  EXPECT_EQ(exact.percentile(50)->lo, Rational(500));
  EXPECT_EQ(exact.percentile(99)->hi, Rational(990));
  EXPECT_EQ(exact.percentile(100)->lo, Rational(1000));

  // Past kMaxDistinct distinct values the counter buckets; every percentile is then a bracket
  // that contains the exact value and is at most 1/64 wide.
  sim::ValueCounter a, b, all;
  std::vector<Rational> values;
  for (int64_t v = 0; v < 20000; ++v) values.push_back(*Rational::make(v * 7919 % 1000003, 100));
  for (size_t i = 0; i < values.size(); ++i) {
    (i % 3 == 0 ? a : b).add(values[i]);
    all.add(values[i]);
  }
  a.merge(b);
  ASSERT_FALSE(all.exact());
  std::vector<Rational> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (unsigned p : {1u, 10u, 50u, 90u, 99u, 100u}) {
    auto x = all.percentile(p);
    auto y = a.percentile(p);
    ASSERT_TRUE(x && y);
    EXPECT_EQ(x->lo, y->lo) << p;  // merging partial counters gives the same buckets
    EXPECT_EQ(x->hi, y->hi) << p;
    const Rational& truth = sorted[(p * sorted.size() + 99) / 100 - 1];
    EXPECT_LE(x->lo, truth) << p;
    EXPECT_GE(x->hi, truth) << p;
    if (x->lo.sign() > 0) {
      EXPECT_LE(*x->hi.sub(x->lo), *x->lo.mul(*Rational::make(2, 64))) << p;  // the bucket's relative width
    }
  }
}

// A distribution counts an exact award once; its two ends must still be what counting each end
// separately gives, value for value, exact and bucketed, however the rows were split.
TEST(Simulate, DistributionEndsAreTheEndsCountedApart) {
  for (int64_t distinct : {50, 3000}) {
    sim::CounterPair pair, half;
    sim::ValueCounter lo, hi;
    for (int64_t i = 0; i < 9000; ++i) {
      Rational a = *Rational::make(i % distinct * 137 + 1, 100);
      Interval v = i % 4 == 0 ? Interval{Rational(0), a} : Interval::exact(a);  // some selective [0, hi]
      (i % 2 == 0 ? pair : half).add(v);
      lo.add(v.lo);
      hi.add(v.hi);
    }
    pair.merge(half);
    for (const auto& [got, want] : {std::pair{pair.lo(), lo}, std::pair{pair.hi(), hi}}) {
      EXPECT_EQ(got.count(), want.count());
      EXPECT_EQ(got.exact(), want.exact()) << distinct;
      EXPECT_EQ(got.min(), want.min());
      EXPECT_EQ(got.max(), want.max());
      for (unsigned p : {1u, 10u, 50u, 90u, 99u, 100u}) {
        EXPECT_EQ(got.percentile(p)->lo, want.percentile(p)->lo) << distinct << " p" << p;
        EXPECT_EQ(got.percentile(p)->hi, want.percentile(p)->hi) << distinct << " p" << p;
      }
    }
  }
}

// A line is held whole while it is read: past SimOptions::max_line_bytes the run stops with an error
// that says where the line starts, for a data line (from a file, at any chunk size and thread count,
// and from standard input) and for the header.
TEST(Simulate, ALineLongerThanTheLimitStopsTheRun) {
  Compiled c = small_policy();
  const std::string head = "编号,首次认定,市到位资金\nA1,是,100000\n";
  const std::string text = head + "A2,否," + std::string(1000, '1') + "\nA3,否,\n";
  const std::string where = "从第 " + std::to_string(head.size() + 1) + " 字节起的一行超过 200 字节仍未换行";
  sim::SimOptions o;
  o.input = write_temp("long-line.csv", text);
  o.max_line_bytes = 200;
  for (unsigned t : {1u, 2u})
    for (size_t chunk : {size_t{7}, size_t{64}, size_t{150}}) {
      o.threads = t;
      o.chunk_bytes = chunk;
      sim::SimResult r;
      std::string zh, en;
      EXPECT_FALSE(sim::simulate(c.policies, o, r, zh, en)) << t << " threads, chunks of " << chunk;
      EXPECT_NE(zh.find(where), std::string::npos) << zh;
      EXPECT_NE(en.find("starting at byte " + std::to_string(head.size() + 1) + " runs past 200 bytes"), std::string::npos) << en;
    }
  // The same registry under the default limit is read (the long cell is a bad amount, not a failure).
  o.max_line_bytes = sim::SimOptions{}.max_line_bytes;
  sim::SimResult fine;
  std::string zh, en;
  EXPECT_TRUE(sim::simulate(c.policies, o, fine, zh, en)) << zh;
  // Standard input.
  o.max_line_bytes = 200;
  o.chunk_bytes = 64;
  o.input = "-";
  sim::SimResult piped;
  std::string pzh, pen;
  with_stdin(text, [&] { EXPECT_FALSE(sim::simulate(c.policies, o, piped, pzh, pen)); });
  EXPECT_NE(pzh.find(where), std::string::npos) << pzh;
  // The header.
  o.input = write_temp("long-header.csv", "编号," + std::string(300, 'x') + "\nA1\n");
  sim::SimResult h;
  std::string hzh, hen;
  EXPECT_FALSE(sim::simulate(c.policies, o, h, hzh, hen));
  EXPECT_EQ(hzh, "登记册「" + o.input + "」的第 1 行超过 200 字节仍未换行（不是每行一个申请人的登记册？）");
}

TEST(Simulate, CliExitCodes) {
  std::string policy = write_temp("small.zc", kPolicy);
  std::string good = write_temp("good.csv", "编号,首次认定,市到位资金\nA1,是,100000\nA2,否,\n");
  CliRun ok = zhengce({"simulate", policy, "--input", good, "--format", "json", "--threads", "2"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out)["registry"]["evaluated"], 2);
  CliRun bad = zhengce({"simulate", policy, "--input", write_temp("bad.csv", "首次认定\n也许\n")});
  EXPECT_EQ(bad.exit_code, 1);
  CliRun missing = zhengce({"simulate", policy, "--input", "/nonexistent/registry.csv"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "错误：无法读取登记册「/nonexistent/registry.csv」\n");
  CliRun dup = zhengce({"simulate", policy, "--input", write_temp("dup.csv", "首次认定,「首次认定」\n是,是\n")});
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_EQ(dup.err, "错误：登记册「" + std::string(write_temp("dup.csv", "首次认定,「首次认定」\n是,是\n")) +
                         "」的表头有误：表头第 2 列「首次认定」重复\n");
}

TEST(Simulate, GenRegistryIsDeterministic) {
  std::string policy = write_temp("small.zc", kPolicy);
  CliRun a = zhengce({"gen-registry", policy, "--rows", "50", "--seed", "11"});
  CliRun b = zhengce({"gen-registry", policy, "--rows", "50", "--seed", "11"});
  CliRun c = zhengce({"gen-registry", policy, "--rows", "50", "--seed", "12"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  EXPECT_EQ(a.out.substr(0, a.out.find('\n')), "编号,首次认定,平台,择优对象,人才,项目,市到位资金,级别");
  EXPECT_EQ(std::count(a.out.begin(), a.out.end(), '\n'), 51);
}

// The sample registry the demo simulates is what gen-registry writes for the four seed policies.
TEST(Simulate, ShippedSampleRegistryIsCurrent) {
  std::vector<std::string> args = {"gen-registry"};
  for (const std::string& p : seed_policy_paths()) args.push_back(p);
  for (const char* a : {"--rows", "300", "--seed", "2024"}) args.emplace_back(a);
  CliRun r = zhengce(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out == slurp(std::string(ZC_SOURCE_DIR) + "/policies/examples/registry-sample.csv"))
      << "regenerate it: build/zhengce gen-registry policies/dongchangfu-2024.zc policies/linqing-2021.zc "
         "policies/xuecheng-2022.zc policies/jinan-2023.zc --rows 300 --seed 2024 --out policies/examples/registry-sample.csv";
}

}  // namespace
}  // namespace zc::test
