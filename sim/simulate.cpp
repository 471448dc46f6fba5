// The streaming simulator (simulate.h). Every worker thread takes the next chunk of the registry,
// reads it, parses its rows, evaluates and aggregates them; nothing is serial but the header and
// the ordered hand-over of finished chunks. A regular file is cut into byte ranges of
// SimOptions::chunk_bytes that workers read with pread(2) on their own, each owning the lines that
// start in its range (a line that crosses the range's end is read on to its line break); standard
// input and workbooks are read by whichever worker needs work, one at a time. A chunk does not know
// its first line number: rows are numbered from the chunk's start and renumbered when the chunk is
// handed over in file order, after all earlier chunks (whose line breaks are then counted). At
// most 2 × threads + 2 chunks are in flight, which bounds memory. Each worker keeps its own
// statistics, merged at the end (exactly and commutatively, so how rows were shared out does not
// matter).
#include "sim/simulate.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "base/external_text.h"
#include "runtime/jit/select.h"
#include "sim/xlsx_in.h"
#include "sim/xlsx_out.h"

namespace zc::sim {
namespace {

// A growable byte buffer that is reused from chunk to chunk (never value-initialised).
struct Buffer {
  std::unique_ptr<char[]> data;
  size_t cap = 0, size = 0;
  void reserve(size_t n) {
    if (n <= cap) return;
    size_t c = std::max(n, cap * 2);
    std::unique_ptr<char[]> d(new char[c]);
    if (size > 0) std::memcpy(d.get(), data.get(), size);
    data = std::move(d);
    cap = c;
  }
};

// A piece of work: whole lines of text (`text`, numbered from 0 at its start), or spreadsheet rows
// (numbered by the sheet), both in the taking worker's own storage.
struct Chunk {
  uint64_t seq = 0;
  std::string_view text;
  bool sheet = false;
  size_t sheet_rows = 0;
  uint64_t bytes = 0;  // of the registry, for the progress bar
};

struct ChunkResult {
  uint64_t rows = 0, evaluated = 0, bad = 0, with_errors = 0;
  uint64_t newlines = 0;  // text chunks: line breaks, so the next chunk's lines follow on
  bool relative = true;   // line numbers count from the chunk's first line (text chunks)
  uint64_t bytes = 0;
  // Messages are the part after the location ("第 N 行"), which the hand-over prefixes.
  std::vector<RowProblem> problems;
  // The per-applicant output: per row its line and (CSV) the line's text after "行号," or
  // (workbook) its cells; `ends` are the end offsets of the rows (CSV) or cells (workbook) in `out`.
  std::vector<uint64_t> out_lines;
  std::string out;
  std::vector<uint32_t> out_ends;
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


class Pipeline;

// One worker thread's state: its engines, statistics and scratch buffers. Cache-line aligned, so
// that neighbouring workers never write to one line.
struct alignas(64) Worker {
  std::vector<std::unique_ptr<Engine>> engines;
  std::vector<PolicyStats> stats;
  std::vector<std::vector<FactValue>> facts;
  std::vector<Evaluation> evs;
  std::vector<std::string_view> cells;
  std::vector<std::pair<std::string, facts::Scalar>> entries;
  std::string scratch, out_cells, id;
  std::set<std::string> unknown_keys;
  Buffer buf;
  std::vector<XlsxRow> rows;
};

// Where chunks come from. next() fills `c` (in `w`'s storage) and returns false at the end of the
// registry or on a read error (error_zh non-empty). Chunks are numbered in registry order.
class Source {
 public:
  virtual ~Source() = default;
  virtual bool next(Worker& w, Chunk& c) = 0;
  std::string error_zh, error_en;
  std::mutex error_mu;
  void fail(const std::string& zh, const std::string& en) {
    std::lock_guard<std::mutex> lock(error_mu);
    if (error_zh.empty()) {
      error_zh = zh;
      error_en = en;
    }
  }
};

// A line of the registry that starts at byte offset `at` and runs past `max` bytes (SimOptions::max_line_bytes).
void line_too_long(Source& s, const std::string& path, uint64_t at, size_t max) {
  s.fail("登记册「" + path + "」从第 " + std::to_string(at + 1) + " 字节起的一行超过 " + std::to_string(max) +
             " 字节仍未换行（不是每行一个申请人的登记册？）",
         "a line of the registry `" + path + "` starting at byte " + std::to_string(at + 1) + " runs past " + std::to_string(max) +
             " bytes without a line break (not one applicant per line?)");
}

// A regular file: byte ranges [begin + k × chunk, begin + (k + 1) × chunk) read by the workers in
// parallel. Chunk k owns the lines that start in its range.
class FileSource : public Source {
 public:
  FileSource(int fd, const std::string& path, uint64_t begin, uint64_t end, size_t chunk, size_t max_line)
      : fd_(fd), path_(path), begin_(begin), end_(end), chunk_(std::max<size_t>(chunk, 1)), max_line_(max_line) {
    count_ = end_ > begin_ ? (end_ - begin_ + chunk_ - 1) / chunk_ : 0;
  }
  bool next(Worker& w, Chunk& c) override {
    const uint64_t k = next_.fetch_add(1);
    if (k >= count_ || failed_.load()) return false;
    c = Chunk{};
    c.seq = k;
    const uint64_t s = begin_ + k * chunk_, e = std::min(end_, s + chunk_);
    c.bytes = e - s;
    const uint64_t from = s == begin_ ? s : s - 1;  // one byte back: does a line start at s?
    Buffer& b = w.buf;
    b.size = 0;
    if (!read(b, from, e - from)) return false;
    size_t start = 0;
    if (s != begin_) {
      const void* nl = std::memchr(b.data.get(), '\n', b.size);
      if (nl == nullptr) return true;  // no line starts here: an empty chunk
      start = static_cast<size_t>(static_cast<const char*>(nl) - b.data.get()) + 1;
      if (start >= b.size) return true;
    }
    // The last line owned runs on to its line break, past e if need be.
    size_t cut = b.size;
    const char* last_nl = static_cast<const char*>(::memrchr(b.data.get() + start, '\n', b.size - start));
    const size_t last_start = last_nl ? static_cast<size_t>(last_nl - b.data.get()) + 1 : start;
    for (uint64_t at = e; b.size > 0 && b.data[b.size - 1] != '\n' && at < end_;) {
      if (b.size - last_start > max_line_) {
        too_long(from + last_start);
        return false;
      }
      const size_t old = b.size;
      const uint64_t want = std::min<uint64_t>(end_ - at, std::max<size_t>(chunk_, 64 * 1024));
      if (!read(b, at, want)) return false;
      if (b.size == old) break;  // the file shrank
      at += b.size - old;
      const void* nl = std::memchr(b.data.get() + old, '\n', b.size - old);
      if (nl != nullptr) {
        cut = static_cast<size_t>(static_cast<const char*>(nl) - b.data.get()) + 1;
        break;
      }
      cut = b.size;
    }
    if (cut - last_start - (cut > last_start && b.data[cut - 1] == '\n' ? 1 : 0) > max_line_) {
      too_long(from + last_start);
      return false;
    }
    c.text = std::string_view(b.data.get() + start, cut - start);
    return true;
  }

