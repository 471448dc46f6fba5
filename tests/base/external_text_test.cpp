// The one rule for text from outside on its way into an output (base/external_text.h):
// every byte that does not start a valid UTF-8 sequence becomes U+FFFD, in plain text, CSV fields
// and every string and key of a JSON document.
#include <gtest/gtest.h>

#include "base/external_text.h"
#include "base/json_text.h"
#include "nlohmann/json.hpp"

namespace zc {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(ExternalText, ValidTextIsUnchanged) {
  EXPECT_EQ(valid_utf8(""), "");
  EXPECT_EQ(valid_utf8("编号,研发投入"), "编号,研发投入");
  std::string s = "高新技术企业";
  make_valid_utf8(s);
  EXPECT_EQ(s, "高新技术企业");
}

TEST(ExternalText, EachInvalidByteBecomesOneReplacementCharacter) {
  EXPECT_EQ(valid_utf8("a\xFF" "b"), "a" + kFffd + "b");
  // A truncated 3-byte sequence (the first two bytes of 高) is two invalid bytes.
  EXPECT_EQ(valid_utf8("\xE9\xAB"), kFffd + kFffd);
  // An overlong '/' and a surrogate are invalid byte by byte too.
  EXPECT_EQ(valid_utf8("\xC0\xAF"), kFffd + kFffd);
  EXPECT_EQ(valid_utf8("\xED\xA0\x80x"), kFffd + kFffd + kFffd + "x");
  // Valid text after a bad byte is kept.
  EXPECT_EQ(valid_utf8("\x80" "企业"), kFffd + "企业");
}

TEST(ExternalText, CsvFieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("QY0000001"), "QY0000001");
  EXPECT_EQ(csv_field("甲,乙"), "\"甲,乙\"");
  EXPECT_EQ(csv_field("说\"是\""), "\"说\"\"是\"\"\"");
  EXPECT_EQ(csv_field("a\rb"), "\"a\rb\"");
  EXPECT_EQ(csv_field("a\nb"), "\"a\nb\"");
  EXPECT_EQ(csv_field("\xFF,"), "\"" + kFffd + ",\"");
}

TEST(ExternalText, JsonStringsAndKeysAreMadeValid) {
  nlohmann::ordered_json j;
  j["path"] = "reg\xFE.csv";
  j["cols"] = {"ok", "\xC3"};
  j["k\xFF"] = {{"inner\x80", "v\x80"}};
  j["z"] = 1;
  EXPECT_EQ(json_text(j, -1), "{\"path\":\"reg" + kFffd + ".csv\",\"cols\":[\"ok\",\"" + kFffd + "\"],\"k" + kFffd +
                                  "\":{\"inner" + kFffd + "\":\"v" + kFffd + "\"},\"z\":1}");
  // Without it the writer throws (type_error.316): the crash of issue 17.
  EXPECT_THROW((void)j.dump(), nlohmann::json::type_error);
}

}  // namespace
}  // namespace zc
