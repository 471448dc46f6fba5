// The bytecode verifier (guarantees listed in verify.h). Tables are checked entry by entry; code
// is decoded, its operands checked, then its stack interpreted abstractly in one forward pass
// (jumps only go forward, so every predecessor of an instruction is seen before it). It never runs code.
#include "runtime/bytecode/verify.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>

#include "base/utf8.h"
#include "runtime/bytecode/opcodes.h"
#include "runtime/bytecode/trace_template.h"

namespace zc {
namespace {

// ---- abstract stack types -----------------------------------------------------------------------

enum class T : uint8_t { Bool, Num, Range, Opt };  // Num: an exact number; Range: any interval

struct Ty {
  T t = T::Num;
  uint16_t fact = kNoIndex;  // for Opt: the fact whose options it ranges over (kNoIndex: unknown)
  bool operator==(const Ty&) const = default;
};

using Stack = std::vector<Ty>;

// The typing rules of every opcode are opcodes.def's IN and OUT columns (legend there); the
// abstract interpreter below applies them. SCOPE rule opcodes may appear in rules only.
constexpr std::string_view input_spec(Opcode op) { return kOpInfo[static_cast<size_t>(op)].in; }
constexpr char output_spec(Opcode op) { return kOpInfo[static_cast<size_t>(op)].out; }
constexpr bool rule_only(Opcode op) { return kOpInfo[static_cast<size_t>(op)].rule_only; }

struct Names {
  std::string zh;
  std::string en;
};

Names type_name(const Ty& t) {
  switch (t.t) {
    case T::Bool:
      return {"是否值", "Bool"};
    case T::Num:
      return {"数值", "Num"};
    case T::Range:
      return {"数值区间", "a range"};
    case T::Opt:
      if (t.fact == kNoIndex) return {"选项", "an option"};
      return {fmt::format("F{} 的选项", t.fact), fmt::format("an option of F{}", t.fact)};
  }
  return {"?", "?"};
}

Names expected_name(char c) {
  switch (c) {
    case 'B':
      return {"是否值", "Bool"};
    case 'E':
      return {"确定数值", "an exact Num"};
    case 'O':
      return {"选项", "an option"};
    default:
      return {"数值", "Num"};
  }
}

bool matches(char want, const Ty& t) {
  switch (want) {
    case 'B':
      return t.t == T::Bool;
    case 'N':
      return t.t == T::Num || t.t == T::Range;
    case 'E':
      return t.t == T::Num;
    case 'O':
      return t.t == T::Opt;
    default:
      return true;
  }
}

// The type class a derived value of declared type `vt` returns.
Ty class_of(ValueType vt) {
  if (vt == ValueType::Bool) return Ty{T::Bool};
  if (vt == ValueType::Option) return Ty{T::Opt};
  return Ty{T::Range};
}

bool same_class(const Ty& a, const Ty& b) {
  auto norm = [](T t) { return t == T::Range ? T::Num : t; };
  return norm(a.t) == norm(b.t);
}

// Joins two types at a merge point: Num and Range join to Range; an unknown Opt fact joins with any.
std::optional<Ty> join(const Ty& a, const Ty& b) {
  if (a == b) return a;
  if (!same_class(a, b)) return std::nullopt;
  if (a.t == T::Opt) {
    if (a.fact != kNoIndex && b.fact != kNoIndex) return std::nullopt;
    return a.fact != kNoIndex ? a : b;
  }
  return Ty{T::Range};
}

std::string off4(uint32_t v) { return fmt::format("{:04}", v); }

// ---- the verifier -------------------------------------------------------------------------------

class Verifier {
 public:
  explicit Verifier(const Module& m) : m_(m) {}

  std::vector<VerifyError> run() {
    check_limits();
    check_meta();
    check_strings();
    check_facts();
    check_payers();
    check_functions();
    check_groups();
    check_constraints();
    check_targets();
    check_item_lists();
    derived_ret_.assign(m_.derived.size(), std::nullopt);
    for (size_t d = 0; d < m_.derived.size(); ++d) {
      if (range_ok_[d]) check_code(VerifyWhere::Derived, static_cast<uint32_t>(d));
    }
    for (size_t r = 0; r < m_.rules.size(); ++r) {
      if (range_ok_[m_.derived.size() + r]) check_code(VerifyWhere::Rules, static_cast<uint32_t>(r));
    }
    return std::move(errors_);
  }

 private:
  void err(VerifyWhere w, size_t index, std::string zh, std::string en, uint32_t at = kNoCodeOffset) {
    errors_.push_back(VerifyError{std::move(zh), std::move(en), w, static_cast<uint32_t>(index), at});
  }

  // ---- tables ----

  void check_limits() {
    auto limit = [&](size_t n, size_t max, const char* zh, const char* en) {
      if (n > max) err(VerifyWhere::Module, 0, fmt::format("{}数目 {} 超过上限 {}", zh, n, max),
                       fmt::format("too many {}: {} (limit {})", en, n, max));
    };
    // INVARIANT: indices stored in u16 fields stay below kNoIndex, which means "none".
    limit(m_.consts.size(), kNoIndex, "常量", "constants");
    limit(m_.facts.size(), kNoIndex, "事实", "facts");
    limit(m_.payers.size(), kNoIndex, "出资方", "payers");
    limit(m_.derived.size(), kNoIndex, "派生值", "derived values");
    limit(m_.rules.size(), kNoIndex, "规则", "rules");
    limit(m_.strings.size(), kNoString, "字符串", "strings");
  }

