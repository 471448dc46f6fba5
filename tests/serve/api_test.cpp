// The API of `zhengce serve` against a real server on an ephemeral loopback port: every endpoint,
// every error code, saving and drafts, the slow-client limit, and hot reload while requests run.
// Whole answers are compared where they are deterministic; an evaluation is compared with what the
// library (and so `zhengce run --format json`) gives for the same facts.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "httplib.h"
#include "tests/serve/support.h"
#include "service/service.h"
#include "zhengce/zhengce.h"

namespace zhengce::serve::testing {
namespace {

using json = nlohmann::json;

const std::string kDongchangfu = read_text(fs::path(ZC_SOURCE_DIR) / "policies/dongchangfu-2024.zc");

// A small policy whose award is `amount`; every rule of one version pays the same, so an answer that
// mixed two versions would show it.
std::string small_policy(const std::string& amount) {
  return "政策“研发投入补助”。\n出资方「区财政」：本级，默认。\n事实「研发投入」：金额。\n事实「首次认定」：是否，默认否。\n\n"
         "规则「研发补助」：对「研发投入」50万元以上的企业，给予" + amount + "补助。\n"
         "规则「认定奖励」：对「首次认定」的企业，给予" + amount + "奖励。\n";
}

struct Folder {
  fs::path dir;
  Folder() {
    dir = fs::temp_directory_path() / ("zhengce-serve-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(dir);
    write_text(dir / "dongchangfu-2024.zc", kDongchangfu);
    write_text(dir / "small.zc", small_policy("10万元"));
  }
  ~Folder() { fs::remove_all(dir); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

class Api : public ::testing::Test {
 protected:
  Folder folder;
  std::unique_ptr<Running> server;
  std::unique_ptr<httplib::Client> client;
  void SetUp() override { start({}); }
  void start(ServeOptions o) {
    client.reset();
    server.reset();
    server = std::make_unique<Running>(folder.dir, o);
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port);
  }
  json post_json(const std::string& path, const std::string& body, int expect) {
    auto r = client->Post(path.c_str(), body, "application/json");
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, expect) << path << " " << body.substr(0, 200) << "\n" << r->body.substr(0, 600);
    EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/json", 0), 0u);
    return json::parse(r->body);
  }
  json get_json(const std::string& path, int expect) {
    auto r = client->Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, expect) << path << "\n" << r->body.substr(0, 600);
    return json::parse(r->body);
  }
};

// What the library (and `zhengce run --format json`) answers for these facts.
json library_result(const std::string& text, const std::string& facts, const std::string& applicant = "") {
  Checked c = check({"x.zc", text});
  FactsRead f = read_facts(*c.policy, facts);
  return json::parse(evaluate(*c.policy, *f.facts).json(applicant));
}

TEST_F(Api, HealthAndPolicyList) {
  EXPECT_EQ(get_json("/healthz", 200), json::parse(R"({"status":"ok","policies":2,"policies_with_problems":0})"));
  json list = get_json("/api/v1/policies", 200);
  ASSERT_EQ(list["policies"].size(), 2u);
  json d = list["policies"][0];
  EXPECT_EQ(d["id"], "dongchangfu-2024");
  EXPECT_EQ(d["state"], "ok");
  EXPECT_EQ(d["title"], "关于加快推进新时代科技强区建设的实施意见");
  EXPECT_EQ(d["version"], PolicyStore::hash_of(kDongchangfu));
  const json& schema = d["facts_schema"];
  EXPECT_EQ(schema["type"], "object");
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["properties"]["首次通过高新技术企业认定"],
            json::parse(R"({"type":["boolean","string","null"],"enum":[true,false,"是","否",null],"x-zhengce-type":"是否","x-zhengce-default":"否"})"));
  EXPECT_EQ(schema["properties"]["获批的科技企业孵化器级别"]["enum"], json::parse(R"(["省级","国家级","无",null])"));
  EXPECT_EQ(schema["properties"]["项目市财政奖补金额"]["x-zhengce-type"], "金额");
  EXPECT_FALSE(schema["properties"].contains("全区高新技术企业"));  // an indicator is no applicant fact
  EXPECT_EQ(list["policies"][1]["id"], "small");
}

TEST_F(Api, OnePolicyWithRulesArticlesAndPayers) {
  json p = get_json("/api/v1/policies/small", 200);
  EXPECT_EQ(p["rules"], json::parse(R"([{"name":"研发补助","article":""},{"name":"认定奖励","article":""}])"));
  EXPECT_EQ(p["articles"], json::parse(R"([{"article":"","rules":["研发补助","认定奖励"]}])"));
  EXPECT_EQ(p["payers"], json::parse(R"([{"name":"区财政","role":"local"}])"));
  EXPECT_EQ(p["facts"], json::parse(R"([{"name":"研发投入","type":"金额","indicator":false},{"name":"首次认定","type":"是否","indicator":false,"default":"否"}])"));
  json d = get_json("/api/v1/policies/dongchangfu-2024", 200);
  EXPECT_EQ(d["rules"][0], json::parse(R"({"name":"高企认定补助","article":"第1条"})"));
  EXPECT_EQ(d["payers"].size(), 3u);
  EXPECT_EQ(get_json("/api/v1/policies/nope", 404)["error"]["code"], "unknown_policy");
  EXPECT_EQ(get_json("/api/v1/policies/small/status", 200)["state"], "ok");
  EXPECT_EQ(get_json("/api/v1/policies/nope/status", 404)["error"]["code"], "unknown_policy");
}

TEST_F(Api, EvaluateIsTheRunDocument) {
  const std::string facts = R"({"首次通过高新技术企业认定": true, "获批的科技企业孵化器级别": "国家级", "项目市财政奖补金额": 1234567.89})";
  auto r = client->Post("/api/v1/evaluate", R"({"policy":"dongchangfu-2024","applicant":"甲公司","facts":)" + facts + "}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Zhengce-Policy-Version"), PolicyStore::hash_of(kDongchangfu));
  EXPECT_EQ(json::parse(r->body), library_result(kDongchangfu, facts, "甲公司"));
  EXPECT_EQ(r->body.find('\n'), std::string::npos);  // one line
  // With the explanation: the same document and one more member.
  json e = post_json("/api/v1/evaluate", R"({"policy":"dongchangfu-2024","explain":true,"facts":)" + facts + "}", 200);
  ASSERT_TRUE(e.contains("explain"));
  EXPECT_NE(e["explain"].get<std::string>().find("申请结果说明"), std::string::npos);
  e.erase("explain");
  EXPECT_EQ(e, library_result(kDongchangfu, facts));
  // A policy text instead of a loaded policy (the workbench's form).
  json s = post_json("/api/v1/evaluate", json{{"source", small_policy("7万元")}, {"facts", {{"首次认定", true}}}}.dump(), 200);
  EXPECT_EQ(s["totals"][0]["max"], "70000.00");
  // A missing fact without default: the document says which rule could not be computed.
  json m = post_json("/api/v1/evaluate", R"({"policy":"small","facts":{}})", 200);
  EXPECT_EQ(m["complete"], false);
  EXPECT_EQ(m["rules"][0]["error"], "missing_fact");
}

