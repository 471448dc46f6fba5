// zhengce gen-registry FILE… --rows N --seed S [--out PATH] [--format csv|jsonl|xlsx]: write a synthetic
// enterprise registry with one column per applicant fact of the policies, drawn from the documented
// distributions (docs/simulate.md); the same seed always gives the same file. Rows are streamed.
// Exit: 0 written, 1 a policy has errors or two policies disagree on a fact's type, 2 usage or I/O.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "sim/synth.h"
#include "sim/xlsx_out.h"

namespace zc::cli {

void add_gen_registry_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::vector<std::string> files;
    uint64_t rows = 1000;
    uint64_t seed = 1;
    std::string out;
    std::string format;  // "" : by the extension of --out (.xlsx), else csv
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("gen-registry", "生成合成的企业登记册（可复现：同一种子得到同一文件），供 simulate 使用");
  cmd->add_option("files", opts->files, "政策文件（.zc 或 .zcb）：登记册的列是这些政策的申请人事实")->required();
  cmd->add_option("--rows", opts->rows, "行数（默认 1000）");
  cmd->add_option("--seed", opts->seed, "随机种子（默认 1）");
  cmd->add_option("--out", opts->out, "输出文件（默认：标准输出）");
  cmd->add_option("--format", opts->format, "csv（默认）、jsonl 或 xlsx（xlsx 需要 --out；默认按 --out 的扩展名）")
      ->check(CLI::IsMember({"csv", "jsonl", "xlsx"}));
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    SourceManager sm;
    std::vector<LoadedPolicy> loaded;
    if (!load_all_policies(g, opts->files, sm, loaded, exit_code)) return;
    std::vector<const Module*> mods;
    for (const LoadedPolicy& lp : loaded) mods.push_back(lp.module.get());
    std::string error;
    auto cols = sim::synth_columns(mods, error);
    if (!cols) {
      fail(g, error, error);
      exit_code = kExitPolicy;
      return;
    }
    const bool xlsx = opts->format == "xlsx" || (opts->format.empty() && opts->out.size() >= 5 &&
                                                 opts->out.compare(opts->out.size() - 5, 5, ".xlsx") == 0);
    if (xlsx) {
      std::string ezh, een;
      if (opts->out.empty()) {
        fail(g, "xlsx 登记册需要 --out 文件", "an xlsx registry needs --out FILE");
        exit_code = kExitUsage;
      } else if (!sim::write_registry_xlsx(opts->out, *cols, opts->seed, opts->rows, ezh, een)) {
        fail(g, ezh, een);
        exit_code = kExitUsage;
      } else {
        exit_code = kExitOk;
      }
      return;
    }
    auto format = opts->format == "jsonl" ? sim::RegistryFormat::Jsonl : sim::RegistryFormat::Csv;
    if (opts->out.empty()) {
      sim::write_registry(std::cout, *cols, opts->seed, opts->rows, format);
      std::cout.flush();
      exit_code = std::cout ? kExitOk : kExitUsage;
      return;
    }
    std::ofstream out(opts->out, std::ios::binary | std::ios::trunc);
    if (out) sim::write_registry(out, *cols, opts->seed, opts->rows, format);
    if (!out || !out.flush()) {
      fail(g, "无法写入「" + opts->out + "」", "cannot write `" + opts->out + "`");
      exit_code = kExitUsage;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
