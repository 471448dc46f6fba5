// zhengce fmt FILE… [--check] [--stdout]: rewrite policy files in the one canonical layout
// (compiler/fmt). --check writes nothing and prints a unified diff for each file not yet formatted;
// --stdout prints the formatted text instead of writing it. A file is written only after its
// formatted text has been re-parsed to the same AST with the same comments.
// Exit: 0 every file is (now) formatted, 1 a file has syntax errors, is not formatted (--check), or
// the formatter refused its own output (a formatter bug, reported as such), 2 usage or I/O error.
#include <iostream>

#include "cli/commands.h"

namespace zc::cli {

void add_fmt_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::vector<std::string> files;
    bool check = false;
    bool to_stdout = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("fmt", "按统一格式重排政策文件（保留注释；写入前重新解析并比较语法树）");
  cmd->add_option("files", opts->files, "政策文件（.zc）")->required();
  cmd->add_flag("--check", opts->check, "只检查不写入：未按格式排版的文件给出差异并以 1 退出（CI 用）");
  cmd->add_flag("--stdout", opts->to_stdout, "把格式化结果输出到标准输出，不改动文件");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    if (opts->check && opts->to_stdout) {
      fail(g, "--check 与 --stdout 不能同时使用", "--check and --stdout cannot be used together");
      exit_code = kExitUsage;
      return;
    }
    zhengce::Diagnostics problems;
    bool io = false, problem = false;
    for (const std::string& path : opts->files) {
      auto original = read_file(g, path);
      if (!original) { io = true; continue; }
      zhengce::Formatted r = zhengce::format({path, *original}, g.lang);
      problems.append(r.diagnostics);
      if (r.status == zhengce::Formatted::Status::SourceErrors) {
        problem = true;
        continue;
      }
      if (r.status == zhengce::Formatted::Status::Refused) {
        fail(g, "没有格式化「" + path + "」：格式化程序的输出未通过自检（" + r.problem + "）。这是格式化程序的缺陷，文件未改动",
             "did not format `" + path + "`: the formatter's output failed its own check (" + r.problem +
                 "). This is a bug in the formatter; the file is unchanged");
        problem = true;
        continue;
      }
      if (opts->to_stdout) {
        std::cout << r.text;
      } else if (opts->check) {
        if (r.text != *original) {
          std::cout << zhengce::unified_diff(*original, r.text, path);
          problem = true;
        }
      } else if (r.text != *original) {
        if (!write_file(g, path, r.text)) { io = true; continue; }
        std::cerr << tr(g, "已格式化「" + path + "」", "formatted `" + path + "`") << "\n";
      }
    }
    if (problems.errors() > 0) print_diagnostics(g, problems);
    exit_code = io ? kExitUsage : problem ? kExitPolicy : kExitOk;
  });
}

}  // namespace zc::cli
