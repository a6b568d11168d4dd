// The block level of the document markup (docs/markup.md): lines, blocks,
// directives and their attributes and bodies.  Tables and charts are in
// markup_table.cpp, inline markup in markup_inline.cpp.
//
// Every error is a MarkupError naming the 1-based markup line.  The parser
// works line by line without recursion, so nothing in the markup can make it
// overflow the stack.

#include "doc/markup.h"

#include <algorithm>
#include <charconv>
#include <span>
#include <string>
#include <vector>

#include "doc/markup_inline.h"
#include "doc/markup_table.h"
#include "text/text.h"

namespace ocopdoc::doc {

namespace md = markup_detail;

namespace {

struct SourceLine {
  std::string_view text;  // without the line ending and surrounding spaces
  int number = 0;         // 1-based
};

bool is_blank_char(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank_char(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank_char(text.back())) text.remove_suffix(1);
  return text;
}

// Line endings are LF or CR LF; a UTF-8 byte order mark at the start is not
// content.
std::vector<SourceLine> split_lines(std::string_view markup) {
  if (markup.starts_with("\xEF\xBB\xBF")) markup.remove_prefix(3);
  std::vector<SourceLine> lines;
  int number = 1;
  size_t start = 0;
  while (start <= markup.size()) {
    size_t end = markup.find('\n', start);
    if (end == std::string_view::npos) end = markup.size();
    lines.push_back({trim(markup.substr(start, end - start)), number});
    ++number;
    start = end + 1;
  }
  return lines;
}

int line_of_offset(std::string_view markup, size_t offset) {
  return 1 + static_cast<int>(std::count(
                 markup.begin(), markup.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// True when the line ends in a backslash that is not itself escaped.
bool ends_with_line_break(std::string_view text) {
  size_t backslashes = 0;
  while (backslashes < text.size() && text[text.size() - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

enum class LineKind { kBlank, kDirective, kHeading, kTableRow, kListItem, kQuote, kText };

// What a line begins.  "-" and "+" need a space after them so that text such
// as "-5 độ" or "+84 ..." at the start of a line stays a paragraph.
LineKind classify_line(std::string_view text) {
  if (text.empty()) return LineKind::kBlank;
  switch (text.front()) {
    case '@':
      return LineKind::kDirective;
    case '#':
      return LineKind::kHeading;
    case '|':
      return LineKind::kTableRow;
    case '>':
      return LineKind::kQuote;
    case '-':
    case '+':
      return (text.size() == 1 || text[1] == ' ' || text[1] == '\t') ? LineKind::kListItem
                                                                     : LineKind::kText;
    default:
      return LineKind::kText;
  }
}

// ---------------------------------------------------------------------------
// Directives and attributes

enum class DirectiveKind {
  kHeader,
  kTitle,
  kAddressees,
  kLegalBases,
  kSignature,
  kRecipients,
  kTable,
  kChart,
  kPageBreak,
  kLandscape,
  kPortrait,
  kContents,
  kParagraph,
  kChoiceList,
  kLogo,
  kSpace,
  kProperties,
};

struct DirectiveInfo {
  DirectiveKind kind;
  std::string_view name;
  std::vector<std::string_view> attributes;
};

const std::vector<DirectiveInfo>& directive_table() {
  static const std::vector<DirectiveInfo> table = {
      {DirectiveKind::kHeader, "dau-van-ban", {}},
      {DirectiveKind::kTitle, "ten-van-ban", {}},
      {DirectiveKind::kAddressees, "kinh-gui", {}},
      {DirectiveKind::kLegalBases, "can-cu", {}},
      {DirectiveKind::kSignature, "chu-ky", {}},
      {DirectiveKind::kRecipients, "noi-nhan", {}},
      {DirectiveKind::kTable,
       "bang",
       {"cot", "canh", "tieu-de", "ten", "trang-tinh", "so", "cong", "dong-cong", "chon", "goi-y",
        "dong-nhap", "cao-dong", "ty-le"}},
      {DirectiveKind::kChart, "bieu-do", {"loai", "tieu-de", "don-vi", "trang-tinh"}},
      {DirectiveKind::kPageBreak, "ngat-trang", {}},
      {DirectiveKind::kLandscape, "trang-ngang", {}},
      {DirectiveKind::kPortrait, "trang-doc", {}},
      {DirectiveKind::kContents, "muc-luc", {"tieu-de", "cap"}},
      {DirectiveKind::kParagraph, "doan", {"canh", "thut-dau"}},
      {DirectiveKind::kChoiceList, "danh-sach", {"ten", "tieu-de"}},
      {DirectiveKind::kLogo, "logo", {"rong"}},
      {DirectiveKind::kSpace, "khoang-trong", {"cao"}},
      {DirectiveKind::kProperties, "thuoc-tinh", {}},
  };
  return table;
}

std::string join_names(std::span<const std::string_view> names, std::string_view prefix) {
  std::string joined;
  for (std::string_view name : names) {
    if (!joined.empty()) joined += ", ";
    joined += prefix;
    joined += name;
  }
  return joined;
}

std::string known_directives() {
  std::vector<std::string_view> names;
  for (const DirectiveInfo& info : directive_table()) names.push_back(info.name);
  return join_names(names, "@");
}

// A short quote of a piece of markup for a message (long lines are cut).
std::string quote(std::string_view text) {
  constexpr int kMaxCodePoints = 40;
  size_t end = 0;
  int count = 0;
  while (end < text.size() && count < kMaxCodePoints) {
    end += md::utf8_sequence_length(static_cast<unsigned char>(text[end]));
    ++count;
  }
  end = std::min(end, text.size());
  return "“" + std::string(text.substr(0, end)) + (end < text.size() ? "…”" : "”");
}

bool is_attribute_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// key=value pairs after a directive name.  Values are plain text: a
// backslash takes the next character literally ("\n" is a space), markers
// have no meaning, and the value is cleaned like any text.
md::Attributes parse_attributes(std::string_view text, int line, const DirectiveInfo& directive) {
  md::Attributes attributes;
  attributes.line = line;
  size_t pos = 0;
  const auto read_escaped = [&](std::string& value) {
    if (pos + 1 < text.size()) {
      value += text[pos + 1] == 'n' ? ' ' : text[pos + 1];
      pos += 2;
    } else {
      ++pos;
    }
  };
  while (true) {
    while (pos < text.size() && is_blank_char(text[pos])) ++pos;
    if (pos == text.size()) break;
    const size_t key_start = pos;
    while (pos < text.size() && is_attribute_key_char(text[pos])) ++pos;
    const std::string key(text.substr(key_start, pos - key_start));
    if (key.empty()) {
      throw MarkupError(line,
                        "thuộc tính không hợp lệ ở " + quote(text.substr(key_start)) +
                            ": thuộc tính viết dạng khoa=giatri hoặc khoa=\"giá trị có dấu cách\"");
    }
    if (pos == text.size() || text[pos] != '=') {
      throw MarkupError(line,
                        "thuộc tính “" + key + "” thiếu “=giá trị” (viết dạng " + key + "=…)");
    }
    ++pos;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        if (text[pos] == '\\') {
          read_escaped(value);
        } else if (text[pos] == '"') {
          closed = true;
          ++pos;
          break;
        } else {
          value += text[pos++];
        }
      }
      if (!closed) {
        throw MarkupError(line, "giá trị của thuộc tính “" + key + "” thiếu dấu \" đóng");
      }
      if (pos < text.size() && !is_blank_char(text[pos])) {
        throw MarkupError(line, "sau giá trị \"…\" của thuộc tính “" + key + "” cần một dấu cách");
      }
    } else {
      while (pos < text.size() && !is_blank_char(text[pos])) {
        if (text[pos] == '\\') {
          read_escaped(value);
        } else {
          value += text[pos++];
        }
      }
    }
    const auto& allowed = directive.attributes;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      if (allowed.empty()) {
        throw MarkupError(line, "@" + std::string(directive.name) +
                                    " không có thuộc tính nào (gặp “" + key + "”)");
      }
      throw MarkupError(line, "@" + std::string(directive.name) + " không có thuộc tính “" + key +
                                  "”; các thuộc tính có thể dùng: " + join_names(allowed, ""));
    }
    if (attributes.find(key) != nullptr) {
      throw MarkupError(line, "thuộc tính “" + key + "” được viết hai lần");
    }
    attributes.items.push_back({key, md::clean_text(value)});
  }
  return attributes;
}

std::optional<int> parse_small_integer(std::string_view value) {
  int number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc() || end != value.data() + value.size())
    return std::nullopt;
  return number;
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

struct KeyValue {
  std::string_view key;
  std::string_view value;
  int line = 0;
};

// ---------------------------------------------------------------------------

// A document is numbered when it is issued: before that its "Số:" line is
// printed with a blank where the clerk writes the number ("Số:      /KH-UBND").
// Markup collapses spaces, so a number written with nothing between "Số:"
// and the "/" gets that blank back, as no-break spaces that keep their width.
std::string with_number_blank(const std::string& number) {
  static const std::string kLabel = "Số:";
  if (number.rfind(kLabel, 0) != 0) return number;
  size_t slash = kLabel.size();
  while (slash < number.size() && number[slash] == ' ') ++slash;
  if (slash >= number.size() || number[slash] != '/') return number;
  std::string blank;
  for (int i = 0; i < 8; ++i) blank += "\u00A0";
  return kLabel + " " + blank + number.substr(slash);
}

class BlockParser {
 public:
  BlockParser(std::string_view markup, const StreamedRows& streamed)
      : lines_(split_lines(markup)), streamed_(streamed) {}

  Document parse() {
    while (next_ < lines_.size()) {
      const SourceLine& line = lines_[next_];
      switch (classify_line(line.text)) {
        case LineKind::kBlank:
          ++next_;
          break;
        case LineKind::kDirective:
          parse_directive();
          break;
        case LineKind::kHeading:
          parse_heading();
          break;
        case LineKind::kTableRow: {
          // Rows without @bang: a table with the default attributes.
          md::Attributes defaults;
          defaults.line = line.number;
          document_.blocks.push_back(table_from(defaults));
          break;
        }
        case LineKind::kListItem:
          parse_list_item();
          break;
        case LineKind::kQuote:
          parse_quote();
          break;
        case LineKind::kText:
          parse_paragraph();
          break;
      }
    }
    check_choice_lists();
    if (streamed_.source && !stream_placed_) {
      throw MarkupError(streamed_.after_line,
                        "các dòng của truy vấn tung_dong phải nằm giữa các dòng | ô | ô | của "
                        "một bảng (không có dòng trống xen giữa)");
    }
    return std::move(document_);
  }

 private:
  // A table from the row lines at next_; a streamed query's rows go into it
  // when their place (after markup line streamed_.after_line) is among its
  // lines or right after its directive line.
  Table table_from(const md::Attributes& attributes) {
    const int first_line = next_ < lines_.size() ? lines_[next_].number : attributes.line + 1;
    std::vector<md::RowLine> lines = take_body_from(next_);
    md::StreamPoint point;
    const int after = streamed_.after_line;
    const int last_line = lines.empty() ? first_line - 1 : lines.back().line;
    if (streamed_.source && !stream_placed_ && after >= first_line - 1 && after <= last_line) {
      point.at_row = static_cast<size_t>(after - (first_line - 1));
      point.source = streamed_.source;
      stream_placed_ = true;
    }
    return md::build_table(lines, attributes, &document_.footnotes, point);
  }

  // Lines from `first` up to the next blank line; consumes them.
  std::vector<md::RowLine> take_body_from(size_t first) {
    std::vector<md::RowLine> body;
    size_t end = first;
    while (end < lines_.size() && !lines_[end].text.empty()) {
      body.push_back({lines_[end].text, lines_[end].number});
      ++end;
    }
    next_ = end;
    return body;
  }

  Inline inline_of(const SourceLine& line, std::string_view text) {
    return md::parse_inline(text, md::LineMap(line.number), &document_.footnotes);
  }

  // Paragraph lines join with a space; a line ending in an unescaped
  // backslash gets an "n" so that the backslash becomes the "\n" break.
  Inline paragraph_text(std::span<const md::RowLine> lines) {
    std::string joined;
    md::LineMap map(lines.front().line);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) {
        joined += ' ';
        map.start_line(joined.size(), lines[i].line);
      }
      joined += lines[i].text;
      if (ends_with_line_break(lines[i].text)) joined += 'n';
    }
    return md::parse_inline(joined, map, &document_.footnotes);
  }

  void parse_heading() {
    const SourceLine& line = lines_[next_++];
    size_t level = 0;
    while (level < line.text.size() && line.text[level] == '#') ++level;
    if (level > 5) {
      throw MarkupError(line.number, "tiêu đề có " + std::to_string(level) +
                                         " dấu #; chỉ có 5 cấp tiêu đề (# đến #####)");
    }
    Heading heading;
    heading.level = static_cast<int>(level);
    heading.text = inline_of(line, trim(line.text.substr(level)));
    heading.line = line.number;
    document_.blocks.push_back(std::move(heading));
  }

  void parse_list_item() {
    const SourceLine& line = lines_[next_++];
    ListItem item;
    item.level = line.text.front() == '-' ? 1 : 2;
    item.marker = std::string(1, line.text.front());
    item.text = inline_of(line, trim(line.text.substr(1)));
    item.line = line.number;
    document_.blocks.push_back(std::move(item));
  }

  void parse_quote() {
    Quote quote_block;
    quote_block.line = lines_[next_].number;
    while (next_ < lines_.size() && classify_line(lines_[next_].text) == LineKind::kQuote) {
      const SourceLine& line = lines_[next_++];
      quote_block.lines.push_back(inline_of(line, trim(line.text.substr(1))));
    }
    document_.blocks.push_back(std::move(quote_block));
  }

  void parse_paragraph() {
    std::vector<md::RowLine> lines;
    while (next_ < lines_.size() && classify_line(lines_[next_].text) == LineKind::kText) {
      lines.push_back({lines_[next_].text, lines_[next_].number});
      ++next_;
    }
    Paragraph paragraph;
    paragraph.line = lines.front().line;
    paragraph.text = paragraph_text(lines);
    document_.blocks.push_back(std::move(paragraph));
  }

  void parse_directive() {
    const SourceLine line = lines_[next_++];
    const std::string_view rest = line.text.substr(1);
    size_t name_end = 0;
    while (name_end < rest.size() && !is_blank_char(rest[name_end])) ++name_end;
    const std::string_view name = rest.substr(0, name_end);
    const auto& table = directive_table();
    const auto info = std::find_if(table.begin(), table.end(), [&](const DirectiveInfo& candidate) {
      return candidate.name == name;
    });
    if (info == table.end()) {
      throw MarkupError(line.number, "không có lệnh " + quote("@" + std::string(name)) +
                                         "; các lệnh có thể dùng: " + known_directives() +
                                         " (muốn in dấu @ ở đầu dòng thì viết \\@)");
    }
    const md::Attributes attributes = parse_attributes(rest.substr(name_end), line.number, *info);
    switch (info->kind) {
      case DirectiveKind::kHeader:
        parse_header(line, *info, body(line, *info));
        break;
      case DirectiveKind::kTitle:
        parse_title(line, *info, body(line, *info));
        break;
      case DirectiveKind::kAddressees:
        add_lines_block<Addressees>(line, *info);
        break;
      case DirectiveKind::kLegalBases:
        add_lines_block<LegalBases>(line, *info);
        break;
      case DirectiveKind::kSignature:
        parse_signature(line, *info, body(line, *info));
        break;
      case DirectiveKind::kRecipients:
        add_lines_block<Recipients>(line, *info);
        break;
      case DirectiveKind::kTable:
        document_.blocks.push_back(table_from(attributes));
        break;
      case DirectiveKind::kChart:
        document_.blocks.push_back(md::build_chart(take_body_from(next_), attributes));
        break;
      case DirectiveKind::kPageBreak:
        document_.blocks.push_back(PageBreak{line.number});
        break;
      case DirectiveKind::kLandscape:
        document_.blocks.push_back(Orientation{true, line.number});
        break;
      case DirectiveKind::kPortrait:
        document_.blocks.push_back(Orientation{false, line.number});
        break;
      case DirectiveKind::kContents:
        parse_contents(line, attributes);
        break;
      case DirectiveKind::kParagraph:
        parse_attributed_paragraph(line, attributes, body(line, *info));
        break;
      case DirectiveKind::kChoiceList:
        parse_choice_list(line, attributes);
        break;
      case DirectiveKind::kLogo: {
        Logo logo;
        logo.line = line.number;
        if (const std::string* width = attributes.find("rong"))
          logo.width_mm = length_mm(*width, "rong", 20, 170, line.number);
        document_.blocks.push_back(logo);
        break;
      }
      case DirectiveKind::kProperties:
        parse_properties(line, *info, body(line, *info));
        break;
      case DirectiveKind::kSpace: {
        VerticalSpace space;
        space.line = line.number;
        const std::string* height = attributes.find("cao");
        if (!height) throw MarkupError(line.number, "@khoang-trong cần cao=..., ví dụ cao=40mm");
        space.height_mm = length_mm(*height, "cao", 1, 250, line.number);
        document_.blocks.push_back(space);
        break;
      }
    }
  }

  // A length attribute in mm or cm ("40mm", "4cm"), within [low, high] mm.
  static double length_mm(const std::string& value, std::string_view name, double low, double high,
                          int line) {
    const std::optional<ColumnWidth> length = md::parse_column_width(value);
    if (!length || length->kind != ColumnWidth::Kind::kMillimetres || length->value < low ||
        length->value > high)
      throw MarkupError(line,
                        std::string(name) + "=" + value + " không hợp lệ: cần một độ dài từ " +
                            std::to_string(static_cast<int>(low)) + "mm đến " +
                            std::to_string(static_cast<int>(high)) + "mm, ví dụ 40mm hoặc 4cm");
    return length->value;
  }

  // @danh-sach: one plain item per line.  Unlike other directives its body
  // may be empty (a list filled from data can have no rows).
  void parse_choice_list(const SourceLine& line, const md::Attributes& attributes) {
    ChoiceList list;
    list.line = line.number;
    const std::string* name = attributes.find("ten");
    if (name == nullptr || name->empty() || !std::all_of(name->begin(), name->end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        })) {
      throw MarkupError(line.number,
                        "@danh-sach cần ten=... gồm chữ thường không dấu, số, - và _ "
                        "(ví dụ @danh-sach ten=xa), là tên mà chon= của bảng dùng");
    }
    for (const ChoiceList& earlier : document_.choice_lists) {
      if (earlier.name == *name) {
        throw MarkupError(line.number, "đã có @danh-sach ten=" + *name + " ở dòng " +
                                           std::to_string(earlier.line));
      }
    }
    list.name = *name;
    if (const std::string* title = attributes.find("tieu-de")) list.title = *title;
    for (const md::RowLine& item : take_body_from(next_)) {
      list.items.push_back(md::parse_plain_field(item.text, item.line, "@danh-sach"));
    }
    document_.choice_lists.push_back(std::move(list));
  }

  // Every chon= must name a @danh-sach of the document (written anywhere in it).
  void check_choice_lists() const {
    for (const Block& block : document_.blocks) {
      const Table* table = std::get_if<Table>(&block);
      if (table == nullptr) continue;
      for (const TableColumn& column : table->columns) {
        if (column.choice_list.empty()) continue;
        const bool found =
            std::any_of(document_.choice_lists.begin(), document_.choice_lists.end(),
                        [&](const ChoiceList& list) { return list.name == column.choice_list; });
        if (!found) {
          throw MarkupError(table->line,
                            "chon= dùng danh sách “" + column.choice_list +
                                "” nhưng văn bản không có @danh-sach ten=" + column.choice_list);
        }
      }
    }
  }

  // The body of a directive: the lines up to the next blank line, at least
  // one.
  std::vector<md::RowLine> body(const SourceLine& line, const DirectiveInfo& info) {
    std::vector<md::RowLine> lines = take_body_from(next_);
    if (lines.empty()) {
      throw MarkupError(line.number,
                        "@" + std::string(info.name) +
                            " cần ít nhất một dòng nội dung ngay bên dưới (trước dòng trống)");
    }
    return lines;
  }

  std::vector<Inline> body_lines(const SourceLine& line, const DirectiveInfo& info) {
    std::vector<Inline> result;
    for (const md::RowLine& body_line : body(line, info)) {
      result.push_back(
          md::parse_inline(body_line.text, md::LineMap(body_line.line), &document_.footnotes));
    }
    return result;
  }

  // "key: value" lines; keys must be among `keys`.
  static std::vector<KeyValue> key_values(std::span<const md::RowLine> lines,
                                          const DirectiveInfo& info,
                                          std::span<const std::string_view> keys) {
    std::vector<KeyValue> result;
    for (const md::RowLine& line : lines) {
      const size_t colon = line.text.find(':');
      const std::string_view key =
          colon == std::string_view::npos ? std::string_view() : trim(line.text.substr(0, colon));
      if (key.empty() || !std::all_of(key.begin(), key.end(), is_key_char)) {
        std::string message = "dòng " + quote(line.text) + " trong @" + std::string(info.name) +
                              " phải có dạng “khóa: giá trị” (" + join_names(keys, "") + ")";
        if (line.text.front() == '@' || line.text.front() == '#') {
          message += "; có thể thiếu một dòng trống sau @" + std::string(info.name);
        }
        throw MarkupError(line.line, message);
      }
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        throw MarkupError(line.line, "@" + std::string(info.name) + " không có khóa “" +
                                         std::string(key) +
                                         "”; các khóa có thể dùng: " + join_names(keys, ""));
      }
      result.push_back({key, trim(line.text.substr(colon + 1)), line.line});
    }
    return result;
  }

