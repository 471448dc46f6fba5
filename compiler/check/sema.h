// The checked meaning of a policy: every name resolved, every condition typed, every award phrase
// read into an award (amount expression, tiers, caps, payer). Produced by check(), consumed by
// codegen, the renderer and the explainer. Spans point back into the AST's source.
// Nothing here is evaluated: evaluation is the VM's job.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diag.h"
#include "compiler/syntax/ast.h"
#include "base/values.h"

namespace zc::sema {

// An expression over facts: numbers (as intervals), booleans and options.
struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Op : uint8_t {
    Const,    // c (and c2 for a range [c, c2])
    Fact,     // ref = fact index
    Derived,  // ref = derived index
    Add, Sub, Mul, Min, Max,
    Clamp0,   // max(x, 0)
    Upto,     // [0, x]
    Round,    // the policy's declared rounding
    Floor,    // the whole number at or below x (每增加2000万元: whole steps)
    True, False,
    Not, And, Or,
    Cmp,      // args[0] cmp args[1]
    OptEq,    // args[0] (an option) == option `ref`
    Select,   // args[0] ? args[1] : args[2]
    // Item lists (清单, issue 11 form 12). ref = the list fact for ItemCount and ItemSum.
    ItemFact,   // ref = a fact each item carries: its value for the item being computed
    ItemCount,  // how many items args[0] (Bool, over ItemFact) holds for; no args: every item
    ItemSum,    // Σ args[1] over the items args[0] holds for (args[0] null: every item)
  } op = Op::Const;
  ValueType type = ValueType::Money;  // Bool for conditions, Option for options
  Rational c;
  std::optional<Rational> c2;         // Const range upper end
  int ref = -1;
  CmpOp cmp = CmpOp::Eq;
  std::vector<ExprPtr> args;
  Span span;
  // Explanation: when set, the VM records this template right after computing the value (the value
  // is {0}); see docs/bytecode.md for the placeholder types.
  std::string trace;

  static ExprPtr make(Op op, ValueType t, Span s) {
    auto e = std::make_unique<Expr>();
    e->op = op;
    e->type = t;
    e->span = s;
    return e;
  }
  static ExprPtr constant(Rational v, ValueType t, Span s) {
    auto e = make(Op::Const, t, s);
    e->c = v;
    return e;
  }
  static ExprPtr binary(Op op, ValueType t, ExprPtr a, ExprPtr b, Span s) {
    auto e = make(op, t, s);
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }
  static ExprPtr unary(Op op, ValueType t, ExprPtr a, Span s) {
    auto e = make(op, t, s);
    e->args.push_back(std::move(a));
    return e;
  }
  ExprPtr clone() const;
};

// One tier of a 分别 list: when `when` holds, pay `amount` (and the higher level pays `external`).
struct Tier {
  ExprPtr when;       // Bool; null = always (a single amount)
  ExprPtr amount;     // Money (interval); null for tiers that only exist on the higher level
  ExprPtr external;   // Money paid by `external_payer`, or null
  std::string label;  // the category, for explanations: 国家级
};

struct RiskShare {
  int payer = -1;
  ExprPtr amount;     // Money: loss × share (net of sub-shares)
  std::string text;   // 「省风险补偿资金」承担35%
};

// One payer's part of an award split between payers (（其中「市财政」承担25%，「区财政」承担15%）, 所需资金由
// 「市财政」、「区财政」按3∶7比例分担): its share of the whole — the whole after the award's own caps — then its
// own caps, rounded on its own. A part's cap cuts that part only: the total shrinks (docs/language.md §4).
struct SplitShare {
  int payer = -1;
  ExprPtr share;                   // Rate constant: the part ÷ the whole
  std::vector<ExprPtr> caps;
  std::vector<std::string> cap_texts;
  std::string text;                // 「市财政」承担25%（占整项62.5%）
};

