// Settling the open ends of ranges. A range written with two ends (25%（含）-30%, 300万元~1000万元)
// says of each end whether it is included only when the text marks it; this pass settles an
// unmarked end from the neighbouring band of the same table, or the neighbouring alternative of the
// same rule (or case table), that states the same number (30%（含）以上 beside 25%（含）-30%: 30%
// belongs to the band above). It does not guess: an end that neither side states stays open, and
// the checker reports it (E0517).
#pragma once

#include "compiler/syntax/ast.h"

namespace zc::syntax {

void settle_range_ends(ast::Policy& p);

}  // namespace zc::syntax
