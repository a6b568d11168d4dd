// Unit tests for the document markup parser (docs/markup.md) and
// escape_markup().

#include "doc/markup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "doc/text_writer.h"

namespace ocopdoc::doc {
namespace {

// ---------------------------------------------------------------------------
// Helpers

Span plain(std::string text) {
  Span span;
  span.text = std::move(text);
  return span;
}

Span styled(std::string text, bool bold, bool italic, bool underline = false) {
  Span span = plain(std::move(text));
  span.bold = bold;
  span.italic = italic;
  span.underline = underline;
  return span;
}

Span with_break(Span span) {
  span.line_break = true;
  return span;
}

Span reference(int number) {
  Span span = plain(std::to_string(number));
  span.footnote = number;
  return span;
}

template <typename T>
const T& block_as(const Document& document, size_t index) {
  EXPECT_LT(index, document.blocks.size());
  const T* block = std::get_if<T>(&document.blocks.at(index));
  if (block == nullptr)
    throw std::runtime_error("block " + std::to_string(index) + " has another type");
  return *block;
}

Inline paragraph_of(std::string_view markup) {
  const Document document = parse_markup(markup);
  EXPECT_EQ(document.blocks.size(), 1u);
  return block_as<Paragraph>(document, 0).text;
}

// Expects parse_markup to fail at `line` with a message containing `part`.
void expect_error(std::string_view markup, int line, std::string_view part) {
  try {
    parse_markup(markup);
    ADD_FAILURE() << "no error for: " << markup.substr(0, 200);
  } catch (const MarkupError& error) {
    EXPECT_EQ(error.line(), line) << error.what();
    EXPECT_NE(std::string(error.what()).find(part), std::string::npos)
        << "message: " << error.what() << "\nexpected to contain: " << part;
  }
}

// By value: callers pass the temporary result of parse_markup().
Table only_table(const Document& document) {
  EXPECT_EQ(document.blocks.size(), 1u);
  return block_as<Table>(document, 0);
}

// ---------------------------------------------------------------------------
// Paragraphs and whitespace

TEST(MarkupParagraph, LinesJoinWithOneSpace) {
  const Document document = parse_markup("Cụ thể hóa mục tiêu,\nnhiệm vụ và giải pháp.\n");
  ASSERT_EQ(document.blocks.size(), 1u);
  const Paragraph& paragraph = block_as<Paragraph>(document, 0);
  EXPECT_EQ(paragraph.text, Inline{plain("Cụ thể hóa mục tiêu, nhiệm vụ và giải pháp.")});
  EXPECT_EQ(paragraph.align, Align::kJustify);
  EXPECT_TRUE(paragraph.indent_first_line);
  EXPECT_EQ(paragraph.line, 1);
}

TEST(MarkupParagraph, BlankLinesSeparateParagraphs) {
  const Document document = parse_markup("Đoạn một.\n\n\n   \nĐoạn hai.\n");
  ASSERT_EQ(document.blocks.size(), 2u);
  EXPECT_EQ(block_as<Paragraph>(document, 0).text, Inline{plain("Đoạn một.")});
  EXPECT_EQ(block_as<Paragraph>(document, 1).text, Inline{plain("Đoạn hai.")});
  EXPECT_EQ(block_as<Paragraph>(document, 1).line, 5);
}

TEST(MarkupParagraph, WhitespaceCollapsesAndTrims) {
  // U+2003 (em space) and U+3000 (ideographic space) are spaces like any other.
  EXPECT_EQ(paragraph_of("  a \t  b\xE2\x80\x83\xE3\x80\x80 c   \n   d  "),
            Inline{plain("a b c d")});
}

TEST(MarkupParagraph, NoBreakSpacesAreKept) {
  // A template writes them to keep a number with its unit.
  EXPECT_EQ(paragraph_of("11.129,48\xC2\xA0km\xC2\xB2 và 5\xE2\x80\xAF%"),
            Inline{plain("11.129,48\xC2\xA0km\xC2\xB2 và 5\xE2\x80\xAF%")});
}

TEST(MarkupParagraph, ControlAndZeroWidthCharactersAreDropped) {
  EXPECT_EQ(paragraph_of("Nga\xE2\x80\x8BSơn\x01!"), Inline{plain("NgaSơn!")});
}

TEST(MarkupParagraph, TextComesOutNfc) {
  // "Hòa" with a combining grave accent (U+0300) composes to U+00F2.
  EXPECT_EQ(paragraph_of("Ho\xCC\x80"
                         "a"),
            Inline{plain("H\xC3\xB2"
                         "a")});
}

TEST(MarkupParagraph, CrLfAndByteOrderMarkAreAccepted) {
  const Document document = parse_markup("\xEF\xBB\xBFmột\r\nhai\r\n\r\n# ba\r\n");
  ASSERT_EQ(document.blocks.size(), 2u);
  EXPECT_EQ(block_as<Paragraph>(document, 0).text, Inline{plain("một hai")});
  EXPECT_EQ(block_as<Heading>(document, 1).line, 4);
}

TEST(MarkupParagraph, TrailingBackslashBreaksTheLine) {
  EXPECT_EQ(paragraph_of("Dòng một \\\ndòng hai\\\n"),
            (Inline{with_break(plain("Dòng một")), plain("dòng hai")}));
  // An escaped backslash at the end is a backslash, not a break.
  EXPECT_EQ(paragraph_of("C:\\\\\ntiếp"), Inline{plain("C:\\ tiếp")});
}

TEST(MarkupParagraph, BreakEscapeAndEdgeTrimming) {
  EXPECT_EQ(paragraph_of("a \\n  b"), (Inline{with_break(plain("a")), plain("b")}));
  EXPECT_EQ(paragraph_of("\\na\\n"), Inline{plain("a")});
  EXPECT_EQ(paragraph_of("a\\n\\nb"),
            (Inline{with_break(plain("a")), with_break(plain("")), plain("b")}));
}

TEST(MarkupParagraph, AMarkerLineEndsTheParagraph) {
  const Document document =
      parse_markup("(Có đề cương chi tiết kèm theo).\n#### 2.2. Đánh giá\nTiếp theo\n- mục\n");
  ASSERT_EQ(document.blocks.size(), 4u);
  EXPECT_EQ(block_as<Paragraph>(document, 0).text,
            Inline{plain("(Có đề cương chi tiết kèm theo).")});
  EXPECT_EQ(block_as<Heading>(document, 1).level, 4);
  EXPECT_EQ(block_as<Paragraph>(document, 2).line, 3);
  EXPECT_EQ(block_as<ListItem>(document, 3).line, 4);
}

TEST(MarkupParagraph, IndentedTemplateLinesAreRecognised) {
  const Document document = parse_markup("    ## I. MỤC ĐÍCH\n\t- mục\n");
  ASSERT_EQ(document.blocks.size(), 2u);
  EXPECT_EQ(block_as<Heading>(document, 0).level, 2);
  EXPECT_EQ(block_as<ListItem>(document, 1).text, Inline{plain("mục")});
}

TEST(MarkupParagraph, EmptyMarkupIsAnEmptyDocument) {
  EXPECT_TRUE(parse_markup("").blocks.empty());
  EXPECT_TRUE(parse_markup("\n\n  \n").blocks.empty());
}

// ---------------------------------------------------------------------------
// Headings, list items, quotes

TEST(MarkupHeading, LevelsOneToFive) {
  const Document document = parse_markup(
      "# Phần thứ nhất\n## I. MỤC ĐÍCH, YÊU CẦU\n### 1. Mục đích.\n#### 2.1. Xây dựng đề "
      "cương\n##### a) Nhóm sản "
      "phẩm Thực phẩm.\n");
  ASSERT_EQ(document.blocks.size(), 5u);
  const char* texts[] = {"Phần thứ nhất", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích.",
                         "2.1. Xây dựng đề cương", "a) Nhóm sản phẩm Thực phẩm."};
  for (int i = 0; i < 5; ++i) {
    const Heading& heading = block_as<Heading>(document, static_cast<size_t>(i));
    EXPECT_EQ(heading.level, i + 1);
    EXPECT_EQ(heading.text, Inline{plain(texts[i])});
    EXPECT_EQ(heading.line, i + 1);
  }
}

TEST(MarkupHeading, SixHashesIsAnError) {
  expect_error("đoạn\n\n###### quá sâu\n", 3, "6 dấu #");
  expect_error(std::string(10000, '#'), 1, "10000 dấu #");
}

TEST(MarkupHeading, InlineMarkupInHeadings) {
  const Document document = parse_markup("## I. **MỤC** TIÊU\n");
  EXPECT_EQ(block_as<Heading>(document, 0).text,
            (Inline{plain("I. "), styled("MỤC", true, false), plain(" TIÊU")}));
}

TEST(MarkupList, DashAndPlusItems) {
  const Document document =
      parse_markup("- Thời gian: Tháng 08/2018.\n+ Bước 1: Thu thập thông tin.\n");
  ASSERT_EQ(document.blocks.size(), 2u);
  const ListItem& first = block_as<ListItem>(document, 0);
  EXPECT_EQ(first.level, 1);
  EXPECT_EQ(first.marker, "-");
  EXPECT_EQ(first.text, Inline{plain("Thời gian: Tháng 08/2018.")});
  const ListItem& second = block_as<ListItem>(document, 1);
  EXPECT_EQ(second.level, 2);
  EXPECT_EQ(second.marker, "+");
  EXPECT_EQ(second.line, 2);
}

TEST(MarkupList, MarkerWithoutSpaceIsText) {
  const Document document = parse_markup("-5 độ C là nhiệt độ\n+84 là mã vùng\n");
  ASSERT_EQ(document.blocks.size(), 1u);
  EXPECT_EQ(block_as<Paragraph>(document, 0).text,
            Inline{plain("-5 độ C là nhiệt độ +84 là mã vùng")});
}

TEST(MarkupList, EachItemIsOneLine) {
  const Document document = parse_markup("- mục một\ntiếp theo là đoạn văn\n");
  ASSERT_EQ(document.blocks.size(), 2u);
  EXPECT_EQ(block_as<ListItem>(document, 0).text, Inline{plain("mục một")});
  EXPECT_EQ(block_as<Paragraph>(document, 1).text, Inline{plain("tiếp theo là đoạn văn")});
}

TEST(MarkupQuote, ConsecutiveLinesAreOneQuote) {
  const Document document = parse_markup("> Điều 1. Phê duyệt\n>Điều 2. Giao\n\n> khác\n");
  ASSERT_EQ(document.blocks.size(), 2u);
  const Quote& quote = block_as<Quote>(document, 0);
  EXPECT_EQ(quote.lines,
            (std::vector<Inline>{{plain("Điều 1. Phê duyệt")}, {plain("Điều 2. Giao")}}));
  EXPECT_EQ(block_as<Quote>(document, 1).line, 4);
}

// ---------------------------------------------------------------------------
// Inline markup

TEST(MarkupInline, BoldItalicUnderline) {
  EXPECT_EQ(
      paragraph_of("a **đậm** *nghiêng* __gạch__ b"),
      (Inline{plain("a "), styled("đậm", true, false), plain(" "), styled("nghiêng", false, true),
              plain(" "), styled("gạch", false, false, true), plain(" b")}));
}

TEST(MarkupInline, MarkersNest) {
  EXPECT_EQ(paragraph_of("**bold *and italic* text**"),
            (Inline{styled("bold ", true, false), styled("and italic", true, true),
                    styled(" text", true, false)}));
  EXPECT_EQ(paragraph_of("***x***"), Inline{styled("x", true, true)});
  EXPECT_EQ(paragraph_of("__**a**__"), Inline{styled("a", true, false, true)});
}

TEST(MarkupInline, SpacesKeepTheStyleTheyWereWrittenIn) {
  EXPECT_EQ(paragraph_of("__a__ b"), (Inline{styled("a", false, false, true), plain(" b")}));
  EXPECT_EQ(paragraph_of("a  **  b  **  c"),
            (Inline{plain("a "), styled("b ", true, false), plain("c")}));
}

TEST(MarkupInline, EscapesPrintLiterally) {
  EXPECT_EQ(
      paragraph_of("\\*không đậm\\* \\_\\_x\\_\\_ \\^\\[1\\] a\\\\b \\@ \\# \\| \\{\\{x\\}\\}"),
      Inline{plain("*không đậm* __x__ ^[1] a\\b @ # | {{x}}")});
  EXPECT_EQ(paragraph_of("\\ủ"), Inline{plain("ủ")});
  EXPECT_EQ(paragraph_of("kết thúc \\"), Inline{plain("kết thúc")});
}

TEST(MarkupInline, LoneUnderscoreCaretAndBracketsAreText) {
  EXPECT_EQ(paragraph_of("ma_so x^2 [a] b]"), Inline{plain("ma_so x^2 [a] b]")});
}

TEST(MarkupInline, EvenRunsOfAsterisksCancel) {
  EXPECT_EQ(paragraph_of("a****b"), Inline{plain("ab")});
  EXPECT_EQ(paragraph_of("a" + std::string(10000, '*') + "b"), Inline{plain("ab")});
}

TEST(MarkupInline, UnclosedMarkersNameTheLine) {
  expect_error("**đậm mà không đóng", 1, "** (chữ đậm)");
  expect_error("dòng một\ndòng hai *nghiêng\ndòng ba", 2, "* (chữ nghiêng)");
  expect_error("\n\n__gạch", 3, "__ (gạch chân)");
  expect_error("a" + std::string(10001, '*') + "b", 1, "chưa được đóng");
  expect_error("# tiêu đề **x", 1, "chữ đậm");
  expect_error("- mục ^[chú thích", 1, "chưa được đóng bằng dấu ]");
}

TEST(MarkupInline, UnclosedMarkerInsideAFootnote) {
  expect_error("a^[**x] b**", 1, "chữ đậm");
}

TEST(MarkupFootnote, NumberedInOrderOfReference) {
  const Document document = parse_markup(
      "# Tiêu đề^[Chú thích **một**]\n\nĐoạn^[hai] và^[ba *nghiêng*].\n\n| a | b^[bốn] |\n| 1 | 2 "
      "|\n");
  ASSERT_EQ(document.footnotes.size(), 4u);
  EXPECT_EQ(document.footnotes[0], (Inline{plain("Chú thích "), styled("một", true, false)}));
  EXPECT_EQ(document.footnotes[1], Inline{plain("hai")});
  EXPECT_EQ(document.footnotes[2], (Inline{plain("ba "), styled("nghiêng", false, true)}));
  EXPECT_EQ(document.footnotes[3], Inline{plain("bốn")});
  EXPECT_EQ(block_as<Heading>(document, 0).text, (Inline{plain("Tiêu đề"), reference(1)}));
  EXPECT_EQ(block_as<Paragraph>(document, 1).text,
            (Inline{plain("Đoạn"), reference(2), plain(" và"), reference(3), plain(".")}));
  const Table& table = block_as<Table>(document, 2);
  EXPECT_EQ(table.rows[0].cells[1].text, (Inline{plain("b"), reference(4)}));
}

TEST(MarkupFootnote, ReferenceKeepsTheSurroundingStyle) {
  Span bold_reference = reference(1);
  bold_reference.bold = true;
  EXPECT_EQ(paragraph_of("**Đậm^[x]**"), (Inline{styled("Đậm", true, false), bold_reference}));
}

TEST(MarkupFootnote, Errors) {
  expect_error("a^[b^[c]]", 1, "không lồng nhau");
  expect_error("a ^[ ] b", 1, "không có nội dung");
  expect_error("@dau-van-ban\nco-quan: SỞ^[x]\n", 2, "@dau-van-ban");
  expect_error(std::string(20000, '^') + "[", 1, "chưa được đóng");
}

TEST(MarkupFootnote, HundredThousandOpeningsFailCleanly) {
  std::string hostile;
  for (int i = 0; i < 100000; ++i) hostile += "^[";
  expect_error(hostile, 1, "không lồng nhau");
}

// ---------------------------------------------------------------------------
// ND 30 directives

TEST(MarkupDirective, Header) {
  const Document document = parse_markup(
      "@dau-van-ban\n"
      "co-quan-chu-quan: ủy ban nhân dân tỉnh thanh hóa\n"
      "co-quan: Văn phòng điều phối nông thôn mới\n"
      "so: Số: 05/BC\\-VPĐP\n"
      "trich-yeu: V/v báo cáo kết quả\n"
      "dia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n");
  const NdHeader& header = block_as<NdHeader>(document, 0);
  EXPECT_EQ(header.parent_agency, "ỦY BAN NHÂN DÂN TỈNH THANH HÓA");
  EXPECT_EQ(header.agency, "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI");
  EXPECT_EQ(header.number, "Số: 05/BC-VPĐP");
  EXPECT_EQ(header.summary, "V/v báo cáo kết quả");
  EXPECT_EQ(header.place_date, "Thanh Hóa, ngày 05 tháng 02 năm 2019");
  EXPECT_EQ(header.line, 1);
}

TEST(MarkupDirective, AnUnissuedNumberKeepsItsBlank) {
  // Before issue the clerk writes the number by hand: the blank keeps eight
  // no-break spaces however many spaces the template wrote.
  const std::string blank = "Số: \u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0/KH-UBND";
  for (const char* written :
       {"so: Số:        /KH\\-UBND\n", "so: Số: /KH\\-UBND\n", "so: Số:/KH\\-UBND\n"}) {
    SCOPED_TRACE(written);
    const Document document = parse_markup(std::string("@dau-van-ban\nco-quan: UBND\n") + written);
    EXPECT_EQ(block_as<NdHeader>(document, 0).number, blank);
  }
  const Document numbered = parse_markup("@dau-van-ban\nco-quan: UBND\nso: Số: 12 /KH\\-UBND\n");
  EXPECT_EQ(block_as<NdHeader>(numbered, 0).number, "Số: 12 /KH-UBND");
}

TEST(MarkupDirective, HeaderErrors) {
  expect_error("@dau-van-ban\nco-quan: A\nđơn vị: B\n", 3, "khóa: giá trị");
  expect_error("@dau-van-ban\nco-quan: A\nso-hieu: 5\n", 3, "không có khóa “so-hieu”");
  expect_error("@dau-van-ban\nco-quan: A\nco-quan: B\n", 3, "chỉ được viết một lần");
  expect_error("@dau-van-ban\nco-quan: A\n@ten-van-ban\n", 3, "thiếu một dòng trống");
  expect_error("\n@dau-van-ban\n\nco-quan: A\n", 2, "ít nhất một dòng");
  expect_error("@dau-van-ban cot=1\nco-quan: A\n", 1, "không có thuộc tính nào");
}

TEST(MarkupDirective, PlainFieldsDropEmphasisAndResolveEscapes) {
  const Document document =
      parse_markup("@ten-van-ban\nloai: **Kế hoạch**\ntrich-yeu: Về \\*việc\\* a\\nb\n");
  const Title& title = block_as<Title>(document, 0);
  EXPECT_EQ(title.type, "KẾ HOẠCH");
  EXPECT_EQ(title.summary, std::vector<std::string>{"Về *việc* a b"});
}

TEST(MarkupDirective, Title) {
  const Document document = parse_markup(
      "@ten-van-ban\nloai: KẾ HOẠCH\ntrich-yeu: Triển khai thực hiện Quyết định số "
      "490/QĐ-TTg\ntrich-yeu: trên "
      "địa bàn tỉnh Thanh Hóa\n");
  const Title& title = block_as<Title>(document, 0);
  EXPECT_EQ(title.type, "KẾ HOẠCH");
  EXPECT_EQ(title.summary,
            (std::vector<std::string>{"Triển khai thực hiện Quyết định số 490/QĐ-TTg",
                                      "trên địa bàn tỉnh Thanh Hóa"}));
}

TEST(MarkupDirective, TitleWithoutSummaryAndEmptyBlocksAreAllowed) {
  const Document document = parse_markup("@ten-van-ban\nloai: QUYẾT ĐỊNH\n\n#\n-\n");
  ASSERT_EQ(document.blocks.size(), 3u);
  EXPECT_TRUE(block_as<Title>(document, 0).summary.empty());
  EXPECT_TRUE(block_as<Heading>(document, 1).text.empty());
  EXPECT_TRUE(block_as<ListItem>(document, 2).text.empty());
}

TEST(MarkupDirective, TitleWithoutTypeIsAnError) {
  expect_error("đoạn\n\n@ten-van-ban\ntrich-yeu: abc\n", 3, "thiếu dòng “loai:”");
  expect_error("@ten-van-ban\nloai: A\nloai: B\n", 3, "chỉ được viết một lần");
}

TEST(MarkupDirective, LineBodies) {
  const Document document = parse_markup(
      "@kinh-gui\nỦy ban nhân dân tỉnh\nSở Tài chính\n\n"
      "@can-cu\nCăn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Quyết định số 490/QĐ-TTg.\n\n"
      "@noi-nhan\n- Như trên;\n- Lưu: VT, NN.\n");
  ASSERT_EQ(document.blocks.size(), 3u);
  EXPECT_EQ(block_as<Addressees>(document, 0).lines,
            (std::vector<Inline>{{plain("Ủy ban nhân dân tỉnh")}, {plain("Sở Tài chính")}}));
  EXPECT_EQ(block_as<LegalBases>(document, 1).lines.size(), 2u);
  EXPECT_EQ(block_as<LegalBases>(document, 1).line, 5);
  EXPECT_EQ(block_as<Recipients>(document, 2).lines,
            (std::vector<Inline>{{plain("- Như trên;")}, {plain("- Lưu: VT, NN.")}}));
}

TEST(MarkupDirective, Signature) {
  const Document document = parse_markup(
      "@chu-ky\nquyen-han: TM. Ủy ban nhân dân\nquyen-han: KT. CHỦ TỊCH\nchuc-vu: phó chủ "
      "tịch\nho-ten: Nguyễn "
      "Đình Xứng\n");
  const Signature& signature = block_as<Signature>(document, 0);
  EXPECT_EQ(signature.authority,
            (std::vector<std::string>{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}));
  EXPECT_EQ(signature.name, "Nguyễn Đình Xứng");
}

TEST(MarkupDirective, SignatureErrors) {
  expect_error("@chu-ky\nquyen-han: TM. UBND\nho-ten: A\n", 1, "chuc-vu");
  expect_error("@chu-ky\nchuc-vu: CHỦ TỊCH\nho-ten: A\nho-ten: B\n", 4, "một lần");
  expect_error("@chu-ky\nchuc-vu: CHỦ TỊCH\nten: A\n", 3, "quyen-han, chuc-vu, ho-ten");
}

TEST(MarkupDirective, PageAndOrientation) {
  const Document document = parse_markup("@ngat-trang\n@trang-ngang\n@trang-doc\n# Phụ lục\n");
  ASSERT_EQ(document.blocks.size(), 4u);
  EXPECT_EQ(block_as<PageBreak>(document, 0).line, 1);
  EXPECT_TRUE(block_as<Orientation>(document, 1).landscape);
  EXPECT_FALSE(block_as<Orientation>(document, 2).landscape);
  EXPECT_EQ(block_as<Orientation>(document, 2).line, 3);
  EXPECT_EQ(block_as<Heading>(document, 3).line, 4);
}

TEST(MarkupDirective, TableOfContents) {
  const TableOfContents defaults = block_as<TableOfContents>(parse_markup("@muc-luc\n"), 0);
  EXPECT_EQ(defaults.title, "MỤC LỤC");
  EXPECT_EQ(defaults.max_level, 3);
  const TableOfContents custom =
      block_as<TableOfContents>(parse_markup("@muc-luc tieu-de=\"Nội dung\" cap=2"), 0);
  EXPECT_EQ(custom.title, "Nội dung");
  EXPECT_EQ(custom.max_level, 2);
  expect_error("@muc-luc cap=9", 1, "từ 1 đến 5");
  expect_error("@muc-luc cap=x", 1, "cap=x");
  expect_error("@muc-luc\n\n@muc-luc\n", 3, "chỉ có một @muc-luc");
}

TEST(MarkupDirective, AttributedParagraph) {
  const Document document =
      parse_markup("@doan canh=giua thut-dau=khong\n# không phải tiêu đề\n- cũng không\n");
  ASSERT_EQ(document.blocks.size(), 1u);
  const Paragraph& paragraph = block_as<Paragraph>(document, 0);
  EXPECT_EQ(paragraph.align, Align::kCenter);
  EXPECT_FALSE(paragraph.indent_first_line);
  EXPECT_EQ(paragraph.text, Inline{plain("# không phải tiêu đề - cũng không")});
  EXPECT_EQ(block_as<Paragraph>(parse_markup("@doan canh=phai\nx"), 0).align, Align::kRight);
  EXPECT_EQ(block_as<Paragraph>(parse_markup("@doan canh=trai\nx"), 0).align, Align::kLeft);
  EXPECT_EQ(block_as<Paragraph>(parse_markup("@doan canh=deu thut-dau=co\nx"), 0).align,
            Align::kJustify);
}

TEST(MarkupDirective, AttributedParagraphErrors) {
  expect_error("\n@doan canh=xyz\nchữ\n", 2, "canh=xyz");
  expect_error("@doan thut-dau=1\nchữ\n", 1, "thut-dau=1");
  expect_error("@doan canh=giua\n\nchữ\n", 1, "ít nhất một dòng");
}

TEST(MarkupDirective, UnknownDirectiveListsTheKnownOnes) {
  expect_error("đoạn\n\n@bảng\n| a |\n", 3, "@dau-van-ban, @ten-van-ban, @kinh-gui");
  expect_error("@", 1, "@muc-luc, @doan");
}

TEST(MarkupDirective, AttributeSyntaxErrors) {
  expect_error("@bang mau=do\n| a |\n", 1,
               "không có thuộc tính “mau”; các thuộc tính có thể dùng: cot, canh");
  expect_error("@bang ten=a ten=b\n| a |\n", 1, "hai lần");
  expect_error("@bang ten=\"không đóng\n| a |\n", 1, "thiếu dấu \" đóng");
  expect_error("@bang ten\n| a |\n", 1, "thiếu “=giá trị”");
  expect_error("@bang =x\n| a |\n", 1, "thuộc tính không hợp lệ");
  expect_error("@bang ten=\"a\"b\n| a |\n", 1, "cần một dấu cách");
}

TEST(MarkupDirective, AttributeValuesResolveEscapes) {
  const Document document =
      parse_markup("@bang ten=\"Biểu \\\"A\\\"  \\- 2018\\n2020\" trang-tinh=Du\\ toan\n| a |\n");
  const Table table = only_table(document);
  EXPECT_EQ(table.caption, "Biểu \"A\" - 2018 2020");
  EXPECT_EQ(table.sheet, "Du toan");
}

// ---------------------------------------------------------------------------
// Tables

TEST(MarkupTable, AllAttributes) {
  const Document document = parse_markup(
      "@bang cot=\"1cm,3*,2*,25mm\" canh=\"giua,trai,phai,phai\" tieu-de=1 ten=\"Biểu 1\" "
      "trang-tinh=\"Du toan\" "
      "so=\",,#,##0,#,##0.00\"\n"
      "| STT | Nội dung | Dự toán | Giải ngân |\n"
      "| 1 | Tuyên truyền | 1.000.000 | 800.000 |\n"
      "|+ Cộng | < | 1.000.000 | 800.000 |\n"
      "|= Tổng cộng | < | 1.000.000 | 800.000 |\n");
  const Table table = only_table(document);
  ASSERT_EQ(table.columns.size(), 4u);
  EXPECT_EQ(table.columns[0].width, (ColumnWidth{ColumnWidth::Kind::kMillimetres, 10}));
  EXPECT_EQ(table.columns[1].width, (ColumnWidth{ColumnWidth::Kind::kFraction, 3}));
  EXPECT_EQ(table.columns[2].width, (ColumnWidth{ColumnWidth::Kind::kFraction, 2}));
  EXPECT_EQ(table.columns[3].width, (ColumnWidth{ColumnWidth::Kind::kMillimetres, 25}));
  EXPECT_EQ(table.columns[0].align, Align::kCenter);
  EXPECT_EQ(table.columns[1].align, Align::kLeft);
  EXPECT_EQ(table.columns[3].align, Align::kRight);
  EXPECT_EQ(table.columns[0].number_format, "");
  EXPECT_EQ(table.columns[1].number_format, "");
  EXPECT_EQ(table.columns[2].number_format, "#,##0");
  EXPECT_EQ(table.columns[3].number_format, "#,##0.00");
  EXPECT_EQ(table.caption, "Biểu 1");
  EXPECT_EQ(table.sheet, "Du toan");
  EXPECT_EQ(table.line, 1);
  ASSERT_EQ(table.rows.size(), 4u);
  EXPECT_EQ(table.rows[0].kind, TableRow::Kind::kHeader);
  EXPECT_EQ(table.rows[1].kind, TableRow::Kind::kBody);
  EXPECT_EQ(table.rows[2].kind, TableRow::Kind::kSubtotal);
  EXPECT_EQ(table.rows[3].kind, TableRow::Kind::kTotal);
  EXPECT_EQ(table.rows[3].line, 5);
  for (const TableRow& row : table.rows) EXPECT_EQ(row.cells.size(), 4u);
  EXPECT_EQ(table.rows[2].cells[0].text, Inline{plain("Cộng")});
  EXPECT_EQ(table.rows[2].cells[0].col_span, 2);
  EXPECT_TRUE(table.rows[2].cells[1].covered);
  EXPECT_EQ(table.rows[1].cells[2].number, 1000000.0);
}

TEST(MarkupTable, DefaultsFromTheFirstRow) {
  const Table table = only_table(parse_markup("@bang\n| A | B |\n| x | 5 |\n"));
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[0].width, ColumnWidth{});
  EXPECT_EQ(table.rows[0].kind, TableRow::Kind::kHeader);  // tieu-de defaults to 1
  EXPECT_EQ(table.rows[1].kind, TableRow::Kind::kBody);
  EXPECT_EQ(table.columns[0].align, Align::kLeft);
  EXPECT_EQ(table.columns[1].align, Align::kRight);  // all body cells are numbers
}

TEST(MarkupTable, EveryLineUntilTheBlankLineIsARow) {
  expect_error("Đoạn trước\n| a | b |\n| c | d |\nđoạn\n", 4,
               "phải bắt đầu và kết thúc bằng dấu |");
}

TEST(MarkupTable, BareTableEndsAtABlankLine) {
  const Document document = parse_markup("Đoạn trước\n| a | b |\n| c | d |\n\nđoạn sau\n");
  ASSERT_EQ(document.blocks.size(), 3u);
  const Table& table = block_as<Table>(document, 1);
  EXPECT_EQ(table.line, 2);
  EXPECT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[1].cells[1].text, Inline{plain("d")});
}

