// Fuzzes text normalisation and legacy-encoding detection: normalize either
// throws text::Error or returns NFC text that is a fixed point.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  (void)ocopdoc::text::find_invalid_utf8(input);
  if (!ocopdoc::text::find_invalid_utf8(input)) {
    (void)ocopdoc::text::detect_legacy_encoding(input);
    (void)ocopdoc::text::slugify(input);
  }
  for (bool keep_newlines : {false, true}) {
    try {
      const std::string clean = ocopdoc::text::normalize(input, keep_newlines);
      // Normalising clean text changes nothing.
      if (ocopdoc::text::normalize(clean, keep_newlines) != clean) std::abort();
      (void)ocopdoc::text::roster_sort_key(clean);
      (void)ocopdoc::text::given_name_first(clean);
    } catch (const ocopdoc::text::Error&) {
    }
  }
  return 0;
}
