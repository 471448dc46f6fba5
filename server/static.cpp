// The workbench's files: our own (web/, embedded in the binary at build time by
// server/embed.cmake, with the keyword table generated from compiler/syntax/keywords.def) and
// CodeMirror 5 as Debian installs it (libjs-codemirror, /usr/share/javascript/codemirror). Nothing
// is fetched from elsewhere: the workbench works offline.
#include <fstream>
#include <sstream>

#include "server/api.h"
#include "server/web_assets.h"

namespace zhengce::serve::api {

namespace {

const char* type_of(const std::string& path) {
  auto ends = [&](const char* e) {
    std::string s(e);
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

bool serve_asset(const std::string& name, httplib::Response& res) {
  for (size_t i = 0; i < kWebAssetCount; ++i) {
    if (kWebAssets[i].name == name) {
      res.set_content(std::string(kWebAssets[i].data), type_of(name));
      res.set_header("Cache-Control", "no-cache");
      return true;
    }
  }
  return false;
}

// A path under the CodeMirror folder: letters, digits, - _ . and /, no "..", no leading /.
bool safe_relative(const std::string& p) {
  if (p.empty() || p[0] == '/' || p.find("..") != std::string::npos) return false;
  for (char c : p)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/')) return false;
  return true;
}

}  // namespace

void add_static_routes(HttpServer& http, Ctx& ctx) {
  http.Get("/", [](const httplib::Request&, httplib::Response& res) { serve_asset("index.html", res); });
  http.Get("/static/([A-Za-z0-9_.-]+)", [](const httplib::Request& req, httplib::Response& res) {
    if (!serve_asset(req.matches[1], res)) set_error(res, 404, "not_found", "没有这个文件");
  });
  http.Get("/codemirror/([A-Za-z0-9_./-]+)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string rel = req.matches[1];
    if (!safe_relative(rel)) return set_error(res, 404, "not_found", "没有这个文件");
    std::ifstream in(ctx.options.codemirror_dir + "/" + rel, std::ios::binary);
    if (!in) return set_error(res, 404, "not_found", "没有这个文件（CodeMirror 来自 Debian 的 libjs-codemirror）");
    std::ostringstream ss;
    ss << in.rdbuf();
    res.set_content(ss.str(), type_of(rel));
    res.set_header("Cache-Control", "max-age=3600");
  });
}

}  // namespace zhengce::serve::api
