// A validating JSON scanner for request bodies: it checks that a text is exactly one JSON value
// (RFC 8259, UTF-8), no deeper than a limit, and, for an object, returns each member's key and the
// exact bytes of its value. Values are not converted: a facts object is handed on as the bytes the
// client sent, so its numbers are read from their text by the facts reader, never through a double.
// It is iterative (no recursion), so hostile nesting cannot exhaust the stack.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhengce::serve {

struct JsonMember {
  std::string key;         // unescaped
  std::string_view value;  // the value's bytes, as sent
};

struct JsonScan {
  bool ok = false;
  bool too_deep = false;
  size_t error_at = 0;     // byte offset of the first problem
  std::string error;       // what is wrong there (Chinese)
  char kind = 0;           // the value's first byte: { [ " t f n or a digit / '-'
  std::vector<JsonMember> members;  // when kind == '{'
};

JsonScan scan_json(std::string_view text, int max_depth);

// The unescaped text of a JSON string value (with its quotes), or nullopt if it is not one.
std::optional<std::string> json_string(std::string_view value);

}  // namespace zhengce::serve
