// The award reader of the syntax stage: the atoms of an award phrase (ast::Atom, in the order
// written) typed into an ast::Award by the words around them. It resolves no name and judges no
// meaning; the checker (compiler/check/award.cpp) does both, following Award::steps.
#pragma once
#include "compiler/syntax/ast.h"

namespace zc::syntax {

// Reads `cl.pays` into `cl.award` and the atoms of its 在……基础上 segments, if any, into `cl.ontop`.
void read_awards(ast::Clause& cl);
// After a rule's clauses are read: a 另行 clause's parts may divide the amount the alternative
// before it compares (登记额达到2亿元的，给予5万元；超过2亿元的部分，按0.5‰另行奖励).
void join_awards(ast::Rule& rule);

}  // namespace zc::syntax
