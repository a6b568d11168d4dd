// One worksheet: the blocks of its part of the document, top to bottom, one
// sheet row after another (constant-memory mode writes a row out as soon as
// the next one starts, so nothing here ever goes back up).
//
// The sheet is a grid whose columns are the widest table's; text blocks are
// rows merged across the grid (the ND 30 header and the signature across its
// halves), with heights computed from the font so wrapped lines show whole on
// screen and on paper — Excel does not grow merged rows by itself.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <variant>

#include "data/record_source.h"
#include "data/schema.h"
#include "doc/chart_figures.h"
#include "doc/table_rows.h"
#include "text/text.h"
#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

namespace {

using RowKind = doc::TableRow::Kind;

// ND 30 type sizes (nd30-the-thuc.md), a point smaller where a sheet's
// narrower columns would otherwise wrap every line.
constexpr double kHeaderSize = 13;
constexpr double kMottoSize = 14;
constexpr double kTitleSize = 14;
constexpr double kBodySize = 13;
constexpr double kRecipientsTitleSize = 12;
constexpr double kRecipientsSize = 11;
constexpr double kFootnoteSize = 11;
// Excel's tallest row.
constexpr double kMaxRowHeight = 409;
// The thin row that rules a line under the agency's name (agency_rule), and
// the size of the underlined spaces that draw it.
constexpr double kRuleRowHeight = 6;
constexpr double kRuleSize = 4;
// Blank lines left for the signature and seal: about 30 mm, as on the PDF
// (three lines left 18 mm, too little for a signature and a round seal).
constexpr int kSignatureSpaceRows = 5;
// A chart's data columns when no table sets the grid.
constexpr double kChartValueWidthMm = 25;
constexpr double kChartCategoryWidthMm = 45;
// The grid of a sheet without tables: six equal columns.
constexpr int kTextOnlyColumns = 6;

// ND 30 margins in inches: left 30 mm, right 15 mm, top and bottom 20 mm.
constexpr double kMarginLeft = 30 / 25.4;
constexpr double kMarginRight = 15 / 25.4;
constexpr double kMarginTop = 20 / 25.4;
constexpr double kMarginBottom = 20 / 25.4;
constexpr double kFooterMargin = 8 / 25.4;
constexpr double kMinPrintScale = 0.1;   // Excel's smallest
constexpr size_t kMaxPageBreaks = 1023;  // Excel's limit per sheet
constexpr std::uint8_t kPaperA4 = 9;

// One row of text in a block.
struct Line {
  CellText text;
  CellStyle style;
};

Line line(CellText text, double size, std::uint8_t align, bool bold = false, bool italic = false) {
  Line result;
  result.text = std::move(text);
  result.style.size = size;
  result.style.align = align;
  result.style.bold = bold;
  result.style.italic = italic;
  result.style.wrap = true;
  return result;
}

Line plain_line(std::string text, double size, std::uint8_t align, bool bold = false,
                bool italic = false) {
  return line(plain_cell_text(std::move(text)), size, align, bold, italic);
}

std::uint8_t excel_align(doc::Align align) {
  switch (align) {
    case doc::Align::kLeft:
      return LXW_ALIGN_LEFT;
    case doc::Align::kCenter:
      return LXW_ALIGN_CENTER;
    case doc::Align::kRight:
      return LXW_ALIGN_RIGHT;
    case doc::Align::kJustify:
      return LXW_ALIGN_JUSTIFY;
  }
  return LXW_ALIGN_LEFT;
}

// Blocks that read as running text: no blank row between two of them.
bool is_running_text(const doc::Block& block) {
  return std::holds_alternative<doc::Heading>(block) ||
         std::holds_alternative<doc::Paragraph>(block) ||
         std::holds_alternative<doc::ListItem>(block) ||
         std::holds_alternative<doc::Quote>(block) ||
         std::holds_alternative<doc::LegalBases>(block) ||
         std::holds_alternative<doc::Addressees>(block);
}

bool writes_nothing(const doc::Block& block) {
  return std::holds_alternative<doc::TableOfContents>(block) ||
         std::holds_alternative<doc::Logo>(block) ||
         std::holds_alternative<doc::VerticalSpace>(block) ||
         std::holds_alternative<doc::PageBreak>(block) ||
         std::holds_alternative<doc::Orientation>(block);
}

// What the sheet computes once per table before writing it.
struct TablePrep {
  doc::TableSums sums;
  std::vector<ColumnExtent> extents;
  std::vector<double> widths;
  size_t header_rows = 0;
};

// A merged cell spanning rows in constant-memory mode: its range is
// registered when its last row is written (see write_table).
struct PendingMerge {
  std::uint32_t first_row, last_row;
  std::uint16_t first_col, last_col;
  lxw_format* format;
};

class SheetWriter {
 public:
  SheetWriter(const SheetContext& context, lxw_worksheet* sheet, const SheetPlan& plan)
      : context_(context),
        sheet_(sheet),
        plan_(plan),
        formats_(*context.formats),
        metrics_(*context.metrics) {}

  void write() {
    prepare_tables();
    lay_out();
    set_up_page();
    const std::vector<const doc::Block*>& blocks = plan_.blocks;
    const doc::Block* previous = nullptr;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const doc::Block& block = *blocks[i];
      if (writes_nothing(block)) continue;
      if (previous != nullptr && !(is_running_text(*previous) && is_running_text(block))) ++row_;
      previous = &block;
      // The Nơi nhận and the signature stand side by side when adjacent.
      const doc::Block* next = i + 1 < blocks.size() ? blocks[i + 1] : nullptr;
      if (next != nullptr && std::holds_alternative<doc::Recipients>(block) &&
          std::holds_alternative<doc::Signature>(*next)) {
        side_by_side(recipient_lines(std::get<doc::Recipients>(block)),
                     signature_lines(std::get<doc::Signature>(*next)));
        ++i;
        continue;
      }
      if (next != nullptr && std::holds_alternative<doc::Signature>(block) &&
          std::holds_alternative<doc::Recipients>(*next)) {
        side_by_side(recipient_lines(std::get<doc::Recipients>(*next)),
                     signature_lines(std::get<doc::Signature>(block)));
        ++i;
        continue;
      }
      std::visit([&](const auto& typed) { write_block(typed); }, block);
    }
    write_footnotes();
    if (protect_) protect_for_input(sheet_);
    if (pages_ && !pages_->breaks().empty()) {
      // libxlsxwriter's list ends at a 0; a break at (0-based) row r puts
      // the page's end between rows r and r + 1 as Excel counts them, so
      // 0-based row r starts the next page.
      const std::vector<std::uint32_t>& rows = pages_->breaks();
      const auto count = static_cast<std::ptrdiff_t>(std::min(rows.size(), kMaxPageBreaks));
      std::vector<lxw_row_t> breaks(rows.begin(), rows.begin() + count);
      breaks.push_back(0);
      check(worksheet_set_h_pagebreaks(sheet_, breaks.data()), "đặt ngắt trang");
    }
  }

