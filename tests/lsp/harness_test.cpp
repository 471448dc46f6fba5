// The LSP fuzzing harness (tests/fuzz/lsp_harness.h) in the normal build: a session touching every
// method and a set of hostile inputs go through the server in-process; each must leave every
// outgoing message valid UTF-8 and JSON, and must not crash (the sanitizer build checks the rest).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/fuzz/lsp_harness.h"
#include "tests/support/files.h"

namespace {

std::string frame(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }

std::string request(int id, const std::string& method, const std::string& params) {
  return frame("{\"jsonrpc\":\"2.0\",\"id\":" + std::to_string(id) + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
}

std::string notify(const std::string& method, const std::string& params) {
  return frame("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + "}");
}

std::string open(const std::string& text) {
  return notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"u\",\"version\":1,\"text\":" +
                                            nlohmann::json(text).dump() + "}}");
}

const std::string kInit = request(1, "initialize", "{\"capabilities\":{}}");
const std::string kDoc = "{\"textDocument\":{\"uri\":\"u\"}";

TEST(LspHarness, EveryMethodOnAShippedPolicy) {
  std::string text = zc::testing::slurp(std::string(ZC_SOURCE_DIR) + "/policies/jinan-2023.zc");
  std::string in = kInit + open(text);
  int id = 2;
  for (const char* m : {"textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references",
                        "textDocument/documentHighlight", "textDocument/prepareRename"})
    for (int line : {0, 10, 40, 80})
      for (int ch : {0, 3, 9, 30}) in += request(id++, m, kDoc + ",\"position\":{\"line\":" + std::to_string(line) + ",\"character\":" + std::to_string(ch) + "}}");
  for (const char* m : {"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/formatting", "textDocument/semanticTokens/full"})
    in += request(id++, m, kDoc + "}");
  in += request(id++, "textDocument/codeAction", kDoc + ",\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":200,\"character\":0}}}");
  in += request(id++, "textDocument/rename", kDoc + ",\"position\":{\"line\":40,\"character\":5},\"newName\":\"新的名称\"}");
  in += request(id++, "shutdown", "null") + notify("exit", "null");
  EXPECT_EQ(zc::fuzz::run_lsp_input(in, 10000), "");
}

TEST(LspHarness, HostileInputs) {
  std::vector<std::string> inputs = {
      "",
      "Content-Length: 99999999999999\r\n\r\n",
      "Content-Length: 100\r\n\r\n{\"truncated\":",
      "Content-Length: 0\r\n\r\n",
      "Content-Length: -5\r\n\r\n{}",
      std::string(5000, 'x') + "\r\n\r\n",
      kInit + frame(std::string(20000, '[') + std::string(20000, ']')),
      kInit + frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"\\ud800\"}}}"),
      kInit + frame(std::string("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"u\",\"text\":\"\xff\xfe\x00\xc3\"}}}", 86)),
      kInit + open("规则「甲」：对「乙") + request(2, "textDocument/completion", kDoc + ",\"position\":{\"line\":0,\"character\":9}}"),
      kInit + open("「") + request(2, "textDocument/rename", kDoc + ",\"position\":{\"line\":0,\"character\":0},\"newName\":\"\"}"),
      kInit + open("事实「甲」：是否。") + request(2, "textDocument/hover", kDoc + ",\"position\":{\"line\":1.5,\"character\":1e30}}"),
      kInit + open("事实「甲」：是否。") +
          notify("textDocument/didChange", kDoc.substr(0, kDoc.size() - 1) + ",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":0,\"character\":5},\"end\":{\"line\":0,\"character\":1}},\"text\":\"x\"}]}"),
      kInit + open("政策“甲”。\n选项（其他、企业）") + request(2, "textDocument/codeAction", kDoc + ",\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":9,\"character\":0}}}"),
      kInit + notify("$/cancelRequest", "{\"id\":[1]}") + request(2, "textDocument/hover", "[]"),
  };
  for (const std::string& in : inputs) EXPECT_EQ(zc::fuzz::run_lsp_input(in), "") << in.substr(0, 200);
}

// What fuzz_lsp found, once fixed: each file in regressions/ is an input that used to break the server.
TEST(LspHarness, Regressions) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(ZC_LSP_DIR) / "regressions")) {
    EXPECT_EQ(zc::fuzz::run_lsp_input(zc::testing::slurp(e.path()), 10000), "") << e.path();
    ++n;
  }
  EXPECT_GT(n, 0u);
}

}  // namespace
