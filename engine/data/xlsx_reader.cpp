#include "data/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string_view>

namespace ocopdoc::data {

namespace {

// Limits against hostile or broken files.  A real workbook is far below
// them: Excel itself stops at 32,767 characters a cell, 16,384 columns and
// 1,048,576 rows.
constexpr size_t kMaxCellBytes = 1u << 20;
constexpr uint64_t kMaxSharedStringBytes = 256u << 20;
constexpr size_t kMaxColumn = 16384;
constexpr size_t kMaxRow = 1048576;
constexpr size_t kChunkBytes = 64 * 1024;

// --------------------------------------------------------------------------
// RAII over libzip and expat handles.

struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
struct ParserFree {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFile = std::unique_ptr<zip_file_t, ZipFileClose>;
using XmlParser = std::unique_ptr<XML_ParserStruct, ParserFree>;

// Element and attribute names without their namespace prefix: producers
// differ ("row", "x:row"), and the vocabulary never reuses a local name
// with another meaning inside the parts read here.
std::string_view local_name(const XML_Char* name) {
  std::string_view full(name);
  const size_t colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

const char* attribute(const XML_Char** attributes, std::string_view name) {
  for (size_t i = 0; attributes[i] != nullptr; i += 2) {
    if (local_name(attributes[i]) == name) return attributes[i + 1];
  }
  return nullptr;
}

std::optional<size_t> parse_index(std::string_view text) {
  size_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// What a part's parser is told.  A handler reports a problem by throwing
// XlsxError; the stream catches it (nothing may unwind through expat's C
// frames), stops the parser and throws it again once expat has returned.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
};

class XmlStream {
 public:
  XmlStream(XmlHandler& handler, std::string part)
      : parser_(XML_ParserCreate("UTF-8")), handler_(handler), part_(std::move(part)) {
    if (!parser_) throw XlsxError("không đủ bộ nhớ để đọc bảng tính");
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), &XmlStream::on_start, &XmlStream::on_end);
    XML_SetCharacterDataHandler(parser_.get(), &XmlStream::on_text);
    // A workbook part never has a document type declaration; refusing one
    // refuses entity tricks along with it.
    XML_SetStartDoctypeDeclHandler(parser_.get(), &XmlStream::on_doctype);
  }

  void feed(const char* data, size_t size, bool last) {
    if (XML_Parse(parser_.get(), data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      if (!failure_.empty()) throw XlsxError(failure_, failure_row_, failure_column_);
      throw XlsxError("phần " + part_ + " của bảng tính hỏng (XML lỗi ở dòng " +
                      std::to_string(XML_GetCurrentLineNumber(parser_.get())) + ": " +
                      XML_ErrorString(XML_GetErrorCode(parser_.get())) + ")");
    }
  }

 private:
  template <typename Call>
  static void guarded(void* user, Call call) {
    auto* self = static_cast<XmlStream*>(user);
    if (!self->failure_.empty()) return;
    try {
      call(self->handler_);
    } catch (const XlsxError& error) {
      self->failure_ = error.what();
      self->failure_row_ = error.row();
      self->failure_column_ = error.column();
      XML_StopParser(self->parser_.get(), XML_FALSE);
    } catch (const std::exception& error) {
      self->failure_ = error.what();
      if (self->failure_.empty()) self->failure_ = "lỗi khi đọc bảng tính";
      XML_StopParser(self->parser_.get(), XML_FALSE);
    }
  }
  static void XMLCALL on_start(void* user, const XML_Char* name, const XML_Char** attributes) {
    guarded(user, [&](XmlHandler& handler) { handler.start(local_name(name), attributes); });
  }
  static void XMLCALL on_end(void* user, const XML_Char* name) {
    guarded(user, [&](XmlHandler& handler) { handler.end(local_name(name)); });
  }
  static void XMLCALL on_text(void* user, const XML_Char* text, int length) {
    guarded(user, [&](XmlHandler& handler) {
      handler.text(std::string_view(text, static_cast<size_t>(length)));
    });
  }
  static void XMLCALL on_doctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*,
                                 int) {
    guarded(user, [&](XmlHandler&) -> void {
      throw XlsxError("phần " + static_cast<XmlStream*>(user)->part_ +
                      " của bảng tính có khai báo DOCTYPE, điều một bảng tính không có");
    });
  }

