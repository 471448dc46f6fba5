// Workbooks out (xlsx_out.h). The only floating point here is the double an .xlsx number cell
// holds: an amount is written as a number only when the text libxlsxwriter prints for that double
// (%.16G) reads back as exactly the amount; otherwise its exact decimal goes in as text.
#include "sim/xlsx_out.h"

#include <xlsxwriter.h>

#include <cstdlib>
#include <map>
#include <set>

#include "base/external_text.h"
#include "sim/aggregate.h"
#include "sim/xlsx_in.h"

namespace zc::sim {
namespace {

// The number to store for exact decimal text, when it round-trips through the file exactly.
std::optional<double> exact_double(const std::string& text) {
  std::optional<Rational> exact = parse_decimal(text);
  if (!exact || text.empty() || text.find_first_not_of("-0123456789.") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (*end != '\0') return std::nullopt;
  char back[40];
  std::snprintf(back, sizeof back, "%.16G", d);
  std::optional<Rational> again = parse_decimal(back);
  if (!again || !(*again == *exact)) return std::nullopt;
  return d;
}

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook.
std::string sheet_name(std::string name, std::set<std::string>& used) {
  make_valid_utf8(name);
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  }
  auto cut = [](const std::string& s, size_t chars) {
    size_t i = 0, n = 0;
    while (i < s.size() && n < chars) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      ++n;
    }
    return s.substr(0, std::min(i, s.size()));
  };
  if (name.empty()) name = "Sheet";
  std::string base = cut(name, 31), out = base;
  for (int k = 2; used.count(out) != 0; ++k) out = cut(name, 26) + " (" + std::to_string(k) + ")";
  used.insert(out);
  return out;
}

}  // namespace

struct XlsxResults::Impl {
  lxw_workbook* wb = nullptr;
  lxw_worksheet* summary = nullptr;
  lxw_format* bold = nullptr;
  const std::vector<SimPolicy>* policies = nullptr;
  std::set<std::string> used;
  struct Sheet {
    std::vector<lxw_worksheet*> parts;  // a policy's results continue on a new sheet past Excel's row limit
    uint32_t next_row = 0;
    std::string name;
  };
  std::vector<Sheet> sheets;

  void header(size_t p) {
    const Module& m = *(*policies)[p].module;
    Sheet& s = sheets[p];
    lxw_worksheet* ws = s.parts.back();
    lxw_col_t c = 0;
    for (const char* h : {"行号", "编号", "状态"}) worksheet_write_string(ws, 0, c++, h, bold);
    for (const RuleInfo& r : m.rules) worksheet_write_string(ws, 0, c++, m.str(r.name).c_str(), bold);
    for (const PayerInfo& pay : m.payers) {
      worksheet_write_string(ws, 0, c++, ("合计:" + m.str(pay.name) + "（最少）").c_str(), bold);
      worksheet_write_string(ws, 0, c++, ("合计:" + m.str(pay.name) + "（最多）").c_str(), bold);
    }
    s.next_row = 1;
  }

  void text_or_number(lxw_worksheet* ws, uint32_t r, lxw_col_t c, const std::string& text) {
    if (text.empty()) return;
    if (std::optional<double> d = exact_double(text)) worksheet_write_number(ws, r, c, *d, nullptr);
    else worksheet_write_string(ws, r, c, valid_utf8(text).c_str(), nullptr);
  }
  void amount(lxw_worksheet* ws, uint32_t r, lxw_col_t c, const ExactSum& s) { text_or_number(ws, r, c, s.text()); }
  void amount(lxw_worksheet* ws, uint32_t r, lxw_col_t c, const std::optional<Rational>& v) {
    if (v) text_or_number(ws, r, c, v->to_decimal());
  }
};

XlsxResults::XlsxResults() : impl_(std::make_unique<Impl>()) {}
XlsxResults::~XlsxResults() {
  if (impl_->wb != nullptr) workbook_close(impl_->wb);
}

bool XlsxResults::open(const std::string& path, const std::vector<SimPolicy>& policies, std::string& error_zh,
                       std::string& error_en) {
  if (!xlsx_libraries(error_zh, error_en)) return false;
  Impl& m = *impl_;
  lxw_workbook_options o{};
  o.constant_memory = LXW_TRUE;
  o.use_zip64 = LXW_TRUE;
  m.wb = workbook_new_opt(path.c_str(), &o);
  if (m.wb == nullptr) {
    error_zh = "无法写入「" + path + "」";
    error_en = "cannot write `" + path + "`";
    return false;
  }
  m.policies = &policies;
  m.bold = workbook_add_format(m.wb);
  format_set_bold(m.bold);
  m.summary = workbook_add_worksheet(m.wb, sheet_name("汇总", m.used).c_str());
  for (size_t p = 0; p < policies.size(); ++p) {
    Impl::Sheet s;
    s.name = sheet_name(policies[p].name, m.used);
    s.parts.push_back(workbook_add_worksheet(m.wb, s.name.c_str()));
    m.sheets.push_back(s);
    m.header(p);
  }
  return true;
}

