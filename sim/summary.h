// The summary of a simulation, for a finance bureau (text, Chinese or English) and for programs
// (JSON, schema in docs/simulate.md). Amounts in JSON are exact decimal strings in 元, never
// floating-point numbers. It formats a SimResult; it computes nothing but constraint verdicts.
#pragma once
#include <string>
#include <vector>

#include "sim/simulate.h"

namespace zc::sim {

struct SummaryOptions {
  bool english = false;
  std::string input;  // the registry as named on the command line
};

std::string summary_text(const std::vector<SimPolicy>& policies, const SimResult& r, const SummaryOptions& o);
std::string summary_json(const std::vector<SimPolicy>& policies, const SimResult& r, const SummaryOptions& o);

}  // namespace zc::sim
