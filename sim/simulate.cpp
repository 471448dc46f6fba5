// The streaming simulator (simulate.h). The calling thread reads the registry in ~1 MiB chunks cut
// at line ends and queues them; workers parse, evaluate and aggregate; finished chunks are written
// out strictly in file order. At most 2 × threads + 2 chunks are in flight, which bounds memory.
// Each worker keeps its own statistics, merged at the end in worker order (the merge is exact and
// commutative, so how rows were shared out does not matter).
#include "sim/simulate.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "compiler/base/external_text.h"
#include "runtime/jit/select.h"

namespace zc::sim {
namespace {

// Whole lines of the registry. The bytes are not value-initialised: the reader only copies.
struct Chunk {
  uint64_t seq = 0;
  uint64_t first_line = 0;
  std::unique_ptr<char[]> data;
  size_t size = 0;
};

struct ChunkResult {
  uint64_t rows = 0, evaluated = 0, bad = 0, with_errors = 0;
  std::vector<RowProblem> problems;
  std::string out;
};

std::string interval_cell(const Interval& v) {
  return v.is_exact() ? v.lo.to_decimal() : v.lo.to_decimal() + "~" + v.hi.to_decimal();
}

// One rule's result in the per-applicant file (docs/simulate.md).
std::string award_cell(const RuleOutcome& o) {
  switch (o.status) {
    case RuleStatus::NotApplicable: return "";
    case RuleStatus::Excluded: return "不重复";
    case RuleStatus::Error: return "无法计算";
    case RuleStatus::Awarded: break;
  }
  if (o.case_by_case) return "一事一议";
  if (o.unspecified) return "金额未明确";
  if (o.deduction) return "扣除:" + interval_cell(*o.deduction);
  if (o.amounts.empty()) return "适用";
  Interval sum = Interval::exact(Rational(0));
  for (const PayerAmount& pa : o.amounts) {
    std::optional<Interval> s = sum.add(o.selective ? pa.amount.upto() : pa.amount);
    if (!s) return "溢出";
    sum = *s;
  }
  return (o.selective ? "择优:" : "") + interval_cell(sum);
}

std::string_view trim_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

class Pipeline;

// One worker thread's state: its engines, statistics and scratch buffers. Cache-line aligned, so
// that neighbouring workers never write to one line.
struct alignas(64) Worker {
  std::vector<std::unique_ptr<Engine>> engines;
  std::vector<PolicyStats> stats;
  std::vector<std::vector<FactValue>> facts;
  std::vector<Evaluation> evs;
  std::vector<std::string_view> cells;
  std::vector<std::pair<std::string, cli::Scalar>> entries;
  std::string scratch;
  std::set<std::string> unknown_keys;
};

class Pipeline {
 public:
  Pipeline(const std::vector<SimPolicy>& policies, const SimOptions& opts, RegistryLayout layout)
      : policies_(policies), opts_(opts), layout_(std::move(layout)) {
    for (const SimPolicy& p : policies) readers_.emplace_back(*p.module);
    max_in_flight_ = 2 * static_cast<size_t>(opts.threads) + 2;
  }

  bool run(int fd, uint64_t file_size, uint64_t first_data_line, std::string carry, std::ostream* out, SimResult& result,
           std::string& error_zh, std::string& error_en);

 private:
  void work(Worker& w);
  void process(Worker& w, const Chunk& c, ChunkResult& r);
  void row(Worker& w, std::string_view line, uint64_t line_no, ChunkResult& r);
  bool read_row(Worker& w, std::string_view line, uint64_t line_no, ChunkResult& r, std::string& id);
  void problem(ChunkResult& r, uint64_t line, bool bad, std::string zh, std::string en) const;
  void deliver(uint64_t seq, ChunkResult&& r);
  void progress(uint64_t bytes, uint64_t total, bool final);

  const std::vector<SimPolicy>& policies_;
  const SimOptions& opts_;
  RegistryLayout layout_;
  std::vector<FactReader> readers_;
  size_t max_in_flight_ = 4;

