// zhengce: the command line. It only wires subcommands together (each lives in its own cmd_*.cpp),
// answers --version, and turns a missing or misspelt subcommand into a usage error (exit 2) that
// names the nearest subcommand, in the user's language, before CLI11 sees the arguments.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "cli/commands.h"

namespace zc::cli {
namespace {

// --lang as given on the command line, read before CLI11 parses it (for --version and the
// subcommand errors below, which come before any subcommand runs).
bool english(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--lang=en" || (a == "--lang" && i + 1 < argc && std::string_view(argv[i + 1]) == "en")) return true;
  }
  return false;
}

std::string version_text(bool en) {
  // Whether the JIT is here, without loading it: --version must stay as fast as every other command.
  zhengce::BuildInfo b = zhengce::build_info();
  std::string s = "zhengce " + b.version + "\n";
  s += (en ? "bytecode format (.zcb): " : "字节码格式（.zcb）：") + b.bytecode_format + "\n";
  if (!b.jit_built) return s + (en ? "JIT engine: not built" : "JIT 引擎：未编译");
  if (b.jit_plugin)
    return s + (en ? "JIT engine: built (plugin " + *b.jit_plugin + ", loaded on demand)"
                   : "JIT 引擎：已编译（插件 " + *b.jit_plugin + "，按需加载）");
  std::string where;
  for (const std::string& c : b.jit_plugin_candidates) where += (where.empty() ? "" : (en ? ", " : "、")) + c;
  return s + (en ? "JIT engine: built, but its plugin is missing (looked for " + where + ")"
                 : "JIT 引擎：已编译，但找不到插件（已查找：" + where + "）");
}

// Optimal string alignment distance (an adjacent transposition counts 1: chekc → check), in bytes:
// subcommand names are ASCII.
size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// Checks the subcommand before CLI11 does. Returns false after printing a usage error when it is
// missing or unknown; --help and --version without a subcommand are left to CLI11.
bool subcommand_is_known(const CLI::App& app, int argc, char** argv) {
  bool en = english(argc, argv);
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : (en ? ", " : "、")) + n;
  const char* red = isatty(STDERR_FILENO) && std::getenv("NO_COLOR") == nullptr ? "\x1b[1;31m" : "";
  const char* reset = *red ? "\x1b[0m" : "";
  auto usage_error = [&](const std::string& zh, const std::string& e) {
    std::cerr << red << (en ? "error" : "错误") << reset << (en ? ": " : "：") << zhengce::valid_utf8(en ? e : zh) << "\n"
              << (en ? "  = help: the subcommands are " + list + "; `zhengce <subcommand> --help` explains one"
                     : "  = 帮助: 子命令有 " + list + "；zhengce <子命令> --help 说明其用法")
              << "\n";
  };
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h" || a == "--version") return true;
    if (a == "--lang" || a == "--color") {
      ++i;  // the option's value
      continue;
    }
    if (a.starts_with("-")) continue;  // CLI11 reports unknown options
    if (std::find(names.begin(), names.end(), a) != names.end()) return true;
    // The nearest name at most two edits away (one for a word of four letters or fewer, so that
    // foo is not taken for fmt); failing that, a name it abbreviates (sim → simulate).
    std::string nearest;
    size_t best = a.size() <= 4 ? 2 : 3;
    for (const std::string& n : names) {
      if (size_t d = distance(a, n); d < best) best = d, nearest = n;
    }
    for (const std::string& n : names) {
      if (nearest.empty() && a.size() >= 3 && n.starts_with(a)) nearest = n;
    }
    std::string arg(a);
    if (nearest.empty()) {
      usage_error("未知的子命令「" + arg + "」", "unknown subcommand `" + arg + "`");
    } else {
      usage_error("未知的子命令「" + arg + "」；是否想用「" + nearest + "」？", "unknown subcommand `" + arg + "`; did you mean `" + nearest + "`?");
    }
    return false;
  }
  usage_error("缺少子命令", "a subcommand is required");
  return false;
}

}  // namespace
}  // namespace zc::cli

int main(int argc, char** argv) {
  using namespace zc::cli;
  set_command_line(argc, argv);
  CLI::App app{"zhengce（政策）：科技补助政策的编译器、检查器与求值器", "zhengce"};
  app.require_subcommand(1);
  app.fallthrough();  // --lang and --color may also follow the subcommand
  bool en = english(argc, argv);
  app.set_version_flag("--version", [en] { return version_text(en); }, en ? "print the version and exit" : "显示版本并退出");
  Globals g;
  add_global_options(app, g);
  int exit_code = kExitOk;
  add_check_command(app, g, exit_code);
  add_build_command(app, g, exit_code);
  add_run_command(app, g, exit_code);
  add_test_command(app, g, exit_code);
  add_disasm_command(app, g, exit_code);
  add_keywords_command(app, g, exit_code);
  add_targets_command(app, g, exit_code);
  add_simulate_command(app, g, exit_code);
  add_gen_registry_command(app, g, exit_code);
  add_render_command(app, g, exit_code);
  add_fmt_command(app, g, exit_code);
  add_explain_command(app, g, exit_code);
  add_serve_command(app, g, exit_code);
  add_lsp_command(app, g, exit_code);
  add_explain_code_command(app, g, exit_code);
  add_diff_command(app, g, exit_code);
  add_completion_command(app, g, exit_code);
  if (!subcommand_is_known(app, argc, argv)) return kExitUsage;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int r = app.exit(e);
    return r == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}