 private:
  // -- layout ----------------------------------------------------------------

  void prepare_tables() {
    for (const doc::Block* block : plan_.blocks) {
      const auto* table = std::get_if<doc::Table>(block);
      if (table == nullptr) continue;
      // One pass over the rows (a streamed table produces them for it)
      // gives the sums and the columns' extents; writing is the second.
      TablePrep prep;
      doc::TableSumsBuilder sums(*table);
      TableMeasure measure(*table, metrics_);
      doc::TableRowCursor cursor(*table);
      while (const doc::TableRow* row = cursor.next()) {
        sums.add(*row);
        measure.add(*row, cursor.index());
      }
      prep.sums = sums.finish();
      prep.extents = measure.finish(prep.sums);
      while (prep.header_rows < table->rows.size() &&
             table->rows[prep.header_rows].kind == RowKind::kHeader) {
        ++prep.header_rows;
      }
      tables_.emplace(table, std::move(prep));
    }
  }

  void lay_out() {
    if (plan_.landscape) {
      landscape_ = *plan_.landscape;
    } else {
      for (const auto& [table, prep] : tables_) {
        landscape_ = landscape_ || needs_landscape(*table, prep.extents);
      }
    }
    const double printable = PageGeometry{landscape_}.printable_width_pt();
    for (auto& [table, prep] : tables_) {
      // The grid is the widest of its tables' columns: tables fitted each
      // to its own content would together be wider than the page (and
      // print smaller), so shares fit the content of a sheet's only table.
      prep.widths = column_widths(*table, prep.extents, printable, tables_.size() == 1);
      widen_choice_columns(*table, prep.widths);
      if (widths_.size() < prep.widths.size()) widths_.resize(prep.widths.size(), 0.0);
      for (size_t c = 0; c < prep.widths.size(); ++c)
        widths_[c] = std::max(widths_[c], prep.widths[c]);
    }
    for (const doc::Block* block : plan_.blocks) {
      if (const auto* chart = std::get_if<doc::Chart>(block)) fit_chart_columns(*chart);
    }
    if (widths_.empty()) widths_.assign(kTextOnlyColumns, printable / kTextOnlyColumns);
    widen_header_right_half();
    for (size_t c = 0; c < widths_.size(); ++c) {
      const auto pixels = static_cast<std::uint32_t>(std::lround(widths_[c] * kPixelsPerPoint));
      check(worksheet_set_column_pixels(sheet_, static_cast<lxw_col_t>(c),
                                        static_cast<lxw_col_t>(c), pixels, nullptr),
            "đặt độ rộng cột");
    }
  }

  // A drop-down column is as wide as its items need (up to a limit), even
  // where `cot=` gives it less: a chosen item that does not fit wraps onto
  // lines the row does not show until someone makes it taller.
  void widen_choice_columns(const doc::Table& table, std::vector<double>& widths) const {
    for (size_t c = 0; c < table.columns.size() && c < widths.size(); ++c) {
      const std::string& name = table.columns[c].choice_list;
      if (name.empty()) continue;
      for (const doc::ChoiceList& list : context_.document->choice_lists) {
        if (list.name == name) {
          widths[c] = std::max(widths[c], choice_column_width(list.items, metrics_));
        }
      }
    }
  }

  // Where a chart's data goes: its category labels across the first columns
  // (as many as their width needs), one column per series after them.
  void fit_chart_columns(const doc::Chart& chart) {
    double category_width = kChartCategoryWidthMm * kPointsPerMillimetre;
    for (const std::string& category : chart.categories) {
      category_width = std::max(
          category_width, metrics_.width(category, kTableTextSize, false, false) + kCellPadding);
    }
    if (widths_.empty()) widths_.push_back(category_width);
    size_t span = 1;
    double covered = widths_[0];
    while (covered < category_width && span < widths_.size()) covered += widths_[span++];
    chart_category_span_[&chart] = span;
    const size_t needed = span + chart.series.size();
    while (widths_.size() < needed) widths_.push_back(kChartValueWidthMm * kPointsPerMillimetre);
  }

  // The right half of the ND 30 header (the columns from split_col() on)
  // holds "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", the motto and the place and
  // date, each on one line.  Columns fitted to their content can leave it
  // narrower (a budget's two amount columns beside a wide name column):
  // then the right half takes the width it lacks from the left, in
  // proportion to the columns' widths, the left keeping at least half of
  // its own.
  void widen_header_right_half() {
    const doc::NdHeader* header = nullptr;
    for (const doc::Block* block : plan_.blocks) {
      if (const auto* found = std::get_if<doc::NdHeader>(block)) header = found;
    }
    if (header == nullptr || widths_.size() < 2) return;
    const double need =
        std::max({metrics_.width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", kHeaderSize, true, false),
                  metrics_.width("Độc lập - Tự do - Hạnh phúc", kMottoSize, true, false),
                  metrics_.width(header->place_date, kMottoSize, false, true)}) +
        2 * kCellPadding;
    const std::uint16_t split = split_col();
    const double right = width_of(split, last_col());
    const double left = width_of(0, static_cast<std::uint16_t>(split - 1));
    if (right >= need || right <= 0 || left <= 0) return;
    const double moved = std::min(need - right, left / 2);
    for (std::uint16_t c = 0; c < split; ++c) widths_[c] -= moved * widths_[c] / left;
    for (size_t c = split; c < widths_.size(); ++c) widths_[c] += moved * widths_[c] / right;
  }

