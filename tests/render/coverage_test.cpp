// How much of each seed document its encoding gives back: the seed's characters that appear, in
// order, in the text rendering (the longest common subsequence of the two, white space, digit
// width and punctuation spelling ignored), as a share of the seed's characters. The encodings keep
// the documents' own text (正文, 引语, 后语 …) and generate every decision, so the share must be at
// least 0.95 per seed. The notes on readings (【说明】) are left out of the rendering measured: they
// are the encoding's words, not the document's. The test prints the figure per seed and the longest
// stretches of the seed the rendering misses. It also checks that no decision was pasted as prose:
// the document's own text holds no amount of money (every amount comes from a rule).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <regex>

#include "compiler/render/render.h"
#include "tests/render/seeds.h"

namespace fs = std::filesystem;

namespace {

using zc::testing::decode;
using zc::testing::encode;
using zc::testing::kSeeds;
using zc::testing::normalize_text;
using zc::testing::Seed;
using zc::testing::slurp;

// The seed as printed: without the word processor's bookmarks ([bookmark: _GoBack]).
std::u32string seed_text(const std::string& raw) {
  std::string s = std::regex_replace(raw, std::regex(R"(\[bookmark: [^\]]*\])"), "");
  return normalize_text(decode(s));
}

// The text rendering without the notes on readings.
std::u32string rendered_text(const zc::render::Document& d) {
  std::string s;
  for (const zc::render::Line& l : zc::render::lines(d))
    if (l.style != zc::render::Line::Style::Note && l.style != zc::render::Line::Style::HeaderNote) s += l.text + "\n";
  return normalize_text(decode(s));
}

struct Coverage {
  size_t matched = 0;
  std::vector<bool> covered;  // per seed character
};

// Longest common subsequence with the seed characters it uses (one bit of direction per cell).
Coverage lcs(const std::u32string& a, const std::u32string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<uint32_t> prev(m + 1, 0), cur(m + 1, 0);
  std::vector<uint8_t> dir((n + 1) * (m + 1), 0);  // 1 diagonal, 2 up, 3 left
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      uint8_t& d = dir[i * (m + 1) + j];
      if (a[i - 1] == b[j - 1]) {
        cur[j] = prev[j - 1] + 1;
        d = 1;
      } else if (prev[j] >= cur[j - 1]) {
        cur[j] = prev[j];
        d = 2;
      } else {
        cur[j] = cur[j - 1];
        d = 3;
      }
    }
    std::swap(prev, cur);
  }
  Coverage c;
  c.matched = prev[m];
  c.covered.assign(n, false);
  for (size_t i = n, j = m; i > 0 && j > 0;) {
    uint8_t d = dir[i * (m + 1) + j];
    if (d == 1) {
      c.covered[i - 1] = true;
      --i;
      --j;
    } else if (d == 2) {
      --i;
    } else {
      --j;
    }
  }
  return c;
}

class SeedCoverage : public ::testing::TestWithParam<Seed> {};

TEST_P(SeedCoverage, RenderingGivesBackTheWholeDocument) {
  const Seed& seed = GetParam();
  fs::path policy = fs::path(ZC_SOURCE_DIR) / "policies" / seed.policy;
  fs::path text = fs::path(ZC_SEEDS_DIR) / seed.file;
  if (!fs::exists(text)) GTEST_SKIP() << "跳过 " << seed.file << "：找不到种子文本 " << text.string();
  auto p = zc::testing::compile_policy(policy);
  ASSERT_TRUE(p) << seed.policy << " 有错误";
  zc::render::Document doc = zc::render::build_document(*p);

  std::u32string original = seed_text(slurp(text));
  Coverage c = lcs(original, rendered_text(doc));
  double share = static_cast<double>(c.matched) / static_cast<double>(original.size());
  std::printf("%s → policies/%s：原文 %zu 字，渲染文本按顺序含其中 %zu 字，覆盖率 %.3f\n", seed.file, seed.policy,
              original.size(), c.matched, share);
  // The longest stretches of the seed the rendering misses, for whoever improves the encoding.
  std::vector<std::pair<size_t, size_t>> gaps;  // (length, start)
  for (size_t i = 0; i < original.size();) {
    if (c.covered[i]) { ++i; continue; }
    size_t j = i;
    while (j < original.size() && !c.covered[j]) ++j;
    gaps.emplace_back(j - i, i);
    i = j;
  }
  std::sort(gaps.rbegin(), gaps.rend());
  for (size_t k = 0; k < gaps.size() && k < 8 && gaps[k].first >= 4; ++k)
    std::printf("  未覆盖（%zu 字）：%s\n", gaps[k].first, encode(original.substr(gaps[k].second, gaps[k].first)).c_str());
  EXPECT_GE(share, 0.95) << seed.file << " 的覆盖率不足 0.95";
}

// A decision pasted into the document's own text would carry its amount with it.
TEST_P(SeedCoverage, DocumentTextHoldsNoAmount) {
  const Seed& seed = GetParam();
  auto p = zc::testing::compile_policy(fs::path(ZC_SOURCE_DIR) / "policies" / seed.policy);
  ASSERT_TRUE(p) << seed.policy << " 有错误";
  // A number (ASCII or full-width digits; the regex works on bytes) and a unit of money.
  const std::regex money("(?:[0-9.]|\xef\xbc[\x90-\x99])+ *(?:万元|亿元|元)");
  for (const zc::ast::Prose& x : p->prose) {
    std::string all = x.text;
    for (const std::string& i : x.items) all += "\n" + i;
    EXPECT_FALSE(std::regex_search(all, money)) << seed.policy << " 的原文文字中有金额（决定句应由规则生成）：" << all;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, SeedCoverage, ::testing::ValuesIn(kSeeds), [](const ::testing::TestParamInfo<Seed>& i) {
  return std::string("seed") + std::string(i.param.file).substr(0, 3);
});

}  // namespace
