// Where a title may end a line: the fit of each space between its words.
//
// A centred title of two or three lines shows each of its breaks; a reader
// of "Tiến độ thực hiện Chương trình mỗi xã một sản / phẩm tháng 6 năm 2019"
// sees the word "sản phẩm" cut in two, and one of "ỦY BAN NHÂN DÂN HUYỆN /
// HOẰNG HÓA" a district's name torn from its "huyện".  Vietnamese writes
// each syllable apart, so nothing in the text itself marks a word; the rules
// below mark what can be known cheaply and surely:
//   - punctuation ends a phrase (best), except the full stop of an
//     abbreviation or a number ("TP. Thanh Hóa", "2.1. Xây dựng", "VIII.");
//   - some words open a phrase (good before them): prepositions and
//     conjunctions ("của", "về", "cho", "và" ...), words of time ("tháng",
//     "năm", "giai đoạn"), "cấp", and the words of administrative units
//     ("tỉnh", "huyện", "thành phố") when a name follows them; so do a
//     quotation and a parenthesis, and a dash between words ends one
//     ("Lưu niệm - nội thất - | trang trí"; the line breaker keeps such a
//     dash with the word before it);
//   - some places hold together (avoid): after a preposition or a
//     quantifier ("các", "mỗi", "một", "số"); between a unit word and its
//     name ("huyện | Nga Sơn"); before a number ("tháng 6", "số 490",
//     "2018 - 2020"); after a number before its unit or the rest of a date
//     ("3 sao", "27 đơn vị", "15 tháng 7 năm 2019"); inside a short
//     quotation ("“Mỗi xã một sản phẩm”"); inside a name, a run of
//     capitalised words ("Thanh Hóa", "Lê Lợi"), or in capitals the two
//     words after a unit word ("TỈNH THANH HÓA"), worst of all; and inside the
//     two-syllable words of the programme's titles: a list kept short on
//     purpose, of the vocabulary templates use ("sản phẩm", "chương trình",
//     "nông thôn", "điều phối" ...).  A word missing from it is only
//     "neutral", never worse than plain filling.
// The lists are ocopdoc's own, written for these documents; they are not a
// dictionary, and a template that needs a break elsewhere can still force
// one.

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_set>

#include "text/text.h"

