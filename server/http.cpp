// The connection loop of `zhengce serve` (see http.h). cpp-httplib parses requests and calls the
// handlers; this file owns the socket: its reads and writes run against a per-request deadline, an
// idle connection is closed after keep_alive, and a connection that must not be reused (its body
// was refused unread) is closed gracefully — our side first, then what the client still sends is
// read and dropped for a moment, so that it sees the error instead of a reset.
#include "server/http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace zhengce::serve {

using Clock = std::chrono::steady_clock;

namespace {

int ms_until(Clock::time_point t) {
  auto d = std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now()).count();
  return d <= 0 ? 0 : d > 3600000 ? 3600000 : static_cast<int>(d);
}

bool wait_for(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  for (;;) {
    int r = ::poll(&p, 1, timeout_ms);
    if (r < 0 && errno == EINTR) continue;
    return r > 0;
  }
}

void ip_and_port(const sockaddr_storage& a, std::string& ip, int& port) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (a.ss_family == AF_INET) {
    const auto* s = reinterpret_cast<const sockaddr_in*>(&a);
    inet_ntop(AF_INET, &s->sin_addr, buf, sizeof buf);
    port = ntohs(s->sin_port);
  } else if (a.ss_family == AF_INET6) {
    const auto* s = reinterpret_cast<const sockaddr_in6*>(&a);
    inet_ntop(AF_INET6, &s->sin6_addr, buf, sizeof buf);
    port = ntohs(s->sin6_port);
  }
  ip = buf;
}

// One connection's socket as httplib reads and writes it: buffered reads (httplib reads a request
// line byte by byte), each read and write bounded by its own timeout and by the request's deadline.
// A response's first write (httplib writes the status line and headers on their own) is held and
// sent with the next one in one system call and, on loopback, one segment: with TCP_NODELAY a
// header alone would cost the client an extra wake-up per answer. Whatever is held goes out before
// the next read (a 100 Continue must reach the client before its body is awaited) and when the
// request is done.
class ConnStream final : public httplib::Stream {
 public:
  ConnStream(int fd, const Limits& l) : fd_(fd), limits_(l) {}

  bool is_readable() const override { return pos_ < len_ || wait_for(fd_, POLLIN, wait_ms(limits_.read_timeout)); }
  bool is_writable() const override { return wait_for(fd_, POLLOUT, wait_ms(limits_.read_timeout)); }

  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == len_) {
      if (timed_out_) return -1;
      if (!flush()) return -1;
      int wait = wait_ms(limits_.read_timeout);
      if (!wait_for(fd_, POLLIN, wait)) {
        timed_out_ = true;  // silent for read_timeout, or past the request's deadline
        return -1;
      }
      ssize_t n;
      do n = ::recv(fd_, buf_, sizeof buf_, 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buf_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (timed_out_) return static_cast<ssize_t>(size);  // the 408 replaces whatever httplib says
    if (hold_next_) {
      hold_next_ = false;
      held_.assign(ptr, size);
      return static_cast<ssize_t>(size);
    }
    if (!held_.empty()) return send_with_held(ptr, size) ? static_cast<ssize_t>(size) : -1;
    if (!wait_for(fd_, POLLOUT, wait_ms(limits_.request_timeout))) return -1;
    ssize_t n;
    do n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n > 0) wrote_ = true;
    return n;
  }

  // Sends what is held. False when the client is gone or the deadline passed.
  bool flush() { return held_.empty() || send_with_held(nullptr, 0); }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t n = sizeof a;
    if (getpeername(fd_, reinterpret_cast<sockaddr*>(&a), &n) == 0) ip_and_port(a, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t n = sizeof a;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &n) == 0) ip_and_port(a, ip, port);
  }
  socket_t socket() const override { return fd_; }

  bool buffered() const { return pos_ < len_; }
  void arm(Clock::time_point deadline) {
    deadline_ = deadline;
    timed_out_ = false;
    wrote_ = false;
    hold_next_ = true;
    held_.clear();
  }
  bool timed_out() const { return timed_out_; }
  bool wrote() const { return wrote_; }
  Clock::time_point deadline() const { return deadline_; }

 private:
  int wait_ms(std::chrono::milliseconds per_call) const {
    return std::min(static_cast<int>(per_call.count()), ms_until(deadline_));
  }
  // The held bytes, then `size` bytes at `ptr`, whole (one sendmsg when the socket takes them).
  bool send_with_held(const char* ptr, size_t size) {
    size_t done = 0;
    const size_t total = held_.size() + size;
    while (done < total) {
      if (!wait_for(fd_, POLLOUT, wait_ms(limits_.request_timeout))) return false;
      iovec iov[2];
      int n_iov = 0;
      if (done < held_.size()) iov[n_iov++] = iovec{held_.data() + done, held_.size() - done};
      const size_t from = done > held_.size() ? done - held_.size() : 0;
      if (size > from) iov[n_iov++] = iovec{const_cast<char*>(ptr) + from, size - from};
      msghdr msg{};
      msg.msg_iov = iov;
      msg.msg_iovlen = static_cast<size_t>(n_iov);
      ssize_t n;
      do n = ::sendmsg(fd_, &msg, MSG_NOSIGNAL);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return false;
      wrote_ = true;
      done += static_cast<size_t>(n);
    }
    held_.clear();
    return true;
  }
  int fd_;
  const Limits& limits_;
  Clock::time_point deadline_ = Clock::time_point::max();
  bool timed_out_ = false, wrote_ = false;
  bool hold_next_ = false;  // the next write is a response's first
  std::string held_;
  char buf_[16384];
  size_t pos_ = 0, len_ = 0;
};

