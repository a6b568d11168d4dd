// Resolving the four faces of "Times New Roman" to files, and their metrics.
//
// Metrics are read once, when a face is loaded: every character of the
// font's Unicode cmap with its advance width in 1/1000 em, rounded as PoDoFo
// rounds the /W entries it writes.  After that no FreeType or fontconfig
// handle stays open, so a FontSet is cheap to keep and safe to share.
#include "layout/fonts.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TAGS_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ocopdoc::layout {

namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// The four faces: their keys in fonts.toml, their Vietnamese names for
// messages, the Windows file names of Times New Roman (what a user copies
// from C:\Windows\Fonts) and Debian's Liberation Serif files.

struct StyleInfo {
  FontStyle style;
  std::string_view key;          // fonts.toml key (Vietnamese, without diacritics)
  std::string_view english_key;  // accepted as well
  std::string_view name;         // for messages
  std::string_view default_file;
  std::string_view liberation_file;
  bool bold;
  bool italic;
};

constexpr std::array<StyleInfo, 4> kStyles = {{
    {FontStyle::kRegular, "thuong", "regular", "thường", "times.ttf", "LiberationSerif-Regular.ttf",
     false, false},
    {FontStyle::kBold, "dam", "bold", "đậm", "timesbd.ttf", "LiberationSerif-Bold.ttf", true,
     false},
    {FontStyle::kItalic, "nghieng", "italic", "nghiêng", "timesi.ttf", "LiberationSerif-Italic.ttf",
     false, true},
    {FontStyle::kBoldItalic, "dam_nghieng", "bold_italic", "đậm nghiêng", "timesbi.ttf",
     "LiberationSerif-BoldItalic.ttf", true, true},
}};

size_t style_index(FontStyle style) {
  switch (style) {
    case FontStyle::kRegular:
      return 0;
    case FontStyle::kBold:
      return 1;
    case FontStyle::kItalic:
      return 2;
    case FontStyle::kBoldItalic:
      return 3;
  }
  return 0;
}

constexpr std::string_view kDefaultFamily = "Times New Roman";
constexpr std::string_view kLiberationFamily = "Liberation Serif";
constexpr std::string_view kLiberationDir = "/usr/share/fonts/truetype/liberation2";

// One notice per process, however many documents are written: a batch of
// 500 reports should not repeat the same sentence 500 times.
std::atomic<bool> liberation_notice_given{false};

// ---------------------------------------------------------------------------
// Small helpers.

std::string ascii_lower(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return lowered;
}

// Decodes one code point of well-formed UTF-8 at `pos` and advances `pos`;
// returns nullopt (and skips one byte) for ill-formed input: overlong forms,
// surrogates and values past U+10FFFF included.
std::optional<char32_t> next_code_point(std::string_view text, size_t& pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    ++pos;
    return std::nullopt;
  }
  if (pos + length > text.size()) {
    ++pos;
    return std::nullopt;
  }
  for (size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      ++pos;
      return std::nullopt;
    }
    value = (value << 6) | (byte(pos + i) & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    ++pos;
    return std::nullopt;
  }
  pos += length;
  return value;
}

std::string code_point_label(char32_t code_point) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
  return buffer;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// ---------------------------------------------------------------------------
// RAII for the C libraries.

struct FtLibraryDeleter {
  void operator()(FT_Library library) const { FT_Done_FreeType(library); }
};
using FtLibraryPtr = std::unique_ptr<FT_LibraryRec_, FtLibraryDeleter>;

struct FtFaceDeleter {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using FtFacePtr = std::unique_ptr<FT_FaceRec_, FtFaceDeleter>;

struct FcConfigDeleter {
  void operator()(FcConfig* config) const { FcConfigDestroy(config); }
};
using FcConfigPtr = std::unique_ptr<FcConfig, FcConfigDeleter>;

struct FcPatternDeleter {
  void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};
using FcPatternPtr = std::unique_ptr<FcPattern, FcPatternDeleter>;

FtLibraryPtr open_freetype() {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) throw FontError("không khởi động được FreeType");
  return FtLibraryPtr(library);
}

