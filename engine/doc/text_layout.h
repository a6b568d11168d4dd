// Plain-text layout helpers for the text writer: display width, word
// wrapping, centring.  Widths are counted in code points, which is the
// display width of NFC Vietnamese (every letter composes to one code point).
// Private to engine/doc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"

namespace ocopdoc::doc::text_layout {

size_t display_width(std::string_view utf8);

// The first `count` code points of `utf8`.
std::string_view take_code_points(std::string_view utf8, size_t count);

// Greedy word wrap at spaces; a word longer than the line is cut.  The first
// line may have a different width (a first-line indent or a marker).  Never
// returns an empty list: empty text is one empty line.
std::vector<std::string> wrap(std::string_view text, size_t first_width, size_t rest_width);
inline std::vector<std::string> wrap(std::string_view text, size_t width) {
  return wrap(text, width, width);
}

// Wraps and puts `first_prefix` before the first line and `rest_prefix`
// before the others (hanging indents, list markers, quote bars).
std::vector<std::string> wrap_with_prefix(std::string_view text, size_t width,
                                          std::string_view first_prefix,
                                          std::string_view rest_prefix);

// Left padding that centres `text` in `width` columns (no trailing spaces).
std::string centre(std::string_view text, size_t width);

// `text` placed in exactly `width` columns.  Justified text is left-aligned:
// plain text cannot stretch spaces usefully.
std::string place(std::string_view text, size_t width, Align align);

std::string repeat(std::string_view unit, size_t count);

// The lines of an inline run split at forced breaks, footnote references
// written "[n]" right after the text.
std::vector<std::string> inline_lines(const Inline& text);

}  // namespace ocopdoc::doc::text_layout
