// ASCII slugs for file names: "Huyện Nga Sơn" -> "huyen-nga-son".

#include <unicode/translit.h>

#include <memory>
#include <mutex>
#include <string>

#include "text/icu_util.h"
#include "text/text.h"

namespace ocopdoc::text {

namespace {

// Thread safety: a Transliterator is not safe to share between threads, and
// creating one from its ID parses rules (slow), so each thread clones its
// own (thread_local) from one prototype made once.  The clone itself happens
// under a mutex: it is cheap and rare, and this avoids relying on clone() of
// a shared object being free of side effects.
std::unique_ptr<icu::Transliterator> clone_latin_ascii() {
  static std::mutex prototype_mutex;
  static std::unique_ptr<icu::Transliterator> prototype;
  const std::lock_guard<std::mutex> lock(prototype_mutex);
  if (!prototype) {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    detail::check_icu(status, "tạo bộ chuyển chữ Latin-ASCII");
  }
  std::unique_ptr<icu::Transliterator> copy(prototype->clone());
  if (!copy) throw Error("lỗi thư viện ICU khi sao chép bộ chuyển chữ Latin-ASCII: hết bộ nhớ");
  return copy;
}

icu::Transliterator& thread_latin_ascii() {
  thread_local const std::unique_ptr<icu::Transliterator> transliterator = clone_latin_ascii();
  return *transliterator;
}

}  // namespace

std::string slugify(std::string_view utf8) {
  icu::UnicodeString text = detail::to_unicode(utf8);
  // Latin-ASCII happens to turn đ into d already; map it first anyway so the
  // slug does not depend on that rule (đ is a letter of its own, not d with
  // a mark, and has no decomposition to fall back on).
  text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0111)), icu::UnicodeString(u'd'));
  text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0110)), icu::UnicodeString(u'D'));
  thread_latin_ascii().transliterate(text);

  // Anything that is still not [a-z0-9] (punctuation, spaces, letters of
  // other scripts) separates words.
  std::string slug;
  bool pending_dash = false;
  for (int32_t i = 0; i < text.length(); ++i) {
    UChar c = text.charAt(i);
    if (c >= u'A' && c <= u'Z') c = static_cast<UChar>(c - u'A' + u'a');
    if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
      if (pending_dash && !slug.empty()) slug.push_back('-');
      pending_dash = false;
      slug.push_back(static_cast<char>(c));
    } else {
      pending_dash = true;
    }
  }
  return slug.empty() ? std::string("khong-ten") : slug;
}

}  // namespace ocopdoc::text
