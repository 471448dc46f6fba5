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

struct SectionName {
  const char* zh;
  const char* en;
};
constexpr SectionName kSectionNames[kSectionCount] = {
    {"字符串", "strings"}, {"常量", "constants"},   {"事实", "facts"},       {"出资方", "payers"},
    {"派生值", "derived"}, {"规则", "rules"},       {"分组", "groups"},      {"约束", "constraints"},
    {"目标", "targets"},   {"元数据", "meta"},      {"代码", "code"},
};
const SectionName& section_name(SectionId id) { return kSectionNames[static_cast<uint32_t>(id) - 1]; }

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

std::vector<uint8_t> write_section(const Module& m, SectionId id) {
  Writer w;
  switch (id) {
    case SectionId::Strings:
      w.count(m.strings.size());
      for (const std::string& s : m.strings) {
        w.count(s.size());
        w.bytes(s.data(), s.size());
      }
      break;
    case SectionId::Consts:
      w.count(m.consts.size());
      for (const Rational& r : m.consts) {
        w.i64(r.num());
        w.i64(r.den());
      }
      break;
    case SectionId::Facts:
      w.count(m.facts.size());
      for (const FactInfo& f : m.facts) {
        w.u32(f.name);
        w.u8(static_cast<uint8_t>(f.type));
        w.u32(f.unit);
        w.count(f.options.size());
        for (uint32_t o : f.options) w.u32(o);
        write_fact_value(w, f.default_value);
        w.u16(f.from_payer);
        w.u8(f.indicator ? 1 : 0);
      }
      break;
    case SectionId::Payers:
      w.count(m.payers.size());
      for (const PayerInfo& p : m.payers) {
        w.u32(p.name);
        w.u8(static_cast<uint8_t>(p.role));
      }
      break;
    case SectionId::Derived:
      w.count(m.derived.size());
      for (const DerivedInfo& d : m.derived) {
        w.u32(d.name);
        w.u8(static_cast<uint8_t>(d.type));
        w.u32(d.code_begin);
        w.u32(d.code_end);
      }
      break;
    case SectionId::Rules:
      w.count(m.rules.size());
      for (const RuleInfo& r : m.rules) {
        w.u32(r.name);
        w.u32(r.article);
        w.u32(r.note);
        w.u16(r.payer);
        w.u16(r.branch_count);
        w.u32(r.code_begin);
        w.u32(r.code_end);
      }
      break;
    case SectionId::Groups:
      w.count(m.groups.size());
      for (const GroupInfo& g : m.groups) {
        w.u8(static_cast<uint8_t>(g.kind));
        w.u32(g.name);
        w.u32(g.article);
        w.count(g.members.size());
        for (uint16_t r : g.members) w.u16(r);
        w.u16(g.cap);
        w.u8(static_cast<uint8_t>(g.mode));
      }
      break;
    case SectionId::Constraints:
      w.count(m.constraints.size());
      for (const ConstraintInfo& c : m.constraints) {
        w.u32(c.name);
        w.u32(c.article);
        w.u16(c.rule);
        w.u8(static_cast<uint8_t>(c.op));
        w.u16(c.value);
        w.u32(c.text);
      }
      break;
    case SectionId::Targets:
      w.count(m.targets.size());
      for (const TargetInfo& t : m.targets) {
        w.u32(t.text);
        w.u16(t.indicator);
        w.u8(static_cast<uint8_t>(t.op));
        w.u16(t.value);
        w.u16(t.baseline);
        w.u16(t.year);
      }
      break;
    case SectionId::Meta:
      w.u32(m.meta.title);
      w.u32(m.meta.issuer);
      w.u32(m.meta.date);
      w.u32(m.meta.source);
      w.u8(static_cast<uint8_t>(m.meta.rounding));
      w.u8(static_cast<uint8_t>(m.meta.rounding_unit));
      break;
    case SectionId::Code:
      w.bytes(m.code.data(), m.code.size());
      break;
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
  const SectionName& name() const { return section_name(id_); }
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

void read_section(Cursor& c, SectionId id, Module& m) {
  switch (id) {
    case SectionId::Strings: {
      uint32_t n = c.count(4, "字符串", "string");
      m.strings.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t len = c.u32();
        size_t at = c.pos();
        std::string_view s = c.bytes(len);
        if (std::optional<size_t> bad = utf8_first_invalid(s)) {
          fail(LoadErrorCode::BadUtf8, at + *bad, fmt::format("字符串 {} 不是有效的 UTF-8", i),
               fmt::format("string {} is not valid UTF-8", i));
        }
        m.strings.emplace_back(s);
      }
      break;
    }
    case SectionId::Consts: {
      uint32_t n = c.count(16, "常量", "constant");
      m.consts.reserve(n);
      for (uint32_t i = 0; i < n; ++i) m.consts.push_back(c.rational("常量", "constant", i));
      break;
    }
    case SectionId::Facts: {
      uint32_t n = c.count(17, "事实", "fact");
      m.facts.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        FactInfo f;
        f.name = c.u32();
        f.type = c.enum8<ValueType>(1, 7, "事实类型", "fact type");
        f.unit = c.u32();
        uint32_t k = c.count(4, "选项", "option");
        f.options.reserve(k);
        for (uint32_t j = 0; j < k; ++j) f.options.push_back(c.u32());
        f.default_value = read_fact_value(c, i);
        f.from_payer = c.u16();
        f.indicator = c.flag("指标标志", "indicator flag");
        m.facts.push_back(std::move(f));
      }
      break;
    }
    case SectionId::Payers: {
      uint32_t n = c.count(5, "出资方", "payer");
      m.payers.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        PayerInfo p;
        p.name = c.u32();
        p.role = c.enum8<PayerRole>(0, 2, "出资方角色", "payer role");
        m.payers.push_back(p);
      }
      break;
    }
    case SectionId::Derived: {
      uint32_t n = c.count(13, "派生值", "derived value");
      m.derived.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        DerivedInfo d;
        d.name = c.u32();
        d.type = c.enum8<ValueType>(1, 7, "派生值类型", "derived type");
        d.code_begin = c.u32();
        d.code_end = c.u32();
        m.derived.push_back(d);
      }
      break;
    }
    case SectionId::Rules: {
      uint32_t n = c.count(24, "规则", "rule");
      m.rules.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        RuleInfo r;
        r.name = c.u32();
        r.article = c.u32();
        r.note = c.u32();
        r.payer = c.u16();
        r.branch_count = c.u16();
        r.code_begin = c.u32();
        r.code_end = c.u32();
        m.rules.push_back(r);
      }
      break;
    }
    case SectionId::Groups: {
      uint32_t n = c.count(16, "分组", "group");
      m.groups.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        GroupInfo g;
        g.kind = c.enum8<GroupKind>(1, 2, "分组类别", "group kind");
        g.name = c.u32();
        g.article = c.u32();
        uint32_t k = c.count(2, "分组成员", "group member");
        g.members.reserve(k);
        for (uint32_t j = 0; j < k; ++j) g.members.push_back(c.u16());
        g.cap = c.u16();
        g.mode = c.enum8<NoDupMode>(0, 1, "不重复方式", "no-dup mode");
        m.groups.push_back(std::move(g));
      }
      break;
    }
    case SectionId::Constraints: {
      uint32_t n = c.count(17, "约束", "constraint");
      m.constraints.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        ConstraintInfo k;
        k.name = c.u32();
        k.article = c.u32();
        k.rule = c.u16();
        k.op = c.enum8<CmpOp>(0, 4, "比较运算", "comparison");
        k.value = c.u16();
        k.text = c.u32();
        m.constraints.push_back(k);
      }
      break;
    }
    case SectionId::Targets: {
      uint32_t n = c.count(13, "目标", "target");
      m.targets.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        TargetInfo t;
        t.text = c.u32();
        t.indicator = c.u16();
        t.op = c.enum8<CmpOp>(0, 4, "比较运算", "comparison");
        t.value = c.u16();
        t.baseline = c.u16();
        t.year = c.u16();
        m.targets.push_back(t);
      }
      break;
    }
    case SectionId::Meta:
      m.meta.title = c.u32();
      m.meta.issuer = c.u32();
      m.meta.date = c.u32();
      m.meta.source = c.u32();
      m.meta.rounding = c.enum8<RoundingMode>(0, 3, "舍入方式", "rounding mode");
      m.meta.rounding_unit = c.enum8<RoundingUnit>(0, 2, "舍入单位", "rounding unit");
      break;
    case SectionId::Code: {
      std::string_view code = c.bytes(c.remaining());
      m.code.assign(code.begin(), code.end());
      break;
    }
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
    if (it == entries.end()) {
      fail(LoadErrorCode::MissingSection, 12, fmt::format("缺少{}段", section_name(sid).zh),
           fmt::format("the {} section is missing", section_name(sid).en));
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
