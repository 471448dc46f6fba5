// simulate: every applicant of an enterprise registry (CSV with a header row of fact names, or JSONL)
// evaluated on one or more policies on several threads, with exact totals and distributions per
// clause and per payer, and the policies' constraints (约束). Results do not depend on the number of
// threads. Part of the public API (docs/library.md; the summary's schema is in docs/simulate.md).
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "zhengce/policy.h"

namespace zhengce {

// CSV (a header row of fact names, one applicant per line), JSONL (one flat object per line) or an
// .xlsx workbook (a header row, then one applicant per row).
enum class RegistryFormat : uint8_t { Csv, Jsonl, Xlsx };

struct SimulateOptions {
  std::string input;               // the registry's path, or "-" for standard input (not for xlsx)
  RegistryFormat format = RegistryFormat::Csv;
  std::string sheet;               // xlsx: the worksheet's name, "" for the first
  unsigned threads = 1;
  Engine engine = Engine::Vm;
  std::string per_applicant;       // one line per applicant is written here (a workbook when it ends
                                   // in .xlsx, else CSV); "" for none
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

// A synthetic registry for the policies' applicant facts (zhengce gen-registry): `rows` applicants
// drawn from the distributions of docs/simulate.md by a seeded generator, so one seed gives one
// registry on every machine. CSV and JSONL go to `out` (or to `path` when it is not empty); xlsx
// needs `path`. nullopt when written; otherwise why not, in `lang`.
struct GenerateOptions {
  uint64_t rows = 1000;
  uint64_t seed = 1;
  RegistryFormat format = RegistryFormat::Csv;
  std::string path;
  Lang lang = Lang::Zh;
};
struct GenerateFailure {
  std::string message;
  bool policies = false;  // true: two policies declare one fact differently; false: the output could not be written
};
std::optional<GenerateFailure> generate_registry(const std::vector<Policy>& policies, const GenerateOptions& options,
                                                 std::ostream& out);

}  // namespace zhengce
