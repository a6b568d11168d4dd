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
#pragma once

#include <cstddef>
#include <vector>

#include "doc/document.h"

namespace ocopdoc::doc {

// Table row indices, both ends included.
struct RowRange {
  size_t first = 0;
  size_t last = 0;
  bool operator==(const RowRange&) const = default;
};

struct TableSums {
  // For each table row: the ranges a subtotal or total row adds up (never
  // including the row itself; empty for other rows and for empty groups).
  std::vector<std::vector<RowRange>> ranges;
  // For each table row: its outline (grouping) level for a spreadsheet, the
  // highest level among the subtotal groups that contain it (0..7).
  std::vector<int> outline_levels;
  // For each table row: empty when the row adds up nothing, otherwise one
  // entry per column, the sum of the body cells' numbers over `ranges` in the
  // summed columns (TableColumn::summed) and 0 in the others.
  std::vector<std::vector<double>> values;
};

// Ranges, outline levels and sums of a table (linear in its size).
TableSums compute_table_sums(const Table& table);

// The deepest subtotal level ("|+7"): the number of outline levels a
// spreadsheet has.
inline constexpr int kMaxSubtotalLevel = 7;

}  // namespace ocopdoc::doc
