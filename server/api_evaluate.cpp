// Evaluation over HTTP: one applicant (POST /api/v1/evaluate) or a stream of them (POST
// /api/v1/evaluate/batch, JSONL in and out). A request takes the policy's current version when it
// starts and keeps it to the end, so a reload never mixes two versions in one answer; the version
// is named in the Zhengce-Policy-Version header. Each worker thread keeps one Evaluator per policy
// version. The result document is Evaluation::json(), the one `zhengce run --format json` prints.
#include <cstring>
#include <unordered_map>

#include "server/api.h"
#include "server/json_scan.h"

namespace zhengce::serve::api {

namespace {

std::string json_quote(const std::string& s) { return dump(ojson(s)); }

struct CachedEvaluator {
  std::shared_ptr<const Version> version;
  std::unique_ptr<Evaluator> evaluator;
};
thread_local std::unordered_map<std::string, CachedEvaluator> tl_evaluators;

// INVARIANT: a server has one engine for its whole life, so the cache is keyed by version only.
Evaluator& evaluator_for(const std::shared_ptr<const Version>& v, Engine engine) {
  CachedEvaluator& c = tl_evaluators[v->id];
  if (c.version != v) {
    c.evaluator = std::make_unique<Evaluator>(v->policy, engine);
    // A JIT that cannot compile this version (it should not happen: the module was verified) is
    // replaced by the VM, which gives the same results (tests/engines/parity_test.cpp).
    if (!c.evaluator->ready()) c.evaluator = std::make_unique<Evaluator>(v->policy, Engine::Vm);
    c.version = v;
  }
  return *c.evaluator;
}

// One applicant as a request names it.
struct Applicant {
  std::string_view facts = "{}";
  std::string applicant;
  bool explain = false;
  bool trace = true;                  // how each amount was computed ("trace" of each rule)
  std::string policy;                 // a loaded policy's id …
  std::optional<std::string> source;  // … or a policy text (the workbench's buffer)
};

struct Problem {
  int status = 400;
  std::string code, message;
  ojson extra = ojson::object();
};

// Reads {"policy"|"source", "facts", "applicant", "explain", "trace"} (`batch`: only facts and applicant).
std::optional<Problem> read_applicant(std::string_view body, int max_depth, bool batch, Lang l, Applicant& a) {
  JsonScan scan = scan_json(body, max_depth);
  if (!scan.ok) {
    if (scan.too_deep)
      return Problem{400, "json_too_deep", tr(l, "JSON 嵌套超过上限 ", "JSON nesting exceeds the limit of ") + std::to_string(max_depth), {{"limit", max_depth}}};
    return Problem{400, "bad_json", tr(l, "请求体不是合法的 JSON（第 ", "the body is not valid JSON (byte ") + std::to_string(scan.error_at) + tr(l, " 字节）：", "): ") + scan.error,
                   {{"offset", scan.error_at}}};
  }
  if (scan.kind != '{') return Problem{400, "bad_request", tr(l, "请求体应为 JSON 对象", "the body must be a JSON object")};
  for (const JsonMember& m : scan.members) {
    auto wrong_type = [&](const char* what) {
      return Problem{400, "bad_request", tr(l, "「" + m.key + "」应为" + what, "`" + m.key + "` must be " + what)};
    };
    if (m.key == "facts") {
      if (m.value.empty() || m.value[0] != '{') return wrong_type(l == Lang::En ? "an object" : "对象");
      a.facts = m.value;
    } else if (m.key == "applicant") {
      std::optional<std::string> s = json_string(m.value);
      if (!s) return wrong_type(l == Lang::En ? "a string" : "字符串");
      a.applicant = *s;
    } else if (m.key == "explain" && !batch) {
      if (m.value != "true" && m.value != "false") return wrong_type(l == Lang::En ? "true or false" : "true 或 false");
      a.explain = m.value == "true";
    } else if (m.key == "trace" && !batch) {
      if (m.value != "true" && m.value != "false") return wrong_type(l == Lang::En ? "true or false" : "true 或 false");
      a.trace = m.value == "true";
    } else if (m.key == "policy" && !batch) {
      std::optional<std::string> s = json_string(m.value);
      if (!s) return wrong_type(l == Lang::En ? "a string" : "字符串");
      a.policy = *s;
    } else if (m.key == "source" && !batch) {
      std::optional<std::string> s = json_string(m.value);
      if (!s) return wrong_type(l == Lang::En ? "a string" : "字符串");
      a.source = *s;
    } else {
      return Problem{400, "unknown_field", tr(l, "不认识的字段「" + m.key + "」", "unknown field `" + m.key + "`"), {{"field", m.key}}};
    }
  }
  return std::nullopt;
}

// The facts of `a` for `p`, or the problem (422 with the facts reader's diagnostics).
std::optional<Problem> facts_for(const Policy& p, const Applicant& a, Lang l, std::optional<Facts>& out) {
  FactsRead r = read_facts(p, a.facts, l, a.applicant);
  if (!r.facts)
    return Problem{422, "invalid_facts", tr(l, "申请人事实有误", "the applicant's facts are not valid"), {{"diagnostics", diagnostics_json(r.diagnostics, "")}}};
  out = std::move(r.facts);
  return std::nullopt;
}

// The answer for one applicant, appended to `out`: Evaluation::json, with the explanation last when asked.
void append_result(std::string& out, const Policy& p, const Evaluation& ev, const Facts& f, const Applicant& a, Lang l) {
  ev.append_json(out, a.applicant, true);
  if (a.explain) {
    std::optional<Explanation> x = explain(p, f, ExplainOptions{l, a.applicant});
    out.pop_back();  // the document's closing }
    out += ",\"explain\":";
    out += x ? json_quote(x->text) : std::string("null");
    out += '}';
  }
}

std::string result_text(const Policy& p, const Evaluation& ev, const Facts& f, const Applicant& a, Lang l) {
  std::string out;
  append_result(out, p, ev, f, a, l);
  return out;
}

void send_problem(httplib::Response& res, const Problem& p) { send_error(res, p.status, p.code, p.message, p.extra); }

}  // namespace

void add_evaluate_routes(HttpServer& http, Ctx& ctx) {
  http.Post("/api/v1/evaluate", [&ctx](const httplib::Request& req, httplib::Response& res) {
    conn::request_received();
    Lang l = lang_of(req);
    Applicant a;
    if (auto p = read_applicant(req.body, ctx.options.limits.max_json_depth, false, l, a)) return send_problem(res, *p);
    if (a.source && !a.policy.empty())
      return send_error(res, 400, "bad_request", tr(l, "「policy」与「source」只能给一个", "give `policy` or `source`, not both"));
    if (a.source) {
      CheckOptions co;
      co.lang = l;
      co.examples = false;
      Checked c = check(Source{"草稿.zc", *a.source}, co);
      if (!c.policy)
        return send_error(res, 422, "policy_has_errors", tr(l, "政策文本有错误，无法求值", "the policy text has errors and cannot be evaluated"),
                          {{"diagnostics", diagnostics_json(c.diagnostics, *a.source)}});
      std::optional<Facts> f;
      if (auto p = facts_for(*c.policy, a, l, f)) return send_problem(res, *p);
      Evaluation ev = evaluate(*c.policy, *f, EvaluateOptions{a.trace});
      return send_json(res, result_text(*c.policy, ev, *f, a, l));
    }
    if (a.policy.empty())
      return send_error(res, 400, "missing_field", tr(l, "须给出「policy」（已加载政策的编号）或「source」（政策文本）", "give `policy` (a loaded policy's id) or `source` (a policy text)"));
    std::shared_ptr<const Version> v = ctx.store.get(a.policy);
    if (!v) {
      if (ctx.store.status(a.policy))
        return send_error(res, 409, "policy_has_errors", tr(l, "政策「" + a.policy + "」的文件有错误，尚无可用版本", "policy `" + a.policy + "` has errors and no usable version"),
                          {{"policy", a.policy}});
      return send_error(res, 404, "unknown_policy", tr(l, "没有加载名为「" + a.policy + "」的政策", "no policy named `" + a.policy + "` is loaded"), {{"policy", a.policy}});
    }
    std::optional<Facts> f;
    if (auto p = facts_for(v->policy, a, l, f)) return send_problem(res, *p);
    Evaluation ev = evaluator_for(v, ctx.options.engine).evaluate(*f, EvaluateOptions{a.trace});
    res.set_header("Zhengce-Policy-Version", v->hash);
    send_json(res, result_text(v->policy, ev, *f, a, l));
  });

  http.Post("/api/v1/evaluate/batch", [&ctx](const httplib::Request& req, httplib::Response& res) {
    conn::request_received();
    Lang l = lang_of(req);
    const Limits& limits = ctx.options.limits;
    if (!req.has_param("policy"))
      return send_error(res, 400, "missing_parameter", tr(l, "须给出 ?policy=（已加载政策的编号）", "give ?policy= (a loaded policy's id)"));
    std::string id = req.get_param_value("policy");
    std::shared_ptr<const Version> v = ctx.store.get(id);
    if (!v) return send_error(res, ctx.store.status(id) ? 409 : 404, ctx.store.status(id) ? "policy_has_errors" : "unknown_policy",
                              tr(l, "没有可用的政策「" + id + "」", "no usable policy `" + id + "`"), {{"policy", id}});
    bool with_explain = req.has_param("explain") && req.get_param_value("explain") == "true";
    bool with_trace = !(req.has_param("trace") && req.get_param_value("trace") == "false");
    // Count the lines first: a batch over the limit is refused whole, before any work.
    size_t lines = 0;
    for (const char* p = req.body.data(); p < req.body.data() + req.body.size();) {
      const void* nl = std::memchr(p, '\n', static_cast<size_t>(req.body.data() + req.body.size() - p));
      ++lines;
      if (!nl) break;
      p = static_cast<const char*>(nl) + 1;
    }
    if (lines > limits.max_batch_lines)
      return send_error(res, 413, "batch_too_large",
                        tr(l, "一批最多 " + std::to_string(limits.max_batch_lines) + " 个申请人", "a batch holds at most " + std::to_string(limits.max_batch_lines) + " applicants"),
                        {{"limit", limits.max_batch_lines}});
    res.set_header("Zhengce-Policy-Version", v->hash);
    struct State {
      size_t pos = 0, line = 0, evaluated = 0, failed = 0;
      bool done = false;
    };
    auto st = std::make_shared<State>();
    // INVARIANT: httplib calls the provider while `req` is alive (during this request's response).
    const std::string* body = &req.body;
    res.set_chunked_content_provider("application/x-ndjson; charset=utf-8", [st, body, v, l, with_explain, with_trace, engine = ctx.options.engine, depth = limits.max_json_depth](size_t, httplib::DataSink& sink) {
      // The connection's output buffer, reused from one piece of the stream to the next (and from
      // one request to the next on this worker thread): the answers are appended in place.
      thread_local std::string out;
      out.clear();
      out.reserve(96u << 10);
      Evaluator& evaluator = evaluator_for(v, engine);
      while (st->pos < body->size() && out.size() < (64u << 10)) {
        if (conn::past_deadline()) {
          out += "{\"line\":" + std::to_string(st->line + 1) + ",\"error\":" +
                 error_json("request_timeout", l == Lang::En ? "the batch did not finish within the request timeout; the rest was not evaluated"
                                                             : "本批未在请求时限内完成，其余申请人未求值") + "}\n";
          ++st->failed;
          st->pos = body->size();
          break;
        }
        size_t nl = body->find('\n', st->pos);
        size_t end = nl == std::string::npos ? body->size() : nl;
        std::string_view line(body->data() + st->pos, end - st->pos);
        st->pos = nl == std::string::npos ? body->size() : nl + 1;
        ++st->line;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank lines are not applicants
        Applicant a;
        a.explain = with_explain;
        a.trace = with_trace;
        std::optional<Problem> p = read_applicant(line, depth, true, l, a);
        std::optional<Facts> f;
        if (!p) p = facts_for(v->policy, a, l, f);
        out += "{\"line\":";
        out += std::to_string(st->line);
        if (p) {
          ojson e{{"code", p->code}, {"message", p->message}};
          for (auto it = p->extra.begin(); it != p->extra.end(); ++it) e[it.key()] = it.value();
          out += ",\"error\":" + dump(e) + "}\n";
          ++st->failed;
          continue;
        }
        Evaluation ev = evaluator.evaluate(*f, EvaluateOptions{a.trace});
        out += ",\"result\":";
        append_result(out, v->policy, ev, *f, a, l);
        out += "}\n";
        ++st->evaluated;
      }
      if (st->pos >= body->size() && !st->done) {
        out += "{\"done\":true,\"lines\":" + std::to_string(st->line) + ",\"evaluated\":" + std::to_string(st->evaluated) +
               ",\"errors\":" + std::to_string(st->failed) + "}\n";
        st->done = true;
      }
      if (!out.empty() && !sink.write(out.data(), out.size())) return false;
      if (st->done) sink.done();
      return true;
    });
  });
}

}  // namespace zhengce::serve::api
