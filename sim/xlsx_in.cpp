// The .xlsx registry reader (xlsx_in.h). libzip opens the container and streams each part; expat
// parses the parts as they stream (the relationships, the workbook, the cell formats, the shared
// strings, then the worksheet block by block), so memory does not grow with the number of rows.
// Limits that keep a hostile file from taking the machine: no DTD (so no entity expansion), cells
// of at most 1 MiB, rows ≤ 1 048 576 and columns ≤ 16 384 (Excel's own), and at most 256 MiB of
// shared strings.
#include "sim/xlsx_in.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>

#include "base/lazy.h"

ZC_LAZY_GROUP(xlsx);

namespace zc::sim {
namespace {

constexpr size_t kMaxCellBytes = size_t{1} << 20;
constexpr size_t kMaxSharedBytes = size_t{256} << 20;
constexpr uint64_t kMaxRow = 1048576;
constexpr size_t kMaxColumns = 16384;
constexpr size_t kBlock = 64 * 1024;

// The local part of an expat name built with a namespace separator: "uri|row" → "row".
std::string_view local(const XML_Char* name) {
  std::string_view n(name);
  size_t bar = n.rfind('|');
  return bar == std::string_view::npos ? n : n.substr(bar + 1);
}

const XML_Char* attr(const XML_Char** atts, std::string_view name) {
  for (const XML_Char** a = atts; *a != nullptr; a += 2) {
    if (local(a[0]) == name) return a[1];
  }
  return nullptr;
}

// An XML part being parsed: element callbacks and the text between tags, by local name.
struct XmlPart {
  std::function<void(std::string_view, const XML_Char**)> start;
  std::function<void(std::string_view)> end;
  std::function<void(const char*, size_t)> text;
  std::string error;  // set by a callback to stop the parse
};

void XMLCALL on_start(void* u, const XML_Char* name, const XML_Char** atts) {
  auto* p = static_cast<XmlPart*>(u);
  if (p->start) p->start(local(name), atts);
}
void XMLCALL on_end(void* u, const XML_Char* name) {
  auto* p = static_cast<XmlPart*>(u);
  if (p->end) p->end(local(name));
}
void XMLCALL on_text(void* u, const XML_Char* s, int len) {
  auto* p = static_cast<XmlPart*>(u);
  if (p->text && len > 0) p->text(s, static_cast<size_t>(len));
}

// A part streamed from the archive through expat, block by block.
class PartStream {
 public:
  PartStream(zip_t* zip, std::string name, XmlPart& part) : name_(std::move(name)), part_(part) {
    file_ = zip_fopen(zip, name_.c_str(), 0);
    parser_ = XML_ParserCreateNS(nullptr, '|');
    XML_SetUserData(parser_, &part_);
    XML_SetElementHandler(parser_, on_start, on_end);
    XML_SetCharacterDataHandler(parser_, on_text);
    XML_SetStartDoctypeDeclHandler(parser_, [](void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      static_cast<XmlPart*>(u)->error = "含有 DTD（不接受）";
    });
  }
  ~PartStream() {
    if (file_ != nullptr) zip_fclose(file_);
    XML_ParserFree(parser_);
  }
  PartStream(const PartStream&) = delete;
  PartStream& operator=(const PartStream&) = delete;

  bool exists() const { return file_ != nullptr; }
  bool done() const { return done_; }
  // Parses one more block. False on an error (then error() says which).
  bool step() {
    char buf[kBlock];
    zip_int64_t n = zip_fread(file_, buf, sizeof buf);
    if (n < 0) {
      error_ = "「" + name_ + "」的压缩数据损坏";
      return false;
    }
    done_ = n == 0;
    if (XML_Parse(parser_, buf, static_cast<int>(n), done_ ? 1 : 0) == XML_STATUS_ERROR || !part_.error.empty()) {
      error_ = "「" + name_ + "」第 " + std::to_string(XML_GetCurrentLineNumber(parser_)) + " 行：" +
               (part_.error.empty() ? std::string(XML_ErrorString(XML_GetErrorCode(parser_))) : part_.error);
      return false;
    }
    return true;
  }
  bool all() {
    while (!done_) {
      if (!step()) return false;
    }
    return true;
  }
  const std::string& error() const { return error_; }

