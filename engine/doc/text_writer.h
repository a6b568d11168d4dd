// The plain-text writer: the document as readable text (80 columns), for
// previews and golden tests.
#pragma once

#include <string>

#include "doc/document.h"

namespace ocopdoc::doc {

struct TextWriterOptions {
  int width = 80;  // columns, counted in code points of NFC text
};

std::string write_text(const Document& document, const TextWriterOptions& options = {});

}  // namespace ocopdoc::doc
