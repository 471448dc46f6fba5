// The registry simulator: streams a registry (CSV or JSONL) through N worker threads that parse
// rows, evaluate every applicant on every policy and aggregate exactly. Memory stays flat however
// large the registry is (a bounded number of ~1 MiB chunks in flight); results, bad-row reports
// and the per-applicant file are identical whatever the thread count. It renders no summary
// (summary.h does) and parses no command line (cli/cmd_simulate.cpp does).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/engine.h"
#include "sim/aggregate.h"
#include "sim/registry.h"

namespace zc::sim {

struct SimPolicy {
  std::string name;  // how reports name it (the file name without .zc)
  const Module* module = nullptr;
};

struct SimOptions {
  std::string input;                   // registry path, or "-" for standard input (not for xlsx)
  std::string sheet;                   // xlsx: the worksheet's name ("" for the first)
  RegistryFormat format = RegistryFormat::Csv;
  unsigned threads = 1;                // worker threads (at least 1)
  EngineKind engine = EngineKind::Vm;
  std::string out_path;                // per-applicant CSV, or a workbook when it ends in .xlsx; "" for none
  bool progress = false;               // a progress bar on stderr (the caller checks for a terminal)
  size_t shown_problems = 100;         // rows reported in detail; all are counted
  size_t chunk_bytes = 1 << 20;        // registry bytes per work item (any size ≥ 1 gives the same results)
  // The longest line (the header included) a CSV or JSONL registry may have: a line is held whole
  // while it is read, so a file with no line breaks would otherwise cost memory in proportion to its
  // size. Past it the run stops with an error naming the line's byte offset (docs/reliability.md).
  // Checked on every line that runs past the end of its chunk: every line, when chunk_bytes is not
  // larger (as by default).
  size_t max_line_bytes = size_t{16} << 20;
};

// A row that could not be evaluated (bad) or whose evaluation stopped on some rule (error).
struct RowProblem {
  uint64_t line = 0;  // 1-based line of the registry file
  bool bad = false;   // true: a bad row (not evaluated); false: some rule could not be computed
  std::string zh, en;
};

struct SimResult {
  uint64_t rows = 0;              // data rows read (blank lines are skipped, the header is not a row)
  uint64_t evaluated = 0;         // rows evaluated on every policy
  uint64_t bad_rows = 0;          // rows not evaluated: wrong cell count, unreadable JSON, a bad value
  uint64_t rows_with_errors = 0;  // evaluated rows where some rule of some policy could not be computed
  std::vector<RowProblem> problems;         // the first SimOptions::shown_problems, in line order
  std::vector<PolicyStats> stats;           // one per policy
  std::vector<std::string> ignored_columns; // registry columns (or JSONL keys) that no policy uses
  unsigned threads = 1;
  EngineKind engine = EngineKind::Vm;
};

// Runs the simulation. False with a message (zh, en) when the registry cannot be read, its header
// is unusable, an engine cannot be set up, or the per-applicant file cannot be written; bad rows
// are not failures (they are counted and reported in `out`).
bool simulate(const std::vector<SimPolicy>& policies, const SimOptions& opts, SimResult& out, std::string& error_zh,
              std::string& error_en);

}  // namespace zc::sim