struct Award {
  enum class Kind : uint8_t { Amount, Case, Unspecified, Benefit, Deduction, Risk } kind = Kind::Amount;
  int payer = -1;
  bool selective = false;
  bool tiers_each = false;         // 分别 over yes/no categories: every holding tier pays, summed
  std::vector<Tier> tiers;         // Amount: at least one
  int external_payer = -1;         // 在「市财政」……的基础上
  std::vector<ExprPtr> caps;       // clause caps, applied to each tier's amount (min), in order
  std::vector<std::string> cap_texts;
  ExprPtr unspec_max;              // Unspecified: an upper bound, if the text gives one
  std::string benefit;             // Benefit: the text (推荐纳入……)
  ExprPtr deduction;               // Deduction
  std::vector<RiskShare> shares;   // Risk
  std::vector<SplitShare> split;   // Amount: each tier's amount split between payers (empty: `payer` pays it)
  std::string scope;               // 一次性 / 每年 / 年度 …, as written
  ExprPtr guard;                   // a condition the award itself adds (在完成「目标」的基础上), or null
  bool guard_growth = false;       // the guard holds the growth: 「当年」较「上年」有增长 (of > base)
  // 按「新级别标准」减去「已获奖励」给予补差: the guard holds standard > received for the tier taken;
  // each tier's standard (its amount with the clause's caps) and the amount received, untraced, for
  // the explanation of a top-up that does not pay (已获奖励不低于标准).
  bool guard_topup = false;
  std::vector<ExprPtr> topup_standard;  // per tier; null where the tier pays nothing of its own
  ExprPtr topup_received;
  std::string topup_received_name;
};

struct Branch {
  ExprPtr cond;  // Bool; True when the clause has no condition
  Award award;
  Span span;
  // 另行: the clause is paid with the alternative before it (its amount is added there); on its own
  // it is never taken (cond is False), and the checks of alternatives pass over it.
  bool joined = false;
};

struct Rule {
  std::vector<Branch> branches;
  int payer = -1;  // default payer of the rule (first branch's)
};

struct Derived {
  ExprPtr value;
  ValueType type = ValueType::Bool;
  std::vector<int> deps;  // derived indices it uses
  // A rating (评价等级: 90分以上为「A级」……): the value, of type 数量, is the index of the option its
  // band gives (options.size() under 其他不予支持: no option); conditions test it with 为.
  std::vector<std::string> options;
  // A table ending 其他不予支持: true where a band with a value applies (null: always). A rule
  // clause that uses the definition holds only where it is true (its value there is 0).
  ExprPtr supported;
};

struct Fact {
  std::string name;
  ValueType type = ValueType::Bool;
  std::string unit;
  std::vector<std::string> options;
  int from_payer = -1;
  bool indicator = false;
  bool list = false;   // 清单（项）: a 数量 (its number of items) whose items carry facts of their own
  int item_of = -1;    // 属于「清单」: the list fact whose items carry this fact
  std::optional<FactValue> def;
  Span span;
  bool used = false;
};

struct Payer {
  std::string name;
  PayerRole role = PayerRole::Local;
  Span span;
};

struct Group {
  GroupKind kind = GroupKind::Cap;
  std::string name;
  std::vector<int> members;
  std::optional<Rational> cap;
  NoDupMode mode = NoDupMode::Highest;
  int article = -1;
};

struct ConstraintIR {
  std::string name;
  int rule = -1;
  CmpOp op = CmpOp::Le;
  Rational value;
  std::string text;
  int article = -1;
};

struct TargetIR {
  int indicator = -1;
  CmpOp op = CmpOp::Ge;
  Rational value;
  std::optional<Rational> baseline;
  int year = 0;
  std::string text;
};

struct Program {
  std::vector<Fact> facts;
  std::vector<Payer> payers;
  std::vector<Derived> derived;      // in the order written
  std::vector<int> derived_order;    // a topological order (dependencies first)
  std::vector<Rule> rules;           // parallel to ast::Policy::rules
  std::vector<Group> groups;         // NoDup groups first, then Cap groups (the order the VM applies them)
  std::vector<ConstraintIR> constraints;
  std::vector<TargetIR> targets;
  int default_payer = -1;
};

// Resolves and checks a parsed policy; reports into `sink`. The Program is complete only when no
// error was reported.
Program check(const ast::Policy& policy, const SourceManager& sm, DiagSink& sink);

// Converts a value written in an example or a default to a FactValue for fact `f`; on failure
// returns nullopt and sets `why` to a short Chinese description of what was expected. A value of
// the right type outside its domain (2.5人: compiler/syntax/domain.h) sets `*out_of_range` too.
std::optional<FactValue> fact_value(const Fact& f, const ast::Value& v, std::string& why, bool* out_of_range = nullptr);

// The facts each item of list fact `list` carries (属于「清单」), in the order declared: the order of an
// item's row (ItemRows) and of the module's ItemListInfo::members.
std::vector<int> item_members(const Program& prog, int list);

// An example's item list (「技术合同」为（「技术交易额」为300万元）、（……）) as the list fact's value; on
// failure nullopt with `why` saying what is wrong and `at` where.
std::optional<FactValue> item_list_value(const Program& prog, int list, const ast::Assignment& a, std::string& why, Span& at);

// The article citation of an AST article index: "第1条" (empty for -1).
std::string article_label(const ast::Policy& p, int article);

}  // namespace zc::sema
