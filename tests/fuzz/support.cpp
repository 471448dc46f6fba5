// The registry of targets for fuzz_replay and the invariant check every target uses (harness.h).
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/harness.h"

namespace zc::fuzz {

std::map<std::string, Target>& targets() {
  static std::map<std::string, Target> t;
  return t;
}

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

}  // namespace zc::fuzz