// ---------------------------------------------------------------------------
// A face loaded from one TrueType file.

class FreeTypeFace final : public FontFace {
 public:
  // Returns nullopt-like nullptr with `problem` set when the file is not a
  // usable TrueType font, so callers decide whether that is an error (a
  // user's file) or a reason to try the next candidate (fontconfig's).
  static std::unique_ptr<FreeTypeFace> open(FT_Library library, const std::string& path,
                                            std::string& problem) {
    FT_Face raw_face = nullptr;
    if (FT_New_Face(library, path.c_str(), 0, &raw_face) != 0) {
      problem = "không đọc được tệp phông (hỏng, hoặc không phải phông)";
      return nullptr;
    }
    FtFacePtr face(raw_face);
    // PoDoFo 0.9.8 subsets only TrueType outlines (a 'glyf' table); an
    // OpenType/CFF file would fail later, inside the PDF writer.
    FT_ULong glyf_length = 0;
    if (!FT_IS_SFNT(face.get()) ||
        FT_Load_Sfnt_Table(face.get(), TTAG_glyf, 0, nullptr, &glyf_length) != 0 ||
        glyf_length == 0) {
      problem = "không phải phông TrueType (.ttf có bảng glyf)";
      return nullptr;
    }
    if (FT_Select_Charmap(face.get(), FT_ENCODING_UNICODE) != 0) {
      problem = "phông không có bảng mã Unicode";
      return nullptr;
    }
    if (face->units_per_EM == 0) {
      problem = "phông không có units_per_EM";
      return nullptr;
    }
    auto loaded = std::unique_ptr<FreeTypeFace>(new FreeTypeFace());
    loaded->path_ = path;
    loaded->family_ = face->family_name ? face->family_name : "";
    const double units_per_em = face->units_per_EM;
    loaded->ascent_em_ = face->ascender / units_per_em;
    loaded->descent_em_ = face->descender / units_per_em;
    loaded->line_height_em_ = face->height / units_per_em;

    // Advance of each glyph in font units, as PoDoFo reads it (unscaled),
    // then per character in 1/1000 em rounded to the nearest unit: the
    // number PoDoFo writes into the /W array.
    std::unordered_map<FT_UInt, int> per_mille_by_glyph;
    FT_UInt glyph = 0;
    FT_ULong code = FT_Get_First_Char(face.get(), &glyph);
    while (glyph != 0) {
      auto found = per_mille_by_glyph.find(glyph);
      if (found == per_mille_by_glyph.end()) {
        // FT_Get_Advance reads the advance from the metrics table without
        // loading the outline (loading all ~2,600 glyphs of four faces was a
        // fifth of rendering a short document).
        FT_Fixed advance = 0;
        if (FT_Get_Advance(face.get(), glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING, &advance) !=
            0) {
          problem = "không đọc được hình chữ " + code_point_label(static_cast<char32_t>(code));
          return nullptr;
        }
        const double per_mille = static_cast<double>(advance) * 1000.0 / units_per_em;
        found = per_mille_by_glyph.emplace(glyph, static_cast<int>(std::lround(per_mille))).first;
      }
      loaded->advance_per_mille_.emplace(static_cast<char32_t>(code), found->second);
      if (code < kDirectCodePoints) {
        if (loaded->direct_advance_.empty())
          loaded->direct_advance_.assign(kDirectCodePoints, kNoGlyph);
        loaded->direct_advance_[code] = found->second;
      }
      code = FT_Get_Next_Char(face.get(), code, &glyph);
    }
    if (loaded->direct_advance_.empty())
      loaded->direct_advance_.assign(kDirectCodePoints, kNoGlyph);
    return loaded;
  }

  const std::string& path() const override { return path_; }
  const std::string& family() const override { return family_; }

