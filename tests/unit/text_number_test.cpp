// Unit tests for vi_VN numbers and money.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "text/text.h"

namespace ocopdoc::text {
namespace {

TEST(FormatInteger, GroupsThousandsWithDots) {
  EXPECT_EQ(format_integer(0), "0");
  EXPECT_EQ(format_integer(7), "7");
  EXPECT_EQ(format_integer(999), "999");
  EXPECT_EQ(format_integer(1000), "1.000");
  EXPECT_EQ(format_integer(1234), "1.234");
  EXPECT_EQ(format_integer(12345), "12.345");
  EXPECT_EQ(format_integer(1234567), "1.234.567");
  EXPECT_EQ(format_integer(1000000000), "1.000.000.000");
  EXPECT_EQ(format_integer(std::numeric_limits<int64_t>::max()), "9.223.372.036.854.775.807");
}

TEST(FormatInteger, WritesNegativesWithAsciiMinus) {
  EXPECT_EQ(format_integer(-5), "-5");
  EXPECT_EQ(format_integer(-1234567), "-1.234.567");
  EXPECT_EQ(format_integer(std::numeric_limits<int64_t>::min()), "-9.223.372.036.854.775.808");
}

TEST(FormatDecimal, UsesACommaForDecimals) {
  EXPECT_EQ(format_decimal(1234567.5, 1), "1.234.567,5");
  EXPECT_EQ(format_decimal(1234567.5, 2), "1.234.567,50");
  EXPECT_EQ(format_decimal(1.0, 2), "1,00");
  EXPECT_EQ(format_decimal(0.25, 2), "0,25");
  EXPECT_EQ(format_decimal(-1234.56, 1), "-1.234,6");
  EXPECT_EQ(format_decimal(1234.0, 0), "1.234");
  EXPECT_EQ(format_decimal(98.7654, 3), "98,765");
}

TEST(FormatDecimal, RoundsHalvesAwayFromZero) {
  EXPECT_EQ(format_decimal(2.5, 0), "3");
  EXPECT_EQ(format_decimal(3.5, 0), "4");
  EXPECT_EQ(format_decimal(-2.5, 0), "-3");
  EXPECT_EQ(format_decimal(0.125, 2), "0,13");  // exactly representable
  EXPECT_EQ(format_decimal(0.375, 2), "0,38");
}

TEST(FormatDecimal, ShowsNoMinusOnAZeroResult) {
  EXPECT_EQ(format_decimal(-0.04, 1), "0,0");
  EXPECT_EQ(format_decimal(-0.0, 0), "0");
}

// What a spreadsheet shows for the full VND value under "#,##0.0,," (millions),
// "#,##0," (thousands) and "#,##0": the PDF prints the same text.
TEST(FormatScaled, ShowsAValueInThousandsMillionsOrBillions) {
  EXPECT_EQ(format_scaled(1234567890, 2, 1), "1.234,6");
  EXPECT_EQ(format_scaled(85550000000, 2, 1), "85.550,0");
  EXPECT_EQ(format_scaled(388258000, 2, 1), "388,3");
  EXPECT_EQ(format_scaled(1234567890, 1, 0), "1.234.568");
  EXPECT_EQ(format_scaled(1234567890, 0, 0), "1.234.567.890");
  EXPECT_EQ(format_scaled(1234567890, 3, 2), "1,23");
  EXPECT_EQ(format_scaled(0, 2, 1), "0,0");
  EXPECT_EQ(format_scaled(-2500000, 2, 0), "-3");
}

TEST(FormatScaled, RoundsTheDecimalValueNotItsBinaryNeighbour) {
  // 1234,55 million is exact in decimal; in binary 1234550000 / 1e6 is
  // 1234.5499999..., which would round down.
  EXPECT_EQ(format_scaled(1234550000, 2, 1), "1.234,6");
  EXPECT_EQ(format_scaled(50000, 2, 1), "0,1");
  EXPECT_EQ(format_scaled(49999, 2, 1), "0,0");
  EXPECT_EQ(format_scaled(9007199254740993.0, 2, 0), "9.007.199.255");
}

TEST(FormatScaled, RejectsBadArguments) {
  EXPECT_THROW(format_scaled(1.0, 4, 1), Error);
  EXPECT_THROW(format_scaled(1.0, -1, 1), Error);
  EXPECT_THROW(format_scaled(1.0, 2, 16), Error);
  EXPECT_THROW(format_scaled(std::nan(""), 2, 1), Error);
}

TEST(FormatDecimal, RejectsBadArguments) {
  EXPECT_THROW(format_decimal(1.0, -1), Error);
  EXPECT_THROW(format_decimal(1.0, 16), Error);
  EXPECT_THROW(format_decimal(std::nan(""), 1), Error);
  EXPECT_THROW(format_decimal(std::numeric_limits<double>::infinity(), 1), Error);
}

TEST(FormatMoney, AppendsDong) {
  EXPECT_EQ(format_money(1234567), "1.234.567 đồng");
  EXPECT_EQ(format_money(0), "0 đồng");
  EXPECT_EQ(format_money(500), "500 đồng");
  EXPECT_EQ(format_money(-250000), "-250.000 đồng");
}

TEST(FormatMillion, ScalesToMillionsOfDong) {
  EXPECT_EQ(format_million(1234567890), "1.234,6 triệu đồng");
  EXPECT_EQ(format_million(1234567890, 1), "1.234,6 triệu đồng");
  EXPECT_EQ(format_million(1234567890, 2), "1.234,57 triệu đồng");
  EXPECT_EQ(format_million(1234567890, 0), "1.235 triệu đồng");
  EXPECT_EQ(format_million(500000), "0,5 triệu đồng");
  EXPECT_EQ(format_million(0), "0,0 triệu đồng");
  EXPECT_EQ(format_million(-3200000), "-3,2 triệu đồng");
  EXPECT_EQ(format_million(1500000, 0), "2 triệu đồng");  // halves away from zero
  EXPECT_EQ(format_million(2500000, 0), "3 triệu đồng");
  EXPECT_EQ(format_million(2500001, 0), "3 triệu đồng");
}

TEST(FormatMillion, IsExactBeyondDoublePrecision) {
  // 9223372036854.775807 million: a double would have lost the last digits.
  EXPECT_EQ(format_million(std::numeric_limits<int64_t>::max(), 1),
            "9.223.372.036.854,8 triệu đồng");
  EXPECT_EQ(format_million(std::numeric_limits<int64_t>::max(), 6),
            "9.223.372.036.854,775807 triệu đồng");
  EXPECT_EQ(format_million(9007199254740993, 6), "9.007.199.254,740993 triệu đồng");
}

TEST(FormatMillion, RejectsBadDecimals) {
  EXPECT_THROW(format_million(1, -1), Error);
  EXPECT_THROW(format_million(1, 99), Error);
}

TEST(FormatNumberShort, WholeNumbersAndAtMostTwoDecimals) {
  EXPECT_EQ(format_number_short(1234), "1.234");
  EXPECT_EQ(format_number_short(12.5), "12,5");
  EXPECT_EQ(format_number_short(12.50), "12,5");
  EXPECT_EQ(format_number_short(0.125), "0,13");
  EXPECT_EQ(format_number_short(-3), "-3");
}

TEST(FirstCodePoints, CutsBetweenCharacters) {
  EXPECT_EQ(first_code_points("Dự toán", 2), "Dự");
  EXPECT_EQ(first_code_points("Dự toán", 100), "Dự toán");
  EXPECT_EQ(first_code_points("", 3), "");
  EXPECT_EQ(first_code_points("Đ", 0), "");
}

}  // namespace
}  // namespace ocopdoc::text
