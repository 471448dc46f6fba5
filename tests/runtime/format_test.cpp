// The .zcb format: exact round trips, the documented header layout, one exact error per kind of
// damage, forward compatibility within a major version, and exhaustive corruption: every single
// byte altered (several bit patterns) and every truncation must be reported, never crash.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>

#include "runtime/bytecode/format.h"
#include "runtime/bytecode/verify.h"
#include "runtime/vm/vm.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

using Bytes = std::vector<uint8_t>;

uint32_t get32(const Bytes& b, size_t at) {
  return static_cast<uint32_t>(b[at]) | (static_cast<uint32_t>(b[at + 1]) << 8) |
         (static_cast<uint32_t>(b[at + 2]) << 16) | (static_cast<uint32_t>(b[at + 3]) << 24);
}
void put32(Bytes& b, size_t at, uint32_t v) {
  for (int k = 0; k < 4; ++k) b[at + static_cast<size_t>(k)] = static_cast<uint8_t>(v >> (8 * k));
}
void fix_crc(Bytes& b) { put32(b, b.size() - 4, crc32(std::span<const uint8_t>(b).first(b.size() - 4))); }

// The sections of a valid file by id, read with the documented layout (independently of format.cpp).
std::map<uint32_t, Bytes> split(const Bytes& b) {
  std::map<uint32_t, Bytes> out;
  uint32_t n = get32(b, 12);
  for (uint32_t i = 0; i < n; ++i) {
    size_t at = 16 + 12 * static_cast<size_t>(i);
    uint32_t off = get32(b, at + 4);
    uint32_t len = get32(b, at + 8);
    out[get32(b, at)] = Bytes(b.begin() + off, b.begin() + off + len);
  }
  return out;
}

// Lays sections out after the header and section table, in id order, and appends the CRC-32.
Bytes assemble(const std::map<uint32_t, Bytes>& sections, uint16_t major = 1, uint16_t minor = 0) {
  Bytes b = {'Z', 'C', 'B', 'C', static_cast<uint8_t>(major), static_cast<uint8_t>(major >> 8),
             static_cast<uint8_t>(minor), static_cast<uint8_t>(minor >> 8), 0, 0, 0, 0, 0, 0, 0, 0};
  put32(b, 12, static_cast<uint32_t>(sections.size()));
  size_t offset = 16 + 12 * sections.size();
  b.resize(offset);
  size_t i = 0;
  for (const auto& [id, data] : sections) {
    put32(b, 16 + 12 * i, id);
    put32(b, 16 + 12 * i + 4, static_cast<uint32_t>(b.size()));
    put32(b, 16 + 12 * i + 8, static_cast<uint32_t>(data.size()));
    b.insert(b.end(), data.begin(), data.end());
    ++i;
  }
  b.resize(b.size() + 4);
  put32(b, 8, static_cast<uint32_t>(b.size()));
  fix_crc(b);
  return b;
}

LoadError error_of(const Bytes& b) {
  LoadResult r = read_module(b);
  EXPECT_FALSE(r.ok());
  return r.error;
}

TEST(Format, Crc32KnownValue) {
  const std::string s = "123456789";
  EXPECT_EQ(crc32(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size())), 0xCBF43926u);
}

TEST(Format, RoundTripIsExact) {
  Module m = test::sample_module();
  Bytes b = write_module(m);
  LoadResult r = read_module(b);
  ASSERT_TRUE(r.ok()) << r.error.message_en;
  EXPECT_EQ(*r.module, m);
  EXPECT_EQ(write_module(*r.module), b);
  EXPECT_TRUE(verify_module(*r.module).empty());
}

TEST(Format, RoundTripEmptyModuleAndEveryFactValueKind) {
  Module empty;
  LoadResult r = read_module(write_module(empty));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r.module, empty);

  Module m;
  m.strings = {"甲", "", "乙\n\"引号\""};
  m.consts = {Rational(-7), *Rational::make(1, 3), Rational(std::numeric_limits<int64_t>::max())};
  FactInfo f;
  f.name = 0;
  f.type = ValueType::Option;
  f.options = {0, 2};
  f.default_value = test::opt(1);
  m.facts.push_back(f);
  f.type = ValueType::Money;
  f.options.clear();
  f.default_value = test::num(*Rational::make(-9, 4));
  f.from_payer = 0;
  f.indicator = true;
  m.facts.push_back(f);
  f.type = ValueType::Bool;
  f.default_value = test::yes(true);
  m.facts.push_back(f);
  m.meta.rounding = RoundingMode::HalfEven;
  m.meta.rounding_unit = RoundingUnit::Yuan;
  m.code = {0, 1, 2, 255};
  r = read_module(write_module(m));
  ASSERT_TRUE(r.ok()) << r.error.message_en;
  EXPECT_EQ(*r.module, m);
}

