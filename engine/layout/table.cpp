// Tables: column widths from content, header rows repeated on every page,
// rows laid out and placed one at a time, tall rows split between pages,
// column and row spans, borders.
//
// A row is never laid out before the page it goes on is known, and nothing
// of a row is kept once it is placed: only the cells still open (a row span
// running down, or the rest of a split row) are held.  So a 30,000-row roster
// costs the memory of one page and a few rows.

#include <algorithm>
#include <deque>
#include <optional>

#include "doc/table_rows.h"
#include "layout/blocks_internal.h"
#include "layout/line_breaker_internal.h"
#include "layout/paginator_internal.h"
#include "layout/table_internal.h"

namespace ocopdoc::layout::detail {

namespace {

// Table text is one point smaller than the body (13 pt), header included.
constexpr double kTableSize = 13;
// Cell padding: text keeps clear of the borders.
constexpr double kPaddingX = 4;  // pt, left and right
constexpr double kPaddingY = 2;  // pt, top and bottom
constexpr double kCaptionSpaceAfter = 3;
// A row moves whole to the next page instead of splitting when its cells
// have at most this many lines (a split would leave a line alone), or when
// it is no taller than this share of the page body: a product's name of five
// lines cut three / two by the page reads worse than a gap at the foot of
// the page.  Taller rows (a task of the plan with a page of content) split,
// so that no page is left mostly blank.
constexpr size_t kShortRowLines = 3;
constexpr double kWholeRowShare = 0.25;
// Lines kept together on each side when a cell's text is split.
constexpr size_t kMinLinesAtBreak = 2;
// Rows that must share a page with the row before them (see keeps_with_next)
// are looked for this far ahead; a longer chain (seven nested group titles)
// keeps only its first rows together.
constexpr size_t kMostKeptRows = 4;

// A small table is never split: one of at most this many rows, each of a
// few lines, that takes at most kSmallTableShare of a page's body starts
// the next page whole when it does not fit on this one (a nine-row table
// cut five and four, its second part alone on a page with room to spare,
// reads worse than a gap at the foot of the page before).
constexpr size_t kSmallTableRows = 12;
constexpr double kSmallTableShare = 0.4;

using RowKind = doc::TableRow::Kind;

BlockFont cell_font(const doc::TableRow& row) {
  // Header, subtotal and total rows are bold.
  return BlockFont{kTableSize, row.kind != RowKind::kBody, false};
}

doc::Align cell_align(const doc::TableRow& row, const doc::TableColumn& column) {
  if (row.kind == RowKind::kHeader) return doc::Align::kCenter;
  // Justified text in a narrow cell opens wide holes: cells are flush left.
  return column.align == doc::Align::kJustify ? doc::Align::kLeft : column.align;
}

// A cell border (0.5 pt, black).
void add_border(Fragment& fragment, double x1, double y1, double x2, double y2) {
  Line line;
  line.x1 = x1;
  line.y1 = y1;
  line.x2 = x2;
  line.y2 = y2;
  line.width = kRuleWidth;
  fragment.lines.push_back(line);
}

// A cell being placed: its lines, and how far down they have been drawn.
struct OpenCell {
  size_t column = 0;
  size_t span = 1;
  size_t rows_left = 1;  // rows of its span still to place, this one included
  std::vector<LineBox> lines;
  size_t next = 0;  // first line not drawn yet
  // From the top of the cell's part on this page: where the next line goes,
  // and how much of the part the rows placed so far have covered.
  double offset = kPaddingY;
  double covered = 0;

  bool ends_in_this_row() const { return rows_left == 1; }
  size_t remaining() const { return lines.size() - next; }
  double remaining_height() const {
    double height = 0;
    for (size_t i = next; i < lines.size(); ++i) height += lines[i].height;
    return height;
  }
  // Top of the next line relative to the top of the current row.
  double next_top() const { return offset - covered; }
  // Lines that fit in a part of the row `limit` high, bottom padding kept.
  size_t lines_fitting(double limit) const {
    double y = next_top();
    size_t count = 0;
    for (size_t i = next; i < lines.size(); ++i) {
      if (y + lines[i].height + kPaddingY > limit + kEpsilon) break;
      y += lines[i].height;
      ++count;
    }
    return count;
  }
};

// The table's rows, read in order with a few held ahead: whether a row may
// end a page depends on the rows after it (a group's title row goes with its
// first row).  The cursor's rows live only until its next read, so the rows
// held ahead are copies; a streamed roster holds one or two.
class RowsAhead {
 public:
  explicit RowsAhead(doc::TableRowCursor& cursor) : cursor_(cursor) {}

