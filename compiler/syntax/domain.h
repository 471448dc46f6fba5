// The values a fact of each type admits (docs/language.md §2, "Facts"): amounts, rates, counts and
// points are never negative, and a count in a unit of whole things — the UNIT keywords of
// keywords.def: 家 个 名 项 人 件 次 人次 台 套 — is a whole number; dates, 年 and unitless counts are not
// restricted further. The band checks rely on it (a value outside the domain falls in no band).
// Facts files, registry cells, example cases and defaults all use this one definition. It judges
// values; it does not read them.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "base/values.h"
#include "base/rational.h"

namespace zc::syntax {

// Whether `unit` counts whole things (a UNIT keyword: 家 个 名 项 人 件 次 人次 台 套 台（套）); a
// MEASURE (平方米, 月) and 年 need not be whole.
bool whole_count_unit(std::string_view unit);

// The unit a spelling names, as facts, literals and messages carry it: 个月 is 月, 台(套) is 台（套）.
// Every other spelling is its own unit.
std::string unit_name(std::string_view spelling);

// Nullopt when `v` is admitted for a value of type `t` counted in `unit`; otherwise what is, in words
// that follow 应为: 不小于0的金额, 不小于0的整数（人）.
std::optional<std::string> domain_violation(ValueType t, std::string_view unit, const Rational& v);

}  // namespace zc::syntax
