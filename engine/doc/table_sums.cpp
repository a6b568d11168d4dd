// What subtotal and total rows add up (doc/table_sums.h).

#include "doc/table_sums.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "doc/markup.h"
#include "doc/table_rows.h"
#include "text/text.h"

namespace ocopdoc::doc {

namespace {

using Kind = TableRow::Kind;

// Digits after the decimal comma of a number as written ("12,50" -> 2).
int written_decimals(std::string_view text) {
  const size_t comma = text.find(',');
  return comma == std::string_view::npos ? 0 : static_cast<int>(text.size() - comma - 1);
}

std::string quote_cell(const std::string& text) {
  const std::string cut = text::first_code_points(text, 40);
  return "“" + cut + (cut.size() < text.size() ? "…”" : "”");
}

}  // namespace

const RowSums* TableSums::find(size_t row) const {
  auto found = std::lower_bound(rows_.begin(), rows_.end(), row,
                                [](const auto& entry, size_t r) { return entry.first < r; });
  return found != rows_.end() && found->first == row ? &found->second : nullptr;
}

int TableSums::outline_level(size_t row) const {
  auto after = std::upper_bound(outline_.begin(), outline_.end(), row,
                                [](size_t r, const auto& entry) { return r < entry.first; });
  return after == outline_.begin() ? 0 : std::prev(after)->second;
}

TableSumsBuilder::TableSumsBuilder(const Table& table)
    : columns_(table.columns),
      subtotals_above_(table.subtotals_above),
      running_(table.columns.size(), 0.0) {
  for (const TableColumn& column : table.columns) {
    summed_.push_back(column.summed);
    has_rates_ = has_rates_ || column.rate.has_value();
  }
}

void TableSumsBuilder::check_rates(const TableRow& row, const RowSums* sums) const {
  for (size_t c = 0; c < columns_.size() && c < row.cells.size(); ++c) {
    if (columns_[c].rate) check_rate(row, c, *columns_[c].rate, row_rate(columns_, row, c, sums));
  }
}

void TableSumsBuilder::add(const TableRow& row) {
  const size_t index = count_++;
  if (in_header_ && row.kind == Kind::kHeader) {
    body_start_ = count_;
    return;
  }
  in_header_ = false;
  if (row.kind == Kind::kBody) {
    // Subtotal and total cells never count, as in SUBTOTAL.
    for (size_t c = 0; c < summed_.size() && c < row.cells.size(); ++c) {
      const TableCell& cell = row.cells[c];
      if (summed_[c] && !cell.covered && cell.number) running_[c] += *cell.number;
    }
    if (has_rates_) check_rates(row, nullptr);
    return;
  }
  if (row.kind != Kind::kSubtotal && row.kind != Kind::kTotal) return;
  Mark mark;
  mark.row = index;
  mark.kind = row.kind;
  mark.level = row.kind == Kind::kSubtotal ? row.level : 0;
  mark.line = row.line;
  mark.running_before = running_;
  for (size_t c = 0; c < summed_.size() && c < row.cells.size(); ++c) {
    const TableCell& cell = row.cells[c];
    if (!summed_[c] || cell.covered || cell.text.empty()) continue;
    mark.written.push_back({c, plain_text(cell.text), cell.number});
  }
  marks_.push_back(std::move(mark));
  if (has_rates_) mark_rows_.push_back(row);
}

// The running sums before the mark `index`, or at the end of the table when
// `index` is marks_.size().
const std::vector<double>& TableSumsBuilder::running_at(size_t index) const {
  return index < marks_.size() ? marks_[index].running_before : running_;
}

TableSums TableSumsBuilder::finish() const {
  TableSums sums;
  const size_t marks = marks_.size();
  // For each mark: its ranges, and the marks (or ends) whose running sums
  // bound them: sum = running[to] - running[from].
  struct Found {
    std::vector<RowRange> ranges;
    size_t from = 0, to = 0;  // mark indices; marks_.size() = the end; SIZE_MAX = the start
  };
  constexpr size_t kStart = SIZE_MAX;
  std::vector<Found> found(marks);

  // Subtotals: the nearest mark of level <= N (a total counts as level 0) on
  // the side of the rows they add up, scanning the marks with one boundary
  // per level.
  if (!subtotals_above_) {
    std::array<size_t, kMaxSubtotalLevel + 1> boundary;
    boundary.fill(kStart);
    for (size_t m = 0; m < marks; ++m) {
      const Mark& mark = marks_[m];
      if (mark.kind == Kind::kSubtotal) {
        const size_t from_row =
            boundary[mark.level] == kStart ? body_start_ : marks_[boundary[mark.level]].row + 1;
        if (from_row + 1 <= mark.row) {
          found[m].ranges.push_back({from_row, mark.row - 1});
          found[m].from = boundary[mark.level];
          found[m].to = m;
        }
        for (int l = mark.level; l <= kMaxSubtotalLevel; ++l) boundary[l] = m;
      } else {
        boundary.fill(m);
      }
    }
  } else {
    std::array<size_t, kMaxSubtotalLevel + 1> boundary;
    boundary.fill(marks);
    for (size_t m = marks; m-- > 0;) {
      const Mark& mark = marks_[m];
      if (mark.kind == Kind::kSubtotal) {
        const size_t end_row =
            boundary[mark.level] == marks ? count_ : marks_[boundary[mark.level]].row;
        if (mark.row + 1 < end_row) {
          found[m].ranges.push_back({mark.row + 1, end_row - 1});
          found[m].from = m;
          found[m].to = boundary[mark.level];
        }
        for (int l = mark.level; l <= kMaxSubtotalLevel; ++l) boundary[l] = m;
      } else {
        boundary.fill(m);
      }
    }
  }

  // Totals: the rows above back to the previous total (or the header); a
  // total with nothing above it, the rows below up to the next total (or the
  // end).
  std::vector<size_t> totals;
  for (size_t m = 0; m < marks; ++m) {
    if (marks_[m].kind == Kind::kTotal) totals.push_back(m);
  }
  for (size_t t = 0; t < totals.size(); ++t) {
    const size_t m = totals[t];
    const size_t row = marks_[m].row;
    const size_t previous = t == 0 ? kStart : totals[t - 1];
    const size_t from_row = previous == kStart ? body_start_ : marks_[previous].row + 1;
    if (from_row < row) {
      found[m].ranges.push_back({from_row, row - 1});
      found[m].from = previous;
      found[m].to = m;
      continue;
    }
    const size_t next = t + 1 == totals.size() ? marks : totals[t + 1];
    const size_t to_row = next == marks ? count_ : marks_[next].row;  // exclusive
    if (row + 1 < to_row) {
      found[m].ranges.push_back({row + 1, to_row - 1});
      found[m].from = m;
      found[m].to = next;
    }
  }

  // The running sums before a mark are those after the previous boundary
  // too: subtotal and total rows add nothing to them.
  for (size_t m = 0; m < marks; ++m) {
    if (found[m].ranges.empty()) continue;
    RowSums row_sums;
    row_sums.ranges = found[m].ranges;
    const std::vector<double>& to = running_at(found[m].to);
    row_sums.values.assign(running_.size(), 0.0);
    for (size_t c = 0; c < running_.size(); ++c) {
      const double from = found[m].from == kStart ? 0.0 : running_at(found[m].from)[c];
      if (summed_[c]) row_sums.values[c] = to[c] - from;
    }
    sums.rows_.emplace_back(marks_[m].row, std::move(row_sums));
  }

  // Outline levels: the subtotal groups open at each row.  Groups of one
  // level never overlap, so a count per level tells whether a row is inside
  // one; the level changes only where a group starts or ends.
  std::vector<std::pair<size_t, int>> events;  // (row, +level or -level)
  for (size_t m = 0; m < marks; ++m) {
    if (marks_[m].kind != Kind::kSubtotal) continue;
    for (const RowRange& range : found[m].ranges) {
      events.emplace_back(range.first, marks_[m].level);
      events.emplace_back(range.last + 1, -marks_[m].level);
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::array<int, kMaxSubtotalLevel + 1> inside{};
  int current = 0;
  for (size_t i = 0; i < events.size();) {
    const size_t row = events[i].first;
    for (; i < events.size() && events[i].first == row; ++i) {
      const int level = events[i].second;
      inside[static_cast<size_t>(std::abs(level))] += level > 0 ? 1 : -1;
    }
    int level = 0;
    for (int l = 1; l <= kMaxSubtotalLevel; ++l) {
      if (inside[static_cast<size_t>(l)] > 0) level = l;
    }
    if (level != current) {
      sums.outline_.emplace_back(row, level);
      current = level;
    }
  }
  return sums;
}

void TableSumsBuilder::check_written(const TableSums& sums) const {
  for (size_t m = 0; m < marks_.size(); ++m) {
    const Mark& mark = marks_[m];
    const RowSums* row_sums = sums.find(mark.row);
    for (const WrittenCell& cell : mark.written) {
      const double sum = row_sums ? row_sums->values[cell.column] : 0.0;
      if (!cell.number) {
        throw MarkupError(mark.line, "ô " + quote_cell(cell.text) + " ở cột " +
                                         std::to_string(cell.column + 1) +
                                         " của dòng cộng phải là số (cột này được cộng, cong=) "
                                         "hoặc để trống");
      }
      const int decimals = written_decimals(cell.text);
      const double tolerance = 0.5 * std::pow(10.0, -decimals) + 1e-9;
      if (std::fabs(*cell.number - sum) > tolerance) {
        throw MarkupError(
            mark.line,
            "dòng cộng ghi " + cell.text + " ở cột " + std::to_string(cell.column + 1) +
                " nhưng các dòng nó cộng (" +
                (mark.kind == Kind::kTotal
                     ? std::string("toàn bảng")
                     : "nhóm cấp " + std::to_string(mark.level) +
                           (subtotals_above_ ? ", các dòng bên dưới" : ", các dòng bên trên")) +
                ") cộng lại được " + text::format_decimal(sum, decimals) +
                "; hãy sửa câu truy vấn hoặc để trống ô này");
      }
    }
    // After the row's sums: its rate is that of the sums.
    if (has_rates_) check_rates(mark_rows_[m], row_sums);
  }
}

RowRate row_rate(const std::vector<TableColumn>& columns, const TableRow& row, size_t column,
                 const RowSums* sums) {
  const TableColumn::RateOf& of = *columns[column].rate;
  const bool adds_up = row.kind == Kind::kSubtotal || row.kind == Kind::kTotal;
  const auto operand = [&](size_t c) -> std::optional<double> {
    if (c >= row.cells.size()) return std::nullopt;
    const TableCell& cell = row.cells[c];
    if (cell.covered) return std::nullopt;
    if (adds_up && columns[c].summed) return sums != nullptr ? sums->values[c] : 0.0;
    if (cell.number) return *cell.number;
    if (cell.text.empty()) return 0.0;
    return std::nullopt;
  };
  const std::optional<double> numerator = operand(of.numerator);
  const std::optional<double> denominator = operand(of.denominator);
  if (!numerator || !denominator) return {};
  if (*denominator == 0) return {RowRate::State::kNoDivisor, 0};
  return {RowRate::State::kValue, 100.0 * *numerator / *denominator};
}

void check_rate(const TableRow& row, size_t column, const TableColumn::RateOf& of,
                const RowRate& rate) {
  if (rate.state == RowRate::State::kUnknown || column >= row.cells.size()) return;
  const TableCell& cell = row.cells[column];
  if (cell.covered) return;
  const std::string written = plain_text(cell.text);
  const std::string where = "ô tỷ lệ ở cột " + std::to_string(column + 1) + " (ty-le=, cột " +
                            std::to_string(of.numerator + 1) + " chia cột " +
                            std::to_string(of.denominator + 1) + " nhân 100) ";
  if (rate.state == RowRate::State::kNoDivisor) {
    if (cell.number) {
      throw MarkupError(row.line, where + "ghi " + written + " nhưng số chia ở cột " +
                                      std::to_string(of.denominator + 1) +
                                      " bằng 0 hoặc để trống: ghi “-” hoặc để trống ô này");
    }
    return;
  }
  // The precision written, or one decimal when the cell holds no number (the
  // message then shows the figure to write).
  const int decimals = cell.number ? written_decimals(written) : 1;
  const double tolerance = 0.5 * std::pow(10.0, -decimals) + 1e-9;
  if (cell.number && std::fabs(*cell.number - rate.value) <= tolerance) return;
  throw MarkupError(row.line,
                    where + (written.empty() ? "để trống" : "ghi " + quote_cell(written)) +
                        " nhưng tỷ lệ của dòng là " + text::format_decimal(rate.value, decimals) +
                        "; hãy sửa câu truy vấn (bảng tính ghi công thức tính tỷ lệ này)");
}

bool has_written_checks(const Table& table) {
  return std::any_of(table.columns.begin(), table.columns.end(), [](const TableColumn& column) {
    return column.summed || column.rate.has_value();
  });
}

TableSums compute_table_sums(const Table& table) {
  TableSumsBuilder builder(table);
  TableRowCursor cursor(table);
  while (const TableRow* row = cursor.next()) builder.add(*row);
  return builder.finish();
}

}  // namespace ocopdoc::doc
