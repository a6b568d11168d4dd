// Detection of Vietnamese typed in the legacy TCVN3 (ABC) and VNI encodings.
//
// Such text reaches us after a program read the legacy bytes as
// Windows-1252/Latin-1, so every character is below U+0100: "TØnh Thanh Hãa"
// (TCVN3 for "Tỉnh Thanh Hóa"), "Nöôùc maém" (VNI for "Nước mắm").
//
// The method: split the text into words and, for every word that holds a
// character above ASCII, ask whether the word is *not* a Vietnamese syllable
// as it stands but *becomes* one when decoded as TCVN3 (or VNI).  Real Unicode
// Vietnamese is made of valid syllables, so it produces no evidence; foreign
// words ("Müller", "Café") and symbols ("ABC®", "2 × 3") do not decode into
// syllables either.  A word is strong evidence when a reinterpreted character
// is one that never sits inside a Vietnamese word (Ø, Þ, ö, ñ, the soft
// hyphen, ...); weak evidence when it is only a Vietnamese letter or a common
// symbol (©, ®, §, ·, «, ×, µ).  One strong word, or two weak ones, decide.

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "text/icu_util.h"
#include "text/text.h"

namespace ocopdoc::text {

namespace {

// ---------------------------------------------------------------------------
// Tables

// TCVN3 (TCVN 5712:1993, VN3) byte -> letter, with the byte written as the
// Latin-1 character it turns into.  Bytes not listed are not letters.  0xD0
// (é) is deliberately absent: "Ð" is handled as a look-alike of "Đ", never as
// evidence of TCVN3.
constexpr std::pair<char16_t, char16_t> kTcvn3Letters[] = {
    {u'¡', u'Ă'}, {u'¢', u'Â'}, {u'£', u'Ê'}, {u'¤', u'Ô'}, {u'¥', u'Ơ'}, {u'¦', u'Ư'},
    {u'§', u'Đ'}, {u'¨', u'ă'}, {u'©', u'â'}, {u'ª', u'ê'}, {u'«', u'ô'}, {u'¬', u'ơ'},
    {u'\u00AD', u'ư'}, {u'®', u'đ'},
    {u'µ', u'à'}, {u'¶', u'ả'}, {u'·', u'ã'}, {u'¸', u'á'}, {u'¹', u'ạ'},
    {u'»', u'ằ'}, {u'¼', u'ẳ'}, {u'½', u'ẵ'}, {u'¾', u'ắ'}, {u'Æ', u'ặ'},
    {u'Ç', u'ầ'}, {u'È', u'ẩ'}, {u'É', u'ẫ'}, {u'Ê', u'ấ'}, {u'Ë', u'ậ'},
    {u'Ì', u'è'}, {u'Î', u'ẻ'}, {u'Ï', u'ẽ'}, {u'Ñ', u'ẹ'},
    {u'Ò', u'ề'}, {u'Ó', u'ể'}, {u'Ô', u'ễ'}, {u'Õ', u'ế'}, {u'Ö', u'ệ'},
    {u'×', u'ì'}, {u'Ø', u'ỉ'}, {u'Ü', u'ĩ'}, {u'Ý', u'í'}, {u'Þ', u'ị'},
    {u'ß', u'ò'}, {u'á', u'ỏ'}, {u'â', u'õ'}, {u'ã', u'ó'}, {u'ä', u'ọ'},
    {u'å', u'ồ'}, {u'æ', u'ổ'}, {u'ç', u'ỗ'}, {u'è', u'ố'}, {u'é', u'ộ'},
    {u'ê', u'ờ'}, {u'ë', u'ở'}, {u'ì', u'ỡ'}, {u'í', u'ớ'}, {u'î', u'ợ'},
    {u'ï', u'ù'}, {u'ñ', u'ủ'}, {u'ò', u'ũ'}, {u'ó', u'ú'}, {u'ô', u'ụ'},
    {u'õ', u'ừ'}, {u'ö', u'ử'}, {u'÷', u'ữ'}, {u'ø', u'ứ'}, {u'ù', u'ự'},
    {u'ú', u'ỳ'}, {u'û', u'ỷ'}, {u'ü', u'ỹ'}, {u'ý', u'ý'}, {u'þ', u'ỵ'},
};

// Indexed by code point - 0xA0; 0 means "not a TCVN3 letter".
constexpr std::array<char16_t, 0x60> kTcvn3ByLatin1 = [] {
  std::array<char16_t, 0x60> table{};
  for (const auto& [latin1, letter] : kTcvn3Letters) table[latin1 - 0xA0] = letter;
  return table;
}();

// VNI Windows writes ơ, ư, đ and the toned i/y as single bytes, and every
// other mark as a separate byte after the vowel.  Both tables use lowercase:
// VNI's uppercase bytes are exactly the Latin-1 uppercase of these.
constexpr std::pair<char16_t, char16_t> kVniLetters[] = {
    {u'ô', u'ơ'}, {u'ö', u'ư'}, {u'ñ', u'đ'}, {u'ì', u'ì'}, {u'í', u'í'},
    {u'æ', u'ỉ'}, {u'ó', u'ĩ'}, {u'ò', u'ị'}, {u'î', u'ỵ'},
};

enum class Shape { kNone, kCircumflex, kBreve };

constexpr UChar32 kGrave = 0x0300, kAcute = 0x0301, kTilde = 0x0303, kHook = 0x0309,
                  kDotBelow = 0x0323, kCircumflexMark = 0x0302, kBreveMark = 0x0306,
                  kHornMark = 0x031B;

struct VniMark {
  char16_t latin1;
  Shape shape;
  UChar32 tone;  // 0: none
};

constexpr VniMark kVniMarks[] = {
    {u'ù', Shape::kNone, kAcute},       {u'ø', Shape::kNone, kGrave},
    {u'û', Shape::kNone, kHook},        {u'õ', Shape::kNone, kTilde},
    {u'ï', Shape::kNone, kDotBelow},    {u'â', Shape::kCircumflex, 0},
    {u'á', Shape::kCircumflex, kAcute}, {u'à', Shape::kCircumflex, kGrave},
    {u'å', Shape::kCircumflex, kHook},  {u'ã', Shape::kCircumflex, kTilde},
    {u'ä', Shape::kCircumflex, kDotBelow}, {u'ê', Shape::kBreve, 0},
    {u'é', Shape::kBreve, kAcute},      {u'è', Shape::kBreve, kGrave},
    {u'ú', Shape::kBreve, kHook},       {u'ü', Shape::kBreve, kTilde},
    {u'ë', Shape::kBreve, kDotBelow},
};

// The parts of a Vietnamese syllable, toneless and lowercase.
constexpr std::string_view kOnsets[] = {
    "",  "b", "c",  "ch", "d",  "đ", "g",   "gh", "gi", "h",  "k", "kh", "l",  "m",
    "n", "ng", "ngh", "nh", "p", "ph", "qu", "r",  "s",  "t", "th", "tr", "v", "x",
};
constexpr std::string_view kNuclei[] = {
    "a",   "ă",   "â",   "e",   "ê",   "i",   "o",   "ô",   "ơ",   "u",   "ư",   "y",
    "ai",  "ao",  "au",  "ay",  "âu",  "ây",  "eo",  "êu",  "ia",  "iê",  "iu",  "oa",
    "oă",  "oe",  "oi",  "oo",  "ôi",  "ơi",  "ua",  "uâ",  "uê",  "ui",  "uô",  "uơ",
    "uy",  "ưa",  "ưi",  "ươ",  "ưu",  "yê",  "iêu", "yêu", "oai", "oay", "oao", "oeo",
    "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
};
constexpr std::string_view kCodas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

// ---------------------------------------------------------------------------
// Character classes

bool is_vietnamese_latin1_letter(UChar32 c) {
  static constexpr std::u16string_view kLetters = u"àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";
  return c < 0x100 && kLetters.find(static_cast<char16_t>(c)) != std::u16string_view::npos;
}

// Characters that do not occur inside a word of real text: Latin-1 letters
// foreign to Vietnamese, the soft hyphen (TCVN3 ư) and the cedilla (TCVN3 á).
bool is_strong_signature(UChar32 c) {
  if (c == 0x00AD || c == 0x00B8) return true;
  if (c < 0xC0 || c > 0xFF) return false;
  if (c == 0xD7 || c == 0xF7) return false;  // × ÷ are symbols
  if (c == 0xD0 || c == 0xF0) return false;  // Ð ð are look-alikes of Đ đ
  return !is_vietnamese_latin1_letter(c);
}

// Characters that may be part of a legacy-encoded word: ASCII letters and
// everything in U+00A1..U+00FF (TCVN3 puts letters on symbols such as ® and ×).
bool is_word_char(UChar32 c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xA1 && c <= 0xFF);
}

// Latin-1 lowercase; VNI's uppercase mark bytes are the uppercase of the
// lowercase ones, so decoding works on lowercase.
UChar32 latin1_lower(UChar32 c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  return c;
}

bool is_plain_vowel(UChar32 c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
bool is_tone_mark(UChar32 c) {
  return c == kGrave || c == kAcute || c == kTilde || c == kHook || c == kDotBelow;
}
bool is_shape_mark(UChar32 c) { return c == kCircumflexMark || c == kBreveMark || c == kHornMark; }

// ---------------------------------------------------------------------------
// Syllable check

bool matches_syllable_parts(std::string_view toneless) {
  for (std::string_view onset : kOnsets) {
    if (!toneless.starts_with(onset)) continue;
    const std::string_view after_onset = toneless.substr(onset.size());
    for (std::string_view nucleus : kNuclei) {
      if (!after_onset.starts_with(nucleus)) continue;
      const std::string_view coda = after_onset.substr(nucleus.size());
      for (std::string_view allowed : kCodas) {
        if (coda == allowed) return true;
      }
    }
  }
  return false;
}

// True when `word` has the shape of one Vietnamese syllable: onset, vowel
// nucleus, coda, and at most one tone mark, placed on a vowel.  Deliberately
// structural (it accepts "tổnh"): it only has to tell decoded legacy text
// from the non-words that legacy text is before decoding.
bool is_vietnamese_syllable(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  detail::check_icu(status, "nạp bảng chuẩn hóa");

  icu::UnicodeString lower(word);
  lower.toLower(icu::Locale::getRoot());
  const icu::UnicodeString decomposed = nfd->normalize(lower, status);
  detail::check_icu(status, "chuẩn hóa NFD");

  icu::UnicodeString toneless;
  int tones = 0;
  UChar32 last_base = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (is_tone_mark(c)) {
      if (!is_plain_vowel(last_base) || ++tones > 1) return false;
      continue;
    }
    if (!is_shape_mark(c)) last_base = c;
    toneless.append(c);
  }
  const icu::UnicodeString recomposed = nfc->normalize(toneless, status);
  detail::check_icu(status, "chuẩn hóa NFC");
  return matches_syllable_parts(detail::to_utf8(recomposed));
}

// ---------------------------------------------------------------------------
// Decoders

struct Decoded {
  icu::UnicodeString text;
  bool changed = false;  // some character was reinterpreted
  bool strong = false;   // ... and one of them was a strong signature
};

Decoded decode_tcvn3(std::u32string_view word) {
  Decoded out;
  for (const char32_t c : word) {
    const char16_t letter = (c >= 0xA0 && c <= 0xFF) ? kTcvn3ByLatin1[c - 0xA0] : 0;
    if (letter == 0) {
      out.text.append(static_cast<UChar32>(c));
      continue;
    }
    out.text.append(letter);
    out.changed = true;
    out.strong = out.strong || is_strong_signature(static_cast<UChar32>(c));
  }
  return out;
}

Decoded decode_vni(std::u32string_view word) {
  Decoded out;
  // The base letter a mark byte may attach to: the previous letter, if it is
  // a vowel that has not yet received a mark byte.
  UChar32 attach_to = 0;
  bool attach_has_shape = false;
  for (const char32_t original : word) {
    const UChar32 c = latin1_lower(static_cast<UChar32>(original));

    const VniMark* mark = nullptr;
    if (attach_to != 0) {
      for (const VniMark& candidate : kVniMarks) {
        if (candidate.latin1 == c) mark = &candidate;
      }
    }
    if (mark != nullptr) {
      const bool shape_fits =
          mark->shape == Shape::kNone ||
          (!attach_has_shape &&
           ((mark->shape == Shape::kCircumflex && (attach_to == 'a' || attach_to == 'e' || attach_to == 'o')) ||
            (mark->shape == Shape::kBreve && attach_to == 'a')));
      if (shape_fits) {
        if (mark->shape == Shape::kCircumflex) out.text.append(kCircumflexMark);
        if (mark->shape == Shape::kBreve) out.text.append(kBreveMark);
        if (mark->tone != 0) out.text.append(mark->tone);
        out.changed = true;
        out.strong = out.strong || is_strong_signature(static_cast<UChar32>(original));
        attach_to = 0;
        continue;
      }
    }

    UChar32 letter = c;
    for (const auto& [latin1, vietnamese] : kVniLetters) {
      if (latin1 == c) letter = vietnamese;
    }
    if (letter != c) {
      out.changed = true;
      out.strong = out.strong || is_strong_signature(static_cast<UChar32>(original));
    }
    out.text.append(letter);
    // ơ and ư (from VNI ô, ö) take tone bytes; their horn counts as a shape.
    if (is_plain_vowel(letter)) {
      attach_to = letter;
      attach_has_shape = false;
    } else if (letter == u'ơ' || letter == u'ư') {
      attach_to = letter == u'ơ' ? 'o' : 'u';
      attach_has_shape = true;
    } else {
      attach_to = 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Scoring

struct Evidence {
  int strong = 0;
  int weak = 0;
  bool decides() const { return strong >= 1 || weak >= 2; }
  int score() const { return 2 * strong + weak; }
};

void add_evidence(const Decoded& decoded, Evidence& evidence) {
  if (!decoded.changed || !is_vietnamese_syllable(decoded.text)) return;
  if (decoded.strong) {
    ++evidence.strong;
  } else {
    ++evidence.weak;
  }
}

void weigh_word(std::u32string_view word, Evidence& tcvn3, Evidence& vni) {
  if (word.size() < 2) return;  // "×", "©", "§" alone say nothing
  bool above_ascii = false;
  icu::UnicodeString as_is;
  for (const char32_t c : word) {
    above_ascii = above_ascii || c >= 0x80;
    // Judge the word with the look-alikes already mapped, as normalize() will.
    as_is.append(c == 0xD0 ? UChar32{0x0110} : c == 0xF0 ? UChar32{0x0111} : UChar32(c));
  }
  if (!above_ascii || is_vietnamese_syllable(as_is)) return;
  add_evidence(decode_tcvn3(word), tcvn3);
  add_evidence(decode_vni(word), vni);
}

}  // namespace

LegacyEncoding detect_legacy_encoding(std::string_view utf8) {
  // Fast path: pure ASCII (most values) cannot be legacy-encoded Vietnamese.
  bool any_high_byte = false;
  for (const char byte : utf8) {
    if (static_cast<unsigned char>(byte) >= 0x80) {
      any_high_byte = true;
      break;
    }
  }
  if (!any_high_byte) return LegacyEncoding::kNone;

  const icu::UnicodeString text = detail::to_unicode(utf8);
  // A letter or combining mark above U+00FF (ư, ơ, đ, ạ, U+0301 ...) means the
  // text is real Unicode; legacy text read as Latin-1 never has one.
  // Punctuation above U+00FF (Windows-1252 curly quotes, dashes) is neutral.
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (c >= 0x100 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK)) != 0) {
      return LegacyEncoding::kNone;
    }
  }

  Evidence tcvn3;
  Evidence vni;
  std::u32string word;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (is_word_char(c)) {
      word.push_back(static_cast<char32_t>(c));
    } else {
      weigh_word(word, tcvn3, vni);
      word.clear();
    }
  }
  weigh_word(word, tcvn3, vni);

  const bool is_tcvn3 = tcvn3.decides();
  const bool is_vni = vni.decides();
  if (is_tcvn3 && is_vni) {
    // TCVN3 wins ties: it was the common encoding in the north.
    return vni.score() > tcvn3.score() ? LegacyEncoding::kVni : LegacyEncoding::kTcvn3;
  }
  if (is_tcvn3) return LegacyEncoding::kTcvn3;
  if (is_vni) return LegacyEncoding::kVni;
  return LegacyEncoding::kNone;
}

const char* legacy_encoding_name(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kTcvn3:
      return "TCVN3 (ABC)";
    case LegacyEncoding::kVni:
      return "VNI";
    case LegacyEncoding::kNone:
      break;
  }
  return "Unicode";
}

}  // namespace ocopdoc::text
