// zhengce_bench: applicants per second for the VM, the JIT and the hand-written reference on the
// four seed policies; registry rows per second for `simulate` on 1 and 2 threads; the same for
// the toy workload of issue 18 (bench/toy.zc over a generated CSV of 1 000 000 rows) on each
// engine, against a raw read of the same file; and the front end's MB/s on a generated policy
// corpus. Google Benchmark measures; the last two lines printed are
//   simulate toy: vm_2threads=… Mrows/s jit_2threads=… raw_read=… vm/raw=… jit/raw=… vm_2threads/1thread=… jit_2threads/1thread=…
//   ratio vm/ref=A jit/ref=B 2threads/1thread=C frontend_MBps=D
// (A and B: how many times slower than the reference). Speed is reported here, never asserted.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "bench/corpus.h"
#include "bench/reference.h"
#include "compiler/driver.h"
#include "runtime/jit/select.h"
#include "sim/simulate.h"
#include "sim/synth.h"

namespace zc::bench {
namespace {

constexpr uint64_t kApplicants = 4096;  // distinct applicants, cycled through
constexpr uint64_t kRegistryRows = 100000;  // registry-scale: fixed costs (engines, merge) amortised as in real use
constexpr uint64_t kToyRows = 1000000;      // the toy workload: reading dominates, as in issue 18

struct Seeds {
  std::vector<std::unique_ptr<Module>> modules;
  std::vector<std::string> names;
  std::vector<std::vector<std::vector<FactValue>>> facts;  // [policy][applicant]
};

Seeds& seeds() {
  static Seeds s;
  return s;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool load(const std::string& root) {
  Seeds& s = seeds();
  std::vector<const Module*> mods;
  for (const std::string& name : reference_policies()) {
    SourceManager sm;
    DiagSink sink;
    std::string path = root + "/policies/" + name + ".zc";
    CompileResult r = compile(sm, sm.add(path, read_all(path)), sink);
    if (!r.module) {
      std::cerr << "zhengce_bench: " << path << " does not compile\n";
      return false;
    }
    s.modules.push_back(std::make_unique<Module>(std::move(*r.module)));
    s.names.push_back(name);
    mods.push_back(s.modules.back().get());
  }
  std::string error;
  auto cols = sim::synth_columns(mods, error);
  if (!cols) {
    std::cerr << "zhengce_bench: " << error << "\n";
    return false;
  }
  std::vector<sim::SynthCell> row;
  s.facts.resize(mods.size());
  std::vector<std::vector<int>> columns;
  for (const Module* m : mods) columns.push_back(sim::synth_fact_columns(*m, *cols));
  for (uint64_t i = 0; i < kApplicants; ++i) {
    sim::synth_row(*cols, 20240221, i, row);
    for (size_t p = 0; p < mods.size(); ++p) {
      s.facts[p].emplace_back();
      sim::synth_facts(columns[p], row, s.facts[p].back());
    }
  }
  return true;
}

// One iteration = one applicant evaluated on all four policies; eval(p, facts, out) evaluates policy p.
template <typename Eval>
void run_applicants(benchmark::State& state, Eval eval) {
  Seeds& s = seeds();
  std::vector<Evaluation> out(s.modules.size());
  uint64_t i = 0;
  for (auto _ : state) {
    for (size_t p = 0; p < out.size(); ++p) eval(p, s.facts[p][i], out[p]);
    benchmark::DoNotOptimize(out.data());
    i = (i + 1) % kApplicants;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void bm_engine(benchmark::State& state, zc::EngineKind kind) {
  Seeds& s = seeds();
  std::vector<std::unique_ptr<Engine>> engines;
  for (const auto& m : s.modules) {
    std::string error;
    engines.push_back(make_engine(kind, *m, error));
    if (!engines.back()) {
      state.SkipWithError(error.c_str());
      return;
    }
  }
  run_applicants(state, [&](size_t p, const std::vector<FactValue>& f, Evaluation& ev) { engines[p]->evaluate_into(f, EvalOptions{}, ev); });
}

void bm_reference(benchmark::State& state) {
  Seeds& s = seeds();
  std::vector<std::unique_ptr<Reference>> refs;
  for (size_t p = 0; p < s.modules.size(); ++p) {
    std::string error;
    refs.push_back(make_reference(s.names[p], *s.modules[p], error));
    if (!refs.back()) {
      state.SkipWithError(error.c_str());
      return;
    }
  }
  run_applicants(state, [&](size_t p, const std::vector<FactValue>& f, Evaluation& ev) { refs[p]->evaluate_into(f, ev); });
}

bool g_registry_written = false;

std::string registry_path() {
  static std::string path = [] {
    g_registry_written = true;
    Seeds& s = seeds();
    std::vector<const Module*> mods;
    for (const auto& m : s.modules) mods.push_back(m.get());
    std::string error;
    auto cols = sim::synth_columns(mods, error);
    std::string p = (std::filesystem::temp_directory_path() / "zhengce-bench-registry.csv").string();
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    sim::write_registry(out, *cols, 7, kRegistryRows, sim::RegistryFormat::Csv);
    return p;
  }();
  return path;
}

// One iteration = the whole registry simulated on the four policies with `threads` workers.
void bm_simulate(benchmark::State& state, unsigned threads) {
  Seeds& s = seeds();
  std::vector<sim::SimPolicy> policies;
  for (size_t p = 0; p < s.modules.size(); ++p) policies.push_back(sim::SimPolicy{s.names[p], s.modules[p].get()});
  sim::SimOptions o;
  o.input = registry_path();
  o.threads = threads;
  for (auto _ : state) {
    sim::SimResult r;
    std::string ezh, een;
    if (!sim::simulate(policies, o, r, ezh, een) || r.evaluated != kRegistryRows) {
      state.SkipWithError(("simulate failed: " + ezh).c_str());
      return;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRegistryRows));
}

// The toy workload (bench/toy.zc: fixed, tiered, matching, threshold-rate and per-unit awards) and
// its registry, written once to the temporary directory.
struct Toy {
  std::unique_ptr<Module> module;
  std::string path;
};
bool g_toy_written = false;

Toy& toy() {
  static Toy t = [] {
    Toy out;
    const char* root = std::getenv("ZHENGCE_ROOT");
    std::string src = std::string(root ? root : ZC_SOURCE_DIR) + "/bench/toy.zc";
    SourceManager sm;
    DiagSink sink;
    CompileResult r = compile(sm, sm.add(src, read_all(src)), sink);
    if (!r.module) return out;
    out.module = std::make_unique<Module>(std::move(*r.module));
    std::string error;
    auto cols = sim::synth_columns({out.module.get()}, error);
    out.path = (std::filesystem::temp_directory_path() / "zhengce-bench-toy.csv").string();
    std::ofstream f(out.path, std::ios::binary | std::ios::trunc);
    sim::write_registry(f, *cols, 7, kToyRows, sim::RegistryFormat::Csv);
    g_toy_written = true;
    return out;
  }();
  return t;
}

// One iteration = the toy registry read from the page cache and its lines counted, as `wc -l`
// does: the physical limit of reading it on this machine.
void bm_raw_read(benchmark::State& state) {
  const std::string& path = toy().path;
  std::vector<char> buf(1 << 20);
  for (auto _ : state) {
    std::ifstream in(path, std::ios::binary);
    uint64_t lines = 0;
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      const char* p = buf.data();
      const char* end = p + in.gcount();
      while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr) {
        ++lines;
        ++p;
      }
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kToyRows));
}

// CPU time of the whole process (every thread), in seconds.
double process_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// One iteration = `zhengce simulate bench/toy.zc` over the toy registry. Besides rows per second of
// wall-clock time, `rows_per_cpu_s` counts rows per second of CPU time of all threads together:
// on a machine shared with other jobs, that is the figure the other jobs disturb least.
void bm_toy(benchmark::State& state, EngineKind engine, unsigned threads) {
  Toy& t = toy();
  if (!t.module) {
    state.SkipWithError("bench/toy.zc does not compile");
    return;
  }
  std::vector<sim::SimPolicy> policies = {sim::SimPolicy{"toy", t.module.get()}};
  sim::SimOptions o;
  o.input = t.path;
  o.threads = threads;
  o.engine = engine;
  const double cpu0 = process_cpu_seconds();
  for (auto _ : state) {
    sim::SimResult r;
    std::string ezh, een;
    if (!sim::simulate(policies, o, r, ezh, een) || r.evaluated != kToyRows) {
      state.SkipWithError(("simulate failed: " + ezh).c_str());
      return;
    }
  }
  const double cpu = process_cpu_seconds() - cpu0;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kToyRows));
  if (cpu > 0) state.counters["rows_per_cpu_s"] = static_cast<double>(state.iterations() * kToyRows) / cpu;
}

// One iteration = every file of the corpus compiled (parse, check, codegen, verify).
void bm_frontend(benchmark::State& state) {
  static const std::vector<std::string> corpus = policy_corpus(240, 30);
  size_t bytes = 0;
  for (const std::string& f : corpus) bytes += f.size();
  for (auto _ : state) {
    for (size_t i = 0; i < corpus.size(); ++i) {
      SourceManager sm;
      DiagSink sink;
      CompileResult r = compile(sm, sm.add("corpus" + std::to_string(i) + ".zc", corpus[i]), sink);
      if (!r.module) {
        state.SkipWithError(("corpus file " + std::to_string(i) + " does not compile").c_str());
        return;
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

// One iteration = one applicant with a list of 1,000,000 items (清单, issue 11 form 12): 5% of each item's
// amount, capped per item, summed. items_per_second should not fall as the list grows (one pass, no
// per-item allocation): run with --benchmark_filter=items to compare 10^4, 10^5 and 10^6 items.
void bm_items(benchmark::State& state, EngineKind kind) {
  static const char* kPolicy =
      "出资方「区财政」：本级，默认。\n事实「技术合同」：清单（项）。\n事实「技术交易额」：金额，属于「技术合同」，默认0元。\n"
      "规则「技术合同奖励」：按「技术交易额」的5%给予奖励，单个「技术合同」奖励不超过20万元，同一单位年度最高奖励100万元。\n";
  SourceManager sm;
  DiagSink sink;
  CompileResult r = compile(sm, sm.add("items.zc", kPolicy), sink);
  if (!r.module) {
    state.SkipWithError("the item-list policy does not compile");
    return;
  }
  const auto n = static_cast<uint64_t>(state.range(0));
  auto rows = std::make_shared<ItemRows>();
  rows->width = 1;
  rows->count = n;
  rows->cells.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    rows->cells[i].kind = FactValue::Kind::Num;
    rows->cells[i].num = Rational(static_cast<int64_t>(1000 + i % 5000000));
  }
  FactValue list;  // fact 0, the list
  list.kind = FactValue::Kind::Num;
  list.num = Rational(static_cast<int64_t>(n));
  list.items = rows;
  std::vector<FactValue> facts;
  facts.push_back(std::move(list));
  facts.resize(r.module->facts.size());
  std::string error;
  std::unique_ptr<Engine> e = make_engine(kind, *r.module, error);
  if (!e) {
    state.SkipWithError(error.c_str());
    return;
  }
  Evaluation ev;
  for (auto _ : state) {
    e->evaluate_into(facts, EvalOptions{}, ev);
    benchmark::DoNotOptimize(ev);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}

// Prints as the console reporter does and keeps each benchmark's rate.
class Recorder : public benchmark::ConsoleReporter {
 public:
  Recorder() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_Defaults : OO_Tabular) {}
  std::map<std::string, double> items, bytes;
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.error_occurred) continue;
      auto it = r.counters.find("items_per_second");
      if (it != r.counters.end()) items[r.run_name.function_name] = it->second;
      auto bt = r.counters.find("bytes_per_second");
      if (bt != r.counters.end()) bytes[r.run_name.function_name] = bt->second;
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

std::string ratio(const std::map<std::string, double>& m, const std::string& slow, const std::string& fast) {
  auto a = m.find(slow), b = m.find(fast);
  if (a == m.end() || b == m.end() || a->second <= 0) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", b->second / a->second);
  return buf;
}

}  // namespace
}  // namespace zc::bench

int main(int argc, char** argv) {
  using namespace zc::bench;
  const char* root = std::getenv("ZHENGCE_ROOT");
  if (!load(root ? root : ZC_SOURCE_DIR)) return 1;
  benchmark::RegisterBenchmark("engine/vm", bm_engine, zc::EngineKind::Vm)->MinTime(1.0);
  if (zc::jit_built()) benchmark::RegisterBenchmark("engine/jit", bm_engine, zc::EngineKind::Jit)->MinTime(1.0);
  benchmark::RegisterBenchmark("engine/reference", bm_reference)->MinTime(1.0);
  benchmark::RegisterBenchmark("simulate/threads:1", bm_simulate, 1u)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("simulate/threads:2", bm_simulate, 2u)->Iterations(4)->UseRealTime()->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("toy/raw_read", bm_raw_read)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);
  for (unsigned t : {1u, 2u}) {
    benchmark::RegisterBenchmark(("toy/vm/threads:" + std::to_string(t)).c_str(), bm_toy, zc::EngineKind::Vm, t)
        ->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
  }
  if (zc::jit_built()) {
    for (unsigned t : {1u, 2u}) {
      benchmark::RegisterBenchmark(("toy/jit/threads:" + std::to_string(t)).c_str(), bm_toy, zc::EngineKind::Jit, t)
          ->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
    }
  }
  benchmark::RegisterBenchmark("frontend/corpus", bm_frontend)->MinTime(2.0)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("items/vm", bm_items, zc::EngineKind::Vm)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
  if (zc::jit_built())
    benchmark::RegisterBenchmark("items/jit", bm_items, zc::EngineKind::Jit)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  Recorder rec;
  benchmark::RunSpecifiedBenchmarks(&rec);
  benchmark::Shutdown();
  if (g_registry_written) std::filesystem::remove(registry_path());
  if (g_toy_written) std::filesystem::remove(toy().path);
  auto fe = rec.bytes.find("frontend/corpus");
  char mbps[32] = "n/a";
  if (fe != rec.bytes.end()) std::snprintf(mbps, sizeof mbps, "%.1f", fe->second / 1e6);
  auto mrows = [&](const std::string& name) {
    auto it = rec.items.find(name);
    char buf[32] = "n/a";
    if (it != rec.items.end()) std::snprintf(buf, sizeof buf, "%.2fM", it->second / 1e6);
    return std::string(buf);
  };
  std::cout << "simulate toy (" << kToyRows << " rows, rows/s): vm_2threads=" << mrows("toy/vm/threads:2")
            << " jit_2threads=" << mrows("toy/jit/threads:2") << " raw_read=" << mrows("toy/raw_read")
            << " vm/raw=" << ratio(rec.items, "toy/raw_read", "toy/vm/threads:2")
            << " jit/raw=" << ratio(rec.items, "toy/raw_read", "toy/jit/threads:2")
            << " vm_2threads/1thread=" << ratio(rec.items, "toy/vm/threads:1", "toy/vm/threads:2")
            << " jit_2threads/1thread=" << ratio(rec.items, "toy/jit/threads:1", "toy/jit/threads:2") << "\n";
  std::cout << "ratio vm/ref=" << ratio(rec.items, "engine/vm", "engine/reference")
            << " jit/ref=" << ratio(rec.items, "engine/jit", "engine/reference")
            << " 2threads/1thread=" << ratio(rec.items, "simulate/threads:1", "simulate/threads:2")
            << " frontend_MBps=" << mbps << "\n";
  return 0;
}
