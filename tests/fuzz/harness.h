// One fuzz target per entry point a user feeds (tests/fuzz/CMakeLists.txt lists them). A target is
// written once, as
//     ZC_FUZZ_TARGET(name) { ...use `input`, abort on a broken invariant... }
// and built two ways from that one body: with -DZC_FUZZ_LIBFUZZER (the libFuzzer executable
// fuzz_<name>, clang with ASan and UBSan) the body becomes LLVMFuzzerTestOneInput; otherwise it is
// registered by name so that fuzz_replay, in every build, runs the target's seeds and saved
// regression inputs through it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace zc::fuzz {

using Target = void (*)(std::string_view input);
std::map<std::string, Target>& targets();
inline bool register_target(const char* name, Target t) { return targets().emplace(name, t).second; }

// Aborts with a message when an output invariant fails: a finding for libFuzzer, a crash in replay.
void require(bool ok, const char* what);

}  // namespace zc::fuzz

#ifdef ZC_FUZZ_LIBFUZZER
#define ZC_FUZZ_ENTRY(name)                                                              \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {              \
    zc_fuzz_##name(std::string_view(reinterpret_cast<const char*>(data), size));        \
    return 0;                                                                            \
  }
#else
#define ZC_FUZZ_ENTRY(name) [[maybe_unused]] static const bool zc_fuzz_registered_##name = ::zc::fuzz::register_target(#name, &zc_fuzz_##name);
#endif

#define ZC_FUZZ_TARGET(name)                          \
  static void zc_fuzz_##name(std::string_view input); \
  ZC_FUZZ_ENTRY(name)                                 \
  static void zc_fuzz_##name(std::string_view input)