namespace ocopdoc::text {

namespace {

// Prepositions and conjunctions: they open a phrase and bind to the word
// after them.
constexpr std::string_view kLinkWords[] = {
    "của", "về", "cho",   "tại",  "trên", "trong", "theo", "và",      "với",
    "đến", "từ", "thuộc", "nhằm", "để",   "giữa",  "hoặc", "đối với",
};
// Words that open a phrase without binding: time and level.
constexpr std::string_view kOpenWords[] = {
    "tháng", "năm", "quý", "ngày", "giai đoạn", "định hướng", "cấp",
};
// Verbs that state what a figure comes to: the number before them ends its
// phrase ("lũy kế đến hết tháng 9/2019 | là 8.347.348.000 đồng", "giải ngân
// trong tháng 6/2019 | đạt 683.885.000 đồng"), and a line may end after it.
constexpr std::string_view kFigureVerbs[] = {"đạt", "là", "chiếm", "bằng", "gồm"};
// Quantifiers: they bind to the word after them.
constexpr std::string_view kQuantifiers[] = {"các", "những", "mỗi", "một", "số"};
// Acronyms of agencies: each heads a phrase of its own ("Đề nghị | UBND
// tỉnh", "gửi | HĐND huyện"), where other acronyms name what the word before
// them is ("Chương trình OCOP", "xã NTM").
constexpr std::string_view kAgencyAcronyms[] = {"ubnd", "hđnd", "mttq", "ubmttq", "vpđp", "bcđ"};
// Words of administrative units: before a name they open a phrase and bind
// to the name ("… OCOP | tỉnh Thanh Hóa"); otherwise they qualify what comes
// before ("Văn phòng Điều phối nông thôn mới tỉnh, …", "cấp tỉnh và …").
constexpr std::string_view kUnitWords[] = {
    "tỉnh", "huyện", "phường", "xã", "thành phố", "thị xã", "thị trấn",
};
// The numerals of a year's quarters, lower case ("quý ii" as looked up).
constexpr std::string_view kQuarterNumerals[] = {"i", "ii", "iii", "iv"};
// After a number, the words of a date go on ("15 tháng 7 năm 2019").
constexpr std::string_view kDateWords[] = {"tháng", "năm"};

// Two-syllable words (and the pairs of set phrases) of administrative
// titles, lower case: never cut between the two.
constexpr std::string_view kNeverCut[] = {
    "sản phẩm",     "chương trình", "nông thôn",    "thôn mới",    "nông nghiệp", "kế hoạch",
    "đề án",        "dự án",        "thực hiện",    "triển khai",  "phát triển",  "tiến độ",
    "đánh giá",     "phân hạng",    "điều phối",    "văn phòng",   "nhân dân",    "ủy ban",
    "học viên",     "tập huấn",     "đào tạo",      "dự toán",     "giải ngân",   "kinh phí",
    "thuyết minh",  "tóm tắt",      "danh sách",    "báo cáo",     "quyết định",  "xúc tiến",
    "thương mại",   "hỗ trợ",       "chủ thể",      "hợp tác",     "tác xã",      "doanh nghiệp",
    "kinh doanh",   "sản xuất",     "quản lý",      "quản trị",    "lãnh đạo",    "cán bộ",
    "kinh tế",      "xã hội",       "chủ nghĩa",    "việt nam",    "độc lập",     "tự do",
    "hạnh phúc",    "mục tiêu",     "nhiệm vụ",     "giải pháp",   "tổ chức",     "xây dựng",
    "hoàn thiện",   "phê duyệt",    "cơ chế",       "chính sách",  "nguồn vốn",   "ngân sách",
    "số liệu",      "nhập liệu",    "địa bàn",      "khóa học",    "hạng sao",    "thủ tướng",
    "chính phủ",    "chủ tịch",     "giám đốc",     "trung ương",  "hội trường",  "hội đồng",
    "tư vấn",       "tuyên truyền", "truyền thông", "hướng dẫn",   "thành phần",  "cộng hòa",
    "giai đoạn",    "định hướng",   "thành phố",    "thị xã",      "thị trấn",    "đối với",
    "tài chính",    "nông dân",     "du lịch",      "dịch vụ",     "thực phẩm",   "đồ uống",
    "thảo dược",    "may mặc",      "lưu niệm",     "nội thất",    "trang trí",   "xã một",
    "cơ sở",        "hộ sản",       "hiệu quả",     "chất lượng",  "thị trường",  "nguồn lực",
    "tiêu chí",     "thông tin",    "phòng ban",    "ban chỉ",     "chỉ đạo",     "mục đích",
    "yêu cầu",      "lĩnh vực",     "hàng hóa",     "thương hiệu", "làng nghề",   "kinh nghiệm",
    "quốc tế",      "căn cứ",       "pháp lý",      "cần thiết",   "thực trạng",  "nội dung",
    "chủ yếu",      "quan điểm",    "phạm vi",      "đối tượng",   "nguyên tắc",  "kết luận",
    "điểm mạnh",    "điểm yếu",     "cơ hội",       "thách thức",  "phong trào",  "chủ lực",
    "lợi thế",      "địa phương",   "công nghệ",    "khoa học",    "môi trường",  "tiêu chuẩn",
    "ngành hàng",   "hiệp hội",     "giá trị",      "thu nhập",    "đời sống",    "nhận thức",
    "hệ thống",     "đơn vị",       "tình hình",    "kết quả",     "tồn tại",     "hạn chế",
    "kiến nghị",    "đề xuất",      "ban hành",     "điều hành",   "sơ đồ",       "chu trình",
    "chuyên môn",   "kiến thức",    "nhà nước",     "nguồn gốc",   "thiết kế",    "sáng tạo",
    "quảng bá",     "giới thiệu",   "kiện toàn",    "củng cố",     "chuyên viên", "công tác",
    "trưởng phòng", "hội nghị",     "khởi động",    "đề cương",    "tiềm năng",   "ứng dụng",
    "đặc sản",      "nông sản",     "thủ công",     "mỹ nghệ",     "nhân viên",   "kế toán",
    "trung tâm",    "liên kết",     "tiêu thụ",     "người dân",   "cộng đồng",   "truyền hình",
    "phát thanh",   "tổng hợp",     "chi nhánh",    "ngân hàng",   "y tế",        "nghiệp vụ",
    "kiểm soát",    "nội bộ",       "hành chính",   "sự nghiệp",   "khuyến nông", "khuyến công",
    "đầu tư",       "công thương",  "văn hóa",      "thể thao",    "giao thông",  "vận tải",
    "tài nguyên",   "giáo dục",     "lao động",     "thương binh", "nội vụ",      "tư pháp",
    "công an",      "quân sự",      "mặt trận",     "tổ quốc",     "phụ nữ",      "thanh niên",
    "chiến binh",   "đoàn thể",     "huấn luyện",   "trưởng ban",  "phó trưởng",  "phó giám",
    "phó chủ",      "chánh văn",    "công nghiệp",  "chế biến",    "hộ kinh",     "công ty",
    "ty tnhh",      "ty cp",        "nước mắm",     "hải sản",     "lâm sản",     "thủy sản",
    "chăn nuôi",    "dược liệu",    "xuất khẩu",    "thổ cẩm",     "mây tre",     "tre đan",
    "gia vị",       "hữu cơ",       "mật ong",      "dệt may",     "trồng trọt",  "bán hàng",
    "tham gia",     "địa chính",    "măng tây",     "chủ hộ",      "sinh thái",   "trải nghiệm",
    "lâm nghiệp",   "ngư nghiệp",   "ý tưởng",      "lựa chọn",    "an toàn",     "liên hiệp",
    "tổ hợp",       "nem chua",     "thuốc nam",    "đúc đồng",    "làng cổ",     "măng khô",
    "mắm tép",      "hoa vàng",
};

template <size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// kNeverCut is looked up at every space of every title and table cell of
// more than one line (a roster's 30,000 rows): hashed, not searched.
bool never_cut(std::string_view pair) {
  static const std::unordered_set<std::string_view> words(std::begin(kNeverCut),
                                                          std::end(kNeverCut));
  return words.count(pair) != 0;
}

bool is_opening_mark(UChar32 c) {
  return c == '(' || c == '"' || c == 0x201C || c == '[' || c == 0x2018;
}
bool is_closing_mark(UChar32 c) {
  return c == ')' || c == '"' || c == 0x201D || c == ']' || c == 0x2019 || c == ',' || c == '.' ||
         c == ';' || c == ':' || c == '!' || c == '?';
}

// The first and last code points of `utf8` (0 when empty).
UChar32 first_code_point(std::string_view utf8) {
  if (utf8.empty()) return 0;
  int32_t offset = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(utf8.data()), offset, static_cast<int32_t>(utf8.size()),
          c);
  return c;
}
UChar32 last_code_point(std::string_view utf8) {
  if (utf8.empty()) return 0;
  int32_t offset = static_cast<int32_t>(utf8.size());
  UChar32 c = 0;
  U8_PREV(reinterpret_cast<const uint8_t*>(utf8.data()), 0, offset, c);
  return c;
}

// The case of a word's letters, counted in one pass.
struct LetterCase {
  size_t letters = 0;
  size_t capitals = 0;
  bool first_is_capital = false;
};
LetterCase letter_case(std::string_view word) {
  LetterCase found;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto size = static_cast<int32_t>(word.size());
  for (int32_t offset = 0; offset < size;) {
    UChar32 c = 0;
    U8_NEXT(bytes, offset, size, c);
    if (c <= 0 || !u_isalpha(c)) continue;
    const bool capital = u_isupper(c);
    if (found.letters == 0) found.first_is_capital = capital;
    ++found.letters;
    if (capital) ++found.capitals;
  }
  return found;
}

// `utf8` in small letters, code point by code point: Vietnamese letters
// have one-to-one case mappings, so the simple mapping is the full one (and
// a roster's 30,000 rows lower-case their wrapped cells without building ICU
// strings).
std::string lower_case(std::string_view utf8) {
  std::string result;
  result.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto size = static_cast<int32_t>(utf8.size());
  for (int32_t offset = 0; offset < size;) {
    UChar32 c = 0;
    U8_NEXT(bytes, offset, size, c);
    if (c < 0) c = 0xFFFD;
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, U8_MAX_LENGTH, u_tolower(c), error);
    if (!error) result.append(buffer, static_cast<size_t>(length));
  }
  return result;
}