  XmlParser parser_;
  XmlHandler& handler_;
  std::string part_;
  std::string failure_;
  size_t failure_row_ = 0;
  size_t failure_column_ = 0;
};

// One part of the archive, read a chunk at a time.
class PartReader {
 public:
  PartReader(zip_t* archive, const std::string& name) : name_(name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive, name.c_str(), ZIP_FL_NOCASE, &stat) != 0)
      throw XlsxError("bảng tính thiếu phần " + name);
    file_.reset(zip_fopen_index(archive, stat.index, 0));
    if (!file_)
      throw XlsxError("không đọc được phần " + name + " của bảng tính: " + zip_strerror(archive));
  }

  // Up to `size` bytes; 0 at the end.
  size_t read(char* buffer, size_t size) {
    const zip_int64_t n = zip_fread(file_.get(), buffer, size);
    if (n < 0)
      throw XlsxError("phần " + name_ + " của bảng tính hỏng: " + zip_file_strerror(file_.get()));
    return static_cast<size_t>(n);
  }

 private:
  std::string name_;
  ZipFile file_;
};

void parse_part(zip_t* archive, const std::string& name, XmlHandler& handler) {
  PartReader part(archive, name);
  XmlStream stream(handler, name);
  std::string buffer(kChunkBytes, '\0');
  for (;;) {
    const size_t n = part.read(buffer.data(), buffer.size());
    stream.feed(buffer.data(), n, n == 0);
    if (n == 0) break;
  }
}

