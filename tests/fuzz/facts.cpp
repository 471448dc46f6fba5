// Applicant facts files, as `zhengce run` and `explain` read them: the flat JSON reader, typing each
// value against the policy's facts, then — when the file is accepted — the VM with traces, the text
// and JSON reports and the applicant's explanation; when it is refused, the diagnostics in every
// format. Two policies: one with a fact of every type (tests/fuzz/policies/all-types.zc) and a
// shipped one whose sample applicants seed the corpus. Outputs must be valid UTF-8, JSON must parse,
// and the explainer must read every condition as the VM did.
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "base/diag_render.h"
#include "base/utf8.h"
#include "compiler/driver.h"
#include "compiler/explain/explain.h"
#include "facts/facts.h"
#include "lib/report.h"
#include "nlohmann/json.hpp"
#include "runtime/vm/vm.h"
#include "tests/fuzz/harness.h"

namespace {

using namespace zc;

struct Policy {
  SourceManager sm;
  CompileResult compiled;
};

std::unique_ptr<Policy> load(const char* relative) {
  auto p = std::make_unique<Policy>();
  std::ifstream in(std::filesystem::path(ZC_SOURCE_DIR) / relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  DiagSink sink;
  p->compiled = compile(p->sm, p->sm.add(relative, ss.str()), sink);
  fuzz::require(p->compiled.module.has_value(), "a fuzzing policy does not compile");
  return p;
}

const std::vector<std::unique_ptr<Policy>>& policies() {
  static const std::vector<std::unique_ptr<Policy>> all = [] {
    std::vector<std::unique_ptr<Policy>> v;
    v.push_back(load("tests/fuzz/policies/all-types.zc"));
    v.push_back(load("policies/dongchangfu-2024.zc"));
    return v;
  }();
  return all;
}

bool valid(const std::string& s) { return !utf8_first_invalid(s).has_value(); }

void run(const Policy& p, std::string_view input) {
  const Module& m = *p.compiled.module;
  std::vector<std::pair<std::string, facts::Scalar>> entries;
  std::string err;
  std::vector<Diagnostic> diags;
  std::vector<FactValue> values;
  if (!facts::parse_flat_json(input, entries, err)) {
    diags.push_back(make_diag_nospan(DiagCode::E0805, {"fuzz.json：" + err}));
  } else {
    values = facts::facts_from_json(m, entries, diags);
  }
  if (!diags.empty()) {
    std::ostringstream out;
    for (DiagFormat f : {DiagFormat::Human, DiagFormat::Json, DiagFormat::Sarif, DiagFormat::Github})
      render_diagnostics(diags, p.sm, f, Lang::Zh, false, out);
    fuzz::require(valid(out.str()), "diagnostics about a facts file are not valid UTF-8");
    return;
  }
  Vm vm(m);
  Evaluation ev = vm.evaluate(values, EvalOptions{true});
  lib::ReportOptions ro;
  ro.all = true;
  ro.facts_path = "fuzz.json";
  std::string text = lib::evaluation_text(m, ev, ro);
  std::string json = lib::evaluation_json(m, ev, ro);
  fuzz::require(valid(text) && valid(json), "a report is not valid UTF-8");
  fuzz::require(nlohmann::json::accept(json), "run --format json does not parse as JSON");
  explain::Options eo;
  eo.applicant = "fuzz.json";
  fuzz::require(valid(explain::explain(*p.compiled.policy, *p.compiled.program, m, values, ev, eo)), "an explanation is not valid UTF-8");
  fuzz::require(explain::disagreements(*p.compiled.policy, *p.compiled.program, values, ev).empty(),
                "the explanation's reading of a condition differs from the VM's");
}

}  // namespace

ZC_FUZZ_TARGET(facts) {
  for (const auto& p : policies()) run(*p, input);
}
