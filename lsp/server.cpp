// The LSP server's message loop (server.h): JSON-RPC validation, the lifecycle (initialize,
// shutdown, exit), cancellation, error replies and debounced diagnostics. What each method answers
// is in protocol.cpp.
#include "lsp/server.h"

#include "base/utf8.h"

namespace zc::lsp {

namespace {

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestFailed = -32803;
constexpr int kRequestCancelled = -32800;

// A message body that is not valid UTF-8 cannot be parsed as JSON. Each invalid byte b is carried
// through the parser as the private-use code point U+10FF00 + b and turned back into the byte after
// it, so a document edited into invalid UTF-8 reaches the compiler as it is and gets E0101 at the
// right byte, as a file on disk would.
constexpr char32_t kByteBase = 0x10FF00;

std::string shield(const std::string& raw, std::optional<size_t>& first_bad) {
  std::string out;
  out.reserve(raw.size() + 16);
  for (size_t i = 0; i < raw.size();) {
    size_t j = i;
    char32_t cp = 0;
    if (utf8_next(raw, j, cp) && !(cp >= kByteBase && cp <= kByteBase + 0xFF)) {
      out.append(raw, i, j - i);
      i = j;
      continue;
    }
    if (!first_bad) first_bad = i;
    utf8_append(out, kByteBase + static_cast<unsigned char>(raw[i]));
    ++i;
  }
  return out;
}

void unshield(json& j) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
      size_t start = i;
      char32_t cp = utf8_next_lossy(s, i);
      if (cp >= kByteBase && cp <= kByteBase + 0xFF) out.push_back(static_cast<char>(cp - kByteBase));
      else out.append(s, start, i - start);
    }
    j = std::move(out);
  } else if (j.is_array() || j.is_object()) {
    for (json& v : j) unshield(v);
  }
}

}  // namespace

Server::Server(ServerOptions opts, std::function<void(const std::string&)> send)
    : opts_(opts), send_(std::move(send)), service_(service::Options{opts.lang, service::PositionEncoding::Utf16}) {}

