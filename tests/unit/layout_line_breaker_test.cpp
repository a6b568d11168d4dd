// Line breaking: tailored break opportunities (document symbols, dates,
// ranges and numbers never split), greedy filling, the long-word fallback.

#include <gtest/gtest.h>

#include "layout/line_breaker_internal.h"
#include "layout_test_support.h"

namespace ocopdoc::layout {
namespace {

using detail::LineBreaker;
using testing::FakeFontSet;

// The pieces of `text` between break opportunities.
std::vector<std::string> chunks(LineBreaker& breaker, const std::string& text) {
  std::vector<std::string> result;
  size_t start = 0;
  for (size_t offset : breaker.break_opportunities(text)) {
    result.push_back(text.substr(start, offset - start));
    start = offset;
  }
  result.push_back(text.substr(start));
  return result;
}

class LineBreakerTest : public ::testing::Test {
 protected:
  FakeFontSet fonts;
  LineBreaker breaker{fonts};
};

TEST_F(LineBreakerTest, DocumentSymbolsNeverSplit) {
  EXPECT_EQ(chunks(breaker, "Quyết định số 490/QĐ-TTg của"),
            (std::vector<std::string>{"Quyết ", "định ", "số ", "490/QĐ-TTg ", "của"}));
  EXPECT_EQ(chunks(breaker, "Chỉ thị 1149-QĐ/TU ngày"),
            (std::vector<std::string>{"Chỉ ", "thị ", "1149-QĐ/TU ", "ngày"}));
  EXPECT_EQ(chunks(breaker, "V/v triển khai OCOP-TH"),
            (std::vector<std::string>{"V/v ", "triển ", "khai ", "OCOP-TH"}));
  EXPECT_EQ(chunks(breaker, "2277/QĐ-BNN-VPĐP"), (std::vector<std::string>{"2277/QĐ-BNN-VPĐP"}));
}

TEST_F(LineBreakerTest, ARateStaysWithItsUnit) {
  EXPECT_EQ(chunks(breaker, "lâm nghiệp 9,8%/năm, thủy sản"),
            (std::vector<std::string>{"lâm ", "nghiệp ", "9,8%/năm, ", "thủy ", "sản"}));
  EXPECT_EQ(chunks(breaker, "diện tích 11.129,48\u00a0km²,"),
            (std::vector<std::string>{"diện ", "tích ", "11.129,48\u00a0km²,"}));
}

TEST_F(LineBreakerTest, AQuarterKeepsItsNumeral) {
  EXPECT_EQ(chunks(breaker, "giải ngân trong quý II/2019 đạt"),
            (std::vector<std::string>{"giải ", "ngân ", "trong ", "quý II/2019 ", "đạt"}));
  EXPECT_EQ(chunks(breaker, "QUÝ IV năm 2019"),
            (std::vector<std::string>{"QUÝ IV ", "năm ", "2019"}));
  // Only a quarter's numeral: "quý Idris", "quý VI" and "quý khách" break as usual.
  EXPECT_EQ(chunks(breaker, "quý VI"), (std::vector<std::string>{"quý ", "VI"}));
  EXPECT_EQ(chunks(breaker, "quý Idris"), (std::vector<std::string>{"quý ", "Idris"}));
  EXPECT_EQ(chunks(breaker, "quý khách"), (std::vector<std::string>{"quý ", "khách"}));
}

TEST_F(LineBreakerTest, DatesNeverSplit) {
  EXPECT_EQ(chunks(breaker, "ngày 07/5/2018 của"),
            (std::vector<std::string>{"ngày ", "07/5/2018 ", "của"}));
  EXPECT_EQ(chunks(breaker, "Tháng 8-9/2018."), (std::vector<std::string>{"Tháng ", "8-9/2018."}));
}

TEST_F(LineBreakerTest, RangesBreakOnlyAtTheirSpaces) {
  EXPECT_EQ(chunks(breaker, "giai đoạn 2018-2020"),
            (std::vector<std::string>{"giai ", "đoạn ", "2018-2020"}));
  EXPECT_EQ(chunks(breaker, "giai đoạn 2018–2020"),
            (std::vector<std::string>{"giai ", "đoạn ", "2018–2020"}));
  // A spaced dash stays with the word before it: no line starts with "- 2020",
  // which would read as a list item.
  EXPECT_EQ(chunks(breaker, "giai đoạn 2018 - 2020"),
            (std::vector<std::string>{"giai ", "đoạn ", "2018 - ", "2020"}));
  EXPECT_EQ(chunks(breaker, "năm 2018 – 2020 –"),
            (std::vector<std::string>{"năm ", "2018 – ", "2020 –"}));
}

TEST_F(LineBreakerTest, ShortParenthesesNeverSplit) {
  EXPECT_EQ(chunks(breaker, "Bộ Nông nghiệp và PTNT (để b/c);"),
            (std::vector<std::string>{"Bộ ", "Nông ", "nghiệp ", "và ", "PTNT ", "(để b/c);"}));
  EXPECT_EQ(chunks(breaker, "Bưởi Luận Văn (4 sao), Cam"),
            (std::vector<std::string>{"Bưởi ", "Luận ", "Văn ", "(4 sao), ", "Cam"}));
  // A longer parenthesis breaks at its spaces like any text.
  EXPECT_EQ(chunks(breaker, "(sau đây gọi tắt là OCOP)"),
            (std::vector<std::string>{"(sau ", "đây ", "gọi ", "tắt ", "là ", "OCOP)"}));
}

TEST_F(LineBreakerTest, NumbersNeverSplit) {
  EXPECT_EQ(chunks(breaker, "tổng 1.234.567 đồng, tăng 12,5%"),
            (std::vector<std::string>{"tổng ", "1.234.567 ", "đồng, ", "tăng ", "12,5%"}));
}

TEST_F(LineBreakerTest, FillsLinesGreedilyAndKeepsSymbolsWhole) {
  // 14 pt: a letter is 7 pt, a space 3.5 pt.
  const doc::Document document = doc::parse_markup("Theo Quyết định 490/QĐ-TTg ngày 07/5/2018.");
  const auto& paragraph = std::get<doc::Paragraph>(document.blocks.front());
  const auto words = breaker.words(paragraph.text, detail::BlockFont{14, false, false}, "thử");
  ASSERT_EQ(words.size(), 6u);
  EXPECT_EQ(words[3].pieces.front().text, "490/QĐ-TTg");
  EXPECT_DOUBLE_EQ(words[3].width, 70);
  EXPECT_DOUBLE_EQ(words[3].space_width, 3.5);
  // "Theo Quyết định" = 13 characters and 2 spaces = 91 + 7 = 98 pt; the
  // symbol (70 pt) does not fit after it in 150 pt and moves down whole,
  // then the date does not fit after "490/QĐ-TTg ngày" (101.5 pt).
  const auto lines = breaker.break_lines(words, 150, 150);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].words.size(), 3u);
  EXPECT_DOUBLE_EQ(lines[0].width, 98);
  EXPECT_FALSE(lines[0].last);
  EXPECT_EQ(lines[1].words.front().pieces.front().text, "490/QĐ-TTg");
  EXPECT_DOUBLE_EQ(lines[1].width, 101.5);
  EXPECT_EQ(lines[2].words.front().pieces.front().text, "07/5/2018.");
  EXPECT_TRUE(lines[2].last);
}

