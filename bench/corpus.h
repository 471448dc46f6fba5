// A large generated corpus of valid policy files for measuring the front end (parse, check,
// codegen) in MB/s. Each file mixes the constructs of the seeds — fixed amounts, alternatives,
// tiers, matching with caps, per-unit awards, thresholds, selective, case by case, benefits, 上限
// groups, notes and example cases — under distinct names. Deterministic; it compiles nothing.
#pragma once
#include <string>
#include <vector>

namespace zc::bench {

// `files` policy texts of about `rules` rules each.
std::vector<std::string> policy_corpus(size_t files, size_t rules);

}  // namespace zc::bench
