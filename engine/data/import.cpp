#include "data/import.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "data/csv_reader.h"
#include "data/record_source.h"
#include "data/schema.h"
#include "data/xlsx_reader.h"
#include "text/text.h"

namespace ocopdoc::data {

std::string Diagnostic::to_string() const {
  if (!sheet.empty())
    return file + ":" + sheet + "!" + column_letters(column) + std::to_string(line) + ": " +
           message;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

namespace {

std::string join_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string all;
  for (const Diagnostic& d : diagnostics) {
    if (!all.empty()) all += '\n';
    all += d.to_string();
  }
  return all;
}

}  // namespace

ImportFailed::ImportFailed(std::vector<Diagnostic> diagnostics, bool truncated)
    : std::runtime_error(join_messages(diagnostics)),
      diagnostics_(std::move(diagnostics)),
      truncated_(truncated) {}

namespace {

// A checked value: NULL, whole number, decimal or text.  (A plain struct
// rather than std::variant: GCC 12 reports false "maybe uninitialized"
// warnings for variants of strings at -O2.)
struct Value {
  enum class Kind { kNull, kInteger, kReal, kText } kind = Kind::kNull;
  int64_t integer = 0;
  double real = 0;
  std::string text;

  static Value null() { return {}; }
  static Value of(int64_t v) { return {Kind::kInteger, v, 0, {}}; }
  static Value of(double v) { return {Kind::kReal, 0, v, {}}; }
  static Value of(std::string v) { return {Kind::kText, 0, 0, std::move(v)}; }
};

// Raised inside the per-value checks; becomes a Diagnostic at the value's column.
struct ValueError {
  explicit ValueError(std::string text, std::optional<size_t> offset = std::nullopt)
      : message(std::move(text)), byte_offset(offset) {}
  std::string message;
  std::optional<size_t> byte_offset;  // within the field, for invalid UTF-8
};

std::string shown(std::string_view value) {
  // Long values are cut for messages; the cut is on a UTF-8 boundary.
  constexpr size_t kMax = 60;
  std::string text(value.substr(0, kMax));
  if (value.size() > kMax) {
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
      text.pop_back();
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
    text += "…";
  }
  return "\"" + text + "\"";
}

std::string column_title(const ColumnSpec& column) {
  return "cột \"" + std::string(column.name) + "\" (" + std::string(column.label) + ")";
}

std::string join(std::span<const std::string_view> items, std::string_view separator) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

int64_t parse_integer(std::string_view text, const ColumnSpec& column) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) throw ValueError{"số " + shown(text) + " quá lớn"};
  if (error != std::errc() || end != text.data() + text.size()) {
    if (text.find_first_of(".,") != std::string_view::npos &&
        text.find_first_not_of("0123456789.,-") == std::string_view::npos)
      throw ValueError{
          "cần một số nguyên chỉ gồm chữ số, không dùng dấu chấm hay dấu phẩy "
          "ngăn cách hàng nghìn: " +
          shown(text)};
    throw ValueError{"cần một số nguyên, nhận được " + shown(text)};
  }
  if (value < column.min || value > column.max)
    throw ValueError{"giá trị " + std::to_string(value) + " nằm ngoài khoảng cho phép " +
                     text::format_integer(column.min) + " – " + text::format_integer(column.max)};
  return value;
}

double parse_real(std::string_view text, const ColumnSpec& column) {
  std::string canonical(text);
  std::replace(canonical.begin(), canonical.end(), ',', '.');
  double value = 0;
  auto [end, error] = std::from_chars(canonical.data(), canonical.data() + canonical.size(), value);
  if (error != std::errc() || end != canonical.data() + canonical.size() ||
      std::count(canonical.begin(), canonical.end(), '.') > 1 || !std::isfinite(value))
    throw ValueError{"cần một số (dấu phẩy hoặc dấu chấm thập phân), nhận được " + shown(text)};
  if (value < static_cast<double>(column.min) || value > static_cast<double>(column.max))
    throw ValueError{"giá trị " + shown(text) + " nằm ngoài khoảng cho phép " +
                     text::format_integer(column.min) + " – " + text::format_integer(column.max)};
  return value;
}

text::Date parse_date_in_range(std::string_view text) {
  text::Date date;
  try {
    date = text::parse_iso_date(text);
  } catch (const text::Error& error) {
    throw ValueError{error.what()};
  }
  if (date.year < 1900 || date.year > 2100)
    throw ValueError{"năm " + std::to_string(date.year) + " của ngày " + shown(text) +
                     " không hợp lý (cần từ 1900 đến 2100)"};
  return date;
}

std::string two_digits(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string iso_period(int year, int month) {
  std::string y = std::to_string(year);
  return std::string(4 - std::min<size_t>(4, y.size()), '0') + y + "-" + two_digits(month);
}

std::string iso(const text::Date& d) {
  return iso_period(d.year, d.month) + "-" + two_digits(d.day);
}

// A certificate is valid 36 months from the rating date (ocop.md).  29 February
// plus three years is 28 February.
std::string add_36_months(const text::Date& d) {
  text::Date end = d;
  end.year += 3;
  const bool leap = (end.year % 4 == 0 && end.year % 100 != 0) || end.year % 400 == 0;
  if (end.month == 2 && end.day == 29 && !leap) end.day = 28;
  return iso(end);
}

// Checks and normalises one raw CSV field for `column`.
Value check_value(const ColumnSpec& column, const std::string& raw) {
  std::string clean;
  try {
    clean = text::normalize(raw, column.kind == ValueKind::kLongText);
  } catch (const text::Error& error) {
    throw ValueError{error.what(), error.byte_offset()};
  }
  if (clean.empty()) {
    if (column.required) throw ValueError{"thiếu giá trị bắt buộc"};
    if (column.empty_is_zero) return Value::of(int64_t{0});
    return Value::null();
  }
  // The drop-down lists of the data-entry workbook offer "code - name"
  // ("40101 - Thị trấn Nga Sơn", "DN - Doanh nghiệp", "3 - Nhận phương án"):
  // a code, a choice or a whole number never holds " - ", so what stands
  // before it is the value.  Free text keeps it as written.
  if (column.kind == ValueKind::kCode || column.kind == ValueKind::kChoice ||
      column.kind == ValueKind::kInteger) {
    const size_t label = clean.find(" - ");
    // A name has letters ("5 - 7" is not "5" with a name: it stays, and is
    // refused as a number).
    const bool named = label != std::string::npos &&
                       std::any_of(clean.begin() + static_cast<std::ptrdiff_t>(label) + 3,
                                   clean.end(), [](char c) {
                                     const auto byte = static_cast<unsigned char>(c);
                                     return byte >= 0x80 || std::isalpha(byte);
                                   });
    if (named && label > 0) clean.erase(clean.find_last_not_of(' ', label) + 1);
  }
  switch (column.kind) {
    case ValueKind::kText:
    case ValueKind::kLongText:
      return Value::of(clean);
    case ValueKind::kCode:
      if (clean.find_first_of(" \n") != std::string::npos)
        throw ValueError{"mã không được chứa khoảng trắng: " + shown(clean)};
      return Value::of(clean);
    case ValueKind::kInteger:
      return Value::of(parse_integer(clean, column));
    case ValueKind::kReal:
      return Value::of(parse_real(clean, column));
    case ValueKind::kDate:
      return Value::of(iso(parse_date_in_range(clean)));
    case ValueKind::kPeriod:
      try {
        text::Date period = text::parse_year_month(clean);
        return Value::of(iso_period(period.year, period.month));
      } catch (const text::Error& error) {
        throw ValueError{error.what()};
      }
    case ValueKind::kChoice:
      for (std::string_view choice : column.choices) {
        if (clean == choice) return Value::of(clean);
      }
      throw ValueError{"giá trị " + shown(clean) +
                       " không hợp lệ; chỉ được một trong: " + join(column.choices, ", ")};
  }
  return Value::of(clean);
}

std::string_view trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// nhiem_vu.thu_tu_y: item names separated by commas, each optionally with its
// own label after "=" ("thoi_gian, noi_dung, doi_tuong = Đối tượng đào tạo").
// Returns it without the spaces around names, commas and "=", the form the
// view nhiem_vu_y splits; a misspelt name would otherwise silently fall back
// to the usual order.
std::string normalize_task_items(std::string_view text) {
  std::string out;
  std::vector<std::string_view> seen;
  size_t start = 0;
  for (int number = 1;; ++number) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view entry = text.substr(start, comma - start);
    const size_t equals = entry.find('=');
    const std::string_view name = trimmed(entry.substr(0, equals));
    const std::string_view label =
        equals == std::string_view::npos ? std::string_view() : trimmed(entry.substr(equals + 1));
    const std::string where = "ý thứ " + std::to_string(number);
    if (name.empty())
      throw ValueError{where + " trống (hai dấu phẩy liền nhau, hay dấu phẩy ở đầu hoặc cuối?)"};
    const auto items = task_items();
    if (std::find(items.begin(), items.end(), name) == items.end())
      throw ValueError{where + " là " + shown(name) + ", không phải tên một ý; chỉ được: " +
                       join(items, ", ") + " (mỗi ý có thể kèm nhãn riêng sau dấu \"=\")"};
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      throw ValueError{"ý " + shown(name) + " được kể hai lần"};
    if (equals != std::string_view::npos && label.empty())
      throw ValueError{"ý " + shown(name) + " có dấu \"=\" nhưng thiếu nhãn sau nó"};
    seen.push_back(name);
    if (!out.empty()) out += ',';
    out += name;
    if (!label.empty()) out += "=" + std::string(label);
    if (comma == text.size()) break;
    start = comma + 1;
  }
  return out;
}

