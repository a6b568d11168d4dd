// layout_document: walks the blocks of the tree in order, sets each one and
// hands it to the flow (or, for tables, straight to the pages), keeping the
// ND 30 rules that span blocks: headings stay with what follows them, the
// signature stays with the last lines of the text, the signature and "Nơi
// nhận" stand side by side.

#include "layout/layout.h"

#include "layout/blocks_internal.h"
#include "layout/layout_internal.h"
#include "layout/line_breaker_internal.h"
#include "layout/paginator_internal.h"

namespace ocopdoc::layout {

namespace detail {

namespace {

constexpr double kMajorHeadingSpaceBefore = 12;  // levels 1 and 2
constexpr double kHeadingSpaceBefore = 6;
constexpr double kSecondLevelListIndent = 5;  // mm deeper than a first-level item
constexpr double kQuoteIndent = 12.7;         // mm on both sides
// Allowance for the gap between a held heading and a chart kept with it
// (the larger of the heading's space after and the chart's space before).
constexpr double kChartKeepGap = 12;  // pt

// Heading styles of the Vietnamese administrative hierarchy.
TextFormat heading_format(const PageSetup& setup, int level) {
  TextFormat format = body_format(setup);
  format.font.bold = level <= 4;
  format.font.italic = level >= 4;
  if (level <= 1) {
    // "Phần thứ nhất" and part titles: centred, no indent.
    format.align = doc::Align::kCenter;
    format.first_indent = 0;
  } else {
    // Other headings are set ragged: a justified heading of two lines
    // stretches the spaces of its first line (a few long words in bold
    // capitals leave wide holes), which body text can afford and a heading
    // cannot.
    format.align = doc::Align::kLeft;
  }
  return format;
}

// Pages of the first pass of a document with a table of contents: only the
// headings' page numbers are wanted.
class DiscardingSink : public PageSink {
 public:
  void begin(const DocumentInfo&) override {}
  void add_page(Page) override {}
  void finish() override {}
};

class BlockLayouter {
 public:
  BlockLayouter(const LayoutContext& context, PageSink& sink, const std::vector<int>* heading_pages)
      : context_(context),
        paginator_(context, sink,
                   [this](int number, double width) {
                     return footnote_fragment(context_, number, width);
                   }),
        flow_(paginator_),
        heading_pages_(heading_pages) {}

  void run();
  const std::vector<int>& heading_pages() const { return paginator_.heading_pages(); }

 private:
  // Whether the block before asked to stay with this one (a heading, the
  // title, Kính gửi); reading it clears it.
  bool take_keep() {
    const bool keep = keep_next_;
    keep_next_ = false;
    return keep;
  }
  double width() const { return paginator_.text_width(); }
  void add_text(const doc::Inline& text, const TextFormat& format, const std::string& where,
                double space_before = 0);
  std::vector<Fragment> text_lines(const doc::Inline& text, const TextFormat& format,
                                   const std::string& where, double space_before = 0) const;
  TextFormat paragraph_format(const doc::Paragraph& paragraph) const;
  doc::Inline list_item_text(const doc::ListItem& item) const;
  TextFormat list_item_format(const doc::ListItem& item) const;
  double closing_after(size_t table) const;

  void lay_out(const doc::NdHeader& header);
  void lay_out(const doc::Title& title);
  void lay_out(const doc::Addressees& addressees);
  void lay_out(const doc::LegalBases& bases);
  void lay_out(const doc::Signature& signature);
  void lay_out(const doc::Recipients& recipients);
  void lay_out(const doc::Heading& heading);
  void lay_out(const doc::Paragraph& paragraph);
  void lay_out(const doc::ListItem& item);
  void lay_out(const doc::Quote& quote);
  void lay_out(const doc::Table& table);
  void lay_out(const doc::Chart& chart);
  void lay_out(const doc::PageBreak& page_break);
  void lay_out(const doc::Orientation& orientation);
  void lay_out(const doc::TableOfContents& contents);
  void lay_out(const doc::Logo& logo);
  void lay_out(const doc::VerticalSpace& space);
  void lay_out_closing(const doc::Signature* signature, const doc::Recipients* recipients);

