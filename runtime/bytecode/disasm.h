// Human-readable listing of a Module: its tables, then the code of each derived value and rule
// with offsets, mnemonics, operands and what each operand refers to. The output is stable (golden
// tests compare it whole). It works on unverified modules too: bad indices print as "?".
#pragma once
#include <string>

#include "runtime/bytecode/module.h"

namespace zc {

std::string disassemble(const Module& m);

}  // namespace zc
