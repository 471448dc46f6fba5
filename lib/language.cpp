// The keyword table (include/zhengce/language.h), from the lexer's table (compiler/syntax/keywords.def).
#include "compiler/syntax/keywords_doc.h"
#include "compiler/syntax/lexer.h"
#include "zhengce/language.h"

namespace zhengce {

std::vector<Keyword> keywords() {
  std::vector<Keyword> out;
  for (const zc::syntax::KeywordEntry& k : zc::syntax::keyword_table()) out.push_back(Keyword{k.spelling, k.token, k.meaning});
  return out;
}

std::string keywords_markdown() { return zc::syntax::keywords_markdown(); }
bool replace_keywords_section(std::string& doc) { return zc::syntax::replace_keywords_section(doc); }

}  // namespace zhengce
