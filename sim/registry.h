// Reading an enterprise registry row by row: CSV (a header row of fact names, one applicant per
// line), JSONL (one flat JSON object per line) or the cells of a spreadsheet row (xlsx_in.h). Cells
// become each policy's facts exactly as facts files read them (facts/facts.h), with typed fast paths
// (是否, options, non-negative fixed-point decimals, ISO dates) that never accept what facts files
// reject. It parses text it is handed; reading files, chunking and threads are simulate.cpp's.
// The entry points a fuzz harness needs: split_csv_line, RegistryLayout::from_header/for_jsonl,
// FactReader::from_text/from_scalar.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "facts/facts.h"
#include "facts/json_fast.h"
#include "runtime/bytecode/module.h"

namespace zc::sim {

enum class RegistryFormat : uint8_t { Csv, Jsonl, Xlsx };

// The applicant identifier column, copied to the per-applicant output: 编号 or id.
bool is_id_column(std::string_view name);

// Splits one CSV line (without its line break) into cells: fields separated by ',', optionally in
// double quotes with "" for a quote; no line breaks inside quotes. Cells point into `line` or into
// `scratch` (cleared here). False with a reason when a quote is not closed or text follows one.
bool split_csv_line(std::string_view line, std::vector<std::string_view>& cells, std::string& scratch, std::string& why);

// How one registry maps onto the facts of the policies simulated together.
class RegistryLayout {
 public:
  // CSV: from the header cells. JSONL: from the union of the policies' facts (keys are looked up
  // per line). Columns that are no policy's fact, nor the id column, nor start with '#', are
  // ignored and listed in `ignored`; a column named twice is an error.
  static std::optional<RegistryLayout> from_header(const std::vector<const Module*>& policies,
                                                   const std::vector<std::string_view>& header, std::string& error);
  static RegistryLayout for_jsonl(const std::vector<const Module*>& policies);

  size_t columns() const { return names_.size(); }
  const std::string& column_name(size_t c) const { return names_[c]; }
  int id_column() const { return id_; }
  const std::vector<std::string>& ignored() const { return ignored_; }
  // The column of a JSONL key (with or without 「」), or -1.
  int column_of(std::string_view key) const;

  // Which fact of which policy each column fills.
  struct Target {
    uint16_t policy;
    uint16_t fact;
  };
  const std::vector<Target>& targets(size_t c) const { return targets_[c]; }

 private:
  void add_targets(const std::vector<const Module*>& policies);
  std::vector<std::string> names_;
  std::vector<std::vector<Target>> targets_;
  std::unordered_map<std::string, int> index_;
  int id_ = -1;
  std::vector<std::string> ignored_;
};

// Converts cells to the facts of one policy.
class FactReader {
 public:
  explicit FactReader(const Module& m);
  // A CSV cell: "" is missing; true/false are booleans as in JSON; anything else is read as a
  // facts-file string would be (是/否, 10万元, 12.5%, 2024-02-21, option names, plain decimals).
  bool from_text(uint16_t f, std::string_view text, FactValue& out) const;
  // A JSONL value, as facts files read it.
  bool from_scalar(uint16_t f, const facts::Scalar& v, FactValue& out) const;
  // Why `text` (or a JSONL value shown as text) is not a value of fact f, as facts files say it.
  std::string why_not(uint16_t f, const facts::Scalar& v) const;

  // The fast path alone (the tests compare it with facts files): true with `out` when `text` (not
  // empty) takes it, false when it must go through the general reader. It takes 是/否 (and
  // true/false when `csv`), an option's exact name, ASCII decimals without sign, exponent or unit
  // (whole numbers only for 数量 and 分数; `12.5%` for 比例) and dates written 2024-02-21.
  // INVARIANT: whatever it accepts, facts::fact_from_scalar accepts with the same value.
  bool fast(uint16_t f, std::string_view text, bool csv, FactValue& out) const;

 private:
  bool general(uint16_t f, const facts::Scalar& v, FactValue& out) const;
  const Module& m_;
  facts::FastReader fast_;
};

// The scalar a CSV cell stands for (see FactReader::from_text).
facts::Scalar csv_scalar(std::string_view text);

}  // namespace zc::sim
