// The award reader of the syntax stage: the atoms of an award phrase (ast::Atom, in the order
// written) typed into an ast::Award by the words around them. It resolves no name and judges no
// meaning; the checker (compiler/check/award.cpp) does both, following Award::steps.
#pragma once
#include "compiler/syntax/ast.h"

namespace zc::syntax {

// Reads `cl.pays` into `cl.award` and the atoms of its 在……基础上 segments, if any, into `cl.ontop`.
void read_awards(ast::Clause& cl);

}  // namespace zc::syntax
