// Private helpers shared by the text/ sources: UTF-8 <-> ICU UnicodeString and
// ICU error checking.  Not part of the public interface (text.h).
#pragma once

#include <unicode/stringpiece.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <climits>
#include <string>
#include <string_view>

#include "text/text.h"

namespace ocopdoc::text::detail {

// ICU counts lengths in int32_t; a single value larger than that is not text a
// document can hold, so it is refused instead of silently truncated.
inline icu::StringPiece to_string_piece(std::string_view utf8) {
  if (utf8.size() > static_cast<size_t>(INT32_MAX)) {
    throw Error("văn bản quá dài (hơn 2 GB) để xử lý");
  }
  return icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()));
}

// Ill-formed bytes become U+FFFD; callers that must reject them check with
// find_invalid_utf8() first.
inline icu::UnicodeString to_unicode(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(to_string_piece(utf8));
}

inline std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// ICU failures here are not caused by user data (missing ICU data files, out
// of memory), but they still surface as text::Error so callers have one
// exception type to report.
inline void check_icu(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw Error(std::string("lỗi thư viện ICU khi ") + what + ": " + u_errorName(status));
  }
}

}  // namespace ocopdoc::text::detail
