// Helpers on the document tree.

#include "doc/document.h"

namespace ocopdoc::doc {

// Footnote marks are left out (a bookmark or sheet name reading "Mục đích1"
// would be wrong), and a forced line break reads as a space.
std::string plain_text(const Inline& text) {
  std::string plain;
  bool pending_space = false;
  for (const Span& span : text) {
    if (span.footnote == 0 && !span.text.empty()) {
      if (pending_space && !plain.empty() && plain.back() != ' ' && span.text.front() != ' ') {
        plain += ' ';
      }
      pending_space = false;
      plain += span.text;
    }
    if (span.line_break) pending_space = true;
  }
  return plain;
}

}  // namespace ocopdoc::doc
