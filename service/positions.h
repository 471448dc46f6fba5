// Positions as editors count them: 0-based lines split at \n, \r\n and \r (as LSP splits them), and
// characters counted in UTF-16 code units (the LSP default, and JavaScript's string index, which a
// browser editor uses), in UTF-8 bytes or in code points. The compiler counts bytes (spans) and,
// for its own messages, code points; this file converts between the two worlds and nothing else.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace zc::service {

enum class PositionEncoding : uint8_t { Utf16, Utf8, Utf32 };

struct Position {
  uint32_t line = 0;       // 0-based
  uint32_t character = 0;  // 0-based, in units of the encoding
  bool operator==(const Position&) const = default;
};

struct Range {
  Position start;
  Position end;
  bool operator==(const Range&) const = default;
};

// The line starts of one text. A byte that is not valid UTF-8 counts as one unit in every encoding
// (an editor shows it as U+FFFD, one UTF-16 unit).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }
  // The byte offset of `p`, or nullopt when its line is past the last line. A character past the end
  // of its line means the end of the line (LSP 3.17); one inside a character (between the two units
  // of a surrogate pair, inside a UTF-8 sequence) means that character's start.
  std::optional<uint32_t> offset(Position p, PositionEncoding enc) const;
  // The position of a byte offset (clamped to the text; an offset inside a character counts from
  // that character's start).
  Position position(uint32_t offset, PositionEncoding enc) const;
  Range range(uint32_t begin, uint32_t end, PositionEncoding enc) const { return {position(begin, enc), position(end, enc)}; }
  // Byte offsets where line `line` starts and where its content ends (before the line break).
  uint32_t line_start(uint32_t line) const { return starts_[line]; }
  uint32_t line_end(uint32_t line) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;
};

// Units a character of `len` UTF-8 bytes takes in `enc` (len 0 for an invalid byte: one unit).
uint32_t units_of(uint32_t len, PositionEncoding enc);

}  // namespace zc::service