  double width(std::string_view utf8, double size) const override {
    long per_mille = 0;
    size_t pos = 0;
    while (pos < utf8.size()) {
      const auto code_point = next_code_point(utf8, pos);
      if (!code_point) continue;
      // A character the font lacks is dropped by the PDF writer, so it
      // takes no room here either (layout checks coverage first anyway).
      if (*code_point < kDirectCodePoints) {
        const int advance = direct_advance_[*code_point];
        if (advance != kNoGlyph) per_mille += advance;
        continue;
      }
      const auto found = advance_per_mille_.find(*code_point);
      if (found != advance_per_mille_.end()) per_mille += found->second;
    }
    return static_cast<double>(per_mille) * size / 1000.0;
  }

  double ascent(double size) const override { return ascent_em_ * size; }
  double descent(double size) const override { return descent_em_ * size; }
  double line_height(double size) const override { return line_height_em_ * size; }

  bool has_glyph(char32_t code_point) const override {
    if (code_point < kDirectCodePoints) return direct_advance_[code_point] != kNoGlyph;
    return advance_per_mille_.contains(code_point);
  }

 private:
  FreeTypeFace() = default;

  // The advances of the first code points are also kept in a flat table:
  // every Vietnamese letter (Latin-1, Latin Extended-A/B, Latin Extended
  // Additional), the combining marks and the General Punctuation block's
  // dashes and quotes.  Measuring text is most of what a spreadsheet's
  // column widths and row heights cost, and a hash lookup per character was
  // most of measuring.
  static constexpr char32_t kDirectCodePoints = 0x2100;
  static constexpr int kNoGlyph = -1;
  std::vector<int> direct_advance_;

  std::string path_;
  std::string family_;
  double ascent_em_ = 0;
  double descent_em_ = 0;
  double line_height_em_ = 0;
  std::unordered_map<char32_t, int> advance_per_mille_;
};

// ---------------------------------------------------------------------------
// fonts/fonts.toml

struct FontConfig {
  std::string family{kDefaultFamily};
  std::array<std::string, 4> file_names;
};

[[noreturn]] void config_error(const std::string& path, const toml::source_region& where,
                               const std::string& message) {
  throw FontError(path + ":" + std::to_string(where.begin.line) + ":" +
                  std::to_string(where.begin.column) + ": " + message);
}

FontConfig read_config(const fs::path& fonts_dir) {
  FontConfig config;
  for (size_t i = 0; i < kStyles.size(); ++i) config.file_names[i] = kStyles[i].default_file;

  const fs::path config_path = fonts_dir / "fonts.toml";
  std::error_code error;
  if (!fs::is_regular_file(config_path, error)) return config;

  const std::string path = config_path.string();
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& parse_error) {
    config_error(path, parse_error.source(),
                 "không đọc được tệp cấu hình phông: " + std::string(parse_error.description()));
  }

  std::array<bool, 4> seen{};
  bool family_seen = false;
  // Not a structured binding: the lambda below captures the node, which
  // clang before 16 refuses for a binding (the fuzz build uses clang 14).
  for (auto&& entry : table) {
    const toml::node& node = entry.second;
    const std::string name(entry.first.str());
    const auto string_value = [&]() {
      const auto value = node.value<std::string>();
      if (!node.is_string() || !value || value->empty())
        config_error(path, node.source(), "\"" + name + "\" phải là một chuỗi không rỗng");
      return *value;
    };
    if (name == "ho_phong" || name == "family") {
      if (family_seen) config_error(path, node.source(), "họ phông được khai hai lần");
      family_seen = true;
      config.family = string_value();
      continue;
    }
    const auto style = std::find_if(kStyles.begin(), kStyles.end(), [&](const StyleInfo& info) {
      return name == info.key || name == info.english_key;
    });
    if (style == kStyles.end()) {
      config_error(path, node.source(),
                   "khóa \"" + name +
                       "\" không dùng được; các khóa: ho_phong, thuong, dam, nghieng, dam_nghieng");
    }
    const size_t index = static_cast<size_t>(style - kStyles.begin());
    if (seen[index])
      config_error(path, node.source(),
                   "kiểu chữ " + std::string(style->name) + " được khai hai lần");
    seen[index] = true;
    std::string file_name = string_value();
    if (file_name.find_first_of("/\\") != std::string::npos)
      config_error(
          path, node.source(),
          "\"" + name + "\" phải là tên một tệp trong thư mục phông, không phải đường dẫn");
    config.file_names[index] = std::move(file_name);
  }
  return config;
}