  static void check_single(std::span<const KeyValue> values, const KeyValue& current) {
    for (const KeyValue& earlier : values) {
      if (&earlier == &current) return;
      if (earlier.key == current.key) {
        throw MarkupError(current.line, "khóa “" + std::string(current.key) +
                                            "” chỉ được viết một lần (đã có ở dòng " +
                                            std::to_string(earlier.line) + ")");
      }
    }
  }

  // Kính gửi, căn cứ and Nơi nhận: a block that is its body's lines.
  template <typename LinesBlock>
  void add_lines_block(const SourceLine& line, const DirectiveInfo& info) {
    LinesBlock block;
    block.lines = body_lines(line, info);
    block.line = line.number;
    document_.blocks.push_back(std::move(block));
  }

  void parse_header(const SourceLine& line, const DirectiveInfo& info,
                    const std::vector<md::RowLine>& lines) {
    static const std::vector<std::string_view> keys = {"co-quan-chu-quan", "co-quan", "so",
                                                       "trich-yeu", "dia-danh-ngay"};
    const std::vector<KeyValue> values = key_values(lines, info, keys);
    NdHeader header;
    header.line = line.number;
    for (const KeyValue& value : values) {
      check_single(values, value);
      const std::string text = md::parse_plain_field(value.value, value.line, "@dau-van-ban");
      if (value.key == "co-quan-chu-quan") {
        header.parent_agency = md::to_upper_vi(text);  // ND 30: agency names in capitals
      } else if (value.key == "co-quan") {
        header.agency = md::to_upper_vi(text);
      } else if (value.key == "so") {
        header.number = with_number_blank(text);
      } else if (value.key == "trich-yeu") {
        header.summary = text;
      } else {
        header.place_date = text;
      }
    }
    document_.blocks.push_back(std::move(header));
  }