 private:
  void too_long(uint64_t at) {
    failed_ = true;
    line_too_long(*this, path_, at, max_line_);
  }
  // Appends [at, at + n) of the file to b (fewer bytes if the file has shrunk).
  bool read(Buffer& b, uint64_t at, uint64_t n) {
    b.reserve(b.size + n);
    while (n > 0) {
      ssize_t got = ::pread(fd_, b.data.get() + b.size, n, static_cast<off_t>(at));
      if (got < 0) {
        failed_ = true;
        fail("读取登记册「" + path_ + "」时出错", "error while reading the registry `" + path_ + "`");
        return false;
      }
      if (got == 0) break;
      b.size += static_cast<size_t>(got);
      at += static_cast<uint64_t>(got);
      n -= static_cast<uint64_t>(got);
    }
    return true;
  }
  int fd_;
  std::string path_;
  uint64_t begin_, end_;
  size_t chunk_;
  size_t max_line_;
  uint64_t count_ = 0;
  std::atomic<uint64_t> next_{0};
  std::atomic<bool> failed_{false};
};

// A pipe or terminal (standard input): read in order, one worker at a time, cut at line breaks.
class StreamSource : public Source {
 public:
  StreamSource(int fd, const std::string& path, std::string carry, size_t chunk, size_t max_line, uint64_t offset)
      : fd_(fd), path_(path), carry_(std::move(carry)), chunk_(std::max<size_t>(chunk, 1)), max_line_(max_line), offset_(offset) {}
  bool next(Worker& w, Chunk& c) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (done_) return false;
    Buffer& b = w.buf;
    b.size = 0;
    b.reserve(carry_.size() + chunk_);
    std::memcpy(b.data.get(), carry_.data(), carry_.size());
    b.size = carry_.size();
    carry_.clear();
    size_t cut = 0;
    for (;;) {
      b.reserve(b.size + chunk_);
      ssize_t n = ::read(fd_, b.data.get() + b.size, chunk_);
      if (n < 0) {
        done_ = true;
        fail("读取登记册「" + path_ + "」时出错", "error while reading the registry `" + path_ + "`");
        return false;
      }
      const size_t old = b.size;
      b.size += static_cast<size_t>(n);
      if (n == 0) {
        done_ = true;
        cut = b.size;
        break;
      }
      const void* last = ::memrchr(b.data.get() + old, '\n', static_cast<size_t>(n));
      if (last != nullptr) {
        cut = static_cast<size_t>(static_cast<const char*>(last) - b.data.get()) + 1;
        break;
      }
      if (b.size > max_line_) {  // no line break in all of it: one line
        done_ = true;
        too_long(offset_);
        return false;
      }
    }
    if (cut == 0) return false;
    // Every line of the chunk, the ones carried over from the header's read included.
    for (size_t at = 0; at < cut;) {
      const void* nl = std::memchr(b.data.get() + at, '\n', cut - at);
      const size_t stop = nl ? static_cast<size_t>(static_cast<const char*>(nl) - b.data.get()) : cut;
      if (stop - at > max_line_) {
        done_ = true;
        too_long(offset_ + at);
        return false;
      }
      at = stop + 1;
    }
    offset_ += cut;
    carry_.assign(b.data.get() + cut, b.size - cut);
    c = Chunk{};
    c.seq = seq_++;
    c.text = std::string_view(b.data.get(), cut);
    c.bytes = cut;
    return true;
  }

