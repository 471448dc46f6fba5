// What the server tests share: a server on an ephemeral loopback port over a temporary folder of
// policies, and raw-socket requests (for what an HTTP client library would refuse to send).
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "server/server.h"

namespace zhengce::serve::testing {

namespace fs = std::filesystem;

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << s;
}

// A server over `dir` on 127.0.0.1 and a port of its own, running on a thread until destroyed.
class Running {
 public:
  Running(const fs::path& dir, ServeOptions o = {}) {
    o.paths = {dir.string()};
    o.bind = "127.0.0.1";
    o.port = 0;
    if (o.watch_interval.count() == 500) o.watch_interval = std::chrono::milliseconds(50);
    server_ = std::make_unique<Server>(o);
    load_errors = server_->load();
    port = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
    while (!server_->http().is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~Running() {
    server_->stop();
    thread_.join();
  }
  Server& server() { return *server_; }
  int port = -1;
  std::vector<std::string> load_errors;

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

// Sends `bytes` on a new connection, closes our sending side, and returns everything the server
// answers until it closes (or `timeout_ms` passes).
inline std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 5000, bool half_close = true) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return "";
  }
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  if (half_close) ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[8192];
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count());
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, left) <= 0) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

// The status code of the first response in `raw`, or 0.
inline int status_of(const std::string& raw) {
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return 0;
  return std::atoi(raw.substr(9, 3).c_str());
}

}  // namespace zhengce::serve::testing
