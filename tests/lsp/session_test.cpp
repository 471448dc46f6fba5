// Scripted LSP sessions: each tests/lsp/sessions/NAME.json is a list of steps sent to a real
// `zhengce lsp` over pipes; every message the server sends back is written to a transcript, which
// must equal NAME.expected whole (ZHENGCE_UPDATE_GOLDEN=1 rewrites the expectations; review the diff).
// Steps:
//   {"request": {id, method, params}}   send it, read until its response arrives
//   {"notify": {method, params}}        send it
//   {"batch": [messages]}               send several in one write (they reach the server together)
//   {"await": "method"}                 read until a notification of that method arrives
//   {"await_id": id}                    read until a response with that id (null: a parse error) arrives
//   {"raw": "text"}                     write bytes as they are (malformed framing)
//   {"exit": code}                      close stdin if still open, wait for the process, record its exit code
// A request step with "top": N keeps only the first N completion items in the transcript (and says
// how many there were). Values: {"$file": "path"} is that file's text (from the source root); {"$big": N} a generated
// policy of at least N bytes. In a step with "bytes": true, each \xHH written in a JSON string is
// sent as the raw byte HH (to send invalid UTF-8).
// The bytes sent for each session are also written to fuzz-seeds/NAME, the LSP fuzzer's seed corpus.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>

#include "tests/support/files.h"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

constexpr int kTimeoutMs = 60000;  // a 5 MB document is analysed in a few seconds; this only catches a hang

// A generated policy of at least `bytes` bytes: distinct facts and rules, as drafters write them.
std::string big_policy(size_t bytes) {
  std::string s = "政策“大文件”。\n发文机关“某区人民政府”。\n发文日期：2024年2月21日。\n出资方「区财政」：本级，默认。\n";
  for (size_t i = 0; s.size() < bytes; ++i) {
    std::string n = std::to_string(i);
    s += "事实「第" + n + "项事实」：是否，默认否。\n规则「第" + n + "条规则」：对「第" + n + "项事实」的企业，给予" +
         std::to_string(i % 50 + 1) + "万元补助。\n";
  }
  return s;
}

void expand(json& j) {
  if (j.is_object()) {
    if (j.size() == 1 && j.contains("$file")) {
      j = zc::testing::slurp(fs::path(ZC_SOURCE_DIR) / j["$file"].get<std::string>());
      return;
    }
    if (j.size() == 1 && j.contains("$big")) {
      j = big_policy(j["$big"].get<size_t>());
      return;
    }
    for (auto& [k, v] : j.items()) expand(v);
  } else if (j.is_array()) {
    for (json& v : j) expand(v);
  }
}

std::string frame(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }

// \xHH (as the JSON text \\xHH) -> the byte HH.
std::string raw_bytes(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\\\\x") == 0 && i + 5 <= text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 3])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 4]))) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 3, 2), nullptr, 16)));
      i += 4;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

class Child {
 public:
  explicit Child(const std::vector<std::string>& args) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      close(in[1]);
      close(out[0]);
      std::vector<char*> argv;
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_ = in[1];
    from_ = out[0];
    signal(SIGPIPE, SIG_IGN);
  }
  ~Child() {
    close_input();
    if (from_ >= 0) close(from_);
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool ok() const { return pid_ > 0; }
  bool write_all(const std::string& bytes) {
    for (size_t at = 0; at < bytes.size();) {
      ssize_t n = write(to_, bytes.data() + at, bytes.size() - at);
      if (n <= 0) return false;
      at += static_cast<size_t>(n);
    }
    return true;
  }
  void close_input() {
    if (to_ >= 0) close(to_);
    to_ = -1;
  }
  // The next message body, or nullopt on timeout or end of output.
  std::optional<std::string> read_message() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMs);
    for (;;) {
      size_t head = buf_.find("\r\n\r\n");
      if (head != std::string::npos) {
        std::smatch m;
        std::string header = buf_.substr(0, head);
        if (!std::regex_search(header, m, std::regex("Content-Length: (\\d+)"))) return std::nullopt;
        size_t n = std::stoul(m[1]);
        if (buf_.size() >= head + 4 + n) {
          std::string body = buf_.substr(head + 4, n);
          buf_.erase(0, head + 4 + n);
          return body;
        }
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) return std::nullopt;
      pollfd p{from_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) return std::nullopt;
      char chunk[65536];
      ssize_t got = read(from_, chunk, sizeof chunk);
      if (got <= 0) return std::nullopt;
      buf_.append(chunk, static_cast<size_t>(got));
    }
  }
  int wait_exit() {
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  bool reaped_ = false;
  std::string buf_;
};

