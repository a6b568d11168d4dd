// Unit tests for the XLSX writer: workbooks written from parsed markup, their
// parts read back as XML (the .xlsx is a zip; Python's zipfile unpacks it).
// tests/cli/test_xlsx.py reads the rendered templates with openpyxl and
// recalculates them with LibreOffice.

#include "xlsx/xlsx_writer.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "doc/markup.h"

namespace ocopdoc::xlsx {
namespace {

namespace fs = std::filesystem;

class XlsxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ocopdoc-xlsx-" + std::to_string(::getpid()) + "-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string write(std::string_view markup, const std::string& name = "a.xlsx",
                    XlsxOptions options = {}) {
    const std::string target = path(name);
    write_xlsx(doc::parse_markup(markup), target, options);
    return target;
  }

  // One part of the workbook, as text.
  static std::string part(const std::string& workbook, const std::string& name) {
    const std::string command =
        "/usr/bin/python3 -c 'import sys, zipfile; "
        "sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' '" +
        workbook + "' '" + name + "'";
    std::string text;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return text;
    char buffer[4096];
    size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, count);
    ::pclose(pipe);
    return text;
  }

  static std::string bytes(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  fs::path dir_;
};

constexpr std::string_view kBudget =
    "@dau-van-ban\nco-quan-chu-quan: UBND tỉnh Thanh Hóa\nco-quan: Văn phòng Điều phối\n"
    "so: Số: 01/BC-VPĐP\ndia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n\n"
    "@ten-van-ban\nloai: Biểu dự toán\ntrich-yeu: Kinh phí thử\n\n"
    "@bang cot=\"1cm,4*,2*,2*\" so=\",,#,##0,#,##0\" cong=\"3,4\" dong-cong=tren trang-tinh=\"Dự "
    "toán\"\n"
    "| STT | Nội dung | Dự toán | Giải ngân |\n"
    "|= | TỔNG CỘNG | 1.700.000 | 1.200.000 |\n"
    "|+1 I | Dự án 1 | 1.200.000 | 900.000 |\n"
    "|+2 1 | Ngân sách tỉnh | 700.000 | 700.000 |\n"
    "| | Năm 2019 | 700.000 | 700.000 |\n"
    "|+2 2 | Ngân sách TW | | |\n"
    "| | Năm 2019 | 200.000 | 200.000 |\n"
    "| | Năm 2020 | 300.000 | 0 |\n"
    "|+1 II | Dự án 2 | 500.000 | 300.000 |\n"
    "| | Năm 2020 | 500.000 | 300.000 |\n";

TEST_F(XlsxWriterTest, WritesAZipAndLeavesNoTemporaryFile) {
  const std::string file = write(kBudget);
  EXPECT_EQ(bytes(file).substr(0, 4), std::string("PK\x03\x04", 4));
  size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    ++entries;
    EXPECT_EQ(entry.path().filename(), "a.xlsx");
  }
  EXPECT_EQ(entries, 1u);
}

TEST_F(XlsxWriterTest, SubtotalsAreLiveFormulasWithCachedSums) {
  const std::string sheet = part(write(kBudget), "xl/worksheets/sheet1.xml");
  // The header (3 rows and the thin row of the rule under the agency's
  // name), a gap, the title (2 rows) and a gap come first: the table header
  // is row 9 and the total row 10.
  EXPECT_NE(sheet.find("<c r=\"C10\" s=\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<f>SUBTOTAL(9,C11:C18)</f><v>1700000</v>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<f>SUBTOTAL(9,D11:D18)</f><v>1200000</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>SUBTOTAL(9,C13)</f><v>700000</v>"), std::string::npos);
  // The empty subtotal cells of "Ngân sách TW" get their formula and sum too.
  EXPECT_NE(sheet.find("<f>SUBTOTAL(9,C15:C16)</f><v>500000</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>SUBTOTAL(9,D18)</f><v>300000</v>"), std::string::npos);
}

