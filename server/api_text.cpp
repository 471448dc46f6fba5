// A policy text sent in the body (what the workbench sends as the drafter types): check it (with
// its example cases, and what it declares, for the applicant form and completion), render its
// official text, or lay it out as `zhengce fmt` does. A text with errors is an answer, not a failed
// request: these endpoints answer 200 with "ok": false and the diagnostics.
#include "server/api.h"
#include "server/store.h"

namespace zhengce::serve::api {

namespace {

std::string name_of(const httplib::Request& req) {
  std::string n = req.has_param("name") ? req.get_param_value("name") : "";
  return n.empty() ? "草稿.zc" : n;
}

ojson declared_json(const Policy& p) {
  ojson facts = ojson::array();
  for (const FactSpec& f : p.facts()) {
    ojson x{{"name", f.name}, {"type", f.type}, {"indicator", f.indicator}};
    if (!f.options.empty()) x["options"] = f.options;
    x["default"] = f.default_value ? ojson(*f.default_value) : ojson(nullptr);
    facts.push_back(x);
  }
  return ojson{{"title", p.title()}, {"facts", facts}, {"rules", p.rules()}, {"payers", p.payers()}};
}

}  // namespace

void add_text_routes(HttpServer& http, Ctx&) {
  http.Post("/api/v1/check", [](const httplib::Request& req, httplib::Response& res) {
    conn::request_received();
    Lang l = lang_of(req);
    bool run_examples = !(req.has_param("examples") && req.get_param_value("examples") == "false");
    CheckOptions co;
    co.lang = l;
    co.examples = false;  // run below, so that a failing case still leaves a policy for the form
    Checked c = check(Source{name_of(req), req.body}, co);
    Diagnostics all = c.diagnostics;
    ojson examples = nullptr;
    if (c.policy && run_examples) {
      examples = ojson::array();
      if (auto results = test(*c.policy, Engine::Vm, l)) {
        for (const ExampleResult& r : *results) {
          all.append(r.failures);
          examples.push_back({{"name", r.name}, {"passed", r.passed}, {"failures", diagnostics_json(r.failures, req.body)}});
        }
      }
    }
    ojson j;
    j["ok"] = all.errors() == 0;
    j["errors"] = all.errors();
    j["warnings"] = all.warnings();
    j["summary"] = all.summary();
    j["version"] = PolicyStore::hash_of(req.body);
    j["diagnostics"] = diagnostics_json(all, req.body);
    j["examples"] = examples;
    j["policy"] = c.policy ? declared_json(*c.policy) : ojson(nullptr);
    send_json(res, j);
  });

  http.Post("/api/v1/render", [](const httplib::Request& req, httplib::Response& res) {
    conn::request_received();
    Lang l = lang_of(req);
    std::string f = req.has_param("format") ? req.get_param_value("format") : "html";
    RenderFormat rf;
    if (f == "html") rf = RenderFormat::Html;
    else if (f == "text") rf = RenderFormat::Text;
    else if (f == "markdown") rf = RenderFormat::Markdown;
    else return send_error(res, 400, "bad_parameter", tr(l, "format 应为 html、text 或 markdown", "format must be html, text or markdown"), {{"parameter", "format"}});
    Rendered r = render({Source{name_of(req), req.body}}, rf, l);
    send_json(res, ojson{{"ok", r.diagnostics.errors() == 0}, {"format", f}, {"text", r.text}, {"diagnostics", diagnostics_json(r.diagnostics, req.body)}});
  });

  http.Post("/api/v1/fmt", [](const httplib::Request& req, httplib::Response& res) {
    conn::request_received();
    Lang l = lang_of(req);
    Formatted r = format(Source{name_of(req), req.body}, l);
    const char* status = r.status == Formatted::Status::Ok ? "ok" : r.status == Formatted::Status::SourceErrors ? "source_errors" : "refused";
    ojson j{{"ok", r.status == Formatted::Status::Ok}, {"status", status}};
    j["text"] = r.status == Formatted::Status::Ok ? ojson(r.text) : ojson(nullptr);
    j["changed"] = r.status == Formatted::Status::Ok && r.text != req.body;
    if (r.status == Formatted::Status::Refused) j["problem"] = r.problem;
    j["diagnostics"] = diagnostics_json(r.diagnostics, req.body);
    send_json(res, j);
  });
}

}  // namespace zhengce::serve::api
