"""The training roster's order, checked with ICU's own Vietnamese collator
(PyICU, independent of ocopdoc's C++): by given name, then middle names, then
family name; and the same order in the PDF, the XLSX and the text."""
import os
import shutil
import tempfile
import unittest

from clisupport import SOURCE, run, sample_database

try:
    import icu
except ImportError:  # python3-icu is installed by scripts/install-deps
    icu = None



@unittest.skipIf(icu is None, "python3-icu is missing")
class RosterOrderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ocopdoc-roster-")
        cls.db = os.path.join(cls.dir, "thanh-hoa.db")
        sample_database(cls.db)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def names_in_markup(self, course):
        out = os.path.join(self.dir, course + ".markup")
        code, _, err = run("render", self.db, os.path.join(SOURCE, "templates", "danh-sach-hoc-vien.mau"),
                           "--set", f"khoa_hoc={course}", "-o", out)
        self.assertEqual(code, 0, err)
        names = []
        with open(out, encoding="utf-8") as f:
            for line in f:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if line.startswith("|") and cells[0].isdigit():
                    names.append(cells[1])
        return names

    def test_every_course_is_sorted_by_given_name_with_icu_vi(self):
        collator = icu.Collator.createInstance(icu.Locale("vi"))

        def key(name):
            words = name.split()
            # given name, then middle names left to right, then family name
            return [collator.getSortKey(w) for w in [words[-1]] + words[1:-1] + [words[0]]]

        courses = [c for (c,) in __import__("sqlite3").connect(self.db).execute("SELECT ma FROM khoa_hoc")]
        self.assertGreaterEqual(len(courses), 2)
        for course in courses:
            with self.subTest(course=course):
                names = self.names_in_markup(course)
                self.assertGreater(len(names), 10)
                self.assertEqual(names, sorted(names, key=key))

    def test_vietnamese_letters_sort_as_vietnamese(self):
        # d before đ, a before ă before â: the reason the roster cannot sort by bytes.
        collator = icu.Collator.createInstance(icu.Locale("vi"))
        self.assertEqual(sorted(["Đức", "Dũng", "Ân", "An", "Ăn"], key=collator.getSortKey),
                         ["An", "Ăn", "Ân", "Dũng", "Đức"])
        names = self.names_in_markup("KH2018-02")
        given = [n.split()[-1] for n in names]
        d = [i for i, g in enumerate(given) if g.startswith("D")]
        dd = [i for i, g in enumerate(given) if g.startswith("Đ")]
        if d and dd:
            self.assertLess(max(d), min(dd))


if __name__ == "__main__":
    unittest.main()


class LargeRosterTest(unittest.TestCase):
    """A course of ten thousand trainees and more: the STT column widens, so
    the numbers from 10000 are printed whole, not cut between their digits."""

    def test_numbers_from_ten_thousand_stay_whole(self):
        import re
        import sqlite3
        import subprocess
        directory = tempfile.mkdtemp(prefix="ocopdoc-roster-large-")
        try:
            db = sample_database(os.path.join(directory, "thanh-hoa.db"))
            with sqlite3.connect(db) as con:
                con.execute("INSERT INTO khoa_hoc (ma, ten, tu_ngay, den_ngay) "
                            "VALUES ('KHLON', 'Lớp trực tuyến', '2019-05-14', '2019-05-17')")
                con.executemany(
                    "INSERT INTO hoc_vien (ma_khoa_hoc, ho_ten, nam_sinh, gioi_tinh, chuc_vu, ma_don_vi) "
                    "VALUES ('KHLON', ?, ?, ?, 'Chuyên viên', '401')",
                    [(f"Nguyễn Văn An {i:05d}", 1960 + i % 35, "Nam" if i % 2 else "Nữ") for i in range(10003)])
            out = os.path.join(directory, "lon.pdf")
            code, _, err = run("render", db, os.path.join(SOURCE, "templates", "danh-sach-hoc-vien.mau"),
                               "--set", "khoa_hoc=KHLON", "--set", "ngay=2019-05-17", "-o", out)
            self.assertEqual(code, 0, err)
            pages = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(
                ["pdfinfo", out], capture_output=True, text=True).stdout, re.M).group(1))
            last = subprocess.run(["pdftotext", "-layout", "-f", str(pages - 1), "-l", str(pages), out, "-"],
                                  capture_output=True, text=True).stdout
            numbers = [int(n) for n in re.findall(r"^\s*(\d+) +Nguyễn", last, re.M)]
            self.assertIn(10003, numbers)
            self.assertEqual(numbers, list(range(numbers[0], 10004)))
            self.assertTrue(any(n >= 10000 for n in numbers))
        finally:
            shutil.rmtree(directory)
