// ocopdoc text services: Vietnamese done right, on top of ICU.
//
// Every string that enters ocopdoc (CSV cells, template values) passes through
// `normalize()` so the rest of the engine can assume clean NFC text.  The
// formatting functions produce the exact forms Vietnamese administrative
// documents use (ND 30/2020, ocop.md): `1.234.567 đồng`, `ngày 07 tháng 5 năm
// 2018`, "Một triệu không trăm linh năm nghìn đồng".
//
// All functions take and return UTF-8 `std::string`s.  Functions that can fail on
// user data throw `text::Error` with a Vietnamese message; they never return
// partially converted text.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ocopdoc::text {

// A problem with a piece of text, in words a user can act on.  `byte_offset`
// is set when the problem has a position inside the input (invalid UTF-8).
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, std::optional<size_t> byte_offset = std::nullopt)
      : std::runtime_error(message), byte_offset_(byte_offset) {}
  std::optional<size_t> byte_offset() const { return byte_offset_; }

 private:
  std::optional<size_t> byte_offset_;
};

// ---------------------------------------------------------------------------
// UTF-8 validity and legacy encodings

// Returns the offset of the first byte that is not part of well-formed UTF-8
// (overlongs, surrogates and values above U+10FFFF are ill-formed), or nullopt.
std::optional<size_t> find_invalid_utf8(std::string_view bytes);

enum class LegacyEncoding { kNone, kTcvn3, kVni };

// Detects Vietnamese text that was typed in the legacy TCVN3 (ABC) or VNI
// encodings and then read as Windows-1252/Latin-1, e.g. "TØnh Thanh Hãa" (TCVN3)
// or "Nöôùc maém" (VNI).  Proper Unicode Vietnamese is never reported.
LegacyEncoding detect_legacy_encoding(std::string_view utf8);

// "TCVN3 (ABC)" or "VNI", for messages.
const char* legacy_encoding_name(LegacyEncoding encoding);

// ---------------------------------------------------------------------------
// Normalisation

// Cleans a value for storage: rejects invalid UTF-8 (Error with byte offset)
// and legacy-encoded text (Error naming the encoding); maps U+00D0/U+00F0
// (eth look-alikes) to Đ/đ; removes zero-width characters (U+200B..U+200D,
// U+2060, U+FEFF, soft hyphen is *not* removed because it signals TCVN3);
// turns NBSP, tabs and every other Unicode space into U+0020, collapses runs
// and trims both ends; returns NFC.  Line breaks inside the text are kept
// (as "\n") when `keep_newlines` is true, otherwise they become spaces.
std::string normalize(std::string_view utf8, bool keep_newlines = false);

// ---------------------------------------------------------------------------
// Collation (ICU "vi")

// Three-way comparison with ICU's Vietnamese collator: <0, 0, >0.
int compare_vi(std::string_view a, std::string_view b);

// A sort key (bytes, compare with memcmp / std::string operator<) so that
// Vietnamese personal names sort by given name (last word), then middle
// names (left to right), then family name (first word), each in `vi` order.
// "Nguyễn Văn An" < "Trần Thị Bình" < "Lê Văn Bình".
std::string roster_sort_key(std::string_view full_name);

// The given-name ordering as a string: "An Văn Nguyễn" for "Nguyễn Văn An".
// For display; to sort a roster use roster_sort_key (SQL: khoa_ten), which
// compares the given name completely before the middle names.
std::string given_name_first(std::string_view full_name);

// ---------------------------------------------------------------------------
// Numbers and money (vi_VN conventions: '.' groups thousands, ',' decimals)

// 1234567 -> "1.234.567"; -5 -> "-5".
std::string format_integer(int64_t value);

// Roman numerals for the top level of a Vietnamese table or outline
// ("I", "II", ..., "XIV"), 1 to 3999; std::out_of_range otherwise.
std::string roman_numeral(int64_t value);

// 1234567.5 with 1 decimal -> "1.234.567,5"; trailing zeros are kept to
// `decimals` places (halves rounded away from zero).
std::string format_decimal(double value, int decimals);

// The shortest vi_VN form of a value for a chart or a table preview: whole
// numbers as format_integer ("1.234"), others with at most two decimals and
// no trailing zeros ("12,5", not "12,50").
std::string format_number_short(double value);

// `value` divided by 1000^thousands (0 to 3: units, nghìn, triệu, tỷ) with
// `decimals` decimals, halves away from zero, as a spreadsheet shows it with
// a format ending in that many commas: (1234567890, 2, 1) -> "1.234,6".
std::string format_scaled(double value, int thousands, int decimals);

