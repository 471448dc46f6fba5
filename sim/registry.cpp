// Registry rows to facts (registry.h). The fast paths (是/否, option names, non-negative decimals and
// percentages, ISO dates: facts/json_fast.h) give exactly what facts::fact_from_scalar gives for the
// same text — tests draw random and adversarial cells and compare — and everything else goes through
// fact_from_scalar itself, so a value the facts reader refuses is refused here too.
#include "sim/registry.h"

namespace zc::sim {
namespace {

std::string strip_brackets(std::string_view s) {
  if (s.size() >= 6 && s.substr(0, 3) == "「" && s.substr(s.size() - 3) == "」") s = s.substr(3, s.size() - 6);
  return std::string(s);
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

FactReader::FactReader(const Module& m) : m_(m), fast_(m) {}

facts::Scalar csv_scalar(std::string_view text) {
  if (text.empty()) return facts::Scalar{};
  if (text == "true" || text == "false") return facts::Scalar{facts::Scalar::Kind::Bool, text == "true", {}, {}};
  return facts::Scalar{facts::Scalar::Kind::String, false, std::string(text), {}};
}

bool FactReader::fast(uint16_t f, std::string_view text, bool csv, FactValue& out) const { return fast_.text(f, text, csv, out); }

bool FactReader::general(uint16_t f, const facts::Scalar& v, FactValue& out) const {
  std::string why, example;
  std::optional<FactValue> r = facts::fact_from_scalar(m_, f, v, why, example);
  if (!r) return false;
  out = *r;
  return true;
}

bool FactReader::from_text(uint16_t f, std::string_view text, FactValue& out) const {
  out = FactValue{};
  if (text.empty()) return true;
  // An item list in a CSV cell: the JSON array a JSONL line would hold (docs/simulate.md).
  if (m_.item_list(f) != nullptr) {
    std::vector<std::pair<std::string, facts::Scalar>> entries;
    std::string err;
    if (!facts::parse_flat_json("{\"l\":" + std::string(text) + "}", entries, err) || entries.size() != 1) return false;
    return from_scalar(f, entries[0].second, out);
  }
  if (fast(f, text, true, out)) return true;
  out = FactValue{};
  return general(f, csv_scalar(text), out);
}

bool FactReader::from_scalar(uint16_t f, const facts::Scalar& v, FactValue& out) const {
  out = FactValue{};
  // An item list (清单): a JSON array of objects, one per item (docs/simulate.md); an item's own fact
  // is never a column of its own.
  if (v.kind == facts::Scalar::Kind::Items || m_.item_list(f) != nullptr) {
    if (v.kind == facts::Scalar::Kind::Null) return true;
    std::string why, example;
    std::optional<FactValue> items = facts::items_from_rows(m_, f, v, why, example);
    if (!items) return false;
    out = std::move(*items);
    return true;
  }
  if (m_.item_of(f) != nullptr) return false;
  // A JSON number is read as the same digits written as text would be (a rate as a fraction).
  if (v.kind == facts::Scalar::Kind::Number && fast_.number(f, v.text, out)) return true;
  out = FactValue{};
  if (v.kind == facts::Scalar::Kind::String && !v.text.empty() && fast(f, v.text, false, out)) return true;
  out = FactValue{};
  return general(f, v, out);
}

std::string FactReader::why_not(uint16_t f, const facts::Scalar& v) const {
  std::string why, example;
  if (v.kind == facts::Scalar::Kind::Items || m_.item_list(f) != nullptr) {
    std::vector<std::pair<std::string, facts::Scalar>> cell;  // a CSV cell holds the array as text
    std::string err;
    bool parsed = v.kind == facts::Scalar::Kind::String && facts::parse_flat_json("{\"l\":" + v.text + "}", cell, err) && cell.size() == 1;
    facts::items_from_rows(m_, f, parsed ? cell[0].second : v, why, example);
    return why + "，清单写作 " + example;
  }
  if (m_.item_of(f) != nullptr) return "是清单「" + m_.str(m_.facts[m_.item_of(f)->list].name) + "」各项的事实，写在该清单的数组中";
  facts::fact_from_scalar(m_, f, v, why, example);
  return "应为" + why + "，例如 " + example;
}

}  // namespace zc::sim
