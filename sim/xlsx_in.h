// Reading a registry from an Excel workbook (.xlsx): one worksheet, row by row, streamed, with
// libzip (the zip container) and expat (the XML parts), never a hand-written unzip or XML parser.
// Cells come out typed as Excel stores them — numbers (as their exact decimal text), text (shared
// or inline strings), booleans, dates (number cells with a date format, as YYYY-MM-DD) and errors —
// and the caller reads them as registry cells (registry.h). It evaluates nothing.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zc::sim {

struct XlsxCell {
  enum class Kind : uint8_t { Empty, Number, Text, Bool, Date, Error } kind = Kind::Empty;
  // Number: exact decimal text of what the file stores ("1234567.89", "0.015"); Text: the string;
  // Bool: "true"/"false"; Date: "2024-02-21" ("2024-02-21 12:00" when it has a time of day);
  // Error: the error value ("#N/A") or why the cell cannot be read.
  std::string text;
};

struct XlsxRow {
  uint64_t number = 0;          // the sheet's 1-based row number
  std::vector<XlsxCell> cells;  // by column, from column A; trailing empty cells may be absent
};

// Whether the workbook libraries (libzip, expat, libxlsxwriter: bound on first use, base/lazy.h)
// can be loaded; false with a message (Chinese, English) naming what is missing. Every entry point
// of xlsx_in.h and xlsx_out.h asks this before its first call into them.
bool xlsx_libraries(std::string& error_zh, std::string& error_en);

// "A" for column 0, "AB" for column 27.
std::string xlsx_column_name(size_t column);

class XlsxReader {
 public:
  XlsxReader();
  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // Opens a workbook (a file, or bytes in memory that must outlive the reader) and its first
  // worksheet, or the one named `sheet`; reads the shared strings, the cell formats and the date
  // system now. False with a message (Chinese, English) when the file is no readable workbook.
  bool open_file(const std::string& path, const std::string& sheet, std::string& error_zh, std::string& error_en);
  bool open_memory(std::string_view bytes, const std::string& sheet, std::string& error_zh, std::string& error_en);
  const std::string& sheet_name() const;

  // The next row that has at least one cell. False at the end of the sheet, or on a malformed
  // sheet (then error() is not empty).
  bool next(XlsxRow& row);
  const std::string& error_zh() const;
  const std::string& error_en() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace zc::sim