TEST(MarkupTable, HeaderCountAndNoHeader) {
  const Table none = only_table(parse_markup("@bang tieu-de=0\n| 1 | 2 |\n"));
  EXPECT_EQ(none.rows[0].kind, TableRow::Kind::kBody);
  const Table two = only_table(parse_markup("@bang tieu-de=2\n| A | B |\n| a | b |\n| 1 | 2 |\n"));
  EXPECT_EQ(two.rows[1].kind, TableRow::Kind::kHeader);
  EXPECT_EQ(two.rows[2].kind, TableRow::Kind::kBody);
}

TEST(MarkupTable, VietnameseNumbers) {
  const Table table = only_table(
      parse_markup("@bang tieu-de=0\n| 1.234.567 | 12,5 | -3 | 1234 | 1.234,75 | 0 | 0,5 |\n"
                   "| 05 | 1.23 | 12.34.567 | 1,2,3 | 12,5% | 1.000.000.000.000.000 | abc |\n"));
  const auto& numbers = table.rows[0].cells;
  EXPECT_EQ(numbers[0].number, 1234567.0);
  EXPECT_EQ(numbers[1].number, 12.5);
  EXPECT_EQ(numbers[2].number, -3.0);
  EXPECT_EQ(numbers[3].number, 1234.0);
  EXPECT_EQ(numbers[4].number, 1234.75);
  EXPECT_EQ(numbers[5].number, 0.0);
  EXPECT_EQ(numbers[6].number, 0.5);
  for (const TableCell& cell : table.rows[1].cells)
    EXPECT_FALSE(cell.number.has_value()) << plain_text(cell.text);
}

