// The facts reader's fast paths (json_fast.h). The value paths came from the registry reader
// (sim/registry.cpp, which now calls them); the object reader is a strict RFC 8259 scanner for the
// one shape a facts object has — {"key": scalar, …} — that gives up (returns false) at the first
// byte it would have to judge differently from nlohmann's parser: escapes, nesting, a BOM, anything
// malformed. Giving up is always safe: the caller then runs the general reader on the same text.
#include "facts/json_fast.h"

#include <algorithm>
#include <cstring>

#include "base/json_plain.h"
#include "base/units.h"
#include "base/utf8.h"

namespace zc::facts {
namespace {

std::string_view strip_brackets(std::string_view s) {
  if (s.size() >= 6 && s.substr(0, 3) == "「" && s.substr(s.size() - 3) == "」") s = s.substr(3, s.size() - 6);
  return s;
}

// Non-negative fixed-point decimal text, [0-9]+(\.[0-9]+)? with at most 18 digits, divided by
// 10^extra_scale (2 for a percentage), straight into a normalised Rational without a general gcd:
// the denominator is a power of ten, so only factors 2 and 5 can be common. False for anything else
// (a sign, an exponent, a unit, full-width digits…), which then takes the general path: negative
// and fractional values are the facts reader's to accept or refuse (value-domain checks live there).
bool fixed_point(std::string_view t, int extra_scale, bool whole_only, Rational& out) {
  const char* p = t.data();
  const char* const e = p + t.size();
  uint64_t m = 0;
  int digits = 0, frac = 0;
  for (; p < e && static_cast<unsigned char>(*p - '0') < 10; ++p, ++digits) m = m * 10 + static_cast<uint64_t>(*p - '0');
  if (digits == 0 || digits > 18) return false;
  if (p < e && *p == '.') {
    if (whole_only) return false;
    for (++p; p < e && static_cast<unsigned char>(*p - '0') < 10; ++p, ++frac) m = m * 10 + static_cast<uint64_t>(*p - '0');
    if (frac == 0) return false;
    digits += frac;
  }
  if (p != e || digits > 18) return false;
  int scale = frac + extra_scale;
  while (scale > 0 && m % 10 == 0) {
    m /= 10;
    --scale;
  }
  if (scale == 0) {
    out = Rational(static_cast<int64_t>(m));
    return true;
  }
  if (scale > 18) return false;  // 10^scale must fit the denominator
  // INVARIANT: m != 0 here (a zero mantissa loses every decimal above), and m < 10^18.
  const int twos = std::min(__builtin_ctzll(m), scale);
  m >>= twos;
  int fives = 0;
  while (fives < scale && m % 5 == 0) {
    m /= 5;
    ++fives;
  }
  int64_t den = int64_t{1} << (scale - twos);
  for (int i = fives; i < scale; ++i) den *= 5;
  std::optional<Rational> v = Rational::make(static_cast<int64_t>(m), den);
  if (!v) return false;
  out = *v;
  return true;
}

// YYYY-MM-DD in ASCII digits, a valid Gregorian date: its day number.
bool iso_date(std::string_view t, Rational& out) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  int64_t v[3] = {0, 0, 0};
  const int from[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (int i = from[k]; i < from[k] + len[k]; ++i) {
      if (static_cast<unsigned char>(t[static_cast<size_t>(i)] - '0') >= 10) return false;
      v[k] = v[k] * 10 + (t[static_cast<size_t>(i)] - '0');
    }
  }
  std::optional<int64_t> day = day_number(v[0], v[1], v[2]);
  if (!day) return false;
  out = Rational(*day);
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A cursor over the object's text. Every scan_* returns false where the fast path gives up.
struct Cursor {
  const char* p;
  const char* e;