// Files in the fonts folder by lower-case name: a TTF copied from Windows may
// be times.ttf or TIMES.TTF.
std::map<std::string, fs::path> user_font_files(const fs::path& fonts_dir) {
  std::map<std::string, fs::path> files;
  std::error_code error;
  if (!fs::is_directory(fonts_dir, error)) return files;
  for (const auto& entry : fs::directory_iterator(fonts_dir, error)) {
    if (entry.is_regular_file(error))
      files.emplace(ascii_lower(entry.path().filename().string()), entry.path());
  }
  return files;
}

// ---------------------------------------------------------------------------
// fontconfig: trusted only when the match really is the family asked for,
// in the style asked for.  fontconfig always returns *something* (DejaVu,
// or Liberation Serif through its metric aliases), and embedding that under
// the name "Times New Roman" would be wrong.

class FontconfigLookup {
 public:
  std::optional<std::string> find(std::string_view family, const StyleInfo& style) {
    FcConfig* config = this->config();
    if (!config) return std::nullopt;
    FcPatternPtr pattern(FcPatternCreate());
    if (!pattern) return std::nullopt;
    const std::string family_text(family);
    FcPatternAddString(pattern.get(), FC_FAMILY,
                       reinterpret_cast<const FcChar8*>(family_text.c_str()));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, style.bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern.get(), FC_SLANT, style.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    if (!FcConfigSubstitute(config, pattern.get(), FcMatchPattern)) return std::nullopt;
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    FcPatternPtr match(FcFontMatch(config, pattern.get(), &result));
    if (!match || result != FcResultMatch) return std::nullopt;

    bool family_matches = false;
    FcChar8* match_family = nullptr;
    for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &match_family) == FcResultMatch;
         ++i) {
      if (ascii_lower(reinterpret_cast<const char*>(match_family)) == ascii_lower(family))
        family_matches = true;
    }
    int weight = 0;
    int slant = 0;
    int index = 0;
    FcChar8* file = nullptr;
    if (!family_matches ||
        FcPatternGetInteger(match.get(), FC_WEIGHT, 0, &weight) != FcResultMatch ||
        FcPatternGetInteger(match.get(), FC_SLANT, 0, &slant) != FcResultMatch ||
        FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch) {
      return std::nullopt;
    }
    if (FcPatternGetInteger(match.get(), FC_INDEX, 0, &index) != FcResultMatch) index = 0;
    // A regular file offered for bold would be drawn regular: PoDoFo embeds
    // the file as it is, it does not synthesise bold or italic.
    if ((weight >= FC_WEIGHT_DEMIBOLD) != style.bold) return std::nullopt;
    if ((slant != FC_SLANT_ROMAN) != style.italic) return std::nullopt;
    if (index != 0) return std::nullopt;  // a face inside a collection: PoDoFo opens face 0
    return std::string(reinterpret_cast<const char*>(file));
  }

 private:
  FcConfig* config() {
    if (!tried_) {
      tried_ = true;
      config_.reset(FcInitLoadConfigAndFonts());
    }
    return config_.get();
  }

  bool tried_ = false;
  FcConfigPtr config_;
};

// ---------------------------------------------------------------------------

class ResolvedFontSet final : public FontSet {
 public:
  explicit ResolvedFontSet(std::array<std::unique_ptr<FreeTypeFace>, 4> faces)
      : faces_(std::move(faces)) {}

  const FontFace& face(FontStyle style) const override { return *faces_[style_index(style)]; }

 private:
  std::array<std::unique_ptr<FreeTypeFace>, 4> faces_;
};

std::string join_names(const std::vector<std::string_view>& names) {
  std::string joined;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += i + 1 == names.size() ? " và " : ", ";
    joined += names[i];
  }
  return joined;
}

}  // namespace