TEST(MarkupTable, ColumnSpan) {
  const Table table = only_table(parse_markup("@bang tieu-de=0\n| A | < | < | B |\n"));
  const auto& cells = table.rows[0].cells;
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0].col_span, 3);
  EXPECT_EQ(cells[0].row_span, 1);
  EXPECT_TRUE(cells[1].covered);
  EXPECT_TRUE(cells[2].covered);
  EXPECT_TRUE(cells[1].text.empty());
  EXPECT_FALSE(cells[3].covered);
  EXPECT_EQ(cells[3].col_span, 1);
}

TEST(MarkupTable, RowSpan) {
  const Table table =
      only_table(parse_markup("@bang tieu-de=0\n| A | 1 |\n| ^ | 2 |\n| ^ | 3 |\n| B | 4 |\n"));
  EXPECT_EQ(table.rows[0].cells[0].row_span, 3);
  EXPECT_EQ(table.rows[0].cells[0].col_span, 1);
  EXPECT_TRUE(table.rows[1].cells[0].covered);
  EXPECT_TRUE(table.rows[2].cells[0].covered);
  EXPECT_FALSE(table.rows[3].cells[0].covered);
}

TEST(MarkupTable, RectangularMerge) {
  const Table table =
      only_table(parse_markup("@bang tieu-de=0\n| A | < | x |\n| ^ | ^ | y |\n| ^ | < | z |\n"));
  EXPECT_EQ(table.rows[0].cells[0].row_span, 3);
  EXPECT_EQ(table.rows[0].cells[0].col_span, 2);
  for (int r = 0; r < 3; ++r) {
    EXPECT_FALSE(table.rows[r].cells[2].covered);
    for (int c = 0; c < 2; ++c) EXPECT_EQ(table.rows[r].cells[c].covered, r + c > 0);
  }
}

