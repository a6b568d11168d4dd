// The document markup (docs/markup.md): parsing it into a Document, and
// escaping values so they print literally inside it.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "doc/document.h"

namespace ocopdoc::doc {

// A markup error at a 1-based line of the markup text (Vietnamese message).
class MarkupError : public std::runtime_error {
 public:
  MarkupError(int line, const std::string& message) : std::runtime_error(message), line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

// Parses markup into a document tree.  Throws MarkupError at the first error.
Document parse_markup(std::string_view markup);

// Escapes a value for insertion into markup: every markup character gets a
// backslash, line breaks become "\n".  parse_markup(escape_markup(x)) as a
// paragraph gives back x (after whitespace normalisation) as plain text.
std::string escape_markup(std::string_view value);

}  // namespace ocopdoc::doc
