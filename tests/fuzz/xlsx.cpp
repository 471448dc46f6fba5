// The .xlsx registry reader (sim/xlsx_in.h): any bytes as a workbook, opened from memory,
// the first sheet and a named one, every row read to the end. A crash, a sanitizer report, a hang
// or a leak is the finding; a refusal with a message is the expected outcome for most inputs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/xlsx_in.h"
#include "tests/fuzz/harness.h"

ZC_FUZZ_TARGET(xlsx) {
  const std::string_view bytes = input;
  for (const char* sheet : {"", "登记册"}) {
    zc::sim::XlsxReader reader;
    std::string error_zh, error_en;
    if (!reader.open_memory(bytes, sheet, error_zh, error_en)) continue;
    zc::sim::XlsxRow row;
    size_t cells = 0;
    while (reader.next(row)) cells += row.cells.size();
    if (!row.cells.empty()) (void)zc::sim::xlsx_column_name(row.cells.size() - 1);
    (void)cells;
  }
}
