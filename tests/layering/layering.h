// The layering check: every file of the tree belongs to one layer, and each layer may include only
// the layers the table allows. The table is docs/architecture.md's "Layers" section, so the drawing
// and the check cannot drift apart. An include is read from the file's text ("…" and <…>); it
// resolves against the repository root and include/, or to ANTLR when it names a header of the
// ANTLR runtime or of the generated parser.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace zc::layering {

struct Layer {
  std::string name;
  std::vector<std::string> paths;  // a folder ends with '/'; anything else is one file
  std::set<std::string> may_include;
};

struct Exception {
  std::string file;   // a file that may, for now, include …
  std::string layer;  // … this layer it otherwise may not
};

struct Table {
  std::vector<Layer> layers;
  std::vector<Exception> exceptions;
  // The layer of a path (the longest matching entry), or nullopt.
  std::optional<std::string> layer_of(const std::string& path) const;
  bool allows(const std::string& from, const std::string& to) const;
};

// Reads the table from docs/architecture.md's text: the rows of the table under "## Layers" (layer,
// paths in backticks, may include: layer names separated by commas, or —) and the rows of the table
// under "### Exceptions" (`file` → LAYER). nullopt with `error` when either is missing or malformed.
std::optional<Table> parse_table(const std::string& markdown, std::string& error);

// One include of one file.
struct Include {
  std::string file;    // repository-relative, e.g. compiler/check/award.cpp
  std::string target;  // as written, e.g. runtime/vm/vm.h, ZhengceParser.h
  std::string layer;   // the target's layer; "ANTLR", or "" for an external header (the C++
                       // library, fmt, nlohmann_json, GoogleTest, …), which no rule restricts
};

// What a file includes, from its text.
std::vector<std::string> includes_of(const std::string& text);

// The layer of an include target: a path the table names (existing or generated), one under include/,
// ANTLR (a header found in one of `antlr_dirs`, or any antlr4… header), or "" for an external one.
std::string target_layer(const Table& t, const std::filesystem::path& root, const std::vector<std::filesystem::path>& antlr_dirs,
                         const std::string& target);

struct Violation {
  std::string file, target, from, to;  // from/to: layers; from is "" for a file of no layer
  std::string message() const;
};

// Every include that goes against the table, every file of no layer, and every exception that is no
// longer needed (it must then be struck from the table).
std::vector<Violation> check(const Table& t, const std::vector<Include>& includes, const std::vector<std::string>& files);

// Every source file (.h .hpp .cpp .def) under `root`, except build trees and hidden folders, with its includes.
void scan(const Table& t, const std::filesystem::path& root, const std::vector<std::filesystem::path>& antlr_dirs,
          std::vector<std::string>& files, std::vector<Include>& includes);

}  // namespace zc::layering
