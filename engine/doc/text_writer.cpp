// The plain-text writer: a readable rendering of the document tree that keeps
// the ND 30 arrangement (two-column header, centred title, signature on the
// right beside "Nơi nhận") so a preview or a golden test shows the shape of
// the real document.

#include "doc/text_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "doc/chart_figures.h"
#include "doc/text_layout.h"
#include "doc/text_table.h"
#include "text/text.h"

namespace ocopdoc::doc {

namespace tl = text_layout;

namespace {

constexpr std::string_view kNationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
constexpr std::string_view kMotto = "Độc lập - Tự do - Hạnh phúc";
constexpr std::string_view kRule = "─";
constexpr std::string_view kParagraphIndent = "    ";
constexpr size_t kSignatureRoom = 3;  // blank lines left for the signature and seal
constexpr size_t kMaxBarWidth = 40;
constexpr size_t kMinWidth = 20;  // narrower output cannot hold the header columns

using Lines = std::vector<std::string>;

void append(Lines& to, Lines from) {
  for (std::string& line : from) to.push_back(std::move(line));
}

Lines centred_block(std::string_view text, size_t width) {
  Lines lines;
  for (const std::string& line : tl::wrap(text, width)) lines.push_back(tl::centre(line, width));
  return lines;
}

// Centred in one of the two half-page columns, wrapped two columns narrower
// so that the two sides never run into each other.
Lines column_block(std::string_view text, size_t column_width) {
  const size_t wrap_width = column_width > 4 ? column_width - 2 : column_width;
  Lines lines;
  for (const std::string& line : tl::wrap(text, wrap_width))
    lines.push_back(tl::centre(line, column_width));
  return lines;
}

std::string rule(size_t length, size_t width) {
  return tl::centre(tl::repeat(kRule, std::max<size_t>(length, 1)), width);
}

std::string_view trim_left(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  return line;
}

size_t widest(const Lines& lines) {
  size_t width = 0;
  for (const std::string& line : lines) width = std::max(width, tl::display_width(line));
  return width;
}

// Two columns side by side: the left padded to `left_width`.
Lines side_by_side(const Lines& left, const Lines& right, size_t left_width) {
  Lines lines;
  for (size_t i = 0; i < std::max(left.size(), right.size()); ++i) {
    const std::string_view left_text =
        i < left.size() ? std::string_view(left[i]) : std::string_view();
    const std::string_view right_text =
        i < right.size() ? std::string_view(right[i]) : std::string_view();
    lines.push_back(right_text.empty()
                        ? std::string(left_text)
                        : tl::place(left_text, left_width, Align::kLeft) + std::string(right_text));
  }
  return lines;
}

// `text` cut to `width` columns with an ellipsis.
std::string fit(std::string_view text, size_t width) {
  if (tl::display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  return std::string(tl::take_code_points(text, width - 1)) + "…";
}

class TextWriter {
 public:
  TextWriter(const Document& document, const TextWriterOptions& options)
      : document_(document),
        width_(std::max<size_t>(options.width > 0 ? static_cast<size_t>(options.width) : 0,
                                kMinWidth)),
        left_width_(width_ / 2),
        right_width_(width_ - width_ / 2) {}

  std::string write() {
    Lines out;
    enum class Kind { kNone, kHeading, kListItem, kParagraph, kOther } previous = Kind::kNone;
    const auto& blocks = document_.blocks;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const Block& block = blocks[i];
      if (std::holds_alternative<Orientation>(block)) continue;  // nothing to show in plain text
      Lines lines;
      if (i + 1 < blocks.size() && is_closing_pair(block, blocks[i + 1])) {
        lines = closing(block, blocks[i + 1]);
        ++i;
      } else {
        lines = std::visit([&](const auto& b) { return render(b); }, block);
      }
      const Kind kind = std::holds_alternative<Heading>(block)     ? Kind::kHeading
                        : std::holds_alternative<ListItem>(block)  ? Kind::kListItem
                        : std::holds_alternative<Paragraph>(block) ? Kind::kParagraph
                                                                   : Kind::kOther;
      // One blank line between blocks, but the text under a heading follows
      // it directly and list items stay together.
      const bool tight =
          (previous == Kind::kHeading && (kind == Kind::kParagraph || kind == Kind::kListItem)) ||
          (previous == Kind::kListItem && kind == Kind::kListItem);
      if (previous != Kind::kNone && !tight) out.emplace_back();
      append(out, std::move(lines));
      previous = kind;
    }
    append(out, footnotes());
    return finish(out);
  }

 private:
  static bool is_closing_pair(const Block& first, const Block& second) {
    return (std::holds_alternative<Recipients>(first) &&
            std::holds_alternative<Signature>(second)) ||
           (std::holds_alternative<Signature>(first) && std::holds_alternative<Recipients>(second));
  }

  // "Nơi nhận" on the left level with the signature on the right (ND 30).
  Lines closing(const Block& first, const Block& second) const {
    const Recipients& recipients = std::holds_alternative<Recipients>(first)
                                       ? std::get<Recipients>(first)
                                       : std::get<Recipients>(second);
    const Signature& signature = std::holds_alternative<Signature>(first)
                                     ? std::get<Signature>(first)
                                     : std::get<Signature>(second);
    return side_by_side(recipient_lines(recipients), signature_lines(signature), left_width_);
  }

  Lines render(const NdHeader& header) const {
    Lines left;
    if (!header.parent_agency.empty())
      append(left, column_block(header.parent_agency, left_width_));
    if (!header.agency.empty()) {
      const Lines agency = column_block(header.agency, left_width_);
      // ND 30: a rule under the agency, a third of its width.
      size_t agency_width = 0;
      for (const std::string& line : agency)
        agency_width = std::max(agency_width, tl::display_width(trim_left(line)));
      append(left, agency);
      left.push_back(rule((agency_width + 1) / 3, left_width_));
    }
    Lines right = column_block(kNationalName, right_width_);
    const Lines motto = column_block(kMotto, right_width_);
    size_t motto_width = 0;
    for (const std::string& line : motto)
      motto_width = std::max(motto_width, tl::display_width(trim_left(line)));
    append(right, motto);
    right.push_back(rule(motto_width, right_width_));

    // The number and the place-date share a line, below the taller top part.
    const size_t top = std::max(left.size(), right.size());
    left.resize(top);
    right.resize(top);
    if (!header.number.empty()) append(left, column_block(header.number, left_width_));
    if (!header.summary.empty()) append(left, column_block(header.summary, left_width_));
    if (!header.place_date.empty()) append(right, column_block(header.place_date, right_width_));
    return side_by_side(left, right, left_width_);
  }

  Lines render(const Title& title) const {
    Lines lines = centred_block(title.type, width_);
    size_t text_width = widest(tl::wrap(title.type, width_));
    if (!title.summary.empty()) {
      text_width = 0;
      for (const std::string& summary : title.summary) {
        append(lines, centred_block(summary, width_));
        text_width = std::max(text_width, widest(tl::wrap(summary, width_)));
      }
    }
    lines.push_back(rule((text_width + 1) / 3, width_));
    return lines;
  }

  Lines render(const Addressees& addressees) const {
    if (addressees.lines.size() == 1) {
      return wrap_inline(addressees.lines.front(), "Kính gửi: ", "          ");
    }
    Lines lines = {"Kính gửi:"};
    for (size_t i = 0; i < addressees.lines.size(); ++i) {
      // Recipients are written without the list punctuation; it is added
      // here unless the template already wrote it.
      std::string recipient = plain_lines(addressees.lines[i]);
      if (!recipient.starts_with('-')) recipient.insert(0, "- ");
      if (!recipient.ends_with(';') && !recipient.ends_with('.')) {
        recipient += i + 1 < addressees.lines.size() ? ";" : ".";
      }
      append(lines, tl::wrap_with_prefix(recipient, width_, "    ", "      "));
    }
    return lines;
  }

  Lines render(const LegalBases& bases) const {
    Lines lines;
    for (const Inline& basis : bases.lines) append(lines, wrap_inline(basis, kParagraphIndent, ""));
    return lines;
  }

  Lines render(const Signature& signature) const {
    return side_by_side({}, signature_lines(signature), left_width_);
  }

  Lines render(const Recipients& recipients) const { return recipient_lines(recipients); }

  Lines render(const Heading& heading) const { return wrap_inline(heading.text, "", ""); }

  Lines render(const Paragraph& paragraph) const {
    if (paragraph.align == Align::kCenter || paragraph.align == Align::kRight) {
      Lines lines;
      for (const std::string& logical : tl::inline_lines(paragraph.text)) {
        for (const std::string& line : tl::wrap(logical, width_)) {
          lines.push_back(paragraph.align == Align::kCenter
                              ? tl::centre(line, width_)
                              : tl::place(line, width_, Align::kRight));
        }
      }
      return lines;
    }
    return wrap_inline(paragraph.text, paragraph.indent_first_line ? kParagraphIndent : "", "");
  }

  Lines render(const ListItem& item) const {
    const std::string indent(static_cast<size_t>(std::max(item.level - 1, 0)) * 4, ' ');
    const std::string marker = item.marker.empty() ? (item.level > 1 ? "+" : "-") : item.marker;
    const std::string first = indent + marker + " ";
    return wrap_inline(item.text, first, std::string(tl::display_width(first), ' '));
  }

  Lines render(const Quote& quote) const {
    Lines lines;
    for (const Inline& line : quote.lines) append(lines, wrap_inline(line, "    │ ", "    │ "));
    return lines;
  }

  Lines render(const Table& table) const { return tl::render_table(table, width_); }

  // The width of a chart's category names, at most a third of the page.
  size_t category_width(const Chart& chart) const {
    size_t widest = 0;
    for (const std::string& category : chart.categories)
      widest = std::max(widest, tl::display_width(category));
    return std::min(widest, width_ / 3);
  }

  // The longest bar beside `used` columns of names and figures.
  size_t bar_room(size_t used) const {
    return std::clamp<size_t>(width_ > used ? width_ - used : 1, 1, kMaxBarWidth);
  }

  Lines render(const Chart& chart) const {
    Lines lines;
    if (!chart.title.empty()) append(lines, centred_block(chart.title, width_));
    if (!chart.unit.empty()) append(lines, centred_block("(Đơn vị: " + chart.unit + ")", width_));
    if (drawn_stacked(chart)) {
      append(lines, render_stacked(chart));
      return lines;
    }
    const bool several = chart.series.size() > 1;
    const size_t label_width = category_width(chart);
    size_t series_width = 0;
    if (several) {
      for (const std::string& name : chart.series)
        series_width = std::max(series_width, tl::display_width(name));
      series_width = std::min(series_width, width_ / 4);
    }
    const ChartFigures figures(chart);
    double largest = 0;
    size_t value_width = 0;
    for (size_t s = 0; s < chart.values.size(); ++s) {
      for (double value : chart.values[s]) {
        largest = std::max(largest, std::abs(value));
        value_width = std::max(value_width, tl::display_width(figures.of(value, s)));
      }
    }
    const size_t used = label_width + 1 + (several ? series_width + 1 : 0) + 1 + value_width;
    const size_t bar_width = bar_room(used);
    for (size_t k = 0; k < chart.categories.size(); ++k) {
      // A long name wraps down the lines of its series (and past them).
      const std::vector<std::string> label = tl::wrap(chart.categories[k], label_width);
      for (size_t s = 0; s < chart.values.size(); ++s) {
        const double value = k < chart.values[s].size() ? chart.values[s][k] : 0;
        const auto bar_length =
            largest > 0 ? static_cast<size_t>(std::lround(std::abs(value) / largest *
                                                          static_cast<double>(bar_width)))
                        : size_t{0};
        std::string line = tl::place(s < label.size() ? fit(label[s], label_width) : "",
                                     label_width, Align::kLeft);
        line += ' ';
        if (several) {
          line += tl::place(fit(s < chart.series.size() ? chart.series[s] : "", series_width),
                            series_width, Align::kLeft);
          line += ' ';
        }
        if (bar_length > 0) line += tl::repeat("█", bar_length) + " ";
        line += figures.of(value, s);
        lines.push_back(std::move(line));
      }
      for (size_t rest = chart.values.size(); rest < label.size(); ++rest) {
        lines.push_back(fit(label[rest], label_width));
      }
    }
    return lines;
  }

  static constexpr std::string_view kShades[] = {"█", "▓", "▒", "░"};

  // A stacked chart is previewed as stacked bars when its parts fit the
  // text: at most one series per shade, and no negative value (the PDF
  // stacks those below zero, which a bar of characters cannot show).
  // Otherwise each series gets its own bar, as in a grouped chart.
  static bool drawn_stacked(const Chart& chart) {
    if (!chart.stacked || chart.values.size() < 2 || chart.values.size() > std::size(kShades)) {
      return false;
    }
    for (const auto& series : chart.values) {
      for (double value : series) {
        if (value < 0) return false;
      }
    }
    return true;
  }

  // A stacked chart: one bar per category, each series in its own shade,
  // under a legend of the shades; after the bar, the total and its parts
  // ("3 (2 + 1)").  The bars are scaled by the largest total, and each
  // segment ends where the running total ends, so rounding never makes a
  // bar longer than its total.
  Lines render_stacked(const Chart& chart) const {
    const auto value_at = [&](size_t s, size_t k) {
      return k < chart.values[s].size() ? chart.values[s][k] : 0.0;
    };
    Lines lines;
    // The legend: "█ 3 sao   ▓ 4 sao", a new line before an entry that
    // would not fit, so a shade stays beside its name.
    std::string legend;
    for (size_t s = 0; s < chart.values.size(); ++s) {
      const std::string entry =
          std::string(kShades[s]) + " " + (s < chart.series.size() ? chart.series[s] : "");
      if (!legend.empty() && tl::display_width(legend) + 3 + tl::display_width(entry) > width_) {
        lines.push_back(std::move(legend));
        legend.clear();
      }
      legend += (legend.empty() ? "" : "   ") + entry;
    }
    lines.push_back(std::move(legend));
    const size_t label_width = category_width(chart);
    const ChartFigures printed(chart);
    double largest = 0;
    std::vector<std::string> figures;
    size_t figures_width = 0;
    for (size_t k = 0; k < chart.categories.size(); ++k) {
      double total = 0;
      std::string parts;
      for (size_t s = 0; s < chart.values.size(); ++s) {
        total += value_at(s, k);
        parts += (s > 0 ? " + " : "") + printed.of(value_at(s, k), s);
      }
      largest = std::max(largest, total);
      figures.push_back(printed.of_total(total) + " (" + parts + ")");
      figures_width = std::max(figures_width, tl::display_width(figures.back()));
    }
    const size_t used = label_width + 1 + 1 + figures_width;
    const size_t bar_width = bar_room(used);
    const auto scaled = [&](double value) {
      return largest > 0 ? static_cast<size_t>(
                               std::lround(value / largest * static_cast<double>(bar_width)))
                         : size_t{0};
    };
    for (size_t k = 0; k < chart.categories.size(); ++k) {
      std::string line =
          tl::place(fit(chart.categories[k], label_width), label_width, Align::kLeft);
      line += ' ';
      double running = 0;
      size_t drawn = 0;
      for (size_t s = 0; s < chart.values.size(); ++s) {
        running += value_at(s, k);
        const size_t end = scaled(running);
        line += tl::repeat(kShades[s], end - drawn);
        drawn = end;
      }
      if (drawn > 0) line += ' ';
      line += figures[k];
      lines.push_back(std::move(line));
    }
    return lines;
  }

  Lines render(const PageBreak&) const { return {tl::centre("· · ·", width_)}; }

  Lines render(const Orientation&) const { return {}; }

  // Plain text cannot draw the logo; a centred label marks its place.
  Lines render(const Logo&) const { return {tl::centre("[ Logo OCOP - TH ]", width_)}; }

  // Roughly one text line per 8 mm of space, at most a few: a preview, not a page.
  Lines render(const VerticalSpace& space) const {
    return Lines(static_cast<size_t>(std::clamp(space.height_mm / 8.0, 1.0, 4.0)), std::string());
  }

  Lines render(const TableOfContents& contents) const {
    Lines lines = centred_block(contents.title, width_);
    for (const Block& block : document_.blocks) {
      const Heading* heading = std::get_if<Heading>(&block);
      if (heading == nullptr || heading->level > contents.max_level) continue;
      const std::string indent(static_cast<size_t>(std::max(heading->level - 1, 0)) * 2, ' ');
      append(lines, tl::wrap_with_prefix(plain_text(heading->text), width_, indent, indent + "  "));
    }
    return lines;
  }

  // An inline run wrapped to the page: `first_prefix` before the very first
  // line, `rest_prefix` before every other (also after forced breaks).
  Lines wrap_inline(const Inline& text, std::string_view first_prefix,
                    std::string_view rest_prefix) const {
    Lines lines;
    for (const std::string& logical : tl::inline_lines(text)) {
      append(lines, tl::wrap_with_prefix(logical, width_,
                                         lines.empty() ? first_prefix : rest_prefix, rest_prefix));
    }
    return lines;
  }

  static std::string plain_lines(const Inline& text) {
    std::string joined;
    for (const std::string& line : tl::inline_lines(text)) {
      if (!joined.empty() && !line.empty()) joined += ' ';
      joined += line;
    }
    return joined;
  }

  Lines signature_lines(const Signature& signature) const {
    Lines lines;
    for (const std::string& line : signature.authority)
      append(lines, column_block(line, right_width_));
    for (size_t i = 0; i < kSignatureRoom; ++i) lines.emplace_back();
    if (!signature.name.empty()) append(lines, column_block(signature.name, right_width_));
    return lines;
  }

  Lines recipient_lines(const Recipients& recipients) const {
    Lines lines = {"Nơi nhận:"};
    for (const Inline& recipient : recipients.lines) {
      for (const std::string& logical : tl::inline_lines(recipient)) {
        append(lines, tl::wrap_with_prefix(logical, left_width_ - 2, "",
                                           logical.starts_with("- ") ? "  " : ""));
      }
    }
    return lines;
  }

  Lines footnotes() const {
    Lines lines;
    if (document_.footnotes.empty()) return lines;
    lines.emplace_back();
    lines.push_back(tl::repeat(kRule, 8));
    for (size_t i = 0; i < document_.footnotes.size(); ++i) {
      const std::string mark = "[" + std::to_string(i + 1) + "] ";
      append(lines,
             wrap_inline(document_.footnotes[i], mark, std::string(tl::display_width(mark), ' ')));
    }
    return lines;
  }

  // No trailing spaces, no blank lines at either end, one final newline.
  static std::string finish(Lines& lines) {
    for (std::string& line : lines) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    size_t first = 0;
    while (first < lines.size() && lines[first].empty()) ++first;
    std::string text;
    for (size_t i = first; i < lines.size(); ++i) {
      text += lines[i];
      text += '\n';
    }
    return text.empty() ? "\n" : text;
  }

  const Document& document_;
  size_t width_;
  size_t left_width_;
  size_t right_width_;
};

}  // namespace

std::string write_text(const Document& document, const TextWriterOptions& options) {
  return TextWriter(document, options).write();
}

}  // namespace ocopdoc::doc
