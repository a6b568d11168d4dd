// Line breaking: tailored ICU break opportunities, words, greedy filling.

#include "layout/line_breaker_internal.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>

#include "text/text.h"

namespace ocopdoc::layout::detail {

namespace {

// Owns a UText over UTF-8 bytes (ICU iterates UTF-8 in place, and the
// boundaries it reports are byte offsets: no UTF-16 conversion to undo).
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view utf8) {
    if (utf8.size() > static_cast<size_t>(INT32_MAX)) {
      throw LayoutError("đoạn văn bản quá dài (hơn 2 GB) để dàn trang");
    }
    UErrorCode status = U_ZERO_ERROR;
    text_ = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
    if (U_FAILURE(status)) {
      throw LayoutError(std::string("lỗi thư viện ICU khi đọc văn bản: ") + u_errorName(status));
    }
  }
  ~Utf8Text() { utext_close(text_); }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;
  UText* get() const { return text_; }

 private:
  UText* text_ = nullptr;
};

void check_icu(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw LayoutError(std::string("lỗi thư viện ICU khi ") + what + ": " + u_errorName(status));
  }
}

// Characters that join the two sides of a document symbol, a date or a
// range: the slash, the hyphen-minus, the Unicode hyphens and the en dash
// ("2018–2020" is a range too).  The em dash is not one of them: it
// separates clauses and may end a line.
bool is_joiner(UChar32 c) {
  return c == '/' || c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013;
}

UChar32 code_point_before(std::string_view utf8, size_t offset, size_t* start) {
  if (offset == 0) return U_SENTINEL;
  int32_t i = static_cast<int32_t>(offset);
  UChar32 c;
  U8_PREV(utf8.data(), 0, i, c);
  if (start != nullptr) *start = static_cast<size_t>(i);
  return c;
}

UChar32 code_point_at(std::string_view utf8, size_t offset) {
  if (offset >= utf8.size()) return U_SENTINEL;
  int32_t i = static_cast<int32_t>(offset);
  UChar32 c;
  U8_NEXT(utf8.data(), i, static_cast<int32_t>(utf8.size()), c);
  return c;
}

// True when ICU's break at `offset` must be removed: it falls right after a
// joiner (or a decimal separator) that has a letter or digit on both sides,
// i.e. inside "490/QĐ-TTg", "07/5/2018", "2018-2020", "1.234.567", "12,5",
// or after the slash of a rate ("9,8%/năm": the rate per year is one unit).
bool inside_symbol_or_number(std::string_view utf8, size_t offset) {
  size_t joiner_start = 0;
  const UChar32 joiner = code_point_before(utf8, offset, &joiner_start);
  const UChar32 after = code_point_at(utf8, offset);
  if (joiner < 0 || after < 0) return false;
  const UChar32 before = code_point_before(utf8, joiner_start, nullptr);
  if (before < 0) return false;
  if (joiner == '/' && before == '%') return u_isalnum(after);
  if (is_joiner(joiner)) return u_isalnum(before) && u_isalnum(after);
  if (joiner == '.' || joiner == ',') return u_isdigit(before) && u_isdigit(after);
  return false;
}

// True when the break at `offset` would start a line with a dash standing
// alone between spaces ("2018 - 2020"): the dash stays at the end of the line
// before ("2018 -" / "2020"), so the next line cannot be read as a list item.
bool before_spaced_dash(std::string_view utf8, size_t offset) {
  const UChar32 dash = code_point_at(utf8, offset);
  if (dash != '-' && dash != 0x2013) return false;
  size_t dash_start = 0;
  if (code_point_before(utf8, offset, &dash_start) != ' ') return false;
  const size_t after = offset + (dash == '-' ? 1 : 3);
  return after >= utf8.size() || utf8[after] == ' ';
}

