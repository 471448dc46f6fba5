// The manual page is generated from docs/cli.md by zhengce_mangen (cli/manpage.h), run here as the
// build runs it: a small document and its whole roff, and the real page's sections.
#include <gtest/gtest.h>

#include "tests/cli/support.h"
#include "tests/support/files.h"

namespace zc::testing {
namespace {

// The page zhengce_mangen writes for the Markdown file `md_path`.
std::string mangen(const std::string& md_path, const std::string& version, const std::string& date) {
  std::string out = (scratch_dir() / "zhengce.1").string();
  std::string cmd = quote(ZC_MANGEN) + " " + quote(md_path) + " " + quote(out) + " " + quote(version) + " " + quote(date);
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return slurp(out);
}

TEST(ManPage, EveryMarkdownFormDocsCliUses) {
  const char* md =
      "# The `zhengce` command line\n"
      "\n"
      "```\n"
      "zhengce [--lang zh|en] <command> …\n"
      "```\n"
      "Global options may follow the command (see [docs](docs/x.md)).\n"
      "\n"
      "| code | meaning |\n"
      "|---|---|\n"
      "| 0 | success |\n"
      "| 2 | usage, or `-o` missing |\n"
      "\n"
      "## check\n"
      "\n"
      "```\n"
      "zhengce check FILE… [--format human|json]\n"
      "```\n"
      ".dots and \\backslashes, **bold** dropped.\n";
  EXPECT_EQ(mangen(write_temp("cli.md", md), "1.2.3", "2026-12-03"),
            ".\\\" Generated from docs/cli.md by zhengce_mangen; edit docs/cli.md, not this file.\n"
            ".TH ZHENGCE 1 \"2026-12-03\" \"zhengce 1.2.3\" \"User Commands\"\n"
            ".SH NAME\n"
            "zhengce \\- compile, check, evaluate and simulate Chinese science\\-and\\-technology subsidy policies\n"
            ".SH SYNOPSIS\n"
            ".nf\n"
            "zhengce [\\-\\-lang zh|en] <command> …\n"
            ".fi\n"
            ".SH DESCRIPTION\n"
            ".PP\n"
            "Global options may follow the command (see docs).\n"
            ".TP\n"
            "0\n"
            "success\n"
            ".TP\n"
            "2\n"
            "usage, or \\fB\\-o\\fR missing\n"
            ".SH COMMANDS\n"
            ".SS check\n"
            ".PP\n"
            ".EX\n"
            "zhengce check FILE… [\\-\\-format human|json]\n"
            ".EE\n"
            ".PP\n"
            "\\&.dots and \\ebackslashes, bold dropped.\n"
            ".SH SEE ALSO\n"
            "The full documentation is installed in \\fI/usr/share/doc/zhengce/\\fR (README.md and docs/*.md).\n");
}

// The page generated from the real docs/cli.md has a subsection for every subcommand it documents.
TEST(ManPage, RealPageHasEveryCommandSection) {
  std::string page = mangen(std::string(ZC_SOURCE_DIR) + "/docs/cli.md", "0", "2026-01-01");
  for (const char* s : {".SS check\n", ".SS build\n", ".SS run\n", ".SS test\n", ".SS simulate, gen\\-registry\n", ".SS completion\n"})
    EXPECT_NE(page.find(s), std::string::npos) << s;
}

}  // namespace
}  // namespace zc::testing
