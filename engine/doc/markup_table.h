// Tables (@bang) and charts (@bieu-do) of the document markup, and the
// attribute list the block parser hands them.  Private to engine/doc.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"

namespace ocopdoc::doc::markup_detail {

// One markup line of a directive body (trimmed) and its 1-based number.
struct RowLine {
  std::string_view text;
  int line = 0;
};

struct Attribute {
  std::string key;
  std::string value;  // escapes resolved, cleaned (NFC, single spaces)
};

// The attributes of one directive line, in the order written.
struct Attributes {
  std::vector<Attribute> items;
  int line = 0;  // the directive's line (or the first row of a bare table)
  const std::string* find(std::string_view key) const;
};

// "trai" / "giua" / "phai" / "deu".
std::optional<Align> align_from_name(std::string_view name);

// "3*", "25mm", "1.5cm" or "auto"; nullopt when it is none of these.
std::optional<ColumnWidth> parse_column_width(std::string_view entry);

// A number as Vietnamese documents write it: '.' groups thousands (groups of
// exactly three), ',' starts the decimals, '-' for negatives: "1.234.567",
// "12,5", "-3", "1234".  A multi-digit integer part with a leading zero
// ("05", "0912...") is an identifier, not a number, unless
// `allow_leading_zero`; more than 15 significant digits do not fit a double
// exactly and are left as text.
std::optional<double> parse_vietnamese_number(std::string_view text,
                                              bool allow_leading_zero = false);

// Where a template's row-by-row query puts its rows in a table: before the
// row line at index `at_row` of the table's lines (at the end when it equals
// their count).  No source: the table holds all its rows.
struct StreamPoint {
  size_t at_row = 0;
  std::shared_ptr<const RowSource> source;
};

// Builds a table from its row lines (`attributes` from @bang, or empty for
// rows written without it).  Footnotes in cells are numbered into `footnotes`.
Table build_table(const std::vector<RowLine>& lines, const Attributes& attributes,
                  std::vector<Inline>* footnotes, const StreamPoint& streamed = {});

// The rows of one streamed chunk of `table` (every line a row with the
// table's columns; spans only within the chunk; no footnotes).
std::vector<TableRow> build_streamed_rows(const std::vector<RowLine>& lines, const Table& table);

Chart build_chart(const std::vector<RowLine>& lines, const Attributes& attributes);

// Limits that keep hostile markup from exhausting memory; real documents are
// far below them.
inline constexpr size_t kMaxTableColumns = 256;
inline constexpr size_t kMaxTableCells = 1'000'000;

}  // namespace ocopdoc::doc::markup_detail
