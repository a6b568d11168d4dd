// Code-point level helpers: changing the case of the first letter, for names
// used inside a sentence ("trên địa bàn huyện Nga Sơn") or at its start
// ("Một triệu đồng"), and cutting text after a number of characters.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>

#include "text/text.h"

namespace ocopdoc::text {

namespace {

std::string map_first_letter(std::string_view utf8, UChar32 (*map)(UChar32)) {
  if (utf8.empty()) return {};
  int32_t end = 0;
  UChar32 first = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  U8_NEXT(bytes, end, static_cast<int32_t>(std::min<size_t>(utf8.size(), 4)), first);
  if (first < 0) throw Error("không phải UTF-8 hợp lệ", 0);
  const UChar32 mapped = map(first);
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool overflow = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, U8_MAX_LENGTH, mapped, overflow);
  if (overflow) throw Error("không đổi được chữ hoa/thường");
  return std::string(buffer, static_cast<size_t>(length)) +
         std::string(utf8.substr(static_cast<size_t>(end)));
}

}  // namespace

std::string first_code_points(std::string_view utf8, size_t limit) {
  int32_t end = 0;
  const auto size = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  for (size_t count = 0; end < size && count < limit; ++count) U8_FWD_1(utf8.data(), end, size);
  return std::string(utf8.substr(0, static_cast<size_t>(end)));
}

std::string lowercase_first(std::string_view utf8) {
  return map_first_letter(utf8, u_tolower);
}

std::string uppercase_first(std::string_view utf8) {
  return map_first_letter(utf8, u_toupper);
}

}  // namespace ocopdoc::text
