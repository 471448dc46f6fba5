// The drafting checks' entry point and shared context (see lint.h). Each check lives in one of
// lint_words.cpp, lint_amounts.cpp, lint_conds.cpp and lint_decls.cpp; this file only sequences them
// and hands their diagnostics to the sink in source order.
#include "compiler/check/lint.h"

#include <algorithm>

#include "compiler/check/lint_internal.h"

namespace zc::sema {
namespace lint_detail {

Ctx::Ctx(const ast::Policy& policy, const Program& program, const SourceFile& source)
    : p(policy), prog(program), src(source), model(policy, program, source) {
  for (size_t i = 0; i < prog.facts.size(); ++i) {
    facts_.emplace(prog.facts[i].name, static_cast<int>(i));
    options_.insert(prog.facts[i].options.begin(), prog.facts[i].options.end());
  }
  for (size_t i = 0; i < p.defines.size(); ++i) defines_.emplace(p.defines[i].name.text, static_cast<int>(i));
}

Diagnostic& Ctx::report(DiagCode code, Span at, std::vector<std::string> args, int article) {
  Diagnostic d = make_diag(code, at, std::move(args));
  d.article = article_label(p, article);
  out.push_back(std::move(d));
  return out.back();
}

bool Ctx::note_quotes(const ast::Rule& r, const std::string& figure) const {
  return !figure.empty() && r.note.find(figure) != std::string::npos;
}

int Ctx::fact_index(const std::string& name) const {
  auto it = facts_.find(name);
  return it == facts_.end() ? -1 : it->second;
}

int Ctx::define_index(const std::string& name) const {
  auto it = defines_.find(name);
  return it == defines_.end() ? -1 : it->second;
}

bool Ctx::is_option(const std::string& name) const { return options_.count(name) > 0; }

}  // namespace lint_detail

void lint(const ast::Policy& policy, const Program& program, const SourceManager& sm, DiagSink& sink,
          bool program_complete) {
  using namespace lint_detail;
  Ctx c(policy, program, sm.file(policy.file));
  check_bound_words(c);
  check_bands(c);
  check_parts(c);
  check_steps(c);
  check_categories(c);
  check_matching_ratio(c);
  check_fair_competition(c);
  bool clean = program_complete &&
               std::none_of(c.out.begin(), c.out.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
  if (clean) {
    check_unused(c);  // in a file with errors, a dropped statement would leave its names unused
    check_bare_scales(c);  // only where 20万 was read as money (a count or a rate is E0401 instead)
    check_any_of_qualities(c);  // only where the listed names are yes/no facts
    check_group_cap_payers(c);
    check_amounts(c);
    check_branches(c);
    check_duplicate_pay(c);
    check_smt(c);
  }
  std::stable_sort(c.out.begin(), c.out.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  for (Diagnostic& d : c.out) sink.report(std::move(d));
}

}  // namespace zc::sema
