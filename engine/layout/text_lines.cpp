// Setting inline text into positioned lines: alignment, justification by
// placing words, underlines, superscript footnote marks.

#include <algorithm>
#include <cmath>

#include "layout/layout_internal.h"
#include "layout/line_breaker_internal.h"

namespace ocopdoc::layout::detail {

namespace {

// Underline position and thickness as fractions of the type size (close to
// the values Times New Roman declares in its 'post' table).
constexpr double kUnderlineOffset = 0.1;
constexpr double kUnderlineThickness = 0.05;

// Collects underline segments along a line and joins touching ones, so an
// underlined phrase is one stroke even across stretched spaces.
class UnderlineCollector {
 public:
  void add(double x1, double x2, double size) {
    if (x2 <= x1) return;
    const double y = -kUnderlineOffset * size;
    const double thickness = kUnderlineThickness * size;
    if (!lines_.empty()) {
      Line& last = lines_.back();
      if (std::abs(last.x2 - x1) < 0.01 && last.y1 == y && last.width == thickness) {
        last.x2 = x2;
        return;
      }
    }
    Line line;
    line.x1 = x1;
    line.x2 = x2;
    line.y1 = line.y2 = y;
    line.width = thickness;
    lines_.push_back(line);
  }
  std::vector<Line> take() { return std::move(lines_); }

