#include "data/csv_reader.h"

#include <string>

namespace ocopdoc::data {

namespace {
constexpr int kEof = std::char_traits<char>::eof();
}

CsvReader::CsvReader(std::istream& in, CsvLimits limits) : buffer_(in.rdbuf()), limits_(limits) {}

int CsvReader::get() {
  int c = buffer_->sbumpc();
  if (c != kEof) ++offset_;
  return c;
}

int CsvReader::peek() {
  return buffer_->sgetc();
}

bool CsvReader::next(std::vector<CsvField>& record) {
  record.clear();
  if (!started_) {
    started_ = true;
    // An optional UTF-8 byte order mark, as Excel writes with "CSV UTF-8".
    if (peek() == 0xEF) {
      get();
      if (get() != 0xBB || get() != 0xBF)
        throw CsvSyntaxError(1, 1, "tệp bắt đầu bằng một dấu BOM hỏng (không phải UTF-8)");
    }
  }

  for (;;) {
    // Skip empty lines between records.
    int c = peek();
    if (c == kEof) return false;
    if (c == '\n') {
      get();
      ++line_;
      continue;
    }
    if (c == '\r') {
      get();
      if (peek() == '\n') get();
      ++line_;
      continue;
    }
    break;
  }

  record_line_ = line_;
  for (;;) {
    if (record.size() >= limits_.max_fields)
      throw CsvSyntaxError(
          line_, record.size() + 1,
          "dòng có quá " + std::to_string(limits_.max_fields) +
              " ô (giới hạn của ocopdoc); tệp có đúng là CSV dùng dấu phẩy không?");
    CsvField field;
    field.line = line_;
    const size_t column = record.size() + 1;
    auto append = [&](int ch) {
      if (field.value.size() >= limits_.max_field_bytes)
        throw CsvSyntaxError(field.line, column,
                             "ô dài quá " + std::to_string(limits_.max_field_bytes / 1024) +
                                 " KiB (giới hạn của ocopdoc)");
      field.value.push_back(static_cast<char>(ch));
    };

    int c = peek();
    if (c == '"') {
      get();
      field.byte_offset = offset_;
      const size_t open_line = line_;
      for (;;) {
        c = get();
        if (c == kEof)
          throw CsvSyntaxError(
              open_line, column,
              "thiếu dấu ngoặc kép đóng cho ô mở ở dòng " + std::to_string(open_line));
        if (c == '"') {
          if (peek() == '"') {
            get();
            append('"');
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        if (c == '\r') {
          // CRLF inside a quoted field is one line break, kept as "\n".
          if (peek() == '\n') get();
          ++line_;
          append('\n');
          continue;
        }
        append(c);
      }
      c = peek();
      if (c != ',' && c != '\n' && c != '\r' && c != kEof)
        throw CsvSyntaxError(line_, column,
                             "có ký tự sau dấu ngoặc kép đóng; trong ô có ngoặc kép, hãy viết "
                             "ngoặc kép hai lần (\"\")");
    } else {
      field.byte_offset = offset_;
      for (;;) {
        c = peek();
        if (c == ',' || c == '\n' || c == '\r' || c == kEof) break;
        get();
        if (c == '"')
          throw CsvSyntaxError(line_, column,
                               "dấu ngoặc kép ở giữa ô; ô chứa ngoặc kép phải được bao trong "
                               "ngoặc kép, và ngoặc kép bên trong viết hai lần (\"\")");
        append(c);
      }
    }
    record.push_back(std::move(field));

    c = get();
    if (c == ',') continue;
    if (c == '\r') {
      if (peek() == '\n') get();
      ++line_;
    } else if (c == '\n') {
      ++line_;
    }
    return true;  // end of line or end of file
  }
}

}  // namespace ocopdoc::data