  void parse_title(const SourceLine& line, const DirectiveInfo& info,
                   const std::vector<md::RowLine>& lines) {
    static const std::vector<std::string_view> keys = {"loai", "trich-yeu"};
    const std::vector<KeyValue> values = key_values(lines, info, keys);
    Title title;
    title.line = line.number;
    for (const KeyValue& value : values) {
      const std::string text = md::parse_plain_field(value.value, value.line, "@ten-van-ban");
      if (value.key == "loai") {
        check_single(values, value);
        title.type = md::to_upper_vi(text);  // ND 30: the document type in capitals
      } else {
        title.summary.push_back(text);
      }
    }
    if (title.type.empty()) {
      throw MarkupError(line.number,
                        "@ten-van-ban thiếu dòng “loai:” (tên loại văn bản, ví dụ loai: KẾ HOẠCH)");
    }
    document_.blocks.push_back(std::move(title));
  }

  // @thuoc-tinh: the file's title, subject and author, once per document.
  void parse_properties(const SourceLine& line, const DirectiveInfo& info,
                        const std::vector<md::RowLine>& lines) {
    static const std::vector<std::string_view> keys = {"tieu-de", "chu-de", "tac-gia"};
    if (document_.properties) {
      throw MarkupError(line.number, "@thuoc-tinh chỉ được viết một lần (đã có ở dòng " +
                                         std::to_string(document_.properties->line) + ")");
    }
    const std::vector<KeyValue> values = key_values(lines, info, keys);
    DocumentProperties properties;
    properties.line = line.number;
    for (const KeyValue& value : values) {
      check_single(values, value);
      std::string text = md::parse_plain_field(value.value, value.line, "@thuoc-tinh");
      if (value.key == "tieu-de") {
        properties.title = std::move(text);
      } else if (value.key == "chu-de") {
        properties.subject = std::move(text);
      } else {
        properties.author = std::move(text);
      }
    }
    document_.properties = std::move(properties);
  }

