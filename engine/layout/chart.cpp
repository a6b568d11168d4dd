// Charts: a vector column or bar chart drawn with rectangles, lines and
// text, as wide as the text: 8 cm tall, or taller for a bar chart with many
// categories (27 districts) so that each keeps a readable band, up to the
// height of a page.
//
// A chart with more categories than one chart can show readably is drawn
// in parts, the way a long table continues on the next page: a bar chart
// whose bands need more than a page goes on over further pages, a column
// chart whose slots would be narrower than the longest word of a category
// name (letters of "Thành phố" broken under the column) becomes several
// charts one under another.  Every part has the whole chart's scale, label
// column and legend, so bars on different pages compare at a glance, and
// the parts after the first say "(tiếp theo)" after the title.  Squeezing
// a province's 635 communes onto one page would write the names over each
// other.
//
// Administrative reports print in black and white as often as in colour, so
// the colours are few and sober (dark blue, grey, dark red, dark green) and
// every bar carries its value in figures: beside it, or for stacked bars
// inside each segment wide enough for it, with the bar's total at its end.

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "doc/chart_figures.h"
#include "layout/blocks_internal.h"
#include "text/text.h"

namespace ocopdoc::layout::detail {

namespace {

constexpr double kChartHeight = 80;  // mm
constexpr double kTitleSize = 12;
constexpr double kLabelSize = 11;
constexpr double kSmallLabelSize = 9;  // values over bars too narrow for 11 pt
constexpr double kGroupShare = 0.7;    // of a category's slot taken by its bars
constexpr double kTickTarget = 5;      // about this many grid steps
constexpr double kGap = 4;             // pt between labels and the plot
constexpr double kLegendSwatch = 8;    // pt
constexpr double kMinPlotHeight = 40;  // pt
constexpr double kChartSpace = 6;
// Least band of a bar chart's category, in lines of its label: room for the
// label (one line) and the bars' figures without touching the next band.
constexpr double kMinBandLines = 1.4;
// Space between the wrapped names of neighbouring bars, in lines.
constexpr double kBandLeading = 0.4;
// How much taller than the room beside its heading a bar chart may be and
// still be drawn whole, its bands thinner in proportion.
constexpr double kMostSqueeze = 1.1;
// Bars the last part of a bar chart in parts has at least (when the part
// before can spare them).
constexpr size_t kLeastPartCategories = 5;
// Lines a figure over side-by-side columns may move up (or down) to clear
// its neighbours' figures before the chart counts as too crowded for them.
constexpr double kMaxFigureLift = 2;
constexpr Color kWhite{1, 1, 1};

constexpr std::array<Color, 5> kSeriesColors = {{
    {0.17, 0.31, 0.53},  // dark blue
    {0.55, 0.55, 0.55},  // grey
    {0.62, 0.22, 0.18},  // dark red
    {0.24, 0.45, 0.27},  // dark green
    {0.75, 0.55, 0.15},  // ochre
}};
constexpr Color kGridColor{0.82, 0.82, 0.82};

// A "nice" grid step (1, 2 or 5 times a power of ten) for a range.
double nice_step(double range) {
  const double rough = range / kTickTarget;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  const double fraction = rough / power;
  const double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

struct Scale {
  double low = 0, high = 1, step = 1;
  std::vector<double> ticks;
};

// The ends of a category's stacked bar: the sum of its negative values and
// the sum of its positive ones (each sign stacks away from zero).
std::pair<double, double> stack_ends(const doc::Chart& chart, size_t category) {
  double negative = 0, positive = 0;
  for (const auto& series : chart.values) {
    const double value = category < series.size() ? series[category] : 0;
    (value < 0 ? negative : positive) += value;
  }
  return {negative, positive};
}

Scale scale_for(const doc::Chart& chart) {
  double low = 0, high = 0;
  bool whole_numbers = true;
  for (const auto& series : chart.values) {
    for (double value : series) {
      low = std::min(low, value);
      high = std::max(high, value);
      whole_numbers = whole_numbers && value == std::floor(value);
    }
  }
  if (chart.stacked) {
    for (size_t c = 0; c < chart.categories.size(); ++c) {
      const auto [negative, positive] = stack_ends(chart, c);
      low = std::min(low, negative);
      high = std::max(high, positive);
    }
  }
  // A chart of zeros still gets an axis, 0 to 1, with no step beyond.
  const bool all_zero = high - low <= 0;
  if (all_zero) high = low + 1;
  Scale scale;
  scale.step = nice_step(high - low);
  // Counts (products, trainees) never get a "0,5" grid line.
  if (whole_numbers) scale.step = std::max(scale.step, 1.0);
  // The axis starts and ends on grid lines around the data (and zero).
  scale.low = std::floor(low / scale.step + 1e-9) * scale.step;
  scale.high = std::ceil(high / scale.step - 1e-9) * scale.step;
  // A bar that ends on the last grid line would have its figure on that line
  // (Hoằng Hóa's "5" on an axis ending at 5): one step more gives it room.
  if (!all_zero && high > 0 && scale.high - high < scale.step * 1e-9) scale.high += scale.step;
  if (low < 0 && low - scale.low < scale.step * 1e-9) scale.low -= scale.step;
  for (double tick = scale.low; tick <= scale.high + scale.step / 2; tick += scale.step) {
    scale.ticks.push_back(std::abs(tick) < scale.step * 1e-9 ? 0 : tick);
  }
  return scale;
}

class ChartPainter {
 public:
  ChartPainter(const LayoutContext& context, const doc::Chart& chart, double width,
               const ChartRoom& room)
      : context_(context),
        chart_(chart),
        width_(width),
        max_height_(room.page),
        first_max_height_(std::min(room.first_whole, room.page)),
        first_here_(std::min(room.first_here, room.page)),
        where_(at_line("biểu đồ", chart.line)) {}

  // The chart's parts, each a fragment no taller than `max_height`: one,
  // unless its categories need more room than one chart has.
  std::vector<Fragment> paint();

 private:
  // The categories one part draws: [first, first + count).
  struct Part {
    size_t first = 0, count = 0;
  };

  // Text helpers; y is measured downwards from the top of the chart.
  double label_width(const std::string& text, double size, bool bold = false) const {
    return text_width(context_, text, BlockFont{size, bold, false}, where_);
  }
  double line_height(double size) const { return natural_line_height(context_.fonts, size); }
  // A figure as every writer prints it (doc/chart_figures.h): one precision
  // per series; a stack's total (no series) in the chart's most precise.
  // Axis ticks are round and keep their own.
  static constexpr size_t kNoSeries = static_cast<size_t>(-1);
  std::string figure_text(double value, size_t series = kNoSeries) const {
    return series == kNoSeries ? figures_.of_total(value) : figures_.of(value, series);
  }
  void text_at(const std::string& text, double size, double x, double top, bool bold = false,
               bool italic = false) {
    const LineBox line = set_plain_line(context_, text, BlockFont{size, bold, italic}, 1.0, where_);
    fragment_.add_line(line, x, top);
  }
  // The lines of a name, title or unit: broken where phrases end ("… nông
  // thôn, / bán hàng", not "… bán / hàng"), in as many lines as plain
  // filling takes, so heights measured and drawn agree.
  std::vector<LineBox> chart_lines(const std::string& text, const TextFormat& format,
                                   double width) const {
    return set_phrased_lines(context_, plain_inline(text), format, width, where_,
                             LineShape::kBalanced, ExtraLine::kNone);
  }
  // Wrapped, centred (or right-aligned) text in a box; returns the lines'
  // height.  Lines past `max_height` (after the first) are left out.
  double text_block(const std::string& text, double size, double x, double top, double width,
                    doc::Align align, bool bold = false, bool draw = true,
                    double max_height = std::numeric_limits<double>::infinity(),
                    bool italic = false) {
    TextFormat format;
    format.font = BlockFont{size, bold, italic};
    format.align = align;
    double y = top;
    for (const LineBox& line : chart_lines(text, format, width)) {
      if (y > top && y - top + line.height > max_height + 0.01) break;
      if (draw) fragment_.add_line(line, x, y);
      y += line.height;
    }
    return y - top;
  }
  void rule(double x1, double y1, double x2, double y2, Color color, double line_width) {
    Line line;
    line.x1 = x1;
    line.y1 = -y1;
    line.x2 = x2;
    line.y2 = -y2;
    line.color = color;
    line.width = line_width;
    fragment_.lines.push_back(line);
  }
  // A grid line, drawn as a thin filled box: page rectangles are painted
  // before lines and text, so the bars cover the grid instead of being
  // crossed by it.
  void grid_line(double x1, double y1, double x2, double y2) {
    const double half = kRuleWidth / 2;
    if (y1 == y2) {
      box(x1, y1 - half, x2 - x1, kRuleWidth, kGridColor);
    } else {
      box(x1 - half, y1, kRuleWidth, y2 - y1, kGridColor);
    }
  }
  // A filled box given by its top-left corner, y downwards.
  void box(double x, double top, double width, double height, Color color) {
    Rect rect;
    rect.x = x;
    rect.y = -(top + height);
    rect.width = width;
    rect.height = height;
    rect.fill = color;
    fragment_.rects.push_back(rect);
  }
  double value(size_t series, size_t category) const {
    return series < chart_.values.size() && category < chart_.values[series].size()
               ? chart_.values[series][category]
               : 0;
  }
  size_t series_count() const { return std::max<size_t>(chart_.values.size(), 1); }
  // The segments of one category's stack, in values: positive values pile
  // up from zero and negative ones down, each series starting where the last
  // ended.  `draw(series, value, from, to)` places one; returns the ends of
  // the positive and the negative piles.
  template <typename Draw>
  std::pair<double, double> stack(size_t category, Draw draw) const {
    double positive = 0, negative = 0;
    for (size_t s = 0; s < series_count(); ++s) {
      const double v = value(s, category);
      if (v == 0) continue;  // nothing to see, nothing to draw
      double& end = v < 0 ? negative : positive;
      draw(s, v, end, end + v);
      end += v;
    }
    return {positive, negative};
  }
  // A figure inside a stacked segment, in white, when the segment has room.
  void segment_label(size_t series, double v, double x, double top, double width, double height);
  // Segments of a stack that have a length.  A stack of one prints only its
  // total beside it: the same figure inside the bar would say it twice.
  size_t segments(size_t category) const {
    size_t count = 0;
    for (size_t s = 0; s < series_count(); ++s) count += value(s, category) != 0 ? 1 : 0;
    return count;
  }
  struct PlacedFigure {
    std::string text;
    double size = 0, x = 0, top = 0, width = 0, height = 0;
    double lifted = 0;  // lines moved away from its column to stay clear
  };
  double column_figure_size(double bar) const;
  static bool crowded(const std::vector<std::vector<PlacedFigure>>& figures);
  template <typename YOf>
  std::vector<PlacedFigure> column_figures(size_t category, double group_left, double bar,
                                           double figure_size, YOf y_of,
                                           const std::vector<PlacedFigure>& before) const;
  struct LegendItem {
    size_t series = 0;
    double name_width = 0, height = 0;
  };
  struct LegendLine {
    std::vector<LegendItem> items;
    double width = 0, height = 0;
  };
  std::vector<LegendLine> legend_lines() const;
  double legend_height() const;  // with the gap above it; 0 for one series
  void legend(double top);
  // Height of text wrapped in `width`.
  double wrapped_height(const std::string& text, double size, double width, bool bold = false,
                        bool italic = false) const {
    TextFormat format;
    format.font = BlockFont{size, bold, italic};
    double height = 0;
    for (const LineBox& line : chart_lines(text, format, width)) {
      height += line.height;
    }
    return height;
  }
  void columns(double top, double bottom);
  void bars(double top, double bottom);
  std::string title(bool continued) const;
  std::string unit_line() const { return "(Đơn vị: " + chart_.unit + ")"; }
  double title_height(bool continued) const;
  double frame_height(bool continued) const;
  double axis_label_width() const;
  double bar_base_band() const;
  // The least bands of the part's categories, added up.
  double part_bands() const {
    const auto begin = bands_.begin() + static_cast<std::ptrdiff_t>(first_);
    return std::accumulate(begin, begin + static_cast<std::ptrdiff_t>(count_), 0.0);
  }
  std::vector<Part> bar_parts();
  std::vector<Part> column_parts();
  Fragment paint_part(const Part& part, bool continued);
  // A column chart's plot and figures, the same in every strip.
  struct ColumnPlot {
    double top = 0, bottom = 0;  // of the plot
    double labels_top = 0;       // the category names, under the plot and any figure
    std::vector<std::vector<PlacedFigure>> figures;  // by category; none when crowded
  };
  ColumnPlot column_plot(double top, double bottom, double left, double slot, double label_box);

  const LayoutContext& context_;
  const doc::Chart& chart_;
  double width_;
  double max_height_;
  double first_max_height_;  // the first part, on a page of its own
  double first_here_;        // the first part, on the current page
  double first_cap_ = 0;     // the first part as cut (bar_parts)
  std::string where_;
  Fragment fragment_;
  Scale scale_;
  // The part being painted, and the column slots every part has room for
  // (the largest part's categories, so that all parts' columns are as wide).
  size_t first_ = 0, count_ = 0, slots_ = 1;
  // A bar chart's name column and each category's least band (its name,
  // wrapped in that column, and its bars), measured once for all parts.
  double label_column_ = 0;
  std::vector<double> bands_;
  doc::ChartFigures figures_{chart_};
  // The parts, and a column chart's plot once laid out.
  std::vector<Part> parts_;
  std::optional<ColumnPlot> column_plot_;
};

// The legend: one swatch and name per series, on one line centred under
// the plot, or on as many lines as the names need (each line centred; a
// name wider than the chart wraps beside its swatch).
std::vector<ChartPainter::LegendLine> ChartPainter::legend_lines() const {
  const double name_room = std::max(width_ - kLegendSwatch - kGap, 1.0);
  std::vector<LegendLine> lines;
  for (size_t s = 0; s < chart_.series.size(); ++s) {
    const std::string& name = chart_.series[s];
    LegendItem item;
    item.series = s;
    item.name_width = std::min(label_width(name, kLabelSize), name_room);
    item.height = wrapped_height(name, kLabelSize, item.name_width);
    const double width = kLegendSwatch + kGap + item.name_width;
    if (lines.empty() || lines.back().width + 3 * kGap + width > width_ + 0.01) {
      lines.push_back(LegendLine{});
    } else {
      lines.back().width += 3 * kGap;
    }
    lines.back().width += width;
    lines.back().height = std::max(lines.back().height, item.height);
    lines.back().items.push_back(item);
  }
  return lines;
}

double ChartPainter::legend_height() const {
  if (chart_.series.size() <= 1) return 0;
  double height = 0;
  for (const LegendLine& line : legend_lines()) height += line.height;
  return height + kGap;
}

void ChartPainter::legend(double top) {
  const double swatch_top = (line_height(kLabelSize) - kLegendSwatch) / 2;
  for (const LegendLine& line : legend_lines()) {
    double x = std::max((width_ - line.width) / 2, 0.0);
    for (const LegendItem& item : line.items) {
      box(x, top + swatch_top, kLegendSwatch, kLegendSwatch,
          kSeriesColors[item.series % kSeriesColors.size()]);
      x += kLegendSwatch + kGap;
      text_block(chart_.series[item.series], kLabelSize, x, top, item.name_width,
                 doc::Align::kLeft);
      x += item.name_width + 3 * kGap;
    }
    top += line.height;
  }
}

void ChartPainter::segment_label(size_t series, double v, double x, double top, double width,
                                 double height) {
  const std::string label = figure_text(v, series);
  for (double size : {kLabelSize, kSmallLabelSize}) {
    const double label_w = label_width(label, size);
    const double label_h = line_height(size);
    if (label_w + kGap <= width && label_h <= height) {
      LineBox line = set_plain_line(context_, label, BlockFont{size, false, false}, 1.0, where_);
      for (TextRun& run : line.texts) run.color = kWhite;
      fragment_.add_line(line, x + (width - label_w) / 2, top + (height - label_h) / 2);
      return;
    }
  }
}

// One size for all the figures over side-by-side columns: the small one
// when any of them is wider than its column and a gap.
double ChartPainter::column_figure_size(double bar) const {
  for (size_t c = 0; c < chart_.categories.size(); ++c) {
    for (size_t s = 0; s < series_count(); ++s) {
      if (label_width(figure_text(value(s, c), s), kLabelSize) > bar + kGap) {
        return kSmallLabelSize;
      }
    }
  }
  return kLabelSize;
}

// The figures of one category's side-by-side columns.  Each is centred on
// its column, just beyond its end; a figure wider than its column reaches
// over the neighbours, so it goes beyond any neighbouring column it reaches
// over and beyond any figure placed before it there, in this category or
// the one before ("4.550" over a short column beside a taller one no longer
// runs into the taller one or its figure).  Above the columns for positive
// values, below for negative ones: each figure only moves away from zero,
// past one figure at a time, so the placing ends.
template <typename YOf>
std::vector<ChartPainter::PlacedFigure> ChartPainter::column_figures(
    size_t category, double group_left, double bar, double figure_size, YOf y_of,
    const std::vector<PlacedFigure>& before) const {
  const size_t series = series_count();
  const double zero = y_of(0);
  std::vector<PlacedFigure> placed;
  const auto spans = [](const PlacedFigure& figure, double left, double right, double margin) {
    return figure.x < right + margin && left - margin < figure.x + figure.width;
  };
  for (size_t s = 0; s < series; ++s) {
    const double v = value(s, category);
    PlacedFigure figure;
    figure.text = figure_text(v, s);
    figure.size = figure_size;
    figure.width = label_width(figure.text, figure.size);
    figure.height = line_height(figure.size);
    const double x = group_left + bar * static_cast<double>(s);
    figure.x = x + (bar - figure.width) / 2;
    const bool up = v >= 0;
    // Beyond the end of every column the figure spans.
    double edge = y_of(v);
    for (size_t other = 0; other < series; ++other) {
      const double other_left = group_left + bar * static_cast<double>(other);
      const double other_v = value(other, category);
      if (other == s || (other_v >= 0) != up ||
          !spans(figure, other_left, other_left + bar, -0.5)) {
        continue;
      }
      edge = up ? std::min(edge, y_of(other_v)) : std::max(edge, y_of(other_v));
    }
    figure.top = up ? std::min(edge, zero) - figure.height : std::max(edge, zero);
    const double natural_top = figure.top;
    // Beyond every figure already placed that it would touch: figures
    // closer than a gap read as one number ("1.250,51.250,5").
    const auto clear_of = [&](const std::vector<PlacedFigure>& others) {
      bool moved = false;
      for (const PlacedFigure& other : others) {
        if (!spans(figure, other.x, other.x + other.width, kGap / 2)) continue;
        if (figure.top >= other.top + other.height - 0.01 ||
            other.top >= figure.top + figure.height - 0.01) {
          continue;
        }
        figure.top = up ? other.top - figure.height : other.top + other.height;
        moved = true;
      }
      return moved;
    };
    while (clear_of(placed) || clear_of(before)) {
    }
    figure.lifted = std::abs(figure.top - natural_top) / figure.height;
    placed.push_back(figure);
  }
  return placed;
}

// True when some figure had to move more than two lines away from its
// column to stay clear of the others.
bool ChartPainter::crowded(const std::vector<std::vector<PlacedFigure>>& figures) {
  for (const std::vector<PlacedFigure>& category : figures) {
    for (const PlacedFigure& figure : category) {
      if (figure.lifted > kMaxFigureLift + 0.01) return true;
    }
  }
  return false;
}

// The plot of a column chart, laid out once for all its strips so that every
// strip has the same: names under the plot as tall as the longest of any
// strip needs, each wrapped a gap narrower than its slot so that neighbours
// never touch; room above the plot for the figures over the tallest bars
// (one line, or more when side-by-side figures wider than their bars had to
// be lifted over their neighbours', column_figures) and below it for the
// figures under the lowest negative bars, clear of the names.  Measured,
// then the plot laid out again between them.
ChartPainter::ColumnPlot ChartPainter::column_plot(double top, double bottom, double left,
                                                   double slot, double label_box) {
  double labels_height = 0;
  for (const std::string& category : chart_.categories) {
    labels_height = std::max(labels_height, text_block(category, kLabelSize, 0, 0, label_box,
                                                       doc::Align::kCenter, false, false));
  }
  const size_t series = series_count();
  const double group = slot * kGroupShare;
  const double bar = chart_.stacked ? group : group / static_cast<double>(series);
  const double plot_bottom_limit = bottom - labels_height - kGap;
  double room_above = line_height(kLabelSize);
  double room_below = 0;
  ColumnPlot plot;
  plot.figures.resize(chart_.categories.size());
  const double figure_size = chart_.stacked ? kLabelSize : column_figure_size(bar);
  const auto y_of = [&](double v) {
    return plot.bottom - (v - scale_.low) / (scale_.high - scale_.low) * (plot.bottom - plot.top);
  };
  for (int attempt = 0; attempt < 3; ++attempt) {
    plot.top = top + room_above;
    plot.bottom = std::max(plot_bottom_limit - room_below, plot.top + kMinPlotHeight);
    plot.labels_top = plot.bottom + kGap;
    if (chart_.stacked) break;
    double highest = plot.top, lowest = plot.bottom;
    for (const Part& part : parts_) {
      for (size_t i = 0; i < part.count; ++i) {
        const size_t c = part.first + i;
        const double slot_left = left + slot * static_cast<double>(i);
        static const std::vector<PlacedFigure> kNone;
        plot.figures[c] = column_figures(c, slot_left + (slot - group) / 2, bar, figure_size, y_of,
                                         i > 0 ? plot.figures[c - 1] : kNone);
        for (const PlacedFigure& figure : plot.figures[c]) {
          highest = std::min(highest, figure.top);
          lowest = std::max(lowest, figure.top + figure.height);
        }
      }
    }
    plot.labels_top = lowest + kGap;
    if (crowded(plot.figures)) {
      // Piles of figures over every column say less than the grid: a
      // chart this crowded (figures wider than their columns, many series,
      // many categories) draws none and keeps the plot's full height.
      for (std::vector<PlacedFigure>& category : plot.figures) category.clear();
      plot.top = top + line_height(kLabelSize);
      plot.bottom = std::max(plot_bottom_limit, plot.top + kMinPlotHeight);
      plot.labels_top = plot.bottom + kGap;
      break;
    }
    const double over = top - highest;
    // The plot shrinks by what hangs below it (and a figure under a
    // negative bar moves up with the bar, a little less than the plot).
    const double under = lowest - plot_bottom_limit;
    if (over <= 0.01 && under <= 0.01) break;
    room_above += std::max(over, 0.0);
    room_below += std::max(under, 0.0);
  }
  return plot;
}

void ChartPainter::columns(double top, double bottom) {
  const double left = axis_label_width() + kGap;
  const double slot = (width_ - left) / static_cast<double>(std::max<size_t>(slots_, 1));
  const double label_box = std::max(slot - kGap, 1.0);
  if (!column_plot_) column_plot_ = column_plot(top, bottom, left, slot, label_box);
  const ColumnPlot& plot = *column_plot_;
  const size_t series = series_count();
  const double group = slot * kGroupShare;
  const double bar = chart_.stacked ? group : group / static_cast<double>(series);
  const auto y_of = [&](double v) {
    return plot.bottom - (v - scale_.low) / (scale_.high - scale_.low) * (plot.bottom - plot.top);
  };

  const double label_lift = line_height(kLabelSize) / 2;
  for (double tick : scale_.ticks) {
    const double y = y_of(tick);
    grid_line(left, y, width_, y);
    const std::string label = text::format_number_short(tick);
    text_at(label, kLabelSize, left - kGap - label_width(label, kLabelSize), y - label_lift);
  }
  const double zero = y_of(0);
  for (size_t i = 0; i < count_; ++i) {
    const size_t c = first_ + i;
    const double slot_left = left + slot * static_cast<double>(i);
    if (chart_.stacked) {
      const double x = slot_left + (slot - group) / 2;
      const auto [positive, negative] = stack(c, [&](size_t s, double v, double from, double to) {
        const double top_y = std::min(y_of(from), y_of(to));
        const double height = std::abs(y_of(to) - y_of(from));
        box(x, top_y, bar, height, kSeriesColors[s % kSeriesColors.size()]);
        if (segments(c) > 1) segment_label(s, v, x, top_y, bar, height);
      });
      const std::string total = figure_text(positive + negative);
      const double size = label_width(total, kLabelSize) > slot ? kSmallLabelSize : kLabelSize;
      text_at(total, size, x + (bar - label_width(total, size)) / 2,
              y_of(positive) - line_height(size));
    }
    for (size_t s = 0; s < series && !chart_.stacked; ++s) {
      const double v = value(s, c);
      const double x = slot_left + (slot - group) / 2 + bar * static_cast<double>(s);
      const double y = y_of(v);
      box(x, std::min(y, zero), bar, std::abs(zero - y), kSeriesColors[s % kSeriesColors.size()]);
    }
    for (const PlacedFigure& figure : plot.figures[c]) {
      text_at(figure.text, figure.size, figure.x, figure.top);
    }
    text_block(chart_.categories[c], kLabelSize, slot_left + (slot - label_box) / 2,
               plot.labels_top, label_box, doc::Align::kCenter);
  }
  rule(left, plot.top, left, plot.bottom, Color{}, kRuleWidth);
  rule(left, zero, width_, zero, Color{}, kRuleWidth);
}

void ChartPainter::bars(double top, double bottom) {
  const double label_column = label_column_;
  // Room for the longest figure of the whole chart, so that every part has
  // the same plot.
  double value_room = 0;
  for (size_t s = 0; s < chart_.values.size(); ++s) {
    for (double v : chart_.values[s]) {
      value_room = std::max(value_room, label_width(figure_text(v, s), kLabelSize));
    }
  }
  for (size_t c = 0; c < chart_.categories.size() && chart_.stacked; ++c) {
    const auto [negative, positive] = stack_ends(chart_, c);
    value_room = std::max(value_room, label_width(figure_text(negative + positive), kLabelSize));
  }
  const double left = label_column + kGap;
  const double right = width_ - value_room - kGap;
  const double axis_labels = line_height(kLabelSize);
  const double plot_top = top;
  const double plot_bottom = std::max(bottom - axis_labels - kGap, plot_top + kMinPlotHeight);
  // Each category's band is as tall as its name needs (at least a line and
  // a bit), all stretched alike to fill the plot; the bars are as thick in
  // every band, centred in it.
  const double natural = part_bands();
  const double stretch = natural > 0 ? (plot_bottom - plot_top) / natural : 1;
  auto x_of = [&](double v) {
    return left + (v - scale_.low) / (scale_.high - scale_.low) * (right - left);
  };

  for (double tick : scale_.ticks) {
    const double x = x_of(tick);
    grid_line(x, plot_top, x, plot_bottom);
    const std::string label = text::format_number_short(tick);
    text_at(label, kLabelSize, x - label_width(label, kLabelSize) / 2, plot_bottom + kGap);
  }
  const double zero = x_of(0);
  const size_t series = series_count();
  const double group = bar_base_band() * stretch * kGroupShare;
  const double bar = chart_.stacked ? group : group / static_cast<double>(series);
  double band_top = plot_top;
  for (size_t c = first_; c < first_ + count_; ++c) {
    const double band = bands_[c] * stretch;
    // A name taller than its band (only when a part holds a single name
    // longer than a page) shows the lines its band has room for.
    const double label_height = text_block(chart_.categories[c], kLabelSize, 0, 0, label_column,
                                           doc::Align::kRight, false, false, band);
    text_block(chart_.categories[c], kLabelSize, 0, band_top + (band - label_height) / 2,
               label_column, doc::Align::kRight, false, true, band);
    if (chart_.stacked) {
      const double y = band_top + (band - group) / 2;
      const auto [positive, negative] = stack(c, [&](size_t s, double v, double from, double to) {
        const double left_x = std::min(x_of(from), x_of(to));
        const double length = std::abs(x_of(to) - x_of(from));
        box(left_x, y, length, bar, kSeriesColors[s % kSeriesColors.size()]);
        if (segments(c) > 1) segment_label(s, v, left_x, y, length, bar);
      });
      const std::string total = figure_text(positive + negative);
      const double size = line_height(kLabelSize) > band ? kSmallLabelSize : kLabelSize;
      // Bands thinner than a line of figures (a chart squeezed below its
      // least bands) would write the totals over each other: none then.
      if (line_height(size) <= band) {
        text_at(total, size, x_of(positive) + kGap / 2, y + (bar - line_height(size)) / 2);
      }
    }
    for (size_t s = 0; s < series && !chart_.stacked; ++s) {
      const double v = value(s, c);
      const double y = band_top + (band - group) / 2 + bar * static_cast<double>(s);
      const double x = x_of(v);
      box(std::min(x, zero), y, std::abs(x - zero), bar, kSeriesColors[s % kSeriesColors.size()]);
      const std::string label = figure_text(v, s);
      // A lone bar's figure may stand a little taller than the bar; the
      // figures of bars side by side must not, or they touch each other.
      const double slack = series > 1 ? 0 : kGap;
      double size = kLabelSize;
      if (line_height(size) > bar + slack) size = kSmallLabelSize;
      if (line_height(size) > bar + slack) continue;  // too thin for figures, as above
      const double label_x = v >= 0 ? x + kGap / 2 : x - kGap / 2 - label_width(label, size);
      text_at(label, size, label_x, y + (bar - line_height(size)) / 2);
    }
    band_top += band;
  }
  rule(zero, plot_top, zero, plot_bottom, Color{}, kRuleWidth);
  rule(left, plot_bottom, right, plot_bottom, Color{}, kRuleWidth);
}

std::string ChartPainter::title(bool continued) const {
  if (chart_.title.empty() || !continued) return chart_.title;
  return chart_.title + " (tiếp theo)";
}

double ChartPainter::title_height(bool continued) const {
  const std::string heading = title(continued);
  return heading.empty() ? 0 : wrapped_height(heading, kTitleSize, width_, true);
}

// Everything of a part but its plot: the title, the unit, the figures of
// the value axis under a bar chart's plot and the legend, with their gaps.
double ChartPainter::frame_height(bool continued) const {
  double height = kGap + title_height(continued);
  // The unit wraps like the title: "(Đơn vị: …)" may be wider than the chart.
  if (!chart_.unit.empty()) height += wrapped_height(unit_line(), kLabelSize, width_, false, true);
  height += legend_height();
  if (chart_.kind == doc::Chart::Kind::kBar) height += line_height(kLabelSize) + kGap;
  return height;
}

double ChartPainter::axis_label_width() const {
  double width = 0;
  for (double tick : scale_.ticks) {
    width = std::max(width, label_width(text::format_number_short(tick), kLabelSize));
  }
  return width;
}

// The least band of a bar chart's category whose name takes one line: a
// line and a bit for one bar (or a stack), or a line of small figures for
// each of the bars side by side.
// Bars side by side are each as thick as a line of figures, so that the
// figures of neighbouring bars never touch.
double ChartPainter::bar_base_band() const {
  return chart_.stacked || series_count() == 1
             ? kMinBandLines * line_height(kLabelSize)
             : static_cast<double>(series_count()) * line_height(kLabelSize) / kGroupShare;
}

// A bar chart's categories in parts, the way a long table is cut.  A chart
// that fits on the current page stays whole there; one that fits on a page
// of its own (under the heading kept with it) stays whole and goes there,
// drawn a little tighter if it only just misses (bands a tenth thinner still
// hold their names).  Longer charts fill the rest of the current page when a
// third of a page is left (else start on the next) and then page after
// page, the last part with a few bars at least.
std::vector<ChartPainter::Part> ChartPainter::bar_parts() {
  const size_t categories = chart_.categories.size();
  const double frame = frame_height(false);
  const double room = max_height_ - std::max(frame, frame_height(true));
  const double total = std::accumulate(bands_.begin(), bands_.end(), 0.0);
  const double here = first_here_ - frame;
  const double whole = first_max_height_ - frame;
  first_cap_ = first_max_height_;
  if (categories == 0 || total <= here + 1e-6) {
    first_cap_ = std::max(first_here_, 0.0);
    return {Part{0, categories}};
  }
  if (total <= max_height_ - frame + 1e-6 && total <= whole * kMostSqueeze) {
    return {Part{0, categories}};
  }
  const double first = here >= max_height_ / 3 ? here : whole;
  first_cap_ = first + frame;
  const auto room_of = [&](size_t part) { return part == 0 ? first : room; };
  std::vector<Part> parts;
  std::vector<double> heights;
  for (size_t c = 0; c < categories; ++c) {
    if (parts.empty() || heights.back() + bands_[c] > room_of(parts.size() - 1) + 1e-6) {
      parts.push_back(Part{c, 0});
      heights.push_back(0);
    }
    ++parts.back().count;
    heights.back() += bands_[c];
  }
  // Like a table's last rows, the last part takes a few bars from the
  // part before rather than stand alone with one or two.
  const size_t last = parts.size() - 1;
  while (last > 0 && parts[last].count < kLeastPartCategories &&
         parts[last - 1].count > kLeastPartCategories) {
    const size_t moved = parts[last].first - 1;
    if (heights[last] + bands_[moved] > room + 1e-6) break;
    --parts[last - 1].count;
    heights[last - 1] -= bands_[moved];
    parts[last].first = moved;
    ++parts[last].count;
    heights[last] += bands_[moved];
  }
  return parts;
}

// A column chart's categories in strips: as many columns in each as fit
// with every slot at least as wide as the longest word of any category
// name (at most a quarter of the plot), and the categories shared evenly
// among the strips.
std::vector<ChartPainter::Part> ChartPainter::column_parts() {
  const size_t categories = chart_.categories.size();
  double widest_word = 0;
  for (const std::string& category : chart_.categories) {
    size_t start = 0;
    while (start <= category.size()) {
      size_t end = category.find(' ', start);
      if (end == std::string::npos) end = category.size();
      if (end > start) {
        widest_word =
            std::max(widest_word, label_width(category.substr(start, end - start), kLabelSize));
      }
      start = end + 1;
    }
  }
  const double plot = width_ - axis_label_width() - kGap;
  // A word wider than a quarter of the plot (a code, a name written without
  // spaces) is broken rather than given a chart of its own per column.
  const double least_slot = std::min(widest_word + kGap, plot / 4);
  const size_t fit = std::max<size_t>(1, static_cast<size_t>(plot / least_slot));
  const size_t strips = std::max<size_t>(1, (categories + fit - 1) / fit);
  std::vector<Part> parts;
  size_t first = 0;
  for (size_t strip = 0; strip < strips; ++strip) {
    const size_t count = categories / strips + (strip < categories % strips ? 1 : 0);
    parts.push_back(Part{first, count});
    first += count;
  }
  slots_ = std::max<size_t>(parts.front().count, 1);
  return parts;
}

Fragment ChartPainter::paint_part(const Part& part, bool continued) {
  first_ = part.first;
  count_ = part.count;
  fragment_ = Fragment{};
  double height = mm(kChartHeight);
  if (chart_.kind == doc::Chart::Kind::kBar) {
    const double most = continued ? max_height_ : first_cap_;
    height = std::max(height, std::min(frame_height(continued) + part_bands(), most));
  }
  const std::string heading = title(continued);
  if (!heading.empty()) text_block(heading, kTitleSize, 0, 0, width_, doc::Align::kCenter, true);
  // Column strips put their plots at the same height under the title
  // whichever title wraps to more lines, so that every strip's plot is the
  // same.
  double y = title_height(continued);
  if (chart_.kind == doc::Chart::Kind::kColumn && parts_.size() > 1) {
    y = std::max(title_height(false), title_height(true));
  }
  if (!chart_.unit.empty()) {
    y += text_block(unit_line(), kLabelSize, 0, y, width_, doc::Align::kCenter, false, true,
                    std::numeric_limits<double>::infinity(), true);
  }
  y += kGap;
  double bottom = height;
  bottom -= legend_height();
  if (chart_.kind == doc::Chart::Kind::kBar) {
    bars(y, bottom);
  } else {
    columns(y, bottom);
  }
  if (chart_.series.size() > 1) legend(bottom + kGap);
  fragment_.height = height;
  fragment_.space_before = kChartSpace;
  fragment_.space_after = kChartSpace;
  return std::move(fragment_);
}

std::vector<Fragment> ChartPainter::paint() {
  scale_ = scale_for(chart_);
  if (chart_.kind == doc::Chart::Kind::kBar) {
    // The name column is the whole chart's, so every part lines up.
    label_column_ = 0;
    for (const std::string& category : chart_.categories) {
      label_column_ = std::max(label_column_, label_width(category, kLabelSize));
    }
    label_column_ = std::min(label_column_ + kGap, width_ / 3);
    // Every band is as tall as the tallest name needs: bars evenly spaced,
    // as a reader expects of a chart, even when one name wraps onto a
    // second line (a band of its own would push its bar out of the rhythm).
    // Up to names of three lines: a longer name gets a taller band of its
    // own rather than making every bar of the chart that tall.
    const double leading = kBandLeading * line_height(kLabelSize);
    const double most_even = std::max(bar_base_band(), 3 * line_height(kLabelSize) + leading);
    std::vector<double> needs;
    double even = bar_base_band();
    for (const std::string& category : chart_.categories) {
      const double name =
          text_block(category, kLabelSize, 0, 0, label_column_, doc::Align::kRight, false, false);
      needs.push_back(name + leading);
      even = std::max(even, std::min(needs.back(), most_even));
    }
    bands_.clear();
    for (double need : needs) bands_.push_back(std::max(even, need));
    parts_ = bar_parts();
  } else {
    parts_ = column_parts();
  }
  std::vector<Fragment> fragments;
  for (size_t p = 0; p < parts_.size(); ++p) fragments.push_back(paint_part(parts_[p], p > 0));
  return fragments;
}

}  // namespace

std::vector<Fragment> chart_fragments(const LayoutContext& context, const doc::Chart& chart,
                                      double width, const ChartRoom& room) {
  return ChartPainter(context, chart, width, room).paint();
}

}  // namespace ocopdoc::layout::detail
