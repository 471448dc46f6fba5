// ZC_RT_CHECK: the runtime's internal-invariant assertion. It aborts with a bug report; it is for
// programming errors (misuse of the emitter), never for bad input, which is reported as an error.
// The runtime depends on nothing in compiler/, so it does not use base/'s ZC_ASSERT.
#pragma once
#include <cstdio>
#include <cstdlib>

#define ZC_RT_CHECK(cond, msg)                                                                    \
  do {                                                                                           \
    if (!(cond)) {                                                                               \
      std::fprintf(stderr, "zhengce internal error (please report): %s\n  at %s:%d: %s\n", msg, \
                   __FILE__, __LINE__, #cond);                                                   \
      std::abort();                                                                              \
    }                                                                                            \
  } while (false)