 private:
  std::string name_;
  XmlPart& part_;
  zip_file_t* file_ = nullptr;
  XML_Parser parser_ = nullptr;
  bool done_ = false;
  std::string error_;
};

// "xl/" + "worksheets/sheet1.xml", "/xl/x.xml" → "xl/x.xml", "xl/" + "../a.xml" → "a.xml".
std::string resolve(const std::string& dir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : dir + target;
  std::vector<std::string> parts;
  size_t at = 0;
  while (at <= path.size()) {
    size_t slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    std::string p = path.substr(at, slash - at);
    if (p == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!p.empty() && p != ".") {
      parts.push_back(p);
    }
    at = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string dir_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Whether a number format shows a date: the built-in date formats (with those Chinese Excel uses),
// or a custom code with y, m, d, h or s outside quoted text, brackets and escapes.
bool is_date_format(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return true;
  if (code.empty()) return false;
  bool quoted = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (c == '"') quoted = true;
    else if (c == '\\' || c == '_' || c == '*') ++i;
    else if (c == '[') {
      size_t close = code.find(']', i);
      if (close == std::string::npos) return false;
      i = close;
    } else if (std::strchr("yYmMdDhHsS", c) != nullptr) {
      return true;
    }
  }
  return false;
}

// The exact decimal text of a number as the file writes it ("1.5E-2" → "0.015"); false when it is
// no number. Exponents are limited so that the text stays short.
bool decimal_text(std::string_view v, std::string& out) {
  size_t i = 0;
  bool negative = false;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) negative = v[i++] == '-';
  std::string digits;
  int point = -1;
  for (; i < v.size() && (std::isdigit(static_cast<unsigned char>(v[i])) || v[i] == '.'); ++i) {
    if (v[i] == '.') {
      if (point >= 0) return false;
      point = static_cast<int>(digits.size());
    } else {
      digits.push_back(v[i]);
    }
  }
  if (digits.empty() || digits.size() > 64) return false;
  if (point < 0) point = static_cast<int>(digits.size());
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < v.size() && (v[i] == '-' || v[i] == '+')) eneg = v[i++] == '-';
    int e = 0;
    size_t from = i;
    for (; i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])); ++i) {
      e = e * 10 + (v[i] - '0');
      if (e > 400) return false;
    }
    if (i == from) return false;
    point += eneg ? -e : e;
  }
  if (i != v.size()) return false;
  // digits with the point at `point` (may be outside): pad, then trim zeros.
  if (point < 0) {
    digits.insert(0, static_cast<size_t>(-point), '0');
    point = 0;
  }
  if (point > static_cast<int>(digits.size())) digits.append(static_cast<size_t>(point) - digits.size(), '0');
  std::string whole = digits.substr(0, static_cast<size_t>(point)), frac = digits.substr(static_cast<size_t>(point));
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  size_t nz = whole.find_first_not_of('0');
  whole = nz == std::string::npos ? "0" : whole.substr(nz);
  out = (negative && (whole != "0" || !frac.empty()) ? "-" : "") + whole + (frac.empty() ? "" : "." + frac);
  return true;
}

