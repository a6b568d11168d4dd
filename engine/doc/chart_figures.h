// How the figures of a chart are printed, by every writer alike.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "doc/document.h"

namespace ocopdoc::doc {

// A series of a chart reads as one precision: each of its figures has as
// many decimals as its most precise value needs (up to two), so a
// disbursement of 11.532 triệu đồng prints "11.532,0" beside "2.399,4"
// instead of "11.532".  A series of whole numbers stays whole.  The total of
// a stack, which adds several series, takes the chart's most precise.
class ChartFigures {
 public:
  explicit ChartFigures(const Chart& chart);

  std::string of(double value, size_t series) const;
  std::string of_total(double value) const;
  // The decimals series `series` prints with (0–2), for writers that
  // format figures themselves (a spreadsheet's number format).
  int decimals(size_t series) const {
    return series < decimals_.size() ? decimals_[series] : most_;
  }

 private:
  std::vector<int> decimals_;  // per series
  int most_ = 0;
};

}  // namespace ocopdoc::doc
