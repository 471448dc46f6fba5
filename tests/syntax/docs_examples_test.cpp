// Every code block of docs/language.md is policy text the compiler accepts (the convention is stated
// at the top of that page): each fenced block is ```zc, and all of them, in page order, form one
// policy that compiles without errors and whose example cases pass on the VM and on the JIT. The
// policy is built in place — every line outside a block blanked — so a diagnostic's line is the
// page's line.
#include <gtest/gtest.h>

#include <sstream>

#include "base/diag_render.h"
#include "compiler/driver.h"
#include "compiler/syntax/ast.h"
#include "lib/tester.h"
#include "runtime/jit/select.h"
#include "tests/support/files.h"

namespace zc {
namespace {

struct Page {
  std::string policy;                 // the page with every line outside a ```zc block blanked
  std::vector<std::string> problems;  // fences that are not ```zc, unclosed blocks
  size_t blocks = 0;
};

Page read_page(const std::string& doc) {
  Page p;
  std::istringstream in(doc);
  std::string line;
  size_t n = 0, opened = 0;
  bool inside = false;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      if (!inside) {
        if (line != "```zc") p.problems.push_back("line " + std::to_string(n) + ": a block must be ```zc, not " + line);
        inside = true;
        opened = n;
        ++p.blocks;
      } else {
        if (line != "```") p.problems.push_back("line " + std::to_string(n) + ": a block ends with ``` alone");
        inside = false;
      }
      p.policy += "\n";
      continue;
    }
    p.policy += (inside ? line : std::string()) + "\n";
  }
  if (inside) p.problems.push_back("line " + std::to_string(opened) + ": the block is never closed");
  return p;
}

std::string rendered(const std::vector<Diagnostic>& diags, const SourceManager& sm) {
  std::ostringstream out;
  render_diagnostics(diags, sm, DiagFormat::Human, Lang::Zh, false, out);
  return out.str();
}

TEST(DocsExamples, EveryBlockOfTheLanguageReferenceCompilesAndItsCasesPass) {
  const std::string path = std::string(ZC_SOURCE_DIR) + "/docs/language.md";
  Page page = read_page(zc::testing::slurp(path));
  for (const std::string& p : page.problems) ADD_FAILURE() << "docs/language.md " << p;
  EXPECT_GE(page.blocks, 12u);

  SourceManager sm;
  DiagSink sink;
  CompileResult r = compile(sm, sm.add("docs/language.md", page.policy), sink);
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : sink.all())
    if (d.severity == Severity::Error) errors.push_back(d);
  EXPECT_TRUE(errors.empty()) << "the reference shows a form the compiler refuses:\n" << rendered(errors, sm);
  ASSERT_TRUE(r.module && r.policy && r.program);
  EXPECT_GE(r.policy->examples.size(), 2u);

  std::vector<lib::ExampleOutcome> on_vm = lib::run_examples(*r.policy, *r.program, *r.module);
  for (const lib::ExampleOutcome& o : on_vm) EXPECT_TRUE(o.passed) << "案例「" << o.name << "」 on the VM:\n" << rendered(o.failures, sm);
  if (!jit_built()) return;
  std::string error;
  std::unique_ptr<Engine> jit = make_engine(EngineKind::Jit, *r.module, error);
  ASSERT_NE(jit, nullptr) << error;
  for (const lib::ExampleOutcome& o : lib::run_examples(*r.policy, *r.program, *r.module, jit.get()))
    EXPECT_TRUE(o.passed) << "案例「" << o.name << "」 on the JIT:\n" << rendered(o.failures, sm);
}

// The page reader itself: lines keep their numbers, and a block that is not ```zc is reported.
TEST(DocsExamples, PageReaderKeepsLineNumbersAndRefusesOtherBlocks) {
  Page p = read_page("# title\n```zc\n事实「甲」：是否。\n```\ntext\n```text\nout\n```\n");
  EXPECT_EQ(p.policy, "\n\n事实「甲」：是否。\n\n\n\nout\n\n");  // a wrong block is still compiled, and reported
  EXPECT_EQ(p.blocks, 2u);
  EXPECT_EQ(p.problems, std::vector<std::string>{"line 6: a block must be ```zc, not ```text"});
  EXPECT_EQ(read_page("```zc\n规则").problems, std::vector<std::string>{"line 1: the block is never closed"});
}

}  // namespace
}  // namespace zc
