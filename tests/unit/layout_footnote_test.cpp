// Footnotes: at the foot of the page that references them, under a short
// rule, 12 pt, numbered as in the tree; room is reserved with the line that
// references them.

#include <gtest/gtest.h>

#include <cmath>

#include "layout_test_support.h"

namespace ocopdoc::layout {
namespace {

using testing::CollectingSink;
using testing::FakeFontSet;
using testing::kPointsPerMm;
using testing::page_contains;

const double kLeft = 30 * kPointsPerMm;
const double kBottom = 20 * kPointsPerMm;

const TextRun* run_containing(const Page& page, std::string_view text) {
  for (const TextRun& run : page.texts) {
    if (run.text.find(text) != std::string::npos) return &run;
  }
  return nullptr;
}

const Line* footnote_rule(const Page& page) {
  for (const Line& line : page.lines) {
    if (line.y1 == line.y2 && std::abs(line.x1 - kLeft) < 1e-6 &&
        std::abs(line.x2 - line.x1 - 50 * kPointsPerMm) < 1e-6) {
      return &line;
    }
  }
  return nullptr;
}

TEST(LayoutFootnote, AtTheFootOfTheReferencingPageUnderARule) {
  const auto pages = testing::lay_out_markup(
      "Đoạn một.^[Chú thích một.]\n\nĐoạn hai,^[Chú thích **hai**.] và ba.^[Ba.]");
  ASSERT_EQ(pages.size(), 1u);
  const Page& page = pages[0];
  // Three notes, one line each (12 pt lines with the fake fonts), stacked
  // from the bottom margin up in the order referenced.
  const TextRun* one = run_containing(page, "Chú thích một.");
  const TextRun* two = run_containing(page, "Chú thích");
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->size, 12);
  EXPECT_NEAR(one->y, kBottom + 3 * 12 - 9.6, 1e-6);
  const TextRun* bold = testing::find_run(page, "hai");
  ASSERT_TRUE(bold);
  EXPECT_EQ(bold->style, FontStyle::kBold);
  EXPECT_NEAR(bold->y, kBottom + 2 * 12 - 9.6, 1e-6);
  const TextRun* three = run_containing(page, "Ba.");
  ASSERT_TRUE(three);
  EXPECT_NEAR(three->y, kBottom + 12 - 9.6, 1e-6);
  // Each note starts with its number, raised and smaller, at the margin.
  std::vector<const TextRun*> marks;
  for (const TextRun& run : page.texts) {
    if ((run.text == "1" || run.text == "2" || run.text == "3") && run.y < kBottom + 40) {
      marks.push_back(&run);
    }
  }
  ASSERT_EQ(marks.size(), 3u);
  EXPECT_EQ(marks[0]->text, "1");
  EXPECT_NEAR(marks[0]->x, kLeft, 1e-6);
  EXPECT_NEAR(marks[0]->size, 12 * 0.65, 1e-9);
  EXPECT_NEAR(marks[0]->y - one->y, 12 * 0.35, 1e-9);
  EXPECT_EQ(marks[2]->text, "3");
  // The separator: about 5 cm, 3 pt above the first note.
  const Line* rule = footnote_rule(page);
  ASSERT_TRUE(rule);
  EXPECT_NEAR(rule->y1, kBottom + 3 * 12 + 3, 1e-6);
}

doc::Paragraph lines_paragraph(int count) {
  doc::Paragraph paragraph;
  for (int i = 1; i <= count; ++i) {
    doc::Span span;
    span.text = "a" + std::to_string(i);
    span.line_break = i < count;
    paragraph.text.push_back(span);
  }
  return paragraph;
}

doc::Paragraph referencing(const std::string& text, int footnote) {
  doc::Paragraph paragraph;
  doc::Span span;
  span.text = text;
  paragraph.text.push_back(span);
  doc::Span mark;
  mark.text = std::to_string(footnote);
  mark.footnote = footnote;
  paragraph.text.push_back(mark);
  return paragraph;
}

TEST(LayoutFootnote, TheReferencingLineMovesWhenItsNoteDoesNotFit) {
  PageSetup setup;
  setup.line_spacing = 1.0;
  setup.paragraph_space_pt = 0;
  doc::Document document;
  // 51 lines of 14 pt leave 14.5 pt: room for the line, not for its note
  // (12 pt and the separator).
  document.blocks.push_back(lines_paragraph(51));
  document.blocks.push_back(referencing("Tham chiếu", 1));
  document.blocks.push_back(referencing("Tiếp", 2));
  document.footnotes.push_back(doc::Inline{doc::Span{.text = "Ghi chú một."}});
  document.footnotes.push_back(doc::Inline{doc::Span{.text = "Ghi chú hai."}});
  FakeFontSet fonts;
  CollectingSink sink;
  layout_document(document, fonts, setup, sink);
  ASSERT_EQ(sink.pages.size(), 2u);
  EXPECT_FALSE(page_contains(sink.pages[0], "Tham chiếu"));
  EXPECT_FALSE(page_contains(sink.pages[0], "Ghi chú"));
  EXPECT_EQ(footnote_rule(sink.pages[0]), nullptr);
  EXPECT_TRUE(page_contains(sink.pages[1], "Tham chiếu"));
  EXPECT_TRUE(page_contains(sink.pages[1], "Ghi chú một."));
  EXPECT_TRUE(page_contains(sink.pages[1], "Ghi chú hai."));
  EXPECT_NE(footnote_rule(sink.pages[1]), nullptr);

  // Without the note the line would have fitted on page 1.
  document.blocks[1] = doc::Paragraph{.text = {doc::Span{.text = "Tham chiếu"}}};
  CollectingSink plain;
  layout_document(document, fonts, setup, plain);
  EXPECT_TRUE(page_contains(plain.pages[0], "Tham chiếu"));
}

TEST(LayoutFootnote, ANoteTallerThanAPageIsAnError) {
  std::string text;
  for (int i = 0; i < 4000; ++i) text += "chữ ";
  doc::Document document;
  document.blocks.push_back(referencing("Tham chiếu", 1));
  document.footnotes.push_back(doc::Inline{doc::Span{.text = text}});
  FakeFontSet fonts;
  CollectingSink sink;
  EXPECT_THROW(layout_document(document, fonts, PageSetup{}, sink), LayoutError);
  EXPECT_EQ(sink.finished, 0);
}

}  // namespace
}  // namespace ocopdoc::layout
