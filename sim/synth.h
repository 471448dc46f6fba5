// Synthetic enterprise registries: one column per applicant fact of the given policies, one row per
// applicant, drawn from documented distributions (docs/simulate.md) by a seeded integer PRNG, so
// the same seed gives the same registry on every machine. It draws values; it does not evaluate.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "runtime/bytecode/module.h"
#include "sim/registry.h"

namespace zc::sim {

struct SynthColumn {
  std::string name;                  // the fact's name, as the registry header writes it
  ValueType type = ValueType::Bool;
  std::vector<std::string> options;  // for ValueType::Option
  bool required = false;             // some policy gives the fact no default: never left empty
  int default_option = -1;           // the default option's index, if any
};

// The union of the applicant facts (not 指标) of `policies`, in order of first appearance. Nullopt
// with `error` when two policies declare one name with different types or options.
std::optional<std::vector<SynthColumn>> synth_columns(const std::vector<const Module*>& policies, std::string& error);

// One drawn value. Num holds money (元), rates (fractions), counts, points and dates (day numbers).
struct SynthCell {
  enum class Kind : uint8_t { Empty, Bool, Num, Opt } kind = Kind::Empty;
  bool b = false;
  Rational num;
  uint16_t opt = 0;
};

// Draws row `row` (0-based) of the registry with `seed`. Each row has its own stream, so rows can be
// drawn in any order or in parallel and still give the same registry.
void synth_row(const std::vector<SynthColumn>& cols, uint64_t seed, uint64_t row, std::vector<SynthCell>& out);

// A cell as registry text: 是/否, an option's name, 1234567.89 (元), 12.5%, 3, 2024-02-21; "" when empty.
std::string synth_text(const SynthColumn& col, const SynthCell& cell);
// The applicant identifier written in the 编号 column: "QY0000001" for row 0.
std::string synth_id(uint64_t row);

// The column of each fact of `m` (-1 for indicators and facts that have no column).
std::vector<int> synth_fact_columns(const Module& m, const std::vector<SynthColumn>& cols);
// The facts of one policy for a drawn row, through its synth_fact_columns.
void synth_facts(const std::vector<int>& fact_columns, const std::vector<SynthCell>& row, std::vector<FactValue>& out);

// Writes rows [0, rows) of the registry: CSV with a header (编号 then the columns), or JSONL with
// one object per row (empty cells left out; money, counts and points as JSON numbers).
void write_registry(std::ostream& out, const std::vector<SynthColumn>& cols, uint64_t seed, uint64_t rows, RegistryFormat format);

}  // namespace zc::sim