// Civil date of a day number (days since 1970-01-01), proleptic Gregorian.
std::string civil_text(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

// A date cell: the serial number (exact decimal text) in the workbook's date system.
void date_cell(const std::string& serial, bool date1904, XlsxCell& cell) {
  size_t point = serial.find('.');
  std::string whole = serial.substr(0, point), frac = point == std::string::npos ? "" : serial.substr(point + 1);
  if (whole.empty() || whole[0] == '-' || whole.size() > 7) {
    cell.kind = XlsxCell::Kind::Error;
    cell.text = "日期序号 " + serial + " 超出范围";
    return;
  }
  int64_t n = std::stoll(whole);
  // 1900 system: serial 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was (serial 60).
  if (!date1904 && (n == 0 || n == 60 || n > 2958465)) {
    cell.kind = XlsxCell::Kind::Error;
    cell.text = "日期序号 " + serial + " 不是有效日期";
    return;
  }
  int64_t day = date1904 ? -24107 + n : (n < 60 ? -25568 + n : -25569 + n);
  cell.kind = XlsxCell::Kind::Date;
  cell.text = civil_text(day);
  if (!frac.empty()) {
    // Minutes of the day from the exact fraction (at most 18 digits are enough for a minute).
    frac = frac.substr(0, 18);
    __extension__ unsigned __int128 num = std::stoull(frac), den = 1;
    for (size_t k = 0; k < frac.size(); ++k) den *= 10;
    int64_t minutes = static_cast<int64_t>(num * 1440 / den);
    char buf[48];
    std::snprintf(buf, sizeof buf, " %02lld:%02lld", static_cast<long long>(minutes / 60), static_cast<long long>(minutes % 60));
    cell.text += buf;
  }
}

// "B12" → column 1 (0-based); false when malformed.
bool column_of(std::string_view ref, size_t& col) {
  size_t c = 0, i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    c = c * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
    if (c > kMaxColumns) return false;
  }
  if (i == 0) return false;
  col = c - 1;
  return true;
}

}  // namespace

bool xlsx_libraries(std::string& error_zh, std::string& error_en) {
  std::string why;
  if (zc::lazy::ensure(zc_lazy_group_xlsx, why)) return true;
  error_zh = "无法加载读写 xlsx 工作簿所需的共享库（请安装 libzip4、libexpat1、libxlsxwriter4）：" + why;
  error_en = "cannot load the shared libraries xlsx workbooks need (install libzip4, libexpat1, libxlsxwriter4): " + why;
  return false;
}

