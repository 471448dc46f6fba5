// simulate (include/zhengce/simulate.h): the registry simulator (sim/) and its summary.
#include "lib/access.h"
#include "runtime/jit/select.h"
#include "sim/simulate.h"
#include "sim/summary.h"

namespace zhengce {

using detail::Access;

Simulation simulate(const std::vector<NamedPolicy>& policies, const SimulateOptions& options) {
  Simulation out;
  if (options.engine == Engine::Jit && !zc::jit_built()) {
    out.failure = options.lang == Lang::En
                      ? "this build has no JIT engine (LLVM 16 was not found, or -DZHENGCE_JIT=OFF); use the VM"
                      : "此版本未编译 JIT 引擎（构建时未找到 LLVM 16，或 -DZHENGCE_JIT=OFF）；请用 VM";
    return out;
  }
  std::vector<zc::sim::SimPolicy> sp;
  for (const NamedPolicy& p : policies) sp.push_back(zc::sim::SimPolicy{p.name, Access::impl(p.policy)->module.get()});
  zc::sim::SimOptions so;
  so.input = options.input;
  so.format = options.jsonl ? zc::sim::RegistryFormat::Jsonl : zc::sim::RegistryFormat::Csv;
  so.threads = options.threads > 0 ? options.threads : 1;
  so.engine = options.engine == Engine::Jit ? zc::EngineKind::Jit : zc::EngineKind::Vm;
  so.out_path = options.per_applicant;
  so.progress = options.progress;
  so.shown_problems = options.shown_problems;
  zc::sim::SimResult r;
  std::string err_zh, err_en;
  if (!zc::sim::simulate(sp, so, r, err_zh, err_en)) {
    out.failure = options.lang == Lang::En ? err_en : err_zh;
    return out;
  }
  out.rows = r.rows;
  out.evaluated = r.evaluated;
  out.bad_rows = r.bad_rows;
  out.rows_with_errors = r.rows_with_errors;
  zc::sim::SummaryOptions sum;
  sum.english = options.lang == Lang::En;
  sum.input = options.input;
  out.summary = zc::sim::summary_text(sp, r, sum);
  out.summary_json = zc::sim::summary_json(sp, r, sum);
  return out;
}

}  // namespace zhengce
