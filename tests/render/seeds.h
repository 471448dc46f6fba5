// The seed policy texts the shipped encodings come from (../shared/seeds/, ZHENGCE_SEEDS_DIR), and
// what the render tests need to compare a rendering with them: code points, and the normal form
// that ignores what a rendering may rightly spell differently (white space, full-width digits,
// ASCII or full-width punctuation).
#pragma once
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "compiler/driver.h"
#include "tests/support/files.h"

namespace zc::testing {

struct Seed {
  const char* file;    // in the seeds folder
  const char* policy;  // in policies/
};

// Test names and ctest's listing show the seed file, not the struct's bytes.
inline void PrintTo(const Seed& s, std::ostream* os) { *os << s.file; }

inline const Seed kSeeds[] = {
    {"000_bb521465c437e63f.txt", "dongchangfu-2024.zc"},
    {"001_b782e47d04e38625.txt", "linqing-2021.zc"},
    {"002_a9ae2813f1527705.txt", "xuecheng-2022.zc"},
    {"004_1551e249d6b5aa93.txt", "jinan-2023.zc"},
};

inline std::u32string decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(zc::utf8_next_lossy(s, i));
  return out;
}

inline std::string encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) zc::utf8_append(out, c);
  return out;
}

inline bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 || c == 0xA0 || c == 0xFEFF;
}

// White space dropped, full-width digits as ASCII, ASCII punctuation as full-width.
inline std::u32string normalize_text(std::u32string_view s) {
  std::u32string out;
  for (char32_t c : s) {
    if (is_space(c)) continue;
    if (c >= U'０' && c <= U'９') c = U'0' + (c - U'０');
    if (c == U',') c = U'，';
    if (c == U';') c = U'；';
    if (c == U'(') c = U'（';
    if (c == U')') c = U'）';
    if (c == U':') c = U'：';
    if (c == U'．') c = U'.';
    out.push_back(c);
  }
  return out;
}

// The checked AST of a shipped policy (nullptr, and a test failure, when it has errors).
inline std::shared_ptr<const ast::Policy> compile_policy(const std::filesystem::path& path) {
  SourceManager sm;
  FileId id = sm.add(path.string(), slurp(path));
  DiagSink sink;
  CompileOptions co;
  co.codegen = false;
  CompileResult r = compile(sm, id, sink, co);
  if (sink.error_count() > 0) return nullptr;
  return r.policy;
}

}  // namespace zc::testing
