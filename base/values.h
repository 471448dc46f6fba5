// The kinds of value a policy talks about, shared by every layer: the types of facts (金额, 比例,
// 数量 …), an applicant's value of one fact, comparison operators, payer roles and group kinds. The
// syntax tree, the checker, the bytecode, the facts reader and the simulator all use these enums;
// none of them owns them. How values read as text is units.h's business.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "base/rational.h"

namespace zc {

enum class ValueType : uint8_t {
  Bool = 1,    // 是否
  Money = 2,   // 金额, in 元
  Rate = 3,    // 比例, as a fraction (20% = 1/5)
  Count = 4,   // 数量, with a unit such as 家, 个, 名, 项, 人, 年
  Option = 5,  // 选项
  Date = 6,    // 日期, a day number (days since 1970-01-01)
  Points = 7,  // 分数 (scores in a points table)
};

// The type's word as a declaration writes it (事实「x」：金额), for messages.
inline const char* type_word(ValueType t) {
  switch (t) {
    case ValueType::Bool: return "是否";
    case ValueType::Money: return "金额";
    case ValueType::Rate: return "比例";
    case ValueType::Count: return "数量";
    case ValueType::Option: return "选项";
    case ValueType::Date: return "日期";
    case ValueType::Points: return "分数";
  }
  return "?";
}

struct ItemRows;

// A fact's value as an applicant gives it. Num holds Money, Rate, Count, Points and Date.
// An item list (清单, issue 11 form 12) is a Num, its number of items, with the items in `items`.
struct FactValue {
  enum class Kind : uint8_t { Missing = 0, Bool = 1, Num = 2, Opt = 3 };
  Kind kind = Kind::Missing;
  bool b = false;
  Rational num;
  uint16_t opt = 0;
  std::shared_ptr<const ItemRows> items;  // an item list's items (null for every other fact)
  bool operator==(const FactValue& o) const;
};

// The items of one item list, row by row: item i's value of the list's k-th item fact is
// cells[i * width + k] (Missing: that fact's default). `count` is the number of items (a list whose
// items carry no facts of their own still has one).
struct ItemRows {
  uint32_t width = 0;
  uint64_t count = 0;
  std::vector<FactValue> cells;
  bool operator==(const ItemRows&) const = default;
};

// An item list's value: the number of its items, with the items. The count is derived from the rows,
// so the two never disagree.
inline FactValue item_list_value(std::shared_ptr<const ItemRows> rows) {
  FactValue v;
  v.kind = FactValue::Kind::Num;
  v.num = Rational(static_cast<int64_t>(rows->count));
  v.items = std::move(rows);
  return v;
}

inline bool FactValue::operator==(const FactValue& o) const {
  if (kind != o.kind || b != o.b || !(num == o.num) || opt != o.opt) return false;
  if (items == o.items) return true;
  return items && o.items && *items == *o.items;
}

enum class CmpOp : uint8_t { Lt = 0, Le = 1, Gt = 2, Ge = 3, Eq = 4 };

enum class PayerRole : uint8_t {
  Local = 0,  // 本级: this policy's own money; totals and budgets count it
  Upper = 1,  // 上级: a higher level whose award this policy builds on or matches
  Other = 2,  // 其他: banks, insurers, funds sharing a risk
};

enum class GroupKind : uint8_t {
  Cap = 1,    // 上限: the members' awards together are capped
  NoDup = 2,  // 不重复: at most one member pays
};
enum class NoDupMode : uint8_t {
  Highest = 0,  // 就高: keep the highest award (ties: the first listed)
  First = 1,    // 优先: keep the first listed member that pays
};

}  // namespace zc
