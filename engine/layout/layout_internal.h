// Private to engine/layout: the pieces every part of the layout engine shares.
//
// The engine works in two steps.  Blocks of the document tree are first set
// into *fragments*: horizontal bands of drawing (a line of a paragraph, a row
// of a table, the ND 30 header) that know their height but not yet where they
// go.  The paginator then places fragments one under the other on pages,
// deciding page breaks (see paginator_internal.h).  Fragments use local
// coordinates so they can be set before their page is known.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/page.h"

namespace ocopdoc::layout::detail {

constexpr double kPointsPerMm = 72.0 / 25.4;
inline double mm(double millimetres) {
  return millimetres * kPointsPerMm;
}

// Comparisons of lengths in points tolerate rounding noise: a line that fits
// "exactly" must not move to the next page because of the 15th decimal.
constexpr double kEpsilon = 1e-6;

// A footnote reference mark is set smaller and raised, as word processors do
// for superscript (two thirds of the size, a third of the size up).
constexpr double kSuperscriptScale = 0.65;
constexpr double kSuperscriptRise = 0.35;

// Rules drawn by the engine (title and header rules, table borders,
// footnote separator): ND 30 asks for a thin solid line.
constexpr double kRuleWidth = 0.5;

// The base typeface of a block; the bold/italic/underline of the spans add to
// it (a bold span in an italic legal basis is bold italic).
struct BlockFont {
  double size = 14;
  bool bold = false;
  bool italic = false;
};

// How the lines of one run of inline text are set.
struct TextFormat {
  BlockFont font;
  doc::Align align = doc::Align::kJustify;
  double first_indent = 0;  // added to left_indent on the first line only
  double left_indent = 0;
  double right_indent = 0;
  // Multiple of the font's natural line height (ascent - descent).
  double line_spacing = 1.0;
};

// One set line of text.  Runs and underlines have x from the left edge of
// the width the line was set in, and y relative to the baseline (0, or the
// rise of a superscript mark).
struct LineBox {
  double height = 0;
  double baseline = 0;  // distance from the top of the box down to the baseline
  double width = 0;     // natural width of the text, without stretching
  std::vector<TextRun> texts;
  std::vector<Line> lines;
  std::vector<int> footnotes;  // footnote numbers referenced on this line
};

// A horizontal band of a page, set but not placed.  x is measured from the
// left edge of the text area, y from the top of the fragment, upwards as in
// PDF (so content below the top has negative y).
struct Fragment {
  double height = 0;
  // Vertical space wanted above and below.  The gap between two fragments is
  // the larger of the two (spaces collapse instead of adding up, so a heading
  // after a paragraph is not separated by 6 + 12 pt), and the space before a
  // fragment at the top of a page is dropped.
  double space_before = 0;
  double space_after = 0;
  std::vector<Rect> rects;
  std::vector<Line> lines;
  std::vector<TextRun> texts;
  std::vector<int> footnotes;
  std::vector<OutlineEntry> outline;

  // Adds a set line whose box top is `top` below this fragment's top and
  // whose left edge is at `x`.
  void add_line(const LineBox& line, double x, double top);
  // Adds everything of `other` moved by (dx, dy).
  void add(const Fragment& other, double dx, double dy);
};

class LineBreaker;

// What the block layouters need: the document (for footnotes), the fonts,
// the page set-up and one line breaker (its ICU iterators are costly to make).
struct LayoutContext {
  const doc::Document& document;
  const FontSet& fonts;
  const PageSetup& setup;
  LineBreaker& breaker;
};

// Natural line height and ascent of the regular face at `size`: every line of
// a block has the same height whatever the styles in it, so bold words or a
// superscript mark do not make lines uneven.
double natural_line_height(const FontSet& fonts, double size);

// Sets `text` into lines `width` wide (justification, indents, underlines,
// superscript footnote marks, forced breaks).  Checks that the fonts can show
// every character first; `where` names the place for that message.
std::vector<LineBox> set_lines(const LayoutContext& context, const doc::Inline& text,
                               const TextFormat& format, double width, std::string_view where);

// How lines broken where phrases end are shaped (phrased_lines.cpp).
enum class LineShape {
  kBalanced,  // centred, lines of like width: a trích yếu, a part title
  kAgency,    // centred, and preferably each line no wider than the one above
  kRagged,    // flush left, lines as full as they can be but the last: a heading
};

// Whether text set in the fewest lines may take one line more when those
// can only cut a word or a name.
enum class ExtraLine {
  kNone,     // never: a table cell, whose row a line more would make taller
  kAtACost,  // when the cut it avoids costs more than the line: a heading, a title
  kFree,     // whenever it cuts nothing badly: a cell whose row is that tall anyway
};

// Text of a few lines (a trích yếu, an agency's name, a heading, a table
// cell): the fewest lines `width` allows, broken where phrases end
// (text::break_fits) and shaped as `shape` says; otherwise set as set_lines
// sets it.  `extra` says whether one line more may be taken instead.
std::vector<LineBox> set_phrased_lines(const LayoutContext& context, const doc::Inline& text,
                                       const TextFormat& format, double width,
                                       std::string_view where, LineShape shape,
                                       ExtraLine extra = ExtraLine::kAtACost);

// One plain line of text in a style, measured (for fixed labels such as
// "Kính gửi:" and for the lines of the ND 30 blocks).
LineBox set_plain_line(const LayoutContext& context, std::string_view text, const BlockFont& font,
                       double line_spacing, std::string_view where);

doc::Inline plain_inline(std::string_view text);

// Width of plain text in a style, after checking coverage.
double text_width(const LayoutContext& context, std::string_view text, const BlockFont& font,
                  std::string_view where);

// "bảng, dòng 12": a place in the markup, for messages.
std::string at_line(std::string_view what, int line);

}  // namespace ocopdoc::layout::detail
