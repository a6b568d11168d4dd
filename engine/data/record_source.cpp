#include "data/record_source.h"

#include <algorithm>
#include <string_view>

#include "text/text.h"

namespace ocopdoc::data {

namespace {

// Nothing but spaces and line breaks: an empty cell as a user sees it.
bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

SheetSource::SheetSource(const XlsxWorkbook& workbook, size_t sheet, const TableSpec& table)
    : rows_(workbook.read_sheet(sheet)), table_(table) {}

SheetSource::Header SheetSource::find_header(std::vector<CsvField>& record) {
  XlsxRow row;
  bool any = false;
  size_t best_known = 0;
  while (rows_->next(row)) {
    any = true;
    if (row.number > kHeaderSearchRows) break;
    size_t known = 0;
    const XlsxCell* unknown = nullptr;
    for (const XlsxCell& cell : row.cells) {
      const std::optional<std::string> name = cell_name(cell);
      if (!name) continue;  // an empty cell
      const bool is_column =
          std::any_of(table_.columns.begin(), table_.columns.end(),
                      [&](const ColumnSpec& column) { return column.name == *name; });
      if (is_column) {
        ++known;
      } else if (unknown == nullptr) {
        unknown = &cell;
      }
    }
    if (known > 0 && unknown == nullptr) {
      // Only cells that name a column make the table's columns: data under
      // a blank header cell (or one holding an error value) is reported,
      // not dropped.
      header_columns_.clear();
      for (const XlsxCell& cell : row.cells) {
        if (!cell_name(cell)) continue;
        header_columns_.resize(cell.column + 1, false);
        header_columns_[cell.column] = true;
      }
      width_ = header_columns_.size() - 1;
      fill(row, record);
      return Header::kFound;
    }
    // The row naming the most columns is most likely the header with a
    // misspelt name: that is the name to point at.
    if (known > best_known) {
      best_known = known;
      missing_row_ = row.number;
      missing_column_ = unknown->column;
      missing_name_ = cell_name(*unknown).value_or(unknown->text);
    }
  }
  return any ? Header::kMissing : Header::kEmptySheet;
}

bool SheetSource::next(std::vector<CsvField>& record) {
  XlsxRow row;
  while (rows_->next(row)) {
    const bool blank = std::all_of(row.cells.begin(), row.cells.end(), [](const XlsxCell& c) {
      return c.kind == XlsxCell::Kind::kValue && is_blank(c.text);
    });
    if (blank) continue;
    problems_.clear();
    for (const XlsxCell& cell : row.cells) {
      const bool blank_cell = is_blank(cell.text);
      if (cell.kind == XlsxCell::Kind::kErrorValue) {
        problems_.emplace_back(cell.column - 1, "ô có giá trị lỗi " + cell.text +
                                                    " (công thức không tính được); hãy sửa "
                                                    "hay xóa công thức");
      } else if (cell.kind == XlsxCell::Kind::kFormulaWithoutValue) {
        problems_.emplace_back(cell.column - 1,
                               "ô có công thức chưa được tính (tệp không lưu kết quả); hãy mở "
                               "và lưu lại bảng tính trong Excel hay LibreOffice");
      } else if (!blank_cell && (cell.column > width_ || !header_columns_[cell.column])) {
        problems_.emplace_back(cell.column - 1,
                               "ô có dữ liệu nhưng nằm ngoài các cột của bảng (cột này không "
                               "có tên cột ở dòng tiêu đề)");
      }
    }
    fill(row, record);
    return true;
  }
  return false;
}

std::optional<std::string> SheetSource::cell_name(const XlsxCell& cell) {
  if (cell.kind != XlsxCell::Kind::kValue || is_blank(cell.text)) return std::nullopt;
  try {
    return text::normalize(cell.text);
  } catch (const text::Error&) {
    return cell.text;
  }
}

void SheetSource::fill(const XlsxRow& row, std::vector<CsvField>& record) {
  line_ = row.number;
  record.assign(width_, CsvField{});
  for (CsvField& field : record) field.line = row.number;
  for (const XlsxCell& cell : row.cells) {
    if (cell.column <= width_ && cell.kind == XlsxCell::Kind::kValue)
      record[cell.column - 1].value = cell.text;
  }
}

// The table a sheet is for: its name is the table's ("san_pham") or becomes
// it without accents, with "_" for spaces ("Sản phẩm", "Chủ thể").
const TableSpec* table_for_sheet(const std::string& name) {
  if (const TableSpec* exact = find_table(name)) return exact;
  std::string slug;
  try {
    slug = text::slugify(name);
  } catch (const text::Error&) {
    return nullptr;
  }
  std::replace(slug.begin(), slug.end(), '-', '_');
  return find_table(slug);
}

}  // namespace ocopdoc::data