TEST(Format, HeaderLayout) {
  Bytes b = write_module(test::sample_module());
  EXPECT_EQ(std::string(b.begin(), b.begin() + 4), "ZCBC");
  EXPECT_EQ(b[4] | (b[5] << 8), kZcbMajor);
  EXPECT_EQ(b[6] | (b[7] << 8), kZcbMinor);
  EXPECT_EQ(get32(b, 8), b.size());
  EXPECT_EQ(get32(b, 12), kSectionCount);
  size_t expect_offset = 16 + 12 * kSectionCount;
  for (uint32_t i = 0; i < kSectionCount; ++i) {
    EXPECT_EQ(get32(b, 16 + 12 * i), i + 1);
    EXPECT_EQ(get32(b, 16 + 12 * i + 4), expect_offset);
    expect_offset += get32(b, 16 + 12 * i + 8);
  }
  EXPECT_EQ(expect_offset + 4, b.size());
  Bytes rebuilt = assemble(split(b), kZcbMajor, kZcbMinor);
  EXPECT_EQ(rebuilt, b);
}

TEST(Format, NotAZcbFile) {
  EXPECT_EQ(error_of(Bytes{'Z', 'C', 'B', 'D', 1, 0}),
            (LoadError{LoadErrorCode::BadMagic, "不是 .zcb 字节码文件（文件头不是 ZCBC）",
                       "not a .zcb bytecode file (it does not start with ZCBC)", 0}));
  EXPECT_EQ(error_of(Bytes{'X'}).code, LoadErrorCode::BadMagic);
  EXPECT_EQ(error_of(Bytes{}),
            (LoadError{LoadErrorCode::Truncated, "文件不完整：只有 0 字节", "the file is truncated: only 0 bytes", 0}));
  EXPECT_EQ(error_of(Bytes{'Z', 'C'}),
            (LoadError{LoadErrorCode::Truncated, "文件不完整：只有 2 字节", "the file is truncated: only 2 bytes", 2}));
  EXPECT_EQ(error_of(Bytes{'Z', 'C', 'B', 'C', 1, 0}),
            (LoadError{LoadErrorCode::Truncated, "文件不完整：只有 6 字节，文件头需要 16 字节",
                       "the file is truncated: 6 bytes, the header alone needs 16", 6}));
}

TEST(Format, UnsupportedMajorVersion) {
  Bytes b = write_module(test::sample_module());
  b[4] = 2;
  EXPECT_EQ(error_of(b), (LoadError{LoadErrorCode::UnsupportedVersion, "不支持的字节码格式版本 2.1（本程序读取 1.x）",
                                    "unsupported bytecode format version 2.1 (this build reads 1.x)", 4}));
}

TEST(Format, NewerMinorVersionWithAnUnknownSectionLoads) {
  Module m = test::sample_module();
  std::map<uint32_t, Bytes> sections = split(write_module(m));
  sections[200] = Bytes{1, 2, 3};
  LoadResult r = read_module(assemble(sections, 1, 7));
  ASSERT_TRUE(r.ok()) << r.error.message_en;
  EXPECT_EQ(*r.module, m);
}

TEST(Format, TruncatedAndOverlong) {
  Bytes b = write_module(test::sample_module());
  const size_t n = b.size();
  Bytes shorter(b.begin(), b.end() - 1);
  EXPECT_EQ(error_of(shorter),
            (LoadError{LoadErrorCode::Truncated, fmt::format("文件不完整：文件头记录 {} 字节，实际只有 {} 字节", n, n - 1),
                       fmt::format("the file is truncated: the header says {} bytes, the file has {}", n, n - 1), n - 1}));
  Bytes longer = b;
  longer.push_back(0);
  EXPECT_EQ(error_of(longer),
            (LoadError{LoadErrorCode::SizeMismatch, fmt::format("文件长度不符：文件头记录 {} 字节，实际有 {} 字节", n, n + 1),
                       fmt::format("size mismatch: the header says {} bytes, the file has {}", n, n + 1), n}));
}

