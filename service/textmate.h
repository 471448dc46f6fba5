// The language's TextMate grammar (for VS Code and other editors that highlight with TextMate
// grammars), generated from compiler/syntax/keywords.def: keywords by kind, longest first as the lexer
// matches them, names in 「」, strings in “” (nested), numbers with their units, comments. Names
// written bare are left to semantic tokens, which know what is declared.
#pragma once
#include <string>

namespace zc::service {

// The grammar as JSON text (editors/vscode/syntaxes/zhengce.tmLanguage.json is this, written by
// scripts/vscode through `zhengce keywords --textmate`).
std::string textmate_grammar();

}  // namespace zc::service
