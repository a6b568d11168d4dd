// Column widths and page orientation for tables on an A4 sheet.
//
// Widths follow the markup's `cot=` like the PDF does: fixed widths as given,
// `auto` columns as wide as their content (measured with the font), and `3*`
// shares splitting what is left of the printable width.  Each column is at
// least as wide as its longest word, so only whole words wrap.

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "text/text.h"
#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

namespace {

// ND 30 margins: left 30 mm, right 15 mm, top and bottom 20 mm (the same on
// landscape pages; xlsx_sheet.cpp sets them).
constexpr double kPortraitPrintableMm = 210 - 30 - 15;
constexpr double kLandscapePrintableMm = 297 - 30 - 15;
constexpr double kPortraitPrintableHeightMm = 297 - 20 - 20;
constexpr double kLandscapePrintableHeightMm = 210 - 20 - 20;
// A header cell wraps rather than widen its column beyond this.
constexpr double kHeaderNaturalCapMm = 35;
// Content wider than this wraps when deciding the orientation.
constexpr double kWrapWidthMm = 60;

bool is_bold_row(doc::TableRow::Kind kind) {
  return kind != doc::TableRow::Kind::kBody;
}

}  // namespace

TableMeasure::TableMeasure(const doc::Table& table, const TextMetrics& metrics)
    : table_(table), metrics_(metrics), extents_(table.columns.size()) {
  for (auto& per_column : seen_) per_column.resize(table.columns.size());
}

void TableMeasure::add_text(size_t column, const std::string& text, bool bold, bool header,
                            bool number) {
  // A long table repeats its texts ("Năm 2019" in every group): measuring one
  // again cannot widen the column.  The memory of texts seen is bounded, so
  // a table of all-different texts costs no more than measuring them.
  constexpr size_t kRememberedTexts = 1024;
  if (!header) {
    std::unordered_set<std::string>& seen = seen_[bold ? 1 : 0][column];
    if (seen.count(text) != 0) return;
    if (seen.size() < kRememberedTexts) seen.insert(text);
  }
  const TextExtent extent = metrics_.extent(text, kTableTextSize, bold, false);
  if (!header && !number) extents_[column].text = true;
  double natural = extent.widest_line + kCellPadding;
  const double minimum = extent.widest_word + kCellPadding;
  if (header) {
    natural = std::min(natural, std::max(minimum, kHeaderNaturalCapMm * kPointsPerMillimetre));
  }
  extents_[column].natural = std::max(extents_[column].natural, natural);
  extents_[column].minimum = std::max(extents_[column].minimum, minimum);
}

