// Unit tests for PrintedPages: where a sheet's printed pages end, counted the
// way Excel and LibreOffice fill them (a row that does not fit starts the
// next page), so that the writer can keep a chart on one page.

#include <gtest/gtest.h>

#include <vector>

#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {
namespace {

TEST(PrintedPages, RowsOfTheDefaultHeightFillPagesWhole) {
  PrintedPages pages(100, 10);
  EXPECT_EQ(pages.used_above(0), 0);
  EXPECT_EQ(pages.used_above(5), 50);
  EXPECT_EQ(pages.used_above(10), 0);  // ten rows fill the first page exactly
  EXPECT_EQ(pages.used_above(12), 20);
  EXPECT_EQ(pages.used_above(1'000'003), 30);
  EXPECT_TRUE(pages.breaks().empty());
}

TEST(PrintedPages, ARowThatDoesNotFitStartsThePage) {
  PrintedPages pages(100, 10);
  pages.set_height(3, 75);  // 30 above it: 105 would cross the end
  pages.set_height(4, 20);
  EXPECT_EQ(pages.used_above(3), 30);
  EXPECT_EQ(pages.used_above(4), 75);
  EXPECT_EQ(pages.used_above(5), 95);
  EXPECT_EQ(pages.used_above(6), 10);  // row 5 did not fit either
}

TEST(PrintedPages, ARowTallerThanAPageStaysAloneOnItsPage) {
  PrintedPages pages(100, 10);
  pages.set_height(0, 250);
  EXPECT_EQ(pages.used_above(1), 0);
  EXPECT_EQ(pages.used_above(2), 10);
}

TEST(PrintedPages, AManualBreakStartsAPageOnlyWhereOneIsNotStartingAnyway) {
  PrintedPages pages(100, 10);
  pages.break_before(4);
  EXPECT_EQ(pages.used_above(4), 0);
  EXPECT_EQ(pages.used_above(7), 30);
  pages.break_before(14);  // rows 4-13 fill the page: no break needed
  EXPECT_EQ(pages.breaks(), std::vector<std::uint32_t>{4});
}

// Heights of many rows are counted into pages as they pile up, and the count
// is the same as when they are counted at the end.
TEST(PrintedPages, ManyTallRowsAreCountedAsTheyCome) {
  PrintedPages counted_late(1000, 10);
  PrintedPages counted_often(1000, 10);
  for (std::uint32_t row = 0; row < 20'000; ++row) {
    const double height = 10 + row % 7;
    counted_late.set_height(row, height);
    counted_often.set_height(row, height);
    if (row % 1000 == 0) counted_often.used_above(row);
  }
  EXPECT_EQ(counted_late.used_above(20'000), counted_often.used_above(20'000));
  EXPECT_GT(counted_late.used_above(20'000), 0);
}

}  // namespace
}  // namespace ocopdoc::xlsx::detail