TEST(MarkupTable, HeaderSpans) {
  const Table table =
      only_table(parse_markup("@bang tieu-de=2\n| STT | Nội dung | Kinh phí | < |\n| ^ | ^ | Dự "
                              "toán | Giải ngân |\n| 1 | a | 2 | 3 |\n"));
  EXPECT_EQ(table.rows[0].cells[0].row_span, 2);
  EXPECT_EQ(table.rows[0].cells[2].col_span, 2);
  EXPECT_TRUE(table.rows[1].cells[1].covered);
  EXPECT_FALSE(table.rows[1].cells[2].covered);
}

TEST(MarkupTable, EscapedSpanMarkersAndPipesAreText) {
  const Table table = only_table(parse_markup("@bang tieu-de=0\n| \\< | \\^ | a \\| b | \\|+ |\n"));
  const auto& cells = table.rows[0].cells;
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0].text, Inline{plain("<")});
  EXPECT_EQ(cells[1].text, Inline{plain("^")});
  EXPECT_EQ(cells[2].text, Inline{plain("a | b")});
  EXPECT_EQ(cells[3].text, Inline{plain("|+")});
  EXPECT_FALSE(cells[0].covered);
}

TEST(MarkupTable, CellCountMismatch) {
  expect_error("@bang\n| a | b | c | d |\n| 1 | 2 | 3 |\n", 3, "dòng bảng có 3 ô, bảng có 4 cột");
  expect_error("@bang cot=\"1*,1*\"\n| a | b | c |\n", 2, "dòng bảng có 3 ô, bảng có 2 cột");
}

