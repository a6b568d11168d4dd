// The ND 30 blocks: header columns and rules, title, Kính gửi, căn cứ,
// signature beside Nơi nhận; charts.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "layout_test_support.h"

namespace ocopdoc::layout {
namespace {

using testing::fake_width;
using testing::find_run;
using testing::kPointsPerMm;
using testing::lay_out_markup;

const double kLeft = 30 * kPointsPerMm;
const double kTextWidth = (210 - 30 - 15) * kPointsPerMm;
const double kTop = (297 - 20) * kPointsPerMm;

double centre_of(const TextRun& run) {
  return run.x + fake_width(run.text, run.size) / 2;
}

// A horizontal rule `length` long centred on `centre`, below `above`.
const Line* rule_under(const Page& page, double centre, double length, double above) {
  for (const Line& line : page.lines) {
    if (line.y1 == line.y2 && line.y1 < above && std::abs(line.x2 - line.x1 - length) < 1e-6 &&
        std::abs((line.x1 + line.x2) / 2 - centre) < 1e-6) {
      return &line;
    }
  }
  return nullptr;
}

const char* kHeader =
    "@dau-van-ban\n"
    "co-quan-chu-quan: UBND TỈNH THANH HÓA\n"
    "co-quan: VĂN PHÒNG ĐIỀU PHỐI\n"
    "so: Số: 05/BC-VPĐP\n"
    "dia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n";

TEST(LayoutNd30, HeaderColumnsRulesAndTheSharedBaseline) {
  const auto pages = lay_out_markup(kHeader);
  ASSERT_EQ(pages.size(), 1u);
  const Page& page = pages[0];
  const double left_centre = kLeft + kTextWidth * 0.4 / 2;
  const double right_centre = kLeft + kTextWidth * 0.4 + kTextWidth * 0.6 / 2;

  const TextRun* parent = find_run(page, "UBND TỈNH THANH HÓA");
  const TextRun* agency = find_run(page, "VĂN PHÒNG ĐIỀU PHỐI");
  const TextRun* number = find_run(page, "Số: 05/BC-VPĐP");
  const TextRun* nation = find_run(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  const TextRun* motto = find_run(page, "Độc lập - Tự do - Hạnh phúc");
  const TextRun* date = find_run(page, "Thanh Hóa, ngày 05 tháng 02 năm 2019");
  ASSERT_TRUE(parent && agency && number && nation && motto && date);

  EXPECT_EQ(parent->style, FontStyle::kRegular);
  EXPECT_EQ(parent->size, 13);
  EXPECT_EQ(agency->style, FontStyle::kBold);
  EXPECT_EQ(agency->size, 13);
  EXPECT_EQ(number->style, FontStyle::kRegular);
  EXPECT_EQ(number->size, 13);
  EXPECT_EQ(nation->style, FontStyle::kBold);
  EXPECT_EQ(nation->size, 13);
  EXPECT_EQ(motto->style, FontStyle::kBold);
  EXPECT_EQ(motto->size, 14);
  EXPECT_EQ(date->style, FontStyle::kItalic);
  EXPECT_EQ(date->size, 14);

  for (const TextRun* run : {parent, agency, number})
    EXPECT_NEAR(centre_of(*run), left_centre, 1e-6);
  for (const TextRun* run : {nation, motto, date}) EXPECT_NEAR(centre_of(*run), right_centre, 1e-6);
  // Both columns start at the top of the page.
  EXPECT_NEAR(parent->y, kTop - 0.8 * 13, 1e-6);
  EXPECT_NEAR(nation->y, kTop - 0.8 * 13, 1e-6);
  // "Số" and the place-date share a baseline below both rules.
  EXPECT_NEAR(number->y, date->y, 1e-9);

  // A rule under the agency a third of its width, and one under the motto
  // exactly as long as the motto.
  const Line* agency_rule =
      rule_under(page, left_centre, fake_width(agency->text, 13) / 3, agency->y);
  const Line* motto_rule = rule_under(page, right_centre, fake_width(motto->text, 14), motto->y);
  ASSERT_TRUE(agency_rule && motto_rule);
  EXPECT_GT(agency_rule->y1, number->y);
  EXPECT_GT(motto_rule->y1, date->y);
  EXPECT_LT(motto_rule->y1, motto->y - 0.2 * 14);  // below the descenders
}

TEST(LayoutNd30, AnAgencyNameOnTwoLinesIsWiderAboveThanBelow) {
  // With the test font (6.5 pt a letter, 3.25 a space at 13 pt) the most
  // even cut is "VĂN PHÒNG ĐIỀU" (84.5) / "PHỐI NÔNG THÔN MỚI" (107.25),
  // which splits the word "điều phối"; agencies set the longer line on top.
  const auto pages = lay_out_markup(
      "@dau-van-ban\n"
      "co-quan-chu-quan: UBND TỈNH THANH HÓA\n"
      "co-quan: VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI\n"
      "so: Số: 05/BC-VPĐP\n"
      "dia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n");
  ASSERT_EQ(pages.size(), 1u);
  const TextRun* first = find_run(pages[0], "VĂN PHÒNG ĐIỀU PHỐI");
  const TextRun* second = find_run(pages[0], "NÔNG THÔN MỚI");
  ASSERT_TRUE(first && second);
  EXPECT_GT(first->y, second->y);
  const double left_centre = kLeft + kTextWidth * 0.4 / 2;
  EXPECT_NEAR(centre_of(*first), left_centre, 1e-6);
  EXPECT_NEAR(centre_of(*second), left_centre, 1e-6);
}

TEST(LayoutNd30, AnAgencyNameBreaksBeforeTheUnitNotInsideIt) {
  // The cut wider above would be "ỦY BAN NHÂN DÂN THÀNH / PHỐ THANH HÓA",
  // cutting the word "thành phố" and tearing the name from it.
  const auto pages = lay_out_markup(
      "@dau-van-ban\n"
      "co-quan: ỦY BAN NHÂN DÂN THÀNH PHỐ THANH HÓA\n"
      "so: Số: 05/BC-UBND\n"
      "dia-danh-ngay: Thanh Hóa, ngày 05 tháng 02 năm 2019\n");
  ASSERT_EQ(pages.size(), 1u);
  const TextRun* first = find_run(pages[0], "ỦY BAN NHÂN DÂN");
  const TextRun* second = find_run(pages[0], "THÀNH PHỐ THANH HÓA");
  ASSERT_TRUE(first && second);
  EXPECT_GT(first->y, second->y);
  const double left_centre = kLeft + kTextWidth * 0.4 / 2;
  EXPECT_NEAR(centre_of(*first), left_centre, 1e-6);
  EXPECT_NEAR(centre_of(*second), left_centre, 1e-6);
}

TEST(LayoutNd30, ATitleBreaksWhereAPhraseEnds) {
  // Balanced by width alone this title would cut "sản / phẩm"; it breaks
  // before "tháng", each line centred.
  const auto pages = lay_out_markup(
      "@ten-van-ban\nloai: Báo cáo\n"
      "trich-yeu: Tiến độ thực hiện Chương trình mỗi xã một sản phẩm tháng 6 năm 2019, "
      "huyện Hoằng Hóa\n\nThân bài.");
  const Page& page = pages[0];
  const TextRun* first = find_run(page, "Tiến độ thực hiện Chương trình mỗi xã một sản phẩm");
  const TextRun* second = find_run(page, "tháng 6 năm 2019, huyện Hoằng Hóa");
  ASSERT_TRUE(first && second);
  EXPECT_GT(first->y, second->y);
  const double centre = kLeft + kTextWidth / 2;
  EXPECT_NEAR(centre_of(*first), centre, 1e-6);
  EXPECT_NEAR(centre_of(*second), centre, 1e-6);
  // The rule under the title is a third of its widest line.
  EXPECT_TRUE(rule_under(page, centre, fake_width(first->text, 14) / 3, second->y));
}

TEST(LayoutNd30, TitleCentredBoldWithARuleAThirdOfTheSummary) {
  const auto pages = lay_out_markup(
      "@ten-van-ban\nloai: Kế hoạch\ntrich-yeu: Triển khai Chương trình OCOP\n"
      "trich-yeu: giai đoạn 2018 - 2020\n\nThân bài.");
  const Page& page = pages[0];
  const double centre = kLeft + kTextWidth / 2;
  const TextRun* type = find_run(page, "KẾ HOẠCH");
  const TextRun* first = find_run(page, "Triển khai Chương trình OCOP");
  const TextRun* second = find_run(page, "giai đoạn 2018 - 2020");
  ASSERT_TRUE(type && first && second);
  for (const TextRun* run : {type, first, second}) {
    EXPECT_EQ(run->style, FontStyle::kBold);
    EXPECT_EQ(run->size, 14);
    EXPECT_NEAR(centre_of(*run), centre, 1e-6);
  }
  const double widest = fake_width(first->text, 14);
  const Line* rule = rule_under(page, centre, widest / 3, second->y);
  ASSERT_TRUE(rule);
  const TextRun* body = find_run(page, "Thân bài.");
  ASSERT_TRUE(body);
  EXPECT_LT(body->y, rule->y1 - 12);
}

TEST(LayoutNd30, KinhGuiIsACentredBlock) {
  const auto pages = lay_out_markup("@kinh-gui\nỦy ban nhân dân tỉnh\n");
  const Page& page = pages[0];
  const TextRun* label = find_run(page, "Kính gửi:");
  const TextRun* name = find_run(page, "Ủy ban nhân dân tỉnh");
  ASSERT_TRUE(label && name);
  EXPECT_EQ(label->y, name->y);
  EXPECT_NEAR(name->x, label->x + fake_width("Kính gửi: ", 14), 1e-6);
  const double block = fake_width("Kính gửi: Ủy ban nhân dân tỉnh", 14);
  EXPECT_NEAR(label->x, kLeft + (kTextWidth - block) / 2, 1e-6);

  // Several recipients: "- …;" lines under one another, "." after the last.
  const auto several = lay_out_markup("@kinh-gui\nSở Tài chính\nSở Nông nghiệp\n");
  const TextRun* first = find_run(several[0], "- Sở Tài chính;");
  const TextRun* last = find_run(several[0], "- Sở Nông nghiệp.");
  ASSERT_TRUE(first && last);
  EXPECT_EQ(first->x, last->x);
  EXPECT_GT(first->y, last->y);
}

TEST(LayoutNd30, LegalBasesItalicJustifiedIndented) {
  const auto pages = lay_out_markup("@can-cu\nCăn cứ Luật Tổ chức chính quyền địa phương;\n");
  const TextRun* basis = find_run(pages[0], "Căn cứ Luật Tổ chức chính quyền địa phương;");
  ASSERT_TRUE(basis);
  EXPECT_EQ(basis->style, FontStyle::kItalic);
  EXPECT_NEAR(basis->x, kLeft + 12.7 * kPointsPerMm, 1e-6);
}

TEST(LayoutNd30, SignatureBesideRecipientsLevelWithTheTitleLine) {
  for (const char* markup :
       {"@noi-nhan\n- Như trên;\n- Lưu: VT, VPĐP.\n\n@chu-ky\nquyen-han: TM. ỦY BAN NHÂN DÂN\n"
        "chuc-vu: CHỦ TỊCH\nho-ten: Nguyễn Văn A\n",
        "@chu-ky\nquyen-han: TM. ỦY BAN NHÂN DÂN\nchuc-vu: CHỦ TỊCH\nho-ten: Nguyễn Văn A\n\n"
        "@noi-nhan\n- Như trên;\n- Lưu: VT, VPĐP.\n"}) {
    const auto pages = lay_out_markup(markup);
    ASSERT_EQ(pages.size(), 1u);
    const Page& page = pages[0];
    const TextRun* heading = find_run(page, "Nơi nhận:");
    const TextRun* authority = find_run(page, "TM. ỦY BAN NHÂN DÂN");
    const TextRun* title = find_run(page, "CHỦ TỊCH");
    const TextRun* name = find_run(page, "Nguyễn Văn A");
    const TextRun* item = find_run(page, "- Như trên;");
    ASSERT_TRUE(heading && authority && title && name && item);
    EXPECT_EQ(heading->style, FontStyle::kBoldItalic);
    EXPECT_EQ(heading->size, 12);
    EXPECT_NEAR(heading->x, kLeft, 1e-6);
    EXPECT_NEAR(heading->y, authority->y, 1e-9);
    EXPECT_EQ(item->size, 11);
    EXPECT_EQ(item->style, FontStyle::kRegular);
    EXPECT_NEAR(item->x, kLeft, 1e-6);
    const double right_centre = kLeft + kTextWidth * 0.75;
    for (const TextRun* run : {authority, title, name}) {
      EXPECT_EQ(run->style, FontStyle::kBold);
      EXPECT_EQ(run->size, 14);
      EXPECT_NEAR(centre_of(*run), right_centre, 1e-6);
    }
    // Room for the signature and the seal: 35 mm between the lines' boxes.
    EXPECT_NEAR(title->y - name->y, 14 + 35 * kPointsPerMm, 1e-6);
  }
}

// A Nơi nhận list longer than a page goes on over the next page instead of
// running below the bottom of the first: every recipient is on a page,
// within its text area.
TEST(LayoutNd30, ANoiNhanListLongerThanAPageContinues) {
  std::string markup = "Nội dung.\n\n@chu-ky\nchuc-vu: CHỦ TỊCH\nho-ten: Lê Văn B\n\n@noi-nhan\n";
  for (int i = 0; i < 150; ++i) markup += "- UBND xã số " + std::to_string(i) + ";\n";
  const auto pages = lay_out_markup(markup);
  ASSERT_GE(pages.size(), 2u);
  int found = 0;
  for (const Page& page : pages) {
    for (const TextRun& run : page.texts) {
      if (run.text.find("UBND xã số") == std::string::npos) continue;
      ++found;
      EXPECT_GE(run.y - 0.2 * run.size, 20 * kPointsPerMm - 1e-6) << run.text;
      EXPECT_LE(run.y + 0.8 * run.size, kTop + 1e-6) << run.text;
    }
  }
  EXPECT_EQ(found, 150);
  EXPECT_TRUE(testing::page_contains(pages[0], "Lê Văn B"));
}

TEST(LayoutNd30, SignatureStaysWithTheLastLinesOfText) {
  PageSetup setup;
  setup.line_spacing = 1.0;
  setup.paragraph_space_pt = 0;
  std::string markup;
  for (int i = 0; i < 50; ++i) markup += "Dòng " + std::to_string(i) + ".\n\n";
  markup += "@chu-ky\nchuc-vu: CHÁNH VĂN PHÒNG\nho-ten: Lê Văn B\n";
  const auto pages = lay_out_markup(markup, setup);
  ASSERT_EQ(pages.size(), 2u);
  // The signature does not fit under line 49; it takes line 49 with it.
  EXPECT_TRUE(testing::page_contains(pages[1], "Dòng 49."));
  EXPECT_FALSE(testing::page_contains(pages[1], "Dòng 48."));
  EXPECT_TRUE(testing::page_contains(pages[1], "Lê Văn B"));
}

TEST(LayoutNd30, ColumnChartWithValuesAndLabels) {
  const auto pages = lay_out_markup(
      "@bieu-do loai=cot tieu-de=\"Sản phẩm theo hạng sao\" don-vi=\"sản phẩm\"\n"
      "| Hạng | Năm 2019 | Năm 2020 |\n| 3 sao | 20 | 1.234 |\n| 4 sao | 12 | 7 |\n");
  ASSERT_EQ(pages.size(), 1u);
  const Page& page = pages[0];
  // Bars and legend swatches (grid lines are thin grey boxes painted first).
  const Color grid{0.82, 0.82, 0.82};
  std::vector<Rect> bars;
  for (const Rect& rect : page.rects) {
    if (!(rect.fill == grid)) bars.push_back(rect);
  }
  ASSERT_EQ(bars.size(), 4u + 2u);
  EXPECT_TRUE(page.rects.front().fill == grid);
  for (const char* text : {"Sản phẩm theo hạng sao", "(Đơn vị: sản phẩm)", "3 sao", "4 sao",
                           "1.234", "20", "Năm 2019", "Năm 2020"}) {
    EXPECT_TRUE(find_run(page, text)) << text;
  }
  for (const TextRun& run : page.texts) EXPECT_LE(run.size, 12);
  // Bars of one series share a colour; the two series differ.
  EXPECT_EQ(bars[0].fill, bars[2].fill);
  EXPECT_FALSE(bars[0].fill == bars[1].fill);
  // The chart is 8 cm tall: everything lies within it, inside the text width.
  for (const TextRun& run : page.texts) {
    EXPECT_GE(run.y, kTop - 80 * kPointsPerMm);
    EXPECT_GE(run.x, kLeft - 1e-6);
  }
  for (const Rect& rect : page.rects) {
    EXPECT_LE(rect.x + rect.width, kLeft + kTextWidth + 1e-6);
    EXPECT_GE(rect.y, kTop - 80 * kPointsPerMm);
  }
}

TEST(LayoutNd30, TheAxisGoesAStepBeyondABarThatEndsOnAGridLine) {
  // The longest bar is 5, a grid line: its figure "5" needs room past it,
  // so the axis runs to 6.  A longest bar of 7 ends between lines (axis to 8).
  const auto ends_at = [](const std::string& values) {
    const auto pages = lay_out_markup("@bieu-do loai=thanh tieu-de=\"Sản phẩm\"\n| Đơn vị | Số |\n" + values);
    double last = 0;
    for (const TextRun& run : pages.at(0).texts) {
      if (!run.text.empty() && std::all_of(run.text.begin(), run.text.end(), ::isdigit))
        last = std::max(last, std::stod(run.text));
    }
    return last;
  };
  EXPECT_EQ(ends_at("| A | 5 |\n| B | 2 |\n"), 6);
  EXPECT_EQ(ends_at("| A | 7 |\n| B | 2 |\n"), 8);
  // A chart of zeros keeps its axis of 0 to 1.
  EXPECT_EQ(ends_at("| A | 0 |\n| B | 0 |\n"), 1);
}

// Side-by-side columns whose figures are wider than the columns: every
// figure stays clear of the other figures and of every column, lifted over
// a taller neighbour when it reaches across it, and all figures share one
// size.
TEST(LayoutNd30, SideBySideColumnFiguresNeverTouch) {
  const auto pages = lay_out_markup(
      "@bieu-do loai=cot tieu-de=\"Dự toán và giải ngân\" don-vi=\"triệu đồng\"\n"
      "| Dự án | Dự toán | Giải ngân |\n"
      "| I | 4.550 | 2.399,4 |\n| II | 7.600 | 4.128,1 |\n| III | 42.500 | 11.532 |\n"
      "| IV | 2.050 | 706,8 |\n| V | 8.400 | 2.711,5 |\n| VI | 6.700 | 258,6 |\n"
      "| VII | 9.300 | 2.682,5 |\n| VIII | 4.450 | 2.794 |\n");
  ASSERT_EQ(pages.size(), 1u);
  const Page& page = pages[0];
  const Color grid{0.82, 0.82, 0.82};
  struct Box {
    double left, right, bottom, top;
  };
  const auto apart = [](const Box& a, const Box& b) {
    return a.right <= b.left + 1e-6 || b.right <= a.left + 1e-6 || a.top <= b.bottom + 1e-6 ||
           b.top <= a.bottom + 1e-6;
  };
  std::vector<Box> columns;
  for (const Rect& rect : page.rects) {
    if (!(rect.fill == grid) && rect.width > 10) {
      columns.push_back({rect.x, rect.x + rect.width, rect.y, rect.y + rect.height});
    }
  }
  ASSERT_EQ(columns.size(), 16u);
  std::vector<Box> figures;
  std::vector<double> sizes;
  // Each series in one precision: the disbursements' whole numbers get
  // their ",0" beside "2.399,4"; the estimates stay whole.
  const std::set<std::string> values = {
      "4.550", "2.399,4", "7.600", "4.128,1", "42.500", "11.532,0", "2.050", "706,8",
      "8.400", "2.711,5", "6.700", "258,6",   "9.300",  "2.682,5",  "4.450", "2.794,0"};
  for (const TextRun& run : page.texts) {
    if (!values.count(run.text)) continue;  // titles, names, the axis's round figures
    // The line box of the figure (the test font: ascent 0.8 em, descent 0.2).
    figures.push_back({run.x, run.x + fake_width(run.text, run.size), run.y - 0.2 * run.size,
                       run.y + 0.8 * run.size});
    sizes.push_back(run.size);
  }
  ASSERT_EQ(figures.size(), values.size());
  for (double size : sizes) EXPECT_EQ(size, sizes.front());
  for (size_t a = 0; a < figures.size(); ++a) {
    for (size_t b = a + 1; b < figures.size(); ++b)
      EXPECT_TRUE(apart(figures[a], figures[b])) << a << " " << b;
    for (const Box& column : columns) EXPECT_TRUE(apart(figures[a], column)) << a;
  }
}

// Negative columns hang their figures below them, clear of each other,
// of the neighbouring category's figures and of the category labels under
// the plot.  A chart too crowded for figures (one would have to move more
// than two lines to stay clear) draws none.
TEST(LayoutNd30, FiguresUnderNegativeColumnsStayAboveTheLabels) {
  std::string markup = "@bieu-do loai=cot\n| Nhóm | Thu | Chi |\n";
  for (int c = 0; c < 6; ++c) {
    markup += "| Nhóm " + std::to_string(c) + " | -4.550,5 | -4.320,25 |\n";
  }
  const auto pages = lay_out_markup(markup);
  ASSERT_EQ(pages.size(), 1u);
  struct Box {
    double left, right, bottom, top;
  };
  std::vector<Box> figures, labels;
  for (const TextRun& run : pages[0].texts) {
    const Box box{run.x, run.x + fake_width(run.text, run.size), run.y - 0.2 * run.size,
                  run.y + 0.8 * run.size};
    if (run.text == "-4.550,5" || run.text == "-4.320,25") figures.push_back(box);
    if (run.text.rfind("Nhóm ", 0) == 0) labels.push_back(box);
  }
  ASSERT_EQ(figures.size(), 12u);
  ASSERT_EQ(labels.size(), 6u);
  const auto apart = [](const Box& a, const Box& b) {
    return a.right <= b.left + 1e-6 || b.right <= a.left + 1e-6 || a.top <= b.bottom + 1e-6 ||
           b.top <= a.bottom + 1e-6;
  };
  for (size_t a = 0; a < figures.size(); ++a) {
    for (size_t b = a + 1; b < figures.size(); ++b) EXPECT_TRUE(apart(figures[a], figures[b]));
    for (const Box& label : labels) EXPECT_GT(figures[a].bottom, label.top) << a;
  }

  std::string crowded = "@bieu-do loai=cot\n| Nhóm | A | B | C |\n";
  for (int c = 0; c < 20; ++c) {
    crowded += "| N" + std::to_string(c) + " | 60.000 | 1.123,4 | 58.765,4 |\n";
  }
  const auto crowded_pages = lay_out_markup(crowded);
  ASSERT_EQ(crowded_pages.size(), 1u);
  for (const TextRun& run : crowded_pages[0].texts) {
    EXPECT_NE(run.text, "1.123,4");
    EXPECT_NE(run.text, "58.765,4");
  }
  EXPECT_TRUE(find_run(crowded_pages[0], "N19"));
}

// 27 districts as stacked bars: the chart grows taller than 8 cm so that each
// district keeps a band at least as tall as its label, stays on one page,
// draws one segment per non-zero value with its figure in white inside, and
// the district's total after the bar.
TEST(LayoutNd30, StackedBarChartOfManyCategoriesKeepsReadableBands) {
  std::string markup =
      "@bieu-do loai=thanh-chong tieu-de=\"Sản phẩm theo huyện\" don-vi=\"sản phẩm\"\n"
      "| Huyện | 3 sao | 4 sao |\n";
  int segments = 0;
  int labelled = 0;  // segments of stacks of two: a lone segment's figure is its total's
  for (int c = 1; c <= 27; ++c) {
    markup += "| Huyện " + std::to_string(c) + " | " + std::to_string(c % 3) + " | " +
              std::to_string(c % 2) + " |\n";
    const int here = (c % 3 != 0) + (c % 2 != 0);
    segments += here;
    labelled += here > 1 ? here : 0;
  }
  const auto pages = lay_out_markup(markup);
  ASSERT_EQ(pages.size(), 1u);
  const Page& page = pages[0];
  const Color grid{0.82, 0.82, 0.82};
  int filled = 0;
  double lowest = kTop;
  for (const Rect& rect : page.rects) {
    if (!(rect.fill == grid)) ++filled;
    lowest = std::min(lowest, rect.y);
    EXPECT_GE(rect.y, 20 * kPointsPerMm);  // above the bottom margin
  }
  EXPECT_EQ(filled, segments + 2);  // and two legend swatches
  EXPECT_LT(lowest, kTop - 80 * kPointsPerMm);
  double previous = kTop + 1;
  for (int c = 1; c <= 27; ++c) {
    const TextRun* label = find_run(page, "Huyện " + std::to_string(c));
    ASSERT_NE(label, nullptr) << c;
    EXPECT_LE(label->y, previous - 11) << c;  // top down, a line apart at least
    previous = label->y;
  }
  const Color white{1, 1, 1};
  int white_figures = 0;
  for (const TextRun& run : page.texts) white_figures += run.color == white ? 1 : 0;
  EXPECT_EQ(white_figures, labelled);
  // Huyện 4: 1 + 0, one figure only, its total beside the bar.
  const TextRun* lone = find_run(page, "Huyện 4");
  ASSERT_NE(lone, nullptr);
  int ones = 0;
  for (const TextRun& run : page.texts) {
    ones += run.text == "1" && std::abs(run.y - lone->y) < 6 ? 1 : 0;
  }
  EXPECT_EQ(ones, 1);
  // Huyện 5: 2 + 1, its total 3 after the bar, level with it.
  const TextRun* label = find_run(page, "Huyện 5");
  bool total = false;
  for (const TextRun& run : page.texts) {
    total = total || (run.text == "3" && !(run.color == white) && std::abs(run.y - label->y) < 6);
  }
  EXPECT_TRUE(total);
}

TEST(LayoutNd30, StackedColumnsAddUp) {
  const auto pages = lay_out_markup(
      "@bieu-do loai=cot-chong\n| Năm | Dự toán | Bổ sung |\n| 2019 | 4 | 2 |\n| 2020 | 1 | 0 |\n");
  ASSERT_EQ(pages.size(), 1u);
  const Color grid{0.82, 0.82, 0.82};
  std::vector<Rect> bars;
  for (const Rect& rect : pages[0].rects) {
    if (!(rect.fill == grid) && rect.width > 10) bars.push_back(rect);  // not the legend swatches
  }
  ASSERT_EQ(bars.size(), 3u);  // 4 and 2 stacked, 1 alone: a zero draws nothing
  // The 2 stands on the 4, in the same column, half as tall.
  EXPECT_DOUBLE_EQ(bars[0].x, bars[1].x);
  EXPECT_NEAR(bars[1].y, bars[0].y + bars[0].height, 1e-6);
  EXPECT_NEAR(bars[1].height * 2, bars[0].height, 1e-6);
  EXPECT_TRUE(find_run(pages[0], "6"));  // the 2019 total above its column
}

// 300 categories need far more than a page of readable bands: the chart
// goes on over as many pages as they need, shared evenly, each part a whole
// chart with the same scale and name column (every bar starts at the same x
// and a value is as long on every page), "(tiếp theo)" after the title from
// the second part on, and every bar keeps its figure.  A name that wraps
// gets a band as tall as its lines, clear of its neighbours.
TEST(LayoutNd30, ManyBarsContinueOnFollowingPages) {
  std::string markup = "@bieu-do loai=thanh tieu-de=\"Sản phẩm theo xã\"\n| Xã | Số |\n";
  for (int c = 0; c < 300; ++c) {
    std::string name = "Xã " + std::to_string(c);
    if (c % 50 == 7) name += " có tên rất dài của một huyện miền núi phía tây tỉnh Thanh Hóa";
    markup += "| " + name + " | " + (c == 0 ? "9.876" : "1.234") + " |\n";
  }
  const auto pages = lay_out_markup(markup);
  ASSERT_GT(pages.size(), 5u);
  const Color grid{0.82, 0.82, 0.82};
  int next = 0;  // the categories come once each, in order, across the pages
  int figures = 0;
  size_t fewest = 1000;
  std::set<double> bar_starts, bar_lengths;
  for (size_t p = 0; p < pages.size(); ++p) {
    const Page& page = pages[p];
    EXPECT_EQ(find_run(page, "Sản phẩm theo xã (tiếp theo)") != nullptr, p > 0) << p;
    EXPECT_EQ(find_run(page, "Sản phẩm theo xã") != nullptr, p == 0) << p;
    size_t bars = 0;
    double names_right = 1e9;
    for (const Rect& rect : page.rects) {
      EXPECT_GE(rect.y, 20 * kPointsPerMm - 1e-6) << p;  // above the bottom margin
      if (rect.fill == grid) continue;
      ++bars;
      bar_starts.insert(std::round(rect.x * 1000) / 1000);
      bar_lengths.insert(std::round(rect.width * 1000) / 1000);
      names_right = std::min(names_right, rect.x);
    }
    fewest = std::min(fewest, bars);
    // A name's first line starts below the last line of the name above,
    // with a gap (the lines of one wrapped name have none).
    double previous_bottom = kTop + 100;
    for (const TextRun& run : page.texts) {
      figures += run.text == "1.234" || run.text == "9.876";
      if (run.x + fake_width(run.text, run.size) > names_right) continue;  // not a name
      const std::string first = "Xã " + std::to_string(next);
      if (run.text == first || run.text.rfind(first + " ", 0) == 0) {
        EXPECT_LT(run.y + 0.8 * run.size, previous_bottom - 2) << run.text;
        ++next;
      }
      previous_bottom = run.y - 0.2 * run.size;
    }
  }
  EXPECT_EQ(next, 300);
  EXPECT_EQ(figures, 300);
  EXPECT_EQ(bar_starts.size(), 1u);   // one zero line, one name column
  EXPECT_EQ(bar_lengths.size(), 2u);  // 9.876 and 1.234, on every page alike
  // No page is left with a bar or two.
  EXPECT_GE(fewest, 5u);

  // Names of one line: every page full, like a long table, and the last
  // part has five bars at least (323 = 45 + 6 × 46 + 2).
  for (int rows : {300, 323}) {
    std::string even = "@bieu-do loai=thanh\n| Xã | Số |\n";
    for (int c = 0; c < rows; ++c) even += "| Xã " + std::to_string(c) + " | 5 |\n";
    std::vector<size_t> counts;
    for (const Page& page : lay_out_markup(even)) {
      size_t bars = 0;
      for (const Rect& rect : page.rects) bars += rect.fill == grid ? 0 : 1;
      counts.push_back(bars);
    }
    ASSERT_GE(counts.size(), 3u);
    // (The first page keeps a little room for a heading's gap: a bar less.)
    const size_t full = counts[1];
    EXPECT_TRUE(counts[0] == full || counts[0] + 1 == full) << rows;
    for (size_t p = 1; p + 2 < counts.size(); ++p) EXPECT_EQ(counts[p], full) << rows << " " << p;
    EXPECT_GE(counts[counts.size() - 2] + 5, full) << rows;
    EXPECT_GE(counts.back(), 5u) << rows;
    EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), size_t{0}), static_cast<size_t>(rows));
  }
}