struct ConnState {
  ConnStream* stream = nullptr;
  const Limits* limits = nullptr;
  bool close_after = false;
};
thread_local ConnState* tl_conn = nullptr;
thread_local bool tl_reject = false;  // the pool is full: answer 503 at once

// Closes our side after a response, then reads and drops what the client still sends for a moment
// (at most 1 s or 1 MiB), so that closing does not reset a connection whose client has not yet
// read the response.
void lingering_close(int fd) {
  ::shutdown(fd, SHUT_WR);
  auto until = Clock::now() + std::chrono::seconds(1);
  char sink[16384];
  size_t total = 0;
  while (total < (1u << 20) && wait_for(fd, POLLIN, ms_until(until))) {
    ssize_t n = ::recv(fd, sink, sizeof sink, 0);
    if (n <= 0) break;
    total += static_cast<size_t>(n);
  }
  ::close(fd);
}

void send_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size() && wait_for(fd, POLLOUT, 1000)) {
    ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

std::string raw_error_response(int status, const char* reason, const std::string& code, const std::string& message) {
  std::string body = error_json(code, message);
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: application/json; charset=utf-8\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// A fixed number of threads, each serving one connection at a time, and a bounded queue of accepted
// connections; a connection that finds the queue full is answered 503 on the accepting thread.
class BoundedPool final : public httplib::TaskQueue {
 public:
  BoundedPool(size_t threads, size_t queue) : max_queue_(queue) {
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
  }
  void enqueue(std::function<void()> fn) override {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (queue_.size() < max_queue_) {
        queue_.push_back(std::move(fn));
        cv_.notify_one();
        return;
      }
    }
    tl_reject = true;
    fn();
    tl_reject = false;
  }
  void shutdown() override {
    {
      std::unique_lock<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to serve
        fn = std::move(queue_.front());
        queue_.pop_front();
      }
      fn();
    }
  }
  size_t max_queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  bool stop_ = false;
};

