// Paragraphs on the page: justification by placing words, first-line indent,
// last line left-aligned, alignment, underline, superscript marks, spacing.

#include <gtest/gtest.h>

#include <cmath>

#include "layout_test_support.h"

namespace ocopdoc::layout {
namespace {

using testing::fake_width;
using testing::kPointsPerMm;
using testing::lay_out_markup;

// Default set-up: A4, left margin 30 mm, right 15 mm, 14 pt, indent 12.7 mm.
const double kLeft = 30 * kPointsPerMm;
const double kRight = (210 - 15) * kPointsPerMm;
const double kIndent = 12.7 * kPointsPerMm;
const double kTop = (297 - 20) * kPointsPerMm;
// Fake fonts: line height = size; 14 pt × 1.15 spacing.
const double kLineHeight = 14 * 1.15;
// Half of the leading above the text, then the ascent (0.8 em).
const double kFirstBaseline = kTop - ((kLineHeight - 14) / 2 + 0.8 * 14);

std::string long_text() {
  std::string text;
  for (int i = 0; i < 30; ++i) text += (i ? " " : "") + std::string("chữ") + std::to_string(i);
  return text;
}

// Runs of a page grouped by baseline, top to bottom.
std::vector<std::vector<TextRun>> lines_of(const Page& page) {
  std::vector<std::vector<TextRun>> lines;
  for (const TextRun& run : page.texts) {
    if (lines.empty() || std::abs(lines.back().front().y - run.y) > 0.01) lines.emplace_back();
    lines.back().push_back(run);
  }
  return lines;
}

TEST(LayoutParagraph, JustifiedLinesSpanTheMeasureAndTheLastLineIsLeftAligned) {
  const auto pages = lay_out_markup(long_text());
  ASSERT_EQ(pages.size(), 1u);
  const auto lines = lines_of(pages[0]);
  ASSERT_GE(lines.size(), 3u);

  // First line: first word at the margin plus the indent, last word's right
  // edge on the right margin, one run per word.
  const auto& first = lines.front();
  EXPECT_NEAR(first.front().x, kLeft + kIndent, 1e-6);
  EXPECT_NEAR(first.front().y, kFirstBaseline, 1e-6);
  EXPECT_EQ(first.front().text, "chữ0");
  const TextRun& last_word = first.back();
  EXPECT_NEAR(last_word.x + fake_width(last_word.text, 14), kRight, 1e-6);
  for (const TextRun& run : first) EXPECT_EQ(run.text.find(' '), std::string::npos);
  // Equal stretched spaces between the words.
  const double gap0 = first[1].x - (first[0].x + fake_width(first[0].text, 14));
  for (size_t i = 1; i + 1 < first.size(); ++i) {
    const double gap = first[i + 1].x - (first[i].x + fake_width(first[i].text, 14));
    EXPECT_NEAR(gap, gap0, 1e-6);
  }
  EXPECT_GT(gap0, 3.5);

  // Middle lines start at the margin and are justified too.
  const auto& second = lines[1];
  EXPECT_NEAR(second.front().x, kLeft, 1e-6);
  EXPECT_NEAR(second.back().x + fake_width(second.back().text, 14), kRight, 1e-6);
  EXPECT_NEAR(first.front().y - second.front().y, kLineHeight, 1e-6);

  // The last line is left-aligned with natural spaces: one run.
  const auto& last = lines.back();
  ASSERT_EQ(last.size(), 1u);
  EXPECT_NEAR(last.front().x, kLeft, 1e-6);
  EXPECT_LT(last.front().x + fake_width(last.front().text, 14), kRight - 10);
  EXPECT_EQ(last.front().text.back(), '9');
}

TEST(LayoutParagraph, ALineWithOneWordStaysLeftAligned) {
  // A word too long to share its line: the line is not stretched.
  const std::string word(66, 'x');
  const auto pages = lay_out_markup("ab " + word + " cd");
  const auto lines = lines_of(pages[0]);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NEAR(lines[0][0].x, kLeft + kIndent, 1e-6);  // "ab" alone: left
  EXPECT_EQ(lines[1][0].text, word);
  EXPECT_NEAR(lines[1][0].x, kLeft, 1e-6);
}

TEST(LayoutParagraph, CentredRightAndNoIndent) {
  const auto pages = lay_out_markup(
      "@doan canh=giua\nGiữa\n\n@doan canh=phai\nPhải\n\n@doan thut-dau=khong\nTrái");
  const auto& page = pages[0];
  const TextRun* centre = testing::find_run(page, "Giữa");
  const TextRun* right = testing::find_run(page, "Phải");
  const TextRun* left = testing::find_run(page, "Trái");
  ASSERT_TRUE(centre && right && left);
  EXPECT_NEAR(centre->x + 14, (kLeft + kRight) / 2, 1e-6);
  EXPECT_NEAR(right->x + 28, kRight, 1e-6);
  EXPECT_NEAR(left->x, kLeft, 1e-6);
  // 6 pt after each paragraph.
  EXPECT_NEAR(centre->y - right->y, kLineHeight + 6, 1e-6);
}

TEST(LayoutParagraph, BoldItalicUnderlineAndFootnoteMark) {
  const auto pages = lay_out_markup("a **đậm** *nghiêng* __gạch chân__ kết^[Ghi chú.]");
  const auto& page = pages[0];
  const TextRun* bold = testing::find_run(page, "đậm");
  const TextRun* italic = testing::find_run(page, "nghiêng");
  ASSERT_TRUE(bold && italic);
  EXPECT_EQ(bold->style, FontStyle::kBold);
  EXPECT_EQ(italic->style, FontStyle::kItalic);
  // The underline is one stroke under "gạch chân", space included.
  // (On a line that is not stretched, runs of one look are joined: the
  // underlined words travel inside the run " gạch chân kết".)
  const TextRun* run = nullptr;
  for (const TextRun& candidate : page.texts) {
    if (candidate.text.find("gạch chân") != std::string::npos) run = &candidate;
  }
  ASSERT_TRUE(run);
  const std::string before = run->text.substr(0, run->text.find("gạch chân"));
  const double start = run->x + fake_width(before, 14);
  ASSERT_EQ(page.lines.size(), 2u);  // the underline, then the footnote rule
  const Line& line = page.lines.front();
  EXPECT_NEAR(line.x1, start, 1e-6);
  EXPECT_NEAR(line.x2, start + fake_width("gạch chân", 14), 1e-6);
  EXPECT_LT(line.y1, run->y);
  EXPECT_EQ(line.y1, line.y2);
  // The mark "1": smaller, raised, glued to "kết" (the end of that run).
  ASSERT_TRUE(run->text.ends_with("kết"));
  const TextRun* mark = nullptr;
  for (const TextRun& candidate : page.texts) {
    // The first "1" is the reference; the note's own mark comes later.
    if (candidate.text == "1" && mark == nullptr) mark = &candidate;
  }
  ASSERT_TRUE(mark);
  EXPECT_NEAR(mark->size, 14 * 0.65, 1e-9);
  EXPECT_NEAR(mark->y - run->y, 14 * 0.35, 1e-9);
  EXPECT_NEAR(mark->x, run->x + fake_width(run->text, 14), 1e-6);
}

TEST(LayoutParagraph, ForcedLineBreakStartsANewLineAtTheMargin) {
  const auto pages = lay_out_markup("một hai\\\nba bốn");
  const auto lines = lines_of(pages[0]);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].front().text, "một hai");  // not stretched
  EXPECT_NEAR(lines[0].front().x, kLeft + kIndent, 1e-6);
  EXPECT_NEAR(lines[1].front().x, kLeft, 1e-6);
}