 private:
  std::mutex mu_;
  int fd_;
  std::string path_;
  std::string carry_;
  size_t chunk_;
  void too_long(uint64_t at) { line_too_long(*this, path_, at, max_line_); }
  size_t max_line_;
  uint64_t offset_;  // of the chunk's first byte in the input
  bool done_ = false;
  uint64_t seq_ = 0;
};

// A worksheet: rows parsed in order, one worker at a time, about chunk bytes of cell text a chunk.
class SheetSource : public Source {
 public:
  SheetSource(XlsxReader& reader, size_t chunk) : reader_(reader), chunk_(std::max<size_t>(chunk, 1)) {}
  bool next(Worker& w, Chunk& c) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (done_) return false;
    size_t n = 0, bytes = 0;
    while (bytes < chunk_) {
      if (w.rows.size() <= n) w.rows.emplace_back();
      if (!reader_.next(w.rows[n])) {
        done_ = true;
        if (!reader_.error_zh().empty()) {
          fail(reader_.error_zh(), reader_.error_en());
          return false;
        }
        break;
      }
      for (const XlsxCell& cell : w.rows[n].cells) bytes += cell.text.size() + 1;
      ++n;
    }
    if (n == 0) return false;
    c = Chunk{};
    c.seq = seq_++;
    c.sheet = true;
    c.sheet_rows = n;
    c.bytes = bytes;
    return true;
  }

 private:
  std::mutex mu_;
  XlsxReader& reader_;
  size_t chunk_;
  bool done_ = false;
  uint64_t seq_ = 0;
};

class Pipeline {
 public:
  Pipeline(const std::vector<SimPolicy>& policies, const SimOptions& opts, RegistryLayout layout, std::string sheet)
      : policies_(policies), opts_(opts), layout_(std::move(layout)), sheet_(std::move(sheet)) {
    for (const SimPolicy& p : policies) readers_.emplace_back(*p.module);
    max_in_flight_ = 2 * static_cast<size_t>(opts.threads) + 2;
  }

  bool run(Source& source, uint64_t first_line, uint64_t total_bytes, std::ostream* csv, XlsxResults* xlsx, SimResult& result,
           std::string& error_zh, std::string& error_en);

 private:
  void work(Worker& w, Source& source);
  void process(Worker& w, const Chunk& c, ChunkResult& r);
  void row(Worker& w, uint64_t line, bool ok, std::string_view id, ChunkResult& r);
  bool read_cells(Worker& w, const std::string_view* cells, size_t n, ChunkResult& r, uint64_t line);
  bool plain_row(Worker& w, std::string_view text, std::string_view& id);
  bool read_json(Worker& w, std::string_view text, ChunkResult& r, uint64_t line);
  bool bad_value(size_t col, const RegistryLayout::Target& t, const facts::Scalar& v, const std::string& shown, ChunkResult& r, uint64_t line);
  void problem(ChunkResult& r, uint64_t line, bool bad, std::string zh, std::string en) const;
  std::string where(uint64_t line, bool en) const;
  std::string column_ref(size_t col, bool en) const;
  void deliver(uint64_t seq, ChunkResult&& r);
  void progress(bool final);

  const std::vector<SimPolicy>& policies_;
  const SimOptions& opts_;
  RegistryLayout layout_;
  std::string sheet_;  // the worksheet's name when the registry is a workbook
  std::vector<FactReader> readers_;
  size_t max_in_flight_ = 4;