void Server::send(const json& msg) {
  // Text from the document may hold invalid UTF-8: it goes out as U+FFFD, never as an exception.
  send_(msg.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::notify(const std::string& method, const json& params) {
  send(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

void Server::respond(const json& id, const json& result) { send(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}}); }

void Server::respond_error(const json& id, int code, const std::string& message) {
  send(json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::log(int type, const std::string& message) { notify("window/logMessage", {{"type", type}, {"message", message}}); }

void Server::framing_error(const std::string& what) {
  respond_error(nullptr, kParseError, tr("无法读取消息：", "cannot read the message: ") + what);
}

void Server::handle(const std::string& raw, Clock::time_point now) {
  std::optional<size_t> bad;
  std::string body = shield(raw, bad);
  json msg;
  try {
    msg = json::parse(body);
  } catch (const json::exception& e) {
    respond_error(nullptr, kParseError, tr("消息不是有效的 JSON：", "the message is not valid JSON: ") + e.what());
    return;
  }
  if (bad) {
    unshield(msg);
    log(2, tr("消息第 " + std::to_string(*bad) + " 字节起不是有效的 UTF-8：这些字节原样交给编译器（文档将报 E0101）",
              "the message is not valid UTF-8 from byte " + std::to_string(*bad) +
                  ": those bytes are passed on as they are (the document will report E0101)"));
  }
  if (!msg.is_object()) {
    respond_error(nullptr, kInvalidRequest, tr("消息应为 JSON 对象", "a message must be a JSON object"));
    return;
  }
  const bool is_request = msg.contains("id");
  json id = is_request ? msg["id"] : json();
  if (is_request && !id.is_number_integer() && !id.is_string()) {
    respond_error(nullptr, kInvalidRequest, tr("请求的 id 应为整数或字符串", "a request id must be an integer or a string"));
    return;
  }
  if (!msg.contains("method")) {
    if (msg.contains("result") || msg.contains("error")) return;  // a response: the server sends no requests
    respond_error(id, kInvalidRequest, tr("消息缺少 method", "the message has no method"));
    return;
  }
  if (!msg["method"].is_string() || msg.value("jsonrpc", json()) != "2.0") {
    if (is_request)
      respond_error(id, kInvalidRequest, tr("消息应有字符串 method 与 \"jsonrpc\": \"2.0\"", "a message needs a string method and \"jsonrpc\": \"2.0\""));
    return;
  }
  const std::string method = msg["method"];
  const json params = msg.contains("params") ? msg["params"] : json::object();

  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (method == "$/cancelRequest") {
    if (params.is_object() && params.contains("id")) cancel(params["id"]);
    return;
  }
  if (!is_request) {
    if (!initialized_ || shutdown_) return;  // notifications before initialize or after shutdown are dropped
    try {
      if (method == "textDocument/didOpen") did_open(params);
      else if (method == "textDocument/didChange") did_change(params, now);
      else if (method == "textDocument/didClose") did_close(params);
      // initialized, didSave, $/setTrace, configuration changes and unknown notifications: nothing to do.
    } catch (const service::Error& e) {
      notify("window/showMessage", {{"type", 1}, {"message", std::string(e.what())}});
    } catch (const json::exception& e) {
      log(1, tr("通知「" + method + "」的参数无效：", "invalid parameters of notification `" + method + "`: ") + e.what());
    }
    return;
  }

  if (cancelled_.erase(id.dump())) {
    respond_error(id, kRequestCancelled, tr("请求已取消", "the request was cancelled"));
    return;
  }
  if (method == "initialize") {
    if (initialized_) {
      respond_error(id, kInvalidRequest, tr("服务器已初始化", "the server is already initialized"));
      return;
    }
  } else if (!initialized_) {
    respond_error(id, kServerNotInitialized, tr("服务器尚未初始化：先发送 initialize", "the server is not initialized: send initialize first"));
    return;
  } else if (shutdown_) {
    respond_error(id, kInvalidRequest, tr("服务器已关闭：只接受 exit", "the server has shut down: only exit is accepted"));
    return;
  }
  try {
    json result = dispatch(method, params);
    if (result.is_discarded()) {
      respond_error(id, kMethodNotFound, tr("不支持的方法「" + method + "」", "unsupported method `" + method + "`"));
      return;
    }
    respond(id, result);
  } catch (const service::Error& e) {
    respond_error(id, e.kind == service::Error::Kind::Failed ? kRequestFailed : kInvalidParams, e.what());
  } catch (const json::exception& e) {
    respond_error(id, kInvalidParams, tr("「" + method + "」的参数无效：", "invalid parameters of `" + method + "`: ") + e.what());
  } catch (const std::exception& e) {
    respond_error(id, kInternalError, tr("内部错误：", "internal error: ") + e.what());
  }
}

json Server::dispatch(const std::string& method, const json& params) {
  if (method == "initialize") {
    json r = initialize(params);
    initialized_ = true;
    return r;
  }
  if (method == "shutdown") {
    shutdown_ = true;
    pending_.clear();
    return nullptr;
  }
  if (!params.is_object()) throw json::type_error::create(302, "params must be an object", &params);
  if (method == "textDocument/hover") return hover(params);
  if (method == "textDocument/completion") return completion(params);
  if (method == "textDocument/definition") return definition(params);
  if (method == "textDocument/references") return references(params);
  if (method == "textDocument/documentHighlight") return highlight(params);
  if (method == "textDocument/prepareRename") return prepare_rename(params);
  if (method == "textDocument/rename") return rename(params);
  if (method == "textDocument/documentSymbol") return document_symbols(params);
  if (method == "textDocument/foldingRange") return folding(params);
  if (method == "textDocument/formatting") return formatting(params);
  if (method == "textDocument/semanticTokens/full") return semantic_tokens(params);
  if (method == "textDocument/codeAction") return code_action(params);
  return json(json::value_t::discarded);
}

void Server::tick(Clock::time_point now) {
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->second > now) {
      ++it;
      continue;
    }
    std::string uri = it->first;
    it = pending_.erase(it);
    publish(uri);
  }
}

void Server::flush() {
  while (!pending_.empty()) {
    std::string uri = pending_.begin()->first;
    pending_.erase(pending_.begin());
    publish(uri);
  }
}

std::optional<Clock::time_point> Server::next_deadline() const {
  std::optional<Clock::time_point> t;
  for (const auto& [uri, when] : pending_)
    if (!t || when < *t) t = when;
  return t;
}

}  // namespace zc::lsp
