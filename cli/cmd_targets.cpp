// zhengce targets FILE [--figures FIGURES.json]: list a policy's targets (总体目标) and, given the
// reported figures of its indicators, say which are met. Figures use the facts-file format with
// indicator names as keys.
// Exit: 0 listed (whether or not met), 1 the policy has errors or a figure is not valid, 2 usage or I/O.
#include <iostream>

#include "cli/commands.h"
#include "facts/facts.h"
#include "runtime/vm/text.h"

namespace zc::cli {
namespace {

bool holds(CmpOp op, const Rational& a, const Rational& b) {
  int c = a.compare(b);
  switch (op) {
    case CmpOp::Lt: return c < 0;
    case CmpOp::Le: return c <= 0;
    case CmpOp::Gt: return c > 0;
    case CmpOp::Ge: return c >= 0;
    case CmpOp::Eq: return c == 0;
  }
  return false;
}

}  // namespace

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
    SourceManager sm;
    DiagSink sink;
    bool io_error = false;
    auto lp = load_policy(g, opts->file, sm, sink, io_error);
    if (!lp || !lp->module) {
      if (sink.error_count() > 0) print_diagnostics(g, sink, sm, DiagFormat::Human);
      exit_code = io_error || is_bytecode_path(opts->file) || !lp ? kExitUsage : kExitPolicy;
      return;
    }
    const Module& m = *lp->module;
    std::vector<std::optional<Rational>> figure(m.facts.size());
    if (!opts->figures.empty()) {
      auto text = read_file(g, opts->figures);
      if (!text) { exit_code = kExitUsage; return; }
      std::vector<std::pair<std::string, facts::Scalar>> entries;
      std::string err;
      DiagSink fs;
      if (!facts::parse_flat_json(*text, entries, err)) fs.report(make_diag_nospan(DiagCode::E0805, {opts->figures + "：" + err}));
      for (const auto& [key, value] : entries) {
        if (!key.empty() && key[0] == '#') continue;
        int f = facts::find_fact(m, key);
        if (f < 0 || !m.facts[static_cast<size_t>(f)].indicator) {
          fs.report(make_diag_nospan(DiagCode::E0803, {key, ""}));
          continue;
        }
        std::string why, example;
        auto v = facts::fact_from_scalar(m, static_cast<size_t>(f), value, why, example);
        if (!v || v->kind != FactValue::Kind::Num) {
          fs.report(make_diag_nospan(DiagCode::E0802, {key, value.text, why, example}));
          continue;
        }
        figure[static_cast<size_t>(f)] = v->num;
      }
      if (fs.error_count() > 0) {
        print_diagnostics(g, fs, sm, DiagFormat::Human);
        exit_code = kExitPolicy;
        return;
      }
    }
    std::cout << m.str(m.meta.title) << tr(g, "：总体目标\n", ": targets\n");
    if (m.targets.empty()) std::cout << tr(g, "  （没有目标）\n", "  (no targets)\n");
    size_t met = 0, checked = 0;
    for (const TargetInfo& t : m.targets) {
      std::cout << "  " << m.str(t.text);
      const FactInfo& fi = m.facts[t.indicator];
      const auto& f = figure[t.indicator];
      if (f) {
        ++checked;
        bool ok = holds(t.op, *f, m.consts[t.value]);
        met += ok ? 1 : 0;
        std::string shown = value_text(m, fi.type, fi.unit, Interval::exact(*f));
        std::cout << tr(g, "　报告值", "  reported ") << shown << "：" << (ok ? tr(g, "达成", "met") : tr(g, "未达成", "not met"));
      }
      std::cout << "\n";
    }
    if (checked > 0) std::cout << tr(g, "达成 ", "met ") << met << " / " << checked << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
