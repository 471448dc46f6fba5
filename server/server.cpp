// The server: the policy store, the HTTP transport, and a gate in front of the routes that refuses,
// before any body is read, what no handler would take — an unknown path (404), a wrong method
// (405), a body over its endpoint's limit (413), a body without a length (411), a compressed body
// (415). The routes themselves live in api_*.cpp and static.cpp.
#include "server/server.h"

#include <cstdlib>

#include "server/api.h"

namespace zhengce::serve {

namespace {

enum class Body { None, Small, Batch, Upload };

struct Shape {
  const char* allow;  // methods, for 405's Allow header
  Body body;          // the limit of the methods that send a body
};

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

// The route a path names, or nullopt. Policy ids are file stems: any text without '/', ≤ 200 bytes.
std::optional<Shape> shape_of(const std::string& path) {
  if (path == "/healthz") return Shape{"GET, HEAD", Body::None};
  if (path == "/api/v1/policies") return Shape{"GET, HEAD", Body::None};
  if (path == "/api/v1/evaluate") return Shape{"POST", Body::Small};
  if (path == "/api/v1/evaluate/batch") return Shape{"POST", Body::Batch};
  if (path == "/api/v1/check" || path == "/api/v1/render" || path == "/api/v1/fmt") return Shape{"POST", Body::Small};
  if (path == "/api/v1/complete" || path == "/api/v1/hover") return Shape{"POST", Body::Small};
  if (path == "/api/v1/simulate") return Shape{"POST", Body::Upload};
  constexpr std::string_view p = "/api/v1/policies/";
  if (starts_with(path, p)) {
    std::string rest = path.substr(p.size());
    size_t slash = rest.find('/');
    std::string id = rest.substr(0, slash);
    if (id.empty() || id.size() > 200) return std::nullopt;
    if (slash == std::string::npos) return Shape{"GET, HEAD", Body::None};
    std::string tail = rest.substr(slash);
    if (tail == "/status") return Shape{"GET, HEAD", Body::None};
    if (tail == "/source") return Shape{"GET, HEAD, PUT", Body::Small};
    if (tail == "/draft") return Shape{"PUT", Body::Small};
    return std::nullopt;
  }
  return std::nullopt;
}

bool method_allowed(const Shape& s, const std::string& method) {
  std::string_view allow = s.allow;
  size_t pos = 0;
  while (pos < allow.size()) {
    size_t end = allow.find(", ", pos);
    if (end == std::string_view::npos) end = allow.size();
    if (allow.substr(pos, end - pos) == method) return true;
    pos = end + 2;
  }
  return false;
}

}  // namespace

Server::Server(ServeOptions options) : options_(std::move(options)), http_(std::make_unique<HttpServer>(options_.limits)) {
  routes();
}

Server::~Server() { stop(); }

std::vector<std::string> Server::load() {
  std::vector<std::string> errors = store_.open(options_.paths, options_.lang);
  if (options_.watch_interval.count() > 0) store_.watch(options_.watch_interval);
  return errors;
}

int Server::bind() {
  if (options_.port == 0) return http_->bind_to_any_port(options_.bind);
  return http_->bind_to_port(options_.bind, options_.port) ? options_.port : -1;
}

void Server::run() { http_->listen_after_bind(); }

void Server::stop() {
  store_.stop_watching();
  if (http_->is_running()) http_->stop();
}

void Server::routes() {
  const Limits& limits = options_.limits;
  http_->set_pre_routing_handler([&limits](const httplib::Request& req, httplib::Response& res) {
    const std::string& path = req.path;
    if (!starts_with(path, "/api/") && path != "/healthz") return httplib::Server::HandlerResponse::Unhandled;
    Lang l = api::lang_of(req);
    std::optional<Shape> shape = shape_of(path);
    if (!shape) {
      api::send_error(res, 404, "not_found", api::tr(l, "没有这个地址：", "no such endpoint: ") + path);
      if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) conn::close_after_response();
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!method_allowed(*shape, req.method)) {
      api::send_error(res, 405, "method_not_allowed",
                      api::tr(l, "此地址不接受 ", "this endpoint does not accept ") + req.method +
                          api::tr(l, "，可用：", "; allowed: ") + shape->allow);
      res.set_header("Allow", shape->allow);
      if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) conn::close_after_response();
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
    // No endpoint reads HTML forms, but cpp-httplib parses an application/x-www-form-urlencoded
    // body as one and caps it at 8 KiB — what `curl -d` sends by default. Such a body is taken as
    // the bytes it is. INVARIANT: httplib hands us its own, non-const Request.
    if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0)
    {
      httplib::Request& mutable_req = const_cast<httplib::Request&>(req);
      mutable_req.headers.erase("Content-Type");
      mutable_req.set_header("Content-Type", "application/octet-stream");
    }
    size_t limit = shape->body == Body::Batch ? limits.max_batch_body : shape->body == Body::Upload ? limits.max_upload : limits.max_body;
    if (req.has_header("Content-Encoding") && req.get_header_value("Content-Encoding") != "identity") {
      api::send_error(res, 415, "unsupported_media_type", api::tr(l, "不接受压缩的请求体（Content-Encoding）", "compressed request bodies (Content-Encoding) are not accepted"));
      conn::close_after_response();
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Transfer-Encoding") || !req.has_header("Content-Length")) {
      api::send_error(res, 411, "length_required", api::tr(l, "请求体须带 Content-Length（不接受分块传输）", "a request body needs a Content-Length (chunked bodies are not accepted)"));
      conn::close_after_response();
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string& cl = req.get_header_value("Content-Length");
    bool digits = !cl.empty() && cl.size() <= 19 && cl.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      api::send_error(res, 400, "bad_request", api::tr(l, "Content-Length 不是数字", "Content-Length is not a number"));
      conn::close_after_response();
      return httplib::Server::HandlerResponse::Handled;
    }
    if (std::strtoull(cl.c_str(), nullptr, 10) > limit) {
      api::send_error(res, 413, "payload_too_large",
                      api::tr(l, "请求体超过此地址的上限 ", "the request body exceeds this endpoint's limit of ") + std::to_string(limit) +
                          api::tr(l, " 字节", " bytes"),
                      {{"limit", limit}});
      conn::close_after_response();
      return httplib::Server::HandlerResponse::Handled;
    }
    // The body is read into one allocation of its announced size (within the limit just checked),
    // not grown by doubling — a 4 MB batch was copied and page-faulted about twice over.
    // INVARIANT: as above, httplib hands us its own, non-const Request.
    const_cast<httplib::Request&>(req).body.reserve(static_cast<size_t>(std::strtoull(cl.c_str(), nullptr, 10)));
    return httplib::Server::HandlerResponse::Unhandled;
  });
  ctx_ = std::make_unique<api::Ctx>(api::Ctx{store_, options_, *http_});
  api::add_policy_routes(*http_, *ctx_);
  api::add_evaluate_routes(*http_, *ctx_);
  api::add_text_routes(*http_, *ctx_);
  api::add_editor_routes(*http_, *ctx_);
  api::add_simulate_route(*http_, *ctx_);
  api::add_static_routes(*http_, *ctx_);
}

}  // namespace zhengce::serve
