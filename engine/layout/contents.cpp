// The table of contents: "MỤC LỤC", then one entry per heading with dot
// leaders and the page number.

#include <algorithm>
#include <cmath>

#include "layout/blocks_internal.h"
#include "layout/paginator_internal.h"

namespace ocopdoc::layout::detail {

namespace {

constexpr double kLevelIndent = 5;  // mm per heading level
constexpr double kLeaderGap = 3;    // pt between text, dots and number
constexpr double kTitleSpaceAfter = 12;
constexpr double kEntrySpace = 3;
// The page number column is as wide as four digits in both passes, so the
// entries wrap the same way before and after the numbers are known.
constexpr std::string_view kNumberColumnSample = "0000";

}  // namespace

void lay_out_contents(const LayoutContext& context, Flow& flow, double width,
                      const doc::TableOfContents& contents, const std::vector<int>* heading_pages,
                      bool keep_with_previous) {
  const std::string where = at_line("mục lục", contents.line);
  const double size = context.setup.body_size;
  {
    TextFormat format;
    format.font = BlockFont{size, true, false};
    format.align = doc::Align::kCenter;
    format.line_spacing = context.setup.line_spacing;
    const std::string title = contents.title.empty() ? "MỤC LỤC" : contents.title;
    std::vector<Fragment> lines =
        paragraph_lines(context, plain_inline(title), format, width, where, 0, kTitleSpaceAfter);
    add_paragraph(flow, std::move(lines), keep_with_previous, true);
  }

  const BlockFont number_font{size, false, false};
  const double number_column = text_width(context, kNumberColumnSample, number_font, where);
  const double dot_width = text_width(context, ".", number_font, where);
  const double text_limit = width - number_column - kLeaderGap;

  // Indents count from the shallowest level listed: a report whose parts
  // start at "I." (level 2) has its "I." entries at the margin, in bold.
  int top_level = contents.max_level;
  for (const doc::Block& block : context.document.blocks) {
    if (const auto* heading = std::get_if<doc::Heading>(&block)) {
      top_level = std::min(top_level, heading->level);
    }
  }

  size_t heading_index = 0;
  bool first_entry = true;  // stays with the title
  for (const doc::Block& block : context.document.blocks) {
    const doc::Heading* heading = std::get_if<doc::Heading>(&block);
    if (heading == nullptr) continue;
    const size_t index = heading_index++;
    if (heading->level > contents.max_level) continue;

    TextFormat format;
    format.font = BlockFont{size, heading->level == top_level, false};
    format.align = doc::Align::kLeft;
    format.left_indent =
        mm(kLevelIndent) * static_cast<double>(std::max(heading->level - top_level, 0));
    format.line_spacing = context.setup.line_spacing;
    const std::vector<LineBox> lines =
        set_phrased_lines(context, plain_inline(doc::plain_text(heading->text)), format,
                          text_limit - kLeaderGap, where, LineShape::kRagged);
    if (lines.empty()) continue;
    Fragment entry;
    for (const LineBox& line : lines) {
      entry.add_line(line, 0, entry.height);
      entry.height += line.height;
    }
    // Dots from the end of the text to the number column, on the last line.
    const LineBox& last = lines.back();
    const double last_top = entry.height - last.height;
    const double leader_start = format.left_indent + last.width + kLeaderGap;
    const double leader_end = text_limit;
    const auto dots =
        static_cast<size_t>(std::max(std::floor((leader_end - leader_start) / dot_width), 0.0));
    if (dots >= 2) {
      LineBox leader =
          set_plain_line(context, std::string(dots, '.'), number_font, format.line_spacing, where);
      entry.add_line(leader, leader_end - static_cast<double>(dots) * dot_width, last_top);
    }
    if (heading_pages != nullptr && index < heading_pages->size()) {
      const std::string number = std::to_string((*heading_pages)[index]);
      LineBox page = set_plain_line(context, number, number_font, format.line_spacing, where);
      entry.add_line(page, width - page.width, last_top);
    }
    entry.space_after = kEntrySpace;
    flow.add(std::move(entry), first_entry);
    first_entry = false;
  }
}

}  // namespace ocopdoc::layout::detail
