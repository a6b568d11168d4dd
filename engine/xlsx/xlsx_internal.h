// Pieces of the XLSX writer shared between its modules.  Private to
// engine/xlsx.  The modules follow libxlsxwriter's own split:
//   xlsx_workbook.cpp    the workbook: RAII, properties, sheets, atomic file
//   xlsx_sheet.cpp       one worksheet: blocks to rows, page set-up, outline
//   xlsx_layout.cpp      column widths, orientation, row heights
//   xlsx_metrics.cpp     text widths from the font (FreeType)
//   xlsx_formats.cpp     cell formats and inline text (bold, rich strings)
//   xlsx_formulas.cpp    cell references and SUBTOTAL formulas
//   xlsx_validation.cpp  the hidden list sheet, drop-downs, input messages
//   xlsx_charts.cpp      native charts
#pragma once

#include <xlsxwriter.h>

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "doc/document.h"
#include "doc/table_sums.h"
#include "layout/fonts.h"
#include "xlsx/xlsx_writer.h"

namespace ocopdoc::xlsx::detail {

// Excel measures at 96 pixels per inch; type in points (72 per inch).
inline constexpr double kPixelsPerPoint = 96.0 / 72.0;
inline constexpr double kPointsPerMillimetre = 72.0 / 25.4;

// ---------------------------------------------------------------------------
// Font metrics (xlsx_metrics.cpp)

struct TextExtent {
  double widest_line = 0;  // points
  double widest_word = 0;
};

// Advance widths of Times New Roman (or the metric-compatible Liberation
// Serif), from the font set the PDF writer uses too.
class TextMetrics {
 public:
  explicit TextMetrics(const layout::FontSet& fonts);

  // Width in points of one line of `utf8` at `size` points.
  double width(std::string_view utf8, double size, bool bold, bool italic) const;
  // The widest line ('\n' separates lines) and the widest word (what a
  // column must hold before words break) of `utf8`.
  TextExtent extent(std::string_view utf8, double size, bool bold, bool italic) const;
  // Lines `utf8` takes when wrapped at `available` points, as Excel wraps:
  // at spaces, a word wider than the line on a line of its own.
  int wrapped_lines(std::string_view utf8, double size, bool bold, bool italic,
                    double available) const;

 private:
  const layout::FontSet& fonts_;
};

// The row height (points) Excel gives one line of Times New Roman at `size`.
double line_height(double size);

// ---------------------------------------------------------------------------
// Formats and text (xlsx_formats.cpp)

struct CellStyle {
  double size = 12;
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool superscript = false;
  std::uint8_t align = LXW_ALIGN_LEFT;  // lxw_format_alignments (horizontal)
  std::uint8_t vertical = LXW_ALIGN_VERTICAL_CENTER;
  bool wrap = false;
  bool border = false;
  bool unlocked = false;  // an input cell on a protected sheet
  std::uint8_t indent = 0;
  std::string number_format;

  auto operator<=>(const CellStyle&) const = default;
};

// One lxw_format per distinct style, created on first use (so the styles
// part lists them in the order the document first needs them).
class FormatCache {
 public:
  explicit FormatCache(lxw_workbook* workbook) : workbook_(workbook) {}
  lxw_format* get(const CellStyle& style);

