// libFuzzer target for the request handling of `zhengce serve` (issue 13): arbitrary bytes as one
// connection's input — request lines, headers, bodies, several requests in a row — through
// cpp-httplib's parser, the gate of server/server.cpp and every route, on a small policy. A crash,
// a hang or undefined behaviour is a finding; every answer must be a complete HTTP response.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "server/server.h"

namespace {

zhengce::serve::Server& server() {
  static zhengce::serve::Server* s = [] {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("zhengce-serve-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "p.zc") << "政策“研发投入补助”。\n出资方「区财政」：本级，默认。\n事实「研发投入」：金额。\n"
                                   "事实「首次认定」：是否，默认否。\n规则「研发补助」：对「研发投入」50万元以上的企业，给予10万元补助。\n";
    zhengce::serve::ServeOptions o;
    o.paths = {dir.string()};
    o.read_only = true;  // the fuzzer must not write files
    o.watch_interval = std::chrono::milliseconds(0);
    o.limits.max_batch_lines = 100;
    auto* srv = new zhengce::serve::Server(o);
    srv->load();
    return srv;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string out = server().http().handle_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!out.empty() && out.rfind("HTTP/1.1 ", 0) != 0) __builtin_trap();
  return 0;
}