// 1234567 -> "1.234.567 đồng".
std::string format_money(int64_t vnd);

// 1234567890 with 1 decimal -> "1.234,6 triệu đồng"  (value / 1e6).
std::string format_million(int64_t vnd, int decimals = 1);

// ---------------------------------------------------------------------------
// Amounts in words ("Bằng chữ")

// Vietnamese words for 0 <= n <= 999'999'999'999'999, northern conventions
// (linh, mốt, tư, lăm, nghìn, triệu, tỷ, "không trăm" for an inner zero hundreds),
// lowercase, no unit: 1005000 -> "một triệu không trăm linh năm nghìn".
// Throws Error outside the range.
std::string number_in_words(int64_t n);

// Capitalised and ending in " đồng": "Một triệu không trăm linh năm nghìn đồng".
std::string amount_in_words(int64_t vnd);

// ---------------------------------------------------------------------------
// Dates (ISO input "YYYY-MM-DD"; Error on anything else or an impossible date)

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

// Parses and checks a calendar date ("2019-02-29" is an Error).
Date parse_iso_date(std::string_view iso);

// Parses "YYYY-MM" (a reporting period).  day is set to 1.
Date parse_year_month(std::string_view text);

// "ngày 07 tháng 5 năm 2018"; "ngày 05 tháng 02 năm 2019" (leading zero for
// days < 10 and for months 1 and 2, as ND 30 requires).
std::string format_date_long(const Date& d);

// "tháng 02", "tháng 5", "tháng 12".
std::string format_month_word(int month);

// "tháng 02 năm 2019" for a period.
std::string format_period(const Date& d);

// "07/5/2018" (short form used in document text and legal citations).
std::string format_date_short(const Date& d);

// ND 30 place-date line: "Thanh Hóa, ngày 05 tháng 02 năm 2019".
std::string place_date_line(std::string_view place, const Date& d);

// ---------------------------------------------------------------------------
// Letter case

// "Huyện Nga Sơn" -> "huyện Nga Sơn", for a unit's name inside a sentence.
std::string lowercase_first(std::string_view utf8);
// "một triệu" -> "Một triệu".
std::string uppercase_first(std::string_view utf8);

// The first `limit` code points of well-formed UTF-8 `utf8` (never cuts a
// character in two); Excel limits sheet names and messages in characters.
std::string first_code_points(std::string_view utf8, size_t limit);

// ---------------------------------------------------------------------------
// Where a title, heading or table cell may end a line

// How well the space between two words suits the end of a line in text
// whose breaks show: a trích yếu, an agency's name, a heading, a table
// cell.  Vietnamese writes every syllable apart, so a line breaker sees a
// space inside "sản phẩm" as a place to break like any other; a reader
// sees a word cut in two.  Such text is broken where a phrase ends.
enum class BreakFit {
  kBest,  // after a comma, semicolon, colon or full stop
  kGood,  // before a word that opens a phrase: "của", "tháng", "tỉnh", "giai đoạn", a quotation
  kNeutral,  // nothing known either way
  kAvoid,  // inside a word or date, or between a unit and its name: "sản | phẩm", "năm | 2019"
  kWorst,  // inside a name: "Thanh | Hóa", "HUYỆN NGA | SƠN"
};

// The fit of each space between `words` (`words.size() - 1` values; the
// words as a line breaker cuts them, punctuation attached).  The words
// known to open phrases and the two-syllable words never cut are a small
// list of the vocabulary of administrative titles (phrase_breaks.cpp);
// consecutive capitalised words ("Nga Sơn", not "NGA SƠN") are a name.
std::vector<BreakFit> break_fits(const std::vector<std::string>& words);

// Whether a number goes on to `word` (as written, punctuation attached): a
// word in small letters that does not open a phrase ("60 sản phẩm", "7
// năm", "15 tháng"), not "2018 của", "3 OCOP" nor "9/2019 đạt" (a verb
// saying what a figure comes to starts the rest of the sentence).  The rule break_fits
// applies, for running text to tie them (layout's LineBreaker).
bool number_goes_on_to(std::string_view word);

// ---------------------------------------------------------------------------
// Slugs for file names

// ASCII, lowercase, words joined by '-', only [a-z0-9-]: "Huyện Nga Sơn" ->
// "huyen-nga-son", "Đề án / Thuyết minh" -> "de-an-thuyet-minh".  Uses ICU's
// Latin-ASCII transliterator after mapping đ/Đ to d/D.  Never empty: returns
// "khong-ten" when nothing is left.
std::string slugify(std::string_view utf8);

}  // namespace ocopdoc::text
