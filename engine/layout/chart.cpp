// Charts: a vector column or bar chart drawn with rectangles, lines and
// text, as wide as the text and kept on one page: 8 cm tall, or taller for a
// bar chart with many categories (27 districts) so that each keeps a
// readable band, up to the height of a page.
//
// Administrative reports print in black and white as often as in colour, so
// the colours are few and sober (dark blue, grey, dark red, dark green) and
// every bar carries its value in figures: beside it, or for stacked bars
// inside each segment wide enough for it, with the bar's total at its end.

#include <algorithm>
#include <array>
#include <cmath>

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
  if (high - low <= 0) high = low + 1;
  Scale scale;
  scale.step = nice_step(high - low);
  // Counts (products, trainees) never get a "0,5" grid line.
  if (whole_numbers) scale.step = std::max(scale.step, 1.0);
  // The axis starts and ends on grid lines around the data (and zero).
  scale.low = std::floor(low / scale.step + 1e-9) * scale.step;
  scale.high = std::ceil(high / scale.step - 1e-9) * scale.step;
  for (double tick = scale.low; tick <= scale.high + scale.step / 2; tick += scale.step) {
    scale.ticks.push_back(std::abs(tick) < scale.step * 1e-9 ? 0 : tick);
  }
  return scale;
}

class ChartPainter {
 public:
  ChartPainter(const LayoutContext& context, const doc::Chart& chart, double width,
               double max_height)
      : context_(context),
        chart_(chart),
        width_(width),
        max_height_(max_height),
        where_(at_line("biểu đồ", chart.line)) {}

  Fragment paint();