 private:
  lxw_workbook* workbook_;
  std::map<CellStyle, lxw_format*> formats_;
};

// A run of text with one style, for rich strings.
struct TextRun {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool superscript = false;  // a footnote mark
};

// The text of a cell: its plain string ('\n' for forced breaks), and its runs
// when the styles differ within it (a rich string).
struct CellText {
  std::string plain;
  std::vector<TextRun> runs;  // only when `mixed`: merged runs of equal style, >= 2
  bool mixed = false;
  // The style when not mixed.
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool superscript = false;    // the whole cell is a footnote mark
  std::vector<int> footnotes;  // footnote numbers referenced, in order
};

CellText cell_text(const doc::Inline& text);
// Just the plain string of `text`, '\n' for forced breaks (cheaper than
// cell_text, for measuring).
std::string text_with_breaks(const doc::Inline& text);
CellText plain_cell_text(std::string text);

// Writes `text` at (row, col) with `style` (bold/italic of uniform text are
// folded into the style; mixed text becomes a rich string).
void write_text(lxw_worksheet* sheet, FormatCache& formats, std::uint32_t row, std::uint16_t col,
                const CellText& text, CellStyle style);

// ---------------------------------------------------------------------------
// Formulas and references (xlsx_formulas.cpp)

std::string column_name(std::uint16_t col);                   // 0 -> "A", 27 -> "AB"
std::string cell_name(std::uint32_t row, std::uint16_t col);  // (0, 0) -> "A1"
// "'Dự toán'!$A$2:$A$9": an absolute range on a named sheet.
std::string sheet_range(std::string_view sheet, std::uint32_t first_row, std::uint16_t first_col,
                        std::uint32_t last_row, std::uint16_t last_col);
// "=SUBTOTAL(9,D5:D9,D11:D12)" for table row ranges placed from sheet row
// `first_sheet_row` (the sheet row of table row 0).
std::string subtotal_formula(std::uint16_t col, const std::vector<doc::RowRange>& ranges,
                             std::uint32_t first_sheet_row);
// The number format for a number cell: the column's `so=`, else one that
// shows the number as it was written ("1.234.567" -> "#,##0", "12,5" -> "0.0").
std::string number_format_for(const doc::TableColumn& column, std::string_view written);

// A rate cell's formula (`ty-le=`): 100 × numerator ÷ denominator of the same
// sheet row, or `no_divisor_text` ("-") while the denominator is 0 or empty.
std::string rate_formula(std::uint32_t row, const doc::TableColumn::RateOf& of,
                         std::string_view no_divisor_text);

// ---------------------------------------------------------------------------
// Sheet layout (xlsx_layout.cpp)

struct PageGeometry {
  bool landscape = false;
  double printable_width_pt() const;
  double printable_height_pt() const;
};

// Where Excel and LibreOffice will break a sheet printed at a fixed scale
// into pages, so that a chart can start a page rather than straddle a
// break.  A page holds rows while they fit; a row that does not fit starts
// the next page.  Rows of the default height are not recorded: only the
// others are, until the pages are counted past them, so a 100,000-row table
// costs no memory here.
class PrintedPages {
 public:
  // `page_height` in the sheet's points (the printable height divided by the
  // print scale).
  PrintedPages(double page_height, double default_row_height);
  // Row `row` is `height` points tall.  Rows are given in order.
  void set_height(std::uint32_t row, double height);
  // How much of its page the rows above `row` take (0 when `row` starts one).
  double used_above(std::uint32_t row);
  // A manual break: `row` starts a page.
  void break_before(std::uint32_t row);
  double page_height() const { return page_height_; }
  // The manual breaks, for worksheet_set_h_pagebreaks (rows that start a
  // page, in order).
  const std::vector<std::uint32_t>& breaks() const { return breaks_; }

 private:
  void count_to(std::uint32_t row);

  double page_height_;
  double default_row_height_;
  std::map<std::uint32_t, double> heights_;  // rows not yet counted
  std::uint32_t counted_ = 0;                // rows before this are counted
  double used_ = 0;                          // of the page of row counted_
  std::vector<std::uint32_t> breaks_;
};

// How wide a table column's content is (points, padding included).
struct ColumnExtent {
  double natural = 0;  // the widest line of any cell (header cells capped: they wrap)
  double minimum = 0;  // the widest word
  bool text = false;   // some body cell holds text, not a number
};
// Measures a table's columns row by row as they are read (a streamed table is
// read once for this), and the subtotals left empty, which show their sums,
// once the sums are known.
class TableMeasure {
 public:
  TableMeasure(const doc::Table& table, const TextMetrics& metrics);
  void add(const doc::TableRow& row, size_t index);
  // The extents, with the empty subtotal and total cells measured as the sums
  // they will show.
  std::vector<ColumnExtent> finish(const doc::TableSums& sums);

 private:
  void add_text(size_t column, const std::string& text, bool bold, bool header, bool number);
  double number_char_width(bool bold);
  double number_char_ = 0, bold_number_char_ = 0;
  const doc::Table& table_;
  const TextMetrics& metrics_;
  std::vector<ColumnExtent> extents_;
  std::vector<std::pair<size_t, size_t>> empty_sums_;  // (row, column)
  // Body texts already measured, per weight (regular, bold) and column.
  std::array<std::vector<std::unordered_set<std::string>>, 2> seen_;
};
// The width (points) a drop-down column needs to show `items` on one line,
// at most kChoiceColumnMaxMm: a longer item wraps in its row, which has no
// fixed height, so Excel fits the row to it once chosen.
double choice_column_width(const std::vector<std::string>& items, const TextMetrics& metrics);
inline constexpr double kChoiceColumnMaxMm = 100;

// Column widths (points) of a table laid out for a page: fixed widths as
// given, `auto` columns as wide as their content, and the shares (`3*`)
// fitted to their content within the width left: a column whose content
// needs less than its share gets what it needs, the others share the rest
// by their shares; what no column needs goes to the text columns.  The
// table spans the printable width unless its words need more.  Without
// `fit_shares` the shares split the width as given.
std::vector<double> column_widths(const doc::Table& table, const std::vector<ColumnExtent>& extents,
                                  double printable_width, bool fit_shares);
// True when the table needs a landscape page to stay readable.
bool needs_landscape(const doc::Table& table, const std::vector<ColumnExtent>& extents);

// Font size of table text.
inline constexpr double kTableTextSize = 12;
// Inner padding Excel leaves in a cell, both sides together (points).
inline constexpr double kCellPadding = 6;

// ---------------------------------------------------------------------------
// Validation (xlsx_validation.cpp)

// The hidden sheet that holds every @danh-sach, one per column.
class ChoiceListSheet {
 public:
  static constexpr std::string_view kName = "Danh sách";
  // Writes the lists (nothing when there are none).
  void write(lxw_workbook* workbook, const std::vector<doc::ChoiceList>& lists,
             FormatCache& formats);
  // The range formula of a list ("='Danh sách'!$B$2:$B$40"), empty when the
  // list has no items.
  std::string range_formula(const std::string& list_name) const;

