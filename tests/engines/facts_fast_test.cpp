// The facts reader's fast paths (facts/json_fast.h) against the general reader (facts/facts.h), on
// the same inputs: generated applicants of every shipped policy (which must take the fast path),
// and the same objects mutated — malformed JSON, invalid UTF-8, escapes, duplicate and unknown
// keys, nested values, values of the wrong type or outside their domain, comments, a BOM, trailing
// bytes. Wherever the fast path decides, it gives the general reader's values and no diagnostic;
// and zhengce::read_facts, which tries it first, gives exactly the general reader's diagnostics.
#include <gtest/gtest.h>

#include <sstream>

#include "facts/facts.h"
#include "facts/json_fast.h"
#include "sim/synth.h"
#include "tests/engines/support.h"
#include "zhengce/zhengce.h"

namespace zc::test {
namespace {

// What the general reader makes of `json`: the values, and each diagnostic as code and message.
struct General {
  std::vector<FactValue> values;
  std::vector<std::string> problems;
};

General general(const Module& m, std::string_view json) {
  General g;
  std::vector<std::pair<std::string, facts::Scalar>> entries;
  std::string err;
  std::vector<Diagnostic> diags;
  if (!facts::parse_flat_json(json, entries, err)) diags.push_back(make_diag_nospan(DiagCode::E0805, {"：" + err}));
  else g.values = facts::facts_from_json(m, entries, diags);
  for (const Diagnostic& d : diags) g.problems.push_back(std::string(diag_info(d.code).id) + " " + diag_message(d, Lang::Zh));
  return g;
}

std::vector<std::string> public_problems(const zhengce::Policy& p, std::string_view json) {
  zhengce::FactsRead r = zhengce::read_facts(p, json);
  std::vector<std::string> out;
  for (const zhengce::Diagnostic& d : r.diagnostics.items()) out.push_back(d.code + " " + d.message);
  EXPECT_EQ(r.facts.has_value(), out.empty());
  return out;
}

// Generated applicants of one policy, as facts objects (JSONL lines without the 编号 member).
std::vector<std::string> applicants(const Module& m, uint64_t rows) {
  std::string error;
  std::optional<std::vector<sim::SynthColumn>> cols = sim::synth_columns({&m}, error);
  EXPECT_TRUE(cols) << error;
  if (!cols) return {};
  std::ostringstream out;
  sim::write_registry(out, *cols, 20240221, rows, sim::RegistryFormat::Jsonl);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) {
    const std::string id = "{\"编号\":";
    EXPECT_EQ(line.rfind(id, 0), 0u) << line;
    size_t comma = line.find(',');
    lines.push_back(comma == std::string::npos ? "{}" : "{" + line.substr(comma + 1));
  }
  return lines;
}

// One mutation of `s`, chosen by `r`: the kinds of damage a client's bytes can carry.
std::string mutate(const std::string& s, uint64_t r, const std::string& other) {
  static const std::string_view inserts[] = {"\\", "\\u00e5", "\"", "{", "[1]", "{}", "-", "e5", ".", "0", "\xff", "\xc0\xaf",
                                        "\xed\xa0\x80", "\xe4\xb8", "\x01", " ", "\t", ",", ":", "null", "true", "\xef\xbb\xbf",
                                        std::string_view("\0", 1), "万元", "%", "-5", "2.5", "「", "」", "#"};
  std::string t = s;
  const size_t at = s.empty() ? 0 : (r >> 8) % (s.size() + 1);
  switch (r % 12) {
    case 0: if (!t.empty()) t.erase(at == t.size() ? at - 1 : at, 1); break;                     // drop a byte
    case 1: t.insert(at, std::string(inserts[(r >> 20) % std::size(inserts)])); break;                       // insert a token
    case 2: if (!t.empty()) t[at == t.size() ? at - 1 : at] ^= static_cast<char>(1 << ((r >> 30) % 8)); break;  // flip a bit
    case 3: t = t.substr(0, at); break;                                                          // truncate
    case 4: t.insert(t.size() - 1, "," + other.substr(1, other.size() - 2)); break;              // repeat members
    case 5: t.insert(1, "\"未声明的事实\": 1,"); break;                                           // unknown key
    case 6: t.insert(1, "\"#注释\": \"x\", \"#注释\": \"y\","); break;                            // a comment twice
    case 7: t = "\xef\xbb\xbf" + t; break;                                                       // BOM
    case 8: t += (r >> 20) % 2 ? " x" : "\n\n"; break;                                           // trailing bytes or space
    case 9: {                                                                                    // a value replaced
      static const char* const values[] = {"\"-5\"", "-5", "-0", "2.5", "\"2.5家\"", "1e3", "1E+2", "\"是\"", "\"否\"", "false",
                                           "\"2024-02-30\"", "\"2024-02-21\"", "\"「国家级」\"", "\"\"", "[]", "{}", "0.05", "\"5%\"",
                                           "123456789012345678901", "\"１２\"", "null", "\"10万元\"", "007"};
      size_t colon = t.find(':', at);
      if (colon == std::string::npos) break;
      size_t end = colon + 1;
      if (end < t.size() && t[end] == '"') end = t.find('"', end + 1) + 1;
      else end = t.find_first_of(",}", end);
      if (end == std::string::npos || end == 0) break;
      t.replace(colon + 1, end - colon - 1, values[(r >> 20) % std::size(values)]);
      break;
    }
    case 10: {  // a key written with 「」
      size_t q = t.find("\":", at);
      size_t open = q == std::string::npos ? std::string::npos : t.rfind('"', q - 1);
      if (open != std::string::npos) {
        t.insert(q, "」");
        t.insert(open + 1, "「");
      }
      break;
    }
    default: {  // the whole object nested in another one, or an array
      t = (r >> 20) % 2 ? "{\"facts\": " + t + "}" : "[" + t + "]";
      break;
    }
  }
  return t;
}

TEST(FactsFast, AgreesWithTheGeneralReader) {
  uint64_t state = 20240221;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 11;
  };
  size_t valid = 0, valid_fast = 0, mutated = 0, mutated_fast = 0, mutated_refused = 0;
  for (const ShippedPolicy& sp : shipped_policies()) {
    const Module& m = *sp.module;
    zhengce::Loaded loaded = zhengce::load(std::string(ZC_SOURCE_DIR) + "/policies/" + sp.name + ".zc");
    ASSERT_TRUE(loaded.policy) << sp.name;
    facts::FastReader reader(m);
    std::vector<std::string> lines = applicants(m, 100);
    ASSERT_FALSE(lines.empty());
    std::vector<FactValue> fast;
    for (size_t i = 0; i < lines.size(); ++i) {
      // Each generated applicant: well-formed, every key a fact, every value valid.
      const std::string& line = lines[i];
      General g = general(m, line);
      ASSERT_TRUE(g.problems.empty()) << line;
      ++valid;
      if (reader.object(line, fast)) {
        ++valid_fast;
        EXPECT_EQ(fast, g.values) << line;
      }
      // Then damaged copies of it, through both readers and through the public API.
      for (int k = 0; k < 24; ++k) {
        std::string t = mutate(line, next(), lines[(i + 1) % lines.size()]);
        if (k % 3 == 0) t = mutate(t, next(), lines[(i + 2) % lines.size()]);
        ++mutated;
        General gt = general(m, t);
        if (!gt.problems.empty()) ++mutated_refused;
        if (reader.object(t, fast)) {
          ++mutated_fast;
          ASSERT_TRUE(gt.problems.empty()) << "the fast path accepts what the general reader refuses: " << t << "\n" << gt.problems[0];
          EXPECT_EQ(fast, gt.values) << t;
        }
        EXPECT_EQ(public_problems(*loaded.policy, t), gt.problems) << t;
      }
    }
  }
  // Every generated applicant takes the fast path; the mutations reach both readers' error paths.
  EXPECT_EQ(valid_fast, valid);
  EXPECT_GT(mutated_fast, mutated / 20) << mutated;
  EXPECT_GT(mutated_refused, mutated / 3) << mutated;
}

