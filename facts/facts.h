// Applicant facts from a JSON file: {"市到位资金": "100万元", "首次通过高新技术企业认定": true, ...}.
// Numbers are read from their exact text (never through a double); strings are read as the policy
// language writes literals (10万元, 20%, 2家, 2024年2月21日). Keys starting with "#" are comments.
// The registry simulator (sim/registry.h) reads CSV and JSONL cells with fact_from_scalar().
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diag.h"
#include "base/source.h"
#include "runtime/bytecode/module.h"

namespace zc::facts {

struct ItemCell;

struct Scalar {
  enum class Kind : uint8_t { Null, Bool, Number, String, Items } kind = Kind::Null;
  bool b = false;
  std::string text;  // Number: the exact JSON text; String: the string
  // Items: an item list (清单) written as an array of objects, one per item, each its facts' scalars.
  // (A struct declared ahead, not std::pair<std::string, Scalar>: a pair of the type being defined is
  // an incomplete type that clang refuses to instantiate.)
  std::vector<std::vector<ItemCell>> rows;
};

// One fact of one item: its key as written and its value.
struct ItemCell {
  std::string key;
  Scalar value;
};

// An item list's rows read against the list fact `list` of `m`: each key must be one of the list's
// member facts, each value of its type. On failure nullopt, with `why` (which item, which key) and
// `example`.
std::optional<FactValue> items_from_rows(const Module& m, size_t list, const Scalar& v, std::string& why, std::string& example);

// Parses one flat JSON object of scalars. On failure returns false with a message in `err`.
bool parse_flat_json(std::string_view json, std::vector<std::pair<std::string, Scalar>>& out, std::string& err);

// Converts one value for fact `f`. On failure returns nullopt and fills `why` with what was expected
// (in Chinese) and `example` with a valid example. A value of the right type outside the type's
// domain (a negative amount, rate or count, 2.5人: compiler/syntax/domain.h) fails too; then
// `out_of_range`, when given, receives what is allowed (the same text as `why`).
std::optional<FactValue> fact_from_scalar(const Module& m, size_t f, const Scalar& v, std::string& why, std::string& example,
                                          std::string* out_of_range = nullptr);

// The facts file's text, registered in a SourceManager, so diagnostics can point into it.
struct FactsSource {
  FileId file = 0;
  std::string_view text;
};

// A facts file larger than this is refused unread (E0807), as a policy file is by the lexer (E0109).
inline constexpr size_t kMaxFactsFileBytes = 64u * 1024u * 1024u;
// Problems of one facts file listed one by one; past these the rest are only counted, so that a
// file with a million unknown keys costs a count, not a million diagnostics (docs/reliability.md).
inline constexpr size_t kListedFactsProblems = 20;

// Maps every key to a fact of `m` and converts its value. Unknown keys (E0803), bad values (E0802)
// and values outside their domain (E0806) are reported into `diags`, at the key or value in
// `source` when given and found; the returned vector has one entry per fact (Missing when not given).
// With `unlisted`, only the first kListedFactsProblems problems become diagnostics and the others
// are added to *unlisted.
std::vector<FactValue> facts_from_json(const Module& m, const std::vector<std::pair<std::string, Scalar>>& entries,
                                       std::vector<Diagnostic>& diags, const FactsSource* source = nullptr,
                                       size_t* unlisted = nullptr);

// Index of the fact called `name` (with or without 「」), or -1.
int find_fact(const Module& m, std::string_view name);

}  // namespace zc::facts
