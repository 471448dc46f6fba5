// zhengce serve [POLICY.zc… | DIR…] [--bind ADDR] [--port N] [--read-only] [--engine vm|jit] [limits…]: the
// policy-matching API and the drafting workbench over HTTP (server/, docs/serve.md). This file only
// turns options into ServeOptions and runs the server until SIGINT or SIGTERM.
// Exit: 0 stopped by a signal, 2 usage, a path that cannot be read, or an address that cannot be bound.
#include <pthread.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/engine_option.h"
#include "server/server.h"

namespace zc::cli {

void add_serve_command(CLI::App& app, Globals& g, int& exit_code) {
  auto opts = std::make_shared<zhengce::serve::ServeOptions>();
  auto timeout_ms = std::make_shared<long>(10000);
  auto engine = std::make_shared<std::string>("vm");
  CLI::App* cmd = app.add_subcommand("serve", "启动政策工作台与政策匹配 API（HTTP）；默认只监听本机 127.0.0.1:8080");
  cmd->add_option("paths", opts->paths, "政策文件（.zc）或文件夹（其中所有 .zc 文件）");
  cmd->add_option("--bind", opts->bind, "监听地址（默认 127.0.0.1，仅本机；对外开放须放在反向代理之后，见 docs/serve.md）");
  cmd->add_option("--port", opts->port, "端口（默认 8080；0 为任选空闲端口）")->check(CLI::Range(0, 65535));
  cmd->add_flag("--read-only", opts->read_only, "不允许从工作台保存文件或草稿");
  add_engine_option(cmd, *engine);
  cmd->add_option("--max-body", opts->limits.max_body, "请求体上限（字节，默认 1048576）");
  cmd->add_option("--max-batch-body", opts->limits.max_batch_body, "批量求值请求体上限（字节，默认 67108864）");
  cmd->add_option("--max-batch", opts->limits.max_batch_lines, "一批最多的申请人数（默认 100000）");
  cmd->add_option("--max-upload", opts->limits.max_upload, "模拟上传的登记册上限（字节，默认 268435456）");
  cmd->add_option("--request-timeout", *timeout_ms, "收完一个请求、发完一个响应的时限（毫秒，默认 10000）")->check(CLI::Range(100L, 3600000L));
  cmd->add_option("--connections", opts->limits.connections, "同时服务的连接数（默认 128）")->check(CLI::Range(1, 4096));
  cmd->callback([&g, &exit_code, opts, timeout_ms, engine] {
    resolve_globals(g);
    opts->lang = g.lang;
    std::optional<zhengce::Engine> e = engine_for(g, *engine);
    if (!e) { exit_code = kExitUsage; return; }
    opts->engine = *e;
    opts->limits.request_timeout = std::chrono::milliseconds(*timeout_ms);
    // SIGINT and SIGTERM are taken by one thread that stops the server; every other thread (all
    // started after this) blocks them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    zhengce::serve::Server server(*opts);
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
      fail(g, "无法监听 " + opts->bind + ":" + std::to_string(opts->port) + "（端口被占用或地址无效）",
           "cannot listen on " + opts->bind + ":" + std::to_string(opts->port) + " (port in use or address invalid)");
      exit_code = kExitUsage;
      return;
    }
    std::string host = opts->bind.find(':') != std::string::npos ? "[" + opts->bind + "]" : opts->bind;
    std::cerr << tr(g, "政策工作台：http://", "workbench: http://") << host << ":" << port << "/\n"
              << tr(g, "API：http://", "API: http://") << host << ":" << port << "/api/v1/policies（"
              << server.store().ids().size() << tr(g, " 个政策）\n", " policies)\n");
    if (opts->bind != "127.0.0.1" && opts->bind != "::1" && opts->bind != "localhost")
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
  });
}

}  // namespace zc::cli
