// The contract between JIT-compiled code (lower.cpp emits it) and the C++ around it (jit.cpp):
// the context record compiled functions read and write, their return codes, and the runtime
// helpers they call for checked Rational arithmetic and for filling a RuleOutcome. No LLVM here.
#pragma once
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "runtime/bytecode/module.h"
#include "runtime/vm/vm.h"

namespace zc::jit {

// One value as compiled code stores it (a derived value's memo): a Num as the four words
// lo.num, lo.den, hi.num, hi.den of its Interval; a Bool in `b`; an Opt in `opt`.
struct Slot {
  int64_t w[4];
  uint16_t opt;
  uint8_t b;
};

// Per-derived-value memo state, as in the VM: computed at most once per evaluation.
enum DerivedState : uint8_t { kNotRun = 0, kDone = 1, kFailed = 2 };

// What a compiled rule or derived value returns. Rules: kNotApplicable or kAwarded on RET; derived values:
// kNotApplicable (0) when the value is in memo. kMissingFact and kOverflow stop the function;
// `err_fact` then names the missing fact (kNoIndex for overflow).
enum Ret : int32_t { kNotApplicable = 0, kAwarded = 1, kMissingFact = 2, kOverflow = 3 };

// The record every compiled function receives. Offsets are taken with offsetof by the lowering.
struct Ctx {
  const FactValue* facts;
  uint64_t nfacts;
  uint8_t* dstate;     // per derived value: DerivedState
  Slot* memo;          // per derived value
  int32_t* derr;       // per derived value: the Ret it failed with
  uint16_t* dfact;     // per derived value: the missing fact it failed on
  uint16_t err_fact;   // out: the missing fact of the last failure
  const FactValue* item;  // inside an item function: the current item's row (ItemRows::cells)
};

// An item function as compiled: a derived value's signature (it memoises its value in memo[d]).
using ItemFn = int32_t (*)(Ctx*, void*);
// ITEMS_COUNT (amount null: the count) and ITEMS_SUM (the sum of memo[amount_d] over the items for
// which memo[cond_d] holds; cond null: every item) over list fact `list`, whose rows are `width`
// values wide, into `out` (four words). Returns 0, or the Ret an item function stopped with (or
// kMissingFact for a list whose rows are malformed, kOverflow for a sum that overflows).
extern "C" int32_t zc_jit_items(Ctx* ctx, uint32_t list, uint32_t width, ItemFn cond, uint32_t cond_d, ItemFn amount,
                                uint32_t amount_d, int64_t* out);

// Interval arithmetic on four-word values (see Slot::w); false on overflow. `op` is the opcode.
extern "C" bool zc_jit_arith(uint32_t op, const int64_t* a, const int64_t* b, int64_t* out);
extern "C" bool zc_jit_round(const int64_t* in, int64_t* out, uint32_t mode, uint32_t unit);
// Filling the vectors and optionals of the running rule's RuleOutcome (EMIT_AMOUNT, EMIT_EXTERNAL,
// EMIT_DEDUCT, UNSPEC_MAX, EMIT_BENEFIT); false on overflow (amounts of one payer add up).
extern "C" bool zc_jit_emit(RuleOutcome* o, uint32_t op, uint32_t operand, const int64_t* v);
// A rule that stopped with `code` (kMissingFact or kOverflow): as the VM's fail(), it keeps no
// award fields.
extern "C" void zc_jit_fail(RuleOutcome* o, int32_t code, uint16_t fact);

// The byte layout of the value types the compiled code reads directly, checked at run time
// (Rational's parts are private, so their order cannot be checked with offsetof).
bool layout_is_as_expected();
inline constexpr size_t kFactKindOffset = offsetof(FactValue, kind);
inline constexpr size_t kFactBoolOffset = offsetof(FactValue, b);
inline constexpr size_t kFactNumOffset = offsetof(FactValue, num);
inline constexpr size_t kFactOptOffset = offsetof(FactValue, opt);
// The plain fields of a RuleOutcome that compiled code stores directly; its vectors and optionals
// are only touched through zc_jit_emit.
static_assert(std::is_standard_layout_v<RuleOutcome> && sizeof(bool) == 1 && sizeof(RuleStatus) == 1);
inline constexpr size_t kOutcomeStatusOffset = offsetof(RuleOutcome, status);
inline constexpr size_t kOutcomeBranchOffset = offsetof(RuleOutcome, branch);
inline constexpr size_t kOutcomeSelectiveOffset = offsetof(RuleOutcome, selective);
inline constexpr size_t kOutcomeCaseOffset = offsetof(RuleOutcome, case_by_case);
inline constexpr size_t kOutcomeUnspecifiedOffset = offsetof(RuleOutcome, unspecified);
inline constexpr size_t kOutcomePayerOffset = offsetof(RuleOutcome, payer);

}  // namespace zc::jit
