// docs/language.md's keyword table must be exactly what keywords.def generates.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "compiler/syntax/keywords_doc.h"

TEST(DocsKeywords, LanguageReferenceTableIsCurrent) {
  std::ifstream in(std::string(ZC_SOURCE_DIR) + "/docs/language.md");
  ASSERT_TRUE(in) << "docs/language.md is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  std::string regenerated = doc;
  ASSERT_TRUE(zc::syntax::replace_keywords_section(regenerated)) << "docs/language.md lost its generated-section markers";
  EXPECT_EQ(doc, regenerated) << "the keyword table is stale: run  build/zhengce keywords --update docs/language.md";
}
