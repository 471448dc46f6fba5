// The compiled form of one policy file: tables plus one code array. `zhengce build` serialises a
// Module to a .zcb file (format.h); the loader reads it back and the verifier (verify.h) proves it
// safe to run before the VM sees it. Codegen (compiler/codegen) is the only producer of Modules.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "base/interval.h"
#include "base/rational.h"
#include "base/values.h"

namespace zc {

enum class Opcode : uint8_t {
#define OP(name, operands, in, out, scope, doc) name,
#include "runtime/bytecode/opcodes.def"
#undef OP
  kCount
};

inline constexpr uint32_t kNoString = 0xFFFFFFFFu;
inline constexpr uint16_t kNoIndex = 0xFFFFu;

struct FactInfo {
  uint32_t name = kNoString;
  ValueType type = ValueType::Bool;
  uint32_t unit = kNoString;            // count unit (家, 个, ...) or kNoString
  std::vector<uint32_t> options;        // option names (strings), for ValueType::Option
  FactValue default_value;              // Kind::Missing when the fact has no default
  uint16_t from_payer = kNoIndex;       // for Money facts that are another payer's award (配套 bases)
  bool indicator = false;               // 指标: a reported figure for targets, not an applicant fact
  bool operator==(const FactInfo&) const = default;
};

// An item list (清单, issue 11 form 12): the fact holding the list (a count, its number of items),
// the facts each item carries (an item's values, in this order, are its row of ItemRows), and the
// derived entries that are item functions: evaluated once per item (LOAD_ITEM reads that item),
// never loaded with LOAD_DERIVED, only run by ITEMS_COUNT and ITEMS_SUM.
struct ItemListInfo {
  uint16_t list = kNoIndex;
  std::vector<uint16_t> members;    // fact indices
  std::vector<uint16_t> functions;  // derived indices
  bool operator==(const ItemListInfo&) const = default;
};

struct PayerInfo {
  uint32_t name = kNoString;
  PayerRole role = PayerRole::Local;
  bool operator==(const PayerInfo&) const = default;
};

struct DerivedInfo {
  uint32_t name = kNoString;
  ValueType type = ValueType::Bool;
  uint32_t code_begin = 0;  // [code_begin, code_end) in Module::code
  uint32_t code_end = 0;
  bool operator==(const DerivedInfo&) const = default;
};

struct RuleInfo {
  uint32_t name = kNoString;
  uint32_t article = kNoString;  // citation, e.g. "第1条"
  uint32_t note = kNoString;     // the reading the encoding takes, if any
  uint16_t payer = kNoIndex;     // default payer of the rule
  uint16_t branch_count = 0;     // number of alternative branches (SET_BRANCH operands are below it)
  uint32_t code_begin = 0;
  uint32_t code_end = 0;
  bool operator==(const RuleInfo&) const = default;
};

struct GroupInfo {
  GroupKind kind = GroupKind::Cap;
  uint32_t name = kNoString;
  uint32_t article = kNoString;
  std::vector<uint16_t> members;  // rule indices, in the order written
  uint16_t cap = kNoIndex;        // constant index of the cap (Cap groups: the members' awards together are capped at it)
  NoDupMode mode = NoDupMode::Highest;
  bool operator==(const GroupInfo&) const = default;
};

// A program-level constraint checked over a whole simulation, e.g. 每个项目平均支持强度不高于50万元.
struct ConstraintInfo {
  uint32_t name = kNoString;
  uint32_t article = kNoString;
  uint16_t rule = kNoIndex;  // the rule whose grants it constrains
  CmpOp op = CmpOp::Le;
  uint16_t value = kNoIndex;  // constant index (an amount)
  uint32_t text = kNoString;  // the sentence, for reports
  bool operator==(const ConstraintInfo&) const = default;
};

// A target (总体目标): an indicator, a comparison and a year, e.g. 到2025年高新技术企业达到120家以上.
struct TargetInfo {
  uint32_t text = kNoString;       // the target as written (rendered)
  uint16_t indicator = kNoIndex;   // fact index of the indicator
  CmpOp op = CmpOp::Ge;
  uint16_t value = kNoIndex;       // constant index
  uint16_t baseline = kNoIndex;    // constant index or kNoIndex (由54.75%达到60%以上)
  uint16_t year = 0;               // 0 when none
  bool operator==(const TargetInfo&) const = default;
};

struct ModuleMeta {
  uint32_t title = kNoString;
  uint32_t issuer = kNoString;
  uint32_t date = kNoString;
  uint32_t source = kNoString;  // path of the policy file it was built from
  RoundingMode rounding = RoundingMode::HalfUp;
  RoundingUnit rounding_unit = RoundingUnit::Fen;
  bool operator==(const ModuleMeta&) const = default;
};

struct Module {
  ModuleMeta meta;
  std::vector<std::string> strings;
  std::vector<Rational> consts;
  std::vector<FactInfo> facts;
  std::vector<PayerInfo> payers;
  std::vector<DerivedInfo> derived;
  std::vector<RuleInfo> rules;
  std::vector<GroupInfo> groups;
  std::vector<ConstraintInfo> constraints;
  std::vector<TargetInfo> targets;
  std::vector<ItemListInfo> item_lists;
  std::vector<uint8_t> code;

  const std::string& str(uint32_t i) const { return strings.at(i); }
  // The item list whose list fact is `f`, whose member is fact `f` (item_of), or whose item function
  // is derived `d` (item_fn_of); null when none.
  const ItemListInfo* item_list(uint32_t f) const {
    for (const ItemListInfo& l : item_lists)
      if (l.list == f) return &l;
    return nullptr;
  }
  const ItemListInfo* item_of(uint32_t f) const {
    for (const ItemListInfo& l : item_lists)
      for (uint16_t x : l.members)
        if (x == f) return &l;
    return nullptr;
  }
  const ItemListInfo* item_fn_of(uint32_t d) const {
    for (const ItemListInfo& l : item_lists)
      for (uint16_t x : l.functions)
        if (x == d) return &l;
    return nullptr;
  }
  bool operator==(const Module&) const = default;
};

}  // namespace zc