std::unique_ptr<FontSet> FontSet::load(const std::string& fonts_dir, std::ostream& notices) {
  const fs::path folder(fonts_dir);
  const FontConfig config = read_config(folder);
  const auto user_files = user_font_files(folder);
  FtLibraryPtr library = open_freetype();
  FontconfigLookup fontconfig;

  std::array<std::unique_ptr<FreeTypeFace>, 4> faces;
  std::vector<std::string_view> substituted;
  for (size_t i = 0; i < kStyles.size(); ++i) {
    const StyleInfo& style = kStyles[i];
    std::string problem;

    // 1. The user's own file: an explicit choice, so a broken file is an
    //    error rather than a reason to quietly use something else.
    const auto user_file = user_files.find(ascii_lower(config.file_names[i]));
    if (user_file != user_files.end()) {
      const std::string path = user_file->second.string();
      faces[i] = FreeTypeFace::open(library.get(), path, problem);
      if (!faces[i])
        throw FontError("phông " + std::string(style.name) + " \"" + path + "\": " + problem);
      continue;
    }

    // 2. The system's Times New Roman, if it really is that.
    if (const auto path = fontconfig.find(config.family, style)) {
      faces[i] = FreeTypeFace::open(library.get(), *path, problem);
      if (faces[i]) continue;
    }

    // 3. Liberation Serif: Debian's path first, then wherever fontconfig
    //    knows it from (another distribution).
    std::optional<std::string> liberation;
    const fs::path debian_file = fs::path(kLiberationDir) / style.liberation_file;
    std::error_code error;
    if (fs::is_regular_file(debian_file, error)) {
      liberation = debian_file.string();
    } else {
      liberation = fontconfig.find(kLiberationFamily, style);
    }
    if (liberation) faces[i] = FreeTypeFace::open(library.get(), *liberation, problem);
    if (!faces[i]) {
      throw FontError("không tìm thấy phông " + config.family + " (" + std::string(style.name) +
                      ") cũng như Liberation Serif thay thế: chép " + config.file_names[i] +
                      " vào thư mục " + fonts_dir + " hoặc cài gói fonts-liberation2");
    }
    substituted.push_back(style.name);
  }

  if (!substituted.empty() && !liberation_notice_given.exchange(true)) {
    notices << "Lưu ý: không có phông " << config.family << " (kiểu " << join_names(substituted)
            << "); dùng Liberation Serif thay thế, cùng độ rộng chữ nên ngắt dòng và ngắt trang "
               "không đổi. Muốn dùng đúng "
            << config.family << ", chép các tệp " << config.file_names[0] << ", "
            << config.file_names[1] << ", " << config.file_names[2] << ", " << config.file_names[3]
            << " vào thư mục " << fonts_dir << ".\n";
  }
  return std::make_unique<ResolvedFontSet>(std::move(faces));
}

void FontSet::require_coverage(FontStyle style, std::string_view utf8,
                               std::string_view where) const {
  const FontFace& font = face(style);
  const std::string prefix = where.empty() ? std::string() : std::string(where) + ": ";
  size_t pos = 0;
  while (pos < utf8.size()) {
    const size_t start = pos;
    const auto code_point = next_code_point(utf8, pos);
    if (!code_point) {
      char byte_label[8];
      std::snprintf(byte_label, sizeof byte_label, "0x%02X",
                    static_cast<unsigned>(static_cast<unsigned char>(utf8[start])));
      throw FontError(prefix + "văn bản không phải UTF-8 hợp lệ (byte " + byte_label +
                      " ở vị trí " + std::to_string(start) + ")");
    }
    if (font.has_glyph(*code_point)) continue;
    // Control characters are named by code point only: printing them
    // would garble the message.
    std::string shown;
    const char32_t c = *code_point;
    if (c >= 0x20 && !(c >= 0x7F && c <= 0x9F)) {
      shown = "\"";
      append_utf8(shown, c);
      shown += "\" ";
    }
    throw FontError(prefix + "phông " + font.family() + " (kiểu " +
                    std::string(kStyles[style_index(style)].name) + ") không có ký tự " + shown +
                    "(" + code_point_label(c) + ")");
  }
}

}  // namespace ocopdoc::layout
