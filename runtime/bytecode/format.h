// The .zcb file format: a versioned, checksummed binary encoding of a Module (layout in
// docs/bytecode.md). read_module() checks the encoding only (magic, version, sizes, checksum,
// UTF-8, normalised constants, enum values); whether the Module is safe to run is verify_module()'s job.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/bytecode/module.h"

namespace zc {

inline constexpr uint16_t kZcbMajor = 1;  // a reader rejects any other major version
inline constexpr uint16_t kZcbMinor = 1;  // a newer minor only adds sections, which readers skip
inline constexpr char kZcbMagic[4] = {'Z', 'C', 'B', 'C'};

// Section ids (sections.def), in the order the writer lays them out.
enum class SectionId : uint32_t {
#define TABLE(Id, number, ...) Id = number,
#define SINGLE(Id, number, ...) Id = number,
#define RAW(Id, number, ...) Id = number,
#define FIELD(...)
#define ENUM(...)
#define LIST(...)
#define VALUE(...)
#define DEFAULT(...)
#define END
#include "runtime/bytecode/sections.def"
#undef TABLE
#undef SINGLE
#undef RAW
};
inline constexpr uint32_t kSectionCount = 0
#define TABLE(...) +1
#define SINGLE(...) +1
#define RAW(...) +1
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
    ;
inline constexpr uint32_t kMaxSections = 64;  // a section table longer than this is rejected

enum class LoadErrorCode : uint8_t {
  BadMagic = 1,            // not a .zcb file
  Truncated = 2,           // the file ends before its header or its declared size
  UnsupportedVersion = 3,  // a major version this reader does not know
  SizeMismatch = 4,        // the file is longer than its declared size
  BadChecksum = 5,         // CRC-32 mismatch: the bytes were altered
  BadSectionTable = 6,     // a section outside the file, overlapping another, or duplicated
  MissingSection = 7,      // a required section is absent
  BadLength = 8,           // a count or record runs past the end of its section
  TrailingBytes = 9,       // a section holds bytes after its last record
  BadUtf8 = 10,            // a string is not valid UTF-8
  BadConstant = 11,        // a constant is not a normalised fraction with den > 0
  BadValue = 12,           // an enum or flag field holds a value outside its range
};

struct LoadError {
  LoadErrorCode code = LoadErrorCode::BadMagic;
  std::string message_zh;
  std::string message_en;
  uint64_t offset = 0;  // byte offset in the file where the problem was detected
  bool operator==(const LoadError&) const = default;
};

// Either a Module or the first error found.
struct LoadResult {
  std::optional<Module> module;
  LoadError error;  // meaningful only when !module
  bool ok() const { return module.has_value(); }
};

std::vector<uint8_t> write_module(const Module& m);
LoadResult read_module(std::span<const uint8_t> bytes);

std::string_view load_error_slug(LoadErrorCode c);

// The sections as a Markdown table (id, section, content), for docs/bytecode.md.
std::string section_table_markdown();  // stable English name, e.g. "bad-checksum"

// CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF).
uint32_t crc32(std::span<const uint8_t> bytes);

}  // namespace zc