TEST(MarkupTable, SpanErrors) {
  expect_error("@bang\n| a | b |\n| < | c |\n", 3, "cột đầu tiên");
  expect_error("\n@bang tieu-de=0\n| ^ | b |\n", 3, "dòng đầu tiên");
  // The span of A would cover B, which has text.
  expect_error("@bang tieu-de=0\n| A | B |\n| ^ | < |\n", 3,
               "sẽ phủ lên ô ở dòng bảng thứ 1, cột 2");
  // A spans two columns; the cell under its second column must join it too.
  expect_error("@bang tieu-de=0\n| A | < |\n| ^ | x |\n", 3, "phải là “<” hoặc “^”");
  // Spans that fit together are fine: A is 1×2 and B 2×2.
  EXPECT_NO_THROW(parse_markup("@bang tieu-de=0\n| A | B | < |\n| ^ | ^ | < |\n"));
  // A (2×3 so far) would grow over C, which has text.
  expect_error("@bang tieu-de=0\n| A | < | B |\n| ^ | ^ | ^ |\n| C | ^ | ^ |\n", 4,
               "sẽ phủ lên ô ở dòng bảng thứ 3, cột 1");
  expect_error("@bang tieu-de=1\n| A | B |\n| ^ | x |\n", 3, "dòng tiêu đề");
}

TEST(MarkupTable, RowSyntaxErrors) {
  expect_error("@bang\n| a | b |\n| c | d\n", 3, "phải bắt đầu và kết thúc bằng dấu |");
  expect_error("@bang\n| a | b |\nc | d |\n", 3, "phải bắt đầu và kết thúc bằng dấu |");
  expect_error("@bang\n| a | b \\|\n", 2, "kết thúc bằng dấu |");
  expect_error("@bang\n|\n", 2, "kết thúc bằng dấu |");
  expect_error("@bang\n| a |\nchữ\n", 3, "kết thúc bằng dấu |");
  expect_error("\n\n@bang ten=x\n\n| a |\n", 3, "bảng không có dòng nào");
}

