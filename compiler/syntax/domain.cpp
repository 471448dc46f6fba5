// Fact value domains (see domain.h).
#include "compiler/syntax/domain.h"

#include "compiler/syntax/lexer.h"

namespace zc::syntax {

bool whole_count_unit(std::string_view unit) {
  for (const KeywordEntry& k : keyword_table())
    if (std::string_view(k.token) == "UNIT" && unit == k.spelling) return true;
  return false;
}

std::string unit_name(std::string_view spelling) {
  if (spelling == "个月") return "月";
  if (spelling == "台(套)") return "台（套）";
  return std::string(spelling);
}

std::optional<std::string> domain_violation(ValueType t, std::string_view unit, const Rational& v) {
  bool negative = v.sign() < 0;
  switch (t) {
    case ValueType::Money:
      if (negative) return "不小于0的金额";
      return std::nullopt;
    case ValueType::Rate:
      if (negative) return "不小于0的比例";
      return std::nullopt;
    case ValueType::Points:
      if (negative) return "不小于0的分数";
      return std::nullopt;
    case ValueType::Count: {
      bool whole = whole_count_unit(unit);
      if (!negative && (!whole || v.is_integer())) return std::nullopt;
      std::string in = unit.empty() ? std::string() : "（" + std::string(unit) + "）";
      return whole ? "不小于0的整数" + in : "不小于0的数量" + in;
    }
    case ValueType::Bool:
    case ValueType::Option:
    case ValueType::Date:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace zc::syntax