const std::string* text_of(const Value& value) {
  return value.kind == Value::Kind::kText ? &value.text : nullptr;
}
const int64_t* int_of(const Value& value) {
  return value.kind == Value::Kind::kInteger ? &value.integer : nullptr;
}

// One file's header, mapped onto the table's columns.
struct FileLayout {
  const TableSpec* table = nullptr;
  std::vector<const ColumnSpec*> columns;  // per CSV field position
  // Columns of the table that the file provides, in spec order, with their
  // CSV positions; derived columns are appended by the row checks.
  std::vector<std::pair<const ColumnSpec*, size_t>> present;

  std::optional<size_t> position_of(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] && columns[i]->name == name) return i;
    }
    return std::nullopt;
  }
};

struct InputFile {
  std::string path;
  const TableSpec* table = nullptr;
  size_t table_order = 0;
  size_t argument_order = 0;
  std::vector<std::string> header;  // column names as read, for messages found later
  // A sheet of a workbook: its name and index, and the workbook (shared by
  // the file's sheets).  Empty for a CSV file.
  std::string sheet;
  size_t sheet_index = 0;
  std::shared_ptr<const XlsxWorkbook> workbook;
  size_t rows = 0;  // data rows read
  // A file of rows to delete (`--xoa`), named by their key.
  bool deletion = false;

  // How messages refer to the file in a sentence ("của tệp ...").
  std::string shown_name() const { return sheet.empty() ? path : path + " (trang " + sheet + ")"; }
};

bool is_key(const TableSpec& table, std::string_view column) {
  return std::find(table.key.begin(), table.key.end(), column) != table.key.end();
}

// A table's position in importable_tables(): how temp.nguon_dong names it.
int64_t table_index(std::string_view name) {
  return static_cast<int64_t>(find_table(name) - importable_tables().data());
}

// A column's position in a file's header (1-based), for messages found by
// SQL after the rows were read; 1 when the file has no such column.
size_t column_number(const InputFile& file, std::string_view name) {
  for (size_t i = 0; i < file.header.size(); ++i) {
    if (file.header[i] == name) return i + 1;
  }
  return 1;
}

InputFile input_file(const std::string& path, const TableSpec& table, size_t argument_order) {
  InputFile file;
  file.path = path;
  file.table = &table;
  file.table_order = static_cast<size_t>(&table - importable_tables().data());
  file.argument_order = argument_order;
  return file;
}

// Collects diagnostics up to the limit.
class Diagnostics {
 public:
  explicit Diagnostics(size_t limit) : limit_(limit) {}
  void add(std::string file, size_t line, size_t column, std::string message,
           std::string sheet = {}) {
    if (list_.size() >= limit_) {
      truncated_ = true;
      return;
    }
    list_.push_back({std::move(file), line, column, std::move(message), std::move(sheet)});
  }
  void add(const InputFile& file, size_t line, size_t column, std::string message) {
    add(file.path, line, column, std::move(message), file.sheet);
  }
  // Drops the diagnostics added since the list had `size` entries that
  // `unwanted` picks.
  template <typename Predicate>
  void drop_since(size_t size, Predicate unwanted) {
    list_.erase(
        std::remove_if(list_.begin() + static_cast<std::ptrdiff_t>(size), list_.end(), unwanted),
        list_.end());
  }
  bool full() const { return list_.size() >= limit_; }
  bool empty() const { return list_.empty(); }
  size_t size() const { return list_.size(); }
  [[noreturn]] void raise() { throw ImportFailed(std::move(list_), truncated_); }

 private:
  size_t limit_;
  std::vector<Diagnostic> list_;
  bool truncated_ = false;
};

// A value's problem as said at its cell: the column, the problem, and for
// invalid UTF-8 in a CSV file the byte where it is.
std::string value_message(const InputFile& file, const ColumnSpec& column, const CsvField& field,
                          const ValueError& error) {
  std::string message = column_title(column) + ": " + error.message;
  if (!column.empty_means.empty())
    message += "; để trống ô này nếu là " + std::string(column.empty_means);
  if (error.byte_offset && file.sheet.empty())
    message += " (vị trí byte " + std::to_string(field.byte_offset + *error.byte_offset) +
               " trong tệp, tính từ 0)";
  return message;
}

void bind_value(Statement& statement, int index, const Value& value) {
  switch (value.kind) {
    case Value::Kind::kInteger:
      statement.bind(index, value.integer);
      break;
    case Value::Kind::kReal:
      statement.bind(index, value.real);
      break;
    case Value::Kind::kText:
      statement.bind(index, value.text);
      break;
    case Value::Kind::kNull:
      statement.bind(index, std::nullopt);
      break;
  }
}

// The table a file belongs to: "san_pham.csv" or "san_pham-nga-son.csv".
const TableSpec* table_for_file(const std::string& path) {
  std::filesystem::path p(path);
  std::string stem = p.stem().string();
  if (const TableSpec* exact = find_table(stem)) return exact;
  size_t dash = stem.find('-');
  if (dash != std::string::npos) return find_table(std::string_view(stem).substr(0, dash));
  return nullptr;
}

// "ma, ten, loai_hinh, ..." for messages.
std::string column_names(const TableSpec& table) {
  std::string names;
  for (const ColumnSpec& column : table.columns) {
    if (!names.empty()) names += ", ";
    names += column.name;
  }
  return names;
}

std::string known_tables() {
  std::string names;
  for (const TableSpec& table : importable_tables()) {
    if (!names.empty()) names += ", ";
    names += table.name;
  }
  return names;
}

class Importer {
 public:
  Importer(Database& db, const ImportOptions& options)
      : db_(db), diagnostics_(options.max_errors) {}

  ImportResult run(const std::vector<std::string>& paths,
                   const std::vector<std::string>& deletion_paths);

 private:
  std::vector<InputFile> resolve(const std::vector<std::string>& paths);
  void resolve_workbook(const std::string& path, size_t argument_order,
                        std::vector<InputFile>& files);
  std::optional<FileLayout> read_header(InputFile& file, const std::vector<CsvField>& header,
                                        size_t line);
  std::unique_ptr<RecordSource> open_records(InputFile& file, std::ifstream& in,
                                             std::vector<CsvField>& record,
                                             std::optional<FileLayout>& layout);
  template <typename Body>
  void reading(InputFile& file, Body body);
  bool record_fits(const InputFile& file, const FileLayout& layout,
                   const std::vector<CsvField>& record, size_t line);
  void import_file(size_t file_index, InputFile& file, TableImportCount& count);
  void delete_file(size_t file_index, InputFile& file, TableImportCount& count);
  void check_deleted_references();
  bool check_row(const InputFile& file, const FileLayout& layout,
                 const std::vector<CsvField>& record, std::vector<Value>& values,
                 std::vector<std::pair<std::string, Value>>& derived);
  void check_references(const std::vector<InputFile>& files);
  void check_cross_rows(const std::vector<InputFile>& files);
  void check_step_history();
  void check_budget_months();
  std::string upsert_sql(const FileLayout& layout,
                         const std::vector<std::pair<std::string, Value>>& derived);
  // Where (file, line) a row of this import came from, for messages found by SQL.
  std::pair<const InputFile*, size_t> source_of(int64_t file_index, int64_t line) const;

  Database& db_;
  Diagnostics diagnostics_;
  std::vector<InputFile> files_;
};

