// Cell formats and the text that goes into cells.
//
// Every format is Times New Roman: libxlsxwriter's default format is Calibri,
// and a cell without an explicit format would print in it.

#include <algorithm>

#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

namespace {

constexpr const char* kFontName = "Times New Roman";

// Excel holds at most 32,767 characters in a cell.
constexpr size_t kMaxCellCharacters = 32767;

// The first `count` code points of `text`.
std::string leading_code_points(const std::string& text, size_t count) {
  size_t end = 0;
  for (size_t seen = 0; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80 && seen++ == count) break;
  }
  return text.substr(0, end);
}

size_t code_points(const std::string& text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

bool same_style(const TextRun& a, const TextRun& b) {
  return a.bold == b.bold && a.italic == b.italic && a.underline == b.underline &&
         a.superscript == b.superscript;
}

}  // namespace

lxw_format* FormatCache::get(const CellStyle& style) {
  const auto found = formats_.find(style);
  if (found != formats_.end()) return found->second;
  lxw_format* format = workbook_add_format(workbook_);
  if (format == nullptr) throw XlsxError("không tạo được định dạng ô (thiếu bộ nhớ)");
  format_set_font_name(format, kFontName);
  format_set_font_size(format, style.size);
  if (style.bold) format_set_bold(format);
  if (style.italic) format_set_italic(format);
  if (style.underline) format_set_underline(format, LXW_UNDERLINE_SINGLE);
  if (style.superscript) format_set_font_script(format, LXW_FONT_SUPERSCRIPT);
  format_set_align(format, style.align);
  format_set_align(format, style.vertical);
  if (style.wrap) format_set_text_wrap(format);
  if (style.border) format_set_border(format, LXW_BORDER_THIN);
  if (style.unlocked) format_set_unlocked(format);
  if (style.indent > 0) format_set_indent(format, style.indent);
  if (!style.number_format.empty()) format_set_num_format(format, style.number_format.c_str());
  formats_.emplace(style, format);
  return format;
}

CellText cell_text(const doc::Inline& text) {
  CellText cell;
  // Most cells are one span, or spans of one style: no runs to build.
  const auto same_as_first = [&](const doc::Span& span) {
    const doc::Span& first = text.front();
    return span.bold == first.bold && span.italic == first.italic &&
           span.underline == first.underline && (span.footnote > 0) == (first.footnote > 0);
  };
  if (text.empty() || std::all_of(text.begin(), text.end(), same_as_first)) {
    for (const doc::Span& span : text) {
      cell.plain += span.text;
      if (span.line_break) cell.plain += '\n';
      if (span.footnote > 0) cell.footnotes.push_back(span.footnote);
    }
    while (!cell.plain.empty() && cell.plain.back() == '\n') cell.plain.pop_back();
    if (!text.empty()) {
      cell.bold = text.front().bold;
      cell.italic = text.front().italic;
      cell.underline = text.front().underline;
      cell.superscript = text.front().footnote > 0;
    }
    return cell;
  }
  for (const doc::Span& span : text) {
    TextRun run;
    run.text = span.text;
    if (span.line_break) run.text += '\n';
    run.bold = span.bold;
    run.italic = span.italic;
    run.underline = span.underline;
    run.superscript = span.footnote > 0;
    if (span.footnote > 0) cell.footnotes.push_back(span.footnote);
    cell.plain += run.text;
    if (run.text.empty()) continue;
    if (!cell.runs.empty() && same_style(cell.runs.back(), run)) {
      cell.runs.back().text += run.text;
    } else {
      cell.runs.push_back(std::move(run));
    }
  }
  // A trailing forced break would only add an empty line.
  while (!cell.plain.empty() && cell.plain.back() == '\n') {
    cell.plain.pop_back();
    if (!cell.runs.empty()) {
      std::string& last = cell.runs.back().text;
      if (!last.empty() && last.back() == '\n') last.pop_back();
      if (last.empty()) cell.runs.pop_back();
    }
  }
  cell.mixed = cell.runs.size() > 1;
  if (cell.runs.size() == 1) {
    cell.bold = cell.runs.front().bold;
    cell.italic = cell.runs.front().italic;
    cell.underline = cell.runs.front().underline;
    cell.superscript = cell.runs.front().superscript;
  }
  return cell;
}

std::string text_with_breaks(const doc::Inline& text) {
  std::string plain;
  for (const doc::Span& span : text) {
    plain += span.text;
    if (span.line_break) plain += '\n';
  }
  while (!plain.empty() && plain.back() == '\n') plain.pop_back();
  return plain;
}

CellText plain_cell_text(std::string text) {
  CellText cell;
  cell.plain = std::move(text);
  return cell;
}

void write_text(lxw_worksheet* sheet, FormatCache& formats, std::uint32_t row, std::uint16_t col,
                const CellText& text, CellStyle style) {
  if (code_points(text.plain) > kMaxCellCharacters) {
    throw XlsxError("ô " + cell_name(row, col) + " có hơn " + std::to_string(kMaxCellCharacters) +
                    " ký tự, quá giới hạn một ô của Excel (bắt đầu bằng “" +
                    leading_code_points(text.plain, 40) +
                    "…”); hãy tách đoạn văn này thành nhiều đoạn");
  }
  if (text.plain.find('\n') != std::string::npos) style.wrap = true;
  if (!text.mixed) {
    style.bold = style.bold || text.bold;
    style.italic = style.italic || text.italic;
    style.underline = style.underline || text.underline;
    style.superscript = style.superscript || text.superscript;
    lxw_format* format = formats.get(style);
    if (text.plain.empty()) {
      check(worksheet_write_blank(sheet, row, col, format), "ghi ô trống");
    } else {
      check(worksheet_write_string(sheet, row, col, text.plain.c_str(), format), "ghi chữ vào ô");
    }
    return;
  }
  // A rich string: each run in its own font format; the cell format carries
  // alignment, borders and wrapping.
  std::vector<lxw_rich_string_tuple> tuples;
  std::vector<lxw_rich_string_tuple*> pointers;
  tuples.reserve(text.runs.size());
  for (const TextRun& run : text.runs) {
    CellStyle run_style;
    run_style.size = style.size;
    run_style.bold = style.bold || run.bold;
    run_style.italic = style.italic || run.italic;
    run_style.underline = style.underline || run.underline;
    run_style.superscript = run.superscript;
    tuples.push_back({formats.get(run_style), const_cast<char*>(run.text.c_str())});
  }
  for (lxw_rich_string_tuple& tuple : tuples) pointers.push_back(&tuple);
  pointers.push_back(nullptr);
  check(worksheet_write_rich_string(sheet, row, col, pointers.data(), formats.get(style)),
        "ghi chữ nhiều kiểu vào ô");
}

}  // namespace ocopdoc::xlsx::detail