TEST(LayoutParagraph, ListItemsAndQuotes) {
  const auto pages = lay_out_markup("- mục một\n+ mục hai\n\n> trích dẫn");
  const auto& page = pages[0];
  const TextRun* dash = testing::find_run(page, "- mục một");
  const TextRun* plus = testing::find_run(page, "+ mục hai");
  const TextRun* quote = testing::find_run(page, "trích dẫn");
  ASSERT_TRUE(dash && plus && quote);
  EXPECT_NEAR(dash->x, kLeft + kIndent, 1e-6);
  EXPECT_NEAR(plus->x, kLeft + kIndent + 5 * kPointsPerMm, 1e-6);
  EXPECT_NEAR(quote->x, kLeft + kIndent, 1e-6);
  EXPECT_EQ(quote->style, FontStyle::kItalic);
}

TEST(LayoutParagraph, HeadingStyles) {
  const auto pages = lay_out_markup(
      "# PHẦN MỘT\n\n## I. HAI\n\n### 1. Ba\n\n#### 1.1. Bốn\n\n##### a) Năm\n\nThân.");
  const auto& page = pages[0];
  const TextRun* one = testing::find_run(page, "PHẦN MỘT");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->style, FontStyle::kBold);
  EXPECT_NEAR(one->x + fake_width("PHẦN MỘT", 14) / 2, (kLeft + kRight) / 2, 1e-6);
  const TextRun* two = testing::find_run(page, "I. HAI");
  ASSERT_TRUE(two);
  EXPECT_EQ(two->style, FontStyle::kBold);
  EXPECT_NEAR(two->x, kLeft + kIndent, 1e-6);
  EXPECT_EQ(testing::find_run(page, "1. Ba")->style, FontStyle::kBold);
  EXPECT_EQ(testing::find_run(page, "1.1. Bốn")->style, FontStyle::kBoldItalic);
  EXPECT_EQ(testing::find_run(page, "a) Năm")->style, FontStyle::kItalic);
}

