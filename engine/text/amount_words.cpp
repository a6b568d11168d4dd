// Amounts in words ("Bằng chữ"), northern conventions:
//   linh  for a zero tens digit after hundreds       301 ba trăm linh một
//   mốt   for 1 after a tens digit >= 2               21 hai mươi mốt
//   tư    for 4 after a tens digit >= 2               24 hai mươi tư (14 mười bốn)
//   lăm   for 5 after mười/mươi                       15 mười lăm, 25 hai mươi lăm
//   không trăm  for a zero hundreds in a group that follows another group
//                                                     1.005.000 một triệu không trăm linh năm nghìn
// Groups of three digits that are all zero are skipped.  ICU's own "vi"
// spell-out says "lẻ" and drops inner zero hundreds inconsistently, so the
// words are built here.

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <string>
#include <vector>

#include "text/icu_util.h"
#include "text/text.h"

namespace ocopdoc::text {

namespace {

constexpr int64_t kMaxInWords = 999'999'999'999'999;

constexpr std::array<const char*, 10> kDigitWords = {
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
};

// Words for the units digit `units` (1..9) when it follows a tens word.
const char* units_after_tens(int tens, int units) {
  if (units == 5) return "lăm";               // mười lăm, hai mươi lăm
  if (tens >= 2 && units == 1) return "mốt";  // hai mươi mốt (but mười một)
  if (tens >= 2 && units == 4) return "tư";   // hai mươi tư (but mười bốn)
  return kDigitWords[static_cast<size_t>(units)];
}

// Reads one group of three digits (1..999).  `full` reads the hundreds even
// when zero ("không trăm"): every group after the leading one is read in full.
void append_group(int group, bool full, std::vector<std::string>& words) {
  const int hundreds = group / 100;
  const int tens = group / 10 % 10;
  const int units = group % 10;
  const bool hundreds_read = full || hundreds > 0;
  if (hundreds_read) {
    words.emplace_back(kDigitWords[static_cast<size_t>(hundreds)]);
    words.emplace_back("trăm");
  }
  if (tens == 0) {
    if (units == 0) return;
    if (hundreds_read) words.emplace_back("linh");  // ba trăm linh một
    words.emplace_back(kDigitWords[static_cast<size_t>(units)]);
    return;
  }
  if (tens == 1) {
    words.emplace_back("mười");
  } else {
    words.emplace_back(kDigitWords[static_cast<size_t>(tens)]);
    words.emplace_back("mươi");
  }
  if (units != 0) words.emplace_back(units_after_tens(tens, units));
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  return out;
}

}  // namespace

std::string number_in_words(int64_t n) {
  if (n < 0 || n > kMaxInWords) {
    throw Error("không đọc được số " + format_integer(n) +
                " thành chữ: chỉ đọc được số từ 0 đến 999.999.999.999.999");
  }
  if (n == 0) return "không";

  // Groups of three digits, most significant first, with their unit words.
  // Above "tỷ" the scale repeats: the fifth group is "nghìn" of "tỷ", and the
  // "tỷ" is said once after the fourth group, or after the fifth when the
  // fourth is zero (10^12 = "một nghìn tỷ").
  struct Group {
    int value;
    const char* unit;
  };
  const int64_t trillions = n / 1'000'000'000'000;
  const int64_t billions = n / 1'000'000'000 % 1000;
  const std::array<Group, 5> groups = {{
      {static_cast<int>(trillions), billions == 0 ? "nghìn tỷ" : "nghìn"},
      {static_cast<int>(billions), "tỷ"},
      {static_cast<int>(n / 1'000'000 % 1000), "triệu"},
      {static_cast<int>(n / 1000 % 1000), "nghìn"},
      {static_cast<int>(n % 1000), ""},
  }};

  std::vector<std::string> words;
  bool leading_read = false;
  for (const Group& group : groups) {
    if (group.value == 0) continue;  // an all-zero group is not read at all
    append_group(group.value, leading_read, words);
    if (*group.unit != '\0') words.emplace_back(group.unit);
    leading_read = true;
  }
  return join(words);
}

std::string amount_in_words(int64_t vnd) {
  icu::UnicodeString text = detail::to_unicode(number_in_words(vnd) + " đồng");
  // Title case of the first letter, by code point (works for "Một" as well as
  // for a first letter outside ASCII).
  const UChar32 first = text.char32At(0);
  text.replace(0, U16_LENGTH(first), u_totitle(first));
  return detail::to_utf8(text);
}

}  // namespace ocopdoc::text
