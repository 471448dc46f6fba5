// simulate and generate_registry (include/zhengce/simulate.h): the registry simulator (sim/), its
// summary and the synthetic registry generator.
#include <fstream>

#include "lib/access.h"
#include "runtime/jit/select.h"
#include "sim/simulate.h"
#include "sim/summary.h"
#include "sim/synth.h"
#include "sim/xlsx_out.h"

namespace zhengce {

using detail::Access;

namespace {

zc::sim::RegistryFormat registry_format(RegistryFormat f) {
  switch (f) {
    case RegistryFormat::Csv: return zc::sim::RegistryFormat::Csv;
    case RegistryFormat::Jsonl: return zc::sim::RegistryFormat::Jsonl;
    case RegistryFormat::Xlsx: return zc::sim::RegistryFormat::Xlsx;
  }
  return zc::sim::RegistryFormat::Csv;
}

}  // namespace

Simulation simulate(const std::vector<NamedPolicy>& policies, const SimulateOptions& options) {
  Simulation out;
  if (options.engine == Engine::Jit && !zc::jit_availability().ok) {
    const zc::JitAvailability& a = zc::jit_availability();
    out.failure = options.lang == Lang::En ? a.problem_en + "; use the VM" : a.problem_zh + "；请用 VM";
    return out;
  }
  std::vector<zc::sim::SimPolicy> sp;
  for (const NamedPolicy& p : policies) sp.push_back(zc::sim::SimPolicy{p.name, Access::impl(p.policy)->module.get()});
  zc::sim::SimOptions so;
  so.input = options.input;
  so.format = registry_format(options.format);
  so.sheet = options.sheet;
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

std::optional<GenerateFailure> generate_registry(const std::vector<Policy>& policies, const GenerateOptions& options,
                                                 std::ostream& out) {
  const bool en = options.lang == Lang::En;
  std::vector<const zc::Module*> mods;
  for (const Policy& p : policies) mods.push_back(Access::impl(p)->module.get());
  std::string error;
  auto cols = zc::sim::synth_columns(mods, error);
  if (!cols) return GenerateFailure{error, true};
  if (options.format == RegistryFormat::Xlsx) {
    if (options.path.empty()) return GenerateFailure{en ? "an xlsx registry needs --out FILE" : "xlsx 登记册需要 --out 文件"};
    std::string ezh, een;
    if (!zc::sim::write_registry_xlsx(options.path, *cols, options.seed, options.rows, ezh, een)) return GenerateFailure{en ? een : ezh};
    return std::nullopt;
  }
  const zc::sim::RegistryFormat format = registry_format(options.format);
  if (options.path.empty()) {
    zc::sim::write_registry(out, *cols, options.seed, options.rows, format);
    out.flush();
    if (!out) return GenerateFailure{en ? "cannot write the registry" : "无法写出登记册"};
    return std::nullopt;
  }
  std::ofstream file(options.path, std::ios::binary | std::ios::trunc);
  if (file) zc::sim::write_registry(file, *cols, options.seed, options.rows, format);
  if (!file || !file.flush()) return GenerateFailure{en ? "cannot write `" + options.path + "`" : "无法写入「" + options.path + "」"};
  return std::nullopt;
}

}  // namespace zhengce
