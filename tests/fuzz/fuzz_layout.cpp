// Fuzzes the layout engine: markup the parser accepts is laid out on A4 with
// the fonts the command would use (Liberation Serif from Debian, or whatever
// fonts/ and fontconfig offer), and every page must be drawable: coordinates
// finite, every rule, bar and text run starting on the page, no text run
// reaching past the page's right edge, page numbers counting up from 1.
// Tables with many columns, huge charts, footnotes, ND 30 blocks and page
// orientation changes all come through the markup.
//
// Findings: a crash or sanitizer report; an exception other than MarkupError,
// LayoutError (a document the layout refuses with a message) or FontError
// (a character the fonts lack); a page that breaks the rules above.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "fuzz_support.h"
#include "layout/layout.h"

namespace {

using ocopdoc::layout::Page;

bool finite(double v) {
  return std::isfinite(v);
}

// Slack for rounding, and for a bar or rule drawn half a rule width outside
// the box it borders.
constexpr double kSlack = 1.0;

bool on_page(double x, double y, const Page& page) {
  return finite(x) && finite(y) && x >= -kSlack && y >= -kSlack && x <= page.width + kSlack &&
         y <= page.height + kSlack;
}

class CheckingSink : public ocopdoc::layout::PageSink {
 public:
  void begin(const ocopdoc::layout::DocumentInfo&) override {}
  void add_page(Page page) override {
    if (page.number != ++pages_) fail("page numbers out of order");
    if (!finite(page.width) || !finite(page.height) || page.width <= 0 || page.height <= 0) {
      fail("page size");
    }
    for (const auto& rect : page.rects) {
      if (!on_page(rect.x, rect.y, page) || !finite(rect.width) || !finite(rect.height) ||
          !on_page(rect.x + rect.width, rect.y + rect.height, page)) {
        fail("rectangle off the page");
      }
    }
    for (const auto& line : page.lines) {
      if (!on_page(line.x1, line.y1, page) || !on_page(line.x2, line.y2, page)) {
        fail("rule off the page");
      }
    }
    for (const auto& run : page.texts) {
      if (!on_page(run.x, run.y, page) || !finite(run.size) || run.size <= 0) {
        fail("text off the page: " + run.text);
      }
      const double width = fuzz::command_fonts().face(run.style).width(run.text, run.size);
      if (run.x + width > page.width + kSlack) fail("text past the right edge: " + run.text);
    }
  }
  void finish() override {}

 private:
  [[noreturn]] static void fail(const std::string& what) {
    std::cerr << "fuzz_layout: " << what << '\n';
    std::abort();
  }
  int pages_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::optional<ocopdoc::doc::Document> document = fuzz::parsed_markup(data, size);
  if (!document) return 0;
  CheckingSink sink;
  try {
    ocopdoc::layout::layout_document(*document, fuzz::command_fonts(), ocopdoc::layout::PageSetup{},
                                     sink);
  } catch (const ocopdoc::layout::LayoutError&) {
  } catch (const ocopdoc::layout::FontError&) {
  }
  return 0;
}
