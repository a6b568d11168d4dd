// Unit tests for Vietnamese collation and the roster order of names.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "text/text.h"

namespace ocopdoc::text {
namespace {

// Sorts with compare_vi and returns the result.
std::vector<std::string> sorted_vi(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return compare_vi(a, b) < 0; });
  return words;
}

TEST(CompareVi, FollowsTheVietnameseAlphabet) {
  // a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
  const std::vector<std::string> alphabet = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g",
                                             "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p",
                                             "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
  std::vector<std::string> shuffled(alphabet.rbegin(), alphabet.rend());
  EXPECT_EQ(sorted_vi(shuffled), alphabet);
}

TEST(CompareVi, PutsDStrokeAfterD) {
  EXPECT_LT(compare_vi("Dũng", "Đào"), 0);
  EXPECT_LT(compare_vi("Dương", "Đặng"), 0);
  EXPECT_LT(compare_vi("Dzũng", "Đa"), 0);
  EXPECT_GT(compare_vi("Đinh", "Duy"), 0);
  EXPECT_LT(compare_vi("Đức", "Em"), 0);
}

TEST(CompareVi, OrdersLettersWithMarks) {
  EXPECT_EQ(sorted_vi({"Bình", "Ân", "An", "Ăn", "Dũng", "Đào"}),
            (std::vector<std::string>{"An", "Ăn", "Ân", "Bình", "Dũng", "Đào"}));
  EXPECT_LT(compare_vi("Ong", "Ông"), 0);
  EXPECT_LT(compare_vi("Ông", "Ơn"), 0);
  EXPECT_LT(compare_vi("Ơn", "Phúc"), 0);
  EXPECT_LT(compare_vi("Hùng", "Hương"), 0);  // u < ư
  EXPECT_LT(compare_vi("Tú", "Tư"), 0);       // letter before tone
}

TEST(CompareVi, OrdersTonesAfterLetters) {
  // ICU vi: level, huyền, hỏi, ngã, sắc, nặng.
  EXPECT_EQ(sorted_vi({"ạ", "á", "ã", "ả", "à", "a"}),
            (std::vector<std::string>{"a", "à", "ả", "ã", "á", "ạ"}));
  EXPECT_EQ(sorted_vi({"mạ", "má", "mã", "mả", "mà", "ma"}),
            (std::vector<std::string>{"ma", "mà", "mả", "mã", "má", "mạ"}));
  // The letters decide first: "ạn" < "ba" whatever the tone.
  EXPECT_LT(compare_vi("ạn", "ba"), 0);
}

TEST(CompareVi, TreatsNfdLikeNfc) {
  EXPECT_EQ(compare_vi("Hoá", "Hoa\u0301"), 0);
  EXPECT_EQ(compare_vi("Nguyễn", "Nguye\u0302\u0303n"), 0);
  EXPECT_EQ(compare_vi("", ""), 0);
  EXPECT_LT(compare_vi("", "a"), 0);
}

TEST(GivenNameFirst, MovesTheGivenNameToTheFront) {
  EXPECT_EQ(given_name_first("Nguyễn Văn An"), "An Văn Nguyễn");
  EXPECT_EQ(given_name_first("Tôn Nữ Thị Hoa"), "Hoa Nữ Thị Tôn");
  EXPECT_EQ(given_name_first("Lê An"), "An Lê");
  EXPECT_EQ(given_name_first("An"), "An");
  EXPECT_EQ(given_name_first("  Trần   Thị\tBình "), "Bình Thị Trần");
  EXPECT_EQ(given_name_first(""), "");
}

TEST(RosterSortKey, SortsARosterByGivenThenMiddleThenFamilyName) {
  const std::vector<std::string> expected = {
      "Lê An",         "Nguyễn Văn An", "Trần Văn An",   "Phạm Thị Ánh",  "Mai Văn Ân",
      "Trần Thị Bình", "Lê Văn Bình",   "Vũ Minh Châu",  "Bùi Thị Cúc",   "Đỗ Thị Dung",
      "Hoàng Văn Đức", "Dương Văn Hải", "Đặng Văn Hùng", "Ngô Thị Hương", "Lý Thị Yến",
  };
  std::vector<std::string> roster(expected.rbegin(), expected.rend());
  std::swap(roster[2], roster[9]);
  std::sort(roster.begin(), roster.end(), [](const std::string& a, const std::string& b) {
    return roster_sort_key(a) < roster_sort_key(b);
  });
  EXPECT_EQ(roster, expected);
}

TEST(RosterSortKey, MatchesTheHeaderExample) {
  EXPECT_LT(roster_sort_key("Nguyễn Văn An"), roster_sort_key("Trần Thị Bình"));
  EXPECT_LT(roster_sort_key("Trần Thị Bình"), roster_sort_key("Lê Văn Bình"));
}

TEST(RosterSortKey, ComparesMiddleNamesLeftToRight) {
  EXPECT_LT(roster_sort_key("Lê Thị Hồng Anh"), roster_sort_key("Lê Thị Mai Anh"));
  EXPECT_LT(roster_sort_key("Lê Thị Anh"), roster_sort_key("Lê Thị Hồng Anh"));
  EXPECT_LT(roster_sort_key("Lý Anh"), roster_sort_key("Lê Thị Anh"));  // no middle name first
  EXPECT_LT(roster_sort_key("An"), roster_sort_key("Lê An"));
}

TEST(RosterSortKey, UsesTheFullVietnameseOrderForEachPart) {
  // Tones and marks of the given name decide before any other part.
  EXPECT_LT(roster_sort_key("Trần Văn Dung"), roster_sort_key("Lê Văn Dũng"));
  EXPECT_LT(roster_sort_key("Trần Văn Dũng"), roster_sort_key("Lê Văn Đức"));
  EXPECT_LT(roster_sort_key("Đỗ Thị Ha"), roster_sort_key("Bùi Thị Hà"));
  // Equal names give equal keys, whatever the spacing or normal form.
  EXPECT_EQ(roster_sort_key("Nguyễn Văn An"), roster_sort_key("  Nguyễn  Văn\tAn "));
  EXPECT_EQ(roster_sort_key("Nguyễn Văn An"), roster_sort_key("Nguye\u0302\u0303n Văn An"));
  EXPECT_EQ(roster_sort_key(""), "");
}

TEST(Collation, IsSafeFromSeveralThreads) {
  const std::vector<std::string> names = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Bình",
                                          "Đỗ Thị Dung", "Hoàng Văn Đức"};
  std::vector<std::string> expected_keys;
  for (const auto& name : names) expected_keys.push_back(roster_sort_key(name));

  std::vector<int> failures(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < names.size(); ++i) {
          if (roster_sort_key(names[i]) != expected_keys[i]) ++failures[t];
          if (compare_vi("Dũng", "Đào") >= 0) ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace ocopdoc::text
