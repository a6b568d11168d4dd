// Pagination: widows and orphans, headings kept with the next block, page
// numbers, landscape pages, page breaks, outline, document information, the
// table of contents.

#include <gtest/gtest.h>

#include <cmath>

#include "layout_test_support.h"

namespace ocopdoc::layout {
namespace {

using testing::CollectingSink;
using testing::FakeFontSet;
using testing::kPointsPerMm;
using testing::page_contains;

// Single spacing and no space between paragraphs: with the fake fonts every
// line is exactly 14 pt and a page (257 mm = 728.5 pt) holds 52 lines.
PageSetup tight_setup() {
  PageSetup setup;
  setup.line_spacing = 1.0;
  setup.paragraph_space_pt = 0;
  return setup;
}

// A paragraph of `count` lines "tag1" … "tagN" (forced line breaks).
doc::Paragraph lines_paragraph(const std::string& tag, int count) {
  doc::Paragraph paragraph;
  for (int i = 1; i <= count; ++i) {
    doc::Span span;
    span.text = tag + std::to_string(i);
    span.line_break = i < count;
    paragraph.text.push_back(span);
  }
  return paragraph;
}

doc::Heading heading(int level, const std::string& text) {
  doc::Heading result;
  result.level = level;
  doc::Span span;
  span.text = text;
  result.text.push_back(span);
  return result;
}

std::vector<Page> lay_out(const doc::Document& document, const PageSetup& setup = tight_setup(),
                          CollectingSink* sink_out = nullptr) {
  FakeFontSet fonts;
  CollectingSink sink;
  layout_document(document, fonts, setup, sink);
  EXPECT_EQ(sink.begun, 1);
  EXPECT_EQ(sink.finished, 1);
  if (sink_out != nullptr) *sink_out = sink;
  return sink.pages;
}

// Lines of paragraph `tag` on each page.
std::vector<int> lines_per_page(const std::vector<Page>& pages, const std::string& tag) {
  std::vector<int> counts;
  for (const Page& page : pages) {
    int count = 0;
    for (const TextRun& run : page.texts) {
      if (run.text.starts_with(tag)) ++count;
    }
    counts.push_back(count);
  }
  return counts;
}

TEST(LayoutPagination, FiftyTwoLinesFillAPage) {
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 54));
  EXPECT_EQ(lines_per_page(lay_out(document), "a"), (std::vector<int>{52, 2}));
  // One line more than a page: the last line would be alone, so two go over.
  document.blocks[0] = lines_paragraph("a", 53);
  EXPECT_EQ(lines_per_page(lay_out(document), "a"), (std::vector<int>{51, 2}));
}

TEST(LayoutPagination, NoOrphanAtTheFootOfAPage) {
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 51));
  document.blocks.push_back(lines_paragraph("b", 5));
  const auto pages = lay_out(document);
  // One line of room: the first line of "b" would stand alone; it moves.
  EXPECT_EQ(lines_per_page(pages, "b"), (std::vector<int>{0, 5}));
}

TEST(LayoutPagination, NoWidowAtTheHeadOfAPage) {
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 48));
  document.blocks.push_back(lines_paragraph("b", 5));
  const auto pages = lay_out(document);
  // Four lines of room, but 4 + 1 would leave the last line alone.
  EXPECT_EQ(lines_per_page(pages, "b"), (std::vector<int>{3, 2}));
}

TEST(LayoutPagination, FourLinesSplitTwoAndTwo) {
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 50));
  document.blocks.push_back(lines_paragraph("b", 4));
  EXPECT_EQ(lines_per_page(lay_out(document), "b"), (std::vector<int>{2, 2}));
}

TEST(LayoutPagination, ThreeLinesAreNeverSplit) {
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 50));
  document.blocks.push_back(lines_paragraph("b", 3));
  EXPECT_EQ(lines_per_page(lay_out(document), "b"), (std::vector<int>{0, 3}));
}

TEST(LayoutPagination, HeadingStaysWithTheStartOfTheNextParagraph) {
  // Level 3 headings have 6 pt before them.  With 49 lines above, 42 pt are
  // left: the heading (6 + 14) and two lines (28) do not fit.
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 49));
  document.blocks.push_back(heading(3, "1. Tiêu đề"));
  document.blocks.push_back(lines_paragraph("p", 4));
  auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_FALSE(page_contains(pages[0], "1. Tiêu đề"));
  EXPECT_TRUE(page_contains(pages[1], "1. Tiêu đề"));
  EXPECT_EQ(lines_per_page(pages, "p"), (std::vector<int>{0, 4}));

  // With 48 lines above (56 pt left) the heading and two lines stay.
  document.blocks[0] = lines_paragraph("a", 48);
  pages = lay_out(document);
  EXPECT_TRUE(page_contains(pages[0], "1. Tiêu đề"));
  EXPECT_EQ(lines_per_page(pages, "p"), (std::vector<int>{2, 2}));
}