// "trace": false (?trace=false for a batch): the same document with every rule's trace empty; the
// default answer is byte for byte the library's compact run document.
TEST_F(Api, EvaluateWithoutTraces) {
  const std::string facts = R"({"首次通过高新技术企业认定": true, "获批的科技企业孵化器级别": "国家级", "项目市财政奖补金额": 1234567.89})";
  json full = library_result(kDongchangfu, facts, "甲公司");
  json lean = full;
  size_t traced = 0;
  for (json& r : lean["rules"]) {
    traced += r["trace"].size();
    r["trace"] = json::array();
  }
  ASSERT_GT(traced, 0u);
  auto r = client->Post("/api/v1/evaluate", R"({"policy":"dongchangfu-2024","applicant":"甲公司","facts":)" + facts + "}", "application/json");
  ASSERT_TRUE(r);
  Checked c = check({"dongchangfu-2024.zc", kDongchangfu});
  ASSERT_TRUE(c.policy);
  FactsRead f = read_facts(*c.policy, facts);
  ASSERT_TRUE(f.facts);
  EXPECT_EQ(r->body, evaluate(*c.policy, *f.facts).json("甲公司", true));
  EXPECT_EQ(post_json("/api/v1/evaluate", R"({"policy":"dongchangfu-2024","applicant":"甲公司","trace":true,"facts":)" + facts + "}", 200), full);
  EXPECT_EQ(post_json("/api/v1/evaluate", R"({"policy":"dongchangfu-2024","applicant":"甲公司","trace":false,"facts":)" + facts + "}", 200), lean);
  EXPECT_EQ(post_json("/api/v1/evaluate", R"({"policy":"small","trace":"no","facts":{}})", 400)["error"]["code"], "bad_request");
  // A batch without traces.
  auto b = client->Post("/api/v1/evaluate/batch?policy=dongchangfu-2024&trace=false", R"({"applicant":"甲公司","facts":)" + facts + "}\n", "application/x-ndjson");
  ASSERT_TRUE(b);
  std::istringstream in(b->body);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(json::parse(line)["result"], lean);
}

