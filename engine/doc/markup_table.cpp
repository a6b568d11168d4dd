// Tables and charts of the document markup (docs/markup.md, "Tables" and
// "Charts").

#include "doc/markup_table.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_map>

#include "doc/markup.h"
#include "doc/markup_inline.h"
#include "doc/table_sums.h"
#include "text/text.h"

namespace ocopdoc::doc::markup_detail {

const std::string* Attributes::find(std::string_view key) const {
  for (const Attribute& attribute : items) {
    if (attribute.key == key) return &attribute.value;
  }
  return nullptr;
}

std::optional<Align> align_from_name(std::string_view name) {
  if (name == "trai") return Align::kLeft;
  if (name == "giua") return Align::kCenter;
  if (name == "phai") return Align::kRight;
  if (name == "deu") return Align::kJustify;
  return std::nullopt;
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string quote(std::string_view text) {
  constexpr int kMaxCodePoints = 40;
  size_t end = 0;
  int count = 0;
  while (end < text.size() && count < kMaxCodePoints) {
    end += utf8_sequence_length(static_cast<unsigned char>(text[end]));
    ++count;
  }
  end = std::min(end, text.size());
  return "“" + std::string(text.substr(0, end)) + (end < text.size() ? "…”" : "”");
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    parts.push_back(trim_spaces(text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return parts;
}

// A row line split into cells.  Cell texts are still markup (escapes intact),
// so "\|" does not end a cell and "\<" is not a span marker.
struct RawRow {
  TableRow::Kind kind = TableRow::Kind::kBody;
  int level = 0;  // subtotal level ("|+2")
  std::vector<std::string_view> cells;
  int line = 0;
};

bool escaped_at(std::string_view text, size_t pos) {
  size_t backslashes = 0;
  while (backslashes < pos && text[pos - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

RawRow split_row(const RowLine& line) {
  const std::string_view text = line.text;
  if (text.size() < 2 || text.front() != '|' || text.back() != '|' ||
      escaped_at(text, text.size() - 1)) {
    throw MarkupError(line.line, "dòng bảng " + quote(text) +
                                     " phải bắt đầu và kết thúc bằng dấu | (mỗi ô viết | ô |; "
                                     "bảng kết thúc ở dòng trống)");
  }
  RawRow row;
  row.line = line.line;
  std::string_view inner = text.substr(1, text.size() - 2);
  if (!inner.empty() && inner.front() == '+') {
    row.kind = TableRow::Kind::kSubtotal;
    row.level = 1;
    inner.remove_prefix(1);
    // "|+2 ..." is a level-2 subtotal: one digit 1-7 followed by a space or
    // the end of the cell; "|+12 |" stays a level-1 row whose cell is "12".
    if (inner.size() >= 2 && inner[0] >= '1' && inner[0] <= '7' &&
        (inner[1] == ' ' || inner[1] == '\t' || inner[1] == '|')) {
      row.level = inner[0] - '0';
      inner.remove_prefix(1);
    }
  } else if (!inner.empty() && inner.front() == '=') {
    row.kind = TableRow::Kind::kTotal;
    inner.remove_prefix(1);
  }
  size_t start = 0;
  for (size_t pos = 0; pos < inner.size(); ++pos) {
    if (inner[pos] == '\\') {
      ++pos;  // the escaped byte: '|' is ASCII, never part of a multi-byte sequence
    } else if (inner[pos] == '|') {
      row.cells.push_back(trim_spaces(inner.substr(start, pos - start)));
      start = pos + 1;
      // Checked while splitting so that a hostile row cannot build a huge list.
      if (row.cells.size() > kMaxTableColumns) break;
    }
  }
  row.cells.push_back(trim_spaces(inner.substr(std::min(start, inner.size()))));
  return row;
}

std::vector<RawRow> split_rows(const std::vector<RowLine>& lines) {
  std::vector<RawRow> rows;
  rows.reserve(lines.size());
  for (const RowLine& line : lines) rows.push_back(split_row(line));
  return rows;
}

std::string too_many_columns(size_t count) {
  return "bảng có " +
         (count > kMaxTableColumns ? "hơn " + std::to_string(kMaxTableColumns)
                                   : std::to_string(count)) +
         " cột; tối đa " + std::to_string(kMaxTableColumns) + " cột";
}

std::optional<double> parse_positive_decimal(std::string_view text) {
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return is_digit(c) || c == '.'; })) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !(value > 0) || value > 10000) {
    return std::nullopt;
  }
  return value;
}

std::optional<ColumnWidth> column_width_from(std::string_view entry) {
  ColumnWidth width;
  if (entry == "auto") return width;
  if (entry.ends_with('*')) {
    width.kind = ColumnWidth::Kind::kFraction;
    entry.remove_suffix(1);
    if (entry.empty()) {
      width.value = 1;
      return width;
    }
    const std::optional<double> weight = parse_positive_decimal(entry);
    if (!weight) return std::nullopt;
    width.value = *weight;
    return width;
  }
  double scale = 0;
  if (entry.ends_with("mm")) {
    scale = 1;
  } else if (entry.ends_with("cm")) {
    scale = 10;
  } else {
    return std::nullopt;
  }
  entry.remove_suffix(2);
  const std::optional<double> length = parse_positive_decimal(trim_spaces(entry));
  if (!length) return std::nullopt;
  width.kind = ColumnWidth::Kind::kMillimetres;
  width.value = *length * scale;
  return width;
}

std::vector<ColumnWidth> parse_column_widths(const std::string& value, int line) {
  std::vector<ColumnWidth> widths;
  for (std::string_view entry : split_commas(value)) {
    const std::optional<ColumnWidth> width = column_width_from(entry);
    if (!width) {
      throw MarkupError(line,
                        "cot=\"" + value + "\": " + quote(entry) +
                            " không phải độ rộng cột; dùng 3* (phần chia), 25mm, 1.5cm hoặc auto, "
                            "cách nhau bằng dấu phẩy");
    }
    widths.push_back(*width);
    if (widths.size() > kMaxTableColumns) throw MarkupError(line, too_many_columns(widths.size()));
  }
  return widths;
}

bool is_format_placeholder(char c) {
  return c == '#' || c == '0' || c == '?';
}

// The formats in so="..." contain commas of their own ("#,##0").  A comma
// between a placeholder and exactly three placeholders is the thousands
// separator of a format; every other comma separates columns, so
// ",,#,##0,#,##0" is four columns: "", "", "#,##0", "#,##0".
std::vector<std::string> split_number_formats(std::string_view value) {
  std::vector<std::string> formats(1);
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool grouping = c == ',' && i > 0 && is_format_placeholder(value[i - 1]) &&
                          i + 3 < value.size() && is_format_placeholder(value[i + 1]) &&
                          is_format_placeholder(value[i + 2]) &&
                          is_format_placeholder(value[i + 3]) &&
                          (i + 4 == value.size() || !is_format_placeholder(value[i + 4]));
    if (c == ',' && !grouping) {
      formats.emplace_back();
    } else {
      formats.back() += c;
    }
  }
  for (std::string& format : formats) format = std::string(trim_spaces(format));
  return formats;
}

// Named number formats for amounts (so="trieu-dong"): a spreadsheet keeps the
// full value and shows it through the format, each trailing comma dividing by
// a thousand; the text and PDF writers print the cell's number divided the
// same way, so every output shows the same figure.  A raw format such as
// "#,##0.0,," cannot be written in so= at all: its trailing commas would
// separate columns.
struct NamedFormat {
  std::string_view name;
  std::string_view excel;
  int thousands;  // the power of a thousand the shown number is divided by
  int decimals;
};
constexpr NamedFormat kNamedFormats[] = {
    {"dong", "#,##0", 0, 0},
    {"nghin-dong", "#,##0,", 1, 0},
    {"trieu-dong", "#,##0.0,,", 2, 1},
};

// Number formats hold placeholders (#, 0), quotes or symbols; a word of
// lower-case letters, dashes and underscores can only be meant as a name
// (a misspelt "trieu_dong" must not become a meaningless Excel format).
bool looks_like_format_name(std::string_view entry) {
  return !entry.empty() && std::all_of(entry.begin(), entry.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '-' || c == '_';
  });
}

const NamedFormat* find_named_format(std::string_view entry) {
  for (const NamedFormat& format : kNamedFormats) {
    if (format.name == entry) return &format;
  }
  return nullptr;
}

// True when a number cell already reads as a whole number grouped the
// Vietnamese way ("1.234.567", "-5", "950"): the text parse_vietnamese_number
// accepted has no decimal comma, and either groups its thousands or has none.
// A "dong" column would print it unchanged.
bool is_whole_number_as_shown(const Inline& text) {
  if (text.size() != 1) return false;
  const std::string& written = text.front().text;
  if (written.find(',') != std::string::npos) return false;
  if (written.find('.') != std::string::npos) return true;
  const size_t digits = written.size() - (written.starts_with('-') ? 1 : 0);
  return digits <= 3;
}

// Rewrites the numbers of the columns with a named format as the format
// shows them ("1.234.567.890" in a trieu-dong column prints "1.234,6"); the
// cell keeps the full value in `number`, and the text keeps its first span's
// style.  Applied to every row the parser builds, streamed ones included.
void show_in_units(const std::vector<TableColumn>& columns, std::vector<TableRow>& rows) {
  for (size_t c = 0; c < columns.size(); ++c) {
    const TableColumn& column = columns[c];
    if (column.shown_thousands < 0) continue;
    for (TableRow& row : rows) {
      if (row.kind == TableRow::Kind::kHeader) continue;
      TableCell& cell = row.cells[c];
      if (cell.covered || !cell.number || cell.text.empty()) continue;
      if (column.shown_thousands == 0 && column.shown_decimals == 0 &&
          is_whole_number_as_shown(cell.text)) {
        continue;  // already what the format shows: no need to format it again
      }
      Span span = cell.text.front();
      span.text = text::format_scaled(*cell.number, column.shown_thousands, column.shown_decimals);
      span.line_break = false;
      cell.text = {span};
    }
  }
}

// Resolves "<" and "^" markers into rectangles.  Each covered position points
// to its origin; an origin's rectangle grows one cell at a time, and every
// position the growth adds must be (or later become) covered by the same
// origin — otherwise the spans overlap or are not rectangular.  Each position
// is examined once when it enters a rectangle, so the work is linear.
class SpanResolver {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  SpanResolver(size_t rows, size_t columns, size_t header_rows)
      : rows_(rows),
        columns_(columns),
        header_rows_(header_rows),
        origin_(rows * columns, kNone),
        expected_(rows * columns, kNone) {}

