// The TRACE template convention shared by codegen, the verifier and the VM. A template is text
// with placeholders {i} or {i:kind} or {i:count:unit}; {{ and }} are literal braces. It only
// parses templates; formatting values is the VM's job (runtime/vm/text.h).
//
//   kind     stack type   printed as
//   money    Num          10万元, 4500.50元, 100万元至500万元, 最高50万元
//   rate     Num          20%, 1.5‰
//   count    Num          2 or, with a unit, {0:count:家} -> 2家
//   points   Num          85分
//   date     Num          2024年2月21日 (a day number since 1970-01-01)
//   num      Num          plain decimal: 1.5, 1至2
//   bool     Bool         是 / 否
//   option   Opt          the option's name
//   (none)   any          Num as num, Bool as bool, Opt as option
// {0} is the deepest of the TRACE's b values and {b-1} the top of the stack.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zc {

enum class TraceKind : uint8_t { Any, Money, Rate, Count, Points, Date, Num, Bool, Option };

struct TracePiece {
  std::string_view literal;  // text to copy (when arg < 0)
  int arg = -1;              // placeholder index, or -1 for a literal piece
  TraceKind kind = TraceKind::Any;
  std::string_view unit;     // for {i:count:unit}
};

struct TraceTemplateError {
  std::string zh;
  std::string en;
};

// Splits `tmpl` into pieces (views into tmpl). On malformed input returns false and fills `err`.
// Placeholder indices are not bounded here; the verifier checks them against TRACE's b operand.
bool parse_trace_template(std::string_view tmpl, std::vector<TracePiece>& out, TraceTemplateError& err);

std::string_view trace_kind_name(TraceKind k);  // "money", ... ("" for Any)

}  // namespace zc
