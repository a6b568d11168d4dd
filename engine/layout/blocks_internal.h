// Private to engine/layout: setting each kind of block into fragments.
#pragma once

#include <optional>
#include <vector>

#include "layout/layout_internal.h"

namespace ocopdoc::layout::detail {

class Paginator;
class Flow;

// --- text blocks (paragraph.cpp) -------------------------------------------

// The lines of a paragraph-like block, one fragment per line; the first
// carries `space_before`, the last `space_after`.  Centred text is broken
// where its phrases end (set_phrased_lines); so is other text when
// `phrased` (a heading).
std::vector<Fragment> paragraph_lines(const LayoutContext& context, const doc::Inline& text,
                                      const TextFormat& format, double width,
                                      std::string_view where, double space_before,
                                      double space_after, bool phrased = false);

// Hands the lines of one paragraph to the flow with ND 30 widow and orphan
// control: a paragraph of four lines or more keeps at least two lines at the
// foot of a page and at least two at the head of the next; a shorter one is
// not split at all (any split would leave one line alone).  `keep_together`
// forbids any split (headings).
void add_paragraph(Flow& flow, std::vector<Fragment> lines, bool keep_with_previous,
                   bool keep_together = false);

// Body text format of the page set-up (14 pt, justified, first-line indent).
TextFormat body_format(const PageSetup& setup);

// The text of footnote `number`, 12 pt, its mark raised in front.
Fragment footnote_fragment(const LayoutContext& context, int number, double width);

// --- ND 30 blocks (nd30_blocks.cpp) ----------------------------------------

Fragment nd_header_fragment(const LayoutContext& context, const doc::NdHeader& header,
                            double width);
Fragment title_fragment(const LayoutContext& context, const doc::Title& title, double width);
Fragment addressees_fragment(const LayoutContext& context, const doc::Addressees& addressees,
                             double width);
// The signature on the right and "Nơi nhận" on the left, level with each
// other; either may be absent.
Fragment closing_fragment(const LayoutContext& context, const doc::Signature* signature,
                          const doc::Recipients* recipients, double width);

// --- chart (chart.cpp) -------------------------------------------------------

// The room a chart's parts may take (heights in points).
struct ChartRoom {
  double page = 0;  // a page's body: no part is split across pages
  // The first part on a page of its own, under whatever is kept with it (a
  // heading), and on the current page, from the cursor.
  double first_whole = 0;
  double first_here = 0;
};

// A chart as one fragment, or as several when its categories need more than
// one page (see chart.cpp): each part a whole chart within `room`.
std::vector<Fragment> chart_fragments(const LayoutContext& context, const doc::Chart& chart,
                                      double width, const ChartRoom& room);

// --- logo (logo.cpp) ---------------------------------------------------------

// The programme's logo, centred in a text area `width` wide.
Fragment logo_fragment(const LayoutContext& context, const doc::Logo& logo, double width);

// --- table (table.cpp) -------------------------------------------------------

// Space above and below a table, in points.
inline constexpr double kTableSpace = 6;

// Lays out a table straight onto pages, one row at a time (a 30,000-row
// roster is never held as laid-out rows or pages).  What the flow holds (a
// heading) stays with the caption, the header rows and the first row.
// `closing_after`: the height of what ends the document right after the
// table (a line or two and the signature, BlockLayouter::closing_after), which
// the table's last row goes with onto a page; 0 for none.
void lay_out_table(const LayoutContext& context, Paginator& paginator, Flow& flow,
                   const doc::Table& table, bool keep_with_previous, double closing_after = 0);

// --- table of contents (contents.cpp) ---------------------------------------

// One entry per heading up to `contents.max_level`: text, dot leaders and
// page number.  `heading_pages` gives the page of every heading of the
// document in order; without it (the first pass) numbers are placeholders
// of the same width, so both passes break pages identically.
void lay_out_contents(const LayoutContext& context, Flow& flow, double width,
                      const doc::TableOfContents& contents, const std::vector<int>* heading_pages,
                      bool keep_with_previous);

// A short excerpt of text in quotes, for messages ("đề mục “I. Mục tiêu”").
std::string quoted_excerpt(std::string_view text);

}  // namespace ocopdoc::layout::detail
