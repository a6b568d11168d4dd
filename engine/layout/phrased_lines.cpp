// Lines broken where phrases end: titles, agency names, headings, table
// cells.
//
// Such text is set on the fewest lines its width allows, like any other
// (with one exception below), but where those lines break is chosen, not
// left to filling each line in turn.  Filling cuts wherever a line runs out
// ("… Chương trình mỗi xã một sản / phẩm tháng 6 năm 2019"), and balancing
// centred lines by narrowing the measure cuts wherever the middle falls.
// Here every way of cutting the words into that many lines that fit is
// weighed, and the cheapest is set:
//   - each break costs what its place is worth to a reader
//     (text::break_fits: nothing after a comma, a little before "tháng" or
//     "của", a neutral price anywhere else, a high one inside "sản phẩm",
//     "huyện Nga Sơn" or "năm 2019");
//   - centred lines of unlike width cost the square of each line's
//     shortfall from the widest, so a good break wins over a balanced one
//     unless it leaves a line much shorter (a line at half the widest costs
//     as much as a neutral break saves); ragged lines (a heading set flush
//     left) cost the square of each line's shortfall from the full width,
//     except the last;
//   - an agency's name pays a little for a line wider than the one above:
//     "VĂN PHÒNG ĐIỀU PHỐI / NÔNG THÔN MỚI", the inverted pyramid agencies
//     draw, unless a better break shapes it otherwise ("ỦY BAN NHÂN DÂN /
//     HUYỆN HOẰNG HÓA"); a centred line narrower than both its neighbours
//     pays as much (an hourglass is no title's shape);
//   - a last line of one word pays as a neutral break does, as filling
//     avoids it (LineBreaker::avoid_runt).
// When the cheapest cut into the fewest lines cuts a word or a name, one
// line more is taken if its cheapest cut does not, and still costs less with
// the price of the extra line added (not in table cells, where a line more
// makes the row taller).
// A forced break is kept, and each stretch of text between two is weighed
// on its own.  Titles and headings have tens of words on two to four lines,
// so the ways are few enough to try them all; a stretch with more falls
// back to filling, and centred text to filling balanced by measure.  A
// stretch with a word wider than the line is filled.

#include <algorithm>
#include <cmath>
#include <span>

#include "layout/layout_internal.h"
#include "layout/line_breaker_internal.h"
#include "text/text.h"

namespace ocopdoc::layout::detail {

namespace {

// The price of a break at a place of each fit (text::BreakFit order).
constexpr double kBreakCost[] = {0.0, 0.25, 1.0, 3.0, 4.5};
constexpr double kUnevenWeight = 3.0;
// Flush left, a short line before a full one shows more than in centred
// text: a line at three fifths of the width costs what a good break saves
// over a neutral one.
constexpr double kRaggedWeight = 5.0;
constexpr double kWideningCost = 0.6;
// A centred line narrower than both its neighbours pinches the title's shape.
constexpr double kPinchedCost = 0.6;
// A last line of one word, under a line that could have given it another
// (what filling avoids with LineBreaker::avoid_runt).
constexpr double kRuntCost = 1.0;
// The price of a line more than the fewest.
constexpr double kExtraLineCost = 1.25;
// Beyond this many ways of cutting, fill (or balance by measure) instead.
constexpr double kMostWays = 200000;
// Bisection steps when balancing by measure (to a hundredth of a point).
constexpr int kBalanceSteps = 16;

// The number of ways to choose `k` of `n` (the cuts of n + 1 words into
// k + 1 lines), as a double only compared with kMostWays; more than
// kMostWays when k > n (a word cut between letters gave more lines than
// words), which is not weighed.
double ways(size_t n, size_t k) {
  if (k > n) return kMostWays + 1;
  double result = 1;
  for (size_t i = 1; i <= k; ++i) {
    result = result * static_cast<double>(n - k + i) / static_cast<double>(i);
    if (result > kMostWays) break;
  }
  return result;
}

// A word's text as text::break_fits reads it: without footnote marks, so
// "tiêu.¹" still ends a sentence.
std::string word_text(const Word& word) {
  std::string text;
  for (const Piece& piece : word.pieces) {
    if (piece.style.rise == 0) text += piece.text;
  }
  return text;
}

// Whether each line is no wider than the one above it (half a point of
// slack: the same text set twice may differ by rounding).
bool narrowing(const std::vector<TextLine>& lines) {
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].width > lines[i - 1].width + 0.5) return false;
  }
  return true;
}

