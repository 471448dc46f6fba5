// A typed value of a Module as text (value_text, see text.h): the VM's traces and the reports show facts
// and results with it. The figures themselves are read by base/units.h, the one money formatter.
#include "runtime/vm/text.h"

#include "base/units.h"

namespace zc {

std::string value_text(const Module& m, ValueType t, uint32_t unit, const Interval& v) {
  switch (t) {
    case ValueType::Money:
      return interval_money_text(v);
    case ValueType::Rate:
      return v.is_exact() ? rate_text(v.lo) : rate_text(v.lo) + "至" + rate_text(v.hi);
    case ValueType::Count: {
      std::string u = unit < m.strings.size() ? m.strings[unit] : std::string();
      if (v.is_exact()) return v.lo.to_decimal() + u;
      return v.lo.to_decimal() + u + "至" + v.hi.to_decimal() + u;
    }
    case ValueType::Points:
      if (v.is_exact()) return v.lo.to_decimal() + "分";
      return v.lo.to_decimal() + "分至" + v.hi.to_decimal() + "分";
    case ValueType::Date:
      return v.is_exact() ? date_text(v.lo) : date_text(v.lo) + "至" + date_text(v.hi);
    case ValueType::Bool:
      return v.lo.sign() != 0 ? "是" : "否";
    case ValueType::Option:
      return number_text(v);
  }
  return number_text(v);
}

}  // namespace zc
