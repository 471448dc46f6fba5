// The request-body JSON scanner (see json_scan.h): one pass, an explicit stack of open containers.
#include "server/json_scan.h"

#include <cstdint>

#include "base/json_plain.h"
#include "base/utf8.h"

namespace zhengce::serve {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Scanner {
  std::string_view s;
  size_t i = 0;
  std::string error;

  bool fail(const char* what) {
    if (error.empty()) error = what;
    return false;
  }
  void ws() {
    while (i < s.size() && is_ws(s[i])) ++i;
  }
  bool hex4(uint32_t& v) {
    if (s.size() - i < 4) return fail("\\u 后应有 4 位十六进制数");
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s[i++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
      else return fail("\\u 后应有 4 位十六进制数");
    }
    return true;
  }
  // A string starting at s[i] == '"'; its unescaped text into `out` when given.
  bool string(std::string* out) {
    ++i;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') {
        ++i;
        return true;
      }
      if (c < 0x20) return fail("字符串中有未转义的控制字符");
      if (c == '\\') {
        if (++i >= s.size()) break;
        char e = s[i++];
        char plain = 0;
        switch (e) {
          case '"': plain = '"'; break;
          case '\\': plain = '\\'; break;
          case '/': plain = '/'; break;
          case 'b': plain = '\b'; break;
          case 'f': plain = '\f'; break;
          case 'n': plain = '\n'; break;
          case 'r': plain = '\r'; break;
          case 't': plain = '\t'; break;
          case 'u': {
            uint32_t cp;
            if (!hex4(cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              uint32_t lo;
              if (s.size() - i < 6 || s[i] != '\\' || s[i + 1] != 'u') return fail("代理对不完整");
              i += 2;
              if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return fail("代理对不完整");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return fail("代理对不完整");
            }
            if (out) zc::utf8_append(*out, cp);  // a scalar value: surrogates are paired or refused above
            continue;
          }
          default: return fail("无效的转义序列");
        }
        if (out) *out += plain;
        continue;
      }
      // A run of plain bytes up to the next quote, backslash or control byte (base/json_plain.h),
      // checked as UTF-8 in one pass (strictly, base/utf8.h: no overlongs, no
      // surrogates, nothing past U+10FFFF) and copied whole.
      const size_t at = i;
      i = zc::json_plain_run_end(s, i + 1);
      if (std::optional<size_t> bad = zc::utf8_first_invalid(s.substr(at, i - at))) {
        i = at + *bad;
        return fail("不是合法的 UTF-8");
      }
      if (out) out->append(s.data() + at, i - at);
    }
    return fail("字符串没有结束");
  }
  bool number() {
    size_t start = i;
    if (s[i] == '-') ++i;
    if (i >= s.size()) return fail("数字不完整");
    if (s[i] == '0') ++i;
    else if (s[i] >= '1' && s[i] <= '9') while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    else return fail("数字不完整");
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t d = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == d) return fail("小数点后应有数字");
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
      size_t d = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == d) return fail("指数应有数字");
    }
    return i > start;
  }
  bool literal(std::string_view word) {
    if (s.substr(i, word.size()) != word) return fail("无法识别的值");
    i += word.size();
    return true;
  }
};

}  // namespace

JsonScan scan_json(std::string_view text, int max_depth) {
  JsonScan out;
  Scanner sc;
  sc.s = text;
  // The stack of open containers: '{' or '['. After a value inside an object we expect , or }.
  std::string stack;
  bool top_object = false;
  size_t member_value_start = 0;
  std::string member_key;
  auto finish_member = [&](size_t end) {
    while (end > member_value_start && is_ws(text[end - 1])) --end;
    if (top_object && stack.size() == 1)
      out.members.push_back({member_key, text.substr(member_value_start, end - member_value_start)});
  };
  sc.ws();
  if (sc.i >= text.size()) {
    out.error = "请求体为空，应为 JSON";
    return out;
  }
  out.kind = text[sc.i];
  top_object = out.kind == '{';
  // States: expecting a value (V), after a value (A), expecting a key or } (K, at the start of an
  // object), expecting a key after a comma (K2), expecting a value or ] (E, at the start of an array).
  enum State { V, A, K, K2, E } st = V;
  for (;;) {
    sc.ws();
    if (st == A) {
      if (stack.empty()) break;
      if (sc.i >= text.size()) {
        sc.fail("JSON 不完整");
        break;
      }
      char c = text[sc.i];
      if (stack.back() == '{') {
        if (c == ',') { finish_member(sc.i); ++sc.i; st = K2; continue; }
        if (c == '}') { finish_member(sc.i); ++sc.i; stack.pop_back(); st = A; continue; }
        sc.fail("对象成员之后应为 , 或 }");
        break;
      }
      if (c == ',') { ++sc.i; st = V; continue; }
      if (c == ']') { ++sc.i; stack.pop_back(); st = A; continue; }
      sc.fail("数组元素之后应为 , 或 ]");
      break;
    }
    if (sc.i >= text.size()) {
      sc.fail("JSON 不完整");
      break;
    }
    char c = text[sc.i];
    if (st == K || st == K2) {
      if (st == K && c == '}') { ++sc.i; stack.pop_back(); st = A; continue; }
      if (c != '"') { sc.fail("应为用引号括起的键"); break; }
      std::string key;
      if (!sc.string(top_object && stack.size() == 1 ? &key : nullptr)) break;
      sc.ws();
      if (sc.i >= text.size() || text[sc.i] != ':') { sc.fail("键之后应为 :"); break; }
      ++sc.i;
      sc.ws();
      if (stack.size() == 1) {
        member_key = std::move(key);
        member_value_start = sc.i;
      }
      st = V;
      continue;
    }
    if (st == E && c == ']') { ++sc.i; stack.pop_back(); st = A; continue; }
    // A value.
    if (c == '{' || c == '[') {
      if (static_cast<int>(stack.size()) >= max_depth) {
        out.too_deep = true;
        sc.fail("JSON 嵌套过深");
        break;
      }
      stack += c;
      ++sc.i;
      st = c == '{' ? K : E;
      continue;
    }
    bool ok = c == '"' ? sc.string(nullptr)
              : c == 't' ? sc.literal("true")
              : c == 'f' ? sc.literal("false")
              : c == 'n' ? sc.literal("null")
              : (c == '-' || (c >= '0' && c <= '9')) ? sc.number()
                                                    : sc.fail("无法识别的值");
    if (!ok) break;
    st = A;
  }
  if (sc.error.empty()) {
    sc.ws();
    if (sc.i != text.size()) sc.fail("JSON 值之后还有多余的内容");
  }
  if (!sc.error.empty()) {
    out.error = sc.error;
    out.error_at = sc.i;
    out.members.clear();
    return out;
  }
  out.ok = true;
  return out;
}

std::optional<std::string> json_string(std::string_view value) {
  if (value.empty() || value[0] != '"') return std::nullopt;
  Scanner sc;
  sc.s = value;
  std::string out;
  if (!sc.string(&out) || sc.i != value.size()) return std::nullopt;
  return out;
}

}  // namespace zhengce::serve