// --engine jit: the loaded policies are evaluated by the JIT, with the VM's answers, byte for byte.
TEST_F(Api, JitEngineGivesTheSameAnswers) {
  // Skipped only in a build without the JIT: a JIT whose plugin cannot be loaded fails the test.
  if (!zhengce::build_info().jit_built) GTEST_SKIP() << "built without the JIT";
  ASSERT_TRUE(jit_available()) << zhengce::jit_problem(zhengce::Lang::En);
  const std::string body = R"({"policy":"dongchangfu-2024","applicant":"甲公司","facts":{"首次通过高新技术企业认定": true, "获批的科技企业孵化器级别": "国家级", "项目市财政奖补金额": 1234567.89}})";
  auto vm = client->Post("/api/v1/evaluate", body, "application/json");
  auto vm_batch = client->Post("/api/v1/evaluate/batch?policy=small", "{\"facts\":{\"首次认定\":true,\"研发投入\":\"80万元\"}}\n{\"facts\":{}}\n", "application/x-ndjson");
  ServeOptions o;
  o.engine = Engine::Jit;
  start(o);
  auto jit = client->Post("/api/v1/evaluate", body, "application/json");
  auto jit_batch = client->Post("/api/v1/evaluate/batch?policy=small", "{\"facts\":{\"首次认定\":true,\"研发投入\":\"80万元\"}}\n{\"facts\":{}}\n", "application/x-ndjson");
  ASSERT_TRUE(vm && jit && vm_batch && jit_batch);
  EXPECT_EQ(jit->status, 200);
  EXPECT_EQ(jit->body, vm->body);
  EXPECT_EQ(jit_batch->body, vm_batch->body);
}

// lib/report.cpp writes the run document directly; it must be what nlohmann::json prints for the
// same document (sorted keys, 2-space indentation; on one line when compact), for every shipped
// policy and sample applicant, and for an applicant with nothing given.
TEST(RunJson, IsWhatNlohmannPrints) {
  size_t checked = 0;
  for (const auto& dir : fs::directory_iterator(fs::path(ZC_SOURCE_DIR) / "policies/examples")) {
    if (!dir.is_directory()) continue;
    fs::path policy = fs::path(ZC_SOURCE_DIR) / "policies" / (dir.path().filename().string() + ".zc");
    Checked c = check({policy.string(), read_text(policy)});
    ASSERT_TRUE(c.policy) << policy;
    std::vector<std::string> facts = {"{}"};
    for (const auto& f : fs::directory_iterator(dir.path())) facts.push_back(read_text(f.path()));
    for (const std::string& text : facts) {
      FactsRead f = read_facts(*c.policy, text);
      ASSERT_TRUE(f.facts) << text;
      Evaluation e = evaluate(*c.policy, *f.facts);
      std::string pretty = e.json("申请人\"甲\"\t"), compact = e.json("申请人\"甲\"\t", true);
      EXPECT_EQ(json::parse(pretty).dump(2), pretty);
      EXPECT_EQ(json::parse(compact).dump(), compact);
      ++checked;
    }
  }
  EXPECT_GE(checked, 15u);
}

