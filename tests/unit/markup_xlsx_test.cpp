// Unit tests for the markup additions the spreadsheet writer uses
// (docs/markup.md, "Subtotals and totals" and "Spreadsheets"): subtotal
// levels, summed columns and what each subtotal adds up, rates, drop-down lists,
// input messages, data-entry rows, row heights and chart sheets.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doc/markup.h"
#include "doc/table_sums.h"
#include "doc/text_writer.h"

namespace ocopdoc::doc {
namespace {

// What a row adds up, as a list (empty when it adds up nothing).
std::vector<RowRange> ranges(const TableSums& sums, size_t row) {
  const RowSums* found = sums.find(row);
  return found ? found->ranges : std::vector<RowRange>{};
}

double value(const TableSums& sums, size_t row, size_t column) {
  const RowSums* found = sums.find(row);
  return found ? found->values.at(column) : 0.0;
}

std::vector<int> outline_levels(const TableSums& sums, const Table& table) {
  std::vector<int> levels;
  for (size_t r = 0; r < table.rows.size(); ++r) levels.push_back(sums.outline_level(r));
  return levels;
}

const Table& only_table(const Document& document) {
  for (const Block& block : document.blocks) {
    if (const Table* table = std::get_if<Table>(&block)) return *table;
  }
  throw std::runtime_error("no table");
}

void expect_error(std::string_view markup, int line, std::string_view part) {
  try {
    parse_markup(markup);
    ADD_FAILURE() << "no error for:\n" << markup;
  } catch (const MarkupError& error) {
    EXPECT_EQ(error.line(), line) << error.what();
    EXPECT_NE(std::string(error.what()).find(part), std::string::npos)
        << "message: " << error.what() << "\nexpected: " << part;
  }
}

// The budget shape: total on top, projects (level 1) above their sources
// (level 2) above their years.
constexpr std::string_view kBudgetAbove =
    "@bang cot=\"1cm,4*,2*,2*\" so=\",,#,##0,#,##0\" cong=\"3,4\" dong-cong=tren\n"
    "| STT | Nội dung | Dự toán | Giải ngân |\n"  // 0
    "|= | TỔNG CỘNG | 1.700 | 1.200 |\n"          // 1
    "|+1 I | Dự án 1 | 1.200 | 900 |\n"           // 2
    "|+2 1 | Ngân sách tỉnh | 700 | 700 |\n"      // 3
    "| | Năm 2019 | 700 | 700 |\n"                // 4
    "|+2 2 | Ngân sách TW | 500 | 200 |\n"        // 5
    "| | Năm 2019 | 200 | 200 |\n"                // 6
    "| | Năm 2020 | 300 | |\n"                    // 7
    "|+1 II | Dự án 2 | 500 | 300 |\n"            // 8
    "| | Năm 2020 | 500 | 300 |\n";               // 9

TEST(MarkupSubtotals, LevelsAreReadAfterThePlus) {
  const Table table = only_table(parse_markup(kBudgetAbove));
  ASSERT_EQ(table.rows.size(), 10u);
  EXPECT_EQ(table.rows[1].kind, TableRow::Kind::kTotal);
  EXPECT_EQ(table.rows[1].level, 0);
  EXPECT_EQ(table.rows[2].kind, TableRow::Kind::kSubtotal);
  EXPECT_EQ(table.rows[2].level, 1);
  EXPECT_EQ(plain_text(table.rows[2].cells[0].text), "I");
  EXPECT_EQ(table.rows[3].level, 2);
  EXPECT_EQ(plain_text(table.rows[3].cells[0].text), "1");
  EXPECT_EQ(table.rows[4].level, 0);
  EXPECT_TRUE(table.subtotals_above);
  EXPECT_FALSE(table.columns[1].summed);
  EXPECT_TRUE(table.columns[2].summed);
  EXPECT_TRUE(table.columns[3].summed);
}

TEST(MarkupSubtotals, PlainPlusIsLevelOneAndDigitsNeedASpace) {
  const Table table = only_table(
      parse_markup("@bang tieu-de=0\n|+ Cộng | 1 |\n|+12 | 2 |\n|+3| 3 |\n|+8 x | 4 |\n"));
  EXPECT_EQ(table.rows[0].level, 1);
  EXPECT_EQ(plain_text(table.rows[0].cells[0].text), "Cộng");
  EXPECT_EQ(table.rows[1].level, 1);
  EXPECT_EQ(plain_text(table.rows[1].cells[0].text), "12");
  EXPECT_EQ(table.rows[2].level, 3);
  EXPECT_EQ(plain_text(table.rows[2].cells[0].text), "");
  EXPECT_EQ(table.rows[3].level, 1);  // 8 is not a level
  EXPECT_EQ(plain_text(table.rows[3].cells[0].text), "8 x");
}

TEST(MarkupSubtotals, RangesWithSubtotalsAbove) {
  const Table table = only_table(parse_markup(kBudgetAbove));
  const TableSums sums = compute_table_sums(table);
  EXPECT_EQ(ranges(sums, 1), (std::vector<RowRange>{{2, 9}}));
  EXPECT_EQ(ranges(sums, 2), (std::vector<RowRange>{{3, 7}}));
  EXPECT_EQ(ranges(sums, 3), (std::vector<RowRange>{{4, 4}}));
  EXPECT_EQ(ranges(sums, 5), (std::vector<RowRange>{{6, 7}}));
  EXPECT_EQ(ranges(sums, 8), (std::vector<RowRange>{{9, 9}}));
  EXPECT_TRUE(ranges(sums, 4).empty());
  EXPECT_EQ(outline_levels(sums, table), (std::vector<int>{0, 0, 0, 1, 2, 1, 2, 2, 0, 1}));
  EXPECT_DOUBLE_EQ(value(sums, 1, 2), 1700);
  EXPECT_DOUBLE_EQ(value(sums, 1, 3), 1200);
  EXPECT_DOUBLE_EQ(value(sums, 2, 2), 1200);
  EXPECT_DOUBLE_EQ(value(sums, 5, 3), 200);  // the empty cell counts as nothing
  EXPECT_DOUBLE_EQ(value(sums, 1, 1), 0);    // not a summed column
  EXPECT_TRUE((sums.find(4) == nullptr));
}

TEST(MarkupSubtotals, RangesWithSubtotalsBelowAndTotalAtTheEnd) {
  const Table table =
      only_table(parse_markup("@bang cong=2\n"
                              "| Nội dung | Tiền |\n"     // 0
                              "| a | 1 |\n"               // 1
                              "| b | 2 |\n"               // 2
                              "|+2 Cộng nhóm 1 | 3 |\n"   // 3
                              "| c | 4 |\n"               // 4
                              "|+2 Cộng nhóm 2 | 4 |\n"   // 5
                              "|+1 Cộng A | 7 |\n"        // 6
                              "| d | 10 |\n"              // 7
                              "|+1 Cộng B | 10 |\n"       // 8
                              "|= Tổng cộng | 17 |\n"));  // 9
  const TableSums sums = compute_table_sums(table);
  EXPECT_EQ(ranges(sums, 3), (std::vector<RowRange>{{1, 2}}));
  EXPECT_EQ(ranges(sums, 5), (std::vector<RowRange>{{4, 4}}));
  EXPECT_EQ(ranges(sums, 6), (std::vector<RowRange>{{1, 5}}));
  EXPECT_EQ(ranges(sums, 8), (std::vector<RowRange>{{7, 7}}));
  EXPECT_EQ(ranges(sums, 9), (std::vector<RowRange>{{1, 8}}));
  EXPECT_EQ(outline_levels(sums, table), (std::vector<int>{0, 2, 2, 1, 2, 1, 0, 1, 0, 0}));
  EXPECT_DOUBLE_EQ(value(sums, 9, 1), 17);
}

TEST(MarkupSubtotals, EachTotalAddsUpItsOwnSection) {
  const Table table = only_table(parse_markup(
      "@bang cong=2 tieu-de=0\n| a | 1 |\n|= A | 1 |\n| b | 2 |\n| c | 3 |\n|= B | 5 |\n"));
  const TableSums sums = compute_table_sums(table);
  EXPECT_EQ(ranges(sums, 1), (std::vector<RowRange>{{0, 0}}));
  EXPECT_EQ(ranges(sums, 4), (std::vector<RowRange>{{2, 3}}));
}

TEST(MarkupSubtotals, TotalOnTopAddsUpTheRowsBelow) {
  const Table table =
      only_table(parse_markup("@bang cong=2\n| a | b |\n|= T | 3 |\n| x | 1 |\n| y | 2 |\n"));
  const TableSums sums = compute_table_sums(table);
  EXPECT_EQ(ranges(sums, 1), (std::vector<RowRange>{{2, 3}}));
  EXPECT_DOUBLE_EQ(value(sums, 1, 1), 3);
}

TEST(MarkupSubtotals, TotalInTheMiddleAddsUpTheRowsAbove) {
  const Table table =
      only_table(parse_markup("@bang cong=2\n| a | b |\n| x | 1 |\n|= T | 1 |\n| y | 2 |\n"));
  const TableSums sums = compute_table_sums(table);
  EXPECT_EQ(ranges(sums, 2), (std::vector<RowRange>{{1, 1}}));
  EXPECT_DOUBLE_EQ(value(sums, 2, 1), 1);
}

TEST(MarkupSubtotals, EmptyGroupAddsUpNothing) {
  const Table table = only_table(
      parse_markup("@bang cong=2 dong-cong=tren\n| a | b |\n|+ A | |\n|+ B | 1 |\n| x | 1 |\n"));
  const TableSums sums = compute_table_sums(table);
  EXPECT_TRUE(ranges(sums, 1).empty());
  EXPECT_EQ(ranges(sums, 2), (std::vector<RowRange>{{3, 3}}));
}

TEST(MarkupSubtotals, WrongWrittenSumIsAnErrorAtItsLine) {
  expect_error("@bang cong=\"2\"\n| a | b |\n| x | 1.000 |\n| y | 2.000 |\n|= Tổng | 3.001 |\n", 5,
               "cộng lại được 3.000");
  expect_error("@bang cong=2 dong-cong=tren\n| a | b |\n|+ Nhóm | 5 |\n| x | 1 |\n| y | 2 |\n", 3,
               "nhóm cấp 1, các dòng bên dưới");
  expect_error("@bang cong=2\n| a | b |\n| x | 1 |\n|= Tổng | ba |\n", 4, "phải là số");
}

TEST(MarkupSubtotals, WrittenSumsMayBeRoundedAsWritten) {
  // 1,25 + 1,25 = 2,5: written with one decimal, "2,5" is right; so is an
  // empty cell, which the spreadsheet fills with its formula.
  EXPECT_NO_THROW(
      parse_markup("@bang cong=2\n| a | b |\n| x | 1,25 |\n| y | 1,25 |\n|= T | 2,5 |\n"));
  EXPECT_NO_THROW(
      parse_markup("@bang cong=2\n| a | b |\n| x | 1,24 |\n| y | 1,24 |\n|= T | 2,5 |\n"));
  EXPECT_NO_THROW(parse_markup("@bang cong=2\n| a | b |\n| x | 1 |\n|= T | |\n"));
  // Without cong= the parser does not check sums (the text writer prints
  // what is written, as before).
  EXPECT_NO_THROW(parse_markup("@bang\n| a | b |\n| x | 1 |\n|= T | 9 |\n"));
}

TEST(MarkupSubtotals, TheDocumentedExampleParses) {
  const Table table = only_table(parse_markup(
      "@bang cot=\"1.5cm,8*,3*,3*\" canh=\"giua,trai,phai,phai\" so=\",,#,##0,#,##0\" cong=\"3,4\" "
      "dong-cong=tren\n"
      "| STT | Nội dung | Dự toán | Giải ngân |\n"
      "|= | TỔNG CỘNG | 1.700 | 1.200 |\n"
      "|+1 I | Dự án 1 | 1.700 | 1.200 |\n"
      "|+2 1 | Ngân sách tỉnh | 1.700 | 1.200 |\n"
      "| | Năm 2019 | 700 | 700 |\n"
      "| | Năm 2020 | 1.000 | 500 |\n"));
  EXPECT_EQ(outline_levels(compute_table_sums(table), table), (std::vector<int>{0, 0, 0, 1, 2, 2}));
}

TEST(MarkupSubtotals, BadAttributes) {
  expect_error("@bang cong=5\n| a | b |\n", 1, "không phải số thứ tự cột (từ 1 đến 2)");
  expect_error("@bang cong=\"1,x\"\n| a | b |\n", 1, "“x”");
  expect_error("@bang dong-cong=giua\n| a | b |\n", 1, "dong-cong=giua không hợp lệ");
}

TEST(MarkupSubtotals, TextWriterStillPrintsTheRows) {
  const std::string text = write_text(parse_markup(kBudgetAbove));
  EXPECT_NE(text.find("TỔNG CỘNG"), std::string::npos);
  EXPECT_NE(text.find("Ngân sách TW"), std::string::npos);
  EXPECT_NE(text.find("1.700"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Rates (ty-le=)

constexpr std::string_view kRates =
    "@bang cong=\"2,3\" ty-le=\"4=3/2\"\n"
    "| Dự án | Dự toán | Giải ngân | Tỷ lệ (%) |\n"  // 0
    "| A | 1.000 | 853 | 85,3 |\n"                   // 1
    "| B | 3 | 1 | 33,33 |\n"                        // 2
    "| C | 0 | 5 | - |\n"                            // 3
    "| D | | | |\n"                                  // 4
    "|= Tổng | | | 85,6 |\n";                        // 5

TEST(MarkupRates, ColumnsNameTheirOperands) {
  const Table table = only_table(parse_markup(kRates));
  EXPECT_FALSE(table.columns[2].rate);
  ASSERT_TRUE(table.columns[3].rate);
  EXPECT_EQ(*table.columns[3].rate, (TableColumn::RateOf{2, 1}));
}

TEST(MarkupRates, EachRowHasTheRateOfItsOwnCells) {
  const Table table = only_table(parse_markup(kRates));
  const TableSums sums = compute_table_sums(table);
  using State = RowRate::State;
  const auto rate = [&](size_t r) {
    return row_rate(table.columns, table.rows[r], 3, sums.find(r));
  };
  EXPECT_EQ(rate(1).state, State::kValue);
  EXPECT_DOUBLE_EQ(rate(1).value, 85.3);
  EXPECT_DOUBLE_EQ(rate(2).value, 100.0 / 3);
  EXPECT_EQ(rate(3).state, State::kNoDivisor);
  EXPECT_EQ(rate(4).state, State::kNoDivisor);  // empty cells are 0, as in a spreadsheet
  // The total's rate is that of its sums (859 / 1.003), not a sum of rates,
  // though its own cells are empty.
  EXPECT_EQ(rate(5).state, State::kValue);
  EXPECT_DOUBLE_EQ(rate(5).value, 100.0 * 859 / 1003);
}

TEST(MarkupRates, TextInAnOperandLeavesTheRateAsWritten) {
  // A target written as a range ("10 - 15") has no single rate: the cell is
  // the template's, neither checked nor a formula.
  const Table table = only_table(
      parse_markup("@bang ty-le=\"3=2/1\"\n| Chỉ tiêu | Đạt | % |\n| 10 - 15 | 12 | 120 |\n"));
  EXPECT_EQ(row_rate(table.columns, table.rows[1], 2, nullptr).state, RowRate::State::kUnknown);
}

TEST(MarkupRates, WrittenRatesAreCheckedAtTheirPrecision) {
  // 853 / 1.000 = 85,3 %; "85" is right at no decimals, "85,4" is not.
  EXPECT_NO_THROW(parse_markup("@bang ty-le=\"3=2/1\"\n| a | b | c |\n| 1.000 | 853 | 85 |\n"));
  EXPECT_NO_THROW(parse_markup("@bang ty-le=\"3=2/1\"\n| a | b | c |\n| 1.000 | 853 | 85,30 |\n"));
  expect_error("@bang ty-le=\"3=2/1\"\n| a | b | c |\n| 1.000 | 853 | 85,4 |\n", 3,
               "ghi “85,4” nhưng tỷ lệ của dòng là 85,3");
  // Halves round away from zero: 1 / 8 = 12,5 % is "13" at no decimals.
  EXPECT_NO_THROW(parse_markup("@bang ty-le=\"3=2/1\"\n| a | b | c |\n| 8 | 1 | 13 |\n"));
  // A rate that can be computed must be written: the spreadsheet shows it.
  expect_error("@bang ty-le=\"3=2/1\"\n| a | b | c |\n| 4 | 1 | - |\n", 3,
               "ghi “-” nhưng tỷ lệ của dòng là 25,0");
  expect_error("@bang ty-le=\"3=2/1\"\n| a | b | c |\n| 4 | 1 | |\n", 3, "để trống");
  // Without a divisor, no number.
  expect_error("@bang ty-le=\"3=2/1\"\n| a | b | c |\n| 0 | 1 | 0 |\n", 3,
               "số chia ở cột 1 bằng 0 hoặc để trống");
  // A total's rate is checked against its sums, once they are known.
  expect_error(
      "@bang cong=\"1,2\" ty-le=\"3=2/1\"\n| a | b | c |\n| 4 | 1 | 25 |\n"
      "| 4 | 3 | 75 |\n|= | | 100 |\n",
      5, "tỷ lệ của dòng là 50");
}

TEST(MarkupRates, TheDocumentedExampleParses) {
  EXPECT_NO_THROW(parse_markup(
      "@bang cot=\"1.6cm,5*,3*,3*,1.6cm\" so=\",,dong,dong,0.0\" cong=\"3,4\" ty-le=\"5=4/3\"\n"
      "| Mã | Dự án thành phần | Dự toán (đồng) | Giải ngân (đồng) | Tỷ lệ (%) |\n"
      "| DA01 | Tuyên truyền | 2.000.000.000 | 1.810.774.000 | 90,5 |\n"
      "| DA06 | Trung tâm thiết kế | 0 | 0 | - |\n"
      "|= Tổng cộng | < | 2.000.000.000 | 1.810.774.000 | 90,5 |\n"));
}

TEST(MarkupRates, BadAttributes) {
  expect_error("@bang ty-le=\"3\"\n| a | b | c |\n", 1, "không đúng dạng cột=cột/cột");
  expect_error("@bang ty-le=\"3=2:1\"\n| a | b | c |\n", 1, "không đúng dạng");
  expect_error("@bang ty-le=\"4=2/1\"\n| a | b | c |\n", 1, "số cột 4 ngoài bảng");
  expect_error("@bang ty-le=\"3=3/1\"\n| a | b | c |\n", 1, "của chính nó");
  expect_error("@bang ty-le=\"3=2/1,3=1/2\"\n| a | b | c |\n", 1, "đã có tỷ lệ");
  expect_error("@bang cong=3 ty-le=\"3=2/1\"\n| a | b | c |\n", 1, "không cộng được");
  expect_error("@bang ty-le=\"3=2/1,4=3/1\"\n| a | b | c | d |\n", 1, "cũng là một cột tỷ lệ");
}

// ---------------------------------------------------------------------------
// Data-entry attributes and lists

TEST(MarkupDataEntry, ColumnsNameListsMessagesAndInputRows) {
  const Document document = parse_markup(
      "@bang tieu-de=2 dong-nhap=300 chon=\",xa,\" goi-y=\"Mã do huyện đặt | | Năm sinh, 4 chữ "
      "số\" "
      "cao-dong=9mm\n"
      "| Mã | Xã | Năm sinh |\n"
      "| ma | ma\\_don\\_vi | nam\\_sinh |\n"
      "\n"
      "@danh-sach ten=xa tieu-de=\"Xã, phường\"\n"
      "16093 - Thị trấn Nga Sơn\n"
      "16096 - Xã \\*Ba\\* Đình\n");
  const Table& table = only_table(document);
  EXPECT_EQ(table.input_rows, 300);
  EXPECT_DOUBLE_EQ(table.min_row_height_mm, 9);
  EXPECT_EQ(table.columns[0].choice_list, "");
  EXPECT_EQ(table.columns[1].choice_list, "xa");
  EXPECT_EQ(table.columns[0].input_message, "Mã do huyện đặt");
  EXPECT_EQ(table.columns[1].input_message, "");
  EXPECT_EQ(table.columns[2].input_message, "Năm sinh, 4 chữ số");
  EXPECT_EQ(plain_text(table.rows[1].cells[1].text), "ma_don_vi");
  ASSERT_EQ(document.choice_lists.size(), 1u);
  const ChoiceList& list = document.choice_lists.front();
  EXPECT_EQ(list.name, "xa");
  EXPECT_EQ(list.title, "Xã, phường");
  EXPECT_EQ(list.items,
            (std::vector<std::string>{"16093 - Thị trấn Nga Sơn", "16096 - Xã *Ba* Đình"}));
  EXPECT_EQ(list.line, 5);
}

TEST(MarkupDataEntry, ListMayComeAfterTheTableAndMayBeEmpty) {
  const Document document =
      parse_markup("@bang chon=\"a,\"\n| x | y |\n\n@danh-sach ten=a\n\ndoạn văn\n");
  ASSERT_EQ(document.choice_lists.size(), 1u);
  EXPECT_TRUE(document.choice_lists.front().items.empty());
  EXPECT_EQ(document.blocks.size(), 2u);  // the list is not a block
}

TEST(MarkupDataEntry, LongVietnameseItemsStayWhole) {
  std::string item;
  while (item.size() < 700) item += "Hợp tác xã dịch vụ nông nghiệp Quảng Tâm ";
  while (item.back() == ' ') item.pop_back();
  const Document document = parse_markup("@danh-sach ten=dai\n" + item + "\n");
  EXPECT_EQ(document.choice_lists.front().items.front(), item);
}

TEST(MarkupDataEntry, Errors) {
  expect_error("@bang chon=\"xa\"\n| a | b |\n", 1, "chon có 1 giá trị, bảng có 2 cột");
  expect_error("@bang chon=\"Xã,\"\n| a | b |\n", 1, "không phải tên danh sách");
  expect_error("đoạn\n\n@bang chon=\",khong_co\"\n| a | b |\n", 3,
               "không có @danh-sach ten=khong_co");
  expect_error("@bang goi-y=\"a | b | c\"\n| a | b |\n", 1, "goi-y có 3 giá trị");
  expect_error("@bang dong-nhap=0\n| a |\n", 1, "dong-nhap=0 không hợp lệ");
  expect_error("@bang dong-nhap=100001\n| a |\n", 1, "từ 1 đến 100000");
  expect_error("@bang cao-dong=3*\n| a |\n", 1, "cao-dong=3* không hợp lệ");
  expect_error("@danh-sach\nx\n", 1, "cần ten=");
  expect_error("@danh-sach ten=Xa\nx\n", 1, "cần ten=");
  expect_error("@danh-sach ten=a\nx\n\n@danh-sach ten=a\ny\n", 4,
               "đã có @danh-sach ten=a ở dòng 1");
  expect_error("@danh-sach ten=a khac=1\nx\n", 1, "không có thuộc tính “khac”");
  expect_error("@danh-sach ten=a\n**đậm** ^[chú thích]\n", 2, "chú thích");
}

TEST(MarkupDataEntry, ChartsNameTheirSheet) {
  const Document document =
      parse_markup("@bieu-do trang-tinh=\"Biểu đồ\"\n| Hạng | Số |\n| 3 sao | 2 |\n");
  const Chart& chart = std::get<Chart>(document.blocks.front());
  EXPECT_EQ(chart.sheet, "Biểu đồ");
}

TEST(MarkupDataEntry, TextWriterIgnoresSpreadsheetOnlyParts) {
  const std::string with = write_text(parse_markup(
      "@bang dong-nhap=5 chon=\"a,\" goi-y=\"x | y\"\n| a | b |\n\n@danh-sach ten=a\nmục một\n"));
  const std::string without = write_text(parse_markup("@bang\n| a | b |\n"));
  EXPECT_EQ(with, without);
}

}  // namespace
}  // namespace ocopdoc::doc
