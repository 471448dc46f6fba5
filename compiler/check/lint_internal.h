// Shared by the drafting checks (lint*.cpp): the context every check reads and reports through,
// and the list of checks. Not used outside compiler/check.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/check/cond_model.h"
#include "compiler/check/lint.h"

namespace zc::sema::lint_detail {

struct Ctx {
  Ctx(const ast::Policy& policy, const Program& program, const SourceFile& source);

  const ast::Policy& p;
  const Program& prog;
  const SourceFile& src;
  model::Model model;
  std::vector<Diagnostic> out;  // sorted by position before they reach the sink

  Diagnostic& report(DiagCode code, Span at, std::vector<std::string> args, int article);
  std::string text(Span s) const { return std::string(src.slice(s)); }
  // Whether the rule's 说明 quotes `figure` as written (the drafter has answered the warning).
  bool note_quotes(const ast::Rule& r, const std::string& figure) const;
  int fact_index(const std::string& name) const;
  int define_index(const std::string& name) const;
  bool is_option(const std::string& name) const;

 private:
  std::unordered_map<std::string, int> facts_, defines_;
  std::unordered_set<std::string> options_;
};

// AST checks: they run on every file that parsed.
void check_bound_words(Ctx& c);      // E0515 E0516 E0517
void check_bands(Ctx& c);            // E0511 E0512 E0513
void check_parts(Ctx& c);            // E0530 E0531
void check_steps(Ctx& c);            // W0618
void check_bare_scales(Ctx& c);      // W0619
void check_categories(Ctx& c);       // E0510
void check_any_of_qualities(Ctx& c); // W0627
void check_matching_ratio(Ctx& c);   // W0604
void check_fair_competition(Ctx& c); // W0610

// Checks that run only when no error has been reported.
void check_unused(Ctx& c);           // W0609
void check_group_cap_payers(Ctx& c); // E0514
void check_amounts(Ctx& c);          // W0601 W0602 W0603
void check_branches(Ctx& c);         // W0605 W0606 W0607
void check_duplicate_pay(Ctx& c);    // W0608
void check_smt(Ctx& c);              // W0611-W0617, decided by Z3 (lint_smt.cpp); after the others

}  // namespace zc::sema::lint_detail
