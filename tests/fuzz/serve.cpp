// zhengce serve's request handling (server/, issue 13): any bytes as one connection's input —
// request lines, headers, bodies, several requests in a row — through cpp-httplib's parser, the
// gate of server/server.cpp and every route, on a small policy. A crash, a sanitizer report or a
// hang is a finding, and so is an answer that is not a whole HTTP response.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "server/server.h"
#include "tests/fuzz/harness.h"

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
    auto* srv = new zhengce::serve::Server(o);  // lives as long as the process, as a server does
    srv->load();
    return srv;
  }();
  return *s;
}

}  // namespace

ZC_FUZZ_TARGET(serve) {
  std::string out = server().http().handle_bytes(input);
  zc::fuzz::require(out.empty() || out.rfind("HTTP/1.1 ", 0) == 0, "every answer is an HTTP/1.1 response");
}