  const LayoutContext& context_;
  Paginator paginator_;
  Flow flow_;
  const std::vector<int>* heading_pages_;
  bool keep_next_ = false;
  size_t block_index_ = 0;  // of the block being laid out, in the document's blocks
};

void BlockLayouter::run() {
  const std::vector<doc::Block>& blocks = context_.document.blocks;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const doc::Block& block = blocks[i];
    if (i + 1 < blocks.size()) {
      // Signature and Nơi nhận next to each other in the tree (either order)
      // are set side by side.
      const doc::Block& next = blocks[i + 1];
      const auto* signature = std::get_if<doc::Signature>(&block);
      const auto* recipients = std::get_if<doc::Recipients>(&next);
      if (signature == nullptr) {
        signature = std::get_if<doc::Signature>(&next);
        recipients = std::get_if<doc::Recipients>(&block);
      }
      if (signature != nullptr && recipients != nullptr) {
        lay_out_closing(signature, recipients);
        ++i;
        continue;
      }
    }
    block_index_ = i;
    std::visit([this](const auto& b) { lay_out(b); }, block);
  }
  flow_.flush();
  paginator_.finish();
}

std::vector<Fragment> BlockLayouter::text_lines(const doc::Inline& text, const TextFormat& format,
                                                const std::string& where,
                                                double space_before) const {
  return paragraph_lines(context_, text, format, width(), where, space_before,
                         context_.setup.paragraph_space_pt);
}

void BlockLayouter::add_text(const doc::Inline& text, const TextFormat& format,
                             const std::string& where, double space_before) {
  add_paragraph(flow_, text_lines(text, format, where, space_before), take_keep());
  // A paragraph or item that ends with a colon introduces what follows
  // ("- Nội dung:" before its "+ Bước 1" items): it never ends a page.
  const std::string plain = doc::plain_text(text);
  const size_t last = plain.find_last_not_of(" \t");
  if (last != std::string::npos && plain[last] == ':') keep_next_ = true;
}

void BlockLayouter::lay_out(const doc::NdHeader& header) {
  flow_.add(nd_header_fragment(context_, header, width()), take_keep());
  keep_next_ = true;
}

void BlockLayouter::lay_out(const doc::Title& title) {
  flow_.add(title_fragment(context_, title, width()), take_keep());
  keep_next_ = true;
}

void BlockLayouter::lay_out(const doc::Addressees& addressees) {
  flow_.add(addressees_fragment(context_, addressees, width()), take_keep());
  keep_next_ = true;
}

void BlockLayouter::lay_out(const doc::LegalBases& bases) {
  TextFormat format = body_format(context_.setup);
  format.font.italic = true;
  const std::string where = at_line("căn cứ", bases.line);
  for (const doc::Inline& basis : bases.lines) add_text(basis, format, where);
}

void BlockLayouter::lay_out_closing(const doc::Signature* signature,
                                    const doc::Recipients* recipients) {
  // Kept with the lines before it: a signature alone at the top of a page
  // would sign nothing.
  take_keep();
  flow_.add(closing_fragment(context_, signature, recipients, width()), true);
}

void BlockLayouter::lay_out(const doc::Signature& signature) {
  lay_out_closing(&signature, nullptr);
}

void BlockLayouter::lay_out(const doc::Recipients& recipients) {
  lay_out_closing(nullptr, &recipients);
}

void BlockLayouter::lay_out(const doc::Heading& heading) {
  const int level = std::clamp(heading.level, 1, 5);
  const TextFormat format = heading_format(context_.setup, level);
  const std::string title = doc::plain_text(heading.text);
  const std::string where = at_line("đề mục " + quoted_excerpt(title), heading.line);
  std::vector<Fragment> lines =
      paragraph_lines(context_, heading.text, format, width(), where,
                      level <= 2 ? kMajorHeadingSpaceBefore : kHeadingSpaceBefore,
                      context_.setup.paragraph_space_pt, true);
  if (lines.empty()) return;
  OutlineEntry entry;
  entry.level = level;
  entry.title = title;
  lines.front().outline.push_back(std::move(entry));
  add_paragraph(flow_, std::move(lines), take_keep(), true);
  keep_next_ = true;
}

TextFormat BlockLayouter::paragraph_format(const doc::Paragraph& paragraph) const {
  TextFormat format = body_format(context_.setup);
  format.align = paragraph.align;
  if (!paragraph.indent_first_line) format.first_indent = 0;
  return format;
}

void BlockLayouter::lay_out(const doc::Paragraph& paragraph) {
  add_text(paragraph.text, paragraph_format(paragraph), at_line("đoạn văn", paragraph.line));
}

// "- item" reads as a paragraph that starts with its marker: the marker
// takes the first-line indent and wrapped lines return to the margin, as in
// ND 30 documents; "+" items sit a little deeper.
TextFormat BlockLayouter::list_item_format(const doc::ListItem& item) const {
  TextFormat format = body_format(context_.setup);
  if (item.level >= 2) format.first_indent += mm(kSecondLevelListIndent);
  return format;
}

doc::Inline BlockLayouter::list_item_text(const doc::ListItem& item) const {
  const std::string marker = item.marker.empty() ? (item.level >= 2 ? "+" : "-") : item.marker;
  doc::Inline text;
  doc::Span marker_span;
  marker_span.text = marker + " ";
  text.push_back(marker_span);
  text.insert(text.end(), item.text.begin(), item.text.end());
  return text;
}

void BlockLayouter::lay_out(const doc::ListItem& item) {
  add_text(list_item_text(item), list_item_format(item), at_line("mục liệt kê", item.line));
}

// The height of what ends the document right after the table at
// `blocks[table]`: a few paragraphs or list items, then the signature (and
// Nơi nhận).  A roster ends "Danh sách có 72 học viên (45 nữ)." and the
// signature; when they start a page of their own, that page signs no row of
// the list (a loose leaf anyone could attach to another list), so the
// table's last row goes with them.  0 when anything else comes first (a
// heading, another table, a chart) or when they would take more than half
// a page (the signature alone takes about a quarter): then they are text of
// their own, as anywhere else.
double BlockLayouter::closing_after(size_t table) const {
  const std::vector<doc::Block>& blocks = context_.document.blocks;
  std::vector<Fragment> parts;
  for (size_t j = table + 1; j < blocks.size(); ++j) {
    const doc::Block& block = blocks[j];
    std::vector<Fragment> lines;
    if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
      lines = text_lines(paragraph->text, paragraph_format(*paragraph),
                         at_line("đoạn văn", paragraph->line));
    } else if (const auto* item = std::get_if<doc::ListItem>(&block)) {
      lines = text_lines(list_item_text(*item), list_item_format(*item),
                         at_line("mục liệt kê", item->line));
    } else if (std::holds_alternative<doc::Signature>(block) ||
               std::holds_alternative<doc::Recipients>(block)) {
      const doc::Block* next = j + 1 < blocks.size() ? &blocks[j + 1] : nullptr;
      const auto* signature = std::get_if<doc::Signature>(&block);
      const auto* recipients = std::get_if<doc::Recipients>(&block);
      if (next != nullptr && signature == nullptr) signature = std::get_if<doc::Signature>(next);
      if (next != nullptr && recipients == nullptr) recipients = std::get_if<doc::Recipients>(next);
      parts.push_back(closing_fragment(context_, signature, recipients, width()));
      double height = 0;
      double space_above = kTableSpace;
      for (const Fragment& part : parts) {
        height += std::max(space_above, part.space_before) + part.height;
        space_above = part.space_after;
      }
      return height <= paginator_.body_height() / 2 ? height : 0;
    } else {
      return 0;
    }
    for (Fragment& line : lines) parts.push_back(std::move(line));
  }
  return 0;
}

void BlockLayouter::lay_out(const doc::Quote& quote) {
  TextFormat format = body_format(context_.setup);
  format.font.italic = true;
  format.first_indent = 0;
  format.left_indent = format.right_indent = mm(kQuoteIndent);
  const std::string where = at_line("trích dẫn", quote.line);
  for (const doc::Inline& line : quote.lines) add_text(line, format, where);
}

void BlockLayouter::lay_out(const doc::Table& table) {
  lay_out_table(context_, paginator_, flow_, table, take_keep(), closing_after(block_index_));
}

void BlockLayouter::lay_out(const doc::Chart& chart) {
  // A heading before the chart keeps with its first part, so the first part
  // leaves room for what is held (and a little for the gap between): a part
  // a page tall would push the heading onto a page of its own.  Not below
  // half a page: a held group that tall breaks anyway.  The parts after the
  // first start where they fit.
  bool keep = take_keep();
  ChartRoom room;
  room.page = paginator_.body_height();
  const double held = (keep ? flow_.held_height() : 0) + kChartKeepGap;
  room.first_whole = std::max(room.page - held, room.page / 2);
  room.first_here = paginator_.page_has_content() ? paginator_.room() - held : room.first_whole;
  for (Fragment& part : chart_fragments(context_, chart, width(), room)) {
    flow_.add(std::move(part), keep);
    keep = false;
  }
}

void BlockLayouter::lay_out(const doc::Logo& logo) {
  flow_.add(logo_fragment(context_, logo, width()), take_keep());
}

// Blank space: a fragment with height and nothing drawn.  At the top of a
// page it still counts (a cover page starts its title some way down), which
// is why it is height, not space_before (dropped at the top of a page).
void BlockLayouter::lay_out(const doc::VerticalSpace& space) {
  Fragment blank;
  blank.height = std::min(mm(space.height_mm), paginator_.body_height());
  flow_.add(std::move(blank), take_keep());
}

void BlockLayouter::lay_out(const doc::PageBreak&) {
  take_keep();
  flow_.flush();
  paginator_.new_page();
}

void BlockLayouter::lay_out(const doc::Orientation& orientation) {
  take_keep();
  flow_.flush();
  paginator_.set_landscape(orientation.landscape);
}

void BlockLayouter::lay_out(const doc::TableOfContents& contents) {
  lay_out_contents(context_, flow_, width(), contents, heading_pages_, take_keep());
}

DocumentInfo document_info(const doc::Document& document) {
  DocumentInfo info;
  info.keywords = "OCOP";
  bool have_title = false, have_author = false;
  for (const doc::Block& block : document.blocks) {
    if (const auto* title = std::get_if<doc::Title>(&block); title != nullptr && !have_title) {
      have_title = true;
      info.subject = title->type;
      for (const std::string& line : title->summary) {
        if (!info.title.empty()) info.title += ' ';
        info.title += line;
      }
    }
    if (const auto* header = std::get_if<doc::NdHeader>(&block);
        header != nullptr && !have_author) {
      have_author = true;
      info.author = header->agency;
    }
  }
  if (const auto& own = document.properties) {
    if (!own->title.empty()) info.title = own->title;
    if (!own->subject.empty()) info.subject = own->subject;
    if (!own->author.empty()) info.author = own->author;
  }
  return info;
}

}  // namespace

}  // namespace detail

void layout_document(const doc::Document& document, const FontSet& fonts, const PageSetup& setup,
                     PageSink& sink) {
  if (setup.body_size <= 0 || setup.line_spacing <= 0 || setup.page_number_size <= 0) {
    throw LayoutError("thiết lập trang không hợp lệ: cỡ chữ và giãn dòng phải lớn hơn 0");
  }
  detail::LineBreaker breaker(fonts);
  const detail::LayoutContext context{document, fonts, setup, breaker};
  const bool has_contents = std::any_of(
      document.blocks.begin(), document.blocks.end(),
      [](const doc::Block& block) { return std::holds_alternative<doc::TableOfContents>(block); });
  std::vector<int> heading_pages;
  if (has_contents) {
    // First pass: learn on which page each heading lands.  The contents are
    // set with blank numbers of a fixed width, so the second pass breaks
    // lines and pages exactly as the first did.
    detail::DiscardingSink discard;
    detail::BlockLayouter first(context, discard, nullptr);
    first.run();
    heading_pages = first.heading_pages();
  }
  sink.begin(detail::document_info(document));
  detail::BlockLayouter layouter(context, sink, has_contents ? &heading_pages : nullptr);
  layouter.run();
  sink.finish();
}

}  // namespace ocopdoc::layout
