// POST /api/v1/evaluate/batch answers each line exactly as POST /api/v1/evaluate answers the same
// applicant: the same result document, byte for byte (the batch writes it with the policy's JSON
// template and appends it in place), and the same error code, message and details for a line that
// cannot be evaluated. The applicants: a generated registry of the Dongchangfu policy (3 000 rows,
// with and without traces), plus lines that exercise the request scanner — non-ASCII values and
// applicant names, escapes, invalid UTF-8 in a key, a value and a name, truncated sequences,
// surrogates, control bytes — and blank lines, which the batch skips.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "httplib.h"
#include "tests/serve/support.h"
#include "zhengce/zhengce.h"

namespace zhengce::serve::testing {
namespace {

using json = nlohmann::json;

const std::string kPolicy = read_text(fs::path(ZC_SOURCE_DIR) / "policies/dongchangfu-2024.zc");

// Hand-written lines: each is sent in a batch and, as {"policy":…, …}, to /evaluate.
std::vector<std::string> scanner_lines() {
  const std::string facts = R"("首次通过高新技术企业认定":true,"获批的科技企业孵化器级别":"国家级","项目市财政奖补金额":1234567.89)";
  return {
      "{\"applicant\":\"甲公司\",\"facts\":{" + facts + "}}",
      "{\"applicant\":\"\\u7532\\u516c\\u53f8 \\\"引号\\\" \\ud83d\\ude00\",\"facts\":{" + facts + "}}",
      "{\"facts\":{\"获批的科技企业孵化器级别\":\"省级\",\"项目市财政奖补金额\":\"12.5万元\"}}",
      "{\"facts\":{\"\\u83b7\\u6279\\u7684\\u79d1\\u6280\\u4f01\\u4e1a\\u5b75\\u5316\\u5668\\u7ea7\\u522b\":\"国家级\"}}",
      "{\"facts\":{\"获批的科技企业孵化器级别\":\"世界级\"}}",       // not an option
      "{\"facts\":{\"没有这个事实\":true}}",                       // unknown fact
      "{\"facts\":{\"获批的科技企业孵化器级别\":\"国家\xff级\"}}",  // invalid byte in a value
      "{\"facts\":{\"获批的科技企\xe4\xb8业孵化器级别\":\"国家级\"}}",  // truncated sequence in a key
      "{\"applicant\":\"甲\xc0\xaf\",\"facts\":{}}",                // overlong in a name
      "{\"applicant\":\"甲\xed\xa0\x80\",\"facts\":{}}",            // an encoded surrogate
      "{\"applicant\":\"甲\xf4\x90\x80\x80\",\"facts\":{}}",        // past U+10FFFF
      "{\"applicant\":\"\xe4\xb8\",\"facts\":{}}",                  // truncated before the quote
      "{\"applicant\":\"甲\x01\",\"facts\":{}}",                    // a control byte
      "{\"applicant\":\"甲\\x\",\"facts\":{}}",                     // a bad escape
      "{\"applicant\":\"甲\\ud800\",\"facts\":{}}",                 // a lone surrogate escape
      "{\"facts\":{\"首次通过高新技术企业认定\":\"是\"},\"applicant\":\"𠀀𠀁 A\"}",
      "{\"facts\":[]}",
      "{\"facts\":{}",
      "[1,2]",
  };
}

// The registry's rows as batch lines ({"applicant": 编号, "facts": the rest}).
std::vector<std::string> registry_lines(const Policy& p, uint64_t rows) {
  GenerateOptions g;
  g.rows = rows;
  g.seed = 20241203;
  g.format = RegistryFormat::Jsonl;
  std::ostringstream out;
  EXPECT_FALSE(generate_registry({p}, g, out));
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string row; std::getline(in, row);) {
    // {"编号":"QY0000001",<facts>} → {"applicant":"QY0000001","facts":{<facts>}}
    const std::string head = "{\"编号\":\"";
    EXPECT_EQ(row.rfind(head, 0), 0u) << row;
    size_t end = row.find('"', head.size());
    lines.push_back("{\"applicant\":\"" + row.substr(head.size(), end - head.size()) + "\",\"facts\":{" + row.substr(end + 2) + "}");
  }
  return lines;
}

// What /evaluate answers for a batch line: the result document, or the error object.
std::string single_answer(httplib::Client& client, const std::string& line, bool trace) {
  // The line with "policy" and "trace" added at its end, where they move no byte offset of an error;
  // a line that is not a JSON object is sent as it is (its error comes before the policy is read).
  std::string body = line;
  if (json::accept(line) && line[0] == '{' && line.back() == '}')
    body = line.substr(0, line.size() - 1) + (line.size() > 2 ? "," : "") + "\"policy\":\"dongchangfu-2024\",\"trace\":" + (trace ? "true" : "false") + "}";
  auto r = client.Post("/api/v1/evaluate", body, "application/json");
  EXPECT_TRUE(r);
  if (!r) return "";
  if (r->status == 200) return "R" + r->body;
  json e = json::parse(r->body)["error"];
  return "E" + e.dump();
}

TEST(BatchParity, EachLineIsWhatEvaluateAnswers) {
  fs::path dir = fs::temp_directory_path() / ("zhengce-batch-parity-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_text(dir / "dongchangfu-2024.zc", kPolicy);
  Checked c = check({"dongchangfu-2024.zc", kPolicy});
  ASSERT_TRUE(c.policy);
  {
    Running server(dir);
    httplib::Client client("127.0.0.1", server.port);
    std::vector<std::string> lines = scanner_lines();
    for (std::string& l : registry_lines(*c.policy, 3000)) lines.push_back(std::move(l));
    size_t errors = 0, results = 0;
    for (bool trace : {false, true}) {
      std::string body;
      for (size_t i = 0; i < lines.size(); ++i) body += lines[i] + (i % 500 == 7 ? "\n \n" : "\n");  // blank lines are skipped
      auto b = client.Post(trace ? "/api/v1/evaluate/batch?policy=dongchangfu-2024" : "/api/v1/evaluate/batch?policy=dongchangfu-2024&trace=false",
                           body, "application/x-ndjson");
      ASSERT_TRUE(b);
      ASSERT_EQ(b->status, 200);
      std::istringstream in(b->body);
      std::string answer;
      size_t line_no = 0;
      for (size_t i = 0; i < lines.size(); ++i) {
        line_no += i > 0 && (i - 1) % 500 == 7 ? 2 : 1;
        ASSERT_TRUE(std::getline(in, answer)) << "line " << line_no;
        // {"line":N,"result":<the document>} or {"line":N,"error":{…}}, the document's bytes as /evaluate sends them.
        const std::string result_head = "{\"line\":" + std::to_string(line_no) + ",\"result\":";
        std::string got;
        if (answer.rfind(result_head, 0) == 0) {
          got = "R" + answer.substr(result_head.size(), answer.size() - result_head.size() - 1);
          ++results;
        } else {
          json a = json::parse(answer);
          ASSERT_EQ(a["line"], line_no) << answer;
          got = "E" + a["error"].dump();
          ++errors;
        }
        ASSERT_EQ(got, single_answer(client, lines[i], trace)) << "line " << line_no << ": " << lines[i].substr(0, 300);
      }
      ASSERT_TRUE(std::getline(in, answer));
      EXPECT_EQ(json::parse(answer)["done"], true);
    }
    // Both kinds of answer were compared: every registry row evaluates, the broken lines do not.
    EXPECT_GE(results, 2u * 3000);
    EXPECT_GE(errors, 2u * 14);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace zhengce::serve::testing
