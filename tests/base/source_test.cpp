// Line tables and positions: columns are 1-based code points on CJK and full-width text, "\r\n" is
// one line break, tabs are one column, and the last line may lack a newline.
#include <gtest/gtest.h>

#include <string>

#include "base/source.h"

namespace zc {
namespace {

// Byte offset of the first occurrence of `needle` in `f`'s text.
uint32_t at(const SourceFile& f, std::string_view needle) {
  const size_t pos = f.text().find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  return static_cast<uint32_t>(pos);
}

LineCol lc(uint32_t line, uint32_t col) { return LineCol{line, col}; }

void expect_pos(const SourceFile& f, uint32_t offset, LineCol want) {
  const LineCol got = f.line_col(offset);
  EXPECT_EQ(got.line, want.line) << "offset " << offset;
  EXPECT_EQ(got.col, want.col) << "offset " << offset;
}

TEST(SourceFile, LineColOnCjkCrlfAndTabs) {
  const SourceFile f("a.zc", "第1条\r\n对「企业」，\t给予１０万元\nlast");
  ASSERT_EQ(f.line_count(), 3u);
  EXPECT_EQ(f.line_text(1), "第1条");
  EXPECT_EQ(f.line_text(2), "对「企业」，\t给予１０万元");
  EXPECT_EQ(f.line_text(3), "last");
  EXPECT_EQ(f.line_start(1), 0u);
  EXPECT_EQ(f.line_start(2), at(f, "对"));
  EXPECT_EQ(f.line_start(3), at(f, "last"));

  expect_pos(f, 0, lc(1, 1));
  expect_pos(f, at(f, "1"), lc(1, 2));
  expect_pos(f, at(f, "\r"), lc(1, 4));
  expect_pos(f, at(f, "\n"), lc(1, 5));
  expect_pos(f, at(f, "对"), lc(2, 1));
  expect_pos(f, at(f, "企"), lc(2, 3));
  expect_pos(f, at(f, "，"), lc(2, 6));
  expect_pos(f, at(f, "\t"), lc(2, 7));
  expect_pos(f, at(f, "给"), lc(2, 8));
  expect_pos(f, at(f, "１"), lc(2, 10));  // full-width digits are one code point each
  expect_pos(f, at(f, "万"), lc(2, 12));
  expect_pos(f, at(f, "last"), lc(3, 1));
  expect_pos(f, static_cast<uint32_t>(f.text().size()), lc(3, 5));  // end of file, no final newline
}

TEST(SourceFile, OffsetInsideACharacterGetsThatCharactersColumn) {
  const SourceFile f("a.zc", "政策");
  expect_pos(f, 1, lc(1, 1));
  expect_pos(f, 2, lc(1, 1));
  expect_pos(f, 3, lc(1, 2));
  expect_pos(f, 5, lc(1, 2));
  expect_pos(f, 6, lc(1, 3));
}

TEST(SourceFile, FinalNewlineStartsAnEmptyLastLine) {
  const SourceFile f("a.zc", "甲\n乙\n");
  ASSERT_EQ(f.line_count(), 3u);
  EXPECT_EQ(f.line_text(2), "乙");
  EXPECT_EQ(f.line_text(3), "");
  expect_pos(f, static_cast<uint32_t>(f.text().size()), lc(3, 1));
}

TEST(SourceFile, EmptyFile) {
  const SourceFile f("a.zc", "");
  ASSERT_EQ(f.line_count(), 1u);
  EXPECT_EQ(f.line_text(1), "");
  expect_pos(f, 0, lc(1, 1));
}

TEST(SourceFile, LoneCarriageReturnDoesNotEndALine) {
  const SourceFile f("a.zc", "甲\r乙\r");
  ASSERT_EQ(f.line_count(), 1u);
  EXPECT_EQ(f.line_text(1), "甲\r乙\r");
  expect_pos(f, at(f, "乙"), lc(1, 3));
}

TEST(SourceFile, ByteOrderMarkIsNotAColumn) {
  const SourceFile f("a.zc", "\xEF\xBB\xBF政策\n第");
  EXPECT_EQ(f.line_text(1), "政策");
  EXPECT_EQ(f.line_start(1), 3u);
  expect_pos(f, 0, lc(1, 1));
  expect_pos(f, 3, lc(1, 1));
  expect_pos(f, 6, lc(1, 2));
  expect_pos(f, at(f, "第"), lc(2, 1));
}

TEST(SourceFile, InvalidBytesCountOneColumnEach) {
  const SourceFile f("a.zc", "a\xFF\xE6\x94" "b");
  expect_pos(f, at(f, "b"), lc(1, 5));
}

TEST(SourceFile, Slice) {
  const SourceFile f("a.zc", "对「企业」给予");
  const Span s{0, at(f, "「"), at(f, "给")};
  EXPECT_EQ(f.slice(s), "「企业」");
  EXPECT_EQ(f.slice(Span{0, 3, 3}), "");
}

TEST(Span, ToCoversBoth) {
  const Span a{2, 10, 14};
  const Span b{2, 4, 12};
  EXPECT_EQ(a.to(b), (Span{2, 4, 14}));
  EXPECT_EQ(b.to(a), (Span{2, 4, 14}));
}

TEST(SourceManager, AddsFilesInOrder) {
  SourceManager sm;
  EXPECT_EQ(sm.add("a.zc", "甲"), 0u);
  EXPECT_EQ(sm.add("政策/乙.zc", "乙"), 1u);
  ASSERT_EQ(sm.size(), 2u);
  EXPECT_EQ(sm.file(1).path(), "政策/乙.zc");
  EXPECT_EQ(sm.file(0).text(), "甲");
}

TEST(SourceFileDeathTest, OffsetPastTheEndIsABug) {
  const SourceFile f("a.zc", "甲");
  EXPECT_DEATH(f.line_col(4), "internal compiler error\\): line_col: offset past the end of the file");
  EXPECT_DEATH(f.line_start(2), "internal compiler error\\): line_start: no such line");
}

}  // namespace
}  // namespace zc