TEST_F(XlsxWriterTest, RatesAreLiveFormulasOfTheirRow) {
  const std::string sheet = part(write("@bang cong=\"2,3\" ty-le=\"4=3/2\"\n"
                                       "| Dự án | Dự toán | Giải ngân | Tỷ lệ (%) |\n"
                                       "| A | 1.000 | 853 | 85,3 |\n"
                                       "| B | 0 | 0 | - |\n"
                                       "| C | 8 | 1 | 12,5 |\n"
                                       "|= Tổng | | | 84,7 |\n"),
                                 "xl/worksheets/sheet1.xml");
  // The exact rate is cached; a row without a divisor caches its text,
  // which the formula gives while the divisor stays 0.
  EXPECT_NE(sheet.find("<f>IF(B2=0,\"-\",C2/B2*100)</f><v>85.3"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("t=\"str\"><f>IF(B3=0,\"-\",C3/B3*100)</f><v>-</v>"), std::string::npos)
      << sheet;
  EXPECT_NE(sheet.find("<f>IF(B4=0,\"-\",C4/B4*100)</f><v>12.5</v>"), std::string::npos);
  // The total's rate is that of its live sums.
  EXPECT_NE(sheet.find("<f>SUBTOTAL(9,C2:C4)</f><v>854</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>IF(B5=0,\"-\",C5/B5*100)</f><v>84.7"), std::string::npos);
}

TEST_F(XlsxWriterTest, TheContractNamesRowIsHiddenUnderItsLabels) {
  // Labels over names: the names' row (row 2) is hidden, the labels' shown.
  const std::string two = part(write("@bang tieu-de=2 dong-nhap=3 trang-tinh=\"Chủ thể\"\n"
                                     "| Mã chủ thể | Tên chủ thể |\n| ma | ten |\n",
                                     "two.xlsx"),
                               "xl/worksheets/sheet1.xml");
  EXPECT_NE(two.find("<row r=\"2\" spans=\"1:2\" hidden=\"1\""), std::string::npos) << two;
  EXPECT_EQ(two.find("<row r=\"1\" spans=\"1:2\" hidden"), std::string::npos) << two;
  // The names alone: they are the header, in sight.
  const std::string one = part(write("@bang tieu-de=1 dong-nhap=3\n| ma | ten |\n", "one.xlsx"),
                               "xl/worksheets/sheet1.xml");
  EXPECT_EQ(one.find("hidden=\"1\""), std::string::npos) << one;
}

TEST_F(XlsxWriterTest, RowsGetOutlineLevelsAndSummariesAbove) {
  const std::string sheet = part(write(kBudget), "xl/worksheets/sheet1.xml");
  const auto level_of = [&](int row) {
    const std::regex pattern("<row r=\"" + std::to_string(row) + "\"[^>]*?outlineLevel=\"(\\d)\"");
    std::smatch match;
    return std::regex_search(sheet, match, pattern) ? std::stoi(match[1]) : 0;
  };
  EXPECT_EQ(level_of(10), 0);  // total
  EXPECT_EQ(level_of(11), 0);  // project I
  EXPECT_EQ(level_of(12), 1);  // source
  EXPECT_EQ(level_of(13), 2);  // year
  EXPECT_EQ(level_of(14), 1);
  EXPECT_EQ(level_of(16), 2);
  EXPECT_EQ(level_of(17), 0);  // project II
  EXPECT_EQ(level_of(18), 1);
  EXPECT_NE(sheet.find("summaryBelow=\"0\""), std::string::npos);
}

TEST_F(XlsxWriterTest, PrintSetUpFreezeAndMerges) {
  const std::string file = write(kBudget);
  const std::string sheet = part(file, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(sheet.find("fitToHeight=\"0\""), std::string::npos);
  EXPECT_NE(sheet.find("<pane ySplit=\"9\" topLeftCell=\"A10\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<mergeCell ref=\"A6:D6\"/>"), std::string::npos);  // the title
  // The rule under the agency's name: a thin row, merged across the left
  // half, of underlined no-break spaces.
  EXPECT_NE(sheet.find("<row r=\"3\" spans=\"1:4\" ht=\"6\""), std::string::npos);
  EXPECT_NE(sheet.find("<mergeCell ref=\"A3:B3\"/>"), std::string::npos);
  EXPECT_NE(part(file, "xl/sharedStrings.xml").find("\u00A0\u00A0\u00A0\u00A0\u00A0"),
            std::string::npos);
  EXPECT_NE(sheet.find("Trang &amp;P/&amp;N"), std::string::npos);
  const std::string workbook = part(file, "xl/workbook.xml");
  EXPECT_NE(workbook.find("<sheet name=\"Dự toán\""), std::string::npos);
  EXPECT_NE(workbook.find("'Dự toán'!$9:$9"), std::string::npos) << workbook;
  const std::string styles = part(file, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"#,##0\""), std::string::npos);
  EXPECT_NE(styles.find("Times New Roman"), std::string::npos);
}

// The rule under the agency's name needs a left half to centre it in: a
// sheet whose left half is a sliver draws none (and must not try to draw a
// negative number of spaces); a sheet of one column keeps the two halves of
// the header one under the other, in order, with no rule.
TEST_F(XlsxWriterTest, TheAgencyRuleNeedsRoomAndTwoColumns) {
  constexpr std::string_view kHeader =
      "@dau-van-ban\nco-quan-chu-quan: UBND tỉnh Thanh Hóa\nco-quan: Văn phòng Điều phối\n"
      "so: Số: 01/BC-VPĐP\ndia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n\n";
  for (const char* columns : {"1mm,*", "1.5mm,*"}) {
    SCOPED_TRACE(columns);
    const std::string file =
        write(std::string(kHeader) + "@bang cot=\"" + columns + "\" tieu-de=0\n| | Một |\n");
    EXPECT_EQ(part(file, "xl/sharedStrings.xml").find("\u00A0\u00A0"), std::string::npos);
  }
  const std::string one = write(std::string(kHeader) + "@bang cot=\"*\" tieu-de=0\n| Một |\n");
  const std::string strings = part(one, "xl/sharedStrings.xml");
  const std::vector<std::string> order = {"UBND TỈNH THANH HÓA",
                                          "VĂN PHÒNG ĐIỀU PHỐI",
                                          "Số: 01/BC-VPĐP",
                                          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                          "Độc lập - Tự do - Hạnh phúc",
                                          "Thanh Hóa, ngày 05"};
  // Shared strings are numbered in the order first written: row order.
  size_t previous = 0;
  for (const std::string& text : order) {
    const size_t at = strings.find(text);
    ASSERT_NE(at, std::string::npos) << text;
    EXPECT_GE(at, previous) << text;
    previous = at;
  }
  EXPECT_EQ(strings.find("\u00A0\u00A0"), std::string::npos);
}

TEST_F(XlsxWriterTest, SameInputGivesTheSameBytes) {
  const std::string a = write(kBudget, "a.xlsx");
  const std::string b = write(kBudget, "b.xlsx");
  EXPECT_EQ(bytes(a), bytes(b));
  XlsxOptions constant;
  constant.memory = XlsxOptions::Memory::kConstant;
  const std::string c = write(kBudget, "c.xlsx", constant);
  const std::string d = write(kBudget, "d.xlsx", constant);
  EXPECT_EQ(bytes(c), bytes(d));
}

TEST_F(XlsxWriterTest, WorkbooksCanBeWrittenInParallel) {
  // The batch renders documents on several threads at once.
  const doc::Document document = doc::parse_markup(kBudget);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back(
        [&, i] { write_xlsx(document, path("t" + std::to_string(i) + ".xlsx"), {}); });
  }
  for (std::thread& thread : threads) thread.join();
  const std::string first = bytes(path("t0.xlsx"));
  EXPECT_FALSE(first.empty());
  for (int i = 1; i < 4; ++i) EXPECT_EQ(bytes(path("t" + std::to_string(i) + ".xlsx")), first);
}

