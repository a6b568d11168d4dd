// Shared by the layout tests: fonts with fixed widths, so positions are exact,
// and a sink that keeps the pages.
#pragma once

#include <unicode/utf8.h>

#include <string>
#include <string_view>
#include <vector>

#include "doc/markup.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/page.h"

namespace ocopdoc::layout::testing {

// Every character is half an em wide, a space a quarter; ascent 0.8 em,
// descent 0.2 em (so the natural line height is exactly the size).  U+1F600
// is the one character the fonts lack.
class FakeFace : public FontFace {
 public:
  static constexpr char32_t kMissing = 0x1F600;

  const std::string& path() const override { return path_; }
  const std::string& family() const override { return family_; }
  double width(std::string_view utf8, double size) const override {
    double width = 0;
    int32_t i = 0;
    const auto length = static_cast<int32_t>(utf8.size());
    while (i < length) {
      UChar32 c;
      U8_NEXT(utf8.data(), i, length, c);
      width += (c == ' ' ? 0.25 : 0.5) * size;
    }
    return width;
  }
  double ascent(double size) const override { return 0.8 * size; }
  double descent(double size) const override { return -0.2 * size; }
  bool has_glyph(char32_t code_point) const override { return code_point != kMissing; }

 private:
  std::string path_ = "/fake/font.ttf";
  std::string family_ = "Fake Serif";
};

class FakeFontSet : public FontSet {
 public:
  const FontFace& face(FontStyle) const override { return face_; }

 private:
  FakeFace face_;
};

// Width of text in the fake fonts.
inline double fake_width(std::string_view utf8, double size) {
  return FakeFace().width(utf8, size);
}

class CollectingSink : public PageSink {
 public:
  void begin(const DocumentInfo& document_info) override {
    info = document_info;
    ++begun;
  }
  void add_page(Page page) override { pages.push_back(std::move(page)); }
  void finish() override { ++finished; }

  DocumentInfo info;
  std::vector<Page> pages;
  int begun = 0;
  int finished = 0;
};

inline std::vector<Page> lay_out_markup(std::string_view markup, const PageSetup& setup = {},
                                        CollectingSink* sink_out = nullptr) {
  const doc::Document document = doc::parse_markup(markup);
  FakeFontSet fonts;
  CollectingSink sink;
  layout_document(document, fonts, setup, sink);
  if (sink_out != nullptr) *sink_out = sink;
  return sink.pages;
}

// All text of a page in drawing order, runs joined by spaces.
inline std::string page_text(const Page& page) {
  std::string text;
  for (const TextRun& run : page.texts) {
    if (!text.empty()) text += ' ';
    text += run.text;
  }
  return text;
}

inline const TextRun* find_run(const Page& page, std::string_view text) {
  for (const TextRun& run : page.texts) {
    if (run.text == text) return &run;
  }
  return nullptr;
}

inline bool page_contains(const Page& page, std::string_view text) {
  for (const TextRun& run : page.texts) {
    if (run.text.find(text) != std::string::npos) return true;
  }
  return false;
}

constexpr double kPointsPerMm = 72.0 / 25.4;

}  // namespace ocopdoc::layout::testing