bool has_part(zip_t* archive, const std::string& name) {
  return zip_name_locate(archive, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

// --------------------------------------------------------------------------
// Package relationships (OPC): where the workbook, its sheets, shared
// strings and styles are.

struct Relationship {
  std::string id;
  std::string type;    // the last segment of the type URI: "worksheet", "sharedStrings"
  std::string target;  // a part name, resolved against the source part's folder
};

std::string folder_of(const std::string& part) {
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// "worksheets/sheet1.xml" from "xl/" is "xl/worksheets/sheet1.xml"; an
// absolute target ("/xl/...") is from the root; "." and ".." are resolved.
std::string resolve_target(const std::string& base_folder, const std::string& target) {
  const std::string joined =
      !target.empty() && target[0] == '/' ? target.substr(1) : base_folder + target;
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    const std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string resolved;
  for (const std::string& segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved += segment;
  }
  return resolved;
}

class RelationshipsHandler : public XmlHandler {
 public:
  RelationshipsHandler(std::string source_folder, std::vector<Relationship>& into)
      : folder_(std::move(source_folder)), into_(into) {}
  void start(std::string_view name, const XML_Char** attributes) override {
    if (name != "Relationship") return;
    const char* id = attribute(attributes, "Id");
    const char* type = attribute(attributes, "Type");
    const char* target = attribute(attributes, "Target");
    const char* mode = attribute(attributes, "TargetMode");
    if (!id || !type || !target || (mode && std::string_view(mode) == "External")) return;
    std::string_view kind(type);
    kind = kind.substr(kind.rfind('/') + 1);
    into_.push_back({id, std::string(kind), resolve_target(folder_, target)});
  }
  void end(std::string_view) override {}

 private:
  std::string folder_;
  std::vector<Relationship>& into_;
};

std::vector<Relationship> read_relationships(zip_t* archive, const std::string& source_part) {
  const std::string folder = folder_of(source_part);
  const std::string name = source_part.substr(folder.size());
  const std::string rels = folder + "_rels/" + name + ".rels";
  std::vector<Relationship> relationships;
  if (!has_part(archive, rels)) return relationships;
  RelationshipsHandler handler(folder, relationships);
  parse_part(archive, rels, handler);
  return relationships;
}

// --------------------------------------------------------------------------
// The workbook part: its sheets in tab order and its date system.

struct SheetEntry {
  std::string name;
  std::string relationship;
  bool hidden = false;
};

class WorkbookHandler : public XmlHandler {
 public:
  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "workbookPr") {
      const char* flag = attribute(attributes, "date1904");
      date1904 = flag && (std::string_view(flag) == "1" || std::string_view(flag) == "true");
    } else if (name == "sheet") {
      const char* sheet_name = attribute(attributes, "name");
      const char* id = attribute(attributes, "id");  // r:id
      const char* state = attribute(attributes, "state");
      if (!sheet_name || !id) throw XlsxError("phần workbook của bảng tính thiếu tên hay mã trang");
      sheets.push_back({sheet_name, id, state && std::string_view(state) != "visible"});
    }
  }
  void end(std::string_view) override {}

  std::vector<SheetEntry> sheets;
  bool date1904 = false;
};

// --------------------------------------------------------------------------
// Shared strings: the text of each <si>, runs joined, phonetic hints left out.

class SharedStringsHandler : public XmlHandler {
 public:
  explicit SharedStringsHandler(std::vector<std::string>& into) : into_(into) {}
  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_item_ = true;
      current_.clear();
    } else if (name == "rPh") {
      ++in_phonetic_;
    } else if (name == "t" && in_item_ && in_phonetic_ == 0) {
      in_text_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      in_item_ = false;
      total_ += current_.size();
      if (total_ > kMaxSharedStringBytes)
        throw XlsxError("bảng tính có quá nhiều chữ (trên 256 MiB chuỗi dùng chung)");
      into_.push_back(std::move(current_));
      current_.clear();
    } else if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "t") {
      in_text_ = false;
    }
  }
  void text(std::string_view text) override {
    if (!in_text_) return;
    if (current_.size() + text.size() > kMaxCellBytes)
      throw XlsxError("một chuỗi của bảng tính dài quá 1 MiB");
    current_.append(text);
  }

 private:
  std::vector<std::string>& into_;
  std::string current_;
  bool in_item_ = false;
  bool in_text_ = false;
  int in_phonetic_ = 0;
  uint64_t total_ = 0;
};

// --------------------------------------------------------------------------
// Styles: which cell formats show a number as a date or a time.

struct NumberLook {
  bool date = false;
  bool time = false;
};

// The built-in formats (ECMA-376 18.8.30) that show dates or times,
// including the East Asian ones 27-36 and 50-58.
NumberLook builtin_look(size_t id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return {true, false};
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return {false, true};
  if (id == 22) return {true, true};
  return {};
}

// A custom format code shows a date when it has a y or d outside quoted text,
// brackets ([Red], [$-42A]) and escaped characters, and a time with h or s.
// "m" alone could be either and decides nothing.
NumberLook custom_look(std::string_view code) {
  NumberLook look;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time.
      if (!inside.empty() &&
          (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 's' || inside[0] == 'S'))
        look.time = true;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal text or padding
    } else if (c == ';') {
      break;  // the first section (positive numbers) decides
    } else {
      const char lower = static_cast<char>(c | 0x20);
      if (lower == 'y' || lower == 'd') look.date = true;
      if (lower == 'h' || lower == 's') look.time = true;
    }
  }
  return look;
}

class StylesHandler : public XmlHandler {
 public:
  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "numFmt") {
      const char* id = attribute(attributes, "numFmtId");
      const char* code = attribute(attributes, "formatCode");
      if (id && code) {
        if (auto number = parse_index(id)) custom_[*number] = code;
      }
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      const char* id = attribute(attributes, "numFmtId");
      cell_formats_.push_back(id ? parse_index(id).value_or(0) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }

  // The look of each cell format (the s attribute of a cell).
  std::vector<NumberLook> looks() const {
    std::vector<NumberLook> result;
    result.reserve(cell_formats_.size());
    for (size_t id : cell_formats_) {
      auto custom = custom_.find(id);
      result.push_back(custom != custom_.end() ? custom_look(custom->second) : builtin_look(id));
    }
    return result;
  }

 private:
  std::map<size_t, std::string> custom_;
  std::vector<size_t> cell_formats_;
  bool in_cell_formats_ = false;
};

