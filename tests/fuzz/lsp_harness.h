// The LSP fuzzing harness: any bytes as what a client sends to `zhengce lsp` — frames, headers,
// JSON-RPC, LSP requests on documents — handled by the real server in-process, with a simulated
// clock so debounced diagnostics are published too. Besides crashes, sanitizer reports and hangs,
// it checks what the server sends: every message is valid UTF-8 and parses as JSON. Shared by the
// libFuzzer target (lsp.cpp) and the replay test of the normal build (tests/lsp).
#pragma once
#include <chrono>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "lsp/server.h"
#include "lsp/transport.h"

namespace zc::fuzz {

// Returns an empty string when every invariant held, otherwise what broke.
inline std::string run_lsp_input(std::string_view input, size_t max_messages = 200) {
  std::istringstream in{std::string(input)};
  lsp::FrameReader reader(in);
  std::string broken;
  lsp::ServerOptions opts;
  opts.debounce = std::chrono::milliseconds(150);
  lsp::Server server(opts, [&](const std::string& body) {
    if (!broken.empty()) return;
    if (auto bad = utf8_first_invalid(body)) broken = "a message is not valid UTF-8 at byte " + std::to_string(*bad);
    else if (nlohmann::json::parse(body, nullptr, false).is_discarded()) broken = "a message is not JSON: " + body.substr(0, 200);
  });
  lsp::Clock::time_point now{};
  for (size_t n = 0; n < max_messages; ++n) {
    lsp::Frame f = reader.next();
    if (f.kind == lsp::Frame::Kind::End) break;
    if (f.kind == lsp::Frame::Kind::Error) server.framing_error(f.error);
    else server.handle(f.body, now);
    if (server.exited()) break;
    now += std::chrono::milliseconds(50);
    server.tick(now);
  }
  server.flush();
  return broken;
}

}  // namespace zc::fuzz
