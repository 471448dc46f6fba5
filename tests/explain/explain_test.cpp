// The explainer: each tests/explain/cases/NAME.json (an applicant's facts; "#policy" names the policy
// file, "#lang": "en" asks for English) explains to exactly NAME.expected.txt, whole
// (ZHENGCE_UPDATE_GOLDEN=1 rewrites them). On every example of every shipped policy the explainer's
// reading of the conditions and amounts agrees with the VM. `zhengce explain` exit codes are checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/files.h"
#include "facts/facts.h"
#include "compiler/driver.h"
#include "compiler/explain/explain.h"
#include "tests/cli/support.h"

namespace fs = std::filesystem;

namespace {

using zc::testing::slurp;

struct Compiled {
  zc::SourceManager sm;
  zc::CompileResult r;
};

void compile(Compiled& c, const fs::path& path) {
  zc::FileId id = c.sm.add(path.string(), slurp(path));
  zc::DiagSink sink;
  c.r = zc::compile(c.sm, id, sink);
  ASSERT_EQ(sink.error_count(), 0u) << path;
  ASSERT_TRUE(c.r.module && c.r.policy && c.r.program) << path;
}

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(ZC_EXPLAIN_DIR) / "cases"))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

class ExplainGolden : public ::testing::TestWithParam<fs::path> {};

TEST_P(ExplainGolden, WholeOutputMatches) {
  const fs::path& json = GetParam();
  std::vector<std::pair<std::string, zc::facts::Scalar>> entries;
  std::string err;
  ASSERT_TRUE(zc::facts::parse_flat_json(slurp(json), entries, err)) << err;
  std::string policy, lang;
  for (const auto& [k, v] : entries) {
    if (k == "#policy") policy = v.text;
    if (k == "#lang") lang = v.text;
  }
  ASSERT_FALSE(policy.empty()) << json << " 没有 \"#policy\"";
  Compiled c;
  compile(c, fs::path(ZC_SOURCE_DIR) / policy);
  if (HasFatalFailure()) return;
  std::vector<zc::Diagnostic> diags;
  std::vector<zc::FactValue> facts = zc::facts::facts_from_json(*c.r.module, entries, diags);
  ASSERT_TRUE(diags.empty()) << zc::diag_message(diags[0], zc::Lang::Zh);
  zc::Vm vm(*c.r.module);
  zc::Evaluation ev = vm.evaluate(facts);
  zc::explain::Options o;
  o.lang = lang == "en" ? zc::Lang::En : zc::Lang::Zh;
  o.applicant = json.filename().string();
  std::string got = zc::explain::explain(*c.r.policy, *c.r.program, *c.r.module, facts, ev, o);
  EXPECT_TRUE(zc::explain::disagreements(*c.r.policy, *c.r.program, facts, ev).empty());
  fs::path expected = json;
  expected.replace_extension(".expected.txt");
  if (std::getenv("ZHENGCE_UPDATE_GOLDEN")) {
    std::ofstream(expected, std::ios::binary | std::ios::trunc) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected << " 不存在；用 ZHENGCE_UPDATE_GOLDEN=1 生成后审阅";
  EXPECT_EQ(got, slurp(expected));
}

INSTANTIATE_TEST_SUITE_P(Cases, ExplainGolden, ::testing::ValuesIn(cases()), [](const ::testing::TestParamInfo<fs::path>& i) {
  std::string n = i.param.stem().string();
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

// The facts of one example, as run_examples builds them.
std::vector<zc::FactValue> example_facts(const Compiled& c, const zc::ast::Example& ex) {
  std::vector<zc::FactValue> facts(c.r.module->facts.size());
  for (const zc::ast::Assignment& a : ex.facts) {
    for (size_t f = 0; f < c.r.program->facts.size(); ++f) {
      if (c.r.program->facts[f].name != a.fact.text) continue;
      std::string why;
      if (auto v = zc::sema::fact_value(c.r.program->facts[f], a.value, why)) facts[f] = *v;
    }
  }
  return facts;
}

TEST(Explain, AgreesWithTheVmOnEveryExampleOfEveryPolicy) {
  size_t examples = 0;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(ZC_SOURCE_DIR) / "policies"))
    if (e.path().extension() == ".zc") files.push_back(e.path());
  files.push_back(fs::path(ZC_SOURCE_DIR) / "tests" / "render" / "cases" / "forms.zc");
  for (const fs::path& path : files) {
    Compiled c;
    compile(c, path);
    if (HasFatalFailure()) return;
    zc::Vm vm(*c.r.module);
    for (const zc::ast::Example& ex : c.r.policy->examples) {
      ++examples;
      std::vector<zc::FactValue> facts = example_facts(c, ex);
      zc::Evaluation ev = vm.evaluate(facts);
      for (const std::string& d : zc::explain::disagreements(*c.r.policy, *c.r.program, facts, ev))
        ADD_FAILURE() << path.filename() << " 案例「" << ex.name.text << "」：" << d;
      for (zc::Lang lang : {zc::Lang::Zh, zc::Lang::En}) {
        zc::explain::Options o;
        o.lang = lang;
        std::string text = zc::explain::explain(*c.r.policy, *c.r.program, *c.r.module, facts, ev, o);
        for (size_t r = 0; r < ev.rules.size(); ++r)
          EXPECT_NE(text.find("「" + c.r.policy->rules[r].name.text + "」"), std::string::npos) << c.r.policy->rules[r].name.text;
      }
    }
  }
  EXPECT_GT(examples, 100u);
}

TEST(ExplainCli, ExitCodes) {
  fs::path cases_dir = fs::path(ZC_EXPLAIN_DIR) / "cases";
  std::string policy = (fs::path(ZC_SOURCE_DIR) / "policies" / "dongchangfu-2024.zc").string();
  auto ok = zc::testing::zhengce({"explain", policy, "--facts", (cases_dir / "dongchangfu-granted.json").string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out.rfind("申请结果说明\n", 0), 0u);
  auto missing = zc::testing::zhengce({"explain", policy, "--facts", (cases_dir / "dongchangfu-missing.json").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("缺少事实「攀登计划或提升工程项目市到位资金」"), std::string::npos);
  auto unknown = zc::testing::zhengce({"explain", "--color", "never", policy, "--facts", zc::testing::write_temp("u.json", "{\"没有这个事实\": true}")});
  EXPECT_EQ(unknown.exit_code, 1);
  auto zcb = zc::testing::zhengce({"explain", "policy.zcb", "--facts", (cases_dir / "dongchangfu-granted.json").string()});
  EXPECT_EQ(zcb.exit_code, 2);
  auto nofile = zc::testing::zhengce({"explain", policy, "--facts", "/nonexistent/facts.json"});
  EXPECT_EQ(nofile.exit_code, 2);
  auto en = zc::testing::zhengce({"explain", "--lang", "en", policy, "--facts", (cases_dir / "dongchangfu-granted.json").string()});
  EXPECT_EQ(en.out.rfind("Explanation of the result\n", 0), 0u);
}

}  // namespace
