// The rendered decisions of each encoded seed policy, measured against the seed's own text: every
// rule's sentence (rendered from the AST, never copied) is compared with the sentences of the same
// article of the seed, by character-level similarity 2·LCS/(|a|+|b|) over code points. The test
// prints every sentence with its score and requires, per seed, an average of at least 0.8 and no
// sentence below 0.6. A seed whose policy file is not in policies/ yet is skipped, and says so.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "compiler/render/render.h"
#include "tests/render/seeds.h"

namespace fs = std::filesystem;

namespace {

using zc::testing::decode;
using zc::testing::encode;
using zc::testing::is_space;
using zc::testing::kSeeds;
using zc::testing::Seed;
using zc::testing::slurp;

// What the comparison ignores: white space, full-width vs ASCII digits, ASCII vs full-width
// punctuation, and the sentence's final punctuation.
std::u32string normalize(std::u32string_view s) {
  std::u32string out = zc::testing::normalize_text(s);
  while (!out.empty() && (out.back() == U'。' || out.back() == U'；' || out.back() == U'，')) out.pop_back();
  return out;
}

double similarity(const std::u32string& a, const std::u32string& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<uint32_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return 2.0 * prev[b.size()] / static_cast<double>(a.size() + b.size());
}

// ---- the seed text, split into articles -----------------------------------------------------

bool chinese_numeral(char32_t c) { return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos; }

struct SeedArticle {
  std::vector<std::string> keys;  // "4", "（二）4", "（二）"
  std::u32string text;
};

// Chapters 一、, subsections （一）, articles 1. / 1、 at the start of a line; the text of an article
// runs to the next such heading.
std::vector<SeedArticle> split_articles(const std::string& seed) {
  std::vector<SeedArticle> out;
  std::u32string sub;
  std::istringstream in(seed);
  std::string raw;
  SeedArticle* cur = nullptr;
  while (std::getline(in, raw)) {
    std::u32string line = decode(raw);
    size_t p = 0;
    while (p < line.size() && is_space(line[p])) ++p;
    if (p < line.size() && line[p] == U'[') {  // a word-processor bookmark such as [bookmark: _GoBack]
      size_t close = line.find(U']', p);
      if (close != std::u32string::npos) p = close + 1;
    }
    line = line.substr(p);
    size_t k = 0;
    while (k < line.size() && chinese_numeral(line[k])) ++k;
    if (k > 0 && k < line.size() && line[k] == U'、') {
      sub.clear();
      cur = nullptr;
      continue;
    }
    if (!line.empty() && line[0] == U'（') {
      size_t close = line.find(U'）');
      bool numeral = close != std::u32string::npos && close > 1;
      for (size_t q = 1; numeral && q < close; ++q) numeral = chinese_numeral(line[q]);
      if (numeral) {
        sub = line.substr(0, close + 1);
        out.push_back(SeedArticle{{encode(sub)}, line.substr(close + 1)});
        cur = &out.back();
        continue;
      }
    }
    size_t d = 0;
    while (d < line.size() && line[d] >= U'0' && line[d] <= U'9') ++d;
    if (d > 0 && d < line.size() && (line[d] == U'.' || line[d] == U'、' || line[d] == U'．')) {
      std::string n = encode(line.substr(0, d));
      SeedArticle a{{n}, line.substr(d + 1)};
      if (!sub.empty()) a.keys.push_back(encode(sub) + n);
      out.push_back(std::move(a));
      cur = &out.back();
      continue;
    }
    if (cur) cur->text += line;
  }
  return out;
}

// Candidate stretches of an article: every run of consecutive clauses (split at ，；：。 and around a
// bracketed aside （……）). A decision of the encoding is often one clause-run of a longer sentence,
// and sometimes joins the end of one sentence to the next (the condition in one, the amount in the
// next); an aside such as （以取得证书为标准） may stand apart from the clause it follows.
std::vector<std::u32string> candidates(const std::u32string& text) {
  std::vector<size_t> cuts{0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == U'（' && i > 0 && cuts.back() != i) cuts.push_back(i);
    if (text[i] == U'，' || text[i] == U'；' || text[i] == U'：' || text[i] == U',' || text[i] == U'。' || text[i] == U'）')
      cuts.push_back(i + 1);
  }
  if (cuts.back() != text.size()) cuts.push_back(text.size());
  std::vector<std::u32string> out;
  for (size_t a = 0; a + 1 < cuts.size(); ++a)
    for (size_t b = a + 1; b < cuts.size(); ++b) out.push_back(text.substr(cuts[a], cuts[b] - cuts[a]));
  return out;
}

