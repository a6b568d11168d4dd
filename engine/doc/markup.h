// The document markup (docs/markup.md): parsing it into a Document, and
// escaping values so they print literally inside it.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"

namespace ocopdoc::doc {

// A markup error at a 1-based line of the markup text (Vietnamese message).
class MarkupError : public std::runtime_error {
 public:
  MarkupError(int line, const std::string& message) : std::runtime_error(message), line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

// Where a template's row-by-row query (`tung_dong`) puts its rows: after
// markup line `after_line` (1-based), which must be a row of a table or the
// line of its @bang.  The rows are read from `source` when the document is
// written (Table::row_source).
struct StreamedRows {
  int after_line = 0;
  std::shared_ptr<const RowSource> source;
};

// Parses markup into a document tree.  Throws MarkupError at the first error.
Document parse_markup(std::string_view markup, const StreamedRows& streamed = {});

// Parses one chunk of a streamed table's rows: every line must be a table
// row with `table`'s columns (spans only inside the chunk, no footnotes).
// Errors and rows carry `line`, the markup line of the stream's place.
std::vector<TableRow> parse_streamed_rows(std::string_view markup, const Table& table, int line);

// Escapes a value for insertion into markup: every markup character gets a
// backslash, line breaks become "\n".  parse_markup(escape_markup(x)) as a
// paragraph gives back x (after whitespace normalisation) as plain text.
std::string escape_markup(std::string_view value);

}  // namespace ocopdoc::doc
