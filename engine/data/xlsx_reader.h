// Reading the cells of an Office Open XML workbook (.xlsx) for import.
//
// A district fills the data-entry workbook (templates/mau-nhap-lieu) in Excel
// or LibreOffice and sends it back; the importer reads it sheet by sheet.
// The archive is opened with libzip and each part is parsed with expat; a
// worksheet is parsed while its rows are read, a chunk of the compressed part
// at a time, so a sheet of 100,000 rows needs the memory of a few rows (plus
// the workbook's shared strings, which every sheet refers to by number).
//
// Cells come back as the text the importer checks, whatever type Excel gave
// them: a whole number as its digits (a year typed as a number is "1980"),
// another number in its shortest form with a decimal point, a number shown
// as a date as an ISO date ("2019-06-30"), a percentage as the number shown
// (7% is "7"), a formula by its cached result, Excel's _xHHHH_ escapes
// decoded.  Rows and cells must come in order; a row is read into memory
// only when the reader asks for it.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ocopdoc::data {

// A workbook that cannot be read (not a zip, a part missing or malformed,
// a limit exceeded); the message is in Vietnamese and names no file (the
// importer adds it).
class XlsxError : public std::runtime_error {
 public:
  explicit XlsxError(const std::string& message, size_t row = 0, size_t column = 0)
      : std::runtime_error(message), row_(row), column_(column) {}
  // The cell the problem is in (1-based), or 0 when it is not about a cell.
  size_t row() const { return row_; }
  size_t column() const { return column_; }

 private:
  size_t row_;
  size_t column_;
};

struct XlsxCell {
  enum class Kind {
    kValue,
    kErrorValue,           // #N/A, #REF!, ...: `text` holds it; not data
    kFormulaWithoutValue,  // saved without its result: the value is unknown
  };
  size_t column = 0;  // 1-based: A = 1
  std::string text;
  Kind kind = Kind::kValue;
};

struct XlsxRow {
  size_t number = 0;            // 1-based, as Excel shows it
  std::vector<XlsxCell> cells;  // cells that hold something, left to right
};

struct XlsxSheetInfo {
  std::string name;
  bool hidden = false;  // "hidden" or "veryHidden"
  std::string part;     // the worksheet's part in the archive
};

// "A" for column 1, "Z" for 26, "AA" for 27, "XFD" for 16,384.
std::string column_letters(size_t column);

// Reads a worksheet's rows in order.  Throws XlsxError for malformed XML.
class XlsxRowReader {
 public:
  virtual ~XlsxRowReader() = default;
  // The next row with at least one cell; false after the last.
  virtual bool next(XlsxRow& row) = 0;
};

class XlsxWorkbook {
 public:
  // Opens the archive and reads the workbook, its relationships, shared
  // strings and cell styles.  Throws XlsxError.
  explicit XlsxWorkbook(const std::string& path);
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  // In the order of the workbook's tabs.
  const std::vector<XlsxSheetInfo>& sheets() const;

  // A reader over sheets()[index]; the workbook must outlive it.
  std::unique_ptr<XlsxRowReader> read_sheet(size_t index) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ocopdoc::data
