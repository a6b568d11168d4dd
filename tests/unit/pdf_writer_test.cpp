// The PDF writer, checked with independent tools: qpdf, and poppler's pdffonts,
// pdftotext and pdfinfo.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "layout/fonts.h"
#include "pdf/pdf_writer.h"
#include "pdf/sha256.h"

namespace ocopdoc::pdf {
namespace {

namespace fs = std::filesystem;
using layout::FontStyle;

struct CommandResult {
  int status = -1;
  std::string output;
};

CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  size_t count = 0;
  while ((count = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), count);
  result.status = ::pclose(pipe);
  return result;
}

bool have_tool(const std::string& name) {
  return run("command -v " + name + " >/dev/null").status == 0;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// What the test pages say, line by line, top to bottom.
const std::vector<std::pair<FontStyle, std::string>> kPageOneRuns = {
    {FontStyle::kBold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    {FontStyle::kItalic, "Thanh Hóa, ngày 05 tháng 02 năm 2019"},
    // A line of lone letters would be read as letter-spaced text by pdftotext
    // and lose its spaces: the letters follow a word.
    {FontStyle::kRegular, "Các chữ: ạ ả ã ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ đ Đ ơ ư ự ữ ỹ Ỹ Ỵ ỵ"},
    {FontStyle::kBoldItalic, "Nơi nhận:"},
};
const std::vector<std::pair<FontStyle, std::string>> kPageTwoRuns = {
    {FontStyle::kRegular, "Kết quả đánh giá, phân hạng sản phẩm OCOP năm 2024"},
    {FontStyle::kBold, "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"},
    {FontStyle::kItalic, "OCOP 2024 - plain ASCII (1/2)"},
};

layout::Page make_page(int number, const std::vector<std::pair<FontStyle, std::string>>& runs) {
  layout::Page page;
  page.number = number;
  double y = 780;
  for (const auto& [style, text] : runs) {
    layout::TextRun run;
    run.x = 85.04;
    run.y = y;
    run.style = style;
    run.size = 14;
    run.text = text;
    page.texts.push_back(run);
    y -= 40;
  }
  return page;
}

std::vector<layout::Page> make_pages() {
  layout::Page first = make_page(1, kPageOneRuns);
  first.lines.push_back({85.04, 770, 300, 770, 0.5, {}});
  first.rects.push_back({85.04, 500, 200, 60, {0.85, 0.9, 1.0}});
  first.texts[2].color = {0.8, 0, 0};
  first.outline.push_back({1, "I. Kết quả thực hiện", 780});
  layout::Page second = make_page(2, kPageTwoRuns);
  second.outline.push_back({2, "1. Đánh giá, phân hạng", 780});
  return {first, second};
}

layout::DocumentInfo make_info() {
  layout::DocumentInfo info;
  info.title = "Báo cáo kết quả thực hiện Chương trình OCOP năm 2024";
  info.author = "Văn phòng Điều phối nông thôn mới tỉnh Thanh Hóa";
  info.subject = "BÁO CÁO";
  info.keywords = "OCOP, Thanh Hóa";
  return info;
}

class PdfWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "ocopdoc-pdf-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
    std::ostringstream notices;
    fonts_ = layout::FontSet::load(std::string(OCOPDOC_SOURCE_DIR) + "/fonts", notices);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) saved_epoch_ = epoch;
    ::unsetenv("SOURCE_DATE_EPOCH");
  }
  void TearDown() override {
    if (saved_epoch_) ::setenv("SOURCE_DATE_EPOCH", saved_epoch_->c_str(), 1);
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  fs::path write(const std::string& name) {
    const fs::path path = folder_ / name;
    auto writer = make_pdf_writer(path.string(), *fonts_);
    writer->begin(make_info());
    for (auto& page : make_pages()) writer->add_page(page);
    writer->finish();
    return path;
  }

  fs::path folder_;
  std::unique_ptr<layout::FontSet> fonts_;
  std::optional<std::string> saved_epoch_;
};

TEST_F(PdfWriterTest, QpdfFindsNoError) {
  const fs::path path = write("hai-trang.pdf");
  if (!have_tool("qpdf")) GTEST_SKIP() << "qpdf không có";
  const auto check = run("qpdf --check '" + path.string() + "'");
  EXPECT_EQ(check.status, 0) << check.output;
  EXPECT_NE(check.output.find("No syntax or stream encoding errors"), std::string::npos)
      << check.output;
}

TEST_F(PdfWriterTest, FontsAreEmbeddedSubsetsWithUnicodeMaps) {
  const fs::path path = write("phong.pdf");
  if (!have_tool("pdffonts")) GTEST_SKIP() << "pdffonts không có";
  const auto fonts = run("pdffonts '" + path.string() + "'");
  ASSERT_EQ(fonts.status, 0) << fonts.output;
  const auto lines = lines_of(fonts.output);
  ASSERT_EQ(lines.size(), 2u + 4u) << fonts.output;  // header, rule, the four faces
  for (size_t i = 2; i < lines.size(); ++i) {
    std::istringstream fields(lines[i]);
    std::vector<std::string> words{std::istream_iterator<std::string>(fields), {}};
    // name, type (2 words: CID TrueType), encoding, emb, sub, uni, object, generation
    ASSERT_EQ(words.size(), 9u) << lines[i];
    EXPECT_EQ(words[1] + " " + words[2], "CID TrueType") << lines[i];
    EXPECT_EQ(words[3], "Identity-H") << lines[i];
    EXPECT_EQ(words[4], "yes") << "emb: " << lines[i];
    EXPECT_EQ(words[5], "yes") << "sub: " << lines[i];
    EXPECT_EQ(words[6], "yes") << "uni: " << lines[i];
    EXPECT_EQ(words[0][6], '+') << "subset tag: " << lines[i];
  }
}

TEST_F(PdfWriterTest, TextExtractionGivesTheExactVietnameseText) {
  const fs::path path = write("van-ban.pdf");
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext không có";
  const auto text = run("pdftotext -layout -enc UTF-8 '" + path.string() + "' -");
  ASSERT_EQ(text.status, 0) << text.output;
  std::vector<std::vector<std::string>> pages(1);
  for (const auto& line : lines_of(text.output)) {
    std::string rest = line;
    while (!rest.empty() && rest[0] == '\f') {
      pages.emplace_back();
      rest.erase(0, 1);
    }
    if (!trim(rest).empty()) pages.back().push_back(trim(rest));
  }
  ASSERT_GE(pages.size(), 2u) << text.output;
  std::vector<std::string> expected_one, expected_two;
  for (const auto& run_text : kPageOneRuns) expected_one.push_back(run_text.second);
  for (const auto& run_text : kPageTwoRuns) expected_two.push_back(run_text.second);
  EXPECT_EQ(pages[0], expected_one);
  EXPECT_EQ(pages[1], expected_two);
}

TEST_F(PdfWriterTest, InfoPageCountAndPaperSize) {
  const fs::path path = write("thong-tin.pdf");
  if (!have_tool("pdfinfo")) GTEST_SKIP() << "pdfinfo không có";
  const auto info = run("pdfinfo -enc UTF-8 '" + path.string() + "'");
  ASSERT_EQ(info.status, 0) << info.output;
  const std::string& out = info.output;
  EXPECT_NE(out.find("Pages:           2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Page size:       595.28 x 841.89 pts (A4)"), std::string::npos) << out;
  EXPECT_NE(out.find("Title:           Báo cáo kết quả thực hiện Chương trình OCOP năm 2024\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Author:          Văn phòng Điều phối nông thôn mới tỉnh Thanh Hóa\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Subject:         BÁO CÁO\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Keywords:        OCOP, Thanh Hóa\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Creator:         ocopdoc\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Producer:        ocopdoc"), std::string::npos) << out;
  // No SOURCE_DATE_EPOCH: no dates rather than the wall clock.
  EXPECT_EQ(out.find("CreationDate"), std::string::npos) << out;
  EXPECT_EQ(out.find("ModDate"), std::string::npos) << out;
}

TEST_F(PdfWriterTest, DatesComeFromSourceDateEpoch) {
  ::setenv("SOURCE_DATE_EPOCH", "1549324800", 1);  // 2019-02-05 00:00:00 UTC
  const fs::path path = write("ngay.pdf");
  const std::string bytes = read_bytes(path);
  EXPECT_NE(bytes.find("/CreationDate(D:20190205000000Z)"), std::string::npos);
  EXPECT_NE(bytes.find("/ModDate(D:20190205000000Z)"), std::string::npos);
}

TEST_F(PdfWriterTest, CatalogSaysVietnameseAndShowsBookmarks) {
  const std::string bytes = read_bytes(write("ngon-ngu.pdf"));
  EXPECT_NE(bytes.find("/Lang(vi-VN)"), std::string::npos);
  EXPECT_NE(bytes.find("/PageMode/UseOutlines"), std::string::npos);
  // Page content is compressed: no text operators in the clear.
  EXPECT_NE(bytes.find("/FlateDecode"), std::string::npos);
  EXPECT_EQ(bytes.find(" Tf"), std::string::npos);
}

TEST_F(PdfWriterTest, BookmarksNestByLevelAndPointAtTheirPage) {
  const fs::path path = write("muc-luc.pdf");
  if (!have_tool("qpdf")) GTEST_SKIP() << "qpdf không có";
  const auto json = run("qpdf --json=2 --json-key=outlines '" + path.string() + "'");
  ASSERT_EQ(json.status, 0) << json.output;
  const std::string& out = json.output;
  // Top level: one entry on page 1, whose only kid is the level-2 entry on page 2.
  const auto top = out.find("\"title\": \"I. Kết quả thực hiện\"");
  const auto kid = out.find("\"title\": \"1. Đánh giá, phân hạng\"");
  ASSERT_NE(top, std::string::npos) << out;
  ASSERT_NE(kid, std::string::npos) << out;
  const auto kids = out.find("\"kids\": [");
  EXPECT_LT(kids, kid) << out;  // the level-2 entry sits inside the first entry's kids
  EXPECT_NE(out.find("\"destpageposfrom1\": 1"), std::string::npos) << out;
  EXPECT_NE(out.find("\"destpageposfrom1\": 2"), std::string::npos) << out;
  EXPECT_LT(kid, top) << out;  // keys are sorted: a kid comes before its parent's title
  EXPECT_NE(out.find("780"), std::string::npos) << out;  // the destination's top
}

TEST_F(PdfWriterTest, SamePagesGiveIdenticalBytes) {
  const fs::path first = write("lan-1.pdf");
  // PoDoFo's own dates and /ID change with the second: cross one.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const fs::path second = write("lan-2.pdf");
  const std::string first_bytes = read_bytes(first);
  EXPECT_GT(first_bytes.size(), 1000u);
  EXPECT_TRUE(first_bytes == read_bytes(second));
  EXPECT_NE(first_bytes.find("/ID["), std::string::npos);
}

TEST_F(PdfWriterTest, GlyphPlacementMatchesFontFaceWidth) {
  const fs::path path = folder_ / "do-rong.pdf";
  const std::string word = "Quyết";
  {
    auto writer = make_pdf_writer(path.string(), *fonts_);
    writer->begin({});
    layout::Page page;
    for (int i = 0; i < 4; ++i) {
      layout::TextRun run;
      run.x = 100;
      run.y = 700 - 50 * i;
      run.style = static_cast<FontStyle>(i);
      run.size = 13 + i;
      run.text = word;
      page.texts.push_back(run);
    }
    writer->add_page(page);
    writer->finish();
  }
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext không có";
  const auto bbox = run("pdftotext -bbox '" + path.string() + "' -");
  ASSERT_EQ(bbox.status, 0) << bbox.output;
  int checked = 0;
  for (const auto& line : lines_of(bbox.output)) {
    const auto at = line.find("xMax=\"");
    if (at == std::string::npos || line.find(">" + word + "<") == std::string::npos) continue;
    const double x_max = std::stod(line.substr(at + 6));
    const auto style = static_cast<FontStyle>(checked);
    EXPECT_NEAR(x_max, 100 + fonts_->face(style).width(word, 13 + checked), 0.002) << line;
    ++checked;
  }
  EXPECT_EQ(checked, 4) << bbox.output;
}

TEST_F(PdfWriterTest, TouchingBordersOfOneStyleAreDrawnAsOneLine) {
  if (!have_tool("qpdf")) GTEST_SKIP() << "qpdf không có";
  layout::Page page = make_page(1, {{FontStyle::kRegular, "Bảng"}});
  const layout::Color red{0.8, 0, 0};
  // Three cells' bottom borders side by side, two row parts of one column
  // border, one diagonal, then a red rule on the same line as the borders.
  page.lines = {{100, 500, 150, 500, 0.5, {}}, {150, 500, 220, 500, 0.5, {}},
                {220, 500, 300, 500, 0.5, {}}, {100, 600, 100, 550, 0.5, {}},
                {100, 550, 100, 500, 0.5, {}}, {100, 400, 200, 300, 0.5, {}},
                {100, 500, 300, 500, 0.5, red}};
  const fs::path path = folder_ / "vien.pdf";
  auto writer = make_pdf_writer(path.string(), *fonts_);
  writer->begin(make_info());
  writer->add_page(page);
  writer->finish();
  const fs::path plain = folder_ / "vien-qdf.pdf";
  ASSERT_EQ(
      run("qpdf --qdf --object-streams=disable '" + path.string() + "' '" + plain.string() + "'")
          .status,
      0);
  // PoDoFo writes each line as "x1 y1 m x2 y2 l S".
  size_t strokes = 0;
  const std::string content = read_bytes(plain);
  for (size_t at = content.find(" l S"); at != std::string::npos;
       at = content.find(" l S", at + 1)) {
    ++strokes;
  }
  EXPECT_NE(content.find("100.000 500.000 m 300.000 500.000 l S"), std::string::npos);
  EXPECT_NE(content.find("100.000 500.000 m 100.000 600.000 l S"), std::string::npos);
  EXPECT_EQ(strokes, 4u);  // the three borders, the two parts, the diagonal, the red rule
}

TEST_F(PdfWriterTest, WithoutFinishNoFileIsLeft) {
  const fs::path path = folder_ / "bo-do.pdf";
  {
    auto writer = make_pdf_writer(path.string(), *fonts_);
    writer->begin(make_info());
    writer->add_page(make_pages()[0]);
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::is_empty(folder_)) << "tệp tạm còn sót lại";
}

TEST_F(PdfWriterTest, AnExistingFileIsUntouchedUntilFinish) {
  const fs::path path = folder_ / "cu.pdf";
  std::ofstream(path) << "bản cũ";
  {
    auto writer = make_pdf_writer(path.string(), *fonts_);
    writer->add_page(make_pages()[0]);
    EXPECT_EQ(read_bytes(path), "bản cũ");
  }
  EXPECT_EQ(read_bytes(path), "bản cũ");
}

TEST_F(PdfWriterTest, TextTheFontCannotShowIsRefused) {
  const fs::path path = folder_ / "thieu-chu.pdf";
  auto writer = make_pdf_writer(path.string(), *fonts_);
  layout::Page page = make_page(3, {{FontStyle::kRegular, "Chúc mừng 😀"}});
  try {
    writer->add_page(page);
    FAIL() << "ký tự phông không có phải bị từ chối";
  } catch (const layout::FontError& error) {
    EXPECT_NE(std::string(error.what()).find("U+1F600"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("trang 3"), std::string::npos) << error.what();
  }
}

TEST_F(PdfWriterTest, AFolderThatDoesNotExistIsReported) {
  EXPECT_THROW(make_pdf_writer((folder_ / "khong-co" / "a.pdf").string(), *fonts_), PdfError);
}

TEST(Sha256Test, KnownDigests) {
  const auto hex = [](const std::array<std::uint8_t, 32>& digest) {
    std::string text;
    for (auto byte : digest) {
      static constexpr char kHex[] = "0123456789abcdef";
      text += kHex[byte >> 4];
      text += kHex[byte & 15];
    }
    return text;
  };
  detail::Sha256 empty;
  EXPECT_EQ(hex(empty.digest()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  detail::Sha256 abc;
  abc.update("a");
  abc.update("bc");
  EXPECT_EQ(hex(abc.digest()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  detail::Sha256 two_blocks;
  two_blocks.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  EXPECT_EQ(hex(two_blocks.digest()),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace ocopdoc::pdf