TEST_F(Api, EvaluateErrors) {
  auto code = [&](const std::string& body, int status) { return post_json("/api/v1/evaluate", body, status)["error"]["code"].get<std::string>(); };
  EXPECT_EQ(code(R"({"policy":"small","facts":{"首次认定":"也许"}})", 422), "invalid_facts");
  EXPECT_EQ(code(R"({"policy":"small","facts":{"没有这个事实":1}})", 422), "invalid_facts");
  json d = post_json("/api/v1/evaluate", R"({"policy":"small","facts":{"首次认定":"也许"}})", 422);
  EXPECT_EQ(d["error"]["diagnostics"][0]["code"], "E0802");
  EXPECT_EQ(code(R"({"policy":"small","facts":{}, "extra":1})", 400), "unknown_field");
  EXPECT_EQ(code(R"({"policy":"small","facts":[]})", 400), "bad_request");
  EXPECT_EQ(code(R"({"policy":"small","facts":{})", 400), "bad_json");
  EXPECT_EQ(code(R"([1,2])", 400), "bad_request");
  EXPECT_EQ(code(R"({"facts":{}})", 400), "missing_field");
  EXPECT_EQ(code(R"({"policy":"nope","facts":{}})", 404), "unknown_policy");
  EXPECT_EQ(code(R"({"policy":"small","source":"x","facts":{}})", 400), "bad_request");
  EXPECT_EQ(code(R"({"source":"政策“坏”。\n规则「甲」：对「未声明」的企业，给予1万元补助。\n","facts":{}})", 422), "policy_has_errors");
  EXPECT_EQ(code("{\"policy\":\"small\",\"applicant\":\"\xff\",\"facts\":{}}", 400), "bad_json");
  // JSON depth: at the limit it is read (and refused for its shape), one past it is refused as deep.
  std::string at(31, '['), past(32, '[');
  EXPECT_EQ(code(R"({"policy":"small","facts":{},"applicant":)" + at + std::string(31, ']') + "}", 400), "bad_request");
  EXPECT_EQ(code(R"({"policy":"small","facts":{},"applicant":)" + past + std::string(32, ']') + "}", 400), "json_too_deep");
  // English on request.
  json en = post_json("/api/v1/evaluate?lang=en", R"({"policy":"nope","facts":{}})", 404);
  EXPECT_EQ(en["error"]["message"], "no policy named `nope` is loaded");
}