TEST(LayoutParagraph, AHeadingBreaksWhereAPhraseEnds) {
  // Filling the first line would end it on "MỘT" and cut the programme's
  // name "mỗi xã một sản phẩm"; the heading breaks before it instead, and
  // its second line starts at the margin, flush left.
  const auto pages = lay_out_markup(
      "## VIII. CƠ HỘI VÀ THÁCH THỨC TRONG TRIỂN KHAI CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM TRÊN "
      "ĐỊA BÀN TỈNH THANH HÓA\n\nThân.");
  const auto lines = lines_of(pages[0]);
  ASSERT_GE(lines.size(), 3u);
  std::string first, second;
  for (const TextRun& run : lines[0]) first += run.text;
  for (const TextRun& run : lines[1]) second += run.text;
  EXPECT_EQ(first, "VIII. CƠ HỘI VÀ THÁCH THỨC TRONG TRIỂN KHAI CHƯƠNG TRÌNH");
  EXPECT_EQ(second, "MỖI XÃ MỘT SẢN PHẨM TRÊN ĐỊA BÀN TỈNH THANH HÓA");
  EXPECT_NEAR(lines[0].front().x, kLeft + kIndent, 1e-6);
  EXPECT_NEAR(lines[1].front().x, kLeft, 1e-6);
}

TEST(LayoutParagraph, AParagraphStillFillsItsLines) {
  // Only headings and centred text are broken by phrase: body text fills
  // each line, so "một / sản phẩm" may end a line there.
  const auto pages = lay_out_markup(
      "VIII. CƠ HỘI VÀ THÁCH THỨC TRONG TRIỂN KHAI CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM TRÊN ĐỊA "
      "BÀN TỈNH THANH HÓA VÀ CÁC HUYỆN");
  const auto lines = lines_of(pages[0]);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0].back().text, "MỘT");
}

}  // namespace
}  // namespace ocopdoc::layout
