// A whole administrative document laid out with the real fonts (Times New
// Roman or its metric twin Liberation Serif): every block kind, then checks
// that hold on every page whatever the exact metrics — text stays inside the
// text area, the layout is deterministic, the table of contents gives the
// pages the headings really landed on.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "layout_test_support.h"

namespace ocopdoc::layout {
namespace {

using testing::CollectingSink;
using testing::kPointsPerMm;

std::string sample_markup() {
  std::string markup =
      "@dau-van-ban\n"
      "co-quan-chu-quan: UBND TỈNH THANH HÓA\n"
      "co-quan: VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI\n"
      "so: Số: 05/BC\\-VPĐP\n"
      "dia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n\n"
      "@ten-van-ban\nloai: Báo cáo\n"
      "trich-yeu: Tiến độ thực hiện Chương trình mỗi xã một sản phẩm tháng 6 năm 2019\n\n"
      "@kinh-gui\nỦy ban nhân dân tỉnh Thanh Hóa\n\n"
      "@can-cu\nCăn cứ Quyết định số 490/QĐ\\-TTg ngày 07/5/2018 của Thủ tướng Chính phủ;\n"
      "Căn cứ Kế hoạch số 1149\\-QĐ/TU của Tỉnh ủy.\n\n"
      "@muc-luc\n\n";
  for (int part = 1; part <= 3; ++part) {
    markup += "## " +
              std::string(part == 1   ? "I"
                          : part == 2 ? "II"
                                      : "III") +
              ". PHẦN " + std::to_string(part) + "\n\n";
    for (int section = 1; section <= 3; ++section) {
      markup += "### " + std::to_string(section) + ". Nội dung thứ " + std::to_string(section) +
                " của phần " + std::to_string(part) + "\n\n";
      for (int paragraph = 0; paragraph < 3; ++paragraph) {
        markup +=
            "Thực hiện Kế hoạch triển khai Chương trình mỗi xã một sản phẩm giai đoạn 2018 "
            "\\- 2020 của UBND tỉnh, **Văn phòng Điều phối** Xây dựng nông thôn mới tỉnh "
            "*Thanh Hóa* báo cáo tiến độ thực hiện với tổng kinh phí 1.234.567 nghìn đồng, "
            "đạt 12,5% kế hoạch năm 2018\\-2020 theo Quyết định số 2277/QĐ\\-BNN\\-VPĐP";
        if (paragraph == 1) markup += "^[Số liệu đến ngày 30/6/2019, theo báo cáo của các huyện.]";
        markup += " và __các văn bản hướng dẫn__ có liên quan.\n\n";
      }
      markup += "- Thời gian: tháng 9\\-10/2018;\n+ Bước " + std::to_string(section) +
                ": khảo sát thực tế các chủ thể kinh tế có tiềm năng tham gia Chương trình.\n\n";
    }
  }
  markup +=
      "@bang cot=\"1.2cm,auto,2*,2*\" canh=\"giua,trai,phai,phai\" tieu-de=2 ten=\"Biểu 1. Kinh "
      "phí\"\n| STT | Nội dung | Kinh phí | < |\n| ^ | ^ | Dự toán | Giải ngân |\n";
  for (int row = 1; row <= 70; ++row) {
    markup += "| " + std::to_string(row) + " | Hỗ trợ chủ thể số " + std::to_string(row) +
              " xây dựng phương án sản xuất kinh doanh | 1.000.000 | 800.000 |\n";
  }
  markup +=
      "|= Tổng cộng | < | 70.000.000 | 56.000.000 |\n\n"
      "@bieu-do loai=cot tieu-de=\"Sản phẩm theo hạng sao\" don-vi=\"sản phẩm\"\n"
      "| Hạng | Năm 2019 | Năm 2020 |\n| 3 sao | 20 | 35 |\n| 4 sao | 12 | 18 |\n"
      "| 5 sao | 1 | 2 |\n\n"
      "> Trích: Mỗi xã một sản phẩm.\n\n"
      "@noi-nhan\n- Như trên;\n- Lưu: VT, VPĐP.\n\n"
      "@chu-ky\nquyen-han: KT. CHÁNH VĂN PHÒNG\nchuc-vu: PHÓ CHÁNH VĂN PHÒNG\nho-ten: Lê Văn B\n";
  return markup;
}

class LayoutDocument : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ostringstream notices;
    fonts_ = FontSet::load(std::string(OCOPDOC_SOURCE_DIR) + "/fonts", notices).release();
    document_ = new doc::Document(doc::parse_markup(sample_markup()));
  }
  static void TearDownTestSuite() {
    delete fonts_;
    delete document_;
  }
  static std::vector<Page> lay_out() {
    CollectingSink sink;
    layout_document(*document_, *fonts_, PageSetup{}, sink);
    return sink.pages;
  }

