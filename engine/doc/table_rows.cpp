// Reading a table's rows in order (doc/table_rows.h).

#include "doc/table_rows.h"

namespace ocopdoc::doc {

TableRowCursor::TableRowCursor(const Table& table) : table_(table) {
  if (table.row_source && has_written_checks(table)) sums_check_.emplace(table);
}

bool TableRowCursor::has_next() {
  for (;;) {
    switch (part_) {
      case Part::kRows:
        if (position_ < table_.rows.size()) return true;
        part_ = table_.row_source ? Part::kSource : Part::kAfter;
        position_ = 0;
        break;
      case Part::kSource:
        if (position_ < chunk_.size() || ahead_ready_) return true;
        if (!pass_) pass_ = table_.row_source->open(table_);
        // The chunk being read keeps its rows: the caller may still hold
        // the last one.
        if (pass_->next_chunk(ahead_) && !ahead_.empty()) {
          ahead_ready_ = true;
          return true;
        }
        pass_.reset();
        part_ = Part::kAfter;
        position_ = 0;
        break;
      case Part::kAfter:
        if (position_ < table_.rows_after.size()) return true;
        part_ = Part::kEnd;
        if (sums_check_) {
          sums_check_->check_written(sums_check_->finish());
          sums_check_.reset();
        }
        break;
      case Part::kEnd:
        return false;
    }
  }
}

const TableRow* TableRowCursor::next() {
  if (!has_next()) return nullptr;
  const TableRow* row = nullptr;
  switch (part_) {
    case Part::kRows:
      row = &table_.rows[position_++];
      break;
    case Part::kSource:
      if (position_ >= chunk_.size()) {
        chunk_.swap(ahead_);
        ahead_.clear();
        ahead_ready_ = false;
        position_ = 0;
      }
      row = &chunk_[position_++];
      break;
    case Part::kAfter:
      row = &table_.rows_after[position_++];
      break;
    case Part::kEnd:
      return nullptr;
  }
  row_returned(*row);
  return row;
}

void TableRowCursor::row_returned(const TableRow& row) {
  ++returned_;
  if (sums_check_) sums_check_->add(row);
}

std::vector<TableRow> all_rows(const Table& table) {
  if (!table.row_source && table.rows_after.empty()) return table.rows;
  std::vector<TableRow> rows;
  TableRowCursor cursor(table);
  while (const TableRow* row = cursor.next()) rows.push_back(*row);
  return rows;
}

}  // namespace ocopdoc::doc