TEST(LayoutPagination, ALineEndingWithAColonStaysWithWhatItIntroduces) {
  // 51 lines, then "Nội dung:" on the last line of the page: it would end
  // page 1 with its items on page 2, so it goes over with them.
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 51));
  doc::Paragraph lead;
  doc::Span span;
  span.text = "- Nội dung:";
  lead.text.push_back(span);
  document.blocks.push_back(lead);
  document.blocks.push_back(lines_paragraph("b", 3));
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_FALSE(page_contains(pages[0], "- Nội dung:"));
  EXPECT_TRUE(page_contains(pages[1], "- Nội dung:"));
  // The same line without the colon stays on page 1.
  document.blocks[1] = lines_paragraph("Nội dung", 1);
  EXPECT_EQ(lines_per_page(lay_out(document), "Nội dung"), (std::vector<int>{1, 0}));
}

TEST(LayoutPagination, HeadingsBelowThePartsAreSetRagged) {
  // A heading of two lines: its first line is not stretched to the margin,
  // as a justified paragraph's would be.
  std::string words;
  for (int i = 0; i < 30; ++i) words += "MỤC" + std::to_string(i) + " ";
  doc::Document document;
  document.blocks.push_back(heading(2, words));
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 1u);
  double first_line_y = -1;
  double right = 0;
  for (const TextRun& run : pages[0].texts) {
    if (!run.text.starts_with("MỤC")) continue;
    if (first_line_y < 0) first_line_y = run.y;
    if (run.y != first_line_y) continue;
    right = std::max(right, run.x + testing::fake_width(run.text, run.size));
  }
  const double margin = (210 - 15) * kPointsPerMm;
  EXPECT_GT(first_line_y, 0);
  EXPECT_LT(right, margin - 1);
}

TEST(LayoutPagination, ConsecutiveHeadingsStayTogether) {
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 47));
  document.blocks.push_back(heading(1, "Phần thứ nhất"));
  document.blocks.push_back(heading(1, "KẾT QUẢ"));
  document.blocks.push_back(lines_paragraph("p", 2));
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_TRUE(page_contains(pages[1], "Phần thứ nhất"));
  EXPECT_TRUE(page_contains(pages[1], "KẾT QUẢ"));
}

TEST(LayoutPagination, PageNumbersFromPageTwoCentredInTheTopMargin) {
  doc::Document document;
  document.blocks.push_back(lines_paragraph("a", 120));
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 3u);
  for (const TextRun& run : pages[0].texts) EXPECT_NE(run.size, 13) << run.text;
  for (int n = 2; n <= 3; ++n) {
    const Page& page = pages[static_cast<size_t>(n - 1)];
    EXPECT_EQ(page.number, n);
    const TextRun* number = testing::find_run(page, std::to_string(n));
    ASSERT_TRUE(number);
    EXPECT_EQ(number->size, 13);
    EXPECT_EQ(number->style, FontStyle::kRegular);
    const double centre = (30 * kPointsPerMm + (210 - 15) * kPointsPerMm) / 2;
    EXPECT_NEAR(number->x + 6.5 / 2, centre, 1e-6);
    // Centred in the 20 mm top margin: ascent 10.4, descent -2.6.
    EXPECT_NEAR(number->y, 297 * kPointsPerMm - 10 * kPointsPerMm - (10.4 - 2.6) / 2, 1e-6);
    EXPECT_GT(number->y, (297 - 20) * kPointsPerMm);
  }
}

TEST(LayoutPagination, OrientationStartsALandscapePage) {
  const auto pages =
      testing::lay_out_markup("Dọc.\n\n@trang-ngang\n\nNgang.\n\n@trang-doc\n\nDọc lại.");
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_NEAR(pages[0].width, 210 * kPointsPerMm, 1e-6);
  EXPECT_NEAR(pages[1].width, 297 * kPointsPerMm, 1e-6);
  EXPECT_NEAR(pages[1].height, 210 * kPointsPerMm, 1e-6);
  EXPECT_TRUE(page_contains(pages[1], "Ngang."));
  EXPECT_NEAR(pages[2].width, 210 * kPointsPerMm, 1e-6);
  // Landscape at the very start does not leave an empty portrait page.
  const auto landscape_only = testing::lay_out_markup("@trang-ngang\n\nNgang.");
  ASSERT_EQ(landscape_only.size(), 1u);
  EXPECT_NEAR(landscape_only[0].width, 297 * kPointsPerMm, 1e-6);
}