  void string_ref(VerifyWhere w, size_t i, uint32_t s, bool optional, const char* zh, const char* en) {
    if (s < m_.strings.size() || (optional && s == kNoString)) return;
    err(w, i, fmt::format("{}的字符串下标 {} 超出范围（共 {} 个字符串）", zh, s, m_.strings.size()),
        fmt::format("{}: string index {} is out of range ({} strings)", en, s, m_.strings.size()));
  }

  void bad_enum(VerifyWhere w, size_t i, unsigned v, const char* zh, const char* en) {
    err(w, i, fmt::format("{}的取值 {} 无效", zh, v), fmt::format("invalid {} value {}", en, v));
  }

  static bool valid_type(ValueType t) { return t >= ValueType::Bool && t <= ValueType::Points; }
  static bool valid_cmp(CmpOp c) { return static_cast<uint8_t>(c) <= static_cast<uint8_t>(CmpOp::Eq); }

  void const_ref(VerifyWhere w, size_t i, uint16_t c, bool optional, const char* zh, const char* en) {
    if (c < m_.consts.size() || (optional && c == kNoIndex)) return;
    err(w, i, fmt::format("{}的常量下标 {} 超出范围（共 {} 个常量）", zh, c, m_.consts.size()),
        fmt::format("{}: constant index {} is out of range ({} constants)", en, c, m_.consts.size()));
  }

  void check_meta() {
    const ModuleMeta& mt = m_.meta;
    string_ref(VerifyWhere::Meta, 0, mt.title, true, "标题", "title");
    string_ref(VerifyWhere::Meta, 0, mt.issuer, true, "发文机关", "issuer");
    string_ref(VerifyWhere::Meta, 0, mt.date, true, "日期", "date");
    string_ref(VerifyWhere::Meta, 0, mt.source, true, "来源", "source");
    if (static_cast<uint8_t>(mt.rounding) > static_cast<uint8_t>(RoundingMode::HalfEven)) {
      bad_enum(VerifyWhere::Meta, 0, static_cast<uint8_t>(mt.rounding), "舍入方式", "rounding mode");
    }
    if (static_cast<uint8_t>(mt.rounding_unit) > static_cast<uint8_t>(RoundingUnit::Yuan)) {
      bad_enum(VerifyWhere::Meta, 0, static_cast<uint8_t>(mt.rounding_unit), "舍入单位", "rounding unit");
    }
  }

  void check_strings() {
    for (size_t i = 0; i < m_.strings.size(); ++i) {
      if (std::optional<size_t> bad = utf8_first_invalid(m_.strings[i])) {
        err(VerifyWhere::Strings, i, fmt::format("第 {} 字节起不是有效的 UTF-8", *bad),
            fmt::format("not valid UTF-8 from byte {}", *bad));
      }
    }
  }

  void check_facts() {
    for (size_t i = 0; i < m_.facts.size(); ++i) {
      const FactInfo& f = m_.facts[i];
      const VerifyWhere w = VerifyWhere::Facts;
      string_ref(w, i, f.name, false, "名称", "name");
      string_ref(w, i, f.unit, true, "单位", "unit");
      if (!valid_type(f.type)) {
        bad_enum(w, i, static_cast<uint8_t>(f.type), "类型", "type");
        continue;
      }
      bool is_opt = f.type == ValueType::Option;
      if (is_opt && f.options.empty()) err(w, i, "选项类事实至少要有 1 个选项", "an option fact needs at least one option");
      if (is_opt && f.options.size() > kNoIndex) {
        err(w, i, fmt::format("选项数目 {} 超过上限 {}", f.options.size(), kNoIndex),
            fmt::format("too many options: {} (limit {})", f.options.size(), kNoIndex));
      }
      if (!is_opt && !f.options.empty()) err(w, i, "只有选项类事实才有选项", "only option facts have options");
      for (uint32_t o : f.options) string_ref(w, i, o, false, "选项", "option");
      const FactValue& d = f.default_value;
      using K = FactValue::Kind;
      if (static_cast<uint8_t>(d.kind) > static_cast<uint8_t>(K::Opt)) {
        bad_enum(w, i, static_cast<uint8_t>(d.kind), "默认值类别", "default kind");
      } else if (d.kind != K::Missing) {
        K want = f.type == ValueType::Bool ? K::Bool : (is_opt ? K::Opt : K::Num);
        if (d.kind != want) {
          err(w, i, "默认值与事实的类型不符", "the default does not fit the fact's type");
        } else if (is_opt && d.opt >= f.options.size()) {
          err(w, i, fmt::format("默认选项 {} 超出范围（共 {} 个选项）", d.opt, f.options.size()),
              fmt::format("default option {} is out of range ({} options)", d.opt, f.options.size()));
        }
      }
      if (f.from_payer != kNoIndex) {
        if (f.from_payer >= m_.payers.size()) {
          err(w, i, fmt::format("来源出资方下标 {} 超出范围（共 {} 个出资方）", f.from_payer, m_.payers.size()),
              fmt::format("from-payer index {} is out of range ({} payers)", f.from_payer, m_.payers.size()));
        } else if (f.type != ValueType::Money) {
          err(w, i, "只有金额类事实可以来自出资方", "only money facts can come from a payer");
        }
      }
    }
  }

