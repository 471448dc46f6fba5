// Test entry point for runtime_tests: GoogleTest's main plus one flag of our own, --update, which
// makes the golden tests rewrite their expectations (golden/*.dis, the table in docs/bytecode.md)
// instead of comparing. A reviewer reads the resulting diff.
#include <gtest/gtest.h>

#include <cstring>

#include "tests/runtime/support.h"

int main(int argc, char** argv) {
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--update") == 0) {
      zc::test::set_update_mode(true);
    } else {
      argv[out++] = argv[i];
    }
  }
  argc = out;
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
