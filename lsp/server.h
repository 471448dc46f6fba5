// The LSP 3.17 server: JSON-RPC messages in, JSON-RPC messages out, every question answered by the
// language service (service/service.h). It owns the protocol — lifecycle, method names, JSON shapes,
// error codes, debounced diagnostics — and no knowledge of policies. Framing is transport.h's job,
// threads and the clock are run_stdio's (stdio.cpp): the server itself is synchronous and is driven
// by handle() and tick(), which is how the fuzzer and the tests drive it too.
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "service/service.h"

namespace zc::lsp {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

struct ServerOptions {
  service::Lang lang = service::Lang::Zh;
  std::chrono::milliseconds debounce{150};  // diagnostics after a change wait this long for the next change
};

class Server {
 public:
  // `send` receives each outgoing message body (a JSON text), in order.
  Server(ServerOptions opts, std::function<void(const std::string&)> send);

  // One incoming message body, as read from a frame. Never throws: malformed input gets a JSON-RPC
  // error response (or, for a notification, a log message).
  void handle(const std::string& body, Clock::time_point now = Clock::now());
  // A frame that could not be read (transport.h): answered with a parse error.
  void framing_error(const std::string& what);
  // Publishes the diagnostics whose debounce time has come.
  void tick(Clock::time_point now = Clock::now());
  // Publishes every pending diagnostic now (the input has ended, or a test wants them).
  void flush();
  std::optional<Clock::time_point> next_deadline() const;

  // A request that the client cancelled ($/cancelRequest) before the server reached it.
  void cancel(const json& id) { cancelled_.insert(id.dump()); }

  bool exited() const { return exited_; }
  // 0 after shutdown then exit; 1 when exit came without shutdown (LSP 3.17).
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  json dispatch(const std::string& method, const json& params);
  void notify(const std::string& method, const json& params);
  void respond(const json& id, const json& result);
  void respond_error(const json& id, int code, const std::string& message);
  void log(int type, const std::string& message);
  void send(const json& msg);
  void publish(const std::string& uri);
  std::string tr(const std::string& zh, const std::string& en) const { return service_.options().lang == service::Lang::En ? en : zh; }

  // Handlers (protocol.cpp): params in, result out; they throw service::Error or json errors.
  json initialize(const json& params);
  void did_open(const json& params);
  void did_change(const json& params, Clock::time_point now);
  void did_close(const json& params);
  json hover(const json& params);
  json completion(const json& params);
  json definition(const json& params);
  json references(const json& params);
  json highlight(const json& params);
  json prepare_rename(const json& params);
  json rename(const json& params);
  json document_symbols(const json& params);
  json folding(const json& params);
  json formatting(const json& params);
  json semantic_tokens(const json& params);
  json code_action(const json& params);

  ServerOptions opts_;
  std::function<void(const std::string&)> send_;
  service::LanguageService service_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  std::map<std::string, Clock::time_point> pending_;  // uri -> when to publish its diagnostics
  std::set<std::string> cancelled_;                   // ids (as JSON text) of cancelled requests
};

}  // namespace zc::lsp
