// Native charts for @bieu-do: an Excel column or bar chart (side by side or
// stacked) whose series point at the chart's data, which the sheet writer
// puts in cells first, so a user who corrects a number sees the chart follow.

#include <algorithm>
#include <cmath>

#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx::detail {

namespace {

// libxlsxwriter's default chart size.
constexpr double kDefaultChartWidthPx = 480;
constexpr double kDefaultChartHeightPx = 288;
constexpr double kChartHeightPx = 320;
// A bar chart grows by this much per category beyond the usual height, so
// 27 districts keep readable bands (the PDF chart grows the same way).
constexpr double kBarBandPx = 22;
constexpr double kFurtherSeriesShare = 0.6;
constexpr double kBarChartFramePx = 110;  // title, axis, legend
// A line of 10 pt figures (13 px).
constexpr double kFigureLinePx = 13;
constexpr double kMaxChartWidthPx = 760;
// A bar chart grows up to about the printable height of a portrait A4 page
// (257 mm), as the PDF chart does: beyond it the bands just get thinner.
constexpr double kMaxChartHeightPx = 960;
// Height of a row nobody set (libxlsxwriter's default, 15 pt = 20 px).
constexpr double kDefaultRowHeightPx = 20;

lxw_chart_font chart_font(double size, bool bold) {
  lxw_chart_font font{};
  static char kName[] = "Times New Roman";
  font.name = kName;
  font.size = size;
  font.bold = bold ? LXW_TRUE : LXW_FALSE;
  return font;
}

// The value axis as the PDF chart draws it (layout/chart.cpp): figures
// grouped by thousands, and counts (products, trainees) without fractional
// grid lines.  Excel's automatic scale would label 45000 as "45000" and,
// for a few products, step by 0,2 product.  The bounds stay automatic, so
// the chart still follows a number the user corrects.
void scale_value_axis(lxw_chart_axis* axis, const doc::Chart& chart) {
  double largest = 0;
  bool whole_numbers = true;
  bool negatives = false;
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    double negative = 0, positive = 0;
    for (const std::vector<double>& series : chart.values) {
      const double value = c < series.size() ? series[c] : 0;
      whole_numbers = whole_numbers && value == std::floor(value);
      negatives = negatives || value < 0;
      if (chart.stacked) {
        (value < 0 ? negative : positive) += value;
      } else {
        largest = std::max(largest, std::abs(value));
      }
    }
    largest = std::max({largest, -negative, positive});
  }
  // Bars start at zero, as the PDF's do: Excel's own minimum for values
  // close together (12, 13, 12) is near them, which makes small differences
  // look large and steps by fractions.
  if (!negatives) chart_axis_set_min(axis, 0);
  // Below 10 Excel may step by fractions, which "#,##0" would round; whole
  // numbers there step by one.
  if (largest >= 10) chart_axis_set_num_format(axis, "#,##0");
  if (whole_numbers && largest < 10) {
    chart_axis_set_num_format(axis, "0");
    chart_axis_set_major_unit(axis, 1);
  }
}

}  // namespace

double chart_height_px(const doc::Chart& chart, double max_height_px) {
  if (chart.kind != doc::Chart::Kind::kBar) return kChartHeightPx;
  // Side by side, each series of a category has a bar and a figure of its
  // own: the band grows by most of a band per further series.
  const double series_after_first =
      chart.stacked ? 0.0 : static_cast<double>(std::max<size_t>(chart.series.size(), 1) - 1);
  const double category_band = kBarBandPx * (1 + kFurtherSeriesShare * series_after_first);
  return std::clamp(kBarChartFramePx + category_band * static_cast<double>(chart.categories.size()),
                    kChartHeightPx,
                    std::max(kChartHeightPx, std::min(kMaxChartHeightPx, max_height_px)));
}

