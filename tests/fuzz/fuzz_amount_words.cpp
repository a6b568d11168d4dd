// Fuzzes amounts in words and number formatting with arbitrary 64-bit values.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < sizeof(int64_t)) return 0;
  int64_t value = 0;
  std::memcpy(&value, data, sizeof value);
  (void)ocopdoc::text::format_integer(value);
  (void)ocopdoc::text::format_money(value);
  (void)ocopdoc::text::format_million(value, static_cast<int>(data[size - 1] % 4));
  try {
    const std::string words = ocopdoc::text::number_in_words(value);
    // Words are never empty, never start or end with a space, never doubled spaces.
    if (words.empty() || words.front() == ' ' || words.back() == ' ' ||
        words.find("  ") != std::string::npos)
      std::abort();
    const std::string amount = ocopdoc::text::amount_in_words(value);
    if (amount.size() < words.size()) std::abort();
  } catch (const ocopdoc::text::Error&) {
    if (value >= 0 && value <= 999'999'999'999'999) std::abort();  // in range must work
  }
  return 0;
}