// --------------------------------------------------------------------------
// Cell values as text.

// "C12" -> column 3 (and the row, unused: rows carry their own number).
std::optional<size_t> column_of_reference(std::string_view reference) {
  size_t column = 0;
  size_t i = 0;
  for (; i < reference.size(); ++i) {
    const char c = reference[i];
    if (c >= 'A' && c <= 'Z') {
      column = column * 26 + static_cast<size_t>(c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      column = column * 26 + static_cast<size_t>(c - 'a' + 1);
    } else {
      break;
    }
    if (column > kMaxColumn) return std::nullopt;
  }
  if (i == 0 || column == 0) return std::nullopt;
  return column;
}

std::string two_digits(long n) {
  return std::string(n < 10 ? "0" : "") + std::to_string(n);
}

// Whole numbers in full (1e20 as 100000000000000000000, which the importer
// then calls too large rather than not a whole number); others in their
// shortest form.
std::string number_text(double value) {
  char buffer[400];
  const bool whole = std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e300;
  auto result = whole
                    ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                    : std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  return text == "-0" ? "0" : text;
}

// A serial day number as Excel counts it: in the 1900 system day 1 is
// 1900-01-01 and day 60 is the 29 February 1900 that Lotus 1-2-3 believed
// in (kept, so it reads back as the invalid date it is); in the 1904 system
// day 0 is 1904-01-01.
std::optional<std::string> serial_date_text(double serial, bool date1904, NumberLook look) {
  using namespace std::chrono;
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return std::nullopt;
  const long day_number = static_cast<long>(std::floor(serial));
  long seconds = std::lround((serial - static_cast<double>(day_number)) * 86400.0);
  if (seconds >= 86400) seconds = 86399;
  std::string date;
  if (look.date) {
    if (!date1904 && day_number == 60) {
      date = "1900-02-29";
    } else {
      sys_days base = date1904 ? sys_days{year{1904} / January / 1}
                               : sys_days{year{1899} / December / (day_number > 60 ? 30 : 31)};
      const year_month_day day{base + days{day_number}};
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                    static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
      date = buffer;
    }
  }
  if (!look.time || (look.date && seconds == 0)) return date;
  std::string time = two_digits(seconds / 3600) + ":" + two_digits(seconds / 60 % 60) + ":" +
                     two_digits(seconds % 60);
  return date.empty() ? time : date + " " + time;
}

// --------------------------------------------------------------------------
// A worksheet's rows, parsed while they are read.

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const std::vector<std::string>& strings, const std::vector<NumberLook>& looks,
               bool date1904, std::deque<XlsxRow>& ready)
      : strings_(strings), looks_(looks), date1904_(date1904), ready_(ready) {}

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "row") {
      const char* number = attribute(attributes, "r");
      size_t row = last_row_ + 1;
      if (number) {
        auto parsed = parse_index(number);
        if (!parsed || *parsed == 0)
          throw XlsxError("số dòng \"" + std::string(number) + "\" không hợp lệ");
        row = *parsed;
      }
      if (row > kMaxRow)
        throw XlsxError("dòng " + std::to_string(row) + " vượt quá giới hạn của Excel");
      row_ = XlsxRow{};
      row_.number = row;
      last_row_ = row;
      last_column_ = 0;
      in_row_ = true;
    } else if (name == "c" && in_row_) {
      const char* reference = attribute(attributes, "r");
      size_t column = last_column_ + 1;
      if (reference) {
        auto parsed = column_of_reference(reference);
        if (!parsed)
          throw XlsxError("ô \"" + std::string(reference) + "\" không hợp lệ ở dòng " +
                          std::to_string(row_.number));
        column = *parsed;
      }
      if (column > kMaxColumn)
        throw XlsxError("dòng " + std::to_string(row_.number) + " có quá nhiều cột", row_.number,
                        1);
      last_column_ = column;
      const char* type = attribute(attributes, "t");
      type_ = type ? type : "n";
      const char* style = attribute(attributes, "s");
      style_ = style ? parse_index(style).value_or(0) : 0;
      value_.clear();
      inline_.clear();
      in_cell_ = true;
    } else if (in_cell_) {
      if (name == "v") {
        in_value_ = true;
      } else if (name == "rPh") {
        ++in_phonetic_;
      } else if (name == "t" && in_phonetic_ == 0) {
        in_inline_text_ = true;
      }
    }
  }

  void end(std::string_view name) override {
    if (name == "v") {
      in_value_ = false;
    } else if (name == "t") {
      in_inline_text_ = false;
    } else if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      finish_cell();
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      if (!row_.cells.empty()) ready_.push_back(std::move(row_));
      row_ = XlsxRow{};
    }
  }

  void text(std::string_view text) override {
    std::string* into = in_value_ ? &value_ : in_inline_text_ ? &inline_ : nullptr;
    if (into == nullptr) return;
    if (into->size() + text.size() > kMaxCellBytes)
      throw XlsxError(
          "ô " + column_letters(last_column_) + std::to_string(row_.number) + " dài quá 1 MiB",
          row_.number, last_column_);
    into->append(text);
  }

 private:
  void finish_cell() {
    XlsxCell cell;
    cell.column = last_column_;
    const std::string where = column_letters(cell.column) + std::to_string(row_.number);
    if (type_ == "s") {
      if (value_.empty()) return;
      auto index = parse_index(value_);
      if (!index || *index >= strings_.size())
        throw XlsxError(
            "ô " + where + " trỏ tới chuỗi dùng chung số " + value_ + " mà bảng tính không có",
            row_.number, cell.column);
      cell.text = strings_[*index];
    } else if (type_ == "inlineStr") {
      cell.text = std::move(inline_);
    } else if (type_ == "str") {
      cell.text = std::move(value_);
    } else if (type_ == "b") {
      if (value_.empty()) return;
      cell.text = value_ == "1" || value_ == "true" ? "TRUE" : "FALSE";
    } else if (type_ == "e") {
      cell.text = std::move(value_);
      cell.is_error = true;
    } else if (type_ == "d") {
      cell.text = value_.substr(0, value_.find('T'));  // ISO 8601: the date part
    } else {
      if (value_.empty()) return;
      double number = 0;
      auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), number);
      if (error != std::errc() || end != value_.data() + value_.size())
        throw XlsxError("ô " + where + " có số \"" + value_ + "\" không đọc được", row_.number,
                        cell.column);
      const NumberLook look = style_ < looks_.size() ? looks_[style_] : NumberLook{};
      std::optional<std::string> shown;
      if (look.date || look.time) shown = serial_date_text(number, date1904_, look);
      cell.text = shown ? *shown : number_text(number);
    }
    if (cell.text.empty() && !cell.is_error) return;
    row_.cells.push_back(std::move(cell));
  }

  const std::vector<std::string>& strings_;
  const std::vector<NumberLook>& looks_;
  bool date1904_;
  std::deque<XlsxRow>& ready_;
  XlsxRow row_;
  size_t last_row_ = 0;
  size_t last_column_ = 0;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_text_ = false;
  int in_phonetic_ = 0;
  std::string type_;
  size_t style_ = 0;
  std::string value_;
  std::string inline_;
};

}  // namespace

