// ZC_ASSERT: the one internal-invariant check of every layer (compiler, runtime, tools). It aborts with
// a bug report; it is for our own bugs only (codegen misusing the emitter, a span outside its file),
// never for user mistakes or bad input: those are Diagnostics (diag.h) or load and verify errors.
// Header-only and always on (also in release builds), so any target can use it without linking.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace zc::detail {

[[noreturn]] inline void assert_fail(const char* cond, std::string_view msg, const char* file, int line) {
  std::fflush(stdout);
  std::fprintf(stderr, "内部错误 (internal compiler error): %.*s at %s:%d — please report this bug\n",
               static_cast<int>(msg.size()), msg.data(), file, line);
  std::fprintf(stderr, "  failed check: %s\n", cond);
  std::fflush(stderr);
  std::abort();
}

}  // namespace zc::detail

// `msg` is anything convertible to std::string_view; it is evaluated only when `cond` is false.
#define ZC_ASSERT(cond, msg)                                              \
  do {                                                                    \
    if (!(cond)) [[unlikely]] {                                           \
      ::zc::detail::assert_fail(#cond, (msg), __FILE__, __LINE__);        \
    }                                                                     \
  } while (0)
