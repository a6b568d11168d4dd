// Drop-down lists, input messages and sheet protection for data-entry
// workbooks.
//
// A drop-down always refers to a range on the hidden list sheet
// (LXW_VALIDATION_TYPE_LIST_FORMULA), never to an inline list: libxlsxwriter
// 1.1.4 aborts ("buffer overflow detected") when an inline list's items total
// more than 255 bytes, which a few Vietnamese commune names already reach,
// and Excel itself caps inline lists at 255 characters.

#include <algorithm>

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
  // Users choose from the lists; they do not edit them.
  worksheet_hide(sheet);
}

std::string ChoiceListSheet::range_formula(const std::string& list_name) const {
  const auto found = ranges_.find(list_name);
  return found == ranges_.end() ? std::string() : found->second;
}

void add_column_validation(lxw_worksheet* sheet, std::uint32_t first_row, std::uint32_t last_row,
                           std::uint16_t col, const doc::TableColumn& column,
                           const std::string& list_formula, const std::string& title) {
  const bool has_list = !list_formula.empty();
  if (!has_list && column.input_message.empty()) return;
  lxw_data_validation validation{};
  const std::string input_title = cut(title, kMaxInputTitle);
  std::string message = column.input_message;
  if (has_list) {
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = const_cast<char*>(list_formula.c_str());
    validation.ignore_blank = LXW_VALIDATION_ON;
    validation.dropdown = LXW_VALIDATION_ON;
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    validation.show_error = LXW_VALIDATION_ON;
    if (message.empty()) message = "Chọn một giá trị trong danh sách.";
  } else {
    validation.validate = LXW_VALIDATION_TYPE_ANY;
  }
  const std::string input_message = cut(message, kMaxInputMessage);
  static const std::string kErrorTitle = "Giá trị không có trong danh sách";
  static const std::string kErrorMessage =
      "Hãy chọn một giá trị trong danh sách thả xuống của ô này.";
  validation.show_input = LXW_VALIDATION_ON;
  if (!input_title.empty()) validation.input_title = const_cast<char*>(input_title.c_str());
  validation.input_message = const_cast<char*>(input_message.c_str());
  if (has_list) {
    validation.error_title = const_cast<char*>(kErrorTitle.c_str());
    validation.error_message = const_cast<char*>(kErrorMessage.c_str());
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
