// Shared libraries bound on first use (cmake/ZcLazyLibrary.cmake): the run-time half. A group (z3,
// xlsx) is a set of libraries whose exported functions the build replaced with stubs; the first call
// of a stub loads its library and binds the function. A caller that is about to use a group calls
// ensure() first and reports its message when the group cannot be loaded (a broken installation);
// a stub called without that check and unable to load its library ends the process with the same
// message (exit 127, the shell's "command not found"), never calls through a null pointer.
// When the build links the libraries directly (-DZHENGCE_LAZY_LIBS=OFF, or not x86-64), a group
// has no libraries and ensure() always succeeds.
#pragma once
#include <mutex>
#include <string>

namespace zc::lazy {

struct Library {
  const char* soname;
  void* handle;
};

struct Group {
  const char* name;
  Library* libs;
  unsigned nlibs;
  const char* const* names;     // the stubs' functions
  const unsigned short* lib_of;  // which library serves each
  void** slots;                 // where each stub jumps
  unsigned count;
  std::once_flag once{};
  bool ok = false;
  std::string why{};  // the loader's message when !ok
};

// Loads every library of the group (once per process). False, with the loader's message, when one
// cannot be loaded.
bool ensure(Group& g, std::string& why);

// The address of function `i` of the group, stored in its slot (called by the stubs' thunk).
void* bind(Group& g, unsigned long i);

}  // namespace zc::lazy

// Declares a group made by zc_lazy_library(<name> …) in CMake; use at namespace scope.
#define ZC_LAZY_GROUP(name) extern ::zc::lazy::Group zc_lazy_group_##name
