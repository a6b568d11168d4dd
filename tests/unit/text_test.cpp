// Unit tests for engine/text: UTF-8 validity and normalize().

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/text.h"

namespace ocopdoc::text {
namespace {

// ---------------------------------------------------------------------------
// find_invalid_utf8

TEST(FindInvalidUtf8, AcceptsWellFormedText) {
  EXPECT_EQ(find_invalid_utf8(""), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("Thanh Hoa"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("Tỉnh Thanh Hóa, Nước mắm, địa phương"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("\U0001F600"), std::nullopt);                 // U+1F600
  EXPECT_EQ(find_invalid_utf8("\U0010FFFF"), std::nullopt);                 // U+10FFFF
  EXPECT_EQ(find_invalid_utf8("\uD7FF"), std::nullopt);                     // U+D7FF
  EXPECT_EQ(find_invalid_utf8("\uE000"), std::nullopt);                     // U+E000
  EXPECT_EQ(find_invalid_utf8(std::string_view("a\0b", 3)), std::nullopt);  // NUL is valid UTF-8
}

TEST(FindInvalidUtf8, ReportsTheOffsetOfTheFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8("abc\xFF"), 3u);
  EXPECT_EQ(find_invalid_utf8("\x80"), 0u);    // lone continuation byte
  EXPECT_EQ(find_invalid_utf8("Ha\xC3"), 2u);  // truncated at the end
  EXPECT_EQ(find_invalid_utf8("Ha\xC3 b"),
            2u);                                         // truncated before a space
  EXPECT_EQ(find_invalid_utf8("Hà\xE1\xBA"), 3u);        // truncated 3-byte sequence
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xC1\xBF"), 0u);          // overlong
  EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0u);      // overlong 3-byte
  EXPECT_EQ(find_invalid_utf8("\xF0\x80\x80\xAF"), 0u);  // overlong 4-byte
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);     // surrogate U+D800
  EXPECT_EQ(find_invalid_utf8("\xED\xBF\xBF"), 0u);      // surrogate U+DFFF
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(find_invalid_utf8("\xF5\x80\x80\x80"), 0u);  // lead byte F5
  EXPECT_EQ(find_invalid_utf8("ok \u1EA3 \xFE"), 7u);    // after a valid ả
  // Windows-1252 "Hà" (0xE0 is à in cp1252) is not UTF-8.
  EXPECT_EQ(find_invalid_utf8("H\xE0 N\xF4i"), 1u);
}

// ---------------------------------------------------------------------------
// normalize

TEST(Normalize, LeavesCleanTextAlone) {
  EXPECT_EQ(normalize("Tỉnh Thanh Hóa"), "Tỉnh Thanh Hóa");
  EXPECT_EQ(normalize(""), "");
  EXPECT_EQ(normalize("OCOP 2018-2020"), "OCOP 2018-2020");
}

TEST(Normalize, ComposesNfdInput) {
  // "Thanh Hóa" and "Nguyễn" typed with combining marks.
  EXPECT_EQ(normalize("Thanh Hoa\u0301"), "Thanh Hoá");
  EXPECT_EQ(normalize("Nguye\u0302\u0303n"), "Nguyễn");
  // Dot below and circumflex in non-canonical order come back as one letter.
  EXPECT_EQ(normalize("Vie\u0302\u0323t Nam"), "Việt Nam");
  EXPECT_EQ(normalize("Vie\u0323\u0302t Nam"), "Việt Nam");
  EXPECT_EQ(normalize("u\u031B\u0301"), "ứ");
}

TEST(Normalize, MapsEthLookAlikesToDStroke) {
  EXPECT_EQ(normalize("Ðinh Văn Ðức"), "Đinh Văn Đức");
  EXPECT_EQ(normalize("ðịa phương"), "địa phương");
  EXPECT_EQ(normalize("Ðào"), "Đào");
}

TEST(Normalize, TurnsEveryUnicodeSpaceIntoOneSpaceAndTrims) {
  EXPECT_EQ(normalize("  Nga   Sơn  "), "Nga Sơn");
  EXPECT_EQ(normalize("Nga\tSơn"), "Nga Sơn");
  EXPECT_EQ(normalize("Nga\u00A0Sơn"), "Nga Sơn");  // NBSP
  EXPECT_EQ(normalize("Nga\u2003Sơn"), "Nga Sơn");  // U+2003 em space
  EXPECT_EQ(normalize("Nga\u200ASơn"), "Nga Sơn");  // U+200A hair space
  EXPECT_EQ(normalize("Nga\u202FSơn"), "Nga Sơn");  // U+202F
  EXPECT_EQ(normalize("Nga\u205FSơn"), "Nga Sơn");  // U+205F
  EXPECT_EQ(normalize("Nga\u3000Sơn"), "Nga Sơn");  // U+3000
  EXPECT_EQ(normalize("\u00A0\t Nga \u00A0 \t Sơn\u3000"), "Nga Sơn");
  EXPECT_EQ(normalize(" \t\u00A0 "), "");
}

TEST(Normalize, RemovesZeroWidthCharacters) {
  EXPECT_EQ(normalize("Nga\u200BSơn"), "NgaSơn");        // U+200B
  EXPECT_EQ(normalize("\uFEFFThanh Hóa"), "Thanh Hóa");  // BOM
  EXPECT_EQ(normalize("Th\u200Canh\u200D H\u2060óa"), "Thanh Hóa");
  // Removing a zero-width character between spaces leaves one space.
  EXPECT_EQ(normalize("Nga \u200B Sơn"), "Nga Sơn");
  // A zero-width space between a letter and its combining mark no longer
  // blocks composition.
  EXPECT_EQ(normalize("Hoa\u200B\u0301"), "Hoá");
}

TEST(Normalize, KeepsSoftHyphenInUnicodeText) {
  EXPECT_EQ(normalize("Hà\u00ADNội"), "Hà\u00ADNội");
}

TEST(Normalize, RemovesControlCharacters) {
  EXPECT_EQ(normalize("Thanh\x01 Hóa\x7F"), "Thanh Hóa");
  EXPECT_EQ(normalize(std::string_view("a\0b", 3)), "ab");
}

TEST(Normalize, LineBreaksBecomeSpacesByDefault) {
  EXPECT_EQ(normalize("dòng một\ndòng hai"), "dòng một dòng hai");
  EXPECT_EQ(normalize("dòng một \r\n dòng hai\r"), "dòng một dòng hai");
  EXPECT_EQ(normalize("a\u2028b"),
            "a b");  // U+2028
}

TEST(Normalize, KeepsLineBreaksWhenAsked) {
  EXPECT_EQ(normalize("dòng một \r\n  dòng hai\n", true), "dòng một\ndòng hai");
  EXPECT_EQ(normalize("\n\na\rb\u2029c\n\n", true), "a\nb\nc");
  EXPECT_EQ(normalize("đoạn một\n\nđoạn hai", true), "đoạn một\n\nđoạn hai");
  EXPECT_EQ(normalize("a \t\n\t b", true), "a\nb");
}

TEST(Normalize, RejectsInvalidUtf8WithTheByteOffset) {
  try {
    normalize("Thanh H\xF3 Nga Sơn");
    FAIL() << "no exception";
  } catch (const Error& e) {
    ASSERT_TRUE(e.byte_offset().has_value());
    EXPECT_EQ(*e.byte_offset(), 7u);
    const std::string message = e.what();
    EXPECT_NE(message.find("UTF-8"), std::string::npos) << message;
    EXPECT_NE(message.find("7"), std::string::npos) << message;
    EXPECT_NE(message.find("0xF3"), std::string::npos) << message;
  }
}

TEST(Normalize, RejectsTcvn3WithAMessageNamingTheEncoding) {
  try {
    normalize("TØnh Thanh Hãa");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_FALSE(e.byte_offset().has_value());
    const std::string message = e.what();
    EXPECT_NE(message.find("TCVN3 (ABC)"), std::string::npos) << message;
    EXPECT_NE(message.find("Unicode"), std::string::npos) << message;
    EXPECT_NE(message.find("Unikey"), std::string::npos) << message;
  }
}

TEST(Normalize, RejectsVniWithAMessageNamingTheEncoding) {
  try {
    normalize("Nöôùc maém");
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("bảng mã VNI"), std::string::npos) << message;
  }
}