// A word as it is looked up: without the quotes, punctuation and a
// trailing dash around it, in lower case.
struct WordKey {
  std::string lower;         // "hóa" for "Hóa,", "tin" for "tin -"
  UChar32 raw_first = 0;     // the word's first character, marks included
  UChar32 first_letter = 0;  // of the word itself, after opening marks
  bool title_case = false;   // "Thanh", not "THANH" nor "thanh"
  bool opens_quotation = false;
  bool closes_quotation = false;
  bool ends_clause = false;     // ends in , ; : . (not an abbreviation's full stop)
  bool ends_with_dash = false;  // "thất -": a dash between spaces, kept with the word before
  bool lone_dash = false;
  bool number = false;         // "2019", "1.234", "07/5/2018"
  bool abbreviation = false;   // "TP.", "2.1.": binds to the word after it
  bool capitals = false;       // two letters or more, all capitals: "OCOP", "UBND", "NHIỆM"
  bool small_letters = false;  // has a small letter: "trình", "Chương"
};

// "TP.", "ThS.", "2.1.", "VIII.": a full stop that ends no sentence.
bool is_abbreviation(std::string_view word) {
  if (!word.ends_with('.')) return false;
  word.remove_suffix(1);
  if (word.empty()) return false;
  if (word.find_first_not_of("0123456789.") == std::string_view::npos) return true;
  if (word.find_first_not_of("IVXLC") == std::string_view::npos) return true;
  size_t letters = 0;
  bool upper = false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto size = static_cast<int32_t>(word.size());
  for (int32_t offset = 0; offset < size;) {
    UChar32 c = 0;
    U8_NEXT(bytes, offset, size, c);
    if (c <= 0 || !u_isalpha(c)) return false;
    ++letters;
    upper = upper || u_isupper(c);
  }
  return upper && letters <= 3;
}

