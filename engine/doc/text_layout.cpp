// Plain-text layout helpers (see text_layout.h).

#include "doc/text_layout.h"

#include <algorithm>

namespace ocopdoc::doc::text_layout {

namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] != ' ') ++pos;
    if (pos > start) words.push_back(text.substr(start, pos - start));
  }
  return words;
}

}  // namespace

size_t display_width(std::string_view utf8) {
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return !is_continuation(c); }));
}

std::string_view take_code_points(std::string_view utf8, size_t count) {
  size_t pos = 0;
  size_t taken = 0;
  while (pos < utf8.size()) {
    if (!is_continuation(utf8[pos])) {
      if (taken == count) break;
      ++taken;
    }
    ++pos;
  }
  return utf8.substr(0, pos);
}

std::vector<std::string> wrap(std::string_view text, size_t first_width, size_t rest_width) {
  first_width = std::max<size_t>(first_width, 1);
  rest_width = std::max<size_t>(rest_width, 1);
  std::vector<std::string> lines;
  std::string current;
  size_t current_width = 0;
  const auto line_width = [&]() { return lines.empty() ? first_width : rest_width; };
  const auto flush = [&]() {
    lines.push_back(std::move(current));
    current.clear();
    current_width = 0;
  };
  // A dash standing alone ("2018 - 2020") stays with the word before it: a
  // line starting with "- " would read as a list item.
  std::vector<std::string> words;
  for (std::string_view word : split_words(text)) {
    if (!words.empty() && (word == "-" || word == "–")) {
      words.back() += ' ';
      words.back() += word;
    } else {
      words.emplace_back(word);
    }
  }
  for (std::string_view word : words) {
    size_t word_width = display_width(word);
    if (current_width > 0 && current_width + 1 + word_width <= line_width()) {
      current += ' ';
      current += word;
      current_width += 1 + word_width;
      continue;
    }
    if (current_width > 0) flush();
    // A word wider than a whole line is cut into line-sized pieces.
    while (word_width > line_width()) {
      const std::string_view piece = take_code_points(word, line_width());
      word_width -= line_width();
      current = std::string(piece);
      word.remove_prefix(piece.size());
      flush();
    }
    current = std::string(word);
    current_width = word_width;
  }
  if (current_width > 0 || lines.empty()) flush();
  return lines;
}

std::vector<std::string> wrap_with_prefix(std::string_view text, size_t width,
                                          std::string_view first_prefix,
                                          std::string_view rest_prefix) {
  const size_t first_prefix_width = display_width(first_prefix);
  const size_t rest_prefix_width = display_width(rest_prefix);
  std::vector<std::string> lines =
      wrap(text, width > first_prefix_width ? width - first_prefix_width : 1,
           width > rest_prefix_width ? width - rest_prefix_width : 1);
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].insert(0, i == 0 ? first_prefix : rest_prefix);
  }
  return lines;
}

std::string centre(std::string_view text, size_t width) {
  const size_t text_width = display_width(text);
  const size_t padding = text_width < width ? (width - text_width) / 2 : 0;
  return std::string(padding, ' ') + std::string(text);
}

std::string place(std::string_view text, size_t width, Align align) {
  const size_t text_width = display_width(text);
  const size_t free = text_width < width ? width - text_width : 0;
  size_t left = 0;
  if (align == Align::kRight) left = free;
  if (align == Align::kCenter) left = free / 2;
  return std::string(left, ' ') + std::string(text) + std::string(free - left, ' ');
}

std::string repeat(std::string_view unit, size_t count) {
  std::string repeated;
  repeated.reserve(unit.size() * count);
  for (size_t i = 0; i < count; ++i) repeated += unit;
  return repeated;
}

std::vector<std::string> inline_lines(const Inline& text) {
  std::vector<std::string> lines(1);
  for (const Span& span : text) {
    if (span.footnote != 0) {
      lines.back() += "[" + std::to_string(span.footnote) + "]";
    } else {
      lines.back() += span.text;
    }
    if (span.line_break) lines.emplace_back();
  }
  return lines;
}

}  // namespace ocopdoc::doc::text_layout
