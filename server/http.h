// The HTTP transport of `zhengce serve`: cpp-httplib's request parser and router, with the connection
// loop replaced so that every limit is ours to enforce — a deadline for receiving a request (slow
// clients get 408), a bounded pool of connections (past it, 503), a lingering close after a request
// whose body was refused, and errors as JSON. It knows nothing of policies: server/api.cpp adds the
// routes. Limits are documented in docs/serve.md; each has a test in tests/serve/.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "httplib.h"

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

// What a handler may ask of the connection it runs on (one per worker thread).
namespace conn {
// The request has been received whole: its receive deadline is lifted, and the response must be
// sent within request_timeout from now.
void request_received();
// Close the connection after this response (a refused body left unread, a protocol error).
void close_after_response();
// Whether the response deadline has passed (long streamed answers stop early).
bool past_deadline();
}  // namespace conn

// {"error": {"code": …, "message": …}} as text.
std::string error_json(const std::string& code, const std::string& message);
// Sets `res` to that error with `status`.
void set_error(httplib::Response& res, int status, const std::string& code, const std::string& message);

class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(const Limits& limits);
  const Limits& limits() const { return limits_; }
  // Requests answered with each class of status, for /healthz and the tests.
  struct Counters {
    std::atomic<uint64_t> requests{0}, status_4xx{0}, status_5xx{0}, timeouts{0}, rejected_busy{0};
  };
  Counters& counters() { return counters_; }
  // Runs the request handling on `bytes` as if a client had sent them on one connection and closed
  // it, and returns what the server would have written: the libFuzzer target (tests/fuzz) uses it.
  std::string handle_bytes(std::string_view bytes);

 private:
  bool process_and_close_socket(socket_t sock) override;
  Limits limits_;
  Counters counters_;
};

}  // namespace zhengce::serve