std::string column_letters(size_t column) {
  std::string letters;
  while (column > 0) {
    const size_t digit = (column - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + digit));
    column = (column - 1) / 26;
  }
  return letters;
}

struct XlsxWorkbook::State {
  ZipArchive archive;
  std::vector<XlsxSheetInfo> sheets;
  std::vector<std::string> strings;
  std::vector<NumberLook> looks;
  bool date1904 = false;
};

namespace {

class SheetRowReader : public XlsxRowReader {
 public:
  SheetRowReader(zip_t* archive, const std::string& part, const std::vector<std::string>& strings,
                 const std::vector<NumberLook>& looks, bool date1904)
      : part_(archive, part),
        handler_(strings, looks, date1904, ready_),
        stream_(handler_, part),
        buffer_(kChunkBytes, '\0') {}

  bool next(XlsxRow& row) override {
    while (ready_.empty() && !finished_) {
      const size_t n = part_.read(buffer_.data(), buffer_.size());
      stream_.feed(buffer_.data(), n, n == 0);
      finished_ = n == 0;
    }
    if (ready_.empty()) return false;
    row = std::move(ready_.front());
    ready_.pop_front();
    return true;
  }

 private:
  PartReader part_;
  std::deque<XlsxRow> ready_;
  SheetHandler handler_;
  XmlStream stream_;
  std::string buffer_;
  bool finished_ = false;
};

// The first bytes of an OLE compound file: Excel 97-2003 workbooks, and
// every workbook saved with a password (an encrypted .xlsx is such a file).
bool is_compound_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 8 && std::string_view(magic, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
}

}  // namespace