// The words of `text` after tie_numbers, each as its text.
std::vector<std::string> tied_words(LineBreaker& breaker, const std::string& text,
                                    double line_width) {
  const doc::Document document = doc::parse_markup(text);
  const auto& paragraph = std::get<doc::Paragraph>(document.blocks.front());
  auto words = breaker.words(paragraph.text, detail::BlockFont{10, false, false}, "thử");
  LineBreaker::tie_numbers(words, line_width);
  std::vector<std::string> texts;
  for (const detail::Word& word : words) {
    std::string joined;
    for (const detail::Piece& piece : word.pieces) joined += piece.text;
    texts.push_back(joined);
  }
  return texts;
}

TEST_F(LineBreakerTest, NumbersKeepTheirWords) {
  // A number and the word after it, a word of date or reference and its
  // number, a multiple and its currency.
  EXPECT_EQ(tied_words(breaker, "Qua hơn 7 năm, có 60 sản phẩm.", 1000),
            (std::vector<std::string>{"Qua", "hơn", "7 năm,", "có", "60 sản", "phẩm."}));
  EXPECT_EQ(tied_words(breaker, "Quyết định số 490/QĐ-TTg ngày 07/5/2018.", 1000),
            (std::vector<std::string>{"Quyết", "định", "số 490/QĐ-TTg", "ngày 07/5/2018."}));
  EXPECT_EQ(tied_words(breaker, "là 6.300 triệu đồng.", 1000),
            (std::vector<std::string>{"là", "6.300 triệu đồng."}));
  // A date holds by its parts and may break between them.
  EXPECT_EQ(tied_words(breaker, "ngày 07 tháng 5 năm 2018 của", 1000),
            (std::vector<std::string>{"ngày 07", "tháng 5", "năm 2018", "của"}));
  // Not a number and a word that opens a phrase, a list's "1.", a year
  // ending a clause, nor a word in capitals after a number.
  EXPECT_EQ(tied_words(breaker, "năm 2018 của", 1000),
            (std::vector<std::string>{"năm 2018", "của"}));
  EXPECT_EQ(tied_words(breaker, "năm 2018, và 3 OCOP", 1000),
            (std::vector<std::string>{"năm 2018,", "và", "3", "OCOP"}));
  // Nor a verb saying what a figure comes to: it starts the rest of the
  // sentence, and a justified line may end before it.
  EXPECT_EQ(tied_words(breaker, "trong tháng 6/2019 đạt 683.885.000 đồng; lũy kế là 1 tỷ", 1000),
            (std::vector<std::string>{"trong", "tháng 6/2019", "đạt", "683.885.000 đồng;", "lũy", "kế", "là",
                                      "1 tỷ"}));
  // A tie never takes more than three tenths of the line: at 10 pt a
  // letter is 5 pt and a space 2.5 pt, "6.300 triệu đồng" is 77.5 pt,
  // "6.300 triệu" 52.5 pt.
  EXPECT_EQ(tied_words(breaker, "6.300 triệu đồng", 260),
            (std::vector<std::string>{"6.300 triệu đồng"}));
  EXPECT_EQ(tied_words(breaker, "6.300 triệu đồng", 200),
            (std::vector<std::string>{"6.300 triệu", "đồng"}));
}