void XlsxResults::row(uint64_t line, const std::vector<std::string_view>& cells) {
  Impl& m = *impl_;
  size_t at = 1;  // cells[0] is the 编号
  for (size_t p = 0; p < m.sheets.size(); ++p) {
    const Module& mod = *(*m.policies)[p].module;
    Impl::Sheet& s = m.sheets[p];
    if (s.next_row >= kXlsxMaxRows) {
      s.parts.push_back(workbook_add_worksheet(m.wb, sheet_name(s.name + " (" + std::to_string(s.parts.size() + 1) + ")", m.used).c_str()));
      m.header(p);
    }
    lxw_worksheet* ws = s.parts.back();
    const uint32_t r = s.next_row++;
    worksheet_write_number(ws, r, 0, static_cast<double>(line), nullptr);
    if (!cells[0].empty()) worksheet_write_string(ws, r, 1, valid_utf8(cells[0]).c_str(), nullptr);
    worksheet_write_string(ws, r, 2, std::string(cells[at++]).c_str(), nullptr);
    lxw_col_t c = 3;
    for (size_t k = 0; k < mod.rules.size(); ++k) m.text_or_number(ws, r, c++, std::string(cells[at++]));
    for (size_t k = 0; k < mod.payers.size(); ++k) {
      std::string_view t = cells[at++];
      size_t tilde = t.find('~');
      m.text_or_number(ws, r, c++, std::string(t.substr(0, tilde)));
      m.text_or_number(ws, r, c++, std::string(tilde == std::string_view::npos ? t : t.substr(tilde + 1)));
    }
  }
}

bool XlsxResults::close(const SimResult& res, const std::string& input, std::string& error_zh, std::string& error_en) {
  Impl& m = *impl_;
  lxw_worksheet* ws = m.summary;
  uint32_t r = 0;
  // Registry cells, file and policy names come from outside: always valid UTF-8 in the file.
  auto label = [&](lxw_col_t c, const std::string& s, lxw_format* f = nullptr) { worksheet_write_string(ws, r, c, valid_utf8(s).c_str(), f); };
  auto count = [&](lxw_col_t c, uint64_t n) { worksheet_write_number(ws, r, c, static_cast<double>(n), nullptr); };
  label(0, "登记册", m.bold);
  label(1, input);
  ++r;
  const char* totals[] = {"数据行", "已求值", "坏行", "含无法计算规则的行"};
  const uint64_t values[] = {res.rows, res.evaluated, res.bad_rows, res.rows_with_errors};
  for (size_t k = 0; k < 4; ++k, ++r) {
    label(0, totals[k], m.bold);
    count(1, values[k]);
  }
  const char* pct_heads[] = {"P50最少", "P50最多", "P90最少", "P90最多", "P99最少", "P99最多", "最高（最少）", "最高（最多）"};
  auto distribution = [&](lxw_col_t c, const CounterPair& d) {
    for (unsigned p : {50u, 90u, 99u}) {
      auto lo = d.lo().percentile(p);
      auto hi = d.hi().percentile(p);
      if (lo && hi) {
        m.amount(ws, r, c, std::optional<Rational>(lo->lo));
        m.amount(ws, r, c + 1, std::optional<Rational>(hi->hi));
      }
      c += 2;
    }
    m.amount(ws, r, c, d.lo().max());
    m.amount(ws, r, c + 1, d.hi().max());
  };
  for (size_t p = 0; p < m.policies->size() && p < res.stats.size(); ++p) {
    const Module& mod = *(*m.policies)[p].module;
    const PolicyStats& st = res.stats[p];
    ++r;
    label(0, "政策", m.bold);
    label(1, (*m.policies)[p].name);
    if (mod.meta.title != kNoString) label(2, mod.str(mod.meta.title));
    ++r;
    label(0, "申请人", m.bold);
    count(1, st.applicants);
    label(2, "获本级资助", m.bold);
    count(3, st.with_local_award);
    r += 2;
    lxw_col_t c = 0;
    for (const char* h : {"出资方", "角色", "受益数", "合计最少（元）", "合计最多（元）"}) label(c++, h, m.bold);
    for (const char* h : pct_heads) label(c++, h, m.bold);
    ++r;
    for (size_t k = 0; k < mod.payers.size(); ++k, ++r) {
      const PayerStats& ps = st.payers[k];
      PayerRole role = mod.payers[k].role;
      label(0, mod.str(mod.payers[k].name));
      label(1, role == PayerRole::Local ? "本级" : role == PayerRole::Upper ? "上级" : "其他方");
      count(2, ps.beneficiaries);
      m.amount(ws, r, 3, ps.total.lo);
      m.amount(ws, r, 4, ps.total.hi);
      distribution(5, ps.dist);
    }
    ++r;
    c = 0;
    for (const char* h : {"条", "条款", "受益数", "有金额", "择优", "一事一议", "金额未明确", "待遇", "扣除", "不重复", "受上限", "无法计算",
                          "本级合计最少（元）", "本级合计最多（元）"}) {
      label(c++, h, m.bold);
    }
    for (const char* h : pct_heads) label(c++, h, m.bold);
    ++r;
    for (size_t k = 0; k < mod.rules.size(); ++k, ++r) {
      const ClauseStats& cs = st.clauses[k];
      const RuleInfo& rule = mod.rules[k];
      if (rule.article != kNoString) label(0, mod.str(rule.article));
      label(1, mod.str(rule.name));
      const uint64_t n[] = {cs.awarded, cs.with_amount, cs.selective, cs.case_by_case, cs.unspecified, cs.benefit,
                            cs.deduction, cs.excluded, cs.capped, cs.errors};
      for (size_t i = 0; i < 10; ++i) count(static_cast<lxw_col_t>(2 + i), n[i]);
      m.amount(ws, r, 12, cs.local.lo);
      m.amount(ws, r, 13, cs.local.hi);
      distribution(14, cs.dist);
    }
    if (!mod.constraints.empty()) {
      ++r;
      c = 0;
      for (const char* h : {"约束", "结论", "受益者", "平均最少（元）", "平均最多（元）", "合计上界（元）"}) label(c++, h, m.bold);
      ++r;
      for (const ConstraintInfo& ci : mod.constraints) {
        ConstraintResult cr = check_constraint(mod, ci, st);
        using V = ConstraintResult::Verdict;
        const char* verdict = cr.verdict == V::Met ? "满足" : cr.verdict == V::Violated ? "违反" : cr.verdict == V::Undetermined ? "待定"
                              : cr.verdict == V::Bound ? "给出合计上界" : cr.verdict == V::NoData ? "无受益者" : "溢出";
        label(0, mod.str(ci.name));
        label(1, verdict);
        count(2, cr.n);
        m.text_or_number(ws, r, 3, cr.avg_lo);
        m.text_or_number(ws, r, 4, cr.avg_hi);
        m.text_or_number(ws, r, 5, cr.bound);
        ++r;
      }
    }
  }
  if (!res.problems.empty()) {
    ++r;
    label(0, "问题行", m.bold);
    label(1, "说明", m.bold);
    ++r;
    for (const RowProblem& p : res.problems) {
      count(0, p.line);
      label(1, p.zh);
      ++r;
    }
  }
  lxw_error e = workbook_close(m.wb);
  m.wb = nullptr;
  if (e != LXW_NO_ERROR) {
    error_zh = "写入 xlsx 时出错：" + std::string(lxw_strerror(e));
    error_en = "error while writing the xlsx file: " + std::string(lxw_strerror(e));
    return false;
  }
  return true;
}