TEST_F(Api, TransportErrors) {
  EXPECT_EQ(get_json("/api/v1/nothing", 404)["error"]["code"], "not_found");
  auto r = client->Get("/api/v1/evaluate");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "POST");
  EXPECT_EQ(json::parse(r->body)["error"]["code"], "method_not_allowed");
  // Over the body limit (1 MiB): refused from Content-Length alone, before the body is read.
  std::string big(2u << 20, 'x');
  auto b = client->Post("/api/v1/evaluate", big, "application/json");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, 413);
  EXPECT_EQ(json::parse(b->body)["error"], json::parse(R"({"code":"payload_too_large","message":"请求体超过此地址的上限 1048576 字节","limit":1048576})"));
  // No length, a compressed body, an overlong address, a malformed request line: raw sockets.
  auto raw_status = [&](const std::string& req) { return status_of(raw_exchange(server->port, req)); };
  EXPECT_EQ(raw_status("POST /api/v1/evaluate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), 411);
  EXPECT_EQ(raw_status("POST /api/v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd"), 415);
  EXPECT_EQ(raw_status("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
  EXPECT_EQ(raw_status("NONSENSE\r\n\r\n"), 400);
  EXPECT_EQ(raw_status("POST /api/v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"pol"), 400);  // truncated
  std::string answer = raw_exchange(server->port, "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(answer.find("\r\n\r\n{\"error\":{\"code\":\"not_found\""), std::string::npos) << answer;
}

TEST_F(Api, Batch) {
  std::string body =
      "{\"applicant\":\"甲\",\"facts\":{\"首次认定\":true,\"研发投入\":\"80万元\"}}\n"
      "\n"
      "{\"applicant\":\"乙\",\"facts\":{\"首次认定\":\"也许\"}}\n"
      "{\"facts\":{\"研发投入\":\"10万元\"}}\r\n"
      "not json\n";
  auto r = client->Post("/api/v1/evaluate/batch?policy=small", body, "application/x-ndjson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/x-ndjson; charset=utf-8");
  std::vector<json> lines;
  std::istringstream in(r->body);
  for (std::string l; std::getline(in, l);) lines.push_back(json::parse(l));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0]["line"], 1);
  EXPECT_EQ(lines[0]["result"], library_result(small_policy("10万元"), R"({"首次认定":true,"研发投入":"80万元"})", "甲"));
  EXPECT_EQ(lines[1]["line"], 3);
  EXPECT_EQ(lines[1]["error"]["code"], "invalid_facts");
  EXPECT_EQ(lines[2]["line"], 4);
  EXPECT_EQ(lines[2]["result"]["totals"][0]["max"], "0.00");
  EXPECT_EQ(lines[3]["line"], 5);
  EXPECT_EQ(lines[3]["error"]["code"], "bad_json");
  EXPECT_EQ(lines[4], json::parse(R"({"done":true,"lines":5,"evaluated":2,"errors":2})"));
  EXPECT_EQ(post_json("/api/v1/evaluate/batch", "", 400)["error"]["code"], "missing_parameter");
  EXPECT_EQ(post_json("/api/v1/evaluate/batch?policy=nope", "", 404)["error"]["code"], "unknown_policy");
}

TEST_F(Api, FormEncodedBodiesAreTakenAsTheyAre) {
  // `curl -d` labels a body application/x-www-form-urlencoded; a 50 KB policy text is still a text.
  std::string text = kDongchangfu;
  auto r = client->Post("/api/v1/check", text, "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_GT(text.size(), 8192u);
  EXPECT_EQ(json::parse(r->body)["ok"], true);
}

TEST_F(Api, BatchLimit) {
  ServeOptions o;
  o.limits.max_batch_lines = 3;
  start(o);
  std::string line = "{\"facts\":{}}\n";
  auto ok = client->Post("/api/v1/evaluate/batch?policy=small", line + line + line, "application/x-ndjson");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  json j = post_json("/api/v1/evaluate/batch?policy=small", line + line + line + line, 413);
  EXPECT_EQ(j["error"]["code"], "batch_too_large");
  EXPECT_EQ(j["error"]["limit"], 3);
}

TEST_F(Api, CheckRenderFmt) {
  std::string bad = "政策“研发”。\n出资方「区财政」：本级，默认。\n事实「研发投入」：金额。\n规则「研发补助」：对「研发投入」50万元左右的企业，给予10万元补助。\n";
  json c = post_json("/api/v1/check", bad, 200);
  EXPECT_EQ(c["ok"], false);
  ASSERT_EQ(c["diagnostics"].size(), 1u);
  EXPECT_EQ(c["diagnostics"][0]["code"], "E0516");
  size_t begin = bad.find("50万元左右");
  EXPECT_EQ(c["diagnostics"][0]["at"], (json{{"file", "草稿.zc"}, {"line", 4}, {"column", 17}, {"end_line", 4}, {"end_column", 23},
                                            {"begin", begin}, {"end", begin + 14}, {"utf16_column", 17}, {"utf16_end_column", 23}}));
  EXPECT_EQ(c["policy"], nullptr);
  std::string good = small_policy("10万元") + "案例「大」：「研发投入」为80万元；预期：「研发补助」为10万元。\n案例「错」：「首次认定」为是，「研发投入」为0元；预期：「认定奖励」为5万元。\n";
  json g = post_json("/api/v1/check?name=small.zc", good, 200);
  EXPECT_EQ(g["ok"], false);  // the second case fails, as `zhengce check` says
  EXPECT_EQ(g["examples"][0], json::parse(R"({"name":"大","passed":true,"failures":[]})"));
  EXPECT_EQ(g["examples"][1]["passed"], false);
  EXPECT_EQ(g["examples"][1]["failures"][0]["code"], "E0701");
  EXPECT_EQ(g["policy"]["rules"], json::parse(R"(["研发补助","认定奖励"])"));
  EXPECT_EQ(g["policy"]["facts"][1], json::parse(R"({"name":"首次认定","type":"是否","indicator":false,"default":"否"})"));

  json r = post_json("/api/v1/render?format=text", small_policy("10万元"), 200);
  EXPECT_EQ(r["ok"], true);
  EXPECT_EQ(r["text"], render({Source{"草稿.zc", small_policy("10万元")}}, RenderFormat::Text).text);
  json h = post_json("/api/v1/render", small_policy("10万元"), 200);
  EXPECT_NE(h["text"].get<std::string>().find("data-rule=\"研发补助\""), std::string::npos);
  EXPECT_EQ(post_json("/api/v1/render?format=pdf", "x", 400)["error"]["code"], "bad_parameter");
  EXPECT_EQ(post_json("/api/v1/render", bad + "规则「", 200)["ok"], false);

  std::string messy = small_policy("10万元");
  messy.replace(messy.find("给予"), 0, "   ");
  json f = post_json("/api/v1/fmt", messy, 200);
  EXPECT_EQ(f["status"], "ok");
  EXPECT_EQ(f["changed"], true);
  EXPECT_EQ(f["text"], format(Source{"x.zc", messy}).text);
  EXPECT_EQ(post_json("/api/v1/fmt", "规则「", 200)["status"], "source_errors");
}

// Completion and hover are the language service's answers (service/, as `zhengce lsp` gives them):
// the same labels in the same order, pinyin included; the first item and a hover whole.
TEST_F(Api, CompleteAndHoverAreTheLanguageService) {
  std::string text = small_policy("10万元") + "规则「新」：对yftr";
  json c = post_json("/api/v1/complete?line=7&character=11", text, 200);
  zc::service::LanguageService svc;
  svc.open("file:///t.zc", text, 1);
  json labels = json::array();
  for (const zc::service::CompletionItem& it : svc.complete("file:///t.zc", {7, 11}).items) labels.push_back(it.label);
  json got = json::array();
  for (const json& it : c["items"]) got.push_back(it["label"]);
  EXPECT_EQ(got, labels);
  ASSERT_FALSE(c["items"].empty());
  EXPECT_EQ(c["items"][0], json::parse(R"({"label": "「研发投入」", "kind": "fact", "detail": "事实 · 金额",
    "documentation": "**事实「研发投入」**\n\n- 类型：金额，以元计\n- 无默认值：申请人未给出时，需要它的规则以 E0801 停止，不作猜测\n\n使用 1 处",
    "text": "「研发投入」", "snippet": false, "from": {"line": 7, "character": 7}, "to": {"line": 7, "character": 11}})"));
  // Full pinyin finds it too.
  text.replace(text.find("yftr"), 4, "yanfa");
  EXPECT_EQ(post_json("/api/v1/complete?line=7&character=12", text, 200)["items"][0]["label"], "「研发投入」");

  json h = post_json("/api/v1/hover?line=2&character=4&lang=en", small_policy("10万元"), 200);
  EXPECT_EQ(h, json::parse(R"({"hover": {"markdown": "**fact「研发投入」**\n\n- type: 金额 in 元\n- no default: a rule that needs it and is not given it stops with E0801\n\nused 1 time",
    "from": {"line": 2, "character": 3}, "to": {"line": 2, "character": 7}}})"));
  EXPECT_EQ(post_json("/api/v1/hover?line=4&character=0", small_policy("10万元"), 200), json::parse(R"({"hover": null})"));  // a blank line

  EXPECT_EQ(post_json("/api/v1/hover?line=2", "x", 400)["error"]["code"], "missing_parameter");
  EXPECT_EQ(post_json("/api/v1/complete?line=-1&character=0", "x", 400)["error"]["code"], "bad_parameter");
  EXPECT_EQ(post_json("/api/v1/complete?line=99&character=0", "x", 400)["error"]["code"], "bad_position");
  EXPECT_EQ(post_json("/api/v1/hover?line=0&character=0", "\xff\xfe规则「", 200), json::parse(R"({"hover": null})"));
  EXPECT_EQ(get_json("/api/v1/complete", 405)["error"]["code"], "method_not_allowed");
}

TEST_F(Api, DraftsAndSaving) {
  json s = get_json("/api/v1/policies/small/source", 200);
  EXPECT_EQ(s["text"], small_policy("10万元"));
  EXPECT_EQ(s["draft"], nullptr);
  std::string base = s["version"];
  auto d = client->Put("/api/v1/policies/small/draft", "草稿内容", "text/plain");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 200);
  EXPECT_EQ(read_text(folder.dir / "small.zc.draft"), "草稿内容");
  EXPECT_EQ(read_text(folder.dir / "small.zc"), small_policy("10万元"));  // a draft never touches the file
  EXPECT_EQ(get_json("/api/v1/policies/small/source", 200)["draft"]["text"], "草稿内容");
  // Saving on the version opened: written, the draft removed, the new version served at once.
  auto ok = client->Put(("/api/v1/policies/small/source?base=" + base).c_str(), small_policy("20万元"), "text/plain");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(read_text(folder.dir / "small.zc"), small_policy("20万元"));
  EXPECT_FALSE(fs::exists(folder.dir / "small.zc.draft"));
  EXPECT_EQ(post_json("/api/v1/evaluate", R"({"policy":"small","facts":{"首次认定":true,"研发投入":0}})", 200)["totals"][0]["max"], "200000.00");
  // Saving again on the old version: the file changed since, so it is refused and left alone.
  auto stale = client->Put(("/api/v1/policies/small/source?base=" + base).c_str(), small_policy("30万元"), "text/plain");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  json e = json::parse(stale->body)["error"];
  EXPECT_EQ(e["code"], "changed_on_disk");
  EXPECT_EQ(e["disk_version"], PolicyStore::hash_of(small_policy("20万元")));
  EXPECT_EQ(read_text(folder.dir / "small.zc"), small_policy("20万元"));
  auto nobase = client->Put("/api/v1/policies/small/source", "x", "text/plain");
  EXPECT_EQ(nobase->status, 400);
  EXPECT_EQ(client->Put("/api/v1/policies/nope/draft", "x", "text/plain")->status, 404);
  // Read-only: nothing is written.
  ServeOptions ro;
  ro.read_only = true;
  start(ro);
  auto refused = client->Put("/api/v1/policies/small/draft", "x", "text/plain");
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(json::parse(refused->body)["error"]["code"], "read_only");
  EXPECT_FALSE(fs::exists(folder.dir / "small.zc.draft"));
}

TEST_F(Api, Simulate) {
  std::string registry = "编号,研发投入,首次认定\nA,80万元,是\nB,10万元,否\nC,,是\nD,60万元,也许\n";
  httplib::MultipartFormDataItems items = {{"policy", "small", "", ""}, {"registry", registry, "r.csv", "text/csv"}};
  auto r = client->Post("/api/v1/simulate", items);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = json::parse(r->body);
  EXPECT_EQ(j["rows"], 4);
  EXPECT_EQ(j["evaluated"], 3);
  EXPECT_EQ(j["bad_rows"], 1);
  json clauses = j["summary"]["policies"][0]["clauses"];
  EXPECT_EQ(clauses[1]["rule"], "认定奖励");
  EXPECT_EQ(clauses[1]["beneficiaries"], 2);
  EXPECT_EQ(clauses[1]["total_local"], json::parse(R"({"min":"200000","max":"200000"})"));
  EXPECT_EQ(j["histograms"][1], json::parse(R"({"rule":"认定奖励","awards":2,"distinct":true,"bins":[{"from":"100000.00","to":"100000.00","count":2}]})"));
  auto nofile = client->Post("/api/v1/simulate", httplib::MultipartFormDataItems{{"policy", "small", "", ""}});
  EXPECT_EQ(nofile->status, 400);
  EXPECT_EQ(post_json("/api/v1/simulate", "{}", 415)["error"]["code"], "unsupported_media_type");
}

TEST_F(Api, SlowClientGets408) {
  ServeOptions o;
  o.limits.request_timeout = std::chrono::milliseconds(300);
  start(o);
  // Headers that never end: answered 408 once the request deadline passes, then closed.
  auto t0 = std::chrono::steady_clock::now();
  std::string answer = raw_exchange(server->port, "POST /api/v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Le", 5000, false);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(status_of(answer), 408) << answer;
  EXPECT_NE(answer.find("\"request_timeout\""), std::string::npos);
  EXPECT_LT(ms, 3000);
  // A body that stops half-way: the same.
  answer = raw_exchange(server->port, "POST /api/v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{\"po", 5000, false);
  EXPECT_EQ(status_of(answer), 408) << answer;
  EXPECT_EQ(server->server().http().counters().timeouts.load(), 2u);
}

TEST_F(Api, HotReloadWhileRequestsRun) {
  // Four clients evaluate without pause while the file flips between two versions, is once written
  // in place slowly (truncated, then completed) and once broken. No request fails; every answer
  // comes whole from one version (both rules pay the same amount, and the version header says which).
  std::atomic<bool> stop{false};
  std::atomic<int> answers{0}, bad{0};
  const std::map<std::string, std::string> amount_of = {{PolicyStore::hash_of(small_policy("10万元")), "100000.00"},
                                                        {PolicyStore::hash_of(small_policy("20万元")), "200000.00"}};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", server->port);
      while (!stop) {
        auto r = c.Post("/api/v1/evaluate", R"({"policy":"small","facts":{"首次认定":true,"研发投入":"80万元"}})", "application/json");
        if (!r || r->status != 200) { ++bad; continue; }
        json j = json::parse(r->body);
        auto it = amount_of.find(r->get_header_value("Zhengce-Policy-Version"));
        if (it == amount_of.end() || j["rules"][0]["amounts"][0]["max"] != it->second || j["rules"][1]["amounts"][0]["max"] != it->second) ++bad;
        ++answers;
      }
    });
  }
  auto wait_state = [&](const std::string& state, const std::string& version) {
    for (int i = 0; i < 400; ++i) {
      std::optional<PolicyStatus> s = server->server().store().status("small");
      if (s->state == state && (version.empty() || (s->current && s->current->hash == version))) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  };
  fs::path file = folder.dir / "small.zc";
  for (int round = 0; round < 4; ++round) {
    std::string next = small_policy(round % 2 == 0 ? "20万元" : "10万元");
    if (round == 2) {  // written in place, in two steps: the half-written file is never served
      std::string half = next.substr(0, next.find("规则「认定奖励」"));
      write_text(file, half);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      write_text(file, next);
    } else {
      write_text(folder.dir / "tmp", next);
      fs::rename(folder.dir / "tmp", file);
    }
    EXPECT_TRUE(wait_state("ok", PolicyStore::hash_of(next))) << round;
  }
  // A broken text: the last good version keeps serving, and /status shows why.
  write_text(file, small_policy("10万元") + "规则「坏」：对「未声明」的企业，给予1万元补助。\n");
  EXPECT_TRUE(wait_state("error", PolicyStore::hash_of(small_policy("10万元"))));
  json st = get_json("/api/v1/policies/small/status", 200);
  EXPECT_EQ(st["state"], "error");
  EXPECT_EQ(st["version"], PolicyStore::hash_of(small_policy("10万元")));
  EXPECT_EQ(st["diagnostics"][0]["code"], "E0301");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(answers.load(), 20);
}

TEST_F(Api, WorkbenchFiles) {
  auto index = client->Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("政策工作台"), std::string::npos);
  auto kw = client->Get("/static/keywords.js");
  ASSERT_TRUE(kw);
  EXPECT_NE(kw->body.find("[\"给予\", \"GIVE\""), std::string::npos);  // generated from keywords.def
  EXPECT_EQ(client->Get("/static/nothing.js")->status, 404);
  EXPECT_EQ(client->Get("/codemirror/../../etc/passwd")->status, 404);
  if (fs::exists("/usr/share/javascript/codemirror/lib/codemirror.js")) {
    auto cm = client->Get("/codemirror/lib/codemirror.js");
    EXPECT_EQ(cm->status, 200);
    EXPECT_EQ(cm->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  }
}

}  // namespace
}  // namespace zhengce::serve::testing
