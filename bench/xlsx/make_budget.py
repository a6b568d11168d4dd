#!/usr/bin/python3
"""Writes the CSV files of a budget with LINES detail lines for the XLSX
benchmark: 10 funding sources x 10 years per component project, so LINES / 100
projects, each line planned (du_toan) and, until 2019, disbursed (giai_ngan).

    make_budget.py LINES OUT_DIR
"""
import csv
import os
import shutil
import sys

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def main():
    lines, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(SOURCE, "samples", "thanh-hoa", "cai_dat.csv"), out)
    sources = [("NV%02d" % i, "Nguồn vốn thử nghiệm số %d của Chương trình OCOP" % i,
                "ngan_sach" if i <= 5 else "xa_hoi_hoa", i) for i in range(1, 11)]
    with open(os.path.join(out, "nguon_von.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["ma", "ten", "loai", "thu_tu"])
        writer.writerows(sources)
    with open(os.path.join(out, "du_toan.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["ma_du_an", "ten_du_an", "nguon_von", "nam", "loai", "so_tien"])
        for project in range(lines // 100):
            name = "Dự án thành phần số %d: hỗ trợ phát triển sản phẩm OCOP" % (project + 1)
            for source, *_ in sources:
                for year in range(2011, 2021):
                    seed = project * 7919 + year * 104729 + int(source[2:]) * 1299709
                    planned = (seed % 9000 + 100) * 100000
                    writer.writerow(["DA%05d" % (project + 1), name, source, year, "du_toan", planned])
                    if year < 2020:
                        writer.writerow(["DA%05d" % (project + 1), name, source, year, "giai_ngan",
                                         planned * (seed % 97) // 100])


if __name__ == "__main__":
    main()
