// Unit tests for the plain-text writer.  Most documents are written as
// markup (easier to read than trees); the expected text is exact.

#include "doc/text_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "doc/markup.h"
#include "doc/text_layout.h"

namespace ocopdoc::doc {
namespace {

std::string render(std::string_view markup, int width = 80) {
  return write_text(parse_markup(markup), TextWriterOptions{width});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t code_points(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// The invariants every output keeps.
void expect_well_formed(const std::string& text, size_t width) {
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_FALSE(text.ends_with("\n\n")) << "more than one newline at the end";
  for (const std::string& line : lines_of(text)) {
    EXPECT_FALSE(line.ends_with(' ')) << "trailing space: [" << line << "]";
    EXPECT_LE(code_points(line), width) << line;
    EXPECT_EQ(line.find('\f'), std::string::npos);
  }
}

// ---------------------------------------------------------------------------
// Body text

TEST(TextWriter, EmptyDocumentIsOneNewline) {
  EXPECT_EQ(write_text(Document{}), "\n");
}

TEST(TextWriter, ParagraphWrapsWithFirstLineIndent) {
  EXPECT_EQ(render("Cụ thể hóa mục tiêu, nhiệm vụ và giải pháp của Quyết định số 490/QĐ-TTg ngày "
                   "07/5/2018 của "
                   "Thủ tướng Chính phủ.",
                   40),
            R"(    Cụ thể hóa mục tiêu, nhiệm vụ và
giải pháp của Quyết định số 490/QĐ-TTg
ngày 07/5/2018 của Thủ tướng Chính phủ.
)");
}

TEST(TextWriter, HeadingsListsAndSpacing) {
  EXPECT_EQ(
      render(
          "### 2.2. Đánh giá thực trạng\n- Thời gian: Tháng 8-9/2018.\n- Nội dung:\n+ Bước 1: Thu "
          "thập "
          "các thông tin về điều kiện tự nhiên, kinh tế, xã hội.\n+ Bước 2: Khảo sát.\n\nĐoạn sau.",
          40),
      R"(2.2. Đánh giá thực trạng
- Thời gian: Tháng 8-9/2018.
- Nội dung:
    + Bước 1: Thu thập các thông tin về
      điều kiện tự nhiên, kinh tế, xã
      hội.
    + Bước 2: Khảo sát.

    Đoạn sau.
)");
}

TEST(TextWriter, HeadingsGetABlankLineBefore) {
  EXPECT_EQ(render("## I. MỤC ĐÍCH\n### 1. Mục đích.\nCụ thể hóa.\n### 2. Yêu cầu.\nBám sát.\n"),
            R"(I. MỤC ĐÍCH

1. Mục đích.
    Cụ thể hóa.

2. Yêu cầu.
    Bám sát.
)");
}

TEST(TextWriter, AlignedParagraphs) {
  EXPECT_EQ(render("@doan canh=giua\nGiữa trang\\\nhai\n\n@doan canh=phai\nBên phải\n\n@doan "
                   "thut-dau=khong\nKhông "
                   "thụt đầu dòng, viết dài để xuống dòng.",
                   30),
            R"(          Giữa trang
             hai

                      Bên phải

Không thụt đầu dòng, viết dài
để xuống dòng.
)");
}

TEST(TextWriter, ForcedLineBreaks) {
  EXPECT_EQ(render("Dòng một\\\ndòng hai rất dài cần xuống dòng ở đây\\n\\nsau dòng trống", 30),
            R"(    Dòng một
dòng hai rất dài cần xuống
dòng ở đây

sau dòng trống
)");
}

TEST(TextWriter, EmphasisIsNotShown) {
  EXPECT_EQ(render("**Đậm** *nghiêng* __gạch__ \\*sao\\*"), "    Đậm nghiêng gạch *sao*\n");
}

TEST(TextWriter, LongWordsAreCut) {
  EXPECT_EQ(render("@doan thut-dau=khong\nabcdefghijklmnopqrstuvwxyz ngắn", 20),
            "abcdefghijklmnopqrst\nuvwxyz ngắn\n");
}

TEST(TextWriter, Quote) {
  EXPECT_EQ(render("> Điều 1. Phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2018 - "
                   "2020.\n>\n> Điều 2. Giao",
                   50),
            R"(    │ Điều 1. Phê duyệt Chương trình mỗi xã một
    │ sản phẩm giai đoạn 2018 - 2020.
    │
    │ Điều 2. Giao
)");
}

TEST(TextWriter, Footnotes) {
  EXPECT_EQ(render("Chữ OCOP^[Viết tắt từ One commune one product; màu nâu tượng trưng cho đất, "
                   "nền tảng của sản "
                   "xuất.] và TH^[Thanh Hóa].",
                   40),
            R"(    Chữ OCOP[1] và TH[2].

────────
[1] Viết tắt từ One commune one product;
    màu nâu tượng trưng cho đất, nền
    tảng của sản xuất.
[2] Thanh Hóa
)");
}

// ---------------------------------------------------------------------------
// ND 30 blocks

TEST(TextWriter, HeaderWithParentAgency) {
  EXPECT_EQ(
      render("@dau-van-ban\nco-quan-chu-quan: UBND TỈNH THANH HÓA\nco-quan: VĂN PHÒNG ĐIỀU PHỐI "
             "NÔNG THÔN "
             "MỚI\nso: Số: 05/BC-VPĐP\ndia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n"),
      R"(          UBND TỈNH THANH HÓA              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
   VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI          Độc lập - Tự do - Hạnh phúc
              ───────────                     ───────────────────────────
             Số: 05/BC-VPĐP               Thanh Hóa, ngày 05 tháng 02 năm 2019
)");
}

TEST(TextWriter, HeaderWithoutParentAgencyAndWithSummary) {
  EXPECT_EQ(render("@dau-van-ban\nco-quan: ỦY BAN NHÂN DÂN TỈNH THANH HÓA\nso: Số: "
                   "1541/KH-UBND\ntrich-yeu: V/v triển "
                   "khai Chương trình OCOP\ndia-danh-ngay: Thanh Hóa, ngày 07 tháng 8 năm 2018\n"),
            R"(     ỦY BAN NHÂN DÂN TỈNH THANH HÓA        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
               ──────────                     Độc lập - Tự do - Hạnh phúc
                                              ───────────────────────────
            Số: 1541/KH-UBND              Thanh Hóa, ngày 07 tháng 8 năm 2018
    V/v triển khai Chương trình OCOP
)");
}

TEST(TextWriter, HeaderTextsWrapInsideTheirColumn) {
  const std::string text = render(
      "@dau-van-ban\nco-quan: BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA\nso: "
      "Số: 01/BC-BCĐ\ndia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n",
      60);
  expect_well_formed(text, 60);
  const std::vector<std::string> lines = lines_of(text);
  ASSERT_GE(lines.size(), 4u);
  // Each side wraps two columns short of its half, so they never touch; the
  // place-date stays level with the number.
  EXPECT_EQ(text, R"( BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH   CỘNG HÒA XÃ HỘI CHỦ NGHĨA
      MỤC TIÊU QUỐC GIA                  VIỆT NAM
          ─────────            Độc lập - Tự do - Hạnh phúc
                               ───────────────────────────
        Số: 01/BC-BCĐ          Thanh Hóa, ngày 05 tháng 02
                                         năm 2019
)");
}

TEST(TextWriter, Title) {
  EXPECT_EQ(render("@ten-van-ban\nloai: KẾ HOẠCH\ntrich-yeu: Triển khai thực hiện Chương "
                   "trình\ntrich-yeu: “Mỗi xã "
                   "một sản phẩm” giai đoạn 2018 - 2020\n"),
            R"(                                    KẾ HOẠCH
                       Triển khai thực hiện Chương trình
                  “Mỗi xã một sản phẩm” giai đoạn 2018 - 2020
                                 ──────────────
)");
}

TEST(TextWriter, Addressees) {
  EXPECT_EQ(render("@kinh-gui\nỦy ban nhân dân tỉnh Thanh Hóa\n\n@kinh-gui\nSở Nông nghiệp và Phát "
                   "triển nông "
                   "thôn\nSở Tài chính\n\n@kinh-gui\n- Sở Công thương;\nSở Y tế.\n",
                   50),
            R"(Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa

Kính gửi:
    - Sở Nông nghiệp và Phát triển nông thôn;
    - Sở Tài chính.

Kính gửi:
    - Sở Công thương;
    - Sở Y tế.
)");
}

TEST(TextWriter, LegalBases) {
  EXPECT_EQ(render("@can-cu\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\nCăn cứ "
                   "Quyết định số "
                   "490/QĐ-TTg.\n",
                   50),
            R"(    Căn cứ Luật Tổ chức chính quyền địa phương
ngày 19/6/2015;
    Căn cứ Quyết định số 490/QĐ-TTg.
)");
}

TEST(TextWriter, SignatureAlone) {
  EXPECT_EQ(render("@chu-ky\nquyen-han: TM. ỦY BAN NHÂN DÂN\nquyen-han: KT. CHỦ TỊCH\nchuc-vu: PHÓ "
                   "CHỦ TỊCH\nho-ten: "
                   "Lê Thị Thìn\n"),
            R"(                                                  TM. ỦY BAN NHÂN DÂN
                                                      KT. CHỦ TỊCH
                                                      PHÓ CHỦ TỊCH



                                                      Lê Thị Thìn
)");
}

TEST(TextWriter, RecipientsBesideSignatureInEitherOrder) {
  const std::string expected = R"(Nơi nhận:                                               CHỦ TỊCH
- Như trên;
- Thường trực Tỉnh ủy, HĐND tỉnh (để
  b/c);
- Lưu: VT, NN.                                      Nguyễn Đình Xứng
)";
  const std::string signature = "@chu-ky\nchuc-vu: CHỦ TỊCH\nho-ten: Nguyễn Đình Xứng\n";
  const std::string recipients =
      "@noi-nhan\n- Như trên;\n- Thường trực Tỉnh ủy, HĐND tỉnh (để b/c);\n- Lưu: VT, NN.\n";
  EXPECT_EQ(render(signature + "\n" + recipients), expected);
  EXPECT_EQ(render(recipients + "\n" + signature), expected);
}

TEST(TextWriter, RecipientsAlone) {
  EXPECT_EQ(render("@noi-nhan\n- Như trên;\n- Lưu: VT.\n"), "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n");
}

// ---------------------------------------------------------------------------
// Tables

TEST(TextWriter, SimpleTable) {
  EXPECT_EQ(render("@bang ten=\"Biểu 1\"\n| STT | Nội dung | Dự toán |\n| 1 | Tuyên truyền | "
                   "1.000.000 |\n| 2 | Hội "
                   "nghị | 250.000 |\n"),
            R"(              Biểu 1
┌─────┬──────────────┬───────────┐
│ STT │   Nội dung   │  Dự toán  │
╞═════╪══════════════╪═══════════╡
│   1 │ Tuyên truyền │ 1.000.000 │
├─────┼──────────────┼───────────┤
│   2 │ Hội nghị     │   250.000 │
└─────┴──────────────┴───────────┘
)");
}

TEST(TextWriter, TableWithoutHeaderAndExplicitAlignment) {
  EXPECT_EQ(render("@bang tieu-de=0 canh=\"giua,phai\"\n| a | bb |\n| ccc | d |\n"),
            R"(┌─────┬────┐
│  a  │ bb │
├─────┼────┤
│ ccc │  d │
└─────┴────┘
)");
}

TEST(TextWriter, TableSpansAndSubtotal) {
  EXPECT_EQ(render("@bang tieu-de=2\n| STT | Nội dung | Kinh phí | < |\n| ^ | ^ | Dự toán | Giải "
                   "ngân |\n| 1 | Tuyên "
                   "truyền | 1.000.000 | 800.000 |\n| 2 | Hội nghị | 2.500.000 | ^ |\n|+ Cộng | < "
                   "| 3.500.000 | "
                   "800.000 |\n"),
            R"(┌─────┬──────────────┬───────────────────────┐
│ STT │   Nội dung   │       Kinh phí        │
│     │              ├───────────┬───────────┤
│     │              │  Dự toán  │ Giải ngân │
╞═════╪══════════════╪═══════════╪═══════════╡
│   1 │ Tuyên truyền │ 1.000.000 │   800.000 │
├─────┼──────────────┼───────────┤           │
│   2 │ Hội nghị     │ 2.500.000 │           │
├─────┴──────────────┼───────────┼───────────┤
│ Cộng               │ 3.500.000 │   800.000 │
└────────────────────┴───────────┴───────────┘
)");
}

TEST(TextWriter, RectangularMergedCell) {
  EXPECT_EQ(render("@bang tieu-de=0\n| A | < | x |\n| ^ | ^ | y |\n| B | C | z |\n"),
            R"(┌───────┬───┐
│ A     │ x │
│       ├───┤
│       │ y │
├───┬───┼───┤
│ B │ C │ z │
└───┴───┴───┘
)");
}

TEST(TextWriter, RowSpannedTextFlowsIntoTheRuleLine) {
  EXPECT_EQ(render("@bang tieu-de=0\n| Nhóm thực phẩm chế biến | a |\n| ^ | b |\n", 24),
            R"(┌──────────────────┬───┐
│ Nhóm thực phẩm   │ a │
│ chế biến         ├───┤
│                  │ b │
└──────────────────┴───┘
)");
}

TEST(TextWriter, WideTableShrinksAndWraps) {
  const std::string text = render(
      "@bang ten=\"Bảng 2. Danh sách sản phẩm OCOP được công nhận năm 2019 trên địa bàn tỉnh Thanh "
      "Hóa\"\n"
      "| STT | Tên sản phẩm | Chủ thể | Địa chỉ | Hạng | Ghi chú |\n"
      "| 1 | Nước mắm Ba Làng truyền thống loại đặc biệt | Hợp tác xã chế biến thủy sản Ba Làng | "
      "Phường Hải "
      "Thanh, thị xã Nghi Sơn, tỉnh Thanh Hóa | 4 | Sản phẩm tiềm năng đạt 5 sao cấp quốc gia "
      "trong năm 2020 |\n"
      "| 2 | Chè lam Phủ Quảng | Cơ sở sản xuất bánh kẹo Thành Hương | Vĩnh Lộc | 3 | |\n"
      "|= Tổng cộng | < | < | < | 7 | |\n");
  expect_well_formed(text, 80);
  EXPECT_EQ(text, R"(Bảng 2. Danh sách sản phẩm OCOP được công nhận năm 2019 trên địa bàn tỉnh Thanh
                                      Hóa
┌─────┬───────────────┬─────────────┬─────────────────┬──────┬─────────────────┐
│ STT │ Tên sản phẩm  │   Chủ thể   │     Địa chỉ     │ Hạng │     Ghi chú     │
╞═════╪═══════════════╪═════════════╪═════════════════╪══════╪═════════════════╡
│   1 │ Nước mắm Ba   │ Hợp tác xã  │ Phường Hải      │    4 │ Sản phẩm tiềm   │
│     │ Làng truyền   │ chế biến    │ Thanh, thị xã   │      │ năng đạt 5 sao  │
│     │ thống loại    │ thủy sản Ba │ Nghi Sơn, tỉnh  │      │ cấp quốc gia    │
│     │ đặc biệt      │ Làng        │ Thanh Hóa       │      │ trong năm 2020  │
├─────┼───────────────┼─────────────┼─────────────────┼──────┼─────────────────┤
│   2 │ Chè lam Phủ   │ Cơ sở sản   │ Vĩnh Lộc        │    3 │                 │
│     │ Quảng         │ xuất bánh   │                 │      │                 │
│     │               │ kẹo Thành   │                 │      │                 │
│     │               │ Hương       │                 │      │                 │
├─────┴───────────────┴─────────────┴─────────────────┼──────┼─────────────────┤
│ Tổng cộng                                           │    7 │                 │
└─────────────────────────────────────────────────────┴──────┴─────────────────┘
)");
}

TEST(TextWriter, VeryLongCellWordIsCut) {
  const std::string text = render("| a | b |\n| " + std::string(120, 'x') + " | c |\n");
  expect_well_formed(text, 80);
  EXPECT_NE(text.find("│ " + std::string(72, 'x') + " │ c │"), std::string::npos) << text;
}

TEST(TextWriter, TableTooWideToFitStillDrawsEveryColumn) {
  std::string row = "|";
  for (int i = 0; i < 40; ++i) row += " ô |";
  const std::vector<std::string> lines = lines_of(render(row + "\n" + row + "\n"));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(code_points(lines[0]), 3u * 40 + 1 + 40);  // one column per cell, at least one wide
}

TEST(TextWriter, HandBuiltTableWithImpossibleSpanFallsBack) {
  // A span that covers a cell which is not marked covered: drawn unmerged.
  Table table;
  table.columns.resize(2);
  TableRow row;
  row.cells.resize(2);
  row.cells[0].text = {Span{"a"}};
  row.cells[0].col_span = 5;
  row.cells[1].text = {Span{"b"}};
  table.rows.push_back(row);
  TableRow short_row;  // fewer cells than columns
  short_row.cells.resize(1);
  short_row.cells[0].text = {Span{"c"}};
  table.rows.push_back(short_row);
  Document document;
  document.blocks.push_back(table);
  EXPECT_EQ(write_text(document), R"(┌───┬───┐
│ a │ b │
├───┼───┤
│ c │   │
└───┴───┘
)");
}

// ---------------------------------------------------------------------------
// Charts, page breaks, table of contents

TEST(TextWriter, ChartWithOneSeries) {
  EXPECT_EQ(render("@bieu-do tieu-de=\"Sản phẩm theo hạng sao\" don-vi=\"sản phẩm\"\n| Hạng | Số "
                   "sản phẩm |\n| 3 sao "
                   "| 20 |\n| 4 sao | 12 |\n| 5 sao | 0 |\n",
                   60),
            R"(                   Sản phẩm theo hạng sao
                     (Đơn vị: sản phẩm)
3 sao ████████████████████████████████████████ 20
4 sao ████████████████████████ 12
5 sao 0
)");
}

// Each series in one precision: 2019 has a 2,5, so its 10 prints "10,0";
// 2020 is whole.
TEST(TextWriter, ChartWithSeveralSeries) {
  EXPECT_EQ(render("@bieu-do loai=thanh\n| Huyện | 2019 | 2020 |\n| Nga Sơn | 10 | 5 |\n| Hậu Lộc "
                   "| 2,5 | 20 |\n",
                   60),
            R"(Nga Sơn 2019 ████████████████████ 10,0
        2020 ██████████ 5
Hậu Lộc 2019 █████ 2,5
        2020 ████████████████████████████████████████ 20
)");
}

// A category name longer than a third of the line (20 of 60 columns) wraps
// down the lines of its series, and past them when it needs more.
TEST(TextWriter, ChartCategoryNamesWrapInsteadOfBeingCut) {
  EXPECT_EQ(
      render("@bieu-do loai=thanh\n| Dự án | Dự toán | Giải ngân |\n"
             "| I. Tuyên truyền, hướng dẫn về Chương trình OCOP | 4 | 2 |\n"
             "| II. Hỗ trợ phát triển sản phẩm, tiêu chuẩn hóa và xúc tiến thương mại | 8 | 1 |\n",
             60),
      R"(I. Tuyên truyền,     Dự toán   ██████████████ 4
hướng dẫn về Chương  Giải ngân ███████ 2
trình OCOP
II. Hỗ trợ phát      Dự toán   ███████████████████████████ 8
triển sản phẩm, tiêu Giải ngân ███ 1
chuẩn hóa và xúc
tiến thương mại
)");
}

TEST(TextWriter, StackedChartDrawsOneBarPerCategoryWithItsParts) {
  // Each series has its own shade; the bar of a category is as long as its
  // total (Nga Sơn's 4 + 2 + 0 draws 21 of the longest bar's 35: what the
  // 60 columns leave after the names and the figures), and the parts are
  // written after the total.
  EXPECT_EQ(render("@bieu-do loai=cot-chong tieu-de=\"Sản phẩm theo hạng sao\"\n"
                   "| Huyện | 3 sao | 4 sao | 5 sao |\n| Nga Sơn | 4 | 2 | 0 |\n"
                   "| Hậu Lộc | 5 | 4 | 1 |\n| Mường Lát | 0 | 0 | 0 |\n",
                   60),
            R"(                   Sản phẩm theo hạng sao
█ 3 sao   ▓ 4 sao   ▒ 5 sao
Nga Sơn   ██████████████▓▓▓▓▓▓▓ 6 (4 + 2 + 0)
Hậu Lộc   ██████████████████▓▓▓▓▓▓▓▓▓▓▓▓▓▓▒▒▒ 10 (5 + 4 + 1)
Mường Lát 0 (0 + 0 + 0)
)");
}

TEST(TextWriter, StackedChartWithANegativeValueKeepsEachSeriesOnItsOwnBar) {
  // The PDF stacks a negative part below zero; a bar of characters cannot,
  // so the preview shows each series as in a grouped chart, signs kept.
  EXPECT_EQ(render("@bieu-do loai=cot-chong\n| Quỹ | Thu | Chi |\n| Nga Sơn | 5 | -3 |\n", 60),
            R"(Nga Sơn Thu ████████████████████████████████████████ 5
        Chi ████████████████████████ -3
)");
}

TEST(TextWriter, PageBreakOrientationAndContents) {
  EXPECT_EQ(render("# Phần thứ nhất\n\n@trang-ngang\n@muc-luc\n## I. MỤC ĐÍCH^[chú thích]\n### 1. "
                   "Mục đích\n#### 1.1. "
                   "Chi tiết\n@ngat-trang\n@trang-doc\nCuối.",
                   40),
            R"(Phần thứ nhất

                MỤC LỤC
Phần thứ nhất
  I. MỤC ĐÍCH
    1. Mục đích

I. MỤC ĐÍCH[1]

1. Mục đích

1.1. Chi tiết

                 · · ·

    Cuối.

────────
[1] chú thích
)");
}

TEST(TextWriter, OutputIsDeterministic) {
  const Document document =
      parse_markup("# A^[x]\n\n@bang tieu-de=0\n| a | b |\n| 1 | ^ |\n\n@chu-ky\nchuc-vu: X\n");
  EXPECT_EQ(write_text(document), write_text(document));
}

// ---------------------------------------------------------------------------
// A real document: part II items 1 and 2.1–2.2 of the Thanh Hóa OCOP plan
// (2018), with its header, title, a budget table and the signature.

constexpr std::string_view kSeedMarkup = R"(@dau-van-ban
co-quan: ỦY BAN NHÂN DÂN TỈNH THANH HÓA
so: Số: 1541/KH-UBND
dia-danh-ngay: Thanh Hóa, ngày 07 tháng 8 năm 2018

@ten-van-ban
loai: KẾ HOẠCH
trich-yeu: Triển khai thực hiện Quyết định số 490/QĐ-TTg ngày 07/5/2018 của Thủ tướng Chính phủ về phê duyệt Chương trình “Mỗi xã một sản phẩm” giai đoạn 2018 - 2020, trên địa bàn tỉnh Thanh Hóa

## II. NỘI DUNG
### 1. Tổ chức Hội nghị cấp tỉnh công bố kế hoạch triển khai và khởi động Chương trình.
- Giới thiệu nội dung Chương trình “Mỗi xã, một sản phẩm”;
- Giới thiệu nguồn gốc, xuất xứ và nội dung Chương trình “Mỗi xã, một sản phẩm”, xu hướng phát triển, sự thành công và các bài học kinh nghiệm trên thế giới và Việt Nam;
- Triển khai các nội dung Chương trình OCOP-TH (sau khi Đề án được UBND tỉnh phê duyệt).

### 2. Xây dựng và hoàn thiện Đề án “Mỗi xã một sản phẩm” tỉnh Thanh Hóa, giai đoạn 2018-2020, định hướng đến năm 2030.
#### 2.1. Xây dựng và hoàn thiện đề cương đề án “Mỗi xã một sản phẩm” tỉnh Thanh Hóa, giai đoạn 2018-2020, định hướng đến năm 2030.
- Thời gian: Tháng 08/2018.
- Đơn vị thực hiện: Văn phòng Điều phối Xây dựng nông thôn mới tỉnh.
- Đơn vị phối hợp thực hiện: Sở Nông nghiệp và PTNT.
- Nội dung: Trên cơ sở Đề cương Đề án “Chương trình mỗi xã một sản phẩm” giai đoạn 2017-2020, định hướng đến năm 2030 được ban hành tại Quyết định số 2277/QĐ-BNN-VPĐP ngày 05 tháng 6 năm 2017 của Bộ Nông nghiệp và PTNT và điều kiện thực tế của tỉnh, cụ thể hóa, xác lập Đề cương đề án Chương trình OCOP-TH^[Chữ OCOP (viết tắt từ One commune one product).], giai đoạn 2018-2020, định hướng đến năm 2030.

(Có đề cương chi tiết kèm theo).
#### 2.2. Đánh giá thực trạng sản phẩm hàng hóa chủ lực, có lợi thế, các chủ thể kinh tế có tiềm năng thực hiện Chương trình OCOP-TH.
- Thời gian: Tháng 8-9/2018.
- Đơn vị thực hiện: Văn phòng Điều phối Xây dựng nông thôn mới tỉnh.
- Đơn vị phối hợp thực hiện: Sở Công thương, UBND cấp huyện, đơn vị tư vấn.
- Nội dung:
+ Bước 1: Thu thập các thông tin về điều kiện tự nhiên, kinh tế, xã hội và các Chương trình, chính sách phát triển kinh tế - xã hội vùng nông thôn của Trung ương, địa phương liên quan đến Chương trình.
+ Bước 2: Tổ chức khảo sát đánh giá thực trạng sản phẩm hàng hóa chủ lực, có lợi thế của các chủ thể kinh tế tại cấp huyện.
+ Bước 3: Tổ chức khảo sát thực tế các chủ thể kinh tế có tiềm năng tham gia Chương trình OCOP-TH.

@bang ten="Dự toán kinh phí" tieu-de=2 cot="1cm,4*,2*,2*"
| STT | Nội dung | Kinh phí (đồng) | < |
| ^ | ^ | Dự toán | Đã cấp |
| 1 | Hội nghị khởi động | 150.000.000 | 150.000.000 |
| 2 | Xây dựng đề cương | 80.000.000 | ^ |
|+ Cộng | < | 230.000.000 | 150.000.000 |

@noi-nhan
- Thủ tướng Chính phủ (để b/c);
- Bộ Nông nghiệp và PTNT (để b/c);
- Lưu: VT, NN.

@chu-ky
quyen-han: TM. ỦY BAN NHÂN DÂN
chuc-vu: CHỦ TỊCH
ho-ten: Nguyễn Đình Xứng
)";

TEST(TextWriterSeed, KeyLines) {
  const Document document = parse_markup(kSeedMarkup);
  const std::string text = write_text(document);
  expect_well_formed(text, 80);
  const std::vector<std::string> lines = lines_of(text);
  const auto has_line = [&](std::string_view expected) {
    return std::find(lines.begin(), lines.end(), expected) != lines.end();
  };
  const auto index_of = [&](std::string_view expected) {
    return static_cast<size_t>(std::find(lines.begin(), lines.end(), expected) - lines.begin());
  };

  EXPECT_EQ(lines[0],
            "     ỦY BAN NHÂN DÂN TỈNH THANH HÓA        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(lines[3],
            "            Số: 1541/KH-UBND              Thanh Hóa, ngày 07 tháng 8 năm 2018");
  EXPECT_TRUE(has_line("                                    KẾ HOẠCH"));
  EXPECT_TRUE(has_line("II. NỘI DUNG"));
  // A wrapped heading, then its items directly under it.
  const size_t heading =
      index_of("1. Tổ chức Hội nghị cấp tỉnh công bố kế hoạch triển khai và khởi động Chương");
  ASSERT_LT(heading + 2, lines.size());
  EXPECT_EQ(lines[heading - 1], "");
  EXPECT_EQ(lines[heading + 1], "trình.");
  EXPECT_EQ(lines[heading + 2], "- Giới thiệu nội dung Chương trình “Mỗi xã, một sản phẩm”;");
  EXPECT_TRUE(has_line("- Thời gian: Tháng 08/2018."));
  EXPECT_TRUE(has_line("- Thời gian: Tháng 8-9/2018."));
  EXPECT_TRUE(has_line("  Việt Nam;"));  // hanging indent of a wrapped item
  EXPECT_TRUE(
      has_line("    + Bước 1: Thu thập các thông tin về điều kiện tự nhiên, kinh tế, xã hội và"));
  EXPECT_TRUE(
      has_line("    + Bước 3: Tổ chức khảo sát thực tế các chủ thể kinh tế có tiềm năng tham gia"));
  EXPECT_TRUE(has_line("      Chương trình OCOP-TH."));
  EXPECT_TRUE(has_line("    (Có đề cương chi tiết kèm theo)."));
  EXPECT_TRUE(has_line("  OCOP-TH[1], giai đoạn 2018-2020, định hướng đến năm 2030."));

  // The table: merged header, row-spanned amount, subtotal.
  const size_t caption = index_of("                    Dự toán kinh phí");
  ASSERT_LT(caption + 10, lines.size());
  EXPECT_EQ(lines[caption + 1], "┌─────┬────────────────────┬───────────────────────────┐");
  EXPECT_EQ(lines[caption + 2], "│ STT │      Nội dung      │      Kinh phí (đồng)      │");
  EXPECT_EQ(lines[caption + 3], "│     │                    ├─────────────┬─────────────┤");
  EXPECT_EQ(lines[caption + 5], "╞═════╪════════════════════╪═════════════╪═════════════╡");
  EXPECT_EQ(lines[caption + 7], "├─────┼────────────────────┼─────────────┤             │");
  EXPECT_EQ(lines[caption + 8], "│   2 │ Xây dựng đề cương  │  80.000.000 │             │");
  EXPECT_EQ(lines[caption + 10], "│ Cộng                     │ 230.000.000 │ 150.000.000 │");

  // Nơi nhận beside the signature, the name three blank lines below.
  const size_t closing =
      index_of("Nơi nhận:                                         TM. ỦY BAN NHÂN DÂN");
  ASSERT_LT(closing + 5, lines.size());
  EXPECT_EQ(lines[closing + 1],
            "- Thủ tướng Chính phủ (để b/c);" + std::string(25, ' ') + "CHỦ TỊCH");
  EXPECT_EQ(lines[closing + 5],
            "                                                    Nguyễn Đình Xứng");

  EXPECT_EQ(lines[lines.size() - 2], "────────");
  EXPECT_EQ(lines.back(), "[1] Chữ OCOP (viết tắt từ One commune one product).");
}

TEST(TextWriterSeed, NarrowWidthKeepsTheInvariants) {
  const Document document = parse_markup(kSeedMarkup);
  for (int width : {40, 60, 100}) {
    SCOPED_TRACE(width);
    expect_well_formed(write_text(document, TextWriterOptions{width}), static_cast<size_t>(width));
  }
}

}  // namespace
}  // namespace ocopdoc::doc

namespace ocopdoc::doc {
namespace {

TEST(TextWrap, ASpacedDashStaysWithTheWordBeforeIt) {
  // "giai đoạn 2018 -" is 16 wide: the dash goes with 2018 onto the second
  // line rather than starting the third ("- 2020" would read as a list item).
  EXPECT_EQ(text_layout::wrap("giai đoạn 2018 - 2020", 15),
            (std::vector<std::string>{"giai đoạn", "2018 - 2020"}));
  EXPECT_EQ(text_layout::wrap("giai đoạn 2018 - 2020", 16),
            (std::vector<std::string>{"giai đoạn 2018 -", "2020"}));
  EXPECT_EQ(text_layout::wrap("a - b", 80), (std::vector<std::string>{"a - b"}));
}

}  // namespace
}  // namespace ocopdoc::doc
