// Pages: placing fragments, footnotes at the foot, page numbers, streaming.

#include <algorithm>

#include "layout/paginator_internal.h"

namespace ocopdoc::layout::detail {

namespace {

// The footnote separator: a short rule (about 5 cm, the length Word uses and
// ND 30 documents show) with some air above and below it.
constexpr double kFootnoteRuleLength = 50.0;   // mm
constexpr double kSpaceAboveFootnoteRule = 6;  // pt, from the last body line
constexpr double kSpaceBelowFootnoteRule = 3;  // pt, to the first footnote

// The vertical extent of something drawn in a fragment, downwards from the
// fragment's top.  A text run is taken from three quarters of its size above
// the baseline (capitals and the marks over them) to a fifth below
// (descenders): the ink of a line without its leading, so that lines set at
// single spacing still leave room to cut between them.
struct Extent {
  double top = 0, bottom = 0;
};

Extent extent_of(const TextRun& run) {
  return {-run.y - 0.75 * run.size, -run.y + 0.2 * run.size};
}
Extent extent_of(const Rect& rect) {
  return {-(rect.y + rect.height), -rect.y};
}
Extent extent_of(const Line& line) {
  return {std::min(-line.y1, -line.y2), std::max(-line.y1, -line.y2)};
}

// A fragment taller than a page (a Nơi nhận list of a hundred lines beside
// its signature) cut into pieces, the first at most `first` tall and the
// others at most `height`, each cut between
// lines of text where nothing is drawn across it, or where it must when
// nothing lets it pass.  Without this the end of such a block was drawn
// below the page, where no reader sees it.
std::vector<Fragment> slices(const Fragment& fragment, double first, double height) {
  std::vector<Extent> extents;
  for (const TextRun& run : fragment.texts) extents.push_back(extent_of(run));
  for (const Rect& rect : fragment.rects) extents.push_back(extent_of(rect));
  for (const Line& line : fragment.lines) extents.push_back(extent_of(line));
  // Where a cut may go: just under something drawn (where what follows
  // starts) when nothing that starts above it ends below it.  Sorted by top,
  // the greatest bottom so far tells, for every candidate at once.
  std::sort(extents.begin(), extents.end(),
            [](const Extent& a, const Extent& b) { return a.top < b.top; });
  std::vector<double> deepest(extents.size());
  for (size_t i = 0; i < extents.size(); ++i) {
    deepest[i] = std::max(extents[i].bottom, i > 0 ? deepest[i - 1] : extents[i].bottom);
  }
  std::vector<double> allowed;
  for (const Extent& e : extents) {
    const auto above =
        std::lower_bound(extents.begin(), extents.end(), e.bottom - kEpsilon,
                         [](const Extent& item, double value) { return item.top < value; });
    const size_t count = static_cast<size_t>(above - extents.begin());
    if (count == 0 || deepest[count - 1] <= e.bottom + kEpsilon) allowed.push_back(e.bottom);
  }
  std::sort(allowed.begin(), allowed.end());
  std::vector<double> cuts;  // where each piece ends
  double start = 0;
  while (fragment.height - start > (cuts.empty() ? first : height) + kEpsilon) {
    const double room = cuts.empty() ? first : height;
    double cut = start + room;
    // The lowest allowed cut that still fits, if it leaves the piece a
    // quarter full at least; else through whatever is there.
    const auto fits = std::upper_bound(allowed.begin(), allowed.end(), cut + kEpsilon);
    if (fits != allowed.begin() && *(fits - 1) > start + room / 4) cut = *(fits - 1);
    cuts.push_back(cut);
    start = cut;
  }
  cuts.push_back(fragment.height);
  std::vector<Fragment> pieces(cuts.size());
  const auto piece_of = [&](double top) {
    const auto found = std::upper_bound(cuts.begin(), cuts.end(), top + kEpsilon);
    return std::min<size_t>(static_cast<size_t>(found - cuts.begin()), cuts.size() - 1);
  };
  const auto shift = [&](size_t piece) { return piece == 0 ? 0.0 : cuts[piece - 1]; };
  for (const TextRun& run : fragment.texts) {
    const size_t piece = piece_of(extent_of(run).top);
    TextRun moved = run;
    moved.y += shift(piece);
    pieces[piece].texts.push_back(std::move(moved));
  }
  for (const Rect& rect : fragment.rects) {
    const size_t piece = piece_of(extent_of(rect).top);
    Rect moved = rect;
    moved.y += shift(piece);
    pieces[piece].rects.push_back(moved);
  }
  for (const Line& line : fragment.lines) {
    const size_t piece = piece_of(extent_of(line).top);
    Line moved = line;
    moved.y1 += shift(piece);
    moved.y2 += shift(piece);
    pieces[piece].lines.push_back(moved);
  }
  for (const OutlineEntry& entry : fragment.outline) {
    const size_t piece = piece_of(-entry.y);
    OutlineEntry moved = entry;
    moved.y += shift(piece);
    pieces[piece].outline.push_back(std::move(moved));
  }
  for (size_t piece = 0; piece < pieces.size(); ++piece) {
    pieces[piece].height = cuts[piece] - shift(piece);
  }
  pieces.front().footnotes = fragment.footnotes;
  pieces.front().space_before = fragment.space_before;
  pieces.back().space_after = fragment.space_after;
  return pieces;
}

}  // namespace

Paginator::Paginator(const LayoutContext& context, PageSink& sink, FootnoteSetter set_footnote)
    : context_(context),
      sink_(sink),
      set_footnote_(std::move(set_footnote)),
      footnote_placed_(context.document.footnotes.size() + 1, false) {
  start_page(1);
}

void Paginator::start_page(int number) {
  const PageSetup& setup = context_.setup;
  page_ = Page();
  page_.number = number;
  const double short_side = mm(std::min(setup.width_mm, setup.height_mm));
  const double long_side = mm(std::max(setup.width_mm, setup.height_mm));
  page_.width = landscape_ ? long_side : short_side;
  page_.height = landscape_ ? short_side : long_side;
  text_left_ = mm(setup.margin_left_mm);
  text_width_ = page_.width - mm(setup.margin_left_mm) - mm(setup.margin_right_mm);
  body_top_ = page_.height - mm(setup.margin_top_mm);
  body_bottom_ = mm(setup.margin_bottom_mm);
  if (text_width_ <= 0 || body_top_ <= body_bottom_) {
    throw LayoutError("lề trang quá lớn: không còn chỗ cho nội dung");
  }
  cursor_ = body_top_;
  has_content_ = false;
  last_space_after_ = 0;
  page_footnotes_.clear();
  notes_height_ = 0;
  footnote_cache_.clear();
}

double Paginator::footnote_area_height(double notes_height) const {
  return notes_height > 0 ? notes_height + kSpaceAboveFootnoteRule + kSpaceBelowFootnoteRule : 0;
}

double Paginator::room() const {
  return cursor_ - body_bottom_ - footnote_area_height(notes_height_);
}

double Paginator::gap_before(const Fragment& fragment) const {
  if (!has_content_) return 0;
  return std::max(last_space_after_, fragment.space_before);
}

double Paginator::gap_between(const Fragment& above, const Fragment& below) const {
  return std::max(above.space_after, below.space_before);
}

const Fragment& Paginator::footnote(int number) const {
  auto it = footnote_cache_.find(number);
  if (it == footnote_cache_.end()) {
    it = footnote_cache_.emplace(number, set_footnote_(number, text_width_)).first;
  }
  return it->second;
}

double Paginator::footnote_cost(const std::vector<int>& numbers) const {
  double added = 0;
  std::vector<int> counted;
  for (int number : numbers) {
    if (number < 1 || static_cast<size_t>(number) >= footnote_placed_.size()) continue;
    if (footnote_placed_[static_cast<size_t>(number)]) continue;
    if (std::find(counted.begin(), counted.end(), number) != counted.end()) continue;
    counted.push_back(number);
    added += footnote(number).height;
  }
  if (added == 0) return 0;
  return footnote_area_height(notes_height_ + added) - footnote_area_height(notes_height_);
}

bool Paginator::fits(const Fragment& fragment) const {
  return gap_before(fragment) + fragment.height + footnote_cost(fragment.footnotes) <=
         room() + kEpsilon;
}

void Paginator::place(const Fragment& fragment) {
  const double top = cursor_ - gap_before(fragment);
  const double dx = text_left_;
  for (Rect rect : fragment.rects) {
    rect.x += dx;
    rect.y += top;
    page_.rects.push_back(rect);
  }
  for (Line line : fragment.lines) {
    line.x1 += dx;
    line.x2 += dx;
    line.y1 += top;
    line.y2 += top;
    page_.lines.push_back(line);
  }
  for (TextRun run : fragment.texts) {
    run.x += dx;
    run.y += top;
    page_.texts.push_back(std::move(run));
  }
  for (OutlineEntry entry : fragment.outline) {
    entry.y += top;
    page_.outline.push_back(std::move(entry));
    heading_pages_.push_back(page_.number);
  }
  for (int number : fragment.footnotes) {
    if (number < 1 || static_cast<size_t>(number) >= footnote_placed_.size()) continue;
    if (footnote_placed_[static_cast<size_t>(number)]) continue;
    footnote_placed_[static_cast<size_t>(number)] = true;
    notes_height_ += footnote(number).height;
    page_footnotes_.push_back(number);
    if (footnote_area_height(notes_height_) > body_height() + kEpsilon) {
      throw LayoutError("chú thích " + std::to_string(number) +
                        " quá dài: không vừa một trang; hãy rút gọn chú thích");
    }
  }
  cursor_ = top - fragment.height;
  last_space_after_ = fragment.space_after;
  has_content_ = true;
}

void Paginator::emit_page() {
  if (!page_footnotes_.empty()) {
    // Footnotes stand on the bottom margin, in the order referenced, under
    // the separator rule.
    double top = body_bottom_ + notes_height_;
    Line rule;
    rule.x1 = text_left_;
    rule.x2 = text_left_ + std::min(mm(kFootnoteRuleLength), text_width_);
    rule.y1 = rule.y2 = top + kSpaceBelowFootnoteRule;
    rule.width = kRuleWidth;
    page_.lines.push_back(rule);
    for (int number : page_footnotes_) {
      const Fragment& note = footnote(number);
      for (TextRun run : note.texts) {
        run.x += text_left_;
        run.y += top;
        page_.texts.push_back(std::move(run));
      }
      for (Line line : note.lines) {
        line.x1 += text_left_;
        line.x2 += text_left_;
        line.y1 += top;
        line.y2 += top;
        page_.lines.push_back(line);
      }
      top -= note.height;
    }
  }
  if (page_.number >= 2) {
    // ND 30: Arabic page numbers, centred in the top margin, not on page 1.
    const std::string number = std::to_string(page_.number);
    const double size = context_.setup.page_number_size;
    context_.fonts.require_coverage(FontStyle::kRegular, number, "số trang");
    const FontFace& face = context_.fonts.face(FontStyle::kRegular);
    TextRun run;
    run.size = size;
    run.text = number;
    run.x = text_left_ + (text_width_ - face.width(number, size)) / 2;
    run.y = page_.height - mm(context_.setup.margin_top_mm) / 2 -
            (face.ascent(size) + face.descent(size)) / 2;
    page_.texts.push_back(std::move(run));
  }
  const int number = page_.number;
  sink_.add_page(std::move(page_));
  start_page(number + 1);
}

void Paginator::new_page() {
  if (!has_content_) return;
  emit_page();
}

void Paginator::set_landscape(bool landscape) {
  if (landscape == landscape_) return;
  landscape_ = landscape;
  if (has_content_) {
    emit_page();  // starts the next page in the new orientation
  } else {
    start_page(page_.number);
  }
}

void Paginator::finish() {
  if (finished_) return;
  finished_ = true;
  // The page after the last break is empty unless something was placed on
  // it; only a document with nothing at all gets its one empty page.
  if (has_content_ || page_.number == 1) emit_page();
}

// ---------------------------------------------------------------------------

void Flow::add(Fragment fragment, bool keep_with_previous) {
  if (!keep_with_previous) flush();
  pending_.push_back(std::move(fragment));
}

// Height of `group` placed at the cursor, with its new footnotes.
double Flow::group_height(const std::vector<Fragment>& group) const {
  double height = 0;
  std::vector<int> footnotes;
  for (size_t i = 0; i < group.size(); ++i) {
    height +=
        i == 0 ? paginator_.gap_before(group[0]) : paginator_.gap_between(group[i - 1], group[i]);
    height += group[i].height;
    footnotes.insert(footnotes.end(), group[i].footnotes.begin(), group[i].footnotes.end());
  }
  return height + paginator_.footnote_cost(footnotes);
}

void Flow::flush(double room_after) {
  if (pending_.empty()) return;
  const std::vector<Fragment> group = std::move(pending_);
  pending_.clear();
  bool together = false;
  if (!paginator_.page_has_content()) {
    together = group_height(group) <= paginator_.room() + kEpsilon;
  } else if (group_height(group) + room_after <= paginator_.room() + kEpsilon) {
    together = true;
  } else {
    paginator_.new_page();
    together = group_height(group) <= paginator_.room() + kEpsilon;
  }
  if (together) {
    for (const Fragment& fragment : group) paginator_.place(fragment);
    return;
  }
  // Taller than a page: keeping it together is impossible, so it breaks
  // wherever it must, a fragment taller than a page itself in pieces.
  for (const Fragment& fragment : group) {
    const double page = paginator_.body_height();
    if (fragment.height <= page + kEpsilon) {
      if (!paginator_.fits(fragment)) paginator_.new_page();
      paginator_.place(fragment);
      continue;
    }
    // Its first piece fills the rest of this page, unless little is left.
    if (paginator_.room() < page / 4) paginator_.new_page();
    const double first = paginator_.room() - paginator_.gap_before(fragment);
    for (const Fragment& piece : slices(fragment, first, page)) {
      if (!paginator_.fits(piece)) paginator_.new_page();
      paginator_.place(piece);
    }
  }
}

}  // namespace ocopdoc::layout::detail