// A heading keeps with the first part of its chart: however many bars
// follow (here around one and two pages' worth, where a first part a page
// tall would push the heading onto a page of its own), the page with the
// heading has bars too.  A chart just too tall for the room under its
// heading is drawn a little tighter on that page rather than cut in two.
TEST(LayoutNd30, AHeadingIsNeverLeftAloneAboveItsChart) {
  const Color grid{0.82, 0.82, 0.82};
  for (int rows : {30, 40, 42, 44, 45, 46, 48, 85, 88, 90, 92, 132, 176}) {
    std::string markup =
        "Đoạn mở đầu.\n\n## I. Biểu đồ\n\n@bieu-do loai=thanh tieu-de=\"T\"\n| Xã | Số |\n";
    for (int c = 0; c < rows; ++c) markup += "| Xã " + std::to_string(c) + " | 5 |\n";
    const auto pages = lay_out_markup(markup);
    size_t bars = 0, pages_with_bars = 0;
    for (const Page& page : pages) {
      size_t on_page = 0;
      for (const Rect& rect : page.rects) on_page += rect.fill == grid ? 0 : 1;
      bars += on_page;
      pages_with_bars += on_page > 0;
      if (testing::page_contains(page, "I. Biểu đồ")) {
        EXPECT_GT(on_page, 0u) << rows;
      }
      for (const Rect& rect : page.rects) EXPECT_GE(rect.y, 20 * kPointsPerMm - 1e-6) << rows;
    }
    EXPECT_EQ(bars, static_cast<size_t>(rows));
    if (rows <= 45) {
      EXPECT_EQ(pages_with_bars, 1u) << rows;  // one part, under its heading
    }
  }
}

