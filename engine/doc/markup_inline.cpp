// Inline markup parsing and text cleaning (see markup_inline.h).
//
// The parser is a single left-to-right scan with no recursion: emphasis
// markers toggle flags (so nesting depth is bounded by the three styles plus
// one footnote level), and a run of markers is handled in one step, which
// keeps hostile input such as ten thousand '*' linear.

#include "doc/markup_inline.h"

#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <climits>
#include <string>

#include "doc/markup.h"

namespace ocopdoc::doc::markup_detail {

int LineMap::line_at(size_t offset) const {
  // The last line start at or before `offset`.
  auto after =
      std::upper_bound(starts_.begin(), starts_.end(), offset,
                       [](size_t value, const auto& start) { return value < start.first; });
  return std::prev(after)->second;
}

namespace {

enum class CharKind { kText, kSpace, kDrop };

char32_t decode(std::string_view text, size_t pos, size_t length) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  switch (length) {
    case 1:
      return byte(0);
    case 2:
      return (char32_t{byte(0)} & 0x1F) << 6 | (byte(1) & 0x3F);
    case 3:
      return (char32_t{byte(0)} & 0x0F) << 12 | (char32_t{byte(1)} & 0x3F) << 6 | (byte(2) & 0x3F);
    default:
      return (char32_t{byte(0)} & 0x07) << 18 | (char32_t{byte(1)} & 0x3F) << 12 |
             (char32_t{byte(2)} & 0x3F) << 6 | (byte(3) & 0x3F);
  }
}

// Mirrors text::normalize(): every Unicode space is a space, but for the
// no-break spaces, which a template writes on purpose ("11.129,48 km²" must
// not end a line at the number; imported data never holds one); zero-width
// and control characters are invisible in a document and not allowed in XLSX.
CharKind classify(char32_t c) {
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      return CharKind::kSpace;
    }
    return (c < 0x20 || c == 0x7F) ? CharKind::kDrop : CharKind::kText;
  }
  if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF) {
    return CharKind::kDrop;
  }
  if (c == 0x00A0 || c == 0x202F) return CharKind::kText;
  const auto code = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(code)) return CharKind::kSpace;
  if (u_charType(code) == U_CONTROL_CHAR) return CharKind::kDrop;
  return CharKind::kText;
}

std::string to_nfc(std::string text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii || text.size() > static_cast<size_t>(INT32_MAX)) return text;
  UErrorCode status = U_ZERO_ERROR;
  // An ICU-owned singleton: shared, immutable, never deleted.
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return text;
  if (nfc->isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                            status) &&
      U_SUCCESS(status)) {
    return text;
  }
  status = U_ZERO_ERROR;
  std::string composed;
  icu::StringByteSink<std::string> sink(&composed);
  nfc->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                     nullptr, status);
  return U_SUCCESS(status) ? composed : text;
}

struct Style {
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool operator==(const Style&) const = default;
};

// Collects spans while collapsing whitespace: a space is kept once, never at
// the start of a line, and is removed again before a line break and at the
// end.  Spaces go into the style that is current when they are read, so
// "__a__ b" does not underline the space.
class SpanBuilder {
 public:
  const Style& style() const { return style_; }
  void set_style(const Style& style) { style_ = style; }

  void add_text(std::string_view utf8) {
    current_span().text += utf8;
    at_line_start_ = false;
    after_space_ = false;
  }

  void add_space() {
    if (at_line_start_ || after_space_) return;
    current_span().text += ' ';
    after_space_ = true;
  }

  void add_break() {
    drop_trailing_space();
    // A break before any text is trimmed like a leading space.
    if (spans_.empty()) return;
    if (!spans_.back().line_break) {
      spans_.back().line_break = true;
    } else {
      // Consecutive breaks: an empty span carries the blank line.
      Span blank = styled_span();
      blank.line_break = true;
      spans_.push_back(std::move(blank));
    }
    at_line_start_ = true;
  }

  void add_footnote_reference(int number) {
    Span reference = styled_span();
    reference.text = std::to_string(number);
    reference.footnote = number;
    spans_.push_back(std::move(reference));
    at_line_start_ = false;
    after_space_ = false;
  }

  Inline finish() {
    drop_trailing_space();
    // Breaks at the end of the block are trimmed like trailing spaces.
    while (!spans_.empty() && spans_.back().line_break) {
      if (spans_.back().text.empty() && spans_.back().footnote == 0) {
        spans_.pop_back();
      } else {
        spans_.back().line_break = false;
      }
    }
    Inline result;
    result.reserve(spans_.size());
    for (Span& span : spans_) {
      if (span.text.empty() && !span.line_break && span.footnote == 0) continue;
      span.text = to_nfc(std::move(span.text));
      const bool can_merge =
          !result.empty() && !result.back().line_break && result.back().footnote == 0 &&
          span.footnote == 0 && result.back().bold == span.bold &&
          result.back().italic == span.italic && result.back().underline == span.underline;
      if (can_merge) {
        result.back().text += span.text;
        result.back().line_break = span.line_break;
      } else {
        result.push_back(std::move(span));
      }
    }
    spans_.clear();
    at_line_start_ = true;
    after_space_ = false;
    return result;
  }

