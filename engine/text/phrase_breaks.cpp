// Where a title may end a line: the fit of each space between its words.
//
// A centred title of two or three lines shows each of its breaks; a reader
// of "Tiến độ thực hiện Chương trình mỗi xã một sản / phẩm tháng 6 năm 2019"
// sees the word "sản phẩm" cut in two, and one of "ỦY BAN NHÂN DÂN HUYỆN /
// HOẰNG HÓA" a district's name torn from its "huyện".  Vietnamese writes
// each syllable apart, so nothing in the text itself marks a word; the rules
// below mark what can be known cheaply and surely:
//   - punctuation ends a phrase (best);
//   - a few words always open a phrase: prepositions and conjunctions
//     ("của", "về", "cho", "và" ...), the words of time ("tháng", "năm",
//     "giai đoạn"), and those of administrative units ("tỉnh", "huyện",
//     "thành phố") before a name (good before them);
//   - a dash between words ends a phrase too ("Lưu niệm - nội thất - |
//     trang trí"; the line breaker keeps such a dash with the word before
//     it), but not before a number ("2018 - | 2020");
//   - the same prepositions, the unit words and quantifiers ("các", "mỗi",
//     "một") bind to the word after them, a number binds to the word before
//     it ("tháng 6", "số 490"), a lone dash to both sides, a short quotation
//     ("“Mỗi xã một sản phẩm”") holds together, and so does a run of
//     capitalised words (a name: "Thanh Hóa", "Lê Lợi"), and in capitals
//     the two words after a unit word ("TỈNH THANH HÓA");
//   - two-syllable words of the programme's titles are never cut: a list
//     kept short on purpose, of the vocabulary templates use ("sản phẩm",
//     "chương trình", "nông thôn", "điều phối" ...).  A word missing from it
//     is only "neutral", never worse than before.
// The list is ocopdoc's own, written for these documents; it is not a
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

// Words that open a phrase: a line may well start with them.
constexpr std::string_view kPhraseOpeners[] = {
    "của",   "về",  "cho", "tại",   "trên", "trong",     "theo",       "và",
    "với",   "đến", "từ",  "thuộc", "nhằm", "để",        "giữa",       "hoặc",
    "tháng", "năm", "quý", "ngày",  "cấp",  "giai đoạn", "định hướng", "đối với",
};
// Words of administrative units: they open a phrase when a name follows
// ("… OCOP | tỉnh Thanh Hóa"), not when they qualify what comes before
// ("Văn phòng Điều phối nông thôn mới tỉnh, …").
constexpr std::string_view kUnitWords[] = {
    "tỉnh", "huyện", "phường", "xã", "thành phố", "thị xã", "thị trấn",
};

// Words that bind to the word after them: a line should not end on them.
constexpr std::string_view kBindForward[] = {
    "của",  "về", "cho",  "tại",  "trên", "trong", "theo", "và",  "với", "đến",  "từ",    "thuộc",
    "nhằm", "để", "giữa", "hoặc", "các",  "những", "mỗi",  "một", "số",  "tỉnh", "huyện", "phường",
};

// Two-syllable words (and the pairs of set phrases) of administrative
// titles, lower case: never cut between the two.  The last syllable of
// "thành phố", "thị xã", "thị trấn" binds forward like "huyện".
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
    "trung tâm",    "liên kết",     "tiêu thụ",     "người dân",   "cộng đồng",
};
// Syllables that end a unit word and bind forward as it does ("thành phố |
// Thanh Hóa", "thị xã | Bỉm Sơn", "xã | Xuân Lập").
constexpr std::string_view kUnitWordEnds[] = {"phố", "xã", "trấn"};

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

// Whether a word is written with a capital first and small letters after
// ("Thanh", "Lê", "Ô"): a word of a name.  A word in capitals ("THANH",
// "UBND") is not: in capitals every word would look like a name.
bool is_title_case(std::string_view word) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto size = static_cast<int32_t>(word.size());
  bool first = true;
  for (int32_t offset = 0; offset < size;) {
    UChar32 c = 0;
    U8_NEXT(bytes, offset, size, c);
    if (c <= 0 || !u_isalpha(c)) continue;
    if (first != static_cast<bool>(u_isupper(c))) return false;
    first = false;
  }
  return !first;
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

