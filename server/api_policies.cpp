// The loaded policies: the list with each policy's facts as a JSON Schema, one policy's rules,
// articles and payers, the reload status of its file, /healthz; and the workbench's file access —
// the text on disk with its draft, autosaved drafts, and saves that refuse to overwrite a file
// changed on disk since it was opened.
#include <ctime>

#include "server/api.h"

namespace zhengce::serve::api {

namespace {

// "/api/v1/policies/{id}…" → id (httplib has decoded the path).
std::string id_of(const httplib::Request& req) { return req.matches.size() > 1 ? std::string(req.matches[1]) : ""; }

void unknown_policy(httplib::Response& res, Lang l, const std::string& id) {
  send_error(res, 404, "unknown_policy", tr(l, "没有加载名为「" + id + "」的政策", "no policy named `" + id + "` is loaded"),
             {{"policy", id}});
}

ojson status_json(const std::string& id, const PolicyStatus& s, Lang) {
  ojson j;
  j["id"] = id;
  j["state"] = s.state;
  j["version"] = s.current ? ojson(s.current->hash) : ojson(nullptr);
  j["loaded_at"] = s.current ? ojson(s.current->loaded_at) : ojson(nullptr);
  j["checked_at"] = s.checked_at;
  if (s.state == "error") j["failed_version"] = s.failed_hash;
  if (!s.failure.empty()) j["failure"] = s.failure;
  j["diagnostics"] = s.diagnostics ? diagnostics_json(*s.diagnostics, "") : ojson::array();
  return j;
}

}  // namespace

void add_policy_routes(HttpServer& http, Ctx& ctx) {
  http.Get("/healthz", [&ctx](const httplib::Request&, httplib::Response& res) {
    size_t ok = 0, failing = 0;
    for (const std::string& id : ctx.store.ids()) {
      std::optional<PolicyStatus> s = ctx.store.status(id);
      if (s && s->current) ++ok;
      if (s && s->state != "ok") ++failing;
    }
    send_json(res, ojson{{"status", "ok"}, {"policies", ok}, {"policies_with_problems", failing}});
  });

  http.Get("/api/v1/policies", [&ctx](const httplib::Request&, httplib::Response& res) {
    std::string out = "{\"policies\":[";
    bool first = true;
    for (const std::string& id : ctx.store.ids()) {
      std::optional<PolicyStatus> s = ctx.store.status(id);
      std::shared_ptr<const Version> v = ctx.store.get(id);
      ojson j{{"id", id}, {"state", s ? s->state : "missing"}};
      if (v) {
        j["title"] = v->policy.title();
        j["issuer"] = v->policy.issuer();
        j["date"] = v->policy.date();
        j["path"] = v->path;
        j["version"] = v->hash;
      }
      std::string item = dump(j);
      if (v) item.insert(item.size() - 1, ",\"facts_schema\":" + v->schema);
      out += (first ? "" : ",") + item;
      first = false;
    }
    send_json(res, out + "]}");
  });

  http.Get("/api/v1/policies/([^/]+)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string id = id_of(req);
    std::shared_ptr<const Version> v = ctx.store.get(id);
    if (!v) {
      if (ctx.store.status(id))
        return send_error(res, 409, "policy_has_errors",
                          tr(lang_of(req), "政策「" + id + "」的文件有错误，尚无可用版本；见 /status", "policy `" + id + "` has errors and no usable version; see /status"),
                          {{"policy", id}});
      return unknown_policy(res, lang_of(req), id);
    }
    std::string out = v->summary;
    out.insert(out.size() - 1, ",\"facts_schema\":" + v->schema);
    res.set_header("Zhengce-Policy-Version", v->hash);
    send_json(res, out);
  });

  http.Get("/api/v1/policies/([^/]+)/status", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string id = id_of(req);
    std::optional<PolicyStatus> s = ctx.store.status(id);
    if (!s) return unknown_policy(res, lang_of(req), id);
    send_json(res, status_json(id, *s, lang_of(req)));
  });

  http.Get("/api/v1/policies/([^/]+)/source", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string id = id_of(req);
    Lang l = lang_of(req);
    if (!ctx.store.status(id)) return unknown_policy(res, l, id);
    auto disk = ctx.store.disk_text(id);
    if (!disk) return send_error(res, 404, "file_unreadable", tr(l, "政策文件无法读取", "the policy file cannot be read"), {{"policy", id}});
    ojson j{{"id", id}, {"text", disk->first}, {"version", disk->second}, {"read_only", ctx.options.read_only}};
    std::optional<Draft> d = ctx.store.draft(id);
    j["draft"] = d ? ojson{{"text", d->text}, {"saved_at", d->saved_at}} : ojson(nullptr);
    send_json(res, j);
  });

  http.Put("/api/v1/policies/([^/]+)/draft", [&ctx](const httplib::Request& req, httplib::Response& res) {
    conn::request_received();
    std::string id = id_of(req);
    Lang l = lang_of(req);
    if (ctx.options.read_only) return send_error(res, 403, "read_only", tr(l, "服务以只读方式启动（--read-only），不能保存", "the server runs --read-only: nothing is saved"));
    std::string why;
    if (!ctx.store.write_draft(id, req.body, why)) {
      if (why == "unknown_policy") return unknown_policy(res, l, id);
      return send_error(res, 500, "write_failed", tr(l, "草稿无法写入", "the draft cannot be written"));
    }
    std::optional<Draft> d = ctx.store.draft(id);
    send_json(res, ojson{{"saved", true}, {"saved_at", d ? d->saved_at : ""}});
  });

  http.Put("/api/v1/policies/([^/]+)/source", [&ctx](const httplib::Request& req, httplib::Response& res) {
    conn::request_received();
    std::string id = id_of(req);
    Lang l = lang_of(req);
    if (ctx.options.read_only) return send_error(res, 403, "read_only", tr(l, "服务以只读方式启动（--read-only），不能保存", "the server runs --read-only: nothing is saved"));
    if (!req.has_param("base"))
      return send_error(res, 400, "missing_parameter",
                        tr(l, "保存须带 base 参数：打开时文件的版本（GET …/source 的 version）", "a save needs ?base=: the version the file had when opened (version of GET …/source)"));
    std::string why, disk;
    if (!ctx.store.save(id, req.body, req.get_param_value("base"), why, disk)) {
      if (why == "unknown_policy") return unknown_policy(res, l, id);
      if (why == "changed_on_disk")
        return send_error(res, 409, "changed_on_disk",
                          tr(l, "文件在打开之后已被修改，未覆盖；你的修改仍在草稿中。请重新载入磁盘上的文件再合并修改",
                             "the file changed on disk since it was opened and was not overwritten; your edits are still in the draft. Reload the file and merge"),
                          {{"disk_version", disk}});
      return send_error(res, 500, "write_failed", tr(l, "文件无法写入", "the file cannot be written"));
    }
    std::optional<PolicyStatus> s = ctx.store.status(id);
    send_json(res, ojson{{"saved", true}, {"version", disk}, {"status", s ? status_json(id, *s, l) : ojson(nullptr)}});
  });
}

}  // namespace zhengce::serve::api
