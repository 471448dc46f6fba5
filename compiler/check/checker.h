// The checker's internal interface, shared by its files: check.cpp (names, types, conditions,
// definitions, groups, examples), award.cpp (reading an award phrase), split.cpp (an award split
// between payers), share.cpp (shares of one quantity in another) and period.cpp (durations on the calendar). Not used outside
// compiler/check.
#pragma once
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "compiler/check/sema.h"

namespace zc::sema {

struct AwardReading;  // award.cpp: what the names of an award phrase resolve to

struct Symbol {
  enum class Kind : uint8_t { Fact, Payer, Derived, Rule, Group, Constraint } kind = Kind::Fact;
  int index = -1;
};

// One list of categories a 分别 may pair with, found in a clause's conditions: the options of an
// 为 list or several 是否 facts. A clause may hold several (「级别」为市级且「等级」为一等奖、二等奖).
struct Categories {
  enum class Kind : uint8_t { None, Options, Facts } kind = Kind::None;
  int fact = -1;                    // Options: the option fact
  std::vector<int> items;           // Options: option indices; Facts: yes/no fact indices
  std::vector<std::string> labels;  // as written
  Span span;
};

// A range comparison (between, with both ends: 25%（含）-30%) as its two one-ended comparisons, the
// lower end (>= or >) and the upper end (<= or <). An end still open reads as included here: the
// drafting checks report it (E0517), and no code is generated then.
std::pair<ast::Comparison, ast::Comparison> range_ends(const ast::Comparison& range);

inline constexpr size_t kMaxRules = 60000;
inline constexpr size_t kMaxFacts = 60000;
inline constexpr size_t kMaxPayers = 1000;
inline constexpr size_t kMaxDefinitions = 2000;
inline constexpr size_t kMaxTableRows = 1000;  // bands or cases of one definition, branches of one rule

class Checker {
 public:
  Checker(const ast::Policy& p, const SourceManager& sm, DiagSink& sink);
  Program run();

  // ---- used by award.cpp ----
  const Symbol* lookup(const ast::Name& n, bool report = true);
  // The same, where only a payer can stand (before 承担, after 来自, in 合计「…」): an undeclared
  // name gets help that declares it as a payer rather than as a fact.
  const Symbol* lookup_payer(const ast::Name& n);
  void report(Diagnostic d);
  void error(DiagCode code, Span at, std::vector<std::string> args = {});
  Program& prog() { return prog_; }
  ExprPtr load(const Symbol& s, Span at, bool traced);
  ValueType type_of(const Symbol& s) const;
  // A fact or definition whose value is a sum of money (a base, a limit, a cap, an amount in parts).
  bool is_amount(const Symbol& s) const;
  std::string kind_text(const Symbol& s) const;
  std::string type_text(ValueType t) const;
  std::string hint(ValueType t, const std::string& unit) const;
  std::string source_text(Span s) const;
  ExprPtr literal_expr(const ast::Literal& l, Span at);
  Award read_award(const ast::Clause& clause, const std::vector<Categories>& cats, bool conds_ok);

 private:
  const Symbol* find_symbol(const ast::Name& n, bool report_missing, bool as_payer);
  bool within_limits();
  void declare();
  void declare_name(const ast::Name& n, Symbol s);
  void check_facts();
  void check_derived();
  void infer_derived_types();
  bool depends_on(size_t i, size_t target) const;
  std::vector<std::string> define_refs(size_t i) const;
  void check_rules();
  void check_groups();
  void check_constraints();
  void check_targets();
  void check_examples();
  // items.cpp: item lists (清单, issue 11 form 12).
  void check_item_facts();
  void items_in_definitions();
  bool items_branch(Branch& br, const ast::Clause& cl);
  void order_derived();

