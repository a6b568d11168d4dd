#include "data/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

namespace ocopdoc::data {

namespace {

// Limits against hostile or broken files.  A real workbook is far below
// them: Excel itself stops at 32,767 characters a cell, 16,384 columns and
// 1,048,576 rows.
constexpr size_t kMaxCellBytes = 1u << 20;
constexpr uint64_t kMaxSharedStringBytes = 128u << 20;
// The text of one row, all its cells together.
constexpr size_t kMaxRowBytes = 16u << 20;
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

// Excel writes a character XML cannot hold (a carriage return, a control
// character) as _xHHHH_, and an underscore that would look like one as
// _x005F_; so does every library that follows it.  Decoded left to right,
// once: "_x005F_x0041_" is the text "_x0041_".
std::string decode_escapes(const std::string& text) {
  if (text.find("_x") == std::string::npos) return text;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "_x") == 0 && i + 7 <= text.size() && text[i + 6] == '_') {
      int code = 0;
      bool ok = true;
      for (size_t k = i + 2; k < i + 6; ++k) {
        const int digit = hex(text[k]);
        ok = ok && digit >= 0;
        code = code * 16 + std::max(digit, 0);
      }
      // A lone surrogate is not a character: left as written.
      if (ok && (code < 0xD800 || code > 0xDFFF)) {
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        i += 7;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

// What a part's parser is told.  A handler reports a problem by throwing
// XlsxError; the stream catches it (nothing may unwind through expat's C
// frames), stops the parser and throws it again once expat has returned.
// A handler that has something ready for its reader (a finished row) asks
// the stream to pause, so the reader takes it before more is parsed.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}

  // Read and cleared by the stream after each event.
  bool take_pause() { return std::exchange(pause_, false); }

 protected:
  void pause() { pause_ = true; }

 private:
  bool pause_ = false;
};

class XmlStream {
 public:
  // Elements nested deeper than this are not a spreadsheet (a sheet goes
  // about six deep); expat would keep a stack of them all.
  static constexpr int kMaxDepth = 100;
  // Bytes fed without a single event: one token that long.  expat 2.5.0
  // parses a token that spans many feeds again on every feed (quadratic
  // time), and no part of a workbook has a token near this.
  static constexpr size_t kMaxBytesWithoutEvent = 8u << 20;

  enum class Fed { kDone, kPaused };

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
  // expat holds `this`.
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses the next piece of the part (the last one with `last`, possibly
  // empty); kPaused when a handler paused: call resume() before feeding more.
  // `data` must stay valid until the piece is done.
  Fed feed(const char* data, size_t size, bool last) {
    bytes_without_event_ += size;
    if (bytes_without_event_ > kMaxBytesWithoutEvent)
      throw XlsxError("phần " + part_ + " của bảng tính có một phần tử XML dài quá " +
                      std::to_string(kMaxBytesWithoutEvent >> 20) + " MiB");
    return outcome(
        XML_Parse(parser_.get(), data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE));
  }
  Fed resume() { return outcome(XML_ResumeParser(parser_.get())); }

 private:
  Fed outcome(XML_Status status) {
    if (status == XML_STATUS_SUSPENDED) return Fed::kPaused;
    if (status == XML_STATUS_OK) return Fed::kDone;
    if (!failure_.empty()) throw XlsxError(failure_, failure_row_, failure_column_);
    throw XlsxError("phần " + part_ + " của bảng tính hỏng (XML lỗi ở dòng " +
                    std::to_string(XML_GetCurrentLineNumber(parser_.get())) + ": " +
                    XML_ErrorString(XML_GetErrorCode(parser_.get())) + ")");
  }

  template <typename Call>
  static void guarded(void* user, Call call) {
    auto* self = static_cast<XmlStream*>(user);
    if (!self->failure_.empty()) return;
    self->bytes_without_event_ = 0;
    try {
      call(self->handler_);
      if (self->handler_.take_pause()) XML_StopParser(self->parser_.get(), XML_TRUE);
      return;
    } catch (const XlsxError& error) {
      self->failure_ = error.what();
      self->failure_row_ = error.row();
      self->failure_column_ = error.column();
    } catch (const std::bad_alloc&) {
      self->failure_ = "không đủ bộ nhớ để đọc phần " + self->part_ + " của bảng tính";
    } catch (const std::exception& error) {
      self->failure_ = error.what();
      if (self->failure_.empty()) self->failure_ = "lỗi khi đọc bảng tính";
    }
    XML_StopParser(self->parser_.get(), XML_FALSE);
  }
  static void XMLCALL on_start(void* user, const XML_Char* name, const XML_Char** attributes) {
    guarded(user, [&](XmlHandler& handler) {
      auto* self = static_cast<XmlStream*>(user);
      if (++self->depth_ > kMaxDepth)
        throw XlsxError("phần " + self->part_ + " của bảng tính lồng các phần tử XML quá sâu");
      handler.start(local_name(name), attributes);
    });
  }
  static void XMLCALL on_end(void* user, const XML_Char* name) {
    guarded(user, [&](XmlHandler& handler) {
      --static_cast<XmlStream*>(user)->depth_;
      handler.end(local_name(name));
    });
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
  int depth_ = 0;
  size_t bytes_without_event_ = 0;
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

// A part parsed a piece at a time: each step() feeds the next chunk of the
// part, or resumes the parser where a handler paused it.
class PartParser {
 public:
  PartParser(zip_t* archive, const std::string& name, XmlHandler& handler)
      : part_(archive, name), stream_(handler, name), buffer_(kChunkBytes, '\0') {}

  // False once the whole part has been parsed.
  bool step() {
    if (finished_) return false;
    XmlStream::Fed fed;
    if (paused_) {
      fed = stream_.resume();
    } else {
      const size_t n = part_.read(buffer_.data(), buffer_.size());
      last_piece_ = n == 0;
      fed = stream_.feed(buffer_.data(), n, last_piece_);
    }
    paused_ = fed == XmlStream::Fed::kPaused;
    finished_ = !paused_ && last_piece_;
    return true;
  }

 private:
  PartReader part_;
  XmlStream stream_;
  std::string buffer_;  // the chunk being parsed: kept until the parser is done with it
  bool paused_ = false;
  bool last_piece_ = false;
  bool finished_ = false;
};

void parse_part(zip_t* archive, const std::string& name, XmlHandler& handler) {
  PartParser parser(archive, name, handler);
  while (parser.step()) {
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
      // Counted with what each string costs besides its text, so a table
      // of a million empty strings is as limited as one of long ones.
      total_ += current_.size() + sizeof(std::string);
      if (total_ > kMaxSharedStringBytes)
        throw XlsxError("bảng tính có quá nhiều chữ (bảng chuỗi dùng chung quá " +
                        std::to_string(kMaxSharedStringBytes >> 20) + " MiB)");
      into_.push_back(decode_escapes(current_));
      current_.clear();
    } else if (name == "rPh") {
      if (in_phonetic_ > 0) --in_phonetic_;
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
  bool percent = false;  // shown times 100 with "%": 1 is "100%"
  // A date shown without its day ("06/2019"): read as the month, YYYY-MM,
  // which is what a period column (tien_do.ky) takes; a date column then
  // says it needs a day instead of taking the 1st the user never wrote.
  bool month_only = false;
};

// The built-in formats (ECMA-376 18.8.30) that show dates or times,
// including the East Asian ones 27-36 and 50-58.
NumberLook builtin_look(size_t id) {
  if (id == 17) return {true, false, false, true};  // mmm-yy
  if ((id >= 14 && id <= 16) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return {true, false};
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return {false, true};
  if (id == 22) return {true, true};
  if (id == 9 || id == 10) return {false, false, true};
  return {};
}

// A custom format code shows a date when it has a y or d outside quoted text,
// brackets ([Red], [$-42A]) and escaped characters, and a time with h or s.
// "m" alone could be either and decides nothing.
NumberLook custom_look(std::string_view code) {
  NumberLook look;
  bool has_day = false;
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
      // [h]:mm, [mm]:ss: a duration, which can pass 24 hours; read as the
      // number it is, not as a time of day.
      if (!inside.empty() && std::string_view("hHmMsS").find(inside[0]) != std::string_view::npos)
        return {};
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal text or padding
    } else if (c == ';') {
      break;  // the first section (positive numbers) decides
    } else if (c == '%') {
      look.percent = true;
    } else {
      const char lower = static_cast<char>(c | 0x20);
      if (lower == 'y' || lower == 'd') look.date = true;
      if (lower == 'd') has_day = true;
      if (lower == 'h' || lower == 's') look.time = true;
    }
  }
  look.month_only = look.date && !has_day && !look.time;
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
      if (look.month_only) {
        std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()));
      } else {
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
      }
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
      start_row(attribute(attributes, "r"));
    } else if (name == "c" && in_row_) {
      start_cell(attribute(attributes, "r"), attribute(attributes, "t"),
                 attribute(attributes, "s"));
    } else if (in_cell_) {
      if (name == "v") {
        in_value_ = true;
      } else if (name == "f") {
        has_formula_ = true;
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
      if (in_phonetic_ > 0) --in_phonetic_;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      finish_cell();
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      if (!row_.cells.empty()) {
        ready_.push_back(std::move(row_));
        pause();  // one row at a time: the reader takes it before more is parsed
      }
      row_ = XlsxRow{};
    }
  }

  void text(std::string_view text) override {
    std::string* into = in_value_ ? &value_ : in_inline_text_ ? &inline_ : nullptr;
    if (into == nullptr) return;
    if (into->size() + text.size() > kMaxCellBytes)
      throw XlsxError("ô " + where() + " dài quá 1 MiB", row_.number, last_column_);
    into->append(text);
  }

 private:
  std::string where() const { return column_letters(last_column_) + std::to_string(row_.number); }

  // Rows and the cells of a row come in order in every workbook Excel or
  // LibreOffice writes; a file where they do not would let a later cell
  // silently replace an earlier one, or put data above the header.
  void start_row(const char* number) {
    size_t row = last_row_ + 1;
    if (number) {
      auto parsed = parse_index(number);
      if (!parsed || *parsed == 0 || *parsed > kMaxRow)
        throw XlsxError("số dòng \"" + std::string(number) + "\" không hợp lệ");
      row = *parsed;
    }
    if (row > kMaxRow)
      throw XlsxError("dòng " + std::to_string(row) + " vượt quá giới hạn của Excel");
    if (row <= last_row_)
      throw XlsxError("dòng " + std::to_string(row) + " đứng sau dòng " +
                          std::to_string(last_row_) + " trong tệp: các dòng phải theo thứ tự",
                      row, 1);
    row_ = XlsxRow{};
    row_.number = row;
    row_bytes_ = 0;
    last_row_ = row;
    last_column_ = 0;
    in_row_ = true;
  }

  void start_cell(const char* reference, const char* type, const char* style) {
    size_t column = last_column_ + 1;
    if (reference) {
      auto parsed = column_of_reference(reference);
      if (!parsed)
        throw XlsxError("ô \"" + std::string(reference) + "\" không hợp lệ ở dòng " +
                            std::to_string(row_.number),
                        row_.number, 1);
      column = *parsed;
    }
    if (column > kMaxColumn)
      throw XlsxError("dòng " + std::to_string(row_.number) + " có quá nhiều cột", row_.number, 1);
    if (column <= last_column_)
      throw XlsxError("ô " + column_letters(column) + std::to_string(row_.number) + " đứng sau ô " +
                          where() + " trong tệp: các ô phải theo thứ tự",
                      row_.number, column);
    last_column_ = column;
    type_ = type ? type : "n";
    style_ = style ? parse_index(style).value_or(0) : 0;
    value_.clear();
    inline_.clear();
    has_formula_ = false;
    in_cell_ = true;
  }

  void finish_cell() {
    XlsxCell cell;
    cell.column = last_column_;
    if (type_ == "s") {
      if (value_.empty()) return;
      auto index = parse_index(value_);
      if (!index || *index >= strings_.size())
        throw XlsxError(
            "ô " + where() + " trỏ tới chuỗi dùng chung số " + value_ + " mà bảng tính không có",
            row_.number, cell.column);
      cell.text = strings_[*index];
    } else if (type_ == "inlineStr") {
      cell.text = decode_escapes(inline_);
    } else if (type_ == "str") {
      cell.text = decode_escapes(value_);
    } else if (type_ == "b") {
      if (!value_.empty()) cell.text = value_ == "1" || value_ == "true" ? "TRUE" : "FALSE";
    } else if (type_ == "e") {
      cell.text = value_;
      cell.kind = XlsxCell::Kind::kErrorValue;
    } else if (type_ == "d") {
      cell.text = value_.substr(0, value_.find('T'));  // ISO 8601: the date part
    } else if (!value_.empty()) {
      cell.text = number_cell_text();
    }
    // A formula saved without its result (by a program that cannot compute
    // it) is not an empty cell: its value is unknown.
    if (has_formula_ && value_.empty() && type_ != "inlineStr")
      cell.kind = XlsxCell::Kind::kFormulaWithoutValue;
    if (cell.text.empty() && cell.kind == XlsxCell::Kind::kValue) return;
    row_bytes_ += cell.text.size();
    if (row_bytes_ > kMaxRowBytes)
      throw XlsxError("dòng " + std::to_string(row_.number) + " có quá nhiều chữ (trên " +
                          std::to_string(kMaxRowBytes >> 20) + " MiB)",
                      row_.number, cell.column);
    row_.cells.push_back(std::move(cell));
  }

  std::string number_cell_text() const {
    double number = 0;
    auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), number);
    if (error != std::errc() || end != value_.data() + value_.size() || !std::isfinite(number))
      throw XlsxError("ô " + where() + " có số \"" + value_ + "\" không đọc được", row_.number,
                      last_column_);
    const NumberLook look = style_ < looks_.size() ? looks_[style_] : NumberLook{};
    if (look.date || look.time) {
      if (std::optional<std::string> shown = serial_date_text(number, date1904_, look))
        return *shown;
    } else if (look.percent) {
      // 7% is stored as 0.07: read as the 7 the user typed and sees,
      // rounded to the 15 digits a double holds (0.07 * 100 is 7.000000000000001).
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.15g", number * 100);
      return buffer;
    }
    return number_text(number);
  }

  const std::vector<std::string>& strings_;
  const std::vector<NumberLook>& looks_;
  bool date1904_;
  std::deque<XlsxRow>& ready_;
  XlsxRow row_;
  size_t row_bytes_ = 0;
  size_t last_row_ = 0;
  size_t last_column_ = 0;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_text_ = false;
  bool has_formula_ = false;
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
      : handler_(strings, looks, date1904, ready_), parser_(archive, part, handler_) {}

  bool next(XlsxRow& row) override {
    // The handler pauses the parser after each row, so at most one row
    // waits here; the rest of the chunk is parsed when the parser resumes.
    while (ready_.empty() && parser_.step()) {
    }
    if (ready_.empty()) return false;
    row = std::move(ready_.front());
    ready_.pop_front();
    return true;
  }

 private:
  std::deque<XlsxRow> ready_;
  SheetHandler handler_;
  PartParser parser_;
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
