// Reading workbooks back: cells as the importer sees them, from workbooks
// written by libxlsxwriter (the way Excel writes: shared strings, styles) and
// from hand-made archives for what libxlsxwriter never writes (namespace
// prefixes, the 1904 date system, rich text with phonetic hints) and for
// broken or hostile files.

#include "data/xlsx_reader.h"

#include <unistd.h>

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ocopdoc::data {
namespace {

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ocopdoc-xlsx-reader-" + std::to_string(::getpid()) + "-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Every row of sheet `index`, each as "row: A=text B=text ...".
  static std::vector<std::string> rows_of(const XlsxWorkbook& workbook, size_t index) {
    std::vector<std::string> rows;
    auto reader = workbook.read_sheet(index);
    XlsxRow row;
    while (reader->next(row)) {
      std::string line = std::to_string(row.number) + ":";
      for (const XlsxCell& cell : row.cells)
        line += " " + column_letters(cell.column) +
                (cell.kind == XlsxCell::Kind::kErrorValue            ? "!"
                 : cell.kind == XlsxCell::Kind::kFormulaWithoutValue ? "?"
                                                                     : "=") +
                cell.text;
      rows.push_back(line);
    }
    return rows;
  }

  // A zip archive with the given parts, for hand-made workbooks.
  void write_zip(const std::string& file, const std::map<std::string, std::string>& parts) {
    int error = 0;
    zip_t* archive = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(archive, nullptr);
    for (const auto& [name, content] : parts) {
      zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
      ASSERT_NE(source, nullptr);
      ASSERT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
    }
    ASSERT_EQ(zip_close(archive), 0);
  }

  // A one-sheet workbook whose sheet part is `sheet_xml`, whose workbook part
  // says `workbook_pr`, with the shared strings `shared` and cell formats
  // 1, 2, ... showing the built-in number formats `number_formats`.
  void write_minimal(const std::string& file, const std::string& sheet_xml,
                     const std::string& workbook_pr = "", const std::string& shared = "",
                     const std::vector<int>& number_formats = {}) {
    std::string cell_formats = "<xf numFmtId=\"0\"/>";
    for (int id : number_formats) cell_formats += "<xf numFmtId=\"" + std::to_string(id) + "\"/>";
    std::map<std::string, std::string> parts = {
        {"_rels/.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
         "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
         "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
         "Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml",
         "<?xml version=\"1.0\"?><x:workbook xmlns:x=\"http://schemas.openxmlformats.org/"
         "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
         "officeDocument/2006/relationships\">" +
             workbook_pr +
             "<x:sheets><x:sheet name=\"Học viên\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets>"
             "</x:workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
         "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
         "schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
         "Target=\"/xl/worksheets/../worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
         "sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
         "Target=\"styles.xml\"/></Relationships>"},
        {"xl/styles.xml",
         "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/"
         "spreadsheetml/2006/main\"><cellXfs>" +
             cell_formats + "</cellXfs></styleSheet>"},
        {"xl/worksheets/sheet1.xml", sheet_xml},
        {"xl/sharedStrings.xml",
         "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
         "2006/main\">" +
             shared + "</sst>"},
    };
    write_zip(file, parts);
  }

  static std::string sheet(const std::string& rows) {
    return "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/"
           "spreadsheetml/2006/main\"><x:sheetData>" +
           rows + "</x:sheetData></x:worksheet>";
  }

  std::filesystem::path dir_;
};

TEST(XlsxColumnLetters, AreExcelsNames) {
  EXPECT_EQ(column_letters(1), "A");
  EXPECT_EQ(column_letters(26), "Z");
  EXPECT_EQ(column_letters(27), "AA");
  EXPECT_EQ(column_letters(52), "AZ");
  EXPECT_EQ(column_letters(703), "AAA");
  EXPECT_EQ(column_letters(16384), "XFD");
}

TEST_F(XlsxReaderTest, CellsOfAWorkbookAsExcelWritesIt) {
  const std::string file = path("du-lieu.xlsx");
  lxw_workbook* workbook = workbook_new(file.c_str());
  lxw_worksheet* products = workbook_add_worksheet(workbook, "Sản phẩm");
  lxw_worksheet* lists = workbook_add_worksheet(workbook, "Danh sách");
  worksheet_hide(lists);
  lxw_format* day = workbook_add_format(workbook);
  format_set_num_format(day, "dd/mm/yyyy");
  lxw_format* builtin_day = workbook_add_format(workbook);
  format_set_num_format_index(builtin_day, 14);
  lxw_format* day_and_time = workbook_add_format(workbook);
  format_set_num_format(day_and_time, "dd/mm/yyyy hh:mm");
  lxw_format* month = workbook_add_format(workbook);
  format_set_num_format(month, "mm/yyyy");
  lxw_format* money = workbook_add_format(workbook);
  format_set_num_format(money, "#,##0 \"đồng\";[Red]-#,##0");
  lxw_format* boxed = workbook_add_format(workbook);
  format_set_border(boxed, LXW_BORDER_THIN);

  worksheet_write_string(products, 0, 0, "ma", nullptr);
  worksheet_write_string(products, 0, 1, "ten", nullptr);
  worksheet_write_string(products, 2, 0, "SP001", nullptr);
  worksheet_write_string(products, 2, 1, "Nem chua Thanh Hóa – đặc sản", nullptr);
  worksheet_write_number(products, 2, 2, 1980, nullptr);
  worksheet_write_number(products, 2, 3, 2.5, nullptr);
  worksheet_write_number(products, 2, 4, 1500000, money);
  lxw_datetime june = {2019, 6, 30, 0, 0, 0};
  worksheet_write_datetime(products, 2, 5, &june, day);
  worksheet_write_number(products, 2, 6, 43646, builtin_day);  // 2019-06-30
  lxw_datetime afternoon = {2019, 6, 30, 14, 30, 0};
  worksheet_write_datetime(products, 2, 7, &afternoon, day_and_time);
  worksheet_write_formula_num(products, 2, 8, "=C3+1", nullptr, 1981);
  worksheet_write_formula_str(products, 2, 9, "=\"A\"&\"B\"", nullptr, "AB");
  worksheet_write_boolean(products, 2, 10, 1, nullptr);
  worksheet_write_datetime(products, 2, 11, &june, month);
  worksheet_write_blank(products, 3, 0, boxed);  // a formatted input row: nothing
  worksheet_write_string(products, 4, 26, "AA", nullptr);
  worksheet_write_string(lists, 0, 0, "401 - Huyện Nga Sơn", nullptr);
  lxw_chartsheet* chart_sheet = workbook_add_chartsheet(workbook, "Biểu đồ");
  lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_COLUMN);
  chart_add_series(chart, nullptr, "='Sản phẩm'!$C$3:$C$3");
  chartsheet_set_chart(chart_sheet, chart);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  XlsxWorkbook read(file);
  // The chart sheet holds no cells and is not listed.
  ASSERT_EQ(read.sheets().size(), 2u);
  EXPECT_EQ(read.sheets()[0].name, "Sản phẩm");
  EXPECT_FALSE(read.sheets()[0].hidden);
  EXPECT_EQ(read.sheets()[1].name, "Danh sách");
  EXPECT_TRUE(read.sheets()[1].hidden);
  EXPECT_EQ(rows_of(read, 0),
            (std::vector<std::string>{
                "1: A=ma B=ten",
                "3: A=SP001 B=Nem chua Thanh Hóa – đặc sản C=1980 D=2.5 E=1500000 F=2019-06-30 "
                "G=2019-06-30 H=2019-06-30 14:30:00 I=1981 J=AB K=TRUE L=2019-06",
                "5: AA=AA"}));
  EXPECT_EQ(rows_of(read, 1), std::vector<std::string>{"1: A=401 - Huyện Nga Sơn"});
}