bool write_registry_xlsx(const std::string& path, const std::vector<SynthColumn>& cols, uint64_t seed, uint64_t rows,
                         std::string& error_zh, std::string& error_en) {
  if (!xlsx_libraries(error_zh, error_en)) return false;
  if (rows + 1 > kXlsxMaxRows) {
    error_zh = "xlsx 工作表最多 " + std::to_string(kXlsxMaxRows) + " 行（含表头）";
    error_en = "an xlsx sheet holds at most " + std::to_string(kXlsxMaxRows) + " rows (with the header)";
    return false;
  }
  lxw_workbook_options o{};
  o.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &o);
  if (wb == nullptr) {
    error_zh = "无法写入「" + path + "」";
    error_en = "cannot write `" + path + "`";
    return false;
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, "登记册");
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.00%");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  worksheet_write_string(ws, 0, 0, "编号", nullptr);
  for (size_t c = 0; c < cols.size(); ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c + 1), cols[c].name.c_str(), nullptr);
  std::vector<SynthCell> row;
  for (uint64_t i = 0; i < rows; ++i) {
    const auto r = static_cast<lxw_row_t>(i + 1);
    synth_row(cols, seed, i, row);
    worksheet_write_string(ws, r, 0, synth_id(i).c_str(), nullptr);
    for (size_t c = 0; c < cols.size(); ++c) {
      const SynthCell& cell = row[c];
      const auto col = static_cast<lxw_col_t>(c + 1);
      if (cell.kind == SynthCell::Kind::Empty) continue;
      if (cell.kind != SynthCell::Kind::Num) {
        worksheet_write_string(ws, r, col, synth_text(cols[c], cell).c_str(), nullptr);
        continue;
      }
      if (cols[c].type == ValueType::Date) {
        // Excel's 1900 date system: serial 25569 is 1970-01-01 (every drawn date is after 1900-03-01).
        worksheet_write_number(ws, r, col, static_cast<double>(cell.num.num() + 25569), date);
        continue;
      }
      std::optional<double> d = exact_double(cell.num.to_decimal());
      if (d) worksheet_write_number(ws, r, col, *d, cols[c].type == ValueType::Rate ? percent : nullptr);
      else worksheet_write_string(ws, r, col, synth_text(cols[c], cell).c_str(), nullptr);
    }
  }
  lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) {
    error_zh = "写入 xlsx 时出错：" + std::string(lxw_strerror(e));
    error_en = "error while writing the xlsx file: " + std::string(lxw_strerror(e));
    return false;
  }
  return true;
}

}  // namespace zc::sim
