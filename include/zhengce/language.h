// The language itself, for tools that teach or complete it (a language server's completions, the
// keyword table of docs/language.md): every keyword spelling with its token and meaning, straight
// from the one keyword table (compiler/syntax/keywords.def). Part of the public API (docs/library.md).
#pragma once
#include <string>
#include <vector>

namespace zhengce {

struct Keyword {
  std::string spelling;  // 给予
  std::string token;     // GIVE
  std::string meaning;   // pays: 给予10万元补助
};
std::vector<Keyword> keywords();

// The keyword table as Markdown, and a document's generated keyword section replaced by it (false
// when the document has no markers for that section).
std::string keywords_markdown();
bool replace_keywords_section(std::string& doc);

}  // namespace zhengce