// A name longer than a page has its own part and shows the lines its band
// holds: nothing is drawn off the page.
TEST(LayoutNd30, ANameLongerThanAPageStaysOnThePage) {
  std::string name;
  for (int i = 0; i < 900; ++i) name += "tên ";
  const auto pages =
      lay_out_markup("@bieu-do loai=thanh\n| Xã | Số |\n| " + name + "| 3 |\n| B | 4 |\n");
  for (const Page& page : pages) {
    for (const TextRun& run : page.texts) {
      if (run.text == std::to_string(page.number)) continue;  // in the top margin
      EXPECT_GE(run.y - 0.2 * run.size, 20 * kPointsPerMm - 1e-6) << run.text;
      EXPECT_LE(run.y + 0.8 * run.size, kTop + 1e-6) << run.text;
    }
  }
}

// 27 districts as columns: slots narrower than "Huyện" would break the
// names into letters, so the chart is drawn as several charts one under
// another, as many columns in each as keep every word whole, the districts
// shared evenly, all columns as wide, and no two names touching.  A few
// categories stay one chart.
TEST(LayoutNd30, ColumnChartOfManyCategoriesIsDrawnInStrips) {
  std::string markup = "@bieu-do loai=cot tieu-de=\"Số xã\"\n| Huyện | Số xã |\n";
  for (int c = 1; c <= 27; ++c) {
    markup += "| Huyện Thạch Thành " + std::to_string(c) + " | " + std::to_string(c) + " |\n";
  }
  const auto pages = lay_out_markup(markup);
  ASSERT_GE(pages.size(), 1u);
  const Color grid{0.82, 0.82, 0.82};
  int strips = 0, titles = 0;
  std::set<double> widths;
  std::vector<int> numbers;
  for (const Page& page : pages) {
    for (const Rect& rect : page.rects) {
      if (!(rect.fill == grid)) widths.insert(std::round(rect.width * 1000) / 1000);
    }
    std::vector<const TextRun*> names;
    for (const TextRun& run : page.texts) {
      strips += run.text == "Số xã (tiếp theo)";
      titles += run.text == "Số xã";
      if (run.text == "Huyện" || run.text == "Thạch" || run.text == "Thành") names.push_back(&run);
      if (run.text.rfind("Thành ", 0) == 0 || run.text.rfind("Huyện ", 0) == 0)
        names.push_back(&run);
      // Every word of the names is whole: no line of a label is a piece of one.
      EXPECT_NE(run.text, "Huy") << run.text;
      EXPECT_NE(run.text, "Th") << run.text;
    }
    for (size_t a = 0; a < names.size(); ++a) {
      for (size_t b = a + 1; b < names.size(); ++b) {
        if (std::abs(names[a]->y - names[b]->y) > 1e-6) continue;
        const double a_right = names[a]->x + fake_width(names[a]->text, names[a]->size);
        const double b_right = names[b]->x + fake_width(names[b]->text, names[b]->size);
        EXPECT_TRUE(a_right < names[b]->x || b_right < names[a]->x)
            << names[a]->text << " / " << names[b]->text;
      }
    }
  }
  EXPECT_EQ(titles, 1);
  EXPECT_GE(strips, 1);
  EXPECT_EQ(widths.size(), 1u);  // every column as wide, in every strip

  // Every strip has the same plot: one value, one height, even when the
  // names of one strip wrap to more lines than the others'.
  std::string same = "@bieu-do loai=cot tieu-de=\"Số xã\"\n| Huyện | Số xã |\n";
  for (int c = 1; c <= 27; ++c) {
    same += std::string("| Huyện ") + (c <= 9 ? "Thạch Thành Cẩm Thủy Bá Thước Như Xuân " : "") +
            std::to_string(c) + " | 10 |\n";
  }
  std::set<double> heights;
  int same_strips = 0;
  for (const Page& page : lay_out_markup(same)) {
    for (const Rect& rect : page.rects) {
      if (!(rect.fill == grid)) heights.insert(std::round(rect.height * 1000) / 1000);
    }
    for (const TextRun& run : page.texts) same_strips += run.text.rfind("Số xã", 0) == 0;
  }
  EXPECT_GE(same_strips, 2);
  EXPECT_EQ(heights.size(), 1u);
  const auto few = lay_out_markup(
      "@bieu-do loai=cot tieu-de=\"Số xã\"\n| Huyện | Số xã |\n| Huyện A | 3 |\n| Huyện B | 4 |\n");
  ASSERT_EQ(few.size(), 1u);
  EXPECT_FALSE(testing::page_contains(few[0], "tiếp theo"));

  // Names of one long word (codes): at least four columns a strip, the
  // words broken, not twelve charts of one column.
  std::string codes = "@bieu-do loai=cot tieu-de=\"Mã\"\n| Mã | Số |\n";
  for (int c = 1; c <= 12; ++c) {
    codes += "| SP" + std::string(40, 'X') + std::to_string(c) + " | " + std::to_string(c) + " |\n";
  }
  int code_strips = 1;
  for (const Page& page : lay_out_markup(codes)) {
    for (const TextRun& run : page.texts) code_strips += run.text == "Mã (tiếp theo)";
  }
  EXPECT_LE(code_strips, 3);
}

