// simulate: every applicant of an enterprise registry (CSV with a header row of fact names, or JSONL)
// evaluated on one or more policies on several threads, with exact totals and distributions per
// clause and per payer, and the policies' constraints (约束). Results do not depend on the number of
// threads. Part of the public API (docs/library.md; the summary's schema is in docs/simulate.md).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zhengce/policy.h"

namespace zhengce {

struct SimulateOptions {
  std::string input;               // the registry's path, or "-" for standard input
  bool jsonl = false;              // JSONL (one object per line) instead of CSV
  unsigned threads = 1;
  Engine engine = Engine::Vm;
  std::string per_applicant;       // a CSV with one line per applicant is written here, "" for none
  bool progress = false;           // a progress bar on standard error
  size_t shown_problems = 100;     // bad rows reported in detail (all are counted)
  Lang lang = Lang::Zh;            // of the summary and the messages
};

struct NamedPolicy {
  std::string name;  // how the summary names it
  Policy policy;
};

struct Simulation {
  std::optional<std::string> failure;  // the registry could not be read, or the engine set up
  uint64_t rows = 0;
  uint64_t evaluated = 0;
  uint64_t bad_rows = 0;          // not evaluated: a wrong cell count, unreadable JSON, a bad value
  uint64_t rows_with_errors = 0;  // some rule of some policy could not be computed
  std::string summary;            // as `zhengce simulate` prints it
  std::string summary_json;       // the same for programs
};

Simulation simulate(const std::vector<NamedPolicy>& policies, const SimulateOptions& options);

}  // namespace zhengce
