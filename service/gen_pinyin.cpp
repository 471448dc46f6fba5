// Build-time generator of the pinyin table (pinyin.h): reads Unihan_Readings.txt from Debian's
// unicode-data (decompressed through the bzip2 program) and writes a C++ source with every Mandarin
// reading of every Han character, tones removed (gāo -> gao, lǜ -> lv). It keeps every reading the
// data lists (kMandarin first, then kHanyuPinlu, kXHC1983, kTGHZ2013, kHanyuPinyin), because a
// polyphonic character (行 xing/hang, 重 zhong/chong) may be typed either way.
// It is a host tool run by CMake; nothing it writes is committed.
//
// Usage: zhengce_gen_pinyin BZIP2 Unihan_Readings.txt.bz2 OUT.cpp
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// The fields that hold Mandarin readings, in order of preference (the first is the usual reading).
constexpr std::string_view kFields[] = {"kMandarin", "kHanyuPinlu", "kXHC1983", "kTGHZ2013", "kHanyuPinyin"};

int field_rank(std::string_view f) {
  for (size_t i = 0; i < std::size(kFields); ++i)
    if (kFields[i] == f) return static_cast<int>(i);
  return -1;
}

// Decodes one UTF-8 code point (the data file is valid UTF-8; a bad byte decodes as itself).
char32_t next_cp(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + static_cast<size_t>(len) > s.size()) len = 1;
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3Fu);
  i += static_cast<size_t>(len);
  return cp;
}

// A toned pinyin letter without its tone: the vowels with the four tone marks, ü (written v, as
// input methods take it), ê, and the syllabic m and n. Combining marks (U+0300-U+036F) are dropped.
// Returns 0 for a character that cannot be part of a syllable.
char base_letter(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return static_cast<char>(cp);
  if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp - 'A' + 'a');
  switch (cp) {
    case U'ā': case U'á': case U'ǎ': case U'à': return 'a';
    case U'ē': case U'é': case U'ě': case U'è': case U'ê': case U'ế': case U'ề': return 'e';
    case U'ī': case U'í': case U'ǐ': case U'ì': return 'i';
    case U'ō': case U'ó': case U'ǒ': case U'ò': return 'o';
    case U'ū': case U'ú': case U'ǔ': case U'ù': return 'u';
    case U'ü': case U'ǖ': case U'ǘ': case U'ǚ': case U'ǜ': return 'v';
    case U'ḿ': return 'm';
    case U'ń': case U'ň': case U'ǹ': return 'n';
    default: return 0;
  }
}

// "gāo" -> "gao"; "" when the text holds anything that is not a pinyin letter.
std::string toneless(std::string_view reading) {
  std::string out;
  for (size_t i = 0; i < reading.size();) {
    char32_t cp = next_cp(reading, i);
    if (cp >= 0x300 && cp <= 0x36F) continue;
    char c = base_letter(cp);
    if (c == 0) return "";
    out += c;
  }
  return out;
}

