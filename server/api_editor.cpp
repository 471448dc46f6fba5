// What the workbench's editor asks about the text being typed — completion and hover — answered by
// the language service (service/), the same one `zhengce lsp` answers editors with, so a name found
// from `gqrd` in VS Code is found from `gqrd` in the browser. The text comes in the body and the
// position in the query (line and character from 0, character in UTF-16 code units as CodeMirror
// counts them); nothing is kept between requests. Diagnostics stay with /api/v1/check, which calls
// the same zhengce::check() the service does.
#include <optional>
#include <string>

#include "server/api.h"
#include "service/service.h"

namespace zhengce::serve::api {

namespace {

const char* kind_name(zc::service::ItemKind k) {
  using K = zc::service::ItemKind;
  switch (k) {
    case K::Fact: return "fact";
    case K::Indicator: return "indicator";
    case K::Define: return "define";
    case K::Rule: return "rule";
    case K::Payer: return "payer";
    case K::Option: return "option";
    case K::Group: return "group";
    case K::Example: return "example";
    case K::Keyword: return "keyword";
    case K::Snippet: return "snippet";
  }
  return "keyword";
}

ojson position_json(zc::service::Position p) { return ojson{{"line", p.line}, {"character", p.character}}; }

// The query's line and character, or nullopt once a 400 is sent.
std::optional<zc::service::Position> position_of(const httplib::Request& req, httplib::Response& res, Lang l) {
  zc::service::Position p;
  for (const char* key : {"line", "character"}) {
    if (!req.has_param(key)) {
      send_error(res, 400, "missing_parameter", tr(l, std::string("须给出 ?") + key + "=", std::string("give ?") + key + "="),
                 {{"parameter", key}});
      return std::nullopt;
    }
    std::string v = req.get_param_value(key);
    bool ok = !v.empty() && v.size() <= 9 && v.find_first_not_of("0123456789") == std::string::npos;
    if (!ok) {
      send_error(res, 400, "bad_parameter",
                 tr(l, std::string(key) + " 应为从 0 起的整数", std::string(key) + " must be a whole number from 0"),
                 {{"parameter", key}});
      return std::nullopt;
    }
    uint32_t n = static_cast<uint32_t>(std::stoul(v));
    (std::string_view(key) == "line" ? p.line : p.character) = n;
  }
  return p;
}

// Runs `answer` on the body opened as one document; a position past its end is a 400.
template <class F>
void with_document(const httplib::Request& req, httplib::Response& res, F answer) {
  conn::request_received();
  Lang l = lang_of(req);
  std::optional<zc::service::Position> p = position_of(req, res, l);
  if (!p) return;
  zc::service::Options o;
  o.lang = l;
  zc::service::LanguageService svc(o);
  const std::string uri = "workbench:draft";
  svc.open(uri, req.body, 1);
  try {
    send_json(res, answer(svc, uri, *p));
  } catch (const zc::service::Error& e) {
    if (e.kind != zc::service::Error::Kind::InvalidPosition) throw;
    send_error(res, 400, "bad_position", tr(l, "位置超出文本", "the position is past the end of the text"));
  }
}

}  // namespace

void add_editor_routes(HttpServer& http, Ctx&) {
  http.Post("/api/v1/complete", [](const httplib::Request& req, httplib::Response& res) {
    with_document(req, res, [](zc::service::LanguageService& svc, const std::string& uri, zc::service::Position p) {
      zc::service::Completion c = svc.complete(uri, p);
      ojson items = ojson::array();
      for (const zc::service::CompletionItem& it : c.items) {
        items.push_back({{"label", it.label},
                         {"kind", kind_name(it.kind)},
                         {"detail", it.detail},
                         {"documentation", it.documentation},
                         {"text", it.edit.new_text},
                         {"snippet", it.snippet},
                         {"from", position_json(it.edit.range.start)},
                         {"to", position_json(it.edit.range.end)}});
      }
      return ojson{{"items", items}, {"incomplete", c.incomplete}};
    });
  });

  http.Post("/api/v1/hover", [](const httplib::Request& req, httplib::Response& res) {
    with_document(req, res, [](zc::service::LanguageService& svc, const std::string& uri, zc::service::Position p) {
      std::optional<zc::service::Hover> h = svc.hover(uri, p);
      if (!h) return ojson{{"hover", nullptr}};
      return ojson{{"hover", {{"markdown", h->markdown}, {"from", position_json(h->range.start)}, {"to", position_json(h->range.end)}}}};
    });
  });
}

}  // namespace zhengce::serve::api