TEST_F(LineBreakerTest, ARuntTakesTheLastWordOfTheLineAbove) {
  // 10 pt: a letter is 5 pt, a space 2.5 pt.  Ten words of two letters fill
  // 122.5 pt; the eleventh would stand alone on the last line.
  const auto words = breaker.words(layout::detail::plain_inline("aa bb cc dd ee ff gg hh ii jj kk"),
                                   detail::BlockFont{10, false, false}, "thử");
  auto lines = breaker.break_lines(words, 123, 123);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].words.size(), 9u);
  EXPECT_DOUBLE_EQ(lines[0].width, 110);
  EXPECT_EQ(lines[1].words.size(), 2u);
  EXPECT_DOUBLE_EQ(lines[1].width, 22.5);
  EXPECT_TRUE(lines[1].last);
  // Not when the line above would keep less than four fifths of the width
  // ("aaaaaaaaaa bbbbbbbbbb" would keep 102.5 of 136 pt) ...
  const auto wide = breaker.words(layout::detail::plain_inline("aaaaaaaaaa bbbbbbbbbb cccccc kk"),
                                  detail::BlockFont{10, false, false}, "thử");
  lines = breaker.break_lines(wide, 136, 136);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].words.size(), 1u);
  // ... nor when it would keep a single word.
  const auto two =
      breaker.words(layout::detail::plain_inline("aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbb kk"),
                    detail::BlockFont{10, false, false}, "thử");
  lines = breaker.break_lines(two, 205, 205);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].words.size(), 1u);
}

TEST_F(LineBreakerTest, LongWordIsCutBetweenCharactersAsLastResort) {
  const auto words = breaker.words(layout::detail::plain_inline("ab 0123456789012345 cd"),
                                   detail::BlockFont{10, false, false}, "thử");
  // 5 pt a character: 40 pt lines hold 8 characters.
  const auto lines = breaker.break_lines(words, 40, 40);
  std::vector<std::string> texts;
  for (const auto& line : lines) {
    std::string text;
    for (const auto& word : line.words) {
      if (!text.empty() && word.pieces.size() > 0) text += '|';
      for (const auto& piece : word.pieces) text += piece.text;
    }
    texts.push_back(text);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"ab", "01234567", "89012345", "cd"}));
}

TEST_F(LineBreakerTest, ForcedBreaksEndLinesAndEmptyLinesSurvive) {
  const doc::Document document = doc::parse_markup("một\\nhai\\n\\nba");
  const auto& paragraph = std::get<doc::Paragraph>(document.blocks.front());
  const auto words = breaker.words(paragraph.text, detail::BlockFont{10, false, false}, "thử");
  const auto lines = breaker.break_lines(words, 500, 500);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_TRUE(lines[0].last);
  EXPECT_TRUE(lines[2].words.front().pieces.empty());
  EXPECT_DOUBLE_EQ(lines[2].width, 0);
}

TEST_F(LineBreakerTest, FootnoteMarkStaysWithItsWord) {
  const doc::Document document = doc::parse_markup("Mục tiêu.^[Chú thích] Tiếp");
  const auto& paragraph = std::get<doc::Paragraph>(document.blocks.front());
  const auto words = breaker.words(paragraph.text, detail::BlockFont{14, false, false}, "thử");
  ASSERT_EQ(words.size(), 3u);
  ASSERT_EQ(words[1].pieces.size(), 2u);
  EXPECT_EQ(words[1].pieces[1].text, "1");
  EXPECT_DOUBLE_EQ(words[1].pieces[1].style.size, 14 * 0.65);
  EXPECT_DOUBLE_EQ(words[1].pieces[1].style.rise, 14 * 0.35);
  EXPECT_EQ(words[1].footnotes, std::vector<int>{1});
}

TEST_F(LineBreakerTest, MissingCharacterIsAnErrorNamingThePlace) {
  try {
    breaker.words(detail::plain_inline("vui \xF0\x9F\x98\x80"), detail::BlockFont{14, false, false},
                  "bảng, dòng 12");
    FAIL() << "expected FontError";
  } catch (const FontError& error) {
    EXPECT_NE(std::string(error.what()).find("bảng, dòng 12"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("1F600"), std::string::npos);
  }
}

}  // namespace
}  // namespace ocopdoc::layout
