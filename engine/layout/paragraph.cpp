// Paragraph-like blocks as line fragments, widow/orphan control, footnotes.

#include <unicode/utf8.h>

#include "layout/blocks_internal.h"
#include "layout/paginator_internal.h"

namespace ocopdoc::layout::detail {

namespace {

// ND 30 footnotes are set smaller than the body, single-spaced.
constexpr double kFootnoteSize = 12;
// Widow/orphan control: lines kept together at each side of a page break.
constexpr size_t kMinLinesAtBreak = 2;
constexpr size_t kExcerptLength = 40;  // code points

}  // namespace

std::vector<Fragment> paragraph_lines(const LayoutContext& context, const doc::Inline& text,
                                      const TextFormat& format, double width,
                                      std::string_view where, double space_before,
                                      double space_after, bool phrased) {
  std::vector<Fragment> fragments;
  // Centred text (a part title, a cover's lines) is a title: broken where
  // its phrases end, in lines of like width; a heading set flush left is
  // broken where its phrases end too.
  std::vector<LineBox> lines;
  if (format.align == doc::Align::kCenter) {
    lines = set_phrased_lines(context, text, format, width, where, LineShape::kBalanced);
  } else if (phrased) {
    lines = set_phrased_lines(context, text, format, width, where, LineShape::kRagged);
  } else {
    lines = set_lines(context, text, format, width, where);
  }
  for (const LineBox& line : lines) {
    Fragment fragment;
    fragment.height = line.height;
    fragment.add_line(line, 0, 0);
    fragments.push_back(std::move(fragment));
  }
  if (!fragments.empty()) {
    fragments.front().space_before = space_before;
    fragments.back().space_after = space_after;
  }
  return fragments;
}

void add_paragraph(Flow& flow, std::vector<Fragment> lines, bool keep_with_previous,
                   bool keep_together) {
  const size_t count = lines.size();
  const bool splittable = !keep_together && count >= 2 * kMinLinesAtBreak;
  for (size_t i = 0; i < count; ++i) {
    // A break before line i leaves i lines above it and count - i below.
    const bool break_allowed = splittable && i >= kMinLinesAtBreak && count - i >= kMinLinesAtBreak;
    const bool keep = i == 0 ? keep_with_previous : !break_allowed;
    flow.add(std::move(lines[i]), keep);
  }
}

TextFormat body_format(const PageSetup& setup) {
  TextFormat format;
  format.font.size = setup.body_size;
  format.align = doc::Align::kJustify;
  format.first_indent = mm(setup.first_line_indent_mm);
  format.line_spacing = setup.line_spacing;
  return format;
}

Fragment footnote_fragment(const LayoutContext& context, int number, double width) {
  doc::Inline text;
  doc::Span mark;
  mark.text = std::to_string(number);
  mark.footnote = number;
  text.push_back(mark);
  doc::Span space;
  space.text = " ";
  text.push_back(space);
  const auto index = static_cast<size_t>(number - 1);
  if (index < context.document.footnotes.size()) {
    const doc::Inline& body = context.document.footnotes[index];
    text.insert(text.end(), body.begin(), body.end());
  }
  TextFormat format;
  format.font.size = kFootnoteSize;
  format.align = doc::Align::kJustify;
  format.line_spacing = 1.0;
  Fragment fragment;
  const std::string where = "chú thích " + std::to_string(number);
  for (const LineBox& line : set_lines(context, text, format, width, where)) {
    fragment.add_line(line, 0, fragment.height);
    fragment.height += line.height;
  }
  // The raised number in front is the note's own mark, not a reference to
  // place another note.
  fragment.footnotes.clear();
  return fragment;
}

std::string quoted_excerpt(std::string_view text) {
  int32_t offset = 0;
  size_t count = 0;
  const auto length = static_cast<int32_t>(text.size());
  while (offset < length && count < kExcerptLength) {
    U8_FWD_1(text.data(), offset, length);
    ++count;
  }
  std::string excerpt = "“" + std::string(text.substr(0, static_cast<size_t>(offset)));
  if (offset < length) excerpt += "…";
  return excerpt + "”";
}

}  // namespace ocopdoc::layout::detail