  std::uint16_t last_col() const { return static_cast<std::uint16_t>(widths_.size() - 1); }

  double width_of(std::uint16_t first, std::uint16_t last) const {
    double width = 0;
    for (std::uint16_t c = first; c <= last && c < widths_.size(); ++c) width += widths_[c];
    return width;
  }

  // The first column of the right half of the ND 30 header and signature:
  // the column boundary nearest to 45 % of the width (the left column of an
  // ND 30 header is the narrower one).
  std::uint16_t split_col() const {
    const double total = width_of(0, last_col());
    double best_distance = total;
    std::uint16_t best = 1;
    double running = 0;
    for (size_t c = 0; c + 1 < widths_.size(); ++c) {
      running += widths_[c];
      const double distance = std::fabs(running - 0.45 * total);
      if (distance < best_distance) {
        best_distance = distance;
        best = static_cast<std::uint16_t>(c + 1);
      }
    }
    return best;
  }

  void set_up_page() {
    worksheet_set_paper(sheet_, kPaperA4);
    if (landscape_) {
      worksheet_set_landscape(sheet_);
    } else {
      worksheet_set_portrait(sheet_);
    }
    worksheet_set_margins(sheet_, kMarginLeft, kMarginRight, kMarginTop, kMarginBottom);
    worksheet_fit_to_pages(sheet_, 1, 0);  // one page wide, as many pages long as needed
    if (holds_chart()) {
      // A chart must not straddle two printed pages: this sheet's pages are
      // counted as they fill, and write_block(Chart) adds a manual break
      // where a chart would cross the end of one.
      //
      // The sheet stays fitted to one page wide (and automatic height), so
      // a user who widens a column still prints one page wide.  LibreOffice
      // honours manual row breaks under that fit (tests/cli/test_xlsx.py
      // prints the province report through it).  Whether Excel keeps them
      // under "Fit to" is not checked here; where it drops them, the
      // workbook prints as it would without them.
      //
      // Fitted to the page's width, the sheet prints at the scale that
      // brings its columns to the printable width (Excel's percentages are
      // whole).  LibreOffice, even with Carlito for the default font,
      // measures the same columns about 5 % wider, so it prints smaller and
      // its pages hold more rows.  A chart this count moves to a new page
      // starts one there too (the break is manual); one the count leaves
      // where it is fits LibreOffice's first pages, but several pages down
      // the two counts drift apart and it may not.
      const PageGeometry page{landscape_};
      const double width = width_of(0, last_col());
      const double scale =
          width <= page.printable_width_pt()
              ? 1.0
              : std::max(kMinPrintScale, std::floor(100 * page.printable_width_pt() / width) / 100);
      pages_.emplace(page.printable_height_pt() / scale, line_height(kTableTextSize));
    }
    worksheet_set_default_row(sheet_, line_height(kTableTextSize), LXW_FALSE);
    lxw_header_footer_options footer_options{};
    footer_options.margin = kFooterMargin;
    check(worksheet_set_footer_opt(sheet_, "&C&\"Times New Roman,Regular\"&12Trang &P/&N",
                                   &footer_options),
          "đặt chân trang");
  }

  // -- rows ------------------------------------------------------------------

  double text_height(const CellText& text, const CellStyle& style, double available) const {
    const int lines = metrics_.wrapped_lines(text.plain, style.size, style.bold || text.bold,
                                             style.italic || text.italic, available);
    return std::min(kMaxRowHeight, lines * line_height(style.size));
  }

  // Rows of one line of table text take the sheet's default height (set in
  // set_up_page), which costs no attribute per row: a large table writes
  // noticeably faster.  libxlsxwriter leaves out the height of a row set to
  // its own default (15 pt), and such a row shows at the sheet's default.
  void start_row(double height, int level = 0, bool hidden = false) {
    const bool standard = std::fabs(height - line_height(kTableTextSize)) < 0.01;
    if (pages_ && (hidden || !standard)) pages_->set_height(row_, hidden ? 0 : height);
    if (standard && level == 0 && !hidden) return;
    lxw_row_col_options options{};
    options.level = static_cast<std::uint8_t>(level);
    options.hidden = hidden ? LXW_TRUE : LXW_FALSE;
    check(worksheet_set_row_opt(sheet_, row_, standard ? LXW_DEF_ROW_HEIGHT : height, nullptr,
                                &options),
          "đặt chiều cao dòng");
  }

  // Writes `text` in columns [first, last] of the current row, merged.
  void merged_text(std::uint16_t first, std::uint16_t last, const CellText& text, CellStyle style) {
    if (!text.mixed) {
      style.bold = style.bold || text.bold;
      style.italic = style.italic || text.italic;
      style.underline = style.underline || text.underline;
    }
    if (last > first) {
      check(worksheet_merge_range(sheet_, row_, first, row_, last, "", formats_.get(style)),
            "gộp ô");
    }
    write_text(sheet_, formats_, row_, first, text, style);
    remember_footnotes(text);
  }

  void full_width(const Line& item) {
    start_row(text_height(item.text, item.style, width_of(0, last_col()) - kCellPadding));
    merged_text(0, last_col(), item.text, item.style);
    ++row_;
  }

  void full_width(const std::vector<Line>& lines) {
    for (const Line& item : lines) full_width(item);
  }

  // Left lines in the left half, right lines in the right half, row by row.
  void side_by_side(const std::vector<Line>& left, const std::vector<Line>& right) {
    if (widths_.size() < 2) {
      full_width(left);
      full_width(right);
      return;
    }
    const std::uint16_t split = split_col();
    const double left_width = width_of(0, static_cast<std::uint16_t>(split - 1)) - kCellPadding;
    const double right_width = width_of(split, last_col()) - kCellPadding;
    const size_t rows = std::max(left.size(), right.size());
    for (size_t i = 0; i < rows; ++i) {
      double height = 0;
      if (i < left.size())
        height = std::max(height, text_height(left[i].text, left[i].style, left_width));
      if (i < right.size()) {
        height = std::max(height, text_height(right[i].text, right[i].style, right_width));
      }
      start_row(height);
      if (i < left.size())
        merged_text(0, static_cast<std::uint16_t>(split - 1), left[i].text, left[i].style);
      if (i < right.size()) merged_text(split, last_col(), right[i].text, right[i].style);
      ++row_;
    }
  }

