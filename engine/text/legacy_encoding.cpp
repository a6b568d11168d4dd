// Detection of Vietnamese typed in the legacy TCVN3 (ABC) and VNI encodings.
//
// Such text reaches us after a program read the legacy bytes as
// Windows-1252/Latin-1, so every character is below U+0100: "TØnh Thanh Hãa"
// (TCVN3 for "Tỉnh Thanh Hóa"), "Nöôùc maém" (VNI for "Nước mắm").
//
// The method: split the text into words and, for every word that holds a
// character above ASCII, ask whether the word is *not* a Vietnamese syllable
// as it stands but *becomes* one when decoded as TCVN3 (or as VNI).  Real
// Unicode Vietnamese is made of valid syllables, so it gives no evidence;
// foreign words ("Müller", "Café") and symbols ("ABC®", "2 × 3") do not decode
// into syllables either.  The syllable check is structural (onset, vowel
// nucleus, final consonant, one tone mark placed where Vietnamese spelling
// puts it), which is what makes "Hãa" or "xaõ" stand out.
//
// A word is strong evidence when a reinterpreted character cannot be meant
// as itself: a Latin-1 letter foreign to Vietnamese (Ø, Þ, ö, ñ ...), the soft
// hyphen, a VNI mark byte after a vowel, or a Vietnamese letter that stands
// for a letter Latin-1 lacks ("é" for "ộ" in "Néi").  It is weak evidence when
// only a common symbol was read as a letter (©, ®, §, ·, «, ×, µ).  Words that
// decode into non-syllables count against an encoding.  One strong word or two
// weak ones decide, and when both encodings qualify the better score wins.

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
    {u'¡', u'Ă'},      {u'¢', u'Â'}, {u'£', u'Ê'}, {u'¤', u'Ô'}, {u'¥', u'Ơ'}, {u'¦', u'Ư'},
    {u'§', u'Đ'},      {u'¨', u'ă'}, {u'©', u'â'}, {u'ª', u'ê'}, {u'«', u'ô'}, {u'¬', u'ơ'},
    {u'\u00AD', u'ư'}, {u'®', u'đ'}, {u'µ', u'à'}, {u'¶', u'ả'}, {u'·', u'ã'}, {u'¸', u'á'},
    {u'¹', u'ạ'},      {u'»', u'ằ'}, {u'¼', u'ẳ'}, {u'½', u'ẵ'}, {u'¾', u'ắ'}, {u'Æ', u'ặ'},
    {u'Ç', u'ầ'},      {u'È', u'ẩ'}, {u'É', u'ẫ'}, {u'Ê', u'ấ'}, {u'Ë', u'ậ'}, {u'Ì', u'è'},
    {u'Î', u'ẻ'},      {u'Ï', u'ẽ'}, {u'Ñ', u'ẹ'}, {u'Ò', u'ề'}, {u'Ó', u'ể'}, {u'Ô', u'ễ'},
    {u'Õ', u'ế'},      {u'Ö', u'ệ'}, {u'×', u'ì'}, {u'Ø', u'ỉ'}, {u'Ü', u'ĩ'}, {u'Ý', u'í'},
    {u'Þ', u'ị'},      {u'ß', u'ò'}, {u'á', u'ỏ'}, {u'â', u'õ'}, {u'ã', u'ó'}, {u'ä', u'ọ'},
    {u'å', u'ồ'},      {u'æ', u'ổ'}, {u'ç', u'ỗ'}, {u'è', u'ố'}, {u'é', u'ộ'}, {u'ê', u'ờ'},
    {u'ë', u'ở'},      {u'ì', u'ỡ'}, {u'í', u'ớ'}, {u'î', u'ợ'}, {u'ï', u'ù'}, {u'ñ', u'ủ'},
    {u'ò', u'ũ'},      {u'ó', u'ú'}, {u'ô', u'ụ'}, {u'õ', u'ừ'}, {u'ö', u'ử'}, {u'÷', u'ữ'},
    {u'ø', u'ứ'},      {u'ù', u'ự'}, {u'ú', u'ỳ'}, {u'û', u'ỷ'}, {u'ü', u'ỹ'}, {u'ý', u'ý'},
    {u'þ', u'ỵ'},
};

// Indexed by code point - 0xA0; 0 means "not a TCVN3 letter".
constexpr std::array<char16_t, 0x60> kTcvn3ByLatin1 = [] {
  std::array<char16_t, 0x60> table{};
  for (const auto& [latin1, letter] : kTcvn3Letters) table[latin1 - 0xA0] = letter;
  return table;
}();

