// Box-drawn tables for the text writer.
//
// Layout: every column gets a width from its content; when the table is too
// wide the columns shrink towards the width of their longest word (so words
// are not cut while there is room), then further if needed, and cell text
// wraps.  Merged cells are drawn as one box: no inner │ across a column span,
// no rule through a row span (the spanned cell's text continues there).

#include "doc/text_table.h"

#include <algorithm>
#include <numeric>

#include "doc/table_rows.h"
#include "doc/text_layout.h"

namespace ocopdoc::doc::text_layout {

namespace {

// Longest word that still decides a column's minimum width; a longer word
// (a URL, a code) is cut rather than widening the table.
constexpr size_t kLongestUnbrokenWord = 15;

// Which origin draws each grid position.  The tree from the parser is always
// consistent; a hand-built tree with an impossible span falls back to
// unmerged cells instead of drawing garbage.
class Grid {
 public:
  explicit Grid(const Table& table)
      : table_(table), rows_(table.rows.size()), columns_(table.columns.size()) {
    owner_.resize(rows_ * columns_);
    std::iota(owner_.begin(), owner_.end(), size_t{0});
    row_span_.assign(rows_ * columns_, 1);
    col_span_.assign(rows_ * columns_, 1);
    std::vector<bool> claimed(rows_ * columns_, false);
    for (size_t r = 0; r < rows_; ++r) {
      for (size_t c = 0; c < columns_; ++c) {
        const TableCell* cell = cell_at(r, c);
        if (cell == nullptr || cell->covered) continue;
        const size_t row_span =
            std::clamp<size_t>(static_cast<size_t>(std::max(cell->row_span, 1)), 1, rows_ - r);
        const size_t col_span =
            std::clamp<size_t>(static_cast<size_t>(std::max(cell->col_span, 1)), 1, columns_ - c);
        if (row_span * col_span == 1 || !can_claim(r, c, row_span, col_span, claimed)) continue;
        for (size_t rr = r; rr < r + row_span; ++rr) {
          for (size_t cc = c; cc < c + col_span; ++cc) {
            owner_[rr * columns_ + cc] = r * columns_ + c;
            claimed[rr * columns_ + cc] = true;
          }
        }
        row_span_[r * columns_ + c] = row_span;
        col_span_[r * columns_ + c] = col_span;
      }
    }
  }

  size_t rows() const { return rows_; }
  size_t columns() const { return columns_; }
  size_t owner(size_t r, size_t c) const { return owner_[r * columns_ + c]; }
  size_t row_of(size_t index) const { return index / columns_; }
  size_t column_of(size_t index) const { return index % columns_; }
  size_t row_span(size_t index) const { return row_span_[index]; }
  size_t col_span(size_t index) const { return col_span_[index]; }
  bool is_origin(size_t index) const { return owner_[index] == index; }

  // The cell an origin draws (null for a covered cell nobody claimed).
  const TableCell* cell(size_t index) const {
    const TableCell* found = cell_at(row_of(index), column_of(index));
    return (found == nullptr || found->covered) ? nullptr : found;
  }

 private:
  const TableCell* cell_at(size_t r, size_t c) const {
    const auto& cells = table_.rows[r].cells;
    return c < cells.size() ? &cells[c] : nullptr;
  }

  bool can_claim(size_t r, size_t c, size_t row_span, size_t col_span,
                 const std::vector<bool>& claimed) const {
    for (size_t rr = r; rr < r + row_span; ++rr) {
      for (size_t cc = c; cc < c + col_span; ++cc) {
        if (rr == r && cc == c) continue;
        const TableCell* cell = cell_at(rr, cc);
        if (cell == nullptr || !cell->covered || claimed[rr * columns_ + cc]) return false;
      }
    }
    return true;
  }

