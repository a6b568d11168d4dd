// UTF-8 validation and the cleaning every imported value goes through.

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <cstdio>
#include <string>

#include "text/icu_util.h"
#include "text/text.h"

namespace ocopdoc::text {

namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Length of the well-formed sequence starting at `pos`, or 0 if the byte at
// `pos` does not start one.  Follows the Unicode Standard's table of
// well-formed byte sequences (table 3-7), which rules out overlongs (C0, C1,
// E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF
// (F4 90.., F5..FF) by restricting the second byte.
size_t well_formed_length(std::string_view bytes, size_t pos) {
  const auto at = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const size_t left = bytes.size() - pos;
  const unsigned char lead = at(pos);
  if (lead < 0x80) return 1;

  size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;  // 80..C1 and F5..FF never start a sequence
  }
  if (left < length) return 0;
  if (at(pos + 1) < second_min || at(pos + 1) > second_max) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (!is_continuation(at(pos + i))) return 0;
  }
  return length;
}

enum class CharClass { kKeep, kDrop, kSpace, kLineBreak };

// Zero-width characters carry no meaning in a stored value and break both
// sorting and searching ("Nga\u200BSơn" would not match "Nga Sơn").
bool is_zero_width(UChar32 c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

CharClass classify(UChar32 c) {
  if (c == 0x0A || c == 0x0D || c == 0x85 || c == 0x2028 || c == 0x2029) {
    return CharClass::kLineBreak;
  }
  if (is_zero_width(c)) return CharClass::kDrop;
  // White_Space covers tab, VT, FF, NBSP, U+1680, U+2000..U+200A, U+202F,
  // U+205F and U+3000 (the zero-width ones are not White_Space).
  if (u_isUWhiteSpace(c)) return CharClass::kSpace;
  // Other control characters are invisible in a document and are not allowed
  // in XLSX (XML 1.0) at all, so they are removed rather than passed on.
  if (u_charType(c) == U_CONTROL_CHAR) return CharClass::kDrop;
  return CharClass::kKeep;
}

// The eth letters look exactly like Đ/đ and appear in data typed with some
// keyboards; ICU sorts them as variants of "d", and NFC leaves them alone.
UChar32 map_look_alike(UChar32 c) {
  if (c == 0x00D0) return 0x0110;  // Ð -> Đ
  if (c == 0x00F0) return 0x0111;  // ð -> đ
  return c;
}

std::string invalid_utf8_message(std::string_view bytes, size_t offset) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[offset]));
  return std::string("văn bản không phải UTF-8 hợp lệ: byte ") + hex + " tại vị trí " +
         std::to_string(offset) +
         " (đếm từ 0); hãy lưu tệp theo bảng mã UTF-8 (Unicode) rồi nhập lại";
}

}  // namespace

std::optional<size_t> find_invalid_utf8(std::string_view bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    // Plain ASCII is by far the most common case; skip it a byte at a time
    // without the table logic.
    if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const size_t length = well_formed_length(bytes, pos);
    if (length == 0) return pos;
    pos += length;
  }
  return std::nullopt;
}

std::string normalize(std::string_view utf8, bool keep_newlines) {
  if (const auto bad = find_invalid_utf8(utf8)) {
    throw Error(invalid_utf8_message(utf8, *bad), *bad);
  }
  // Detection runs on the input as given: the look-alike mapping below would
  // otherwise turn TCVN3's "Ð" (é) into a real Vietnamese letter.
  if (const LegacyEncoding legacy = detect_legacy_encoding(utf8); legacy != LegacyEncoding::kNone) {
    throw Error(std::string("văn bản có vẻ được gõ bằng bảng mã ") + legacy_encoding_name(legacy) +
                ", không phải Unicode; hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã "
                "của Unikey) rồi nhập lại");
  }

  const icu::UnicodeString input = detail::to_unicode(utf8);
  icu::UnicodeString cleaned;
  // Separators are held back until the next visible character so that runs
  // collapse to one and nothing is left at either end.
  bool pending_space = false;
  int pending_line_breaks = 0;
  for (int32_t i = 0; i < input.length();) {
    const UChar32 c = input.char32At(i);
    i += U16_LENGTH(c);
    switch (classify(c)) {
      case CharClass::kDrop:
        break;
      case CharClass::kSpace:
        pending_space = true;
        break;
      case CharClass::kLineBreak:
        if (c == 0x0D && i < input.length() && input.charAt(i) == 0x0A) ++i;  // CR LF is one break
        if (keep_newlines) {
          ++pending_line_breaks;
        } else {
          pending_space = true;
        }
        break;
      case CharClass::kKeep:
        if (!cleaned.isEmpty()) {
          if (pending_line_breaks > 0) {
            // Spaces next to a line break are dropped: they are invisible
            // trailing/leading spaces of the lines.
            for (int n = 0; n < pending_line_breaks; ++n) cleaned.append(static_cast<UChar>(0x0A));
          } else if (pending_space) {
            cleaned.append(static_cast<UChar>(0x20));
          }
        }
        pending_space = false;
        pending_line_breaks = 0;
        cleaned.append(map_look_alike(c));
        break;
    }
  }

  UErrorCode status = U_ZERO_ERROR;
  // getNFCInstance returns a shared, immutable singleton owned by ICU:
  // thread-safe and not to be deleted.
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  detail::check_icu(status, "nạp bảng chuẩn hóa NFC");
  icu::UnicodeString composed = nfc->normalize(cleaned, status);
  detail::check_icu(status, "chuẩn hóa NFC");
  return detail::to_utf8(composed);
}

}  // namespace ocopdoc::text
