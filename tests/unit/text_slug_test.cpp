// Unit tests for slugify().

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/text.h"

namespace ocopdoc::text {
namespace {

TEST(Slugify, MakesAsciiFileNames) {
  EXPECT_EQ(slugify("Huyện Nga Sơn"), "huyen-nga-son");
  EXPECT_EQ(slugify("Đề án / Thuyết minh"), "de-an-thuyet-minh");
  EXPECT_EQ(slugify("ĐẶNG THỊ ƯỚC"), "dang-thi-uoc");
  EXPECT_EQ(slugify("Báo cáo tháng 02/2019"), "bao-cao-thang-02-2019");
  EXPECT_EQ(slugify("Xã Quảng Đức (cũ)"), "xa-quang-duc-cu");
  EXPECT_EQ(slugify("Nghệ An – Hà Tĩnh"), "nghe-an-ha-tinh");
  EXPECT_EQ(slugify("  Đồng   Tiến  "), "dong-tien");
  EXPECT_EQ(slugify("--Kế hoạch--"), "ke-hoach");
  EXPECT_EQ(slugify("OCOP_2018"), "ocop-2018");
  EXPECT_EQ(slugify("Nước mắm Khúc Phụ"), "nuoc-mam-khuc-phu");
  EXPECT_EQ(slugify("Thanh Hoa\u0301"),
            "thanh-hoa");              // NFD
  EXPECT_EQ(slugify("Ðinh"), "dinh");  // eth look-alike
}

TEST(Slugify, IsNeverEmpty) {
  EXPECT_EQ(slugify(""), "khong-ten");
  EXPECT_EQ(slugify("   "), "khong-ten");
  EXPECT_EQ(slugify("///"), "khong-ten");
  EXPECT_EQ(slugify("中文"), "khong-ten");
}

TEST(Slugify, IsSafeFromSeveralThreads) {
  std::vector<int> failures(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&failures, t] {
      for (int round = 0; round < 200; ++round) {
        if (slugify("Huyện Nga Sơn") != "huyen-nga-son") ++failures[t];
        if (slugify("Đề án / Thuyết minh") != "de-an-thuyet-minh") ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace ocopdoc::text