 private:
  std::vector<Line> lines_;
};

TextRun make_run(const Piece& piece, double x) {
  TextRun run;
  run.x = x;
  run.y = piece.style.rise;
  run.style = piece.style.face;
  run.size = piece.style.size;
  run.text = piece.text;
  return run;
}

bool same_look(const TextRun& a, const TextRun& b) {
  return a.style == b.style && a.size == b.size && a.y == b.y && a.color == b.color;
}

// Positions one line.  `x` is where the text starts, `available` the width
// from there to the right edge.
void position_line(const TextLine& line, double x, double available, doc::Align align,
                   LineBox& box) {
  const size_t count = line.words.size();
  // Justification stretches the spaces between words.  The last line of a
  // paragraph (and a line ending in a forced break) is not stretched, and a
  // line with a single word stays left-aligned: there is nothing to stretch.
  size_t gaps = 0;
  for (size_t i = 0; i + 1 < count; ++i) {
    if (line.words[i].space_width > 0) ++gaps;
  }
  const bool justify = align == doc::Align::kJustify && !line.last && gaps > 0;
  const double slack = available - line.width;
  double extra_per_gap = 0;
  if (justify) {
    extra_per_gap = std::max(slack, 0.0) / static_cast<double>(gaps);
  } else if (align == doc::Align::kCenter) {
    x += slack / 2;
  } else if (align == doc::Align::kRight) {
    x += slack;
  }

  UnderlineCollector underlines;
  std::vector<TextRun> runs;
  for (size_t i = 0; i < count; ++i) {
    const Word& word = line.words[i];
    for (const Piece& piece : word.pieces) {
      runs.push_back(make_run(piece, x));
      if (piece.style.underline) underlines.add(x, x + piece.width, piece.style.size);
      x += piece.width;
    }
    box.footnotes.insert(box.footnotes.end(), word.footnotes.begin(), word.footnotes.end());
    if (i + 1 == count) break;
    double gap = word.space_width;
    if (justify && gap > 0) gap += extra_per_gap;
    if (gap > 0 && word.space_style.underline) underlines.add(x, x + gap, word.space_style.size);
    if (!justify && word.space_width > 0) {
      // Unstretched spaces can travel inside the runs: fewer, longer runs
      // make a smaller PDF.  The space is its own piece here and joins its
      // neighbours below when the style matches.
      Piece space{" ", word.space_style, word.space_width};
      runs.push_back(make_run(space, x));
    }
    x += gap;
  }

  if (justify) {
    // Each word is its own run (PDF word spacing does not apply to the
    // two-byte text the writer uses, so words are placed one by one).
    box.texts = std::move(runs);
  } else {
    for (TextRun& run : runs) {
      if (!box.texts.empty() && same_look(box.texts.back(), run)) {
        box.texts.back().text += run.text;
      } else {
        box.texts.push_back(std::move(run));
      }
    }
  }
  box.lines = underlines.take();
}

}  // namespace

void Fragment::add_line(const LineBox& line, double x, double top) {
  const double baseline = -(top + line.baseline);
  for (const TextRun& run : line.texts) {
    TextRun moved = run;
    moved.x += x;
    moved.y += baseline;
    texts.push_back(std::move(moved));
  }
  for (const Line& rule : line.lines) {
    Line moved = rule;
    moved.x1 += x;
    moved.x2 += x;
    moved.y1 += baseline;
    moved.y2 += baseline;
    lines.push_back(moved);
  }
  footnotes.insert(footnotes.end(), line.footnotes.begin(), line.footnotes.end());
}

void Fragment::add(const Fragment& other, double dx, double dy) {
  for (Rect rect : other.rects) {
    rect.x += dx;
    rect.y += dy;
    rects.push_back(rect);
  }
  for (Line line : other.lines) {
    line.x1 += dx;
    line.x2 += dx;
    line.y1 += dy;
    line.y2 += dy;
    lines.push_back(line);
  }
  for (TextRun run : other.texts) {
    run.x += dx;
    run.y += dy;
    texts.push_back(std::move(run));
  }
  footnotes.insert(footnotes.end(), other.footnotes.begin(), other.footnotes.end());
  for (OutlineEntry entry : other.outline) {
    entry.y += dy;
    outline.push_back(std::move(entry));
  }
}

double natural_line_height(const FontSet& fonts, double size) {
  const FontFace& face = fonts.face(FontStyle::kRegular);
  return face.ascent(size) - face.descent(size);
}

namespace {

// Height and baseline of a line box: the extra room of line spacing above
// one is shared equally above and below the text (half-leading), so a line
// with more spacing keeps its text centred in its box.
void set_line_metrics(const FontSet& fonts, double size, double spacing, LineBox& box) {
  const double natural = natural_line_height(fonts, size);
  box.height = natural * spacing;
  box.baseline = (box.height - natural) / 2 + fonts.face(FontStyle::kRegular).ascent(size);
}

}  // namespace

LineMeasure line_measure(const TextFormat& format, double width) {
  LineMeasure measure;
  const bool indent_applies =
      format.align == doc::Align::kJustify || format.align == doc::Align::kLeft;
  measure.first_indent = indent_applies ? format.first_indent : 0;
  measure.rest_width = std::max(width - format.left_indent - format.right_indent, 1.0);
  measure.first_width = std::max(measure.rest_width - measure.first_indent, 1.0);
  return measure;
}

std::vector<LineBox> set_lines(const LayoutContext& context, const doc::Inline& text,
                               const TextFormat& format, double width, std::string_view where) {
  std::vector<Word> words = context.breaker.words(text, format.font, where);
  const LineMeasure measure = line_measure(format, width);
  LineBreaker::tie_numbers(words, measure.rest_width);
  return set_text_lines(context,
                        context.breaker.break_lines(words, measure.first_width, measure.rest_width),
                        format, measure.first_width, measure.rest_width);
}

std::vector<LineBox> set_text_lines(const LayoutContext& context,
                                    const std::vector<TextLine>& lines, const TextFormat& format,
                                    double first_width, double rest_width) {
  const double first_indent = line_measure(format, 0).first_indent;
  std::vector<LineBox> boxes;
  boxes.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    LineBox box;
    set_line_metrics(context.fonts, format.font.size, format.line_spacing, box);
    box.width = lines[i].width;
    const double x = format.left_indent + (i == 0 ? first_indent : 0);
    position_line(lines[i], x, i == 0 ? first_width : rest_width, format.align, box);
    boxes.push_back(std::move(box));
  }
  return boxes;
}

doc::Inline plain_inline(std::string_view text) {
  doc::Span span;
  span.text = std::string(text);
  return {span};
}

LineBox set_plain_line(const LayoutContext& context, std::string_view text, const BlockFont& font,
                       double line_spacing, std::string_view where) {
  const FontStyle face = font_style(font.bold, font.italic);
  context.fonts.require_coverage(face, text, where);
  LineBox box;
  set_line_metrics(context.fonts, font.size, line_spacing, box);
  box.width = context.fonts.face(face).width(text, font.size);
  TextRun run;
  run.style = face;
  run.size = font.size;
  run.text = std::string(text);
  box.texts.push_back(std::move(run));
  return box;
}

double text_width(const LayoutContext& context, std::string_view text, const BlockFont& font,
                  std::string_view where) {
  const FontStyle face = font_style(font.bold, font.italic);
  context.fonts.require_coverage(face, text, where);
  return context.fonts.face(face).width(text, font.size);
}

std::string at_line(std::string_view what, int line) {
  std::string result(what);
  if (line > 0) result += ", dòng " + std::to_string(line);
  return result;
}

}  // namespace ocopdoc::layout::detail
