// Inline markup (docs/markup.md, "Inline"): **bold**, *italic*, __underline__,
// ^[footnotes] and backslash escapes, plus the text cleaning every piece of
// markup text goes through (whitespace collapsed, controls dropped, NFC).
//
// Private to engine/doc: the block parser (markup.cpp) is the only caller.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doc/document.h"

namespace ocopdoc::doc::markup_detail {

// Maps byte offsets in a block's text back to markup lines.  A paragraph joins
// several markup lines into one text, and an error inside it must still name
// the line the author has to fix.
class LineMap {
 public:
  explicit LineMap(int first_line) { starts_.emplace_back(0, first_line); }
  // The markup line `line` begins at byte `offset` of the joined text.
  void start_line(size_t offset, int line) { starts_.emplace_back(offset, line); }
  int line_at(size_t offset) const;

 private:
  std::vector<std::pair<size_t, int>> starts_;  // ascending offsets
};

// Parses inline markup into spans.  Footnotes are appended to `footnotes`
// (numbered through the document); when `footnotes` is null the text is a
// field with nowhere to print a footnote, and "^[" is an error that names
// `field_name`.  Throws MarkupError.
Inline parse_inline(std::string_view text, const LineMap& lines, std::vector<Inline>* footnotes,
                    std::string_view field_name = {});

// A plain-text field (header, title, signature, chart labels): escapes are
// resolved and emphasis markers dropped, because the layout fixes the style.
std::string parse_plain_field(std::string_view text, int line, std::string_view field_name);

// Collapses whitespace runs to one space, drops control and zero-width
// characters, trims both ends and returns NFC.  No markup is interpreted.
std::string clean_text(std::string_view text);

// Vietnamese uppercase ("ủy ban" -> "ỦY BAN"), for the ND 30 fields that the
// decree requires in capitals.
std::string to_upper_vi(std::string_view text);

// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray byte, so
// callers always advance).  The markup is validated before parsing.
inline size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

}  // namespace ocopdoc::doc::markup_detail