// VNI Windows writes ơ, ư, đ and the toned i/y as single bytes (ì and í are
// themselves), and every other mark as a separate byte after the vowel.  Both
// tables use lowercase: VNI's uppercase bytes are exactly the Latin-1
// uppercase of these.
constexpr std::pair<char16_t, char16_t> kVniLetters[] = {
    {u'ô', u'ơ'}, {u'ö', u'ư'}, {u'ñ', u'đ'}, {u'æ', u'ỉ'},
    {u'ó', u'ĩ'}, {u'ò', u'ị'}, {u'î', u'ỵ'},
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
    {u'ù', Shape::kNone, kAcute},          {u'ø', Shape::kNone, kGrave},
    {u'û', Shape::kNone, kHook},           {u'õ', Shape::kNone, kTilde},
    {u'ï', Shape::kNone, kDotBelow},       {u'â', Shape::kCircumflex, 0},
    {u'á', Shape::kCircumflex, kAcute},    {u'à', Shape::kCircumflex, kGrave},
    {u'å', Shape::kCircumflex, kHook},     {u'ã', Shape::kCircumflex, kTilde},
    {u'ä', Shape::kCircumflex, kDotBelow}, {u'ê', Shape::kBreve, 0},
    {u'é', Shape::kBreve, kAcute},         {u'è', Shape::kBreve, kGrave},
    {u'ú', Shape::kBreve, kHook},          {u'ü', Shape::kBreve, kTilde},
    {u'ë', Shape::kBreve, kDotBelow},
};

// The parts of a Vietnamese syllable, toneless and lowercase.
constexpr std::string_view kOnsets[] = {
    "",  "b",  "c",   "ch", "d", "đ",  "g",  "gh", "gi", "h", "k",  "kh", "l", "m",
    "n", "ng", "ngh", "nh", "p", "ph", "qu", "r",  "s",  "t", "th", "tr", "v", "x",
};

enum class Coda { kForbidden, kOptional, kRequired };

struct Nucleus {
  std::string_view vowels;
  // Nuclei ending in a glide (ai, ao, ...) and ia/ua/ưa take no final
  // consonant; ă, â, iê, uô, ươ ... always take one.
  Coda coda;
  // Which of the vowels may carry the tone mark: bit i for the i-th vowel.
  // "oa", "oe" and "uy" accept both the old (hoà) and the new (hòa) style.
  unsigned tone_positions;
};

constexpr Nucleus kNuclei[] = {
    {"a", Coda::kOptional, 0b1},      {"ă", Coda::kRequired, 0b1},
    {"â", Coda::kRequired, 0b1},      {"e", Coda::kOptional, 0b1},
    {"ê", Coda::kOptional, 0b1},      {"i", Coda::kOptional, 0b1},
    {"o", Coda::kOptional, 0b1},      {"ô", Coda::kOptional, 0b1},
    {"ơ", Coda::kOptional, 0b1},      {"u", Coda::kOptional, 0b1},
    {"ư", Coda::kOptional, 0b1},      {"y", Coda::kOptional, 0b1},
    {"ai", Coda::kForbidden, 0b01},   {"ao", Coda::kForbidden, 0b01},
    {"au", Coda::kForbidden, 0b01},   {"ay", Coda::kForbidden, 0b01},
    {"âu", Coda::kForbidden, 0b01},   {"ây", Coda::kForbidden, 0b01},
    {"eo", Coda::kForbidden, 0b01},   {"êu", Coda::kForbidden, 0b01},
    {"ia", Coda::kForbidden, 0b01},   {"iê", Coda::kRequired, 0b10},
    {"iu", Coda::kForbidden, 0b01},   {"oa", Coda::kOptional, 0b11},
    {"oă", Coda::kRequired, 0b10},    {"oe", Coda::kOptional, 0b11},
    {"oi", Coda::kForbidden, 0b01},   {"oo", Coda::kRequired, 0b11},
    {"ôi", Coda::kForbidden, 0b01},   {"ơi", Coda::kForbidden, 0b01},
    {"ua", Coda::kForbidden, 0b01},   {"uâ", Coda::kRequired, 0b10},
    {"uê", Coda::kOptional, 0b10},    {"ui", Coda::kForbidden, 0b01},
    {"uô", Coda::kRequired, 0b10},    {"uơ", Coda::kForbidden, 0b10},
    {"uy", Coda::kOptional, 0b11},    {"ưa", Coda::kForbidden, 0b01},
    {"ưi", Coda::kForbidden, 0b01},   {"ươ", Coda::kRequired, 0b10},
    {"ưu", Coda::kForbidden, 0b01},   {"yê", Coda::kRequired, 0b10},
    {"iêu", Coda::kForbidden, 0b010}, {"yêu", Coda::kForbidden, 0b010},
    {"oai", Coda::kForbidden, 0b010}, {"oay", Coda::kForbidden, 0b010},
    {"oao", Coda::kForbidden, 0b010}, {"oeo", Coda::kForbidden, 0b010},
    {"uây", Coda::kForbidden, 0b010}, {"uôi", Coda::kForbidden, 0b010},
    {"uya", Coda::kForbidden, 0b010}, {"uyê", Coda::kRequired, 0b100},
    {"uyu", Coda::kForbidden, 0b010}, {"ươi", Coda::kForbidden, 0b010},
    {"ươu", Coda::kForbidden, 0b010},
};

