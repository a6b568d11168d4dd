// @logo and @khoang-trong: the cover page blocks.
#include <gtest/gtest.h>

#include "doc/markup.h"
#include "doc/text_writer.h"

namespace ocopdoc::doc {
namespace {

TEST(MarkupLogo, ParsesWidthAndSpace) {
  const Document document = parse_markup("@logo rong=80mm\n\n@khoang-trong cao=4cm\n\n@logo\n");
  ASSERT_EQ(document.blocks.size(), 3u);
  EXPECT_DOUBLE_EQ(std::get<Logo>(document.blocks[0]).width_mm, 80);
  EXPECT_DOUBLE_EQ(std::get<VerticalSpace>(document.blocks[1]).height_mm, 40);
  EXPECT_DOUBLE_EQ(std::get<Logo>(document.blocks[2]).width_mm, 70);  // the default
}

TEST(MarkupLogo, BadLengthsAreErrorsWithTheLine) {
  for (const char* markup :
       {"x\n\n@logo rong=abc\n", "x\n\n@logo rong=500mm\n", "x\n\n@khoang-trong\n",
        "x\n\n@khoang-trong cao=3*\n", "x\n\n@logo cao=4cm\n"}) {
    try {
      parse_markup(markup);
      FAIL() << markup;
    } catch (const MarkupError& error) {
      EXPECT_EQ(error.line(), 3) << markup;
    }
  }
}

TEST(MarkupLogo, TextWriterShowsAPlaceholder) {
  const std::string text = write_text(parse_markup("@logo\n"));
  EXPECT_NE(text.find("[ Logo OCOP - TH ]"), std::string::npos);
}

}  // namespace
}  // namespace ocopdoc::doc