  void check_payers() {
    for (size_t i = 0; i < m_.payers.size(); ++i) {
      const PayerInfo& p = m_.payers[i];
      string_ref(VerifyWhere::Payers, i, p.name, false, "名称", "name");
      if (static_cast<uint8_t>(p.role) > static_cast<uint8_t>(PayerRole::Other)) {
        bad_enum(VerifyWhere::Payers, i, static_cast<uint8_t>(p.role), "角色", "role");
      }
    }
  }

  // Code ranges of derived values and rules: inside the code, non-empty, pairwise disjoint.
  void check_functions() {
    const size_t nd = m_.derived.size();
    range_ok_.assign(nd + m_.rules.size(), false);
    struct Range {
      uint32_t begin, end;
      VerifyWhere w;
      size_t index;
      size_t slot;
    };
    std::vector<Range> fns;
    auto add = [&](VerifyWhere w, size_t i, size_t slot, uint32_t b, uint32_t e) {
      if (b >= e || e > m_.code.size()) {
        err(w, i, fmt::format("代码范围 [{}, {}) 无效（代码共 {} 字节）", b, e, m_.code.size()),
            fmt::format("invalid code range [{}, {}) (the code has {} bytes)", b, e, m_.code.size()));
        return;
      }
      range_ok_[slot] = true;
      fns.push_back(Range{b, e, w, i, slot});
    };
    for (size_t i = 0; i < nd; ++i) {
      const DerivedInfo& d = m_.derived[i];
      string_ref(VerifyWhere::Derived, i, d.name, false, "名称", "name");
      if (!valid_type(d.type)) {
        bad_enum(VerifyWhere::Derived, i, static_cast<uint8_t>(d.type), "类型", "type");
        continue;
      }
      add(VerifyWhere::Derived, i, i, d.code_begin, d.code_end);
    }
    for (size_t i = 0; i < m_.rules.size(); ++i) {
      const RuleInfo& r = m_.rules[i];
      const VerifyWhere w = VerifyWhere::Rules;
      string_ref(w, i, r.name, false, "名称", "name");
      string_ref(w, i, r.article, true, "条款", "article");
      string_ref(w, i, r.note, true, "说明", "note");
      if (r.payer != kNoIndex && r.payer >= m_.payers.size()) {
        err(w, i, fmt::format("出资方下标 {} 超出范围（共 {} 个出资方）", r.payer, m_.payers.size()),
            fmt::format("payer index {} is out of range ({} payers)", r.payer, m_.payers.size()));
      }
      add(w, i, nd + i, r.code_begin, r.code_end);
    }
    std::sort(fns.begin(), fns.end(), [](const Range& a, const Range& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.slot < b.slot;
    });
    // INVARIANT: `widest` is the earlier range reaching furthest, so every overlap is seen.
    size_t widest = 0;
    for (size_t k = 1; k < fns.size(); ++k) {
      const Range& prev = fns[widest];
      const Range& cur = fns[k];
      if (cur.end > prev.end) widest = k;
      if (cur.begin < prev.end) {
        bool rule = prev.w == VerifyWhere::Rules;
        err(cur.w, cur.index,
            fmt::format("代码范围 [{}, {}) 与{} {}{} 的 [{}, {}) 重叠", cur.begin, cur.end, rule ? "规则" : "派生值",
                        rule ? 'R' : 'D', prev.index, prev.begin, prev.end),
            fmt::format("code range [{}, {}) overlaps {} {}{} at [{}, {})", cur.begin, cur.end,
                        rule ? "rule" : "derived value", rule ? 'R' : 'D', prev.index, prev.begin, prev.end));
        range_ok_[cur.slot] = false;
        range_ok_[prev.slot] = false;
      }
    }
  }