  ExprPtr cond(const ast::Cond& c, std::vector<Categories>* cats);
  ExprPtr cond_fact(const ast::Cond& c, std::vector<Categories>* cats);
  ExprPtr cond_is(const ast::Cond& c, std::vector<Categories>* cats);
  // 「评价等级」为A级、B级 where 评价等级 is a rating (a definition whose bands give options).
  ExprPtr rating_is(const ast::Cond& c, const Symbol& s);
  int listed_option(const ast::Value& v, const std::vector<std::string>& options, const std::string& owner);
  // The ratings among the definitions: bands or cases whose values are option names (before types).
  void find_ratings();
  // The value of definition `i` under 其他不予支持: 0 of its type, or a rating's "no option".
  ExprPtr none_value(size_t i, ValueType t, Span at);
  // 其他不予支持: the 'supported' tests of the definitions `e` uses, directly or through others.
  ExprPtr supported_in(const Expr& e, Span at);
  void or_categories(const ast::Cond& group, std::vector<Categories>& cats);
  ExprPtr comparison(ExprPtr lhs, const ast::Comparison& cmp, const std::string& lhs_text);
  // share.cpp: 「甲」占「乙」的比例不低于4%, 「甲」不少于「乙」的15%, bands on a share.
  ExprPtr cond_share(const ast::Cond& c);
  // period.cpp: 「成立日期」满2年, 不满6个月: a duration from a date fact to the 评价日期.
  ExprPtr duration(ExprPtr date, const ast::Comparison& cmp, const std::string& lhs_text);
  // period.cpp: 「完成日期」自2023年7月1日起至2025年6月30日止, 于……—……期间: a window of days.
  ExprPtr date_window(const ast::Cond& c);
  ExprPtr share_cmp(const ast::Name& part, const ast::Name& whole, const ast::Comparison& cmp, const std::string& text, Span at);
  ExprPtr share_side(const ast::Name& n, ValueType& type, std::string& unit);
  ExprPtr operand(const ast::Value& v, ValueType want, const std::string& unit, const std::string& lhs_text);
  ExprPtr derived_value(const ast::Value& v, ValueType& type, Span at);
  bool ratio_condition(const ast::Clause& cl);
  Diagnostic not_a_condition(const ast::Name& n, const Symbol& s);
  ExprPtr band_cond(ExprPtr x, const ast::Comparison& c, const std::string& x_text);
  // award.cpp: the typed award phrase (ast::Award) resolved step by step, then put together.
  void resolve_award(const ast::Award& w, const ast::Clause& cl, const std::vector<Categories>& cats, AwardReading& r, bool ontop);
  void award_ref(const ast::Award::Ref& ref, const std::vector<Categories>& cats, AwardReading& r, bool ontop);
  void award_amount(const ast::Award::Amount& am, const ast::Award& w, AwardReading& r);
  void award_limit(const ast::Award::Limit& l, AwardReading& r);
  void award_per_unit(const ast::Award::PerUnit& pu, const ast::Clause& cl, AwardReading& r);
  void award_rel_cap(const ast::Award::RelCap& c, AwardReading& r);
  void award_growth(const ast::Award::Growth& g, AwardReading& r);
  void award_topup_received(const ast::Award::TopUp& t, AwardReading& r);
  void award_topup(const ast::Award& w, AwardReading& main, Award& award);
  void award_amounts(const ast::Award& w, AwardReading& main, const std::vector<Categories>& cats, bool conds_ok, Award& award, Span at);
  void risk_shares(AwardReading& main, Award& award, Span at);
  ExprPtr item_expr(const ast::Award::Amount& am);
  ExprPtr parts_amount(const ast::Award& w, AwardReading& r, Award& award, Span at);
  ExprPtr steps_amount(const ast::Award& w, AwardReading& r, Span at);
  bool join_extra(Rule& out, Branch& br, const ast::Clause& cl);
  // split.cpp: （其中「市财政」承担25%，……）, 由「市财政」、「区财政」按3∶7比例分担 — the parts proven to add up
  // to the whole; `rate`, `amount` and `cap` describe the whole where it has them (see split.cpp).
  struct SplitWhole {
    const ast::Literal* rate = nullptr;    // a written rate of a base (no rate names)
    const ast::Literal* amount = nullptr;  // one exact fixed amount
    const ast::Literal* cap = nullptr;     // the least fixed cap (or the 最高 of a 最高50万元)
  };
  void split_award(const ast::Award& w, const SplitWhole& whole, Award& award, Span at);
  void note_derived_use(ExprPtr& e);
  std::string suggest(const std::string& name) const;

  const ast::Policy& p_;
  const SourceManager& sm_;
  const SourceFile& src_;
  DiagSink& sink_;
  Program prog_;
  std::unordered_map<std::string, Symbol> syms_;
  std::unordered_map<std::string, std::vector<std::pair<int, int>>> options_;  // option -> (fact, index)
  std::unordered_set<uint32_t> unknown_;
  int article_ = -1;            // article of what is being checked, for diagnostics
  int current_derived_ = -1;    // derived being checked (collects deps)
  std::unordered_set<size_t> cyclic_;  // definitions where a cycle closes (reported once)
};

}  // namespace zc::sema
