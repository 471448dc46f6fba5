// Numeral parsing: positional digits (ASCII, full-width) and Chinese numerals with 十/百/千/万/亿
// place words, 零 for skipped places and 点 for decimals. Strict: a numeral that a reader could take
// two ways (一百五 = 150 or 105?) is rejected rather than guessed. Units (万元, %) are not handled here.
#include "base/numparse.h"

#include <cstdint>
#include <string>
#include <vector>

#include "base/digits.h"
#include "base/utf8.h"

namespace zc {

std::optional<DecimalDigits> scan_decimal_digits(std::string_view text, bool allow_fullwidth_point) {
  DecimalDigits out;
  bool in_frac = false;
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    if (!utf8_next(text, i, cp)) return std::nullopt;
    std::string& dst = in_frac ? out.frac_digits : out.int_digits;
    if (cp >= U'0' && cp <= U'9') {
      dst.push_back(static_cast<char>('0' + (cp - U'0')));
    } else if (cp >= U'０' && cp <= U'９') {
      dst.push_back(static_cast<char>('0' + (cp - U'０')));
    } else if (!in_frac && (cp == U'.' || (allow_fullwidth_point && cp == U'．'))) {
      if (out.int_digits.empty()) return std::nullopt;
      in_frac = true;
    } else {
      return std::nullopt;
    }
  }
  if (out.int_digits.empty() || (in_frac && out.frac_digits.empty())) return std::nullopt;
  return out;
}

std::optional<Rational> digits_value(const DecimalDigits& d) {
  std::string frac = d.frac_digits;
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  std::string all = d.int_digits + frac;
  size_t first = all.find_first_not_of('0');
  if (first == std::string::npos) return Rational(0);
  if (all.size() - first > 18) return std::nullopt;  // more than 18 significant digits
  if (frac.size() > 18) return std::nullopt;         // 10^19 does not fit a denominator
  int64_t mantissa = 0;
  for (size_t k = first; k < all.size(); ++k) mantissa = mantissa * 10 + (all[k] - '0');
  int64_t scale = 1;
  for (size_t k = 0; k < frac.size(); ++k) scale *= 10;
  return Rational::make(mantissa, scale);
}

bool is_digit_cp(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= U'０' && cp <= U'９'); }

namespace {

constexpr int kNotDigit = -1;
constexpr int64_t kWan = 10000;
constexpr int64_t kYi = 100000000;

// 〇零一二两三四五六七八九 -> 0..9; anything else -> kNotDigit.
int cn_digit(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return kNotDigit;
  }
}

// 十百千 -> 10, 100, 1000; 0 otherwise.
int64_t small_unit(char32_t cp) {
  return cp == U'十' ? 10 : (cp == U'百' ? 100 : (cp == U'千' ? 1000 : 0));
}

bool is_zero_cp(char32_t cp) { return cp == U'〇' || cp == U'零'; }

using Cps = std::u32string_view;

struct Part {
  int64_t value = 0;
  int64_t leading = 0;  // place value of the highest written digit (1, 10, ... 10^15)
};

// A section below 万: digit-unit pairs with strictly falling places, 零 marking skipped places.
// bare_ten: a leading 十 without a digit is allowed (十五, 十万, and after 零).
std::optional<Part> parse_section(Cps s, bool bare_ten) {
  if (s.empty()) return std::nullopt;
  Part out;
  int64_t prev = 0;
  bool zero = false;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = s[i];
    int64_t digit = 0;
    int64_t place = 0;
    if (is_zero_cp(c)) {
      if (prev == 0 || zero) return std::nullopt;  // a leading or doubled 零
      zero = true;
      ++i;
      continue;
    }
    if (int64_t u = small_unit(c); u != 0) {
      if (u != 10 || !((prev == 0 && bare_ten) || zero)) return std::nullopt;
      digit = 1;
      place = 10;
      ++i;
    } else if (int d = cn_digit(c); d > 0) {
      digit = d;
      ++i;
      place = 1;
      if (i < s.size() && small_unit(s[i]) != 0) place = small_unit(s[i++]);
    } else {
      return std::nullopt;
    }
    if (prev != 0) {
      // Contiguous places need no 零; a skipped place needs exactly one 零 (一百零五, not 一百五).
      if (place >= prev) return std::nullopt;
      if (zero ? place * 100 > prev : place * 10 != prev) return std::nullopt;
    }
    if (out.leading == 0) out.leading = place;
    out.value += digit * place;
    prev = place;
    zero = false;
  }
  if (zero) return std::nullopt;  // a trailing 零
  return out;
}

// What follows a 万 or 亿: empty, or a part starting one place below (一万五千), or 零 and a part
// starting further down (一万零五百). 一万五 (colloquial 15000) is rejected as ambiguous.
template <typename Sub>
std::optional<Part> parse_low(Cps low, int64_t boundary, Sub sub) {
  if (low.empty()) return Part{};
  bool zero = is_zero_cp(low.front());
  if (zero) low.remove_prefix(1);
  std::optional<Part> p = sub(low, zero);
  if (!p) return std::nullopt;
  if (zero ? p->leading * 10 >= boundary : p->leading * 10 != boundary) return std::nullopt;
  return p;
}

