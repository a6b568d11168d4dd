// Text widths for column widths and row heights, measured with the font's
// own advance widths (FreeType), not by counting characters: "Đơn vị công
// tác" and "WWW" of the same length differ by half.
//
// Excel draws the cells in Times New Roman.  Liberation Serif has the same
// advance widths, and Debian ships it (fonts-liberation2), so it stands in
// when Times New Roman itself is not installed.

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

namespace {

// Decodes one UTF-8 sequence at `pos` (the markup is validated, so the input
// is well formed; a stray byte is taken as itself).
char32_t next_code_point(std::string_view text, size_t& pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  size_t length = 1;
  char32_t value = lead;
  if (lead >= 0xF0) {
    length = 4;
    value = lead & 0x07;
  } else if (lead >= 0xE0) {
    length = 3;
    value = lead & 0x0F;
  } else if (lead >= 0xC0) {
    length = 2;
    value = lead & 0x1F;
  }
  if (pos + length > text.size()) length = 1;
  if (length == 1) {
    ++pos;
    return lead;
  }
  for (size_t i = 1; i < length; ++i) value = (value << 6) | (byte(pos + i) & 0x3F);
  pos += length;
  return value;
}

// Widths in em when no font file is found: close enough to Times New Roman
// for column widths, and the same on every machine.
double estimated_em(char32_t c, bool bold) {
  double em = 0.5;
  if (c == ' ') {
    em = 0.25;
  } else if (c >= '0' && c <= '9') {
    em = 0.5;
  } else if (c == '.' || c == ',' || c == ':' || c == ';' || c == '|' || c == '\'' || c == 'i' ||
             c == 'l' || c == 'j' || c == 't' || c == 'f') {
    em = 0.28;
  } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
    em = 0.85;
  } else if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE) || (c >= 0x1EA0 && c <= 0x1EF9 && c % 2 == 0)) {
    em = 0.68;
  } else if (c < 0x80) {
    em = 0.45;
  }
  return bold ? em * 1.06 : em;
}

constexpr size_t kStyles = 4;  // regular, bold, italic, bold italic

size_t style_index(bool bold, bool italic) {
  return (bold ? 1 : 0) + (italic ? 2 : 0);
}

// Candidate file names per style, in order of preference.
const std::array<std::vector<std::string>, kStyles>& file_names() {
  static const std::array<std::vector<std::string>, kStyles> names = {{
      {"times.ttf", "Times New Roman.ttf", "TimesNewRoman.ttf", "LiberationSerif-Regular.ttf"},
      {"timesbd.ttf", "Times New Roman Bold.ttf", "TimesNewRoman-Bold.ttf",
       "LiberationSerif-Bold.ttf"},
      {"timesi.ttf", "Times New Roman Italic.ttf", "TimesNewRoman-Italic.ttf",
       "LiberationSerif-Italic.ttf"},
      {"timesbi.ttf", "Times New Roman Bold Italic.ttf", "TimesNewRoman-BoldItalic.ttf",
       "LiberationSerif-BoldItalic.ttf"},
  }};
  return names;
}

std::string find_font_file(const std::string& fonts_dir, size_t style) {
  std::vector<std::string> folders;
  if (!fonts_dir.empty()) folders.push_back(fonts_dir);
  folders.insert(folders.end(), {"/usr/share/fonts/truetype/msttcorefonts",
                                 "/usr/share/fonts/truetype/liberation2",
                                 "/usr/share/fonts/truetype/liberation"});
  for (const std::string& folder : folders) {
    for (const std::string& name : file_names()[style]) {
      const std::filesystem::path path = std::filesystem::path(folder) / name;
      std::error_code error;
      if (std::filesystem::is_regular_file(path, error)) return path.string();
    }
  }
  return {};
}

}  // namespace

struct TextMetrics::Faces {
  // Code points below this (Latin, Vietnamese, punctuation) are looked up in
  // a flat table; the rare others in a map.
  static constexpr char32_t kTableSize = 0x2100;

  FT_Library library = nullptr;
  std::array<FT_Face, kStyles> faces{};
  // Advance widths in em, per style, filled as characters are met (a
  // negative entry is not yet known).
  mutable std::array<std::vector<float>, kStyles> table;
  mutable std::array<std::unordered_map<char32_t, double>, kStyles> others;

  Faces() {
    for (auto& widths : table) widths.assign(kTableSize, -1.0F);
  }

  ~Faces() {
    for (FT_Face face : faces) {
      if (face != nullptr) FT_Done_Face(face);
    }
    if (library != nullptr) FT_Done_FreeType(library);
  }

