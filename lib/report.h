// How an evaluation is shown: as text for a person (each award with its explanation, then totals
// per payer) or as JSON for programs (schema in docs/cli.md). Amounts in JSON are exact decimal
// strings in 元, never floating-point numbers.
#pragma once
#include <cstdint>
#include <string>

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

// What kind of award a rule's outcome is ("kind" in the JSON report).
enum class OutcomeKind : uint8_t { None, Amount, CaseByCase, Unspecified, Deduction, Benefit };
OutcomeKind outcome_kind(const RuleOutcome& o);
const char* role_name(PayerRole r);  // local / upper / other

// 金额 / 比例 / 数量（家） / 是否 / 选项（甲、乙） / 日期 / 分数
std::string fact_type_text(const Module& m, const FactInfo& f);

}  // namespace zc::lib
