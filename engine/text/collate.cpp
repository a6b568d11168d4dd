// Vietnamese collation (ICU "vi") and the roster order of personal names.

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <memory>
#include <string>
#include <vector>

#include "text/icu_util.h"
#include "text/text.h"

namespace ocopdoc::text {

namespace {

// Thread safety: one collator per thread (thread_local), cloned from a
// process-wide prototype.  ICU documents Collator objects as not thread-safe
// in general; a per-thread clone needs no lock on the hot path (sorting a
// roster compares tens of thousands of names).  Cloning only reads the
// prototype (it shares its immutable tailoring data by reference count), so
// concurrent clones are safe; creating the prototype is guarded by C++'s
// thread-safe initialisation of function-local statics.
const icu::Collator& prototype_collator() {
  static const std::unique_ptr<icu::Collator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(
        icu::Collator::createInstance(icu::Locale("vi"), status));
    detail::check_icu(status, "tạo bộ so sánh tiếng Việt (vi)");
    // "vi" already turns normalisation on; say so explicitly so that NFD
    // input compares equal to NFC input whatever the locale data says.
    collator->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
    detail::check_icu(status, "bật chuẩn hóa cho bộ so sánh");
    return collator;
  }();
  return *prototype;
}

icu::Collator& thread_collator() {
  thread_local const std::unique_ptr<icu::Collator> collator = [] {
    std::unique_ptr<icu::Collator> copy(prototype_collator().clone());
    if (!copy) throw Error("lỗi thư viện ICU khi sao chép bộ so sánh tiếng Việt: hết bộ nhớ");
    return copy;
  }();
  return *collator;
}

// The words of a name, split on any Unicode white space.
std::vector<icu::UnicodeString> name_parts(std::string_view full_name) {
  const icu::UnicodeString name = detail::to_unicode(full_name);
  std::vector<icu::UnicodeString> parts;
  icu::UnicodeString current;
  for (int32_t i = 0; i < name.length();) {
    const UChar32 c = name.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      if (!current.isEmpty()) parts.push_back(current);
      current.remove();
    } else {
      current.append(c);
    }
  }
  if (!current.isEmpty()) parts.push_back(current);
  return parts;
}

// Parts in roster order: given name, middle names left to right, family name.
std::vector<icu::UnicodeString> roster_order(std::string_view full_name) {
  std::vector<icu::UnicodeString> parts = name_parts(full_name);
  if (parts.size() < 2) return parts;
  std::vector<icu::UnicodeString> ordered;
  ordered.reserve(parts.size());
  ordered.push_back(parts.back());
  for (size_t i = 1; i + 1 < parts.size(); ++i) ordered.push_back(parts[i]);
  ordered.push_back(parts.front());
  return ordered;
}

// Appends ICU's sort key for `part`, including its terminating 0x00 byte.
void append_sort_key(const icu::Collator& collator, const icu::UnicodeString& part,
                     std::string& key) {
  const int32_t needed = collator.getSortKey(part, nullptr, 0);
  if (needed <= 0) throw Error("lỗi thư viện ICU khi tạo khóa sắp xếp");
  const size_t start = key.size();
  key.resize(start + static_cast<size_t>(needed));
  collator.getSortKey(part, reinterpret_cast<uint8_t*>(key.data() + start), needed);
}

}  // namespace

int compare_vi(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult result =
      thread_collator().compareUTF8(detail::to_string_piece(a), detail::to_string_piece(b), status);
  detail::check_icu(status, "so sánh chuỗi");
  return static_cast<int>(result);
}

// Layout of the key (ICU sort keys end in 0x00 and contain no other 0x00;
// every key starts with a byte >= 0x01):
//
//   key(given) key(middle 1) ... key(middle n) 0x00 key(family)
//
// Bytewise comparison therefore compares the given names in full (all ICU
// levels) first, then the middle names one by one, where the 0x00 marker puts
// a name with fewer middle names first ("Lê An" < "Trần Văn An"), then the
// family name.  The key contains NUL bytes: compare it as a std::string (or
// with memcmp over its length), not as a C string.
std::string roster_sort_key(std::string_view full_name) {
  const std::vector<icu::UnicodeString> parts = name_parts(full_name);
  if (parts.empty()) return {};
  const icu::Collator& collator = thread_collator();
  std::string key;
  append_sort_key(collator, parts.back(), key);
  for (size_t i = 1; i + 1 < parts.size(); ++i) append_sort_key(collator, parts[i], key);
  key.push_back('\0');
  if (parts.size() >= 2) append_sort_key(collator, parts.front(), key);
  return key;
}

std::string given_name_first(std::string_view full_name) {
  icu::UnicodeString joined;
  for (const icu::UnicodeString& part : roster_order(full_name)) {
    if (!joined.isEmpty()) joined.append(static_cast<UChar>(0x20));
    joined.append(part);
  }
  return detail::to_utf8(joined);
}

}  // namespace ocopdoc::text
