// Markdown for the keyword table (see keywords_doc.h).
#include "compiler/syntax/keywords_doc.h"

#include "compiler/syntax/lexer.h"

namespace zc::syntax {

std::string keywords_markdown() {
  std::string s = "\n| keyword | token | meaning |\n|---|---|---|\n";
  for (const KeywordEntry& k : keyword_table()) {
    std::string spelling = k.spelling;
    s += "| `" + spelling + "` | " + k.token + " | " + k.meaning + " |\n";
  }
  return s;
}

bool replace_keywords_section(std::string& doc) {
  size_t b = doc.find(kKeywordsBegin);
  size_t e = doc.find(kKeywordsEnd);
  if (b == std::string::npos || e == std::string::npos || e < b) return false;
  b += std::string(kKeywordsBegin).size();
  doc.replace(b, e - b, keywords_markdown());
  return true;
}

}  // namespace zc::syntax
