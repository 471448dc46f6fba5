// The verifier: proves a Module safe for the VM, whether it came from a .zcb file, from codegen or
// from a hand-written test. It checks every table index, decodes every instruction and interprets
// the stack abstractly along every path. It does not judge whether the policy itself makes sense.
//
// Guarantees when verify_module() returns no errors (the VM relies on each, see vm.h):
//  - every string, constant, fact, payer, rule, derived and option index is in range;
//  - every rule and derived value owns a non-empty code range inside Module::code, and no two
//    ranges overlap; every byte of a range decodes as an instruction with all its operands inside;
//  - every jump goes forward to an instruction boundary of the same function (so no loops: every
//    evaluation terminates), and no path falls off the end of a function;
//  - along every path the stack never underflows, never exceeds kMaxStackDepth, and every
//    instruction finds the types it needs (Bool, Num, Opt of a fact); paths that meet agree in
//    depth and types; comparisons only see exact numbers (not ranges such as [0, x]);
//  - a rule returns with an empty stack; a derived value returns one value of its declared class
//    and loads only derived values of lower index (no recursion); EMIT_*, UNSPEC_MAX,
//    MARK_SELECTIVE and SET_BRANCH occur only in rules; SET_BRANCH a < the rule's branch_count;
//  - every TRACE template parses, and each placeholder names one of the TRACE's values with a
//    matching type; groups name rules (no repeats) and caps name non-negative constants;
//    constraints name a rule (or none) and a constant; targets name a fact and constants;
//  - item lists (清单) name a 数量 fact, member facts and item functions each in at most one list;
//    LOAD_ITEM occurs only in an item function of its fact's list; item functions are run only by
//    ITEMS_COUNT / ITEMS_SUM (never LOAD_DERIVED), which occur only outside item functions (no nesting).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/bytecode/module.h"

namespace zc {

inline constexpr int kMaxStackDepth = 256;
inline constexpr uint32_t kNoCodeOffset = 0xFFFFFFFFu;

enum class VerifyWhere : uint8_t {
  Module = 0,  // the module as a whole (e.g. a table with too many entries)
  Meta,
  Strings,
  Consts,
  Facts,
  Payers,
  Derived,
  Rules,
  Groups,
  Constraints,
  Targets,
  ItemLists,
};

struct VerifyError {
  std::string message_zh;
  std::string message_en;
  VerifyWhere where = VerifyWhere::Module;
  uint32_t index = 0;                     // entry of `where`; for code errors the rule or derived value
  uint32_t code_offset = kNoCodeOffset;   // for errors in code: the instruction's offset
  bool operator==(const VerifyError&) const = default;
};

// All errors found, in a stable order: tables first, then the code of each derived value and each
// rule (at most one code error per function: later ones would only be consequences).
std::vector<VerifyError> verify_module(const Module& m);

// "规则 R2 代码 0012：..." / "rule R2 at code 0012: ..."
std::string describe(const VerifyError& e, bool english = false);

}  // namespace zc