  // Whether at least `count` rows are waiting (reading more if needed).
  bool has(size_t count) {
    while (held_.size() < count && !exhausted_) {
      const doc::TableRow* row = cursor_.next();
      if (row == nullptr) {
        exhausted_ = true;
      } else {
        held_.push_back(*row);
      }
    }
    return held_.size() >= count;
  }
  const doc::TableRow& operator[](size_t i) const { return held_[i]; }
  doc::TableRow take() {
    doc::TableRow row = std::move(held_.front());
    held_.pop_front();
    return row;
  }

 private:
  doc::TableRowCursor& cursor_;
  std::deque<doc::TableRow> held_;
  bool exhausted_ = false;
};

class TableLayouter {
 public:
  TableLayouter(const LayoutContext& context, Paginator& paginator, Flow& flow,
                const doc::Table& table, double closing_after)
      : context_(context),
        paginator_(paginator),
        flow_(flow),
        table_(table),
        closing_after_(closing_after) {}

  void run(bool keep_with_previous);

 private:
  std::string where(const doc::TableRow& row) const { return at_line("bảng", row.line); }
  void measure_columns();
  double span_width(size_t column, size_t span) const {
    double width = 0;
    for (size_t c = column; c < column + span && c < widths_.size(); ++c) width += widths_[c];
    return width;
  }
  std::vector<LineBox> set_cell(const doc::TableRow& row, size_t column, const doc::TableCell& cell,
                                ExtraLine extra = ExtraLine::kNone) const;
  std::vector<LineBox> set_within_row(const doc::TableRow& row, size_t column,
                                      std::vector<LineBox> lines, double tallest) const;
  Fragment caption_fragment() const;
  Fragment header_fragment() const;
  void open_cells(const doc::TableRow& row);
  double row_need() const;
  bool row_is_short() const;
  Fragment draw(const std::vector<size_t>& counts, double height, bool row_ends) const;
  std::vector<size_t> counts_fitting(double limit) const;
  bool keeps_with_next(const doc::TableRow& row, const doc::TableRow& next, bool first_body,
                       bool next_is_last) const;
  bool within_whole_row_share(double height) const {
    return height <= kWholeRowShare * paginator_.body_height() + kEpsilon;
  }
  struct RowHeights {
    double whole = 0;       // every line of every cell
    double head = 0;        // the first kMinLinesAtBreak lines of each cell
    size_t most_lines = 0;  // the lines of the row's longest cell
  };
  RowHeights measure_row(const doc::TableRow& row) const;
  std::optional<double> settled_height(const doc::TableRow& row) const;
  double small_table_height() const;
  double kept_height(const doc::TableRow& row, RowsAhead& ahead, size_t next,
                     bool first_body) const;
  void place_row(const doc::TableRow& row, bool last_row, double kept_after);
  void close_page_part();
  void break_page();

  const LayoutContext& context_;
  Paginator& paginator_;
  Flow& flow_;
  const doc::Table& table_;
  // The document's closing lines after the table: they share a page with
  // the last row (see lay_out_table).
  double closing_after_ = 0;

  std::vector<double> widths_;
  std::vector<double> column_x_;  // left edge of each column, from the text area's left
  double table_x_ = 0, table_width_ = 0;
  double line_height_ = 0, min_row_height_ = 0;
  // The least height of the row being placed: a body row may be taller on
  // request (markup cao-dong=, room to sign on a roster).
  double row_min_height_ = 0;
  size_t header_rows_ = 0;
  Fragment header_;
  bool has_header_ = false;