TEST_F(XlsxWriterTest, CreationTimeIsFixedOrFromSourceDateEpoch) {
  ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_NE(part(write(kBudget, "fixed.xlsx"), "docProps/core.xml").find("2018-01-01T00:00:00Z"),
            std::string::npos);
  ::setenv("SOURCE_DATE_EPOCH", "1549324800", 1);
  const std::string core = part(write(kBudget, "epoch.xlsx"), "docProps/core.xml");
  ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_NE(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2019-02-05T00:00:00Z"),
            std::string::npos)
      << core;
  EXPECT_NE(core.find("<dc:creator>VĂN PHÒNG ĐIỀU PHỐI</dc:creator>"), std::string::npos);
  EXPECT_NE(core.find("<dc:title>BIỂU DỰ TOÁN Kinh phí thử</dc:title>"), std::string::npos);
  XlsxOptions options;
  options.created = 1561939200;  // 2019-07-01
  options.author = "Sở Tài chính";
  const std::string given = part(write(kBudget, "given.xlsx", options), "docProps/core.xml");
  EXPECT_NE(given.find("2019-07-01T00:00:00Z"), std::string::npos);
  EXPECT_NE(given.find("<dc:creator>Sở Tài chính</dc:creator>"), std::string::npos);
}

// The document's own date (--set ngay=) is its creation time unless
// SOURCE_DATE_EPOCH says otherwise, as it does for the PDF.
TEST_F(XlsxWriterTest, CreationTimeIsTheDocumentsDate) {
  ::unsetenv("SOURCE_DATE_EPOCH");
  XlsxOptions options;
  options.document_date = 1577750400;  // 2019-12-31
  const std::string dated = part(write(kBudget, "dated.xlsx", options), "docProps/core.xml");
  EXPECT_NE(dated.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2019-12-31T00:00:00Z"),
            std::string::npos)
      << dated;
  EXPECT_EQ(bytes(write(kBudget, "again.xlsx", options)), bytes(path("dated.xlsx")));
  ::setenv("SOURCE_DATE_EPOCH", "1549324800", 1);
  const std::string epoch = part(write(kBudget, "epoch.xlsx", options), "docProps/core.xml");
  ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_NE(epoch.find("2019-02-05T00:00:00Z"), std::string::npos) << epoch;
}

