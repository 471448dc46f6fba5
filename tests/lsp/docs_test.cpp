// docs/editors.md shows the tour session and the library's example program: its policy and its whole
// transcript must be exactly tests/lsp/sessions/tour.zc and tour.expected, and the program and its
// output docs/examples/service.cpp and service.expected.txt (which ctest service.example runs), so the
// documentation cannot drift from what the server answers.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/files.h"

namespace {

std::string section(const std::string& doc, const std::string& name) {
  const std::string begin = "<!-- BEGIN " + name + " -->\n```\n", end = "```\n<!-- END " + name + " -->";
  size_t b = doc.find(begin);
  size_t e = b == std::string::npos ? b : doc.find(end, b);
  if (b == std::string::npos || e == std::string::npos) return "<section " + name + " missing>";
  return doc.substr(b + begin.size(), e - b - begin.size());
}

TEST(DocsEditors, TourMatchesTheSession) {
  std::filesystem::path root(ZC_SOURCE_DIR);
  std::string doc = zc::testing::slurp(root / "docs/editors.md");
  EXPECT_EQ(section(doc, "tour.zc"), zc::testing::slurp(root / "tests/lsp/sessions/tour.zc"));
  EXPECT_EQ(section(doc, "tour transcript"), zc::testing::slurp(root / "tests/lsp/sessions/tour.expected"))
      << "docs/editors.md's transcript is stale: copy tests/lsp/sessions/tour.expected into it";
}

TEST(DocsEditors, LibraryExampleIsTheOneThatIsBuilt) {
  std::filesystem::path root(ZC_SOURCE_DIR);
  std::string doc = zc::testing::slurp(root / "docs/editors.md");
  EXPECT_EQ(section(doc, "service.cpp"), zc::testing::slurp(root / "docs/examples/service.cpp"));
  EXPECT_EQ(section(doc, "service.expected.txt"), zc::testing::slurp(root / "docs/examples/service.expected.txt"));
}

}  // namespace
