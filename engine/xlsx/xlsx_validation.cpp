// Drop-down lists, input messages and sheet protection for data-entry
// workbooks.
//
// A drop-down always refers to a range on the hidden list sheet
// (LXW_VALIDATION_TYPE_LIST_FORMULA), never to an inline list: libxlsxwriter
// 1.1.4 aborts ("buffer overflow detected") when an inline list's items total
// more than 255 bytes, which a few Vietnamese commune names already reach,
// and Excel itself caps inline lists at 255 characters.

#include <algorithm>

#include "data/schema.h"
#include "text/text.h"
#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

namespace {

// Excel's limits on the input message box, in characters.
constexpr size_t kMaxInputTitle = 32;
constexpr size_t kMaxInputMessage = 255;

// The first `limit` code points of `text`, with "…" when it had to be cut.
std::string cut(const std::string& text, size_t limit) {
  if (text::first_code_points(text, limit).size() == text.size()) return text;
  return text::first_code_points(text, limit - 1) + "…";
}

}  // namespace

void ChoiceListSheet::write(lxw_workbook* workbook, const std::vector<doc::ChoiceList>& lists,
                            FormatCache& formats) {
  if (lists.empty()) return;
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, std::string(kName).c_str());
  if (sheet == nullptr) throw XlsxError("không tạo được trang tính danh sách");
  CellStyle title_style;
  title_style.bold = true;
  CellStyle item_style;
  // Rows go in order (constant-memory mode writes a row once it is left), so
  // the lists are written side by side, row by row.
  size_t longest = 0;
  for (const doc::ChoiceList& list : lists) longest = std::max(longest, list.items.size());
  for (size_t col = 0; col < lists.size(); ++col) {
    check(worksheet_set_column(sheet, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), 40,
                               nullptr),
          "đặt độ rộng cột danh sách");
  }
  for (size_t row = 0; row <= longest; ++row) {
    for (size_t col = 0; col < lists.size(); ++col) {
      const doc::ChoiceList& list = lists[col];
      const auto sheet_col = static_cast<lxw_col_t>(col);
      if (row == 0) {
        const std::string& title = list.title.empty() ? list.name : list.title;
        check(worksheet_write_string(sheet, 0, sheet_col, title.c_str(), formats.get(title_style)),
              "ghi tên danh sách");
      } else if (row <= list.items.size()) {
        check(worksheet_write_string(sheet, static_cast<lxw_row_t>(row), sheet_col,
                                     list.items[row - 1].c_str(), formats.get(item_style)),
              "ghi mục danh sách");
      }
    }
  }
  for (size_t col = 0; col < lists.size(); ++col) {
    const doc::ChoiceList& list = lists[col];
    if (list.items.empty()) continue;
    ranges_[list.name] = "=" + sheet_range(kName, 1, static_cast<std::uint16_t>(col),
                                           static_cast<std::uint32_t>(list.items.size()),
                                           static_cast<std::uint16_t>(col));
  }
  // Users choose from the lists; they do not edit them.  Protected (without
  // a password: against slips, not people) so that a list shown with
  // "Unhide" is not changed by accident, which would let the drop-downs
  // offer codes the database does not know.
  worksheet_hide(sheet);
  worksheet_protect(sheet, nullptr, nullptr);
}

std::string ChoiceListSheet::range_formula(const std::string& list_name) const {
  const auto found = ranges_.find(list_name);
  return found == ranges_.end() ? std::string() : found->second;
}

ColumnCheck contract_check(std::string_view table, std::string_view name,
                           const std::string& number_format,
                           const std::map<std::string, std::string>& code_ranges) {
  ColumnCheck rule;
  const data::TableSpec* spec = data::find_table(table);
  if (spec == nullptr) return rule;
  const auto column = std::find_if(spec->columns.begin(), spec->columns.end(),
                                   [&](const data::ColumnSpec& c) { return c.name == name; });
  if (column == spec->columns.end()) return rule;
  if (!column->references.empty()) {
    const auto range = code_ranges.find(std::string(column->references));
    if (range != code_ranges.end()) {
      rule.kind = ColumnCheck::Kind::kCodeFrom;
      rule.formula = range->second;
    }
    return rule;
  }
  switch (column->kind) {
    case data::ValueKind::kInteger:
      if (column->min < column->max) {
        rule.kind = ColumnCheck::Kind::kWholeNumber;
        rule.minimum = column->min;
        rule.maximum = column->max;
      }
      break;
    case data::ValueKind::kDate:
      // The importer reads a text cell as ISO text and a number only when
      // formatted as a date: in a text column ("@") only the text form
      // imports right, so that is what the check asks for.  Its years are
      // the importer's (import.cpp: 1900 to 2100).
      if (number_format == "@") {
        rule.kind = ColumnCheck::Kind::kDateText;
        rule.minimum = 1900;
        rule.maximum = 2100;
      }
      break;
    default:
      break;
  }
  return rule;
}