 private:
  Span styled_span() const {
    Span span;
    span.bold = style_.bold;
    span.italic = style_.italic;
    span.underline = style_.underline;
    return span;
  }

  Span& current_span() {
    const bool need_new = spans_.empty() || spans_.back().line_break ||
                          spans_.back().footnote != 0 || spans_.back().bold != style_.bold ||
                          spans_.back().italic != style_.italic ||
                          spans_.back().underline != style_.underline;
    if (need_new) spans_.push_back(styled_span());
    return spans_.back();
  }

  void drop_trailing_space() {
    if (after_space_ && !spans_.empty() && !spans_.back().text.empty() &&
        spans_.back().text.back() == ' ') {
      spans_.back().text.pop_back();
    }
    after_space_ = false;
  }

  Inline spans_;
  Style style_;
  bool at_line_start_ = true;
  bool after_space_ = false;
};

// Where each open marker was opened, for the "not closed" message.
struct OpenMarkers {
  static constexpr size_t kNone = std::string_view::npos;
  size_t bold = kNone;
  size_t italic = kNone;
  size_t underline = kNone;
};

// A short quote of the text at `pos`, so the author can find the marker.
std::string excerpt(std::string_view text, size_t pos) {
  constexpr int kMaxCodePoints = 24;
  size_t end = pos;
  int count = 0;
  while (end < text.size() && count < kMaxCodePoints) {
    end += utf8_sequence_length(static_cast<unsigned char>(text[end]));
    ++count;
  }
  end = std::min(end, text.size());
  std::string quoted = "“" + std::string(text.substr(pos, end - pos));
  if (end < text.size()) quoted += "…";
  return quoted + "”";
}

class InlineParser {
 public:
  InlineParser(std::string_view text, const LineMap& lines, std::vector<Inline>* footnotes,
               std::string_view field_name)
      : text_(text), lines_(lines), footnotes_(footnotes), field_name_(field_name) {}

  Inline parse() {
    size_t pos = 0;
    while (pos < text_.size()) {
      const char c = text_[pos];
      switch (c) {
        case '\\':
          pos = escape(pos);
          break;
        case '*':
          pos = asterisks(pos);
          break;
        case '_':
          pos = underscores(pos);
          break;
        case '^':
          if (pos + 1 < text_.size() && text_[pos + 1] == '[') {
            open_footnote(pos);
            pos += 2;
          } else {
            add_character(pos, 1);
            ++pos;
          }
          break;
        case ']':
          if (in_footnote_) {
            close_footnote();
          } else {
            add_character(pos, 1);
          }
          ++pos;
          break;
        default:
          pos = plain_run(pos);
          break;
      }
    }
    if (in_footnote_) {
      fail(footnote_open_,
           "chú thích " + excerpt(text_, footnote_open_) +
               " chưa được đóng bằng dấu ]; nếu muốn in dấu ^ hoặc [ thì viết \\^ hoặc \\[");
    }
    check_closed(main_markers_);
    return main_.finish();
  }

 private:
  SpanBuilder& builder() { return in_footnote_ ? footnote_ : main_; }
  OpenMarkers& markers() { return in_footnote_ ? footnote_markers_ : main_markers_; }

  [[noreturn]] void fail(size_t pos, const std::string& message) const {
    throw MarkupError(lines_.line_at(pos), message);
  }

  void add_character(size_t pos, size_t length) {
    const char32_t c = decode(text_, pos, length);
    switch (classify(c)) {
      case CharKind::kText:
        builder().add_text(text_.substr(pos, length));
        break;
      case CharKind::kSpace:
        builder().add_space();
        break;
      case CharKind::kDrop:
        break;
    }
  }

  // Ordinary characters up to the next marker character, added as one piece
  // when they are all printable ASCII (the common case), else one at a time.
  size_t plain_run(size_t pos) {
    size_t end = pos;
    while (end < text_.size()) {
      const auto byte = static_cast<unsigned char>(text_[end]);
      if (byte < 0x21 || byte >= 0x7F || byte == '\\' || byte == '*' || byte == '_' ||
          byte == '^' || byte == ']') {
        break;
      }
      ++end;
    }
    if (end > pos) {
      builder().add_text(text_.substr(pos, end - pos));
      return end;
    }
    const size_t length =
        std::min(utf8_sequence_length(static_cast<unsigned char>(text_[pos])), text_.size() - pos);
    add_character(pos, length);
    return pos + length;
  }

  size_t escape(size_t pos) {
    if (pos + 1 >= text_.size()) return pos + 1;  // a lone trailing backslash escapes nothing
    if (text_[pos + 1] == 'n') {
      builder().add_break();
      return pos + 2;
    }
    const size_t length = std::min(utf8_sequence_length(static_cast<unsigned char>(text_[pos + 1])),
                                   text_.size() - pos - 1);
    add_character(pos + 1, length);
    return pos + 1 + length;
  }

