// What the layout and workbook-writer fuzzers share: the fonts the command
// would use, loaded once, and the fuzz input as a parsed document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "doc/markup.h"
#include "layout/fonts.h"
#include "text/text.h"

namespace fuzz {

// fonts/, else fontconfig, else Debian's Liberation Serif, as `ocopdoc`
// finds them; its notice is dropped.
inline const ocopdoc::layout::FontSet& command_fonts() {
  static const std::unique_ptr<ocopdoc::layout::FontSet> loaded = [] {
    std::ostringstream notices;
    return ocopdoc::layout::FontSet::load("fonts", notices);
  }();
  return *loaded;
}

// The input as a document, or nothing when it is not UTF-8 or the parser
// refuses it (a MarkupError is the parser's answer, not a finding).
inline std::optional<ocopdoc::doc::Document> parsed_markup(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (ocopdoc::text::find_invalid_utf8(input)) return std::nullopt;
  try {
    return ocopdoc::doc::parse_markup(input);
  } catch (const ocopdoc::doc::MarkupError&) {
    return std::nullopt;
  }
}

}  // namespace fuzz
