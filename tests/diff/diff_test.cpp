// Golden diffs: each tests/diff/cases/<seed>.edits applies deliberate changes to policies/<seed>.zc
// (every change with the verdict it must get), and the diff of the seed against the edited draft
// must (1) give every declared verdict — 不同 with a witness checked on the VM, 相同 proven by Z3,
// 逐项相同 without a solver — and no difference nobody declared, (2) report no internal error, and
// (3) print exactly <seed>.expected.txt (ZHENGCE_UPDATE_GOLDEN=1 rewrites it; review the diff).
// Also: a draft that differs only in layout or comments is proven to mean the same.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "compiler/driver.h"
#include "compiler/fmt/diff.h"
#include "diff/diff.h"
#include "diff/report.h"
#include "tests/support/files.h"

namespace zc {
namespace {

namespace fs = std::filesystem;

struct Draft {
  SourceManager sm;
  diff::Version v;
};

std::unique_ptr<Draft> compile_draft(const std::string& path, const std::string& text) {
  auto d = std::make_unique<Draft>();
  DiagSink sink;
  FileId id = d->sm.add(path, text);
  CompileResult r = compile(d->sm, id, sink);
  if (!r.module || sink.error_count() > 0) {
    std::string first;
    for (const Diagnostic& x : sink.all()) {
      if (x.severity != Severity::Error) continue;
      first = std::string(diag_info(x.code).id);
      for (const std::string& arg : x.args) first += " " + arg;
      if (x.has_span) first += " @" + std::to_string(x.span.begin);
      break;
    }
    ADD_FAILURE() << path << " does not compile: " << first;
    return nullptr;
  }
  d->v.path = path;
  d->v.policy = r.policy;
  d->v.program = r.program;
  d->v.module = std::make_shared<const Module>(std::move(*r.module));
  d->v.source = &d->sm.file(id);
  return d;
}

struct Expectation {
  std::string kind;  // 规则 上限 不重复 出资方
  std::string name;
  std::string verdict;  // 不同 相同 逐项相同
  int line = 0;
};

std::string unescape(const std::string& s) { return std::regex_replace(s, std::regex("\\\\n"), "\n"); }

// Applies the edits to `text`; every searched text must occur exactly once.
std::string apply_edits(const std::string& edits_path, std::string text, std::vector<Expectation>& expects) {
  std::ifstream in(edits_path);
  std::string line;
  std::vector<std::string> minus, plus;
  int n = 0, minus_line = 0;
  auto flush = [&] {
    if (minus.empty() && plus.empty()) return;
    std::string from, to;
    for (size_t i = 0; i < minus.size(); ++i) from += (i ? "\n" : "") + unescape(minus[i]);
    for (size_t i = 0; i < plus.size(); ++i) to += (i ? "\n" : "") + unescape(plus[i]);
    size_t at = text.find(from);
    if (from.empty() || at == std::string::npos || text.find(from, at + 1) != std::string::npos) {
      ADD_FAILURE() << edits_path << ":" << minus_line << ": the text to replace does not occur exactly once: " << from;
    } else {
      text.replace(at, from.size(), to);
    }
    minus.clear();
    plus.clear();
  };
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '@') {
      // @ 规则「名称」 不同
      flush();
      size_t open = line.find("「"), close = line.rfind("」 ");
      Expectation e;
      if (open != std::string::npos && close != std::string::npos && close > open) {
        e = Expectation{line.substr(2, open - 2), line.substr(open + 3, close - open - 3), line.substr(close + 4), n};
      }
      static const std::vector<std::string> kKinds = {"规则", "上限", "不重复", "出资方"}, kVerdicts = {"不同", "相同", "逐项相同"};
      if (std::find(kKinds.begin(), kKinds.end(), e.kind) == kKinds.end() ||
          std::find(kVerdicts.begin(), kVerdicts.end(), e.verdict) == kVerdicts.end()) {
        ADD_FAILURE() << edits_path << ":" << n << ": unreadable expectation: " << line;
        continue;
      }
      expects.push_back(e);
    } else if (line[0] == '-') {
      if (!plus.empty()) flush();
      if (minus.empty()) minus_line = n;
      minus.push_back(line.size() > 2 ? line.substr(2) : "");
    } else if (line[0] == '+') {
      plus.push_back(line.size() > 2 ? line.substr(2) : "");
    } else {
      ADD_FAILURE() << edits_path << ":" << n << ": a line must start with #, @, - or +";
    }
  }
  flush();
  return text;
}

