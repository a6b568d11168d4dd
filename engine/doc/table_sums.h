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
  // The rates of subtotal and total rows are checked here too; a body row's
  // rate is checked by add().
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
  void check_rates(const TableRow& row, const RowSums* sums) const;

  std::vector<TableColumn> columns_;
  std::vector<bool> summed_;
  bool has_rates_ = false;
  // With rates: the subtotal and total rows, whose rates are checked once
  // their sums are known (as many as marks_, in the same order).
  std::vector<TableRow> mark_rows_;
  bool subtotals_above_ = false;
  bool in_header_ = true;
  size_t count_ = 0;
  size_t body_start_ = 0;
  std::vector<double> running_;
  std::vector<Mark> marks_;
};

// The sums of a whole table (its rows read with a TableRowCursor).
TableSums compute_table_sums(const Table& table);

// -- Rates -------------------------------------------------------------------
//
// A rate column (`ty-le="6=5/3"`, TableColumn::rate) holds 100 × numerator ÷
// denominator of its own row, in every row but the header's.  An operand is
// the number in its cell, 0 for an empty cell (as a spreadsheet reads it),
// and in a subtotal or total row, for a summed column, the sum the row adds
// up (so a total's rate is the rate of the totals, never a sum of rates).
// Text in an operand cell, or a covered one, leaves the rate unknown: the
// template's cell is kept as written.

struct RowRate {
  enum class State {
    kUnknown,    // an operand is text or covered
    kNoDivisor,  // the denominator is 0 (or empty): the cell holds text ("-") or nothing
    kValue,      // `value` is the rate
  } state = State::kUnknown;
  double value = 0;
};

// The rate of `row` in rate column `column`; `sums` are the row's sums
// (TableSums::find; nullptr for a body row or an empty group).
RowRate row_rate(const std::vector<TableColumn>& columns, const TableRow& row, size_t column,
                 const RowSums* sums);

// Throws MarkupError (at the row's markup line) when the rate cell does not
// hold what `rate` says: the rate to the precision written, or, without a
// divisor, no number.  A spreadsheet recalculates the rate; the printed page
// must agree with it.
void check_rate(const TableRow& row, size_t column, const TableColumn::RateOf& of,
                const RowRate& rate);

// Whether a table has written cells to check as its rows are read: summed
// columns (`cong=`) or rates (`ty-le=`).
bool has_written_checks(const Table& table);

// The deepest subtotal level ("|+7"): the number of outline levels a
// spreadsheet has.
inline constexpr int kMaxSubtotalLevel = 7;

}  // namespace ocopdoc::doc
