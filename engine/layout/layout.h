// The layout engine: document tree in, pages out.
//
// Line breaking (ICU, tailored so document symbols, dates, ranges and numbers
// never split), justification by placing words, pagination with headings kept
// with their next block and no widows or orphans, tables split across pages
// with header rows repeated, footnotes at the foot of the page that
// references them, page numbers centred in the top margin from page 2, and the
// ND 30 blocks (header, title, Kính gửi, căn cứ, signature with Nơi nhận).
#pragma once

#include <stdexcept>

#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/page.h"

namespace ocopdoc::layout {

// Page set-up (ND 30 defaults).  Millimetres for margins, points for type.
struct PageSetup {
  double width_mm = 210, height_mm = 297;  // A4 portrait
  double margin_top_mm = 20, margin_bottom_mm = 20;
  double margin_left_mm = 30, margin_right_mm = 15;
  double body_size = 14;          // pt
  double line_spacing = 1.15;     // multiple of the font's line height
  double paragraph_space_pt = 6;  // space after a paragraph
  double first_line_indent_mm = 12.7;
  double page_number_size = 13;
};

class LayoutError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Lays out `document` and hands each finished page to `sink`: begin() with
// the document information (title = the Title block's summary, subject = its
// type, author = the NdHeader's agency, keywords "OCOP"), then add_page() for
// each page as soon as it is complete, then finish().  Memory stays bounded
// by one page (plus the table of contents, when the document has one: that
// needs a first pass, whose pages are discarded, to learn the headings'
// pages).  Throws LayoutError (or FontError for a character no face can
// show); the sink's finish() is then not called.
//
// Page numbers are drawn as text runs on pages 2 and later; every Heading
// adds an OutlineEntry (level, plain text, y of the top of its first line) to
// the page it lands on.
void layout_document(const doc::Document& document, const FontSet& fonts, const PageSetup& setup,
                     PageSink& sink);

}  // namespace ocopdoc::layout
