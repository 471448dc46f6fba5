// zhengce serve [POLICY.zc… | DIR…] [--bind ADDR] [--port N] [--read-only] [--engine vm|jit] [limits…]: the
// policy-matching API and the drafting workbench over HTTP (server/, docs/serve.md). This file only
// turns options into ServeOptions and hands them to run_serve(): in `zhengce`, that re-executes the
// same command line as `zhengce-serve` (serve_exec.cpp), the executable that carries cpp-httplib and
// OpenSSL, so that no other command pays for loading them; in `zhengce-serve`, it runs the server
// until SIGINT or SIGTERM (serve_run.cpp).
// Exit: 0 stopped by a signal, 2 usage, a path that cannot be read, or an address that cannot be bound.
#include "cli/commands.h"
#include "cli/engine_option.h"
#include "server/options.h"

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
    run_serve(g, *opts, exit_code);
  });
}

}  // namespace zc::cli
