// Fonts: which files serve "Times New Roman", their metrics, and coverage.
//
// Resolution order for each face (regular, bold, italic, bold italic):
//   1. a TTF the user put in the project's fonts/ folder, as named in
//      fonts/fonts.toml;
//   2. fontconfig's match for "Times New Roman" with that style, if fontconfig
//      returns a file whose family really is Times New Roman;
//   3. Liberation Serif from Debian's fonts-liberation2 (metric-compatible:
//      the same advance widths, so the same line and page breaks), with one
//      notice saying so.
// Faces are always opened by file path: PoDoFo silently substitutes another
// font for an unknown family name.
#pragma once

#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "layout/page.h"

namespace ocopdoc::layout {

class FontError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One font file's metrics (FreeType): advance widths without kerning, which
// is exactly what the PDF writer's glyph placement produces.  Widths are the
// glyph advances rounded to 1/1000 em, because that is what PoDoFo writes in
// the PDF's /W array and so what a viewer uses to place the glyphs of a run.
class FontFace {
 public:
  virtual ~FontFace() = default;
  virtual const std::string& path() const = 0;
  virtual const std::string& family() const = 0;  // as the file names it
  // Advance width of `utf8` at `size` points.
  virtual double width(std::string_view utf8, double size) const = 0;
  // Ascender and descender (descender negative) at `size`, from the hhea/OS2 tables.
  virtual double ascent(double size) const = 0;
  virtual double descent(double size) const = 0;
  // Baseline-to-baseline distance of single spacing at `size` (hhea ascender -
  // descender + line gap; 1.15 em for Times New Roman and Liberation Serif).
  // Not pure so that test fakes need not provide it.
  virtual double line_height(double size) const { return ascent(size) - descent(size); }
  virtual bool has_glyph(char32_t code_point) const = 0;
};

class FontSet {
 public:
  virtual ~FontSet() = default;
  virtual const FontFace& face(FontStyle style) const = 0;

  // Resolves the four faces as described above.  `fonts_dir` is the folder
  // holding fonts.toml and user TTFs (may not exist).  Notices (e.g. "using
  // Liberation Serif in place of Times New Roman") go to `notices`.
  static std::unique_ptr<FontSet> load(const std::string& fonts_dir, std::ostream& notices);

  // Throws FontError naming the character, its code point (U+1EA0) and
  // `where` when a face cannot show a character of `utf8`.
  void require_coverage(FontStyle style, std::string_view utf8, std::string_view where) const;
};

}  // namespace ocopdoc::layout