TEST_F(XlsxReaderTest, InlineStringsOfAConstantMemoryWorkbook) {
  const std::string file = path("lon.xlsx");
  lxw_workbook_options options = {LXW_TRUE, nullptr, LXW_FALSE};
  lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "hoc_vien");
  for (lxw_row_t row = 0; row < 3000; ++row) {
    worksheet_write_string(sheet, row, 0, ("Lê Thị Thử " + std::to_string(row)).c_str(), nullptr);
    worksheet_write_number(sheet, row, 1, 1985, nullptr);
  }
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  XlsxWorkbook read(file);
  const std::vector<std::string> rows = rows_of(read, 0);
  ASSERT_EQ(rows.size(), 3000u);
  EXPECT_EQ(rows.front(), "1: A=Lê Thị Thử 0 B=1985");
  EXPECT_EQ(rows.back(), "3000: A=Lê Thị Thử 2999 B=1985");
}

TEST_F(XlsxReaderTest, WhatLibxlsxwriterNeverWrites) {
  // Namespace prefixes, cells and rows without references, rich text whose
  // phonetic hint is not part of the text, ISO dates, error values, a shared
  // string made of runs.
  const std::string file = path("tay.xlsx");
  write_minimal(file,
                sheet("<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:r>"
                      "<x:t>Nguyễn </x:t></x:r><x:r><x:t>Văn An</x:t></x:r><x:rPh><x:t>phiên âm"
                      "</x:t></x:rPh></x:is></x:c></x:row>"
                      "<x:row r=\"4\"><x:c r=\"B4\" t=\"d\"><x:v>2019-06-30T00:00:00</x:v></x:c>"
                      "<x:c t=\"e\"><x:v>#N/A</x:v></x:c><x:c r=\"E4\"><x:v>1.5E3</x:v></x:c>"
                      "</x:row>"),
                "", "<si><r><t>Chè </t></r><r><t>lam</t></r></si>");
  XlsxWorkbook read(file);
  ASSERT_EQ(read.sheets().size(), 1u);
  EXPECT_EQ(read.sheets()[0].name, "Học viên");
  EXPECT_EQ(read.sheets()[0].part, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(rows_of(read, 0), (std::vector<std::string>{"1: A=Chè lam B=Nguyễn Văn An",
                                                        "4: B=2019-06-30 C!#N/A E=1500"}));
}

TEST_F(XlsxReaderTest, DatesOfThe1904System) {
  const std::string file = path("mac.xlsx");
  write_minimal(file, sheet("<x:row r=\"1\"><x:c r=\"A1\" s=\"1\"><x:v>42184</x:v></x:c></x:row>"),
                "<x:workbookPr date1904=\"1\"/>", "", {14});

  XlsxWorkbook read(file);
  // 42184 days after 1904-01-01 (in the 1900 system it would be 2015-06-28).
  EXPECT_EQ(rows_of(read, 0), std::vector<std::string>{"1: A=2019-06-30"});
}

TEST_F(XlsxReaderTest, EscapesPercentagesAndFormulasWithoutTheirValue) {
  // Excel's _xHHHH_ escapes (a carriage return, an underscore kept as text),
  // a percentage as the number shown, a formula saved without its result, a
  // phonetic hint closed outside any cell.
  const std::string file = path("excel.xlsx");
  write_minimal(file,
                sheet("<x:rPh></x:rPh><x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c>"
                      "<x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>bell_x0007_ _x005F_x0041_</x:t>"
                      "</x:is></x:c><x:c r=\"C2\" s=\"1\"><x:v>7.0000000000000007E-2</x:v></x:c>"
                      "<x:c r=\"D2\"><x:f>C2*2</x:f><x:v></x:v></x:c><x:c r=\"E2\" t=\"str\">"
                      "<x:f>A2</x:f><x:v>a_x000D_b</x:v></x:c></x:row>"),
                "", "<si><t>Dòng một_x000D_\nDòng hai</t></si>", {10});

  XlsxWorkbook read(file);
  EXPECT_EQ(rows_of(read, 0), std::vector<std::string>{"2: A=Dòng một\r\nDòng hai B=bell\a _x0041_ "
                                                       "C=7 D? E=a\rb"});
}

TEST_F(XlsxReaderTest, BrokenAndHostileFilesAreRefusedWithAReason) {
  auto refusal = [](const std::string& file) -> std::string {
    try {
      XlsxWorkbook read(file);
      for (size_t i = 0; i < read.sheets().size(); ++i) rows_of(read, i);
    } catch (const XlsxError& error) {
      return error.what();
    }
    return "(accepted)";
  };
  const std::string garbage = path("rac.xlsx");
  std::ofstream(garbage) << "ma,ten\nSP1,Nem\n";
  EXPECT_NE(refusal(garbage).find("không phải bảng tính .xlsx"), std::string::npos);

  const std::string legacy = path("cu.xlsx");
  std::ofstream(legacy, std::ios::binary)
      << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(600, '\0');
  EXPECT_NE(refusal(legacy).find("Excel 97–2003"), std::string::npos);

  const std::string no_workbook = path("thieu.xlsx");
  write_zip(no_workbook, {{"docProps/app.xml", "<Properties/>"}});
  EXPECT_NE(refusal(no_workbook).find("xl/workbook.xml"), std::string::npos);

  const std::string entities = path("thuc-the.xlsx");
  write_minimal(entities,
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
                "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet><sheetData><row><c t=\"inlineStr\">"
                "<is><t>&b;</t></is></c></row></sheetData></worksheet>");
  EXPECT_NE(refusal(entities).find("DOCTYPE"), std::string::npos);

  const std::string bad_index = path("chuoi.xlsx");
  write_minimal(bad_index,
                sheet("<x:row r=\"2\"><x:c r=\"C2\" t=\"s\"><x:v>7</x:v></x:c></x:row>"));
  EXPECT_NE(refusal(bad_index).find("ô C2 trỏ tới chuỗi dùng chung số 7"), std::string::npos);

  const std::string wide = path("rong.xlsx");
  write_minimal(wide, sheet("<x:row r=\"1\"><x:c r=\"XFE1\"><x:v>1</x:v></x:c></x:row>"));
  EXPECT_NE(refusal(wide).find("XFE1"), std::string::npos);

  // Cells and rows out of order: a later one would replace an earlier one,
  // or data would sit above its header.
  const std::string backwards = path("nguoc.xlsx");
  write_minimal(backwards, sheet("<x:row r=\"1\"><x:c r=\"CV1\"><x:v>1</x:v></x:c><x:c r=\"A1\">"
                                 "<x:v>2</x:v></x:c></x:row>"));
  EXPECT_NE(refusal(backwards).find("ô A1 đứng sau ô CV1"), std::string::npos);
  const std::string same_cell = path("trung-o.xlsx");
  write_minimal(same_cell, sheet("<x:row r=\"2\"><x:c r=\"B2\"><x:v>1</x:v></x:c><x:c r=\"B2\">"
                                 "<x:v>2</x:v></x:c></x:row>"));
  EXPECT_NE(refusal(same_cell).find("ô B2 đứng sau ô B2"), std::string::npos);
  const std::string rows_back = path("nguoc-dong.xlsx");
  write_minimal(rows_back, sheet("<x:row r=\"8\"><x:c><x:v>1</x:v></x:c></x:row><x:row r=\"7\">"
                                 "<x:c><x:v>1</x:v></x:c></x:row>"));
  EXPECT_NE(refusal(rows_back).find("dòng 7 đứng sau dòng 8"), std::string::npos);

  const std::string not_a_number = path("nan.xlsx");
  write_minimal(not_a_number, sheet("<x:row r=\"3\"><x:c r=\"D3\"><x:v>nan</x:v></x:c></x:row>"));
  EXPECT_NE(refusal(not_a_number).find("ô D3 có số \"nan\""), std::string::npos);

  std::string nested =
      "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
      "main\"><x:sheetData>";
  for (int i = 0; i < 200; ++i) nested += "<x:is>";
  write_minimal(path("sau.xlsx"), nested);
  EXPECT_NE(refusal(path("sau.xlsx")).find("quá sâu"), std::string::npos);

  // One 9 MiB attribute: expat would parse it again on every 64 KiB piece.
  const std::string long_token = path("dai.xlsx");
  write_minimal(long_token, sheet("<x:row r=\"1\" x=\"" + std::string(9u << 20, 'a') + "\"/>"));
  EXPECT_NE(refusal(long_token).find("dài quá 8 MiB"), std::string::npos);

  const std::string cut = path("cat.xlsx");
  write_minimal(cut, "<?xml version=\"1.0\"?><worksheet><sheetData><row><c><v>1</v>");
  EXPECT_NE(refusal(cut).find("xl/worksheets/sheet1.xml"), std::string::npos);
}

}  // namespace
}  // namespace ocopdoc::data
