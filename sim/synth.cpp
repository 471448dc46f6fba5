// The synthetic registry generator (synth.h). Every draw is integer arithmetic on a SplitMix64
// stream seeded from (seed, row): no floating point, so registries are identical across machines.
// The distributions are the ones docs/simulate.md documents; change both together.
#include "sim/synth.h"

#include <fmt/format.h>

#include "nlohmann/json.hpp"

#include "base/units.h"

namespace zc::sim {
namespace {

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ull;

uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// SplitMix64 (Steele, Lea, Flood 2014).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() { return mix(s_ += kGolden); }
  // Uniform in [0, n), by the multiply-high method (bias below 2^-40 for the n used here).
  uint64_t below(uint64_t n) {
    __extension__ using u128 = unsigned __int128;
    return static_cast<uint64_t>((static_cast<u128>(next()) * n) >> 64);
  }
  // True with probability percent/100.
  bool chance(uint64_t percent) { return below(100) < percent; }

 private:
  uint64_t s_;
};

Rational ratio(int64_t n, int64_t d) { return *Rational::make(n, d); }

int64_t pow10(int e) {
  int64_t v = 1;
  while (e-- > 0) v *= 10;
  return v;
}

const int64_t kFirstDay = days_from_civil(2020, 1, 1);
const int64_t kLastDay = days_from_civil(2025, 12, 31);

}  // namespace

std::optional<std::vector<SynthColumn>> synth_columns(const std::vector<const Module*>& policies, std::string& error) {
  std::vector<SynthColumn> cols;
  for (const Module* m : policies) {
    for (const FactInfo& f : m->facts) {
      if (f.indicator) continue;
      SynthColumn c;
      c.name = m->str(f.name);
      c.type = f.type;
      for (uint32_t o : f.options) c.options.push_back(m->str(o));
      c.required = f.default_value.kind == FactValue::Kind::Missing;
      if (f.default_value.kind == FactValue::Kind::Opt) c.default_option = f.default_value.opt;
      bool seen = false;
      for (SynthColumn& have : cols) {
        if (have.name != c.name) continue;
        seen = true;
        if (have.type != c.type || have.options != c.options) {
          error = "事实「" + c.name + "」在不同政策中的类型或选项不同，无法生成同一列";
          return std::nullopt;
        }
        have.required = have.required || c.required;
      }
      if (!seen) cols.push_back(std::move(c));
    }
  }
  return cols;
}

void synth_row(const std::vector<SynthColumn>& cols, uint64_t seed, uint64_t row, std::vector<SynthCell>& out) {
  Rng rng(mix(seed ^ mix(row + kGolden)));
  out.resize(cols.size());
  for (size_t i = 0; i < cols.size(); ++i) {
    SynthCell& c = out[i];
    c = SynthCell{};
    // A fact some policy needs without a default is always recorded; others are sometimes empty.
    const uint64_t present = cols[i].required ? 100 : (cols[i].type == ValueType::Bool || cols[i].type == ValueType::Option ? 90 : 95);
    switch (cols[i].type) {
      case ValueType::Bool: {
        // 是 15%, 否 75%, empty 10% (否 85% when required).
        uint64_t u = rng.below(100);
        if (u < present) {
          c.kind = SynthCell::Kind::Bool;
          c.b = u < 15;
        }
        break;
      }
      case ValueType::Option:
        // 90% present (empty 10%): the default option (usually 无) 70% of the time, else uniform
        // over the others; uniform over all options when the fact has no default.
        if (!cols[i].options.empty() && rng.chance(present)) {
          c.kind = SynthCell::Kind::Opt;
          const uint64_t n = cols[i].options.size();
          const int def = cols[i].default_option;
          if (def < 0 || n == 1) {
            c.opt = static_cast<uint16_t>(rng.below(n));
          } else if (rng.chance(70)) {
            c.opt = static_cast<uint16_t>(def);
          } else {
            uint64_t k = rng.below(n - 1);
            c.opt = static_cast<uint16_t>(k >= static_cast<uint64_t>(def) ? k + 1 : k);
          }
        }
        break;
      case ValueType::Money:
        // 95% present: three significant digits, the decade uniform from 1千元 to 1千万元; 30% of
        // them carry a uniform number of 分 (0.00-0.99).
        if (rng.chance(present)) {
          int decade = 3 + static_cast<int>(rng.below(5));
          int64_t yuan = (100 + static_cast<int64_t>(rng.below(900))) * pow10(decade - 2);
          int64_t fen = rng.chance(30) ? static_cast<int64_t>(rng.below(100)) : 0;
          c.kind = SynthCell::Kind::Num;
          c.num = ratio(yuan * 100 + fen, 100);
        }
        break;
      case ValueType::Rate:
        // 95% present: uniform in 0%-30% in steps of 0.01%.
        if (rng.chance(present)) {
          c.kind = SynthCell::Kind::Num;
          c.num = ratio(static_cast<int64_t>(rng.below(3001)), 10000);
        }
        break;
      case ValueType::Count:
        // 95% present: 0 with 40%, else uniform 1-12.
        if (rng.chance(present)) {
          c.kind = SynthCell::Kind::Num;
          c.num = rng.chance(40) ? Rational(0) : Rational(1 + static_cast<int64_t>(rng.below(12)));
        }
        break;
      case ValueType::Points:
        // 95% present: uniform whole points 0-100.
        if (rng.chance(present)) {
          c.kind = SynthCell::Kind::Num;
          c.num = Rational(static_cast<int64_t>(rng.below(101)));
        }
        break;
      case ValueType::Date:
        // 95% present: a uniform day from 2020-01-01 to 2025-12-31.
        if (rng.chance(present)) {
          c.kind = SynthCell::Kind::Num;
          c.num = Rational(kFirstDay + static_cast<int64_t>(rng.below(static_cast<uint64_t>(kLastDay - kFirstDay + 1))));
        }
        break;
    }
  }
}

