// Reading a table's rows in order, whether the tree holds them or a row
// source produces them as they are read (Table::row_source).
//
// Every writer reads tables through a cursor, so a streamed table and a held
// one are laid out the same way.  A cursor is one pass: a writer that needs
// to measure before it places opens two.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "doc/document.h"
#include "doc/table_sums.h"

namespace ocopdoc::doc {

class TableRowCursor {
 public:
  explicit TableRowCursor(const Table& table);
  TableRowCursor(const TableRowCursor&) = delete;
  TableRowCursor& operator=(const TableRowCursor&) = delete;

  // The next row, or nullptr after the last.  The row stays valid until
  // next() is called again (has_next() does not move it).
  const TableRow* next();

  // Whether a row follows the one next() returned last (may produce the next
  // chunk of a streamed table).
  bool has_next();

  // 0-based index of the row next() returned last, counting every row of the
  // table: held ones, streamed ones, and those after.
  size_t index() const { return returned_ - 1; }

 private:
  enum class Part { kRows, kSource, kAfter, kEnd };
  void row_returned(const TableRow& row);

  const Table& table_;
  Part part_ = Part::kRows;
  size_t position_ = 0;  // in table_.rows, chunk_ or table_.rows_after
  std::unique_ptr<RowSource::Pass> pass_;
  std::vector<TableRow> chunk_;  // the streamed rows being read
  std::vector<TableRow> ahead_;  // the next chunk, when has_next() needed it
  bool ahead_ready_ = false;
  size_t returned_ = 0;
  // A streamed table's written subtotals are checked as its rows pass (the
  // parser checks held tables when it builds them).
  std::optional<TableSumsBuilder> sums_check_;
};

// Every row of a table in one vector (streamed rows included): for writers
// that need the whole table at once, such as the plain-text writer.
std::vector<TableRow> all_rows(const Table& table);

}  // namespace ocopdoc::doc
