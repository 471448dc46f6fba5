// Robustness: 12 000 malformed, oversized and truncated requests from a seeded generator, each on
// its own connection to a real server, sent by four clients at once. Every one must be answered
// with a 4xx status (no crash, no hang, no 2xx for a broken request, no 5xx), and afterwards the
// server must still answer a correct evaluation. Each kind of damage is chosen so that no
// mutation can turn it into a valid request.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>

#include <nlohmann/json.hpp>

#include "httplib.h"
#include "tests/serve/support.h"
#include "zhengce/zhengce.h"

namespace zhengce::serve::testing {
namespace {

const std::string kPolicy =
    "政策“研发投入补助”。\n出资方「区财政」：本级，默认。\n事实「研发投入」：金额。\n事实「首次认定」：是否，默认否。\n"
    "规则「研发补助」：对「研发投入」50万元以上的企业，给予10万元补助。\n";
const std::string kGood = R"({"policy":"p","applicant":"甲","facts":{"研发投入":"80万元","首次认定":true}})";

std::string request(const std::string& method, const std::string& path, const std::string& body, const std::string& extra = "",
                    long length = -1) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra;
  if (length >= 0) r += "Content-Length: " + std::to_string(length) + "\r\n";
  else if (!body.empty() || method == "POST" || method == "PUT") r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return r + "\r\n" + body;
}

// One broken request of a kind drawn from `rng`, and the kind's name.
std::pair<std::string, std::string> broken(std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  auto bytes = [&](size_t n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng() & 0xFF);
    return s;
  };
  switch (pick(14)) {
    case 0:  // a proper prefix of a JSON object is never valid JSON
      return {"truncated json", request("POST", "/api/v1/evaluate", kGood.substr(0, pick(kGood.size())))};
    case 1: {  // the body ends before its Content-Length
      std::string b = kGood.substr(0, pick(kGood.size()));
      return {"truncated body", request("POST", "/api/v1/evaluate", b, "", static_cast<long>(kGood.size() + 1 + pick(1000)))};
    }
    case 2:  // the request stops inside its head
      return {"truncated head", request("POST", "/api/v1/evaluate", kGood).substr(0, 1 + pick(40))};
    case 3:  // random bytes, a line break, nothing that starts like a request
      return {"garbage", "\x01" + bytes(1 + pick(300)) + "\r\n\r\n"};
    case 4: {  // a random byte overwritten in the JSON's structure: braces and quotes replaced by '#'
      std::string b = kGood;
      std::vector<size_t> spots;
      for (size_t i = 0; i < b.size(); ++i)
        if (b[i] == '{' || b[i] == '}' || b[i] == '"' || b[i] == ':') spots.push_back(i);
      b[spots[pick(spots.size())]] = '#';
      return {"broken structure", request("POST", "/api/v1/evaluate", b)};
    }
    case 5: {  // deeper than the limit
      size_t d = 33 + pick(3000);
      return {"too deep", request("POST", "/api/v1/evaluate", R"({"policy":"p","applicant":)" + std::string(d, '[') + std::string(d, ']') + "}")};
    }
    case 6:  // over the body limit, announced (and a little sent)
      return {"oversized", request("POST", pick(2) ? "/api/v1/evaluate" : "/api/v1/check", bytes(pick(2000)), "",
                                   static_cast<long>((1u << 20) + 1 + pick(1u << 30)))};
    case 7:  // a fact value of the wrong type
      return {"bad value", request("POST", "/api/v1/evaluate", R"({"policy":"p","facts":{"首次认定":")" + std::string(pick(2) ? "也许" : "maybe") + "\"}}")};
    case 8:  // a field the API does not have
      return {"unknown field", request("POST", "/api/v1/evaluate", R"({"policy":"p","facts":{},"f)" + std::to_string(rng()) + "\":1}")};
    case 9: {  // invalid UTF-8 inside a JSON string
      std::string b = R"({"policy":"p","applicant":")" + std::string(1, static_cast<char>(0x80 + pick(64))) + bytes(pick(5)) + R"(","facts":{}})";
      return {"invalid utf-8", request("POST", "/api/v1/evaluate", b)};
    }
    case 10: {  // a method or a path the server does not have
      static const char* methods[] = {"GET", "PUT", "DELETE", "PATCH"};
      if (pick(2)) return {"wrong method", request(methods[pick(4)], "/api/v1/evaluate", "")};
      return {"unknown path", request("GET", "/api/v1/" + std::to_string(rng()), "")};
    }
    case 11:  // chunked or compressed bodies
      if (pick(2)) return {"chunked", "POST /api/v1/evaluate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n0\r\n\r\n"};
      return {"compressed", request("POST", "/api/v1/evaluate", bytes(20), "Content-Encoding: gzip\r\n")};
    case 12:  // headers or an address past httplib's 8 KiB
      if (pick(2)) return {"long uri", request("GET", "/api/v1/policies/" + std::string(8200 + pick(4000), 'a'), "")};
      return {"long header", request("GET", "/healthz", "", "X-Long: " + std::string(9000 + pick(4000), 'b') + "\r\n")};
    default: {  // a batch with a broken policy parameter or too many lines
      if (pick(2)) return {"batch unknown policy", request("POST", "/api/v1/evaluate/batch?policy=q" + std::to_string(rng()), "{}\n")};
      std::string lines;
      for (size_t i = 0, n = 51 + pick(50); i < n; ++i) lines += "{\"facts\":{}}\n";
      return {"batch too large", request("POST", "/api/v1/evaluate/batch?policy=p", lines)};
    }
  }
}