  std::mutex mu_;
  std::condition_variable work_cv_, space_cv_;
  std::deque<Chunk> queue_;
  bool closed_ = false;
  size_t in_flight_ = 0;

  // The ordered sink: results wait here until every earlier chunk has been written.
  std::map<uint64_t, ChunkResult> pending_;
  uint64_t next_ = 0;
  std::ostream* out_ = nullptr;
  SimResult* result_ = nullptr;
  std::atomic<uint64_t> rows_done_{0};
  std::chrono::steady_clock::time_point last_progress_{};
};

void Pipeline::problem(ChunkResult& r, uint64_t line, bool bad, std::string zh, std::string en) const {
  if (r.problems.size() < opts_.shown_problems) r.problems.push_back(RowProblem{line, bad, std::move(zh), std::move(en)});
}

// Fills every policy's facts from one registry line. False (and a reported bad row) when it cannot.
bool Pipeline::read_row(Worker& w, std::string_view line, uint64_t line_no, ChunkResult& r, std::string& id) {
  // The messages' prefixes, built only when a row is bad.
  auto at = [line_no] { return "第 " + std::to_string(line_no) + " 行："; };
  auto at_en = [line_no] { return "line " + std::to_string(line_no) + ": "; };
  for (size_t p = 0; p < policies_.size(); ++p) w.facts[p].assign(policies_[p].module->facts.size(), FactValue{});
  auto bad_value = [&](size_t col, const RegistryLayout::Target& t, const cli::Scalar& v, const std::string& shown) {
    std::string why = readers_[t.policy].why_not(t.fact, v);
    problem(r, line_no, true, at() + "「" + layout_.column_name(col) + "」的值「" + shown + "」无法读取：" + why,
            at_en() + "cannot read `" + shown + "` in column `" + layout_.column_name(col) + "` (" + why + ")");
    return false;
  };
  if (opts_.format == RegistryFormat::Csv) {
    std::string why;
    if (!split_csv_line(line, w.cells, w.scratch, why)) {
      problem(r, line_no, true, at() + why, at_en() + "malformed CSV quoting");
      return false;
    }
    if (w.cells.size() != layout_.columns()) {
      problem(r, line_no, true,
              at() + "有 " + std::to_string(w.cells.size()) + " 列，表头有 " + std::to_string(layout_.columns()) + " 列",
              at_en() + std::to_string(w.cells.size()) + " cells, the header has " + std::to_string(layout_.columns()));
      return false;
    }
    if (layout_.id_column() >= 0) id = std::string(w.cells[static_cast<size_t>(layout_.id_column())]);
    for (size_t c = 0; c < w.cells.size(); ++c) {
      for (const RegistryLayout::Target& t : layout_.targets(c)) {
        if (!readers_[t.policy].from_text(t.fact, w.cells[c], w.facts[t.policy][t.fact])) {
          return bad_value(c, t, csv_scalar(w.cells[c]), std::string(w.cells[c]));
        }
      }
    }
    return true;
  }
  w.entries.clear();
  std::string err;
  if (!cli::parse_flat_json(line, w.entries, err)) {
    problem(r, line_no, true, at() + "不是一个扁平的 JSON 对象：" + err, at_en() + "not a flat JSON object: " + err);
    return false;
  }
  for (const auto& [key, value] : w.entries) {
    if (!key.empty() && key[0] == '#') continue;
    if (is_id_column(key)) {
      id = value.kind == cli::Scalar::Kind::Bool ? (value.b ? "true" : "false") : value.text;
      continue;
    }
    int col = layout_.column_of(key);
    if (col < 0) {
      if (w.unknown_keys.size() < 64) w.unknown_keys.insert(key);
      continue;
    }
    for (const RegistryLayout::Target& t : layout_.targets(static_cast<size_t>(col))) {
      if (!readers_[t.policy].from_scalar(t.fact, value, w.facts[t.policy][t.fact])) {
        return bad_value(static_cast<size_t>(col), t, value, value.kind == cli::Scalar::Kind::Bool ? (value.b ? "true" : "false") : value.text);
      }
    }
  }
  return true;
}

void Pipeline::row(Worker& w, std::string_view line, uint64_t line_no, ChunkResult& r) {
  ++r.rows;
  std::string id;
  const bool ok = read_row(w, line, line_no, r, id);
  if (out_ != nullptr) r.out += std::to_string(line_no) + "," + csv_field(id) + ",";
  if (!ok) {
    ++r.bad;
    if (out_ != nullptr) {
      r.out += "坏行";
      for (size_t p = 0; p < policies_.size(); ++p) {
        r.out.append(policies_[p].module->rules.size() + policies_[p].module->payers.size(), ',');
      }
      r.out += "\n";
    }
    return;
  }
  ++r.evaluated;
  bool any_error = false;
  std::string cells;
  for (size_t p = 0; p < policies_.size(); ++p) {
    const Module& m = *policies_[p].module;
    Evaluation& ev = w.evs[p];
    w.engines[p]->evaluate_into(w.facts[p], EvalOptions{}, ev);
    w.stats[p].add(m, ev);
    if (ev.has_error) {
      for (size_t k = 0; k < ev.rules.size(); ++k) {
        const RuleOutcome& o = ev.rules[k];
        if (o.status != RuleStatus::Error) continue;
        const std::string& rule = m.str(m.rules[k].name);
        const std::string in = policies_.size() > 1 ? "《" + policies_[p].name + "》" : "";
        const std::string in_en = policies_.size() > 1 ? policies_[p].name + ": " : "";
        if (!any_error) {
          const std::string at = "第 " + std::to_string(line_no) + " 行：";
          const std::string at_en = "line " + std::to_string(line_no) + ": ";
          if (o.error == VmError::MissingFact) {
            const std::string& fact = m.str(m.facts[o.error_fact].name);
            problem(r, line_no, false, at + in + "规则「" + rule + "」需要事实「" + fact + "」（没有默认值）",
                    at_en + in_en + "rule `" + rule + "` needs the fact `" + fact + "` (it has no default)");
          } else {
            problem(r, line_no, false, at + in + "规则「" + rule + "」计算溢出", at_en + in_en + "rule `" + rule + "` overflows");
          }
        }
        any_error = true;
        break;
      }
    }
    if (out_ != nullptr) {
      for (const RuleOutcome& o : ev.rules) cells += "," + csv_field(award_cell(o));
      for (const Interval& t : ev.payer_totals) cells += "," + interval_cell(t);
    }
  }
  r.with_errors += any_error;
  if (out_ != nullptr) r.out += (any_error ? "部分无法计算" : "已求值") + cells + "\n";
}

void Pipeline::process(Worker& w, const Chunk& c, ChunkResult& r) {
  std::string_view rest(c.data.get(), c.size);
  uint64_t line_no = c.first_line;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = trim_cr(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (!line.empty()) row(w, line, line_no, r);
    ++line_no;
  }
}

void Pipeline::deliver(uint64_t seq, ChunkResult&& r) {
  std::lock_guard<std::mutex> lock(mu_);
  pending_.emplace(seq, std::move(r));
  for (auto it = pending_.find(next_); it != pending_.end(); it = pending_.find(next_)) {
    ChunkResult& d = it->second;
    SimResult& res = *result_;
    res.rows += d.rows;
    res.evaluated += d.evaluated;
    res.bad_rows += d.bad;
    res.rows_with_errors += d.with_errors;
    for (RowProblem& p : d.problems) {
      if (res.problems.size() < opts_.shown_problems) res.problems.push_back(std::move(p));
    }
    if (out_ != nullptr) out_->write(d.out.data(), static_cast<std::streamsize>(d.out.size()));
    rows_done_ += d.rows;
    pending_.erase(it);
    ++next_;
    --in_flight_;
    space_cv_.notify_one();
  }
}

void Pipeline::work(Worker& w) {
  for (;;) {
    Chunk c;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return;
      c = std::move(queue_.front());
      queue_.pop_front();
    }
    ChunkResult r;
    process(w, c, r);
    deliver(c.seq, std::move(r));
  }
}

void Pipeline::progress(uint64_t bytes, uint64_t total, bool final) {
  auto now = std::chrono::steady_clock::now();
  if (!final && now - last_progress_ < std::chrono::milliseconds(200)) return;
  last_progress_ = now;
  if (final) {
    std::cerr << "\r\x1b[K" << std::flush;
    return;
  }
  std::string bar;
  if (total > 0) {
    uint64_t pct = std::min<uint64_t>(100, bytes * 100 / total);
    for (uint64_t i = 0; i < 30; ++i) bar += i < pct * 30 / 100 ? "█" : "░";
    bar += " " + std::to_string(pct) + "%  ";
  }
  std::cerr << "\r\x1b[K模拟中 " << bar << rows_done_.load() << " 行" << std::flush;
}

bool Pipeline::run(int fd, uint64_t file_size, uint64_t first_data_line, std::string carry, std::ostream* out,
                   SimResult& result, std::string& error_zh, std::string& error_en) {
  out_ = out;
  result_ = &result;
  std::vector<Worker> workers(opts_.threads);
  for (Worker& w : workers) {
    for (const SimPolicy& p : policies_) {
      std::string error;
      std::unique_ptr<Engine> e = make_engine(opts_.engine, *p.module, error);
      if (!e) {
        error_zh = "无法启动求值引擎：" + error;
        error_en = "cannot start the engine: " + error;
        return false;
      }
      w.engines.push_back(std::move(e));
      w.stats.emplace_back();
      w.stats.back().init(*p.module);
    }
    w.facts.resize(policies_.size());
    w.evs.resize(policies_.size());
  }
  std::vector<std::thread> threads;
  for (Worker& w : workers) threads.emplace_back([this, &w] { work(w); });

  uint64_t seq = 0, line = first_data_line, bytes_read = carry.size();
  bool read_error = false;
  auto push = [&](std::unique_ptr<char[]> data, size_t size) {
    uint64_t lines = 0;
    for (const char *p = data.get(), *end = p + size; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr; ++p) {
      ++lines;
    }
    std::unique_lock<std::mutex> lock(mu_);
    space_cv_.wait(lock, [&] { return in_flight_ < max_in_flight_; });
    ++in_flight_;
    queue_.push_back(Chunk{seq++, line, std::move(data), size});
    line += lines;
    work_cv_.notify_one();
  };
  for (;;) {
    const size_t have = carry.size();
    std::unique_ptr<char[]> buf(new char[have + opts_.chunk_bytes]);
    std::memcpy(buf.get(), carry.data(), have);
    carry.clear();
    ssize_t n = ::read(fd, buf.get() + have, opts_.chunk_bytes);
    if (n < 0) {
      read_error = true;
      n = 0;
    }
    const size_t size = have + static_cast<size_t>(n);
    bytes_read += static_cast<uint64_t>(n);
    if (n == 0) {
      if (size > 0) push(std::move(buf), size);
      break;
    }
    const char* last = static_cast<const char*>(::memrchr(buf.get(), '\n', size));
    if (last == nullptr) {
      carry.assign(buf.get(), size);  // a line longer than a chunk: keep reading
      continue;
    }
    const size_t cut = static_cast<size_t>(last - buf.get()) + 1;
    carry.assign(buf.get() + cut, size - cut);
    push(std::move(buf), cut);
    if (opts_.progress) progress(bytes_read, file_size, false);
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : threads) t.join();
  if (opts_.progress) progress(bytes_read, file_size, true);

  std::set<std::string> unknown;
  result.stats.clear();
  for (size_t p = 0; p < policies_.size(); ++p) {
    result.stats.push_back(std::move(workers[0].stats[p]));
    for (size_t k = 1; k < workers.size(); ++k) result.stats[p].merge(workers[k].stats[p]);
  }
  for (Worker& w : workers) unknown.insert(w.unknown_keys.begin(), w.unknown_keys.end());
  for (const std::string& k : unknown) result.ignored_columns.push_back(k);
  if (read_error) {
    error_zh = "读取登记册「" + opts_.input + "」时出错";
    error_en = "error while reading the registry `" + opts_.input + "`";
    return false;
  }
  return true;
}

}  // namespace

