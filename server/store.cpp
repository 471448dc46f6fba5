// The served policies and their files (see store.h).
#include "server/store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace zhengce::serve {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

std::string now_iso() {
  auto t = std::chrono::system_clock::now();
  std::time_t s = std::chrono::system_clock::to_time_t(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::optional<std::string> read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

// Writes through a temporary file in the same folder and a rename, so that a reader (the watcher,
// another program) sees the old text or the new one, never a part.
bool write_atomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + "-" +
                    std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

bool stat_file(const std::string& path, int64_t& size, int64_t& mtime_ns) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  size = st.st_size;
  mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

// A 是否 fact accepts true/false or 是/否; an amount a JSON number in 元 or a text with its unit;
// every fact accepts null (unknown). The x-zhengce-* keys say what the policy declared.
ojson fact_schema(const FactSpec& f) {
  ojson s;
  const std::string& t = f.type;
  auto starts = [&](const char* p) { return t.rfind(p, 0) == 0; };
  if (starts("是否")) {
    s["type"] = {"boolean", "string", "null"};
    s["enum"] = {true, false, "是", "否", nullptr};
  } else if (starts("选项")) {
    s["type"] = {"string", "null"};
    ojson e = ojson::array();
    for (const std::string& o : f.options) e.push_back(o);
    e.push_back(nullptr);
    s["enum"] = e;
  } else if (starts("金额")) {
    s["type"] = {"number", "string", "null"};
    s["description"] = "金额：以元计的数字（精确读取，不经二进制浮点），或带单位的文字，如 \"100万元\"";
  } else if (starts("比例")) {
    s["type"] = {"number", "string", "null"};
    s["description"] = "比例：小数（0.05）或带 % / ‰ 的文字（\"5%\"）";
  } else if (starts("数量")) {
    s["type"] = {"integer", "string", "null"};
    s["description"] = "数量：整数，或带单位的文字（\"2家\"）";
  } else if (starts("日期")) {
    s["type"] = {"string", "null"};
    s["description"] = "日期：\"2024-02-21\" 或 \"2024年2月21日\"";
  } else {
    s["type"] = {"number", "string", "null"};
  }
  s["x-zhengce-type"] = f.type;
  if (f.default_value) s["x-zhengce-default"] = *f.default_value;
  return s;
}

}  // namespace

std::string facts_schema(const Policy& p) {
  ojson j;
  j["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  j["title"] = p.title();
  j["type"] = "object";
  ojson props = ojson::object();
  for (const FactSpec& f : p.facts())
    if (!f.indicator) props[f.name] = fact_schema(f);
  j["properties"] = props;
  // Keys starting with # are comments, as in a facts file; any other key must be a fact.
  j["patternProperties"] = {{"^#", ojson::object()}};
  j["additionalProperties"] = false;
  return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

std::string policy_summary(const std::string& id, const Version& v) {
  const Policy& p = v.policy;
  ojson j;
  j["id"] = id;
  j["title"] = p.title();
  j["issuer"] = p.issuer();
  j["date"] = p.date();
  j["path"] = v.path;
  j["version"] = v.hash;
  j["loaded_at"] = v.loaded_at;
  // A rule's article and a payer's role come with an evaluation: evaluate once with no facts.
  Evaluation e = evaluate(p, Facts(p), EvaluateOptions{false, Lang::Zh});
  ojson rules = ojson::array();
  ojson articles = ojson::array();
  for (const RuleResult& r : e.rules()) {
    rules.push_back({{"name", r.rule}, {"article", r.article}});
    if (articles.empty() || articles.back()["article"] != r.article)
      articles.push_back({{"article", r.article}, {"rules", ojson::array()}});
    articles.back()["rules"].push_back(r.rule);
  }
  j["rules"] = rules;
  j["articles"] = articles;
  ojson payers = ojson::array();
  for (const PayerTotal& t : e.totals()) payers.push_back({{"name", t.payer}, {"role", t.role}});
  j["payers"] = payers;
  ojson facts = ojson::array();
  for (const FactSpec& f : p.facts()) {
    ojson x = {{"name", f.name}, {"type", f.type}, {"indicator", f.indicator}};
    if (!f.options.empty()) x["options"] = f.options;
    if (f.default_value) x["default"] = *f.default_value;
    facts.push_back(x);
  }
  j["facts"] = facts;
  return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

std::string PolicyStore::hash_of(const std::string& text) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a, 64 bits: a change detector, not a signature
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

PolicyStore::~PolicyStore() { stop_watching(); }

std::vector<std::string> PolicyStore::open(const std::vector<std::string>& paths, Lang lang) {
  lang_ = lang;
  std::vector<std::string> errors;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      folders_.push_back(p);
      std::vector<std::string> found;
      for (const auto& de : fs::directory_iterator(p, ec))
        if (de.is_regular_file() && de.path().extension() == ".zc") found.push_back(de.path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      errors.push_back(lang == Lang::En ? "cannot read `" + p + "`: no such file or folder" : "无法读取「" + p + "」：没有这个文件或文件夹");
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& f : files) {
    std::string id = fs::path(f).stem().string();
    if (entries_.count(id)) {
      errors.push_back(lang == Lang::En ? "two policy files are named `" + id + "`: " + entries_[id]->path + " and " + f
                                        : "两个政策文件同名「" + id + "」：" + entries_[id]->path + " 与 " + f);
      continue;
    }
    auto e = std::make_unique<Entry>();
    e->id = id;
    e->path = f;
    look(*e, true);
    entries_[id] = std::move(e);
  }
  return errors;
}

void PolicyStore::load_entry(Entry& e, const std::string& text) {
  CheckOptions co;
  co.lang = lang_;
  Checked c = check(Source{e.path, text}, co);
  std::string at = now_iso();
  std::lock_guard<std::mutex> lock(e.mu);
  e.status.checked_at = at;
  e.status.failure.clear();
  if (!c.policy) {
    e.status.state = "error";
    e.status.failed_hash = hash_of(text);
    e.status.diagnostics = c.diagnostics;
    return;
  }
  auto v = std::make_shared<Version>(Version{e.id, e.path, hash_of(text), text, at, *c.policy, "", ""});
  v->schema = facts_schema(v->policy);
  v->summary = policy_summary(e.id, *v);
  e.current.store(v);
  e.status.current = v;
  e.status.state = "ok";
  e.status.failed_hash.clear();
  e.status.diagnostics = c.diagnostics;  // warnings, if any
}

void PolicyStore::look(Entry& e, bool force) {
  std::lock_guard<std::mutex> looking(e.look_mu);
  int64_t size = -1, mtime = -1;
  if (!stat_file(e.path, size, mtime)) {
    std::lock_guard<std::mutex> lock(e.mu);
    if (e.status.state != "missing") e.status.checked_at = now_iso();
    e.status.state = "missing";
    e.status.failure = lang_ == Lang::En ? "the file cannot be read" : "文件无法读取";
    e.seen_size = e.seen_mtime = -1;
    return;
  }
  bool stable = size == e.seen_size && mtime == e.seen_mtime;
  e.seen_size = size;
  e.seen_mtime = mtime;
  bool changed = size != e.loaded_size || mtime != e.loaded_mtime;
  if (!force && (!changed || !stable)) return;
  std::optional<std::string> text = read_whole(e.path);
  if (!text) {
    std::lock_guard<std::mutex> lock(e.mu);
    e.status.state = "missing";
    e.status.failure = lang_ == Lang::En ? "the file cannot be read" : "文件无法读取";
    return;
  }
  e.loaded_size = size;
  e.loaded_mtime = mtime;
  std::shared_ptr<const Version> cur = e.current.load();
  if (!force && cur && cur->hash == hash_of(*text)) {
    std::lock_guard<std::mutex> lock(e.mu);
    e.status.state = "ok";
    return;
  }
  load_entry(e, *text);
}

void PolicyStore::rescan() {
  for (const std::string& folder : folders_) {
    std::error_code ec;
    std::vector<std::string> found;
    for (const auto& de : fs::directory_iterator(folder, ec))
      if (de.is_regular_file() && de.path().extension() == ".zc") found.push_back(de.path().string());
    for (const std::string& f : found) {
      std::string id = fs::path(f).stem().string();
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (entries_.count(id)) continue;
      }
      auto e = std::make_unique<Entry>();
      e->id = id;
      e->path = f;
      look(*e, true);
      std::lock_guard<std::mutex> lock(mu_);
      entries_.emplace(id, std::move(e));
    }
  }
  std::vector<Entry*> all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [id, e] : entries_) all.push_back(e.get());
  }
  for (Entry* e : all) look(*e, false);
}

void PolicyStore::watch(std::chrono::milliseconds interval) {
  stop_watching();
  stop_ = false;
  watcher_ = std::thread([this, interval] {
    while (!stop_) {
      for (auto slept = std::chrono::milliseconds(0); slept < interval && !stop_; slept += std::chrono::milliseconds(20))
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (!stop_) rescan();
    }
  });
}

void PolicyStore::stop_watching() {
  stop_ = true;
  if (watcher_.joinable()) watcher_.join();
}

PolicyStore::Entry* PolicyStore::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.get();
}