  size_t run_length(size_t pos, char marker) const {
    size_t end = pos;
    while (end < text_.size() && text_[end] == marker) ++end;
    return end - pos;
  }

  static void toggle(bool& flag, size_t& open_at, size_t pos) {
    flag = !flag;
    open_at = flag ? pos : OpenMarkers::kNone;
  }

  // "**" toggles bold and a single "*" italic; a run is read greedily in
  // pairs, so "***x***" is bold italic and only the parity of a long run
  // matters.
  size_t asterisks(size_t pos) {
    const size_t run = run_length(pos, '*');
    Style style = builder().style();
    OpenMarkers& open = markers();
    if ((run / 2) % 2 == 1) toggle(style.bold, open.bold, pos);
    if (run % 2 == 1) toggle(style.italic, open.italic, pos + run - 1);
    builder().set_style(style);
    return pos + run;
  }

  // "__" toggles underline; an odd '_' left over is an ordinary character
  // ("ma_so" prints as written).
  size_t underscores(size_t pos) {
    const size_t run = run_length(pos, '_');
    Style style = builder().style();
    if ((run / 2) % 2 == 1) toggle(style.underline, markers().underline, pos);
    builder().set_style(style);
    if (run % 2 == 1) builder().add_text("_");
    return pos + run;
  }

  void open_footnote(size_t pos) {
    if (footnotes_ == nullptr) {
      fail(pos, "không đặt được chú thích ^[…] trong " + std::string(field_name_) +
                    "; nếu muốn in dấu ^ thì viết \\^");
    }
    if (in_footnote_) {
      fail(pos, "chú thích " + excerpt(text_, pos) + " nằm trong một chú thích khác (mở ở " +
                    excerpt(text_, footnote_open_) + "); chú thích không lồng nhau được");
    }
    in_footnote_ = true;
    footnote_open_ = pos;
    footnote_markers_ = OpenMarkers{};
    footnote_.set_style(Style{});
  }

  void close_footnote() {
    check_closed(footnote_markers_);
    Inline note = footnote_.finish();
    if (note.empty()) fail(footnote_open_, "chú thích ^[] không có nội dung");
    footnotes_->push_back(std::move(note));
    in_footnote_ = false;
    main_.add_footnote_reference(static_cast<int>(footnotes_->size()));
  }

  void check_closed(const OpenMarkers& open) const {
    // The earliest unclosed marker is the one the author most likely forgot.
    struct Candidate {
      size_t pos;
      const char* what;
    };
    const Candidate candidates[] = {
        {open.bold, "** (chữ đậm)"},
        {open.italic, "* (chữ nghiêng)"},
        {open.underline, "__ (gạch chân)"},
    };
    const Candidate* first = nullptr;
    for (const Candidate& candidate : candidates) {
      if (candidate.pos == OpenMarkers::kNone) continue;
      if (first == nullptr || candidate.pos < first->pos) first = &candidate;
    }
    if (first == nullptr) return;
    fail(first->pos, std::string("dấu ") + first->what + " mở ở " + excerpt(text_, first->pos) +
                         " chưa được đóng; nếu muốn in dấu * hoặc _ thì viết \\* hoặc \\_");
  }

  std::string_view text_;
  const LineMap& lines_;
  std::vector<Inline>* footnotes_;
  std::string_view field_name_;

  SpanBuilder main_;
  SpanBuilder footnote_;
  OpenMarkers main_markers_;
  OpenMarkers footnote_markers_;
  bool in_footnote_ = false;
  size_t footnote_open_ = 0;
};

}  // namespace

Inline parse_inline(std::string_view text, const LineMap& lines, std::vector<Inline>* footnotes,
                    std::string_view field_name) {
  return InlineParser(text, lines, footnotes, field_name).parse();
}

std::string parse_plain_field(std::string_view text, int line, std::string_view field_name) {
  return plain_text(parse_inline(text, LineMap(line), nullptr, field_name));
}

std::string clean_text(std::string_view text) {
  std::string cleaned;
  cleaned.reserve(text.size());
  bool pending_space = false;
  for (size_t pos = 0; pos < text.size();) {
    const size_t length =
        std::min(utf8_sequence_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
    switch (classify(decode(text, pos, length))) {
      case CharKind::kText:
        if (pending_space && !cleaned.empty()) cleaned += ' ';
        pending_space = false;
        cleaned.append(text.substr(pos, length));
        break;
      case CharKind::kSpace:
        pending_space = true;
        break;
      case CharKind::kDrop:
        break;
    }
    pos += length;
  }
  return to_nfc(std::move(cleaned));
}

std::string to_upper_vi(std::string_view text) {
  if (text.size() > static_cast<size_t>(INT32_MAX)) return std::string(text);
  icu::UnicodeString wide = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  wide.toUpper(icu::Locale("vi"));
  std::string upper;
  wide.toUTF8String(upper);
  return to_nfc(std::move(upper));
}

}  // namespace ocopdoc::doc::markup_detail
