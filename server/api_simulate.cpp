// Registry simulation for the workbench (POST /api/v1/simulate): a CSV or JSONL registry uploaded as
// multipart/form-data is streamed to a temporary file and simulated with the public simulate() on a
// loaded policy or on the text being edited. The answer is the summary of `zhengce simulate
// --format json` plus, per clause, a histogram of the awards read from the per-applicant results.
// One simulation runs at a time; another request meanwhile is answered 503.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>

#include "server/api.h"

namespace zhengce::serve::api {

namespace {

std::mutex g_simulating;

__extension__ typedef __int128 i128;  // exact products of amounts in 分

struct TempFile {
  std::string path;
  explicit TempFile(const char* suffix) {
    char tmpl[] = "/tmp/zhengce-serve-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd >= 0) {
      ::close(fd);
      path = std::string(tmpl) + suffix;
      std::rename(tmpl, path.c_str());
    }
  }
  ~TempFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

// Splits one CSV line (quotes with "" inside, as the per-applicant writer writes them).
std::vector<std::string> csv_cells(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back() += '"'; ++i; }
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') quoted = true;
    else if (c == ',') out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

// An award cell of the per-applicant file as a whole number of 分 (its highest value: an interval
// 0~500000 counts as 500000, 择优:100000 as 100000), or nullopt for a cell with no amount. Exact
// decimals and fractions p/q are read without floating point; a fraction of a 分 is dropped.
std::optional<int64_t> cents_of(std::string cell) {
  if (cell.rfind("择优:", 0) == 0) cell = cell.substr(std::string("择优:").size());
  size_t tilde = cell.find('~');
  if (tilde != std::string::npos) cell = cell.substr(tilde + 1);
  if (cell.empty()) return std::nullopt;
  size_t slash = cell.find('/');
  auto whole = [](const std::string& s, i128& v, int& decimals) {
    v = 0;
    decimals = -1;
    size_t i = 0;
    bool neg = !s.empty() && s[0] == '-';
    if (neg) ++i;
    if (i >= s.size()) return false;
    for (; i < s.size(); ++i) {
      if (s[i] == '.' && decimals < 0) { decimals = 0; continue; }
      if (s[i] < '0' || s[i] > '9') return false;
      if (v > (i128{1} << 100)) return false;
      v = v * 10 + (s[i] - '0');
      if (decimals >= 0) ++decimals;
    }
    if (neg) v = -v;
    if (decimals < 0) decimals = 0;
    return true;
  };
  i128 num = 0, den = 1;
  int d = 0;
  if (slash == std::string::npos) {
    if (!whole(cell, num, d)) return std::nullopt;
    for (int k = 0; k < d; ++k) den *= 10;
  } else {
    int d2 = 0;
    if (!whole(cell.substr(0, slash), num, d) || d != 0 || !whole(cell.substr(slash + 1), den, d2) || d2 != 0 || den <= 0) return std::nullopt;
  }
  i128 c = num * 100;
  i128 q = c / den;
  if (c % den != 0 && c < 0) --q;  // floor
  return static_cast<int64_t>(q);
}

std::string yuan(int64_t cents) {
  bool neg = cents < 0;
  uint64_t a = neg ? static_cast<uint64_t>(-(cents + 1)) + 1 : static_cast<uint64_t>(cents);
  std::string s = std::to_string(a / 100) + "." + (a % 100 < 10 ? "0" : "") + std::to_string(a % 100);
  return neg ? "-" + s : s;
}

// Per clause: the awards' histogram — one bar per distinct amount when there are at most 12, else
// 10 bins of equal width (in whole 分) from the least to the greatest amount.
ojson histograms(const std::string& per_applicant_csv, const std::vector<std::string>& rules) {
  std::ifstream in(per_applicant_csv, std::ios::binary);
  std::string line;
  if (!std::getline(in, line)) return ojson::array();
  std::vector<std::string> head = csv_cells(line);
  std::vector<int> column_of(rules.size(), -1);
  for (size_t c = 0; c < head.size(); ++c)
    for (size_t r = 0; r < rules.size(); ++r)
      if (head[c] == rules[r]) column_of[r] = static_cast<int>(c);
  std::vector<std::map<int64_t, uint64_t>> counts(rules.size());
  while (std::getline(in, line)) {
    std::vector<std::string> cells = csv_cells(line);
    for (size_t r = 0; r < rules.size(); ++r) {
      int c = column_of[r];
      if (c < 0 || static_cast<size_t>(c) >= cells.size()) continue;
      if (std::optional<int64_t> v = cents_of(cells[static_cast<size_t>(c)])) ++counts[r][*v];
    }
  }
  ojson out = ojson::array();
  for (size_t r = 0; r < rules.size(); ++r) {
    const auto& m = counts[r];
    ojson bins = ojson::array();
    uint64_t total = 0;
    if (m.size() <= 12) {
      for (const auto& [v, n] : m) {
        bins.push_back({{"from", yuan(v)}, {"to", yuan(v)}, {"count", n}});
        total += n;
      }
    } else {
      int64_t lo = m.begin()->first, hi = m.rbegin()->first;
      int64_t width = (hi - lo) / 10 + 1;
      std::vector<uint64_t> b(10, 0);
      for (const auto& [v, n] : m) {
        b[static_cast<size_t>(std::min<int64_t>(9, (v - lo) / width))] += n;
        total += n;
      }
      for (int k = 0; k < 10; ++k)
        bins.push_back({{"from", yuan(lo + k * width)}, {"to", yuan(std::min(hi, lo + (k + 1) * width - 1))}, {"count", b[static_cast<size_t>(k)]}});
    }
    out.push_back({{"rule", rules[r]}, {"awards", total}, {"distinct", m.size() <= 12}, {"bins", bins}});
  }
  return out;
}

}  // namespace

void add_simulate_route(HttpServer& http, Ctx& ctx) {
  http.Post("/api/v1/simulate", [&ctx](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    Lang l = lang_of(req);
    if (!req.is_multipart_form_data()) {
      conn::close_after_response();
      return send_error(res, 415, "unsupported_media_type",
                        tr(l, "请以 multipart/form-data 上传登记册（字段 registry），并给出 policy 或 source", "upload the registry as multipart/form-data (field registry) with policy or source"));
    }
    std::unique_lock<std::mutex> lock(g_simulating, std::try_to_lock);
    if (!lock.owns_lock()) {
      conn::close_after_response();
      return send_error(res, 503, "busy", tr(l, "另一个模拟正在进行，请稍后重试", "another simulation is running; try again shortly"));
    }
    TempFile registry(".csv");
    std::ofstream out(registry.path, std::ios::binary);
    std::map<std::string, std::string> fields;
    std::string current, filename;
    bool too_big = false, got_registry = false;
    size_t small_limit = ctx.options.limits.max_body;
    bool read = reader(
        [&](const httplib::MultipartFormData& part) {
          current = part.name;
          if (current == "registry") {
            filename = part.filename;
            got_registry = true;
          }
          return true;
        },
        [&](const char* data, size_t n) {
          if (current == "registry") {
            out.write(data, static_cast<std::streamsize>(n));
          } else {
            std::string& f = fields[current];
            if (f.size() + n > small_limit) {
              too_big = true;
              return false;
            }
            f.append(data, n);
          }
          return true;
        });
    out.close();
    conn::request_received();
    if (too_big) {
      conn::close_after_response();
      return send_error(res, 413, "payload_too_large", tr(l, "表单字段超过上限", "a form field exceeds the limit"));
    }
    if (!read) {
      conn::close_after_response();
      return send_error(res, 400, "bad_request", tr(l, "上传未完整收到", "the upload was not received whole"));
    }
    if (!got_registry) return send_error(res, 400, "missing_field", tr(l, "须上传登记册（字段 registry）", "upload a registry (field registry)"));
    if (!out || registry.path.empty()) return send_error(res, 500, "internal", tr(l, "临时文件无法写入", "a temporary file cannot be written"));
    std::optional<Policy> policy;
    std::string name;
    std::string source_text;
    if (fields.count("source")) {
      source_text = fields["source"];
      CheckOptions co;
      co.lang = l;
      co.examples = false;
      Checked c = check(Source{"草稿.zc", source_text}, co);
      if (!c.policy)
        return send_error(res, 422, "policy_has_errors", tr(l, "政策文本有错误，无法模拟", "the policy text has errors and cannot be simulated"),
                          {{"diagnostics", diagnostics_json(c.diagnostics, source_text)}});
      policy = *c.policy;
      name = "草稿";
    } else if (fields.count("policy")) {
      std::shared_ptr<const Version> v = ctx.store.get(fields["policy"]);
      if (!v) return send_error(res, 404, "unknown_policy", tr(l, "没有可用的政策「" + fields["policy"] + "」", "no usable policy `" + fields["policy"] + "`"));
      policy = v->policy;
      name = v->id;
    } else {
      return send_error(res, 400, "missing_field", tr(l, "须给出 policy 或 source 字段", "give a policy or a source field"));
    }
    TempFile per_applicant(".out.csv");
    SimulateOptions so;
    so.input = registry.path;
    std::string format = fields.count("format") ? fields["format"] : "";
    bool jsonl = format == "jsonl" || (format.empty() && filename.size() > 6 && filename.substr(filename.size() - 6) == ".jsonl");
    so.format = jsonl ? RegistryFormat::Jsonl : RegistryFormat::Csv;
    so.threads = ctx.options.simulate_threads;
    so.per_applicant = per_applicant.path;
    so.lang = l;
    so.shown_problems = 20;
    Simulation sim = simulate({NamedPolicy{name, *policy}}, so);
    if (sim.failure) return send_error(res, 422, "bad_registry", *sim.failure);
    ojson j;
    j["rows"] = sim.rows;
    j["evaluated"] = sim.evaluated;
    j["bad_rows"] = sim.bad_rows;
    j["rows_with_errors"] = sim.rows_with_errors;
    j["summary"] = ojson::parse(sim.summary_json);
    j["summary"]["registry"]["path"] = filename;  // the uploaded file's name, not our temporary copy
    j["histograms"] = histograms(per_applicant.path, policy->rules());
    send_json(res, j);
  });
}

}  // namespace zhengce::serve::api
