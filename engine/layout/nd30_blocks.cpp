// The ND 30 blocks: header, title, Kính gửi, signature with Nơi nhận.
//
// Sizes and styles follow Nghị định 30/2020, Phụ lục I, at the engine's
// defaults where the decree gives a range.  These blocks are
// set as single fragments: a header or a signature split over two pages
// would not be a valid document.

#include <algorithm>

#include "layout/blocks_internal.h"

namespace ocopdoc::layout::detail {

namespace {

constexpr std::string_view kNationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
constexpr std::string_view kMotto = "Độc lập - Tự do - Hạnh phúc";

// Header columns: the agency on the left (about 40% of the text width), the
// Quốc hiệu on the right (about 60%), as in the decree's model layout.
constexpr double kHeaderLeftShare = 0.4;
// Air between the text of the two columns, so they never touch.
constexpr double kColumnPadding = 3;  // pt
// A rule sits just under the text above it, and the next line keeps clear.
constexpr double kRuleGapAbove = 4;  // pt below the line box
constexpr double kRuleGapBelow = 4;  // pt
// Room between the rules and the line "Số: …" / place-date.
constexpr double kHeaderNumberGap = 6;  // pt
constexpr double kHeaderSpaceAfter = 18;
constexpr double kTitleSpaceBefore = 12;
constexpr double kTitleSpaceAfter = 12;
constexpr double kBlockSpace = 6;
// Signature: room for the hand signature and the seal between the title and
// the name (ND 30 practice: about 3.5 cm).
constexpr double kSignatureRoom = 35;  // mm
constexpr double kClosingSpaceBefore = 12;
constexpr double kRecipientsTitleSize = 12;
constexpr double kSummarySize = 12;  // "V/v …" of a công văn
constexpr double kRecipientsSize = 11;
constexpr double kHeaderSmallSize = 13;
constexpr double kHeaderLargeSize = 14;

// A column of a fragment filled from the top down.
class Column {
 public:
  Column(Fragment& fragment, double x, double width) : fragment_(fragment), x_(x), width_(width) {}

  double width() const { return width_; }
  double y() const { return y_; }
  void set_y(double y) { y_ = y; }

  // Centred (or aligned) text wrapped in the column, returns the widest line.
  // `agency_shape`: centred lines also narrow downwards where they can, as
  // an agency's name is set; other centred text (a title, a signature) is
  // only balanced.
  double add_text(const LayoutContext& context, const doc::Inline& text, const BlockFont& font,
                  doc::Align align, std::string_view where, double indent = 0,
                  bool agency_shape = false) {
    TextFormat format;
    format.font = font;
    format.align = align;
    format.left_indent = align == doc::Align::kLeft ? indent : kColumnPadding;
    format.first_indent = align == doc::Align::kLeft ? -indent : 0;
    format.right_indent = kColumnPadding;
    // Centred lines are broken where phrases end and balanced
    // (phrased_lines.cpp): "ỦY BAN NHÂN DÂN / TỈNH THANH HÓA", as agencies
    // write their names; flush-left ones (the Nơi nhận list) where phrases
    // end too: "- Văn phòng Điều phối nông thôn mới / Trung ương;", not
    // "… mới Trung / ương;".
    std::vector<LineBox> lines;
    if (align == doc::Align::kCenter) {
      lines = set_phrased_lines(context, text, format, width_, where,
                                agency_shape ? LineShape::kAgency : LineShape::kBalanced);
    } else if (align == doc::Align::kLeft) {
      lines = set_phrased_lines(context, text, format, width_, where, LineShape::kRagged);
    } else {
      lines = set_lines(context, text, format, width_, where);
    }
    double widest = 0;
    for (const LineBox& line : lines) {
      fragment_.add_line(line, x_, y_);
      y_ += line.height;
      widest = std::max(widest, line.width);
    }
    return widest;
  }
  double add_text(const LayoutContext& context, std::string_view text, const BlockFont& font,
                  std::string_view where) {
    return add_text(context, plain_inline(text), font, doc::Align::kCenter, where);
  }
  // An agency's name, centred and shaped as agencies set their names.
  double add_agency(const LayoutContext& context, std::string_view text, const BlockFont& font,
                    std::string_view where) {
    return add_text(context, plain_inline(text), font, doc::Align::kCenter, where, 0, true);
  }

  void add_line(const LineBox& line) {
    fragment_.add_line(line, x_, y_);
    y_ += line.height;
  }

