// Facts files (see facts.h). JSON is read through nlohmann's SAX interface so every number keeps its
// exact text; values are then typed against the policy's fact table.
#include "facts/facts.h"

#include <algorithm>
#include <unordered_set>

#include "compiler/syntax/domain.h"
#include "compiler/syntax/literal.h"
#include "nlohmann/json.hpp"
#include "base/rational.h"
#include "base/units.h"

namespace zc::facts {
namespace {

class FlatSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit FlatSax(std::vector<std::pair<std::string, Scalar>>& out) : out_(out) {}
  std::string error;

  bool null() override { return put(Scalar{}); }
  bool boolean(bool v) override { return put(Scalar{Scalar::Kind::Bool, v, {}, {}}); }
  bool number_integer(number_integer_t v) override { return put(Scalar{Scalar::Kind::Number, false, std::to_string(v), {}}); }
  bool number_unsigned(number_unsigned_t v) override { return put(Scalar{Scalar::Kind::Number, false, std::to_string(v), {}}); }
  bool number_float(number_float_t, const string_t& s) override { return put(Scalar{Scalar::Kind::Number, false, s, {}}); }
  bool string(string_t& v) override { return put(Scalar{Scalar::Kind::String, false, v, {}}); }
  bool binary(binary_t&) override { return nested(); }
  bool start_object(std::size_t) override {
    if (depth_++ == 0) return true;
    if (depth_ == 2 && in_array_) {  // an item of an item list: {"技术交易额": "300万元"}
      out_.back().second.rows.emplace_back();
      return true;
    }
    return nested();
  }
  bool key(string_t& k) override {
    if (depth_ == 2) {  // an item's key
      item_key_ = k;
      return true;
    }
    if (!seen_.insert(k).second) {  // a set, not a scan: a facts file may hold many thousand keys
      error = "键「" + k + "」重复";
      return false;
    }
    key_ = k;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  // An item list: an array of objects at the top level's keys (清单, issue 11 form 12).
  bool start_array(std::size_t) override {
    if (depth_ == 0) return top_not_object();
    if (depth_ != 1 || in_array_) return nested();
    in_array_ = true;
    Scalar items;
    items.kind = Scalar::Kind::Items;
    out_.emplace_back(key_, std::move(items));
    return true;
  }
  bool end_array() override {
    in_array_ = false;
    return true;
  }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
    error = "第 " + std::to_string(pos) + " 个字符附近：" + std::string(ex.what());
    return false;
  }

 private:
  bool put(Scalar s) {
    if (depth_ == 0) return top_not_object();
    if (in_array_ && depth_ == 1) {
      error = "清单「" + key_ + "」的各项应是对象 {…}";
      return false;
    }
    if (depth_ == 2) {
      out_.back().second.rows.back().push_back(ItemCell{item_key_, std::move(s)});
      return true;
    }
    out_.emplace_back(key_, std::move(s));
    return true;
  }
  bool nested() {
    error = "「" + key_ + "」的值不能是对象或多层数组：每个事实写一个值，清单写作对象数组 [{…}, {…}]";
    return false;
  }
  bool top_not_object() {
    error = "顶层应是一个对象 {…}";
    return false;
  }
  std::vector<std::pair<std::string, Scalar>>& out_;
  std::unordered_set<std::string> seen_;
  std::string key_;
  std::string item_key_;
  bool in_array_ = false;
  int depth_ = 0;
};

std::string strip_brackets(std::string_view s) {
  if (s.size() >= 6 && s.substr(0, 3) == "「" && s.substr(s.size() - 3) == "」") s = s.substr(3, s.size() - 6);
  return std::string(s);
}

// Plain decimal text, possibly negative: "3000000.00", "-2.5".
std::optional<Rational> plain_number(std::string_view t) { return parse_decimal(t); }

}  // namespace

bool parse_flat_json(std::string_view json, std::vector<std::pair<std::string, Scalar>>& out, std::string& err) {
  FlatSax sax(out);
  bool ok = nlohmann::json::sax_parse(json.begin(), json.end(), &sax);
  if (!ok) err = sax.error.empty() ? "无法解析" : sax.error;
  return ok;
}