std::string verdict_word(const diff::Semantic& s) {
  switch (s.verdict) {
    case diff::Semantic::Verdict::Identical: return "逐项相同";
    case diff::Semantic::Verdict::Equal: return "相同";
    case diff::Semantic::Verdict::Differs: return "不同";
    case diff::Semantic::Verdict::Unknown: return "未能判定（" + s.reason + "）";
    case diff::Semantic::Verdict::Absent: return "无";
  }
  return "?";
}

bool witnessed(const diff::Semantic& s) {
  if (s.regions.empty()) return false;
  for (const diff::Region& r : s.regions)
    if (!r.witness.none.empty() || r.witness.old_result == r.witness.new_result) return false;
  return true;
}

void check_verdict(const Expectation& e, const diff::Semantic& s, const std::string& where) {
  EXPECT_EQ(verdict_word(s), e.verdict) << where;
  if (e.verdict == "不同") {
    EXPECT_TRUE(witnessed(s)) << where << ": every region needs a witness the VM confirmed";
  }
}

std::vector<std::string> seeds() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(std::string(ZC_TEST_DIR) + "/cases"))
    if (e.path().extension() == ".edits") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

class GoldenDiff : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDiff, EveryChangeDetectedAndWitnessed) {
  const std::string seed = GetParam();
  const std::string old_path = "policies/" + seed + ".zc";
  const std::string edits = std::string(ZC_TEST_DIR) + "/cases/" + seed + ".edits";
  std::string old_text = testing::slurp(std::string(ZC_SOURCE_DIR) + "/" + old_path);
  std::vector<Expectation> expects;
  std::string new_text = apply_edits(edits, old_text, expects);
  ASSERT_GE(expects.size(), 10u) << "a golden diff makes at least 10 changes";
  auto a = compile_draft(old_path, old_text);
  auto b = compile_draft("tests/diff/cases/" + seed + ".edits", new_text);
  ASSERT_TRUE(a && b);
  // The verdicts are Z3's within its resource limit, which is deterministic; the wall-clock backstop
  // is lifted so that a slow build (the sanitizers, a loaded machine) gets the golden answers too.
  diff::Options options;
  options.limits.timeout_ms = 600000;
  diff::Report rep = diff::compare(a->v, b->v, options);
  EXPECT_TRUE(rep.internal_errors.empty()) << rep.internal_errors.front();

  std::vector<bool> declared(rep.rules.size(), false), declared_groups(rep.groups.size(), false);
  for (const Expectation& e : expects) {
    std::string where = seed + ".edits:" + std::to_string(e.line) + " " + e.kind + "「" + e.name + "」";
    bool found = false;
    if (e.kind == "规则") {
      for (size_t i = 0; i < rep.rules.size(); ++i) {
        const diff::RuleChange& r = rep.rules[i];
        bool mine = std::find(r.new_names.begin(), r.new_names.end(), e.name) != r.new_names.end() ||
                    (r.new_names.empty() && std::find(r.old_names.begin(), r.old_names.end(), e.name) != r.old_names.end());
        if (!mine) continue;
        found = true;
        declared[i] = true;
        EXPECT_NE(r.kind, diff::RuleChange::Kind::Unchanged) << where << ": the change was not detected";
        check_verdict(e, r.semantic, where);
      }
    } else if (e.kind == "出资方") {
      for (const diff::PayerChange& p : rep.payers) {
        if (p.name != e.name) continue;
        found = true;
        check_verdict(e, p.semantic, where);
      }
    } else {
      for (size_t i = 0; i < rep.groups.size(); ++i) {
        if (rep.groups[i].name != e.name || rep.groups[i].cap != (e.kind == "上限")) continue;
        found = true;
        declared_groups[i] = true;
        check_verdict(e, rep.groups[i].semantic, where);
      }
    }
    EXPECT_TRUE(found) << where << ": not in the report";
  }
  // Nothing changed that the edits do not declare.
  for (size_t i = 0; i < rep.rules.size(); ++i)
    if (rep.rules[i].kind != diff::RuleChange::Kind::Unchanged) {
      EXPECT_TRUE(declared[i]) << seed << ": undeclared change to 「" << (rep.rules[i].new_names.empty() ? rep.rules[i].old_names.front() : rep.rules[i].new_names.front()) << "」";
    }
  for (size_t i = 0; i < rep.groups.size(); ++i)
    if (rep.groups[i].kind != diff::GroupChange::Kind::Unchanged || rep.groups[i].semantic.verdict == diff::Semantic::Verdict::Differs) {
      EXPECT_TRUE(declared_groups[i]) << seed << ": undeclared change to group 「" << rep.groups[i].name << "」";
    }