  double em(char32_t c, size_t style) const {
    if (c < kTableSize) {
      float& known = table[style][c];
      if (known < 0) known = static_cast<float>(measure(c, style));
      return known;
    }
    auto& widths = others[style];
    const auto found = widths.find(c);
    if (found != widths.end()) return found->second;
    const double value = measure(c, style);
    widths.emplace(c, value);
    return value;
  }

  double measure(char32_t c, size_t style) const {
    double value = estimated_em(c, style % 2 == 1);
    // A face without its own style falls back to regular (italic widths are
    // within a few per cent of upright ones).
    FT_Face face = faces[style] != nullptr ? faces[style] : faces[0];
    if (face != nullptr) {
      const FT_UInt glyph = FT_Get_Char_Index(face, c);
      FT_Fixed advance = 0;
      if (glyph != 0 && FT_Get_Advance(face, glyph, FT_LOAD_NO_SCALE, &advance) == 0) {
        value = static_cast<double>(advance) / face->units_per_EM;
      }
    }
    return value;
  }
};

TextMetrics::TextMetrics(const std::string& fonts_dir) : faces_(std::make_unique<Faces>()) {
  if (FT_Init_FreeType(&faces_->library) != 0) {
    faces_->library = nullptr;
    return;
  }
  for (size_t style = 0; style < kStyles; ++style) {
    const std::string path = find_font_file(fonts_dir, style);
    if (path.empty()) continue;
    FT_Face face = nullptr;
    if (FT_New_Face(faces_->library, path.c_str(), 0, &face) == 0) faces_->faces[style] = face;
  }
}

TextMetrics::~TextMetrics() = default;

double TextMetrics::width(std::string_view utf8, double size, bool bold, bool italic) const {
  const size_t style = style_index(bold, italic);
  double em = 0;
  size_t pos = 0;
  while (pos < utf8.size()) em += faces_->em(next_code_point(utf8, pos), style);
  return em * size;
}

TextExtent TextMetrics::extent(std::string_view utf8, double size, bool bold, bool italic) const {
  // One pass: a line ends at '\n', a word at ' ' or '\n'.
  const size_t style = style_index(bold, italic);
  TextExtent extent;
  double line = 0;
  double word = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[pos]);
    const char32_t c = byte < 0x80 ? static_cast<char32_t>(utf8[pos++]) : next_code_point(utf8, pos);
    if (c == '\n') {
      extent.widest_line = std::max(extent.widest_line, line);
      extent.widest_word = std::max(extent.widest_word, word);
      line = word = 0;
      continue;
    }
    const double advance = faces_->em(c, style) * size;
    line += advance;
    if (c == ' ') {
      extent.widest_word = std::max(extent.widest_word, word);
      word = 0;
    } else {
      word += advance;
    }
  }
  extent.widest_line = std::max(extent.widest_line, line);
  extent.widest_word = std::max(extent.widest_word, word);
  return extent;
}

int TextMetrics::wrapped_lines(std::string_view utf8, double size, bool bold, bool italic,
                               double available) const {
  if (available <= 0) available = 1;
  const double space = width(" ", size, bold, italic);
  int lines = 0;
  size_t start = 0;
  while (start <= utf8.size()) {
    size_t end = utf8.find('\n', start);
    if (end == std::string_view::npos) end = utf8.size();
    const std::string_view paragraph = utf8.substr(start, end - start);
    // Greedy filling, as Excel does: a word that does not fit goes to the
    // next line; a word wider than a whole line breaks across lines.
    int paragraph_lines = 1;
    double line = 0;
    size_t word_start = 0;
    while (word_start < paragraph.size()) {
      size_t word_end = paragraph.find(' ', word_start);
      if (word_end == std::string_view::npos) word_end = paragraph.size();
      const double word =
          width(paragraph.substr(word_start, word_end - word_start), size, bold, italic);
      if (line > 0 && line + space + word > available) {
        ++paragraph_lines;
        line = 0;
      }
      if (line == 0 && word > available) {
        const int extra = static_cast<int>(std::ceil(word / available)) - 1;
        paragraph_lines += extra;
        line = word - extra * available;
      } else {
        line += (line > 0 ? space : 0) + word;
      }
      word_start = word_end + 1;
    }
    lines += paragraph_lines;
    start = end + 1;
  }
  return std::max(lines, 1);
}

double line_height(double size) {
  // Excel's row heights go in whole pixels (0.75 pt); Times New Roman needs
  // about 1.3 times its size per line (12 pt -> 15.75 pt, as Excel autofits).
  const double pixels = std::ceil(size * 1.3 * kPixelsPerPoint - 1e-9);
  return pixels / kPixelsPerPoint;
}

}  // namespace ocopdoc::xlsx::detail