std::vector<std::string> PolicyStore::ids() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (const auto& [id, e] : entries_) out.push_back(id);
  return out;
}

std::shared_ptr<const Version> PolicyStore::get(const std::string& id) const {
  Entry* e = find(id);
  return e ? e->current.load() : nullptr;
}

std::optional<PolicyStatus> PolicyStore::status(const std::string& id) const {
  Entry* e = find(id);
  if (!e) return std::nullopt;
  std::lock_guard<std::mutex> lock(e->mu);
  return e->status;
}

std::optional<Draft> PolicyStore::draft(const std::string& id) const {
  Entry* e = find(id);
  if (!e) return std::nullopt;
  std::string p = draft_path(e->path);
  std::optional<std::string> text = read_whole(p);
  if (!text) return std::nullopt;
  struct stat st {};
  std::string at;
  if (::stat(p.c_str(), &st) == 0) {
    std::time_t s = st.st_mtim.tv_sec;
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    at = buf;
  }
  return Draft{*text, at};
}

std::optional<std::pair<std::string, std::string>> PolicyStore::disk_text(const std::string& id) const {
  Entry* e = find(id);
  if (!e) return std::nullopt;
  std::optional<std::string> text = read_whole(e->path);
  if (!text) return std::nullopt;
  std::string h = hash_of(*text);
  return std::make_pair(std::move(*text), h);
}

bool PolicyStore::write_draft(const std::string& id, const std::string& text, std::string& why) {
  Entry* e = find(id);
  if (!e) {
    why = "unknown_policy";
    return false;
  }
  std::lock_guard<std::mutex> lock(e->mu);
  if (!write_atomically(draft_path(e->path), text)) {
    why = "write_failed";
    return false;
  }
  return true;
}

bool PolicyStore::save(const std::string& id, const std::string& text, const std::string& base, std::string& why,
                       std::string& disk_hash) {
  Entry* e = find(id);
  if (!e) {
    why = "unknown_policy";
    return false;
  }
  {
    std::lock_guard<std::mutex> lock(e->mu);
    std::optional<std::string> now = read_whole(e->path);
    disk_hash = now ? hash_of(*now) : "";
    if (disk_hash != base) {
      why = "changed_on_disk";
      return false;
    }
    if (!write_atomically(e->path, text)) {
      why = "write_failed";
      return false;
    }
    std::remove(draft_path(e->path).c_str());
    disk_hash = hash_of(text);
  }
  look(*e, true);  // serve the saved text now (or record its errors), not at the next look
  return true;
}

}  // namespace zhengce::serve