std::string xlsx_column_name(size_t column) {
  std::string s;
  for (size_t c = column + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

struct XlsxReader::Impl {
  zip_t* zip = nullptr;
  std::string sheet_name, sheet_path;
  bool date1904 = false;
  std::vector<std::string> shared;
  std::vector<bool> date_style;  // per cellXfs index
  std::string error_zh, error_en;

  // The worksheet, streamed.
  XmlPart part;
  std::unique_ptr<PartStream> stream;
  std::deque<XlsxRow> ready;
  XlsxRow row;
  bool in_row = false, in_cell = false, in_value = false, in_is = false, in_phonetic = false;
  uint64_t last_row = 0;
  size_t next_col = 0, col = 0;
  std::string type, value;
  int style = 0;

  ~Impl() {
    stream.reset();
    if (zip != nullptr) zip_close(zip);
  }

  bool fail(const std::string& zh, const std::string& en) {
    error_zh = zh;
    error_en = en;
    return false;
  }
  bool part_failed(const std::string& why) { return fail("不是可读的 xlsx 工作簿：" + why, "not a readable xlsx workbook: " + why); }

  bool load(const std::string& want_sheet);
  void start(std::string_view name, const XML_Char** atts);
  void end(std::string_view name);
  void finish_cell();
};

bool XlsxReader::Impl::load(const std::string& want_sheet) {
  // The package relationships name the workbook part.
  std::string workbook = "xl/workbook.xml";
  {
    XmlPart p;
    p.start = [&](std::string_view n, const XML_Char** a) {
      const char* type_attr = attr(a, "Type");
      const char* target = attr(a, "Target");
      if (n == "Relationship" && type_attr && target && ends_with(type_attr, "/officeDocument")) workbook = resolve("", target);
    };
    PartStream s(zip, "_rels/.rels", p);
    if (s.exists() && !s.all()) return part_failed(s.error());
  }
  const std::string dir = dir_of(workbook);
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  {
    XmlPart p;
    p.start = [&](std::string_view n, const XML_Char** a) {
      if (n == "sheet") {
        const char* name = attr(a, "name");
        const char* id = attr(a, "id");
        sheets.emplace_back(name ? name : "", id ? id : "");
      } else if (n == "workbookPr") {
        const char* d = attr(a, "date1904");
        date1904 = d != nullptr && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
      }
    };
    PartStream s(zip, workbook, p);
    if (!s.exists()) return part_failed("缺少「" + workbook + "」");
    if (!s.all()) return part_failed(s.error());
  }
  if (sheets.empty()) return part_failed("工作簿里没有工作表");
  size_t pick = 0;
  if (!want_sheet.empty()) {
    auto it = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.first == want_sheet; });
    if (it == sheets.end()) {
      std::string names;
      for (const auto& s : sheets) names += (names.empty() ? "" : "、") + ("「" + s.first + "」");
      return fail("工作簿里没有名为「" + want_sheet + "」的工作表（有：" + names + "）",
                  "the workbook has no sheet named `" + want_sheet + "`");
    }
    pick = static_cast<size_t>(it - sheets.begin());
  }
  sheet_name = sheets[pick].first;
  std::map<std::string, std::string> targets;
  std::string shared_path = dir + "sharedStrings.xml", styles_path = dir + "styles.xml";
  {
    XmlPart p;
    p.start = [&](std::string_view n, const XML_Char** a) {
      const char* id = attr(a, "Id");
      const char* t = attr(a, "Type");
      const char* target = attr(a, "Target");
      if (n != "Relationship" || !id || !target) return;
      targets[id] = resolve(dir, target);
      if (t && ends_with(t, "/sharedStrings")) shared_path = resolve(dir, target);
      if (t && ends_with(t, "/styles")) styles_path = resolve(dir, target);
    };
    PartStream s(zip, dir + "_rels/" + workbook.substr(dir.size()) + ".rels", p);
    if (s.exists() && !s.all()) return part_failed(s.error());
  }
  auto t = targets.find(sheets[pick].second);
  sheet_path = t != targets.end() ? t->second : dir + "worksheets/sheet" + std::to_string(pick + 1) + ".xml";
  // Cell formats: which cellXfs entries show dates.
  {
    std::map<int, std::string> codes;
    std::vector<int> xf_formats;
    bool in_xfs = false;
    XmlPart p;
    p.start = [&](std::string_view n, const XML_Char** a) {
      if (n == "numFmt") {
        const char* id = attr(a, "numFmtId");
        const char* code = attr(a, "formatCode");
        if (id && code) codes[std::atoi(id)] = code;
      } else if (n == "cellXfs") {
        in_xfs = true;
      } else if (n == "xf" && in_xfs) {
        const char* id = attr(a, "numFmtId");
        xf_formats.push_back(id ? std::atoi(id) : 0);
      }
    };
    p.end = [&](std::string_view n) {
      if (n == "cellXfs") in_xfs = false;
    };
    PartStream s(zip, styles_path, p);
    if (s.exists() && !s.all()) return part_failed(s.error());
    for (int f : xf_formats) {
      auto c = codes.find(f);
      date_style.push_back(is_date_format(f, c == codes.end() ? "" : c->second));
    }
  }
  // Shared strings: the text of each <si>, its runs joined, phonetic guides (<rPh>) left out.
  {
    std::string cur;
    bool in_t = false, in_rph = false;
    size_t bytes = 0;
    XmlPart p;
    p.start = [&](std::string_view n, const XML_Char**) {
      if (n == "si") cur.clear();
      else if (n == "rPh") in_rph = true;
      else if (n == "t" && !in_rph) in_t = true;
    };
    p.end = [&](std::string_view n) {
      if (n == "t") in_t = false;
      else if (n == "rPh") in_rph = false;
      else if (n == "si") {
        bytes += cur.size() + 32;
        if (bytes > kMaxSharedBytes) p.error = "共享字符串超过 256 MiB";
        shared.push_back(cur);
      }
    };
    p.text = [&](const char* s, size_t n) {
      if (!in_t) return;
      if (cur.size() + n > kMaxCellBytes) p.error = "单元格文字超过 1 MiB";
      else cur.append(s, n);
    };
    PartStream s(zip, shared_path, p);
    if (s.exists() && !s.all()) return part_failed(s.error());
  }
  part.start = [this](std::string_view n, const XML_Char** a) { start(n, a); };
  part.end = [this](std::string_view n) { end(n); };
  part.text = [this](const char* s, size_t n) {
    if (!in_value) return;
    if (value.size() + n > kMaxCellBytes) part.error = "单元格文字超过 1 MiB";
    else value.append(s, n);
  };
  stream = std::make_unique<PartStream>(zip, sheet_path, part);
  if (!stream->exists()) return part_failed("缺少工作表「" + sheet_name + "」的「" + sheet_path + "」");
  return true;
}