// Final consonants; the stops (c, ch, p, t) only carry the sắc or nặng tone.
constexpr std::string_view kCodas[] = {"c", "ch", "m", "n", "ng", "nh", "p", "t"};
constexpr std::string_view kStopCodas[] = {"c", "ch", "p", "t"};

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

// Whether reading `c` as the legacy letter `letter` is strong evidence: `c`
// is a strong signature, or a Vietnamese letter that the legacy encoding uses
// for a letter Latin-1 cannot hold ("Néi" for "Nội": no Unicode text spells
// "Néi", and nobody typing Latin-1 meant the ộ).  A symbol (©, ®, §, ·, µ)
// read as a letter stays weak: it may just be a symbol.
bool is_strong_reading(UChar32 c, UChar32 letter) {
  return is_strong_signature(c) || (is_vietnamese_latin1_letter(c) && letter >= 0x100);
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
bool is_shape_mark(UChar32 c) {
  return c == kCircumflexMark || c == kBreveMark || c == kHornMark;
}

// ---------------------------------------------------------------------------
// Syllable check

// Whether `text` may end a syllable whose nucleus is `nucleus`.
bool is_coda(std::string_view text, const Nucleus& nucleus, UChar32 tone) {
  if (text.empty()) return nucleus.coda != Coda::kRequired;
  if (nucleus.coda == Coda::kForbidden) return false;
  // "-nh" and "-ch" follow only a, ê, i and y (anh, ênh, inh, uynh, oach):
  // "ônh" or "unh" do not exist.
  if (text == "nh" || text == "ch") {
    const std::string_view vowels = nucleus.vowels;
    if (!(vowels.ends_with("a") || vowels.ends_with("ê") || vowels.ends_with("i") ||
          vowels.ends_with("y"))) {
      return false;
    }
  }
  for (std::string_view coda : kCodas) {
    if (text != coda) continue;
    for (std::string_view stop : kStopCodas) {
      if (text == stop) return tone == kAcute || tone == kDotBelow;
    }
    return true;
  }
  return false;
}

// Number of characters (not bytes) in a UTF-8 piece of the tables.
size_t letter_count(std::string_view utf8) {
  size_t count = 0;
  for (const char byte : utf8) count += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return count;
}

// A word split for the syllable check: its letters without tone, lowercase
// NFC; the tone's combining mark (0 for the level tone); and the index of the
// letter that carries it.
struct TonelessWord {
  std::string letters;
  UChar32 tone = 0;
  size_t tone_index = 0;
};

bool matches_syllable_parts(const TonelessWord& word) {
  const std::string_view letters = word.letters;
  for (std::string_view onset : kOnsets) {
    if (!letters.starts_with(onset)) continue;
    const std::string_view after_onset = letters.substr(onset.size());
    const size_t nucleus_start = letter_count(onset);
    for (const Nucleus& nucleus : kNuclei) {
      if (!after_onset.starts_with(nucleus.vowels)) continue;
      if (!is_coda(after_onset.substr(nucleus.vowels.size()), nucleus, word.tone)) continue;
      if (word.tone == 0) return true;
      if (word.tone_index < nucleus_start) continue;  // the tone sits on the onset ("qù")
      const size_t position = word.tone_index - nucleus_start;
      if (position < letter_count(nucleus.vowels) &&
          (nucleus.tone_positions >> position & 1U) != 0) {
        return true;
      }
    }
  }
  return false;
}

// True when `word` has the shape of one Vietnamese syllable: onset, vowel
// nucleus and coda from the tables above, at most one tone mark, on a vowel
// of the nucleus where Vietnamese spelling puts it ("xã", never "xaõ"), and
// only sắc or nặng before a stop consonant.  Deliberately structural (it
// accepts "tổnh"): it only has to tell decoded legacy text from the
// non-words that legacy text is before decoding.
bool is_vietnamese_syllable(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  detail::check_icu(status, "nạp bảng chuẩn hóa");

  icu::UnicodeString lower(word);
  lower.toLower(icu::Locale::getRoot());
  const icu::UnicodeString decomposed = nfd->normalize(lower, status);
  detail::check_icu(status, "chuẩn hóa NFD");

  // After NFD every letter is one base character followed by its marks, so
  // counting base characters counts the letters of the NFC form.
  TonelessWord split;
  icu::UnicodeString letters;
  UChar32 last_base = 0;
  size_t base_count = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (is_tone_mark(c)) {
      if (!is_plain_vowel(last_base) || split.tone != 0) return false;
      split.tone = c;
      split.tone_index = base_count - 1;
      continue;
    }
    if (!is_shape_mark(c)) {
      last_base = c;
      ++base_count;
    }
    letters.append(c);
  }
  const icu::UnicodeString recomposed = nfc->normalize(letters, status);
  detail::check_icu(status, "chuẩn hóa NFC");
  split.letters = detail::to_utf8(recomposed);
  return matches_syllable_parts(split);
}

