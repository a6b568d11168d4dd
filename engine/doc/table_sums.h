// What the subtotal (|+N) and total (|=) rows of a table add up.
//
// The rule (docs/markup.md, "Subtotals and totals") is derived from the row
// kinds and levels alone, so every writer agrees: the markup parser checks a
// written subtotal against it, and the XLSX writer turns it into live
// SUBTOTAL(9, ...) formulas whose cached values are the sums computed here.
//
// - A subtotal row of level N adds up the rows between it and the nearest row
//   of level N or lower (a subtotal of level <= N, a total, or the header):
//   above it by default, below it with `dong-cong=tren`.
// - A total row (level 0) adds up the rows above it back to the previous total
//   (or the header); a total with no rows above it adds up the rows below it
//   up to the next total (or the end).  With one total, above or below: the
//   whole body.
// - Rows inside a group that are themselves subtotals are in the range but do
//   not count (SUBTOTAL ignores nested SUBTOTALs), so nothing is counted twice.
//
// The sums are built from one pass over the rows in order (TableSumsBuilder),
// keeping only the subtotal and total rows and a running sum at each: a
// streamed table of 100,000 rows is never held whole, and the result's size
// grows with the number of groups, not of rows.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "doc/document.h"

namespace ocopdoc::doc {

// Table row indices, both ends included.
struct RowRange {
  size_t first = 0;
  size_t last = 0;
  bool operator==(const RowRange&) const = default;
};

// What one subtotal or total row adds up.
struct RowSums {
  std::vector<RowRange> ranges;  // never including the row itself; not empty
  // One entry per column: the sum of the body cells' numbers over `ranges` in
  // the summed columns (TableColumn::summed), 0 in the others.
  std::vector<double> values;
};

class TableSums {
 public:
  // The sums of a subtotal or total row; nullptr for other rows and for a
  // subtotal or total with nothing to add up (an empty group).
  const RowSums* find(size_t row) const;

  // The row's outline (grouping) level for a spreadsheet: the highest level
  // among the subtotal groups that contain it (0..7).
  int outline_level(size_t row) const;

 private:
  friend class TableSumsBuilder;
  std::vector<std::pair<size_t, RowSums>> rows_;  // by row index
  // (first row, level): the outline level from that row until the next entry.
  std::vector<std::pair<size_t, int>> outline_;
};

// Builds a table's sums from its rows, given one at a time in order (header
// rows included), and checks the sums a template wrote.
class TableSumsBuilder {
 public:
  explicit TableSumsBuilder(const Table& table);
  void add(const TableRow& row);
  TableSums finish() const;

  // Throws MarkupError (at the row's markup line) when a subtotal or total
  // cell of a summed column holds text that is not a number, or a number that
  // is not the sum of the rows it adds up to the precision written: the
  // spreadsheet, which recalculates, and the printed page would disagree.
  void check_written(const TableSums& sums) const;

 private:
  struct WrittenCell {
    size_t column = 0;
    std::string text;
    std::optional<double> number;
  };
  // A subtotal or total row of the body, with the running sums of the summed
  // columns over the body rows before it.
  struct Mark {
    size_t row = 0;
    TableRow::Kind kind = TableRow::Kind::kTotal;
    int level = 0;
    int line = 0;
    std::vector<double> running_before;
    std::vector<WrittenCell> written;
  };
  const std::vector<double>& running_at(size_t mark_or_end) const;

  std::vector<bool> summed_;
  bool subtotals_above_ = false;
  bool in_header_ = true;
  size_t count_ = 0;
  size_t body_start_ = 0;
  std::vector<double> running_;
  std::vector<Mark> marks_;
};

// The sums of a whole table (its rows read with a TableRowCursor).
TableSums compute_table_sums(const Table& table);

// The deepest subtotal level ("|+7"): the number of outline levels a
// spreadsheet has.
inline constexpr int kMaxSubtotalLevel = 7;

}  // namespace ocopdoc::doc