TEST_F(XlsxWriterTest, ConstantMemoryWritesMergedHeaderRowsInOrder) {
  XlsxOptions options;
  options.memory = XlsxOptions::Memory::kConstant;
  const std::string file = write(
      "@bang tieu-de=2 cong=\"3,4\"\n"
      "| STT | Nội dung | Kinh phí | < |\n"
      "| ^ | ^ | Dự toán | Giải ngân |\n"
      "| 1 | Việc một | 1.000 | 500 |\n"
      "| 2 | Việc hai | 2.000 | 700 |\n"
      "|= Cộng | < | 3.000 | 1.200 |\n",
      "cm.xlsx", options);
  const std::string sheet = part(file, "xl/worksheets/sheet1.xml");
  for (const char* merge : {"A1:A2", "B1:B2", "C1:D1", "A5:B5"}) {
    EXPECT_NE(sheet.find("<mergeCell ref=\"" + std::string(merge) + "\"/>"), std::string::npos)
        << merge << "\n"
        << sheet;
  }
  EXPECT_NE(sheet.find("t=\"inlineStr\""), std::string::npos);  // constant memory indeed
  EXPECT_NE(sheet.find("<is><t>Việc hai</t></is>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>SUBTOTAL(9,C3:C4)</f><v>3000</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"B2\" s="), std::string::npos);  // the merged area is written
}

TEST_F(XlsxWriterTest, LongVietnameseDropDownItemsUseTheListSheet) {
  std::string item;
  while (item.size() < 600) item += "Hợp tác xã dịch vụ nông nghiệp và du lịch cộng đồng ";
  item = item.substr(0, item.rfind(' '));
  std::string markup =
      "@bang tieu-de=1 dong-nhap=20 chon=\",dai\" goi-y=\"Mã | Chọn trong danh sách\"\n"
      "| Mã | Tên |\n\n@danh-sach ten=dai tieu-de=\"Danh sách dài\"\n" +
      item + "\nMục ngắn\n";
  const std::string file = write(markup);
  const std::string sheet = part(file, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<formula1>'Danh sách'!$A$2:$A$3</formula1>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("sqref=\"B2:B21\""), std::string::npos);
  EXPECT_NE(sheet.find("<sheetProtection"), std::string::npos);
  const std::string workbook = part(file, "xl/workbook.xml");
  EXPECT_NE(workbook.find("<sheet name=\"Danh sách\" sheetId=\"2\" state=\"hidden\""),
            std::string::npos)
      << workbook;
  const std::string strings = part(file, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find(item), std::string::npos);
}

// The width of column `letter` (1-based "A") in a sheet's XML, in Excel's
// character units; 0 when not set.
double column_width(const std::string& sheet, int index) {
  std::smatch m;
  const std::regex pattern("<col min=\"" + std::to_string(index) + "\" max=\"" +
                           std::to_string(index) + "\" width=\"([0-9.]+)\"");
  return std::regex_search(sheet, m, pattern) ? std::stod(m[1]) : 0.0;
}

// Input rows have no height of their own, so Excel fits a row to a chosen
// item that wraps; a drop-down column is as wide as its items (the template
// gave 20 mm) but no wider than the limit, past which the longest wraps.
TEST_F(XlsxWriterTest, InputRowsFitTheirContentAndDropDownColumnsTheirItems) {
  const std::string markup =
      "@bang cot=\"20mm,20mm,20mm\" tieu-de=1 dong-nhap=5 chon=\",loai,dai\"\n"
      "| Mã | Loại | Khóa |\n\n"
      "@danh-sach ten=loai\nDN - Doanh nghiệp\nHO - Hộ sản xuất có đăng ký kinh doanh\n\n"
      "@danh-sach ten=dai\nKH01 - Lớp tập huấn kỹ năng xây dựng phương án sản xuất kinh "
      "doanh, quản trị hợp tác xã, thiết kế bao bì nhãn mác và xúc tiến thương mại cho sản phẩm "
      "OCOP của tỉnh Thanh Hóa\n";
  const std::string sheet = part(write(markup), "xl/worksheets/sheet1.xml");
  for (int row = 2; row <= 6; ++row) {
    EXPECT_NE(sheet.find("<row r=\"" + std::to_string(row) + "\" spans=\"1:3\">"),
              std::string::npos)
        << row << sheet;
  }
  // 20 mm is about 10 characters; "HO - Hộ sản xuất có đăng ký kinh doanh"
  // at 12 pt Times New Roman about 36; the cap (100 mm) about 53.
  const double code = column_width(sheet, 1);
  const double kind = column_width(sheet, 2);
  const double course = column_width(sheet, 3);
  EXPECT_NEAR(code, 10.4, 1.0) << sheet;
  EXPECT_GT(kind, 32.0);
  EXPECT_LT(kind, 45.0);
  EXPECT_NEAR(course, 53.3, 1.0);
}

