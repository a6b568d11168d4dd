// SQL functions and the `vi` collation, registered on every connection.
//
// Templates stay logic-less: formatting lives here, once, and a template asks
// SQL for ready text (`SELECT tien(SUM(so_tien)), bang_chu(SUM(so_tien)) ...`).
// Every function is deterministic, so SQLite may use it in indexes and
// constant-folds it; every error reaches the template author as an SQL error
// with the function's name.
#include <sqlite3.h>

#include <cmath>
#include <string>
#include <string_view>

#include "data/database.h"
#include "data/schema.h"
#include "text/text.h"

namespace ocopdoc::data {

namespace {

std::string_view text_arg(sqlite3_value* value) {
  const unsigned char* text = sqlite3_value_text(value);
  int size = sqlite3_value_bytes(value);
  return text ? std::string_view(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
              : std::string_view();
}

void result_text(sqlite3_context* context, const std::string& text) {
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void result_error(sqlite3_context* context, const char* function, const std::string& message) {
  std::string full = std::string(function) + "(): " + message;
  sqlite3_result_error(context, full.c_str(), static_cast<int>(full.size()));
}

bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  }
  return false;
}

// Wraps a text service as an SQL function: NULL in gives NULL out (as SQL's
// own functions do), exceptions become SQL errors naming the function.
template <typename Body>
void call(sqlite3_context* context, int argc, sqlite3_value** argv, const char* name, Body body) {
  if (any_null(argc, argv)) {
    sqlite3_result_null(context);
    return;
  }
  try {
    body();
  } catch (const std::exception& error) {
    result_error(context, name, error.what());
  }
}

int64_t integer_arg(sqlite3_value* value, const char* name) {
  int type = sqlite3_value_numeric_type(value);
  if (type == SQLITE_INTEGER) return sqlite3_value_int64(value);
  if (type == SQLITE_FLOAT) {
    double d = sqlite3_value_double(value);
    if (std::nearbyint(d) == d && std::fabs(d) < 9.2e18) return static_cast<int64_t>(d);
  }
  throw std::runtime_error(std::string("cần một số nguyên, nhận được \"") +
                           std::string(text_arg(value)) + "\" (" + name + ")");
}

// so(x) -> "1.234.567"; so(x, d) -> "1.234.567,5" with d decimals.
void fn_so(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "so", [&] {
    if (argc == 1 && sqlite3_value_numeric_type(argv[0]) == SQLITE_INTEGER) {
      result_text(c, text::format_integer(sqlite3_value_int64(argv[0])));
      return;
    }
    int decimals = argc > 1 ? static_cast<int>(integer_arg(argv[1], "số chữ số thập phân")) : 0;
    if (decimals < 0 || decimals > 6)
      throw std::runtime_error("số chữ số thập phân phải từ 0 đến 6");
    result_text(c, text::format_decimal(sqlite3_value_double(argv[0]), decimals));
  });
}

void fn_tien(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "tien",
       [&] { result_text(c, text::format_money(integer_arg(argv[0], "số tiền"))); });
}

void fn_trieu_dong(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "trieu_dong", [&] {
    int decimals = argc > 1 ? static_cast<int>(integer_arg(argv[1], "số chữ số thập phân")) : 1;
    if (decimals < 0 || decimals > 6)
      throw std::runtime_error("số chữ số thập phân phải từ 0 đến 6");
    result_text(c, text::format_million(integer_arg(argv[0], "số tiền"), decimals));
  });
}

void fn_bang_chu(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "bang_chu",
       [&] { result_text(c, text::amount_in_words(integer_arg(argv[0], "số tiền"))); });
}

void fn_chu_so(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "chu_so",
       [&] { result_text(c, text::number_in_words(integer_arg(argv[0], "số"))); });
}

void fn_ngay_dai(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "ngay_dai",
       [&] { result_text(c, text::format_date_long(text::parse_iso_date(text_arg(argv[0])))); });
}