// The widest a number can be per character: its digits, sign and separators
// (digits are the widest of them in the fonts documents use, and all of one
// width), so a number's width is at most its length times this.
double TableMeasure::number_char_width(bool bold) {
  double& known = bold ? bold_number_char_ : number_char_;
  if (known == 0) {
    for (std::string_view c : {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", ",", "-"}) {
      known = std::max(known, metrics_.extent(c, kTableTextSize, bold, false).widest_line);
    }
  }
  return known;
}

void TableMeasure::add(const doc::TableRow& row, size_t index) {
  const bool bold = is_bold_row(row.kind);
  const bool adds_up =
      row.kind == doc::TableRow::Kind::kSubtotal || row.kind == doc::TableRow::Kind::kTotal;
  for (size_t c = 0; c < row.cells.size() && c < extents_.size(); ++c) {
    const doc::TableCell& cell = row.cells[c];
    if (cell.covered || cell.col_span != 1) continue;
    // A width given in millimetres is what the column gets, whatever it holds.
    if (table_.columns[c].width.kind == doc::ColumnWidth::Kind::kMillimetres) continue;
    const std::string text = text_with_breaks(cell.text);
    if (text.empty()) {
      // A subtotal the template left empty still shows its sum.
      if (adds_up && table_.columns[c].summed) empty_sums_.emplace_back(index, c);
      continue;
    }
    // A long table is mostly numbers: one that cannot be wider than what the
    // column already holds needs no measuring (the bound is exact enough: a
    // number has no spaces, so its line and its word are the same width).
    if (cell.number && row.kind != doc::TableRow::Kind::kHeader) {
      const double bound =
          static_cast<double>(text.size()) * number_char_width(bold) + kCellPadding;
      if (bound <= extents_[c].minimum && bound <= extents_[c].natural) continue;
    }
    add_text(c, text, bold, row.kind == doc::TableRow::Kind::kHeader, cell.number.has_value());
  }
}

std::vector<ColumnExtent> TableMeasure::finish(const doc::TableSums& sums) {
  for (const auto& [row, column] : empty_sums_) {
    if (const doc::RowSums* row_sums = sums.find(row)) {
      add_text(column, text::format_integer(static_cast<std::int64_t>(row_sums->values[column])),
               true, false, true);
    }
  }
  // An empty column (a "Ký nhận" column) still needs room.
  std::vector<ColumnExtent> extents = extents_;
  for (ColumnExtent& extent : extents) {
    extent.minimum = std::max(extent.minimum, 8 * kPointsPerMillimetre);
    extent.natural = std::max(extent.natural, extent.minimum);
  }
  return extents;
}

double PageGeometry::printable_width_pt() const {
  return (landscape ? kLandscapePrintableMm : kPortraitPrintableMm) * kPointsPerMillimetre;
}

double PageGeometry::printable_height_pt() const {
  return (landscape ? kLandscapePrintableHeightMm : kPortraitPrintableHeightMm) *
         kPointsPerMillimetre;
}

// -- printed pages --------------------------------------------------------------

namespace {
// Rows of other heights kept before they are counted into pages.
constexpr size_t kMaxPendingHeights = 4096;
}  // namespace

PrintedPages::PrintedPages(double page_height, double default_row_height)
    : page_height_(page_height), default_row_height_(default_row_height) {}

void PrintedPages::set_height(std::uint32_t row, double height) {
  if (row < counted_) return;
  heights_[row] = height;
  // Every row above `row` has its height by now.
  if (heights_.size() > kMaxPendingHeights) count_to(row);
}

void PrintedPages::count_to(std::uint32_t row) {
  auto next = heights_.begin();
  while (counted_ < row) {
    // A run of rows of the default height, counted a page at a time.
    const std::uint32_t run_end = next != heights_.end() && next->first < row ? next->first : row;
    while (counted_ < run_end) {
      const double room = page_height_ - used_;
      const auto fitting =
          static_cast<std::uint32_t>(std::max(0.0, std::floor(room / default_row_height_ + 1e-9)));
      const std::uint32_t take = std::min(run_end - counted_, fitting);
      if (take == 0) {
        // The next row does not fit: it starts a page.
        used_ = default_row_height_;
        ++counted_;
        continue;
      }
      used_ += take * default_row_height_;
      counted_ += take;
    }
    if (counted_ == row) break;
    // A row that does not fit starts a page, where it stays however tall.
    const double height = next->second;
    used_ = used_ > 0 && used_ + height > page_height_ + 1e-9 ? height : used_ + height;
    ++counted_;
    next = heights_.erase(next);
  }
}

double PrintedPages::used_above(std::uint32_t row) {
  count_to(row);
  // A full page (or a row taller than a page alone on its own): whatever
  // comes next starts a page.
  return used_ >= page_height_ - 1e-9 ? 0 : used_;
}

void PrintedPages::break_before(std::uint32_t row) {
  if (used_above(row) > 0) breaks_.push_back(row);
  used_ = 0;
}

double choice_column_width(const std::vector<std::string>& items, const TextMetrics& metrics) {
  const double cap = kChoiceColumnMaxMm * kPointsPerMillimetre;
  double widest = 0;
  for (const std::string& item : items) {
    widest = std::max(widest, metrics.width(item, kTableTextSize, false, false) + kCellPadding);
    if (widest >= cap) return cap;
  }
  return widest;
}

std::vector<double> column_widths(const doc::Table& table, const std::vector<ColumnExtent>& extents,
                                  double printable_width, bool fit_shares) {
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
  // The shares, fitted to their content: a roster's "Địa phương" holding
  // short names, or a budget's amounts, need less than their share of the
  // page, and a long "Chức vụ" more.  Columns whose content fits in their
  // share of what is left get just that, until the others all need more
  // than their share.
  double free = std::max(0.0, printable_width - used);
  std::vector<size_t> open;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c].width.kind == Kind::kFraction) open.push_back(c);
  }
  if (!fit_shares) {
    for (size_t c : open) {
      widths[c] = std::max(extents[c].minimum, free * table.columns[c].width.value / weights);
    }
    return widths;
  }
  for (bool settled = false; !settled && !open.empty();) {
    settled = true;
    double open_weights = 0;
    for (size_t c : open) open_weights += table.columns[c].width.value;
    std::vector<size_t> still_open;
    double taken = 0;
    for (size_t c : open) {
      const double share = free * table.columns[c].width.value / open_weights;
      if (extents[c].natural <= share) {
        widths[c] = std::max(extents[c].natural, extents[c].minimum);
        taken += widths[c];
        settled = false;
      } else {
        still_open.push_back(c);
      }
    }
    free -= taken;
    open = std::move(still_open);
  }
  if (!open.empty()) {
    double open_weights = 0;
    for (size_t c : open) open_weights += table.columns[c].width.value;
    for (size_t c : open) {
      widths[c] = std::max(extents[c].minimum, free * table.columns[c].width.value / open_weights);
    }
  } else if (weights > 0 && free > 0) {
    // Every share holds its content with room to spare: the table still
    // spans the page, the room going to the columns of text (where it
    // saves wrapped lines), or to all shares when none holds text.
    double text_weights = 0;
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].width.kind == Kind::kFraction && extents[c].text) {
        text_weights += table.columns[c].width.value;
      }
    }
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].width.kind != Kind::kFraction) continue;
      if (text_weights > 0 && !extents[c].text) continue;
      widths[c] +=
          free * table.columns[c].width.value / (text_weights > 0 ? text_weights : weights);
    }
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