void XlsxReader::Impl::start(std::string_view n, const XML_Char** a) {
  if (!part.error.empty()) return;
  if (n == "row") {
    const char* r = attr(a, "r");
    uint64_t number = last_row + 1;
    if (r != nullptr) {
      char* end = nullptr;
      number = std::strtoull(r, &end, 10);
      if (*end != '\0') number = 0;
    }
    if (number == 0 || number > kMaxRow || number <= last_row) {
      part.error = "行号「" + std::string(r ? r : "") + "」无效或不递增";
      return;
    }
    last_row = number;
    row.number = number;
    row.cells.clear();
    next_col = 0;
    in_row = true;
  } else if (n == "c" && in_row) {
    const char* r = attr(a, "r");
    col = next_col;
    if (r != nullptr && !column_of(r, col)) {
      part.error = "单元格位置「" + std::string(r) + "」无效";
      return;
    }
    if (col >= kMaxColumns || (!row.cells.empty() && col < row.cells.size())) {
      part.error = "单元格位置「" + std::string(r ? r : "") + "」重复或不递增";
      return;
    }
    const char* t = attr(a, "t");
    type = t ? t : "n";
    const char* s = attr(a, "s");
    style = s ? std::atoi(s) : 0;
    value.clear();
    in_cell = true;
  } else if (in_cell && n == "v") {
    in_value = !in_is;
  } else if (in_cell && n == "is") {
    in_is = true;
  } else if (in_is && n == "rPh") {
    in_phonetic = true;
  } else if (in_is && n == "t") {
    in_value = !in_phonetic;
  }
}

void XlsxReader::Impl::end(std::string_view n) {
  if (!part.error.empty()) return;
  if (n == "v" || n == "t") {
    in_value = false;
  } else if (n == "rPh") {
    in_phonetic = false;
  } else if (n == "is") {
    in_is = false;
  } else if (n == "c" && in_cell) {
    finish_cell();
    in_cell = false;
  } else if (n == "row" && in_row) {
    in_row = false;
    bool any = std::any_of(row.cells.begin(), row.cells.end(), [](const XlsxCell& c) { return c.kind != XlsxCell::Kind::Empty; });
    if (any) ready.push_back(std::move(row));
    row = XlsxRow{};
  }
}