// The fallback for centred text: filled lines at the narrowest measure that
// gives as many lines as `available`, found by bisection, widened a point
// at a time for an agency's name until each line is no wider than the one
// above.  (A wider measure never needs more lines, and `available` gave
// `count`.)
std::vector<TextLine> balance_by_measure(LineBreaker& breaker, std::span<const Word> words,
                                         double available, size_t count, bool agency_shape) {
  double low = available / static_cast<double>(count), high = available;
  for (int step = 0; step < kBalanceSteps; ++step) {
    const double middle = (low + high) / 2;
    if (breaker.break_lines(words, middle, middle).size() == count) {
      high = middle;
    } else {
      low = middle;
    }
  }
  std::vector<TextLine> lines = breaker.break_lines(words, high, high);
  while (agency_shape && !narrowing(lines) && high < available) {
    high = std::min(high + 1, available);
    lines = breaker.break_lines(words, high, high);
  }
  return lines;
}

// The cheapest cut of a stretch of words into a number of lines.
struct Cut {
  std::vector<size_t> ends;  // one past each line's last word
  double cost = HUGE_VAL;
  bool cuts_badly = false;  // breaks at a place to avoid
};

class CutWeigher {
 public:
  CutWeigher(std::span<const Word> words, double first_available, double rest_available,
             LineShape shape)
      : words_(words),
        first_available_(first_available),
        rest_available_(rest_available),
        shape_(shape) {
    std::vector<std::string> texts;
    texts.reserve(words.size());
    for (const Word& word : words) texts.push_back(word_text(word));
    fits_ = text::break_fits(texts);
    reach_.assign(words.size() + 1, 0);
    for (size_t i = 0; i < words.size(); ++i) {
      reach_[i + 1] = reach_[i] + words[i].width + words[i].space_width;
      widest_space_ = std::max(widest_space_, words[i].space_width);
    }
  }

  // Natural width of words [begin, end) on one line.
  double line_width(size_t begin, size_t end) const {
    return reach_[end] - reach_[begin] - words_[end - 1].space_width;
  }

  Cut best(size_t count) {
    count_ = count;
    ends_.assign(count, 0);
    best_ = Cut();
    best_widest_ = HUGE_VAL;
    cut(0, 0);
    return best_;
  }

 private:
  double available(size_t line) const { return line == 0 ? first_available_ : rest_available_; }

  // Every cut of words [begin, end) into lines line … count - 1.
  void cut(size_t line, size_t begin) {
    if (line + 1 == count_) {
      if (line_width(begin, words_.size()) > available(line) + kEpsilon) return;
      ends_[line] = words_.size();
      weigh();
      return;
    }
    const size_t lines_after = count_ - 1 - line;
    for (size_t end = begin + 1; end + lines_after <= words_.size(); ++end) {
      if (line_width(begin, end) > available(line) + kEpsilon) break;
      // The words left must fit the lines left (each line's last space
      // is not set, hence the allowance): a short line here only makes
      // the rest longer.
      const double rest = reach_[words_.size()] - reach_[end];
      if (rest > static_cast<double>(lines_after) * (rest_available_ + widest_space_) + kEpsilon) {
        continue;
      }
      ends_[line] = end;
      cut(line + 1, end);
    }
  }

  void weigh() {
    double widest = 0, cost = 0;
    bool cuts_badly = false;
    for (size_t line = 0, begin = 0; line < count_; begin = ends_[line], ++line) {
      widest = std::max(widest, line_width(begin, ends_[line]));
      if (line + 1 < count_) {
        const text::BreakFit fit = fits_[ends_[line] - 1];
        cost += kBreakCost[static_cast<size_t>(fit)];
        cuts_badly = cuts_badly || fit >= text::BreakFit::kAvoid;
      }
    }
    if (count_ >= 2 && ends_[count_ - 1] - ends_[count_ - 2] == 1 &&
        ends_[count_ - 2] - (count_ > 2 ? ends_[count_ - 3] : 0) >= 2) {
      cost += kRuntCost;
    }
    double above = 0, two_above = 0;
    for (size_t line = 0, begin = 0; line < count_; begin = ends_[line], ++line) {
      const double width = line_width(begin, ends_[line]);
      if (shape_ == LineShape::kBalanced && line >= 2 && above + 0.5 < two_above &&
          above + 0.5 < width) {
        cost += kPinchedCost;
      }
      if (shape_ == LineShape::kRagged) {
        if (line + 1 < count_) {
          cost += kRaggedWeight * std::pow((available(line) - width) / available(line), 2);
        }
      } else if (widest > 0) {
        cost += kUnevenWeight * std::pow((widest - width) / widest, 2);
      }
      if (shape_ == LineShape::kAgency && line > 0 && width > above + 0.5) cost += kWideningCost;
      two_above = above;
      above = width;
    }
    if (cost < best_.cost - 1e-9 || (cost < best_.cost + 1e-9 && widest < best_widest_)) {
      best_.cost = cost;
      best_.cuts_badly = cuts_badly;
      best_.ends = ends_;
      best_widest_ = widest;
    }
  }

