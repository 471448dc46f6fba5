// The explainer: a plain-language account of one evaluation for the applicant, rule by rule — the
// result, the clause (rendered from the encoding), which conditions held or failed with the
// applicant's values, how the amount was computed, which cap or 不重复 rule applied, the article,
// and the note on the reading the encoding takes. Results are the VM's; this file only explains.
// It does not evaluate the policy a second time for results, and it does not read facts files.
#pragma once
#include <string>
#include <vector>

#include "base/diag.h"
#include "compiler/check/sema.h"
#include "runtime/vm/vm.h"

namespace zc::explain {

struct Options {
  Lang lang = Lang::Zh;       // labels and reasons; the policy's own words stay Chinese
  std::string applicant;      // shown in the heading (the facts file)
};

// `facts` has one entry per fact of `m` (as facts/facts.h builds it); `ev` is the VM's evaluation of
// them with tracing on or off.
std::string explain(const ast::Policy& p, const sema::Program& prog, const Module& m, const std::vector<FactValue>& facts,
                    const Evaluation& ev, const Options& o);

// Rules where the explainer's reading of the conditions would pick another alternative than the VM
// did (always empty unless walk.cpp and the VM disagree; the tests hold it empty on every example).
std::vector<std::string> disagreements(const ast::Policy& p, const sema::Program& prog, const std::vector<FactValue>& facts,
                                       const Evaluation& ev);

}  // namespace zc::explain
