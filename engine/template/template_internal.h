// Helpers shared by the template stage's source files (not a public header).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "data/database.h"
#include "template/template.h"
#include "text/text.h"

namespace ocopdoc::tmpl {

// Names every template gets from ocopdoc; parameters and queries may not use them.
bool is_builtin_name(std::string_view name);

inline std::optional<size_t> first_invalid_utf8(std::string_view text) {
  return text::find_invalid_utf8(text);
}

// 1-based line of a byte offset.
inline int line_of(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// 1-based column (in characters, not bytes) of a byte offset.
inline int column_of(std::string_view text, size_t offset) {
  size_t start = offset > text.size() ? text.size() : offset;
  while (start > 0 && text[start - 1] != '\n') --start;
  int column = 1;
  for (size_t i = start; i < offset && i < text.size(); ++i)
    column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return column;
}

// Parameter values after --set, defaults and checks, by name, plus the
// built-in document date "ngay".
struct ResolvedParameters {
  std::map<std::string, std::string> values;
  std::string document_date;  // YYYY-MM-DD
};

// The message for a name a tinh_sql binds that is neither ngay nor a
// parameter declared before `p` (`raw`: SQLite's ":name", or null for "?").
std::string unknown_computed_binding(const Parameter& p, const char* raw);

ResolvedParameters resolve_parameters(const TemplateFile& file, data::Database& database,
                                      const RenderOptions& options);

// The line around a tag at [start, end) of `text`: where the line starts, and
// where its line ending is (npos at the end of the text), when the tag stands
// alone on it (nothing but spaces beside it); nullopt otherwise.
struct TagLine {
  size_t start = 0;
  size_t newline = std::string::npos;
};
inline std::optional<TagLine> standalone_line(std::string_view text, size_t start, size_t end) {
  // Only the spaces beside the tag are looked at, so a long line of many
  // tags costs no more than its length.
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  size_t before = start;
  while (before > 0 && is_space(text[before - 1])) --before;
  if (before > 0 && text[before - 1] != '\n') return std::nullopt;
  size_t after = end;
  while (after < text.size() && is_space(text[after])) ++after;
  if (after < text.size() && text[after] != '\n') return std::nullopt;
  TagLine line;
  line.start = before;
  line.newline = after < text.size() ? after : std::string::npos;
  return line;
}

}  // namespace ocopdoc::tmpl
