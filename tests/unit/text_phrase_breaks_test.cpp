// Unit tests for break_fits(): where a title may end a line.

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "text/text.h"

namespace ocopdoc::text {
namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// The fit of the space after the first occurrence of `before` followed by
// `after` in `text`.
BreakFit fit_between(const std::string& text, const std::string& before, const std::string& after) {
  const std::vector<std::string> words = words_of(text);
  const std::vector<BreakFit> fits = break_fits(words);
  EXPECT_EQ(fits.size(), words.size() - 1);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == before && words[i + 1] == after) return fits[i];
  }
  ADD_FAILURE() << "no \"" << before << " " << after << "\" in " << text;
  return BreakFit::kNeutral;
}

TEST(BreakFits, AMonthlyReportTitle) {
  const std::string title =
      "Tiến độ thực hiện Chương trình mỗi xã một sản phẩm tháng 6 năm 2019, huyện Nga Sơn";
  EXPECT_EQ(fit_between(title, "sản", "phẩm"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "thực", "hiện"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "một", "sản"), BreakFit::kAvoid);  // "một" binds forward
  EXPECT_EQ(fit_between(title, "phẩm", "tháng"), BreakFit::kGood);
  EXPECT_EQ(fit_between(title, "tháng", "6"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "6", "năm"), BreakFit::kAvoid);  // inside the date
  EXPECT_EQ(fit_between(title, "2019,", "huyện"), BreakFit::kBest);
  EXPECT_EQ(fit_between(title, "huyện", "Nga"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "Nga", "Sơn"), BreakFit::kWorst);  // a name
  EXPECT_EQ(fit_between(title, "Chương", "trình"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "hiện", "Chương"), BreakFit::kNeutral);
}

TEST(BreakFits, AQuarterHoldsToItsYear) {
  const std::string title =
      "Tiến độ thực hiện Chương trình mỗi xã một sản phẩm quý III năm 2019, huyện Nga Sơn";
  EXPECT_EQ(fit_between(title, "phẩm", "quý"), BreakFit::kGood);
  EXPECT_EQ(fit_between(title, "quý", "III"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "III", "năm"), BreakFit::kAvoid);
  // The line breaker gives "quý III" as one word: the same fits.
  const std::vector<std::string> words = {"sản", "phẩm", "quý III", "năm", "2019,", "huyện"};
  const std::vector<BreakFit> fits = break_fits(words);
  EXPECT_EQ(fits[1], BreakFit::kGood);
  EXPECT_EQ(fits[2], BreakFit::kAvoid);
  // Without "quý" before it a capital I is a word like another.
  EXPECT_EQ(fit_between("Phụ lục II năm 2019", "II", "năm"), BreakFit::kGood);
}

