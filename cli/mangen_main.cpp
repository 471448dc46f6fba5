// zhengce_mangen CLI_MD OUT VERSION DATE: writes the manual page zhengce(1) generated from docs/cli.md
// (manpage.h). Run by the build; the page is installed, never committed.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/manpage.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: zhengce_mangen docs/cli.md OUT.1 VERSION DATE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream md;
  md << in.rdbuf();
  if (!in) {
    std::cerr << "zhengce_mangen: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out << zc::cli::markdown_to_man(md.str(), argv[3], argv[4]);
  return out ? 0 : 2;
}
