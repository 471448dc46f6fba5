// The options of `zhengce serve` and the limits it enforces (docs/serve.md), apart from the server
// itself: the CLI's option table (cli/cmd_serve.cpp) fills them in the `zhengce` executable, which
// does not link the HTTP libraries; `zhengce-serve` (cli/serve_run.cpp) runs the server with them.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "zhengce/zhengce.h"

namespace zhengce::serve {

struct Limits {
  size_t max_body = 1 << 20;                 // a request body, except the two below (bytes)
  size_t max_batch_body = 64u << 20;         // POST /api/v1/evaluate/batch
  size_t max_upload = 256u << 20;            // POST /api/v1/simulate (a registry)
  size_t max_batch_lines = 100000;           // applicants in one batch
  int max_json_depth = 32;                   // nesting of a JSON request
  std::chrono::milliseconds request_timeout{10000};  // to receive one request, and to send a response
  std::chrono::milliseconds read_timeout{5000};      // the longest silence while a request arrives
  std::chrono::milliseconds keep_alive{5000};        // an idle connection waits this long for its next request
  size_t keep_alive_requests = 10000;        // requests on one connection before it is closed
  size_t connections = 128;                  // connections served at once (one thread each)
  size_t queued_connections = 256;           // accepted, waiting for a thread; past that: 503
};

struct ServeOptions {
  std::vector<std::string> paths;  // .zc files or folders
  std::string bind = "127.0.0.1";
  int port = 8080;                 // 0: any free port (tests)
  Limits limits;
  bool read_only = false;          // no saving from the workbench (drafts and files)
  std::chrono::milliseconds watch_interval{500};
  Lang lang = Lang::Zh;            // of the start-up messages and the policies' diagnostics
  std::string codemirror_dir = "/usr/share/javascript/codemirror";
  unsigned simulate_threads = 2;
  // What evaluates loaded policies (/evaluate, /evaluate/batch): the VM, or the JIT when this build
  // has it — each worker thread compiles a policy version once, on its first request for it.
  Engine engine = Engine::Vm;
};

}  // namespace zhengce::serve
