// Writing and reading .zcb files. The reader trusts nothing: every read is bounds-checked, every
// count is bounded by the bytes left before anything is allocated, and the CRC-32 over the whole
// file is checked before any section is parsed. It does not check cross-references (verify.cpp).
#include "runtime/bytecode/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

#include "base/assert.h"
#include "base/utf8.h"

namespace zc {
namespace {

constexpr size_t kHeaderSize = 16;     // magic, major, minor, file size, section count
constexpr size_t kSectionEntry = 12;   // id, offset, length
constexpr size_t kChecksumSize = 4;

constexpr std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
    t[i] = c;
  }
  return t;
}
constexpr std::array<uint32_t, 256> kCrcTable = make_crc_table();

// The sections' names, ids and smallest records, from sections.def. A table's smallest record is the
// sum of its fields' smallest encodings: a count never promises more records than the bytes left hold.
constexpr size_t kMin_u16 = 2, kMin_u32 = 4, kMin_str = 4, kMin_idx = 2, kMin_flag = 1, kMin_utf8 = 4, kMin_rational = 16;

struct SectionInfo {
  uint32_t id;
  const char* zh;
  const char* en;
  const char* record_en;  // one record, in counts' messages
  size_t min_record;
};
constexpr SectionInfo kSections[kSectionCount] = {
#define TABLE(Id, number, zh, en, record, member) {number, zh, en, record, 0
#define SINGLE(Id, number, zh, en, member) {number, zh, en, "", 0
#define RAW(Id, number, zh, en, member) {number, zh, en, "", 0
#define FIELD(kind, ...) + kMin_##kind
#define ENUM(...) + 1
#define LIST(...) + 4
#define VALUE(kind, ...) + kMin_##kind
#define DEFAULT(...) + 1
#define END },
#include "runtime/bytecode/sections.def"
#undef TABLE
#undef SINGLE
#undef RAW
#undef FIELD
#undef ENUM
#undef LIST
#undef VALUE
#undef DEFAULT
#undef END
};

// INVARIANT: ids are 1..kSectionCount in table order (the writer lays sections out in that order and
// the reader requires each of them).
constexpr bool ids_in_order() {
  for (uint32_t i = 0; i < kSectionCount; ++i)
    if (kSections[i].id != i + 1) return false;
  return true;
}
static_assert(ids_in_order(), "sections.def: ids must be 1, 2, 3, … in table order");

const SectionInfo& section_info(SectionId id) { return kSections[static_cast<uint32_t>(id) - 1]; }

// ---- writing ------------------------------------------------------------------------------------

class Writer {
 public:
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) { put(v, 2); }
  void u32(uint32_t v) { put(v, 4); }
  void i64(int64_t v) { put(static_cast<uint64_t>(v), 8); }
  void count(size_t n) {
    ZC_ASSERT(n <= std::numeric_limits<uint32_t>::max(), "a table too large for the .zcb format");
    u32(static_cast<uint32_t>(n));
  }
  void bytes(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  std::vector<uint8_t>& out() { return out_; }

 private:
  void put(uint64_t v, int n) {
    for (int k = 0; k < n; ++k) out_.push_back(static_cast<uint8_t>(v >> (8 * k)));
  }
  std::vector<uint8_t> out_;
};

void write_fact_value(Writer& w, const FactValue& v) {
  w.u8(static_cast<uint8_t>(v.kind));
  switch (v.kind) {
    case FactValue::Kind::Missing:
      break;
    case FactValue::Kind::Bool:
      w.u8(v.b ? 1 : 0);
      break;
    case FactValue::Kind::Num:
      w.i64(v.num.num());
      w.i64(v.num.den());
      break;
    case FactValue::Kind::Opt:
      w.u16(v.opt);
      break;
  }
}