int find_fact(const Module& m, std::string_view name) {
  std::string n = strip_brackets(name);
  for (size_t i = 0; i < m.facts.size(); ++i)
    if (m.str(m.facts[i].name) == n) return static_cast<int>(i);
  return -1;
}

namespace {

std::optional<std::string> domain_rule(const Module& m, size_t f, const Rational& v) {
  const FactInfo& fi = m.facts[f];
  return syntax::domain_violation(fi.type, fi.unit == kNoString ? "" : m.str(fi.unit), v);
}

// Where `key`'s value is written in the JSON text: the bytes of the value (a string with its quotes),
// or of the key when `want_key`. Nullopt when the key is not written as plain text (escaped).
// The search starts at `from` (where the previous key was found: keys come in file order) and wraps
// round, so that the places of a million keys cost one pass over the text, not a million.
std::optional<std::pair<size_t, size_t>> locate(std::string_view json, const std::string& key, bool want_key, size_t& from) {
  const std::string quoted = nlohmann::json(key).dump();
  auto space = [&](size_t i) {
    while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) ++i;
    return i;
  };
  auto key_at = [&](size_t start, size_t stop) -> size_t {
    for (size_t at = json.find(quoted, start); at != std::string_view::npos && at < stop; at = json.find(quoted, at + 1)) {
      size_t colon = space(at + quoted.size());
      if (colon < json.size() && json[colon] == ':') return at;  // not a value that spells the key
    }
    return std::string_view::npos;
  };
  from = std::min(from, json.size());
  size_t at = key_at(from, json.size());
  if (at == std::string_view::npos) at = key_at(0, from);
  if (at != std::string_view::npos) {
    from = at;
    size_t colon = space(at + quoted.size());
    if (want_key) return std::pair{at, at + quoted.size()};
    size_t b = space(colon + 1), e = b;
    if (e < json.size() && json[e] == '"') {
      for (++e; e < json.size() && json[e] != '"'; ++e)
        if (json[e] == '\\') ++e;
      ++e;
    } else {
      while (e < json.size() && json[e] != ',' && json[e] != '}' && json[e] != ' ' && json[e] != '\n' && json[e] != '\r' && json[e] != '\t') ++e;
    }
    return std::pair{b, std::min(e, json.size())};
  }
  return std::nullopt;
}