  std::span<const Word> words_;
  double first_available_;
  double rest_available_;
  LineShape shape_;
  std::vector<text::BreakFit> fits_;
  std::vector<double> reach_;  // reach_[i]: width of words [0, i), each with its space
  double widest_space_ = 0;
  size_t count_ = 0;
  std::vector<size_t> ends_;
  Cut best_;
  double best_widest_ = HUGE_VAL;
};

// The lines of one stretch of words without a forced break inside (the
// last word may carry one).
std::vector<TextLine> phrased_stretch(LineBreaker& breaker, std::span<const Word> words,
                                      double first_available, double rest_available,
                                      LineShape shape, ExtraLine extra) {
  std::vector<TextLine> filled = breaker.break_lines(words, first_available, rest_available);
  const size_t count = filled.size();
  if (count <= 1) return filled;
  // Where the stretch is filled after all, what running text never
  // separates stays together ("42 / lượt tin" in a long cell).  The weighing
  // below sees the words untied: its rules know dates and numbers already,
  // and a tied word would hide the phrase it opens ("tháng 6").
  const auto filled_tied = [&] {
    std::vector<Word> tied(words.begin(), words.end());
    LineBreaker::tie_numbers(tied, rest_available);
    return breaker.break_lines(tied, first_available, rest_available);
  };
  // A word wider than the line is cut between its letters wherever the
  // line ends (a roster's number 10000 in a narrow column): nothing to
  // choose, and no measure to balance.
  for (const Word& word : words) {
    if (word.width > std::min(first_available, rest_available) + kEpsilon) return filled;
  }
  if (ways(words.size() - 1, count - 1) > kMostWays) {
    if (shape == LineShape::kRagged) return filled_tied();
    return balance_by_measure(breaker, words, rest_available, count, shape == LineShape::kAgency);
  }

  CutWeigher weigher(words, first_available, rest_available, shape);
  Cut best = weigher.best(count);
  // Filling found `count` lines, so at least that cut fits and `best` is
  // never empty; should rounding ever lose it, filling stands.
  if (best.ends.empty()) return filled;
  // One line more, when the cheapest cut into the fewest lines cuts a word
  // or a name: "NỘI DUNG CHƯƠNG TRÌNH … TỈNH THANH / HÓA GIAI ĐOẠN …" on
  // two lines, or three lines broken where phrases end.
  // A free line (a cell whose row is that tall anyway) is taken whenever it
  // cuts nothing badly, however ragged its lines.
  if (extra != ExtraLine::kNone && best.cuts_badly && count < words.size() &&
      ways(words.size() - 1, count) <= kMostWays) {
    Cut longer = weigher.best(count + 1);
    const double line_cost = extra == ExtraLine::kFree ? -HUGE_VAL : kExtraLineCost;
    if (!longer.cuts_badly && longer.cost + line_cost < best.cost) best = std::move(longer);
  }

  std::vector<TextLine> lines(best.ends.size());
  for (size_t line = 0, begin = 0; line < lines.size(); begin = best.ends[line], ++line) {
    lines[line].words.assign(words.begin() + static_cast<std::ptrdiff_t>(begin),
                             words.begin() + static_cast<std::ptrdiff_t>(best.ends[line]));
    lines[line].width = weigher.line_width(begin, best.ends[line]);
    lines[line].last = line + 1 == lines.size();
  }
  return lines;
}

}  // namespace

std::vector<LineBox> set_phrased_lines(const LayoutContext& context, const doc::Inline& text,
                                       const TextFormat& format, double width,
                                       std::string_view where, LineShape shape, ExtraLine extra) {
  const std::vector<Word> words = context.breaker.words(text, format.font, where);
  const LineMeasure measure = line_measure(format, width);
  const double first_width = measure.first_width, rest_width = measure.rest_width;
  // A forced break is the template's own: each stretch between two is
  // weighed on its own ("Phần thứ nhất" above the part's name).
  std::vector<TextLine> lines;
  const std::span<const Word> all(words);
  for (size_t begin = 0, i = 0; i < words.size(); ++i) {
    if (!words[i].forced_break && i + 1 < words.size()) continue;
    const double first = lines.empty() ? first_width : rest_width;
    for (TextLine& line : phrased_stretch(context.breaker, all.subspan(begin, i + 1 - begin), first,
                                          rest_width, shape, extra)) {
      lines.push_back(std::move(line));
    }
    begin = i + 1;
  }
  return set_text_lines(context, lines, format, first_width, rest_width);
}

}  // namespace ocopdoc::layout::detail
