// Dates: strict ISO parsing and the forms ND 30/2020 uses.
//
// The forms are plain digit patterns, so they are built here rather than with
// ICU's SimpleDateFormat: ND 30's leading zero for months 1 and 2 ("tháng 02",
// but "tháng 3") is not expressible as an ICU pattern anyway.

#include <string>
#include <string_view>

#include "text/text.h"

namespace ocopdoc::text {

namespace {

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

// The value as typed, for messages: at most 40 bytes, and only if it is
// printable UTF-8 (a message must not carry broken bytes further).
std::string quoted(std::string_view text) {
  constexpr size_t kMaxShown = 40;
  if (find_invalid_utf8(text)) return "(dữ liệu không phải UTF-8)";
  std::string shown(text.substr(0, kMaxShown));
  if (text.size() > kMaxShown) {
    // Cut on a character boundary, then mark the cut.
    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) {
      shown.pop_back();
    }
    if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
    shown += "…";
  }
  return "\"" + shown + "\"";
}

// Reads `count` ASCII digits at `pos`; -1 if any is not a digit.
int read_digits(std::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Parses "YYYY-MM" at the start of `text`; false if the shape or the ranges
// are wrong.  The caller checks the total length.
bool read_year_month(std::string_view text, int& year, int& month) {
  if (text.size() < 7 || text[4] != '-') return false;
  year = read_digits(text, 0, 4);
  month = read_digits(text, 5, 2);
  return year >= 1 && month >= 1 && month <= 12;
}

std::string two_digits(int value) {
  std::string out = std::to_string(value);
  if (out.size() < 2) out.insert(out.begin(), '0');
  return out;
}

void check_date(const Date& d) {
  if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month)) {
    throw Error("ngày không hợp lệ: năm " + std::to_string(d.year) + ", tháng " +
                std::to_string(d.month) + ", ngày " + std::to_string(d.day));
  }
}

// Day as in documents: two digits ("ngày 05", "07/5/2018").
std::string day_text(int day) {
  return two_digits(day);
}

// Month as ND 30 writes it after "tháng": a leading zero for 1 and 2 only,
// so that "tháng 1" cannot be altered into "tháng 11" or "tháng 12".
std::string month_text(int month) {
  return month <= 2 ? two_digits(month) : std::to_string(month);
}

}  // namespace

Date parse_iso_date(std::string_view iso) {
  const std::string shape_error = "ngày không hợp lệ: " + quoted(iso) + " (cần dạng YYYY-MM-DD)";
  Date d;
  if (iso.size() != 10 || iso[7] != '-' || !read_year_month(iso, d.year, d.month)) {
    throw Error(shape_error);
  }
  d.day = read_digits(iso, 8, 2);
  if (d.day < 1) throw Error(shape_error);
  const int last_day = days_in_month(d.year, d.month);
  if (d.day > last_day) {
    throw Error(shape_error + ": tháng " + std::to_string(d.month) + " năm " +
                std::to_string(d.year) + " chỉ có " + std::to_string(last_day) + " ngày");
  }
  return d;
}

Date parse_year_month(std::string_view text) {
  Date d;
  if (text.size() != 7 || !read_year_month(text, d.year, d.month)) {
    throw Error("kỳ báo cáo không hợp lệ: " + quoted(text) + " (cần dạng YYYY-MM, ví dụ 2019-02)");
  }
  d.day = 1;
  return d;
}

std::string format_month_word(int month) {
  if (month < 1 || month > 12) {
    throw Error("tháng không hợp lệ: " + std::to_string(month) + " (cần từ 1 đến 12)");
  }
  return "tháng " + month_text(month);
}

std::string format_date_long(const Date& d) {
  check_date(d);
  return "ngày " + day_text(d.day) + " " + format_month_word(d.month) + " năm " +
         std::to_string(d.year);
}

std::string format_period(const Date& d) {
  if (d.year < 1 || d.year > 9999) {
    throw Error("năm không hợp lệ: " + std::to_string(d.year) + " (cần từ 1 đến 9999)");
  }
  return format_month_word(d.month) + " năm " + std::to_string(d.year);
}

std::string format_date_short(const Date& d) {
  check_date(d);
  return day_text(d.day) + "/" + std::to_string(d.month) + "/" + std::to_string(d.year);
}

std::string place_date_line(std::string_view place, const Date& d) {
  if (place.find_first_not_of(" \t") == std::string_view::npos) {
    throw Error("thiếu địa danh cho dòng \"" + format_date_long(d) +
                "\" (Nghị định 30 yêu cầu dạng \"Thanh Hóa, ngày ... tháng ... năm ...\")");
  }
  return std::string(place) + ", " + format_date_long(d);
}

}  // namespace ocopdoc::text