void fn_ngay_ngan(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "ngay_ngan",
       [&] { result_text(c, text::format_date_short(text::parse_iso_date(text_arg(argv[0])))); });
}

void fn_thang(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "thang",
       [&] { result_text(c, text::format_period(text::parse_year_month(text_arg(argv[0])))); });
}

void fn_ten_goi(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "ten_goi",
       [&] { result_text(c, text::given_name_first(text_arg(argv[0]))); });
}

// khoa_ten(ho_ten): the roster sort key as a BLOB (ORDER BY compares BLOBs
// bytewise): the given name compared completely (letters, tones, case)
// before the middle names, then the family name.  ORDER BY ten_goi(x)
// COLLATE vi is not the same: ICU compares the letters of the whole string
// before any tone, so "Lê Đình Dũng" would come before "Nguyễn Thị Dung".
void fn_khoa_ten(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "khoa_ten", [&] {
    const std::string key = text::roster_sort_key(text_arg(argv[0]));
    sqlite3_result_blob64(c, key.data(), key.size(), SQLITE_TRANSIENT);
  });
}

void fn_slug(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "slug", [&] { result_text(c, text::slugify(text_arg(argv[0]))); });
}

void fn_thuong_dau(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "thuong_dau",
       [&] { result_text(c, text::lowercase_first(text_arg(argv[0]))); });
}

void fn_hoa_dau(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "hoa_dau", [&] { result_text(c, text::uppercase_first(text_arg(argv[0]))); });
}

void fn_so_sao(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "so_sao", [&] {
    int64_t score = integer_arg(argv[0], "điểm");
    if (score < 0 || score > 100) throw std::runtime_error("điểm phải từ 0 đến 100");
    sqlite3_result_int(c, stars_for_score(static_cast<int>(score)));
  });
}

void fn_so_la_ma(sqlite3_context* c, int argc, sqlite3_value** argv) {
  call(c, argc, argv, "so_la_ma",
       [&] { result_text(c, text::roman_numeral(integer_arg(argv[0], "số"))); });
}

int collate_vi(void*, int size_a, const void* a, int size_b, const void* b) {
  return text::compare_vi(
      std::string_view(static_cast<const char*>(a), static_cast<size_t>(size_a)),
      std::string_view(static_cast<const char*>(b), static_cast<size_t>(size_b)));
}

struct FunctionEntry {
  const char* name;
  int arity;  // -1: any
  void (*function)(sqlite3_context*, int, sqlite3_value**);
};

constexpr FunctionEntry kFunctions[] = {
    {"so", 1, fn_so},
    {"so", 2, fn_so},
    {"tien", 1, fn_tien},
    {"trieu_dong", 1, fn_trieu_dong},
    {"trieu_dong", 2, fn_trieu_dong},
    {"bang_chu", 1, fn_bang_chu},
    {"chu_so", 1, fn_chu_so},
    {"ngay_dai", 1, fn_ngay_dai},
    {"ngay_ngan", 1, fn_ngay_ngan},
    {"thang", 1, fn_thang},
    {"ten_goi", 1, fn_ten_goi},
    {"khoa_ten", 1, fn_khoa_ten},
    {"slug", 1, fn_slug},
    {"so_sao", 1, fn_so_sao},
    {"so_la_ma", 1, fn_so_la_ma},
    {"thuong_dau", 1, fn_thuong_dau},
    {"hoa_dau", 1, fn_hoa_dau},
};

}  // namespace

void register_text_functions(sqlite3* db) {
  if (sqlite3_create_collation_v2(db, "vi", SQLITE_UTF8, nullptr, collate_vi, nullptr) != SQLITE_OK)
    throw DatabaseError(sqlite3_errmsg(db));
  for (const FunctionEntry& entry : kFunctions) {
    if (sqlite3_create_function_v2(db, entry.name, entry.arity,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                   entry.function, nullptr, nullptr, nullptr) != SQLITE_OK)
      throw DatabaseError(sqlite3_errmsg(db));
  }
}

}  // namespace ocopdoc::data