TEST(Format, ChecksumMismatch) {
  Bytes b = write_module(test::sample_module());
  const uint32_t stored = get32(b, b.size() - 4);
  b[200] ^= 0x01;
  const uint32_t computed = crc32(std::span<const uint8_t>(b).first(b.size() - 4));
  EXPECT_EQ(error_of(b),
            (LoadError{LoadErrorCode::BadChecksum,
                       fmt::format("校验和不符，文件已损坏：记录为 {:08X}，计算得 {:08X}", stored, computed),
                       fmt::format("checksum mismatch, the file is corrupt: stored {:08X}, computed {:08X}", stored,
                                   computed),
                       b.size() - 4}));
}

TEST(Format, SectionTableErrors) {
  const Bytes good = write_module(test::sample_module());
  Bytes b = good;
  put32(b, 16 + 12 * 10, 200);  // the code section gets an unknown id
  fix_crc(b);
  EXPECT_EQ(error_of(b), (LoadError{LoadErrorCode::MissingSection, "缺少代码段", "the code section is missing", 12}));

  b = good;
  put32(b, 16 + 12, 1);  // two sections with id 1
  fix_crc(b);
  EXPECT_EQ(error_of(b), (LoadError{LoadErrorCode::BadSectionTable, "段编号 1 重复", "section id 1 appears twice", 28}));

  b = good;
  put32(b, 16 + 12 + 4, get32(b, 16 + 4));  // section 2 starts where section 1 does
  fix_crc(b);
  EXPECT_EQ(error_of(b), (LoadError{LoadErrorCode::BadSectionTable, "段编号 2 与段编号 1 重叠",
                                    "section id 2 overlaps section id 1", 28}));

  b = good;
  put32(b, 16 + 8, 0xFFFFFFF0u);  // section 1 runs far past the end
  fix_crc(b);
  const size_t data_begin = 16 + 12 * kSectionCount;
  EXPECT_EQ(error_of(b),
            (LoadError{LoadErrorCode::BadSectionTable,
                       fmt::format("第 0 段（编号 1）超出文件数据区 [{}, {})", data_begin, good.size() - 4),
                       fmt::format("section 0 (id 1) lies outside the data area [{}, {})", data_begin, good.size() - 4),
                       16}));

  b = good;
  put32(b, 12, 65);  // more sections than allowed
  fix_crc(b);
  EXPECT_EQ(error_of(b), (LoadError{LoadErrorCode::BadSectionTable, "段表的段数 65 无效",
                                    "invalid section count 65 in the section table", 12}));
}

TEST(Format, ContentErrors) {
  const Bytes good = write_module(test::sample_module());
  std::map<uint32_t, Bytes> sections = split(good);
  const size_t data_begin = 16 + 12 * kSectionCount;

  // A constant that is not normalised (200000/2 instead of 100000/1).
  std::map<uint32_t, Bytes> s = sections;
  Bytes& consts = s[static_cast<uint32_t>(SectionId::Consts)];
  int64_t k0 = 0;
  for (int i = 0; i < 8; ++i) k0 |= static_cast<int64_t>(consts[4 + static_cast<size_t>(i)]) << (8 * i);
  for (int i = 0; i < 8; ++i) consts[4 + static_cast<size_t>(i)] = static_cast<uint8_t>((k0 * 2) >> (8 * i));
  consts[12] = 2;
  Bytes b = assemble(s);
  size_t consts_at = data_begin + sections[1].size();
  EXPECT_EQ(error_of(b), (LoadError{LoadErrorCode::BadConstant, fmt::format("常量 0 不是规范化的分数（{}/2）", k0 * 2),
                                    fmt::format("constant 0 is not a normalised fraction ({}/2)", k0 * 2),
                                    consts_at + 4}));

  // An enum out of range: the meta section's rounding mode.
  s = sections;
  s[static_cast<uint32_t>(SectionId::Meta)][16] = 9;
  size_t meta_at = data_begin;
  for (uint32_t id = 1; id < static_cast<uint32_t>(SectionId::Meta); ++id) meta_at += sections[id].size();
  EXPECT_EQ(error_of(assemble(s)), (LoadError{LoadErrorCode::BadValue, "元数据段中舍入方式的取值 9 无效",
                                              "invalid value 9 for the rounding mode in the meta section",
                                              meta_at + 16}));

  // A count far beyond the bytes left: allocation must be refused before it happens.
  s = sections;
  put32(s[1], 0, 0xFFFFFFFFu);
  const size_t left = sections[1].size() - 4;
  EXPECT_EQ(error_of(assemble(s)),
            (LoadError{LoadErrorCode::BadLength,
                       fmt::format("字符串段中字符串的数目 4294967295 超出段内剩余的 {} 字节", left),
                       fmt::format("string count 4294967295 in the strings section exceeds the {} bytes left", left),
                       data_begin}));

  // Bytes after the last record of a section.
  s = sections;
  s[static_cast<uint32_t>(SectionId::Meta)].push_back(0);
  EXPECT_EQ(error_of(assemble(s)), (LoadError{LoadErrorCode::TrailingBytes, "元数据段末尾有 1 个多余字节",
                                              "1 unexpected bytes at the end of the meta section", meta_at + 18}));

  // A record cut short by its section's end.
  s = sections;
  s[static_cast<uint32_t>(SectionId::Meta)].pop_back();
  EXPECT_EQ(error_of(assemble(s)), (LoadError{LoadErrorCode::BadLength, "元数据段在第 " + std::to_string(meta_at + 17) + " 字节处意外结束",
                                              fmt::format("the meta section ends unexpectedly at byte {}", meta_at + 17),
                                              meta_at + 17}));
}

