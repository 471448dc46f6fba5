// Drafting checks: what a review office looks for that type checking does not — bound words
// without an exact legal meaning, band tables with gaps or overlaps, caps that never bind, unit
// slips, clauses that can never apply or that overlap, double payment, unused declarations and
// fair-competition concerns. Run after sema::check and before codegen; it reads the AST and the
// checked Program and never changes either. docs/diagnostics.md says what each check detects.
#pragma once
#include "base/diag.h"
#include "base/source.h"
#include "compiler/check/sema.h"
#include "compiler/syntax/ast.h"

namespace zc::sema {

// Reports E0510-E0517 and W0601-W0610 into `sink`, in source order. The checks that read the
// Program (group-cap payers, figures, conditions, double payment) and the unused-declaration check
// run only when `program_complete` (sema::check reported no error) and the AST checks found no
// error either: with errors the Program is incomplete and a dropped statement leaves its names
// unused, so those findings would only echo the errors already reported.
void lint(const ast::Policy& policy, const Program& program, const SourceManager& sm, DiagSink& sink,
          bool program_complete);

}  // namespace zc::sema
