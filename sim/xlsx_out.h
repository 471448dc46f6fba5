// Writing simulation results and synthetic registries as Excel workbooks (.xlsx), with Debian's
// libxlsxwriter in its constant-memory mode (rows are streamed to temporary files, so memory does
// not grow with the registry). Amounts are numbers in 元 whenever the number Excel stores is
// exactly the amount; otherwise (a fraction such as 1/3, or more digits than a double keeps) the
// exact decimal is written as text, never a rounded number. It computes nothing.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/simulate.h"
#include "sim/synth.h"

namespace zc::sim {

// Excel's limit on the rows of one sheet.
inline constexpr uint64_t kXlsxMaxRows = 1048576;

// The per-applicant results (a sheet per policy: 行号, 编号, 状态, one column per rule, and per payer
// the total's least and greatest) and, when the run is over, the summary tables (sheet 汇总).
class XlsxResults {
 public:
  XlsxResults();
  ~XlsxResults();
  XlsxResults(const XlsxResults&) = delete;
  XlsxResults& operator=(const XlsxResults&) = delete;

  bool open(const std::string& path, const std::vector<SimPolicy>& policies, std::string& error_zh, std::string& error_en);
  // One registry row: `cells` are the 编号 and then, per policy, 状态, each rule's cell and each
  // payer's total, as the per-applicant CSV writes them.
  void row(uint64_t line, const std::vector<std::string_view>& cells);
  // Writes the summary sheet and closes the file. False when the file cannot be written.
  bool close(const SimResult& result, const std::string& input, std::string& error_zh, std::string& error_en);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// A synthetic registry as a workbook (one sheet, 登记册): 是否 and options as text, amounts, counts
// and points as numbers, rates as numbers with a percent format, dates as Excel dates.
bool write_registry_xlsx(const std::string& path, const std::vector<SynthColumn>& cols, uint64_t seed, uint64_t rows,
                         std::string& error_zh, std::string& error_en);

}  // namespace zc::sim