  void resolve(const std::vector<RawRow>& raw_rows) {
    for (size_t r = 0; r < rows_; ++r) {
      const int line = raw_rows[r].line;
      for (size_t c = 0; c < columns_; ++c) {
        const std::string_view cell = raw_rows[r].cells[c];
        const size_t index = r * columns_ + c;
        if (cell == "<") {
          if (c == 0) {
            throw MarkupError(line,
                              "ô “<” ở cột đầu tiên: không có ô bên trái để gộp vào "
                              "(muốn in dấu < thì viết \\<)");
          }
          cover(index, origin_[index - 1], line);
        } else if (cell == "^") {
          if (r == 0) {
            throw MarkupError(line,
                              "ô “^” ở dòng đầu tiên của bảng: không có ô bên trên để gộp vào "
                              "(muốn in dấu ^ thì viết \\^)");
          }
          const size_t target = origin_[index - columns_];
          if (r >= header_rows_ && target / columns_ < header_rows_) {
            throw MarkupError(line, "ô “^” ở cột " + std::to_string(c + 1) +
                                        " gộp vào dòng tiêu đề; ô gộp không vượt qua ranh giới "
                                        "dòng tiêu đề và thân bảng");
          }
          cover(index, target, line);
        } else {
          if (expected_[index] != kNone) {
            throw MarkupError(line, "ô " + quote(cell) + " ở cột " + std::to_string(c + 1) +
                                        " nằm trong vùng gộp của ô " + describe(expected_[index]) +
                                        ", nên phải là “<” hoặc “^”");
          }
          origin_[index] = index;
        }
      }
    }
  }

