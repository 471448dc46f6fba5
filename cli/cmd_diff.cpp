// zhengce diff OLD.zc NEW.zc [--input REGISTRY] [--format text|json|markdown|github]: what changed
// between two drafts — rules added, removed, renamed, split or changed, with their sentences before
// and after — and, decided by Z3 and checked on the VM, for whom the results differ and how, or that
// a change is wording only (docs/diff.md). The work is the library's (zhengce::diff, over diff/);
// this file only wires options to it.
// Exit: 0 compared (with --exit-code: and no result differs), 1 a draft has errors (with
// --exit-code: or some result differs or was not decided), 2 usage or I/O error, 3 an internal error
// (a witness the VM did not confirm: reported, never shown as a difference).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "zhengce/diff.h"

namespace zc::cli {

void add_diff_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::vector<std::string> files;
    std::string format = "text";
    std::string input, input_format, witness_dir;
    unsigned threads = 0;
    unsigned timeout_ms = 4000;
    size_t max_regions = 6;
    bool exit_code_on_change = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("diff", "比较政策的两稿：哪些规则改了、对谁的结果不同、差多少（由 Z3 判定并经虚拟机复核）");
  cmd->add_option("files", opts->files, "旧稿与新稿（.zc）")->required()->expected(2);
  cmd->add_option("--format", opts->format, "输出格式：text（默认）、json、markdown（拉取请求评论）、github（CI 标注）")
      ->check(CLI::IsMember({"text", "json", "markdown", "github"}));
  cmd->add_option("--input", opts->input, "登记册（CSV 或 JSONL）：按两稿各算一遍，给出各条款、各出资方的费用变化与结果改变的申请人数");
  cmd->add_option("--input-format", opts->input_format, "登记册格式：csv 或 jsonl（默认按扩展名）")->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->add_option("--threads", opts->threads, "登记册求值的线程数（默认：CPU 核数）");
  cmd->add_option("--witness-dir", opts->witness_dir, "把每个反例写成事实文件（每稿一个），可用 zhengce run 复核");
  cmd->add_option("--timeout", opts->timeout_ms, "每次求解的时限（毫秒，默认 4000）；超时的比较报告为“未能判定”");
  cmd->add_option("--max-regions", opts->max_regions, "每处改动最多列出的差异区域数（默认 6）");
  cmd->add_flag("--exit-code", opts->exit_code_on_change, "有结果不同或未能判定时以 1 退出（CI 用）");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    for (const std::string& f : opts->files)
      if (is_bytecode_path(f)) {
        fail(g, "diff 需要政策源文件（.zc），不能比较 .zcb：「" + f + "」", "diff needs policy sources (.zc), not .zcb: `" + f + "`");
        exit_code = kExitUsage;
        return;
      }
    std::vector<zhengce::Policy> loaded;
    if (!load_all_policies(g, opts->files, loaded, exit_code)) return;
    zhengce::DiffOptions o;
    o.timeout_ms = opts->timeout_ms;
    o.max_regions = opts->max_regions;
    o.input = opts->input;
    std::string ext = std::filesystem::path(opts->input).extension().string();
    bool jsonl = opts->input_format.empty() ? (ext == ".jsonl" || ext == ".ndjson") : opts->input_format == "jsonl";
    o.input_format = jsonl ? zhengce::RegistryFormat::Jsonl : zhengce::RegistryFormat::Csv;
    o.threads = opts->threads > 0 ? opts->threads : std::max(1u, std::thread::hardware_concurrency());
    o.lang = g.lang;
    zhengce::Diff d = zhengce::diff(loaded[0], loaded[1], o);
    if (!d.compared()) {
      fail(g, d.failure.value_or(""), d.failure.value_or(""));  // in g.lang already
      exit_code = kExitUsage;
      return;
    }
    zhengce::DiffFormat f = opts->format == "json"       ? zhengce::DiffFormat::Json
                            : opts->format == "markdown" ? zhengce::DiffFormat::Markdown
                            : opts->format == "github"   ? zhengce::DiffFormat::Github
                                                         : zhengce::DiffFormat::Text;
    std::cout << d.render(f, g.lang);
    if (!opts->witness_dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(opts->witness_dir, ec);
      size_t n = 0;
      for (const zhengce::DiffWitness& w : d.witnesses()) {
        std::string stem = opts->witness_dir + "/" + std::to_string(++n) + "-" + w.label;
        write_file(g, stem + ".old.json", w.old_facts_json);
        write_file(g, stem + ".new.json", w.new_facts_json);
      }
    }
    if (d.internal_errors()) {
      exit_code = 3;
    } else if (d.failure) {
      fail(g, "登记册无法计算：" + *d.failure, "the registry could not be evaluated: " + *d.failure);
      exit_code = kExitUsage;
    } else {
      exit_code = opts->exit_code_on_change && d.differs() ? kExitPolicy : kExitOk;
    }
  });
}

}  // namespace zc::cli