  void parse_signature(const SourceLine& line, const DirectiveInfo& info,
                       const std::vector<md::RowLine>& lines) {
    static const std::vector<std::string_view> keys = {"quyen-han", "chuc-vu", "ho-ten"};
    const std::vector<KeyValue> values = key_values(lines, info, keys);
    Signature signature;
    signature.line = line.number;
    bool has_title = false;
    for (const KeyValue& value : values) {
      const std::string text = md::parse_plain_field(value.value, value.line, "@chu-ky");
      if (value.key == "ho-ten") {
        check_single(values, value);
        signature.name = text;
      } else {
        // Authority and title lines keep the order they are written in.
        signature.authority.push_back(md::to_upper_vi(text));
        has_title = has_title || value.key == "chuc-vu";
      }
    }
    if (!has_title) {
      throw MarkupError(line.number,
                        "@chu-ky cần ít nhất một dòng “chuc-vu:” (ví dụ chuc-vu: CHỦ TỊCH)");
    }
    document_.blocks.push_back(std::move(signature));
  }

  void parse_contents(const SourceLine& line, const md::Attributes& attributes) {
    // One table of contents per document; several would each list every
    // heading, which hostile markup could turn into a quadratic output.
    if (contents_line_ != 0) {
      throw MarkupError(line.number, "văn bản chỉ có một @muc-luc (đã có ở dòng " +
                                         std::to_string(contents_line_) + ")");
    }
    contents_line_ = line.number;
    TableOfContents contents;
    contents.title = "MỤC LỤC";
    contents.line = line.number;
    if (const std::string* title = attributes.find("tieu-de")) contents.title = *title;
    if (const std::string* level = attributes.find("cap")) {
      const std::optional<int> value = parse_small_integer(*level);
      if (!value || *value < 1 || *value > 5) {
        throw MarkupError(
            line.number,
            "cap=" + *level + " không hợp lệ: cap là cấp tiêu đề sâu nhất, từ 1 đến 5");
      }
      contents.max_level = *value;
    }
    document_.blocks.push_back(std::move(contents));
  }