 private:
  // Text helpers; y is measured downwards from the top of the chart.
  double label_width(const std::string& text, double size, bool bold = false) const {
    return text_width(context_, text, BlockFont{size, bold, false}, where_);
  }
  double line_height(double size) const { return natural_line_height(context_.fonts, size); }
  void text_at(const std::string& text, double size, double x, double top, bool bold = false,
               bool italic = false) {
    const LineBox line = set_plain_line(context_, text, BlockFont{size, bold, italic}, 1.0, where_);
    fragment_.add_line(line, x, top);
  }
  // Wrapped, centred (or right-aligned) text in a box; returns the lines' height.
  double text_block(const std::string& text, double size, double x, double top, double width,
                    doc::Align align, bool bold = false, bool draw = true) {
    TextFormat format;
    format.font = BlockFont{size, bold, false};
    format.align = align;
    double y = top;
    for (const LineBox& line : set_lines(context_, plain_inline(text), format, width, where_)) {
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
  void segment_label(double v, double x, double top, double width, double height);
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
  double legend(double top);
  void columns(double top, double bottom);
  void bars(double top, double bottom);

  const LayoutContext& context_;
  const doc::Chart& chart_;
  double width_;
  double max_height_;
  std::string where_;
  Fragment fragment_;
  Scale scale_;
};

double ChartPainter::legend(double top) {
  // One swatch and name per series, centred on one line.
  double total = 0;
  for (const std::string& name : chart_.series) {
    total += kLegendSwatch + kGap + label_width(name, kLabelSize) + 3 * kGap;
  }
  double x = std::max((width_ - total) / 2, 0.0);
  const double height = line_height(kLabelSize);
  for (size_t s = 0; s < chart_.series.size(); ++s) {
    box(x, top + (height - kLegendSwatch) / 2, kLegendSwatch, kLegendSwatch,
        kSeriesColors[s % kSeriesColors.size()]);
    x += kLegendSwatch + kGap;
    text_at(chart_.series[s], kLabelSize, x, top);
    x += label_width(chart_.series[s], kLabelSize) + 3 * kGap;
  }
  return height;
}

void ChartPainter::segment_label(double v, double x, double top, double width, double height) {
  const std::string label = text::format_number_short(v);
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
      if (label_width(text::format_number_short(value(s, c)), kLabelSize) > bar + kGap) {
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
    figure.text = text::format_number_short(v);
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

void ChartPainter::columns(double top, double bottom) {
  const size_t categories = std::max<size_t>(chart_.categories.size(), 1);
  double axis_width = 0;
  for (double tick : scale_.ticks) {
    axis_width = std::max(axis_width, label_width(text::format_number_short(tick), kLabelSize));
  }
  const double left = axis_width + kGap;
  const double slot = (width_ - left) / static_cast<double>(categories);

  // Category labels under the plot take as many lines as the longest needs.
  double labels_height = 0;
  for (const std::string& category : chart_.categories) {
    labels_height = std::max(labels_height, text_block(category, kLabelSize, 0, 0, slot,
                                                       doc::Align::kCenter, false, false));
  }
  const size_t series = series_count();
  const double group = slot * kGroupShare;
  const double bar = chart_.stacked ? group : group / static_cast<double>(series);
  const double plot_bottom_limit = bottom - labels_height - kGap;
  // Room above the plot for the figures over the tallest bars: one line,
  // or more when side-by-side figures wider than their bars had to be
  // lifted over their neighbours' (column_figures); and below it for the
  // figures under the lowest negative bars, clear of the category labels.
  // Measured, then the plot laid out again between them.
  double room_above = line_height(kLabelSize);
  double room_below = 0;
  double plot_top = 0, plot_bottom = 0;
  double labels_top = 0;  // the category labels, under the plot and any figure
  std::vector<std::vector<PlacedFigure>> figures(chart_.categories.size());
  const double figure_size = chart_.stacked ? kLabelSize : column_figure_size(bar);
  const auto y_of = [&](double v) {
    return plot_bottom - (v - scale_.low) / (scale_.high - scale_.low) * (plot_bottom - plot_top);
  };
  for (int attempt = 0; attempt < 3; ++attempt) {
    plot_top = top + room_above;
    plot_bottom = std::max(plot_bottom_limit - room_below, plot_top + kMinPlotHeight);
    labels_top = plot_bottom + kGap;
    if (chart_.stacked) break;
    double highest = plot_top, lowest = plot_bottom;
    for (size_t c = 0; c < chart_.categories.size(); ++c) {
      const double slot_left = left + slot * static_cast<double>(c);
      static const std::vector<PlacedFigure> kNone;
      figures[c] = column_figures(c, slot_left + (slot - group) / 2, bar, figure_size, y_of,
                                  c > 0 ? figures[c - 1] : kNone);
      for (const PlacedFigure& figure : figures[c]) {
        highest = std::min(highest, figure.top);
        lowest = std::max(lowest, figure.top + figure.height);
      }
    }
    labels_top = lowest + kGap;
    if (crowded(figures)) {
      // Piles of figures over every column say less than the grid: a
      // chart this crowded (figures wider than their columns, many series,
      // many categories) draws none and keeps the plot's full height.
      for (std::vector<PlacedFigure>& category : figures) category.clear();
      plot_top = top + line_height(kLabelSize);
      plot_bottom = std::max(plot_bottom_limit, plot_top + kMinPlotHeight);
      labels_top = plot_bottom + kGap;
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

  const double label_lift = line_height(kLabelSize) / 2;
  for (double tick : scale_.ticks) {
    const double y = y_of(tick);
    grid_line(left, y, width_, y);
    const std::string label = text::format_number_short(tick);
    text_at(label, kLabelSize, left - kGap - label_width(label, kLabelSize), y - label_lift);
  }
  const double zero = y_of(0);
  for (size_t c = 0; c < chart_.categories.size(); ++c) {
    const double slot_left = left + slot * static_cast<double>(c);
    if (chart_.stacked) {
      const double x = slot_left + (slot - group) / 2;
      const auto [positive, negative] = stack(c, [&](size_t s, double v, double from, double to) {
        const double top_y = std::min(y_of(from), y_of(to));
        const double height = std::abs(y_of(to) - y_of(from));
        box(x, top_y, bar, height, kSeriesColors[s % kSeriesColors.size()]);
        segment_label(v, x, top_y, bar, height);
      });
      const std::string total = text::format_number_short(positive + negative);
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
    for (const PlacedFigure& figure : figures[c]) {
      text_at(figure.text, figure.size, figure.x, figure.top);
    }
    text_block(chart_.categories[c], kLabelSize, slot_left, labels_top, slot, doc::Align::kCenter);
  }
  rule(left, plot_top, left, plot_bottom, Color{}, kRuleWidth);
  rule(left, zero, width_, zero, Color{}, kRuleWidth);
}

void ChartPainter::bars(double top, double bottom) {
  const size_t categories = std::max<size_t>(chart_.categories.size(), 1);
  double label_column = 0;
  for (const std::string& category : chart_.categories) {
    label_column = std::max(label_column, label_width(category, kLabelSize));
  }
  label_column = std::min(label_column + kGap, width_ / 3);
  double value_room = 0;
  for (size_t s = 0; s < chart_.values.size(); ++s) {
    for (double v : chart_.values[s]) {
      value_room = std::max(value_room, label_width(text::format_number_short(v), kLabelSize));
    }
  }
  for (size_t c = 0; c < chart_.categories.size() && chart_.stacked; ++c) {
    const auto [negative, positive] = stack_ends(chart_, c);
    value_room = std::max(value_room,
                          label_width(text::format_number_short(negative + positive), kLabelSize));
  }
  const double left = label_column + kGap;
  const double right = width_ - value_room - kGap;
  const double axis_labels = line_height(kLabelSize);
  const double plot_top = top;
  const double plot_bottom = std::max(bottom - axis_labels - kGap, plot_top + kMinPlotHeight);
  const double band = (plot_bottom - plot_top) / static_cast<double>(categories);
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
  const double group = band * kGroupShare;
  const double bar = chart_.stacked ? group : group / static_cast<double>(series);
  for (size_t c = 0; c < chart_.categories.size(); ++c) {
    const double band_top = plot_top + band * static_cast<double>(c);
    const double label_height = text_block(chart_.categories[c], kLabelSize, 0, 0, label_column,
                                           doc::Align::kRight, false, false);
    text_block(chart_.categories[c], kLabelSize, 0, band_top + (band - label_height) / 2,
               label_column, doc::Align::kRight);
    if (chart_.stacked) {
      const double y = band_top + (band - group) / 2;
      const auto [positive, negative] = stack(c, [&](size_t s, double v, double from, double to) {
        const double left_x = std::min(x_of(from), x_of(to));
        const double length = std::abs(x_of(to) - x_of(from));
        box(left_x, y, length, bar, kSeriesColors[s % kSeriesColors.size()]);
        segment_label(v, left_x, y, length, bar);
      });
      const std::string total = text::format_number_short(positive + negative);
      const double size = line_height(kLabelSize) > band ? kSmallLabelSize : kLabelSize;
      // Bands thinner than a line of figures (hundreds of categories on a
      // page) would write the totals over each other: none then.
      if (line_height(size) <= band) {
        text_at(total, size, x_of(positive) + kGap / 2, y + (bar - line_height(size)) / 2);
      }
    }
    for (size_t s = 0; s < series && !chart_.stacked; ++s) {
      const double v = value(s, c);
      const double y = band_top + (band - group) / 2 + bar * static_cast<double>(s);
      const double x = x_of(v);
      box(std::min(x, zero), y, std::abs(x - zero), bar, kSeriesColors[s % kSeriesColors.size()]);
      const std::string label = text::format_number_short(v);
      double size = kLabelSize;
      if (line_height(size) > bar + kGap) size = kSmallLabelSize;
      if (line_height(size) > bar + kGap) continue;  // too thin for figures, as above
      const double label_x = v >= 0 ? x + kGap / 2 : x - kGap / 2 - label_width(label, size);
      text_at(label, size, label_x, y + (bar - line_height(size)) / 2);
    }
  }
  rule(zero, plot_top, zero, plot_bottom, Color{}, kRuleWidth);
  rule(left, plot_bottom, right, plot_bottom, Color{}, kRuleWidth);
}

Fragment ChartPainter::paint() {
  scale_ = scale_for(chart_);
  double height = mm(kChartHeight);
  if (chart_.kind == doc::Chart::Kind::kBar) {
    // Title, unit, axis figures and legend take about four lines; each
    // category a band of kMinBandLines lines (one bar, or one bar per series
    // side by side at the small size).
    const double band =
        chart_.stacked || series_count() == 1
            ? kMinBandLines * line_height(kLabelSize)
            : static_cast<double>(series_count()) * line_height(kSmallLabelSize) / kGroupShare;
    const double needed =
        4 * (line_height(kTitleSize) + kGap) + band * static_cast<double>(chart_.categories.size());
    height = std::max(height, std::min(needed, max_height_));
  }
  double y = 0;
  if (!chart_.title.empty()) {
    y += text_block(chart_.title, kTitleSize, 0, y, width_, doc::Align::kCenter, true);
  }
  if (!chart_.unit.empty()) {
    const std::string unit = "(Đơn vị: " + chart_.unit + ")";
    text_at(unit, kLabelSize, (width_ - label_width(unit, kLabelSize)) / 2, y, false, true);
    y += line_height(kLabelSize);
  }
  y += kGap;
  double bottom = height;
  if (chart_.series.size() > 1) bottom -= line_height(kLabelSize) + kGap;
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

}  // namespace

Fragment chart_fragment(const LayoutContext& context, const doc::Chart& chart, double width,
                        double max_height) {
  return ChartPainter(context, chart, width, max_height).paint();
}

}  // namespace ocopdoc::layout::detail