  rep.queries = 0;  // solver effort is not part of the golden output
  std::string got = diff::render(rep, diff::Format::Text, false);
  const std::string expected_path = std::string(ZC_TEST_DIR) + "/cases/" + seed + ".expected.txt";
  if (std::getenv("ZHENGCE_UPDATE_GOLDEN")) {
    std::ofstream(expected_path, std::ios::binary) << got;
  } else {
    std::string want = testing::slurp(expected_path);
    EXPECT_TRUE(got == want) << formatter::unified_diff(want, got, seed + ".expected.txt")
                             << "ZHENGCE_UPDATE_GOLDEN=1 rewrites " << expected_path;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, GoldenDiff, ::testing::ValuesIn(seeds()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string s = i.param;
                           std::replace(s.begin(), s.end(), '-', '_');
                           return s;
                         });

// `from` replaced by `to` wherever it is not inside “quoted text” or a comment (which keep any spelling).
std::string outside_quotes(const std::string& s, const std::string& from, const std::string& to) {
  std::string out;
  int depth = 0;
  bool comment = false;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\n') comment = false;
    if (s[i] == '#' && depth == 0) comment = true;
    if (s.compare(i, 3, "“") == 0) ++depth;
    if (s.compare(i, 3, "”") == 0 && depth > 0) --depth;
    if (depth == 0 && !comment && s.compare(i, from.size(), from) == 0) {
      out += to;
      i += from.size();
      continue;
    }
    out += s[i++];
  }
  return out;
}

// Layout and comments carry no meaning: every rule unchanged and proven the same, no solver needed.
TEST(LayoutOnlyDiff, FormattingAndCommentsProveEqual) {
  for (const auto& e : fs::directory_iterator(std::string(ZC_SOURCE_DIR) + "/policies")) {
    if (e.path().extension() != ".zc") continue;
    SCOPED_TRACE(e.path().string());
    std::string text = testing::slurp(e.path());
    // Comments: every comment line rewritten, new ones added between statements.
    std::string commented = std::regex_replace(text, std::regex("\n# ([^\n]*)"), "\n# 注：$1（修订稿）");
    commented = std::regex_replace(commented, std::regex("\n规则「"), "\n# 以下一条规则未改。\n规则「");
    // Layout: statements' continuation lines joined, ASCII punctuation where the language allows it.
    std::string layout = std::regex_replace(text, std::regex("\n  "), "");
    layout = outside_quotes(layout, "，给予", ", 给予");
    for (const std::string* draft : {&commented, &layout}) {
      auto a = compile_draft("old.zc", text);
      auto b = compile_draft("new.zc", *draft);
      ASSERT_TRUE(a && b);
      diff::Report rep = diff::compare(a->v, b->v, diff::Options{});
      EXPECT_FALSE(rep.any_difference());
      EXPECT_EQ(rep.queries, 0u) << "nothing should need the solver";
      EXPECT_TRUE(rep.decls.empty());
      for (const diff::RuleChange& r : rep.rules) {
        EXPECT_EQ(r.kind, diff::RuleChange::Kind::Unchanged) << r.new_names.front();
        EXPECT_EQ(r.semantic.verdict, diff::Semantic::Verdict::Identical);
      }
      for (const diff::PayerChange& p : rep.payers) EXPECT_EQ(p.semantic.verdict, diff::Semantic::Verdict::Identical);
    }
  }
}

}  // namespace
}  // namespace zc
