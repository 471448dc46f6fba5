// The cost of a change over a registry (see budget.h).
#include "diff/budget.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "sim/registry.h"
#include "sim/simulate.h"

namespace zc::diff::detail {
namespace {

// A rule's cell of the per-applicant file as a value: an amount interval (择优 as [0, amount]) or a word.
struct Cell {
  bool number = false;
  Interval v;
  std::string word;
};

std::optional<Cell> parse_cell(std::string_view s) {
  Cell c;
  if (s.empty()) return c;
  bool selective = s.rfind("择优:", 0) == 0;
  if (selective) s.remove_prefix(std::string_view("择优:").size());
  size_t tilde = s.find('~');
  auto lo = parse_decimal(s.substr(0, tilde));
  auto hi = tilde == std::string_view::npos ? lo : parse_decimal(s.substr(tilde + 1));
  if (lo && hi) {
    c.number = true;
    c.v = Interval{*lo, *hi};
    if (selective) c.v = c.v.upto();
    return c;
  }
  c.word = std::string(selective ? "择优:" : "") + std::string(s);
  return c;
}

// Several rules' cells as one (a split rule): amounts added up, words collected.
std::string joined(const std::vector<std::string_view>& cells) {
  std::optional<Interval> sum;
  std::set<std::string> words;
  for (std::string_view s : cells) {
    auto c = parse_cell(s);
    if (!c) return "?";
    if (c->number) {
      if (!sum) {
        sum = c->v;
      } else if (auto x = sum->add(c->v)) {
        sum = *x;
      } else {
        return "溢出";
      }
    } else if (!c->word.empty()) {
      words.insert(c->word);
    }
  }
  std::string out = sum ? sum->lo.to_decimal() + "~" + sum->hi.to_decimal() : "";
  for (const std::string& w : words) out += "|" + w;
  return out;
}

std::string delta(const sim::ExactSum& older, const sim::ExactSum& newer) {
  auto a = older.value(), b = newer.value();
  if (!a || !b) return "";
  auto d = b->sub(*a);
  return d ? d->to_decimal() : "";
}

}  // namespace

std::optional<Budget> budget(const Version& a, const Version& b, const Report& rep, const Options& o, std::string& error) {
  // The per-applicant file goes to a temporary file, read back once the pass is over.
  std::string tmpl = (std::filesystem::temp_directory_path() / "zhengce-diff-XXXXXX").string();
  std::vector<char> path(tmpl.begin(), tmpl.end());
  path.push_back('\0');
  int fd = ::mkstemp(path.data());
  if (fd < 0) {
    error = "无法创建临时文件";
    return std::nullopt;
  }
  ::close(fd);
  std::string out_path(path.data());
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove{out_path};

  sim::SimOptions so;
  so.input = o.input;
  so.format = o.input_jsonl ? sim::RegistryFormat::Jsonl : sim::RegistryFormat::Csv;
  so.threads = std::max(1u, o.threads);
  so.out_path = out_path;
  so.shown_problems = 0;
  std::vector<sim::SimPolicy> policies{{"旧版", a.module.get()}, {"新版", b.module.get()}};
  sim::SimResult result;
  std::string zh, en;
  if (!sim::simulate(policies, so, result, zh, en)) {
    error = zh;
    return std::nullopt;
  }
  Budget out;
  out.input = o.input;
  out.rows = result.rows;
  out.evaluated = result.evaluated;
  out.bad_rows = result.bad_rows;

  auto rule_of = [](const Version& v, const std::string& name) {
    for (size_t i = 0; i < v.policy->rules.size(); ++i)
      if (v.policy->rules[i].name.text == name) return static_cast<int>(i);
    return -1;
  };
  struct Tracked {
    std::vector<int> olds, news;
    size_t line = 0;
  };
  std::vector<Tracked> tracked;
  for (const RuleChange& rc : rep.rules) {
    if (rc.semantic.verdict == Semantic::Verdict::Identical || rc.semantic.verdict == Semantic::Verdict::Equal) continue;
    Tracked t;
    for (const std::string& n : rc.old_names) t.olds.push_back(rule_of(a, n));
    for (const std::string& n : rc.new_names) t.news.push_back(rule_of(b, n));
    sim::SumPair so_old, so_new;
    for (int r : t.olds) so_old.merge(result.stats[0].clauses[static_cast<size_t>(r)].local);
    for (int r : t.news) so_new.merge(result.stats[1].clauses[static_cast<size_t>(r)].local);
    BudgetLine line;
    line.name = rc.new_names.empty() ? rc.old_names.front() : rc.new_names.front();
    line.old_lo = so_old.lo.text();
    line.old_hi = so_old.hi.text();
    line.new_lo = so_new.lo.text();
    line.new_hi = so_new.hi.text();
    line.delta_lo = delta(so_old.lo, so_new.lo);
    line.delta_hi = delta(so_old.hi, so_new.hi);
    t.line = out.lines.size();
    out.lines.push_back(std::move(line));
    tracked.push_back(std::move(t));
  }
  std::set<std::string> payer_names;
  for (const PayerInfo& p : b.module->payers) payer_names.insert(b.module->str(p.name));
  for (const PayerInfo& p : a.module->payers) payer_names.insert(a.module->str(p.name));
  for (const std::string& name : payer_names) {
    sim::SumPair po, pn;
    bool local = false;
    for (size_t p = 0; p < a.module->payers.size(); ++p)
      if (a.module->str(a.module->payers[p].name) == name) {
        po.merge(result.stats[0].payers[p].total);
        local = local || a.module->payers[p].role == PayerRole::Local;
      }
    for (size_t p = 0; p < b.module->payers.size(); ++p)
      if (b.module->str(b.module->payers[p].name) == name) {
        pn.merge(result.stats[1].payers[p].total);
        local = local || b.module->payers[p].role == PayerRole::Local;
      }
    BudgetLine line{name, true, po.lo.text(), po.hi.text(), pn.lo.text(), pn.hi.text(), delta(po.lo, pn.lo), delta(po.hi, pn.hi), 0};
    if (local || line.old_hi != line.new_hi || line.old_lo != line.new_lo) out.lines.push_back(std::move(line));
  }

  // Applicants whose result of some changed rule differs, from the per-applicant file.
  std::ifstream in(out_path, std::ios::binary);
  std::string row, scratch, why;
  std::vector<std::string_view> cells;
  const size_t old_base = 3, new_base = 3 + a.module->rules.size() + a.module->payers.size();
  bool header = true;
  while (std::getline(in, row)) {
    if (header) {
      header = false;
      continue;
    }
    if (!sim::split_csv_line(row, cells, scratch, why) || cells.size() < new_base + b.module->rules.size()) continue;
    if (cells[2] == "坏行") continue;
    bool any = false;
    for (const Tracked& t : tracked) {
      std::vector<std::string_view> x, y;
      for (int r : t.olds) x.push_back(cells[old_base + static_cast<size_t>(r)]);
      for (int r : t.news) y.push_back(cells[new_base + static_cast<size_t>(r)]);
      bool differs = x.size() == 1 && y.size() == 1 ? x[0] != y[0] : joined(x) != joined(y);
      if (differs) {
        ++out.lines[t.line].changed;
        any = true;
      }
    }
    if (any) ++out.changed;
  }
  return out;
}

}  // namespace zc::diff::detail
