// A streaming RFC 4180 CSV reader that knows where every field came from.
//
// Import messages must name file:line:column, so each field carries the line
// it starts on and its byte offset in the file (for "invalid UTF-8 at byte N").
// The reader holds one record at a time: a million-row file needs no more
// memory than its longest record.  Bytes are returned as they are; checking
// UTF-8 and normalising is the importer's job.
#pragma once

#include <cstddef>
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ocopdoc::data {

struct CsvField {
  std::string value;
  size_t line = 0;         // 1-based line the field starts on
  size_t byte_offset = 0;  // offset of the field's first content byte in the file
};

// A syntax error that stops reading the file (the reader cannot know where the
// next record starts after an unbalanced quote).
class CsvSyntaxError : public std::runtime_error {
 public:
  CsvSyntaxError(size_t line, size_t column, const std::string& message)
      : std::runtime_error(message), line_(line), column_(column) {}
  size_t line() const { return line_; }
  size_t column() const { return column_; }

 private:
  size_t line_;
  size_t column_;
};

struct CsvLimits {
  size_t max_field_bytes = 1 << 20;  // 1 MiB: a task's content is a few KB
  size_t max_fields = 1000;
};

class CsvReader {
 public:
  explicit CsvReader(std::istream& in, CsvLimits limits = {});

  // Reads the next record into `record`; returns false at end of input.
  // Lines that are completely empty are skipped.  Throws CsvSyntaxError.
  bool next(std::vector<CsvField>& record);

  // The line the last record returned by next() started on.
  size_t record_line() const { return record_line_; }

 private:
  int get();
  int peek();

  std::streambuf* buffer_;
  CsvLimits limits_;
  size_t line_ = 1;
  size_t offset_ = 0;
  size_t record_line_ = 0;
  bool started_ = false;
};

}  // namespace ocopdoc::data