TEST(Robustness, TwelveThousandBrokenRequestsAreAll4xx) {
  fs::path dir = fs::temp_directory_path() / ("zhengce-serve-robust-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_text(dir / "p.zc", kPolicy);
  ServeOptions o;
  o.limits.max_batch_lines = 50;
  o.limits.request_timeout = std::chrono::milliseconds(2000);
  {
    Running server(dir, o);
    constexpr int kClients = 4, kPerClient = 3000;
    std::atomic<int> answered{0};
    std::mutex mu;
    std::map<std::string, std::map<int, int>> seen;  // kind → status → count
    std::vector<std::string> failures;
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        std::mt19937_64 rng(20241203 + static_cast<uint64_t>(c));
        for (int i = 0; i < kPerClient; ++i) {
          auto [kind, bytes] = broken(rng);
          std::string answer = raw_exchange(server.port, bytes, 5000);
          int status = status_of(answer);
          std::lock_guard<std::mutex> lock(mu);
          ++seen[kind][status];
          if (status < 400 || status > 499) {
            if (failures.size() < 10) failures.push_back(kind + " → " + std::to_string(status) + ": " + answer.substr(0, 200));
          } else {
            ++answered;
          }
        }
      });
    }
    for (std::thread& t : clients) t.join();
    for (const std::string& f : failures) ADD_FAILURE() << f;
    EXPECT_EQ(answered.load(), kClients * kPerClient);
    for (const auto& [kind, statuses] : seen) {
      std::string line = kind + ":";
      for (const auto& [status, n] : statuses) line += " " + std::to_string(status) + "×" + std::to_string(n);
      std::cout << line << "\n";
    }
    EXPECT_EQ(seen.size(), 18u);  // every kind was drawn
    // Still serving, correctly.
    httplib::Client client("127.0.0.1", server.port);
    auto r = client.Post("/api/v1/evaluate", kGood, "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    Checked c = check({"p.zc", kPolicy});
    FactsRead f = read_facts(*c.policy, R"({"研发投入":"80万元","首次认定":true})");
    EXPECT_EQ(nlohmann::json::parse(r->body), nlohmann::json::parse(evaluate(*c.policy, *f.facts).json("甲")));
    EXPECT_EQ(server.server().http().counters().status_5xx.load(), 0u);
  }
  fs::remove_all(dir);
}

// The libFuzzer target's way in (HttpServer::handle_bytes, tests/fuzz/serve.cpp) on its seeds
// and on every prefix of them: always a whole HTTP answer, and the seeds' answers are right.
TEST(Robustness, FuzzTargetEntryOnItsSeeds) {
  fs::path dir = fs::temp_directory_path() / ("zhengce-serve-seeds-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_text(dir / "p.zc", kPolicy);
  ServeOptions o;
  o.paths = {dir.string()};
  o.read_only = true;
  o.watch_interval = std::chrono::milliseconds(0);
  Server server(o);
  server.load();
  for (const auto& e : fs::directory_iterator(fs::path(ZC_SOURCE_DIR) / "tests/fuzz/seeds/serve")) {
    std::string seed = read_text(e.path());
    std::string whole = server.http().handle_bytes(seed);
    EXPECT_EQ(status_of(whole), 200) << e.path() << "\n" << whole.substr(0, 300);
    // Where the first request ends: the whole seed when it has a body, else after its head.
    size_t first = seed.find("Content-Length") != std::string::npos ? seed.size() : seed.find("\r\n\r\n") + 4;
    for (size_t n = 1; n < seed.size(); ++n) {
      std::string out = server.http().handle_bytes(std::string_view(seed).substr(0, n));
      if (n < first) {
        EXPECT_GE(status_of(out), 400) << e.path() << " cut at " << n << "\n" << out.substr(0, 200);
      } else {
        EXPECT_EQ(status_of(out), 200) << e.path() << " cut at " << n;
      }
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace zhengce::serve::testing