void XlsxReader::Impl::finish_cell() {
  XlsxCell cell;
  if (type == "s") {
    char* end = nullptr;
    unsigned long long i = std::strtoull(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || i >= shared.size()) {
      part.error = "共享字符串编号「" + value + "」无效";
      return;
    }
    cell.kind = XlsxCell::Kind::Text;
    cell.text = shared[i];
  } else if (type == "inlineStr" || type == "str") {
    cell.kind = XlsxCell::Kind::Text;
    cell.text = value;
  } else if (type == "b") {
    cell.kind = XlsxCell::Kind::Bool;
    if (value == "1" || value == "0") cell.text = value == "1" ? "true" : "false";
    else {
      cell.kind = XlsxCell::Kind::Error;
      cell.text = value;
    }
  } else if (type == "e") {
    cell.kind = XlsxCell::Kind::Error;
    cell.text = value;
  } else if (type == "d") {
    // An ISO 8601 date written as text (rare): the date part, and the time when there is one.
    cell.kind = XlsxCell::Kind::Date;
    cell.text = value;
    if (value.size() >= 10) {
      std::string time = value.size() > 11 ? value.substr(11) : "";
      cell.text = value.substr(0, 10);
      if (!time.empty() && time.find_first_not_of("0:.Z") != std::string::npos) cell.text += " " + time.substr(0, 5);
    }
  } else if (type == "n") {
    if (!value.empty()) {
      std::string text;
      if (!decimal_text(value, text)) {
        cell.kind = XlsxCell::Kind::Error;
        cell.text = value;
      } else if (style >= 0 && static_cast<size_t>(style) < date_style.size() && date_style[static_cast<size_t>(style)]) {
        date_cell(text, date1904, cell);
      } else {
        cell.kind = XlsxCell::Kind::Number;
        cell.text = std::move(text);
      }
    }
  } else {
    cell.kind = XlsxCell::Kind::Error;
    cell.text = "t=\"" + type + "\"";
  }
  if (cell.kind == XlsxCell::Kind::Empty) {
    next_col = col + 1;
    return;
  }
  row.cells.resize(col + 1);
  row.cells[col] = std::move(cell);
  next_col = col + 1;
}

XlsxReader::XlsxReader() : impl_(std::make_unique<Impl>()) {}
XlsxReader::~XlsxReader() = default;

bool XlsxReader::open_file(const std::string& path, const std::string& sheet, std::string& error_zh, std::string& error_en) {
  if (!xlsx_libraries(error_zh, error_en)) return false;
  int err = 0;
  impl_->zip = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (impl_->zip == nullptr) {
    error_zh = err == ZIP_ER_NOZIP || err == ZIP_ER_INCONS ? "「" + path + "」不是 xlsx 工作簿（不是完好的 zip 文件）" : "无法读取「" + path + "」";
    error_en = err == ZIP_ER_NOZIP || err == ZIP_ER_INCONS ? "`" + path + "` is not an xlsx workbook (not a sound zip file)" : "cannot read `" + path + "`";
    return false;
  }
  bool ok = impl_->load(sheet);
  error_zh = impl_->error_zh;
  error_en = impl_->error_en;
  return ok;
}

bool XlsxReader::open_memory(std::string_view bytes, const std::string& sheet, std::string& error_zh, std::string& error_en) {
  if (!xlsx_libraries(error_zh, error_en)) return false;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
  if (src != nullptr) impl_->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
  if (impl_->zip == nullptr) {
    if (src != nullptr) zip_source_free(src);
    zip_error_fini(&ze);
    error_zh = "不是 xlsx 工作簿（不是完好的 zip 文件）";
    error_en = "not an xlsx workbook (not a sound zip file)";
    return false;
  }
  zip_error_fini(&ze);
  bool ok = impl_->load(sheet);
  error_zh = impl_->error_zh;
  error_en = impl_->error_en;
  return ok;
}

const std::string& XlsxReader::sheet_name() const { return impl_->sheet_name; }
const std::string& XlsxReader::error_zh() const { return impl_->error_zh; }
const std::string& XlsxReader::error_en() const { return impl_->error_en; }

bool XlsxReader::next(XlsxRow& row) {
  Impl& m = *impl_;
  while (m.ready.empty()) {
    if (!m.stream || m.stream->done() || !m.error_zh.empty()) return false;
    if (!m.stream->step()) {
      m.fail("工作表「" + m.sheet_name + "」无法读取：" + m.stream->error(), "the sheet `" + m.sheet_name + "` cannot be read: " + m.stream->error());
      return false;
    }
  }
  row = std::move(m.ready.front());
  m.ready.pop_front();
  return true;
}

}  // namespace zc::sim