WordKey key_of(std::string_view word) {
  WordKey key;
  key.raw_first = first_code_point(word);
  key.lone_dash = word == "-" || word == "\xE2\x80\x93" || word == "\xE2\x80\x94";
  for (std::string_view dash : {" -", " \xE2\x80\x93", " \xE2\x80\x94"}) {
    if (!key.lone_dash && word.ends_with(dash)) {
      key.ends_with_dash = true;
      word.remove_suffix(dash.size());
    }
  }
  const UChar32 last = last_code_point(word);
  key.abbreviation = is_abbreviation(word);
  key.ends_clause = (last == ',' || last == ';' || last == ':' || last == '.') && !key.abbreviation;
  key.opens_quotation = key.raw_first == 0x201C || key.raw_first == '"';
  key.closes_quotation = word.find("\xE2\x80\x9D") != std::string_view::npos ||
                         (word.size() > 1 && word.find('"', 1) != std::string_view::npos);
  // Strip opening marks from the front and closing marks from the back.
  while (!word.empty() && is_opening_mark(first_code_point(word))) {
    word.remove_prefix(static_cast<size_t>(U8_LENGTH(first_code_point(word))));
  }
  while (!word.empty() && is_closing_mark(last_code_point(word))) {
    word.remove_suffix(static_cast<size_t>(U8_LENGTH(last_code_point(word))));
  }
  key.first_letter = first_code_point(word);
  key.number = u_isdigit(key.first_letter);
  key.lower = lower_case(word);
  // Title case: a capital first and small letters after ("Thanh", "Lê",
  // "Ô"), a word of a name.  A word in capitals ("THANH", "UBND") is not:
  // in capitals every word would look like a name.
  const LetterCase letters = letter_case(word);
  key.title_case = letters.first_is_capital && letters.capitals == 1;
  key.capitals = letters.letters >= 2 && letters.capitals == letters.letters;
  key.small_letters = letters.capitals < letters.letters;
  return key;
}