// A word as it is looked up: without the quotes and punctuation around it,
// in lower case.
struct WordKey {
  std::string lower;         // "hóa" for "Hóa,"
  UChar32 first_letter = 0;  // of the word itself, after opening marks
  bool title_case = false;   // "Thanh", not "THANH" nor "thanh"
  bool opens_quotation = false;
  bool closes_quotation = false;
  bool ends_clause = false;     // ends in , ; : .
  bool ends_with_dash = false;  // "thất -": a dash between spaces, kept with the word before
  bool lone_dash = false;
};

WordKey key_of(std::string_view word) {
  WordKey key;
  const UChar32 last = last_code_point(word);
  key.ends_clause = last == ',' || last == ';' || last == ':' || last == '.';
  key.opens_quotation = first_code_point(word) == 0x201C || first_code_point(word) == '"';
  key.closes_quotation = word.find("\xE2\x80\x9D") != std::string_view::npos ||
                         (word.size() > 1 && word.find('"', 1) != std::string_view::npos);
  key.lone_dash = word == "-" || word == "\xE2\x80\x93" || word == "\xE2\x80\x94";
  key.ends_with_dash = !key.lone_dash && (word.ends_with(" -") || word.ends_with(" \xE2\x80\x93") ||
                                          word.ends_with(" \xE2\x80\x94"));
  // Strip opening marks from the front and closing marks from the back.
  while (!word.empty() && is_opening_mark(first_code_point(word))) {
    word.remove_prefix(static_cast<size_t>(U8_LENGTH(first_code_point(word))));
  }
  while (!word.empty() && is_closing_mark(last_code_point(word))) {
    word.remove_suffix(static_cast<size_t>(U8_LENGTH(last_code_point(word))));
  }
  key.first_letter = first_code_point(word);
  key.title_case = is_title_case(word);
  key.lower = lower_case(word);
  return key;
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

  // Spaces inside a place's name of two words after its unit word
  // ("HUYỆN NGA | SƠN", "TỈNH THANH | HÓA"): in capitals, where no
  // capital marks a name, the unit word still does.
  std::vector<bool> in_place_name(words.size() - 1, false);
  for (size_t unit = 0; unit + 2 < words.size(); ++unit) {
    const bool two = unit + 3 < words.size() && contains(kUnitWords, pairs[unit]);
    if (!two && !contains(kUnitWords, keys[unit].lower)) continue;
    const size_t name = unit + (two ? 2 : 1);
    if (keys[name].ends_clause || !u_isupper(keys[name].first_letter) ||
        !u_isupper(keys[name + 1].first_letter) || contains(kPhraseOpeners, keys[name + 1].lower)) {
      continue;
    }
    in_place_name[name] = true;
  }

  std::vector<BreakFit> fits(words.size() - 1, BreakFit::kNeutral);
  for (size_t gap = 0; gap + 1 < words.size(); ++gap) {
    const WordKey& before = keys[gap];
    const WordKey& after = keys[gap + 1];
    const std::string& pair = pairs[gap];
    const std::string_view opener_pair =
        gap + 2 < words.size() ? std::string_view(pairs[gap + 1]) : std::string_view();
    // The unit word after the break, and whether a name follows it.
    const bool unit_one = contains(kUnitWords, after.lower);
    const bool unit_two = contains(kUnitWords, opener_pair);
    const size_t name_at = gap + (unit_two ? 3 : 2);
    const bool unit_opens_name =
        (unit_one || unit_two) && name_at < words.size() && u_isupper(keys[name_at].first_letter);
    BreakFit& fit = fits[gap];
    if (before.ends_clause) {
      fit = BreakFit::kBest;
    } else if (in_quotation[gap] || in_place_name[gap] || before.lone_dash || after.lone_dash ||
               u_isdigit(after.first_letter) || contains(kBindForward, before.lower) ||
               contains(kUnitWordEnds, before.lower) || never_cut(pair) ||
               (before.title_case && after.title_case)) {
      fit = BreakFit::kAvoid;
    } else if (before.ends_with_dash || after.opens_quotation ||
               contains(kPhraseOpeners, after.lower) || contains(kPhraseOpeners, opener_pair) ||
               unit_opens_name) {
      fit = BreakFit::kGood;
    }
  }
  return fits;
}

}  // namespace ocopdoc::text