// The readings of one field value: "xíng", "wèi(3962) wéi(2433)", "0442.080:háng 0443.050:hàng",
// "20811.060:háng,xìng,xíng". Locations (before ':') and frequencies (in parentheses) are dropped.
std::vector<std::string> readings_of(std::string_view value) {
  std::vector<std::string> out;
  std::istringstream words{std::string(value)};
  std::string word;
  while (words >> word) {
    if (size_t colon = word.rfind(':'); colon != std::string::npos) word = word.substr(colon + 1);
    if (size_t paren = word.find('('); paren != std::string::npos) word = word.substr(0, paren);
    std::istringstream parts(word);
    std::string part;
    while (std::getline(parts, part, ',')) {
      std::string t = toneless(part);
      if (!t.empty()) out.push_back(t);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: zhengce_gen_pinyin BZIP2 Unihan_Readings.txt.bz2 OUT.cpp\n";
    return 2;
  }
  std::string cmd = std::string("'") + argv[1] + "' -dc '" + argv[2] + "'";
  FILE* in = popen(cmd.c_str(), "r");
  if (!in) {
    std::cerr << "zhengce_gen_pinyin: cannot run " << cmd << "\n";
    return 1;
  }
  // code point -> (field rank, reading) in file order within a rank
  std::map<char32_t, std::vector<std::pair<int, std::string>>> table;
  std::string line;
  char buf[1 << 16];
  std::string pending;
  size_t lines = 0;
  auto take_line = [&](std::string_view l) {
    ++lines;
    if (l.size() < 3 || l[0] != 'U' || l[1] != '+') return;
    size_t t1 = l.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : l.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) return;
    int rank = field_rank(l.substr(t1 + 1, t2 - t1 - 1));
    if (rank < 0) return;
    char32_t cp = static_cast<char32_t>(std::strtoul(std::string(l.substr(2, t1 - 2)).c_str(), nullptr, 16));
    for (std::string& r : readings_of(l.substr(t2 + 1))) table[cp].emplace_back(rank, std::move(r));
  };
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    pending.append(buf, n);
    size_t start = 0;
    for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      std::string_view l(pending.data() + start, nl - start);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      take_line(l);
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) take_line(pending);
  int status = pclose(in);
  if (status != 0 || table.size() < 20000) {
    std::cerr << "zhengce_gen_pinyin: could not read " << argv[2] << " (" << lines << " lines, " << table.size()
              << " characters with readings); install Debian's unicode-data and bzip2 (scripts/install-deps)\n";
    return 1;
  }

  // Syllables are interned; each character lists syllable ids, most usual reading first.
  std::map<std::string, int> ids;
  std::vector<std::string> syllables;
  std::vector<std::pair<char32_t, std::vector<int>>> rows;
  for (auto& [cp, list] : table) {
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<int> row;
    for (const auto& [rank, r] : list) {
      auto [it, added] = ids.emplace(r, static_cast<int>(syllables.size()));
      if (added) syllables.push_back(r);
      if (std::find(row.begin(), row.end(), it->second) == row.end()) row.push_back(it->second);
    }
    rows.emplace_back(cp, std::move(row));
  }

  std::ostringstream out;
  out << "// Generated by service/gen_pinyin.cpp from " << argv[2] << ". Do not edit.\n"
      << "#include \"service/pinyin_data.h\"\n\nnamespace zc::service::pinyin_data {\n\n"
      << "const char* const kSyllables[] = {";
  for (size_t i = 0; i < syllables.size(); ++i) out << (i % 16 ? " " : "\n  ") << '"' << syllables[i] << "\",";
  out << "\n};\nconst size_t kSyllableCount = " << syllables.size() << ";\n\n";
  out << "const uint32_t kCodePoints[] = {";
  for (size_t i = 0; i < rows.size(); ++i) out << (i % 12 ? " " : "\n  ") << static_cast<uint32_t>(rows[i].first) << ",";
  out << "\n};\nconst size_t kCharCount = " << rows.size() << ";\n\n";
  out << "const uint32_t kFirst[] = {";
  size_t at = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    out << (i % 16 ? " " : "\n  ") << at << ",";
    at += rows[i].second.size();
  }
  out << " " << at << ",\n};\n\nconst uint16_t kReadings[] = {";
  size_t k = 0;
  for (const auto& row : rows)
    for (int id : row.second) out << (k++ % 20 ? " " : "\n  ") << id << ",";
  out << "\n};\n\n}  // namespace zc::service::pinyin_data\n";

  std::string text = out.str();
  {
    std::ifstream old(argv[3], std::ios::binary);
    std::stringstream ss;
    ss << old.rdbuf();
    if (old && ss.str() == text) return 0;  // unchanged: keep the timestamp, nothing recompiles
  }
  std::ofstream f(argv[3], std::ios::binary | std::ios::trunc);
  f << text;
  if (!f) {
    std::cerr << "zhengce_gen_pinyin: cannot write " << argv[3] << "\n";
    return 1;
  }
  return 0;
}
