// Unit tests for detect_legacy_encoding(): TCVN3 (ABC) and VNI text read as
// Latin-1, and the Unicode text that must never be mistaken for it.

#include <gtest/gtest.h>

#include <string>

#include "text/text.h"

namespace ocopdoc::text {
namespace {

struct LegacyCase {
  const char* text;
  LegacyEncoding expected;
};

void PrintTo(const LegacyCase& c, std::ostream* os) {
  *os << '"' << c.text << '"';
}

class LegacyDetection : public testing::TestWithParam<LegacyCase> {};

TEST_P(LegacyDetection, Detects) {
  EXPECT_EQ(detect_legacy_encoding(GetParam().text), GetParam().expected)
      << "text: " << GetParam().text;
}

constexpr auto kTcvn3 = LegacyEncoding::kTcvn3;
constexpr auto kVni = LegacyEncoding::kVni;
constexpr auto kNone = LegacyEncoding::kNone;

// TCVN3 (ABC) read as Latin-1.  "\u00AD" is U+00AD (soft hyphen) = ư.
INSTANTIATE_TEST_SUITE_P(
    Tcvn3, LegacyDetection,
    testing::Values(
        LegacyCase{"TØnh Thanh Hãa", kTcvn3},                        // Tỉnh Thanh Hóa
        LegacyCase{"N\u00ADíc m¾m", kTcvn3},                         // Nước mắm
        LegacyCase{"®Þa ph\u00AD¬ng", kTcvn3},                       // địa phương
        LegacyCase{"Céng hoµ x· héi chñ nghÜa ViÖt Nam", kTcvn3},    // Cộng hoà xã hội ...
        LegacyCase{"Uû ban nh©n d©n tØnh Thanh Ho¸", kTcvn3},        // Uỷ ban nhân dân ...
        LegacyCase{"§éc lËp - Tù do - H¹nh phóc", kTcvn3},           // Độc lập - Tự do ...
        LegacyCase{"HuyÖn Nga S¬n", kTcvn3},                         // Huyện Nga Sơn
        LegacyCase{"KÕ ho¹ch thùc hiÖn Ch\u00AD¬ng tr×nh", kTcvn3},  // Kế hoạch thực hiện ...
        LegacyCase{"TØNH THANH HãA", kTcvn3},                        // .VnTimeH capitals
        LegacyCase{"TØnh", kTcvn3},                                  // one strong word
        LegacyCase{"Ban chØ ®¹o", kTcvn3},                           // Ban chỉ đạo
        LegacyCase{"x· héi", kTcvn3},                                // xã hội (two weak words)
        LegacyCase{"Néi dung", kTcvn3},                              // Nội dung
        LegacyCase{"Thêi gian", kTcvn3},                             // Thời gian
        // Windows-1252 curly quotes around TCVN3 text stay neutral.
        LegacyCase{"\u201CUû ban nh©n d©n\u201D", kTcvn3}));

// VNI read as Latin-1.
INSTANTIATE_TEST_SUITE_P(
    Vni, LegacyDetection,
    testing::Values(LegacyCase{"Nöôùc maém", kVni},       // Nước mắm
                    LegacyCase{"Tænh Thanh Hoùa", kVni},  // Tỉnh Thanh Hóa
                    LegacyCase{"Vieät Nam", kVni},        // Việt Nam
                    LegacyCase{"ñòa phöông", kVni},       // địa phương
                    LegacyCase{"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
                               kVni},  // Cộng hòa xã hội ...
                    LegacyCase{"Ñoäc laäp - Töï do - Haïnh phuùc", kVni},  // Độc lập - Tự do ...
                    LegacyCase{"UÛY BAN NHAÂN DAÂN", kVni},                // ỦY BAN NHÂN DÂN
                    LegacyCase{"Huyeän Nga Sôn", kVni},                    // Huyện Nga Sơn
                    LegacyCase{"Ñinh Vaên Ñöùc", kVni},                    // Đinh Văn Đức
                    LegacyCase{"Xaõ Nhi Sôn", kVni},      // Xã Nhi Sơn ("xaõ": tone misplaced)
                    LegacyCase{"Thò xaõ Bæm Sôn", kVni},  // Thị xã Bỉm Sơn
                    LegacyCase{"Coâng ty ABC", kVni},     // Công ty ABC
                    LegacyCase{"Ñaø Naüng", kVni},        // Đà Nẵng
                    LegacyCase{"Tænh", kVni}));           // Tỉnh ("tổnh" is no syllable)

// Unicode text (much of it entirely within Latin-1) and other look-alikes.
INSTANTIATE_TEST_SUITE_P(
    NotLegacy, LegacyDetection,
    testing::Values(
        LegacyCase{"", kNone}, LegacyCase{"Thanh Hoa", kNone}, LegacyCase{"Thanh Hoá", kNone},
        LegacyCase{"Hoà Bình", kNone}, LegacyCase{"Công ty ABC®", kNone},
        LegacyCase{"2 × 3", kNone}, LegacyCase{"Chiếu Nga Sơn", kNone},
        LegacyCase{"Nguyễn Văn An", kNone}, LegacyCase{"Tỉnh Thanh Hóa", kNone},
        LegacyCase{"Nước mắm", kNone}, LegacyCase{"© 2019 Sở Nông nghiệp", kNone},
        LegacyCase{"© 2019", kNone}, LegacyCase{"Mục § 3", kNone}, LegacyCase{"§ 3", kNone},
        LegacyCase{"ABC® và XYZ©", kNone}, LegacyCase{"Dày 5 µm", kNone},
        LegacyCase{"Giá · 5", kNone}, LegacyCase{"«Hoà»", kNone},
        LegacyCase{"Café Trung Nguyên", kNone}, LegacyCase{"Müller GmbH", kNone},
        LegacyCase{"François", kNone}, LegacyCase{"Crème brûlée", kNone},
        LegacyCase{"São Paulo", kNone}, LegacyCase{"Noël", kNone}, LegacyCase{"Ðinh Van An", kNone},
        LegacyCase{"Ðào", kNone}, LegacyCase{"ðó", kNone}, LegacyCase{"Tô Hà", kNone},
        LegacyCase{"Lê Thị Hoà", kNone}, LegacyCase{"Xuân Hoà", kNone},
        LegacyCase{"Quý Thuý Quà Già Giò", kNone},
        LegacyCase{"Khoè Hoè Thuê Tuân Nguyên Uyên Yên Kiêu", kNone},
        LegacyCase{"Ông Bà Cà Mau Chè Tèo Tí Tý Lý", kNone}, LegacyCase{"HOÀ BÌNH", kNone},
        LegacyCase{"CÔNG TY", kNone},
        // NFD: combining marks make it Unicode.
        LegacyCase{"Thanh Hoa\u0301", kNone}, LegacyCase{"Nhãn hiệu ABC® đăng ký", kNone}));

}  // namespace
}  // namespace ocopdoc::text