// Shares (`4*`) fit their content: a short place name and an amount take
// what they need, the long text the rest, and the table still spans the
// printable width (165 mm on a portrait page, 624 pixels).
TEST_F(XlsxWriterTest, ShareColumnsFitTheirContentAndSpanThePage) {
  const std::string sheet = part(
      write("@bang cot=\"4*,4*,4*\"\n| Tên | Địa phương | Số tiền |\n"
            "| Hợp tác xã dịch vụ nông nghiệp và du lịch cộng đồng làng nghề chiếu cói Nga Sơn, "
            "một tên dài phải xuống dòng | Nga Sơn | 1.234.567 |\n"),
      "xl/worksheets/sheet1.xml");
  const double name = column_width(sheet, 1);
  const double place = column_width(sheet, 2);
  const double amount = column_width(sheet, 3);
  // Equal shares would be about 29 characters each.
  EXPECT_LT(place, 14.0) << sheet;
  EXPECT_LT(amount, 14.0);
  EXPECT_GT(name, 55.0);
  const auto pixels = [](double width) { return width * 7; };  // Excel's 7-pixel character
  EXPECT_NEAR(pixels(name) + pixels(place) + pixels(amount), 165 / 25.4 * 96, 3.0);
}

// A data-entry sheet named after a table of the import contract, with the
// contract's column names as its last header row, checks what the importer
// checks: years as whole numbers in the importer's range, dates as
// YYYY-MM-DD text, and a code of another table from that table's sheet
// (a warning only: the code may already be in the database).  The list
// sheet is protected against accidental edits.
TEST_F(XlsxWriterTest, DataEntryColumnsCheckWhatTheImporterChecks) {
  const std::string markup =
      "@bang tieu-de=2 dong-nhap=10 trang-tinh=\"Chủ thể\" chon=\",,loai\"\n"
      "| Mã | Tên | Loại |\n| ma | ten | loai\\_hinh |\n\n"
      "@bang tieu-de=2 dong-nhap=10 trang-tinh=\"Sản phẩm\" so=\"@,,@,@\"\n"
      "| Mã | Tên | Mã chủ thể | Ngày đăng ký |\n"
      "| ma | ten | ma\\_chu\\_the | ngay\\_dang\\_ky |\n\n"
      "@bang tieu-de=2 dong-nhap=10 trang-tinh=\"Học viên\" so=\",0\"\n"
      "| Họ và tên | Năm sinh |\n| ho\\_ten | nam\\_sinh |\n\n"
      "@danh-sach ten=loai\nDN - Doanh nghiệp\nHTX - Hợp tác xã\n";
  const std::string file = write(markup);
  const std::string products = part(file, "xl/worksheets/sheet2.xml");
  EXPECT_NE(products.find("<dataValidation type=\"list\" errorStyle=\"warning\" allowBlank=\"1\" "
                          "showInputMessage=\"1\" showErrorMessage=\"1\""),
            std::string::npos)
      << products;
  EXPECT_NE(products.find("<formula1>'Chủ thể'!$A$3:$A$12</formula1>"), std::string::npos);
  EXPECT_NE(products.find("<dataValidation type=\"custom\""), std::string::npos);
  EXPECT_NE(products.find("sqref=\"D3:D12\"><formula1>AND(LEN(D3)=10,"), std::string::npos);
  EXPECT_NE(products.find("--LEFT(D3,4)&gt;=1900,--LEFT(D3,4)&lt;=2100"), std::string::npos);
  const std::string trainees = part(file, "xl/worksheets/sheet3.xml");
  EXPECT_NE(trainees.find("<dataValidation type=\"whole\""), std::string::npos) << trainees;
  EXPECT_NE(trainees.find("sqref=\"B3:B12\"><formula1>1900</formula1><formula2>2100</formula2>"),
            std::string::npos);
  // Free text gets no check.
  EXPECT_EQ(trainees.find("sqref=\"A3:A12\""), std::string::npos);
  const std::string lists = part(file, "xl/worksheets/sheet4.xml");
  EXPECT_NE(lists.find("<sheetProtection"), std::string::npos) << lists;
}

TEST_F(XlsxWriterTest, SheetNamesAreCutCleanedAndMadeUnique) {
  const std::string file = write(
      "@bang trang-tinh=\"Sản phẩm: nhóm [1]/2\"\n| a |\n\n"
      "@bang trang-tinh=\"SẢN PHẨM- NHÓM -1--2\"\n| b |\n\n"
      "@bang trang-tinh=\"Tên trang tính rất dài vượt quá ba mươi mốt ký tự\"\n| c |\n\n"
      "@ngat-trang\n\nđoạn văn\n");
  const std::string workbook = part(file, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Sản phẩm- nhóm -1--2\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"SẢN PHẨM- NHÓM -1--2 (2)\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Tên trang tính rất dài vượt quá\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Trang 4\""), std::string::npos);
}

