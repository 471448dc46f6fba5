// zhengce targets FILE [--figures FIGURES.json]: list a policy's targets (总体目标) and, given the
// reported figures of its indicators, say which are met. Figures use the facts-file format with
// indicator names as keys.
// Exit: 0 listed (whether or not met), 1 the policy has errors or a figure is not valid, 2 usage or I/O.
#include <iostream>

#include "cli/commands.h"

namespace zc::cli {

void add_targets_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::string file, figures;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("targets", "列出政策的总体目标；给出指标的报告值时核对是否达成");
  cmd->add_option("file", opts->file, "政策文件（.zc）或字节码（.zcb）")->required();
  cmd->add_option("--figures", opts->figures, "指标的报告值（JSON，键为指标名称）");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    std::optional<zhengce::Policy> policy = load_policy(g, opts->file, exit_code);
    if (!policy) return;
    std::optional<std::string> figures;
    if (!opts->figures.empty()) {
      figures = read_file(g, opts->figures);
      if (!figures) { exit_code = kExitUsage; return; }
    }
    zhengce::TargetsChecked t = zhengce::check_targets(*policy, figures, g.lang, opts->figures);
    if (t.diagnostics.errors() > 0) {
      print_diagnostics(g, t.diagnostics);
      exit_code = kExitPolicy;
      return;
    }
    std::cout << policy->title() << tr(g, "：总体目标\n", ": targets\n");
    if (t.targets.empty()) std::cout << tr(g, "  （没有目标）\n", "  (no targets)\n");
    size_t met = 0, checked = 0;
    for (const zhengce::TargetResult& r : t.targets) {
      std::cout << "  " << r.text;
      if (r.reported) {
        ++checked;
        met += *r.met ? 1 : 0;
        std::cout << tr(g, "　报告值", "  reported ") << *r.reported << "：" << (*r.met ? tr(g, "达成", "met") : tr(g, "未达成", "not met"));
      }
      std::cout << "\n";
    }
    if (checked > 0) std::cout << tr(g, "达成 ", "met ") << met << " / " << checked << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
