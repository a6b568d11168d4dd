// Text widths for column widths and row heights, measured with the font's
// own advance widths (layout::FontSet, the same faces the PDF uses), not by
// counting characters: "Đơn vị công tác" and "WWW" of the same length differ
// by half.
//
// Excel draws the cells in Times New Roman.  Liberation Serif has the same
// advance widths, and Debian ships it (fonts-liberation2), so it stands in
// when Times New Roman itself is not installed.

#include <algorithm>
#include <cmath>

#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

TextMetrics::TextMetrics(const layout::FontSet& fonts) : fonts_(fonts) {}

double TextMetrics::width(std::string_view utf8, double size, bool bold, bool italic) const {
  return fonts_.face(layout::font_style(bold, italic)).width(utf8, size);
}

TextExtent TextMetrics::extent(std::string_view utf8, double size, bool bold, bool italic) const {
  // A line ends at '\n', a word at ' ' or '\n'.
  TextExtent extent;
  size_t line_start = 0;
  while (line_start <= utf8.size()) {
    size_t line_end = utf8.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = utf8.size();
    const std::string_view line = utf8.substr(line_start, line_end - line_start);
    extent.widest_line = std::max(extent.widest_line, width(line, size, bold, italic));
    size_t word_start = 0;
    while (word_start <= line.size()) {
      size_t word_end = line.find(' ', word_start);
      if (word_end == std::string_view::npos) word_end = line.size();
      extent.widest_word =
          std::max(extent.widest_word,
                   width(line.substr(word_start, word_end - word_start), size, bold, italic));
      word_start = word_end + 1;
    }
    line_start = line_end + 1;
  }
  return extent;
}

int TextMetrics::wrapped_lines(std::string_view utf8, double size, bool bold, bool italic,
                               double available) const {
  if (available <= 0) available = 1;
  // Most cells hold one line that fits: one measure instead of one per word.
  if (utf8.find('\n') == std::string_view::npos && width(utf8, size, bold, italic) <= available) {
    return 1;
  }
  const double space = width(" ", size, bold, italic);
  int lines = 0;
  size_t start = 0;
  while (start <= utf8.size()) {
    size_t end = utf8.find('\n', start);
    if (end == std::string_view::npos) end = utf8.size();
    const std::string_view paragraph = utf8.substr(start, end - start);
    // Greedy filling, as Excel does: a word that does not fit goes to the
    // next line; a word wider than a whole line breaks across lines.
    int paragraph_lines = 1;
    double line = 0;
    size_t word_start = 0;
    while (word_start < paragraph.size()) {
      size_t word_end = paragraph.find(' ', word_start);
      if (word_end == std::string_view::npos) word_end = paragraph.size();
      const double word =
          width(paragraph.substr(word_start, word_end - word_start), size, bold, italic);
      if (line > 0 && line + space + word > available) {
        ++paragraph_lines;
        line = 0;
      }
      if (line == 0 && word > available) {
        const int extra = static_cast<int>(std::ceil(word / available)) - 1;
        paragraph_lines += extra;
        line = word - extra * available;
      } else {
        line += (line > 0 ? space : 0) + word;
      }
      word_start = word_end + 1;
    }
    lines += paragraph_lines;
    start = end + 1;
  }
  return std::max(lines, 1);
}

double line_height(double size) {
  // Excel's row heights go in whole pixels (0.75 pt); Times New Roman needs
  // about 1.3 times its size per line (12 pt -> 15.75 pt, as Excel autofits).
  const double pixels = std::ceil(size * 1.3 * kPixelsPerPoint - 1e-9);
  return pixels / kPixelsPerPoint;
}

}  // namespace ocopdoc::xlsx::detail
