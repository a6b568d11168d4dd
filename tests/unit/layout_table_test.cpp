// Tables: column widths, header rows repeated on every page, tall rows split
// across pages, spans, bold total rows, alignment, streaming of long tables.

#include <gtest/gtest.h>

#include <cmath>

#include "layout/table_internal.h"
#include "layout_test_support.h"

namespace ocopdoc::layout {
namespace {

using detail::ColumnContent;
using detail::resolve_column_widths;
using doc::ColumnWidth;
using testing::CollectingSink;
using testing::fake_width;
using testing::FakeFontSet;
using testing::kPointsPerMm;
using testing::page_contains;

const double kLeft = 30 * kPointsPerMm;
const double kTextWidth = (210 - 30 - 15) * kPointsPerMm;
const double kTop = (297 - 20) * kPointsPerMm;
const double kBottom = 20 * kPointsPerMm;
// 13 pt table text, fake fonts: a line is 13 pt; 2 pt padding above and below.
constexpr double kRow = 17;

ColumnWidth millimetres(double value) {
  return {ColumnWidth::Kind::kMillimetres, value};
}
ColumnWidth fraction(double value) {
  return {ColumnWidth::Kind::kFraction, value};
}
ColumnWidth automatic() {
  return {};
}

TEST(LayoutTableColumns, MillimetresThenFractionsByWeight) {
  const auto widths = resolve_column_widths({millimetres(10), fraction(3), fraction(1)},
                                            {{5, 5}, {10, 10}, {10, 10}}, 400);
  const double fixed = 10 * kPointsPerMm;
  EXPECT_NEAR(widths[0], fixed, 1e-9);
  EXPECT_NEAR(widths[1], (400 - fixed) * 3 / 4, 1e-9);
  EXPECT_NEAR(widths[2], (400 - fixed) / 4, 1e-9);
}

TEST(LayoutTableColumns, AutoColumnsStretchToTheFullWidthInProportion) {
  const auto widths = resolve_column_widths({automatic(), automatic()}, {{10, 50}, {20, 150}}, 400);
  EXPECT_NEAR(widths[0], 100, 1e-9);
  EXPECT_NEAR(widths[1], 300, 1e-9);
}

TEST(LayoutTableColumns, AutoColumnsShrinkBetweenMinAndMax) {
  const auto widths = resolve_column_widths({automatic(), automatic()}, {{10, 50}, {20, 150}}, 150);
  EXPECT_NEAR(widths[0], 10 + 40 * 120.0 / 170, 1e-9);
  EXPECT_NEAR(widths[1], 20 + 130 * 120.0 / 170, 1e-9);
  EXPECT_NEAR(widths[0] + widths[1], 150, 1e-9);
}

TEST(LayoutTableColumns, BelowTheMinimumsEverythingShrinksInProportion) {
  const auto widths = resolve_column_widths({automatic(), millimetres(10)}, {{10, 50}, {0, 0}}, 20);
  const double fixed = 10 * kPointsPerMm;
  EXPECT_NEAR(widths[0], 10 * 20 / (10 + fixed), 1e-9);
  EXPECT_NEAR(widths[1], fixed * 20 / (10 + fixed), 1e-9);
}

TEST(LayoutTableColumns, FractionsKeepTheirContentMinimum) {
  const auto widths =
      resolve_column_widths({fraction(1), fraction(1)}, {{300, 300}, {10, 10}}, 400);
  EXPECT_NEAR(widths[0], 300, 1e-9);
  EXPECT_NEAR(widths[1], 100, 1e-9);
}

TEST(LayoutTableColumns, AFractionWiderThanItsLinesGivesTheRestToAColumnThatWraps) {
  // By weight each would get 150; the first holds its longest line in 50,
  // the second needs 300: the first keeps 50 and the second takes the rest.
  const auto widths = resolve_column_widths({fraction(1), fraction(1)}, {{20, 50}, {20, 300}}, 300);
  EXPECT_NEAR(widths[0], 50, 1e-9);
  EXPECT_NEAR(widths[1], 250, 1e-9);
}

TEST(LayoutTableColumns, WhenEveryLineFitsSomeWayEachKeepsItsLineAndTheRestIsShared) {
  // By weight 150 each would make the second wrap (200); both lines fit in
  // 300, so each gets its line and the 50 left over is shared by weight
  // (not all given to the one that was short).
  const auto widths = resolve_column_widths({fraction(1), fraction(1)}, {{20, 50}, {20, 200}}, 300);
  EXPECT_NEAR(widths[0], 75, 1e-9);
  EXPECT_NEAR(widths[1], 225, 1e-9);
}

TEST(LayoutTableColumns, FractionsStayByWeightWhenEveryLineFits) {
  const auto widths = resolve_column_widths({fraction(1), fraction(2)}, {{20, 50}, {20, 100}}, 300);
  EXPECT_NEAR(widths[0], 100, 1e-9);
  EXPECT_NEAR(widths[1], 200, 1e-9);
}

TEST(LayoutTableColumns, FractionsThatAllWrapStayByWeight) {
  const auto widths = resolve_column_widths({fraction(1), fraction(1), fraction(2)},
                                            {{20, 500}, {20, 500}, {20, 90}}, 400);
  // The third holds its line in 90 and gives up the rest of its 200.
  EXPECT_NEAR(widths[2], 90, 1e-9);
  EXPECT_NEAR(widths[0], 155, 1e-9);
  EXPECT_NEAR(widths[1], 155, 1e-9);
}

TEST(LayoutTableColumns, AutoBesideFractionTakesItsContent) {
  const auto widths = resolve_column_widths({automatic(), fraction(1)}, {{20, 60}, {10, 10}}, 400);
  EXPECT_NEAR(widths[0], 60, 1e-9);
  EXPECT_NEAR(widths[1], 340, 1e-9);
}

TEST(LayoutTableColumns, OnlyMillimetresMayBeNarrower) {
  const auto widths = resolve_column_widths({millimetres(20), millimetres(30)}, {}, 400);
  EXPECT_NEAR(widths[0] + widths[1], 50 * kPointsPerMm, 1e-9);
}

// --- building tables ---------------------------------------------------------

doc::Inline text_of(const std::string& text) {
  // "a|b|c" makes three lines (forced breaks).
  doc::Inline result;
  size_t start = 0;
  for (;;) {
    const size_t bar = text.find('|', start);
    doc::Span span;
    span.text = text.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    span.line_break = bar != std::string::npos;
    result.push_back(span);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return result;
}

doc::TableRow row_of(const std::vector<std::string>& cells,
                     doc::TableRow::Kind kind = doc::TableRow::Kind::kBody) {
  doc::TableRow row;
  row.kind = kind;
  for (const std::string& cell : cells) {
    doc::TableCell table_cell;
    if (cell == "<" || cell == "^") {
      table_cell.covered = true;
    } else {
      table_cell.text = text_of(cell);
    }
    row.cells.push_back(table_cell);
  }
  return row;
}

// "dòng1|dòng2|…": a cell of `count` lines, each named by its number.
std::string numbered_lines(const std::string& word, int count) {
  std::string lines;
  for (int i = 1; i <= count; ++i) lines += (i > 1 ? "|" : "") + word + std::to_string(i);
  return lines;
}

doc::Table three_columns() {
  doc::Table table;
  table.columns.resize(3);
  table.columns[0].width = millimetres(20);
  table.columns[0].align = doc::Align::kCenter;
  table.columns[1].width = fraction(1);
  table.columns[2].width = millimetres(30);
  table.columns[2].align = doc::Align::kRight;
  table.rows.push_back(row_of({"STT", "Nội dung", "Số tiền"}, doc::TableRow::Kind::kHeader));
  return table;
}

// A table of `rows` body rows labelled "<label> 1", "<label> 2", ... in the
// middle column, headed "<title>" there when given.
doc::Table numbered_table(int rows, const std::string& label, const std::string& title = "") {
  doc::Table table = three_columns();
  if (!title.empty()) table.rows[0].cells[1].text = text_of(title);
  for (int i = 1; i <= rows; ++i) {
    table.rows.push_back(row_of({std::to_string(i), label + " " + std::to_string(i), "1"}));
  }
  return table;
}

// What ends a roster: a line of count and the signature.
void add_closing(doc::Document& document, const std::string& count_line) {
  doc::Paragraph count;
  count.text = text_of(count_line);
  doc::Signature signature;
  signature.authority = {"CHÁNH VĂN PHÒNG"};
  signature.name = "Lê Văn Ký";
  document.blocks.push_back(count);
  document.blocks.push_back(signature);
}

std::vector<Page> lay_out(const doc::Document& document, CollectingSink* sink = nullptr) {
  FakeFontSet fonts;
  CollectingSink collected;
  layout_document(document, fonts, PageSetup{}, collected);
  if (sink != nullptr) *sink = collected;
  return collected.pages;
}

int count_runs(const Page& page, const std::string& text) {
  int count = 0;
  for (const TextRun& run : page.texts) count += run.text == text ? 1 : 0;
  return count;
}

// The pages of a table of one flush-left column `mm` wide, with a header
// and one row holding `text`.
std::vector<Page> one_cell(double mm, const std::string& text) {
  doc::Table table;
  table.columns.resize(1);
  table.columns[0].width = millimetres(mm);
  table.columns[0].align = doc::Align::kLeft;
  table.rows.push_back(row_of({"Nội dung"}, doc::TableRow::Kind::kHeader));
  table.rows.push_back(row_of({text}));
  doc::Document document;
  document.blocks.push_back(table);
  return lay_out(document);
}

TEST(LayoutTable, TextInACellBreaksWhereAPhraseEnds) {
  // 40 mm leave 105.4 pt inside the padding: filling would set "Xã Hà
  // Long, huyện" (100.75) / "Hà Trung", tearing the name from "huyện".
  const auto pages = one_cell(40, "Xã Hà Long, huyện Hà Trung");
  ASSERT_EQ(pages.size(), 1u);
  const TextRun* first = testing::find_run(pages[0], "Xã Hà Long,");
  const TextRun* second = testing::find_run(pages[0], "huyện Hà Trung");
  ASSERT_TRUE(first && second);
  EXPECT_GT(first->y, second->y);
  EXPECT_NEAR(first->x, second->x, 1e-6);  // flush left, both
}

TEST(LayoutTable, ACellTakesNoLineMoreToAvoidACut) {
  // 33.2 mm leave 86.1 pt: three words a line, so two lines can only cut
  // "sản | phẩm,".  A heading would take a third line and break after each
  // comma; a cell does not, as a line more would make the row taller.
  const auto pages = one_cell(33.2, "sản phẩm, sản phẩm, sản phẩm");
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_TRUE(testing::find_run(pages[0], "sản phẩm, sản"));
  EXPECT_TRUE(testing::find_run(pages[0], "phẩm, sản phẩm"));
}

TEST(LayoutTable, ACellTakesALineMoreWhereItsRowIsThatTallAnyway) {
  // The same cell beside one of four lines: the row is four lines tall
  // anyway, so the cell takes a third line and cuts no word.  Its header
  // row, one line tall, keeps its one line.
  doc::Table table;
  table.columns.resize(2);
  for (auto& column : table.columns) {
    column.width = millimetres(33.2);
    column.align = doc::Align::kLeft;
  }
  table.rows.push_back(row_of({"Nội dung", "Ghi chú"}, doc::TableRow::Kind::kHeader));
  table.rows.push_back(row_of({"sản phẩm, sản phẩm, sản phẩm",
                               "một, hai, ba, bốn, năm, sáu, "
                               "bảy, tám, chín, mười"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(count_runs(pages[0], "sản phẩm,"), 2);
  EXPECT_TRUE(testing::find_run(pages[0], "sản phẩm"));
  EXPECT_FALSE(testing::find_run(pages[0], "sản phẩm, sản"));
  const TextRun* note = nullptr;  // the notes' last line
  for (const TextRun& run : pages[0].texts) {
    if (run.text.ends_with("mười")) note = &run;
  }
  ASSERT_TRUE(note);
  // The row is no taller than its four lines of notes: the third line of the
  // first cell sits above the notes' last.
  const TextRun* third = testing::find_run(pages[0], "sản phẩm");
  ASSERT_TRUE(third);
  EXPECT_GE(third->y, note->y - 1e-6);
}

TEST(LayoutTable, CellsAlignedInTheirColumnsWithPaddingAndBorders) {
  doc::Table table = three_columns();
  table.rows.push_back(row_of({"1", "Tuyên truyền", "1.000"}));
  table.rows.push_back(row_of({"Tổng cộng", "<", "1.000"}, doc::TableRow::Kind::kTotal));
  table.rows.back().cells[0].col_span = 2;
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 1u);
  const Page& page = pages[0];
  const double first = 20 * kPointsPerMm;
  // Body: centred, left with 4 pt padding, right with 4 pt padding.
  const TextRun* number = testing::find_run(page, "1");
  const TextRun* content = testing::find_run(page, "Tuyên truyền");
  ASSERT_TRUE(number && content);
  EXPECT_NEAR(number->x + 3.25, kLeft + first / 2, 1e-6);
  EXPECT_NEAR(content->x, kLeft + first + 4, 1e-6);
  EXPECT_EQ(content->size, 13);
  EXPECT_EQ(content->style, FontStyle::kRegular);
  // Header row centred and bold, 6 pt below the top (space before the table
  // is dropped at the top of the page): baseline = top + 2 + 10.4.
  const TextRun* header = testing::find_run(page, "Nội dung");
  ASSERT_TRUE(header);
  EXPECT_EQ(header->style, FontStyle::kBold);
  EXPECT_NEAR(header->y, kTop - 2 - 10.4, 1e-6);
  EXPECT_NEAR(content->y, kTop - kRow - 2 - 10.4, 1e-6);
  // The total row is bold, its label spans two columns; numbers right.
  const TextRun* total = testing::find_run(page, "Tổng cộng");
  ASSERT_TRUE(total);
  EXPECT_EQ(total->style, FontStyle::kBold);
  int right_aligned = 0;
  for (const TextRun& run : page.texts) {
    if (run.text == "1.000") {
      EXPECT_NEAR(run.x + fake_width("1.000", 13), kLeft + kTextWidth - 4, 1e-6);
      ++right_aligned;
    }
  }
  EXPECT_EQ(right_aligned, 2);
  // The outer frame: a top border over the full width and a bottom border
  // three rows down.
  bool top = false, bottom = false, middle_divider_in_total = false;
  for (const Line& line : page.lines) {
    if (line.y1 == line.y2 && std::abs(line.y1 - kTop) < 1e-6 && std::abs(line.x1 - kLeft) < 1e-6 &&
        std::abs(line.x2 - (kLeft + kTextWidth)) < 1e-6) {
      top = true;
    }
    if (line.y1 == line.y2 && std::abs(line.y1 - (kTop - 3 * kRow)) < 1e-6) bottom = true;
    // No vertical border between the spanned columns in the total row.
    if (line.x1 == line.x2 && std::abs(line.x1 - (kLeft + first)) < 1e-6 &&
        std::min(line.y1, line.y2) < kTop - 2 * kRow - 1e-6) {
      middle_divider_in_total = true;
    }
    EXPECT_NEAR(line.width, 0.5, 1e-9);
  }
  EXPECT_TRUE(top);
  EXPECT_TRUE(bottom);
  EXPECT_FALSE(middle_divider_in_total);
}

TEST(LayoutTable, HeaderRowsRepeatOnEveryPageTheTableContinuesOn) {
  doc::Table table = three_columns();
  table.caption = "Biểu 1";
  for (int i = 1; i <= 60; ++i) {
    table.rows.push_back(row_of({std::to_string(i), "Nội dung " + std::to_string(i), "5"}));
  }
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  // The caption only once, above the table, centred and bold.
  EXPECT_EQ(count_runs(pages[0], "Biểu 1"), 1);
  EXPECT_EQ(count_runs(pages[1], "Biểu 1"), 0);
  EXPECT_EQ(count_runs(pages[0], "Nội dung"), 1);
  EXPECT_EQ(count_runs(pages[1], "Nội dung"), 1);
  // On page 2 the header heads the page.
  EXPECT_NEAR(testing::find_run(pages[1], "Nội dung")->y, kTop - 2 - 10.4, 1e-6);
  // Every row exactly once.
  for (int i = 1; i <= 60; ++i) {
    const std::string text = "Nội dung " + std::to_string(i);
    EXPECT_EQ(count_runs(pages[0], text) + count_runs(pages[1], text), 1) << text;
  }
  // Rows fill page 1 as far as they fit: caption (14 + 3), header, rows.
  const double room = kTop - kBottom - 14 - 3 - kRow;
  const int rows_on_first = static_cast<int>(std::floor(room / kRow));
  EXPECT_TRUE(page_contains(pages[0], "Nội dung " + std::to_string(rows_on_first)));
  EXPECT_FALSE(page_contains(pages[0], "Nội dung " + std::to_string(rows_on_first + 1)));
  // Page 1's part of the table is closed by a bottom border.
  const double part_bottom = kTop - 14 - 3 - kRow * (1 + rows_on_first);
  bool closed = false;
  for (const Line& line : pages[0].lines) {
    if (line.y1 == line.y2 && std::abs(line.y1 - part_bottom) < 1e-6 &&
        std::abs(line.x2 - line.x1 - kTextWidth) < 1e-6) {
      closed = true;
    }
  }
  EXPECT_TRUE(closed);
}

TEST(LayoutTable, ATallRowIsSplitAcrossThePageBreak) {
  doc::Table table = three_columns();
  for (int i = 1; i <= 30; ++i) table.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  const std::string tall = numbered_lines("dòng", 40);
  table.rows.push_back(row_of({"31", tall, "2"}));
  table.rows.push_back(row_of({"32", "sau", "3"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  // Room after the header and 30 rows: 728.5 - 31 × 17 = 201.5 pt, so
  // (201.5 - 2 - 2) / 13 = 15 lines of the tall cell stay on page 1.
  for (int i = 1; i <= 40; ++i) {
    const std::string line = "dòng" + std::to_string(i);
    EXPECT_EQ(count_runs(pages[0], line), i <= 15 ? 1 : 0) << line;
    EXPECT_EQ(count_runs(pages[1], line), i <= 15 ? 0 : 1) << line;
  }
  // The other cells of the row are drawn once, on page 1.
  EXPECT_EQ(count_runs(pages[0], "31"), 1);
  EXPECT_EQ(count_runs(pages[1], "31"), 0);
  // Page 2: the header first, then the rest of the row under it.
  const TextRun* header = testing::find_run(pages[1], "Nội dung");
  const TextRun* rest = testing::find_run(pages[1], "dòng16");
  ASSERT_TRUE(header && rest);
  EXPECT_NEAR(rest->y, kTop - kRow - 2 - 10.4, 1e-6);
  EXPECT_TRUE(page_contains(pages[1], "sau"));
}

TEST(LayoutTable, ARowDoesNotLeaveOnlyItsShortCellsAtTheFootOfAPage) {
  doc::Table table = three_columns();
  // Header, 38 one-line rows and a two-line one: 17 × 39 + 30 = 693 pt, so
  // 35.5 pt are left: one line of each cell would fit (17 pt), but two lines
  // at the break of the tall cell would not.  The part that fits would hold
  // only "41" and "2": the row moves whole to the next page.
  for (int i = 1; i <= 38; ++i) table.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  table.rows.push_back(row_of({"39", "hai|dòng", "1"}));
  table.rows.push_back(row_of({"40", "x", "1"}));
  const std::string tall = numbered_lines("dòng", 40);
  table.rows.push_back(row_of({"41", tall, "2"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_GE(pages.size(), 2u);
  EXPECT_EQ(count_runs(pages[0], "40"), 1);
  EXPECT_EQ(count_runs(pages[0], "41"), 0);
  EXPECT_EQ(count_runs(pages[0], "dòng1"), 0);
  EXPECT_EQ(count_runs(pages[1], "41"), 1);
  EXPECT_EQ(count_runs(pages[1], "dòng1"), 1);
}

TEST(LayoutTable, AShortRowMovesWhole) {
  doc::Table table = three_columns();
  // Header + 41 rows = 714 pt; 14.5 pt left, a two-line row needs 30.
  for (int i = 1; i <= 41; ++i) table.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  table.rows.push_back(row_of({"42", "hai|dòng", "2"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(count_runs(pages[0], "hai"), 0);
  EXPECT_EQ(count_runs(pages[1], "hai"), 1);
  EXPECT_EQ(count_runs(pages[1], "dòng"), 1);
  EXPECT_EQ(count_runs(pages[1], "42"), 1);
}

TEST(LayoutTable, ARowOfAFewLinesMovesWholeRatherThanSplit) {
  doc::Table table = three_columns();
  // Header + 38 rows = 663 pt; 65.5 pt left, where 4 lines of a six-line
  // row would fit (4 × 13 + 4) and the rule of two lines at a break would
  // allow a 4 / 2 split.  The row is 82 pt, far under a quarter of the page
  // (182 pt): it moves whole.
  for (int i = 1; i <= 38; ++i) table.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  table.rows.push_back(row_of({"39", "một|hai|ba|bốn|năm|sáu", "2"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  for (const std::string line : {"một", "hai", "ba", "bốn", "năm", "sáu"}) {
    EXPECT_EQ(count_runs(pages[0], line), 0) << line;
    EXPECT_EQ(count_runs(pages[1], line), 1) << line;
  }
  EXPECT_EQ(count_runs(pages[1], "39"), 1);
}

// A table whose groups have their title above them (dong-cong=tren): `rows`
// one-line rows, then the title row of a group of level 1.
doc::Table rows_then_group_title(int rows, const std::string& number, const std::string& name) {
  doc::Table table = three_columns();
  table.subtotals_above = true;
  for (int i = 1; i <= rows; ++i) table.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  doc::TableRow title = row_of({number, name, "3"}, doc::TableRow::Kind::kSubtotal);
  title.level = 1;
  table.rows.push_back(title);
  return table;
}

// Page 1 holds the header and 41 one-line rows (42 × 17 = 714 of 728.5 pt).
TEST(LayoutTable, AGroupTitleRowNeverEndsAPage) {
  doc::Table table = rows_then_group_title(40, "II", "Nhóm hai");
  for (int i = 1; i <= 3; ++i) table.rows.push_back(row_of({"", "dòng " + std::to_string(i), "1"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  // The title would fit as page 1's last row; it goes with its first row.
  EXPECT_EQ(count_runs(pages[0], "Nhóm hai"), 0);
  EXPECT_EQ(count_runs(pages[1], "Nhóm hai"), 1);
  EXPECT_TRUE(page_contains(pages[0], "40"));
}

// A group's title followed by a row of four lines (taller than a row that
// is kept as a matter of course, short enough to move whole): header, 38
// rows and the title take 680 of 728.5 pt, and the 56 pt row does not fit
// under them.  The row moves whole, and the title with it.
TEST(LayoutTable, AGroupTitleRowGoesWithARowThatMovesWhole) {
  doc::Table table = rows_then_group_title(38, "A", "Nhóm một");
  table.rows.push_back(row_of({"DA01", "một|hai|ba|bốn", "1"}));
  table.rows.push_back(row_of({"DA02", "x", "2"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_TRUE(page_contains(pages[0], "38"));
  EXPECT_EQ(count_runs(pages[0], "Nhóm một"), 0);
  EXPECT_EQ(count_runs(pages[1], "Nhóm một"), 1);
  EXPECT_EQ(count_runs(pages[1], "bốn"), 1);
}

// A group's title followed by a row of forty lines, which splits: the title
// stays at the foot of a page when the first two lines of the row fit under
// it (30 of the 48.5 pt left), and goes to the next page when they do not
// (14.5 pt left).
TEST(LayoutTable, AGroupTitleRowKeepsTheHeadOfARowThatSplits) {
  for (const int rows_before : {38, 40}) {
    doc::Table table = rows_then_group_title(rows_before, "A", "Nhóm một");
    const std::string tall = numbered_lines("dòng", 40);
    table.rows.push_back(row_of({"DA01", tall, "1"}));
    table.rows.push_back(row_of({"DA02", "x", "2"}));
    doc::Document document;
    document.blocks.push_back(table);
    const auto pages = lay_out(document);
    ASSERT_EQ(pages.size(), 2u) << rows_before;
    const bool stays = rows_before == 38;
    EXPECT_EQ(count_runs(pages[0], "Nhóm một"), stays ? 1 : 0) << rows_before;
    EXPECT_EQ(count_runs(pages[0], "dòng1"), stays ? 1 : 0) << rows_before;
    EXPECT_EQ(count_runs(pages[0], "dòng2"), stays ? 1 : 0) << rows_before;
    EXPECT_EQ(count_runs(pages[1], "Nhóm một"), stays ? 0 : 1) << rows_before;
    EXPECT_EQ(count_runs(pages[1], "dòng40"), 1) << rows_before;
  }
}

TEST(LayoutTable, ATotalRowNeverStartsAPageAlone) {
  doc::Table table = three_columns();
  for (int i = 1; i <= 41; ++i) table.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  table.rows.push_back(row_of({"Tổng cộng", "<", "41"}, doc::TableRow::Kind::kTotal));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(count_runs(pages[1], "Tổng"), 1);
  // The last row it adds up goes with it.
  EXPECT_EQ(count_runs(pages[0], "41"), 0);
  EXPECT_EQ(count_runs(pages[1], "41"), 2);
  EXPECT_TRUE(page_contains(pages[0], "40"));
}

TEST(LayoutTable, TheLastRowIsNeverAloneOnAPage) {
  doc::Table table = three_columns();
  for (int i = 1; i <= 42; ++i) {
    table.rows.push_back(row_of({std::to_string(i), "dòng " + std::to_string(i), "1"}));
  }
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_TRUE(page_contains(pages[0], "dòng 40"));
  EXPECT_FALSE(page_contains(pages[0], "dòng 41"));
  EXPECT_TRUE(page_contains(pages[1], "dòng 41"));
  EXPECT_TRUE(page_contains(pages[1], "dòng 42"));
}

TEST(LayoutTable, TheClosingAfterATableTakesItsLastRowsAlong) {
  // 38 rows leave room on the first page for the count under them, not for
  // the signature too: the closing would start the second page alone, a
  // signature under no row of the list.  The last rows go with it (the two
  // that keep together), and nothing else of the table.
  doc::Document document;
  document.blocks.push_back(numbered_table(38, "dòng"));
  add_closing(document, "Danh sách có 38 học viên.");
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_TRUE(page_contains(pages[0], "dòng 36"));
  EXPECT_FALSE(page_contains(pages[0], "dòng 37"));
  EXPECT_TRUE(page_contains(pages[1], "dòng 37"));
  EXPECT_TRUE(page_contains(pages[1], "dòng 38"));
  EXPECT_TRUE(page_contains(pages[1], "Lê Văn Ký"));

  // Anything else between the table and the signature (here a heading)
  // makes the closing text of its own: the table is laid out as before.
  doc::Heading heading;
  heading.level = 2;
  heading.text = text_of("Ghi chú");
  document.blocks.insert(document.blocks.begin() + 1, heading);
  const auto apart = lay_out(document);
  EXPECT_TRUE(page_contains(apart[0], "dòng 38"));
}

TEST(LayoutTable, ASmallTableGoesWholeWithTheClosingAfterIt) {
  // 30 rows leave room for the second table (6 + 17 + 6 × 17 = 125 pt) but
  // not for it and the count and signature after it: the closing would take
  // the table's last rows along and split it; the whole table goes instead.
  doc::Document document;
  document.blocks.push_back(numbered_table(30, "x"));
  document.blocks.push_back(numbered_table(6, "hàng", "Bảng hai"));
  add_closing(document, "Danh sách có 6 hàng.");
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_FALSE(page_contains(pages[0], "Bảng hai"));
  EXPECT_TRUE(page_contains(pages[1], "hàng 1"));
  EXPECT_TRUE(page_contains(pages[1], "Lê Văn Ký"));
}

TEST(LayoutTable, ASmallTableIsNeverSplit) {
  // A first table of 36 rows leaves 99.5 pt: room for the second table's
  // gap, header and four rows (6 + 17 + 4 × 17), not for all six.  Six rows
  // are a small table: it starts the next page whole.  Thirteen rows are
  // not: they fill the page and go on.
  for (const int rows : {6, 13}) {
    doc::Document document;
    document.blocks.push_back(numbered_table(36, "x"));
    document.blocks.push_back(numbered_table(rows, "hàng", "Bảng hai"));
    const auto pages = lay_out(document);
    ASSERT_EQ(pages.size(), 2u);
    EXPECT_EQ(page_contains(pages[0], "Bảng hai"), rows == 13) << rows;
    EXPECT_EQ(page_contains(pages[0], "hàng 4"), rows == 13) << rows;
    EXPECT_TRUE(page_contains(pages[1], "hàng " + std::to_string(rows)));
  }
}

TEST(LayoutTable, TheFirstRowIsNeverAloneUnderTheHeaderAtTheFootOfAPage) {
  // A first table of 39 rows leaves 48.5 pt: room for the second table's
  // gap, header and first row (6 + 17 + 17), not for its second row.
  doc::Table first = three_columns();
  for (int i = 1; i <= 39; ++i) first.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  doc::Table second = three_columns();
  second.rows[0].cells[1].text = text_of("Bảng hai");
  for (int i = 1; i <= 5; ++i) {
    second.rows.push_back(row_of({std::to_string(i), "hàng " + std::to_string(i), "1"}));
  }
  doc::Document document;
  document.blocks.push_back(first);
  document.blocks.push_back(second);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(count_runs(pages[0], "Bảng hai"), 0);
  EXPECT_EQ(count_runs(pages[0], "hàng 1"), 0);
  EXPECT_EQ(count_runs(pages[1], "Bảng hai"), 1);
  EXPECT_EQ(count_runs(pages[1], "hàng 1"), 1);
}

TEST(LayoutTable, HeaderSpansAreCentredInTheirRectangles) {
  doc::Table table;
  table.columns.resize(3);
  for (auto& column : table.columns) column.width = millimetres(50);
  table.rows.push_back(row_of({"STT", "Kinh phí", "<"}, doc::TableRow::Kind::kHeader));
  table.rows.back().cells[0].row_span = 2;
  table.rows.back().cells[1].col_span = 2;
  table.rows.push_back(row_of({"^", "Dự toán", "Giải ngân"}, doc::TableRow::Kind::kHeader));
  table.rows.push_back(row_of({"1", "10", "8"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  const Page& page = pages[0];
  const double column = 50 * kPointsPerMm;
  const double x0 = kLeft + (kTextWidth - 3 * column) / 2;  // narrower table: centred
  const TextRun* stt = testing::find_run(page, "STT");
  const TextRun* money = testing::find_run(page, "Kinh phí");
  const TextRun* plan = testing::find_run(page, "Dự toán");
  ASSERT_TRUE(stt && money && plan);
  // STT spans both header rows (34 pt): its line sits in the middle.
  EXPECT_NEAR(stt->y, kTop - (34 - 13) / 2.0 - 10.4, 1e-6);
  EXPECT_NEAR(stt->x + fake_width("STT", 13) / 2, x0 + column / 2, 1e-6);
  // "Kinh phí" spans the two money columns.
  EXPECT_NEAR(money->x + fake_width("Kinh phí", 13) / 2, x0 + 2 * column, 1e-6);
  EXPECT_NEAR(plan->y, kTop - kRow - 2 - 10.4, 1e-6);
  // No border between the two header rows under STT.
  for (const Line& line : page.lines) {
    if (line.y1 == line.y2 && std::abs(line.y1 - (kTop - kRow)) < 1e-6) {
      EXPECT_GE(line.x1, x0 + column - 1e-6);
    }
  }
}

TEST(LayoutTable, BodyRowSpanDrawsItsTextOnceAndNoBorderInside) {
  doc::Table table = three_columns();
  table.rows.push_back(row_of({"Nga Sơn", "sản phẩm 1", "1"}));
  table.rows.back().cells[0].row_span = 3;
  table.rows.push_back(row_of({"^", "sản phẩm 2", "2"}));
  table.rows.push_back(row_of({"^", "sản phẩm 3", "3"}));
  table.rows.push_back(row_of({"Hậu Lộc", "sản phẩm 4", "4"}));
  doc::Document document;
  document.blocks.push_back(table);
  const Page page = lay_out(document)[0];
  EXPECT_EQ(count_runs(page, "Nga Sơn"), 1);
  const double first = 20 * kPointsPerMm;
  for (const Line& line : page.lines) {
    if (line.y1 != line.y2) continue;
    const bool inside_span = std::abs(line.y1 - (kTop - 2 * kRow)) < 1e-6 ||
                             std::abs(line.y1 - (kTop - 3 * kRow)) < 1e-6;
    if (inside_span) {
      EXPECT_GE(line.x1, kLeft + first - 1e-6) << line.y1;
    }
  }
  bool below_span = false;
  for (const Line& line : page.lines) {
    if (line.y1 == line.y2 && std::abs(line.y1 - (kTop - 4 * kRow)) < 1e-6 &&
        std::abs(line.x1 - kLeft) < 1e-6) {
      below_span = true;
    }
  }
  EXPECT_TRUE(below_span);
}

TEST(LayoutTable, ASpanTallerThanItsRowsMakesItsLastRowTaller) {
  doc::Table table = three_columns();
  table.rows.push_back(row_of({"1", "a|b|c|d|e|f", "1"}));
  table.rows.back().cells[1].row_span = 2;
  table.rows.push_back(row_of({"2", "^", "2"}));
  table.rows.push_back(row_of({"3", "sau", "3"}));
  doc::Document document;
  document.blocks.push_back(table);
  const Page page = lay_out(document)[0];
  // Six lines need 6 × 13 + 4 = 82 pt: the first row keeps its 17 pt, the
  // second grows to 65 pt, and row 3 starts under the span.
  const TextRun* last_line = testing::find_run(page, "f");
  const TextRun* after = testing::find_run(page, "sau");
  const TextRun* second = testing::find_run(page, "2");
  ASSERT_TRUE(last_line && after && second);
  EXPECT_NEAR(last_line->y, kTop - kRow - 2 - 5 * 13 - 10.4, 1e-6);
  EXPECT_NEAR(second->y, kTop - 2 * kRow - 2 - 10.4, 1e-6);
  EXPECT_NEAR(after->y, kTop - kRow - 82 - 2 - 10.4, 1e-6);
}

TEST(LayoutTable, ASpanContinuesAcrossThePageBreak) {
  doc::Table table = three_columns();
  for (int i = 1; i <= 40; ++i) table.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  // Four rows spanned by a cell of eight lines, starting two rows before the
  // foot of page 1 (41 rows fit under the header).
  std::string lines;
  for (int i = 1; i <= 8; ++i)
    lines += (i > 1 ? "|" : "") + std::string("nhóm") + std::to_string(i);
  table.rows.push_back(row_of({"41", lines, "1"}));
  table.rows.back().cells[1].row_span = 4;
  for (int i = 42; i <= 44; ++i) table.rows.push_back(row_of({std::to_string(i), "^", "1"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_TRUE(page_contains(pages[0], "41"));
  // Every line of the spanning cell exactly once; those that did not fit
  // in row 41 on page 1 continue under the header on page 2.
  int on_first = 0;
  for (int i = 1; i <= 8; ++i) {
    const std::string line = "nhóm" + std::to_string(i);
    EXPECT_EQ(count_runs(pages[0], line) + count_runs(pages[1], line), 1) << line;
    on_first += count_runs(pages[0], line);
  }
  EXPECT_EQ(on_first, 1);  // row 41 is 17 pt: one line
  const TextRun* continued = testing::find_run(pages[1], "nhóm2");
  ASSERT_TRUE(continued);
  EXPECT_NEAR(continued->y, kTop - kRow - 2 - 10.4, 1e-6);
  EXPECT_EQ(count_runs(pages[1], "Nội dung"), 1);
}

TEST(LayoutTable, AHeaderTallerThanHalfAPageIsNotRepeated) {
  doc::Table table = three_columns();
  std::string tall;
  for (int i = 1; i <= 30; ++i)
    tall += (i > 1 ? "|" : "") + std::string("tiêu đề ") + std::to_string(i);
  table.rows.front().cells[1].text = text_of(tall);
  for (int i = 1; i <= 40; ++i) table.rows.push_back(row_of({std::to_string(i), "x", "1"}));
  doc::Document document;
  document.blocks.push_back(table);
  const auto pages = lay_out(document);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(count_runs(pages[0], "tiêu đề 1"), 1);
  EXPECT_EQ(count_runs(pages[1], "tiêu đề 1"), 0);
  for (const Page& page : pages) {
    for (const TextRun& run : page.texts) EXPECT_GE(run.y, kBottom) << run.text;
  }
}

// Counts width measurements: how much of the table has been set so far.
class CountingFontSet : public FontSet {
 public:
  class Face : public testing::FakeFace {
   public:
    double width(std::string_view utf8, double size) const override {
      ++calls;
      return testing::FakeFace::width(utf8, size);
    }
    mutable long calls = 0;
  };
  const FontFace& face(FontStyle) const override { return face_; }
  long calls() const { return face_.calls; }

 private:
  Face face_;
};

// A sink that keeps nothing: it only notes how far the layout had got when
// each page arrived.
class StreamingSink : public PageSink {
 public:
  explicit StreamingSink(const CountingFontSet& fonts) : fonts_(fonts) {}
  void begin(const DocumentInfo&) override {}
  void add_page(Page page) override {
    ++pages;
    if (pages == 1) calls_at_first_page = fonts_.calls();
    rows_seen += static_cast<long>(page.texts.size());
  }
  void finish() override { calls_at_finish = fonts_.calls(); }

  const CountingFontSet& fonts_;
  int pages = 0;
  long calls_at_first_page = -1;
  long calls_at_finish = -1;
  long rows_seen = 0;
};

TEST(LayoutTable, PagesOfALongTableAreStreamed) {
  // Millimetre columns: nothing is measured before the rows are placed (auto
  // and fraction columns read every row once to learn their content widths,
  // which costs time but no memory).
  doc::Table table = three_columns();
  table.columns[1].width = millimetres(100);
  for (int i = 1; i <= 3000; ++i) {
    table.rows.push_back(row_of({std::to_string(i), "Nguyễn Văn A", "1.000"}));
  }
  doc::Document document;
  document.blocks.push_back(table);
  CountingFontSet fonts;
  StreamingSink sink(fonts);
  layout_document(document, fonts, PageSetup{}, sink);
  // 41 rows a page after the header.
  EXPECT_EQ(sink.pages, (3000 + 40) / 41);
  // Page 1 was handed over when only its own rows had been set.
  EXPECT_GT(sink.calls_at_first_page, 0);
  EXPECT_LT(sink.calls_at_first_page * 20, sink.calls_at_finish);
}

TEST(LayoutTable, MissingCharacterNamesTheRow) {
  doc::Table table = three_columns();
  table.columns[1].width = automatic();
  table.rows.push_back(row_of({"1", "vui", "1"}));
  table.rows.push_back(row_of({"2", "mặt cười \xF0\x9F\x98\x80", "1"}));
  table.rows.back().line = 12;
  doc::Document document;
  document.blocks.push_back(table);
  try {
    lay_out(document);
    FAIL() << "expected FontError";
  } catch (const FontError& error) {
    EXPECT_NE(std::string(error.what()).find("bảng, dòng 12"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace ocopdoc::layout