  std::mutex mu_;
  std::condition_variable space_cv_;
  // The ordered hand-over: results wait here until every earlier chunk has been handed over.
  std::map<uint64_t, ChunkResult> pending_;
  uint64_t next_ = 0;
  uint64_t next_line_ = 1;  // the line the next text chunk handed over starts on
  std::ostream* csv_ = nullptr;
  XlsxResults* xlsx_ = nullptr;
  std::vector<std::string_view> out_cells_;
  std::string out_scratch_;
  SimResult* result_ = nullptr;
  uint64_t bytes_done_ = 0, total_bytes_ = 0;
  bool aborted_ = false;
  std::chrono::steady_clock::time_point last_progress_{};
};

std::string Pipeline::where(uint64_t line, bool en) const {
  if (sheet_.empty()) return en ? "line " + std::to_string(line) : "第 " + std::to_string(line) + " 行";
  return en ? "sheet `" + sheet_ + "` row " + std::to_string(line) : "工作表「" + sheet_ + "」第 " + std::to_string(line) + " 行";
}

// How a message names a column after the location: "：「级别」" for text, " C 列：「级别」" in a sheet.
std::string Pipeline::column_ref(size_t col, bool en) const {
  if (sheet_.empty()) return en ? ": column `" + layout_.column_name(col) + "`" : "：「" + layout_.column_name(col) + "」";
  return en ? ", column " + xlsx_column_name(col) + " (`" + layout_.column_name(col) + "`)"
            : " " + xlsx_column_name(col) + " 列：「" + layout_.column_name(col) + "」";
}

void Pipeline::problem(ChunkResult& r, uint64_t line, bool bad, std::string zh, std::string en) const {
  if (r.problems.size() < opts_.shown_problems) r.problems.push_back(RowProblem{line, bad, std::move(zh), std::move(en)});
}

bool Pipeline::bad_value(size_t col, const RegistryLayout::Target& t, const facts::Scalar& v, const std::string& shown, ChunkResult& r,
                         uint64_t line) {
  std::string why = readers_[t.policy].why_not(t.fact, v);
  problem(r, line, true, column_ref(col, false) + "的值「" + shown + "」无法读取：" + why,
          column_ref(col, true) + ": cannot read `" + shown + "` (" + why + ")");
  return false;
}

// Fills every policy's facts from the cells of one row. False (and a reported bad row) when it cannot.
bool Pipeline::read_cells(Worker& w, const std::string_view* cells, size_t n, ChunkResult& r, uint64_t line) {
  for (size_t c = 0; c < n; ++c) {
    for (const RegistryLayout::Target& t : layout_.targets(c)) {
      if (!readers_[t.policy].from_text(t.fact, cells[c], w.facts[t.policy][t.fact])) {
        return bad_value(c, t, csv_scalar(cells[c]), std::string(cells[c]), r, line);
      }
    }
  }
  return true;
}

// The common row in one pass: no cell starts with a quote, the header's number of cells, every value
// readable. Cells are found and read as they are met, without splitting the row first. False when
// the row is anything else; it is then split and read again the general way (facts are reset
// there), which also says what is wrong with it.
bool Pipeline::plain_row(Worker& w, std::string_view text, std::string_view& id) {
  const char* p = text.data();
  const char* const end = p + text.size();
  const size_t columns = layout_.columns();
  const int id_col = layout_.id_column();
  for (size_t c = 0;; ++c) {
    if (c >= columns || (p < end && *p == '"')) return false;
    const char* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<size_t>(end - p)));
    const char* stop = comma != nullptr ? comma : end;
    const std::string_view cell(p, static_cast<size_t>(stop - p));
    if (static_cast<int>(c) == id_col) id = cell;
    for (const RegistryLayout::Target& t : layout_.targets(c)) {
      if (!readers_[t.policy].from_text(t.fact, cell, w.facts[t.policy][t.fact])) return false;
    }
    if (comma == nullptr) return c + 1 == columns;
    p = comma + 1;
  }
}

bool Pipeline::read_json(Worker& w, std::string_view text, ChunkResult& r, uint64_t line) {
  w.entries.clear();
  std::string err;
  if (!facts::parse_flat_json(text, w.entries, err)) {
    problem(r, line, true, "：不是一个扁平的 JSON 对象：" + err, ": not a flat JSON object: " + err);
    return false;
  }
  for (const auto& [key, value] : w.entries) {
    if (!key.empty() && key[0] == '#') continue;
    if (is_id_column(key)) {
      w.id = value.kind == facts::Scalar::Kind::Bool ? (value.b ? "true" : "false") : value.text;
      continue;
    }
    int col = layout_.column_of(key);
    if (col < 0) {
      if (w.unknown_keys.size() < 64) w.unknown_keys.insert(key);
      continue;
    }
    for (const RegistryLayout::Target& t : layout_.targets(static_cast<size_t>(col))) {
      if (!readers_[t.policy].from_scalar(t.fact, value, w.facts[t.policy][t.fact])) {
        return bad_value(static_cast<size_t>(col), t, value, value.kind == facts::Scalar::Kind::Bool ? (value.b ? "true" : "false") : value.text, r, line);
      }
    }
  }
  return true;
}

