// Internal to diff/: the cost of a change over a registry. Both drafts run over the registry in one
// pass of the simulator (sim/simulate.h, its public interface only); per changed rule and per payer
// the exact totals of each draft and their difference, and how many applicants' results changed,
// read from the simulator's per-applicant file (docs/simulate.md). It prints nothing.
#pragma once
#include <optional>
#include <string>

#include "diff/diff.h"

namespace zc::diff::detail {

std::optional<Budget> budget(const Version& older, const Version& newer, const Report& rep, const Options& opts,
                             std::string& error);

}  // namespace zc::diff::detail