// The value read for fact `f`'s type, before its domain is checked.
std::optional<FactValue> typed_value(const Module& m, size_t f, const Scalar& v, std::string& why, std::string& example) {
  const FactInfo& fi = m.facts[f];
  FactValue out;
  if (v.kind == Scalar::Kind::Null) return out;  // explicitly unknown: Missing
  switch (fi.type) {
    case ValueType::Bool:
      why = "是否（true/false 或 是/否）";
      example = "true";
      if (v.kind == Scalar::Kind::Bool) { out.kind = FactValue::Kind::Bool; out.b = v.b; return out; }
      if (v.kind == Scalar::Kind::String && (v.text == "是" || v.text == "否")) {
        out.kind = FactValue::Kind::Bool;
        out.b = v.text == "是";
        return out;
      }
      return std::nullopt;
    case ValueType::Option: {
      why = "选项之一（";
      for (size_t i = 0; i < fi.options.size(); ++i) why += (i ? "、" : "") + m.str(fi.options[i]);
      why += "）";
      example = fi.options.empty() ? "" : "\"" + m.str(fi.options[0]) + "\"";
      if (v.kind != Scalar::Kind::String) return std::nullopt;
      std::string name = strip_brackets(v.text);
      for (size_t i = 0; i < fi.options.size(); ++i) {
        if (m.str(fi.options[i]) == name) {
          out.kind = FactValue::Kind::Opt;
          out.opt = static_cast<uint16_t>(i);
          return out;
        }
      }
      return std::nullopt;
    }
    default:
      break;
  }
  out.kind = FactValue::Kind::Num;
  std::string unit = fi.unit == kNoString ? "" : m.str(fi.unit);
  switch (fi.type) {
    case ValueType::Money: why = "金额"; example = "\"100万元\" 或 1000000（单位：元）"; break;
    case ValueType::Rate: why = "比例"; example = "\"5%\" 或 0.05"; break;
    case ValueType::Count: why = "数量" + (unit.empty() ? "" : "（" + unit + "）"); example = "\"2" + unit + "\" 或 2"; break;
    case ValueType::Points: why = "分数"; example = "\"30分\" 或 30"; break;
    case ValueType::Date: why = "日期"; example = "\"2024年2月21日\" 或 \"2024-02-21\""; break;
    default: break;
  }
  if (v.kind == Scalar::Kind::Number) {
    if (fi.type == ValueType::Date) return std::nullopt;
    auto n = plain_number(v.text);
    if (!n) return std::nullopt;
    out.num = *n;
    return out;
  }
  if (v.kind != Scalar::Kind::String) return std::nullopt;
  std::string_view text = v.text;
  bool negative = false;
  if (!text.empty() && (text[0] == '-')) {
    negative = true;
    text.remove_prefix(1);
  }
  if (fi.type == ValueType::Date && text.size() == 10 && text[4] == '-' && text[7] == '-') {
    auto y = plain_number(text.substr(0, 4)), mo = plain_number(text.substr(5, 2)), d = plain_number(text.substr(8, 2));
    if (!y || !mo || !d) return std::nullopt;
    auto day = day_number(y->num(), mo->num(), d->num());
    if (!day) return std::nullopt;
    out.num = Rational(*day);
    return out;
  }
  if (auto n = plain_number(text)) {
    if (fi.type == ValueType::Date) return std::nullopt;
    out.num = negative ? n->neg() : *n;
    return out;
  }
  auto lit = syntax::read_literal(text);
  if (!lit) return std::nullopt;
  bool ok = false;
  switch (fi.type) {
    case ValueType::Money: ok = lit->kind == ast::LitKind::Money && !lit->hi; break;
    case ValueType::Rate: ok = lit->kind == ast::LitKind::Rate; break;
    case ValueType::Count: ok = lit->kind == ast::LitKind::Number || (lit->kind == ast::LitKind::Count && (unit.empty() || lit->unit == unit)); break;
    case ValueType::Points: ok = lit->kind == ast::LitKind::Number || (lit->kind == ast::LitKind::Count && lit->unit == "分"); break;
    case ValueType::Date: ok = lit->kind == ast::LitKind::Date && !negative; break;
    default: break;
  }
  if (!ok) return std::nullopt;
  out.num = negative ? lit->value.neg() : lit->value;
  return out;
}

}  // namespace

std::optional<FactValue> fact_from_scalar(const Module& m, size_t f, const Scalar& v, std::string& why, std::string& example,
                                          std::string* out_of_range) {
  std::optional<FactValue> r = typed_value(m, f, v, why, example);
  if (!r || r->kind != FactValue::Kind::Num) return r;
  // The value has the fact's type; it must also lie in the type's domain (negative amounts, 2.5人).
  if (auto rule = domain_rule(m, f, r->num)) {
    why = *rule;
    if (out_of_range) *out_of_range = *rule;
    return std::nullopt;
  }
  return r;
}