// One row, once its facts are read (`ok`) or found unreadable (reported already): evaluation,
// statistics, problems and the per-applicant output.
void Pipeline::row(Worker& w, uint64_t line, bool ok, std::string_view id, ChunkResult& r) {
  ++r.rows;
  if (csv_ != nullptr || xlsx_ != nullptr) r.out_lines.push_back(line);
  auto end_cell = [&r] { r.out_ends.push_back(static_cast<uint32_t>(r.out.size())); };
  if (!ok) {
    ++r.bad;
    if (csv_ != nullptr) {
      r.out += csv_field(id);
      r.out += ",坏行";
      for (const SimPolicy& p : policies_) r.out.append(p.module->rules.size() + p.module->payers.size(), ',');
      r.out += '\n';
      end_cell();
    } else if (xlsx_ != nullptr) {
      r.out += id;
      end_cell();
      for (const SimPolicy& p : policies_) {
        r.out += "坏行";
        end_cell();
        for (size_t k = 0; k < p.module->rules.size() + p.module->payers.size(); ++k) end_cell();
      }
    }
    return;
  }
  ++r.evaluated;
  bool any_error = false;
  w.out_cells.clear();
  if (xlsx_ != nullptr) {
    r.out += id;
    end_cell();
  }
  for (size_t p = 0; p < policies_.size(); ++p) {
    const Module& m = *policies_[p].module;
    Evaluation& ev = w.evs[p];
    w.engines[p]->evaluate_into(w.facts[p], EvalOptions{}, ev);
    w.stats[p].add(m, ev);
    if (ev.has_error && !any_error) {
      for (size_t k = 0; k < ev.rules.size(); ++k) {
        const RuleOutcome& o = ev.rules[k];
        if (o.status != RuleStatus::Error) continue;
        const std::string& rule = m.str(m.rules[k].name);
        const std::string in = policies_.size() > 1 ? "《" + policies_[p].name + "》" : "";
        const std::string in_en = policies_.size() > 1 ? policies_[p].name + ": " : "";
        if (o.error == VmError::MissingFact) {
          const std::string& fact = m.str(m.facts[o.error_fact].name);
          problem(r, line, false, "：" + in + "规则「" + rule + "」需要事实「" + fact + "」（没有默认值）",
                  ": " + in_en + "rule `" + rule + "` needs the fact `" + fact + "` (it has no default)");
        } else {
          problem(r, line, false, "：" + in + "规则「" + rule + "」计算溢出", ": " + in_en + "rule `" + rule + "` overflows");
        }
        break;
      }
    }
    any_error = any_error || ev.has_error;
    if (csv_ != nullptr) {
      for (const RuleOutcome& o : ev.rules) {
        w.out_cells += ',';
        w.out_cells += csv_field(award_cell(o));
      }
      for (const Interval& t : ev.payer_totals) {
        w.out_cells += ',';
        w.out_cells += interval_cell(t);
      }
    } else if (xlsx_ != nullptr) {
      r.out += ev.has_error ? "部分无法计算" : "已求值";
      end_cell();
      for (const RuleOutcome& o : ev.rules) {
        r.out += award_cell(o);
        end_cell();
      }
      for (const Interval& t : ev.payer_totals) {
        r.out += interval_cell(t);
        end_cell();
      }
    }
  }
  r.with_errors += any_error;
  if (csv_ != nullptr) {
    r.out += csv_field(id);
    r.out += any_error ? ",部分无法计算" : ",已求值";
    r.out += w.out_cells;
    r.out += '\n';
    end_cell();
  }
}