  void check_groups() {
    for (size_t i = 0; i < m_.groups.size(); ++i) {
      const GroupInfo& g = m_.groups[i];
      const VerifyWhere w = VerifyWhere::Groups;
      string_ref(w, i, g.name, false, "名称", "name");
      string_ref(w, i, g.article, true, "条款", "article");
      if (g.kind != GroupKind::Cap && g.kind != GroupKind::NoDup) {
        bad_enum(w, i, static_cast<uint8_t>(g.kind), "分组类别", "group kind");
      }
      if (g.mode != NoDupMode::Highest && g.mode != NoDupMode::First) {
        bad_enum(w, i, static_cast<uint8_t>(g.mode), "不重复方式", "no-dup mode");
      }
      if (g.members.empty()) err(w, i, "分组没有成员", "the group has no members");
      for (size_t k = 0; k < g.members.size(); ++k) {
        uint16_t r = g.members[k];
        if (r >= m_.rules.size()) {
          err(w, i, fmt::format("成员 {} 不是规则下标（共 {} 条规则）", r, m_.rules.size()),
              fmt::format("member {} is not a rule index ({} rules)", r, m_.rules.size()));
        } else if (std::find(g.members.begin(), g.members.begin() + static_cast<std::ptrdiff_t>(k), r) !=
                   g.members.begin() + static_cast<std::ptrdiff_t>(k)) {
          err(w, i, fmt::format("规则 R{} 在分组中出现两次", r), fmt::format("rule R{} appears twice in the group", r));
        }
      }
      if (g.kind == GroupKind::Cap) {
        if (g.cap >= m_.consts.size()) {
          const_ref(w, i, g.cap, false, "上限", "cap");
        } else if (m_.consts[g.cap].sign() < 0) {
          err(w, i, fmt::format("上限 {} 为负数", m_.consts[g.cap].to_decimal()),
              fmt::format("the cap {} is negative", m_.consts[g.cap].to_decimal()));
        }
      }
    }
  }

  void check_constraints() {
    for (size_t i = 0; i < m_.constraints.size(); ++i) {
      const ConstraintInfo& c = m_.constraints[i];
      const VerifyWhere w = VerifyWhere::Constraints;
      string_ref(w, i, c.name, false, "名称", "name");
      string_ref(w, i, c.article, true, "条款", "article");
      string_ref(w, i, c.text, true, "原文", "text");
      if (c.rule != kNoIndex && c.rule >= m_.rules.size()) {
        err(w, i, fmt::format("规则下标 {} 超出范围（共 {} 条规则）", c.rule, m_.rules.size()),
            fmt::format("rule index {} is out of range ({} rules)", c.rule, m_.rules.size()));
      }
      if (!valid_cmp(c.op)) bad_enum(w, i, static_cast<uint8_t>(c.op), "比较运算", "comparison");
      const_ref(w, i, c.value, false, "限值", "value");
    }
  }

  void check_targets() {
    for (size_t i = 0; i < m_.targets.size(); ++i) {
      const TargetInfo& t = m_.targets[i];
      const VerifyWhere w = VerifyWhere::Targets;
      string_ref(w, i, t.text, true, "原文", "text");
      if (t.indicator >= m_.facts.size()) {
        err(w, i, fmt::format("指标的事实下标 {} 超出范围（共 {} 个事实）", t.indicator, m_.facts.size()),
            fmt::format("indicator fact index {} is out of range ({} facts)", t.indicator, m_.facts.size()));
      }
      if (!valid_cmp(t.op)) bad_enum(w, i, static_cast<uint8_t>(t.op), "比较运算", "comparison");
      const_ref(w, i, t.value, false, "目标值", "value");
      const_ref(w, i, t.baseline, true, "基期值", "baseline");
    }
  }

  // Item lists: the list fact is a 数量; members and functions in range, each in one list only.
  void check_item_lists() {
    const VerifyWhere w = VerifyWhere::ItemLists;
    std::vector<int> fact_list(m_.facts.size(), -1);
    item_fn_list_.assign(m_.derived.size(), -1);
    item_fact_list_.assign(m_.facts.size(), -1);
    for (size_t i = 0; i < m_.item_lists.size(); ++i) {
      const ItemListInfo& l = m_.item_lists[i];
      auto fact_ok = [&](uint16_t f, const char* zh, const char* en) {
        if (f < m_.facts.size() && fact_list[f] < 0) {
          fact_list[f] = static_cast<int>(i);
          return true;
        }
        err(w, i, fmt::format("{}的事实下标 {} 超出范围或已属于一个清单（共 {} 个事实）", zh, f, m_.facts.size()),
            fmt::format("{} fact index {} is out of range or already in a list ({} facts)", en, f, m_.facts.size()));
        return false;
      };
      if (fact_ok(l.list, "清单", "list") && m_.facts[l.list].type != ValueType::Count) {
        err(w, i, fmt::format("清单事实 F{} 不是数量", l.list), fmt::format("list fact F{} is not a count", l.list));
      }
      for (uint16_t f : l.members)
        if (fact_ok(f, "逐项事实", "item")) item_fact_list_[f] = static_cast<int>(i);
      for (uint16_t d : l.functions) {
        if (d >= m_.derived.size() || item_fn_list_[d] >= 0) {
          err(w, i, fmt::format("逐项函数的派生值下标 {} 超出范围或已属于一个清单（共 {} 个派生值）", d, m_.derived.size()),
              fmt::format("item function index {} is out of range or already in a list ({} derived values)", d, m_.derived.size()));
          continue;
        }
        item_fn_list_[d] = static_cast<int>(i);
      }
    }
  }

  // ---- code ----

  struct Fn {
    VerifyWhere w;
    uint32_t index;
    uint32_t begin;
    uint32_t end;
    bool is_rule() const { return w == VerifyWhere::Rules; }
  };

