// The OCOP-TH logo, drawn from the seed's description (Đề cương, footnote 1):
// "OCOP" with O brown (the soil, the base of production), C green
// (agriculture, sustainable development), O red (the people's intelligence
// and strength), P yellow (the benefit every participant receives), and "TH"
// (Thanh Hóa) in straw yellow, the colour of ripe rice.  The seed leaves the
// typeface open ("kiểu chữ ....."): the letters are the document's bold serif
// face, whose glyph outlines PDF draws as vector graphics, inside an oval
// ring drawn as a polyline.  Nothing is bitmap, so the logo prints sharp at
// any size and its letters stay searchable.
#include <cmath>
#include <numbers>

#include "layout/blocks_internal.h"
#include "layout/layout_internal.h"

namespace ocopdoc::layout::detail {

namespace {

constexpr Color kBrown{0.55, 0.31, 0.13};
constexpr Color kGreen{0.13, 0.55, 0.25};
constexpr Color kRed{0.80, 0.12, 0.12};
constexpr Color kYellow{0.95, 0.75, 0.05};
constexpr Color kStraw{0.87, 0.72, 0.35};

// An oval outline as a closed polyline: 96 segments look smooth at any size
// a page can hold, and need nothing beyond the page model's lines.
void add_oval(Fragment& fragment, double cx, double cy, double rx, double ry, double width,
              const Color& color) {
  constexpr int kSegments = 96;
  double previous_x = cx + rx, previous_y = cy;
  for (int i = 1; i <= kSegments; ++i) {
    const double angle = 2 * std::numbers::pi * i / kSegments;
    const double x = cx + rx * std::cos(angle);
    const double y = cy + ry * std::sin(angle);
    fragment.lines.push_back(Line{previous_x, previous_y, x, y, width, color});
    previous_x = x;
    previous_y = y;
  }
}

}  // namespace

Fragment logo_fragment(const LayoutContext& context, const doc::Logo& logo, double width) {
  const std::string where = at_line("logo", logo.line);
  const double logo_width = std::min(mm(logo.width_mm), width);
  // "OCOP" fills about 70% of the oval's width; "TH" sits under it at 55%
  // of the letters' size.
  const BlockFont probe{100, true, false};
  const double probe_width = text_width(context, "OCOP", probe, where);
  const double size = 100 * 0.70 * logo_width / probe_width;
  const BlockFont letters{size, true, false};
  const BlockFont small{size * 0.55, true, false};
  const double ascent = context.fonts.face(FontStyle::kBold).ascent(size);
  const double small_ascent = context.fonts.face(FontStyle::kBold).ascent(small.size);

  const double oval_height = ascent + small_ascent + size * 0.55;
  const double left = (width - logo_width) / 2;
  Fragment fragment;
  fragment.height = oval_height;
  fragment.space_before = mm(4);
  fragment.space_after = mm(4);

  // The ring, centred on the fragment.
  add_oval(fragment, left + logo_width / 2, -oval_height / 2, logo_width / 2, oval_height / 2,
           std::max(1.0, size / 40), kStraw);

  // O C O P, each in its colour, side by side.
  const double word_width = text_width(context, "OCOP", letters, where);
  double x = left + (logo_width - word_width) / 2;
  const double baseline = -(oval_height - ascent - small_ascent) / 2 - ascent * 0.95;
  const std::pair<const char*, Color> kLetters[] = {
      {"O", kBrown}, {"C", kGreen}, {"O", kRed}, {"P", kYellow}};
  for (const auto& [letter, color] : kLetters) {
    fragment.texts.push_back(TextRun{x, baseline, FontStyle::kBold, size, letter, color});
    x += text_width(context, letter, letters, where);
  }
  // TH under the word, centred.
  const double th_width = text_width(context, "TH", small, where);
  fragment.texts.push_back(TextRun{left + (logo_width - th_width) / 2,
                                   baseline - small_ascent * 1.15, FontStyle::kBold, small.size,
                                   "TH", kStraw});
  return fragment;
}

}  // namespace ocopdoc::layout::detail