TEST(MarkupTable, AttributeValueErrors) {
  expect_error("@bang canh=xyz\n| a |\n", 1, "“xyz” không hợp lệ");
  expect_error("@bang canh=\"trai,phai,giua\"\n| a | b |\n", 1, "canh có 3 giá trị, bảng có 2 cột");
  expect_error("@bang cot=abc\n| a |\n", 1, "“abc” không phải độ rộng cột");
  expect_error("@bang cot=\"1*,0mm\"\n| a | b |\n", 1, "“0mm”");
  expect_error("@bang cot=\"\"\n| a |\n", 1, "không phải độ rộng cột");
  expect_error("@bang tieu-de=-1\n| a |\n", 1, "tieu-de=-1 không hợp lệ");
  expect_error("@bang tieu-de=x\n| a |\n", 1, "tieu-de=x");
  expect_error("@bang tieu-de=3\n| a |\n| b |\n", 1, "bảng chỉ có 2 dòng");
  expect_error("@bang so=\"#,##0,0,0\"\n| a | b |\n", 1, "so có 3 định dạng, bảng có 2 cột");
  expect_error("@bang tieu-de=1\n|+ a |\n| b |\n", 2, "dòng tiêu đề");
}

TEST(MarkupTable, CanhAndSoSingleValueApplyToAllColumns) {
  const Table table = only_table(parse_markup("@bang canh=giua so=\"#,##0\"\n| a | b | c |\n"));
  for (const TableColumn& column : table.columns) {
    EXPECT_EQ(column.align, Align::kCenter);
    EXPECT_EQ(column.number_format, "#,##0");
  }
}

// so="trieu-dong": the spreadsheet format shows millions of the full value;
// the cell keeps the full value and its text is what that format shows, so the
// PDF and text writers print the same figure.
TEST(MarkupTable, NamedAmountFormatsKeepTheValueAndShowTheUnit) {
  const Table table =
      only_table(parse_markup("@bang so=\",,trieu-dong,dong,nghin-dong\" cong=\"3,4,5\"\n"
                              "| STT | Nội dung | Dự toán | Giải ngân | Còn lại |\n"
                              "| 1 | Tuyên truyền | 1.234.550.000 | 800000 | 434.550.000 |\n"
                              "| 2 | Đào tạo | 49.999 | 0 | 49.999 |\n"
                              "|= Tổng cộng | < | **1.234.599.999** | 800.000 | 434.599.999 |\n"));
  EXPECT_EQ(table.columns[0].number_format, "");
  EXPECT_EQ(table.columns[2].number_format, "#,##0.0,,");
  EXPECT_EQ(table.columns[3].number_format, "#,##0");
  EXPECT_EQ(table.columns[4].number_format, "#,##0,");
  const auto shown = [&](size_t r, size_t c) { return plain_text(table.rows[r].cells[c].text); };
  EXPECT_EQ(shown(0, 2), "Dự toán");  // header rows stay as written
  EXPECT_EQ(shown(1, 0), "1");        // a column without a named format too
  EXPECT_EQ(shown(1, 2), "1.234,6");
  EXPECT_EQ(*table.rows[1].cells[2].number, 1234550000.0);
  EXPECT_EQ(shown(2, 2), "0,0");
  EXPECT_EQ(shown(1, 3), "800.000");
  EXPECT_EQ(shown(1, 4), "434.550");
  EXPECT_EQ(shown(2, 4), "50");
  EXPECT_EQ(shown(3, 2), "1.234,6");
  EXPECT_TRUE(table.rows[3].cells[2].text.front().bold);  // the written style stays
  EXPECT_EQ(*table.rows[3].cells[2].number, 1234599999.0);
}

TEST(MarkupTable, UnknownFormatNameIsAnError) {
  expect_error("@bang so=\",trieu_dong\"\n| a | b |\n", 1, "định dạng “trieu_dong” không có");
  expect_error(
      "@bang so=\",trieu\"\n| a | b |\n", 1,
      "định dạng “trieu” không có; dùng dong, nghin-dong, trieu-dong, hoặc một mã định dạng");
}

TEST(MarkupTable, ColumnWidthForms) {
  const Table table = only_table(
      parse_markup("@bang cot=\"auto, *, 1.5cm, 12.5mm, 0.5*\"\n| a | b | c | d | e |\n"));
  EXPECT_EQ(table.columns[0].width, (ColumnWidth{ColumnWidth::Kind::kAuto, 0}));
  EXPECT_EQ(table.columns[1].width, (ColumnWidth{ColumnWidth::Kind::kFraction, 1}));
  EXPECT_EQ(table.columns[2].width, (ColumnWidth{ColumnWidth::Kind::kMillimetres, 15}));
  EXPECT_EQ(table.columns[3].width, (ColumnWidth{ColumnWidth::Kind::kMillimetres, 12.5}));
  EXPECT_EQ(table.columns[4].width, (ColumnWidth{ColumnWidth::Kind::kFraction, 0.5}));
}

TEST(MarkupTable, TooManyColumns) {
  std::string row = "|";
  for (int i = 0; i < 10000; ++i) row += " a |";
  expect_error("@bang\n" + row + "\n", 2, "tối đa 256 cột");
  std::string widths = "@bang cot=\"1*";
  for (int i = 0; i < 10000; ++i) widths += ",1*";
  expect_error(widths + "\"\n| a |\n", 1, "tối đa 256 cột");
}

TEST(MarkupTable, TooManyCells) {
  std::string markup = "@bang\n";
  std::string row = "|";
  for (int i = 0; i < 200; ++i) row += " a |";
  for (int i = 0; i < 6000; ++i) markup += row + "\n";
  expect_error(markup, 1, "bảng quá lớn");
}

TEST(MarkupTable, LargeMergedCellIsLinear) {
  // A 256 × 3000 merged cell: each position is checked once.
  std::string markup = "@bang tieu-de=0\n| A |";
  for (int i = 1; i < 256; ++i) markup += " < |";
  markup += "\n";
  std::string row = "|";
  for (int i = 0; i < 256; ++i) row += " ^ |";
  for (int i = 0; i < 3000; ++i) markup += row + "\n";
  // Linear time is a property of the algorithm (each cell visited once), not
  // asserted with a clock here: speed is measured in bench/, never in tests.
  const Table table = only_table(parse_markup(markup));
  EXPECT_EQ(table.rows[0].cells[0].row_span, 3001);
  EXPECT_EQ(table.rows[0].cells[0].col_span, 256);
}

// ---------------------------------------------------------------------------
// Charts

TEST(MarkupChart, OneSeries) {
  const Document document = parse_markup(
      "@bieu-do loai=cot tieu-de=\"Sản phẩm theo hạng sao\" don-vi=\"sản phẩm\"\n"
      "| Hạng | Số sản phẩm |\n| 3 sao | 20 |\n| 4 sao | 12 |\n");
  const Chart& chart = block_as<Chart>(document, 0);
  EXPECT_EQ(chart.kind, Chart::Kind::kColumn);
  EXPECT_EQ(chart.title, "Sản phẩm theo hạng sao");
  EXPECT_EQ(chart.unit, "sản phẩm");
  EXPECT_EQ(chart.category_heading, "Hạng");
  EXPECT_EQ(chart.series, std::vector<std::string>{"Số sản phẩm"});
  EXPECT_EQ(chart.categories, (std::vector<std::string>{"3 sao", "4 sao"}));
  EXPECT_EQ(chart.values, (std::vector<std::vector<double>>{{20, 12}}));
  EXPECT_EQ(chart.line, 1);
}

