// Column widths and page orientation for tables on an A4 sheet.
//
// Widths follow the markup's `cot=` like the PDF does: fixed widths as given,
// `auto` columns as wide as their content (measured with the font), and `3*`
// shares splitting what is left of the printable width.  Each column is at
// least as wide as its longest word, so only whole words wrap.

#include <algorithm>

#include "text/text.h"
#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

namespace {

// ND 30 margins: left 30 mm, right 15 mm (the same on landscape pages).
constexpr double kPortraitPrintableMm = 210 - 30 - 15;
constexpr double kLandscapePrintableMm = 297 - 30 - 15;
// A header cell wraps rather than widen its column beyond this.
constexpr double kHeaderNaturalCapMm = 35;
// Content wider than this wraps when deciding the orientation.
constexpr double kWrapWidthMm = 60;

bool is_bold_row(doc::TableRow::Kind kind) {
  return kind != doc::TableRow::Kind::kBody;
}

}  // namespace

std::vector<ColumnExtent> measure_table(const doc::Table& table, const TextMetrics& metrics,
                                        const doc::TableSums& sums) {
  std::vector<ColumnExtent> extents(table.columns.size());
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const doc::TableRow& row = table.rows[r];
    const bool bold = is_bold_row(row.kind);
    for (size_t c = 0; c < row.cells.size(); ++c) {
      const doc::TableCell& cell = row.cells[c];
      if (cell.covered || cell.col_span != 1) continue;
      // A width given in millimetres is what the column gets, whatever it holds.
      if (table.columns[c].width.kind == doc::ColumnWidth::Kind::kMillimetres) continue;
      std::string text = text_with_breaks(cell.text);
      // A subtotal the template left empty still shows its sum.
      if (text.empty() && !sums.values[r].empty() && table.columns[c].summed) {
        text = text::format_integer(static_cast<std::int64_t>(sums.values[r][c]));
      }
      if (text.empty()) continue;
      const TextExtent extent = metrics.extent(text, kTableTextSize, bold, false);
      double natural = extent.widest_line + kCellPadding;
      const double minimum = extent.widest_word + kCellPadding;
      if (row.kind == doc::TableRow::Kind::kHeader) {
        natural = std::min(natural, std::max(minimum, kHeaderNaturalCapMm * kPointsPerMillimetre));
      }
      extents[c].natural = std::max(extents[c].natural, natural);
      extents[c].minimum = std::max(extents[c].minimum, minimum);
    }
  }
  // An empty column (a "Ký nhận" column) still needs room.
  for (ColumnExtent& extent : extents) {
    extent.minimum = std::max(extent.minimum, 8 * kPointsPerMillimetre);
    extent.natural = std::max(extent.natural, extent.minimum);
  }
  return extents;
}

double PageGeometry::printable_width_pt() const {
  return (landscape ? kLandscapePrintableMm : kPortraitPrintableMm) * kPointsPerMillimetre;
}

std::vector<double> column_widths(const doc::Table& table, const std::vector<ColumnExtent>& extents,
                                  double printable_width) {
  using Kind = doc::ColumnWidth::Kind;
  std::vector<double> widths(table.columns.size(), 0.0);
  double used = 0;
  double weights = 0;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const doc::ColumnWidth& width = table.columns[c].width;
    if (width.kind == Kind::kMillimetres) {
      widths[c] = width.value * kPointsPerMillimetre;
    } else if (width.kind == Kind::kAuto) {
      const double cap = std::max(extents[c].minimum, 0.45 * printable_width);
      widths[c] = std::clamp(extents[c].natural, extents[c].minimum, cap);
    } else {
      weights += width.value;
      continue;
    }
    used += widths[c];
  }
  const double free = std::max(0.0, printable_width - used);
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const doc::ColumnWidth& width = table.columns[c].width;
    if (width.kind != Kind::kFraction) continue;
    widths[c] = std::max(extents[c].minimum, free * width.value / weights);
  }
  return widths;
}

bool needs_landscape(const doc::Table& table, const std::vector<ColumnExtent>& extents) {
  double needed = 0;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const doc::ColumnWidth& width = table.columns[c].width;
    if (width.kind == doc::ColumnWidth::Kind::kMillimetres) {
      needed += width.value * kPointsPerMillimetre;
    } else {
      needed += std::clamp(extents[c].natural, extents[c].minimum,
                           std::max(extents[c].minimum, kWrapWidthMm * kPointsPerMillimetre));
    }
  }
  return needed > kPortraitPrintableMm * kPointsPerMillimetre;
}

}  // namespace ocopdoc::xlsx::detail