XlsxWorkbook::XlsxWorkbook(const std::string& path) : state_(std::make_unique<State>()) {
  int error_code = 0;
  state_->archive.reset(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error_code));
  if (!state_->archive) {
    if (error_code == ZIP_ER_NOENT || error_code == ZIP_ER_OPEN) {
      zip_error_t error;
      zip_error_init_with_code(&error, error_code);
      std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      throw XlsxError("không mở được tệp (" + reason + ")");
    }
    if (is_compound_file(path))
      throw XlsxError(
          "đây là bảng tính Excel 97–2003 (.xls) hoặc bảng tính có đặt mật khẩu; "
          "hãy mở trong Excel hay LibreOffice và lưu lại thành .xlsx không mật khẩu "
          "(hoặc thành CSV UTF-8)");
    throw XlsxError(
        "tệp không phải bảng tính .xlsx (không đọc được như một tệp nén ZIP; "
        "tệp bị cắt cụt hay hỏng?)");
  }
  zip_t* archive = state_->archive.get();

  std::string workbook_part = "xl/workbook.xml";
  for (const Relationship& relation : read_relationships(archive, "")) {
    if (relation.type == "officeDocument") workbook_part = relation.target;
  }
  if (!has_part(archive, workbook_part))
    throw XlsxError("tệp không phải bảng tính .xlsx (không có phần " + workbook_part + ")");

  WorkbookHandler workbook;
  parse_part(archive, workbook_part, workbook);
  state_->date1904 = workbook.date1904;

  const std::vector<Relationship> relations = read_relationships(archive, workbook_part);
  for (const Relationship& relation : relations) {
    if (relation.type == "sharedStrings") {
      SharedStringsHandler strings(state_->strings);
      parse_part(archive, relation.target, strings);
    } else if (relation.type == "styles") {
      StylesHandler styles;
      parse_part(archive, relation.target, styles);
      state_->looks = styles.looks();
    }
  }
  for (const SheetEntry& entry : workbook.sheets) {
    for (const Relationship& relation : relations) {
      // Chart sheets and dialog sheets hold no cells.
      if (relation.id == entry.relationship && relation.type == "worksheet")
        state_->sheets.push_back({entry.name, entry.hidden, relation.target});
    }
  }
}

XlsxWorkbook::~XlsxWorkbook() = default;

const std::vector<XlsxSheetInfo>& XlsxWorkbook::sheets() const {
  return state_->sheets;
}

std::unique_ptr<XlsxRowReader> XlsxWorkbook::read_sheet(size_t index) const {
  return std::make_unique<SheetRowReader>(state_->archive.get(), state_->sheets.at(index).part,
                                          state_->strings, state_->looks, state_->date1904);
}

}  // namespace ocopdoc::data