void Pipeline::process(Worker& w, const Chunk& c, ChunkResult& r) {
  r.bytes = c.bytes;
  auto reset = [&] {
    for (size_t p = 0; p < policies_.size(); ++p) w.facts[p].assign(policies_[p].module->facts.size(), FactValue{});
  };
  auto id_of = [&]() -> std::string_view {
    const int id = layout_.id_column();
    return id >= 0 && static_cast<size_t>(id) < w.cells.size() ? w.cells[static_cast<size_t>(id)] : std::string_view{};
  };
  if (c.sheet) {
    r.relative = false;
    const size_t columns = layout_.columns();
    for (size_t i = 0; i < c.sheet_rows; ++i) {
      const XlsxRow& sr = w.rows[i];
      reset();
      w.cells.assign(columns, std::string_view{});
      bool ok = true;
      for (size_t k = 0; k < sr.cells.size() && ok; ++k) {
        const XlsxCell& cell = sr.cells[k];
        if (cell.kind == XlsxCell::Kind::Empty) continue;
        if (k >= columns) {
          problem(r, sr.number, true, " " + xlsx_column_name(k) + " 列有内容，但表头只有 " + std::to_string(columns) + " 列",
                  ", column " + xlsx_column_name(k) + ": a value beyond the header's " + std::to_string(columns) + " columns");
          ok = false;
        } else if (cell.kind == XlsxCell::Kind::Error && !layout_.targets(k).empty()) {
          problem(r, sr.number, true, column_ref(k, false) + "是错误值或无法读取的单元格「" + cell.text + "」",
                  column_ref(k, true) + ": an error value or unreadable cell `" + cell.text + "`");
          ok = false;
        } else {
          w.cells[k] = cell.text;
        }
      }
      ok = ok && read_cells(w, w.cells.data(), columns, r, sr.number);
      row(w, sr.number, ok, id_of(), r);
    }
    return;
  }
  const char* p = c.text.data();
  const char* const end = p + c.text.size();
  uint64_t line = 0;
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    const char* stop = nl != nullptr ? nl : end;
    std::string_view text(p, static_cast<size_t>(stop - p));
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (!text.empty()) {
      reset();
      std::string_view id;
      if (opts_.format == RegistryFormat::Csv && plain_row(w, text, id)) {
        row(w, line, true, id, r);
      } else if (opts_.format == RegistryFormat::Csv) {
        reset();
        std::string why;
        bool ok = split_csv_line(text, w.cells, w.scratch, why);
        if (!ok) {
          problem(r, line, true, "：" + why, ": malformed CSV quoting");
          w.cells.clear();
        } else if (w.cells.size() != layout_.columns()) {
          problem(r, line, true, "：有 " + std::to_string(w.cells.size()) + " 列，表头有 " + std::to_string(layout_.columns()) + " 列",
                  ": " + std::to_string(w.cells.size()) + " cells, the header has " + std::to_string(layout_.columns()));
          ok = false;
        }
        ok = ok && read_cells(w, w.cells.data(), w.cells.size(), r, line);
        row(w, line, ok, id_of(), r);
      } else {
        w.id.clear();
        const bool ok = read_json(w, text, r, line);
        row(w, line, ok, w.id, r);
      }
    }
    ++line;
    if (nl == nullptr) break;
    p = nl + 1;
  }
  r.newlines = line - (c.text.empty() || c.text.back() == '\n' ? 0 : 1);
}

void Pipeline::deliver(uint64_t seq, ChunkResult&& r) {
  std::lock_guard<std::mutex> lock(mu_);
  pending_.emplace(seq, std::move(r));
  for (auto it = pending_.find(next_); it != pending_.end(); it = pending_.find(next_)) {
    ChunkResult& d = it->second;
    const uint64_t base = d.relative ? next_line_ : 0;
    if (d.relative) next_line_ += d.newlines;
    SimResult& res = *result_;
    res.rows += d.rows;
    res.evaluated += d.evaluated;
    res.bad_rows += d.bad;
    res.rows_with_errors += d.with_errors;
    for (RowProblem& p : d.problems) {
      if (res.problems.size() >= opts_.shown_problems) break;
      p.line += base;
      p.zh = where(p.line, false) + p.zh;
      p.en = where(p.line, true) + p.en;
      res.problems.push_back(std::move(p));
    }
    if (csv_ != nullptr) {
      out_scratch_.clear();
      size_t from = 0;
      char num[24];
      for (size_t i = 0; i < d.out_lines.size(); ++i) {
        auto [end, ec] = std::to_chars(num, num + sizeof num, base + d.out_lines[i]);
        out_scratch_.append(num, end);
        out_scratch_ += ',';
        out_scratch_.append(d.out, from, d.out_ends[i] - from);
        from = d.out_ends[i];
      }
      csv_->write(out_scratch_.data(), static_cast<std::streamsize>(out_scratch_.size()));
    } else if (xlsx_ != nullptr && !d.out_lines.empty()) {
      const size_t per_row = d.out_ends.size() / d.out_lines.size();
      size_t from = 0, k = 0;
      for (size_t i = 0; i < d.out_lines.size(); ++i) {
        out_cells_.clear();
        for (size_t c = 0; c < per_row; ++c, ++k) {
          out_cells_.emplace_back(d.out.data() + from, d.out_ends[k] - from);
          from = d.out_ends[k];
        }
        xlsx_->row(base + d.out_lines[i], out_cells_);
      }
    }
    bytes_done_ += d.bytes;
    pending_.erase(it);
    ++next_;
  }
  space_cv_.notify_all();
  if (opts_.progress) progress(false);
}

