// run_serve() of `zhengce-serve`: loads the policies, binds, and runs the server (server/) until
// SIGINT or SIGTERM. Only the zhengce-serve executable links this file and with it cpp-httplib and
// OpenSSL; `zhengce` links serve_exec.cpp instead (see cmd_serve.cpp).
#include <pthread.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "server/server.h"

namespace zc::cli {

void run_serve(Globals& g, const zhengce::serve::ServeOptions& options, int& exit_code) {
  // SIGINT and SIGTERM are taken by one thread that stops the server; every other thread (all
  // started after this) blocks them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  zhengce::serve::Server server(options);
  std::vector<std::string> problems = server.load();
  for (const std::string& p : problems) fail(g, p, p);
  if (!problems.empty()) { exit_code = kExitUsage; return; }
  for (const std::string& id : server.store().ids()) {
    auto s = server.store().status(id);
    if (s && s->state != "ok")
      std::cerr << tr(g, "警告：政策「" + id + "」有错误，修正后自动加载（GET /api/v1/policies/" + id + "/status）\n",
                      "warning: policy `" + id + "` has errors; it is loaded once fixed (GET /api/v1/policies/" + id + "/status)\n");
  }
  int port = server.bind();
  if (port < 0) {
    fail(g, "无法监听 " + options.bind + ":" + std::to_string(options.port) + "（端口被占用或地址无效）",
         "cannot listen on " + options.bind + ":" + std::to_string(options.port) + " (port in use or address invalid)");
    exit_code = kExitUsage;
    return;
  }
  std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
  std::cerr << tr(g, "政策工作台：http://", "workbench: http://") << host << ":" << port << "/\n"
            << tr(g, "API：http://", "API: http://") << host << ":" << port << "/api/v1/policies（"
            << server.store().ids().size() << tr(g, " 个政策）\n", " policies)\n");
  if (options.bind != "127.0.0.1" && options.bind != "::1" && options.bind != "localhost")
    std::cerr << tr(g, "注意：正在监听非本机地址；服务没有身份验证，请放在反向代理之后（docs/serve.md）\n",
                    "note: listening beyond this machine; the server has no authentication, put it behind a reverse proxy (docs/serve.md)\n");
  std::thread waiter([&server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
  });
  server.run();
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when run() ended on its own
  waiter.join();
  exit_code = kExitOk;
}

}  // namespace zc::cli