// A name that wraps onto a second line does not push its bar out of the
// rhythm: every band is as tall as the tallest name needs.
TEST(LayoutNd30, BarsAreEvenlySpacedWhenANameWraps) {
  const auto pages = lay_out_markup(
      "@bieu-do loai=thanh tieu-de=\"Sản phẩm theo nhóm\"\n| Nhóm | Số |\n"
      "| Thực phẩm | 73 |\n| Đồ uống | 12 |\n| Thảo dược | 12 |\n"
      "| Dịch vụ du lịch nông thôn, bán hàng và các dịch vụ khác của làng nghề | 14 |\n"
      "| Vải | 13 |\n");
  ASSERT_EQ(pages.size(), 1u);
  const Color grid{0.82, 0.82, 0.82};
  std::vector<double> tops;
  for (const Rect& rect : pages[0].rects) {
    if (rect.fill != grid) tops.push_back(rect.y + rect.height);
  }
  ASSERT_EQ(tops.size(), 5u);
  std::sort(tops.begin(), tops.end());
  for (size_t i = 2; i < tops.size(); ++i) {
    EXPECT_NEAR(tops[i] - tops[i - 1], tops[1] - tops[0], 1e-6) << i;
  }
  // The long name did wrap (its words are on two lines).
  std::set<double> name_lines;
  for (const TextRun& run : pages[0].texts) {
    if (run.text.find("Dịch vụ") != std::string::npos ||
        run.text.find("nghề") != std::string::npos) {
      name_lines.insert(run.y);
    }
  }
  EXPECT_GE(name_lines.size(), 2u);
}

