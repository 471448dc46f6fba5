// `zhengce serve` as a library: the policy-matching API and the drafting workbench over HTTP, on top
// of the public API (include/zhengce). cli/cmd_serve.cpp parses options into ServeOptions and runs
// it; the tests start it on an ephemeral loopback port. docs/serve.md documents every endpoint.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "server/http.h"
#include "server/store.h"

namespace zhengce::serve {

namespace api {
struct Ctx;
}

class Server {
 public:
  explicit Server(ServeOptions options);
  ~Server();
  // Loads the policies; the messages of what could not be loaded (an unreadable path, two files
  // with one name). A policy with errors is not a start-up error: it is served once fixed.
  std::vector<std::string> load();
  // Binds; the port bound (options.port, or the one chosen for 0), or -1.
  int bind();
  // Serves until stop() (from another thread or a signal handler's thread).
  void run();
  void stop();

  PolicyStore& store() { return store_; }
  HttpServer& http() { return *http_; }
  const ServeOptions& options() const { return options_; }

 private:
  void routes();
  ServeOptions options_;
  PolicyStore store_;
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<api::Ctx> ctx_;  // what the handlers see; lives as long as the server
};

}  // namespace zhengce::serve