void Pipeline::work(Worker& w, Source& source) {
  for (;;) {
    Chunk c;
    if (!source.next(w, c)) {
      std::lock_guard<std::mutex> lock(mu_);
      if (!source.error_zh.empty()) aborted_ = true;  // a chunk is missing: nothing after it can be handed over
      space_cv_.notify_all();
      return;
    }
    {
      std::unique_lock<std::mutex> lock(mu_);
      space_cv_.wait(lock, [&] { return aborted_ || c.seq < next_ + max_in_flight_; });
      if (aborted_) return;
    }
    ChunkResult r;
    process(w, c, r);
    deliver(c.seq, std::move(r));
  }
}

// INVARIANT: called with mu_ held.
void Pipeline::progress(bool final) {
  auto now = std::chrono::steady_clock::now();
  if (!final && now - last_progress_ < std::chrono::milliseconds(200)) return;
  last_progress_ = now;
  if (final) {
    std::cerr << "\r\x1b[K" << std::flush;
    return;
  }
  std::string bar;
  if (total_bytes_ > 0) {
    uint64_t pct = std::min<uint64_t>(100, bytes_done_ * 100 / total_bytes_);
    for (uint64_t i = 0; i < 30; ++i) bar += i < pct * 30 / 100 ? "█" : "░";
    bar += " " + std::to_string(pct) + "%  ";
  }
  std::cerr << "\r\x1b[K模拟中 " << bar << result_->rows << " 行" << std::flush;
}

bool Pipeline::run(Source& source, uint64_t first_line, uint64_t total_bytes, std::ostream* csv, XlsxResults* xlsx, SimResult& result,
                   std::string& error_zh, std::string& error_en) {
  csv_ = csv;
  xlsx_ = xlsx;
  result_ = &result;
  next_line_ = first_line;
  total_bytes_ = total_bytes;
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
  // The calling thread is worker 0.
  std::vector<std::thread> threads;
  for (size_t k = 1; k < workers.size(); ++k) threads.emplace_back([this, &workers, &source, k] { work(workers[k], source); });
  work(workers[0], source);
  for (std::thread& t : threads) t.join();
  if (opts_.progress) {
    std::lock_guard<std::mutex> lock(mu_);
    progress(true);
  }
  if (!source.error_zh.empty()) {
    error_zh = source.error_zh;
    error_en = source.error_en;
    return false;
  }
  std::set<std::string> unknown;
  result.stats.clear();
  for (size_t p = 0; p < policies_.size(); ++p) {
    result.stats.push_back(std::move(workers[0].stats[p]));
    for (size_t k = 1; k < workers.size(); ++k) result.stats[p].merge(workers[k].stats[p]);
  }
  for (Worker& w : workers) unknown.insert(w.unknown_keys.begin(), w.unknown_keys.end());
  for (const std::string& k : unknown) result.ignored_columns.push_back(k);
  return true;
}

bool header_layout(const std::vector<const Module*>& mods, const std::vector<std::string_view>& cells, const std::string& input,
                   std::optional<RegistryLayout>& layout, std::string& error_zh, std::string& error_en) {
  std::string error;
  layout = RegistryLayout::from_header(mods, cells, error);
  if (layout) return true;
  error_zh = "登记册「" + input + "」的表头有误：" + error;
  error_en = "the registry `" + input + "` has a bad header: " + error;
  return false;
}

}  // namespace

