// How an evaluation is shown: as text for a person (each award with its explanation, then totals
// per payer) or as JSON for programs (schema in docs/cli.md). Amounts in JSON are exact decimal
// strings in 元, never floating-point numbers.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/bytecode/module.h"
#include "runtime/vm/vm.h"

namespace zc::lib {

struct ReportOptions {
  bool all = false;          // text: also explain rules that do not pay
  bool color = false;
  std::string facts_path;
  bool compact_json = false;  // json: on one line (JSONL), not indented
};

std::string evaluation_text(const Module& m, const Evaluation& ev, const ReportOptions& o);
std::string evaluation_json(const Module& m, const Evaluation& ev, const ReportOptions& o);

// The parts of a module's JSON report that no applicant changes, written once by the report's own
// writer: the title, rule, article and payer names quoted and escaped, and the compact object of each
// rule for the most common outcome, RuleOutcome{} (the rule does not apply and has nothing else to
// say: no trace, no notes). A server answering many applicants of one module keeps one.
struct JsonTemplate {
  explicit JsonTemplate(const Module& m);
  std::string title;
  std::vector<std::string> rules, articles, payers, plain_rules;
};

// evaluation_json appended to `out`, with the module's template when given: the same bytes either
// way (tests/serve/batch_parity_test.cpp compares them).
void append_evaluation_json(std::string& out, const Module& m, const Evaluation& ev, const ReportOptions& o, const JsonTemplate* t);

// What kind of award a rule's outcome is ("kind" in the JSON report).
enum class OutcomeKind : uint8_t { None, Amount, CaseByCase, Unspecified, Deduction, Benefit };
OutcomeKind outcome_kind(const RuleOutcome& o);
const char* role_name(PayerRole r);  // local / upper / other

// 金额 / 比例 / 数量（家） / 是否 / 选项（甲、乙） / 日期 / 分数
std::string fact_type_text(const Module& m, const FactInfo& f);

}  // namespace zc::lib
