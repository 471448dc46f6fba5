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
  std::vector<std::string> standalone;  // each ```zc standalone block: a whole file, on the page's lines
  std::vector<std::string> problems;  // fences that are not ```zc, unclosed blocks
  size_t blocks = 0;
};

Page read_page(const std::string& doc) {
  Page p;
  std::istringstream in(doc);
  std::string line;
  size_t n = 0, opened = 0;
  bool inside = false, alone = false;
  std::string blank;  // the page so far with every line blanked: a standalone block starts on its own line
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      if (!inside) {
        alone = line == "```zc standalone";
        if (line != "```zc" && !alone) p.problems.push_back("line " + std::to_string(n) + ": a block must be ```zc, not " + line);
        if (alone) p.standalone.push_back(blank + "\n");
        inside = true;
        opened = n;
        ++p.blocks;
      } else {
        if (line != "```") p.problems.push_back("line " + std::to_string(n) + ": a block ends with ``` alone");
        inside = false;
      }
      p.policy += "\n";
      blank += "\n";
      continue;
    }
    if (inside && alone) p.standalone.back() += line + "\n";
    p.policy += (inside && !alone ? line : std::string()) + "\n";
    blank += "\n";
  }
  if (inside) p.problems.push_back("line " + std::to_string(opened) + ": the block is never closed");
  return p;
}

std::string rendered(const std::vector<Diagnostic>& diags, const SourceManager& sm) {
  std::ostringstream out;
  render_diagnostics(diags, sm, DiagFormat::Human, Lang::Zh, false, out);
  return out.str();
}

// Compiles one policy made of the page's blocks: no errors, and its example cases pass on the VM and,
// when built, on the JIT. Returns how many examples it has.
size_t compiles_and_passes(const std::string& text, const std::string& what) {
  SourceManager sm;
  DiagSink sink;
  CompileResult r = compile(sm, sm.add("docs/language.md", text), sink);
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : sink.all())
    if (d.severity == Severity::Error) errors.push_back(d);
  EXPECT_TRUE(errors.empty()) << what << " shows a form the compiler refuses:\n" << rendered(errors, sm);
  if (!(r.module && r.policy && r.program)) {
    ADD_FAILURE() << what << " did not compile";
    return 0;
  }
  for (const lib::ExampleOutcome& o : lib::run_examples(*r.policy, *r.program, *r.module))
    EXPECT_TRUE(o.passed) << what << ", 案例「" << o.name << "」 on the VM:\n" << rendered(o.failures, sm);
  if (jit_built()) {
    std::string error;
    std::unique_ptr<Engine> jit = make_engine(EngineKind::Jit, *r.module, error);
    EXPECT_NE(jit, nullptr) << error;
    if (jit) {
      for (const lib::ExampleOutcome& o : lib::run_examples(*r.policy, *r.program, *r.module, jit.get()))
        EXPECT_TRUE(o.passed) << what << ", 案例「" << o.name << "」 on the JIT:\n" << rendered(o.failures, sm);
    }
  }
  return r.policy->examples.size();
}

TEST(DocsExamples, EveryBlockOfTheLanguageReferenceCompilesAndItsCasesPass) {
  const std::string path = std::string(ZC_SOURCE_DIR) + "/docs/language.md";
  Page page = read_page(zc::testing::slurp(path));
  for (const std::string& p : page.problems) ADD_FAILURE() << "docs/language.md " << p;
  EXPECT_GE(page.blocks, 12u);
  EXPECT_GE(compiles_and_passes(page.policy, "the reference"), 2u);
  // A ```zc standalone block is a whole file (a header of its own): compiled alone.
  for (const std::string& file : page.standalone) compiles_and_passes(file, "a standalone block");
}

// The page reader itself: lines keep their numbers, and a block that is not ```zc is reported.
TEST(DocsExamples, PageReaderKeepsLineNumbersAndRefusesOtherBlocks) {
  Page p = read_page("# title\n```zc\n事实「甲」：是否。\n```\ntext\n```text\nout\n```\n");
  EXPECT_EQ(p.policy, "\n\n事实「甲」：是否。\n\n\n\nout\n\n");  // a wrong block is still compiled, and reported
  EXPECT_EQ(p.blocks, 2u);
  EXPECT_EQ(p.problems, std::vector<std::string>{"line 6: a block must be ```zc, not ```text"});
  Page q = read_page("a\n```zc standalone\n政策“甲”。\n```\n```zc\n事实「乙」：是否。\n```\n");
  EXPECT_EQ(q.standalone, std::vector<std::string>{"\n\n政策“甲”。\n"});
  EXPECT_EQ(q.policy, "\n\n\n\n\n事实「乙」：是否。\n\n");
  EXPECT_TRUE(q.problems.empty());
  EXPECT_EQ(read_page("```zc\n规则").problems, std::vector<std::string>{"line 1: the block is never closed"});
}

}  // namespace
}  // namespace zc