// True when the break at `offset` falls between "quý" and the Roman numeral
// of its quarter ("quý / II năm 2019"): a quarter is named by both, as a
// month by "tháng 6".  Only I to IV after the word, in any case.
bool inside_quarter_name(std::string_view utf8, size_t offset) {
  static constexpr std::string_view kQuarterWords[] = {"quý ", "Quý ", "QUÝ "};
  const bool after_word =
      std::any_of(std::begin(kQuarterWords), std::end(kQuarterWords), [&](std::string_view word) {
        return offset >= word.size() && utf8.substr(offset - word.size(), word.size()) == word;
      });
  if (!after_word) return false;
  size_t end = offset;
  while (end < utf8.size() && (utf8[end] == 'I' || utf8[end] == 'V')) ++end;
  const std::string_view numeral = utf8.substr(offset, end - offset);
  const bool quarter = numeral == "I" || numeral == "II" || numeral == "III" || numeral == "IV";
  return quarter && (end == utf8.size() || !u_isalnum(code_point_at(utf8, end)));
}

// Words before a number that it belongs to: "ngày 07", "tháng 5", "năm
// 2018", "quý 3", "số 490/QĐ-TTg", "Điều 5", "khoản 2", "Mục 3".
constexpr std::string_view kNumberedWords[] = {
    "ngày", "Ngày", "tháng", "Tháng", "năm",   "Năm", "quý", "Quý",    "số",
    "Số",   "điều", "Điều",  "khoản", "Khoản", "mục", "Mục", "chương", "Chương",
};
// Multiples of an amount, tied to the currency after them ("6.300 triệu
// đồng", "85,5 tỷ đồng").
constexpr std::string_view kAmountMultiples[] = {"nghìn", "ngàn", "triệu", "tỷ"};

// A tied word never takes more than this share of a line, so justified
// lines keep their spaces even.
constexpr double kMostTiedShare = 0.3;

// A word's text without its footnote marks ("30%¹" is "30%").
std::string word_text(const Word& word) {
  std::string text;
  for (const Piece& piece : word.pieces) {
    if (piece.style.rise == 0) text += piece.text;
  }
  return text;
}

// A number as written in running text: starts and ends with a digit
// ("60", "6.300", "12,5", "07/5/2018"), so "1." of a list and "2018," at
// the end of a clause are not.
bool is_number_token(std::string_view token) {
  return !token.empty() && u_isdigit(static_cast<unsigned char>(token.front())) &&
         u_isdigit(static_cast<unsigned char>(token.back()));
}

bool is_numbered_word(std::string_view token) {
  return std::find(std::begin(kNumberedWords), std::end(kNumberedWords), token) !=
         std::end(kNumberedWords);
}

// Whether a line must not break between `left` (the last token of a word)
// and `right` (the first token of the next); `before_left` is the token
// before `left` in its word, if any.
bool tied(std::string_view before_left, std::string_view left, std::string_view right) {
  if (is_number_token(left)) {
    // A date is tied by its parts, "ngày 07", "tháng 5", "năm 2018", and
    // may break between them: a whole date tied would leave a gap in a
    // justified line.  "7 năm" (seven years) is tied.
    const bool date_goes_on = is_numbered_word(before_left) && is_numbered_word(right);
    return !date_goes_on && text::number_goes_on_to(right);
  }
  if (!right.empty() && u_isdigit(static_cast<unsigned char>(right.front()))) {
    return is_numbered_word(left);
  }
  const std::string_view currency = "đồng";
  const bool is_currency =
      right.starts_with(currency) &&
      (right.size() == currency.size() || !u_isalnum(code_point_at(right, currency.size())));
  return is_currency && std::find(std::begin(kAmountMultiples), std::end(kAmountMultiples), left) !=
                            std::end(kAmountMultiples);
}

// A line that gives its last word to a runt below keeps at least this share
// of the width.
constexpr double kLeastFullAfterRunt = 0.8;

// A parenthesis this short (in characters, brackets included) is never
// broken: "(để b/c)" after a recipient, "(4 sao)" after a product.
constexpr size_t kShortParenthesis = 12;

// True when the break at `offset` falls inside a short parenthesis: an
// opening bracket before it with no closing one between, and a closing one
// after it, the whole no longer than kShortParenthesis characters.  "Bộ Nông
// nghiệp và PTNT (để / b/c);" then moves "(để b/c);" whole to the next line.
bool inside_short_parenthesis(std::string_view utf8, size_t offset) {
  // Only a few bytes either side are looked at (a character is at most four
  // bytes), so a long paragraph costs no more per break than a short one.
  constexpr size_t kReach = 4 * kShortParenthesis;
  if (offset == 0) return false;
  const size_t from = offset > kReach ? offset - kReach : 0;
  const size_t open = utf8.substr(from, offset - from).rfind('(');
  if (open == std::string_view::npos) return false;
  const std::string_view after_open = utf8.substr(from + open, 2 * kReach);
  const size_t close = after_open.find(')');
  if (close == std::string_view::npos || from + open + close < offset) return false;
  const std::string_view inside = after_open.substr(0, close + 1);
  size_t characters = 0;
  for (const char byte : inside) characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return characters <= kShortParenthesis;
}

