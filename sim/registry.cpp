// Registry rows to facts (registry.h). The fast paths (plain decimals, percentages, 是/否, option
// names) give exactly what cli::fact_from_scalar gives for the same text — a test draws random
// cells and compares — and everything else goes through fact_from_scalar itself.
#include "sim/registry.h"

#include <algorithm>

namespace zc::sim {
namespace {

std::string strip_brackets(std::string_view s) {
  if (s.size() >= 6 && s.substr(0, 3) == "「" && s.substr(s.size() - 3) == "」") s = s.substr(3, s.size() - 6);
  return std::string(s);
}

constexpr int64_t kPow10[] = {1,
                              10,
                              100,
                              1000,
                              10000,
                              100000,
                              1000000,
                              10000000,
                              100000000,
                              1000000000,
                              10000000000,
                              100000000000,
                              1000000000000,
                              10000000000000,
                              100000000000000,
                              1000000000000000,
                              10000000000000000,
                              100000000000000000,
                              1000000000000000000};

// -?[0-9]+(\.[0-9]+)? with at most 18 digits in all, optionally followed by '%' (then divided by
// 100). Nullopt for anything else, which then takes the general path.
std::optional<Rational> fast_decimal(std::string_view t, bool percent) {
  if (percent) {
    if (t.empty() || t.back() != '%') return std::nullopt;
    t.remove_suffix(1);
  }
  bool negative = !t.empty() && t[0] == '-';
  if (negative) t.remove_prefix(1);
  int64_t mantissa = 0;
  int digits = 0, frac = 0;
  bool point = false, int_digit = false;
  for (char ch : t) {
    if (ch == '.' && !point && int_digit) {
      point = true;
      continue;
    }
    if (ch < '0' || ch > '9' || ++digits > 18) return std::nullopt;
    mantissa = mantissa * 10 + (ch - '0');
    if (point) ++frac;
    else int_digit = true;
  }
  if (!int_digit || (point && frac == 0)) return std::nullopt;
  std::optional<Rational> v = Rational::make(negative ? -mantissa : mantissa, kPow10[frac]);
  if (v && percent) v = v->mul(*Rational::make(1, 100));
  return v;
}

}  // namespace

bool is_id_column(std::string_view name) { return name == "编号" || name == "id"; }

bool split_csv_line(std::string_view line, std::vector<std::string_view>& cells, std::string& scratch, std::string& why) {
  cells.clear();
  scratch.clear();
  // Unescaped quoted cells are copied into scratch; reserve so that views into it stay valid.
  scratch.reserve(line.size());
  size_t i = 0;
  for (;;) {
    if (i < line.size() && line[i] == '"') {
      ++i;
      size_t start = i;
      bool escaped = false;
      for (;;) {
        size_t q = line.find('"', i);
        if (q == std::string_view::npos) {
          why = "引号未闭合（单元格内不能换行）";
          return false;
        }
        if (q + 1 < line.size() && line[q + 1] == '"') {
          escaped = true;
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      std::string_view raw = line.substr(start, i - 1 - start);
      if (escaped) {
        size_t at = scratch.size();
        for (size_t k = 0; k < raw.size(); ++k) {
          scratch.push_back(raw[k]);
          if (raw[k] == '"') ++k;
        }
        cells.emplace_back(scratch.data() + at, scratch.size() - at);
      } else {
        cells.push_back(raw);
      }
      if (i < line.size() && line[i] != ',') {
        why = "右引号后应是逗号";
        return false;
      }
    } else {
      size_t comma = line.find(',', i);
      size_t end = comma == std::string_view::npos ? line.size() : comma;
      cells.push_back(line.substr(i, end - i));
      i = end;
    }
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

void RegistryLayout::add_targets(const std::vector<const Module*>& policies) {
  targets_.assign(names_.size(), {});
  for (size_t p = 0; p < policies.size(); ++p) {
    const Module& m = *policies[p];
    for (size_t f = 0; f < m.facts.size(); ++f) {
      if (m.facts[f].indicator) continue;
      auto it = index_.find(m.str(m.facts[f].name));
      if (it == index_.end()) continue;
      targets_[static_cast<size_t>(it->second)].push_back(Target{static_cast<uint16_t>(p), static_cast<uint16_t>(f)});
    }
  }
}

std::optional<RegistryLayout> RegistryLayout::from_header(const std::vector<const Module*>& policies,
                                                          const std::vector<std::string_view>& header, std::string& error) {
  RegistryLayout out;
  for (size_t c = 0; c < header.size(); ++c) {
    std::string name = strip_brackets(header[c]);
    if (out.index_.count(name) != 0 || (is_id_column(name) && out.id_ >= 0)) {
      error = "表头第 " + std::to_string(c + 1) + " 列「" + name + "」重复";
      return std::nullopt;
    }
    if (is_id_column(name)) out.id_ = static_cast<int>(c);
    out.index_.emplace(name, static_cast<int>(c));
    out.names_.push_back(name);
  }
  out.add_targets(policies);
  for (size_t c = 0; c < out.names_.size(); ++c) {
    const std::string& n = out.names_[c];
    if (out.targets_[c].empty() && static_cast<int>(c) != out.id_ && (n.empty() || n[0] != '#')) out.ignored_.push_back(n);
  }
  return out;
}

RegistryLayout RegistryLayout::for_jsonl(const std::vector<const Module*>& policies) {
  RegistryLayout out;
  for (const Module* m : policies) {
    for (const FactInfo& f : m->facts) {
      const std::string& name = m->str(f.name);
      if (f.indicator || out.index_.count(name) != 0) continue;
      out.index_.emplace(name, static_cast<int>(out.names_.size()));
      out.names_.push_back(name);
    }
  }
  out.add_targets(policies);
  return out;
}

int RegistryLayout::column_of(std::string_view key) const {
  auto it = index_.find(strip_brackets(key));
  return it == index_.end() ? -1 : it->second;
}

FactReader::FactReader(const Module& m) : m_(m), options_(m.facts.size()) {
  for (size_t f = 0; f < m.facts.size(); ++f) {
    const FactInfo& fi = m.facts[f];
    for (size_t o = 0; o < fi.options.size(); ++o) options_[f].emplace(m.str(fi.options[o]), static_cast<uint16_t>(o));
  }
}

cli::Scalar csv_scalar(std::string_view text) {
  if (text.empty()) return cli::Scalar{};
  if (text == "true" || text == "false") return cli::Scalar{cli::Scalar::Kind::Bool, text == "true", {}};
  return cli::Scalar{cli::Scalar::Kind::String, false, std::string(text)};
}

bool FactReader::fast(uint16_t f, std::string_view text, bool csv, FactValue& out) const {
  const FactInfo& fi = m_.facts[f];
  switch (fi.type) {
    case ValueType::Bool:
      if (text == "是" || text == "否" || (csv && (text == "true" || text == "false"))) {
        out.kind = FactValue::Kind::Bool;
        out.b = text == "是" || text == "true";
        return true;
      }
      return false;
    case ValueType::Option: {
      auto it = options_[f].find(text);
      if (it == options_[f].end()) return false;
      out.kind = FactValue::Kind::Opt;
      out.opt = it->second;
      return true;
    }
    case ValueType::Date:
      return false;
    default: {
      std::optional<Rational> v = fast_decimal(text, fi.type == ValueType::Rate && !text.empty() && text.back() == '%');
      if (!v) return false;
      out.kind = FactValue::Kind::Num;
      out.num = *v;
      return true;
    }
  }
}

bool FactReader::general(uint16_t f, const cli::Scalar& v, FactValue& out) const {
  std::string why, example;
  std::optional<FactValue> r = cli::fact_from_scalar(m_, f, v, why, example);
  if (!r) return false;
  out = *r;
  return true;
}

bool FactReader::from_text(uint16_t f, std::string_view text, FactValue& out) const {
  out = FactValue{};
  if (text.empty()) return true;
  return fast(f, text, true, out) || general(f, csv_scalar(text), out);
}

bool FactReader::from_scalar(uint16_t f, const cli::Scalar& v, FactValue& out) const {
  out = FactValue{};
  const ValueType t = m_.facts[f].type;
  bool numeric = t != ValueType::Date && t != ValueType::Bool && t != ValueType::Option;
  if (v.kind == cli::Scalar::Kind::Number && numeric) {
    if (auto n = fast_decimal(v.text, false)) {
      out.kind = FactValue::Kind::Num;
      out.num = *n;
      return true;
    }
  }
  if (v.kind == cli::Scalar::Kind::String && !v.text.empty() && fast(f, v.text, false, out)) return true;
  return general(f, v, out);
}

std::string FactReader::why_not(uint16_t f, const cli::Scalar& v) const {
  std::string why, example;
  cli::fact_from_scalar(m_, f, v, why, example);
  return "应为" + why + "，例如 " + example;
}

}  // namespace zc::sim
