// zhengce lsp (lsp/, issue 15): any bytes as a client's side of a session — frames, headers,
// JSON-RPC, LSP requests on documents — through the real server in-process (lsp_harness.h, which
// tests/lsp also runs). Besides crashes, sanitizer reports and hangs, a message the server sends
// that is not valid UTF-8 or not JSON is a finding.
#include <cstdio>
#include <string>

#include "tests/fuzz/harness.h"
#include "tests/fuzz/lsp_harness.h"

ZC_FUZZ_TARGET(lsp) {
  std::string broken = zc::fuzz::run_lsp_input(input);
  if (!broken.empty()) std::fprintf(stderr, "%s\n", broken.c_str());
  zc::fuzz::require(broken.empty(), "every message of the LSP server is valid UTF-8 and JSON");
}