struct Scored {
  double score = 0;
  std::string rule, article, rendered, original;
  bool whole_document = false;
};

class Similarity : public ::testing::TestWithParam<Seed> {};

TEST_P(Similarity, RenderedDecisionsAreCloseToTheSeed) {
  const Seed& seed = GetParam();
  fs::path policy = fs::path(ZC_SOURCE_DIR) / "policies" / seed.policy;
  fs::path text = fs::path(ZC_SEEDS_DIR) / seed.file;
  if (!fs::exists(policy)) GTEST_SKIP() << "跳过 " << seed.file << "：policies/" << seed.policy << " 尚未编码";
  if (!fs::exists(text)) GTEST_SKIP() << "跳过 " << seed.file << "：找不到种子文本 " << text.string();

  zc::SourceManager sm;
  zc::FileId id = sm.add(policy.string(), slurp(policy));
  zc::DiagSink sink;
  zc::CompileOptions co;
  co.codegen = false;
  zc::CompileResult r = zc::compile(sm, id, sink, co);
  ASSERT_TRUE(r.policy);
  ASSERT_EQ(sink.error_count(), 0u) << seed.policy << " 有错误";

  std::vector<SeedArticle> articles = split_articles(slurp(text));
  std::u32string whole;
  for (const SeedArticle& a : articles) whole += a.text + U"。";

  std::vector<Scored> scored;
  for (const zc::render::Decision& d : zc::render::decisions(*r.policy)) {
    std::string key;
    for (char c : d.article) key += c == '(' ? std::string("（") : c == ')' ? std::string("）") : std::string(1, c);
    std::u32string pool;
    for (const SeedArticle& a : articles)
      if (std::find(a.keys.begin(), a.keys.end(), key) != a.keys.end()) pool += a.text + U"。";
    Scored s;
    s.rule = r.policy->rules[static_cast<size_t>(d.rule)].name.text;
    s.article = d.article;
    s.rendered = d.text;
    if (pool.empty()) {
      pool = whole;
      s.whole_document = true;
    }
    std::u32string mine = normalize(decode(d.text));
    for (const std::u32string& c : candidates(pool)) {
      std::u32string theirs = normalize(c);
      double v = similarity(mine, theirs);
      if (v > s.score) {
        s.score = v;
        s.original = encode(theirs);
      }
    }
    scored.push_back(std::move(s));
  }
  ASSERT_FALSE(scored.empty());

  double sum = 0, low = 1;
  std::printf("%s → policies/%s：%zu 个决定句\n", seed.file, seed.policy, scored.size());
  for (const Scored& s : scored) {
    sum += s.score;
    low = std::min(low, s.score);
    std::printf("  %.3f  第%s条%s「%s」\n         译文：%s\n         原文：%s\n", s.score, s.article.c_str(),
                s.whole_document ? "（原文无此条，全文比对）" : "", s.rule.c_str(), s.rendered.c_str(), s.original.c_str());
  }
  double avg = sum / static_cast<double>(scored.size());
  std::vector<const Scored*> order;
  for (const Scored& s : scored) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const Scored* a, const Scored* b) { return a->score < b->score; });
  std::printf("  平均 %.3f，最低 %.3f；最低的 5 句：", avg, low);
  for (size_t i = 0; i < order.size() && i < 5; ++i) std::printf("%s「%s」%.3f", i ? "、" : "", order[i]->rule.c_str(), order[i]->score);
  std::printf("\n");
  EXPECT_GE(avg, 0.8) << seed.file << " 平均相似度不足 0.8";
  EXPECT_GE(low, 0.6) << seed.file << " 有决定句的相似度低于 0.6";
}

INSTANTIATE_TEST_SUITE_P(Seeds, Similarity, ::testing::ValuesIn(kSeeds), [](const ::testing::TestParamInfo<Seed>& i) {
  return std::string("seed") + std::string(i.param.file).substr(0, 3);
});

}  // namespace