void put_u16(Writer& w, uint16_t v) { w.u16(v); }
void put_u32(Writer& w, uint32_t v) { w.u32(v); }
void put_str(Writer& w, uint32_t v) { w.u32(v); }
void put_idx(Writer& w, uint16_t v) { w.u16(v); }
void put_flag(Writer& w, bool v) { w.u8(v ? 1 : 0); }
void put_utf8(Writer& w, const std::string& s) {
  w.count(s.size());
  w.bytes(s.data(), s.size());
}
void put_rational(Writer& w, const Rational& r) {
  w.i64(r.num());
  w.i64(r.den());
}

// One section's bytes, field by field as sections.def lays them out.
std::vector<uint8_t> write_section(const Module& m, SectionId id) {
  Writer w;
  switch (id) {
#define TABLE(Id, number, zh, en, record, member) \
  case SectionId::Id:                             \
    w.count(m.member.size());                     \
    for (const auto& r : m.member) {
#define SINGLE(Id, number, zh, en, member) \
  case SectionId::Id: {                    \
    const auto& r = m.member;
#define RAW(Id, number, zh, en, member) \
  case SectionId::Id: {                 \
    w.bytes(m.member.data(), m.member.size());
#define FIELD(kind, member, zh, en) put_##kind(w, r.member);
#define ENUM(Type, lo, hi, member, zh, en, values) w.u8(static_cast<uint8_t>(r.member));
#define LIST(kind, member, zh, en) \
  w.count(r.member.size());        \
  for (const auto& x : r.member) put_##kind(w, x);
#define VALUE(kind, zh, en) put_##kind(w, r);
#define DEFAULT(member) write_fact_value(w, r.member);
#define END \
  }         \
  break;
#include "runtime/bytecode/sections.def"
#undef TABLE
#undef SINGLE
#undef RAW
#undef FIELD
#undef ENUM
#undef LIST
#undef VALUE
#undef DEFAULT
#undef END
  }
  return std::move(w.out());
}

// ---- reading ------------------------------------------------------------------------------------

struct Fail {
  LoadError error;
};

[[noreturn]] void fail(LoadErrorCode code, uint64_t offset, std::string zh, std::string en) {
  throw Fail{LoadError{code, std::move(zh), std::move(en), offset}};
}

// Reads one section. INVARIANT: begin <= end <= bytes.size(); every read checks against end.
class Cursor {
 public:
  Cursor(std::span<const uint8_t> bytes, size_t begin, size_t end, SectionId id)
      : b_(bytes), pos_(begin), end_(end), id_(id) {}

  size_t pos() const { return pos_; }
  size_t remaining() const { return end_ - pos_; }

  uint8_t u8() { return static_cast<uint8_t>(get(1)); }
  uint16_t u16() { return static_cast<uint16_t>(get(2)); }
  uint32_t u32() { return static_cast<uint32_t>(get(4)); }
  int64_t i64() { return static_cast<int64_t>(get(8)); }

  // A u32 count of records of at least `min_record` bytes each, bounded by the bytes left.
  uint32_t count(size_t min_record, const char* what_zh, const char* what_en) {
    size_t at = pos_;
    uint32_t n = u32();
    if (static_cast<uint64_t>(n) * min_record > remaining()) {
      fail(LoadErrorCode::BadLength, at,
           fmt::format("{}段中{}的数目 {} 超出段内剩余的 {} 字节", name().zh, what_zh, n, remaining()),
           fmt::format("{} count {} in the {} section exceeds the {} bytes left", what_en, n, name().en,
                       remaining()));
    }
    return n;
  }

  std::string_view bytes(size_t n) {
    need(n);
    std::string_view s(reinterpret_cast<const char*>(b_.data() + pos_), n);
    pos_ += n;
    return s;
  }

  // An enum field: a u8 in [lo, hi].
  template <typename E>
  E enum8(uint8_t lo, uint8_t hi, const char* field_zh, const char* field_en) {
    size_t at = pos_;
    uint8_t v = u8();
    if (v < lo || v > hi) {
      fail(LoadErrorCode::BadValue, at, fmt::format("{}段中{}的取值 {} 无效", name().zh, field_zh, v),
           fmt::format("invalid value {} for the {} in the {} section", v, field_en, name().en));
    }
    return static_cast<E>(v);
  }

  bool flag(const char* field_zh, const char* field_en) { return enum8<uint8_t>(0, 1, field_zh, field_en) != 0; }

  Rational rational(const char* what_zh, const char* what_en, size_t index) {
    size_t at = pos_;
    int64_t num = i64();
    int64_t den = i64();
    std::optional<Rational> r = Rational::make(num, den);
    if (den <= 0 || !r || r->num() != num || r->den() != den) {
      fail(LoadErrorCode::BadConstant, at,
           fmt::format("{} {} 不是规范化的分数（{}/{}）", what_zh, index, num, den),
           fmt::format("{} {} is not a normalised fraction ({}/{})", what_en, index, num, den));
    }
    return *r;
  }

  void finish() {
    if (pos_ != end_) {
      fail(LoadErrorCode::TrailingBytes, pos_,
           fmt::format("{}段末尾有 {} 个多余字节", name().zh, end_ - pos_),
           fmt::format("{} unexpected bytes at the end of the {} section", end_ - pos_, name().en));
    }
  }

 private:
  const SectionInfo& name() const { return section_info(id_); }
  void need(size_t n) {
    if (n > remaining()) {
      fail(LoadErrorCode::BadLength, pos_, fmt::format("{}段在第 {} 字节处意外结束", name().zh, end_),
           fmt::format("the {} section ends unexpectedly at byte {}", name().en, end_));
    }
  }
  uint64_t get(int n) {
    need(static_cast<size_t>(n));
    uint64_t v = 0;
    for (int k = 0; k < n; ++k) v |= static_cast<uint64_t>(b_[pos_ + static_cast<size_t>(k)]) << (8 * k);
    pos_ += static_cast<size_t>(n);
    return v;
  }

  std::span<const uint8_t> b_;
  size_t pos_;
  size_t end_;
  SectionId id_;
};

uint64_t le(std::span<const uint8_t> b, size_t at, int n) {
  uint64_t v = 0;
  for (int k = 0; k < n; ++k) v |= static_cast<uint64_t>(b[at + static_cast<size_t>(k)]) << (8 * k);
  return v;
}

FactValue read_fact_value(Cursor& c, size_t index) {
  FactValue v;
  v.kind = c.enum8<FactValue::Kind>(0, 3, "默认值类别", "default kind");
  switch (v.kind) {
    case FactValue::Kind::Missing:
      break;
    case FactValue::Kind::Bool:
      v.b = c.flag("默认值", "default value");
      break;
    case FactValue::Kind::Num:
      v.num = c.rational("事实默认值", "fact default", index);
      break;
    case FactValue::Kind::Opt:
      v.opt = c.u16();
      break;
  }
  return v;
}

// Field readers; the names say which field a read error is about (only flags can be out of range).
void get_u16(Cursor& c, uint16_t& v, const char*, const char*) { v = c.u16(); }
void get_u32(Cursor& c, uint32_t& v, const char*, const char*) { v = c.u32(); }
void get_str(Cursor& c, uint32_t& v, const char*, const char*) { v = c.u32(); }
void get_idx(Cursor& c, uint16_t& v, const char*, const char*) { v = c.u16(); }
void get_flag(Cursor& c, bool& v, const char* zh, const char* en) { v = c.flag(zh, en); }
void get_utf8(Cursor& c, std::string& out, const char* zh, const char* en, uint32_t index) {
  uint32_t len = c.u32();
  size_t at = c.pos();
  std::string_view s = c.bytes(len);
  if (std::optional<size_t> bad = utf8_first_invalid(s)) {
    fail(LoadErrorCode::BadUtf8, at + *bad, fmt::format("{} {} 不是有效的 UTF-8", zh, index),
         fmt::format("{} {} is not valid UTF-8", en, index));
  }
  out.assign(s);
}
void get_rational(Cursor& c, Rational& out, const char* zh, const char* en, uint32_t index) {
  out = c.rational(zh, en, index);
}

// One section, field by field as sections.def lays them out, then checks nothing is left over.
void read_section(Cursor& c, SectionId id, Module& m) {
  switch (id) {
#define TABLE(Id, number, zh, en, record, member)                                                      \
  case SectionId::Id:                                                                                  \
    for (uint32_t i = 0, n = c.count(section_info(SectionId::Id).min_record, zh, record); i < n; ++i) { \
      auto& r = m.member.emplace_back();
#define SINGLE(Id, number, zh, en, member) \
  case SectionId::Id: {                    \
    auto& r = m.member;
#define RAW(Id, number, zh, en, member)             \
  case SectionId::Id: {                             \
    std::string_view raw = c.bytes(c.remaining()); \
    m.member.assign(raw.begin(), raw.end());
#define FIELD(kind, member, zh, en) get_##kind(c, r.member, zh, en);
#define ENUM(Type, lo, hi, member, zh, en, values) r.member = c.enum8<Type>(lo, hi, zh, en);
#define LIST(kind, member, zh, en)                                                               \
  for (uint32_t j = 0, k = c.count(kMin_##kind, zh, en); j < k; ++j) get_##kind(c, r.member.emplace_back(), zh, en);
#define VALUE(kind, zh, en) get_##kind(c, r, zh, en, i);
#define DEFAULT(member) r.member = read_fact_value(c, i);
#define END \
  }         \
  break;
#include "runtime/bytecode/sections.def"
#undef TABLE
#undef SINGLE
#undef RAW
#undef FIELD
#undef ENUM
#undef LIST
#undef VALUE
#undef DEFAULT
#undef END
  }
  c.finish();
}

struct Entry {
  uint32_t id;
  uint64_t offset;
  uint64_t length;
  size_t table_pos;  // where the entry sits in the section table, for error offsets
};

Module read_checked(std::span<const uint8_t> b) {
  const size_t size = b.size();
  if (size < sizeof kZcbMagic || !std::equal(kZcbMagic, kZcbMagic + 4, b.begin())) {
    bool prefix = size < sizeof kZcbMagic && std::equal(b.begin(), b.end(), kZcbMagic);
    if (prefix) {
      fail(LoadErrorCode::Truncated, size, fmt::format("文件不完整：只有 {} 字节", size),
           fmt::format("the file is truncated: only {} bytes", size));
    }
    fail(LoadErrorCode::BadMagic, 0, "不是 .zcb 字节码文件（文件头不是 ZCBC）",
         "not a .zcb bytecode file (it does not start with ZCBC)");
  }
  if (size < kHeaderSize) {
    fail(LoadErrorCode::Truncated, size, fmt::format("文件不完整：只有 {} 字节，文件头需要 {} 字节", size, kHeaderSize),
         fmt::format("the file is truncated: {} bytes, the header alone needs {}", size, kHeaderSize));
  }
  auto major = static_cast<uint16_t>(le(b, 4, 2));
  auto minor = static_cast<uint16_t>(le(b, 6, 2));
  if (major != kZcbMajor) {
    fail(LoadErrorCode::UnsupportedVersion, 4,
         fmt::format("不支持的字节码格式版本 {}.{}（本程序读取 {}.x）", major, minor, kZcbMajor),
         fmt::format("unsupported bytecode format version {}.{} (this build reads {}.x)", major, minor, kZcbMajor));
  }
  uint64_t declared = le(b, 8, 4);
  if (declared > size) {
    fail(LoadErrorCode::Truncated, size, fmt::format("文件不完整：文件头记录 {} 字节，实际只有 {} 字节", declared, size),
         fmt::format("the file is truncated: the header says {} bytes, the file has {}", declared, size));
  }
  if (declared < size) {
    fail(LoadErrorCode::SizeMismatch, declared,
         fmt::format("文件长度不符：文件头记录 {} 字节，实际有 {} 字节", declared, size),
         fmt::format("size mismatch: the header says {} bytes, the file has {}", declared, size));
  }
  if (size < kHeaderSize + kChecksumSize) {
    fail(LoadErrorCode::Truncated, size, fmt::format("文件不完整：只有 {} 字节，缺少校验和", size),
         fmt::format("the file is truncated: {} bytes, no room for the checksum", size));
  }
  const size_t body_end = size - kChecksumSize;
  auto stored = static_cast<uint32_t>(le(b, body_end, 4));
  uint32_t computed = crc32(b.first(body_end));
  if (stored != computed) {
    fail(LoadErrorCode::BadChecksum, body_end,
         fmt::format("校验和不符，文件已损坏：记录为 {:08X}，计算得 {:08X}", stored, computed),
         fmt::format("checksum mismatch, the file is corrupt: stored {:08X}, computed {:08X}", stored, computed));
  }

  uint64_t n = le(b, 12, 4);
  if (n > kMaxSections || kHeaderSize + n * kSectionEntry > body_end) {
    fail(LoadErrorCode::BadSectionTable, 12, fmt::format("段表的段数 {} 无效", n),
         fmt::format("invalid section count {} in the section table", n));
  }
  const size_t data_begin = kHeaderSize + static_cast<size_t>(n) * kSectionEntry;
  std::vector<Entry> entries;
  entries.reserve(static_cast<size_t>(n));
  for (size_t i = 0; i < n; ++i) {
    size_t at = kHeaderSize + i * kSectionEntry;
    Entry e{static_cast<uint32_t>(le(b, at, 4)), le(b, at + 4, 4), le(b, at + 8, 4), at};
    if (e.offset < data_begin || e.offset + e.length > body_end) {
      fail(LoadErrorCode::BadSectionTable, at,
           fmt::format("第 {} 段（编号 {}）超出文件数据区 [{}, {})", i, e.id, data_begin, body_end),
           fmt::format("section {} (id {}) lies outside the data area [{}, {})", i, e.id, data_begin, body_end));
    }
    for (const Entry& o : entries) {
      if (o.id == e.id) {
        fail(LoadErrorCode::BadSectionTable, at, fmt::format("段编号 {} 重复", e.id),
             fmt::format("section id {} appears twice", e.id));
      }
      if (e.offset < o.offset + o.length && o.offset < e.offset + e.length) {
        fail(LoadErrorCode::BadSectionTable, at, fmt::format("段编号 {} 与段编号 {} 重叠", e.id, o.id),
             fmt::format("section id {} overlaps section id {}", e.id, o.id));
      }
    }
    entries.push_back(e);
  }

  Module m;
  for (uint32_t id = 1; id <= kSectionCount; ++id) {
    auto sid = static_cast<SectionId>(id);
    auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.id == id; });
    if (it == entries.end() && sid == SectionId::ItemLists) continue;  // minor version 0: no item lists
    if (it == entries.end()) {
      fail(LoadErrorCode::MissingSection, 12, fmt::format("缺少{}段", section_info(sid).zh),
           fmt::format("the {} section is missing", section_info(sid).en));
    }
    Cursor c(b, static_cast<size_t>(it->offset), static_cast<size_t>(it->offset + it->length), sid);
    read_section(c, sid, m);
  }
  // Sections with other ids come from a newer minor version and are skipped.
  return m;
}

}  // namespace

uint32_t crc32(std::span<const uint8_t> bytes) {
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t x : bytes) c = kCrcTable[(c ^ x) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::vector<uint8_t> write_module(const Module& m) {
  std::vector<std::vector<uint8_t>> sections;
  sections.reserve(kSectionCount);
  size_t total = kHeaderSize + kSectionCount * kSectionEntry + kChecksumSize;
  for (uint32_t id = 1; id <= kSectionCount; ++id) {
    sections.push_back(write_section(m, static_cast<SectionId>(id)));
    total += sections.back().size();
  }
  ZC_ASSERT(total <= std::numeric_limits<uint32_t>::max(), "a module too large for the .zcb format");
  Writer w;
  w.bytes(kZcbMagic, sizeof kZcbMagic);
  w.u16(kZcbMajor);
  w.u16(kZcbMinor);
  w.u32(static_cast<uint32_t>(total));
  w.u32(kSectionCount);
  size_t offset = kHeaderSize + kSectionCount * kSectionEntry;
  for (uint32_t id = 1; id <= kSectionCount; ++id) {
    const std::vector<uint8_t>& s = sections[id - 1];
    w.u32(id);
    w.u32(static_cast<uint32_t>(offset));
    w.u32(static_cast<uint32_t>(s.size()));
    offset += s.size();
  }
  for (const std::vector<uint8_t>& s : sections) w.bytes(s.data(), s.size());
  w.u32(crc32(w.out()));
  return std::move(w.out());
}

LoadResult read_module(std::span<const uint8_t> bytes) {
  LoadResult r;
  try {
    r.module = read_checked(bytes);
  } catch (Fail& f) {
    r.error = std::move(f.error);
  }
  return r;
}

std::string section_table_markdown() {
  std::string out = "| id | section | content |\n|---|---|---|\n";
  auto field = [](const char* kind, const char* en) -> std::string {
    std::string k(kind);
    if (k == "str") return fmt::format("`u32` {} (string)", en);
    if (k == "idx") return fmt::format("`u16` {}", en);
    if (k == "flag") return fmt::format("`u8` {} (0/1)", en);
    return fmt::format("`{}` {}", k, en);
  };
  std::string content;
  const char* record = "";
  bool table = false;
  auto begin = [&](uint32_t id, const char* en, const char* rec, bool is_table) {
    out += fmt::format("| {} | {} | ", id, en);
    record = rec;
    table = is_table;
    content.clear();
  };
  auto add = [&](const std::string& part) { content += (content.empty() ? "" : ", ") + part; };
#define TABLE(Id, number, zh, en, rec, member) begin(number, en, rec, true);
#define SINGLE(Id, number, zh, en, member) begin(number, en, "", false);
#define RAW(Id, number, zh, en, member) \
  begin(number, en, "", false);         \
  add("the bytes of `Module::" #member "` (the section length is their count)");
#define FIELD(kind, member, zh, en) add(field(#kind, en));
#define ENUM(Type, lo, hi, member, zh, en, values) add(fmt::format("`u8` {} ({})", en, values));
#define LIST(kind, member, zh, en) add(fmt::format("a count, then that many × {}", field(#kind, en)));
#define VALUE(kind, zh, en)                                                                                           \
  add(std::string(#kind) == "utf8" ? "`u32` byte length, then that many bytes of UTF-8 (validated on load)"           \
                                   : "`i64` numerator, `i64` denominator (> 0 and normalised, numerator ≠ −2⁶³)");
#define DEFAULT(member) add("default (below)");
#define END out += (table ? fmt::format("count; per {}: ", record) : std::string()) + content + " |\n";
#include "runtime/bytecode/sections.def"
#undef TABLE
#undef SINGLE
#undef RAW
#undef FIELD
#undef ENUM
#undef LIST
#undef VALUE
#undef DEFAULT
#undef END
  return out;
}

std::string_view load_error_slug(LoadErrorCode c) {
  switch (c) {
    case LoadErrorCode::BadMagic:
      return "bad-magic";
    case LoadErrorCode::Truncated:
      return "truncated";
    case LoadErrorCode::UnsupportedVersion:
      return "unsupported-version";
    case LoadErrorCode::SizeMismatch:
      return "size-mismatch";
    case LoadErrorCode::BadChecksum:
      return "bad-checksum";
    case LoadErrorCode::BadSectionTable:
      return "bad-section-table";
    case LoadErrorCode::MissingSection:
      return "missing-section";
    case LoadErrorCode::BadLength:
      return "bad-length";
    case LoadErrorCode::TrailingBytes:
      return "trailing-bytes";
    case LoadErrorCode::BadUtf8:
      return "bad-utf8";
    case LoadErrorCode::BadConstant:
      return "bad-constant";
    case LoadErrorCode::BadValue:
      return "bad-value";
  }
  return "unknown";
}

}  // namespace zc