// Hand-picked cases at the edges of what the fast path takes, each compared with the general reader.
TEST(FactsFast, EdgeCases) {
  const char* kPolicy =
      "政策“边界”。\n发文机关“某局”。\n发文日期：2024年2月21日。\n舍入：四舍五入到分。\n出资方「区财政」：本级，默认。\n"
      "事实「认定」：是否，默认否。\n事实「投入」：金额，默认0元。\n事实「比例」：比例，默认0%。\n事实「人数」：数量（人），默认0人。\n"
      "事实「级别」：选项（「国家级」、「省级」），默认「省级」。\n事实「日期」：日期，默认2024年1月1日。\n"
      "第1条“奖励”。\n规则「奖」：对「认定」的企业，给予10万元补助。\n";
  zhengce::Checked c = zhengce::check(zhengce::Source{"边界.zc", kPolicy});
  ASSERT_TRUE(c.policy);
  SourceManager sm;
  DiagSink sink;
  CompileResult r = compile(sm, sm.add("边界.zc", kPolicy), sink);
  ASSERT_TRUE(r.module);
  const Module& m = *r.module;
  facts::FastReader reader(m);
  struct Case {
    std::string_view json;
    bool fast;  // whether the fast path decides it
  };
  const Case cases[] = {
      {"{}", true},
      {" \t\r\n{ } \n", true},
      {R"({"认定": true, "投入": "1000000.50", "比例": "12.5%", "人数": 3, "级别": "国家级", "日期": "2024-02-29"})", true},
      {R"({"认定": "是", "投入": 100, "比例": 0.05, "人数": "3"})", true},
      {R"({"「认定」": false, "#说明": "x", "#另一条": 1, "投入": null})", true},
      {R"({"认定": true, "认定": false})", false},          // a duplicate key
      {R"({"认定": true, "「认定」": false})", false},      // one fact twice
      {R"({"#a": 1, "#a": 2})", false},                     // a duplicate comment
      {R"({"未知": 1})", false},
      {R"({"投入": "-5"})", false},
      {R"({"投入": -5})", false},
      {R"({"投入": -0})", false},
      {R"({"人数": 2.5})", false},
      {R"({"人数": "2.5人"})", false},
      {R"({"人数": 1e2})", false},
      {R"({"投入": "10万元"})", false},
      {R"({"日期": "2024-02-30"})", false},
      {R"({"日期": 20240221})", false},
      {R"({"级别": "「国家级」"})", false},
      {R"({"级别": "市级"})", false},
      {R"({"认定": "true"})", false},
      {R"({"认定": 1})", false},
      {R"({"投入": ""})", false},
      {R"({"投入": "1\u0030"})", false},
      {R"({"\u8ba4\u5b9a": true})", false},
      {R"({"投入": {"a": 1}})", false},
      {R"({"投入": [1]})", false},
      {R"([{"投入": 1}])", false},
      {R"({"投入": 1,})", false},
      {R"({"投入": 01})", false},
      {R"({"投入": 1} x)", false},
      {R"({"投入": 1)", false},
      {"{\"投入\": \"1\x01\"}", false},
      {"{\"投入\xff\": 1}", false},
      {"{\"投入\": \"\xed\xa0\x80\"}", false},
      {"\xef\xbb\xbf{}", false},
      {"", false},
      {std::string_view("{} \0", 4), false},
  };
  for (const Case& k : cases) {
    std::string_view json = k.json;
    std::vector<FactValue> fast;
    const bool took = reader.object(json, fast);
    EXPECT_EQ(took, k.fast) << json;
    General g = general(m, json);
    if (took) {
      EXPECT_TRUE(g.problems.empty()) << json;
      EXPECT_EQ(fast, g.values) << json;
    }
    EXPECT_EQ(public_problems(*c.policy, json), g.problems) << json;
  }
}

}  // namespace
}  // namespace zc::test
