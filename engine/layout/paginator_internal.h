// Private to engine/layout: placing fragments on pages.
//
// The Paginator owns the one page being filled.  A finished page goes to
// the sink at once, so memory does not grow with the number of pages.  It
// keeps the footnotes referenced on the page at its foot (above the bottom
// margin, under a short rule) and reserves their room as soon as the line
// that references them is placed; it draws the page number (from page 2).
//
// The Flow sits on top and decides page breaks for blocks of text: fragments
// that must stay together (a heading and the first lines of what follows, the
// first and last two lines of a paragraph) are held back and placed as one
// group, moved to a new page together when they do not fit.
#pragma once

#include <functional>
#include <map>
#include <vector>

#include "layout/layout_internal.h"

namespace ocopdoc::layout::detail {

// Sets the text of footnote `number` (1-based) for a text area `width` wide.
using FootnoteSetter = std::function<Fragment(int number, double width)>;

class Paginator {
 public:
  Paginator(const LayoutContext& context, PageSink& sink, FootnoteSetter set_footnote);

  // Geometry of the current page, in points.
  double text_left() const { return text_left_; }
  double text_width() const { return text_width_; }
  // Height of the text area of an empty page.
  double body_height() const { return body_top_ - body_bottom_; }
  bool landscape() const { return landscape_; }
  int page_number() const { return page_.number; }

  bool page_has_content() const { return has_content_; }
  // Height left under the cursor, above the footnotes already on this page.
  double room() const;
  // The gap that would be left above `fragment` if it were placed now: none
  // at the top of a page, else the larger of the previous fragment's space
  // after and this one's space before.
  double gap_before(const Fragment& fragment) const;
  double gap_between(const Fragment& above, const Fragment& below) const;
  // Extra height the footnotes `numbers` would take on this page (those not
  // placed yet), including the separator rule when they are the first.
  double footnote_cost(const std::vector<int>& numbers) const;
  bool fits(const Fragment& fragment) const;

  // Places `fragment` at the cursor, whether it fits or not (callers decide
  // page breaks), and its footnotes at the foot of this page.
  void place(const Fragment& fragment);

  // Ends the page and starts the next one.  Nothing happens on a page that
  // has nothing on it yet: ocopdoc never makes blank pages.
  void new_page();
  // Pages from here on are landscape (or portrait); a page that already has
  // content is finished first.
  void set_landscape(bool landscape);
  // Hands the last page to the sink.  A document always has one page.
  void finish();

  // The page of each heading placed so far, in document order (for the
  // table of contents).
  const std::vector<int>& heading_pages() const { return heading_pages_; }

 private:
  void start_page(int number);
  void emit_page();
  const Fragment& footnote(int number) const;
  double footnote_area_height(double notes_height) const;

  const LayoutContext& context_;
  PageSink& sink_;
  FootnoteSetter set_footnote_;

  bool landscape_ = false;
  double text_left_ = 0, text_width_ = 0, body_top_ = 0, body_bottom_ = 0;

  Page page_;
  bool has_content_ = false;
  double cursor_ = 0;  // y of the top of the next fragment
  double last_space_after_ = 0;

  std::vector<int> page_footnotes_;  // numbers placed on this page, in order
  double notes_height_ = 0;          // their total height
  std::vector<bool> footnote_placed_;
  // Footnotes set while checking fits, for the current text width.
  mutable std::map<int, Fragment> footnote_cache_;

  std::vector<int> heading_pages_;
  bool finished_ = false;
};

class Flow {
 public:
  explicit Flow(Paginator& paginator) : paginator_(paginator) {}

  // Adds a fragment.  `keep_with_previous`: no page break between it and the
  // fragment added before it.  Fragments are held until a break is allowed.
  void add(Fragment fragment, bool keep_with_previous);
  // Places what is held.  `room_after`: room the caller needs on the same
  // page right after the group (a table's first row under its header).
  void flush(double room_after = 0);
  bool empty() const { return pending_.empty(); }
  // Height of what is held (a heading waiting for the block it keeps
  // with), as it would be placed at the cursor.
  double held_height() const { return group_height(pending_); }

 private:
  double group_height(const std::vector<Fragment>& group) const;

  Paginator& paginator_;
  std::vector<Fragment> pending_;
};

}  // namespace ocopdoc::layout::detail