std::vector<InputFile> Importer::resolve(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    std::filesystem::path p(path);
    std::string extension = p.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".xls") {
      diagnostics_.add(path, 1, 1,
                       "tệp .xls (Excel 97–2003) chưa đọc được; hãy mở trong Excel hay "
                       "LibreOffice và lưu lại thành .xlsx (hoặc CSV UTF-8)");
      continue;
    }
    if (extension == ".xlsx" || extension == ".xlsm") {
      resolve_workbook(path, i, files);
      continue;
    }
    if (extension != ".csv") {
      diagnostics_.add(path, 1, 1,
                       "chỉ nhập được tệp .csv (tên tệp là tên bảng, ví dụ san_pham.csv) hoặc "
                       "bảng tính .xlsx (tên trang là tên bảng)");
      continue;
    }
    const TableSpec* table = table_for_file(path);
    if (!table) {
      diagnostics_.add(path, 1, 1,
                       "tên tệp không ứng với bảng nào; tên tệp phải là tên bảng (" +
                           known_tables() + "), ví dụ san_pham.csv hoặc san_pham-nga-son.csv");
      continue;
    }
    files.push_back(input_file(path, *table, i));
  }
  // Dependency order; files of one table keep their command-line order.
  std::stable_sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) {
    return a.table_order < b.table_order;
  });
  return files;
}

// A workbook's visible sheets, each as a file of the table it is named
// after.  Hidden sheets (the data-entry workbook's lists) are left out; a
// visible sheet named after no table is an error rather than silently left
// out, since its rows would be lost.
void Importer::resolve_workbook(const std::string& path, size_t argument_order,
                                std::vector<InputFile>& files) {
  std::shared_ptr<const XlsxWorkbook> workbook;
  try {
    workbook = std::make_shared<const XlsxWorkbook>(path);
  } catch (const XlsxError& error) {
    diagnostics_.add(path, 1, 1, std::string("không đọc được bảng tính: ") + error.what());
    return;
  }
  const size_t errors_before = diagnostics_.size();
  size_t used = 0;
  for (size_t index = 0; index < workbook->sheets().size(); ++index) {
    const XlsxSheetInfo& sheet = workbook->sheets()[index];
    if (sheet.hidden) continue;
    const TableSpec* table = table_for_sheet(sheet.name);
    if (!table) {
      diagnostics_.add(path, 1, 1,
                       "trang tính \"" + sheet.name +
                           "\" không ứng với bảng nào; tên trang phải là tên bảng (" +
                           known_tables() +
                           ") hay tên đó viết có dấu, ví dụ \"Sản phẩm\" cho san_pham; "
                           "trang ẩn được bỏ qua",
                       sheet.name);
      continue;
    }
    InputFile file = input_file(path, *table, argument_order);
    file.sheet = sheet.name;
    file.sheet_index = index;
    file.workbook = workbook;
    files.push_back(std::move(file));
    ++used;
  }
  if (used == 0 && diagnostics_.size() == errors_before)
    diagnostics_.add(
        path, 1, 1,
        "bảng tính không có trang nào (không ẩn) mang tên một bảng (" + known_tables() + ")");
}

