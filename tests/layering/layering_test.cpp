// The layers stay straight: every file of the tree belongs to a layer of docs/architecture.md's
// table and includes only what its layer may; and the check itself catches the arrows that once
// bent the layers (issue 12: the runtime reaching into the compiler, anything including cli/, the
// simulator including compiler internals, anything below the front ends including server/, ANTLR
// outside compiler/syntax, the AST including the bytecode, the checker including the VM).
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "tests/layering/layering.h"

namespace zc::layering {
namespace {

namespace fs = std::filesystem;

Table real_table() {
  std::ifstream in(fs::path(ZC_SOURCE_DIR) / "docs" / "architecture.md", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  std::string error;
  std::optional<Table> t = parse_table(s.str(), error);
  EXPECT_TRUE(t) << error;
  return t ? *t : Table{};
}

std::vector<fs::path> antlr_dirs() { return {fs::path(ZC_ANTLR_INCLUDE_DIR), fs::path(ZC_GRAMMAR_GEN_DIR)}; }

std::string messages(const std::vector<Violation>& v) {
  std::string s;
  for (const Violation& x : v) s += "  " + x.message() + "\n";
  return s;
}

TEST(Layering, TheTreeFollowsTheTable) {
  Table t = real_table();
  std::vector<std::string> files;
  std::vector<Include> includes;
  scan(t, ZC_SOURCE_DIR, antlr_dirs(), files, includes);
  ASSERT_GT(files.size(), 100u);
  std::vector<Violation> v = check(t, includes, files);
  EXPECT_TRUE(v.empty()) << "against docs/architecture.md's Layers table:\n" << messages(v);
}

// Each arrow the issue lists, as an include the checker must refuse with the real table.
TEST(Layering, TheCheckerRefusesTheArrowsThatBentTheLayers) {
  Table t = real_table();
  t.exceptions.clear();
  struct Arrow {
    const char* file;
    const char* target;
  };
  const Arrow arrows[] = {
      {"runtime/vm/vm.cpp", "compiler/check/sema.h"},        // the runtime reaching into the compiler
      {"runtime/bytecode/format.cpp", "compiler/driver.h"},
      {"sim/registry.h", "cli/facts.h"},                     // anything including cli/
      {"lib/policy.cpp", "cli/common.h"},
      {"compiler/check/check.cpp", "cli/report.h"},
      {"sim/registry.cpp", "compiler/syntax/parse.h"},       // the simulator including compiler internals
      {"sim/simulate.cpp", "compiler/driver.h"},
      {"sim/summary.cpp", "compiler/syntax/lexer.h"},
      {"compiler/check/award.cpp", "ZhengceParser.h"},       // ANTLR outside compiler/syntax
      {"compiler/fmt/fmt.cpp", "ZhengceParser.h"},
      {"compiler/render/phrase.cpp", "CommonTokenStream.h"},
      {"facts/facts.cpp", "compiler/syntax/parse.h"},        // facts need the lexer, not the parser
      {"compiler/syntax/ast.h", "runtime/bytecode/module.h"},  // the AST including the bytecode
      {"compiler/check/award.cpp", "runtime/vm/vm.h"},       // the checker including the VM
      {"base/units.cpp", "runtime/vm/text.h"},               // the foundation including what stands on it
      {"cli/cmd_run.cpp", "compiler/driver.h"},              // the CLI past the public API
      {"cli/cmd_serve.cpp", "compiler/check/sema.h"},
      {"server/store.cpp", "compiler/driver.h"},             // the server past the public API
      {"server/api_evaluate.cpp", "runtime/vm/vm.h"},
      {"lib/policy.cpp", "server/store.h"},                  // anything below the front ends including the server
      {"sim/simulate.cpp", "server/server.h"},
      {"compiler/check/check.cpp", "server/api.h"},
      {"runtime/vm/vm.cpp", "server/http.h"},
  };
  for (const Arrow& a : arrows) {
    Include inc{a.file, a.target, target_layer(t, ZC_SOURCE_DIR, antlr_dirs(), a.target)};
    EXPECT_FALSE(inc.layer.empty()) << a.target << " should have a layer";
    std::vector<Violation> v = check(t, {inc}, {a.file});
    ASSERT_EQ(v.size(), 1u) << a.file << " -> " << a.target << " should be refused";
    EXPECT_EQ(v[0].file, a.file);
    EXPECT_EQ(v[0].target, a.target);
  }
  // And what the layers rest on stays allowed.
  const Arrow fine[] = {
      {"runtime/vm/vm.cpp", "base/units.h"},           {"compiler/syntax/parse.cpp", "ZhengceParser.h"},
      {"facts/facts.cpp", "compiler/syntax/literal.h"}, {"sim/registry.cpp", "facts/facts.h"},
      {"cli/cmd_run.cpp", "zhengce/zhengce.h"},         {"compiler/check/check.cpp", "nlohmann/json.hpp"},
      {"cli/cmd_serve.cpp", "server/server.h"},         {"server/store.h", "zhengce/zhengce.h"},
  };
  for (const Arrow& a : fine) {
    Include inc{a.file, a.target, target_layer(t, ZC_SOURCE_DIR, antlr_dirs(), a.target)};
    EXPECT_TRUE(check(t, {inc}, {a.file}).empty()) << a.file << " -> " << a.target << " should be allowed";
  }
}

// The whole path, scan then check, on a small tree written for the test: a runtime file that
// includes the checker fails with the message a developer would see.
TEST(Layering, AScannedTreeWithABentArrowFails) {
  Table t = real_table();
  t.exceptions.clear();
  fs::path root = fs::temp_directory_path() / ("zc_layering_" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "runtime/vm");
  fs::create_directories(root / "compiler/check");
  std::ofstream(root / "compiler/check/sema.h") << "#pragma once\n";
  std::ofstream(root / "runtime/vm/vm.cpp") << "#include \"base/units.h\"\n#include \"compiler/check/sema.h\"\n#include <vector>\n";
  std::vector<std::string> files;
  std::vector<Include> includes;
  scan(t, root, antlr_dirs(), files, includes);
  fs::remove_all(root);
  EXPECT_EQ(files, (std::vector<std::string>{"compiler/check/sema.h", "runtime/vm/vm.cpp"}));
  std::vector<Violation> v = check(t, includes, files);
  ASSERT_EQ(v.size(), 1u) << messages(v);
  EXPECT_EQ(v[0].message(),
            "runtime/vm/vm.cpp (runtime) includes compiler/check/sema.h (check), which the runtime layer may not include");
}

TEST(Layering, AFileOfNoLayerAndAStaleExceptionAreErrors) {
  Table t = real_table();
  std::vector<Violation> v = check(t, {}, {"newstage/thing.cpp"});
  ASSERT_GE(v.size(), 1u);
  EXPECT_EQ(v[0].message(),
            "newstage/thing.cpp belongs to no layer: give its folder a row in docs/architecture.md's Layers table");
  t.exceptions = {Exception{"compiler/check/check.cpp", "runtime"}};
  v = check(t, {}, {});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message(),
            "the exception compiler/check/check.cpp → runtime is no longer needed: strike it from docs/architecture.md");
}

TEST(Layering, ReadsTheTableAndTheIncludes) {
  std::string error;
  std::optional<Table> t = parse_table(
      "# A\n\n## Layers\n\n| layer | paths | may include |\n|---|---|---|\n| low | `low/` | — |\n| high | `high/` `top.h` | low |\n"
      "\n### Exceptions\n\n| include | why |\n|---|---|\n| `high/x.cpp` → ANTLR | until later |\n",
      error);
  ASSERT_TRUE(t) << error;
  ASSERT_EQ(t->layers.size(), 2u);
  EXPECT_EQ(t->layer_of("high/a/b.cpp"), "high");
  EXPECT_EQ(t->layer_of("top.h"), "high");
  EXPECT_FALSE(t->layer_of("top.cpp"));
  EXPECT_TRUE(t->allows("high", "low"));
  EXPECT_FALSE(t->allows("low", "high"));
  ASSERT_EQ(t->exceptions.size(), 1u);
  EXPECT_EQ(t->exceptions[0].file, "high/x.cpp");
  EXPECT_EQ(t->exceptions[0].layer, "ANTLR");
  EXPECT_FALSE(parse_table("## Layers\n\n| layer | paths | may include |\n|---|---|---|\n| a | `a/` | nothing |\n", error));
  EXPECT_EQ(error, "layer `a` may include `nothing`, which is no layer");
  EXPECT_EQ(includes_of("#include \"a/b.h\"\n  #  include <vector>\n// #include \"c.h\"\n"),
            (std::vector<std::string>{"a/b.h", "vector"}));
}

}  // namespace
}  // namespace zc::layering
