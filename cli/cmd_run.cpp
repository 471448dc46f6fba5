// zhengce run FILE|OUT.zcb --facts A.json [--format text|json] [--engine vm|jit]: evaluate a policy for one applicant
// and print each award with its explanation, then the totals per payer.
// Exit: 0 evaluated, 1 the policy has errors or the applicant could not be fully evaluated (bad or
// missing facts), 2 usage, I/O error, or a corrupt bytecode file.
#include <iostream>

#include "cli/commands.h"
#include "cli/engine_option.h"
#include "facts/facts.h"
#include "lib/report.h"

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
    SourceManager sm;
    DiagSink sink;
    bool io_error = false;
    auto lp = load_policy(g, opts->file, sm, sink, io_error);
    if (!lp || !lp->module) {
      if (sink.error_count() > 0) print_diagnostics(g, sink, sm, DiagFormat::Human);
      exit_code = io_error || is_bytecode_path(opts->file) || !lp ? kExitUsage : kExitPolicy;
      return;
    }
    auto read = read_applicant(g, opts->facts, *lp->module, exit_code);
    if (!read) return;
    std::vector<FactValue>& facts = *read;
    std::unique_ptr<Engine> engine = engine_for(g, opts->engine, *lp->module);
    if (!engine) { exit_code = kExitUsage; return; }
    EvalOptions eo;
    eo.trace = true;
    Evaluation ev = engine->evaluate(facts, eo);
    lib::ReportOptions ro;
    ro.all = opts->all;
    ro.facts_path = opts->facts;
    ro.color = g.color_stdout;
    if (opts->format == "json") {
      std::cout << lib::evaluation_json(*lp->module, ev, ro) << "\n";
    } else {
      std::cout << lib::evaluation_text(*lp->module, ev, ro);
    }
    if (ev.has_error) {
      DiagSink es;
      for (size_t r = 0; r < ev.rules.size(); ++r) {
        const RuleOutcome& o = ev.rules[r];
        if (o.status != RuleStatus::Error) continue;
        const Module& m = *lp->module;
        if (o.error == VmError::MissingFact) {
          const FactInfo& fi = m.facts[o.error_fact];
          es.report(make_diag_nospan(DiagCode::E0801, {m.str(fi.name), m.str(m.rules[r].name), lib::fact_type_text(m, fi)}));
        } else {
          es.report(make_diag_nospan(DiagCode::E0804, {m.str(m.rules[r].name)}));
        }
      }
      print_diagnostics(g, es, sm, DiagFormat::Human);
      exit_code = kExitPolicy;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