  void space() {
    while (p < e && is_space(*p)) ++p;
  }
  // A string without escapes or control characters: its bytes between the quotes. `p` is at the
  // opening quote. Its UTF-8 is not checked here: a key or value the fast path takes is equal to a
  // fact's or option's name, or is ASCII, so it is valid; anything else is given up on, or (a
  // #comment) checked by the caller.
  bool string(std::string_view& out) {
    const char* start = ++p;
    p = start + json_plain_run_end(std::string_view(start, static_cast<size_t>(e - start)), 0);  // eight bytes at a time
    if (p == e || *p != '"') return false;  // an escape, a control byte, or not closed
    out = std::string_view(start, static_cast<size_t>(p - start));
    ++p;
    return true;
  }
  // A JSON number (RFC 8259 grammar): its text. `p` is at '-' or a digit.
  bool number(std::string_view& out) {
    const char* start = p;
    if (*p == '-') ++p;
    if (p == e) return false;
    if (*p == '0') ++p;
    else if (*p >= '1' && *p <= '9') while (p < e && *p >= '0' && *p <= '9') ++p;
    else return false;
    if (p < e && *p == '.') {
      ++p;
      if (p == e || *p < '0' || *p > '9') return false;
      while (p < e && *p >= '0' && *p <= '9') ++p;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
      ++p;
      if (p < e && (*p == '+' || *p == '-')) ++p;
      if (p == e || *p < '0' || *p > '9') return false;
      while (p < e && *p >= '0' && *p <= '9') ++p;
    }
    out = std::string_view(start, static_cast<size_t>(p - start));
    return true;
  }
  bool word(std::string_view w) {
    if (static_cast<size_t>(e - p) < w.size() || std::memcmp(p, w.data(), w.size()) != 0) return false;
    p += w.size();
    return true;
  }
};

}  // namespace

FastReader::FastReader(const Module& m) : facts_(m.facts.size()) {
  by_name_.reserve(m.facts.size());
  for (size_t f = 0; f < m.facts.size(); ++f) {
    const FactInfo& fi = m.facts[f];
    facts_[f].type = fi.type;
    facts_[f].indicator = fi.indicator;
    for (size_t o = 0; o < fi.options.size(); ++o) facts_[f].options.push_back(Option{m.str(fi.options[o]), static_cast<uint16_t>(o)});
    by_name_.emplace(m.str(fi.name), static_cast<uint16_t>(f));  // find_fact takes the first of equal names
  }
}

int FastReader::fact_of(std::string_view key) const {
  auto it = by_name_.find(strip_brackets(key));
  if (it == by_name_.end() || facts_[it->second].indicator) return -1;
  return it->second;
}

bool FastReader::text(uint16_t f, std::string_view text, bool csv, FactValue& out) const {
  const Fact& fact = facts_[f];
  switch (fact.type) {
    case ValueType::Bool: {
      // 是 and 否 are three bytes each in UTF-8; true and false four and five.
      bool v = false;
      if (text == "是") v = true;
      else if (text == "否") v = false;
      else if (csv && text == "true") v = true;
      else if (!(csv && text == "false")) return false;
      out.kind = FactValue::Kind::Bool;
      out.b = v;
      return true;
    }
    case ValueType::Option:
      for (const Option& o : fact.options) {
        if (o.name.size() == text.size() && std::memcmp(o.name.data(), text.data(), text.size()) == 0) {
          out.kind = FactValue::Kind::Opt;
          out.opt = o.index;
          return true;
        }
      }
      return false;
    case ValueType::Date:
      if (!iso_date(text, out.num)) return false;
      out.kind = FactValue::Kind::Num;
      return true;
    case ValueType::Rate: {
      const bool percent = !text.empty() && text.back() == '%';
      if (!fixed_point(percent ? text.substr(0, text.size() - 1) : text, percent ? 2 : 0, false, out.num)) return false;
      out.kind = FactValue::Kind::Num;
      return true;
    }
    case ValueType::Count:
    case ValueType::Points:
      if (!fixed_point(text, 0, true, out.num)) return false;
      out.kind = FactValue::Kind::Num;
      return true;
    default:
      if (!fixed_point(text, 0, false, out.num)) return false;
      out.kind = FactValue::Kind::Num;
      return true;
  }
}

bool FastReader::number(uint16_t f, std::string_view json_number, FactValue& out) const {
  const ValueType t = facts_[f].type;
  if (t == ValueType::Date || t == ValueType::Bool || t == ValueType::Option) return false;
  if (!fixed_point(json_number, 0, t == ValueType::Count || t == ValueType::Points, out.num)) return false;
  out.kind = FactValue::Kind::Num;
  return true;
}

bool FastReader::object(std::string_view json, std::vector<FactValue>& out) const {
  Cursor c{json.data(), json.data() + json.size()};
  out.assign(facts_.size(), FactValue{});
  // Which facts were given (a fact named twice — "X" and "「X」" — is the general reader's to judge),
  // and the #comment keys, which the general reader also refuses to see twice.
  thread_local std::vector<uint8_t> given;
  given.assign(facts_.size(), 0);
  std::string_view comments[8];
  size_t n_comments = 0;
  c.space();
  if (c.p == c.e || *c.p != '{') return false;
  ++c.p;
  c.space();
  if (c.p < c.e && *c.p == '}') {
    ++c.p;
  } else {
    for (;;) {
      std::string_view key;
      if (c.p == c.e || *c.p != '"' || !c.string(key)) return false;
      c.space();
      if (c.p == c.e || *c.p != ':') return false;
      ++c.p;
      c.space();
      if (c.p == c.e) return false;
      int f = -1;
      const bool comment = !key.empty() && key[0] == '#';
      if (comment) {
        if (utf8_first_invalid(key)) return false;
        for (size_t i = 0; i < n_comments; ++i)
          if (comments[i] == key) return false;
        if (n_comments == std::size(comments)) return false;
        comments[n_comments++] = key;
      } else {
        f = fact_of(key);
        if (f < 0 || given[static_cast<size_t>(f)]) return false;
        given[static_cast<size_t>(f)] = 1;
      }
      FactValue v;
      const char ch = *c.p;
      if (ch == '"') {
        std::string_view s;
        if (!c.string(s)) return false;
        if (comment && utf8_first_invalid(s)) return false;
        // INVARIANT: text() takes only ASCII and names from the module, so `s` is valid UTF-8.
        if (f >= 0 && (s.empty() || !text(static_cast<uint16_t>(f), s, false, v))) return false;
      } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
        std::string_view n;
        if (!c.number(n)) return false;
        if (f >= 0 && !number(static_cast<uint16_t>(f), n, v)) return false;
      } else if (ch == 't' || ch == 'f') {
        const bool b = ch == 't';
        if (!c.word(b ? "true" : "false")) return false;
        if (f >= 0) {
          if (facts_[static_cast<size_t>(f)].type != ValueType::Bool) return false;
          v.kind = FactValue::Kind::Bool;
          v.b = b;
        }
      } else if (ch == 'n') {
        if (!c.word("null")) return false;  // null: explicitly unknown, Missing
      } else {
        return false;  // an object or array (refused as a value), or not JSON
      }
      if (f >= 0) out[static_cast<size_t>(f)] = v;
      c.space();
      if (c.p == c.e) return false;
      if (*c.p == '}') {
        ++c.p;
        break;
      }
      if (*c.p != ',') return false;
      ++c.p;
      c.space();
    }
  }
  c.space();
  return c.p == c.e;
}

}  // namespace zc::facts
