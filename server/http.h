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
#include "server/options.h"

namespace zhengce::serve {

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