bool simulate(const std::vector<SimPolicy>& policies, const SimOptions& opts, SimResult& out, std::string& error_zh,
              std::string& error_en) {
  out = SimResult{};
  out.threads = std::max(1u, opts.threads);
  out.engine = opts.engine;
  SimOptions o = opts;
  o.threads = out.threads;
  int fd = o.input == "-" ? 0 : ::open(o.input.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error_zh = "无法读取登记册「" + o.input + "」";
    error_en = "cannot read the registry `" + o.input + "`";
    return false;
  }
  struct stat st {};
  uint64_t size = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;

  // The first line: a UTF-8 byte order mark is dropped; for CSV it is the header.
  std::string head;
  size_t nl = std::string::npos;
  for (;;) {
    char buf[65536];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    head.append(buf, static_cast<size_t>(n));
    nl = head.find('\n');
    if (nl != std::string::npos) break;
  }
  if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    head.erase(0, 3);
    if (nl != std::string::npos) nl -= 3;
  }
  std::vector<const Module*> mods;
  for (const SimPolicy& p : policies) mods.push_back(p.module);
  std::optional<RegistryLayout> layout;
  uint64_t first_line = 1;
  std::string carry = head;
  if (o.format == RegistryFormat::Csv) {
    std::string_view header = trim_cr(std::string_view(head).substr(0, nl));
    std::vector<std::string_view> cells;
    std::string scratch, why;
    if (header.empty() || !split_csv_line(header, cells, scratch, why)) {
      error_zh = "登记册「" + o.input + "」没有可读的表头行" + (why.empty() ? "" : "：" + why);
      error_en = "the registry `" + o.input + "` has no readable header row";
      if (fd != 0) ::close(fd);
      return false;
    }
    std::string error;
    layout = RegistryLayout::from_header(mods, cells, error);
    if (!layout) {
      error_zh = "登记册「" + o.input + "」的表头有误：" + error;
      error_en = "the registry `" + o.input + "` has a bad header: " + error;
      if (fd != 0) ::close(fd);
      return false;
    }
    carry = nl == std::string::npos ? std::string() : head.substr(nl + 1);
    first_line = 2;
  } else {
    layout = RegistryLayout::for_jsonl(mods);
  }
  out.ignored_columns = layout->ignored();

  std::ofstream file;
  if (!o.out_path.empty()) {
    file.open(o.out_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      error_zh = "无法写入「" + o.out_path + "」";
      error_en = "cannot write `" + o.out_path + "`";
      if (fd != 0) ::close(fd);
      return false;
    }
    file << "行号,编号,状态";
    for (const SimPolicy& p : policies) {
      const std::string prefix = policies.size() > 1 ? p.name + ":" : "";
      for (const RuleInfo& r : p.module->rules) file << "," << csv_field(prefix + p.module->str(r.name));
      for (const PayerInfo& pay : p.module->payers) file << "," << csv_field(prefix + "合计:" + p.module->str(pay.name));
    }
    file << "\n";
  }
  Pipeline pipeline(policies, o, std::move(*layout));
  bool ok = pipeline.run(fd, size, first_line, std::move(carry), file.is_open() ? &file : nullptr, out, error_zh, error_en);
  if (fd != 0) ::close(fd);
  if (ok && file.is_open() && !file.flush()) {
    error_zh = "写入「" + o.out_path + "」时出错";
    error_en = "error while writing `" + o.out_path + "`";
    return false;
  }
  return ok;
}

}  // namespace zc::sim