  // Reports one code error; the function is abandoned after it.
  bool code_err(const Fn& fn, uint32_t at, std::string zh, std::string en) {
    err(fn.w, fn.index, std::move(zh), std::move(en), at);
    return false;
  }

  void check_code(VerifyWhere w, uint32_t index) {
    Fn fn{w, index, 0, 0};
    if (w == VerifyWhere::Rules) {
      fn.begin = m_.rules[index].code_begin;
      fn.end = m_.rules[index].code_end;
    } else {
      fn.begin = m_.derived[index].code_begin;
      fn.end = m_.derived[index].code_end;
    }
    std::vector<Instr> code;
    if (!decode_all(fn, code) || !check_operands(fn, code)) return;
    interpret(fn, code);
  }

  bool decode_all(const Fn& fn, std::vector<Instr>& out) {
    boundary_.assign(fn.end - fn.begin, false);
    for (uint32_t pc = fn.begin; pc < fn.end;) {
      std::optional<Instr> in = decode(m_.code, pc, fn.end);
      if (!in) {
        if (m_.code[pc] >= kOpcodeCount) {
          return code_err(fn, pc, fmt::format("无法解码：0x{:02X} 不是操作码", m_.code[pc]),
                          fmt::format("cannot decode: 0x{:02X} is not an opcode", m_.code[pc]));
        }
        std::string_view name = op_info(static_cast<Opcode>(m_.code[pc])).name;
        return code_err(fn, pc, fmt::format("{} 的操作数超出函数末尾", name),
                        fmt::format("the operands of {} run past the end of the function", name));
      }
      boundary_[pc - fn.begin] = true;
      out.push_back(*in);
      pc += in->size;
    }
    return true;
  }

  bool index_err(const Fn& fn, const Instr& in, size_t n, const char* zh, const char* en) {
    std::string_view name = op_info(in.op).name;
    return code_err(fn, in.offset, fmt::format("{} 的下标 {} 超出范围（共 {} 个{}）", name, in.a, n, zh),
                    fmt::format("{} index {} is out of range ({} {})", name, in.a, n, en));
  }

  bool check_operands(const Fn& fn, const std::vector<Instr>& code) {
    for (const Instr& in : code) {
      std::string_view name = op_info(in.op).name;
      if (!fn.is_rule() && rule_only(in.op)) {
        return code_err(fn, in.offset, fmt::format("{} 只能用于规则，不能出现在派生值中", name),
                        fmt::format("{} may only appear in rules, not in derived values", name));
      }
      if (is_jump(in.op)) {
        if (in.a <= in.offset) {
          return code_err(fn, in.offset, fmt::format("跳转目标 {} 不在跳转指令之后（只允许向前跳转）", off4(in.a)),
                          fmt::format("jump target {} is not after the jump (only forward jumps are allowed)", off4(in.a)));
        }
        if (in.a >= fn.end || !boundary_[in.a - fn.begin]) {
          return code_err(fn, in.offset, fmt::format("跳转目标 {} 不是本函数内的指令边界", off4(in.a)),
                          fmt::format("jump target {} is not an instruction boundary in this function", off4(in.a)));
        }
        continue;
      }
      switch (in.op) {
        case Opcode::PUSH_CONST:
          if (in.a >= m_.consts.size()) return index_err(fn, in, m_.consts.size(), "常量", "constants");
          break;
        case Opcode::LOAD_FACT:
          if (in.a >= m_.facts.size()) return index_err(fn, in, m_.facts.size(), "事实", "facts");
          break;
        case Opcode::LOAD_ITEM: {
          if (in.a >= m_.facts.size()) return index_err(fn, in, m_.facts.size(), "事实", "facts");
          int l = item_fact_list_[in.a];
          if (l < 0 || fn.is_rule() || item_fn_list_[fn.index] != l) {
            return code_err(fn, in.offset, fmt::format("LOAD_ITEM 的 F{} 只能在它所属清单的逐项函数中读取", in.a),
                            fmt::format("LOAD_ITEM of F{} may only appear in an item function of its list", in.a));
          }
          break;
        }
        case Opcode::ITEMS_COUNT:
        case Opcode::ITEMS_SUM: {
          if (!fn.is_rule() && item_fn_list_[fn.index] >= 0) {
            return code_err(fn, in.offset, fmt::format("{} 不能出现在逐项函数中（清单不嵌套）", name),
                            fmt::format("{} may not appear in an item function (lists do not nest)", name));
          }
          // The list: ITEMS_COUNT names it; ITEMS_SUM's is its amount function's.
          int l = -1;
          if (in.op == Opcode::ITEMS_COUNT) {
            l = in.a < m_.facts.size() && m_.facts[in.a].type == ValueType::Count ? list_of_fact(in.a) : -1;
            if (l < 0) return code_err(fn, in.offset, fmt::format("ITEMS_COUNT 的 F{} 不是清单", in.a),
                                       fmt::format("ITEMS_COUNT: F{} is not an item list", in.a));
          } else {
            l = in.b < m_.derived.size() ? item_fn_list_[in.b] : -1;
            if (l < 0 || m_.derived[in.b].type == ValueType::Bool || m_.derived[in.b].type == ValueType::Option) {
              return code_err(fn, in.offset, fmt::format("ITEMS_SUM 的 D{} 不是数值的逐项函数", in.b),
                              fmt::format("ITEMS_SUM: D{} is not a numeric item function", in.b));
            }
          }
          uint32_t cond = in.op == Opcode::ITEMS_COUNT ? in.b : in.a;
          if (cond != kNoIndex && (cond >= m_.derived.size() || item_fn_list_[cond] != l || m_.derived[cond].type != ValueType::Bool)) {
            return code_err(fn, in.offset, fmt::format("{} 的条件 D{} 不是同一清单的是否逐项函数", name, cond),
                            fmt::format("{}: condition D{} is not a yes/no item function of the same list", name, cond));
          }
          break;
        }
        case Opcode::LOAD_DERIVED:
          if (in.a >= m_.derived.size()) return index_err(fn, in, m_.derived.size(), "派生值", "derived values");
          if (item_fn_list_[in.a] >= 0) {
            return code_err(fn, in.offset, fmt::format("D{} 是逐项函数，只能由 ITEMS_COUNT/ITEMS_SUM 执行", in.a),
                            fmt::format("D{} is an item function: only ITEMS_COUNT and ITEMS_SUM run it", in.a));
          }
          if (!fn.is_rule() && in.a >= fn.index) {
            return code_err(fn, in.offset, fmt::format("派生值 D{} 只能引用下标更小的派生值，不能引用 D{}", fn.index, in.a),
                            fmt::format("derived value D{} may only load derived values of lower index, not D{}",
                                        fn.index, in.a));
          }
          break;
        case Opcode::TRACE:
        case Opcode::EMIT_BENEFIT:
          if (in.a >= m_.strings.size()) return index_err(fn, in, m_.strings.size(), "字符串", "strings");
          break;
        case Opcode::EMIT_AMOUNT:
        case Opcode::EMIT_EXTERNAL:
        case Opcode::EMIT_CASE:
        case Opcode::EMIT_UNSPEC:
          if (in.a >= m_.payers.size()) return index_err(fn, in, m_.payers.size(), "出资方", "payers");
          break;
        case Opcode::SET_BRANCH:
          if (in.a >= m_.rules[fn.index].branch_count) {
            return index_err(fn, in, m_.rules[fn.index].branch_count, "分支", "branches");
          }
          break;
        default:
          break;
      }
    }
    return true;
  }