  bool is_origin(size_t index) const { return origin_[index] == index; }

  // {row_span, col_span} of an origin.
  std::pair<int, int> spans(size_t index) const {
    const auto found = merged_.find(index);
    if (found == merged_.end()) return {1, 1};
    const Rect& rect = found->second;
    return {static_cast<int>(rect.bottom - rect.top + 1),
            static_cast<int>(rect.right - rect.left + 1)};
  }

 private:
  struct Rect {
    size_t top, left, bottom, right;
  };

  std::string describe(size_t index) const {
    return "ở dòng bảng thứ " + std::to_string(index / columns_ + 1) + ", cột " +
           std::to_string(index % columns_ + 1);
  }

  Rect rect_of(size_t origin) const {
    const auto found = merged_.find(origin);
    if (found != merged_.end()) return found->second;
    const size_t r = origin / columns_;
    const size_t c = origin % columns_;
    return {r, c, r, c};
  }

  void cover(size_t index, size_t target, int line) {
    if (expected_[index] != kNone && expected_[index] != target) {
      throw MarkupError(line, "ô gộp ở cột " + std::to_string(index % columns_ + 1) +
                                  " chồng lên vùng gộp của ô " + describe(expected_[index]));
    }
    origin_[index] = target;
    const size_t r = index / columns_;
    const size_t c = index % columns_;
    const Rect old = rect_of(target);
    const Rect grown{std::min(old.top, r), std::min(old.left, c), std::max(old.bottom, r),
                     std::max(old.right, c)};
    // Visit only the positions the growth adds: whole new rows, and the new
    // columns of the old rows.  Touching the old rectangle again would make
    // a large merged cell quadratic.
    for (size_t row = grown.top; row <= grown.bottom; ++row) {
      const bool old_row = row >= old.top && row <= old.bottom;
      if (!old_row) {
        for (size_t col = grown.left; col <= grown.right; ++col)
          include(row * columns_ + col, index, target, line);
        continue;
      }
      if (grown.left == old.left && grown.right == old.right) {
        row = old.bottom;  // the old rows gain no columns
        continue;
      }
      for (size_t col = grown.left; col < old.left; ++col)
        include(row * columns_ + col, index, target, line);
      for (size_t col = old.right + 1; col <= grown.right; ++col)
        include(row * columns_ + col, index, target, line);
    }
    merged_[target] = grown;
  }

