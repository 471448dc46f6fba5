// `zhengce diff`: what changed between two drafts of a policy. Structurally, which rules, groups,
// payers and facts were added, removed, renamed, split or changed, and how their sentences read
// before and after; semantically, decided by Z3 over the encoding in compiler/smt, whether any
// applicant's result differs — with a witness applicant run through the VM on both drafts and the
// region where results differ in the language's own terms — or the change is wording only, proven;
// and, with a registry, what the change costs. It prints nothing (report.h renders a Report) and
// reads no files (the CLI compiles both drafts and hands them over).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/check/sema.h"
#include "compiler/smt/encode.h"
#include "compiler/syntax/ast.h"
#include "runtime/bytecode/module.h"

namespace zc::diff {

// One draft, compiled without errors.
struct Version {
  std::string path;
  std::shared_ptr<const ast::Policy> policy;
  std::shared_ptr<const sema::Program> program;
  std::shared_ptr<const Module> module;
  const SourceFile* source = nullptr;  // for line numbers in the report (owned by the caller)
};

struct Options {
  smt::Limits limits;
  size_t max_regions = 6;    // regions described per change (each with its own witness)
  size_t max_total_witnesses = 2;
  std::string input;         // a registry (CSV or JSONL) for the budget; "" for none
  bool input_jsonl = false;
  unsigned threads = 1;      // for the registry pass
  // One witness per change and no region texts: what the property test runs thousands of times.
  // Verdicts and VM checks are the same; only the descriptions are skipped.
  bool quick = false;
};

// A piece of a sentence, for marking the words that changed.
struct Piece {
  std::string text;
  bool changed = false;
};

// An applicant on which the two drafts give different results, checked on the VM.
struct Witness {
  // The facts as a facts file gives them (name, value as a facts file writes it), in the order the
  // drafts declare them; only facts that differ from their defaults, and facts without a default.
  std::vector<std::pair<std::string, std::string>> facts;
  // The ones that tell the story: facts the comparison reads whose value is not the default (a fact
  // without a default counts as defaulting to 0, 否 or its first option). Text output shows these.
  std::vector<std::string> shown;
  std::vector<std::string> only_old, only_new;  // facts of the list that one draft does not declare
  std::string old_result, new_result;           // the two drafts' results on the VM
  std::string none;                             // why no witness is given (the region stands without one)
};

// Where results differ, in the language's terms, with an applicant from there.
struct Region {
  std::string where;  // 「研发投入」在50万元（含）至100万元（不含）之间
  bool whole = true;      // every applicant there differs; false: some of them (the witness is one)
  bool constant = false;  // each draft gives every applicant there the witness's result
  Witness witness;
};

struct Semantic {
  enum class Verdict : uint8_t {
    Identical,  // the checked meaning is the same term for term (nothing to decide)
    Equal,      // the text changed, the results never do: wording only, proven
    Differs,    // some applicant's result differs: see regions
    Unknown,    // not decided: see reason (a solver limit, or something the encoding does not cover)
    Absent,     // no semantic comparison (e.g. a fact declaration)
  } verdict = Verdict::Absent;
  std::string reason;
  std::vector<Region> regions;
  bool complete = false;  // Differs: the regions cover every applicant whose result differs
};

struct RuleChange {
  enum class Kind : uint8_t { Unchanged, Changed, Renamed, Added, Removed, Split } kind = Kind::Unchanged;
  std::vector<std::string> old_names, new_names;  // Split: one old, several new
  std::string article;                            // 第1条 (the new draft's, else the old's)
  std::vector<std::string> aspects;               // 条件 金额 比例 上限 出资方 …
  std::vector<Piece> old_text, new_text;          // the rendered sentences, changed words marked
  uint32_t line = 0;                              // where the rule is written: the newer draft (else the older)
  bool line_in_new = true;
  Semantic semantic;
};

struct GroupChange {
  enum class Kind : uint8_t { Unchanged, Changed, Added, Removed } kind = Kind::Unchanged;
  std::string name;
  bool cap = false;  // 上限 (else 不重复)
  uint32_t line = 0;
  bool line_in_new = true;
  std::vector<Piece> old_text, new_text;
  Semantic semantic;  // the members' results together, after the groups
};

struct PayerChange {
  std::string name;
  std::string what;   // 新增 / 删除 / 本级→上级 …, "" when the declaration is the same
  Semantic semantic;  // the payer's total per applicant
};

// A change to a declaration that is not a rule: facts, the rounding rule, the header.
struct DeclChange {
  std::string what;  // 事实「甲」新增 / 默认值由否改为是 / 新增选项「市级」（旧版无法表达选该项的申请人，未作比较）
};

struct BudgetLine {
  std::string name;            // rule or payer
  bool payer = false;
  std::string old_lo, old_hi;  // exact totals over the registry, in 元
  std::string new_lo, new_hi;
  std::string delta_lo, delta_hi;  // new − old, ends separately ("" when it does not fit)
  uint64_t changed = 0;        // applicants whose result of this rule changed (rules only)
};

struct Budget {
  std::string input;
  uint64_t rows = 0, evaluated = 0, bad_rows = 0;
  uint64_t changed = 0;        // applicants whose result of some rule changed
  std::vector<BudgetLine> lines;
};

struct Report {
  std::string old_path, new_path;
  std::string old_title, new_title;
  std::vector<DeclChange> decls;
  std::vector<RuleChange> rules;
  std::vector<GroupChange> groups;
  std::vector<PayerChange> payers;
  std::optional<Budget> budget;
  std::string budget_error;
  // A witness the VM did not confirm: an encoding bug, reported instead of the change it concerns.
  std::vector<std::string> internal_errors;
  size_t queries = 0;
  bool any_difference() const;  // some result differs (or could not be decided)
};

Report compare(const Version& older, const Version& newer, const Options& opts);

// Whether compare() can run: the solver library libz3 is loaded on first use (base/lazy.h) and may
// be missing from a broken installation. False with the loader's message.
bool solver_available(std::string& why);

}  // namespace zc::diff
