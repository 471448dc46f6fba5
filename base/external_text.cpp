// See external_text.h.
#include "base/external_text.h"

#include "base/utf8.h"

namespace zc {

std::string valid_utf8(std::string_view s) {
  std::string out(s);
  make_valid_utf8(out);
  return out;
}

void make_valid_utf8(std::string& s) {
  std::optional<size_t> bad = utf8_first_invalid(s);
  if (!bad) return;
  std::string out = s.substr(0, *bad);
  out.reserve(s.size() + 8);
  size_t i = *bad;
  while (i < s.size()) utf8_append(out, utf8_next_lossy(s, i));
  s = std::move(out);
}

std::string csv_field(std::string_view s) {
  std::string v = valid_utf8(s);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) {
    q.push_back(c);
    if (c == '"') q.push_back('"');
  }
  return q + "\"";
}

}  // namespace zc