RunStyle span_style(const doc::Span& span, const BlockFont& font) {
  RunStyle style;
  style.face = font_style(font.bold || span.bold, font.italic || span.italic);
  style.size = font.size;
  style.underline = span.underline;
  if (span.footnote != 0) {
    // A superscript mark is never underlined: the underline would run
    // through the raised digits.
    style.size = font.size * kSuperscriptScale;
    style.rise = font.size * kSuperscriptRise;
    style.underline = false;
  }
  return style;
}

// The spans of one line of source text (up to a forced break), concatenated
// so ICU sees the text as a whole: a word may cross a change of style.
struct Segment {
  std::string text;
  std::vector<size_t> starts;           // byte offset where each span begins
  std::vector<const doc::Span*> spans;  // spans with text, in order
  bool forced_break = false;            // a forced line break follows
};

std::vector<Segment> segments_of(const doc::Inline& text) {
  std::vector<Segment> segments(1);
  for (const doc::Span& span : text) {
    if (!span.text.empty()) {
      Segment& segment = segments.back();
      segment.starts.push_back(segment.text.size());
      segment.spans.push_back(&span);
      segment.text += span.text;
    }
    if (span.line_break) {
      segments.back().forced_break = true;
      segments.emplace_back();
    }
  }
  return segments;
}

// Index of the span containing byte `offset`.
size_t span_at(const Segment& segment, size_t offset) {
  const auto it = std::upper_bound(segment.starts.begin(), segment.starts.end(), offset);
  return static_cast<size_t>(it - segment.starts.begin()) - 1;
}

}  // namespace

LineBreaker::LineBreaker(const FontSet& fonts) : fonts_(fonts) {
  UErrorCode status = U_ZERO_ERROR;
  line_iterator_.reset(icu::BreakIterator::createLineInstance(icu::Locale("vi"), status));
  check_icu(status, "tạo bộ ngắt dòng");
  status = U_ZERO_ERROR;
  character_iterator_.reset(icu::BreakIterator::createCharacterInstance(icu::Locale("vi"), status));
  check_icu(status, "tạo bộ tách ký tự");
}

LineBreaker::~LineBreaker() = default;

std::vector<size_t> LineBreaker::break_opportunities(std::string_view utf8) {
  std::vector<size_t> result;
  if (utf8.empty()) return result;
  const Utf8Text text(utf8);
  UErrorCode status = U_ZERO_ERROR;
  line_iterator_->setText(text.get(), status);
  check_icu(status, "ngắt dòng");
  for (int32_t boundary = line_iterator_->next(); boundary != icu::BreakIterator::DONE;
       boundary = line_iterator_->next()) {
    const auto offset = static_cast<size_t>(boundary);
    if (offset >= utf8.size()) break;
    if (!inside_symbol_or_number(utf8, offset) && !before_spaced_dash(utf8, offset) &&
        !inside_short_parenthesis(utf8, offset) && !inside_quarter_name(utf8, offset)) {
      result.push_back(offset);
    }
  }
  return result;
}