bool simulate(const std::vector<SimPolicy>& policies, const SimOptions& opts, SimResult& out, std::string& error_zh,
              std::string& error_en) {
  out = SimResult{};
  out.threads = std::max(1u, opts.threads);
  out.engine = opts.engine;
  SimOptions o = opts;
  o.threads = out.threads;
  std::vector<const Module*> mods;
  for (const SimPolicy& p : policies) mods.push_back(p.module);
  std::optional<RegistryLayout> layout;

  // Where the rows come from: a worksheet, a regular file read in parallel, or a stream.
  std::unique_ptr<Source> source;
  XlsxReader sheet;
  uint64_t first_line = 1, total_bytes = 0;
  int fd = -1;
  struct Closer {
    int& fd;
    ~Closer() {
      if (fd > 0) ::close(fd);
    }
  } closer{fd};
  if (o.format == RegistryFormat::Xlsx) {
    if (o.input == "-") {
      error_zh = "xlsx 登记册不能从标准输入读取：请给出文件";
      error_en = "an xlsx registry cannot be read from standard input: give its file";
      return false;
    }
    if (!sheet.open_file(o.input, o.sheet, error_zh, error_en)) return false;
    XlsxRow head;
    if (!sheet.next(head)) {
      error_zh = sheet.error_zh().empty() ? "登记册「" + o.input + "」的工作表「" + sheet.sheet_name() + "」是空的，没有表头行" : sheet.error_zh();
      error_en = sheet.error_en().empty() ? "the sheet `" + sheet.sheet_name() + "` of `" + o.input + "` is empty: no header row" : sheet.error_en();
      return false;
    }
    std::vector<std::string_view> cells;
    for (const XlsxCell& c : head.cells) cells.emplace_back(c.text);
    if (!header_layout(mods, cells, o.input, layout, error_zh, error_en)) return false;
    source = std::make_unique<SheetSource>(sheet, o.chunk_bytes);
  } else {
    fd = o.input == "-" ? 0 : ::open(o.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error_zh = "无法读取登记册「" + o.input + "」";
      error_en = "cannot read the registry `" + o.input + "`";
      return false;
    }
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    const uint64_t size = regular ? static_cast<uint64_t>(st.st_size) : 0;
    // The first line: a UTF-8 byte order mark is dropped; for CSV it is the header.
    std::string head;
    size_t nl = std::string::npos;
    for (;;) {
      char buf[65536];
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      head.append(buf, static_cast<size_t>(n));
      nl = head.find('\n');
      if (nl != std::string::npos || head.size() > o.max_line_bytes) break;
    }
    {
      const size_t line_len = nl == std::string::npos ? head.size() : nl;
      if (line_len > o.max_line_bytes) {
        error_zh = "登记册「" + o.input + "」的第 1 行超过 " + std::to_string(o.max_line_bytes) + " 字节仍未换行（不是每行一个申请人的登记册？）";
        error_en = "the first line of the registry `" + o.input + "` runs past " + std::to_string(o.max_line_bytes) +
                   " bytes without a line break (not one applicant per line?)";
        return false;
      }
    }
    const size_t bom = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    size_t begin = bom;  // where the data rows start, in the file
    if (o.format == RegistryFormat::Csv) {
      std::string_view header = std::string_view(head).substr(bom, nl == std::string::npos ? std::string::npos : nl - bom);
      if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
      std::vector<std::string_view> cells;
      std::string scratch, why;
      if (header.empty() || !split_csv_line(header, cells, scratch, why)) {
        error_zh = "登记册「" + o.input + "」没有可读的表头行" + (why.empty() ? "" : "：" + why);
        error_en = "the registry `" + o.input + "` has no readable header row";
        return false;
      }
      if (!header_layout(mods, cells, o.input, layout, error_zh, error_en)) return false;
      begin = nl == std::string::npos ? head.size() : nl + 1;
      first_line = 2;
    } else {
      layout = RegistryLayout::for_jsonl(mods);
    }
    if (regular) {
      total_bytes = size > begin ? size - begin : 0;
      source = std::make_unique<FileSource>(fd, o.input, begin, std::max<uint64_t>(size, begin), o.chunk_bytes, o.max_line_bytes);
    } else {
      source = std::make_unique<StreamSource>(fd, o.input, head.substr(std::min(begin, head.size())), o.chunk_bytes, o.max_line_bytes,
                                              std::min<uint64_t>(begin, head.size()));
    }
  }
  out.ignored_columns = layout->ignored();

  // The per-applicant output: a workbook, or CSV.
  std::ofstream file;
  XlsxResults book;
  const bool xlsx_out = o.out_path.size() >= 5 && o.out_path.compare(o.out_path.size() - 5, 5, ".xlsx") == 0;
  if (xlsx_out) {
    if (!book.open(o.out_path, policies, error_zh, error_en)) return false;
  } else if (!o.out_path.empty()) {
    file.open(o.out_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      error_zh = "无法写入「" + o.out_path + "」";
      error_en = "cannot write `" + o.out_path + "`";
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
  Pipeline pipeline(policies, o, std::move(*layout), o.format == RegistryFormat::Xlsx ? sheet.sheet_name() : "");
  if (!pipeline.run(*source, first_line, total_bytes, file.is_open() ? &file : nullptr, xlsx_out ? &book : nullptr, out, error_zh, error_en)) {
    return false;
  }
  if (xlsx_out && !book.close(out, o.input, error_zh, error_en)) return false;
  if (file.is_open() && !file.flush()) {
    error_zh = "写入「" + o.out_path + "」时出错";
    error_en = "error while writing `" + o.out_path + "`";
    return false;
  }
  return true;
}

}  // namespace zc::sim
