// See lazy.h.
#include "base/lazy.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>

namespace zc::lazy {
namespace {

void load(Group& g) {
  for (unsigned k = 0; k < g.nlibs; ++k) {
    Library& lib = g.libs[k];
    lib.handle = dlopen(lib.soname, RTLD_NOW | RTLD_LOCAL);
    if (lib.handle == nullptr) {
      const char* e = dlerror();
      g.why = std::string(lib.soname) + ": " + (e ? e : "dlopen failed");
      return;
    }
  }
  g.ok = true;
}

[[noreturn]] void die(const std::string& why) {
  std::string msg = "zhengce: 无法加载共享库（安装不完整？）/ cannot load a shared library (incomplete installation?): " + why + "\n";
  (void)!write(STDERR_FILENO, msg.data(), msg.size());
  _exit(127);
}

}  // namespace

bool ensure(Group& g, std::string& why) {
  std::call_once(g.once, [&g] { load(g); });
  if (!g.ok) why = g.why;
  return g.ok;
}

void* bind(Group& g, unsigned long i) {
  std::string why;
  if (!ensure(g, why)) die(why);
  if (i >= g.count) die(std::string(g.name) + ": bad stub index");
  dlerror();
  void* f = dlsym(g.libs[g.lib_of[i]].handle, g.names[i]);
  if (f == nullptr) {
    const char* e = dlerror();
    die(std::string(g.libs[g.lib_of[i]].soname) + ": " + g.names[i] + ": " + (e ? e : "not found"));
  }
  __atomic_store_n(&g.slots[i], f, __ATOMIC_RELEASE);
  return f;
}

}  // namespace zc::lazy
