// Private to engine/layout: where lines may break, and greedy line filling.
//
// Break opportunities come from ICU's line BreakIterator for Vietnamese,
// tailored for administrative text: ICU allows a break after "/" and "-"
// ("490/|QĐ-|TTg", "07/|5/|2018", "2018-|2020"), which would split document
// symbols, dates and ranges over two lines.  Those breaks are removed when
// the characters on both sides are letters or digits, so "490/QĐ-TTg",
// "1149-QĐ/TU", "07/5/2018" and "2018-2020" never split, while "2018 - 2020"
// still breaks at its spaces.
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "layout/layout_internal.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace ocopdoc::layout::detail {

// The look of one piece of text.
struct RunStyle {
  FontStyle face = FontStyle::kRegular;
  double size = 14;
  double rise = 0;  // baseline shift of a superscript footnote mark
  bool underline = false;
  bool operator==(const RunStyle&) const = default;
};

// Text in one style inside a word.
struct Piece {
  std::string text;
  RunStyle style;
  double width = 0;
};

// The unit of line breaking: the text between two break opportunities,
// without the space that follows it (a word can hold several styles, e.g. a
// bold word with a footnote mark glued to it).
struct Word {
  std::vector<Piece> pieces;
  double width = 0;        // sum of the pieces' widths
  double space_width = 0;  // the space after the word; 0 when none (a break without a space)
  RunStyle space_style;  // the space's style (an underlined space stays underlined when stretched)
  bool forced_break = false;   // a forced line break follows this word
  std::vector<int> footnotes;  // footnotes referenced by marks in this word
};

// One line before positioning.
struct TextLine {
  std::vector<Word> words;
  double width = 0;  // natural width without the final space
  // The last line of a paragraph, or a line ending in a forced break: never
  // stretched when justifying.
  bool last = false;
};

class LineBreaker {
 public:
  explicit LineBreaker(const FontSet& fonts);
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  const FontSet& fonts() const { return fonts_; }

  // Byte offsets of `utf8` where a new line may start, increasing, without 0
  // and without the end of the text.
  std::vector<size_t> break_opportunities(std::string_view utf8);

  // Cuts inline text into measured words.  Checks coverage of every span
  // first (`where` goes into the message).
  std::vector<Word> words(const doc::Inline& text, const BlockFont& font, std::string_view where);

  // Running text: joins into one word each pair a line must not separate
  // (a number and the word after it, "60 sản phẩm"; a word of date or
  // reference and its number, "năm 2018", "số 490/QĐ-TTg"; a multiple and
  // its currency, "triệu đồng"), as long as the joined word stays under
  // three tenths of `line_width`.
  static void tie_numbers(std::vector<Word>& words, double line_width);

  // Greedy line filling: as many words as fit on each line.  A word wider
  // than a line is cut between characters as a last resort.
  std::vector<TextLine> break_lines(std::span<const Word> words, double first_width,
                                    double rest_width);

 private:
  void split_long_word(const Word& word, double first_width, double rest_width,
                       std::vector<Word>& out);
  static void avoid_runt(std::vector<TextLine>& lines, TextLine& last, double width);

  const FontSet& fonts_;
  std::unique_ptr<icu::BreakIterator> line_iterator_;
  std::unique_ptr<icu::BreakIterator> character_iterator_;
};

// The widths lines are broken to: a first-line indent belongs to running
// text (flush left or justified); a centred or right-aligned line indented
// would simply be off centre.
struct LineMeasure {
  double first_indent = 0;
  double first_width = 0;  // inside the indents, on the first line
  double rest_width = 0;   // ... and on the others
};
LineMeasure line_measure(const TextFormat& format, double width);

// Positions broken lines as set_lines does (`first_width` and `rest_width`
// are the widths the lines were broken to, inside the format's indents).
std::vector<LineBox> set_text_lines(const LayoutContext& context,
                                    const std::vector<TextLine>& lines, const TextFormat& format,
                                    double first_width, double rest_width);

}  // namespace ocopdoc::layout::detail