std::uint32_t insert_chart(lxw_workbook* workbook, lxw_worksheet* sheet, std::uint32_t row,
                           const doc::Chart& chart, const ChartData& data, double width_px,
                           double max_height_px) {
  const bool bar = chart.kind == doc::Chart::Kind::kBar;
  const std::uint8_t type = bar ? (chart.stacked ? LXW_CHART_BAR_STACKED : LXW_CHART_BAR)
                                : (chart.stacked ? LXW_CHART_COLUMN_STACKED : LXW_CHART_COLUMN);
  lxw_chart* native = workbook_add_chart(workbook, type);
  if (native == nullptr) throw XlsxError("không tạo được biểu đồ");
  const auto last_category_row =
      static_cast<std::uint32_t>(data.header_row + chart.categories.size());
  const double height = chart_height_px(chart, max_height_px);
  // Figures on the bars, unless a bar chart stopped growing at the page
  // with so many categories that a bar is thinner than a line of figures
  // (they would be written over each other).
  const double bars_down = static_cast<double>(chart.categories.size()) *
                           (chart.stacked ? 1.0 : static_cast<double>(chart.series.size()));
  const bool figures =
      !bar || (height - kBarChartFramePx) / std::max(bars_down, 1.0) >= kFigureLinePx;
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const auto value_col = static_cast<std::uint16_t>(data.first_value_col + s);
    const std::string categories =
        "=" + sheet_range(data.sheet, data.header_row + 1, data.first_col, last_category_row,
                          data.first_col);
    const std::string values =
        "=" + sheet_range(data.sheet, data.header_row + 1, value_col, last_category_row, value_col);
    lxw_chart_series* series = chart_add_series(native, categories.c_str(), values.c_str());
    if (series == nullptr) throw XlsxError("không thêm được dãy số liệu vào biểu đồ");
    const std::string name =
        "=" + sheet_range(data.sheet, data.header_row, value_col, data.header_row, value_col);
    chart_series_set_name(series, name.c_str());
    if (!figures) continue;
    chart_series_set_labels(series);
    lxw_chart_font label_font = chart_font(10, false);
    chart_series_set_labels_font(series, &label_font);
    // A zero segment of a stacked bar has no width: its "0" would sit on
    // the neighbouring segment's figure.
    if (chart.stacked) chart_series_set_labels_num_format(series, "#,##0.##;-#,##0.##;;");
  }
  lxw_chart_font title_font = chart_font(13, true);
  lxw_chart_font axis_font = chart_font(11, false);
  if (!chart.title.empty()) {
    chart_title_set_name(native, chart.title.c_str());
    chart_title_set_name_font(native, &title_font);
  } else {
    chart_title_off(native);
  }
  // A bar chart's value axis is its horizontal one.
  lxw_chart_axis* value_axis = bar ? native->x_axis : native->y_axis;
  lxw_chart_axis* category_axis = bar ? native->y_axis : native->x_axis;
  // A narrow gap between categories keeps the bars as thick as the PDF's
  // (Excel's default gap is 150% of a bar), and a horizontal bar as thick
  // as the line of its figure.
  if (chart.stacked || bar) chart_set_series_gap(native, 50);
  if (bar) {
    // Excel draws the first category at the bottom; the PDF and the data
    // above the chart read top down.  Reversed, with the value axis crossing
    // at the last category so that it stays at the bottom.
    chart_axis_set_reverse(category_axis);
    chart_axis_set_crossing_max(category_axis);
  }
  if (!chart.unit.empty()) {
    chart_axis_set_name(value_axis, chart.unit.c_str());
    chart_axis_set_name_font(value_axis, &axis_font);
  }
  chart_axis_set_num_font(value_axis, &axis_font);
  scale_value_axis(value_axis, chart);
  chart_axis_set_num_font(category_axis, &axis_font);
  if (chart.series.size() > 1) {
    chart_legend_set_position(native, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(native, &axis_font);
  } else {
    chart_legend_set_position(native, LXW_CHART_LEGEND_NONE);
  }
  lxw_chart_options options{};
  const double width = std::clamp(width_px, kDefaultChartWidthPx, kMaxChartWidthPx);
  options.x_scale = width / kDefaultChartWidthPx;
  options.y_scale = height / kDefaultChartHeightPx;
  options.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
  check(worksheet_insert_chart_opt(sheet, row, 0, native, &options), "chèn biểu đồ");
  return static_cast<std::uint32_t>(std::ceil(height / kDefaultRowHeightPx)) + 1;
}

}  // namespace ocopdoc::xlsx::detail
