// Numbers and money in vi_VN form: "1.234.567", "1.234.567,5",
// "1.234.567 đồng", "1.234,6 triệu đồng".

#include <unicode/locid.h>
#include <unicode/numberformatter.h>

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "text/icu_util.h"
#include "text/text.h"

namespace ocopdoc::text {

namespace {

namespace number = icu::number;

// Widest fraction a document shows; more would only expose binary noise.
constexpr int kMaxDecimals = 15;
// Largest power of a thousand a number is shown in: tỷ (10^9).
constexpr int kMaxThousands = 3;

// Settings every formatter shares: vi_VN symbols ('.' groups, ',' decimals, '-' minus),
// groups of three from the first thousand on (no "minimum grouping digits"
// exception: "1.234", not "1234"), and no sign on a value that rounds to
// zero ("0,0", not "-0,0").  Halves round away from zero, as Vietnamese
// accounting does (2,5 triệu shown with no decimals is "3 triệu"): ICU's
// default half-even would surprise a finance officer checking a total.
number::LocalizedNumberFormatter base_formatter() {
  return number::NumberFormatter::withLocale(icu::Locale("vi", "VN"))
      .grouping(UNUM_GROUPING_ON_ALIGNED)
      .sign(UNUM_SIGN_NEGATIVE)
      .roundingMode(UNUM_ROUND_HALFUP);
}

using FormatterTable = std::array<number::LocalizedNumberFormatter, kMaxDecimals + 1>;

// One formatter per power of a thousand (1, nghìn, triệu, tỷ) and number of
// decimals.  Scaling is decimal arithmetic (Scale::powerOfTen), so 1.234.550.000
// in millions rounds from exactly 1234,55 and a VND amount beyond 2^53 is
// still rounded from its exact value.
struct Formatters {
  std::array<FormatterTable, kMaxThousands + 1> scaled;  // [thousands][decimals]

  Formatters() {
    for (size_t k = 0; k <= kMaxThousands; ++k) {
      for (size_t d = 0; d <= kMaxDecimals; ++d) {
        const auto precision = number::Precision::fixedFraction(static_cast<int32_t>(d));
        scaled[k][d] = k == 0 ? base_formatter().precision(precision)
                              : base_formatter()
                                    .scale(number::Scale::powerOfTen(-3 * static_cast<int32_t>(k)))
                                    .precision(precision);
      }
    }
  }
};

// Thread safety: one set of formatters per thread (thread_local).  ICU calls
// LocalizedNumberFormatter immutable and thread-safe, but it compiles itself
// lazily after a few calls, behind atomics inside ICU; a per-thread copy needs
// no such guarantee and keeps thread sanitizers quiet.  Building a set is
// cheap (the locale data itself is cached by ICU).
const Formatters& thread_formatters() {
  thread_local const Formatters formatters;
  return formatters;
}

void check_decimals(int decimals) {
  if (decimals < 0 || decimals > kMaxDecimals) {
    throw Error("số chữ số thập phân phải từ 0 đến " + std::to_string(kMaxDecimals) +
                ", không phải " + std::to_string(decimals));
  }
}

std::string to_string(const number::FormattedNumber& formatted, UErrorCode& status) {
  const icu::UnicodeString text = formatted.toString(status);
  detail::check_icu(status, "định dạng số");
  return detail::to_utf8(text);
}

}  // namespace

std::string format_integer(int64_t value) {
  UErrorCode status = U_ZERO_ERROR;
  return to_string(thread_formatters().scaled[0][0].formatInt(value, status), status);
}

std::string format_decimal(double value, int decimals) {
  check_decimals(decimals);
  if (!std::isfinite(value)) throw Error("không định dạng được số không hữu hạn (NaN hoặc vô cực)");
  UErrorCode status = U_ZERO_ERROR;
  return to_string(
      thread_formatters().scaled[0][static_cast<size_t>(decimals)].formatDouble(value, status),
      status);
}

std::string format_number_short(double value) {
  if (std::abs(value) < 1e15 && value == std::floor(value)) {
    return format_integer(static_cast<int64_t>(value));
  }
  std::string formatted = format_decimal(value, 2);
  if (formatted.find(',') != std::string::npos) {
    while (formatted.ends_with('0')) formatted.pop_back();
    if (formatted.ends_with(',')) formatted.pop_back();
  }
  return formatted;
}

std::string format_scaled(double value, int thousands, int decimals) {
  check_decimals(decimals);
  if (thousands < 0 || thousands > kMaxThousands) {
    throw Error("chia cho 1000 mũ " + std::to_string(thousands) + ": chỉ được từ 0 đến " +
                std::to_string(kMaxThousands));
  }
  if (!std::isfinite(value)) throw Error("không định dạng được số không hữu hạn (NaN hoặc vô cực)");
  UErrorCode status = U_ZERO_ERROR;
  return to_string(thread_formatters()
                       .scaled[static_cast<size_t>(thousands)][static_cast<size_t>(decimals)]
                       .formatDouble(value, status),
                   status);
}

std::string format_money(int64_t vnd) {
  return format_integer(vnd) + " đồng";
}

std::string format_million(int64_t vnd, int decimals) {
  check_decimals(decimals);
  UErrorCode status = U_ZERO_ERROR;
  return to_string(
             thread_formatters().scaled[2][static_cast<size_t>(decimals)].formatInt(vnd, status),
             status) +
         " triệu đồng";
}

std::string roman_numeral(int64_t value) {
  if (value < 1 || value > 3999) {
    throw std::out_of_range("số La Mã chỉ viết được từ 1 đến 3999");
  }
  static constexpr std::pair<int, const char*> kDigits[] = {
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
      {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  std::string numeral;
  for (const auto& [amount, digits] : kDigits) {
    while (value >= amount) {
      numeral += digits;
      value -= amount;
    }
  }
  return numeral;
}

}  // namespace ocopdoc::text
