// The tester: runs the example cases (案例) written in a policy file on an engine and compares every
// rule's result with the case's expectations (a rule without one is expected not to pay). It reads
// the facts of a case as the checker typed them; it compiles nothing and reports only E0701/E0702.
#include "lib/tester.h"

#include <unordered_map>

#include "base/units.h"
#include "compiler/check/sema.h"
#include "compiler/syntax/ast.h"
#include "runtime/vm/text.h"
#include "runtime/vm/totals.h"

namespace zc::lib {
namespace {

// The interval an amount expectation states; none for 至少…… (no upper end), which only a total
// with an open award can equal.
std::optional<Interval> expected_interval(const ast::Expectation& x) {
  if (!x.amount || x.at_least) return std::nullopt;
  Rational lo = x.amount->value;
  Rational hi = x.amount->hi ? *x.amount->hi : lo;
  if (x.amount_hi) hi = x.amount_hi->hi ? *x.amount_hi->hi : x.amount_hi->value;
  if (x.upto) lo = Rational(0);
  return Interval{lo, hi};
}

std::string expectation_text(const ast::Expectation& x) {
  using W = ast::Expectation::What;
  switch (x.what) {
    case W::Amount: {
      if (x.at_least) return "至少" + (x.amount ? money_text(x.amount->value) : "");
      auto iv = expected_interval(x);
      return std::string(x.selective ? "择优" : "") + (iv ? interval_money_text(*iv) : "");
    }
    case W::Deduct: return "扣除" + (x.amount ? money_text(x.amount->value) : "");
    case W::Case: return "一事一议";
    case W::Unspec:
      return std::string(x.selective ? "择优" : "") + (x.unspec_max ? "金额未明确（最高" + money_text(x.unspec_max->value) + "）" : "金额未明确");
    case W::None: return "不予支持";
    case W::Benefit: return x.selective ? "择优适用" : "适用";
    case W::Excluded: return "不重复（未予支持）";
  }
  return "";
}

}  // namespace

std::vector<ExampleOutcome> run_examples(const ast::Policy& policy, const sema::Program& prog, const Module& m,
                                         Engine* engine) {
  std::unordered_map<std::string, int> fact_index, rule_index, payer_index;
  for (size_t i = 0; i < prog.facts.size(); ++i) fact_index[prog.facts[i].name] = static_cast<int>(i);
  for (size_t i = 0; i < policy.rules.size(); ++i) rule_index[policy.rules[i].name.text] = static_cast<int>(i);
  for (size_t i = 0; i < prog.payers.size(); ++i) payer_index[prog.payers[i].name] = static_cast<int>(i);

  std::unique_ptr<Engine> vm;
  if (engine == nullptr) {
    vm = make_vm_engine(m);
    engine = vm.get();
  }
  std::vector<ExampleOutcome> results;
  for (const ast::Example& ex : policy.examples) {
    ExampleOutcome out;
    out.name = ex.name.text;
    out.span = ex.span;
    auto fail = [&](DiagCode code, Span at, std::vector<std::string> args) {
      out.failures.push_back(make_diag(code, at, std::move(args)));
    };

    std::vector<FactValue> facts(m.facts.size());
    for (const ast::Assignment& a : ex.facts) {
      auto it = fact_index.find(a.fact.text);
      if (it == fact_index.end()) continue;  // reported by the checker
      std::string why;
      Span at;
      if (a.is_items) {
        if (auto v = sema::item_list_value(prog, it->second, a, why, at)) facts[static_cast<size_t>(it->second)] = *v;
      } else if (auto v = sema::fact_value(prog.facts[static_cast<size_t>(it->second)], a.value, why)) {
        facts[static_cast<size_t>(it->second)] = *v;
      }
    }
    Evaluation ev = engine->evaluate(facts);

    std::vector<const ast::Expectation*> by_rule(policy.rules.size(), nullptr);
    for (const ast::Expectation& x : ex.expects) {
      if (x.kind == ast::Expectation::Kind::Total) {
        auto p = payer_index.find(x.target.text);
        if (p == payer_index.end()) continue;
        // The whole total, with 金额未明确 awards as [0, their maximum]: an expected total that
        // leaves them out fails, and one with no upper end can never equal a figure.
        auto want = expected_interval(x);
        PayerTotal got = payer_total(ev, static_cast<uint16_t>(p->second));
        bool ok = x.at_least ? !got.bounded && x.amount && got.amount.lo == x.amount->value
                             : want && got.bounded && got.amount == *want;
        if (!ok)
          fail(DiagCode::E0701, x.span, {ex.name.text, "合计「" + x.target.text + "」", expectation_text(x), payer_total_text(got)});
        continue;
      }
      auto r = rule_index.find(x.target.text);
      if (r == rule_index.end()) continue;
      if (x.payer) {
        auto p = payer_index.find(x.payer->text);
        if (p == payer_index.end()) continue;
        const RuleOutcome& o = ev.rules[static_cast<size_t>(r->second)];
        Interval got = rule_amount(m, o, p->second);
        auto want = expected_interval(x);
        if (o.status != RuleStatus::Awarded || !want || !(got == *want))
          fail(DiagCode::E0701, x.span, {ex.name.text, x.target.text + "（" + x.payer->text + "）", expectation_text(x),
                                         o.status == RuleStatus::Awarded ? interval_money_text(got) : outcome_text(m, o)});
        continue;
      }
      by_rule[static_cast<size_t>(r->second)] = &x;
    }

    // Every rule is checked: one without an expectation is expected not to pay.
    for (size_t r = 0; r < policy.rules.size(); ++r) {
      const RuleOutcome& o = ev.rules[r];
      const ast::Expectation* x = by_rule[r];
      Span at = x ? x->span : ex.name.span;
      const std::string& rule = policy.rules[r].name.text;
      if (o.status == RuleStatus::Error) {
        std::string why = o.error == VmError::MissingFact && o.error_fact < m.facts.size()
                              ? "规则「" + rule + "」需要事实「" + m.str(m.facts[o.error_fact].name) + "」"
                              : "规则「" + rule + "」计算溢出";
        fail(DiagCode::E0702, at, {ex.name.text, why});
        continue;
      }
      using W = ast::Expectation::What;
      W want = x ? x->what : W::None;
      bool ok = false;
      switch (want) {
        case W::None: ok = o.status == RuleStatus::NotApplicable; break;
        case W::Excluded: ok = o.status == RuleStatus::Excluded; break;
        case W::Case: ok = o.status == RuleStatus::Awarded && o.case_by_case; break;
        case W::Unspec:
          ok = o.status == RuleStatus::Awarded && o.unspecified && o.selective == x->selective &&
               (x->unspec_max ? (o.unspecified_max && o.unspecified_max->hi == x->unspec_max->value) : !o.unspecified_max);
          break;
        case W::Benefit: ok = o.status == RuleStatus::Awarded && !o.benefits.empty() && o.amounts.empty() && o.selective == x->selective; break;
        case W::Deduct: ok = o.status == RuleStatus::Awarded && o.deduction && x->amount && o.deduction->lo == x->amount->value &&
                             o.deduction->hi == x->amount->value;
          break;
        case W::Amount: {
          auto iv = expected_interval(*x);
          ok = o.status == RuleStatus::Awarded && !o.case_by_case && !o.unspecified && iv && o.selective == x->selective &&
               rule_amount(m, o, -1) == *iv;
          break;
        }
      }
      if (!ok) fail(DiagCode::E0701, at, {ex.name.text, rule, x ? expectation_text(*x) : "不予支持", outcome_text(m, o)});
    }
    out.passed = out.failures.empty();
    results.push_back(std::move(out));
  }
  return results;
}

}  // namespace zc::lib
