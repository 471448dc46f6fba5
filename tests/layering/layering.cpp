// The layering check (see layering.h).
#include "tests/layering/layering.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace zc::layering {
namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|') {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += row[i];
    }
  }
  return out;
}

std::vector<std::string> backticked(const std::string& s) {
  std::vector<std::string> out;
  std::regex re("`([^`]+)`");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) out.push_back((*it)[1]);
  return out;
}

// The rows of the first table after the heading line `heading`.
std::vector<std::vector<std::string>> table_after(const std::string& md, const std::string& heading) {
  std::vector<std::vector<std::string>> rows;
  size_t at = md.rfind(heading + "\n", 0) == 0 ? 0 : md.find("\n" + heading + "\n");
  if (at == std::string::npos) return rows;
  if (at != 0) ++at;  // past the newline before the heading
  std::istringstream in(md.substr(at + heading.size() + 1));
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    if (line.rfind("|", 0) == 0) {
      in_table = true;
      if (line.find("---") != std::string::npos) continue;
      rows.push_back(cells(line));
    } else if (in_table || line.rfind("#", 0) == 0) {
      break;
    }
  }
  if (!rows.empty()) rows.erase(rows.begin());  // the header row
  return rows;
}

bool matches(const std::string& entry, const std::string& path) {
  return entry.back() == '/' ? path.rfind(entry, 0) == 0 : path == entry;
}

}  // namespace

std::optional<std::string> Table::layer_of(const std::string& path) const {
  std::optional<std::string> best;
  size_t best_len = 0;
  for (const Layer& l : layers) {
    for (const std::string& p : l.paths) {
      if (matches(p, path) && p.size() > best_len) {
        best = l.name;
        best_len = p.size();
      }
    }
  }
  return best;
}

bool Table::allows(const std::string& from, const std::string& to) const {
  if (from == to || to.empty()) return true;
  for (const Layer& l : layers)
    if (l.name == from) return l.may_include.count(to) > 0;
  return false;
}

std::optional<Table> parse_table(const std::string& md, std::string& error) {
  Table t;
  for (const auto& row : table_after(md, "## Layers")) {
    if (row.size() < 3) {
      error = "a row of the Layers table has fewer than three cells";
      return std::nullopt;
    }
    Layer l;
    l.name = row[0];
    l.paths = backticked(row[1]);
    std::string allowed = row[2];
    std::replace(allowed.begin(), allowed.end(), ',', ' ');
    std::istringstream words(allowed);
    std::string w;
    while (words >> w)
      if (w != "—") l.may_include.insert(w);
    if (l.name.empty() || l.paths.empty()) {
      error = "the Layers row of `" + l.name + "` names no layer or no path";
      return std::nullopt;
    }
    t.layers.push_back(std::move(l));
  }
  if (t.layers.empty()) {
    error = "docs/architecture.md has no table under \"## Layers\"";
    return std::nullopt;
  }
  for (const Layer& l : t.layers)
    for (const std::string& to : l.may_include)
      if (to != "ANTLR" && !std::any_of(t.layers.begin(), t.layers.end(), [&](const Layer& o) { return o.name == to; })) {
        error = "layer `" + l.name + "` may include `" + to + "`, which is no layer";
        return std::nullopt;
      }
  for (const auto& row : table_after(md, "### Exceptions")) {
    std::vector<std::string> b = backticked(row.empty() ? std::string() : row[0]);
    size_t arrow = row.empty() ? std::string::npos : row[0].find("→");
    if (b.empty() || arrow == std::string::npos) {
      error = "an Exceptions row is not `file` → LAYER";
      return std::nullopt;
    }
    t.exceptions.push_back(Exception{b[0], trim(row[0].substr(arrow + std::string("→").size()))});
  }
  return t;
}

std::vector<std::string> includes_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  std::regex re(R"(^\s*#\s*include\s*["<]([^">]+)[">])");
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_search(line, m, re)) out.push_back(m[1]);
  return out;
}

std::string target_layer(const Table& t, const fs::path& root, const std::vector<fs::path>& antlr_dirs, const std::string& target) {
  if (auto l = t.layer_of(target)) return *l;
  if (fs::exists(root / "include" / target))
    if (auto l = t.layer_of("include/" + target)) return *l;
  if (target.rfind("antlr4", 0) == 0 || target.rfind("Zhengce", 0) == 0) return "ANTLR";
  for (const fs::path& d : antlr_dirs)
    if (!d.empty() && fs::exists(d / target)) return "ANTLR";
  return "";
}

std::string Violation::message() const {
  if (from.empty()) return file + " belongs to no layer: give its folder a row in docs/architecture.md's Layers table";
  if (target.empty()) return "the exception " + file + " → " + to + " is no longer needed: strike it from docs/architecture.md";
  return file + " (" + from + ") includes " + target + " (" + to + "), which the " + from + " layer may not include";
}

std::vector<Violation> check(const Table& t, const std::vector<Include>& includes, const std::vector<std::string>& files) {
  std::vector<Violation> out;
  for (const std::string& f : files)
    if (!t.layer_of(f)) out.push_back(Violation{f, "", "", ""});
  std::set<size_t> used;
  for (const Include& inc : includes) {
    std::optional<std::string> from = t.layer_of(inc.file);
    if (!from || t.allows(*from, inc.layer)) continue;
    bool excused = false;
    for (size_t k = 0; k < t.exceptions.size(); ++k) {
      if (t.exceptions[k].file == inc.file && t.exceptions[k].layer == inc.layer) {
        excused = true;
        used.insert(k);
      }
    }
    if (!excused) out.push_back(Violation{inc.file, inc.target, *from, inc.layer});
  }
  for (size_t k = 0; k < t.exceptions.size(); ++k)
    if (!used.count(k)) out.push_back(Violation{t.exceptions[k].file, "", "exception", t.exceptions[k].layer});
  return out;
}

void scan(const Table& t, const fs::path& root, const std::vector<fs::path>& antlr_dirs, std::vector<std::string>& files,
          std::vector<Include>& includes) {
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && (name.rfind("build", 0) == 0 || name.rfind(".", 0) == 0)) {
      it.disable_recursion_pending();
      continue;
    }
    const std::string ext = it->path().extension().string();
    if (!it->is_regular_file() || (ext != ".h" && ext != ".hpp" && ext != ".cpp" && ext != ".def")) continue;
    const std::string rel = fs::relative(it->path(), root).generic_string();
    files.push_back(rel);
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    for (const std::string& target : includes_of(text.str()))
      includes.push_back(Include{rel, target, target_layer(t, root, antlr_dirs, target)});
  }
  std::sort(files.begin(), files.end());
}

}  // namespace zc::layering