TEST(MarkupChart, SeveralSeries) {
  const Chart chart =
      block_as<Chart>(parse_markup("@bieu-do loai=thanh\n| Huyện | 2019 | 2020 |\n| Nga Sơn | "
                                   "1.200 | 1,5 |\n| Hậu Lộc | 05 | -2 |\n"),
                      0);
  EXPECT_EQ(chart.kind, Chart::Kind::kBar);
  EXPECT_EQ(chart.series, (std::vector<std::string>{"2019", "2020"}));
  EXPECT_EQ(chart.values, (std::vector<std::vector<double>>{{1200, 5}, {1.5, -2}}));
}

TEST(MarkupChart, StackedKinds) {
  const Chart bars = block_as<Chart>(
      parse_markup("@bieu-do loai=thanh-chong\n| Huyện | 3 sao | 4 sao |\n| Nga Sơn | 2 | 1 |\n"),
      0);
  EXPECT_EQ(bars.kind, Chart::Kind::kBar);
  EXPECT_TRUE(bars.stacked);
  const Chart columns = block_as<Chart>(
      parse_markup("@bieu-do loai=cot-chong\n| Huyện | 3 sao |\n| Nga Sơn | 2 |\n"), 0);
  EXPECT_EQ(columns.kind, Chart::Kind::kColumn);
  EXPECT_TRUE(columns.stacked);
  EXPECT_FALSE(
      block_as<Chart>(parse_markup("@bieu-do loai=thanh\n| a | b |\n| c | 1 |\n"), 0).stacked);
  expect_error("@bieu-do loai=chong\n| a | b |\n| c | 1 |\n", 1, "cot-chong hoặc thanh-chong");
}

TEST(MarkupChart, Errors) {
  expect_error("@bieu-do\n| Hạng | Số |\n| 3 sao | nhiều |\n", 3, "“nhiều” không phải là số");
  expect_error("@bieu-do\n| Hạng | Số |\n| 3 sao | |\n", 3, "không phải là số");
  expect_error("@bieu-do loai=tron\n| a | b |\n| c | 1 |\n", 1, "loai=tron");
  expect_error("@bieu-do\n| Hạng | Số |\n", 1, "ít nhất một dòng số liệu");
  expect_error("@bieu-do\n| Hạng |\n| a |\n", 2, "ít nhất hai ô");
  expect_error("@bieu-do\n| a | b |\n| c | < |\n", 3, "không gộp ô");
  expect_error("@bieu-do\n| a | b |\n|+ c | 1 |\n", 3, "dòng cộng");
  expect_error("@bieu-do\n| a | b |\n| c | 1 | 2 |\n", 3, "có 3 ô");
  expect_error("@bieu-do\n\n| a | b |\n", 1, "không có dòng nào");
  expect_error("@bieu-do mau=do\n| a | b |\n", 1, "loai, tieu-de, don-vi");
}

// ---------------------------------------------------------------------------
// Encoding and hostile input

TEST(MarkupHostile, InvalidUtf8NamesTheLine) {
  expect_error("a\nb\n\xFF\n", 3, "UTF-8");
}

TEST(MarkupHostile, TenMegabyteLine) {
  std::string line;
  line.reserve(10'000'000);
  while (line.size() < 10'000'000) line += "chữ **đậm** và *nghiêng* ";
  const Inline text = paragraph_of(line);
  EXPECT_GT(text.size(), 100000u);
}

TEST(MarkupHostile, LongRunsOfMarkerCharacters) {
  EXPECT_EQ(paragraph_of(std::string(100000, '_')), Inline{});
  EXPECT_EQ(paragraph_of("x" + std::string(100001, '_')), Inline{plain("x_")});
  EXPECT_EQ(paragraph_of(std::string(100000, ']')), Inline{plain(std::string(100000, ']'))});
  EXPECT_EQ(paragraph_of(std::string(100000, '\\')), Inline{plain(std::string(50000, '\\'))});
  std::string nested;
  for (int i = 0; i < 49999; ++i) nested += "*a**b__";
  expect_error(nested, 1, "chưa được đóng");
}

TEST(MarkupHostile, ManyLinesAndBlocks) {
  std::string markup;
  for (int i = 0; i < 100000; ++i) markup += "- mục\n";
  EXPECT_EQ(parse_markup(markup).blocks.size(), 100000u);
}

TEST(MarkupHostile, RandomMarkupEitherParsesOrFailsWithALine) {
  // Random sequences of markup fragments: the only failure allowed is a
  // MarkupError with a line inside the text, and whatever parses must write.
  const std::vector<std::string> pieces = {"*",
                                           "**",
                                           "_",
                                           "__",
                                           "^[",
                                           "]",
                                           "[",
                                           "\\",
                                           "\\n",
                                           "|",
                                           "|+",
                                           "|=",
                                           "<",
                                           "^",
                                           "@bang",
                                           "@bang tieu-de=0",
                                           "@bieu-do",
                                           "@doan canh=giua",
                                           "@chu-ky",
                                           "chuc-vu: A",
                                           "@noi-nhan",
                                           "@muc-luc",
                                           "@dau-van-ban",
                                           "so: 1",
                                           "@ten-van-ban",
                                           "loai: X",
                                           "#",
                                           "######",
                                           "- ",
                                           "+ ",
                                           "> ",
                                           "\n",
                                           "\n\n",
                                           " ",
                                           "a",
                                           "ủ",
                                           "1.234",
                                           "12,5",
                                           "\"",
                                           "=",
                                           "ten=\"x\"",
                                           "\t",
                                           "\r\n",
                                           "\xE2\x80\x8B",
                                           "@kinh-gui",
                                           "@can-cu",
                                           "@ngat-trang",
                                           "cot=abc"};
  std::mt19937 generator(20180807);
  for (int iteration = 0; iteration < 20000; ++iteration) {
    std::string markup;
    const uint32_t count = generator() % 40;
    for (uint32_t i = 0; i < count; ++i) markup += pieces[generator() % pieces.size()];
    const int lines = 1 + static_cast<int>(std::count(markup.begin(), markup.end(), '\n'));
    try {
      const Document document = parse_markup(markup);
      const std::string text =
          write_text(document, TextWriterOptions{static_cast<int>(20 + generator() % 80)});
      ASSERT_TRUE(text.ends_with('\n')) << markup;
    } catch (const MarkupError& error) {
      ASSERT_GE(error.line(), 1) << markup;
      ASSERT_LE(error.line(), lines) << markup;
    }
  }
}

// ---------------------------------------------------------------------------
// escape_markup

TEST(EscapeMarkup, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(escape_markup("\\*_^[]|<@#-+>{}\""),
            "\\\\\\*\\_\\^\\[\\]\\|\\<\\@\\#\\-\\+\\>\\{\\}\\\"");
  EXPECT_EQ(escape_markup("a\nb\r\nc"), "a\\nb\\nc");
  EXPECT_EQ(escape_markup("Thanh Hóa, ngày 05/02"), "Thanh Hóa, ngày 05/02");
  EXPECT_EQ(escape_markup(""), "");
}

// The value with runs of whitespace collapsed and the ends trimmed, which is
// what a paragraph keeps of it.
std::string collapsed(std::string_view value) {
  std::string result;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !result.empty()) result += ' ';
    space = false;
    result += c;
  }
  return result;
}

