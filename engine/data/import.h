// Import of programme data from CSV files into the database.
//
// All files of one import go in one transaction, in dependency order (units
// before subjects before products before ratings ...) whatever the order on
// the command line.  Every value is checked and normalised; any error means
// nothing changes: the transaction is rolled back and the database file is
// byte-for-byte what it was.
//
// Re-importing a row whose natural key already exists *updates* that row
// (upsert): districts send corrected files and the office imports them again.
// Two rows with the same key inside one import are an error, since one of them
// would silently win.
//
// Rows are deleted by naming their keys in files of the same form
// (`ocopdoc import DB --xoa hoc_vien.csv`): nothing else removes a row, and a
// key mistyped in an earlier import (a trainee's name, a history row's date)
// would otherwise stay in every document.  Deletions run first, children
// before parents, then the imports; a deleted row that other rows still name
// is an error at the deletion's line, unless the same import imports it again
// (a replacement).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/database.h"

namespace ocopdoc::data {

// One problem, positioned as `file:line:column: message` (1-based), or in a
// workbook's sheet as `file:Sheet!C12: message`, the way Excel names a cell.
struct Diagnostic {
  std::string file;
  size_t line = 0;    // a CSV line, or a sheet's row
  size_t column = 0;  // a CSV field, or a sheet's column (1 = A)
  std::string message;
  std::string sheet;  // empty for a CSV file

  std::string to_string() const;
};

class ImportFailed : public std::runtime_error {
 public:
  ImportFailed(std::vector<Diagnostic> diagnostics, bool truncated);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // True when the import stopped collecting after ImportOptions::max_errors.
  bool truncated() const { return truncated_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  bool truncated_;
};

struct ImportOptions {
  size_t max_errors = 100;
};

struct TableImportCount {
  std::string table;
  size_t files = 0;
  size_t rows = 0;      // data rows read
  size_t inserted = 0;  // new rows; rows - inserted were updates
  size_t deleted = 0;   // rows deleted by the deletion files
};

struct ImportResult {
  std::vector<TableImportCount> tables;  // in import order
};

// Imports `paths`: each `<table>.csv` or `<table>-<anything>.csv`, or a
// workbook (.xlsx) whose visible sheets are named after tables (by the table
// name or its Vietnamese title, "san_pham" or "Sản phẩm"); see import.cpp.
// Throws ImportFailed with every problem found (up to max_errors), or
// DatabaseError when the database itself fails (locked, not initialised).
ImportResult import_files(Database& db, const std::vector<std::string>& paths,
                          const ImportOptions& options = {});

// The same, deleting first the rows that `deletion_paths` name by their key
// (files named and laid out as for import; columns outside the key are read
// but not compared).  All in one transaction with the imports.
ImportResult import_files(Database& db, const std::vector<std::string>& paths,
                          const std::vector<std::string>& deletion_paths,
                          const ImportOptions& options = {});

}  // namespace ocopdoc::data
