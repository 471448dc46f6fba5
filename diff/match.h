// Internal to diff/: the structural side. Fingerprints write a checked rule out term for term with
// every name resolved (facts with their types, definitions with their bodies, payers by name), so
// that two rules with equal fingerprints have the same encoding: their results are the same for
// every applicant without asking a solver. Pairing matches rules across drafts by name, then by
// meaning, then by article and wording (renamed, split in two); aspects say what kind of change a
// pair shows (条件, 金额, 比例, 上限, 出资方 …). Nothing here decides a semantic question.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "diff/diff.h"

namespace zc::diff::detail {

std::string rule_fingerprint(const Version& v, int rule);
std::string rule_text(const Version& v, int rule);  // the rendered sentence, without the rule's name
std::string article_of(const Version& v, int rule);  // 第1条, or ""

struct Pairing {
  RuleChange::Kind kind = RuleChange::Kind::Unchanged;
  std::vector<int> olds, news;
};
std::vector<Pairing> pair_rules(const Version& older, const Version& newer);

// What kind of change a pair of rules shows; empty when their fingerprints, texts and notes agree.
std::vector<std::string> aspects(const Version& older, int a, const Version& newer, int b);

// Names of the groups (上限 and 不重复) a rule is a member of.
std::vector<std::string> groups_of(const Version& v, int rule);
std::string group_fingerprint(const Version& v, const sema::Group& g);
std::string group_text(const Version& v, const sema::Group& g);

// Definitions (定义) whose checked bodies differ between the drafts, by name.
std::set<std::string> redefined(const Version& older, const Version& newer);

// Declarations that changed: facts (added, removed, type, unit, default, options), the rounding rule.
std::vector<DeclChange> declaration_changes(const Version& older, const Version& newer);

}  // namespace zc::diff::detail
