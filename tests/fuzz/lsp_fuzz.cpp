// The libFuzzer target for `zhengce lsp` (lsp_harness.h), built only with -DZHENGCE_FUZZ=ON and
// clang++: any bytes as a client's side of a session. A broken output invariant traps.
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "tests/fuzz/lsp_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string broken = zc::fuzz::run_lsp_input(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!broken.empty()) {
    std::fprintf(stderr, "lsp invariant broken: %s\n", broken.c_str());
    __builtin_trap();
  }
  return 0;
}
