// See select.h. Compiled with ZHENGCE_HAVE_JIT=1 exactly when the JIT library is linked.
#include "runtime/jit/select.h"

#if ZHENGCE_HAVE_JIT
#include "runtime/jit/jit.h"
#endif

namespace zc {

bool jit_built() { return ZHENGCE_HAVE_JIT != 0; }

std::unique_ptr<Engine> make_engine(EngineKind kind, const Module& m, std::string& error) {
  if (kind == EngineKind::Vm) return make_vm_engine(m);
#if ZHENGCE_HAVE_JIT
  return make_jit_engine(m, error);
#else
  error = "built without the JIT (ZHENGCE_JIT=OFF)";
  return nullptr;
#endif
}

}  // namespace zc