  void parse_attributed_paragraph(const SourceLine& line, const md::Attributes& attributes,
                                  const std::vector<md::RowLine>& lines) {
    Paragraph paragraph;
    paragraph.line = line.number;
    if (const std::string* align = attributes.find("canh")) {
      const std::optional<Align> value = md::align_from_name(*align);
      if (!value) {
        throw MarkupError(line.number,
                          "canh=" + *align + " không hợp lệ; dùng trai, giua, phai hoặc deu");
      }
      paragraph.align = *value;
    }
    if (const std::string* indent = attributes.find("thut-dau")) {
      if (*indent != "co" && *indent != "khong") {
        throw MarkupError(line.number, "thut-dau=" + *indent + " không hợp lệ; dùng co hoặc khong");
      }
      paragraph.indent_first_line = *indent == "co";
    }
    // The body is paragraph text even where a line starts with a block marker.
    paragraph.text = paragraph_text(lines);
    document_.blocks.push_back(std::move(paragraph));
  }

  std::vector<SourceLine> lines_;
  size_t next_ = 0;
  int contents_line_ = 0;
  Document document_;
  StreamedRows streamed_;
  bool stream_placed_ = false;
};

}  // namespace

Document parse_markup(std::string_view markup, const StreamedRows& streamed) {
  if (const std::optional<size_t> bad = text::find_invalid_utf8(markup)) {
    throw MarkupError(line_of_offset(markup, *bad),
                      "dòng này có byte không phải UTF-8 hợp lệ; hãy lưu mẫu theo bảng mã UTF-8");
  }
  return BlockParser(markup, streamed).parse();
}

