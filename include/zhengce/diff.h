// diff: two drafts of a policy compared — rules paired and their changed words marked; for each
// changed rule, 不重复 or 上限 group and payer total, whether some applicant's result differs,
// decided by Z3 with every example applicant run on the VM; with a registry, the change in cost.
// Both drafts must come from source (a .zcb has no clauses to compare). Part of the public API
// (docs/library.md; what is proven and every output format: docs/diff.md).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zhengce/policy.h"
#include "zhengce/simulate.h"

namespace zhengce {

enum class DiffFormat : uint8_t { Text, Json, Markdown, Github };

struct DiffOptions {
  unsigned timeout_ms = 4000;  // per solver query; a comparison that runs out is "not decided"
  size_t max_regions = 6;      // regions of difference described per change
  std::string input;           // a registry for the budget (CSV or JSONL, not xlsx); "" for none
  RegistryFormat input_format = RegistryFormat::Csv;
  unsigned threads = 1;        // for the registry pass
  Lang lang = Lang::Zh;        // of Diff::failure
};

// An example applicant whose results differ, as two facts files `zhengce run` reads (one per draft:
// a fact only one draft declares is in that draft's file only).
struct DiffWitness {
  std::string label;  // the rule, group or payer it shows a difference of
  std::string old_facts_json;
  std::string new_facts_json;
};

class Diff {
 public:
  // Why the comparison is incomplete: a draft without its source or no solver library (nothing was
  // compared), or a registry that could not be evaluated (the rest of the comparison stands).
  std::optional<std::string> failure;
  // Whether the drafts were compared at all (false: `failure` says why not).
  bool compared() const { return impl_ != nullptr; }
  // Some rule, group or total differs, or could not be decided.
  bool differs() const;
  // A witness the VM did not confirm (never shown as a difference: a bug to report).
  bool internal_errors() const;
  std::string render(DiffFormat format, Lang lang = Lang::Zh) const;
  std::vector<DiffWitness> witnesses() const;

  struct Impl;

 private:
  friend Diff diff(const Policy& older, const Policy& newer, const DiffOptions& options);
  std::shared_ptr<const Impl> impl_;
};

// `older` and `newer` as checked by check() (from source, without errors).
Diff diff(const Policy& older, const Policy& newer, const DiffOptions& options);

}  // namespace zhengce