  void remember_footnotes(const CellText& text) {
    for (int footnote : text.footnotes) {
      if (std::find(footnotes_.begin(), footnotes_.end(), footnote) == footnotes_.end()) {
        footnotes_.push_back(footnote);
      }
    }
  }

  // -- ND 30 blocks -----------------------------------------------------------

  void write_block(const doc::NdHeader& header) {
    const Line motto = [] {
      Line line = plain_line("Độc lập - Tự do - Hạnh phúc", kMottoSize, LXW_ALIGN_CENTER, true);
      line.style.underline = true;  // ND 30 rules a line under the motto
      return line;
    }();
    // The agency's name and the right half's lines beside it, then the
    // rest; the number stays level with the place and date.
    std::vector<Line> left, right, rest_left, rest_right;
    if (!header.parent_agency.empty()) {
      left.push_back(plain_line(header.parent_agency, kHeaderSize, LXW_ALIGN_CENTER));
    }
    left.push_back(plain_line(header.agency, kHeaderSize, LXW_ALIGN_CENTER, true));
    right.push_back(
        plain_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", kHeaderSize, LXW_ALIGN_CENTER, true));
    if (header.parent_agency.empty()) {
      rest_left.push_back(plain_line("", kHeaderSize, LXW_ALIGN_CENTER));
      rest_right.push_back(motto);
    } else {
      right.push_back(motto);
    }
    rest_left.push_back(plain_line(header.number, kHeaderSize, LXW_ALIGN_CENTER));
    if (!header.summary.empty()) {
      rest_left.push_back(plain_line(header.summary, 12, LXW_ALIGN_CENTER));
    }
    rest_right.push_back(plain_line(header.place_date, kMottoSize, LXW_ALIGN_CENTER, false, true));
    if (widths_.size() < 2) {
      // One column: the two halves one under the other, and no rule (the
      // name fills the width).
      left.insert(left.end(), rest_left.begin(), rest_left.end());
      right.insert(right.end(), rest_right.begin(), rest_right.end());
      side_by_side(left, right);
      return;
    }
    side_by_side(left, right);
    agency_rule(header.agency);
    side_by_side(rest_left, rest_right);
  }

  // ND 30 rules a line under the issuing agency's name, a third to a half
  // as long as the name and centred under it.  A workbook has no lines to
  // draw but cell borders, and the tables' columns (a roster's "STT", "Họ và
  // tên", ...) seldom put a border of that length there.  So a thin row
  // follows the name, merged across the left half like it, holding
  // underlined no-break spaces in a tiny size, centred: their underline is
  // the rule, as long as the spaces, wherever the columns fall.  (Excel and
  // LibreOffice both underline spaces; the cell reads as blank.)
  void agency_rule(const std::string& agency) {
    const std::uint16_t split = split_col();
    const double half = width_of(0, static_cast<std::uint16_t>(split - 1)) - kCellPadding;
    const double name = std::min(metrics_.width(agency, kHeaderSize, true, false), half);
    CellStyle rule;
    rule.size = kRuleSize;
    rule.underline = true;
    rule.align = LXW_ALIGN_CENTER;
    rule.vertical = LXW_ALIGN_VERTICAL_TOP;
    const double space = metrics_.width("\u00A0", kRuleSize, false, false);
    // A left half too narrow for any rule (a sheet of a 2 mm column and
    // another) draws none.
    const double count = space > 0 ? std::round(0.4 * name / space) : 0;
    if (!(count >= 1)) return;
    const auto spaces = static_cast<size_t>(std::min(count, 2000.0));
    std::string text;
    for (size_t i = 0; i < spaces; ++i) text += "\u00A0";
    start_row(kRuleRowHeight);
    merged_text(0, static_cast<std::uint16_t>(split - 1), plain_cell_text(std::move(text)), rule);
    ++row_;
  }

  void write_block(const doc::Title& title) {
    full_width(plain_line(title.type, kTitleSize, LXW_ALIGN_CENTER, true));
    for (const std::string& summary : title.summary) {
      full_width(plain_line(summary, kTitleSize, LXW_ALIGN_CENTER, true));
    }
  }

  void write_block(const doc::Addressees& addressees) {
    if (addressees.lines.size() == 1) {
      CellText text = cell_text(addressees.lines.front());
      text.plain = "Kính gửi: " + text.plain;
      if (text.mixed) text.runs.insert(text.runs.begin(), TextRun{"Kính gửi: "});
      full_width(line(std::move(text), kBodySize, LXW_ALIGN_CENTER));
      return;
    }
    full_width(plain_line("Kính gửi:", kBodySize, LXW_ALIGN_CENTER));
    for (size_t i = 0; i < addressees.lines.size(); ++i) {
      const std::string text = doc::plain_text(addressees.lines[i]);
      std::string printed = text.starts_with("- ") ? text : "- " + text;
      if (!printed.ends_with(";") && !printed.ends_with(".")) {
        printed += i + 1 == addressees.lines.size() ? "." : ";";
      }
      Line item = plain_line(printed, kBodySize, LXW_ALIGN_LEFT);
      item.style.indent = 4;
      full_width(item);
    }
  }

  void write_block(const doc::LegalBases& bases) {
    for (const doc::Inline& basis : bases.lines) {
      full_width(line(cell_text(basis), kBodySize, LXW_ALIGN_JUSTIFY, false, true));
    }
  }

  std::vector<Line> signature_lines(const doc::Signature& signature) const {
    std::vector<Line> lines;
    for (const std::string& authority : signature.authority) {
      lines.push_back(plain_line(authority, kBodySize, LXW_ALIGN_CENTER, true));
    }
    for (int i = 0; i < kSignatureSpaceRows; ++i)
      lines.push_back(plain_line("", kBodySize, LXW_ALIGN_CENTER));
    if (!signature.name.empty()) {
      lines.push_back(plain_line(signature.name, kBodySize, LXW_ALIGN_CENTER, true));
    }
    return lines;
  }

  std::vector<Line> recipient_lines(const doc::Recipients& recipients) const {
    std::vector<Line> lines;
    lines.push_back(plain_line("Nơi nhận:", kRecipientsTitleSize, LXW_ALIGN_LEFT, true, true));
    for (const doc::Inline& recipient : recipients.lines) {
      lines.push_back(line(cell_text(recipient), kRecipientsSize, LXW_ALIGN_LEFT));
    }
    return lines;
  }

  void write_block(const doc::Signature& signature) {
    side_by_side({}, signature_lines(signature));
  }

  void write_block(const doc::Recipients& recipients) {
    side_by_side(recipient_lines(recipients), {});
  }

  // -- running text ------------------------------------------------------------

  void write_block(const doc::Heading& heading) {
    const std::uint8_t align = heading.level == 1 ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT;
    full_width(line(cell_text(heading.text), kBodySize, align, true));
  }

  void write_block(const doc::Paragraph& paragraph) {
    Line item = line(cell_text(paragraph.text), kBodySize, excel_align(paragraph.align));
    item.style.vertical = LXW_ALIGN_VERTICAL_TOP;
    full_width(item);
  }

  void write_block(const doc::ListItem& item) {
    CellText text = cell_text(item.text);
    const std::string marker = item.marker + " ";
    text.plain = marker + text.plain;
    if (text.mixed) text.runs.insert(text.runs.begin(), TextRun{marker});
    Line result = line(std::move(text), kBodySize, LXW_ALIGN_JUSTIFY);
    result.style.indent = static_cast<std::uint8_t>(item.level - 1);
    full_width(result);
  }

  void write_block(const doc::Quote& quote) {
    for (const doc::Inline& quoted : quote.lines) {
      Line item = line(cell_text(quoted), kBodySize, LXW_ALIGN_JUSTIFY, false, true);
      item.style.indent = 1;
      full_width(item);
    }
  }

  void write_block(const doc::TableOfContents&) {}
  void write_block(const doc::Logo&) {}
  void write_block(const doc::VerticalSpace&) {}
  void write_block(const doc::PageBreak&) {}
  void write_block(const doc::Orientation&) {}

  // -- tables -------------------------------------------------------------------

  CellStyle table_style(const doc::Table& table, const doc::TableRow& row, size_t col) const {
    CellStyle style;
    style.size = kTableTextSize;
    style.border = true;
    style.wrap = true;
    style.vertical = LXW_ALIGN_VERTICAL_CENTER;
    if (row.kind == RowKind::kHeader) {
      style.bold = true;
      style.align = LXW_ALIGN_CENTER;
      return style;
    }
    style.align = excel_align(table.columns[col].align);
    style.bold = row.kind != RowKind::kBody;
    // On a data-entry sheet the rows below the header are the user's.
    style.unlocked = table.input_rows > 0;
    return style;
  }

  // The row's height: its tallest wrapped cell (numbers never wrap).
  double table_row_height(const doc::Table& table, const doc::TableRow& row,
                          const std::vector<CellText>& texts) const {
    double height = line_height(kTableTextSize);
    for (size_t c = 0; c < row.cells.size(); ++c) {
      const doc::TableCell& cell = row.cells[c];
      if (cell.covered || cell.row_span != 1 || texts[c].plain.empty()) continue;
      if (cell.number && row.kind != RowKind::kHeader) continue;
      const auto last = static_cast<std::uint16_t>(c + static_cast<size_t>(cell.col_span) - 1);
      const double available = width_of(static_cast<std::uint16_t>(c), last) - kCellPadding;
      height = std::max(height, text_height(texts[c], table_style(table, row, c), available));
    }
    const double least = table.min_row_height_mm * kPointsPerMillimetre;
    if (row.kind != RowKind::kHeader) height = std::max(height, least);
    return std::min(height, kMaxRowHeight);
  }

  void write_table_cell(const doc::Table& table, const TablePrep& prep, const doc::TableRow& row,
                        size_t r, size_t c, std::uint32_t first_row, const CellText& text,
                        CellStyle style, lxw_format** used_format) {
    const doc::TableCell& cell = row.cells[c];
    const doc::TableColumn& column = table.columns[c];
    const auto col = static_cast<std::uint16_t>(c);
    const bool adds_up =
        column.summed && (row.kind == RowKind::kSubtotal || row.kind == RowKind::kTotal);
    const size_t slot = static_cast<size_t>(row.kind) * table.columns.size() + c;
    // A rate whose operands are numbers (or sums) is a live formula of them.
    const doc::RowRate rate = column.rate && row.kind != RowKind::kHeader
                                  ? doc::row_rate(table.columns, row, c, prep.sums.find(r))
                                  : doc::RowRate{};
    const bool is_rate = rate.state != doc::RowRate::State::kUnknown;
    if (row.kind != RowKind::kHeader && (adds_up || cell.number || is_rate)) {
      // A column with `so=` has one number format per row kind: remembered,
      // so that a large table does not look its format up cell by cell.
      lxw_format* number_format = column.number_format.empty() ? nullptr : number_formats_[slot];
      if (number_format == nullptr) {
        std::string format = number_format_for(column, text.plain);
        if (adds_up && format.empty()) format = "#,##0";
        // A rate shows as written: "25" as 25, "-" (no divisor) at one decimal
        // for when the divisor comes.
        if (is_rate && format.empty()) format = cell.number ? "0" : "0.0";
        style.number_format = std::move(format);
        number_format = formats_.get(style);
        if (!column.number_format.empty()) number_formats_[slot] = number_format;
      }
      *used_format = number_format;
      if (is_rate) {
        // Without a divisor the cell shows what the template wrote ("-"),
        // and so does the formula while the divisor stays 0.
        const bool no_divisor = rate.state == doc::RowRate::State::kNoDivisor;
        const std::string formula =
            rate_formula(row_, *column.rate, no_divisor ? std::string_view(text.plain) : "-");
        check(no_divisor ? worksheet_write_formula_str(sheet_, row_, col, formula.c_str(),
                                                       number_format, text.plain.c_str())
                         : worksheet_write_formula_num(sheet_, row_, col, formula.c_str(),
                                                       number_format, rate.value),
              "ghi công thức tỷ lệ");
        return;
      }
      const doc::RowSums* sums = adds_up ? prep.sums.find(r) : nullptr;
      if (sums != nullptr) {
        const std::string formula = subtotal_formula(col, sums->ranges, first_row);
        check(worksheet_write_formula_num(sheet_, row_, col, formula.c_str(), number_format,
                                          sums->values[c]),
              "ghi công thức cộng");
      } else {
        check(
            worksheet_write_number(sheet_, row_, col, adds_up ? 0.0 : *cell.number, number_format),
            "ghi số");
      }
      return;
    }
    const bool plain =
        !text.mixed && !text.bold && !text.italic && !text.underline && !text.superscript;
    if (plain && text_formats_[slot] != nullptr && text.plain.find('\n') == std::string::npos) {
      *used_format = text_formats_[slot];
      if (text.plain.empty()) {
        check(worksheet_write_blank(sheet_, row_, col, *used_format), "ghi ô trống");
      } else {
        check(worksheet_write_string(sheet_, row_, col, text.plain.c_str(), *used_format),
              "ghi chữ vào ô");
      }
      return;
    }
    if (!text.mixed) {
      style.bold = style.bold || text.bold;
      style.italic = style.italic || text.italic;
      style.underline = style.underline || text.underline;
    }
    *used_format = formats_.get(style);
    if (plain) text_formats_[slot] = *used_format;
    write_text(sheet_, formats_, row_, col, text, style);
    remember_footnotes(text);
  }

  void write_block(const doc::Table& table) {
    const TablePrep& prep = tables_.at(&table);
    const auto columns = static_cast<std::uint16_t>(table.columns.size());
    const auto table_last_col = static_cast<std::uint16_t>(columns - 1);
    if (!table.caption.empty()) {
      Line caption = plain_line(table.caption, kTableTextSize, LXW_ALIGN_CENTER, true);
      start_row(
          text_height(caption.text, caption.style, width_of(0, table_last_col) - kCellPadding));
      merged_text(0, table_last_col, caption.text, caption.style);
      ++row_;
    }
    const std::uint32_t first_row = row_;
    constexpr size_t kRowKinds = 4;
    text_formats_.assign(kRowKinds * columns, nullptr);
    number_formats_.assign(kRowKinds * columns, nullptr);
    std::vector<PendingMerge> pending;
    std::vector<CellText> texts(columns);
    bool has_outline = false;
    // On a data-entry sheet the row of the import contract's column names
    // (ma, ten, ...) is for the importer, not for the district's staff, who
    // read the Vietnamese labels above it: it is hidden (the importer reads
    // hidden rows as any other).
    // Only under another header row: a table whose one header row is the
    // names keeps it in sight.
    // 0 stands for none: the first header row is never hidden.
    const size_t hidden_row = table.input_rows > 0 ? contract_row(table, prep).value_or(0) : 0;
    doc::TableRowCursor cursor(table);
    while (const doc::TableRow* next = cursor.next()) {
      const doc::TableRow& row = *next;
      const size_t r = cursor.index();
      for (size_t c = 0; c < columns; ++c) {
        texts[c] = row.cells[c].covered ? CellText{} : cell_text(row.cells[c].text);
      }
      const int level = prep.sums.outline_level(r);
      has_outline = has_outline || level > 0;
      start_row(table_row_height(table, row, texts), level, hidden_row > 0 && r == hidden_row);
      for (size_t c = 0; c < columns; ++c) {
        const doc::TableCell& cell = row.cells[c];
        const auto col = static_cast<std::uint16_t>(c);
        if (cell.covered) {
          cover_pending_cell(pending, col);
          continue;
        }
        const CellStyle style = table_style(table, row, c);
        lxw_format* format = nullptr;
        write_table_cell(table, prep, row, r, c, first_row, texts[c], style, &format);
        if (cell.row_span == 1 && cell.col_span == 1) continue;
        const auto last_row = static_cast<std::uint32_t>(row_ + cell.row_span - 1);
        const auto last = static_cast<std::uint16_t>(c + static_cast<size_t>(cell.col_span) - 1);
        if (!context_.constant_memory || cell.row_span == 1) {
          // merge_range writes an empty string over the origin: write the
          // value again after it.
          check(worksheet_merge_range(sheet_, row_, col, last_row, last, "", format), "gộp ô");
          write_table_cell(table, prep, row, r, c, first_row, texts[c], style, &format);
        } else {
          for (std::uint16_t k = static_cast<std::uint16_t>(col + 1); k <= last; ++k) {
            check(worksheet_write_blank(sheet_, row_, k, format), "ghi ô gộp");
          }
          pending.push_back({row_, last_row, col, last, format});
        }
      }
      ++row_;
    }
    write_input_rows(table, prep, first_row);
    if (!frozen_ && prep.header_rows > 0 && holds_one_grid()) {
      // The table's header stays on screen and on every printed page.  Only
      // on a sheet whose one table is all it has: with other tables or a
      // chart below, their pages would print under this table's header.
      frozen_ = true;
      worksheet_freeze_panes(sheet_, static_cast<lxw_row_t>(first_row + prep.header_rows), 0);
      check(worksheet_repeat_rows(sheet_, first_row,
                                  static_cast<lxw_row_t>(first_row + prep.header_rows - 1)),
            "đặt dòng tiêu đề in lặp lại");
    }
    if (has_outline && table.subtotals_above) {
      worksheet_outline_settings(sheet_, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
    }
  }

  bool holds_one_grid() const {
    size_t grids = 0;
    for (const doc::Block* block : plan_.blocks) {
      grids +=
          std::holds_alternative<doc::Table>(*block) || std::holds_alternative<doc::Chart>(*block);
    }
    return grids == 1;
  }

  // Constant-memory mode cannot go back to a row already written, so a cell
  // merged down several rows is written piecewise: the value and blanks as
  // the rows pass, and the merged range itself at its last row (where
  // libxlsxwriter's own rewrite of the earlier rows is refused harmlessly).
  void cover_pending_cell(std::vector<PendingMerge>& pending, std::uint16_t col) {
    for (auto it = pending.begin(); it != pending.end(); ++it) {
      if (col < it->first_col || col > it->last_col || row_ <= it->first_row ||
          row_ > it->last_row) {
        continue;
      }
      if (row_ < it->last_row) {
        check(worksheet_write_blank(sheet_, row_, col, it->format), "ghi ô gộp");
      } else if (col == it->first_col) {
        check(worksheet_merge_range(sheet_, it->first_row, it->first_col, it->last_row,
                                    it->last_col, "", it->format),
              "gộp ô");
      }
      if (row_ == it->last_row && col == it->last_col) pending.erase(it);
      return;
    }
  }

  // `dong-nhap=N`: blank, unlocked, formatted rows under the table, and the
  // drop-downs and input messages of its columns over every body row.
  void write_input_rows(const doc::Table& table, const TablePrep& prep, std::uint32_t first_row) {
    const auto columns = table.columns.size();
    doc::TableRow blank_row;
    blank_row.kind = RowKind::kBody;
    for (int i = 0; i < table.input_rows; ++i) {
      // No height of its own: Excel fits a row without a custom height to
      // what is typed or chosen in it (a drop-down item that wraps), but
      // never one with.  A row libxlsxwriter does not hear of gets the
      // sheet's default height written as a custom one; a row set to the
      // library's own default (15 pt) is written without a height, and
      // shows at the sheet's default until its content asks for more.
      check(worksheet_set_row(sheet_, row_, LXW_DEF_ROW_HEIGHT, nullptr), "đặt dòng nhập liệu");
      for (size_t c = 0; c < columns; ++c) {
        CellStyle style = table_style(table, blank_row, c);
        style.number_format = table.columns[c].number_format;
        check(worksheet_write_blank(sheet_, row_, static_cast<lxw_col_t>(c), formats_.get(style)),
              "ghi dòng nhập liệu");
      }
      ++row_;
    }
    if (table.input_rows > 0) protect_ = true;
    if (row_ == 0) return;
    const std::uint32_t first_body = first_row + static_cast<std::uint32_t>(prep.header_rows);
    const std::uint32_t last_body = row_ - 1;
    if (last_body < first_body) return;
    // A data-entry table whose header names the columns of a table of the
    // import contract (the sheet "Sản phẩm" and its row "ma, ten, ...")
    // checks what the importer will check.
    const std::vector<std::string> names =
        table.input_rows > 0 ? contract_names(table, prep) : std::vector<std::string>{};
    const data::TableSpec* contract = names.empty() ? nullptr : data::table_for_sheet(plan_.name);
    for (size_t c = 0; c < columns; ++c) {
      const doc::TableColumn& column = table.columns[c];
      const auto col = static_cast<std::uint16_t>(c);
      ColumnCheck rule;
      if (!column.choice_list.empty()) {
        rule.formula = context_.lists->range_formula(column.choice_list);
        if (!rule.formula.empty()) rule.kind = ColumnCheck::Kind::kList;
      } else if (contract != nullptr && context_.code_ranges != nullptr) {
        rule =
            contract_check(contract->name, names[c], column.number_format, *context_.code_ranges);
      }
      add_column_validation(sheet_, first_body, last_body, col, column, rule,
                            header_title(table, prep, c));
      // The table's key codes, for a later sheet's column that refers to
      // them (the products' subject code, from the subjects' sheet).
      if (contract != nullptr && context_.code_ranges != nullptr && !names[c].empty()) {
        const std::string key = std::string(contract->name) + "." + names[c];
        context_.code_ranges->emplace(
            key, "=" + sheet_range(plan_.name, first_body, col, last_body, col));
      }
    }
  }

  // The import contract's column names in the table's header, as the
  // importer finds them (its header row names only columns of the table):
  // the last header row of plain names, without spaces or accents.  Empty
  // when no header row is one.
  static std::vector<std::string> contract_names(const doc::Table& table, const TablePrep& prep) {
    const std::optional<size_t> row = contract_row(table, prep);
    std::vector<std::string> names;
    if (!row) return names;
    for (const doc::TableCell& cell : table.rows[*row].cells) {
      names.push_back(doc::plain_text(cell.text));
    }
    return names;
  }

  // The header row contract_names reads, if any.
  static std::optional<size_t> contract_row(const doc::Table& table, const TablePrep& prep) {
    for (size_t r = prep.header_rows; r-- > 0;) {
      const bool all = std::all_of(
          table.rows[r].cells.begin(), table.rows[r].cells.end(), [](const doc::TableCell& cell) {
            const std::string name = cell.covered ? std::string() : doc::plain_text(cell.text);
            return !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
              return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
            });
          });
      if (all) return r;
    }
    return std::nullopt;
  }

