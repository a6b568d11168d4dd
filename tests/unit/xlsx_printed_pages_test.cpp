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

// The same pages as counting row by row, for 30,000 rows of mixed heights
// (more than the heights kept before they are counted) with manual breaks,
// asked for at a few rows along the way.
TEST(PrintedPages, MatchesCountingRowByRow) {
  constexpr double kPage = 700;
  constexpr double kDefault = 15.75;
  PrintedPages pages(kPage, kDefault);
  double used = 0;  // row by row: what the rows so far take of their page
  const auto naive_add = [&](double height) {
    used = used > 0 && used + height > kPage + 1e-9 ? height : used + height;
  };
  unsigned state = 12345;
  const auto next_random = [&] { return state = state * 1103515245u + 12345u; };
  for (std::uint32_t row = 0; row < 30'000; ++row) {
    const unsigned r = next_random() >> 16;
    if (r % 997 == 0) {
      const double expected = used >= kPage - 1e-9 ? 0 : used;
      ASSERT_DOUBLE_EQ(pages.used_above(row), expected) << row;
    }
    if (r % 1499 == 0) {
      pages.break_before(row);
      used = 0;
    }
    double height = kDefault;
    if (r % 3 == 0) height = 15.75 * (1 + r % 5);
    if (r % 4001 == 0) height = 900;  // taller than a page
    if (height != kDefault) pages.set_height(row, height);
    naive_add(height);
  }
  EXPECT_DOUBLE_EQ(pages.used_above(30'000), used >= kPage - 1e-9 ? 0 : used);
  EXPECT_FALSE(pages.breaks().empty());
}

}  // namespace
}  // namespace ocopdoc::xlsx::detail
