"""The bundled Thanh Hóa sample: it imports cleanly, holds what the issue
promises, re-imports without duplicates, and `ocopdoc summary` prints numbers
that match an independent SQL count of the database."""
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unicodedata
import unittest

OCOPDOC = os.environ.get("OCOPDOC", "build/ocopdoc")
SOURCE = os.environ.get("OCOPDOC_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLE = os.path.join(SOURCE, "samples", "thanh-hoa")


def run(*args):
    proc = subprocess.run([OCOPDOC, *args], capture_output=True)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def vn(n):
    """1234567 -> 1.234.567, as the summary prints numbers."""
    return f"{n:,}".replace(",", ".")


class SampleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ocopdoc-sample-")
        cls.db = os.path.join(cls.dir, "thanh-hoa.db")
        cls.csvs = sorted(glob.glob(os.path.join(SAMPLE, "*.csv")))
        code, _, err = run("init", cls.db)
        assert code == 0, err
        code, cls.import_out, err = run("import", cls.db, *cls.csvs)
        assert code == 0, err

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def q(self, sql):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def one(self, sql):
        return self.q(sql)[0][0]

    def test_units_match_the_official_list(self):
        with open(os.path.join(SAMPLE, "don_vi.csv"), encoding="utf-8") as f:
            official = f.read().splitlines()[1:]
        self.assertEqual(len(official), 663)
        self.assertEqual(self.q("SELECT cap, count(*) FROM don_vi GROUP BY cap ORDER BY cap"),
                         [(1, 1), (2, 27), (3, 635)])

    def test_sample_holds_what_the_documents_need(self):
        self.assertGreaterEqual(self.one("SELECT count(*) FROM san_pham"), 120)
        self.assertEqual(self.one("SELECT count(DISTINCT nhom) FROM san_pham"), 6)
        districts = self.one("SELECT count(DISTINCT t.ma_to_tien) FROM san_pham s JOIN don_vi_to_tien t "
                             "ON t.ma = s.ma_don_vi AND t.cap_to_tien = 2")
        self.assertGreaterEqual(districts, 20)
        self.assertEqual(self.one("SELECT count(DISTINCT loai_hinh) FROM chu_the"), 5)
        for specialty in ["Chiếu", "Nem chua", "Chè lam", "Bánh gai", "Nước mắm"]:
            self.assertGreater(self.one(f"SELECT count(*) FROM san_pham WHERE ten LIKE '%{specialty}%'"), 0,
                               specialty)
        self.assertGreaterEqual(self.one("SELECT count(*) FROM khoa_hoc"), 2)
        self.assertGreaterEqual(self.one("SELECT count(*) FROM hoc_vien"), 280)
        self.assertEqual(self.one("SELECT min(ky) || ' ' || max(ky) FROM tien_do"), "2018-09 2019-12")
        self.assertGreater(self.one("SELECT count(*) FROM du_toan WHERE loai = 'giai_ngan'"), 0)
        # Every product has its step history, ending at its step now; a step
        # 5 is the district rating and a step 6 the province's, on their dates.
        self.assertEqual(self.one("SELECT count(*) FROM san_pham s WHERE NOT EXISTS "
                                  "(SELECT 1 FROM lich_su_buoc l WHERE l.ma_san_pham = s.ma)"), 0)
        self.assertEqual(self.one("SELECT count(*) FROM buoc_san_pham b JOIN san_pham s ON s.ma = b.ma_san_pham "
                                  "WHERE b.den_ngay IS NULL AND b.buoc <> s.buoc"), 0)
        for step, level in [(5, "huyen"), (6, "tinh")]:
            self.assertEqual(self.one(f"SELECT count(*) FROM lich_su_buoc l WHERE l.buoc = {step} AND NOT EXISTS "
                                      f"(SELECT 1 FROM danh_gia d WHERE d.ma_san_pham = l.ma_san_pham "
                                      f"AND d.cap = '{level}' AND d.ngay = l.ngay)"), 0, step)
        self.assertEqual(self.one("SELECT count(*) FROM lich_su_buoc l JOIN san_pham s ON s.ma = l.ma_san_pham "
                                  "WHERE l.ngay < s.ngay_dang_ky"), 0)
        # Every district-level unit has one signer for its reports.
        self.assertEqual(self.one("SELECT count(*) FROM don_vi d WHERE d.cap = 2 AND NOT EXISTS "
                                  "(SELECT 1 FROM nguoi_ky k WHERE k.ma_don_vi = d.ma)"), 0)
        self.assertEqual(self.one("SELECT count(*) FROM nguoi_ky k JOIN don_vi d ON d.ma = k.ma_don_vi "
                                  "WHERE d.cap <> 2"), 0)
        # The plan's tasks are the seed's part II, word for word.
        self.assertEqual(self.one("SELECT ten FROM nhiem_vu WHERE ma = '2.5'"),
                         "Trình Ủy ban nhân dân tỉnh phê duyệt Đề án.")
        self.assertEqual(self.one("SELECT thoi_gian FROM nhiem_vu WHERE ma = '3.3'"), "Trong quý IV/2018.")

    def test_every_stored_text_is_nfc(self):
        for table, column in [("don_vi", "ten"), ("chu_the", "ten"), ("san_pham", "ten"),
                              ("hoc_vien", "ho_ten"), ("nhiem_vu", "noi_dung")]:
            for (value,) in self.q(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"):
                self.assertEqual(value, unicodedata.normalize("NFC", value))

    def test_reimport_adds_nothing(self):
        before = self.q("SELECT (SELECT count(*) FROM san_pham), (SELECT count(*) FROM hoc_vien), "
                        "(SELECT count(*) FROM danh_gia), (SELECT count(*) FROM tien_do)")
        code, out, err = run("import", self.db, *self.csvs)
        self.assertEqual(code, 0, err)
        new_rows = [int(n) for n in re.findall(r"\((\d+) mới,", out)]
        self.assertEqual(len(new_rows), 15, out)
        self.assertEqual(set(new_rows), {0}, out)
        after = self.q("SELECT (SELECT count(*) FROM san_pham), (SELECT count(*) FROM hoc_vien), "
                       "(SELECT count(*) FROM danh_gia), (SELECT count(*) FROM tien_do)")
        self.assertEqual(before, after)

    def test_summary_comes_from_the_database(self):
        code, out, err = run("summary", self.db)
        self.assertEqual(code, 0, err)
        self.assertIn(f"1. Đơn vị hành chính: {vn(self.one('SELECT count(*) FROM don_vi'))}", out)
        self.assertIn(f"2. Chủ thể kinh tế: {vn(self.one('SELECT count(*) FROM chu_the'))}", out)
        self.assertIn(f"3. Sản phẩm: {vn(self.one('SELECT count(*) FROM san_pham'))}", out)
        self.assertIn(f"4. Đào tạo, tập huấn: {vn(self.one('SELECT count(*) FROM hoc_vien'))} học viên", out)
        total = self.one("SELECT sum(so_tien) FROM du_toan WHERE loai = 'du_toan'")
        self.assertIn(f"Tổng dự toán: {vn(total)} đồng", out)
        self.assertIn("(Bằng chữ: ", out)
        self.assertRegex(out, r"\(Bằng chữ: [A-ZĐ][^.]* đồng\.\)")
        # Each year's budget, and how its disbursement was recorded.
        for year, planned, spent, last_month, whole_year in self.q(
                "SELECT nam, sum(CASE loai WHEN 'du_toan' THEN so_tien ELSE 0 END), "
                "sum(CASE loai WHEN 'giai_ngan' THEN so_tien ELSE 0 END), "
                "max(CASE loai WHEN 'giai_ngan' THEN thang END), "
                "max(loai = 'giai_ngan' AND thang = 0) FROM du_toan GROUP BY nam"):
            recorded = ("chưa có" if last_month is None else "cả năm" if last_month == 0
                        else f"theo tháng, đến tháng {last_month}")
            self.assertRegex(out, rf"\n  {year} +{re.escape(vn(planned))} +{re.escape(vn(spent))}  {recorded}\n")
        self.assertIn("cả năm\n", out)  # the sample has each kind
        self.assertIn("theo tháng, đến tháng 12\n", out)
        # The estimate's state budget and mobilised capital; every source classified.
        state, mobilised = self.q("SELECT sum(CASE n.loai WHEN 'ngan_sach' THEN d.so_tien ELSE 0 END), "
                                  "sum(CASE n.loai WHEN 'xa_hoi_hoa' THEN d.so_tien ELSE 0 END) "
                                  "FROM du_toan d JOIN nguon_von n ON n.ma = d.nguon_von "
                                  "WHERE d.loai = 'du_toan'")[0]
        self.assertIn(f"Trong đó: ngân sách nhà nước {vn(state)} đồng; xã hội hóa {vn(mobilised)} đồng.\n", out)
        self.assertNotIn("chưa phân loại", out)
        # Who signs the districts' reports, and the products' step history.
        self.assertIn(f"Người ký báo cáo (bảng nguoi_ky): {self.one('SELECT count(*) FROM nguoi_ky')}/27 "
                      f"đơn vị cấp 2.", out)
        self.assertIn(f"Lịch sử bước (bảng lich_su_buoc): {vn(self.one('SELECT count(*) FROM lich_su_buoc'))} "
                      f"dòng, 143/143 sản phẩm có lịch sử.", out)
        # Products per group and star: the 4-star column total.
        four = self.one("""SELECT count(*) FROM san_pham s WHERE (SELECT so_sao FROM danh_gia d
                           WHERE d.ma_san_pham = s.ma ORDER BY ngay DESC, id DESC LIMIT 1) = 4""")
        total_line = [l for l in out.splitlines() if l.strip().startswith("Tổng cộng")][0]
        self.assertEqual(total_line.split()[-2], vn(four), total_line)

    def test_summary_names_the_sources_left_unclassified(self):
        # As a database upgraded from schema 6 has them until nguon_von is
        # imported again.
        db = os.path.join(self.dir, "chua-phan-loai.db")
        shutil.copy(self.db, db)
        with sqlite3.connect(db) as connection:
            connection.execute("UPDATE nguon_von SET loai = NULL WHERE ma IN ('XHH', 'KHCN')")
        code, out, err = run("summary", db)
        self.assertEqual(code, 0, err)
        self.assertIn("Lưu ý: 2 nguồn vốn chưa phân loại ngân sách/xã hội hóa (KHCN, XHH), được tính là ngân "
                      "sách nhà nước; hãy nhập lại nguon_von.csv có cột loai.", out)

    def test_upgrading_a_schema_6_database_says_to_classify_the_sources(self):
        # The sample made as schema 6 had it: no kind of source, no order of
        # the targets.
        db = os.path.join(self.dir, "v6.db")
        shutil.copy(self.db, db)
        with sqlite3.connect(db) as connection:
            connection.execute("ALTER TABLE nguon_von DROP COLUMN loai")
            connection.execute("ALTER TABLE chi_tieu DROP COLUMN thu_tu")
            connection.execute("PRAGMA user_version = 6")
        code, out, err = run("init", db)
        self.assertEqual(code, 0, err)
        sources = self.one("SELECT count(*) FROM nguon_von")
        self.assertIn("đã nâng cấp lược đồ từ phiên bản 6 lên 8", out)
        self.assertIn(f"Lưu ý: {sources} nguồn vốn chưa phân loại ngân sách/xã hội hóa", out)
        # Importing the sources again classifies them; the note is gone.
        code, _, err = run("import", db, os.path.join(SAMPLE, "nguon_von.csv"))
        self.assertEqual(code, 0, err)
        with sqlite3.connect(db) as connection:
            self.assertEqual(connection.execute("SELECT count(*) FROM nguon_von WHERE loai IS NULL").fetchone(), (0,))
        self.assertNotIn("chưa phân loại", run("summary", db)[1])

    def test_summary_changes_with_the_data(self):
        db = os.path.join(self.dir, "copy.db")
        shutil.copy(self.db, db)
        con = sqlite3.connect(db)
        con.execute("DELETE FROM hoc_vien WHERE ma_khoa_hoc = 'KH2018-01'")
        con.execute("DELETE FROM nguoi_ky WHERE ma_don_vi = '401'")
        con.execute("DELETE FROM lich_su_buoc WHERE ma_san_pham IN ('SP001', 'SP002')")
        con.commit()
        count = con.execute("SELECT count(*) FROM hoc_vien").fetchone()[0]
        history = con.execute("SELECT count(*) FROM lich_su_buoc").fetchone()[0]
        con.close()
        code, out, err = run("summary", db)
        self.assertEqual(code, 0, err)
        self.assertIn(f"4. Đào tạo, tập huấn: {vn(count)} học viên", out)
        self.assertIn("Người ký báo cáo (bảng nguoi_ky): 26/27 đơn vị cấp 2.", out)
        self.assertIn(f"Lịch sử bước (bảng lich_su_buoc): {vn(history)} dòng, 141/143 sản phẩm có lịch sử.", out)


if __name__ == "__main__":
    unittest.main()