  // A solid rule `length` long, centred in the column, under the last line.
  void add_rule(double length) {
    const double y = y_ + kRuleGapAbove;
    Line rule;
    rule.x1 = x_ + (width_ - length) / 2;
    rule.x2 = rule.x1 + length;
    rule.y1 = rule.y2 = -y;
    rule.width = kRuleWidth;
    fragment_.lines.push_back(rule);
    y_ = y + kRuleGapBelow;
  }

 private:
  Fragment& fragment_;
  double x_;
  double width_;
  double y_ = 0;
};

// "- item;" for each recipient of a list, "." after the last, unless the
// template already wrote the punctuation (as the text writer does).
doc::Inline punctuated_recipient(const doc::Inline& line, bool last) {
  doc::Inline result = line;
  const std::string plain = doc::plain_text(line);
  if (!plain.starts_with('-')) {
    doc::Span dash;
    dash.text = "- ";
    result.insert(result.begin(), dash);
  }
  if (!plain.ends_with(';') && !plain.ends_with('.')) {
    doc::Span end;
    end.text = last ? "." : ";";
    // The punctuation follows the text without a break before it.
    result.push_back(end);
  }
  return result;
}

}  // namespace

Fragment nd_header_fragment(const LayoutContext& context, const doc::NdHeader& header,
                            double width) {
  const std::string where = at_line("đầu văn bản", header.line);
  Fragment fragment;
  const double left_width = width * kHeaderLeftShare;
  Column left(fragment, 0, left_width);
  Column right(fragment, left_width, width - left_width);

  if (!header.parent_agency.empty()) {
    left.add_agency(context, header.parent_agency, BlockFont{kHeaderSmallSize, false, false},
                    where);
  }
  if (!header.agency.empty()) {
    const double agency_width =
        left.add_agency(context, header.agency, BlockFont{kHeaderSmallSize, true, false}, where);
    left.add_rule(agency_width / 3);
  }
  right.add_text(context, kNationalName, BlockFont{kHeaderSmallSize, true, false}, where);
  const double motto_width =
      right.add_text(context, kMotto, BlockFont{kHeaderLargeSize, true, false}, where);
  right.add_rule(motto_width);

  // "Số: …" and the place-date share a baseline under the taller column.
  const double row_top = std::max(left.y(), right.y()) + kHeaderNumberGap;
  TextFormat number_format;
  number_format.font = BlockFont{kHeaderSmallSize, false, false};
  number_format.align = doc::Align::kCenter;
  number_format.left_indent = number_format.right_indent = kColumnPadding;
  std::vector<LineBox> number_lines;
  if (!header.number.empty()) {
    number_lines =
        set_lines(context, plain_inline(header.number), number_format, left.width(), where);
  }
  TextFormat date_format = number_format;
  date_format.font = BlockFont{kHeaderLargeSize, false, true};
  std::vector<LineBox> date_lines;
  if (!header.place_date.empty()) {
    date_lines =
        set_lines(context, plain_inline(header.place_date), date_format, right.width(), where);
  }
  double baseline = 0;
  if (!number_lines.empty()) baseline = std::max(baseline, number_lines.front().baseline);
  if (!date_lines.empty()) baseline = std::max(baseline, date_lines.front().baseline);
  if (!number_lines.empty()) {
    left.set_y(row_top + baseline - number_lines.front().baseline);
    for (const LineBox& line : number_lines) left.add_line(line);
  } else {
    left.set_y(row_top);
  }
  if (!date_lines.empty()) {
    right.set_y(row_top + baseline - date_lines.front().baseline);
    for (const LineBox& line : date_lines) right.add_line(line);
  }
  if (!header.summary.empty()) {
    // The "V/v …" summary of a công văn, under the number.
    left.add_text(context, header.summary, BlockFont{kSummarySize, false, false}, where);
  }
  fragment.height = std::max(left.y(), right.y());
  fragment.space_after = kHeaderSpaceAfter;
  return fragment;
}

Fragment title_fragment(const LayoutContext& context, const doc::Title& title, double width) {
  const std::string where = at_line("tên loại văn bản", title.line);
  Fragment fragment;
  Column column(fragment, 0, width);
  const BlockFont font{kHeaderLargeSize, true, false};
  double widest = 0;
  if (!title.type.empty()) widest = column.add_text(context, title.type, font, where);
  if (!title.summary.empty()) {
    // The rule measures against the summary (trích yếu), not the type.
    widest = 0;
    for (const std::string& line : title.summary) {
      widest = std::max(widest, column.add_text(context, line, font, where));
    }
  }
  // ND 30: a rule under the summary, a third to a half of its length.
  if (widest > 0) column.add_rule(widest / 3);
  fragment.height = column.y();
  fragment.space_before = kTitleSpaceBefore;
  fragment.space_after = kTitleSpaceAfter;
  return fragment;
}

Fragment addressees_fragment(const LayoutContext& context, const doc::Addressees& addressees,
                             double width) {
  const std::string where = at_line("Kính gửi", addressees.line);
  const BlockFont font{context.setup.body_size, false, false};
  const std::string label = "Kính gửi: ";
  const double label_width = text_width(context, label, font, where);
  const double item_width = std::max(width - label_width, width / 2);
  const bool several = addressees.lines.size() > 1;

  // Set every recipient first: the block is centred on its widest line.
  std::vector<std::vector<LineBox>> items;
  double widest = 0;
  for (size_t i = 0; i < addressees.lines.size(); ++i) {
    const doc::Inline text =
        several ? punctuated_recipient(addressees.lines[i], i + 1 == addressees.lines.size())
                : addressees.lines[i];
    TextFormat format;
    format.font = font;
    format.align = doc::Align::kLeft;
    format.line_spacing = context.setup.line_spacing;
    if (several) {
      // Wrapped lines of "- recipient" hang under the text, not the dash.
      const double dash = text_width(context, "- ", font, where);
      format.left_indent = dash;
      format.first_indent = -dash;
    }
    items.push_back(set_lines(context, text, format, item_width, where));
    for (size_t k = 0; k < items.back().size(); ++k) {
      // Continuation lines start at the hanging indent.
      const double start = k == 0 ? 0 : format.left_indent;
      widest = std::max(widest, start + items.back()[k].width);
    }
  }
  const double block_width = std::min(label_width + widest, width);
  const double x = (width - block_width) / 2;

  Fragment fragment;
  LineBox label_line =
      set_plain_line(context, "Kính gửi:", font, context.setup.line_spacing, where);
  fragment.add_line(label_line, x, 0);
  double y = 0;
  for (const std::vector<LineBox>& item : items) {
    for (const LineBox& line : item) {
      fragment.add_line(line, x + label_width, y);
      y += line.height;
    }
  }
  fragment.height = std::max(y, label_line.height);
  fragment.space_before = kBlockSpace;
  fragment.space_after = kTitleSpaceAfter;
  return fragment;
}

Fragment closing_fragment(const LayoutContext& context, const doc::Signature* signature,
                          const doc::Recipients* recipients, double width) {
  Fragment fragment;
  const double half = width / 2;
  Column right(fragment, half, width - half);
  Column left(fragment, 0, half);
  double first_baseline = 0;

  if (signature != nullptr) {
    const std::string where = at_line("chữ ký", signature->line);
    const BlockFont font{kHeaderLargeSize, true, false};
    if (!signature->authority.empty()) {
      // The first authority line is set at single spacing from the top:
      // its baseline is the face's ascent.
      first_baseline = context.fonts.face(FontStyle::kRegular).ascent(font.size);
    }
    for (const std::string& line : signature->authority) right.add_text(context, line, font, where);
    right.set_y(right.y() + mm(kSignatureRoom));
    if (!signature->name.empty()) right.add_text(context, signature->name, font, where);
  }

  if (recipients != nullptr) {
    const std::string where = at_line("Nơi nhận", recipients->line);
    const BlockFont title_font{kRecipientsTitleSize, true, true};
    LineBox title = set_plain_line(context, "Nơi nhận:", title_font, 1.0, where);
    // "Nơi nhận:" stands level with the signer's title line (same baseline).
    if (first_baseline > title.baseline) left.set_y(first_baseline - title.baseline);
    left.add_line(title);
    const BlockFont item_font{kRecipientsSize, false, false};
    const double dash = text_width(context, "- ", item_font, where);
    for (const doc::Inline& item : recipients->lines) {
      const bool dashed = doc::plain_text(item).starts_with("- ");
      left.add_text(context, item, item_font, doc::Align::kLeft, where, dashed ? dash : 0);
    }
  }
  fragment.height = std::max(left.y(), right.y());
  fragment.space_before = kClosingSpaceBefore;
  return fragment;
}

}  // namespace ocopdoc::layout::detail