  // Merges `s` into the state recorded for `target`. False (with an error) when they disagree.
  bool merge_into(const Fn& fn, uint32_t target, const Stack& s) {
    auto [it, fresh] = pending_.try_emplace(target, s);
    if (fresh) return true;
    Stack& have = it->second;
    if (have.size() != s.size()) {
      return code_err(fn, target, fmt::format("在 {} 汇合的各路径栈深度不同（{} 与 {}）", off4(target), have.size(), s.size()),
                      fmt::format("paths meeting at {} have different stack depths ({} and {})", off4(target),
                                  have.size(), s.size()));
    }
    for (size_t k = 0; k < s.size(); ++k) {
      std::optional<Ty> j = join(have[k], s[k]);
      if (!j) {
        Names a = type_name(have[k]);
        Names b = type_name(s[k]);
        size_t pos = s.size() - k;
        return code_err(fn, target,
                        fmt::format("在 {} 汇合的各路径栈类型不同（栈顶第 {} 项：{} 与 {}）", off4(target), pos, a.zh, b.zh),
                        fmt::format("paths meeting at {} disagree at stack position {} from the top ({} vs {})",
                                    off4(target), pos, a.en, b.en));
      }
      have[k] = *j;
    }
    return true;
  }

  bool check_trace(const Fn& fn, const Instr& in, const Stack& st) {
    if (in.b > st.size()) {
      return code_err(fn, in.offset, fmt::format("TRACE 要显示 {} 个值，栈上只有 {} 个", in.b, st.size()),
                      fmt::format("TRACE shows {} values but the stack holds {}", in.b, st.size()));
    }
    TraceTemplateError terr;
    if (!parse_trace_template(m_.strings[in.a], pieces_, terr)) {
      return code_err(fn, in.offset, fmt::format("TRACE 模板 S{} 无效：{}", in.a, terr.zh),
                      fmt::format("TRACE template S{} is invalid: {}", in.a, terr.en));
    }
    for (const TracePiece& p : pieces_) {
      if (p.arg < 0) continue;
      if (static_cast<uint32_t>(p.arg) >= in.b) {
        return code_err(fn, in.offset, fmt::format("TRACE 模板 S{} 的占位符 {} 超出 {} 个值", in.a, p.arg, in.b),
                        fmt::format("TRACE template S{}: placeholder {} is beyond its {} values", in.a, p.arg, in.b));
      }
      const Ty& t = st[st.size() - in.b + static_cast<size_t>(p.arg)];
      bool ok = true;
      switch (p.kind) {
        case TraceKind::Any:
          break;
        case TraceKind::Bool:
          ok = t.t == T::Bool;
          break;
        case TraceKind::Option:
          ok = t.t == T::Opt;
          break;
        default:
          ok = t.t == T::Num || t.t == T::Range;
          break;
      }
      if (!ok) {
        Names n = type_name(t);
        return code_err(fn, in.offset,
                        fmt::format("TRACE 模板 S{} 的占位符 {}:{} 与栈上的{}不符", in.a, p.arg, trace_kind_name(p.kind), n.zh),
                        fmt::format("TRACE template S{}: placeholder {}:{} does not fit {} on the stack", in.a, p.arg,
                                    trace_kind_name(p.kind), n.en));
      }
    }
    return true;
  }