  // The column's name for an input message: the highest header cell that
  // heads this column alone (a data-entry sheet's Vietnamese label, not the
  // contract's column name under it; "Dự toán", not "Kinh phí" above it).
  static std::string header_title(const doc::Table& table, const TablePrep& prep, size_t c) {
    for (size_t r = 0; r < prep.header_rows; ++r) {
      const doc::TableCell& cell = table.rows[r].cells[c];
      if (!cell.covered && cell.col_span == 1) return doc::plain_text(cell.text);
    }
    return {};
  }

  // -- charts ---------------------------------------------------------------------

  void write_block(const doc::Chart& chart) {
    const size_t span = chart_category_span_.at(&chart);
    const auto category_last = static_cast<std::uint16_t>(span - 1);
    CellStyle header_style;
    header_style.size = kTableTextSize;
    header_style.bold = true;
    header_style.align = LXW_ALIGN_CENTER;
    header_style.border = true;
    header_style.wrap = true;
    CellStyle category_style = header_style;
    category_style.bold = false;
    category_style.align = LXW_ALIGN_LEFT;
    CellStyle value_style = category_style;
    value_style.align = LXW_ALIGN_RIGHT;
    value_style.number_format = "#,##0.##";

    ChartData data;
    data.sheet = plan_.name;
    data.header_row = row_;
    data.first_col = 0;
    data.first_value_col = static_cast<std::uint16_t>(span);
    double header_height =
        std::max(line_height(kTableTextSize),
                 text_height(plain_cell_text(chart.category_heading), header_style,
                             width_of(0, category_last) - kCellPadding));
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const auto col = static_cast<std::uint16_t>(span + s);
      header_height =
          std::max(header_height, text_height(plain_cell_text(chart.series[s]), header_style,
                                              width_of(col, col) - kCellPadding));
    }
    // The chart and its data start a page when they would not fit on what
    // is left of this one; a chart too tall for that keeps at least the
    // chart itself on one page (below).
    const double unit_height = chart.unit.empty() ? 0 : line_height(kTableTextSize);
    const double data_height =
        unit_height + header_height +
        line_height(kTableTextSize) * static_cast<double>(chart.categories.size() + 1);
    // A chart is never taller than a printed page of this sheet (a
    // landscape page holds 170 mm at full scale), less a line of room.
    const double max_height_px = (pages_ ? pages_->page_height() - line_height(kTableTextSize)
                                         : PageGeometry{landscape_}.printable_height_pt()) *
                                 kPixelsPerPoint;
    const double picture_height = chart_height_px(chart, max_height_px) / kPixelsPerPoint;
    keep_on_one_page(row_, data_height + picture_height);
    if (!chart.unit.empty()) {
      // The unit over the figures, as a table says it ("Đơn vị tính: ..."):
      // in a row of its own, so neither the series names (the legend) nor
      // the label column's heading carry it.
      CellStyle unit_style;
      unit_style.size = kTableTextSize;
      unit_style.italic = true;
      unit_style.align = LXW_ALIGN_RIGHT;
      const auto last = static_cast<std::uint16_t>(span + chart.series.size() - 1);
      const CellText unit = plain_cell_text("Đơn vị tính: " + chart.unit);
      start_row(text_height(unit, unit_style, width_of(0, last) - kCellPadding));
      merged_text(0, last, unit, unit_style);
      ++row_;
      data.header_row = row_;
    }
    start_row(header_height);
    // The label column keeps the template's heading ("Huyện", "Dự án").
    merged_text(0, category_last, plain_cell_text(chart.category_heading), header_style);
    for (size_t s = 0; s < chart.series.size(); ++s) {
      write_text(sheet_, formats_, row_, static_cast<std::uint16_t>(span + s),
                 plain_cell_text(chart.series[s]), header_style);
    }
    ++row_;
    // The series read column 0 for the categories: a merged cell keeps its
    // value in its first column.
    // One format per series: a column that shows "2,399.4" shows "11,532.0"
    // below it, so figures line up and read alike (and so do the chart's
    // labels, which take the cells' format).
    const doc::ChartFigures figures(chart);
    std::vector<lxw_format*> series_formats;
    for (size_t s = 0; s < chart.values.size(); ++s) {
      CellStyle style = value_style;
      style.number_format = "#,##0." + std::string(static_cast<size_t>(figures.decimals(s)), '0');
      if (style.number_format.back() == '.') style.number_format.pop_back();
      series_formats.push_back(formats_.get(style));
    }
    for (size_t i = 0; i < chart.categories.size(); ++i) {
      start_row(line_height(kTableTextSize));
      merged_text(0, category_last, plain_cell_text(chart.categories[i]), category_style);
      for (size_t s = 0; s < chart.series.size(); ++s) {
        check(worksheet_write_number(sheet_, row_, static_cast<std::uint16_t>(span + s),
                                     chart.values[s][i], series_formats[s]),
              "ghi số liệu biểu đồ");
      }
      ++row_;
    }
    // The gap row before the picture starts the page, if one is needed: a
    // chart anchored right at a break gets its top border drawn on the
    // page before too.
    keep_on_one_page(row_, line_height(kTableTextSize) + picture_height);
    ++row_;
    const double width_px = width_of(0, last_col()) * kPixelsPerPoint;
    row_ += insert_chart(context_.workbook, sheet_, row_, chart, data, width_px, max_height_px);
  }

  // Starts a page at `row` when `height` points from there on would cross
  // the end of the current page, and fit on a page of their own.
  void keep_on_one_page(std::uint32_t row, double height) {
    if (!pages_) return;
    const double used = pages_->used_above(row);
    if (used > 0 && used + height > pages_->page_height() && height <= pages_->page_height()) {
      pages_->break_before(row);
    }
  }

  bool holds_chart() const {
    return std::any_of(plan_.blocks.begin(), plan_.blocks.end(), [](const doc::Block* block) {
      return std::holds_alternative<doc::Chart>(*block);
    });
  }

  // -- footnotes ------------------------------------------------------------------

  void write_footnotes() {
    if (footnotes_.empty()) return;
    ++row_;
    for (size_t i = 0; i < footnotes_.size(); ++i) {
      const int number = footnotes_[i];
      const auto index = static_cast<size_t>(number - 1);
      if (index >= context_.document->footnotes.size()) continue;
      CellText text = cell_text(context_.document->footnotes[index]);
      const std::string mark = std::to_string(number);
      TextRun mark_run{mark};
      mark_run.superscript = true;
      if (!text.mixed) {
        TextRun body{" " + text.plain};
        body.bold = text.bold;
        body.italic = text.italic;
        body.underline = text.underline;
        text.runs = {mark_run, body};
      } else {
        text.runs.insert(text.runs.begin(), {mark_run, TextRun{" "}});
      }
      text.plain = mark + " " + text.plain;
      text.mixed = true;
      text.footnotes.clear();
      Line item = line(std::move(text), kFootnoteSize, LXW_ALIGN_JUSTIFY);
      full_width(item);
    }
  }

  const SheetContext& context_;
  lxw_worksheet* sheet_;
  const SheetPlan& plan_;
  FormatCache& formats_;
  const TextMetrics& metrics_;
  std::map<const doc::Table*, TablePrep> tables_;
  std::map<const doc::Chart*, size_t> chart_category_span_;
  std::vector<double> widths_;  // the grid, points
  bool landscape_ = false;
  std::optional<PrintedPages> pages_;  // on a sheet with a chart
  std::uint32_t row_ = 0;
  bool frozen_ = false;
  bool protect_ = false;
  std::vector<int> footnotes_;  // referenced on this sheet, in order
  // The current table's formats of unstyled text and of numbers in `so=`
  // columns, by row kind and column.
  std::vector<lxw_format*> text_formats_;
  std::vector<lxw_format*> number_formats_;
};

}  // namespace

void write_sheet(const SheetContext& context, lxw_worksheet* sheet, const SheetPlan& plan) {
  SheetWriter(context, sheet, plan).write();
}

}  // namespace ocopdoc::xlsx::detail