const char* code_for_status(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 411: return "length_required";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 416: return "range_not_satisfiable";
    case 503: return "busy";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

const char* message_for_status(int status) {
  switch (status) {
    case 400: return "请求不是合法的 HTTP 请求";
    case 404: return "没有这个地址";
    case 413: return "请求体超过上限";
    case 414: return "请求地址过长（上限 8192 字节）";
    case 416: return "不支持 Range 请求";
    default: return status >= 500 ? "服务器内部错误" : "请求无法处理";
  }
}

// A connection held in memory (for handle_bytes): reads come from the given bytes, then EOF.
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : in_(in) {}
  bool is_readable() const override { return pos_ < in_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, in_.size() - pos_);
    std::memcpy(ptr, in_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 1;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 2;
  }
  socket_t socket() const override { return 0; }
  bool done() const { return pos_ >= in_.size(); }
  std::string out;

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

std::string HttpServer::handle_bytes(std::string_view bytes) {
  MemoryStream strm(bytes);
  ConnState state;
  tl_conn = &state;
  for (size_t served = 0; served < 64 && !strm.done(); ++served) {
    bool closed = false;
    state.close_after = false;
    if (!process_request(strm, false, closed, nullptr) || closed || state.close_after) break;
  }
  tl_conn = nullptr;
  return std::move(strm.out);
}

std::string error_json(const std::string& code, const std::string& message) {
  nlohmann::json j;
  j["error"] = {{"code", code}, {"message", message}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void set_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  res.status = status;
  res.set_content(error_json(code, message), "application/json; charset=utf-8");
}

namespace conn {
void request_received() {
  if (tl_conn && tl_conn->stream && tl_conn->limits) tl_conn->stream->arm(Clock::now() + tl_conn->limits->request_timeout);
}
void close_after_response() {
  if (tl_conn) tl_conn->close_after = true;
}
bool past_deadline() { return tl_conn && tl_conn->stream && Clock::now() >= tl_conn->stream->deadline(); }
}  // namespace conn

HttpServer::HttpServer(const Limits& limits) : limits_(limits) {
  size_t threads = limits_.connections, queue = limits_.queued_connections;
  new_task_queue = [threads, queue] { return new BoundedPool(threads, queue); };
  set_payload_max_length(std::max({limits_.max_body, limits_.max_batch_body, limits_.max_upload}));
  set_tcp_nodelay(true);
  set_keep_alive_max_count(limits_.keep_alive_requests);  // what the Keep-Alive header announces
  set_keep_alive_timeout(std::max<time_t>(1, static_cast<time_t>(limits_.keep_alive.count() / 1000)));
  // Errors httplib finds itself (a malformed request line, headers past 8 KiB, an unknown path)
  // get the same JSON body as ours; a malformed request also closes its connection.
  set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty() && !res.has_header("Content-Type")) set_error(res, res.status, code_for_status(res.status), message_for_status(res.status));
    if (res.status == 400 || res.status == 413 || res.status == 414) conn::close_after_response();
    return httplib::Server::HandlerResponse::Handled;
  }));
  set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    set_error(res, 500, "internal", "服务器内部错误");
  });
  set_logger([this](const httplib::Request&, const httplib::Response& res) {
    counters_.requests.fetch_add(1, std::memory_order_relaxed);
    if (res.status >= 500) counters_.status_5xx.fetch_add(1, std::memory_order_relaxed);
    else if (res.status >= 400) counters_.status_4xx.fetch_add(1, std::memory_order_relaxed);
  });
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  if (tl_reject) {
    counters_.rejected_busy.fetch_add(1, std::memory_order_relaxed);
    send_all(sock, raw_error_response(503, "Service Unavailable", "busy", "服务器连接已满，请稍后重试"));
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return true;
  }
  // Answers go out as soon as they are written (no Nagle delay behind a client's delayed ACK);
  // the listening socket's option is not inherited everywhere, so it is set here.
  int one = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ConnStream strm(sock, limits_);
  ConnState state;
  state.stream = &strm;
  state.limits = &limits_;
  tl_conn = &state;
  bool ok = true;
  for (size_t served = 0; served < limits_.keep_alive_requests; ++served) {
    // Wait for the next request in short slices, so that stop() is not held up by idle clients.
    bool readable = strm.buffered();
    for (auto idle_until = Clock::now() + limits_.keep_alive; !readable && Clock::now() < idle_until;) {
      if (svr_sock_ == INVALID_SOCKET) break;
      readable = wait_for(sock, POLLIN, std::min(200, ms_until(idle_until)));
    }
    if (!readable || svr_sock_ == INVALID_SOCKET) break;
    strm.arm(Clock::now() + limits_.request_timeout);
    state.close_after = false;
    bool closed = false;
    bool last = served + 1 == limits_.keep_alive_requests;
    ok = process_request(strm, last, closed, nullptr);
    if (!strm.timed_out() && !strm.flush()) ok = false;
    if (strm.timed_out()) {
      counters_.timeouts.fetch_add(1, std::memory_order_relaxed);
      counters_.status_4xx.fetch_add(1, std::memory_order_relaxed);
      send_all(sock, raw_error_response(408, "Request Timeout", "request_timeout", "请求未在时限内收完（慢速客户端）"));
      state.close_after = true;
      break;
    }
    if (!ok || closed || state.close_after) break;
  }
  tl_conn = nullptr;
  if (state.close_after) lingering_close(sock);
  else {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
  return ok;
}

}  // namespace zhengce::serve
