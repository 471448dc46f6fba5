// Writing a JSON document whose strings may hold text from outside (external_text.h): every string
// and every key is made valid UTF-8 first, so nlohmann's writer — which throws type_error.316 on an
// invalid byte — never sees one. Every JSON and SARIF output of the CLI goes through json_text().
#pragma once
#include <string>
#include <utility>

#include "base/external_text.h"
#include "base/utf8.h"

namespace zc {

// Makes every string value and key of `j` (any nlohmann::basic_json) valid UTF-8. Keys keep their
// order in an ordered_json; two keys that differ only in their invalid bytes become one (the last wins).
template <class Json>
void make_valid_json(Json& j) {
  if (j.is_string()) {
    make_valid_utf8(j.template get_ref<typename Json::string_t&>());
  } else if (j.is_array()) {
    for (Json& e : j) make_valid_json(e);
  } else if (j.is_object()) {
    bool bad_key = false;
    for (auto it = j.begin(); it != j.end(); ++it) {
      make_valid_json(it.value());
      bad_key = bad_key || utf8_first_invalid(it.key()).has_value();
    }
    if (!bad_key) return;
    Json fixed = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) fixed[valid_utf8(it.key())] = std::move(it.value());
    j = std::move(fixed);
  }
}

// The document as text, indented by `indent` spaces, always valid UTF-8.
template <class Json>
std::string json_text(Json j, int indent) {
  make_valid_json(j);
  return j.dump(indent);
}

}  // namespace zc
