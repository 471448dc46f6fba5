// zhengce gen-registry FILE… --rows N --seed S [--out PATH] [--format csv|jsonl|xlsx]: write a synthetic
// enterprise registry with one column per applicant fact of the policies, drawn from the documented
// distributions (docs/simulate.md); the same seed always gives the same file. Rows are streamed.
// Exit: 0 written, 1 a policy has errors or two policies disagree on a fact's type, 2 usage or I/O.
#include <iostream>

#include "cli/commands.h"

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
    std::vector<zhengce::Policy> policies;
    if (!load_all_policies(g, opts->files, policies, exit_code)) return;
    zhengce::GenerateOptions go;
    go.rows = opts->rows;
    go.seed = opts->seed;
    go.path = opts->out;
    go.lang = g.lang;
    const bool xlsx = opts->format == "xlsx" || (opts->format.empty() && opts->out.size() >= 5 &&
                                                 opts->out.compare(opts->out.size() - 5, 5, ".xlsx") == 0);
    go.format = xlsx ? zhengce::RegistryFormat::Xlsx : opts->format == "jsonl" ? zhengce::RegistryFormat::Jsonl : zhengce::RegistryFormat::Csv;
    std::optional<zhengce::GenerateFailure> f = zhengce::generate_registry(policies, go, std::cout);
    if (f) {
      fail(g, f->message);
      exit_code = f->policies ? kExitPolicy : kExitUsage;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
