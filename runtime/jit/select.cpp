// See select.h. Compiled with ZHENGCE_HAVE_JIT=1 exactly when the JIT plugin is built; the plugin's
// name and directories come from CMake (runtime/jit/CMakeLists.txt).
#include "runtime/jit/select.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "runtime/jit/plugin.h"

namespace zc {
namespace {

namespace fs = std::filesystem;

std::string executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

struct Loaded {
  const JitPlugin* plugin = nullptr;
  JitAvailability status;
};

// Loads the plugin once per process and never unloads it: engines and their compiled code point into it.
const Loaded& load_plugin() {
  static Loaded loaded;
  static std::once_flag once;
  std::call_once(once, [] {
    JitAvailability& st = loaded.status;
    if (!jit_built()) {
      st.problem_zh = "此版本未编译 JIT 引擎（构建时未找到 LLVM 16，或 -DZHENGCE_JIT=OFF）";
      st.problem_en = "this build has no JIT engine (LLVM 16 was not found, or -DZHENGCE_JIT=OFF)";
      return;
    }
    std::optional<std::string> path = jit_plugin_path();
    if (!path) {
      std::string where;
      for (const std::string& c : jit_plugin_candidates()) where += (where.empty() ? "" : ", ") + c;
      st.problem_zh = "找不到 JIT 插件 " ZHENGCE_JIT_PLUGIN_NAME "（已查找：" + where + "）";
      st.problem_en = "the JIT plugin " ZHENGCE_JIT_PLUGIN_NAME " is missing (looked for " + where + ")";
      return;
    }
    st.path = *path;
    void* handle = dlopen(path->c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      st.problem_zh = "无法加载 JIT 插件「" + *path + "」：" + (why ? why : "?");
      st.problem_en = "cannot load the JIT plugin `" + *path + "`: " + (why ? why : "?");
      return;
    }
    auto entry = reinterpret_cast<JitPluginEntry>(dlsym(handle, kJitPluginSymbol));
    const JitPlugin* p = entry ? entry() : nullptr;
    if (p == nullptr || p->abi != jit_plugin_abi() || std::string(p->version) != ZHENGCE_PLUGIN_VERSION) {
      std::string theirs = p ? std::string(p->version) : std::string("?");
      st.problem_zh = "JIT 插件「" + *path + "」（" + theirs + "）与本程序（" ZHENGCE_PLUGIN_VERSION "）不符，请重新安装";
      st.problem_en = "the JIT plugin `" + *path + "` (" + theirs + ") does not match this zhengce (" ZHENGCE_PLUGIN_VERSION "); reinstall it";
      return;
    }
    st.ok = true;
    st.llvm = p->llvm;
    loaded.plugin = p;
  });
  return loaded;
}

}  // namespace

const JitAvailability& jit_availability() { return load_plugin().status; }

bool jit_built() { return ZHENGCE_HAVE_JIT != 0; }

std::vector<std::string> jit_plugin_candidates() {
  if (!jit_built()) return {};
  if (const char* env = std::getenv("ZHENGCE_JIT_PLUGIN"); env != nullptr && *env != '\0') return {env};
  std::vector<std::string> out;
  std::string dir = executable_dir();
  if (!dir.empty()) {
    out.push_back((fs::path(dir) / ZHENGCE_JIT_PLUGIN_NAME).string());
    out.push_back((fs::path(dir) / ZHENGCE_JIT_PLUGIN_RELDIR / ZHENGCE_JIT_PLUGIN_NAME).lexically_normal().string());
  }
  std::string installed = (fs::path(ZHENGCE_JIT_PLUGIN_INSTALLDIR) / ZHENGCE_JIT_PLUGIN_NAME).string();
  if (std::find(out.begin(), out.end(), installed) == out.end()) out.push_back(installed);
  return out;
}

std::optional<std::string> jit_plugin_path() {
  for (const std::string& c : jit_plugin_candidates()) {
    if (access(c.c_str(), R_OK) == 0) return c;
  }
  return std::nullopt;
}

std::unique_ptr<Engine> make_engine(EngineKind kind, const Module& m, std::string& error) {
  if (kind == EngineKind::Vm) return make_vm_engine(m);
  const Loaded& l = load_plugin();
  if (l.plugin == nullptr) {
    error = l.status.problem_en;
    return nullptr;
  }
  return std::unique_ptr<Engine>(l.plugin->make_engine(m, error));
}

}  // namespace zc