  const Table& table_;
  size_t rows_;
  size_t columns_;
  std::vector<size_t> owner_;
  std::vector<size_t> row_span_;
  std::vector<size_t> col_span_;
};

size_t longest_word(std::string_view line) {
  size_t longest = 0;
  size_t pos = 0;
  while (pos < line.size()) {
    const size_t end = std::min(line.find(' ', pos), line.size());
    longest = std::max(longest, display_width(line.substr(pos, end - pos)));
    pos = end + 1;
  }
  return longest;
}

// Widens columns [first, first + span) evenly until together (with the
// " │ " separators between them) they hold `required` columns.
void widen(std::vector<size_t>& widths, size_t first, size_t span, size_t required) {
  size_t have = 3 * (span - 1);
  for (size_t c = first; c < first + span; ++c) have += widths[c];
  if (required <= have) return;
  const size_t extra = required - have;
  for (size_t i = 0; i < span; ++i) widths[first + i] += extra / span + (i < extra % span ? 1 : 0);
}

// base[i] plus a share of `extra` proportional to weights[i]; rounding
// leftovers go to the largest remainders (leftmost first), so the result
// sums exactly and is deterministic.
std::vector<size_t> share(const std::vector<size_t>& base, const std::vector<size_t>& weights,
                          size_t extra) {
  std::vector<size_t> result = base;
  const size_t total = std::accumulate(weights.begin(), weights.end(), size_t{0});
  if (total == 0) return result;
  std::vector<size_t> remainders(base.size());
  size_t given = 0;
  for (size_t i = 0; i < base.size(); ++i) {
    const size_t portion = extra * weights[i];
    result[i] += portion / total;
    remainders[i] = portion % total;
    given += portion / total;
  }
  std::vector<size_t> order(base.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (size_t i = 0; i < extra - given && i < order.size(); ++i) ++result[order[i]];
  return result;
}

std::string_view junction(bool up, bool down, bool left, bool right, bool double_rule) {
  static constexpr std::string_view kSingle[16] = {" ", "─", "─", "─", "│", "┌", "┐", "┬",
                                                   "│", "└", "┘", "┴", "│", "├", "┤", "┼"};
  static constexpr std::string_view kDouble[16] = {" ", "═", "═", "═", "│", "╒", "╕", "╤",
                                                   "│", "╘", "╛", "╧", "│", "╞", "╡", "╪"};
  const int key = (up ? 8 : 0) | (down ? 4 : 0) | (left ? 2 : 0) | (right ? 1 : 0);
  return (double_rule ? kDouble : kSingle)[key];
}

class TableDrawer {
 public:
  TableDrawer(const Table& table, size_t width) : table_(table), grid_(table), width_(width) {
    while (header_rows_ < grid_.rows() &&
           table.rows[header_rows_].kind == TableRow::Kind::kHeader) {
      ++header_rows_;
    }
  }

  std::vector<std::string> draw() {
    compute_column_widths();
    wrap_cells();
    compute_row_heights();
    std::vector<std::string> lines;
    for (size_t r = 0; r <= grid_.rows(); ++r) {
      lines.push_back(rule_line(r));
      if (r == grid_.rows()) break;
      for (size_t i = 0; i < heights_[r]; ++i) lines.push_back(content_line(r, i));
    }
    return lines;
  }

 private:
  // Natural width: the longest line of each single-column cell; minimum: its
  // longest word.  Merged cells then widen the columns they cover.
  void compute_column_widths() {
    const size_t columns = grid_.columns();
    std::vector<size_t> natural(columns, 1);
    std::vector<size_t> minimum(columns, 1);
    std::vector<size_t> merged;
    for (size_t index = 0; index < grid_.rows() * columns; ++index) {
      if (!grid_.is_origin(index)) continue;
      if (grid_.col_span(index) > 1) {
        merged.push_back(index);
        continue;
      }
      const size_t c = grid_.column_of(index);
      for (const std::string& line : logical_lines(index)) {
        natural[c] = std::max(natural[c], display_width(line));
        minimum[c] = std::max(minimum[c], std::min(longest_word(line), kLongestUnbrokenWord));
      }
    }
    std::stable_sort(merged.begin(), merged.end(),
                     [&](size_t a, size_t b) { return grid_.col_span(a) < grid_.col_span(b); });
    for (size_t index : merged) {
      size_t line_width = 0;
      size_t word_width = 0;
      for (const std::string& line : logical_lines(index)) {
        line_width = std::max(line_width, display_width(line));
        word_width = std::max(word_width, std::min(longest_word(line), kLongestUnbrokenWord));
      }
      widen(natural, grid_.column_of(index), grid_.col_span(index), line_width);
      widen(minimum, grid_.column_of(index), grid_.col_span(index), word_width);
    }
    for (size_t c = 0; c < columns; ++c) minimum[c] = std::min(minimum[c], natural[c]);

    // "│ " + cells joined by " │ " + " │".
    const size_t frame = 3 * columns + 1;
    const size_t available = std::max(width_ > frame ? width_ - frame : 0, columns);
    const size_t natural_total = std::accumulate(natural.begin(), natural.end(), size_t{0});
    const size_t minimum_total = std::accumulate(minimum.begin(), minimum.end(), size_t{0});
    if (natural_total <= available) {
      widths_ = natural;
    } else if (minimum_total <= available) {
      std::vector<size_t> room(columns);
      for (size_t c = 0; c < columns; ++c) room[c] = natural[c] - minimum[c];
      widths_ = share(minimum, room, available - minimum_total);
    } else {
      std::vector<size_t> ones(columns, 1);
      std::vector<size_t> weights(columns);
      for (size_t c = 0; c < columns; ++c) weights[c] = minimum[c] - 1;
      widths_ = share(ones, weights, available - columns);
    }
  }

  std::vector<std::string> logical_lines(size_t index) const {
    const TableCell* cell = grid_.cell(index);
    return cell == nullptr ? std::vector<std::string>{""} : inline_lines(cell->text);
  }

  size_t cell_width(size_t index) const {
    const size_t first = grid_.column_of(index);
    size_t width = 3 * (grid_.col_span(index) - 1);
    for (size_t c = first; c < first + grid_.col_span(index); ++c) width += widths_[c];
    return width;
  }

  void wrap_cells() {
    cell_lines_.assign(grid_.rows() * grid_.columns(), {});
    for (size_t index = 0; index < cell_lines_.size(); ++index) {
      if (!grid_.is_origin(index)) continue;
      for (const std::string& line : logical_lines(index)) {
        for (std::string& piece : wrap(line, cell_width(index)))
          cell_lines_[index].push_back(std::move(piece));
      }
    }
  }

  // A row is as tall as its tallest unmerged cell; a row-spanned cell also
  // uses the rule lines inside it, and only if that is not enough does its
  // last row grow.
  void compute_row_heights() {
    const size_t rows = grid_.rows();
    heights_.assign(rows, 1);
    for (size_t index = 0; index < cell_lines_.size(); ++index) {
      if (grid_.is_origin(index) && grid_.row_span(index) == 1) {
        heights_[grid_.row_of(index)] =
            std::max(heights_[grid_.row_of(index)], cell_lines_[index].size());
      }
    }
    for (size_t index = 0; index < cell_lines_.size(); ++index) {
      if (!grid_.is_origin(index) || grid_.row_span(index) == 1) continue;
      const size_t first = grid_.row_of(index);
      const size_t last = first + grid_.row_span(index) - 1;
      size_t room = grid_.row_span(index) - 1;
      for (size_t r = first; r <= last; ++r) room += heights_[r];
      if (cell_lines_[index].size() > room) heights_[last] += cell_lines_[index].size() - room;
    }
    line_offsets_.assign(rows + 1, 0);
    for (size_t r = 0; r < rows; ++r) line_offsets_[r + 1] = line_offsets_[r] + heights_[r] + 1;
  }

  // Line `i` of the cell drawn by `index`, counted from the cell's first row,
  // placed in the cell's width.
  std::string cell_text(size_t index, size_t i) const {
    const std::vector<std::string>& lines = cell_lines_[index];
    const std::string_view text =
        i < lines.size() ? std::string_view(lines[i]) : std::string_view();
    const size_t r = grid_.row_of(index);
    Align align = table_.columns[grid_.column_of(index)].align;
    // A label merged across columns takes the first column's alignment,
    // which is "right" when that column holds numbers (STT); a label such as
    // "Cộng" spanning STT and Nội dung reads better from the left.
    const TableCell* cell = grid_.cell(index);
    if (align == Align::kRight && grid_.col_span(index) > 1 && (cell == nullptr || !cell->number)) {
      align = Align::kLeft;
    }
    if (table_.rows[r].kind == TableRow::Kind::kHeader) align = Align::kCenter;
    return " " + place(text, cell_width(index), align) + " ";
  }

  // The rule above row r (r == rows(): the bottom border).  Where a
  // row-spanned cell continues through it, its text is drawn instead.
  std::string rule_line(size_t r) const {
    const size_t rows = grid_.rows();
    const size_t columns = grid_.columns();
    const bool double_rule = r == header_rows_ && header_rows_ > 0 && r < rows;
    const auto vertical = [&](size_t row, size_t b) {
      return b == 0 || b == columns || grid_.owner(row, b - 1) != grid_.owner(row, b);
    };
    const auto drawn = [&](size_t c) {
      return r == 0 || r == rows || grid_.owner(r - 1, c) != grid_.owner(r, c);
    };
    const auto corner = [&](size_t b) {
      return junction(r > 0 && vertical(r - 1, b), r < rows && vertical(r, b),
                      b > 0 && drawn(b - 1), b < columns && drawn(b), double_rule);
    };
    std::string line(corner(0));
    size_t c = 0;
    while (c < columns) {
      if (drawn(c)) {
        line += repeat(double_rule ? "═" : "─", widths_[c] + 2);
        ++c;
      } else {
        const size_t index = grid_.owner(r, c);
        line += cell_text(index, line_offsets_[r] - line_offsets_[grid_.row_of(index)] - 1);
        c += grid_.col_span(index);
      }
      line += corner(c);
    }
    return line;
  }

  std::string content_line(size_t r, size_t i) const {
    std::string line = "│";
    size_t c = 0;
    while (c < grid_.columns()) {
      const size_t index = grid_.owner(r, c);
      line += cell_text(index, line_offsets_[r] - line_offsets_[grid_.row_of(index)] + i);
      line += "│";
      c += grid_.col_span(index);
    }
    return line;
  }

  const Table& table_;
  Grid grid_;
  size_t width_;
  size_t header_rows_ = 0;
  std::vector<size_t> widths_;
  std::vector<std::vector<std::string>> cell_lines_;
  std::vector<size_t> heights_;
  std::vector<size_t> line_offsets_;  // first line of each row, counting the rule above it
};

}  // namespace

std::vector<std::string> render_table(const Table& held_or_streamed, size_t width) {
  // The text writer sizes columns from every row before drawing any, so a
  // streamed table is read whole here (text output is for checking and
  // previews, not for 100,000-row tables).
  Table whole;
  const bool streamed = held_or_streamed.row_source || !held_or_streamed.rows_after.empty();
  if (streamed) {
    whole = held_or_streamed;
    whole.rows = all_rows(held_or_streamed);
    whole.row_source.reset();
    whole.rows_after.clear();
  }
  const Table& table = streamed ? whole : held_or_streamed;
  std::vector<std::string> grid;
  if (!table.rows.empty() && !table.columns.empty()) grid = TableDrawer(table, width).draw();
  std::vector<std::string> lines;
  if (!table.caption.empty()) {
    // Centred over the table (which starts at the left margin), or over the
    // page when the caption is the wider of the two.
    const size_t table_width = grid.empty() ? 0 : display_width(grid.front());
    const size_t box = std::max(table_width, std::min(display_width(table.caption), width));
    for (const std::string& line : wrap(table.caption, box)) lines.push_back(centre(line, box));
  }
  for (std::string& line : grid) lines.push_back(std::move(line));
  return lines;
}

}  // namespace ocopdoc::doc::text_layout