TEST(LayoutPagination, PageBreakStartsANewPageButNeverABlankOne) {
  const auto pages =
      testing::lay_out_markup("Một.\n\n@ngat-trang\n\n@ngat-trang\n\nHai.\n\n@ngat-trang");
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_TRUE(page_contains(pages[1], "Hai."));
}

TEST(LayoutPagination, HeadingsMakeOutlineEntriesOnTheirPages) {
  doc::Document document;
  document.blocks.push_back(heading(2, "I. MỤC ĐÍCH"));
  document.blocks.push_back(lines_paragraph("a", 60));
  document.blocks.push_back(heading(3, "1. Yêu cầu"));
  document.blocks.push_back(lines_paragraph("b", 2));
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  ASSERT_EQ(pages[0].outline.size(), 1u);
  EXPECT_EQ(pages[0].outline[0].level, 2);
  EXPECT_EQ(pages[0].outline[0].title, "I. MỤC ĐÍCH");
  EXPECT_NEAR(pages[0].outline[0].y, (297 - 20) * kPointsPerMm, 1e-6);
  ASSERT_EQ(pages[1].outline.size(), 1u);
  EXPECT_EQ(pages[1].outline[0].level, 3);
  EXPECT_EQ(pages[1].outline[0].title, "1. Yêu cầu");
  const TextRun* text = testing::find_run(pages[1], "1. Yêu cầu");
  ASSERT_TRUE(text);
  EXPECT_NEAR(pages[1].outline[0].y - text->y, 0.8 * 14, 1e-6);
}

TEST(LayoutPagination, DocumentInformationFromTheTree) {
  CollectingSink sink;
  testing::lay_out_markup(
      "@dau-van-ban\nco-quan: Văn phòng Điều phối\nso: Số: 05/BC-VPĐP\n"
      "dia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n\n"
      "@ten-van-ban\nloai: Báo cáo\ntrich-yeu: Kết quả thực hiện\ntrich-yeu: tháng 6 năm 2019\n",
      PageSetup{}, &sink);
  EXPECT_EQ(sink.info.title, "Kết quả thực hiện tháng 6 năm 2019");
  EXPECT_EQ(sink.info.subject, "BÁO CÁO");
  EXPECT_EQ(sink.info.author, "VĂN PHÒNG ĐIỀU PHỐI");
  EXPECT_EQ(sink.info.keywords, "OCOP");
}

TEST(LayoutPagination, TableOfContentsShowsTheHeadingsPages) {
  doc::Document document;
  doc::TableOfContents contents;
  contents.title = "MỤC LỤC";
  contents.max_level = 2;
  document.blocks.push_back(contents);
  document.blocks.push_back(heading(2, "I. MỘT"));
  document.blocks.push_back(lines_paragraph("a", 60));
  document.blocks.push_back(heading(2, "II. HAI"));
  document.blocks.push_back(heading(3, "1. Không vào mục lục"));
  document.blocks.push_back(lines_paragraph("b", 2));
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  const Page& first = pages[0];
  EXPECT_TRUE(testing::find_run(first, "MỤC LỤC"));
  // Entries: text, dot leaders ending before the number column, number at
  // the right margin.
  const TextRun* one = testing::find_run(first, "I. MỘT");
  const TextRun* two = testing::find_run(first, "II. HAI");
  ASSERT_TRUE(one && two);
  EXPECT_FALSE(testing::find_run(first, "1. Không vào mục lục") != nullptr &&
               testing::find_run(first, "1. Không vào mục lục")->y > two->y);
  const double right = (210 - 15) * kPointsPerMm;
  std::vector<const TextRun*> numbers;
  for (const TextRun& run : first.texts) {
    if ((run.text == "1" || run.text == "2") && std::abs(run.x + 7 - right) < 1e-6) {
      numbers.push_back(&run);
    }
  }
  ASSERT_EQ(numbers.size(), 2u);
  EXPECT_EQ(numbers[0]->text, "1");
  EXPECT_EQ(numbers[0]->y, one->y);
  EXPECT_EQ(numbers[1]->text, "2");
  EXPECT_EQ(numbers[1]->y, two->y);
  bool dots = false;
  for (const TextRun& run : first.texts) {
    if (run.text.starts_with("....") && run.y == one->y) dots = true;
  }
  EXPECT_TRUE(dots);
}

}  // namespace
}  // namespace ocopdoc::layout
