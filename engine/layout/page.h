// The page model: what the layout engine produces and the PDF writer draws.
//
// Coordinates are PDF points (1/72 inch) from the bottom-left corner of the
// page, y upwards, as PDF has them.  Text runs are positioned at their
// baseline.  The model holds no PoDoFo or FreeType types: layout decides
// everything, the writer only draws (PoDoFo cannot break lines or justify).
#pragma once

#include <string>
#include <vector>

namespace ocopdoc::layout {

enum class FontStyle { kRegular, kBold, kItalic, kBoldItalic };

inline FontStyle font_style(bool bold, bool italic) {
  if (bold && italic) return FontStyle::kBoldItalic;
  if (bold) return FontStyle::kBold;
  if (italic) return FontStyle::kItalic;
  return FontStyle::kRegular;
}

struct Color {
  double r = 0, g = 0, b = 0;  // 0..1
  bool operator==(const Color&) const = default;
};

// One run of text in one face and size, drawn left to right from (x, y).
// Justified lines are several runs (one per word) so no PDF word spacing is
// needed (Tw does not apply to two-byte Identity-H fonts).
struct TextRun {
  double x = 0;
  double y = 0;  // baseline
  FontStyle style = FontStyle::kRegular;
  double size = 14;
  std::string text;  // NFC UTF-8; every character is covered by the font
  Color color;
};

struct Line {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;  // pt
  Color color;
};

// A filled rectangle (chart bars), no stroke: (x, y) is its lower-left
// corner, as in the PDF "re" operator.
struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
  Color fill;
};

// A bookmark: a heading's text, level (1 = top) and position on its page
// (y of the top of the heading's first line).
struct OutlineEntry {
  int level = 1;
  std::string title;
  double y = 0;
};

struct Page {
  int number = 1;         // 1-based, in document order
  double width = 595.28;  // A4 portrait by default
  double height = 841.89;
  std::vector<Rect> rects;  // drawn first
  std::vector<Line> lines;
  std::vector<TextRun> texts;
  std::vector<OutlineEntry> outline;
};

// Document information for the PDF's Info dictionary.
struct DocumentInfo {
  std::string title;     // from the title block's summary
  std::string author;    // the issuing agency
  std::string subject;   // the document type ("KẾ HOẠCH")
  std::string keywords;  // e.g. "OCOP, Thanh Hóa"
};

// Receives pages one at a time, in order, so a 30,000-row roster never needs
// all its pages in memory.
class PageSink {
 public:
  virtual ~PageSink() = default;
  virtual void begin(const DocumentInfo& info) = 0;
  virtual void add_page(Page page) = 0;
  virtual void finish() = 0;
};

}  // namespace ocopdoc::layout
