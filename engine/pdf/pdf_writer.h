// The PDF writer: draws laid-out pages with PoDoFo.
//
// Fonts are embedded as subsets with Identity-H encoding and a ToUnicode map
// (pdftotext returns the exact text); bookmarks come from the pages' outline
// entries; the Info dictionary carries title, author, subject, keywords,
// Creator "ocopdoc" and /Lang (vi-VN).  Output is deterministic: no wall-clock
// dates or random IDs (CreationDate/ModDate from SOURCE_DATE_EPOCH when set,
// else none; /ID is a hash of the file's content), so identical input gives
// identical bytes.
//
// Pages are streamed: each page's content goes to the file when add_page()
// returns; memory keeps only small per-page dictionaries until finish().
// Text is placed glyph by glyph with the fonts' advance widths (no kerning,
// no word spacing), so FontFace::width() is what the PDF shows.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "layout/fonts.h"
#include "layout/page.h"

namespace ocopdoc::pdf {

class PdfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A PageSink that writes a PDF file.  The file is written to a temporary
// name beside `path` and renamed when finish() succeeds; if the writer is
// destroyed without finish(), the temporary file is removed and `path` is
// untouched.
std::unique_ptr<layout::PageSink> make_pdf_writer(const std::string& path,
                                                  const layout::FontSet& fonts);

}  // namespace ocopdoc::pdf
