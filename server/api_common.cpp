// What the route files share (see api.h): languages, JSON answers, diagnostics as JSON.
#include "server/api.h"

#include <algorithm>

namespace zhengce::serve::api {

Lang lang_of(const httplib::Request& req) {
  return req.has_param("lang") && req.get_param_value("lang") == "en" ? Lang::En : Lang::Zh;
}

std::string dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

void send_json(httplib::Response& res, const std::string& body, int status) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void send_json(httplib::Response& res, const ojson& j, int status) { send_json(res, dump(j), status); }

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message, const ojson& extra) {
  ojson e;
  e["code"] = code;
  e["message"] = message;
  for (auto it = extra.begin(); it != extra.end(); ++it) e[it.key()] = it.value();
  send_json(res, ojson{{"error", e}}, status);
}

namespace {

// Byte offsets of line starts, to turn a byte offset into a column in UTF-16 code units.
struct Lines {
  std::string_view text;
  std::vector<uint32_t> starts{0};
  explicit Lines(std::string_view t) : text(t) {
    for (uint32_t i = 0; i < t.size(); ++i)
      if (t[i] == '\n') starts.push_back(i + 1);
  }
  // 1-based column in UTF-16 units of byte offset `b` on its line.
  uint32_t utf16_column(uint32_t b) const {
    b = std::min<uint32_t>(b, static_cast<uint32_t>(text.size()));
    uint32_t start = *(std::upper_bound(starts.begin(), starts.end(), b) - 1);
    uint32_t units = 0;
    for (uint32_t i = start; i < b;) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
      units += n == 4 ? 2 : 1;
      i += static_cast<uint32_t>(n);
    }
    return units + 1;
  }
};

ojson location_json(const Location& at, const Lines* lines) {
  ojson j{{"file", at.file},     {"line", at.line},         {"column", at.column}, {"end_line", at.end_line},
          {"end_column", at.end_column}, {"begin", at.begin}, {"end", at.end}};
  if (lines) {
    j["utf16_column"] = lines->utf16_column(at.begin);
    j["utf16_end_column"] = lines->utf16_column(at.end);
  }
  return j;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

}  // namespace

ojson diagnostics_json(const Diagnostics& d, std::string_view text) {
  std::optional<Lines> lines;
  if (!text.empty()) lines.emplace(text);
  ojson out = ojson::array();
  for (const Diagnostic& x : d.items()) {
    ojson j{{"code", x.code}, {"slug", x.slug}, {"severity", severity_name(x.severity)}, {"message", x.message}, {"help", x.help}};
    j["at"] = x.at ? location_json(*x.at, lines ? &*lines : nullptr) : ojson(nullptr);
    ojson notes = ojson::array();
    for (const Diagnostic::Note& n : x.notes) notes.push_back({{"message", n.message}, {"at", location_json(n.at, lines ? &*lines : nullptr)}});
    j["notes"] = notes;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace zhengce::serve::api
