// Fuzzes the markup parser and the plain-text writer, and the parser of a
// streamed table's chunks (doc::parse_streamed_rows); checks that an escaped
// value always parses back as plain text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "doc/markup.h"
#include "doc/text_writer.h"
#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (ocopdoc::text::find_invalid_utf8(input)) return 0;
  try {
    const ocopdoc::doc::Document document = ocopdoc::doc::parse_markup(input);
    (void)ocopdoc::doc::write_text(document);
  } catch (const ocopdoc::doc::MarkupError&) {
  }
  // The same bytes as one chunk of a streamed three-column table: rows with
  // exactly three cells, or an error.
  try {
    ocopdoc::doc::Table table;
    table.columns.resize(3);
    for (const auto& row : ocopdoc::doc::parse_streamed_rows(input, table, 1)) {
      if (row.cells.size() != 3) std::abort();
    }
  } catch (const ocopdoc::doc::MarkupError&) {
  }
  // Escaping: whatever the value, it comes back as text, never as markup.
  const ocopdoc::doc::Document escaped =
      ocopdoc::doc::parse_markup(ocopdoc::doc::escape_markup(input));
  for (const auto& block : escaped.blocks) {
    if (!std::holds_alternative<ocopdoc::doc::Paragraph>(block)) std::abort();
  }
  if (!escaped.footnotes.empty()) std::abort();
  return 0;
}