  static const FontSet* fonts_;
  static const doc::Document* document_;
};

const FontSet* LayoutDocument::fonts_ = nullptr;
const doc::Document* LayoutDocument::document_ = nullptr;

TEST_F(LayoutDocument, TextStaysInsideTheTextArea) {
  const auto pages = lay_out();
  ASSERT_GE(pages.size(), 5u);
  const double left = 30 * kPointsPerMm, right = (210 - 15) * kPointsPerMm;
  const double top = (297 - 20) * kPointsPerMm, bottom = 20 * kPointsPerMm;
  for (const Page& page : pages) {
    EXPECT_NEAR(page.width, 210 * kPointsPerMm, 1e-6);
    for (const TextRun& run : page.texts) {
      const double width = fonts_->face(run.style).width(run.text, run.size);
      EXPECT_GE(run.x, left - 1e-6) << run.text << " p." << page.number;
      EXPECT_LE(run.x + width, right + 1e-6) << run.text << " p." << page.number;
      EXPECT_GE(run.y, bottom) << run.text << " p." << page.number;
      const bool page_number = run.size == 13 && run.text == std::to_string(page.number);
      if (!page_number) {
        EXPECT_LE(run.y, top) << run.text << " p." << page.number;
      }
    }
    for (const Line& line : page.lines) {
      EXPECT_GE(std::min(line.x1, line.x2), left - 1e-6);
      EXPECT_LE(std::max(line.x1, line.x2), right + 1e-6);
      EXPECT_GE(std::min(line.y1, line.y2), bottom - 1e-6);
      EXPECT_LE(std::max(line.y1, line.y2), top + 1e-6);
    }
  }
}

TEST_F(LayoutDocument, SameInputSamePages) {
  const auto first = lay_out();
  const auto second = lay_out();
  ASSERT_EQ(first.size(), second.size());
  for (size_t p = 0; p < first.size(); ++p) {
    ASSERT_EQ(first[p].texts.size(), second[p].texts.size());
    for (size_t i = 0; i < first[p].texts.size(); ++i) {
      EXPECT_EQ(first[p].texts[i].text, second[p].texts[i].text);
      EXPECT_EQ(first[p].texts[i].x, second[p].texts[i].x);
      EXPECT_EQ(first[p].texts[i].y, second[p].texts[i].y);
    }
    EXPECT_EQ(first[p].lines.size(), second[p].lines.size());
    EXPECT_EQ(first[p].rects.size(), second[p].rects.size());
  }
}

TEST_F(LayoutDocument, ContentsGiveThePagesTheHeadingsLandedOn) {
  const auto pages = lay_out();
  std::map<std::string, int> landed;
  for (const Page& page : pages) {
    for (const OutlineEntry& entry : page.outline) landed[entry.title] = page.number;
  }
  ASSERT_EQ(landed.size(), 12u);
  EXPECT_GT(landed["III. PHẦN 3"], 1);
  // In the contents (on page 1), each entry's number stands at the right
  // margin on the baseline of the entry's last line.
  const double right = (210 - 15) * kPointsPerMm;
  std::map<double, std::string> numbers_by_baseline;
  for (const TextRun& run : pages[0].texts) {
    const double width = fonts_->face(run.style).width(run.text, run.size);
    if (std::abs(run.x + width - right) < 1e-6 && run.size == 14 &&
        run.text.find_first_not_of("0123456789") == std::string::npos) {
      numbers_by_baseline[run.y] = run.text;
    }
  }
  int checked = 0;
  for (const TextRun& run : pages[0].texts) {
    const auto heading = landed.find(run.text);
    if (heading == landed.end()) continue;
    // Outline entries hold the heading itself; the contents repeat it.
    const auto number = numbers_by_baseline.find(run.y);
    if (number == numbers_by_baseline.end()) continue;
    EXPECT_EQ(number->second, std::to_string(heading->second)) << run.text;
    ++checked;
  }
  EXPECT_EQ(checked, 12);
}

}  // namespace
}  // namespace ocopdoc::layout
