// zhengce_bench: applicants per second for the VM, the JIT and the hand-written reference on the
// four seed policies; registry rows per second for `simulate` on 1 and 2 threads; and the front
// end's MB/s on a generated policy corpus. Google Benchmark measures; the last line printed is
//   ratio vm/ref=A jit/ref=B 2threads/1thread=C frontend_MBps=D
// (A and B: how many times slower than the reference). Speed is reported here, never asserted.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
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
  benchmark::RegisterBenchmark("frontend/corpus", bm_frontend)->MinTime(2.0)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  Recorder rec;
  benchmark::RunSpecifiedBenchmarks(&rec);
  benchmark::Shutdown();
  if (g_registry_written) std::filesystem::remove(registry_path());
  auto fe = rec.bytes.find("frontend/corpus");
  char mbps[32] = "n/a";
  if (fe != rec.bytes.end()) std::snprintf(mbps, sizeof mbps, "%.1f", fe->second / 1e6);
  std::cout << "ratio vm/ref=" << ratio(rec.items, "engine/vm", "engine/reference")
            << " jit/ref=" << ratio(rec.items, "engine/jit", "engine/reference")
            << " 2threads/1thread=" << ratio(rec.items, "simulate/threads:1", "simulate/threads:2")
            << " frontend_MBps=" << mbps << "\n";
  return 0;
}