std::vector<Word> LineBreaker::words(const doc::Inline& text, const BlockFont& font,
                                     std::string_view where) {
  for (const doc::Span& span : text) {
    if (!span.text.empty()) {
      fonts_.require_coverage(span_style(span, font).face, span.text, where);
    }
  }
  std::vector<Word> words;
  for (const Segment& segment : segments_of(text)) {
    const std::string& s = segment.text;
    size_t begin = 0;
    while (begin < s.size() && s[begin] == ' ') ++begin;  // no leading space on a line
    std::vector<size_t> bounds;
    if (begin < s.size()) {
      bounds.push_back(begin);
      for (size_t offset : break_opportunities(s)) {
        if (offset <= begin) continue;
        // A footnote mark stays glued to the word before it: "Mục tiêu.1"
        // must not leave the "1" alone at the start of the next line.
        const size_t span = span_at(segment, offset);
        if (segment.spans[span]->footnote != 0 && segment.starts[span] == offset &&
            s[offset - 1] != ' ') {
          continue;
        }
        bounds.push_back(offset);
      }
      bounds.push_back(s.size());
    }
    const size_t first_word = words.size();
    for (size_t b = 0; b + 1 < bounds.size(); ++b) {
      const size_t start = bounds[b];
      const size_t end = bounds[b + 1];
      size_t text_end = end;
      while (text_end > start && s[text_end - 1] == ' ') --text_end;
      Word word;
      for (size_t offset = start; offset < text_end;) {
        const size_t index = span_at(segment, offset);
        const doc::Span& span = *segment.spans[index];
        const size_t span_end =
            index + 1 < segment.starts.size() ? segment.starts[index + 1] : s.size();
        const size_t piece_end = std::min(span_end, text_end);
        Piece piece;
        piece.text = s.substr(offset, piece_end - offset);
        piece.style = span_style(span, font);
        piece.width = fonts_.face(piece.style.face).width(piece.text, piece.style.size);
        word.width += piece.width;
        if (span.footnote != 0) word.footnotes.push_back(span.footnote);
        if (!word.pieces.empty() && word.pieces.back().style == piece.style) {
          word.pieces.back().text += piece.text;
          word.pieces.back().width += piece.width;
        } else {
          word.pieces.push_back(std::move(piece));
        }
        offset = piece_end;
      }
      if (text_end < end) {
        const doc::Span& span = *segment.spans[span_at(segment, text_end)];
        word.space_style = span_style(span, font);
        word.space_width =
            fonts_.face(word.space_style.face)
                .width(std::string_view(s).substr(text_end, end - text_end), word.space_style.size);
      }
      words.push_back(std::move(word));
    }
    if (segment.forced_break) {
      // An empty line (two forced breaks in a row) is an empty word.
      if (words.size() == first_word) words.emplace_back();
      words.back().forced_break = true;
    }
  }
  return words;
}

void LineBreaker::split_long_word(const Word& word, double first_width, double rest_width,
                                  std::vector<Word>& out) {
  // Cut between user-perceived characters (ICU character boundaries), so a
  // letter and a combining mark that NFC could not compose stay together.
  Word chunk;
  double limit = first_width;
  auto emit = [&]() {
    out.push_back(std::move(chunk));
    chunk = Word();
    limit = rest_width;
  };
  for (const Piece& piece : word.pieces) {
    const FontFace& face = fonts_.face(piece.style.face);
    const Utf8Text text(piece.text);
    UErrorCode status = U_ZERO_ERROR;
    character_iterator_->setText(text.get(), status);
    check_icu(status, "tách ký tự");
    int32_t start = character_iterator_->first();
    for (int32_t end = character_iterator_->next(); end != icu::BreakIterator::DONE;
         start = end, end = character_iterator_->next()) {
      const std::string_view cluster =
          std::string_view(piece.text)
              .substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
      const double width = face.width(cluster, piece.style.size);
      if (chunk.width + width > limit + kEpsilon && chunk.width > 0) emit();
      if (!chunk.pieces.empty() && chunk.pieces.back().style == piece.style) {
        chunk.pieces.back().text += cluster;
        chunk.pieces.back().width += width;
      } else {
        chunk.pieces.push_back(Piece{std::string(cluster), piece.style, width});
      }
      chunk.width += width;
    }
  }
  chunk.space_width = word.space_width;
  chunk.space_style = word.space_style;
  chunk.forced_break = word.forced_break;
  // Footnote marks are glued to the end of a word, so they belong to its
  // last chunk.
  chunk.footnotes = word.footnotes;
  out.push_back(std::move(chunk));
}

