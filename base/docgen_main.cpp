// zhengce_docgen: rewrites the generated section of docs/diagnostics.md from diag_codes.def, or checks
// that it is current. Exit codes: 0 ok (or up to date), 1 out of date (--check), 2 usage or I/O error.
// It touches only the text between the markers; the CLI's `explain-code` uses the same functions.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "base/diag_docs.h"

namespace {

constexpr std::string_view kUsage =
    "usage: zhengce_docgen [--check] <docs/diagnostics.md>\n"
    "       zhengce_docgen --print\n"
    "Regenerates the diagnostic-code section of the file from base/diag_codes.def.\n"
    "  --check  only compare; exit 1 if the section is out of date\n"
    "  --print  write the generated section to standard output\n";

int usage() {
  std::cerr << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool check = false;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--print" && argc == 2) {
      std::cout << zc::diag_docs_markdown();
      return 0;
    }
    if (arg == "--check") {
      check = true;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (!arg.starts_with('-') && path.empty()) {
      path = arg;
    } else {
      return usage();
    }
  }
  if (path.empty()) return usage();

  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "zhengce_docgen: cannot read " << path << "\n";
    return 2;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string doc = buf.str();
  const auto updated = zc::replace_generated_section(doc, zc::diag_docs_markdown());
  if (!updated) {
    std::cerr << "zhengce_docgen: " << path << " lacks the generated-section markers:\n  " << zc::kDocsBeginMarker
              << "\n  " << zc::kDocsEndMarker << "\n";
    return 2;
  }
  if (*updated == doc) return 0;
  if (check) {
    std::cerr << "zhengce_docgen: " << path << " is out of date; run without --check to regenerate\n";
    return 1;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << *updated;
  out.close();
  if (!out) {
    std::cerr << "zhengce_docgen: cannot write " << path << "\n";
    return 2;
  }
  std::cout << "zhengce_docgen: updated " << path << "\n";
  return 0;
}
