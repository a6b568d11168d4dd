// Where the importer's records come from: a CSV file or one sheet of a
// workbook (engine/data/import.cpp reads them; not part of the stage's
// public header, data/import.h).

#ifndef OCOPDOC_DATA_RECORD_SOURCE_H
#define OCOPDOC_DATA_RECORD_SOURCE_H

#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/csv_reader.h"
#include "data/schema.h"
#include "data/xlsx_reader.h"

namespace ocopdoc::data {

// Where a file's records come from: a CSV file, or one sheet of a workbook.
// Both give records of fields positioned by line (a sheet's row) and field
// number (a sheet's column, A = 1), the header first.
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // The next record; false at the end.  Throws CsvSyntaxError or XlsxError.
  virtual bool next(std::vector<CsvField>& record) = 0;
  // The line (row) the last record came from.
  virtual size_t record_line() const = 0;
  // Cells of the last record that are not data (a formula's error value, a
  // value right of the table), as field position and message; the row is
  // then reported, not imported.
  virtual const std::vector<std::pair<size_t, std::string>>& problems() const { return none_; }

 private:
  std::vector<std::pair<size_t, std::string>> none_;
};

class CsvSource : public RecordSource {
 public:
  explicit CsvSource(std::istream& in) : reader_(in) {}
  bool next(std::vector<CsvField>& record) override { return reader_.next(record); }
  size_t record_line() const override { return reader_.record_line(); }

 private:
  CsvReader reader_;
};

// A sheet of a workbook holds more than the table: a title, an agency, notes
// and a row of Vietnamese column labels above the header (the data-entry
// workbook has all of them), and blank formatted rows for input below the
// data.  The header is the first row, among the first kHeaderSearchRows,
// whose cells all name columns of the table; rows above it are not data,
// and rows after it with nothing in them are skipped.
class SheetSource : public RecordSource {
 public:
  static constexpr size_t kHeaderSearchRows = 50;

  SheetSource(const XlsxWorkbook& workbook, size_t sheet, const TableSpec& table);

  enum class Header {
    kFound,       // `record` is the header row
    kEmptySheet,  // nothing at all in the sheet: nothing to import
    kMissing,     // see missing_row()
  };

  Header find_header(std::vector<CsvField>& record);
  // After Header::kMissing: the row that looked most like the header and its
  // first cell that names no column (0 when no row named any column).
  size_t missing_row() const { return missing_row_; }
  size_t missing_column() const { return missing_column_; }
  const std::string& missing_name() const { return missing_name_; }

  bool next(std::vector<CsvField>& record) override;
  size_t record_line() const override { return line_; }
  const std::vector<std::pair<size_t, std::string>>& problems() const override { return problems_; }

 private:
  // A cell's text as a column name; nullopt for an empty cell.
  static std::optional<std::string> cell_name(const XlsxCell& cell);
  // The row as fields for columns A .. the header's last column.
  void fill(const XlsxRow& row, std::vector<CsvField>& record);

  std::unique_ptr<XlsxRowReader> rows_;
  const TableSpec& table_;
  size_t width_ = 0;
  std::vector<bool> header_columns_;  // by column number: has a header name
  size_t line_ = 0;
  std::vector<std::pair<size_t, std::string>> problems_;
  size_t missing_row_ = 0;
  size_t missing_column_ = 0;
  std::string missing_name_;
};

// The table a sheet is for: its name is the table's ("san_pham") or becomes
// it without accents, with "_" for spaces ("Sản phẩm", "Chủ thể").
const TableSpec* table_for_sheet(const std::string& name);

}  // namespace ocopdoc::data

#endif  // OCOPDOC_DATA_RECORD_SOURCE_H