TEST(Normalize, AcceptsLatin1OnlyVietnamese) {
  EXPECT_EQ(normalize("Thanh Hoá"), "Thanh Hoá");
  EXPECT_EQ(normalize("Hoà Bình"), "Hoà Bình");
  EXPECT_EQ(normalize("Công ty ABC®"), "Công ty ABC®");
  EXPECT_EQ(normalize("2 × 3"), "2 × 3");
}

// The batch renders documents in parallel: every service must give the same
// answers from several threads at once (run under -fsanitize=thread too).
TEST(TextServices, AreSafeFromSeveralThreads) {
  std::vector<int> failures(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&failures, t] {
      for (int round = 0; round < 100; ++round) {
        if (normalize("Thanh Hoa\u0301\u00A0 ") != "Thanh Hoá") ++failures[t];
        if (detect_legacy_encoding("Nöôùc maém") != LegacyEncoding::kVni) ++failures[t];
        if (format_money(1234567) != "1.234.567 đồng") ++failures[t];
        if (format_decimal(1234567.5, 1) != "1.234.567,5") ++failures[t];
        if (format_million(1234567890) != "1.234,6 triệu đồng") ++failures[t];
        if (amount_in_words(1005000) != "Một triệu không trăm linh năm nghìn đồng") ++failures[t];
        if (format_date_long(parse_iso_date("2018-05-07")) != "ngày 07 tháng 5 năm 2018") {
          ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace ocopdoc::text