const std::vector<std::string>& hostile_values() {
  static const std::vector<std::string> values = {
      "A <b> & {{x}}",
      "**not bold**",
      "*x* __y__ _z_",
      "| a | b |",
      "@bang",
      "@dau-van-ban cot=1",
      "# title",
      "###### six",
      "- item",
      "+ item",
      "> quote",
      "^[x]",
      "^[unclosed",
      "]",
      "\\",
      "a\\",
      "\\\\n",
      "C:\\Windows\\n\\t",
      "ends with backslash \\",
      "<",
      "^",
      "<  >",
      "\"quoted\" = x",
      "{{{raw}}}",
      "  spaced   out\ttabs  ",
      "Nguyễn Đình Xứng — Ủy ban nhân dân tỉnh Thanh Hóa",
      "Chương trình “Mỗi xã một sản phẩm” 2018-2020",
      "1.234.567",
      "-3",
      "|+ Cộng | < |",
      "***",
      std::string(1000, '*'),
  };
  return values;
}

TEST(EscapeMarkup, RoundTripsThroughAParagraph) {
  for (const std::string& value : hostile_values()) {
    SCOPED_TRACE(value);
    const Document document = parse_markup(escape_markup(value));
    ASSERT_EQ(document.blocks.size(), 1u);
    EXPECT_EQ(block_as<Paragraph>(document, 0).text, Inline{plain(collapsed(value))});
    EXPECT_TRUE(document.footnotes.empty());
  }
}

TEST(EscapeMarkup, RoundTripsInsideALine) {
  // A value in the middle of template text, in each kind of one-line block.
  for (const std::string& value : hostile_values()) {
    SCOPED_TRACE(value);
    const std::string escaped = escape_markup(value);
    const Document document = parse_markup("Trước " + escaped + " sau\n\n## 1. " + escaped +
                                           "\n- " + escaped + "\n> " + escaped + "\n");
    ASSERT_EQ(document.blocks.size(), 4u);
    const std::string expected = collapsed(value);
    EXPECT_EQ(plain_text(block_as<Paragraph>(document, 0).text),
              collapsed("Trước " + expected + " sau"));
    EXPECT_EQ(block_as<Heading>(document, 1).text, Inline{plain(collapsed("1. " + expected))});
    EXPECT_EQ(block_as<ListItem>(document, 2).text, Inline{plain(expected)});
    EXPECT_EQ(block_as<Quote>(document, 3).lines, std::vector<Inline>{{plain(expected)}});
  }
}

TEST(EscapeMarkup, RoundTripsInsideTableCells) {
  for (const std::string& value : hostile_values()) {
    SCOPED_TRACE(value);
    const std::string escaped = escape_markup(value);
    const Table& table = only_table(
        parse_markup("@bang tieu-de=0\n| " + escaped + " | x |\n| y | " + escaped + " |\n"));
    ASSERT_EQ(table.rows.size(), 2u);
    ASSERT_EQ(table.rows[0].cells.size(), 2u);
    const std::string expected = collapsed(value);
    EXPECT_EQ(table.rows[0].cells[0].text, Inline{plain(expected)});
    EXPECT_FALSE(table.rows[0].cells[0].covered);
    EXPECT_FALSE(table.rows[1].cells[1].covered);
    EXPECT_EQ(table.rows[1].cells[1].text, Inline{plain(expected)});
  }
}

TEST(EscapeMarkup, RoundTripsInsideAttributesAndFields) {
  for (const std::string& value : hostile_values()) {
    SCOPED_TRACE(value);
    const std::string escaped = escape_markup(value);
    const Document document =
        parse_markup("@bang ten=\"" + escaped + "\"\n| a |\n\n@dau-van-ban\nso: " + escaped +
                     "\n\n@chu-ky\nchuc-vu: X\nho-ten: " + escaped + "\n");
    ASSERT_EQ(document.blocks.size(), 3u);
    EXPECT_EQ(block_as<Table>(document, 0).caption, collapsed(value));
    EXPECT_EQ(block_as<NdHeader>(document, 1).number, collapsed(value));
    EXPECT_EQ(block_as<Signature>(document, 2).name, collapsed(value));
  }
}

TEST(EscapeMarkup, LineBreaksInValuesBecomeForcedBreaks) {
  const Inline text = paragraph_of(escape_markup("Dòng một\n# dòng hai\r\n- dòng ba"));
  EXPECT_EQ(text, (Inline{with_break(plain("Dòng một")), with_break(plain("# dòng hai")),
                          plain("- dòng ba")}));
  // In a plain field a break reads as a space.
  const Document document =
      parse_markup("@dau-van-ban\nco-quan: " + escape_markup("Sở Nông nghiệp\nvà PTNT") + "\n");
  EXPECT_EQ(block_as<NdHeader>(document, 0).agency, "SỞ NÔNG NGHIỆP VÀ PTNT");
}

// ---------------------------------------------------------------------------
// plain_text

TEST(PlainText, JoinsSpansSkipsFootnotesAndBreaksAsSpaces) {
  EXPECT_EQ(plain_text(Inline{plain("Mục "), styled("đích", true, false), reference(1),
                              with_break(plain(".")), plain("Tiếp")}),
            "Mục đích. Tiếp");
  EXPECT_EQ(plain_text(Inline{}), "");
}

// ---------------------------------------------------------------------------
// @thuoc-tinh: the file's properties, not printed.

TEST(MarkupProperties, AreKeptOutsideTheBlocks) {
  const Document document = parse_markup(
      "@thuoc-tinh\ntieu-de: Thuyết minh Đề án Chương trình OCOP\nchu-de: THUYẾT MINH ĐỀ ÁN\n"
      "tac-gia: ỦY BAN NHÂN DÂN TỈNH THANH HÓA\n\nĐoạn văn.\n");
  ASSERT_TRUE(document.properties.has_value());
  EXPECT_EQ(document.properties->title, "Thuyết minh Đề án Chương trình OCOP");
  EXPECT_EQ(document.properties->subject, "THUYẾT MINH ĐỀ ÁN");
  EXPECT_EQ(document.properties->author, "ỦY BAN NHÂN DÂN TỈNH THANH HÓA");
  EXPECT_EQ(document.properties->line, 1);
  ASSERT_EQ(document.blocks.size(), 1u);  // only the paragraph
  EXPECT_TRUE(std::holds_alternative<Paragraph>(document.blocks[0]));
}

TEST(MarkupProperties, AFieldMayBeLeftOut) {
  const Document document = parse_markup("@thuoc-tinh\ntieu-de: Danh sách\n");
  ASSERT_TRUE(document.properties.has_value());
  EXPECT_EQ(document.properties->title, "Danh sách");
  EXPECT_TRUE(document.properties->subject.empty());
  EXPECT_TRUE(document.properties->author.empty());
  EXPECT_FALSE(parse_markup("Đoạn.\n").properties.has_value());
}

TEST(MarkupProperties, MistakesAreNamed) {
  expect_error("@thuoc-tinh\ntieu-de: A\n\n@thuoc-tinh\ntieu-de: B\n", 4,
               "@thuoc-tinh chỉ được viết một lần (đã có ở dòng 1)");
  expect_error("@thuoc-tinh\ntieu-de: A\ntieu-de: B\n", 3, "khóa “tieu-de” chỉ được viết một lần");
  expect_error("@thuoc-tinh\nten: A\n", 2, "@thuoc-tinh không có khóa “ten”");
  expect_error("@thuoc-tinh\n\nĐoạn.\n", 1, "@thuoc-tinh cần ít nhất một dòng nội dung");
}

}  // namespace
}  // namespace ocopdoc::doc
