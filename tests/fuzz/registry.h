// The registry targets (registry_csv.cpp, registry_jsonl.cpp): a registry as `zhengce simulate`
// reads it, through sim::simulate() — the public entry point, whatever the reader does inside —
// to every output: the summary as text (both languages) and JSON, and the per-applicant CSV. The
// policy has a fact of every type (tests/fuzz/policies/all-types.zc). Invariants: every output is
// valid UTF-8, the JSON parses, rows = evaluated + bad rows, and reading 64-byte chunks gives the
// same summary and per-applicant file as reading 1 MiB chunks (on two threads, for some inputs).
#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string_view>

#include "base/utf8.h"
#include "compiler/driver.h"
#include "nlohmann/json.hpp"
#include "sim/simulate.h"
#include "sim/summary.h"
#include "tests/fuzz/harness.h"

namespace zc::fuzz {

inline const Module& registry_policy() {
  static const std::shared_ptr<Module> m = [] {
    std::ifstream in(std::filesystem::path(ZC_SOURCE_DIR) / "tests/fuzz/policies/all-types.zc", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    SourceManager sm;
    DiagSink sink;
    CompileResult r = compile(sm, sm.add("all-types.zc", ss.str()), sink);
    require(r.module.has_value(), "the fuzzing policy does not compile");
    return std::make_shared<Module>(std::move(*r.module));
  }();
  return *m;
}

// A directory of this process's own for the registry and the per-applicant file.
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("zhengce-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void run_registry(std::string_view input, sim::RegistryFormat format) {
  const char* ext = format == sim::RegistryFormat::Csv ? "registry.csv" : "registry.jsonl";
  std::string path = (scratch() / ext).string();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(input.data(), static_cast<std::streamsize>(input.size()));
  std::vector<sim::SimPolicy> policies{sim::SimPolicy{"all-types", &registry_policy()}};

  std::string summaries[2], per_applicant[2];
  for (int run = 0; run < 2; ++run) {
    sim::SimOptions o;
    o.input = path;
    o.format = format;
    // Two threads for one input in eight (chosen by its hash, so a replay does the same): starting
    // threads costs more than simulating a small registry, and the fuzzer's speed is its reach.
    o.threads = run == 1 && std::hash<std::string_view>{}(input) % 8 == 0 ? 2 : 1;
    o.chunk_bytes = run == 0 ? 64 : size_t{1} << 20;
    o.shown_problems = 1000;
    o.out_path = (scratch() / "per-applicant.csv").string();
    sim::SimResult r;
    std::string ezh, een;
    if (!sim::simulate(policies, o, r, ezh, een)) return;  // no usable header: a message, nothing else
    require(r.rows == r.evaluated + r.bad_rows, "rows != evaluated + bad rows");
    per_applicant[run] = slurp(o.out_path);
    // Text once per run, in one language each: the two differ only in their labels.
    std::string text = sim::summary_text(policies, r, sim::SummaryOptions{run == 1, "registry"});
    std::string json = sim::summary_json(policies, r, sim::SummaryOptions{false, "registry"});
    require(!utf8_first_invalid(text).has_value(), "a text summary is not valid UTF-8");
    require(!utf8_first_invalid(per_applicant[run]).has_value(), "the per-applicant CSV is not valid UTF-8");
    require(!utf8_first_invalid(json).has_value(), "the JSON summary is not valid UTF-8");
    auto j = nlohmann::json::parse(json, nullptr, false);
    require(!j.is_discarded(), "the JSON summary does not parse");
    j.erase("threads");
    summaries[run] = j.dump();
  }
  require(summaries[0] == summaries[1], "the summary depends on the thread count or the chunk size");
  require(per_applicant[0] == per_applicant[1], "the per-applicant file depends on the thread count or the chunk size");
}

}  // namespace zc::fuzz