void LineBreaker::tie_numbers(std::vector<Word>& words, double line_width) {
  if (words.size() < 2) return;
  std::vector<Word> tied_words;
  tied_words.reserve(words.size());
  std::string left_text = word_text(words.front());
  tied_words.push_back(std::move(words.front()));
  for (size_t i = 1; i < words.size(); ++i) {
    Word& left = tied_words.back();
    Word& right = words[i];
    std::string right_text = word_text(right);
    const size_t space = left_text.rfind(' ');
    const std::string_view last_token =
        std::string_view(left_text).substr(space == std::string::npos ? 0 : space + 1);
    std::string_view before_last;
    if (space != std::string::npos) {
      const std::string_view head = std::string_view(left_text).substr(0, space);
      const size_t previous = head.rfind(' ');
      before_last = head.substr(previous == std::string_view::npos ? 0 : previous + 1);
    }
    const std::string_view first_token =
        std::string_view(right_text).substr(0, right_text.find(' '));
    const double joined = left.width + left.space_width + right.width;
    if (left.space_width > 0 && !left.forced_break && joined <= kMostTiedShare * line_width &&
        tied(before_last, last_token, first_token)) {
      // The space becomes part of the word: it is drawn, never stretched.
      left.pieces.push_back(Piece{" ", left.space_style, left.space_width});
      for (Piece& piece : right.pieces) {
        if (left.pieces.back().style == piece.style) {
          left.pieces.back().text += piece.text;
          left.pieces.back().width += piece.width;
        } else {
          left.pieces.push_back(std::move(piece));
        }
      }
      left.width = joined;
      left.space_width = right.space_width;
      left.space_style = right.space_style;
      left.forced_break = right.forced_break;
      left.footnotes.insert(left.footnotes.end(), right.footnotes.begin(), right.footnotes.end());
      left_text += ' ';
      left_text += right_text;
      continue;
    }
    left_text = std::move(right_text);
    tied_words.push_back(std::move(right));
  }
  words = std::move(tied_words);
}

// A paragraph's last line of a single word (a runt: "tỉnh." alone under a
// full line) takes the last word of the line above with it, when that line
// keeps at least kLeastFullAfterRunt of the width (justified, it then
// stretches its spaces a little) and two words.  The number of lines never
// changes, so neither does the page a paragraph ends on.
void LineBreaker::avoid_runt(std::vector<TextLine>& lines, TextLine& last, double width) {
  if (lines.empty() || last.words.size() != 1) return;
  TextLine& above = lines.back();
  if (above.last || above.words.size() < 3) return;
  const Word& moved = above.words.back();
  const Word& before = above.words[above.words.size() - 2];
  const double above_after = above.width - moved.width - before.space_width;
  const double last_after = moved.width + moved.space_width + last.width;
  if (above_after < kLeastFullAfterRunt * width || last_after > width + kEpsilon) return;
  last.words.insert(last.words.begin(), moved);
  last.width = last_after;
  above.words.pop_back();
  above.width = above_after;
}

std::vector<TextLine> LineBreaker::break_lines(std::span<const Word> words, double first_width,
                                               double rest_width) {
  std::vector<TextLine> lines;
  TextLine current;
  auto available = [&]() { return lines.empty() ? first_width : rest_width; };
  auto finish_line = [&](bool last) {
    current.last = last;
    if (last) avoid_runt(lines, current, rest_width);
    lines.push_back(std::move(current));
    current = TextLine();
  };
  auto start_with = [&](const Word& word) {
    // `current` is empty here.
    if (word.width > available() + kEpsilon) {
      std::vector<Word> chunks;
      split_long_word(word, available(), rest_width, chunks);
      for (size_t i = 0; i + 1 < chunks.size(); ++i) {
        current.width = chunks[i].width;
        current.words.push_back(std::move(chunks[i]));
        finish_line(false);
      }
      current.width = chunks.back().width;
      current.words.push_back(std::move(chunks.back()));
    } else {
      current.width = word.width;
      current.words.push_back(word);
    }
  };
  for (const Word& word : words) {
    if (current.words.empty()) {
      start_with(word);
    } else {
      const double needed = current.width + current.words.back().space_width + word.width;
      if (needed <= available() + kEpsilon) {
        current.width = needed;
        current.words.push_back(word);
      } else {
        finish_line(false);
        start_with(word);
      }
    }
    if (word.forced_break) finish_line(true);
  }
  if (!current.words.empty()) finish_line(true);
  return lines;
}

}  // namespace ocopdoc::layout::detail
