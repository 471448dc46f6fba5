// zhengce simulate FILE… --input REGISTRY [--sheet NAME] [--threads N] [--engine vm|jit]
// [--out per-applicant.csv|results.xlsx] [--format text|json]: evaluate every applicant of an
// enterprise registry (CSV, JSONL or an .xlsx workbook) on the
// policies and report, per clause and per payer, beneficiaries, exact totals and distributions,
// and the policies' constraints (约束). The work is sim/'s; this file only wires options to it.
// Exit: 0 every row evaluated completely, 1 a policy has errors or some row was bad or had a rule
// that could not be computed (each reported with its line), 2 usage or I/O error.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/engine_option.h"

namespace zc::cli {

void add_simulate_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::vector<std::string> files;
    std::string input, input_format, out, sheet;
    std::string format = "text";
    std::string engine = "vm";
    unsigned threads = 0;
    size_t show = 100;
    bool no_progress = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("simulate", "在整个企业登记册上模拟政策：各条款、各出资方的受益数、合计区间与分布，以及约束");
  cmd->add_option("files", opts->files, "政策文件（.zc 或 .zcb），可多个")->required();
  cmd->add_option("--input", opts->input, "登记册：CSV（表头为事实名）、JSONL（每行一个对象）或 xlsx 工作簿；- 为标准输入（CSV、JSONL）")->required();
  cmd->add_option("--input-format", opts->input_format,
                  "登记册格式：csv、jsonl 或 xlsx（默认按扩展名：.jsonl/.ndjson 为 jsonl，.xlsx 为 xlsx，其余为 csv）")
      ->check(CLI::IsMember({"csv", "jsonl", "xlsx"}));
  cmd->add_option("--sheet", opts->sheet, "xlsx 登记册：要读的工作表（默认第一个）");
  cmd->add_option("--threads", opts->threads, "工作线程数（默认：CPU 核数）；结果与线程数无关");
  add_engine_option(cmd, opts->engine);
  cmd->add_option("--out", opts->out, "逐个申请人的结果：CSV（每个申请人一行），或以 .xlsx 结尾时为工作簿（每个政策一张表，另有汇总表）");
  cmd->add_option("--format", opts->format, "汇总格式：text（默认）或 json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--show-problems", opts->show, "详细列出的问题行数（默认 100；全部问题行都计数）");
  cmd->add_flag("--no-progress", opts->no_progress, "不显示进度条（默认只在终端上显示）");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    std::vector<zhengce::Policy> loaded;
    if (!load_all_policies(g, opts->files, loaded, exit_code)) return;
    std::optional<zhengce::Engine> engine = engine_for(g, opts->engine);
    if (!engine) { exit_code = kExitUsage; return; }
    zhengce::SimulateOptions so;
    so.input = opts->input;
    std::string ext = std::filesystem::path(opts->input).extension().string();
    std::string format = opts->input_format;
    if (format.empty()) format = ext == ".jsonl" || ext == ".ndjson" ? "jsonl" : ext == ".xlsx" ? "xlsx" : "csv";
    so.format = format == "jsonl" ? zhengce::RegistryFormat::Jsonl : format == "xlsx" ? zhengce::RegistryFormat::Xlsx : zhengce::RegistryFormat::Csv;
    so.sheet = opts->sheet;
    so.threads = opts->threads > 0 ? opts->threads : std::max(1u, std::thread::hardware_concurrency());
    so.engine = *engine;
    so.per_applicant = opts->out;
    so.progress = !opts->no_progress && isatty(STDERR_FILENO) != 0;
    so.shown_problems = opts->show;
    so.lang = g.lang;
    std::vector<zhengce::NamedPolicy> policies;
    for (const zhengce::Policy& p : loaded) policies.push_back({std::filesystem::path(p.path()).stem().string(), p});
    zhengce::Simulation result = zhengce::simulate(policies, so);
    if (result.failure) {
      fail(g, *result.failure);
      exit_code = kExitUsage;
      return;
    }
    std::cout << (opts->format == "json" ? result.summary_json : result.summary);
    exit_code = result.bad_rows + result.rows_with_errors > 0 ? kExitPolicy : kExitOk;
  });
}

}  // namespace zc::cli