std::vector<TableRow> parse_streamed_rows(std::string_view markup, const Table& table, int line) {
  if (const std::optional<size_t> bad = text::find_invalid_utf8(markup)) {
    throw MarkupError(line, "dòng bảng có byte không phải UTF-8 hợp lệ");
  }
  if (markup.ends_with('\n')) markup.remove_suffix(1);  // the last row's line ending
  if (markup.empty()) return {};
  std::vector<md::RowLine> lines;
  for (const SourceLine& source : split_lines(markup)) {
    if (source.text.empty()) {
      throw MarkupError(line,
                        "các dòng của truy vấn tung_dong chỉ được là dòng bảng | ô | ô |; "
                        "dòng trống sẽ kết thúc bảng giữa chừng");
    }
    if (classify_line(source.text) != LineKind::kTableRow) {
      throw MarkupError(line,
                        "các dòng của truy vấn tung_dong chỉ được là dòng bảng | ô | ô |, "
                        "gặp " +
                            quote(source.text));
    }
    lines.push_back({source.text, line});
  }
  if (lines.empty()) return {};
  return md::build_streamed_rows(lines, table);
}

std::string escape_markup(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size() + value.size() / 8);
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    switch (c) {
      case '\r':
        if (i + 1 < value.size() && value[i + 1] == '\n') ++i;  // CR LF is one break
        escaped += "\\n";
        break;
      case '\n':
        escaped += "\\n";
        break;
      case '\\':
      case '*':
      case '_':
      case '^':
      case '[':
      case ']':
      case '|':
      case '<':
      case '@':
      case '#':
      case '-':
      case '+':
      case '>':
      case '{':
      case '}':
      case '"':  // so that a value is safe inside a quoted attribute too
        escaped += '\\';
        escaped += c;
        break;
      default:
        escaped += c;
        break;
    }
  }
  return escaped;
}

}  // namespace ocopdoc::doc