TEST(Format, InvalidUtf8String) {
  Module m;
  m.strings = {"ok", std::string("a\xC3\x28", 3)};
  Bytes b = write_module(m);
  const size_t at = 16 + 12 * kSectionCount + 4 + (4 + 2) + 4 + 1;  // count, "ok", length, 'a'
  EXPECT_EQ(error_of(b), (LoadError{LoadErrorCode::BadUtf8, "字符串 1 不是有效的 UTF-8",
                                    "string 1 is not valid UTF-8", at}));
}

// Every single byte altered, with several bit patterns, and every truncation: always an error.
TEST(FormatCorruption, EveryByteFlipAndEveryTruncationIsDetected) {
  const Bytes good = write_module(test::sample_module());
  ASSERT_GT(good.size(), 500u);
  const uint8_t patterns[] = {0x01, 0x80, 0xFF, 0x55, 0x10};
  size_t checked = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    for (uint8_t p : patterns) {
      Bytes b = good;
      b[i] ^= p;
      LoadResult r = read_module(b);
      ASSERT_FALSE(r.ok()) << "byte " << i << " ^ " << int{p} << " went unnoticed";
      ASSERT_FALSE(r.error.message_zh.empty());
      ASSERT_FALSE(r.error.message_en.empty());
      ASSERT_LE(r.error.offset, b.size());
      ++checked;
    }
  }
  for (size_t len = 0; len < good.size(); ++len) {
    LoadResult r = read_module(std::span<const uint8_t>(good).first(len));
    ASSERT_FALSE(r.ok()) << "truncation at " << len << " went unnoticed";
    ASSERT_LE(r.error.offset, len);
    ++checked;
  }
  EXPECT_EQ(checked, good.size() * 6);
}

// The same flips with the checksum repaired: the parser itself must hold up (an error or a Module),
// and whatever loads must then be either rejected by the verifier or safe to run.
TEST(FormatCorruption, RepairedChecksumNeverCrashesParserVerifierOrVm) {
  const Bytes good = write_module(test::sample_module());
  const uint8_t patterns[] = {0x01, 0x02, 0x80, 0xFF};
  size_t loaded = 0;
  size_t verified = 0;
  for (size_t i = 0; i + 4 < good.size(); ++i) {
    for (uint8_t p : patterns) {
      Bytes b = good;
      b[i] ^= p;
      fix_crc(b);
      LoadResult r = read_module(b);
      if (!r.ok()) {
        ASSERT_LE(r.error.offset, b.size());
        continue;
      }
      ++loaded;
      if (!verify_module(*r.module).empty()) continue;
      ++verified;
      Vm vm(*r.module);
      Evaluation ev = vm.evaluate(std::vector<FactValue>(r.module->facts.size()), EvalOptions{true});
      ASSERT_EQ(ev.rules.size(), r.module->rules.size());
    }
  }
  EXPECT_GT(loaded, 0u);
  EXPECT_GT(verified, 0u);
}

}  // namespace
}  // namespace zc