// A table that starts a sheet takes along the heading above it (and what
// follows the heading); text after a table with no heading before the next
// one stays under that table.
TEST_F(XlsxWriterTest, ATableStartingASheetTakesItsHeadingAlong) {
  const std::string file = write(
      "## 1. Tiến độ\n\n@bang trang-tinh=\"Tiến độ\"\n| a |\n\nGhi chú của bảng tiến độ\n\n"
      "## 2. Kinh phí\n\nCâu về kinh phí\n\n@bang trang-tinh=\"Kinh phí\"\n| b |\n\n"
      "Bằng chữ\n\n@bang trang-tinh=\"Biểu đồ\"\n| c |\n");
  const std::string strings = part(file, "xl/sharedStrings.xml");
  const auto first_cells = [&](int sheet) {
    const std::string xml = part(file, "xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
    std::string cells;
    const std::regex shared("<c r=\"A(\\d+)\"[^>]*t=\"s\"[^>]*><v>(\\d+)</v>");
    std::vector<std::string> items;
    const std::regex item("<si>(?:<t[^>]*>([^<]*)</t>|<r>.*?</r>)</si>");
    for (auto it = std::sregex_iterator(strings.begin(), strings.end(), item);
         it != std::sregex_iterator(); ++it) {
      items.push_back((*it)[1]);
    }
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), shared);
         it != std::sregex_iterator(); ++it) {
      cells += "A" + (*it)[1].str() + "=" + items.at(std::stoul((*it)[2])) + ";";
    }
    return cells;
  };
  EXPECT_EQ(first_cells(1), "A1=1. Tiến độ;A3=a;A5=Ghi chú của bảng tiến độ;");
  EXPECT_EQ(first_cells(2), "A1=2. Kinh phí;A2=Câu về kinh phí;A4=b;A6=Bằng chữ;");
  EXPECT_EQ(first_cells(3), "A1=c;");
}