// A value that fits on a line (a range, a position) and arrays of numbers (semantic tokens) on one
// line; everything else indented.
std::string show(const json& j, int indent = 0) {
  std::string pad(static_cast<size_t>(indent), ' ');
  std::string flat = j.dump(-1, ' ', false, json::error_handler_t::replace);
  if (flat.size() <= 100 || (j.is_array() && std::all_of(j.begin(), j.end(), [](const json& v) { return v.is_number(); }))) {
    // nlohmann prints {"a":1,"b":2}; a space after each separator reads better.
    std::string out;
    bool in_string = false;
    for (size_t i = 0; i < flat.size(); ++i) {
      char c = flat[i];
      out += c;
      if (c == '"' && (i == 0 || flat[i - 1] != '\\')) in_string = !in_string;
      if (!in_string && (c == ',' || c == ':')) out += ' ';
    }
    return out;
  }
  if ((j.is_object() || j.is_array()) && !j.empty()) {
    std::string s = j.is_object() ? "{\n" : "[\n";
    size_t k = 0;
    for (auto it = j.begin(); it != j.end(); ++it, ++k) {
      s += pad + "  ";
      if (j.is_object()) s += json(it.key()).dump() + ": ";
      s += show(*it, indent + 2) + (k + 1 < j.size() ? ",\n" : "\n");
    }
    return s + pad + (j.is_object() ? "}" : "]");
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string received(const std::string& body, int top = -1) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return "<- (not JSON) " + body + "\n";
  if (top >= 0 && j.contains("result") && j["result"].is_object() && j["result"].contains("items")) {
    json& items = j["result"]["items"];
    size_t n = items.size();
    if (n > static_cast<size_t>(top)) {
      items.erase(items.begin() + top, items.end());
      j["result"]["(items not shown)"] = n - static_cast<size_t>(top);
    }
  }
  // The version changes with every release; the transcript should not.
  if (j.contains("result") && j["result"].is_object() && j["result"].contains("serverInfo")) j["result"]["serverInfo"]["version"] = "<version>";
  return "<- " + show(j) + "\n";
}

std::vector<fs::path> sessions() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(ZC_LSP_DIR) / "sessions"))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

class Session : public ::testing::TestWithParam<fs::path> {};

TEST_P(Session, TranscriptMatches) {
  fs::path script = GetParam();
  json steps = json::parse(zc::testing::slurp(script));
  ASSERT_TRUE(steps.is_array()) << script;
  Child child({ZC_BIN, "lsp"});
  ASSERT_TRUE(child.ok());
  std::string transcript, sent_all;
  for (json step : steps) {
    expand(step);
    bool bytes = step.value("bytes", false);
    auto send = [&](json msg) {
      msg["jsonrpc"] = "2.0";
      std::string body = msg.dump();
      if (bytes) body = raw_bytes(body);
      sent_all += frame(body);
      return child.write_all(frame(body));
    };
    if (step.contains("batch")) {
      std::string all;
      for (json m : step["batch"]) {
        transcript += "-> batch " + m.value("method", "?") + "\n";
        m["jsonrpc"] = "2.0";
        all += frame(m.dump());
      }
      sent_all += all;
      ASSERT_TRUE(child.write_all(all));
    } else if (step.contains("await_id")) {
      transcript += "-> await response " + step["await_id"].dump() + "\n";
      for (;;) {
        auto body = child.read_message();
        ASSERT_TRUE(body) << "no response " << step["await_id"] << " arrived\n" << transcript;
        transcript += received(*body);
        json m = json::parse(*body, nullptr, false);
        if (!m.is_discarded() && m.contains("id") && !m.contains("method") && m["id"] == step["await_id"]) break;
      }
    } else if (step.contains("request")) {
      const json& r = step["request"];
      transcript += "-> request " + r["id"].dump() + " " + r.value("method", "?") + "\n";
      ASSERT_TRUE(send(r)) << "the server stopped reading";
      for (;;) {
        auto body = child.read_message();
        ASSERT_TRUE(body) << "no response to request " << r["id"] << " (" << r.value("method", "") << ")\n" << transcript;
        json m = json::parse(*body, nullptr, false);
        bool answer = !m.is_discarded() && m.contains("id") && m["id"] == r["id"];
        transcript += received(*body, answer ? step.value("top", -1) : -1);
        if (answer) break;
      }
    } else if (step.contains("notify")) {
      transcript += "-> notify " + step["notify"].value("method", "?") + "\n";
      ASSERT_TRUE(send(step["notify"]));
    } else if (step.contains("raw")) {
      std::string raw = step["raw"].get<std::string>();
      transcript += "-> raw " + json(raw).dump() + "\n";
      sent_all += raw;
      ASSERT_TRUE(child.write_all(raw));
    } else if (step.contains("await")) {
      std::string method = step["await"];
      transcript += "-> await " + method + "\n";
      for (;;) {
        auto body = child.read_message();
        ASSERT_TRUE(body) << "no " << method << " arrived\n" << transcript;
        transcript += received(*body);
        json m = json::parse(*body, nullptr, false);
        if (!m.is_discarded() && m.value("method", "") == method) break;
      }
    } else if (step.contains("exit")) {
      child.close_input();
      while (auto body = child.read_message()) transcript += received(*body);
      transcript += "-> exit code " + std::to_string(child.wait_exit()) + "\n";
    } else {
      FAIL() << "unknown step " << step.dump();
    }
  }
  fs::path seeds = fs::path(ZC_LSP_SEEDS);
  fs::create_directories(seeds);
  std::ofstream(seeds / script.stem(), std::ios::binary) << sent_all;

  fs::path expected = script;
  expected.replace_extension(".expected");
  if (std::getenv("ZHENGCE_UPDATE_GOLDEN")) {
    std::ofstream(expected, std::ios::binary | std::ios::trunc) << transcript;
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected << " 不存在；用 ZHENGCE_UPDATE_GOLDEN=1 生成后审阅";
  EXPECT_EQ(transcript, zc::testing::slurp(expected));
}

INSTANTIATE_TEST_SUITE_P(Lsp, Session, ::testing::ValuesIn(sessions()),
                         [](const ::testing::TestParamInfo<fs::path>& p) { return p.param.stem().string(); });

}  // namespace