std::optional<FactValue> items_from_rows(const Module& m, size_t list, const Scalar& v, std::string& why, std::string& example) {
  const ItemListInfo* info = m.item_list(static_cast<uint32_t>(list));
  std::string shape = "[{";
  for (size_t k = 0; info && k < info->members.size(); ++k) shape += (k ? ", " : "") + std::string("\"") + m.str(m.facts[info->members[k]].name) + "\": …";
  shape += "}, …]";
  example = shape;
  if (info == nullptr || v.kind != Scalar::Kind::Items) {
    why = info == nullptr ? "「" + m.str(m.facts[list].name) + "」不是清单，不能写成数组" : "清单应写作对象数组，每项一个对象";
    return std::nullopt;
  }
  auto rows = std::make_shared<ItemRows>();
  rows->width = static_cast<uint32_t>(info->members.size());
  rows->count = v.rows.size();
  rows->cells.resize(rows->width * v.rows.size());
  for (size_t i = 0; i < v.rows.size(); ++i) {
    for (const auto& [key, cell] : v.rows[i]) {
      std::string item = "第" + std::to_string(i + 1) + "项";
      if (!key.empty() && key[0] == '#') continue;
      std::string name = strip_brackets(key);
      size_t k = 0;
      while (k < info->members.size() && m.str(m.facts[info->members[k]].name) != name) ++k;
      if (k == info->members.size()) {
        why = item + "的「" + name + "」不是属于「" + m.str(m.facts[list].name) + "」的事实";
        return std::nullopt;
      }
      FactValue& out = rows->cells[i * rows->width + k];
      if (out.kind != FactValue::Kind::Missing) {
        why = item + "写了两次「" + name + "」";
        return std::nullopt;
      }
      if (cell.kind == Scalar::Kind::Items) {
        why = item + "的「" + name + "」不能再是数组";
        return std::nullopt;
      }
      std::string w, ex;
      auto fv = fact_from_scalar(m, info->members[k], cell, w, ex);
      if (!fv) {
        std::string shown = cell.kind == Scalar::Kind::Bool ? (cell.b ? "true" : "false") : cell.text;
        why = item + "的「" + name + "」的值「" + shown + "」不是" + w;
        example = ex;
        return std::nullopt;
      }
      out = *fv;
    }
  }
  return item_list_value(std::move(rows));
}

std::vector<FactValue> facts_from_json(const Module& m, const std::vector<std::pair<std::string, Scalar>>& entries,
                                       std::vector<Diagnostic>& diags, const FactsSource* source, size_t* unlisted) {
  // With the file's text, a diagnostic points at the key or the value (file:line:column).
  size_t from = 0;
  auto make = [&](DiagCode code, const std::string& key, bool at_key, std::vector<std::string> args) {
    std::optional<std::pair<size_t, size_t>> at = source ? locate(source->text, key, at_key, from) : std::nullopt;
    if (!at) return make_diag_nospan(code, std::move(args));
    return make_diag(code, Span{source->file, static_cast<uint32_t>(at->first), static_cast<uint32_t>(at->second)}, std::move(args));
  };
  const size_t first = diags.size();
  auto report = [&](DiagCode code, const std::string& key, bool at_key, std::vector<std::string> args) {
    if (unlisted && diags.size() - first >= kListedFactsProblems) {
      ++*unlisted;
      return;
    }
    diags.push_back(make(code, key, at_key, std::move(args)));
  };
  std::vector<FactValue> facts(m.facts.size());
  for (const auto& [key, value] : entries) {
    if (!key.empty() && key[0] == '#') continue;
    int f = find_fact(m, key);
    if (f < 0 || m.facts[static_cast<size_t>(f)].indicator) {
      report(DiagCode::E0803, key, true, {strip_brackets(key), ""});
      continue;
    }
    std::string why, example, range;
    if (value.kind == Scalar::Kind::Items || m.item_list(static_cast<uint32_t>(f)) != nullptr) {  // 清单
      auto v = items_from_rows(m, static_cast<size_t>(f), value, why, example);
      if (!v) {
        report(DiagCode::E0808, key, false, {strip_brackets(key), why, example});
        continue;
      }
      facts[static_cast<size_t>(f)] = *v;
      continue;
    }
    if (m.item_of(static_cast<uint32_t>(f)) != nullptr) {
      std::string list = m.str(m.facts[m.item_of(static_cast<uint32_t>(f))->list].name);
      report(DiagCode::E0808, key, true, {list, "「" + strip_brackets(key) + "」是各项的事实，写在清单「" + list + "」的各项中", "\"" + list + "\": [{\"" + strip_brackets(key) + "\": …}]"});
      continue;
    }
    auto v = fact_from_scalar(m, static_cast<size_t>(f), value, why, example, &range);
    if (!v) {
      std::string shown = value.kind == Scalar::Kind::Bool ? (value.b ? "true" : "false") : value.text;
      report(range.empty() ? DiagCode::E0802 : DiagCode::E0806, key, false, {strip_brackets(key), shown, why, example});
      continue;
    }
    facts[static_cast<size_t>(f)] = *v;
  }
  return facts;
}

}  // namespace zc::facts
