// Fonts: resolution of the four faces, metrics and coverage.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "layout/fonts.h"

namespace ocopdoc::layout {
namespace {

namespace fs = std::filesystem;

const std::string kRepositoryFonts = std::string(OCOPDOC_SOURCE_DIR) + "/fonts";
const fs::path kLiberationRegular =
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";

constexpr FontStyle kAllStyles[] = {FontStyle::kRegular, FontStyle::kBold, FontStyle::kItalic,
                                    FontStyle::kBoldItalic};

// Every letter of the Vietnamese alphabet with every tone, both cases.
constexpr std::u32string_view kVietnameseLetters =
    U"aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
    U"AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ";

class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "ocopdoc-fonts-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
    path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(path_ / name, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

std::unique_ptr<FontSet> load_repository_fonts() {
  std::ostringstream notices;
  return FontSet::load(kRepositoryFonts, notices);
}

bool is_times_metrics(const FontFace& face) {
  return face.family() == "Liberation Serif" || face.family() == "Times New Roman";
}

TEST(FontsTest, EveryFaceResolvesToAnExistingFile) {
  const auto fonts = load_repository_fonts();
  for (FontStyle style : kAllStyles) {
    const FontFace& face = fonts->face(style);
    EXPECT_TRUE(fs::is_regular_file(face.path())) << face.path();
    EXPECT_TRUE(is_times_metrics(face)) << face.family();
  }
  // The four faces are four different files.
  EXPECT_NE(fonts->face(FontStyle::kRegular).path(), fonts->face(FontStyle::kBold).path());
  EXPECT_NE(fonts->face(FontStyle::kItalic).path(), fonts->face(FontStyle::kBoldItalic).path());
}

TEST(FontsTest, OnThisMachineLiberationSerifStandsIn) {
  if (!fs::exists(kLiberationRegular)) GTEST_SKIP() << "fonts-liberation2 không được cài";
  const auto fonts = load_repository_fonts();
  const FontFace& regular = fonts->face(FontStyle::kRegular);
  if (regular.family() == "Times New Roman") GTEST_SKIP() << "máy này có Times New Roman thật";
  EXPECT_EQ(regular.family(), "Liberation Serif");
  EXPECT_EQ(regular.path(), kLiberationRegular.string());
  EXPECT_NE(fonts->face(FontStyle::kBoldItalic).path().find("LiberationSerif-BoldItalic.ttf"),
            std::string::npos);
}

TEST(FontsTest, AFileInTheFontsFolderComesFirstWhateverItsCase) {
  if (!fs::exists(kLiberationRegular)) GTEST_SKIP() << "fonts-liberation2 không được cài";
  TemporaryFolder folder;
  fs::copy_file(kLiberationRegular, folder.path() / "TIMES.TTF");
  std::ostringstream notices;
  const auto fonts = FontSet::load(folder.path().string(), notices);
  EXPECT_EQ(fonts->face(FontStyle::kRegular).path(), (folder.path() / "TIMES.TTF").string());
  EXPECT_NE(fonts->face(FontStyle::kBold).path().rfind(folder.path().string(), 0), 0u);
}

TEST(FontsTest, FontsTomlNamesTheFiles) {
  if (!fs::exists(kLiberationRegular)) GTEST_SKIP() << "fonts-liberation2 không được cài";
  TemporaryFolder folder;
  fs::copy_file(kLiberationRegular, folder.path() / "chu-nghieng.ttf");
  folder.write("fonts.toml", "ho_phong = \"Times New Roman\"\nnghieng = \"chu-nghieng.ttf\"\n");
  std::ostringstream notices;
  const auto fonts = FontSet::load(folder.path().string(), notices);
  EXPECT_EQ(fonts->face(FontStyle::kItalic).path(), (folder.path() / "chu-nghieng.ttf").string());
}

TEST(FontsTest, FontsTomlMistakesAreReportedWithTheirLine) {
  TemporaryFolder folder;
  folder.write("fonts.toml", "thuong = \"times.ttf\"\nin_dam = \"timesbd.ttf\"\n");
  std::ostringstream notices;
  try {
    FontSet::load(folder.path().string(), notices);
    FAIL() << "khóa lạ phải bị báo lỗi";
  } catch (const FontError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("fonts.toml:2:"), std::string::npos) << message;
    EXPECT_NE(message.find("in_dam"), std::string::npos) << message;
  }

  folder.write("fonts.toml", "thuong = \n");
  EXPECT_THROW(FontSet::load(folder.path().string(), notices), FontError);

  folder.write("fonts.toml", "dam = \"../timesbd.ttf\"\n");
  EXPECT_THROW(FontSet::load(folder.path().string(), notices), FontError);
}

TEST(FontsTest, ABrokenUserFontIsAnErrorNotSkipped) {
  TemporaryFolder folder;
  folder.write("timesbd.ttf", "đây không phải là phông chữ");
  std::ostringstream notices;
  try {
    FontSet::load(folder.path().string(), notices);
    FAIL() << "tệp phông hỏng phải bị báo lỗi";
  } catch (const FontError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("timesbd.ttf"), std::string::npos) << message;
    EXPECT_NE(message.find("đậm"), std::string::npos) << message;
  }
}

// The notice is once per process, so this runs in a fresh process of its own
// (the "threadsafe" death-test style re-executes the test binary).
TEST(FontsTest, TheLiberationNoticeIsPrintedOncePerProcess) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        std::ostringstream first;
        std::ostringstream second;
        const auto fonts = FontSet::load(kRepositoryFonts, first);
        FontSet::load(kRepositoryFonts, second);
        const bool substituted = fonts->face(FontStyle::kRegular).family() != "Times New Roman";
        const std::string text = first.str();
        const bool one_notice =
            text.find("Liberation Serif") != std::string::npos &&
            text.find("Liberation Serif", text.find("Liberation Serif") + 1) == std::string::npos &&
            text.find("Lưu ý") != std::string::npos;
        const bool ok = second.str().empty() && (substituted ? one_notice : text.empty());
        std::exit(ok ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(FontsTest, WidthsAreTheTimesAdvanceWidths) {
  const auto fonts = load_repository_fonts();
  const FontFace& regular = fonts->face(FontStyle::kRegular);
  ASSERT_TRUE(is_times_metrics(regular));
  // Times advance widths in 1/1000 em: T 611, h 500, a 444, n 500, space 250,
  // H 722, ó 500 → "Thanh Hóa" = 4471.
  EXPECT_NEAR(regular.width("Thanh Hóa", 14), 4471 * 14 / 1000.0, 1e-9);
  EXPECT_NEAR(regular.width("Thanh Hóa", 28), 2 * regular.width("Thanh Hóa", 14), 1e-9);
  EXPECT_DOUBLE_EQ(regular.width("", 14), 0);
  for (FontStyle style : kAllStyles) {
    const FontFace& face = fonts->face(style);
    EXPECT_NEAR(face.width("ĐỒNG", 13), face.width("ĐỒ", 13) + face.width("NG", 13), 1e-9);
    EXPECT_GT(face.width("Mừng", 13), face.width("ừng", 13));
  }
  // Bold is wider than regular.
  EXPECT_GT(fonts->face(FontStyle::kBold).width("CỘNG HÒA", 13), regular.width("CỘNG HÒA", 13));
}

TEST(FontsTest, VerticalMetrics) {
  const auto fonts = load_repository_fonts();
  const FontFace& regular = fonts->face(FontStyle::kRegular);
  EXPECT_GT(regular.ascent(14), 0.8 * 14);
  EXPECT_LT(regular.descent(14), -0.15 * 14);
  // hhea: ascender 1825, descender -443, line gap 87 of 2048.
  EXPECT_NEAR(regular.ascent(14), 14 * 1825 / 2048.0, 1e-9);
  EXPECT_NEAR(regular.line_height(14), 14 * 2355 / 2048.0, 1e-9);
}

TEST(FontsTest, EveryVietnameseLetterHasAGlyphInEveryFace) {
  const auto fonts = load_repository_fonts();
  for (FontStyle style : kAllStyles) {
    for (char32_t letter : kVietnameseLetters) {
      EXPECT_TRUE(fonts->face(style).has_glyph(letter))
          << "U+" << std::hex << static_cast<unsigned>(letter);
    }
  }
  const FontFace& regular = fonts->face(FontStyle::kRegular);
  EXPECT_FALSE(regular.has_glyph(U'\u4E2D'));
  EXPECT_FALSE(regular.has_glyph(U'\U0001F600'));
}

TEST(FontsTest, RequireCoverageNamesTheMissingCharacter) {
  const auto fonts = load_repository_fonts();
  EXPECT_NO_THROW(
      fonts->require_coverage(FontStyle::kBold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "quốc hiệu"));
  try {
    fonts->require_coverage(FontStyle::kRegular, "Chúc mừng 😀", "đoạn 3");
    FAIL() << "biểu tượng cảm xúc phải bị báo lỗi";
  } catch (const FontError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("U+1F600"), std::string::npos) << message;
    EXPECT_NE(message.find("đoạn 3"), std::string::npos) << message;
    EXPECT_NE(message.find("😀"), std::string::npos) << message;
  }
  try {
    fonts->require_coverage(FontStyle::kItalic, "Trung Quốc 中国", "");
    FAIL();
  } catch (const FontError& error) {
    EXPECT_NE(std::string(error.what()).find("U+4E2D"), std::string::npos) << error.what();
  }
  EXPECT_THROW(fonts->require_coverage(FontStyle::kRegular, "a\xC3", "x"), FontError);
  EXPECT_THROW(fonts->require_coverage(FontStyle::kRegular, "\xC0\xAF", "x"), FontError);
}

}  // namespace
}  // namespace ocopdoc::layout