TEST_F(XlsxWriterTest, ChartsAreNativeAndReadTheirCells) {
  const std::string file = write(
      "@bieu-do loai=cot tieu-de=\"Sản phẩm theo hạng sao\" don-vi=\"sản phẩm\" trang-tinh=\"Biểu "
      "đồ\"\n"
      "| Hạng | Số sản phẩm |\n| 3 sao | 25 |\n| 4 sao | 11 |\n");
  const std::string chart = part(file, "xl/charts/chart1.xml");
  EXPECT_NE(chart.find("<c:barDir val=\"col\"/>"), std::string::npos);
  // Row 1 says the unit; the data's header is row 2.  The chart caches what
  // it reads (programs that draw it without the sheet need that): the
  // categories as text, the values as numbers.
  EXPECT_NE(chart.find("<c:cat><c:strRef><c:f>'Biểu đồ'!$A$3:$A$4</c:f><c:strCache>"
                       "<c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>3 sao</c:v></c:pt>"),
            std::string::npos)
      << chart;
  EXPECT_NE(chart.find("<c:val><c:numRef><c:f>'Biểu đồ'!$B$3:$B$4</c:f><c:numCache>"),
            std::string::npos);
  EXPECT_NE(chart.find("<c:pt idx=\"1\"><c:v>11</c:v></c:pt></c:numCache>"), std::string::npos);
  EXPECT_NE(chart.find("Sản phẩm theo hạng sao"), std::string::npos);
  const std::string strings = part(file, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Đơn vị tính: sản phẩm"), std::string::npos) << strings;
}

// A large table's sheet is written in constant-memory mode, where
// libxlsxwriter cannot read cells back; a chart on a sheet of its own is
// not, so its caches are there all the same.
TEST_F(XlsxWriterTest, AChartBesideALargeTableStillCachesItsData) {
  XlsxOptions options;
  options.memory = XlsxOptions::Memory::kAuto;
  options.constant_memory_above_rows = 3;
  const std::string file = write(
      "@bang trang-tinh=\"Số liệu\"\n| Năm | Số |\n| 2018 | 1 |\n| 2019 | 2 |\n"
      "| 2020 | 3 |\n| 2021 | 4 |\n\n@ngat-trang\n"
      "@bieu-do loai=thanh tieu-de=\"Thử\" trang-tinh=\"Biểu đồ\"\n| Dự án | Vốn |\n"
      "| I. Tuyên truyền | 2.399,4 |\n| II. Hỗ trợ | 11.532 |\n",
      "a.xlsx", options);
  EXPECT_NE(part(file, "xl/worksheets/sheet1.xml").find("t=\"inlineStr\""), std::string::npos);
  const std::string chart = part(file, "xl/charts/chart1.xml");
  EXPECT_NE(chart.find("<c:strCache><c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>I. Tuyên "
                       "truyền</c:v>"),
            std::string::npos)
      << chart;
  EXPECT_NE(chart.find("<c:v>2399.4</c:v>"), std::string::npos);
  // One number format for the column: 11.532 shows as 11.532,0 beside
  // 2.399,4, not as 11.532.
  const std::string styles = part(file, "xl/styles.xml");
  const std::string sheet = part(file, "xl/worksheets/sheet2.xml");
  std::smatch first, second;
  ASSERT_TRUE(std::regex_search(sheet, first, std::regex("<c r=\"B2\" s=\"(\\d+)\"")));
  ASSERT_TRUE(std::regex_search(sheet, second, std::regex("<c r=\"B3\" s=\"(\\d+)\"")));
  EXPECT_EQ(first[1], second[1]) << sheet;
  EXPECT_NE(styles.find("formatCode=\"#,##0.0\""), std::string::npos);
}

// Stacked bars with the categories top down as in the data; the series read
// the columns that hold the numbers even when the narrow columns of a table
// before the chart make the category labels span several columns.
TEST_F(XlsxWriterTest, StackedBarChartReadsItsValueColumns) {
  const std::string file = write(
      "@bang cot=\"10mm,10mm,60mm\" trang-tinh=\"Sản phẩm\"\n| STT | Mã | Tên sản phẩm dài |\n"
      "| 1 | A | Chiếu cói |\n\n"
      "@bieu-do loai=thanh-chong tieu-de=\"Theo huyện\" trang-tinh=\"Sản phẩm\"\n"
      "| Huyện | 3 sao | 4 sao |\n| Thành phố Thanh Hóa | 2 | 1 |\n| Nga Sơn | 2 | 0 |\n");
  const std::string chart = part(file, "xl/charts/chart1.xml");
  EXPECT_NE(chart.find("<c:barDir val=\"bar\"/><c:grouping val=\"stacked\"/>"), std::string::npos)
      << chart;
  EXPECT_NE(chart.find("<c:overlap val=\"100\"/>"), std::string::npos);
  EXPECT_NE(chart.find("<c:orientation val=\"maxMin\"/>"), std::string::npos);
  EXPECT_NE(chart.find("<c:crosses val=\"max\"/>"), std::string::npos);
  const std::string sheet = part(file, "xl/worksheets/sheet1.xml");
  // The labels are merged over A:C (the table's narrow columns); the numbers
  // are in D and E.
  EXPECT_NE(sheet.find("<mergeCell ref=\"A5:C5\"/>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<c r=\"D5\" s=\"4\"><v>2</v></c><c r=\"E5\" s=\"4\"><v>1</v></c>"),
            std::string::npos);
  EXPECT_NE(chart.find("<c:f>'Sản phẩm'!$A$5:$A$6</c:f>"), std::string::npos) << chart;
  EXPECT_NE(chart.find("<c:f>'Sản phẩm'!$D$5:$D$6</c:f>"), std::string::npos);
  EXPECT_NE(chart.find("<c:f>'Sản phẩm'!$E$5:$E$6</c:f>"), std::string::npos);
  EXPECT_NE(chart.find("<c:f>'Sản phẩm'!$D$4:$D$4</c:f>"), std::string::npos);  // "3 sao"
}

// A chart does not straddle two printed pages: when it and its data would
// cross the end of a page, a manual break starts a page at its data (the
// sheet stays fitted to the page's width, under which LibreOffice honours
// manual breaks).
TEST_F(XlsxWriterTest, AChartThatWouldCrossAPageStartsOne) {
  const std::string chart =
      "@bieu-do loai=cot tieu-de=\"Sản phẩm theo hạng sao\" don-vi=\"sản phẩm\"\n"
      "| Hạng | Số sản phẩm |\n| 3 sao | 25 |\n| 4 sao | 11 |\n";
  // A few lines above: everything fits on the first page, no break.
  std::string few;
  for (int i = 0; i < 5; ++i) few += "Dòng " + std::to_string(i) + ".\n\n";
  const std::string fits = part(write(few + chart, "fits.xlsx"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(fits.find("<rowBreaks"), std::string::npos) << fits;
  EXPECT_NE(fits.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos);

  // Two thirds of a page above: the data and the chart move to the next.
  std::string many;
  for (int i = 0; i < 30; ++i) many += "Dòng " + std::to_string(i) + ".\n\n";
  const std::string file = write(many + chart, "moved.xlsx");
  const std::string sheet = part(file, "xl/worksheets/sheet1.xml");
  const std::string drawing = part(file, "xl/drawings/drawing1.xml");
  const std::smatch anchor = [&] {
    std::smatch m;
    std::regex_search(
        drawing, m,
        std::regex(
            "<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>(\\d+)</xdr:row>"));
    return m;
  }();
  ASSERT_FALSE(anchor.empty()) << drawing;
  // The chart's row, less its data (unit, header, two categories, a gap), is
  // the first row of the new page; Excel's break names the row above it
  // (1-based).
  const int data_row = std::stoi(anchor[1]) - 5;
  EXPECT_NE(sheet.find("<rowBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"" +
                       std::to_string(data_row) + "\" max=\"16383\" man=\"1\"/></rowBreaks>"),
            std::string::npos)
      << sheet;
  EXPECT_NE(sheet.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos);
}

// Data longer than a page cannot stay with its chart: the chart alone
// starts a page, at the gap row above it (a chart anchored right at a break
// has its top border printed on the page before as well).
TEST_F(XlsxWriterTest, AChartAfterLongDataStartsAPageOfItsOwn) {
  std::string markup = "@bieu-do loai=cot tieu-de=\"Nhiều nhóm\"\n| Nhóm | Số |\n";
  for (int c = 0; c < 80; ++c)
    markup += "| Nhóm " + std::to_string(c) + " | " + std::to_string(c) + " |\n";
  const std::string file = write(markup);
  const std::string sheet = part(file, "xl/worksheets/sheet1.xml");
  const std::string drawing = part(file, "xl/drawings/drawing1.xml");
  std::smatch anchor;
  ASSERT_TRUE(std::regex_search(drawing, anchor,
                                std::regex("<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</"
                                           "xdr:colOff><xdr:row>(\\d+)</xdr:row>")));
  const int gap_row = std::stoi(anchor[1]) - 1;  // 0-based; starts the page
  // The header row and 80 categories: 46 rows on the first page, 35 on the
  // second, where the chart and its gap row would not fit below them.
  EXPECT_EQ(gap_row, 81);
  EXPECT_NE(sheet.find("<rowBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"" +
                       std::to_string(gap_row) + "\""),
            std::string::npos)
      << sheet;
}

// A bar chart grows with its categories, but never beyond what a printed
// page of its sheet holds: 170 mm on a landscape page; squeezed there, its
// bars carry no figures.
TEST_F(XlsxWriterTest, ABarChartIsNeverTallerThanAPageOfItsSheet) {
  std::string markup = "@trang-ngang\n@bieu-do loai=thanh tieu-de=\"Dự án\"\n| Dự án | A | B |\n";
  for (int c = 0; c < 40; ++c) markup += "| Dự án " + std::to_string(c) + " | 1 | 2 |\n";
  const std::string file = write(markup);
  const std::string drawing = part(file, "xl/drawings/drawing1.xml");
  // 80 bars in about 510 px: thinner than a line of figures, so none.
  EXPECT_EQ(part(file, "xl/charts/chart1.xml").find("<c:dLbls>"), std::string::npos);
  // The chart spans rows of the sheet's default height (15.75 pt, 21 px)
  // from its top anchor to its bottom one.
  std::smatch from, to;
  ASSERT_TRUE(
      std::regex_search(drawing, from,
                        std::regex("<xdr:from><xdr:col>\\d+</xdr:col><xdr:colOff>\\d+</"
                                   "xdr:colOff><xdr:row>(\\d+)</xdr:row><xdr:rowOff>(\\d+)<")))
      << drawing;
  ASSERT_TRUE(
      std::regex_search(drawing, to,
                        std::regex("<xdr:to><xdr:col>\\d+</xdr:col><xdr:colOff>\\d+</"
                                   "xdr:colOff><xdr:row>(\\d+)</xdr:row><xdr:rowOff>(\\d+)<")));
  constexpr double kEmuPerPixel = 9525;
  const double height_px = (std::stod(to[1]) - std::stod(from[1])) * 21 +
                           (std::stod(to[2]) - std::stod(from[2])) / kEmuPerPixel;
  const double height_mm = height_px * 25.4 / 96;
  EXPECT_LE(height_mm, 170);
  EXPECT_GT(height_mm, 150);  // it did grow, to about the page
}

TEST_F(XlsxWriterTest, MixedStylesBecomeRichStrings) {
  const std::string file = write("**Chủ thể:** mỗi dòng một chủ thể^[Theo mẫu CSV.]\n");
  const std::string strings = part(file, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("<b/>"), std::string::npos) << strings;
  EXPECT_NE(strings.find(">Chủ thể:</t></r>"), std::string::npos) << strings;
  EXPECT_NE(strings.find("<vertAlign val=\"superscript\"/>"), std::string::npos);
  // The footnote is written under the text of its sheet.
  EXPECT_NE(strings.find("Theo mẫu CSV."), std::string::npos);
}

TEST_F(XlsxWriterTest, TooLongCellIsAVietnameseError) {
  std::string markup;
  for (int i = 0; i < 7000; ++i) markup += "đoạn ";
  try {
    write(markup);
    ADD_FAILURE() << "no error";
  } catch (const XlsxError& error) {
    EXPECT_NE(std::string(error.what()).find("quá giới hạn một ô của Excel"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(path("a.xlsx")));
}

TEST_F(XlsxWriterTest, FailureLeavesTheTargetAsItWas) {
  // A folder where the file should go: the rename fails after the workbook
  // is written; the folder stays and no temporary file is left behind.
  fs::create_directories(dir_ / "ra.xlsx");
  EXPECT_THROW(write(kBudget, "ra.xlsx"), XlsxError);
  EXPECT_TRUE(fs::is_directory(dir_ / "ra.xlsx"));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1u);
  EXPECT_THROW(write_xlsx(doc::parse_markup(kBudget), path("khong-co/a.xlsx"), {}), XlsxError);
}

}  // namespace
}  // namespace ocopdoc::xlsx
