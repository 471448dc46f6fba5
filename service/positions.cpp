// Line index and unit counting for editor positions (positions.h).
#include "service/positions.h"

#include <algorithm>

#include "base/utf8.h"

namespace zc::service {

namespace {

// Bytes of the character starting at text[i], or 1 for a byte that does not start a valid sequence.
uint32_t char_len(std::string_view text, size_t i, bool& valid) {
  size_t j = i;
  char32_t cp = 0;
  valid = utf8_next(text, j, cp);
  return valid ? static_cast<uint32_t>(j - i) : 1;
}

}  // namespace

uint32_t units_of(uint32_t len, PositionEncoding enc) {
  switch (enc) {
    case PositionEncoding::Utf8: return len == 0 ? 1 : len;
    case PositionEncoding::Utf32: return 1;
    case PositionEncoding::Utf16: return len == 4 ? 2 : 1;
  }
  return 1;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(static_cast<uint32_t>(i + 1));
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

uint32_t LineIndex::line_end(uint32_t line) const {
  uint32_t end = line + 1 < starts_.size() ? starts_[line + 1] : static_cast<uint32_t>(text_.size());
  if (line + 1 < starts_.size()) {
    if (end > starts_[line] && text_[end - 1] == '\n') --end;
    if (end > starts_[line] && text_[end - 1] == '\r') --end;
  }
  return end;
}

std::optional<uint32_t> LineIndex::offset(Position p, PositionEncoding enc) const {
  if (p.line >= starts_.size()) return std::nullopt;
  uint32_t at = starts_[p.line];
  const uint32_t end = line_end(p.line);
  uint32_t units = 0;
  while (at < end && units < p.character) {
    bool valid = false;
    uint32_t len = char_len(text_, at, valid);
    uint32_t u = units_of(valid ? len : 0, enc);
    if (units + u > p.character) break;  // inside this character: its start
    units += u;
    at += len;
  }
  return at;
}

Position LineIndex::position(uint32_t offset, PositionEncoding enc) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<uint32_t>(it - starts_.begin() - 1);
  uint32_t at = starts_[line];
  const uint32_t end = std::min(offset, line_end(line));
  uint32_t units = 0;
  while (at < end) {
    bool valid = false;
    uint32_t len = char_len(text_, at, valid);
    if (at + len > end) break;
    units += units_of(valid ? len : 0, enc);
    at += len;
  }
  return Position{line, units};
}

}  // namespace zc::service
