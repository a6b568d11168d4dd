// Private to engine/layout: table column widths.
#pragma once

#include <vector>

#include "doc/document.h"

namespace ocopdoc::layout::detail {

// What a column's content asks for, cell padding included: `min` is its
// widest unbreakable word (narrower, words must be cut), `max` its longest
// line set without wrapping.
struct ColumnContent {
  double min = 0;
  double max = 0;
};

// Widths in points for a table `available` points wide:
//  - millimetre columns get exactly that;
//  - auto columns get their content's width: the whole line when everything
//    fits, else shrunk in proportion between min and max (the HTML auto
//    table algorithm), and below min only when nothing else is possible;
//  - fraction columns ("3*") share what is left by weight, each keeping at
//    least its content's min;
//  - a table of only auto columns is stretched to the full width (ND 30
//    tables span the text width), in proportion to the content;
//  - when even the minimum widths do not fit, every column shrinks in
//    proportion (words will then be cut between characters).
// A table of only millimetre columns may be narrower than `available`.
std::vector<double> resolve_column_widths(const std::vector<doc::ColumnWidth>& specs,
                                          const std::vector<ColumnContent>& content,
                                          double available);

}  // namespace ocopdoc::layout::detail