  void include(size_t position, size_t index, size_t target, int line) {
    if (position == index) return;
    if (position < index) {  // already read
      if (origin_[position] != target) {
        throw MarkupError(
            line, "ô gộp ở cột " + std::to_string(index % columns_ + 1) + " sẽ phủ lên ô " +
                      describe(position) +
                      " (đã có nội dung hoặc thuộc ô gộp khác); vùng gộp phải là hình chữ nhật");
      }
      return;
    }
    if (expected_[position] != kNone && expected_[position] != target) {
      throw MarkupError(line, "ô gộp ở cột " + std::to_string(index % columns_ + 1) +
                                  " chồng lên vùng gộp của ô " + describe(expected_[position]));
    }
    expected_[position] = target;
  }

  size_t rows_;
  size_t columns_;
  size_t header_rows_;
  std::vector<size_t> origin_;
  std::vector<size_t> expected_;
  std::unordered_map<size_t, Rect> merged_;
};

// Columns without `canh`: right-aligned when every filled single-column body
// cell is a number, so amounts line up; otherwise left.
void align_numeric_columns(Table& table) {
  for (size_t c = 0; c < table.columns.size(); ++c) {
    bool any_number = false;
    bool all_numbers = true;
    for (const TableRow& row : table.rows) {
      if (row.kind == TableRow::Kind::kHeader) continue;
      const TableCell& cell = row.cells[c];
      if (cell.covered || cell.col_span != 1 || cell.text.empty()) continue;
      if (cell.number) {
        any_number = true;
      } else {
        all_numbers = false;
      }
    }
    if (any_number && all_numbers) table.columns[c].align = Align::kRight;
  }
}

// 1-based column numbers, comma separated ("4,5"), for `cong=`.
std::vector<size_t> parse_column_numbers(const std::string& value, size_t column_count,
                                         std::string_view key, int line) {
  std::vector<size_t> numbers;
  for (std::string_view entry : split_commas(value)) {
    size_t number = 0;
    const auto [end, error] = std::from_chars(entry.data(), entry.data() + entry.size(), number);
    if (entry.empty() || error != std::errc() || end != entry.data() + entry.size() || number < 1 ||
        number > column_count) {
      throw MarkupError(line, std::string(key) + "=\"" + value + "\": " + quote(entry) +
                                  " không phải số thứ tự cột (từ 1 đến " +
                                  std::to_string(column_count) +
                                  "); viết các số cột cách nhau bằng dấu phẩy, ví dụ " +
                                  std::string(key) + "=\"4,5\"");
    }
    numbers.push_back(number);
  }
  return numbers;
}

// Splits a per-column attribute into exactly `column_count` entries.
std::vector<std::string_view> per_column(std::string_view value, char separator,
                                         size_t column_count, std::string_view key, int line) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = value.find(separator, start);
    parts.push_back(trim_spaces(
        value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
    if (end == std::string_view::npos || parts.size() > kMaxTableColumns) break;
    start = end + 1;
  }
  if (parts.size() != column_count) {
    throw MarkupError(line, std::string(key) + " có " + std::to_string(parts.size()) +
                                " giá trị, bảng có " + std::to_string(column_count) +
                                " cột: viết một giá trị cho mỗi cột, cách nhau bằng dấu “" +
                                std::string(1, separator) + "” (để trống cho cột không có)");
  }
  return parts;
}

// `ty-le="6=5/3,7=4/3"`: each entry names a rate column, its numerator and
// its denominator (1-based).  A rate column is neither summed nor an operand
// of a rate: a sum of rates means nothing, and a rate of rates would make the
// check and the formulas depend on their order.
void read_rates(Table& table, const std::string& value, int line) {
  const size_t columns = table.columns.size();
  const auto fail = [&](std::string_view entry, const std::string& why) {
    throw MarkupError(line, "ty-le=\"" + value + "\": " + quote(entry) + " " + why);
  };
  const auto column_number = [&](std::string_view entry, std::string_view text) -> size_t {
    size_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
      fail(entry,
           "không đúng dạng cột=cột/cột, ví dụ ty-le=\"6=5/3\" (cột 6 là cột 5 chia cột 3, "
           "nhân 100)");
    }
    if (number < 1 || number > columns) {
      fail(entry, "có số cột " + std::string(text) + " ngoài bảng (bảng có " +
                      std::to_string(columns) + " cột)");
    }
    return number - 1;
  };
  for (std::string_view entry : split_commas(value)) {
    const size_t equals = entry.find('=');
    const size_t slash = entry.find('/');
    if (equals == std::string_view::npos || slash == std::string_view::npos || slash < equals) {
      column_number(entry, "");  // throws the message on the expected form
    }
    const size_t rate = column_number(entry, trim_spaces(entry.substr(0, equals)));
    TableColumn::RateOf of;
    of.numerator = column_number(entry, trim_spaces(entry.substr(equals + 1, slash - equals - 1)));
    of.denominator = column_number(entry, trim_spaces(entry.substr(slash + 1)));
    if (rate == of.numerator || rate == of.denominator) {
      fail(entry, "lấy cột tỷ lệ làm số bị chia hoặc số chia của chính nó");
    }
    if (table.columns[rate].rate) fail(entry, "viết lại tỷ lệ của cột đã có tỷ lệ");
    table.columns[rate].rate = of;
  }
  for (size_t c = 0; c < columns; ++c) {
    const std::optional<TableColumn::RateOf>& of = table.columns[c].rate;
    if (!of) continue;
    const std::string name = "cột " + std::to_string(c + 1);
    if (table.columns[c].summed) {
      throw MarkupError(line, "ty-le=\"" + value + "\": " + name +
                                  " là cột tỷ lệ nên không cộng được (bỏ nó khỏi cong=; dòng "
                                  "cộng có tỷ lệ của chính các số đã cộng)");
    }
    for (size_t operand : {of->numerator, of->denominator}) {
      if (table.columns[operand].rate) {
        throw MarkupError(line, "ty-le=\"" + value + "\": " + name + " lấy cột " +
                                    std::to_string(operand + 1) +
                                    ", cũng là một cột tỷ lệ; tỷ lệ chỉ tính từ các cột số");
      }
    }
  }
}

