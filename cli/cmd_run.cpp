// zhengce run FILE|OUT.zcb --facts A.json [--format text|json] [--engine vm|jit]: evaluate a policy for one applicant
// and print each award with its explanation, then the totals per payer.
// Exit: 0 evaluated, 1 the policy has errors or the applicant could not be fully evaluated (bad or
// missing facts), 2 usage, I/O error, or a corrupt bytecode file.
#include <iostream>

#include "cli/commands.h"
#include "cli/engine_option.h"

namespace zc::cli {

void add_run_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::string file, facts;
    std::string format = "text";
    std::string engine = "vm";
    bool all = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("run", "为一个申请人求值：每条规则的结果、计算过程与各出资方合计");
  cmd->add_option("file", opts->file, "政策文件（.zc）或字节码（.zcb）")->required();
  cmd->add_option("--facts", opts->facts, "申请人事实（JSON）")->required();
  cmd->add_option("--format", opts->format, "输出格式：text（默认）或 json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--all", opts->all, "也列出不予支持的规则及其原因");
  add_engine_option(cmd, opts->engine);
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    std::optional<zhengce::Policy> policy = load_policy(g, opts->file, exit_code);
    if (!policy) return;
    std::optional<zhengce::Facts> facts = read_applicant(g, opts->facts, *policy, exit_code);
    if (!facts) return;
    std::optional<zhengce::Engine> engine = engine_for(g, opts->engine);
    if (!engine) { exit_code = kExitUsage; return; }
    zhengce::Evaluator evaluator(*policy, *engine);
    std::string why;
    if (!evaluator.ready(&why)) {
      fail(g, "无法启动求值引擎「" + opts->engine + "」：" + why, "cannot start the `" + opts->engine + "` engine: " + why);
      exit_code = kExitUsage;
      return;
    }
    zhengce::EvaluateOptions eo;
    eo.lang = g.lang;
    zhengce::Evaluation result = evaluator.evaluate(*facts, eo);
    if (opts->format == "json") {
      std::cout << result.json(opts->facts) << "\n";
    } else {
      std::cout << result.text(opts->all, g.color_stdout, opts->facts);
    }
    if (!result.complete()) {
      print_diagnostics(g, result.problems());
      exit_code = kExitPolicy;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