  Ty fact_type(uint32_t f) const {
    ValueType t = m_.facts[f].type;
    if (t == ValueType::Bool) return Ty{T::Bool};
    if (t == ValueType::Option) return Ty{T::Opt, static_cast<uint16_t>(f)};
    return Ty{T::Num};
  }

  Ty derived_type(uint32_t d) const {
    if (derived_ret_[d]) return *derived_ret_[d];
    return class_of(m_.derived[d].type);
  }

  // Applies `in` to `st`. Jump edges are merged into pending_. False on an error.
  bool step(const Fn& fn, const Instr& in, Stack& st, bool& falls_through) {
    const OpInfo& info = op_info(in.op);
    falls_through = true;
    if (in.op == Opcode::RET) {
      falls_through = false;
      return check_ret(fn, in, st);
    }
    std::string_view inputs = input_spec(in.op);
    if (st.size() < inputs.size()) {
      return code_err(fn, in.offset, fmt::format("{} 需要 {} 个栈值，栈上只有 {} 个", info.name, inputs.size(), st.size()),
                      fmt::format("{} needs {} stack values, the stack holds {}", info.name, inputs.size(), st.size()));
    }
    const size_t base = st.size() - inputs.size();
    bool all_exact = true;
    for (size_t k = 0; k < inputs.size(); ++k) {
      const Ty& t = st[base + k];
      if (!matches(inputs[k], t)) {
        Names want = expected_name(inputs[k]);
        Names got = type_name(t);
        size_t pos = inputs.size() - k;
        return code_err(fn, in.offset, fmt::format("{} 需要栈顶第 {} 项为{}，实际为{}", info.name, pos, want.zh, got.zh),
                        fmt::format("{} needs {} at stack position {} from the top, found {}", info.name, want.en, pos,
                                    got.en));
      }
      if (t.t == T::Range) all_exact = false;
    }
    if (in.op == Opcode::OPT_EQ) {
      uint16_t f = st.back().fact;
      if (f != kNoIndex && in.a >= m_.facts[f].options.size()) {
        return code_err(fn, in.offset, fmt::format("OPT_EQ 的选项 {} 超出范围：F{} 只有 {} 个选项", in.a, f, m_.facts[f].options.size()),
                        fmt::format("OPT_EQ option {} is out of range: F{} has {} options", in.a, f,
                                    m_.facts[f].options.size()));
      }
    }
    if (in.op == Opcode::TRACE && !check_trace(fn, in, st)) return false;
    Ty kept = inputs.empty() ? Ty{} : st.back();
    st.resize(base);
    switch (output_spec(in.op)) {
      case 'B':
        st.push_back(Ty{T::Bool});
        break;
      case 'K':
        st.push_back(Ty{T::Num});
        break;
      case 'N':
        st.push_back(Ty{all_exact ? T::Num : T::Range});
        break;
      case 'R':
        st.push_back(Ty{T::Range});
        break;
      case 'F':
        st.push_back(fact_type(in.a));
        break;
      case 'D':
        st.push_back(derived_type(in.a));
        break;
      case 'k':
        st.push_back(kept);
        break;
      case '2':
        st.push_back(kept);
        st.push_back(kept);
        break;
      default:
        break;
    }
    if (in.op == Opcode::ITEMS_SUM) st.back() = derived_type(in.b).t == T::Range ? Ty{T::Range} : Ty{T::Num};
    if (st.size() > static_cast<size_t>(kMaxStackDepth)) {
      return code_err(fn, in.offset, fmt::format("栈深度超过 {}", kMaxStackDepth),
                      fmt::format("the stack grows deeper than {}", kMaxStackDepth));
    }
    if (is_jump(in.op)) {
      // The jump edge sees the stack as the table says (AND_JMP/OR_JMP keep their Bool);
      // the fall-through edge of AND_JMP/OR_JMP has it popped.
      if (!merge_into(fn, in.a, st)) return false;
      if (in.op == Opcode::AND_JMP || in.op == Opcode::OR_JMP) st.pop_back();
      falls_through = in.op != Opcode::JMP;
    }
    return true;
  }