bool is_list_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::optional<int> parse_count(std::string_view value) {
  int number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
    return std::nullopt;
  }
  return number;
}

// The attributes that only spreadsheets use (docs/markup.md, "Spreadsheet
// attributes"); the document writers may ignore them.
void read_spreadsheet_attributes(Table& table, const Attributes& attributes) {
  const int line = attributes.line;
  const size_t columns = table.columns.size();
  if (const std::string* value = attributes.find("cong")) {
    for (size_t number : parse_column_numbers(*value, columns, "cong", line)) {
      table.columns[number - 1].summed = true;
    }
  }
  if (const std::string* value = attributes.find("ty-le")) read_rates(table, *value, line);
  if (const std::string* value = attributes.find("dong-cong")) {
    if (*value != "tren" && *value != "duoi") {
      throw MarkupError(line, "dong-cong=" + *value +
                                  " không hợp lệ; dùng duoi (dòng cộng ở dưới các dòng của "
                                  "nhóm, mặc định) hoặc tren (dòng cộng là dòng đầu nhóm)");
    }
    table.subtotals_above = *value == "tren";
  }
  if (const std::string* value = attributes.find("chon")) {
    const std::vector<std::string_view> names = per_column(*value, ',', columns, "chon", line);
    for (size_t c = 0; c < columns; ++c) {
      if (!names[c].empty() && !is_list_name(names[c])) {
        throw MarkupError(line, "chon=\"" + *value + "\": " + quote(names[c]) +
                                    " không phải tên danh sách (chữ thường không dấu, số, - và _, "
                                    "như trong @danh-sach ten=...)");
      }
      table.columns[c].choice_list = std::string(names[c]);
    }
  }
  if (const std::string* value = attributes.find("goi-y")) {
    const std::vector<std::string_view> hints = per_column(*value, '|', columns, "goi-y", line);
    for (size_t c = 0; c < columns; ++c) table.columns[c].input_message = std::string(hints[c]);
  }
  if (const std::string* value = attributes.find("dong-nhap")) {
    const std::optional<int> count = parse_count(*value);
    if (!count || *count < 1 || *count > 100000) {
      throw MarkupError(line, "dong-nhap=" + *value +
                                  " không hợp lệ: số dòng trống để nhập liệu, từ 1 đến 100000");
    }
    table.input_rows = *count;
  }
  if (const std::string* value = attributes.find("cao-dong")) {
    const std::optional<ColumnWidth> height = column_width_from(*value);
    if (!height || height->kind != ColumnWidth::Kind::kMillimetres || height->value > 200) {
      throw MarkupError(line, "cao-dong=" + *value +
                                  " không hợp lệ: chiều cao tối thiểu của dòng, ví dụ 8mm hoặc "
                                  "1cm (tối đa 20cm)");
    }
    table.min_row_height_mm = height->value;
  }
}

}  // namespace

std::optional<ColumnWidth> parse_column_width(std::string_view entry) {
  return column_width_from(entry);
}

