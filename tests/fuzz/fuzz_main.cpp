// The libFuzzer entry point (built only with -DZHENGCE_FUZZ=ON and clang++; see CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  zc::fuzz::run_front_end(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