// The word after a number that the number goes on to: the rest of a date,
// or a word in small letters that opens no phrase.
template <typename OpensPhrase>
bool goes_on_after_number(const WordKey& after, const OpensPhrase& opens_phrase) {
  return contains(kDateWords, after.lower) ||
         (u_islower(after.first_letter) && !opens_phrase(after.lower));
}

// A quotation of at most this many words holds together on one line.
constexpr size_t kLongestHeldQuotation = 6;

}  // namespace

std::vector<BreakFit> break_fits(const std::vector<std::string>& words) {
  if (words.size() < 2) return {};
  std::vector<WordKey> keys;
  keys.reserve(words.size());
  for (const std::string& word : words) keys.push_back(key_of(word));
  // pairs[i]: words i and i + 1 as one key ("sản phẩm", "thành phố").
  std::vector<std::string> pairs(words.size() - 1);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    pairs[i].reserve(keys[i].lower.size() + 1 + keys[i + 1].lower.size());
    pairs[i].append(keys[i].lower).append(" ").append(keys[i + 1].lower);
  }
  // "quý iii" as one word: the line breaker never cuts a quarter's name.
  auto quarter_name = [](std::string_view key) {
    constexpr std::string_view kQuarter = "quý ";
    return key.starts_with(kQuarter) && contains(kQuarterNumerals, key.substr(kQuarter.size()));
  };
  auto opens_phrase = [&](std::string_view key) {
    return contains(kLinkWords, key) || contains(kOpenWords, key) || quarter_name(key);
  };

  // Spaces inside short quotations.
  std::vector<bool> in_quotation(words.size() - 1, false);
  for (size_t open = 0; open < words.size(); ++open) {
    if (!keys[open].opens_quotation || keys[open].closes_quotation) continue;
    for (size_t close = open + 1; close < words.size() && close - open < kLongestHeldQuotation;
         ++close) {
      if (keys[close].closes_quotation) {
        for (size_t gap = open; gap < close; ++gap) in_quotation[gap] = true;
        break;
      }
    }
  }

  // Units followed by a name, by the space after the unit word, and the
  // spaces inside a place's name of two words after it ("HUYỆN NGA | SƠN",
  // "TỈNH THANH | HÓA": in capitals, where no capital marks a name, the
  // unit word still does).
  std::vector<bool> before_name(words.size() - 1, false);
  std::vector<bool> in_place_name(words.size() - 1, false);
  for (size_t unit = 0; unit + 1 < words.size(); ++unit) {
    const bool two = unit + 2 < words.size() && contains(kUnitWords, pairs[unit]);
    if (!two && !contains(kUnitWords, keys[unit].lower)) continue;
    const size_t name = unit + (two ? 2 : 1);
    if (keys[name - 1].ends_clause || !u_isupper(keys[name].first_letter)) continue;
    before_name[name - 1] = true;
    if (name + 1 < words.size() && !keys[name].ends_clause &&
        u_isupper(keys[name + 1].first_letter) && !opens_phrase(keys[name + 1].lower)) {
      in_place_name[name] = true;
    }
  }

  std::vector<BreakFit> fits(words.size() - 1, BreakFit::kNeutral);
  for (size_t gap = 0; gap + 1 < words.size(); ++gap) {
    const WordKey& before = keys[gap];
    const WordKey& after = keys[gap + 1];
    const std::string_view next_pair =
        gap + 2 < words.size() ? std::string_view(pairs[gap + 1]) : std::string_view();
    // A unit word (of one or two syllables) starting after the space, with
    // a name after it.
    const bool unit_opens_name =
        (gap + 1 < before_name.size() && before_name[gap + 1] &&
         contains(kUnitWords, after.lower)) ||
        (gap + 2 < before_name.size() && before_name[gap + 2] && contains(kUnitWords, next_pair));
    // A number binds to its unit or the rest of its date ("3 sao", "15
    // tháng 7"), not to a word that opens a phrase ("năm 2017 | và").
    const bool number_goes_on = before.number && !before.ends_clause && !before.ends_with_dash &&
                                goes_on_after_number(after, opens_phrase);
    // A quarter's numeral goes on to its year as a month's number does
    // ("quý III năm 2019", not "quý III / năm 2019").
    const bool quarter_goes_on =
        !before.ends_clause && contains(kDateWords, after.lower) &&
        (quarter_name(before.lower) ||
         (gap > 0 && keys[gap - 1].lower == "quý" && contains(kQuarterNumerals, before.lower)));
    // An acronym after a word in small letters names what that word is
    // ("Chương trình OCOP", "sản phẩm OCOP-TH"): a word in capitals alone,
    // not one of a run of them ("Phần thứ tư NHIỆM VỤ, ..." is a title),
    // nor an abbreviation ("TP."), nor one before a name, which it heads
    // ("đề nghị | HTX Quảng Tiến"; "Công ty TNHH" is a pair never cut).  An
    // agency's acronym opens a phrase ("Đề nghị | UBND tỉnh").
    const bool acronym = after.capitals && before.small_letters && !after.abbreviation &&
                         (gap + 2 >= words.size() || !keys[gap + 2].capitals);
    const bool agency_after = acronym && contains(kAgencyAcronyms, after.lower);
    const bool acronym_after =
        acronym && !agency_after && (gap + 2 >= words.size() || !keys[gap + 2].title_case);
    BreakFit& fit = fits[gap];
    if (before.ends_clause) {
      fit = BreakFit::kBest;
    } else if (in_place_name[gap] || (before.title_case && after.title_case && !before_name[gap])) {
      // Inside a name; but a unit word written with a capital ("Huyện
      // Thường Xuân" at the head of a cell) is not part of the name after
      // it: "Huyện / Thường Xuân" only avoids, as "huyện / Thường Xuân" does.
      fit = BreakFit::kWorst;
    } else if (in_quotation[gap] || before_name[gap] || after.lone_dash ||
               u_isdigit(after.raw_first) || number_goes_on || quarter_goes_on ||
               contains(kLinkWords, before.lower) || contains(kQuantifiers, before.lower) ||
               before.abbreviation || acronym_after || never_cut(pairs[gap])) {
      fit = BreakFit::kAvoid;
    } else if (before.ends_with_dash || before.lone_dash || after.opens_quotation ||
               after.raw_first == '(' || opens_phrase(after.lower) || opens_phrase(next_pair) ||
               unit_opens_name || agency_after) {
      fit = BreakFit::kGood;
    }
  }
  return fits;
}

bool number_goes_on_to(std::string_view word) {
  const WordKey key = key_of(word);
  return key.raw_first == key.first_letter && goes_on_after_number(key, [](std::string_view lower) {
           return contains(kLinkWords, lower) || contains(kOpenWords, lower) ||
                  contains(kFigureVerbs, lower);
         });
}

}  // namespace ocopdoc::text
