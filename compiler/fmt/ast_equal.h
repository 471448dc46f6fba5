// Structural equality of two policy ASTs, spans ignored: the formatter's proof that its output says
// exactly what its input said. Text kept as written is compared after canonical_text(), because the
// formatter may change white space and the ASCII/full-width spelling of punctuation, which the
// language defines as meaningless; names, quoted text and every value are compared exactly.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "compiler/syntax/ast.h"

namespace zc::formatter {

// White space removed; ASCII , ; : ( ) as full-width ，；：（）; the dash variants of a range as -;
// ％ as %. With `ratio`, every colon becomes the ratio sign ∶ (1:1, 1：1 and 1∶1 are one ratio).
std::string canonical_text(std::string_view s, bool ratio = false);

// nullopt when equal; otherwise where they first differ, e.g. "rules[3].branches[0].pays[1][2].text".
std::optional<std::string> ast_difference(const ast::Policy& a, const ast::Policy& b);

}  // namespace zc::formatter