namespace {

// A custom rule: `cell` (the range's first cell, relative, so Excel applies
// it to each cell) holds a real date typed as YYYY-MM-DD.  DATE() rolls an
// impossible day or month over, so the day and month it gives back must be
// the ones typed.  Built from text functions only (no DATEVALUE, whose
// reading of dates depends on the user's locale).
std::string date_text_formula(const std::string& cell, std::int64_t first_year,
                              std::int64_t last_year) {
  const std::string year = "LEFT(" + cell + ",4)";
  const std::string month = "MID(" + cell + ",6,2)";
  const std::string day = "RIGHT(" + cell + ",2)";
  const std::string date = "DATE(" + year + "," + month + "," + day + ")";
  return "=AND(LEN(" + cell + ")=10,MID(" + cell + ",5,1)=\"-\",MID(" + cell +
         ",8,1)=\"-\",ISNUMBER(-SUBSTITUTE(" + cell + ",\"-\",\"\")),--" + year +
         ">=" + std::to_string(first_year) + ",--" + year + "<=" + std::to_string(last_year) +
         ",MONTH(" + date + ")=--" + month + ",DAY(" + date + ")=--" + day + ")";
}

}  // namespace

void add_column_validation(lxw_worksheet* sheet, std::uint32_t first_row, std::uint32_t last_row,
                           std::uint16_t col, const doc::TableColumn& column,
                           const ColumnCheck& rule, const std::string& title) {
  using Kind = ColumnCheck::Kind;
  if (rule.kind == Kind::kNone && column.input_message.empty()) return;
  lxw_data_validation validation{};
  const std::string input_title = cut(title, kMaxInputTitle);
  std::string message = column.input_message;
  std::string error_title;
  std::string error_message;
  std::string formula;
  validation.ignore_blank = LXW_VALIDATION_ON;
  validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  switch (rule.kind) {
    case Kind::kNone:
      validation.validate = LXW_VALIDATION_TYPE_ANY;
      break;
    case Kind::kList:
    case Kind::kCodeFrom:
      validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      formula = rule.formula;
      validation.dropdown = LXW_VALIDATION_ON;
      if (message.empty()) message = "Chọn một giá trị trong danh sách.";
      if (rule.kind == Kind::kList) {
        error_title = "Giá trị không có trong danh sách";
        error_message = "Hãy chọn một giá trị trong danh sách thả xuống của ô này.";
      } else {
        // A code already in the database (imported earlier) need not be on
        // this workbook's sheet: a warning, which the user may pass.
        validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
        error_title = "Mã chưa có trong bảng tính";
        error_message =
            "Mã này không có trong danh sách mã của bảng tính. Nếu mã đã có trong dữ liệu của "
            "tỉnh, chọn Yes (Có) để giữ; nếu không, hãy nhập trước ở trang tương ứng.";
      }
      break;
    case Kind::kWholeNumber:
      validation.validate = LXW_VALIDATION_TYPE_INTEGER;
      validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      validation.minimum_number = static_cast<double>(rule.minimum);
      validation.maximum_number = static_cast<double>(rule.maximum);
      error_title = "Cần một số nguyên";
      error_message = "Hãy nhập một số nguyên từ " + std::to_string(rule.minimum) + " đến " +
                      std::to_string(rule.maximum) + ".";
      break;
    case Kind::kDateText:
      validation.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
      formula = date_text_formula(cell_name(first_row, col), rule.minimum, rule.maximum);
      error_title = "Ngày không đúng dạng";
      error_message = "Hãy viết ngày dạng năm-tháng-ngày, ví dụ 2019-06-30 (năm từ " +
                      std::to_string(rule.minimum) + " đến " + std::to_string(rule.maximum) + ").";
      break;
  }
  if (!formula.empty()) validation.value_formula = const_cast<char*>(formula.c_str());
  const std::string input_message = cut(message, kMaxInputMessage);
  validation.show_input = LXW_VALIDATION_ON;
  if (!input_title.empty()) validation.input_title = const_cast<char*>(input_title.c_str());
  validation.input_message = const_cast<char*>(input_message.c_str());
  if (!error_message.empty()) {
    validation.show_error = LXW_VALIDATION_ON;
    validation.error_title = const_cast<char*>(error_title.c_str());
    validation.error_message = const_cast<char*>(error_message.c_str());
  }
  check(worksheet_data_validation_range(sheet, first_row, col, last_row, col, &validation),
        "thêm danh sách chọn / gợi ý nhập cho cột " + column_name(col));
}

void protect_for_input(lxw_worksheet* sheet) {
  lxw_protection protection{};
  protection.format_columns = LXW_TRUE;
  protection.format_rows = LXW_TRUE;
  protection.insert_rows = LXW_TRUE;
  protection.delete_rows = LXW_TRUE;
  protection.sort = LXW_TRUE;
  protection.autofilter = LXW_TRUE;
  worksheet_protect(sheet, nullptr, &protection);
}

}  // namespace ocopdoc::xlsx::detail
