// Table-driven tests for amounts in words (northern conventions).

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "text/text.h"

namespace ocopdoc::text {
namespace {

struct WordsCase {
  int64_t number;
  const char* words;
};

void PrintTo(const WordsCase& c, std::ostream* os) {
  *os << c.number;
}

class NumberInWords : public testing::TestWithParam<WordsCase> {};

TEST_P(NumberInWords, ReadsTheNumber) {
  EXPECT_EQ(number_in_words(GetParam().number), GetParam().words) << GetParam().number;
}

INSTANTIATE_TEST_SUITE_P(Units, NumberInWords,
                         testing::Values(WordsCase{0, "không"}, WordsCase{1, "một"},
                                         WordsCase{4, "bốn"}, WordsCase{5, "năm"},
                                         WordsCase{7, "bảy"}, WordsCase{9, "chín"}));

INSTANTIATE_TEST_SUITE_P(
    Tens, NumberInWords,
    testing::Values(WordsCase{10, "mười"}, WordsCase{11, "mười một"}, WordsCase{14, "mười bốn"},
                    WordsCase{15, "mười lăm"}, WordsCase{19, "mười chín"},
                    WordsCase{20, "hai mươi"}, WordsCase{21, "hai mươi mốt"},
                    WordsCase{24, "hai mươi tư"}, WordsCase{25, "hai mươi lăm"},
                    WordsCase{30, "ba mươi"}, WordsCase{31, "ba mươi mốt"},
                    WordsCase{34, "ba mươi tư"}, WordsCase{35, "ba mươi lăm"},
                    WordsCase{41, "bốn mươi mốt"}, WordsCase{44, "bốn mươi tư"},
                    WordsCase{45, "bốn mươi lăm"}, WordsCase{51, "năm mươi mốt"},
                    WordsCase{55, "năm mươi lăm"}, WordsCase{64, "sáu mươi tư"},
                    WordsCase{71, "bảy mươi mốt"}, WordsCase{99, "chín mươi chín"}));

INSTANTIATE_TEST_SUITE_P(
    Hundreds, NumberInWords,
    testing::Values(WordsCase{100, "một trăm"}, WordsCase{101, "một trăm linh một"},
                    WordsCase{104, "một trăm linh bốn"}, WordsCase{105, "một trăm linh năm"},
                    WordsCase{110, "một trăm mười"}, WordsCase{111, "một trăm mười một"},
                    WordsCase{115, "một trăm mười lăm"}, WordsCase{121, "một trăm hai mươi mốt"},
                    WordsCase{124, "một trăm hai mươi tư"}, WordsCase{125, "một trăm hai mươi lăm"},
                    WordsCase{200, "hai trăm"}, WordsCase{201, "hai trăm linh một"},
                    WordsCase{211, "hai trăm mười một"}, WordsCase{214, "hai trăm mười bốn"},
                    WordsCase{215, "hai trăm mười lăm"}, WordsCase{221, "hai trăm hai mươi mốt"},
                    WordsCase{300, "ba trăm"}, WordsCase{301, "ba trăm linh một"},
                    WordsCase{999, "chín trăm chín mươi chín"}));

INSTANTIATE_TEST_SUITE_P(
    Thousands, NumberInWords,
    testing::Values(
        WordsCase{1'000, "một nghìn"}, WordsCase{1'001, "một nghìn không trăm linh một"},
        WordsCase{1'004, "một nghìn không trăm linh bốn"},
        WordsCase{1'010, "một nghìn không trăm mười"},
        WordsCase{1'015, "một nghìn không trăm mười lăm"},
        WordsCase{1'021, "một nghìn không trăm hai mươi mốt"},
        WordsCase{1'100, "một nghìn một trăm"}, WordsCase{2'018, "hai nghìn không trăm mười tám"},
        WordsCase{2'024, "hai nghìn không trăm hai mươi tư"}, WordsCase{10'000, "mười nghìn"},
        WordsCase{10'005, "mười nghìn không trăm linh năm"}, WordsCase{11'000, "mười một nghìn"},
        WordsCase{14'000, "mười bốn nghìn"}, WordsCase{15'000, "mười lăm nghìn"},
        WordsCase{21'000, "hai mươi mốt nghìn"}, WordsCase{24'000, "hai mươi tư nghìn"},
        WordsCase{25'500, "hai mươi lăm nghìn năm trăm"}, WordsCase{100'000, "một trăm nghìn"},
        WordsCase{105'000, "một trăm linh năm nghìn"}));

INSTANTIATE_TEST_SUITE_P(
    Millions, NumberInWords,
    testing::Values(
        WordsCase{1'000'000, "một triệu"}, WordsCase{1'000'001, "một triệu không trăm linh một"},
        WordsCase{1'000'010, "một triệu không trăm mười"},
        WordsCase{1'000'100, "một triệu một trăm"},
        WordsCase{1'005'000, "một triệu không trăm linh năm nghìn"},
        WordsCase{1'200'000, "một triệu hai trăm nghìn"},
        WordsCase{1'500'000, "một triệu năm trăm nghìn"},
        WordsCase{2'050'000, "hai triệu không trăm năm mươi nghìn"},
        WordsCase{5'000'500, "năm triệu năm trăm"}, WordsCase{10'000'000, "mười triệu"},
        WordsCase{20'000'000, "hai mươi triệu"}, WordsCase{250'000'000, "hai trăm năm mươi triệu"},
        WordsCase{1'234'567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"}));

INSTANTIATE_TEST_SUITE_P(
    Billions, NumberInWords,
    testing::Values(
        WordsCase{1'000'000'000, "một tỷ"}, WordsCase{1'000'000'005, "một tỷ không trăm linh năm"},
        WordsCase{1'000'001'000, "một tỷ không trăm linh một nghìn"},
        WordsCase{1'050'000'000, "một tỷ không trăm năm mươi triệu"},
        WordsCase{2'000'000'000, "hai tỷ"},
        WordsCase{12'345'678'901,
                  "mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn chín trăm "
                  "linh một"},
        WordsCase{1'000'000'000'000, "một nghìn tỷ"},
        WordsCase{1'000'000'000'005, "một nghìn tỷ không trăm linh năm"},
        WordsCase{1'001'000'000'000, "một nghìn không trăm linh một tỷ"},
        WordsCase{3'500'000'000'000, "ba nghìn năm trăm tỷ"},
        WordsCase{3'050'000'000'000, "ba nghìn không trăm năm mươi tỷ"},
        WordsCase{5'000'000'000'000, "năm nghìn tỷ"},
        WordsCase{12'000'000'000'000, "mười hai nghìn tỷ"},
        WordsCase{100'000'000'000'000, "một trăm nghìn tỷ"},
        WordsCase{999'999'999'999'999,
                  "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi "
                  "chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"}));

TEST(NumberInWordsRange, RejectsNumbersOutsideTheRange) {
  EXPECT_THROW(number_in_words(-1), Error);
  EXPECT_THROW(number_in_words(1'000'000'000'000'000), Error);
  EXPECT_THROW(amount_in_words(-1), Error);
  try {
    number_in_words(-5);
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("999.999.999.999.999"), std::string::npos) << e.what();
  }
}

TEST(AmountInWords, CapitalisesAndAppendsDong) {
  EXPECT_EQ(amount_in_words(1'005'000), "Một triệu không trăm linh năm nghìn đồng");
  EXPECT_EQ(amount_in_words(0), "Không đồng");
  EXPECT_EQ(amount_in_words(5), "Năm đồng");
  EXPECT_EQ(amount_in_words(2'050'000), "Hai triệu không trăm năm mươi nghìn đồng");
  EXPECT_EQ(amount_in_words(1'234'567),
            "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng");
  EXPECT_EQ(amount_in_words(1'000'000'000'000), "Một nghìn tỷ đồng");
}

}  // namespace
}  // namespace ocopdoc::text