// A unit wider than the chart wraps under the title, like the title, and
// stays on the page (found by the layout fuzzer).
TEST(LayoutNd30, AUnitWiderThanTheChartWraps) {
  const std::string word(150, 'G');
  const auto pages = lay_out_markup("@bieu-do loai=cot tieu-de=\"Sản phẩm\" don-vi=\"sản" + word +
                                    " phẩm\"\n| Hạng | Số |\n| 3 sao | 25 |\n| 4 sao | 11 |\n");
  ASSERT_EQ(pages.size(), 1u);
  const double right = kLeft + kTextWidth;
  int unit_runs = 0;
  for (const TextRun& run : pages[0].texts) {
    EXPECT_LE(run.x + fake_width(run.text, run.size), right + 1e-6) << run.text;
    unit_runs += run.style == FontStyle::kItalic ? 1 : 0;
  }
  EXPECT_GE(unit_runs, 2);  // on more than one line
}

TEST(LayoutNd30, BarChartIsKeptOnOnePage) {
  PageSetup setup;
  setup.line_spacing = 1.0;
  setup.paragraph_space_pt = 0;
  std::string markup;
  for (int i = 0; i < 40; ++i) markup += "Dòng " + std::to_string(i) + ".\n\n";
  markup += "@bieu-do loai=thanh tieu-de=\"Học viên\"\n| Khóa | Số học viên |\n| Khóa 1 | 50 |\n";
  const auto pages = lay_out_markup(markup, setup);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_TRUE(pages[0].rects.empty());
  const Color grid{0.82, 0.82, 0.82};
  int bars = 0;
  for (const Rect& rect : pages[1].rects) bars += rect.fill == grid ? 0 : 1;
  EXPECT_EQ(bars, 1);
  EXPECT_TRUE(find_run(pages[1], "Khóa 1"));
  EXPECT_TRUE(find_run(pages[1], "50"));
}

}  // namespace
}  // namespace ocopdoc::layout
