// Unit tests for ISO date parsing and the ND 30 date forms.

#include <gtest/gtest.h>

#include <string>

#include "text/text.h"

namespace ocopdoc::text {
namespace {

void ExpectDate(const Date& d, int year, int month, int day) {
  EXPECT_EQ(d.year, year);
  EXPECT_EQ(d.month, month);
  EXPECT_EQ(d.day, day);
}

TEST(ParseIsoDate, ReadsValidDates) {
  ExpectDate(parse_iso_date("2018-05-07"), 2018, 5, 7);
  ExpectDate(parse_iso_date("2019-12-31"), 2019, 12, 31);
  ExpectDate(parse_iso_date("2019-01-01"), 2019, 1, 1);
  ExpectDate(parse_iso_date("2020-02-29"), 2020, 2, 29);  // leap year
  ExpectDate(parse_iso_date("2000-02-29"), 2000, 2, 29);  // divisible by 400
  ExpectDate(parse_iso_date("2019-04-30"), 2019, 4, 30);
  ExpectDate(parse_iso_date("0001-01-01"), 1, 1, 1);
}

TEST(ParseIsoDate, RejectsImpossibleDates) {
  EXPECT_THROW(parse_iso_date("2019-02-29"), Error);  // not a leap year
  EXPECT_THROW(parse_iso_date("1900-02-29"), Error);  // divisible by 100 only
  EXPECT_THROW(parse_iso_date("2019-02-30"), Error);
  EXPECT_THROW(parse_iso_date("2019-04-31"), Error);
  EXPECT_THROW(parse_iso_date("2019-13-01"), Error);
  EXPECT_THROW(parse_iso_date("2019-00-10"), Error);
  EXPECT_THROW(parse_iso_date("2019-01-00"), Error);
  EXPECT_THROW(parse_iso_date("2019-01-32"), Error);
  EXPECT_THROW(parse_iso_date("0000-01-01"), Error);
}

TEST(ParseIsoDate, RejectsOtherShapes) {
  for (const char* text : {"", "2018-5-7", "2018-05-7", "2018/05/07", "07/05/2018", "18-05-07",
                           "2018-05-07 ", " 2018-05-07", "2018-05-07T00:00", "2018-0a-07",
                           "+018-05-07", "2018-05--7", "20180507", "2018-05-0７"}) {
    EXPECT_THROW(parse_iso_date(text), Error) << text;
  }
}

TEST(ParseIsoDate, ExplainsTheExpectedForm) {
  try {
    parse_iso_date("2019-02-30");
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("ngày không hợp lệ: \"2019-02-30\" (cần dạng YYYY-MM-DD)"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("28 ngày"), std::string::npos) << message;
  }
  try {
    parse_iso_date("7/5/2018");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "ngày không hợp lệ: \"7/5/2018\" (cần dạng YYYY-MM-DD)");
  }
}

TEST(ParseYearMonth, ReadsAPeriod) {
  ExpectDate(parse_year_month("2019-02"), 2019, 2, 1);
  ExpectDate(parse_year_month("2018-12"), 2018, 12, 1);
  for (const char* text : {"", "2019-2", "2019-13", "2019-00", "2019-02-01", "2019/02", "02-2019",
                           "2019-0x", "0000-01"}) {
    EXPECT_THROW(parse_year_month(text), Error) << text;
  }
}

TEST(FormatMonthWord, PadsOnlyJanuaryAndFebruary) {
  EXPECT_EQ(format_month_word(1), "tháng 01");
  EXPECT_EQ(format_month_word(2), "tháng 02");
  EXPECT_EQ(format_month_word(3), "tháng 3");
  EXPECT_EQ(format_month_word(10), "tháng 10");
  EXPECT_EQ(format_month_word(12), "tháng 12");
  EXPECT_THROW(format_month_word(0), Error);
  EXPECT_THROW(format_month_word(13), Error);
}

TEST(FormatDateLong, FollowsNd30) {
  EXPECT_EQ(format_date_long({2018, 5, 7}), "ngày 07 tháng 5 năm 2018");
  EXPECT_EQ(format_date_long({2019, 2, 5}), "ngày 05 tháng 02 năm 2019");
  EXPECT_EQ(format_date_long({2019, 1, 15}), "ngày 15 tháng 01 năm 2019");
  EXPECT_EQ(format_date_long({2017, 11, 29}), "ngày 29 tháng 11 năm 2017");
  EXPECT_EQ(format_date_long({2019, 3, 10}), "ngày 10 tháng 3 năm 2019");
  EXPECT_EQ(format_date_long(parse_iso_date("2019-12-31")), "ngày 31 tháng 12 năm 2019");
  EXPECT_THROW(format_date_long({2019, 2, 30}), Error);
  EXPECT_THROW(format_date_long({}), Error);
}

TEST(FormatPeriod, WritesMonthAndYear) {
  EXPECT_EQ(format_period({2019, 2, 1}), "tháng 02 năm 2019");
  EXPECT_EQ(format_period(parse_year_month("2018-07")), "tháng 7 năm 2018");
  EXPECT_EQ(format_period({2018, 12, 1}), "tháng 12 năm 2018");
  EXPECT_THROW(format_period({2018, 13, 1}), Error);
}

TEST(FormatDateShort, PadsTheDayOnly) {
  EXPECT_EQ(format_date_short({2018, 5, 7}), "07/5/2018");
  EXPECT_EQ(format_date_short({2017, 11, 29}), "29/11/2017");
  EXPECT_EQ(format_date_short({2018, 11, 10}), "10/11/2018");
  EXPECT_EQ(format_date_short({2014, 9, 25}), "25/9/2014");
  EXPECT_THROW(format_date_short({2018, 2, 29}), Error);
}

TEST(PlaceDateLine, JoinsPlaceAndDate) {
  EXPECT_EQ(place_date_line("Thanh Hóa", {2019, 2, 5}), "Thanh Hóa, ngày 05 tháng 02 năm 2019");
  EXPECT_EQ(place_date_line("Nga Sơn", parse_iso_date("2018-05-07")),
            "Nga Sơn, ngày 07 tháng 5 năm 2018");
  EXPECT_THROW(place_date_line("", {2019, 2, 5}), Error);
  EXPECT_THROW(place_date_line("  ", {2019, 2, 5}), Error);
}

}  // namespace
}  // namespace ocopdoc::text
