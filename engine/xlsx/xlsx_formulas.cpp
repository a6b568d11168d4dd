// Cell references, SUBTOTAL formulas and number formats.
//
// Subtotals use SUBTOTAL(9, ...) rather than SUM: SUBTOTAL skips cells that
// are themselves SUBTOTALs, so a project's subtotal can span its sources'
// subtotals and the grand total can span everything without counting any
// amount twice — the finance department can check each level on its own.

#include <cstdio>

#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

std::string column_name(std::uint16_t col) {
  std::string name;
  unsigned value = col + 1U;
  while (value > 0) {
    const unsigned digit = (value - 1) % 26;
    name.insert(name.begin(), static_cast<char>('A' + digit));
    value = (value - 1) / 26;
  }
  return name;
}

std::string cell_name(std::uint32_t row, std::uint16_t col) {
  return column_name(col) + std::to_string(row + 1);
}

std::string sheet_range(std::string_view sheet, std::uint32_t first_row, std::uint16_t first_col,
                        std::uint32_t last_row, std::uint16_t last_col) {
  // Sheet names are always quoted (they may hold spaces and Vietnamese
  // letters); a quote inside is doubled.
  std::string quoted = "'";
  for (char c : sheet) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  quoted += "'!";
  const auto absolute = [](std::uint32_t row, std::uint16_t col) {
    return "$" + column_name(col) + "$" + std::to_string(row + 1);
  };
  return quoted + absolute(first_row, first_col) + ":" + absolute(last_row, last_col);
}

std::string subtotal_formula(std::uint16_t col, const std::vector<doc::RowRange>& ranges,
                             std::uint32_t first_sheet_row) {
  std::string formula = "=SUBTOTAL(9";
  for (const doc::RowRange& range : ranges) {
    const auto first = static_cast<std::uint32_t>(first_sheet_row + range.first);
    const auto last = static_cast<std::uint32_t>(first_sheet_row + range.last);
    formula += ',';
    formula += cell_name(first, col);
    if (last != first) formula += ":" + cell_name(last, col);
  }
  formula += ')';
  return formula;
}

std::string rate_formula(std::uint32_t row, const doc::TableColumn::RateOf& of,
                         std::string_view no_divisor_text) {
  const std::string numerator = cell_name(row, static_cast<std::uint16_t>(of.numerator));
  const std::string denominator = cell_name(row, static_cast<std::uint16_t>(of.denominator));
  // A blank denominator equals 0 in Excel and LibreOffice alike, so one test
  // covers both; a quote inside the text is doubled.
  std::string text;
  for (char c : no_divisor_text) {
    text += c;
    if (c == '"') text += '"';
  }
  return "=IF(" + denominator + "=0,\"" + text + "\"," + numerator + "/" + denominator + "*100)";
}

std::string number_format_for(const doc::TableColumn& column, std::string_view written) {
  if (!column.number_format.empty()) return column.number_format;
  // Show the number the way the template wrote it: grouped thousands stay
  // grouped ("#,##0" prints 1.234.567 under Vietnamese settings), decimals
  // keep their count; a plain "2019" or "12" stays general.
  const size_t comma = written.find(',');
  const bool grouped = written.find('.') != std::string_view::npos;
  std::string format;
  if (grouped) format = "#,##0";
  if (comma != std::string_view::npos) {
    if (format.empty()) format = "0";
    format += '.';
    format.append(written.size() - comma - 1, '0');
  }
  return format;
}

}  // namespace ocopdoc::xlsx::detail
