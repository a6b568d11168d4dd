#include "doc/chart_figures.h"

#include <algorithm>

#include "text/text.h"

namespace ocopdoc::doc {

namespace {

std::string with_decimals(double value, int decimals) {
  return decimals == 0 ? text::format_number_short(value) : text::format_decimal(value, decimals);
}

}  // namespace

ChartFigures::ChartFigures(const Chart& chart) : decimals_(chart.values.size(), 0) {
  for (size_t series = 0; series < chart.values.size(); ++series) {
    for (double value : chart.values[series]) {
      // The shortest form ("2.399,4", "0,25", "11.532") tells what the
      // value needs; it already stops at two decimals.
      const std::string shortest = text::format_number_short(value);
      const size_t comma = shortest.find(',');
      if (comma == std::string::npos) continue;
      const int decimals = static_cast<int>(shortest.size() - comma - 1);
      decimals_[series] = std::max(decimals_[series], decimals);
      most_ = std::max(most_, decimals);
    }
  }
}

std::string ChartFigures::of(double value, size_t series) const {
  return with_decimals(value, decimals(series));
}

std::string ChartFigures::of_total(double value) const {
  return with_decimals(value, most_);
}

}  // namespace ocopdoc::doc