  bool check_ret(const Fn& fn, const Instr& in, const Stack& st) {
    if (fn.is_rule()) {
      if (!st.empty()) {
        return code_err(fn, in.offset, fmt::format("规则返回时栈上还有 {} 个值（应为空）", st.size()),
                        fmt::format("a rule returns with {} values on the stack (it must be empty)", st.size()));
      }
      return true;
    }
    if (st.size() != 1) {
      return code_err(fn, in.offset, fmt::format("派生值返回时栈上有 {} 个值（应为 1 个）", st.size()),
                      fmt::format("a derived value returns with {} values on the stack (it must be 1)", st.size()));
    }
    Ty decl = class_of(m_.derived[fn.index].type);
    if (!same_class(decl, st.back())) {
      Names d = type_name(decl.t == T::Range ? Ty{T::Num} : decl);
      Names a = type_name(st.back());
      return code_err(fn, in.offset, fmt::format("派生值声明为{}，返回的却是{}", d.zh, a.zh),
                      fmt::format("the derived value is declared {} but returns {}", d.en, a.en));
    }
    if (!ret_) {
      ret_ = st.back();
      return true;
    }
    std::optional<Ty> j = join(*ret_, st.back());
    if (!j) {
      Names a = type_name(*ret_);
      Names b = type_name(st.back());
      return code_err(fn, in.offset, fmt::format("派生值的各条路径返回的类型不同（{} 与 {}）", a.zh, b.zh),
                      fmt::format("paths of the derived value return different types ({} and {})", a.en, b.en));
    }
    ret_ = *j;
    return true;
  }

  void interpret(const Fn& fn, const std::vector<Instr>& code) {
    pending_.clear();
    ret_.reset();
    std::optional<Stack> cur = Stack{};
    for (const Instr& in : code) {
      if (auto it = pending_.find(in.offset); it != pending_.end()) {
        if (cur && !merge_into(fn, in.offset, *cur)) return;
        cur = std::move(it->second);
        pending_.erase(it);
      }
      if (!cur) continue;  // unreachable: nothing flows here
      bool falls_through = true;
      if (!step(fn, in, *cur, falls_through)) return;
      if (!falls_through) cur.reset();
    }
    if (cur) {
      code_err(fn, code.back().offset, "执行可越过函数末尾（缺少 RET）",
               "execution can fall off the end of the function (missing RET)");
      return;
    }
    if (!fn.is_rule()) derived_ret_[fn.index] = ret_;
  }

  const Module& m_;
  std::vector<VerifyError> errors_;
  std::vector<bool> range_ok_;                  // derived values, then rules
  std::vector<std::optional<Ty>> derived_ret_;  // what each verified derived value returns
  std::vector<bool> boundary_;                  // instruction starts of the current function
  std::map<uint32_t, Stack> pending_;           // states flowing into jump targets
  std::optional<Ty> ret_;                       // join of the current derived value's RETs
  std::vector<TracePiece> pieces_;
  std::vector<int> item_fn_list_;    // per derived value: the item list it is an item function of, or -1
  std::vector<int> item_fact_list_;  // per fact: the item list it is a member of, or -1
  int list_of_fact(uint32_t f) const {
    for (size_t i = 0; i < m_.item_lists.size(); ++i)
      if (m_.item_lists[i].list == f) return static_cast<int>(i);
    return -1;
  }
};

const char* where_zh(VerifyWhere w) {
  switch (w) {
    case VerifyWhere::Module: return "模块";
    case VerifyWhere::Meta: return "元数据";
    case VerifyWhere::Strings: return "字符串 S";
    case VerifyWhere::Consts: return "常量 K";
    case VerifyWhere::Facts: return "事实 F";
    case VerifyWhere::Payers: return "出资方 P";
    case VerifyWhere::Derived: return "派生值 D";
    case VerifyWhere::Rules: return "规则 R";
    case VerifyWhere::Groups: return "分组 G";
    case VerifyWhere::Constraints: return "约束 C";
    case VerifyWhere::Targets: return "目标 T";
    case VerifyWhere::ItemLists: return "清单 L";
  }
  return "?";
}

const char* where_en(VerifyWhere w) {
  switch (w) {
    case VerifyWhere::Module: return "module";
    case VerifyWhere::Meta: return "meta";
    case VerifyWhere::Strings: return "string S";
    case VerifyWhere::Consts: return "constant K";
    case VerifyWhere::Facts: return "fact F";
    case VerifyWhere::Payers: return "payer P";
    case VerifyWhere::Derived: return "derived value D";
    case VerifyWhere::Rules: return "rule R";
    case VerifyWhere::Groups: return "group G";
    case VerifyWhere::Constraints: return "constraint C";
    case VerifyWhere::Targets: return "target T";
    case VerifyWhere::ItemLists: return "item list L";
  }
  return "?";
}

}  // namespace

std::vector<VerifyError> verify_module(const Module& m) { return Verifier(m).run(); }

std::string describe(const VerifyError& e, bool english) {
  bool indexed = e.where != VerifyWhere::Module && e.where != VerifyWhere::Meta;
  std::string where = english ? where_en(e.where) : where_zh(e.where);
  if (indexed) where += std::to_string(e.index);
  if (e.code_offset != kNoCodeOffset) {
    where += english ? fmt::format(" at code {:04}", e.code_offset) : fmt::format(" 代码 {:04}", e.code_offset);
  }
  return english ? fmt::format("{}: {}", where, e.message_en) : fmt::format("{}：{}", where, e.message_zh);
}

}  // namespace zc