// ---------------------------------------------------------------------------
// Decoders

struct Decoded {
  icu::UnicodeString text;
  bool changed = false;  // some character was reinterpreted
  bool strong = false;   // ... and one of them could not have been meant as itself
};

Decoded decode_tcvn3(std::u32string_view word) {
  Decoded out;
  for (const char32_t c : word) {
    const char16_t letter = (c >= 0xA0 && c <= 0xFF) ? kTcvn3ByLatin1[c - 0xA0] : 0;
    if (letter == 0 || letter == c) {  // ý is ý in both
      out.text.append(static_cast<UChar32>(c));
      continue;
    }
    out.text.append(letter);
    out.changed = true;
    out.strong = out.strong || is_strong_reading(static_cast<UChar32>(c), letter);
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
      const bool takes_circumflex = attach_to == 'a' || attach_to == 'e' || attach_to == 'o';
      const bool shape_fits =
          mark->shape == Shape::kNone ||
          (!attach_has_shape && ((mark->shape == Shape::kCircumflex && takes_circumflex) ||
                                 (mark->shape == Shape::kBreve && attach_to == 'a')));
      if (shape_fits) {
        if (mark->shape == Shape::kCircumflex) out.text.append(kCircumflexMark);
        if (mark->shape == Shape::kBreve) out.text.append(kBreveMark);
        if (mark->tone != 0) out.text.append(mark->tone);
        // A mark byte after a vowel is what VNI looks like; real text never
        // needs "aâ", "où" or "aï" to spell a syllable.
        out.changed = true;
        out.strong = true;
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
      out.strong = out.strong || is_strong_reading(static_cast<UChar32>(original), letter);
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

// What the words say about one encoding.  `strong` and `weak` count words
// that are not Vietnamese as they stand but are once decoded; `conflicts`
// counts words that decoding turns into something that is not Vietnamese
// (VNI text decoded as TCVN3 gets "xaừ" from "xaõ", for instance).
struct Evidence {
  int strong = 0;
  int weak = 0;
  int conflicts = 0;
  int score() const { return 2 * strong + weak - conflicts; }
  bool decides() const { return (strong >= 1 || weak >= 2) && score() > 0; }
};

void add_evidence(const Decoded& decoded, bool valid_as_is, Evidence& evidence) {
  if (!decoded.changed) return;
  if (!is_vietnamese_syllable(decoded.text)) {
    ++evidence.conflicts;
  } else if (!valid_as_is) {
    ++(decoded.strong ? evidence.strong : evidence.weak);
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
  if (!above_ascii) return;
  const bool valid_as_is = is_vietnamese_syllable(as_is);
  add_evidence(decode_tcvn3(word), valid_as_is, tcvn3);
  add_evidence(decode_vni(word), valid_as_is, vni);
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
    // Ties go to TCVN3, the encoding most used in the north.
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
