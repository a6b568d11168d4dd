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
  // wherever it must.
  for (const Fragment& fragment : group) {
    if (!paginator_.fits(fragment)) paginator_.new_page();
    paginator_.place(fragment);
  }
}

}  // namespace ocopdoc::layout::detail
