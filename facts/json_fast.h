// Fast paths for reading applicant facts, for readers that see many applicants of one policy (the
// server, the registry simulator): the policy's fact names in a hash table, the common spellings of
// values (是/否, an option's exact name, non-negative ASCII decimals, 12.5%, 2024-02-21) converted
// without the literal reader, and a flat JSON object read in place — no DOM, no string per key.
// They decide only what they can decide exactly as facts.h does. Everything else — every error,
// escapes, exponents, units, unknown or repeated keys — makes them return false, and the caller reads
// the same text with facts.h, whose values and messages stay the reference; a differential test
// (tests/runtime/facts_fast_test.cpp) feeds both readers the same inputs and compares.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/values.h"
#include "runtime/bytecode/module.h"

namespace zc::facts {

class FastReader {
 public:
  explicit FastReader(const Module& m);

  // The input fact a key names (with or without 「」), or -1 (no such fact, or an indicator: facts
  // files may not set those).
  int fact_of(std::string_view key) const;

  // One value written as text (not empty): true with `out` when it takes a fast path, false when it
  // must go through fact_from_scalar. It takes 是/否 (and true/false when `csv`), an option's exact
  // name, ASCII decimals without sign, exponent or unit (whole numbers only for 数量 and 分数;
  // `12.5%` for 比例) and dates written 2024-02-21.
  // INVARIANT: whatever it accepts, fact_from_scalar accepts with the same value.
  bool text(uint16_t f, std::string_view text, bool csv, FactValue& out) const;

  // A JSON number's text for fact f: true with `out` when it is a non-negative fixed-point decimal
  // that fact_from_scalar reads as the same value (a rate as a fraction: 0.05).
  bool number(uint16_t f, std::string_view json_number, FactValue& out) const;

  // A facts object, as parse_flat_json + facts_from_json read it: true with one value per fact in
  // `out` (Missing where not given) when the text is one well-formed flat JSON object whose every
  // key is a distinct input fact (or a #comment) and whose every value takes a fast path; false
  // otherwise — then nothing is decided, and the general reader must read `json`.
  // INVARIANT: when it returns true, the general reader returns the same values and no diagnostic.
  bool object(std::string_view json, std::vector<FactValue>& out) const;

 private:
  struct Option {
    std::string_view name;
    uint16_t index;
  };
  struct Fact {
    ValueType type;
    bool indicator;
    std::vector<Option> options;
  };
  // A fact name's hash from its length and its first and last eight bytes: names are long (some
  // 100 bytes of Chinese) and a request looks up every key, so hashing all of each costs more than
  // the rare extra comparison of two names that share both ends.
  struct NameHash {
    size_t operator()(std::string_view k) const noexcept {
      uint64_t a = 0, b = 0;
      std::memcpy(&a, k.data(), std::min<size_t>(k.size(), 8));
      if (k.size() > 8) std::memcpy(&b, k.data() + k.size() - 8, 8);
      uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ k.size();
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  std::vector<Fact> facts_;
  std::unordered_map<std::string_view, uint16_t, NameHash> by_name_;  // views into the module's string table
};

}  // namespace zc::facts
