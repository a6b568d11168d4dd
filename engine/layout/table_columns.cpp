// Table column widths from ColumnWidth specs and content.

#include <algorithm>

#include "layout/layout_internal.h"
#include "layout/table_internal.h"

namespace ocopdoc::layout::detail {

namespace {

using Kind = doc::ColumnWidth::Kind;

double weight_of(const doc::ColumnWidth& spec) {
  return spec.value > 0 ? spec.value : 1;
}

// Shares `budget` among `columns` by weight without giving any less than its
// minimum: a column whose share would fall below its minimum gets the
// minimum and leaves the rest to the others.
//
// Nor more than it can use while another must wrap: a column whose share is
// wider than its longest line (`maximums`) keeps just that line's width when
// some other column is too narrow for its own lines, and the others share
// the rest.  So a column holding only "Tỉnh Thanh Hóa" gives its spare width
// to a column of long names instead of both keeping the template's 4*.
// When the budget holds every column's longest line, each gets its line and
// the width left over is shared by weight: no column wraps (a header that
// would wrap under the plain shares stays on one line), and none takes all
// the spare width because it alone was short.  When the plain shares already
// hold every line, they are kept exactly, as the template asked.
void share_by_weight(const std::vector<size_t>& columns, const std::vector<double>& weights,
                     const std::vector<double>& minimums, const std::vector<double>& maximums,
                     double budget, std::vector<double>& widths) {
  std::vector<size_t> open = columns;
  auto total_weight = [&](const std::vector<size_t>& set) {
    double total = 0;
    for (size_t c : set) total += weights[c];
    return total;
  };
  auto share = [&](size_t c) { return std::max(budget, 0.0) * weights[c] / total_weight(open); };
  auto line = [&](size_t c) { return std::max(maximums[c], minimums[c]); };
  bool changed = true;
  while (changed && !open.empty()) {
    changed = false;
    for (auto it = open.begin(); it != open.end(); ++it) {
      if (share(*it) < minimums[*it]) {
        widths[*it] = minimums[*it];
        budget -= minimums[*it];
        open.erase(it);
        changed = true;
        break;
      }
    }
  }
  if (open.empty()) return;
  const bool every_line_fits_plainly = std::all_of(
      open.begin(), open.end(), [&](size_t c) { return share(c) + kEpsilon >= line(c); });
  if (every_line_fits_plainly) {
    for (size_t c : open) widths[c] = share(c);
    return;
  }
  double lines = 0;
  for (size_t c : open) lines += line(c);
  if (lines <= budget + kEpsilon) {
    const double spare = budget - lines;
    const double weight = total_weight(open);
    for (size_t c : open) widths[c] = line(c) + spare * weights[c] / weight;
    return;
  }
  // Some column must wrap: the ones with more than their line keep their
  // line, repeatedly, and the rest share what is left by weight (each of
  // them then has less than its line).
  changed = true;
  while (changed) {
    changed = false;
    std::vector<size_t> spare;
    for (size_t c : open) {
      if (share(c) > line(c) + kEpsilon) spare.push_back(c);
    }
    for (size_t c : spare) {
      widths[c] = line(c);
      budget -= widths[c];
      std::erase(open, c);
      changed = true;
    }
  }
  for (size_t c : open) widths[c] = share(c);
}

}  // namespace

std::vector<double> resolve_column_widths(const std::vector<doc::ColumnWidth>& specs,
                                          const std::vector<ColumnContent>& content,
                                          double available) {
  const size_t count = specs.size();
  std::vector<double> widths(count, 0);
  std::vector<size_t> autos, fractions;
  std::vector<double> minimums(count, 0), weights(count, 0);
  double fixed_total = 0, flexible_min = 0;
  for (size_t c = 0; c < count; ++c) {
    const ColumnContent wanted = c < content.size() ? content[c] : ColumnContent{};
    minimums[c] = wanted.min;
    switch (specs[c].kind) {
      case Kind::kMillimetres:
        widths[c] = mm(specs[c].value);
        fixed_total += widths[c];
        break;
      case Kind::kFraction:
        fractions.push_back(c);
        weights[c] = weight_of(specs[c]);
        flexible_min += wanted.min;
        break;
      case Kind::kAuto:
        autos.push_back(c);
        flexible_min += wanted.min;
        break;
    }
  }

  // Not even the minimums fit: everything shrinks in proportion.
  if (fixed_total + flexible_min > available + kEpsilon) {
    const double total = fixed_total + flexible_min;
    for (size_t c = 0; c < count; ++c) {
      const double wanted = specs[c].kind == Kind::kMillimetres ? widths[c] : minimums[c];
      widths[c] = total > 0 ? wanted * available / total : available / static_cast<double>(count);
    }
    return widths;
  }

  const double rest = available - fixed_total;
  double auto_min = 0, auto_max = 0;
  for (size_t c : autos) {
    auto_min += content[c].min;
    auto_max += std::max(content[c].max, content[c].min);
  }
  auto max_of = [&](size_t c) { return std::max(content[c].max, content[c].min); };

  if (fractions.empty()) {
    if (autos.empty()) return widths;
    if (auto_max <= rest) {
      for (size_t c : autos) {
        widths[c] = auto_max > 0 ? max_of(c) + (rest - auto_max) * max_of(c) / auto_max
                                 : rest / static_cast<double>(autos.size());
      }
    } else {
      const double ratio = auto_max > auto_min ? (rest - auto_min) / (auto_max - auto_min) : 0;
      for (size_t c : autos) widths[c] = content[c].min + (max_of(c) - content[c].min) * ratio;
    }
    return widths;
  }

  double fraction_min = 0;
  for (size_t c : fractions) fraction_min += minimums[c];
  if (auto_max + fraction_min <= rest) {
    for (size_t c : autos) widths[c] = max_of(c);
  } else {
    const double ratio =
        auto_max > auto_min ? (rest - fraction_min - auto_min) / (auto_max - auto_min) : 0;
    for (size_t c : autos) widths[c] = content[c].min + (max_of(c) - content[c].min) * ratio;
  }
  double used = 0;
  for (size_t c : autos) used += widths[c];
  std::vector<double> maximums(count, 0);
  for (size_t c : fractions) maximums[c] = max_of(c);
  share_by_weight(fractions, weights, minimums, maximums, rest - used, widths);
  return widths;
}

}  // namespace ocopdoc::layout::detail
