// What a payer pays under one evaluation, as every report shows it: the figures the engines total
// (Evaluation::payer_totals) together with the awards that have no figure — 金额未明确 (counted as
// [0, its maximum], or with no upper end when the text states none) and 一事一议 (no upper end).
// A total that includes such an award says so; it is never shown as if the award were 0元.
// It reads outcomes only: the engines' totals are not changed (the simulator counts these awards
// separately, docs/simulate.md).
#pragma once
#include <cstdint>
#include <string>

#include "runtime/vm/vm.h"

namespace zc {

struct PayerTotal {
  Interval amount;                          // lo: the least; hi: the most, when `bounded`
  bool bounded = true;                      // false: an included award states no maximum
  uint32_t unspecified = 0;                 // 金额未明确 awards included
  uint32_t case_by_case = 0;                // 一事一议 awards included
  Rational unspecified_max = Rational(0);   // the sum of the maxima the 金额未明确 awards state
  bool empty() const { return unspecified == 0 && case_by_case == 0 && amount.lo.sign() == 0 && amount.hi.sign() == 0; }
};

// Payer `payer`'s total. A sum of maxima beyond the exact range (9×10^14 元) reads as no upper end.
PayerTotal payer_total(const Evaluation& ev, uint16_t payer);

// 15万元; 10万元至60万元（含金额未明确 1 项）; 至少10万元（含一事一议 1 项，无上限）;
// 金额未定（含金额未明确 1 项，无上限）.
std::string payer_total_text(const PayerTotal& t);

}  // namespace zc