std::optional<double> parse_vietnamese_number(std::string_view text, bool allow_leading_zero) {
  size_t pos = 0;
  const bool negative = text.starts_with('-');
  if (negative) pos = 1;
  std::string digits;  // the C form for from_chars: "1234567.5"
  const size_t first_group_start = pos;
  while (pos < text.size() && is_digit(text[pos])) digits += text[pos++];
  const size_t first_group = pos - first_group_start;
  if (first_group == 0) return std::nullopt;
  if (pos < text.size() && text[pos] == '.') {
    if (first_group > 3) return std::nullopt;
    while (pos < text.size() && text[pos] == '.') {
      const size_t group_start = ++pos;
      while (pos < text.size() && is_digit(text[pos])) digits += text[pos++];
      if (pos - group_start != 3) return std::nullopt;
    }
  }
  if (!allow_leading_zero && digits.size() > 1 && digits.front() == '0') return std::nullopt;
  if (pos < text.size() && text[pos] == ',') {
    const size_t decimals_start = ++pos;
    digits += '.';
    while (pos < text.size() && is_digit(text[pos])) digits += text[pos++];
    if (pos == decimals_start) return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const size_t leading_zeros = digits.find_first_not_of("0.");
  const size_t significant = leading_zeros == std::string::npos
                                 ? 0
                                 : static_cast<size_t>(std::count_if(
                                       digits.begin() + static_cast<std::ptrdiff_t>(leading_zeros),
                                       digits.end(), is_digit));
  if (significant > 15) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return negative ? -value : value;
}

namespace {

// Table rows from raw rows: spans resolved among these rows only (the held
// rows before and after a streamed part, and each streamed chunk, are
// separate), inline markup parsed, numbers recognised.
std::vector<TableRow> make_rows(const std::vector<RawRow>& rows, size_t column_count,
                                size_t header_rows, std::vector<Inline>* footnotes) {
  SpanResolver spans(rows.size(), column_count, header_rows);
  spans.resolve(rows);
  std::vector<TableRow> built;
  built.reserve(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    TableRow row;
    row.kind = r < header_rows ? TableRow::Kind::kHeader : rows[r].kind;
    row.level = rows[r].level;
    row.line = rows[r].line;
    row.cells.resize(column_count);
    for (size_t c = 0; c < column_count; ++c) {
      TableCell& cell = row.cells[c];
      const size_t index = r * column_count + c;
      if (!spans.is_origin(index)) {
        cell.covered = true;
        continue;
      }
      std::tie(cell.row_span, cell.col_span) = spans.spans(index);
      cell.text = parse_inline(rows[r].cells[c], LineMap(rows[r].line), footnotes);
      cell.number = parse_vietnamese_number(plain_text(cell.text));
    }
    built.push_back(std::move(row));
  }
  return built;
}

// Every row has the table's number of cells.
void check_cell_counts(const std::vector<RawRow>& rows, size_t column_count, bool from_widths) {
  for (const RawRow& row : rows) {
    if (row.cells.size() != column_count) {
      const std::string count = row.cells.size() > kMaxTableColumns
                                    ? "hơn " + std::to_string(kMaxTableColumns)
                                    : std::to_string(row.cells.size());
      throw MarkupError(row.line, "dòng bảng có " + count + " ô, bảng có " +
                                      std::to_string(column_count) + " cột" +
                                      (from_widths ? " (theo cot=)" : " (theo dòng đầu)") +
                                      "; ô trống viết | |, muốn in dấu | thì viết \\|");
    }
  }
}

}  // namespace

std::vector<TableRow> build_streamed_rows(const std::vector<RowLine>& lines, const Table& table) {
  const std::vector<RawRow> rows = split_rows(lines);
  check_cell_counts(rows, table.columns.size(), true);
  std::vector<Inline> footnotes;
  std::vector<TableRow> built = make_rows(rows, table.columns.size(), 0, &footnotes);
  show_in_units(table.columns, built);
  if (!footnotes.empty()) {
    throw MarkupError(lines.front().line,
                      "chú thích (^[...]) không dùng được trong các dòng của truy vấn tung_dong");
  }
  return built;
}

Table build_table(const std::vector<RowLine>& lines, const Attributes& attributes,
                  std::vector<Inline>* footnotes, const StreamPoint& streamed) {
  const int table_line = attributes.line;
  if (lines.empty() && !streamed.source) {
    throw MarkupError(table_line,
                      "bảng không có dòng nào: viết các dòng | ô | ô | ngay dưới @bang, "
                      "không để dòng trống xen giữa");
  }
  const std::vector<RawRow> rows = split_rows(lines);

  Table table;
  table.line = table_line;
  const std::string* widths_attribute = attributes.find("cot");
  std::vector<ColumnWidth> widths;
  if (widths_attribute != nullptr) {
    widths = parse_column_widths(*widths_attribute, table_line);
  } else if (rows.empty()) {
    throw MarkupError(table_line,
                      "bảng mà mọi dòng đến từ truy vấn tung_dong cần cot= (độ rộng "
                      "các cột) để biết số cột");
  } else {
    if (rows.front().cells.size() > kMaxTableColumns) {
      throw MarkupError(rows.front().line, too_many_columns(rows.front().cells.size()));
    }
    widths.resize(rows.front().cells.size());
  }
  const size_t column_count = widths.size();
  if (column_count == 0) throw MarkupError(table_line, "bảng không có cột nào");
  if (rows.size() > kMaxTableCells / column_count) {
    throw MarkupError(table_line,
                      "bảng quá lớn: hơn " + text::format_integer(kMaxTableCells) + " ô");
  }
  check_cell_counts(rows, column_count, widths_attribute != nullptr);

  // The first row is the header unless tieu-de says otherwise (a table whose
  // rows all come from a streamed query has none written before them).
  size_t header_rows = streamed.source ? std::min<size_t>(1, streamed.at_row) : 1;
  if (const std::string* value = attributes.find("tieu-de")) {
    int parsed = -1;
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (value->empty() || error != std::errc() || end != value->data() + value->size() ||
        parsed < 0) {
      throw MarkupError(
          table_line,
          "tieu-de=" + *value + " không hợp lệ: tieu-de là số dòng tiêu đề ở đầu bảng (0, 1, 2…)");
    }
    if (static_cast<size_t>(parsed) > rows.size()) {
      throw MarkupError(table_line, "tieu-de=" + *value + " nhưng bảng chỉ có " +
                                        std::to_string(rows.size()) + " dòng");
    }
    header_rows = static_cast<size_t>(parsed);
  }
  for (size_t r = 0; r < header_rows; ++r) {
    if (rows[r].kind != TableRow::Kind::kBody) {
      throw MarkupError(rows[r].line, "dòng tiêu đề (tieu-de=" + std::to_string(header_rows) +
                                          ") không thể là dòng cộng |+ hoặc |=");
    }
  }

  if (streamed.source) {
    if (header_rows > streamed.at_row) {
      throw MarkupError(table_line, "các dòng tiêu đề (tieu-de=" + std::to_string(header_rows) +
                                        ") phải đứng trước các dòng của truy vấn tung_dong");
    }
    table.row_source = streamed.source;
    table.rows =
        make_rows({rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(streamed.at_row)},
                  column_count, header_rows, footnotes);
    table.rows_after =
        make_rows({rows.begin() + static_cast<std::ptrdiff_t>(streamed.at_row), rows.end()},
                  column_count, 0, footnotes);
  } else {
    table.rows = make_rows(rows, column_count, header_rows, footnotes);
  }

  table.columns.resize(column_count);
  for (size_t c = 0; c < column_count; ++c) table.columns[c].width = widths[c];

  if (const std::string* value = attributes.find("canh")) {
    const std::vector<std::string_view> names = split_commas(*value);
    if (names.size() != 1 && names.size() != column_count) {
      throw MarkupError(table_line, "canh có " + std::to_string(names.size()) +
                                        " giá trị, bảng có " + std::to_string(column_count) +
                                        " cột (viết một giá trị cho mỗi cột, "
                                        "hoặc một giá trị cho cả bảng)");
    }
    for (size_t c = 0; c < column_count; ++c) {
      const std::string_view name = names.size() == 1 ? names.front() : names[c];
      const std::optional<Align> align = align_from_name(name);
      if (!align) {
        throw MarkupError(table_line, "canh=\"" + *value + "\": " + quote(name) +
                                          " không hợp lệ; dùng trai, giua, phai hoặc deu");
      }
      table.columns[c].align = *align;
    }
  } else if (table.row_source) {
    // The alignment would depend on rows not read yet.
    throw MarkupError(table_line,
                      "bảng có các dòng của truy vấn tung_dong cần canh= (căn lề "
                      "cho mọi cột, ví dụ canh=\"giua,trai,phai\")");
  } else {
    align_numeric_columns(table);
  }

  // Columns whose so= names a format (dong, trieu-dong...), shown in its unit.
  std::vector<const NamedFormat*> named_formats(column_count, nullptr);
  if (const std::string* value = attributes.find("so")) {
    const std::vector<std::string> formats = split_number_formats(*value);
    if (formats.size() != 1 && formats.size() != column_count) {
      throw MarkupError(table_line,
                        "so có " + std::to_string(formats.size()) + " định dạng, bảng có " +
                            std::to_string(column_count) +
                            " cột (viết một định dạng cho mỗi cột, để trống cho cột chữ, "
                            "hoặc một định dạng cho mọi ô số)");
    }
    for (const std::string& format : formats) {
      if (looks_like_format_name(format) && !find_named_format(format)) {
        std::string names;
        for (const NamedFormat& named : kNamedFormats) names += std::string(named.name) + ", ";
        throw MarkupError(table_line, "so=\"" + *value + "\": định dạng " + quote(format) +
                                          " không có; dùng " + names +
                                          "hoặc một mã định dạng của Excel như #,##0");
      }
    }
    for (size_t c = 0; c < column_count; ++c) {
      const std::string& format = formats.size() == 1 ? formats.front() : formats[c];
      named_formats[c] = find_named_format(format);
      if (named_formats[c]) {
        table.columns[c].shown_thousands = named_formats[c]->thousands;
        table.columns[c].shown_decimals = named_formats[c]->decimals;
      }
      table.columns[c].number_format =
          named_formats[c] ? std::string(named_formats[c]->excel) : format;
    }
  }
  if (const std::string* caption = attributes.find("ten")) table.caption = *caption;
  if (const std::string* sheet = attributes.find("trang-tinh")) table.sheet = *sheet;
  read_spreadsheet_attributes(table, attributes);
  // A streamed table's written sums are checked as its rows are read
  // (doc/table_rows.h): they are not all here yet.
  if (!table.row_source && has_written_checks(table)) {
    TableSumsBuilder builder(table);
    for (const TableRow& row : table.rows) builder.add(row);
    builder.check_written(builder.finish());
  }
  // After the check: a written subtotal is compared at the precision the
  // template wrote, not at the precision of the unit it is shown in.
  show_in_units(table.columns, table.rows);
  show_in_units(table.columns, table.rows_after);
  return table;
}

Chart build_chart(const std::vector<RowLine>& lines, const Attributes& attributes) {
  const int chart_line = attributes.line;
  Chart chart;
  chart.line = chart_line;
  if (const std::string* kind = attributes.find("loai")) {
    if (*kind == "cot" || *kind == "cot-chong") {
      chart.kind = Chart::Kind::kColumn;
    } else if (*kind == "thanh" || *kind == "thanh-chong") {
      chart.kind = Chart::Kind::kBar;
    } else {
      throw MarkupError(chart_line,
                        "loai=" + *kind +
                            " không hợp lệ; dùng cot (cột đứng), thanh (thanh ngang), cot-chong "
                            "hoặc thanh-chong (các dãy số liệu chồng lên nhau)");
    }
    chart.stacked = kind->ends_with("-chong");
  }
  if (const std::string* title = attributes.find("tieu-de")) chart.title = *title;
  if (const std::string* unit = attributes.find("don-vi")) chart.unit = *unit;
  if (const std::string* sheet = attributes.find("trang-tinh")) chart.sheet = *sheet;

  if (lines.empty()) {
    throw MarkupError(chart_line,
                      "biểu đồ không có dòng nào: viết | nhãn | tên dãy số | rồi các dòng số "
                      "liệu ngay dưới @bieu-do");
  }
  const std::vector<RawRow> rows = split_rows(lines);
  const RawRow& header = rows.front();
  if (header.cells.size() > kMaxTableColumns)
    throw MarkupError(header.line, too_many_columns(header.cells.size()));
  if (header.cells.size() < 2) {
    throw MarkupError(header.line,
                      "dòng đầu của biểu đồ cần ít nhất hai ô: tên nhãn và tên một dãy số liệu");
  }
  if (rows.size() < 2) {
    throw MarkupError(chart_line, "biểu đồ cần ít nhất một dòng số liệu dưới dòng đầu");
  }
  const auto plain = [](const RawRow& row, size_t c) {
    return parse_plain_field(row.cells[c], row.line, "biểu đồ");
  };
  chart.category_heading = plain(header, 0);
  const size_t series_count = header.cells.size() - 1;
  for (size_t s = 0; s < series_count; ++s) chart.series.push_back(plain(header, s + 1));
  chart.values.resize(series_count);
  for (const RawRow& row : rows) {
    if (row.kind != TableRow::Kind::kBody) {
      throw MarkupError(row.line, "biểu đồ không có dòng cộng |+ hoặc |=");
    }
    if (row.cells.size() != header.cells.size()) {
      throw MarkupError(row.line, "dòng biểu đồ có " + std::to_string(row.cells.size()) +
                                      " ô, dòng đầu có " + std::to_string(header.cells.size()) +
                                      " ô");
    }
    for (std::string_view cell : row.cells) {
      if (cell == "<" || cell == "^") throw MarkupError(row.line, "biểu đồ không gộp ô (“<”, “^”)");
    }
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    chart.categories.push_back(plain(rows[r], 0));
    for (size_t s = 0; s < series_count; ++s) {
      const std::string text = plain(rows[r], s + 1);
      const std::optional<double> value = parse_vietnamese_number(text, true);
      if (!value) {
        throw MarkupError(rows[r].line,
                          "giá trị biểu đồ " + quote(text) +
                              " không phải là số (viết kiểu Việt Nam: 1.234 hoặc 12,5)");
      }
      chart.values[s].push_back(*value);
    }
  }
  return chart;
}

}  // namespace ocopdoc::doc::markup_detail