 private:
  std::map<std::string, std::string> ranges_;
};

// What a data-entry cell accepts, beyond its input message.
struct ColumnCheck {
  enum class Kind {
    kNone,
    kList,         // one of the items of `formula`'s range (a drop-down)
    kCodeFrom,     // a code from `formula`'s range: offered, but others only warned about
    kWholeNumber,  // a whole number in [minimum, maximum]
    kDateText,     // a date typed as text, YYYY-MM-DD, year in [minimum, maximum]
  };
  Kind kind = Kind::kNone;
  std::string formula;  // kList, kCodeFrom: "='Danh sách'!$B$2:$B$40"
  std::int64_t minimum = 0, maximum = 0;
  std::string where;  // kCodeFrom: what the range is, for the warning ("cột Mã chủ thể ...")
};

// The check the importer's contract gives column `name` of `table` (a
// table of engine/data's contract): whole numbers within their range, dates
// as ISO text (the column's format is text, "@") and codes of another table
// taken from `code_ranges` ("chu_the.ma" -> its data-entry range), when
// known.  kNone for anything else.
ColumnCheck contract_check(std::string_view table, std::string_view name,
                           const std::string& number_format,
                           const std::map<std::string, std::string>& code_ranges);

// Adds the check and/or input message of `column` to rows [first_row,
// last_row] of column `col`.  `title` heads the input message.
void add_column_validation(lxw_worksheet* sheet, std::uint32_t first_row, std::uint32_t last_row,
                           std::uint16_t col, const doc::TableColumn& column,
                           const ColumnCheck& rule, const std::string& title);

// Protects a data-entry sheet: locked cells (titles, header rows) cannot be
// changed; unlocked input cells can, and rows and columns can be resized.
void protect_for_input(lxw_worksheet* sheet);

// ---------------------------------------------------------------------------
// Charts (xlsx_charts.cpp)

// Where a chart's data was written on its sheet.
struct ChartData {
  std::string sheet;
  std::uint32_t header_row = 0;  // series names; categories in column 0 below
  std::uint16_t first_col = 0;
  // The first series' column: the category labels may be merged across
  // several columns before it, and keep their value in first_col.
  std::uint16_t first_value_col = 1;
};

// The height of the native chart for `chart` (pixels): a bar chart grows
// with its categories, up to `max_height_px` (what a printed page of its
// sheet holds).
double chart_height_px(const doc::Chart& chart, double max_height_px);

// Inserts a native chart for `chart` at (row, 0), `width_px` wide; returns
// the number of sheet rows it covers (at the default row height).
std::uint32_t insert_chart(lxw_workbook* workbook, lxw_worksheet* sheet, std::uint32_t row,
                           const doc::Chart& chart, const ChartData& data, double width_px,
                           double max_height_px);

// ---------------------------------------------------------------------------
// Sheets (xlsx_sheet.cpp)

// The blocks of one worksheet and what the plan decided for it.
struct SheetPlan {
  std::string name;
  std::vector<const doc::Block*> blocks;
  std::optional<bool> landscape;  // from @trang-ngang / @trang-doc
};

struct SheetContext {
  lxw_workbook* workbook = nullptr;
  FormatCache* formats = nullptr;
  const TextMetrics* metrics = nullptr;
  const ChoiceListSheet* lists = nullptr;
  const doc::Document* document = nullptr;
  bool constant_memory = false;  // this sheet's rows are written out as they pass
  // The data-entry ranges of the contract's key columns on the sheets
  // written so far ("chu_the.ma" -> "='Chủ thể'!$A$8:$A$307"), for the
  // columns of later sheets that refer to them.
  std::map<std::string, std::string>* code_ranges = nullptr;
};

// Writes one planned sheet.
void write_sheet(const SheetContext& context, lxw_worksheet* sheet, const SheetPlan& plan);

// Throws XlsxError with `what` when libxlsxwriter reports an error.
void check(lxw_error error, std::string_view what);

}  // namespace ocopdoc::xlsx::detail
