// Evaluating a policy for applicants: their facts (from a facts file's JSON or set one by one), the
// result of every rule with how it was computed, the totals per payer, and a plain-language
// explanation. Amounts are exact: decimal strings in 元, never floating point. One Evaluator per
// thread evaluates many applicants against one Policy. Part of the public API (docs/library.md).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhengce/diagnostics.h"
#include "zhengce/policy.h"

namespace zhengce {

// One applicant's facts for one policy. A fact not given is missing: its default applies, and a
// rule that needs a fact with no default cannot be computed (E0801).
class Facts {
 public:
  explicit Facts(const Policy& policy);
  // Sets fact `name` (with or without 「」) from text as a policy writes it: 100万元, 20%, 2家, 是,
  // 2024年2月21日, an option's name, or a plain decimal. False, with the reason in `why` (the
  // expected type and an example, in `lang`), when the policy has no such fact or the text is not
  // a value of it.
  bool set(std::string_view name, std::string_view text, std::string* why = nullptr, Lang lang = Lang::Zh);
  void unset(std::string_view name);

  struct Impl;

 private:
  friend struct detail::Access;
  Facts() = default;
  std::shared_ptr<Impl> impl_;  // copy on write: a copy of a Facts is independent of it
};

// A facts file: one flat JSON object {"市到位资金": "100万元", "首次通过认定": true, …}; keys starting
// with # are comments. Numbers keep their exact text. `facts` is present when every key is a fact
// of the policy with a valid value; otherwise the problems are diagnostics (E0802, E0803, E0805,
// E0806; E0807 for an input over 64 MiB). The first 20 problems are listed, the rest counted
// (Diagnostics::unlisted()).
struct FactsRead {
  Diagnostics diagnostics;
  std::optional<Facts> facts;
  std::optional<std::string> failure;  // read_facts_file: the file cannot be read (in `lang`)
};
// `name` names the input in messages; with `point_into`, the input is a file called `name` and each
// problem points at its key or value there (file:line:column and the line, as zhengce run shows them).
FactsRead read_facts(const Policy& policy, std::string_view json, Lang lang = Lang::Zh, const std::string& name = "",
                     bool point_into = false);
// The same for the file at `path`, pointed into; a regular file over the limit is refused unread.
FactsRead read_facts_file(const Policy& policy, const std::string& path, Lang lang = Lang::Zh);

// An amount: [min, max] in 元 as exact decimals ("100000.00"), and as it reads (10万元, 最高50万元).
struct Amount {
  std::string min, max;
  std::string text;
};

struct RuleResult {
  std::string rule;
  std::string article;  // 第1条, or "" when the rule precedes every article
  enum class Status : uint8_t { NotApplicable, Awarded, Excluded, Error } status = Status::NotApplicable;
  enum class Kind : uint8_t { None, Amount, CaseByCase, Unspecified, Deduction, Benefit } kind = Kind::None;
  bool selective = false;         // 择优: eligibility does not guarantee the award
  std::string text;               // 10万元 / 择优10万元 / 一事一议 / 金额未明确（最高50万元） / 不予支持 / 适用（……）
  struct PayerAmount {
    std::string payer;
    Amount amount;
  };
  std::vector<PayerAmount> amounts;   // this policy's money, by payer
  std::vector<PayerAmount> external;  // a higher level's award it builds on (not this policy's money)
  std::optional<Amount> deduction;    // a tax deduction (not a payment)
  std::optional<Amount> unspecified_max;
  std::vector<std::string> benefits;  // non-monetary benefits granted
  std::vector<std::string> trace;     // how it was computed (when asked for)
  std::vector<std::string> notes;     // what a 不重复 or 上限 group did to it
  std::optional<Diagnostic> error;    // why it could not be computed (E0801, E0804), with Status::Error
};

// Everything a payer may pay under one evaluation: a 金额未明确 award counts as [0, its maximum]; when
// an included 金额未明确 award states no maximum, or an 一事一议 award is included, there is no upper
// end — `amount.max` is "" — and `amount.text` says so (10万元至60万元（含金额未明确 1 项）).
struct PayerTotal {
  std::string payer;
  std::string role;  // local / upper / other
  Amount amount;
  uint32_t unspecified = 0;   // 金额未明确 awards included
  uint32_t case_by_case = 0;  // 一事一议 awards included
};

class Evaluation {
 public:
  const std::vector<RuleResult>& rules() const;
  const std::vector<PayerTotal>& totals() const;
  // False when some rule could not be computed; rules() says which and why, problems() as diagnostics.
  bool complete() const;
  Diagnostics problems() const;
  // As `zhengce run` prints it: for a person (`all` also lists the rules that do not pay) …
  std::string text(bool all = false, bool color = false, const std::string& applicant = "") const;
  // … and for programs (the JSON schema of docs/cli.md), indented as `zhengce run` prints it, or
  // `compact` on one line (for JSONL and servers).
  std::string json(const std::string& applicant = "", bool compact = false) const;
  // The same bytes appended to `out` (a server's reused buffer: no copy of the answer).
  void append_json(std::string& out, const std::string& applicant = "", bool compact = false) const;

  struct Impl;

 private:
  friend struct detail::Access;
  Evaluation() = default;
  std::shared_ptr<const Impl> impl_;
};

struct EvaluateOptions {
  bool trace = true;   // record how each amount was computed (RuleResult::trace)
  Lang lang = Lang::Zh;  // of error diagnostics
};

// Evaluates applicants against one policy. Not thread-safe: make one per thread (it reuses its
// buffers between applicants); the Policy itself is shared. `engine` Jit needs jit_available().
class Evaluator {
 public:
  explicit Evaluator(const Policy& policy, Engine engine = Engine::Vm);
  ~Evaluator();
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(Evaluator&&) noexcept;
  // False (with the reason in `error`) when the engine could not be set up; evaluate() then returns
  // an Evaluation with no rules that is not complete().
  bool ready(std::string* error = nullptr) const;
  // `facts` must have been made for this evaluator's policy (or a copy of it); facts of another
  // policy are evaluated as if none were given.
  Evaluation evaluate(const Facts& facts, const EvaluateOptions& options = {});

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// One evaluation on the VM, for callers that evaluate rarely. Thread-safe.
Evaluation evaluate(const Policy& policy, const Facts& facts, const EvaluateOptions& options = {});

// targets: the policy's targets (总体目标), each checked against the indicators' reported figures when
// they are given (a facts file whose keys are the policy's 指标; other keys are E0803, bad values E0802).
struct TargetResult {
  std::string text;                     // the target as written: 到2025年，高新技术企业达到120家以上
  std::optional<std::string> reported;  // the reported figure as it reads (130家), when given
  std::optional<bool> met;              // when reported
};
struct TargetsChecked {
  Diagnostics diagnostics;
  std::vector<TargetResult> targets;    // empty when the figures have problems
};
TargetsChecked check_targets(const Policy& policy, std::optional<std::string_view> figures_json = std::nullopt,
                             Lang lang = Lang::Zh, const std::string& name = "");

// explain: rule by rule, for the applicant — the result, the clause, which conditions held or failed
// with the applicant's values, how the amount was computed, which cap or 不重复 rule applied.
// nullopt when the policy has no source (loaded from bytecode).
struct ExplainOptions {
  Lang lang = Lang::Zh;
  std::string applicant;  // named in the heading
};
struct Explanation {
  std::string text;
  bool complete = true;  // false when some rule could not be computed (the text says which and why)
};
std::optional<Explanation> explain(const Policy& policy, const Facts& facts, const ExplainOptions& options = {});

}  // namespace zhengce