TEST(BreakFits, AnAgencyInCapitals) {
  const std::string agency = "ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA";
  EXPECT_EQ(fit_between(agency, "DÂN", "HUYỆN"), BreakFit::kGood);
  EXPECT_EQ(fit_between(agency, "HUYỆN", "HOẰNG"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(agency, "NHÂN", "DÂN"), BreakFit::kAvoid);
  // In capitals every word is capitalised, so capitals mark no name; the
  // unit word before it does.
  EXPECT_EQ(fit_between(agency, "HOẰNG", "HÓA"), BreakFit::kWorst);
  EXPECT_EQ(fit_between("VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI", "PHỐI", "NÔNG"), BreakFit::kNeutral);
  EXPECT_EQ(fit_between("SẢN PHẨM TỈNH THANH HÓA GIAI ĐOẠN 2018", "HÓA", "GIAI"), BreakFit::kGood);
  EXPECT_EQ(fit_between("SẢN PHẨM TỈNH THANH HÓA GIAI ĐOẠN 2018", "THANH", "HÓA"),
            BreakFit::kWorst);
  EXPECT_EQ(fit_between("VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI", "ĐIỀU", "PHỐI"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("ỦY BAN NHÂN DÂN THÀNH PHỐ THANH HÓA", "DÂN", "THÀNH"), BreakFit::kGood);
  EXPECT_EQ(fit_between("ỦY BAN NHÂN DÂN THÀNH PHỐ THANH HÓA", "PHỐ", "THANH"), BreakFit::kAvoid);
}

TEST(BreakFits, WordsInCapitalsAreNoNameBesideSmallLetters) {
  // A part's title in capitals after "Phần thứ tư": its words are not a
  // name, though the text has small letters too.
  const std::string part = "Phần thứ tư NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU VÀ TỔ CHỨC THỰC HIỆN";
  EXPECT_EQ(fit_between(part, "tư", "NHIỆM"), BreakFit::kNeutral);
  EXPECT_EQ(fit_between(part, "PHÁP", "CHỦ"), BreakFit::kNeutral);
  EXPECT_EQ(fit_between(part, "YẾU", "VÀ"), BreakFit::kGood);
  EXPECT_EQ(fit_between("của UBND Thanh Hóa", "UBND", "Thanh"), BreakFit::kNeutral);
  EXPECT_EQ(fit_between("của UBND Thanh Hóa", "Thanh", "Hóa"), BreakFit::kWorst);
}

TEST(BreakFits, AShortQuotationAndARangeHoldTogether) {
  const std::string title =
      "phê duyệt Chương trình “Mỗi xã một sản phẩm” giai đoạn 2018 - 2020, trên địa bàn";
  EXPECT_EQ(fit_between(title, "trình", "“Mỗi"), BreakFit::kGood);
  EXPECT_EQ(fit_between(title, "“Mỗi", "xã"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "sản", "phẩm”"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "phẩm”", "giai"), BreakFit::kGood);
  EXPECT_EQ(fit_between(title, "giai", "đoạn"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "2018", "-"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "-", "2020,"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(title, "2020,", "trên"), BreakFit::kBest);
  EXPECT_EQ(fit_between(title, "trên", "địa"), BreakFit::kAvoid);
  // A long quotation may break inside, at the usual prices.
  const std::string long_quote = "“một hai ba bốn năm sáu bảy tám”";
  EXPECT_EQ(fit_between(long_quote, "hai", "ba"), BreakFit::kNeutral);
}

TEST(BreakFits, AUnitWordOpensAPhraseOnlyBeforeAName) {
  const std::string place =
      "Hội trường Văn phòng Điều phối nông thôn mới tỉnh, số 45 Đại lộ Lê Lợi";
  EXPECT_EQ(fit_between(place, "mới", "tỉnh,"), BreakFit::kNeutral);
  EXPECT_EQ(fit_between(place, "tỉnh,", "số"), BreakFit::kBest);
  EXPECT_EQ(fit_between(place, "số", "45"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(place, "Lê", "Lợi"), BreakFit::kWorst);
  EXPECT_EQ(fit_between(place, "Hội", "trường"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("Chương trình OCOP tỉnh Thanh Hóa", "OCOP", "tỉnh"), BreakFit::kGood);
  EXPECT_EQ(fit_between("hộ sản xuất thị xã Bỉm Sơn", "xuất", "thị"), BreakFit::kGood);
  EXPECT_EQ(fit_between("hộ sản xuất thị xã Bỉm Sơn", "xã", "Bỉm"), BreakFit::kAvoid);
}

TEST(BreakFits, ADashBetweenWordsEndsAPhraseButNotBeforeANumber) {
  // The line breaker keeps a dash between spaces with the word before it.
  const std::vector<BreakFit> fits =
      break_fits({"Lưu", "niệm -", "nội", "thất -", "trang", "trí", "2018 -", "2020"});
  ASSERT_EQ(fits.size(), 7u);
  EXPECT_EQ(fits[1], BreakFit::kGood);   // "niệm - | nội"
  EXPECT_EQ(fits[3], BreakFit::kGood);   // "thất - | trang"
  EXPECT_EQ(fits[4], BreakFit::kAvoid);  // "trang | trí"
  EXPECT_EQ(fits[6], BreakFit::kAvoid);  // "2018 - | 2020"
}

TEST(BreakFits, AbbreviationsNumbersAndDatesHoldTogether) {
  EXPECT_EQ(fit_between("tại TP. Thanh Hóa", "TP.", "Thanh"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("ThS. Nguyễn Văn An", "ThS.", "Nguyễn"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("2.1. Xây dựng đề cương", "2.1.", "Xây"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("VIII. CƠ HỘI VÀ THÁCH THỨC", "VIII.", "CƠ"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("đến cuối năm. Các huyện", "năm.", "Các"), BreakFit::kBest);
  const std::string date = "ngày 15 tháng 7 năm 2019 của UBND";
  EXPECT_EQ(fit_between(date, "15", "tháng"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(date, "7", "năm"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(date, "2019", "của"), BreakFit::kGood);
  EXPECT_EQ(fit_between("đạt 3 sao trở lên", "3", "sao"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("cấp huyện (27 đơn vị)", "huyện", "(27"), BreakFit::kGood);
}

TEST(BreakFits, AUnitWordBindsOnlyToAName) {
  EXPECT_EQ(fit_between("cấp tỉnh và cấp huyện", "tỉnh", "và"), BreakFit::kGood);
  EXPECT_EQ(fit_between("100 xã trên địa bàn", "xã", "trên"), BreakFit::kGood);
  EXPECT_EQ(fit_between("Ban Chỉ đạo tỉnh về OCOP", "tỉnh", "về"), BreakFit::kGood);
  EXPECT_EQ(fit_between("Hợp tác xã dịch vụ", "xã", "dịch"), BreakFit::kNeutral);
  EXPECT_EQ(fit_between("Hợp tác xã dịch vụ", "tác", "xã"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("UBND thị xã Bỉm Sơn", "UBND", "thị"), BreakFit::kGood);
  EXPECT_EQ(fit_between("UBND thị xã Bỉm Sơn", "xã", "Bỉm"), BreakFit::kAvoid);
}

TEST(BreakFits, ACapitalisedUnitWordIsNoPartOfTheName) {
  // At the head of a cell the unit word has a capital; cutting after it
  // only avoids, as after "huyện", while the name itself is never cut.
  EXPECT_EQ(fit_between("Huyện Thường Xuân", "Huyện", "Thường"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("Huyện Thường Xuân", "Thường", "Xuân"), BreakFit::kWorst);
  EXPECT_EQ(fit_between("Phường Quảng Tiến", "Phường", "Quảng"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("Thành phố Thanh Hóa", "Thành", "phố"), BreakFit::kAvoid);  // a pair
  EXPECT_EQ(fit_between("Thành phố Thanh Hóa", "phố", "Thanh"), BreakFit::kAvoid);
  // Not a unit word: a name throughout.
  EXPECT_EQ(fit_between("Lê Văn Tám", "Lê", "Văn"), BreakFit::kWorst);
}

TEST(BreakFits, AWordCarryingADashIsLookedUpWithoutIt) {
  const std::vector<BreakFit> fits = break_fits({"Thông", "tin -", "Huấn", "luyện"});
  ASSERT_EQ(fits.size(), 3u);
  EXPECT_EQ(fits[0], BreakFit::kAvoid);  // "thông tin"
  EXPECT_EQ(fits[1], BreakFit::kGood);   // after the dash
}

TEST(BreakFits, AnAcronymStaysWithTheWordItNames) {
  const std::string text = "Ban Chỉ đạo Chương trình OCOP tỉnh Thanh Hóa và sản phẩm OCOP-TH";
  EXPECT_EQ(fit_between(text, "trình", "OCOP"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(text, "phẩm", "OCOP-TH"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between(text, "OCOP", "tỉnh"), BreakFit::kGood);  // a unit before its name
  // A run of capitals is a title, not an acronym; in capitals nothing is.
  EXPECT_EQ(fit_between("Phần thứ hai THỰC TRẠNG", "hai", "THỰC"), BreakFit::kNeutral);
  EXPECT_EQ(fit_between("CHƯƠNG TRÌNH OCOP TỈNH", "TRÌNH", "OCOP"), BreakFit::kNeutral);
  // An agency's acronym opens a phrase of its own; one before a name heads
  // it; an abbreviation is no acronym.
  EXPECT_EQ(fit_between("Đề nghị UBND tỉnh", "nghị", "UBND"), BreakFit::kGood);
  EXPECT_EQ(fit_between("gửi UBMTTQ huyện", "gửi", "UBMTTQ"), BreakFit::kGood);
  EXPECT_EQ(fit_between("đề nghị HTX Quảng Tiến", "nghị", "HTX"), BreakFit::kNeutral);
  EXPECT_EQ(fit_between("trên địa bàn TP. Thanh Hóa", "bàn", "TP."), BreakFit::kNeutral);
  EXPECT_EQ(fit_between("xây dựng xã NTM", "xã", "NTM"), BreakFit::kAvoid);
  // A company's form is part of its kind, before its name.
  EXPECT_EQ(fit_between("Công ty TNHH Hải sản Trường Sơn", "ty", "TNHH"), BreakFit::kAvoid);
  EXPECT_EQ(fit_between("Công ty CP Nông nghiệp", "ty", "CP"), BreakFit::kAvoid);
}

TEST(BreakFits, FewerThanTwoWordsHaveNoSpaces) {
  EXPECT_TRUE(break_fits({}).empty());
  EXPECT_TRUE(break_fits({"OCOP"}).empty());
  EXPECT_EQ(break_fits({"(", ")"}).size(), 1u);  // marks only: no crash
}

}  // namespace
}  // namespace ocopdoc::text