  std::vector<OpenCell> open_;
  bool grid_on_page_ = false;    // header or rows of this table on the current page
  bool header_on_page_ = false;  // the header rows head this page's part
  size_t rows_on_page_ = 0;      // body rows (or parts) placed on this page
  size_t rows_placed_ = 0;       // body rows placed so far, on every page
  bool first_part_ = true;       // nothing of the table placed yet
};

std::vector<LineBox> TableLayouter::set_cell(const doc::TableRow& row, size_t column,
                                             const doc::TableCell& cell, ExtraLine extra) const {
  TextFormat format;
  format.font = cell_font(row);
  format.align = cell_align(row, table_.columns[column]);
  format.line_spacing = 1.0;
  const size_t span = std::max(cell.col_span, 1);
  const double inner = std::max(span_width(column, span) - 2 * kPaddingX, 1.0);
  // Text in a cell breaks where its phrases end ("Xã Hà Long, / huyện Hà
  // Trung", not "Xã Hà Long, huyện / Hà Trung"); numbers and justified
  // text are filled.
  switch (format.align) {
    case doc::Align::kCenter:
      return set_phrased_lines(context_, cell.text, format, inner, where(row), LineShape::kBalanced,
                               extra);
    case doc::Align::kLeft:
      return set_phrased_lines(context_, cell.text, format, inner, where(row), LineShape::kRagged,
                               extra);
    default:
      return set_lines(context_, cell.text, format, inner, where(row));
  }
}

namespace {
double content_height(const std::vector<LineBox>& lines) {
  double height = 0;
  for (const LineBox& line : lines) height += line.height;
  return height;
}
}  // namespace

// A cell is set in the fewest lines its text needs, even where that cuts a
// word or a name ("Hợp tác xã nông / nghiệp"): a line more would make its row
// taller.  But where another cell of the row is taller anyway (an address of
// three lines beside it), the line is free: the cell is set again allowed a
// line more, and keeps it if the row's height stays (`tallest`, the tallest
// text among the row's cells that end in it).  The row's height is the same
// either way, so settled_height(), which sets cells without this, still
// foresees it.
std::vector<LineBox> TableLayouter::set_within_row(const doc::TableRow& row, size_t column,
                                                   std::vector<LineBox> lines,
                                                   double tallest) const {
  if (lines.size() < 2) return lines;  // no cut to spare
  if (content_height(lines) + lines.back().height > tallest + kEpsilon) return lines;
  std::vector<LineBox> more = set_cell(row, column, row.cells[column], ExtraLine::kFree);
  if (more.size() > lines.size() && content_height(more) <= tallest + kEpsilon) return more;
  return lines;
}

void TableLayouter::measure_columns() {
  const size_t count = table_.columns.size();
  std::vector<ColumnContent> content(count);
  struct SpanNeed {
    size_t column, span;
    double min;
  };
  std::vector<SpanNeed> span_needs;
  // Millimetre columns need no measuring: a roster with fixed widths is
  // then read only once, row by row, as it is placed.
  const bool content_matters =
      std::any_of(table_.columns.begin(), table_.columns.end(), [](const doc::TableColumn& c) {
        return c.width.kind != doc::ColumnWidth::Kind::kMillimetres;
      });
  doc::TableRowCursor cursor(table_);
  while (const doc::TableRow* next = content_matters ? cursor.next() : nullptr) {
    const doc::TableRow& row = *next;
    for (size_t c = 0; c < count && c < row.cells.size(); ++c) {
      const doc::TableCell& cell = row.cells[c];
      if (cell.covered) continue;
      // Words as the line breaker sees them: this also checks that the
      // fonts cover every character, naming the row.
      const std::vector<Word> words = context_.breaker.words(cell.text, cell_font(row), where(row));
      double widest_word = 0, line = 0, longest_line = 0, space = 0;
      for (const Word& word : words) {
        widest_word = std::max(widest_word, word.width);
        line += space + word.width;
        space = word.space_width;
        if (word.forced_break) {
          longest_line = std::max(longest_line, line);
          line = space = 0;
        }
      }
      longest_line = std::max(longest_line, line);
      const double min = widest_word + 2 * kPaddingX;
      const double max = longest_line + 2 * kPaddingX;
      const auto span = static_cast<size_t>(std::max(cell.col_span, 1));
      if (span == 1) {
        content[c].min = std::max(content[c].min, min);
        content[c].max = std::max(content[c].max, max);
      } else {
        // A spanning cell only asks that its columns together hold its
        // longest word; its full line does not widen them ("Tổng cộng"
        // across two columns must not make them wide).
        span_needs.push_back({c, std::min(span, count - c), min});
      }
    }
  }
  for (const SpanNeed& need : span_needs) {
    double have = 0;
    for (size_t c = need.column; c < need.column + need.span; ++c) have += content[c].min;
    if (have >= need.min) continue;
    const double extra = (need.min - have) / static_cast<double>(need.span);
    for (size_t c = need.column; c < need.column + need.span; ++c) {
      content[c].min += extra;
      content[c].max = std::max(content[c].max, content[c].min);
    }
  }
  std::vector<doc::ColumnWidth> specs;
  for (const doc::TableColumn& column : table_.columns) specs.push_back(column.width);
  const double available = paginator_.text_width();
  widths_ = resolve_column_widths(specs, content, available);
  table_width_ = 0;
  for (double width : widths_) {
    column_x_.push_back(table_width_);
    table_width_ += width;
  }
  // A table narrower than the text (only millimetre columns) is centred.
  table_x_ = table_width_ < available ? (available - table_width_) / 2 : 0;
  for (double& x : column_x_) x += table_x_;
}

Fragment TableLayouter::caption_fragment() const {
  TextFormat format;
  format.font = BlockFont{context_.setup.body_size, true, false};
  format.align = doc::Align::kCenter;
  format.line_spacing = 1.0;
  Fragment fragment;
  // A caption is a title: broken where its phrases end.
  for (const LineBox& line :
       set_phrased_lines(context_, plain_inline(table_.caption), format, paginator_.text_width(),
                         at_line("tên bảng", table_.line), LineShape::kBalanced)) {
    fragment.add_line(line, 0, fragment.height);
    fragment.height += line.height;
  }
  fragment.space_before = kTableSpace;
  fragment.space_after = kCaptionSpaceAfter;
  return fragment;
}

Fragment TableLayouter::header_fragment() const {
  // The header is small and fixed: it is set once as a whole grid (heights
  // of spanning cells known in advance, text centred vertically) and placed
  // again at the head of every page the table continues on.
  struct HeaderCell {
    size_t row, column, row_span, col_span;
    std::vector<LineBox> lines;
    double content = 0;
  };
  std::vector<HeaderCell> cells;
  std::vector<double> heights(header_rows_, min_row_height_);
  for (size_t r = 0; r < header_rows_; ++r) {
    const doc::TableRow& row = table_.rows[r];
    for (size_t c = 0; c < widths_.size() && c < row.cells.size(); ++c) {
      const doc::TableCell& cell = row.cells[c];
      if (cell.covered) continue;
      HeaderCell header_cell;
      header_cell.row = r;
      header_cell.column = c;
      header_cell.row_span =
          std::min(static_cast<size_t>(std::max(cell.row_span, 1)), header_rows_ - r);
      header_cell.col_span =
          std::min(static_cast<size_t>(std::max(cell.col_span, 1)), widths_.size() - c);
      header_cell.lines = set_cell(row, c, cell);
      for (const LineBox& line : header_cell.lines) header_cell.content += line.height;
      if (header_cell.row_span == 1) {
        heights[r] = std::max(heights[r], header_cell.content + 2 * kPaddingY);
      }
      cells.push_back(std::move(header_cell));
    }
  }
  for (HeaderCell& cell : cells) {
    if (cell.row_span != 1) continue;
    cell.lines = set_within_row(table_.rows[cell.row], cell.column, std::move(cell.lines),
                                heights[cell.row] - 2 * kPaddingY);
    cell.content = content_height(cell.lines);
  }
  // A spanning cell taller than its rows makes its last row taller.
  for (const HeaderCell& cell : cells) {
    if (cell.row_span == 1) continue;
    double have = 0;
    for (size_t r = cell.row; r < cell.row + cell.row_span; ++r) have += heights[r];
    const double need = cell.content + 2 * kPaddingY;
    if (need > have) heights[cell.row + cell.row_span - 1] += need - have;
  }
  std::vector<double> row_top(header_rows_ + 1, 0);
  for (size_t r = 0; r < header_rows_; ++r) row_top[r + 1] = row_top[r] + heights[r];

  Fragment fragment;
  fragment.height = row_top[header_rows_];
  auto rule = [&](double x1, double y1, double x2, double y2) {
    add_border(fragment, x1, y1, x2, y2);
  };
  rule(table_x_, 0, table_x_ + table_width_, 0);
  rule(table_x_, 0, table_x_, -fragment.height);
  for (const HeaderCell& cell : cells) {
    const double x = column_x_[cell.column];
    const double width = span_width(cell.column, cell.col_span);
    const double top = row_top[cell.row];
    const double bottom = row_top[cell.row + cell.row_span];
    double y = top + std::max((bottom - top - cell.content) / 2, kPaddingY);
    for (const LineBox& line : cell.lines) {
      fragment.add_line(line, x + kPaddingX, y);
      y += line.height;
    }
    rule(x + width, -top, x + width, -bottom);
    rule(x, -bottom, x + width, -bottom);
  }
  return fragment;
}

void TableLayouter::open_cells(const doc::TableRow& row) {
  row_min_height_ = min_row_height_;
  if (row.kind == RowKind::kBody) {
    row_min_height_ = std::max(row_min_height_, mm(table_.min_row_height_mm));
  }
  const size_t first_opened = open_.size();
  for (size_t c = 0; c < widths_.size() && c < row.cells.size(); ++c) {
    const doc::TableCell& cell = row.cells[c];
    if (cell.covered) continue;
    OpenCell open;
    open.column = c;
    open.span = std::min(static_cast<size_t>(std::max(cell.col_span, 1)), widths_.size() - c);
    // The markup parser keeps a row span inside the rows it was written
    // with (doc/markup.h), so it never runs past the table's last row.
    open.rows_left = static_cast<size_t>(std::max(cell.row_span, 1));
    open.lines = set_cell(row, c, cell);
    open_.push_back(std::move(open));
  }
  // The cells this row opens (those of row spans opened above are already
  // set), each within the height of the tallest that ends in it.
  double tallest = 0;
  for (size_t i = first_opened; i < open_.size(); ++i) {
    if (open_[i].rows_left == 1) tallest = std::max(tallest, content_height(open_[i].lines));
  }
  for (size_t i = first_opened; i < open_.size(); ++i) {
    if (open_[i].rows_left != 1) continue;
    open_[i].lines = set_within_row(row, open_[i].column, std::move(open_[i].lines), tallest);
  }
  std::sort(open_.begin(), open_.end(),
            [](const OpenCell& a, const OpenCell& b) { return a.column < b.column; });
}

// Height the current row needs to finish every cell that ends in it.
double TableLayouter::row_need() const {
  double need = row_min_height_;
  for (const OpenCell& cell : open_) {
    if (cell.ends_in_this_row()) {
      need = std::max(need, cell.next_top() + cell.remaining_height() + kPaddingY);
    }
  }
  return need;
}

bool TableLayouter::row_is_short() const {
  const bool few_lines = std::all_of(open_.begin(), open_.end(), [](const OpenCell& cell) {
    return !cell.ends_in_this_row() || cell.remaining() <= kShortRowLines;
  });
  return few_lines || within_whole_row_share(row_need());
}

std::vector<size_t> TableLayouter::counts_fitting(double limit) const {
  std::vector<size_t> counts;
  for (const OpenCell& cell : open_) counts.push_back(cell.lines_fitting(limit));
  return counts;
}

Fragment TableLayouter::draw(const std::vector<size_t>& counts, double height,
                             bool row_ends) const {
  Fragment fragment;
  fragment.height = height;
  auto rule = [&](double x1, double y1, double x2, double y2) {
    add_border(fragment, x1, y1, x2, y2);
  };
  // Without header rows above it, the first part on a page closes the top.
  if (!header_on_page_ && rows_on_page_ == 0) rule(table_x_, 0, table_x_ + table_width_, 0);
  rule(table_x_, 0, table_x_, -height);
  for (size_t i = 0; i < open_.size(); ++i) {
    const OpenCell& cell = open_[i];
    const double x = column_x_[cell.column];
    const double width = span_width(cell.column, cell.span);
    double y = cell.next_top();
    for (size_t k = cell.next; k < cell.next + counts[i]; ++k) {
      fragment.add_line(cell.lines[k], x + kPaddingX, y);
      y += cell.lines[k].height;
    }
    rule(x + width, 0, x + width, -height);
    if (row_ends && cell.ends_in_this_row()) rule(x, -height, x + width, -height);
  }
  return fragment;
}

// At a page break inside the table: the bottom border of the part on this
// page (cells still open have no bottom border of their own yet).
void TableLayouter::close_page_part() {
  if (!grid_on_page_) return;
  Fragment closing;
  add_border(closing, table_x_, 0, table_x_ + table_width_, 0);
  paginator_.place(closing);
}

void TableLayouter::break_page() {
  close_page_part();
  paginator_.new_page();
  rows_on_page_ = 0;
  grid_on_page_ = false;
  header_on_page_ = false;
  if (has_header_) {
    paginator_.place(header_);
    grid_on_page_ = header_on_page_ = true;
  }
  for (OpenCell& cell : open_) {
    cell.offset = kPaddingY;
    cell.covered = 0;
  }
}

// Whether `row` must share a page with the row after it.  A table is cut
// between any two rows, as a Word table is, except where the cut would leave
// a row that means nothing alone:
//  - the first row of the body alone under the header at the foot of a page
//    (the table seems to start and stop at once);
//  - a group's title row (a subtotal above its rows, `dong-cong=tren`: "II.
//    Đào tạo, tập huấn") at the foot of a page, its rows on the next;
//  - a subtotal below its rows or a total at the head of a page with none of
//    the rows it adds up;
//  - the last row alone on a page of its own.
bool TableLayouter::keeps_with_next(const doc::TableRow& row, const doc::TableRow& next,
                                    bool first_body, bool next_is_last) const {
  if (first_body) return true;
  if (row.kind == RowKind::kSubtotal && table_.subtotals_above) return true;
  if (next.kind == RowKind::kTotal) return true;
  if (next.kind == RowKind::kSubtotal && !table_.subtotals_above) return true;
  return next_is_last;
}

// The heights of a row set on its own: whole, and the part of it that a
// split leaves on the first page at the least.  Cells of a row span are
// left out: they are shared with rows already placed or yet to come.
TableLayouter::RowHeights TableLayouter::measure_row(const doc::TableRow& row) const {
  double least = min_row_height_;
  if (row.kind == RowKind::kBody) least = std::max(least, mm(table_.min_row_height_mm));
  RowHeights heights{least, least, 0};
  for (size_t c = 0; c < widths_.size() && c < row.cells.size(); ++c) {
    const doc::TableCell& cell = row.cells[c];
    if (cell.covered || cell.row_span > 1) continue;
    const std::vector<LineBox> lines = set_cell(row, c, cell);
    double whole = 2 * kPaddingY;
    double head = 2 * kPaddingY;
    for (size_t k = 0; k < lines.size(); ++k) {
      whole += lines[k].height;
      if (k < kMinLinesAtBreak) head += lines[k].height;
    }
    heights.whole = std::max(heights.whole, whole);
    heights.head = std::max(heights.head, head);
    heights.most_lines = std::max(heights.most_lines, lines.size());
  }
  return heights;
}

// The height a row will take, when it is short enough to be kept with
// another (every cell at most kShortRowLines lines); none for a tall row,
// which may split anyway.
std::optional<double> TableLayouter::settled_height(const doc::TableRow& row) const {
  const RowHeights heights = measure_row(row);
  if (heights.most_lines > kShortRowLines) return std::nullopt;
  return heights.whole;
}

// Height of the rows after `row` that must go on its page with it (0 when
// none must, or when they are too tall to be worth keeping); they are held
// in `ahead` from index `next` on.  (std::deque keeps references to its
// rows valid while more are read, so `row` may itself be held there.)
double TableLayouter::kept_height(const doc::TableRow& row, RowsAhead& ahead, size_t next,
                                  bool first_body) const {
  double height = 0;
  const doc::TableRow* current = &row;
  for (size_t i = next; i < next + kMostKeptRows && ahead.has(i + 1); ++i) {
    const doc::TableRow& following = ahead[i];
    const bool following_is_last = !ahead.has(i + 2);
    // Kept for what the rows are, or only because the next is the last.
    const bool kept_for_the_rows =
        keeps_with_next(*current, following, first_body && i == next, false);
    if (!kept_for_the_rows && !following_is_last) break;
    const RowHeights following_height = measure_row(following);
    if (following_height.most_lines > kShortRowLines) {
      // A taller row ends the chain.  A tall last row is no lone line on a
      // page of its own: the rows before it need not follow it.  Otherwise
      // what of it must go on this page is known all the same: the whole
      // row when place_row() moves it whole (row_is_short), else the lines a
      // split leaves at the foot of the page at the least.  Counting
      // nothing, as for a row too tall to keep, would leave a group's title
      // ("A. Vốn ngân sách nhà nước") alone at the foot of a page whenever
      // its first project's name runs to four lines.
      if (kept_for_the_rows) {
        height += within_whole_row_share(following_height.whole) ? following_height.whole
                                                                 : following_height.head;
      }
      break;
    }
    height += following_height.whole;
    // The last row takes the document's closing with it.
    if (following_is_last) height += closing_after_;
    current = &following;
  }
  return height;
}

void TableLayouter::place_row(const doc::TableRow& row, bool last_row, double kept_after) {
  open_cells(row);
  if (row.kind != RowKind::kHeader) ++rows_placed_;
  // Rows that must go with this one (keeps_with_next): when they do not fit
  // under it here but would on a fresh page, the group starts the next page.
  if (kept_after > 0 && row_is_short()) {
    const bool can_move = rows_on_page_ > 0 || (!grid_on_page_ && paginator_.page_has_content());
    Fragment group;
    group.height = row_need() + kept_after;
    if (first_part_) group.space_before = kTableSpace;
    const double header_height = has_header_ ? header_.height : 0;
    if (can_move && !paginator_.fits(group) &&
        group.height + header_height <= paginator_.body_height() + kEpsilon) {
      break_page();
    }
  }
  for (;;) {
    const double need = row_need();
    Fragment whole = draw(counts_fitting(need), need, true);
    if (first_part_) whole.space_before = kTableSpace;
    if (last_row) whole.space_after = kTableSpace;
    // Moving on to a new page helps only if this page already holds rows of
    // the table (or other text before a table with no header): a page with
    // nothing but the repeated header is as good as the next one.
    const bool can_move = rows_on_page_ > 0 || (!grid_on_page_ && paginator_.page_has_content());
    // Every line left fits nowhere better: on a page with nothing else of
    // the table the rest of the row goes here even if it runs over the foot
    // (only absurd set-ups get here: a line taller than the page).
    const bool nothing_to_split = std::none_of(
        open_.begin(), open_.end(), [&](const OpenCell& cell) { return cell.remaining() > 0; });
    if (paginator_.fits(whole) || (!can_move && nothing_to_split)) {
      paginator_.place(whole);
      const std::vector<size_t> counts = counts_fitting(need);
      for (size_t i = 0; i < open_.size(); ++i) {
        OpenCell& cell = open_[i];
        for (size_t k = 0; k < counts[i]; ++k) cell.offset += cell.lines[cell.next + k].height;
        cell.next += counts[i];
        cell.covered += need;
      }
      std::erase_if(open_, [](const OpenCell& cell) { return cell.ends_in_this_row(); });
      for (OpenCell& cell : open_) --cell.rows_left;
      ++rows_on_page_;
      grid_on_page_ = true;
      first_part_ = false;
      return;
    }
    const double header_height = has_header_ ? header_.height : 0;
    const bool fits_a_page = need + header_height <= paginator_.body_height() + kEpsilon;
    if (can_move && fits_a_page && row_is_short()) {
      break_page();
      continue;
    }

    // Split the row: what fits goes on this page, the rest continues under
    // the repeated header on the next.
    std::vector<int> footnotes;
    for (const OpenCell& cell : open_) {
      for (size_t k = cell.next; k < cell.lines.size(); ++k) {
        footnotes.insert(footnotes.end(), cell.lines[k].footnotes.begin(),
                         cell.lines[k].footnotes.end());
      }
    }
    Fragment probe;  // the gap the part would get above it
    if (first_part_) probe.space_before = kTableSpace;
    const double limit =
        paginator_.room() - paginator_.gap_before(probe) - paginator_.footnote_cost(footnotes);
    const std::vector<size_t> fitting = counts_fitting(limit);
    std::vector<size_t> counts = fitting;
    // A part is worth drawing only if it starts a cell that goes on to the
    // next page.  Where every such cell would keep all its lines for the next
    // page (widow and orphan control), a part holding only the row's short
    // cells ("5.2" and "Hoàn thành" at the foot of the page, the task's name
    // and results over the page) says nothing: the row moves whole instead.
    bool drawn = false;
    for (size_t i = 0; i < open_.size(); ++i) {
      const size_t remaining = open_[i].remaining();
      if (counts[i] < remaining) {
        // Widow and orphan control inside the cell.
        counts[i] =
            remaining >= kMinLinesAtBreak ? std::min(counts[i], remaining - kMinLinesAtBreak) : 0;
        if (counts[i] < kMinLinesAtBreak) counts[i] = 0;
        drawn = drawn || counts[i] > 0;
      }
    }
    if (!drawn) {
      if (can_move) {
        break_page();
        continue;
      }
      // Nothing better is possible: split where the page ends.
      counts = fitting;
      drawn = std::any_of(counts.begin(), counts.end(), [](size_t n) { return n > 0; });
      if (!drawn) {
        // Not even one line fits on a page that holds nothing else of the
        // table (absurd margins): set one line of each cell anyway, so the
        // row always moves on.
        for (size_t i = 0; i < open_.size(); ++i) counts[i] = open_[i].remaining() > 0 ? 1 : 0;
      }
    }
    double height = 0;
    for (size_t i = 0; i < open_.size(); ++i) {
      const OpenCell& cell = open_[i];
      double bottom = cell.next_top();
      for (size_t k = cell.next; k < cell.next + counts[i]; ++k) bottom += cell.lines[k].height;
      height = std::max(height, bottom + kPaddingY);
    }
    Fragment part = draw(counts, height, false);
    if (first_part_) part.space_before = kTableSpace;
    paginator_.place(part);
    for (size_t i = 0; i < open_.size(); ++i) {
      OpenCell& cell = open_[i];
      cell.next += counts[i];
    }
    ++rows_on_page_;
    grid_on_page_ = true;
    first_part_ = false;
    break_page();
  }
}

// The height of a small table's body rows (see kSmallTableRows), or 0 for
// a larger one, a streamed one (its rows are not all known before they are
// placed) or one with a row too tall to keep.
double TableLayouter::small_table_height() const {
  if (table_.row_source || !table_.rows_after.empty()) return 0;
  if (table_.rows.size() > header_rows_ + kSmallTableRows) return 0;
  double height = 0;
  for (size_t r = header_rows_; r < table_.rows.size(); ++r) {
    const std::optional<double> row = settled_height(table_.rows[r]);
    if (!row) return 0;
    height += *row;
  }
  return height;
}

void TableLayouter::run(bool keep_with_previous) {
  if (table_.columns.empty()) return;
  line_height_ = natural_line_height(context_.fonts, kTableSize);
  min_row_height_ = line_height_ + 2 * kPaddingY;
  measure_columns();
  while (header_rows_ < table_.rows.size() && table_.rows[header_rows_].kind == RowKind::kHeader) {
    ++header_rows_;
  }
  // The first thing of the table placed gets the space above the table.
  first_part_ = table_.caption.empty() && header_rows_ == 0;
  bool keep = keep_with_previous;
  if (!table_.caption.empty()) {
    flow_.add(caption_fragment(), keep);
    keep = true;
  }
  if (header_rows_ > 0) {
    header_ = header_fragment();
    if (header_.height > paginator_.body_height() / 2) {
      // A header taller than half a page cannot head every page (it would
      // leave no room for rows) and may not even fit on one: its rows are
      // placed once, as ordinary rows that can split.
      header_rows_ = 0;
      header_ = Fragment();
      first_part_ = table_.caption.empty();
    }
  }
  // The rows are read once, in order, as they are placed (a streamed table
  // produces them now); the header rows were taken from the held rows.
  doc::TableRowCursor cursor(table_);
  for (size_t r = 0; r < header_rows_; ++r) cursor.next();
  RowsAhead ahead(cursor);
  const bool has_rows = ahead.has(1);
  if (header_rows_ > 0) {
    has_header_ = true;
    Fragment first = header_;
    if (table_.caption.empty()) first.space_before = kTableSpace;
    if (!has_rows) first.space_after = kTableSpace;
    flow_.add(std::move(first), keep);
  }
  // What the flow holds (a heading, the caption, the header) goes on a page
  // only with room for the start of the first row under it, or for the
  // first rows whole when they must stay together (keeps_with_next) and can.
  double first_row_room = 0;
  if (has_rows) {
    open_cells(ahead[0]);
    first_row_room = std::min(row_need(), min_row_height_ + line_height_);
    if (row_is_short()) {
      const double together = row_need() + kept_height(ahead[0], ahead, 1, true);
      const double header_height = has_header_ ? header_.height : 0;
      if (together + header_height <= paginator_.body_height() + kEpsilon) {
        first_row_room = std::max(first_row_room, together);
      }
    }
    open_.clear();
    const double whole = small_table_height();
    const double header_height = has_header_ ? header_.height : 0;
    if (whole > 0 && whole + header_height <= kSmallTableShare * paginator_.body_height()) {
      // With the document's closing after it, the table and the closing go
      // together when they fit a page: its last rows would follow the
      // closing anyway, splitting it.
      const bool with_closing =
          whole + closing_after_ + header_height <= paginator_.body_height() + kEpsilon;
      first_row_room = std::max(first_row_room, whole + (with_closing ? closing_after_ : 0));
    }
  }
  flow_.flush(first_row_room);
  grid_on_page_ = header_on_page_ = header_rows_ > 0;
  while (ahead.has(1)) {
    const doc::TableRow row = ahead.take();
    const bool last = !ahead.has(1);
    // The last row goes where the closing lines and the signature go: a
    // signature on a page without a row of its list would sign a loose leaf.
    const double kept = last ? closing_after_ : kept_height(row, ahead, 0, rows_placed_ == 0);
    place_row(row, last, kept);
  }
}

}  // namespace

void lay_out_table(const LayoutContext& context, Paginator& paginator, Flow& flow,
                   const doc::Table& table, bool keep_with_previous, double closing_after) {
  TableLayouter(context, paginator, flow, table, closing_after).run(keep_with_previous);
}

}  // namespace ocopdoc::layout::detail
