// Source files and spans. A span is a byte range in one file; line, column (in code points) and
// display width are computed only when a diagnostic is printed.
// This file does not decode or validate anything beyond UTF-8 (see utf8.h).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zc {

using FileId = uint32_t;

struct Span {
  FileId file = 0;
  uint32_t begin = 0;  // byte offset, inclusive
  uint32_t end = 0;    // byte offset, exclusive
  bool operator==(const Span&) const = default;
  // The smallest span covering both (same file assumed).
  Span to(const Span& other) const { return Span{file, begin < other.begin ? begin : other.begin, end > other.end ? end : other.end}; }
};

struct LineCol {
  uint32_t line = 1;  // 1-based
  uint32_t col = 1;   // 1-based, counted in Unicode code points
};

// Lines end at "\n" ("\r\n" is one break; a lone "\r" is not). A final "\n" starts an empty last
// line, which holds the end-of-file position. A leading byte order mark belongs to no line or column.
// Columns count code points; a byte that is not valid UTF-8 counts as one column.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineCol line_col(uint32_t offset) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  uint32_t line_start(uint32_t line) const;  // byte offset where 1-based `line` starts
  std::string_view line_text(uint32_t line) const;  // without the line break
  std::string_view slice(const Span& s) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace zc