std::optional<FileLayout> Importer::read_header(InputFile& file,
                                                const std::vector<CsvField>& header, size_t line) {
  FileLayout layout;
  layout.table = file.table;
  bool ok = true;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name;
    try {
      name = text::normalize(header[i].value);
    } catch (const text::Error& error) {
      diagnostics_.add(file, header[i].line, i + 1, std::string("tên cột: ") + error.what());
      ok = false;
      layout.columns.push_back(nullptr);
      continue;
    }
    file.header.push_back(name);
    if (name.empty() && !file.sheet.empty()) {
      // A sheet's column with no name above it: nothing of it is read (a
      // value in it is reported by SheetSource).
      layout.columns.push_back(nullptr);
      continue;
    }
    const ColumnSpec* match = nullptr;
    for (const ColumnSpec& column : file.table->columns) {
      if (column.name == name) match = &column;
    }
    if (!match) {
      diagnostics_.add(file, header[i].line, i + 1,
                       "cột " + shown(name) + " không có trong bảng " +
                           std::string(file.table->name) +
                           "; các cột được phép: " + column_names(*file.table));
      ok = false;
    } else if (layout.position_of(match->name)) {
      diagnostics_.add(file, header[i].line, i + 1, "cột " + shown(name) + " lặp lại");
      ok = false;
      match = nullptr;
    }
    layout.columns.push_back(match);
  }
  for (const ColumnSpec& column : file.table->columns) {
    auto position = layout.position_of(column.name);
    if (position) {
      layout.present.emplace_back(&column, *position);
    } else if (file.deletion ? is_key(*file.table, column.name) && !column.empty_is_zero
                             : column.required) {
      diagnostics_.add(file, line, header.size() + 1,
                       "thiếu cột bắt buộc \"" + std::string(column.name) + "\" (" +
                           std::string(column.label) + ")" +
                           (file.deletion ? ": tệp xóa dòng cần đủ các cột khóa của bảng (" +
                                                join(file.table->key, ", ") + ")"
                                          : std::string()));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return layout;
}

bool Importer::check_row(const InputFile& file, const FileLayout& layout,
                         const std::vector<CsvField>& record, std::vector<Value>& values,
                         std::vector<std::pair<std::string, Value>>& derived) {
  const size_t errors_before = diagnostics_.size();
  values.clear();
  derived.clear();
  for (const auto& [column, position] : layout.present) {
    const CsvField& field = record[position];
    try {
      values.push_back(check_value(*column, field.value));
    } catch (const ValueError& error) {
      diagnostics_.add(file, field.line, position + 1, value_message(file, *column, field, error));
      values.push_back(Value::null());
    }
  }
  if (diagnostics_.size() != errors_before) return false;

  auto value = [&](std::string_view name) -> const Value* {
    for (size_t i = 0; i < layout.present.size(); ++i) {
      if (layout.present[i].first->name == name) return &values[i];
    }
    return nullptr;
  };
  auto report = [&](std::string_view name, const std::string& message) {
    auto position = layout.position_of(name);
    size_t column = position ? *position + 1 : 1;
    size_t line = position ? record[*position].line : record.front().line;
    diagnostics_.add(file, line, column, message);
  };
  auto date_order = [&](std::string_view from, std::string_view to) {
    const std::string* a = value(from) ? text_of(*value(from)) : nullptr;
    const std::string* b = value(to) ? text_of(*value(to)) : nullptr;
    if (a && b && *b < *a)
      report(to, "cột \"" + std::string(to) + "\": ngày " + shown(*b) + " trước ngày " +
                     std::string(from) + " " + shown(*a));
  };

  const std::string_view table = layout.table->name;
  if (table == "don_vi") {
    const int64_t cap = *int_of(*value("cap"));
    const Value* parent = value("ma_cha");
    const bool has_parent = parent && text_of(*parent);
    if (cap == 1 && has_parent)
      report("ma_cha", "đơn vị cấp 1 (tỉnh) không có đơn vị cấp trên, nhưng ma_cha = " +
                           shown(*text_of(*parent)));
    if (cap > 1 && !has_parent)
      report(has_parent || !parent ? "cap" : "ma_cha",
             "đơn vị cấp " + std::to_string(cap) + " phải có mã đơn vị cấp trên (ma_cha)");
    if (has_parent && *text_of(*parent) == *text_of(*value("ma")))
      report("ma_cha", "đơn vị không thể là cấp trên của chính nó");
  } else if (table == "danh_gia") {
    const std::string& date = *text_of(*value("ngay"));
    const CriteriaMaxima maxima = criteria_for_date(date);
    const int64_t a = *int_of(*value("diem_a"));
    const int64_t b = *int_of(*value("diem_b"));
    const int64_t c = *int_of(*value("diem_c"));
    const int64_t stars = *int_of(*value("so_sao"));
    const std::string under =
        " theo bộ tiêu chí " + std::string(maxima.decision) + " áp dụng cho ngày đánh giá " + date;
    bool parts_ok = true;
    if (a > maxima.part_a) {
      report("diem_a", "điểm phần A là " + std::to_string(a) + ", tối đa " +
                           std::to_string(maxima.part_a) + under);
      parts_ok = false;
    }
    if (c > maxima.part_c) {
      report("diem_c", "điểm phần C là " + std::to_string(c) + ", tối đa " +
                           std::to_string(maxima.part_c) + under);
      parts_ok = false;
    }
    const int64_t total = a + b + c;
    const int expected = stars_for_score(static_cast<int>(total));
    if (parts_ok && stars != expected)
      report("so_sao",
             "số sao " + std::to_string(stars) + " không khớp với tổng điểm " +
                 std::to_string(total) + " (" + std::to_string(a) + " + " + std::to_string(b) +
                 " + " + std::to_string(c) + "): " + std::to_string(total) + " điểm là hạng " +
                 std::to_string(expected) +
                 " sao (1 sao dưới 30, 2 sao 30–49, 3 sao 50–69, 4 sao 70–89, 5 sao 90–100)");
    derived.emplace_back("bo_tieu_chi", Value::of(std::string(maxima.decision)));
    // The same columns must be derived on every row (one prepared statement
    // per file): fill an empty hieu_luc_den in place when the file has the
    // column, add it when the file does not.
    const Value* until = value("hieu_luc_den");
    Value default_until = Value::of(add_36_months(text::parse_iso_date(date)));
    if (!until) {
      derived.emplace_back("hieu_luc_den", std::move(default_until));
    } else if (!text_of(*until)) {
      values[static_cast<size_t>(until - values.data())] = std::move(default_until);
    } else if (*text_of(*until) <= date) {
      report("hieu_luc_den",
             "hiệu lực đến " + shown(*text_of(*until)) + " phải sau ngày đánh giá " + shown(date));
    }
  } else if (table == "nhiem_vu") {
    date_order("bat_dau", "ket_thuc");
    const Value* parent = value("ma_cha");
    if (parent && text_of(*parent) && *text_of(*parent) == *text_of(*value("ma")))
      report("ma_cha", "nhiệm vụ không thể là nhiệm vụ cha của chính nó");
    if (const Value* items = value("thu_tu_y"); items && text_of(*items)) {
      const ColumnSpec& column = *layout.present[static_cast<size_t>(items - values.data())].first;
      try {
        values[static_cast<size_t>(items - values.data())] =
            Value::of(normalize_task_items(*text_of(*items)));
      } catch (const ValueError& error) {
        report("thu_tu_y", column_title(column) + ": " + error.message);
      }
    }
  } else if (table == "du_toan") {
    const Value* month = value("thang");
    if (month && *int_of(*month) != 0 && *text_of(*value("loai")) == "du_toan")
      report("thang",
             "dòng dự toán (loai = du_toan) không được ghi tháng (để trống cột thang): dự toán "
             "được giao cho cả năm " +
                 std::to_string(*int_of(*value("nam"))) +
                 "; tháng chỉ ghi ở dòng giải ngân (loai = giai_ngan)");
  } else if (table == "khoa_hoc") {
    date_order("tu_ngay", "den_ngay");
  } else if (table == "chi_tieu") {
    const Value* low = value("gia_tri");
    const Value* high = value("gia_tri_toi_da");
    if (low && high && high->kind == Value::Kind::kReal && high->real < low->real)
      report("gia_tri_toi_da", "giá trị tối đa nhỏ hơn giá trị (gia_tri)");
  }
  return diagnostics_.size() == errors_before;
}

std::string Importer::upsert_sql(const FileLayout& layout,
                                 const std::vector<std::pair<std::string, Value>>& derived) {
  std::string names, placeholders, updates, key;
  auto add = [&](std::string_view name) {
    if (!names.empty()) {
      names += ", ";
      placeholders += ", ";
    }
    names += name;
    placeholders += "?";
    if (!is_key(*layout.table, name)) {
      if (!updates.empty()) updates += ", ";
      updates += std::string(name) + " = excluded." + std::string(name);
    }
  };
  for (const auto& [column, position] : layout.present) add(column->name);
  for (const auto& [name, value] : derived) add(name);
  for (std::string_view k : layout.table->key) {
    if (!key.empty()) key += ", ";
    key += k;
  }
  std::string sql = "INSERT INTO " + std::string(layout.table->name) + " (" + names + ") VALUES (" +
                    placeholders + ") ON CONFLICT (" + key + ") DO ";
  sql += updates.empty() ? "NOTHING" : "UPDATE SET " + updates;
  // RETURNING reports the row in both branches, so the importer knows which
  // stored row each CSV line became (duplicates, reference messages).
  return sql + " RETURNING rowid";
}

std::pair<const InputFile*, size_t> Importer::source_of(int64_t file_index, int64_t line) const {
  return {&files_.at(static_cast<size_t>(file_index)), static_cast<size_t>(line)};
}

// Opens a file (a CSV file, or a sheet of a workbook) and reads its header
// into `layout`.  Returns nullptr when there is nothing to read: a sheet
// left blank, which is no problem, or a file or header with a problem, which
// is reported.
std::unique_ptr<RecordSource> Importer::open_records(InputFile& file, std::ifstream& in,
                                                     std::vector<CsvField>& record,
                                                     std::optional<FileLayout>& layout) {
  std::unique_ptr<RecordSource> source;
  if (file.workbook) {
    auto sheet = std::make_unique<SheetSource>(*file.workbook, file.sheet_index, *file.table);
    const SheetSource::Header header = sheet->find_header(record);
    if (header == SheetSource::Header::kEmptySheet) return nullptr;  // nothing to read
    if (header == SheetSource::Header::kMissing) {
      if (sheet->missing_row() != 0) {
        diagnostics_.add(file, sheet->missing_row(), sheet->missing_column(),
                         "cột " + shown(sheet->missing_name()) + " không có trong bảng " +
                             std::string(file.table->name) +
                             "; các cột được phép: " + column_names(*file.table));
      } else {
        diagnostics_.add(
            file, 1, 1,
            "không thấy dòng tên cột: trong " + std::to_string(SheetSource::kHeaderSearchRows) +
                " dòng đầu không có dòng nào gồm tên cột của bảng " +
                std::string(file.table->name) + " (" + column_names(*file.table) + ")");
      }
      return nullptr;
    }
    source = std::move(sheet);
  } else {
    in.open(file.path, std::ios::binary);
    if (!in) {
      diagnostics_.add(file, 1, 1, "không đọc được tệp (không tồn tại hoặc không có quyền đọc)");
      return nullptr;
    }
    source = std::make_unique<CsvSource>(in);
    if (!source->next(record)) {
      diagnostics_.add(file, 1, 1, "tệp rỗng: thiếu dòng tiêu đề (tên các cột)");
      return nullptr;
    }
  }
  layout = read_header(file, record, source->record_line());
  if (!layout) return nullptr;
  return source;
}

// Opens `file` and runs `body(source, record, layout)`, which reads its
// rows through `source` into `record`; reports where the file itself is
// broken: a CSV syntax error at its character, a workbook's cell at the
// cell, a broken part at the row reached.
template <typename Body>
void Importer::reading(InputFile& file, Body body) {
  std::ifstream in;
  std::unique_ptr<RecordSource> source;
  std::vector<CsvField> record;
  std::optional<FileLayout> layout;
  try {
    source = open_records(file, in, record, layout);
    if (source) body(*source, record, *layout);
  } catch (const CsvSyntaxError& error) {
    diagnostics_.add(file, error.line(), error.column(), error.what());
  } catch (const XlsxError& error) {
    if (error.row() != 0) {
      diagnostics_.add(file, error.row(), std::max<size_t>(1, error.column()), error.what());
    } else {
      diagnostics_.add(file, std::max<size_t>(1, source ? source->record_line() : 1), 1,
                       std::string("bảng tính hỏng: ") + error.what());
    }
  }
}

// A record with as many fields as the header has columns; else reported.
bool Importer::record_fits(const InputFile& file, const FileLayout& layout,
                           const std::vector<CsvField>& record, size_t line) {
  if (record.size() == layout.columns.size()) return true;
  diagnostics_.add(file, line, std::min(record.size(), layout.columns.size()) + 1,
                   "dòng có " + std::to_string(record.size()) + " ô nhưng dòng tiêu đề có " +
                       std::to_string(layout.columns.size()) +
                       " cột (thiếu dấu phẩy, thừa dấu phẩy, hay ô có dấu phẩy chưa được bao "
                       "trong ngoặc kép?)");
  return false;
}

void Importer::import_file(size_t file_index, InputFile& file, TableImportCount& count) {
  reading(file, [&](RecordSource& source, std::vector<CsvField>& record, const FileLayout& layout) {
    std::optional<Statement> upsert;
    Statement remember = db_.prepare(
        "INSERT INTO temp.nguon_dong (bang, rid, tep, dong) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    Statement earlier =
        db_.prepare("SELECT tep, dong FROM temp.nguon_dong WHERE bang = ? AND rid = ?");
    std::vector<Value> values;
    std::vector<std::pair<std::string, Value>> derived;
    size_t rows = 0;
    while (!diagnostics_.full() && source.next(record)) {
      ++rows;
      const size_t line = source.record_line();
      // Cells that are not data are reported; the row's values are still
      // checked, so every error of the row shows in one run.
      for (const auto& [position, message] : source.problems())
        diagnostics_.add(file, line, position + 1, message);
      const bool has_problems = !source.problems().empty();
      if (!record_fits(file, layout, record, line)) continue;
      const size_t reported = diagnostics_.size();
      const bool row_ok = check_row(file, layout, record, values, derived);
      if (has_problems) {
        // A cell already reported (an error value reads as empty) is not
        // reported again as, say, a missing value.
        diagnostics_.drop_since(reported, [&](const Diagnostic& d) {
          return std::any_of(source.problems().begin(), source.problems().end(),
                             [&](const auto& problem) { return problem.first + 1 == d.column; });
        });
      }
      if (!row_ok || has_problems) continue;
      if (!upsert) upsert = db_.prepare(upsert_sql(layout, derived));

      int index = 1;
      for (const Value& v : values) bind_value(*upsert, index++, v);
      for (const auto& [name, v] : derived) bind_value(*upsert, index++, v);
      int64_t rowid = 0;
      try {
        if (upsert->step()) rowid = upsert->column_int(0);
        while (upsert->step()) {
        }
      } catch (const DatabaseError& error) {
        upsert->reset();
        diagnostics_.add(
            file, line, 1,
            std::string("dữ liệu vi phạm ràng buộc của cơ sở dữ liệu: ") + error.what());
        continue;
      }
      upsert->reset();

      const auto table_number = static_cast<int64_t>(file.table_order);
      remember.bind(1, table_number)
          .bind(2, rowid)
          .bind(3, static_cast<int64_t>(file_index))
          .bind(4, static_cast<int64_t>(line));
      remember.step();
      const bool first_time = db_.changes() > 0;
      remember.reset();
      if (!first_time) {
        earlier.bind(1, table_number).bind(2, rowid);
        earlier.step();
        auto [other_file, other_line] = source_of(earlier.column_int(0), earlier.column_int(1));
        earlier.reset();
        std::string key_text;
        for (std::string_view k : layout.table->key) {
          auto position = layout.position_of(k);
          const std::string raw = position ? record[*position].value : std::string();
          if (!key_text.empty()) key_text += ", ";
          // An empty du_toan.thang is a value of the key (the whole year):
          // said as in a deletion's message.
          key_text +=
              std::string(k) + (trimmed(raw).empty() ? std::string(" trống") : " = " + shown(raw));
        }
        diagnostics_.add(file, line, 1,
                         "trùng khóa (" + key_text + ") với dòng " + std::to_string(other_line) +
                             (other_file == &file ? "" : " của tệp " + other_file->shown_name()) +
                             "; mỗi khóa chỉ được một dòng trong một lần nhập");
      }
    }
    count.rows += rows;
    file.rows = rows;
    // A header with no rows is almost always a failed export, not an
    // intention to import nothing: say so rather than succeed silently.  (A
    // workbook's sheet may be left empty: a district fills only the sheets
    // it has data for; run() checks the workbook as a whole.)
    if (rows == 0 && !file.workbook)
      diagnostics_.add(file, 2, 1,
                       "tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào (tệp xuất bị thiếu?)");
  });
}

// Deletes the rows a file names by their key (`ocopdoc import --xoa`).  The
// file may have the table's other columns too, read but not compared: a user
// deleting rows often starts from a copy of the file that imported them, and
// the key alone names the row.  Each row must delete a row: a key that names
// none is a typing error, which would otherwise pass for a deletion done.
void Importer::delete_file(size_t file_index, InputFile& file, TableImportCount& count) {
  reading(file, [&](RecordSource& source, std::vector<CsvField>& record, const FileLayout& layout) {
    const TableSpec& table = *file.table;
    // The key's columns in the order of table.key, with their place in the
    // file.  A key column whose empty value means 0 (du_toan.thang: the
    // year as a whole) may be left out of the file, as of an import file:
    // its rows are then those with 0, never every value of the column.
    constexpr size_t kAbsent = static_cast<size_t>(-1);
    std::vector<std::pair<const ColumnSpec*, size_t>> key;
    for (std::string_view name : table.key) {
      for (const ColumnSpec& column : table.columns) {
        if (column.name != name) continue;
        const auto position = layout.position_of(name);
        key.emplace_back(&column, position ? *position : kAbsent);
      }
    }
    std::string where;
    for (size_t i = 0; i < key.size(); ++i) {
      if (i > 0) where += " AND ";
      where += std::string(key[i].first->name) + " = ?";
    }
    Statement erase = db_.prepare("DELETE FROM " + std::string(table.name) + " WHERE " + where);
    Statement remember =
        db_.prepare("INSERT INTO temp.dong_xoa (bang, khoa, ma, tep, dong) VALUES (?, ?, ?, ?, ?)");
    Statement earlier =
        db_.prepare("SELECT tep, dong FROM temp.dong_xoa WHERE bang = ? AND khoa = ?");
    const auto table_number = static_cast<int64_t>(file.table_order);
    std::vector<Value> values;
    size_t rows = 0;
    while (!diagnostics_.full() && source.next(record)) {
      ++rows;
      const size_t line = source.record_line();
      // Only the key is read: a cell of another column that is not data
      // (an error value, a formula without its result) is no matter here.
      const auto in_key = [&](size_t position) {
        return std::any_of(key.begin(), key.end(),
                           [&](const auto& column) { return column.second == position; });
      };
      bool row_ok = true;
      for (const auto& [position, message] : source.problems()) {
        if (!in_key(position)) continue;
        diagnostics_.add(file, line, position + 1, message);
        row_ok = false;
      }
      if (!row_ok || !record_fits(file, layout, record, line)) continue;
      values.clear();
      for (const auto& [column, position] : key) {
        if (position == kAbsent) {
          values.push_back(check_value(*column, std::string()));
          continue;
        }
        try {
          values.push_back(check_value(*column, record[position].value));
        } catch (const ValueError& error) {
          diagnostics_.add(file, record[position].line, position + 1,
                           value_message(file, *column, record[position], error));
          row_ok = false;
        }
      }
      if (!row_ok) continue;

      // The key as stored, for the list of deleted rows and for messages.
      std::vector<std::string> key_values;
      std::string stored_key, key_text;
      for (size_t i = 0; i < key.size(); ++i) {
        const Value& v = values[i];
        key_values.push_back(v.kind == Value::Kind::kInteger ? std::to_string(v.integer) : v.text);
        if (i > 0) {
          stored_key += '\x1f';
          key_text += ", ";
        }
        stored_key += key_values.back();
        // 0 stands for an empty cell (or no column) here: said as such.
        const bool empty =
            key[i].first->empty_is_zero && v.kind == Value::Kind::kInteger && v.integer == 0;
        key_text += std::string(key[i].first->name) +
                    (empty ? std::string(" trống") : " = " + shown(key_values.back()));
      }
      for (size_t i = 0; i < values.size(); ++i)
        bind_value(erase, static_cast<int>(i) + 1, values[i]);
      erase.step();
      erase.reset();
      if (db_.changes() == 0) {
        earlier.bind(1, table_number).bind(2, stored_key);
        if (earlier.step()) {
          auto [other_file, other_line] = source_of(earlier.column_int(0), earlier.column_int(1));
          diagnostics_.add(file, line, 1,
                           "trùng khóa (" + key_text + ") với dòng " + std::to_string(other_line) +
                               (other_file == &file ? "" : " của tệp " + other_file->shown_name()) +
                               ", dòng đó đã xóa dòng này; mỗi khóa chỉ được xóa một lần");
        } else {
          diagnostics_.add(file, line, 1,
                           "không có dòng nào có khóa (" + key_text + ") trong bảng " +
                               std::string(table.name) + " (" + std::string(table.label) +
                               ") để xóa: kiểm tra lại khóa");
        }
        earlier.reset();
        continue;
      }
      remember.bind(1, table_number)
          .bind(2, stored_key)
          .bind(3, key_values.front())
          .bind(4, static_cast<int64_t>(file_index))
          .bind(5, static_cast<int64_t>(line));
      remember.step();
      remember.reset();
      ++count.deleted;
    }
    file.rows = rows;
    if (rows == 0 && !file.workbook)
      diagnostics_.add(file, 2, 1, "tệp xóa dòng chỉ có dòng tiêu đề, không có dòng nào để xóa");
  });
}

// Rows other rows still name after the deletions and imports: a product
// deleted while its ratings stay, a course while its trainees stay.  Said at
// the deletion's row, with the way on.  (Checked after the imports, so a row
// deleted and imported again in one import, a replacement, is no problem;
// the foreign keys, deferred to the commit, would only say that some
// constraint failed.)
void Importer::check_deleted_references() {
  struct Found {
    int64_t file, line;
    size_t column;
    std::string message;
  };
  std::vector<Found> found;  // reported in the order of the deletion files' lines
  for (const TableSpec& child : importable_tables()) {
    for (const ColumnSpec& column : child.columns) {
      if (column.references.empty()) continue;
      const size_t dot = column.references.find('.');
      const std::string parent(column.references.substr(0, dot));
      const std::string parent_key(column.references.substr(dot + 1));
      const TableSpec* parent_spec = find_table(parent);
      if (!parent_spec) continue;
      const std::string name(column.name);
      // Rows this import brought are left out: check_references says at
      // each of them that its target is deleted.
      Statement still =
          db_.prepare("SELECT x.tep, x.dong, x.ma, count(*) FROM temp.dong_xoa x JOIN " +
                      std::string(child.name) + " c ON c." + name +
                      " = x.ma WHERE x.bang = ?1 AND NOT EXISTS " + "(SELECT 1 FROM " + parent +
                      " p WHERE p." + parent_key + " = x.ma) AND NOT EXISTS " +
                      "(SELECT 1 FROM temp.nguon_dong s WHERE s.bang = ?2 AND s.rid = c.rowid) " +
                      "GROUP BY x.tep, x.dong ORDER BY x.tep, x.dong");
      still.bind(1, table_index(parent));
      still.bind(2, table_index(child.name));
      while (still.step()) {
        const auto [source, line] = source_of(still.column_int(0), still.column_int(1));
        const std::string code = shown(still.column_text(2));
        found.push_back(
            {still.column_int(0), still.column_int(1), column_number(*source, parent_key),
             "không xóa được " + std::string(parent_spec->label) + " " + code + ": còn " +
                 std::to_string(still.column_int(3)) + " dòng của bảng " + std::string(child.name) +
                 " (" + std::string(child.label) + ") ghi " + name + " = " + code +
                 "; xóa cả các dòng đó trong cùng lần nhập (thêm --xoa " + std::string(child.name) +
                 ".csv), hoặc nhập chúng với mã khác"});
      }
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  for (Found& f : found) {
    const auto [source, line] = source_of(f.file, f.line);
    diagnostics_.add(*source, line, f.column, std::move(f.message));
  }
}

void Importer::check_references(const std::vector<InputFile>& files) {
  for (const TableSpec& table : importable_tables()) {
    const bool imported = std::any_of(files.begin(), files.end(),
                                      [&](const InputFile& f) { return f.table == &table; });
    if (!imported) continue;
    for (const ColumnSpec& column : table.columns) {
      if (column.references.empty()) continue;
      const size_t dot = column.references.find('.');
      const std::string parent(column.references.substr(0, dot));
      const std::string parent_key(column.references.substr(dot + 1));
      const std::string name(column.name);
      // Rows of this import whose reference has no target, in file order,
      // with the deletion that removed the target when this import did.
      Statement missing = db_.prepare(
          "SELECT s.tep, s.dong, c." + name + ", x.tep, x.dong FROM temp.nguon_dong s JOIN " +
          std::string(table.name) + " c ON c.rowid = s.rid LEFT JOIN temp.dong_xoa x ON " +
          "x.bang = ?2 AND x.ma = c." + name + " WHERE s.bang = ?1 AND c." + name +
          " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE p." + parent_key +
          " = c." + name + ") ORDER BY s.tep, s.dong");
      missing.bind(1, table_index(table.name));
      missing.bind(2, table_index(parent));
      const TableSpec* parent_spec = find_table(parent);
      while (!diagnostics_.full() && missing.step()) {
        auto [source, line] = source_of(missing.column_int(0), missing.column_int(1));
        const InputFile& file = *source;
        std::string where = "cả trong cơ sở dữ liệu lẫn trong các tệp đang nhập";
        if (!missing.column_is_null(3)) {
          auto [deleting, deleting_line] = source_of(missing.column_int(3), missing.column_int(4));
          where = "vì dòng " + std::to_string(deleting_line) + " của tệp xóa dòng " +
                  deleting->shown_name() + " xóa nó trong lần nhập này";
        }
        diagnostics_.add(file, line, column_number(file, column.name),
                         column_title(column) + ": " + shown(missing.column_text(2)) +
                             " không có trong bảng " + parent + " (" +
                             std::string(parent_spec ? parent_spec->label : "") + "), " + where);
      }
    }
  }
}

// The step history against the products (schema versions 3 and 5), for the
// rows of this import: a product's latest history row is its step now
// (san_pham.buoc), else a report of this month and one of a past month would
// disagree about where it stands; and no step after registration is dated
// before the registration (a report of that month would count the product at
// a step while its text says it was not yet registered).  Each message is
// said at the history row when this import brought it, else at the
// product's row: a re-imported san_pham.csv that moves a product on without
// a dated row is refused, since no date can be made up for the step.
void Importer::check_step_history() {
  Statement disagreeing = db_.prepare(
      "WITH cuoi AS (SELECT l.rowid AS rid, l.ma_san_pham, l.buoc, l.ngay FROM lich_su_buoc l "
      "WHERE l.ngay = (SELECT max(m.ngay) FROM lich_su_buoc m WHERE m.ma_san_pham = "
      "l.ma_san_pham)), "
      "som AS (SELECT l.rowid AS rid, l.ma_san_pham, l.buoc, l.ngay, p.ngay_dang_ky FROM "
      "lich_su_buoc l JOIN san_pham p ON p.ma = l.ma_san_pham WHERE l.buoc >= 2 AND l.ngay < "
      "p.ngay_dang_ky) "
      // kind 1, 2: the latest row disagrees (at the history row, at the product)
      "SELECT s.tep, s.dong, 1, c.ma_san_pham, c.buoc, c.ngay, p.buoc FROM temp.nguon_dong s "
      "JOIN cuoi c ON c.rid = s.rid JOIN san_pham p ON p.ma = c.ma_san_pham "
      "WHERE s.bang = ?1 AND c.buoc <> p.buoc "
      "UNION ALL "
      "SELECT s.tep, s.dong, 2, c.ma_san_pham, c.buoc, c.ngay, p.buoc FROM temp.nguon_dong s "
      "JOIN san_pham p ON p.rowid = s.rid JOIN cuoi c ON c.ma_san_pham = p.ma "
      "WHERE s.bang = ?2 AND c.buoc <> p.buoc AND NOT EXISTS (SELECT 1 FROM temp.nguon_dong t "
      "WHERE t.bang = ?1 AND t.rid = c.rid) "
      "UNION ALL "
      // kind 3, 4: a step dated before the registration (at the history
      // row, at the product: the earliest such row)
      "SELECT s.tep, s.dong, 3, o.ma_san_pham, o.buoc, o.ngay, o.ngay_dang_ky FROM "
      "temp.nguon_dong s JOIN som o ON o.rid = s.rid WHERE s.bang = ?1 "
      "UNION ALL "
      "SELECT s.tep, s.dong, 4, o.ma_san_pham, o.buoc, min(o.ngay), o.ngay_dang_ky FROM "
      "temp.nguon_dong s JOIN san_pham p ON p.rowid = s.rid JOIN som o ON o.ma_san_pham = p.ma "
      "WHERE s.bang = ?2 AND NOT EXISTS (SELECT 1 FROM temp.nguon_dong t JOIN som x ON x.rid = "
      "t.rid WHERE t.bang = ?1 AND x.ma_san_pham = p.ma) GROUP BY s.tep, s.dong "
      "UNION ALL "
      // kind 5: history rows deleted, and the latest row left disagrees, when
      // neither it nor the product came in this import (kinds 1 and 2 say
      // it there); at the product's last deletion row
      "SELECT x.tep, x.dong, 5, c.ma_san_pham, c.buoc, c.ngay, p.buoc FROM temp.dong_xoa x "
      "JOIN cuoi c ON c.ma_san_pham = x.ma JOIN san_pham p ON p.ma = x.ma "
      "WHERE x.bang = ?1 AND c.buoc <> p.buoc "
      "AND x.rowid = (SELECT max(y.rowid) FROM temp.dong_xoa y WHERE y.bang = ?1 AND y.ma = x.ma) "
      "AND NOT EXISTS (SELECT 1 FROM temp.nguon_dong t WHERE t.bang = ?1 AND t.rid = c.rid) "
      "AND NOT EXISTS (SELECT 1 FROM temp.nguon_dong t WHERE t.bang = ?2 AND t.rid = p.rowid) "
      "ORDER BY 1, 2");
  disagreeing.bind(1, table_index("lich_su_buoc"));
  disagreeing.bind(2, table_index("san_pham"));
  while (!diagnostics_.full() && disagreeing.step()) {
    auto [source, line] = source_of(disagreeing.column_int(0), disagreeing.column_int(1));
    const std::string product = shown(disagreeing.column_text(3));
    const std::string step = disagreeing.column_text(4);
    const std::string date = disagreeing.column_text(5);
    const std::string other = disagreeing.column_text(6);
    switch (disagreeing.column_int(2)) {
      case 1:
        diagnostics_.add(*source, line, column_number(*source, "buoc"),
                         "đây là dòng mới nhất của sản phẩm " + product +
                             " trong lịch sử bước, bước " + step + " ngày " + date +
                             ", nhưng ở bảng sản phẩm (san_pham) sản phẩm đang ở bước " + other +
                             ": sửa bước của sản phẩm thành " + step + ", hoặc sửa dòng này");
        break;
      case 2:
        diagnostics_.add(
            *source, line, column_number(*source, "buoc"),
            "sản phẩm " + product + " ở bước " + other +
                " nhưng lịch sử bước (lich_su_buoc) ghi bước mới nhất là bước " + step + " ngày " +
                date + ": nhập kèm một dòng lịch sử bước ghi ngày sản phẩm đạt bước " + other);
        break;
      case 3:
        diagnostics_.add(*source, line, column_number(*source, "ngay"),
                         "sản phẩm " + product + " đạt bước " + step + " ngày " + date +
                             ", trước ngày đăng ký " + other +
                             " ở bảng sản phẩm (san_pham): sửa một trong hai ngày");
        break;
      case 5:
        diagnostics_.add(*source, line, column_number(*source, "ngay"),
                         "xóa dòng này thì dòng mới nhất trong lịch sử bước của sản phẩm " +
                             product + " là bước " + step + " ngày " + date +
                             ", nhưng ở bảng sản phẩm (san_pham) sản phẩm đang ở bước " + other +
                             ": nhập kèm một dòng lịch sử bước ghi ngày sản phẩm đạt bước " +
                             other + ", hoặc sửa bước của sản phẩm");
        break;
      default:
        diagnostics_.add(*source, line, column_number(*source, "ngay_dang_ky"),
                         "sản phẩm " + product + " đăng ký ngày " + other +
                             " nhưng lịch sử bước (lich_su_buoc) ghi sản phẩm đạt bước " + step +
                             " ngày " + date + ", trước ngày đó: sửa một trong hai ngày");
        break;
    }
  }
}

// One project's source is disbursed in a year either month by month or in
// one row for the whole year (thang empty, stored 0), never both: a report
// adding the months up to June could not tell whether the year's row is
// their total or more.  Said once for each such project, source and year,
// at the first row that broke the rule: the first row of the other kind
// than the rows stored before this import (which agreed with each other),
// or, when every row of the year came in this import, than its first row.
// The way out differs: rows stored before are deleted with --xoa in the
// same import; rows of this import are corrected in the file.
void Importer::check_budget_months() {
  const int64_t table = table_index("du_toan");
  Statement groups = db_.prepare(
      "SELECT DISTINCT d.ma_du_an, d.nguon_von, d.nam FROM temp.nguon_dong s "
      "JOIN du_toan d ON d.rowid = s.rid WHERE s.bang = ?1 AND d.loai = 'giai_ngan' "
      "AND EXISTS (SELECT 1 FROM du_toan o WHERE o.ma_du_an = d.ma_du_an AND o.nguon_von = "
      "d.nguon_von AND o.nam = d.nam AND o.loai = 'giai_ngan' AND o.thang = 0) "
      "AND EXISTS (SELECT 1 FROM du_toan o WHERE o.ma_du_an = d.ma_du_an AND o.nguon_von = "
      "d.nguon_von AND o.nam = d.nam AND o.loai = 'giai_ngan' AND o.thang > 0)");
  // The year's rows: those stored before this import first, then this
  // import's in the order of its files and lines.
  Statement rows = db_.prepare(
      "SELECT d.thang, d.so_tien, s.tep, s.dong FROM du_toan d "
      "LEFT JOIN temp.nguon_dong s ON s.bang = ?1 AND s.rid = d.rowid "
      "WHERE d.ma_du_an = ?2 AND d.nguon_von = ?3 AND d.nam = ?4 AND d.loai = 'giai_ngan' "
      "ORDER BY s.tep IS NOT NULL, s.tep, s.dong");
  struct Finding {
    int64_t file, line;
    std::string message;
  };
  std::vector<Finding> findings;
  groups.bind(1, table);
  while (groups.step()) {
    const std::string project = groups.column_text(0);
    const std::string source = groups.column_text(1);
    const std::string year = groups.column_text(2);
    rows.bind(1, table).bind(2, project).bind(3, source).bind(4, groups.column_int(2));
    bool first = true, by_month = false, stored = false;
    int64_t first_file = 0, first_line = 0, whole_year_amount = 0;
    std::vector<int64_t> month_list;
    std::optional<Finding> finding;
    while (rows.step()) {
      const int64_t month = rows.column_int(0);
      if (first) {
        first = false;
        by_month = month > 0;
        stored = rows.column_is_null(2);
        if (!stored) {
          first_file = rows.column_int(2);
          first_line = rows.column_int(3);
        }
      }
      if ((month > 0) == by_month) {
        if (month > 0) month_list.push_back(month);
        if (month == 0) whole_year_amount = rows.column_int(1);
      } else if (!finding) {
        finding = Finding{rows.column_int(2), rows.column_int(3), {}};
      }
    }
    rows.reset();
    if (!finding) continue;
    // "2–12", "3, 5": the months in order, runs of three or more as a range.
    std::sort(month_list.begin(), month_list.end());
    std::string months;
    for (size_t i = 0; i < month_list.size();) {
      size_t j = i;
      while (j + 1 < month_list.size() && month_list[j + 1] == month_list[j] + 1) ++j;
      if (!months.empty()) months += ", ";
      months += std::to_string(month_list[i]);
      if (j >= i + 2) {
        months += "–" + std::to_string(month_list[j]);
      } else {
        j = i;
      }
      i = j + 1;
    }
    std::string where = ", nhập trước";
    if (!stored) {
      auto [other, line] = source_of(first_file, first_line);
      const InputFile* here = source_of(finding->file, finding->line).first;
      where = ", ở dòng " + std::to_string(line) +
              (other == here ? std::string() : " của tệp " + other->shown_name());
    }
    finding->message =
        "năm " + year + ", dự án " + shown(project) + ", nguồn vốn " + shown(source) +
        (by_month
             ? " đã ghi giải ngân theo tháng (tháng " + months + where +
                   "), nên không ghi thêm một dòng cả năm (không ghi tháng) được"
             : " đã ghi giải ngân chung cho cả năm (" + text::format_integer(whole_year_amount) +
                   " đồng" + where + "), nên không ghi thêm theo tháng được") +
        ": giải ngân một năm của một nguồn vốn ghi theo từng tháng, hoặc một dòng cả năm, "
        "không ghi cả hai; " +
        (stored ? std::string(by_month ? "muốn ghi một dòng cả năm, xóa các dòng theo tháng"
                                       : "muốn ghi theo tháng, xóa dòng cả năm") +
                      " bằng --xoa trong cùng lần nhập này"
                : std::string("sửa lại tệp: bỏ dòng này hoặc các dòng kia"));
    findings.push_back(std::move(*finding));
  }
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  for (const Finding& f : findings) {
    if (diagnostics_.full()) break;
    auto [source, line] = source_of(f.file, f.line);
    diagnostics_.add(*source, line, column_number(*source, "thang"), f.message);
  }
}

void Importer::check_cross_rows(const std::vector<InputFile>& files) {
  auto imported = [&](std::string_view name) {
    return std::any_of(files.begin(), files.end(),
                       [&](const InputFile& f) { return f.table->name == name; });
  };
  if (imported("don_vi")) {
    // A unit sits one level below its parent.
    Statement wrong_level = db_.prepare(
        "SELECT s.tep, s.dong, c.ma, c.cap, p.ma, p.cap FROM temp.nguon_dong s "
        "JOIN don_vi c ON c.rowid = s.rid JOIN don_vi p ON p.ma = c.ma_cha "
        "WHERE s.bang = ? AND c.cap <> p.cap + 1 ORDER BY s.tep, s.dong");
    wrong_level.bind(1, table_index("don_vi"));
    while (!diagnostics_.full() && wrong_level.step()) {
      auto [source, line] = source_of(wrong_level.column_int(0), wrong_level.column_int(1));
      diagnostics_.add(*source, line, 1,
                       "đơn vị " + shown(wrong_level.column_text(2)) + " ở cấp " +
                           wrong_level.column_text(3) + " nhưng đơn vị cấp trên " +
                           shown(wrong_level.column_text(4)) + " ở cấp " +
                           wrong_level.column_text(5) + " (cần đúng một cấp trên)");
    }
  }
  if (imported("san_pham") || imported("lich_su_buoc")) check_step_history();
  if (imported("nguoi_ky")) {
    Statement signers = db_.prepare(
        "SELECT s.tep, s.dong, k.chuc_vu, coalesce(k.ky_thay, '') FROM temp.nguon_dong s "
        "JOIN nguoi_ky k ON k.rowid = s.rid WHERE s.bang = ? ORDER BY s.tep, s.dong");
    signers.bind(1, table_index("nguoi_ky"));
    while (!diagnostics_.full() && signers.step()) {
      auto [source, line] = source_of(signers.column_int(0), signers.column_int(1));
      const std::string title = signers.column_text(2);
      const std::string for_whom = signers.column_text(3);
      // Titles compared whatever their case and accents ("Chủ tịch",
      // "CHỦ TỊCH"); a title with no letters compares as itself.
      const auto slug = [](const std::string& text) {
        try {
          return text::slugify(text);
        } catch (const text::Error&) {
          return text;
        }
      };
      const bool has_column = std::find(source->header.begin(), source->header.end(), "ky_thay") !=
                              source->header.end();
      if (!for_whom.empty() && slug(title) == slug(for_whom)) {
        // "KT. CHỦ TỊCH / CHỦ TỊCH" is no signature block.  A vice-chairman's
        // row re-imported for a new chairman from a file without the column
        // ky_thay makes it, as the stored value is kept; so the stored row is
        // checked, and the message says where the value came from.
        diagnostics_.add(*source, line, column_number(*source, "ky_thay"),
                         "người ký có chức vụ " + shown(title) + " lại ký thay " + shown(for_whom) +
                             ": người đứng đầu không ký thay ai, để trống cột " + "ky_thay" +
                             (has_column ? std::string()
                                         : " (tệp không có cột ky_thay nên " + shown(for_whom) +
                                               " nhập lần trước vẫn được giữ: thêm cột ky_thay "
                                               "và để trống)"));
      } else if (for_whom.empty() && slug(title).starts_with("pho-")) {
        // A deputy signs for the head (ND 30: "KT. CHỦ TỊCH / PHÓ CHỦ
        // TỊCH"), never in his own name.
        diagnostics_.add(*source, line, column_number(*source, has_column ? "ky_thay" : "chuc_vu"),
                         "người ký là " + shown(title) +
                             " nhưng cột ky_thay trống: cấp phó ký thay người đứng đầu, ghi "
                             "chức vụ người đứng đầu vào ky_thay (ví dụ \"Chủ tịch\")");
      }
    }
  }
  if (imported("du_toan")) check_budget_months();
  if (imported("du_toan")) {
    // One project code, one project name: the budget workbook groups by code
    // and prints the name; two spellings would print one of them at random.
    Statement names = db_.prepare(
        "SELECT s.tep, s.dong, d.ma_du_an, d.ten_du_an, "
        "(SELECT ten_du_an FROM du_toan o WHERE o.ma_du_an = d.ma_du_an AND "
        "o.ten_du_an <> d.ten_du_an LIMIT 1) FROM temp.nguon_dong s "
        "JOIN du_toan d ON d.rowid = s.rid WHERE s.bang = ? AND EXISTS (SELECT 1 FROM du_toan o "
        "WHERE o.ma_du_an = d.ma_du_an AND o.ten_du_an <> d.ten_du_an) ORDER BY s.tep, s.dong");
    names.bind(1, table_index("du_toan"));
    while (!diagnostics_.full() && names.step()) {
      auto [source, line] = source_of(names.column_int(0), names.column_int(1));
      diagnostics_.add(*source, line, 1,
                       "dự án " + shown(names.column_text(2)) + " có tên " +
                           shown(names.column_text(3)) + " nhưng dòng khác ghi tên " +
                           shown(names.column_text(4)) + "; một mã dự án chỉ có một tên");
    }
  }
}

ImportResult Importer::run(const std::vector<std::string>& paths,
                           const std::vector<std::string>& deletion_paths) {
  require_current_schema(db_);
  // Deletions first, children before parents (a product's ratings before
  // the product), then the imports in dependency order: a key deleted and
  // imported in one run is replaced.
  std::vector<InputFile> deletions = resolve(deletion_paths);
  for (InputFile& file : deletions) file.deletion = true;
  std::stable_sort(deletions.begin(), deletions.end(), [](const InputFile& a, const InputFile& b) {
    return a.table_order > b.table_order;
  });
  files_ = std::move(deletions);
  for (InputFile& file : resolve(paths)) files_.push_back(std::move(file));
  if (!diagnostics_.empty()) diagnostics_.raise();

  std::map<size_t, TableImportCount> counts;  // by table order
  // IMMEDIATE: take the write lock now, so a second importer waits (busy
  // timeout) instead of failing halfway through.
  db_.exec("BEGIN IMMEDIATE");
  try {
    db_.exec(
        "CREATE TEMP TABLE nguon_dong (bang INTEGER NOT NULL, rid INTEGER NOT NULL, "
        "tep INTEGER NOT NULL, dong INTEGER NOT NULL, PRIMARY KEY (bang, rid)) WITHOUT ROWID");
    // The rows deleted: their table, key (columns joined by U+001F), first
    // key column (what a reference names), and where the deletion was asked.
    db_.exec(
        "CREATE TEMP TABLE dong_xoa (bang INTEGER NOT NULL, khoa TEXT NOT NULL, ma TEXT NOT NULL, "
        "tep INTEGER NOT NULL, dong INTEGER NOT NULL, UNIQUE (bang, khoa))");
    for (size_t i = 0; i < files_.size() && !diagnostics_.full(); ++i) {
      InputFile& file = files_[i];
      TableImportCount& count =
          counts.try_emplace(file.table_order, TableImportCount{std::string(file.table->name)})
              .first->second;
      if (file.deletion) {
        delete_file(i, file, count);
        if (!(file.workbook && file.rows == 0)) count.files += 1;
        continue;
      }
      Statement before = db_.prepare("SELECT count(*) FROM " + std::string(file.table->name));
      before.step();
      const int64_t rows_before = before.column_int(0);
      import_file(i, file, count);
      // An empty sheet of a workbook is left out of the summary.
      if (file.workbook && file.rows == 0) continue;
      Statement after = db_.prepare("SELECT count(*) FROM " + std::string(file.table->name));
      after.step();
      count.files += 1;
      count.inserted += static_cast<size_t>(after.column_int(0) - rows_before);
    }
    // A workbook may leave sheets empty, but not all of them: that is a
    // blank form sent back by mistake.  (Only said when nothing else is
    // wrong: a sheet whose header was refused has rows that were not read.)
    if (diagnostics_.empty()) {
      std::map<std::string, size_t> workbook_rows;
      for (const InputFile& file : files_) {
        if (file.workbook) workbook_rows[file.path] += file.rows;
      }
      for (const auto& [path, rows] : workbook_rows) {
        if (rows == 0) diagnostics_.add(path, 1, 1, "bảng tính không có dòng dữ liệu nào");
      }
    }
    // Rows with errors were never inserted, so the rows that were can still be
    // checked for references: the user gets every kind of error in one run.
    if (!diagnostics_.full()) check_references(files_);
    if (!diagnostics_.full()) check_deleted_references();
    if (!diagnostics_.full()) check_cross_rows(files_);
    db_.exec("DROP TABLE temp.nguon_dong");
    db_.exec("DROP TABLE temp.dong_xoa");
    if (!diagnostics_.empty()) {
      db_.exec("ROLLBACK");
      diagnostics_.raise();
    }
    db_.exec("COMMIT");
  } catch (const ImportFailed&) {
    throw;
  } catch (...) {
    if (!sqlite3_get_autocommit(db_.handle())) db_.exec("ROLLBACK");
    throw;
  }
  ImportResult result;
  for (auto& [order, count] : counts) {
    if (count.files > 0) result.tables.push_back(std::move(count));
  }
  return result;
}

}  // namespace

ImportResult import_files(Database& db, const std::vector<std::string>& paths,
                          const ImportOptions& options) {
  return import_files(db, paths, {}, options);
}

ImportResult import_files(Database& db, const std::vector<std::string>& paths,
                          const std::vector<std::string>& deletion_paths,
                          const ImportOptions& options) {
  Importer importer(db, options);
  return importer.run(paths, deletion_paths);
}

}  // namespace ocopdoc::data
