// Tables drawn with box characters for the text writer.  Private to engine/doc.
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"

namespace ocopdoc::doc::text_layout {

// The table's lines (caption first), at most `width` columns when the
// columns can shrink that far; cell text wraps inside its cell.
std::vector<std::string> render_table(const Table& table, size_t width);

}  // namespace ocopdoc::doc::text_layout
