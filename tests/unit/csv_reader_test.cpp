#include "data/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace ocopdoc::data {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text, CsvLimits limits = {}) {
  std::istringstream in(text);
  CsvReader reader(in, limits);
  std::vector<std::vector<std::string>> rows;
  std::vector<CsvField> record;
  while (reader.next(record)) {
    std::vector<std::string> row;
    for (const CsvField& field : record) row.push_back(field.value);
    rows.push_back(row);
  }
  return rows;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, PlainRowsWithLfAndCrlf) {
  EXPECT_EQ(read_all("a,b\n1,2\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_all("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_all("a,b\r\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, SkipsBomAndEmptyLines) {
  EXPECT_EQ(read_all("\xEF\xBB\xBFma,ten\n\n38,Thanh Hóa\n\n"),
            (Rows{{"ma", "ten"}, {"38", "Thanh Hóa"}}));
}

TEST(CsvReader, QuotedFieldsWithCommasQuotesAndNewlines) {
  EXPECT_EQ(read_all("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"line1\r\nline2\",z\n"),
            (Rows{{"a", "b"}, {"x, y", "say \"hi\""}, {"line1\nline2", "z"}}));
}

TEST(CsvReader, EmptyFieldsAreKept) {
  EXPECT_EQ(read_all("a,b,c\n,,\n"), (Rows{{"a", "b", "c"}, {"", "", ""}}));
}

TEST(CsvReader, ReportsLineOfEachFieldAcrossMultilineRecords) {
  std::istringstream in("h1,h2\n\"a\nb\",c\nd,e\n");
  CsvReader reader(in);
  std::vector<CsvField> record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(reader.record_line(), 2u);
  EXPECT_EQ(record[0].line, 2u);
  EXPECT_EQ(record[1].line, 3u);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(reader.record_line(), 4u);
  EXPECT_EQ(record[0].byte_offset, std::string("h1,h2\n\"a\nb\",c\n").size());
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineItOpened) {
  std::istringstream in("a,b\n1,\"open\n2,3\n");
  CsvReader reader(in);
  std::vector<CsvField> record;
  ASSERT_TRUE(reader.next(record));
  try {
    reader.next(record);
    FAIL() << "expected a syntax error";
  } catch (const CsvSyntaxError& error) {
    EXPECT_EQ(error.line(), 2u);
    EXPECT_EQ(error.column(), 2u);
    EXPECT_NE(std::string(error.what()).find("ngoặc kép"), std::string::npos);
  }
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsAnError) {
  EXPECT_THROW(read_all("a\nab\"c\n"), CsvSyntaxError);
  EXPECT_THROW(read_all("a\n\"ab\"c\n"), CsvSyntaxError);
}

TEST(CsvReader, LimitsGiveMessagesNotCrashes) {
  CsvLimits limits;
  limits.max_field_bytes = 8;
  limits.max_fields = 3;
  EXPECT_THROW(read_all("123456789\n", limits), CsvSyntaxError);
  EXPECT_THROW(read_all("a,b,c,d\n", limits), CsvSyntaxError);
  EXPECT_NO_THROW(read_all("12345678,b,c\n", limits));
}

}  // namespace
}  // namespace ocopdoc::data
