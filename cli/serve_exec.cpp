// run_serve() of `zhengce`: re-executes the same command line as `zhengce-serve` (see cmd_serve.cpp),
// the executable that carries the HTTP libraries. The process stays the same (its id, its standard
// streams, its signals), so `zhengce serve` behaves as if it ran the server itself. zhengce-serve is
// looked for as the JIT plugin is (docs/cli.md): $ZHENGCE_SERVE, beside this executable, then
// <prefix>/lib/zhengce/ relative to it and where it is installed.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cli/commands.h"

namespace zc::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> candidates() {
  if (const char* env = std::getenv("ZHENGCE_SERVE"); env != nullptr && *env != '\0') return {env};
  std::vector<std::string> out;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    out.push_back((exe.parent_path() / ZHENGCE_SERVE_NAME).string());
    out.push_back((exe.parent_path() / ZHENGCE_SERVE_RELDIR / ZHENGCE_SERVE_NAME).lexically_normal().string());
  }
  std::string installed = (fs::path(ZHENGCE_SERVE_INSTALLDIR) / ZHENGCE_SERVE_NAME).string();
  if (std::find(out.begin(), out.end(), installed) == out.end()) out.push_back(installed);
  return out;
}

}  // namespace

void run_serve(Globals& g, const zhengce::serve::ServeOptions& /*options*/, int& exit_code) {
  std::string looked;
  for (const std::string& c : candidates()) {
    looked += (looked.empty() ? "" : ", ") + c;
    if (access(c.c_str(), X_OK) != 0) continue;
    execv(c.c_str(), command_line());
    fail(g, "无法启动「" + c + "」：" + std::strerror(errno), "cannot start `" + c + "`: " + std::strerror(errno));
    exit_code = kExitUsage;
    return;
  }
  fail(g, "找不到 " ZHENGCE_SERVE_NAME "（serve 命令由它执行；已查找：" + looked + "）",
       "cannot find " ZHENGCE_SERVE_NAME " (it runs the serve command; looked for " + looked + ")");
  exit_code = kExitUsage;
}

}  // namespace zc::cli
