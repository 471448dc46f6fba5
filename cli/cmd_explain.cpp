// zhengce explain FILE.zc --facts A.json: a plain-language account, rule by rule, of what the
// applicant gets and why (compiler/explain): the conditions that held or failed with the applicant's
// values, the computation, caps and 不重复 rules, the article and the notes on readings. Chinese by
// default, English labels and reasons with --lang en. It needs the source: bytecode has no clauses.
// Exit: 0 explained, 1 the policy has errors or the applicant could not be fully evaluated (bad or
// missing facts; the explanation is still printed when it can be), 2 usage or I/O error.
#include <iostream>

#include "cli/commands.h"

namespace zc::cli {

void add_explain_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::string file, facts;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("explain", "向申请人逐条说明：为何给予或不予支持、金额如何计算、适用哪项上限或不重复规则");
  cmd->add_option("file", opts->file, "政策文件（.zc）")->required();
  cmd->add_option("--facts", opts->facts, "申请人事实（JSON）")->required();
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    if (is_bytecode_path(opts->file)) {
      fail(g, "explain 需要政策源文件（.zc）：字节码中没有条款原文", "explain needs the policy source (.zc): bytecode has no clauses");
      exit_code = kExitUsage;
      return;
    }
    std::optional<zhengce::Policy> policy = load_policy(g, opts->file, exit_code);
    if (!policy) return;
    std::optional<zhengce::Facts> facts = read_applicant(g, opts->facts, *policy, exit_code);
    if (!facts) return;
    std::optional<zhengce::Explanation> x = zhengce::explain(*policy, *facts, {g.lang, opts->facts});
    std::cout << x->text;  // INVARIANT: a policy loaded from a .zc has its source
    exit_code = x->complete ? kExitOk : kExitPolicy;
  });
}

}  // namespace zc::cli