// A numeral below 亿: [section 万] [low part].
std::optional<Part> parse_below_yi(Cps s, bool bare_ten) {
  size_t k = s.rfind(U'万');
  if (k == Cps::npos) return parse_section(s, bare_ten);
  std::optional<Part> high = parse_section(s.substr(0, k), bare_ten);
  if (!high) return std::nullopt;
  std::optional<Part> low = parse_low(s.substr(k + 1), kWan, parse_section);
  if (!low) return std::nullopt;
  return Part{high->value * kWan + low->value, high->leading * kWan};
}

// A numeral with place words: [below-亿 亿] [low part]. At most 9999万亿 + ..., so int64 suffices.
std::optional<int64_t> parse_unit_form(Cps s) {
  size_t k = s.rfind(U'亿');
  if (k == Cps::npos) {
    std::optional<Part> p = parse_below_yi(s, true);
    return p ? std::optional<int64_t>(p->value) : std::nullopt;
  }
  std::optional<Part> high = parse_below_yi(s.substr(0, k), true);
  if (!high) return std::nullopt;
  std::optional<Part> low = parse_low(s.substr(k + 1), kYi, parse_below_yi);
  if (!low) return std::nullopt;
  return high->value * kYi + low->value;
}

// Digit-by-digit numerals (二〇二四, 五) into ASCII digits. 两 is a digit only standing alone
// (满两年, 两家): it is never one digit of several (两〇二四).
std::optional<std::string> positional(Cps s) {
  if (s.empty()) return std::nullopt;
  std::string out;
  for (char32_t c : s) {
    int d = cn_digit(c);
    if (d == kNotDigit || (c == U'两' && s.size() > 1)) return std::nullopt;
    out.push_back(static_cast<char>('0' + d));
  }
  return out;
}

bool has_place_word(Cps s) {
  for (char32_t c : s) {
    if (small_unit(c) != 0 || c == U'万' || c == U'亿') return true;
  }
  return false;
}

std::optional<Rational> parse_integer(Cps s) {
  if (s.empty()) return std::nullopt;
  if (!has_place_word(s)) {
    std::optional<std::string> digits = positional(s);
    if (!digits) return std::nullopt;
    return digits_value(DecimalDigits{*digits, ""});
  }
  if (s.back() == U'两') return std::nullopt;  // 十两 is not a numeral; 两 only multiplies a place
  std::optional<int64_t> v = parse_unit_form(s);
  return v ? std::optional<Rational>(Rational(*v)) : std::nullopt;
}

}  // namespace

bool strip_thousands(std::string_view text, std::string& out) {
  // 5,000 and 5，000: the first group has one to three digits, every later one exactly three, and
  // separators stand only before the decimal point.
  size_t i = 0, group = 0, groups = 0;
  bool point = false;
  while (i < text.size()) {
    size_t from = i;
    char32_t cp = 0;
    if (!utf8_next(text, i, cp)) return false;
    if (cp == U',' || cp == U'，') {
      if (point || group == 0 || (groups == 0 ? group > 3 : group != 3)) return false;
      ++groups;
      group = 0;
      continue;
    }
    if (cp == U'.' || cp == U'．') point = true;
    else if (!point) ++group;
    out.append(text.substr(from, i - from));
  }
  return groups == 0 || group == 3;
}

bool is_chinese_numeral_cp(char32_t cp) {
  return cn_digit(cp) != kNotDigit || small_unit(cp) != 0 || cp == U'万' || cp == U'亿';
}

std::optional<Rational> parse_digits(std::string_view text) {
  std::string plain;
  if (!strip_thousands(text, plain)) return std::nullopt;
  std::optional<DecimalDigits> d = scan_decimal_digits(plain, /*allow_fullwidth_point=*/true);
  if (!d) return std::nullopt;
  return digits_value(*d);
}

std::optional<Rational> parse_chinese_numeral(std::string_view text) {
  std::u32string cps;
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    if (!utf8_next(text, i, cp)) return std::nullopt;
    if (cp != U'点' && !is_chinese_numeral_cp(cp)) return std::nullopt;
    cps.push_back(cp);
  }
  Cps all(cps);
  size_t dot = all.find(U'点');
  if (dot == Cps::npos) return parse_integer(all);
  // 一点五, optionally scaled by a trailing 万, 亿 or 万亿 (一点五万 = 15000).
  Cps int_part = all.substr(0, dot);
  Cps frac = all.substr(dot + 1);
  int64_t multiplier = 1;
  if (frac.size() >= 2 && frac.substr(frac.size() - 2) == U"万亿") {
    multiplier = kWan * kYi;
    frac.remove_suffix(2);
  } else if (!frac.empty() && (frac.back() == U'万' || frac.back() == U'亿')) {
    multiplier = frac.back() == U'万' ? kWan : kYi;
    frac.remove_suffix(1);
  }
  if (int_part.find(U'万') != Cps::npos || int_part.find(U'亿') != Cps::npos) return std::nullopt;
  if (frac.find(U'两') != Cps::npos) return std::nullopt;  // 一点两: 两 is no digit after 点
  std::optional<Rational> whole = parse_integer(int_part);
  std::optional<std::string> frac_digits = positional(frac);
  if (!whole || !frac_digits) return std::nullopt;
  std::optional<Rational> fraction = digits_value(DecimalDigits{"0", *frac_digits});
  if (!fraction) return std::nullopt;
  std::optional<Rational> sum = whole->add(*fraction);
  if (!sum) return std::nullopt;
  return sum->mul(Rational(multiplier));
}

}  // namespace zc