std::string synth_text(const SynthColumn& col, const SynthCell& cell) {
  switch (cell.kind) {
    case SynthCell::Kind::Empty: return "";
    case SynthCell::Kind::Bool: return cell.b ? "是" : "否";
    case SynthCell::Kind::Opt: return col.options[cell.opt];
    case SynthCell::Kind::Num: break;
  }
  if (col.type == ValueType::Rate) return ratio(cell.num.num() * 100, cell.num.den()).to_decimal() + "%";
  if (col.type == ValueType::Date) {
    int64_t y = 0;
    unsigned mo = 0, d = 0;
    civil_from_days(cell.num.num(), y, mo, d);
    return fmt::format("{:04}-{:02}-{:02}", y, mo, d);
  }
  return cell.num.to_decimal();
}

std::string synth_id(uint64_t row) { return fmt::format("QY{:07}", row + 1); }

std::vector<int> synth_fact_columns(const Module& m, const std::vector<SynthColumn>& cols) {
  std::vector<int> out(m.facts.size(), -1);
  for (size_t f = 0; f < m.facts.size(); ++f) {
    if (m.facts[f].indicator) continue;
    for (size_t c = 0; c < cols.size(); ++c) {
      if (cols[c].name == m.str(m.facts[f].name)) out[f] = static_cast<int>(c);
    }
  }
  return out;
}

void synth_facts(const std::vector<int>& fact_columns, const std::vector<SynthCell>& row, std::vector<FactValue>& out) {
  out.assign(fact_columns.size(), FactValue{});
  for (size_t f = 0; f < fact_columns.size(); ++f) {
    if (fact_columns[f] < 0) continue;
    const SynthCell& c = row[static_cast<size_t>(fact_columns[f])];
    FactValue& v = out[f];
    switch (c.kind) {
      case SynthCell::Kind::Empty: break;
      case SynthCell::Kind::Bool: v.kind = FactValue::Kind::Bool; v.b = c.b; break;
      case SynthCell::Kind::Opt: v.kind = FactValue::Kind::Opt; v.opt = c.opt; break;
      case SynthCell::Kind::Num: v.kind = FactValue::Kind::Num; v.num = c.num; break;
    }
  }
}

void write_registry(std::ostream& out, const std::vector<SynthColumn>& cols, uint64_t seed, uint64_t rows, RegistryFormat format) {
  auto quoted = [](const std::string& s) {
    if (s.find_first_of(",\"") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  std::string buf;
  if (format == RegistryFormat::Csv) {
    buf = "编号";
    for (const SynthColumn& c : cols) buf += "," + quoted(c.name);
    buf += "\n";
  }
  std::vector<SynthCell> row;
  for (uint64_t r = 0; r < rows; ++r) {
    synth_row(cols, seed, r, row);
    if (format == RegistryFormat::Csv) {
      buf += synth_id(r);
      for (size_t i = 0; i < cols.size(); ++i) buf += "," + quoted(synth_text(cols[i], row[i]));
      buf += "\n";
    } else {
      // Written by hand rather than through a JSON value so that numbers keep their exact text.
      buf += "{\"编号\":\"" + synth_id(r) + "\"";
      for (size_t i = 0; i < cols.size(); ++i) {
        const SynthCell& c = row[i];
        if (c.kind == SynthCell::Kind::Empty) continue;
        buf += "," + nlohmann::json(cols[i].name).dump() + ":";
        std::string text = synth_text(cols[i], c);
        bool number = c.kind == SynthCell::Kind::Num && cols[i].type != ValueType::Rate && cols[i].type != ValueType::Date;
        if (c.kind == SynthCell::Kind::Bool) buf += c.b ? "true" : "false";
        else if (number) buf += text;
        else buf += nlohmann::json(text).dump();
      }
      buf += "}\n";
    }
    if (buf.size() > (1u << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace zc::sim
