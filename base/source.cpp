// Line tables and position lookup for source files. Lines end at "\n" ("\r\n" counts as one break;
// a lone "\r" does not end a line). Columns are 1-based code points; nothing here knows about tokens.
#include "base/source.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "base/assert.h"
#include "base/utf8.h"

namespace zc {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  ZC_ASSERT(text_.size() < std::numeric_limits<uint32_t>::max(),
            "source larger than 4 GiB reached SourceFile; the driver must reject it with E0109 first");
  // A leading byte order mark belongs to no line: editors do not show it or count it as a column.
  line_starts_.push_back(text_.starts_with(kBom) ? static_cast<uint32_t>(kBom.size()) : 0);
  const char* base = text_.data();
  const char* end = base + text_.size();
  for (const char* p = base; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<uint32_t>(p - base));
  }
}

// INVARIANT: line_starts_ is non-empty and strictly increasing; the last line may be empty (it
// starts right after a final "\n") and then holds only the end-of-file position.
LineCol SourceFile::line_col(uint32_t offset) const {
  ZC_ASSERT(offset <= text_.size(), "line_col: offset past the end of the file");
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  if (it == line_starts_.begin()) return LineCol{1, 1};  // inside the byte order mark
  const auto line = static_cast<uint32_t>(it - line_starts_.begin());
  const uint32_t start = *std::prev(it);
  // Count the code points that end at or before `offset`; an offset inside a multi-byte sequence
  // therefore gets the column of the character that contains it. Decoding runs on the whole rest
  // of the text so that a sequence straddling `offset` is seen whole.
  const std::string_view rest = std::string_view(text_).substr(start);
  const size_t target = offset - start;
  uint32_t col = 1;
  for (size_t i = 0; i < target; ++col) {
    size_t next = i;
    utf8_next_lossy(rest, next);
    if (next > target) break;
    i = next;
  }
  return LineCol{line, col};
}

uint32_t SourceFile::line_start(uint32_t line) const {
  ZC_ASSERT(line >= 1 && line <= line_starts_.size(), "line_start: no such line");
  return line_starts_[line - 1];
}

std::string_view SourceFile::line_text(uint32_t line) const {
  const uint32_t start = line_start(line);
  uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<uint32_t>(text_.size());
  const bool ends_with_newline = line < line_starts_.size();
  if (ends_with_newline && end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

std::string_view SourceFile::slice(const Span& s) const {
  ZC_ASSERT(s.begin <= s.end && s.end <= text_.size(), "slice: span outside the file");
  return std::string_view(text_).substr(s.begin, s.end - s.begin);
}

FileId SourceManager::add(std::string path, std::string text) {
  ZC_ASSERT(files_.size() < std::numeric_limits<FileId>::max(), "too many source files");
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace zc
