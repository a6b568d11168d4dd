// What subtotal and total rows add up (doc/table_sums.h).

#include "doc/table_sums.h"

#include <array>
#include <cstdint>

namespace ocopdoc::doc {

namespace {

using Kind = TableRow::Kind;

// Groups by level for the subtotal rows, walking towards the rows they sum:
// backwards for subtotals below their rows, forwards for subtotals above.
// `boundary[L]` is the nearest row seen so far whose level is L or lower.
void find_subtotal_ranges(const Table& table, size_t body_start, TableSums& sums) {
  const auto count = static_cast<std::int64_t>(table.rows.size());
  std::array<std::int64_t, kMaxSubtotalLevel + 1> boundary{};
  if (!table.subtotals_above) {
    boundary.fill(static_cast<std::int64_t>(body_start) - 1);
    for (std::int64_t i = static_cast<std::int64_t>(body_start); i < count; ++i) {
      const TableRow& row = table.rows[static_cast<size_t>(i)];
      if (row.kind == Kind::kSubtotal) {
        const int level = row.level;
        if (boundary[level] + 1 <= i - 1) {
          sums.ranges[static_cast<size_t>(i)].push_back(
              {static_cast<size_t>(boundary[level] + 1), static_cast<size_t>(i - 1)});
        }
        for (int l = level; l <= kMaxSubtotalLevel; ++l) boundary[l] = i;
      } else if (row.kind == Kind::kTotal) {
        boundary.fill(i);
      }
    }
  } else {
    boundary.fill(count);
    for (std::int64_t i = count - 1; i >= static_cast<std::int64_t>(body_start); --i) {
      const TableRow& row = table.rows[static_cast<size_t>(i)];
      if (row.kind == Kind::kSubtotal) {
        const int level = row.level;
        if (i + 1 <= boundary[level] - 1) {
          sums.ranges[static_cast<size_t>(i)].push_back(
              {static_cast<size_t>(i + 1), static_cast<size_t>(boundary[level] - 1)});
        }
        for (int l = level; l <= kMaxSubtotalLevel; ++l) boundary[l] = i;
      } else if (row.kind == Kind::kTotal) {
        boundary.fill(i);
      }
    }
  }
}

// A total adds up the rows above it back to the previous total (or the
// header); a total with nothing above it — the Vietnamese "TỔNG CỘNG" on top —
// adds up the rows below it, up to the next total (or the end).
void find_total_ranges(const Table& table, size_t body_start, TableSums& sums) {
  std::vector<size_t> totals;
  for (size_t i = body_start; i < table.rows.size(); ++i) {
    if (table.rows[i].kind == Kind::kTotal) totals.push_back(i);
  }
  for (size_t t = 0; t < totals.size(); ++t) {
    const size_t row = totals[t];
    const size_t from = t == 0 ? body_start : totals[t - 1] + 1;
    if (from < row) {
      sums.ranges[row].push_back({from, row - 1});
      continue;
    }
    const size_t to = t + 1 == totals.size() ? table.rows.size() : totals[t + 1];  // exclusive
    if (row + 1 < to) sums.ranges[row].push_back({row + 1, to - 1});
  }
}

// Each row's outline level: the highest level among the subtotal groups that
// contain it.  Groups of one level never overlap, so a running count per
// level tells whether a row is inside one.
void find_outline_levels(const Table& table, TableSums& sums) {
  const size_t count = table.rows.size();
  std::vector<std::array<std::int32_t, kMaxSubtotalLevel + 1>> changes(count + 1);
  for (size_t i = 0; i < count; ++i) {
    if (table.rows[i].kind != Kind::kSubtotal) continue;
    for (const RowRange& range : sums.ranges[i]) {
      ++changes[range.first][table.rows[i].level];
      --changes[range.last + 1][table.rows[i].level];
    }
  }
  std::array<std::int32_t, kMaxSubtotalLevel + 1> inside{};
  for (size_t i = 0; i < count; ++i) {
    int level = 0;
    for (int l = 1; l <= kMaxSubtotalLevel; ++l) {
      inside[l] += changes[i][l];
      if (inside[l] > 0) level = l;
    }
    sums.outline_levels[i] = level;
  }
}

// Sums of the body cells over each row's ranges, with one running total per
// summed column.  Subtotal and total cells never count, as in SUBTOTAL.
void add_up(const Table& table, TableSums& sums) {
  const size_t count = table.rows.size();
  const size_t columns = table.columns.size();
  for (size_t c = 0; c < columns; ++c) {
    if (!table.columns[c].summed) continue;
    std::vector<double> running(count + 1, 0.0);  // running[i]: rows before i
    for (size_t i = 0; i < count; ++i) {
      const TableRow& row = table.rows[i];
      const TableCell& cell = row.cells[c];
      const bool counts = row.kind == Kind::kBody && !cell.covered && cell.number.has_value();
      running[i + 1] = running[i] + (counts ? *cell.number : 0.0);
    }
    for (size_t i = 0; i < count; ++i) {
      if (sums.ranges[i].empty()) continue;
      if (sums.values[i].empty()) sums.values[i].assign(columns, 0.0);
      double total = 0;
      for (const RowRange& range : sums.ranges[i]) total += running[range.last + 1] - running[range.first];
      sums.values[i][c] = total;
    }
  }
}

}  // namespace

TableSums compute_table_sums(const Table& table) {
  TableSums sums;
  const size_t count = table.rows.size();
  sums.ranges.resize(count);
  sums.outline_levels.assign(count, 0);
  sums.values.resize(count);
  size_t body_start = 0;
  while (body_start < count && table.rows[body_start].kind == Kind::kHeader) ++body_start;
  find_subtotal_ranges(table, body_start, sums);
  find_total_ranges(table, body_start, sums);
  find_outline_levels(table, sums);
  add_up(table, sums);
  return sums;
}

}  // namespace ocopdoc::doc
