"""ocopdoc init / import as a user runs them: messages, exit status, and a
database that is byte-for-byte unchanged after any bad import (checked by hash).

Run by ctest with OCOPDOC pointing at the built program.
"""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unicodedata
import unittest

OCOPDOC = os.environ.get("OCOPDOC", "build/ocopdoc")

# A small, valid programme: a province, one district, two communes.
GOOD = {
    "don_vi.csv": "ma,ten,loai,cap,ma_cha\n"
                  "38,Tỉnh Thanh Hóa,Tỉnh,1,\n"
                  "384,Huyện Nga Sơn,Huyện,2,38\n"
                  "15778,Xã Nga Tân,Xã,3,384\n"
                  "15781,Xã Nga Thủy,Xã,3,384\n",
    "nhom_san_pham.csv": "ma,ten,thu_tu\nTP,Thực phẩm,1\nLN,Lưu niệm - nội thất - trang trí,5\n",
    "chu_the.csv": "ma,ten,loai_hinh,ma_don_vi,nguoi_dai_dien,dien_thoai\n"
                   "CT01,Hợp tác xã cói Nga Tân,HTX,15778,Mai Văn Hùng,0912345678\n"
                   "CT02,Hộ kinh doanh Lê Thị Hoa,HO,15781,Lê Thị Hoa,\n",
    "san_pham.csv": "ma,ten,nhom,phan_nhom,ma_chu_the,ma_don_vi,buoc,ngay_dang_ky\n"
                    "SP01,Chiếu cói Nga Sơn,LN,Thủ công mỹ nghệ,CT01,15778,6,2019-02-15\n"
                    "SP02,\"Mắm tép, chua\",TP,Thực phẩm chế biến,CT02,15781,3,2019-03-01\n",
    "danh_gia.csv": "ma_san_pham,cap,ngay,diem_a,diem_b,diem_c,so_sao,so_quyet_dinh,hieu_luc_den\n"
                    "SP01,huyen,2019-09-10,28,18,30,4,1234/QĐ-UBND,\n"
                    "SP01,tinh,2019-12-10,29,19,31,4,4567/QĐ-UBND,2022-12-10\n",
    "nguon_von.csv": "ma,ten,loai,thu_tu\nNS-TINH,Ngân sách tỉnh,ngan_sach,1\n",
    "du_toan.csv": "ma_du_an,ten_du_an,nguon_von,nam,loai,so_tien\n"
                   "DA01,Tuyên truyền,NS-TINH,2019,du_toan,1005000\n"
                   "DA01,Tuyên truyền,NS-TINH,2019,giai_ngan,1000000\n",
}


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class ImportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ocopdoc-cli-")
        self.db = os.path.join(self.dir, "test.db")

    def tearDown(self):
        shutil.rmtree(self.dir)

    # -- helpers -----------------------------------------------------------
    def run_ocopdoc(self, *args):
        proc = subprocess.run([OCOPDOC, *args], capture_output=True, cwd=self.dir)
        return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")

    def write(self, name, content):
        path = os.path.join(self.dir, name)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(content)
        return name

    def init_with_good_data(self):
        code, _, err = self.run_ocopdoc("init", self.db)
        self.assertEqual(code, 0, err)
        names = [self.write(name, content) for name, content in GOOD.items()]
        code, out, err = self.run_ocopdoc("import", self.db, *names)
        self.assertEqual(code, 0, err)
        return out

    def query(self, sql):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def assert_rejected(self, files, *expected, deletions=None):
        """Imports `files` ({name: content}), deleting the rows `deletions`
        ({name: content}) name, into the good database and checks the import
        fails with exit 1, every `expected` fragment in stderr, and the
        database file unchanged."""
        self.init_with_good_data()
        before = sha256(self.db)
        names = [self.write(name, content) for name, content in files.items()]
        for name, content in (deletions or {}).items():
            names += ["--xoa", self.write(name, content)]
        code, out, err = self.run_ocopdoc("import", self.db, *names)
        self.assertEqual(code, 1, f"stdout: {out}\nstderr: {err}")
        for fragment in expected:
            self.assertIn(fragment, err)
        self.assertIn("cơ sở dữ liệu không thay đổi", err)
        self.assertEqual(sha256(self.db), before, "the database changed after a failed import")
        self.assertFalse(os.path.exists(self.db + "-journal"))
        return err

    # -- good input --------------------------------------------------------
    def test_import_good_data_in_any_order(self):
        code, _, err = self.run_ocopdoc("init", self.db)
        self.assertEqual(code, 0, err)
        # Reverse dependency order on the command line: ratings before units.
        names = [self.write(name, content) for name, content in reversed(list(GOOD.items()))]
        code, out, err = self.run_ocopdoc("import", self.db, *names)
        self.assertEqual(code, 0, err)
        self.assertIn("don_vi: 4 dòng (4 mới, 0 cập nhật)", out)
        self.assertEqual(self.query("SELECT count(*) FROM danh_gia"), [(2,)])
        # The certificate's validity defaults to 36 months after the rating.
        self.assertEqual(self.query("SELECT hieu_luc_den, bo_tieu_chi FROM danh_gia WHERE cap='huyen'"),
                         [("2022-09-10", "1048/QĐ-TTg")])
        self.assertEqual(self.query("SELECT ten FROM san_pham WHERE ma='SP02'"), [("Mắm tép, chua",)])

    def test_reimport_updates_instead_of_duplicating(self):
        self.init_with_good_data()
        counts = self.query("SELECT (SELECT count(*) FROM don_vi), (SELECT count(*) FROM san_pham), "
                            "(SELECT count(*) FROM danh_gia), (SELECT count(*) FROM du_toan)")
        changed = GOOD["san_pham.csv"].replace("Chiếu cói Nga Sơn", "Chiếu cói Nga Sơn loại đặc biệt")
        self.write("san_pham.csv", changed)
        names = [self.write(n, c) for n, c in GOOD.items() if n != "san_pham.csv"] + ["san_pham.csv"]
        code, out, err = self.run_ocopdoc("import", self.db, *names)
        self.assertEqual(code, 0, err)
        self.assertIn("san_pham: 2 dòng (0 mới, 2 cập nhật)", out)
        self.assertEqual(counts, self.query(
            "SELECT (SELECT count(*) FROM don_vi), (SELECT count(*) FROM san_pham), "
            "(SELECT count(*) FROM danh_gia), (SELECT count(*) FROM du_toan)"))
        self.assertEqual(self.query("SELECT ten FROM san_pham WHERE ma='SP01'"),
                         [("Chiếu cói Nga Sơn loại đặc biệt",)])

    def test_nfd_text_is_accepted_and_stored_nfc(self):
        self.init_with_good_data()
        nfd = unicodedata.normalize("NFD", "Nước mắm Ba Làng")
        self.assertNotEqual(nfd, unicodedata.normalize("NFC", nfd))
        name = self.write("san_pham-moi.csv",
                          "ma,ten,nhom,ma_chu_the,ma_don_vi,buoc\n"
                          f"SP03,{nfd},TP,CT02,15781,2\n")
        code, _, err = self.run_ocopdoc("import", self.db, name)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT ten FROM san_pham WHERE ma='SP03'"), [("Nước mắm Ba Làng",)])

    def test_whitespace_and_lookalike_letters_are_cleaned(self):
        self.init_with_good_data()
        name = self.write("chu_the-them.csv",
                          "ma,ten,loai_hinh,ma_don_vi,nguoi_dai_dien\n"
                          "CT03,\u00a0 Công ty  TNHH\u200b \u00d0ông Sơn ,DN,15781,\u00d0ỗ Văn Nam\n")
        code, _, err = self.run_ocopdoc("import", self.db, name)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT ten, nguoi_dai_dien FROM chu_the WHERE ma='CT03'"),
                         [("Công ty TNHH Đông Sơn", "Đỗ Văn Nam")])

    def test_bom_and_crlf_are_accepted(self):
        self.init_with_good_data()
        name = self.write("nguon_von-2.csv",
                          "\ufeffma,ten,loai,thu_tu\r\nNS-TW,\"Ngân sách Trung ương\r\n(MTQG)\",ngan_sach,2\r\n")
        code, _, err = self.run_ocopdoc("import", self.db, name)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT ten FROM nguon_von WHERE ma='NS-TW'"),
                         [("Ngân sách Trung ương (MTQG)",)])

    # -- bad input: each with its message, exit 1 and an unchanged database --
    def test_invalid_utf8_names_line_column_and_byte(self):
        content = "ma,ten,loai,thu_tu\nNS-X,Ng\xe2n s\xe1ch,ngan_sach,3\n".encode("latin-1")
        err = self.assert_rejected({"nguon_von.csv": content}, "nguon_von.csv:2:2:", "UTF-8", "byte")
        # "Ng" then the bad byte: offset 19 (header) + 5 ("NS-X,") + 2 ("Ng") = 26.
        self.assertIn("26", err)

    def test_tcvn3_text_is_recognised(self):
        self.assert_rejected({"chu_the-cu.csv": "ma,ten,loai_hinh,ma_don_vi\n"
                                                "CT09,N\u00ad\u00edc m\u00bem Ba L\u00b5ng,HO,15781\n"},
                             "chu_the-cu.csv:2:2:", "TCVN3")

    def test_vni_text_is_recognised(self):
        self.assert_rejected({"chu_the-cu.csv": "ma,ten,loai_hinh,ma_don_vi\n"
                                                "CT09,Nöôùc maém Ba Laøng,HO,15781\n"},
                             "chu_the-cu.csv:2:2:", "VNI")

    def test_missing_required_column(self):
        self.assert_rejected({"san_pham-x.csv": "ma,ten,ma_chu_the,ma_don_vi,buoc\n"
                                                "SP09,Bánh gai,CT02,15781,2\n"},
                             "san_pham-x.csv:1:", "thiếu cột bắt buộc \"nhom\"")

    def test_a_funding_source_says_whether_it_is_state_budget(self):
        # The reports say "được giao" of the state budget only: a source
        # without its kind, or with another word for it, is refused.
        self.assert_rejected({"nguon_von-x.csv": "ma,ten,thu_tu\nNS-X,Vốn khác,3\n"},
                             "nguon_von-x.csv:1:", "thiếu cột bắt buộc \"loai\"", "ngân sách/xã hội hóa")
        self.assert_rejected({"nguon_von-x.csv": "ma,ten,loai\nNS-X,Vốn khác,ngân sách\n"},
                             "nguon_von-x.csv:2:3:", "ngan_sach, xa_hoi_hoa")

    def test_unknown_column(self):
        self.assert_rejected({"nguon_von-x.csv": "ma,ten,loai,ghi_chu\nNS-X,Vốn khác,ngan_sach,abc\n"},
                             "nguon_von-x.csv:1:4:", "cột \"ghi_chu\" không có trong bảng nguon_von")

    def test_unknown_unit_code(self):
        self.assert_rejected({"chu_the-x.csv": "ma,ten,loai_hinh,ma_don_vi\n"
                                               "CT05,HTX Tứ Trụ,HTX,15781\n"
                                               "CT06,HTX Thọ Diên,HTX,99999\n"},
                             "chu_the-x.csv:3:4:", "\"99999\" không có trong bảng don_vi")

    def test_star_rating_that_disagrees_with_score(self):
        err = self.assert_rejected(
            {"danh_gia-x.csv": "ma_san_pham,cap,ngay,diem_a,diem_b,diem_c,so_sao\n"
                               "SP02,huyen,2019-09-12,20,15,30,4\n"},
            "danh_gia-x.csv:2:7:", "số sao 4 không khớp với tổng điểm 65")
        self.assertIn("3 sao", err)

    def test_part_score_above_its_maximum(self):
        self.assert_rejected(
            {"danh_gia-x.csv": "ma_san_pham,cap,ngay,diem_a,diem_b,diem_c,so_sao\n"
                               "SP02,huyen,2019-09-12,36,15,30,4\n"},
            "danh_gia-x.csv:2:4:", "tối đa 35", "1048/QĐ-TTg")

    def test_negative_amount(self):
        self.assert_rejected({"du_toan-x.csv": "ma_du_an,ten_du_an,nguon_von,nam,loai,so_tien\n"
                                               "DA01,Tuyên truyền,NS-TINH,2020,du_toan,-5000000\n"},
                             "du_toan-x.csv:2:6:", "ngoài khoảng cho phép")

    def test_amount_with_thousands_separators(self):
        self.assert_rejected({"du_toan-x.csv": "ma_du_an,ten_du_an,nguon_von,nam,loai,so_tien\n"
                                               "DA01,Tuyên truyền,NS-TINH,2020,du_toan,1.500.000\n"},
                             "du_toan-x.csv:2:6:", "không dùng dấu chấm")

    def test_disbursement_is_recorded_by_month(self):
        self.init_with_good_data()
        months = self.write("du_toan-2020.csv", "ma_du_an,ten_du_an,nguon_von,nam,thang,loai,so_tien\n"
                                                "DA01,Tuyên truyền,NS-TINH,2020,,du_toan,9000000\n"
                                                "DA01,Tuyên truyền,NS-TINH,2020,3,giai_ngan,1000000\n"
                                                "DA01,Tuyên truyền,NS-TINH,2020,12,giai_ngan,2500000\n")
        code, out, err = self.run_ocopdoc("import", self.db, months)
        self.assertEqual(code, 0, err)
        self.assertIn("du_toan: 3 dòng (3 mới, 0 cập nhật)", out)
        # The month is part of the key: March again updates March.
        again = self.write("du_toan-thang3.csv", "ma_du_an,ten_du_an,nguon_von,nam,thang,loai,so_tien\n"
                                                 "DA01,Tuyên truyền,NS-TINH,2020,3,giai_ngan,1200000\n")
        code, out, err = self.run_ocopdoc("import", self.db, again)
        self.assertEqual(code, 0, err)
        self.assertIn("du_toan: 1 dòng (0 mới, 1 cập nhật)", out)
        self.assertEqual(self.query("SELECT nam, thang, loai, so_tien FROM du_toan ORDER BY nam, loai, thang"),
                         [(2019, 0, "du_toan", 1005000), (2019, 0, "giai_ngan", 1000000),
                          (2020, 0, "du_toan", 9000000), (2020, 3, "giai_ngan", 1200000),
                          (2020, 12, "giai_ngan", 2500000)])
        # A deletion names a month by its column; without the column, the
        # year's row, never every month.
        deleted = self.write("du_toan-xoa.csv", "ma_du_an,nguon_von,nam,loai,thang\n"
                                                "DA01,NS-TINH,2020,giai_ngan,12\n")
        year_row = self.write("du_toan-xoa-nam.csv", "ma_du_an,nguon_von,nam,loai\n"
                                                     "DA01,NS-TINH,2019,giai_ngan\n")
        code, out, err = self.run_ocopdoc("import", self.db, "--xoa", deleted, "--xoa", year_row)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT nam, thang FROM du_toan WHERE loai = 'giai_ngan'"), [(2020, 3)])
        # So a month left out of a deletion file names no row when the year has only months.
        gone = self.write("du_toan-xoa-2020.csv", "ma_du_an,nguon_von,nam,loai\nDA01,NS-TINH,2020,giai_ngan\n")
        code, _, err = self.run_ocopdoc("import", self.db, "--xoa", gone)
        self.assertEqual(code, 1)
        self.assertIn("du_toan-xoa-2020.csv:2:1: không có dòng nào có khóa (ma_du_an = \"DA01\", nguon_von = "
                      "\"NS-TINH\", nam = \"2020\", loai = \"giai_ngan\", thang trống)", err)

    def test_an_estimate_has_no_month(self):
        self.assert_rejected({"du_toan-x.csv": "ma_du_an,ten_du_an,nguon_von,nam,thang,loai,so_tien\n"
                                               "DA01,Tuyên truyền,NS-TINH,2020,4,du_toan,5000000\n"},
                             "du_toan-x.csv:2:5: dòng dự toán (loai = du_toan) không được ghi tháng (để trống "
                             "cột thang): dự toán được giao cho cả năm 2020")

    def test_an_empty_month_in_a_duplicate_key_is_said_empty(self):
        self.assert_rejected({"du_toan-x.csv": "ma_du_an,ten_du_an,nguon_von,nam,thang,loai,so_tien\n"
                                               "DA01,Tuyên truyền,NS-TINH,2020,,giai_ngan,5000\n"
                                               "DA01,Tuyên truyền,NS-TINH,2020, ,giai_ngan,6000\n"},
                             "du_toan-x.csv:3:1: trùng khóa (ma_du_an = \"DA01\", nguon_von = \"NS-TINH\", "
                             "nam = \"2020\", loai = \"giai_ngan\", thang trống) với dòng 2")

    def test_a_month_is_1_to_12(self):
        for month in ("13", "0", "tháng 3"):
            with self.subTest(month=month):
                self.assert_rejected({"du_toan-x.csv": "ma_du_an,ten_du_an,nguon_von,nam,thang,loai,so_tien\n"
                                                       f"DA01,Tuyên truyền,NS-TINH,2020,{month},giai_ngan,5000\n"},
                                     "du_toan-x.csv:2:5: cột \"thang\" (tháng giải ngân)",
                                     "; để trống ô này nếu là giải ngân ghi chung cho cả năm")

    def test_a_year_is_disbursed_by_month_or_in_one_row(self):
        # The good data holds 2019's disbursement of DA01 from NS-TINH in one
        # row: months for the same year are refused, once, at the first.
        months = {"du_toan-x.csv": "ma_du_an,ten_du_an,nguon_von,nam,thang,loai,so_tien\n"
                                   "DA01,Tuyên truyền,NS-TINH,2019,5,giai_ngan,400000\n"
                                   "DA01,Tuyên truyền,NS-TINH,2019,3,giai_ngan,600000\n"}
        err = self.assert_rejected(
            months,
            "du_toan-x.csv:2:5: năm 2019, dự án \"DA01\", nguồn vốn \"NS-TINH\" đã ghi giải ngân chung cho cả "
            "năm (1.000.000 đồng, nhập trước), nên không ghi thêm theo tháng được",
            "muốn ghi theo tháng, xóa dòng cả năm bằng --xoa trong cùng lần nhập này")
        self.assertNotIn("du_toan-x.csv:3:", err)
        # The same from the other side: a year's row beside stored months.
        self.write("du_toan-x.csv", months["du_toan-x.csv"])
        self.write("du_toan-xoa.csv", "ma_du_an,nguon_von,nam,loai\nDA01,NS-TINH,2019,giai_ngan\n")
        code, _, err = self.run_ocopdoc("import", self.db, "du_toan-x.csv", "--xoa", "du_toan-xoa.csv")
        self.assertEqual(code, 0, err)
        before = sha256(self.db)
        self.write("du_toan-y.csv", "ma_du_an,ten_du_an,nguon_von,nam,loai,so_tien\n"
                                    "DA01,Tuyên truyền,NS-TINH,2019,giai_ngan,1000000\n")
        code, _, err = self.run_ocopdoc("import", self.db, "du_toan-y.csv")
        self.assertEqual(code, 1)
        self.assertIn("du_toan-y.csv:2:1: năm 2019, dự án \"DA01\", nguồn vốn \"NS-TINH\" đã ghi giải ngân "
                      "theo tháng (tháng 3, 5, nhập trước), nên không ghi thêm một dòng cả năm (không ghi tháng) "
                      "được", err)
        self.assertIn("muốn ghi một dòng cả năm, xóa các dòng theo tháng bằng --xoa", err)
        self.assertEqual(sha256(self.db), before)
        # Both kinds in the files of one import: said at the first row of
        # the other kind than the year's first row, which it names.
        self.write("du_toan-a.csv", "ma_du_an,ten_du_an,nguon_von,nam,thang,loai,so_tien\n"
                                    "DA01,Tuyên truyền,NS-TINH,2021,1,giai_ngan,10\n"
                                    "DA01,Tuyên truyền,NS-TINH,2021,2,giai_ngan,10\n")
        self.write("du_toan-b.csv", "ma_du_an,ten_du_an,nguon_von,nam,loai,so_tien,thang\n"
                                    "DA01,Tuyên truyền,NS-TINH,2021,du_toan,500,\n"
                                    "DA01,Tuyên truyền,NS-TINH,2021,giai_ngan,20,\n")
        code, _, err = self.run_ocopdoc("import", self.db, "du_toan-a.csv", "du_toan-b.csv")
        self.assertEqual(code, 1)
        self.assertIn("du_toan-b.csv:3:7: năm 2021, dự án \"DA01\", nguồn vốn \"NS-TINH\" đã ghi giải ngân theo "
                      "tháng (tháng 1, 2, ở dòng 2 của tệp du_toan-a.csv), nên không ghi thêm một dòng cả năm", err)
        self.assertIn("sửa lại tệp: bỏ dòng này hoặc các dòng kia", err)
        self.assertNotIn("du_toan-a.csv:", err)
        self.assertEqual(sha256(self.db), before)

    def test_impossible_date(self):
        self.assert_rejected({"san_pham-x.csv": "ma,ten,nhom,ma_chu_the,ma_don_vi,buoc,ngay_dang_ky\n"
                                                "SP09,Bánh gai,TP,CT02,15781,2,2019-02-30\n"},
                             "san_pham-x.csv:2:7:", "2019-02-30")

    def test_duplicate_key_in_one_file(self):
        self.assert_rejected({"nguon_von-x.csv": "ma,ten,loai\nNS-A,Vốn A,ngan_sach\nNS-B,Vốn B,ngan_sach\nNS-A,Vốn A lần hai,ngan_sach\n"},
                             "nguon_von-x.csv:4:1:", "trùng khóa", "dòng 2")

    def test_duplicate_key_across_files(self):
        self.assert_rejected({"nguon_von-a.csv": "ma,ten,loai\nNS-A,Vốn A,ngan_sach\n",
                              "nguon_von-b.csv": "ma,ten,loai\nNS-A,Vốn A (bản khác),xa_hoi_hoa\n"},
                             "nguon_von-b.csv:2:1:", "trùng khóa", "nguon_von-a.csv")

    def test_empty_file(self):
        self.assert_rejected({"nguon_von-x.csv": ""}, "nguon_von-x.csv:1:1:", "tệp rỗng")

    def test_header_only_file(self):
        self.assert_rejected({"nguon_von-x.csv": "ma,ten,loai,thu_tu\n"},
                             "nguon_von-x.csv:2:1:", "chỉ có dòng tiêu đề")

    def test_wrong_number_of_fields(self):
        self.assert_rejected({"nguon_von-x.csv": "ma,ten,loai,thu_tu\nNS-X,Vốn, khác,ngan_sach,3\n"},
                             "nguon_von-x.csv:2:", "5 ô nhưng dòng tiêu đề có 4 cột")

    def test_unterminated_quote(self):
        self.assert_rejected({"nguon_von-x.csv": "ma,ten,loai\nNS-X,\"Vốn khác,ngan_sach\nNS-Y,Vốn,ngan_sach\n"},
                             "nguon_von-x.csv:2:2:", "thiếu dấu ngoặc kép đóng")

    def test_unknown_table(self):
        self.assert_rejected({"san-pham.csv": "ma\nX\n"}, "san-pham.csv:1:1:", "không ứng với bảng nào")

    def test_one_bad_file_means_nothing_imported(self):
        # A good file of new rows beside a bad one: neither lands.
        self.assert_rejected({"nguon_von-tot.csv": "ma,ten,loai\nNS-TW,Ngân sách Trung ương,ngan_sach\n",
                              "chu_the-xau.csv": "ma,ten,loai_hinh,ma_don_vi\nCT07,X,ABC,15781\n"},
                             "chu_the-xau.csv:2:3:", "chỉ được một trong: DN, HTX")

    def test_every_error_is_reported_not_only_the_first(self):
        err = self.assert_rejected(
            {"chu_the-x.csv": "ma,ten,loai_hinh,ma_don_vi\n"
                              "CT05,,HTX,15781\n"
                              "CT06,HTX B,XX,15781\n"
                              "CT 07,HTX C,HTX,15781\n"},
            "chu_the-x.csv:2:2:", "chu_the-x.csv:3:3:", "chu_the-x.csv:4:1:")
        self.assertIn("3 lỗi", err)

    def test_unit_level_must_follow_its_parent(self):
        self.assert_rejected({"don_vi-x.csv": "ma,ten,loai,cap,ma_cha\n99990,Xã Thử,Xã,3,38\n"},
                             "don_vi-x.csv:2:1:", "cấp 3", "cấp 1")

    # -- step history (lich_su_buoc) -----------------------------------------
    HISTORY = ("ma_san_pham,ngay,buoc\n"
               "SP01,2019-02-15,2\nSP01,2019-03-20,3\nSP01,2019-05-02,4\n"
               "SP01,2019-09-10,5\nSP01,2019-12-10,6\n"
               "SP02,2019-03-01,2\nSP02,2019-04-15,3\n")

    def test_step_history_gives_the_step_at_any_date(self):
        self.init_with_good_data()
        code, out, err = self.run_ocopdoc("import", self.db, self.write("lich_su_buoc.csv", self.HISTORY))
        self.assertEqual(code, 0, err)
        self.assertIn("lich_su_buoc: 7 dòng (7 mới, 0 cập nhật)", out)
        at = ("SELECT ma_san_pham, buoc FROM buoc_san_pham WHERE (tu_ngay IS NULL OR tu_ngay <= '{0}') "
              "AND (den_ngay IS NULL OR den_ngay > '{0}') ORDER BY ma_san_pham")
        self.assertEqual(self.query(at.format("2019-02-14")), [])  # before either entered the cycle
        self.assertEqual(self.query(at.format("2019-03-01")), [("SP01", 2), ("SP02", 2)])
        self.assertEqual(self.query(at.format("2019-06-30")), [("SP01", 4), ("SP02", 3)])
        self.assertEqual(self.query(at.format("2019-12-09")), [("SP01", 5), ("SP02", 3)])
        self.assertEqual(self.query(at.format("2019-12-10")), [("SP01", 6), ("SP02", 3)])

    def test_a_product_without_history_is_at_its_step_since_registration(self):
        self.init_with_good_data()
        self.assertEqual(self.query("SELECT ma_san_pham, buoc, tu_ngay, den_ngay FROM buoc_san_pham "
                                    "ORDER BY ma_san_pham"),
                         [("SP01", 6, "2019-02-15", None), ("SP02", 3, "2019-03-01", None)])

    def test_history_that_ends_elsewhere_than_the_products_step(self):
        err = self.assert_rejected(
            {"lich_su_buoc.csv": "ma_san_pham,ngay,buoc\nSP02,2019-03-01,2\nSP02,2019-04-15,4\n"},
            "lich_su_buoc.csv:3:3: đây là dòng mới nhất của sản phẩm \"SP02\" trong lịch sử bước, bước 4 "
            "ngày 2019-04-15, nhưng ở bảng sản phẩm (san_pham) sản phẩm đang ở bước 3: sửa bước của sản phẩm "
            "thành 4, hoặc sửa dòng này")
        self.assertIn("1 lỗi", err)  # the earlier row is not the latest: no message

    def test_a_product_moved_on_without_a_dated_step_is_refused(self):
        self.init_with_good_data()
        self.assertEqual(self.run_ocopdoc("import", self.db, self.write("lich_su_buoc.csv", self.HISTORY))[0], 0)
        moved = GOOD["san_pham.csv"].replace("CT02,15781,3,", "CT02,15781,4,")
        self.assertNotEqual(moved, GOOD["san_pham.csv"])
        before = sha256(self.db)
        code, _, err = self.run_ocopdoc("import", self.db, self.write("san_pham-moi.csv", moved))
        self.assertEqual(code, 1, err)
        self.assertIn("san_pham-moi.csv:3:7: sản phẩm \"SP02\" ở bước 4 nhưng lịch sử bước (lich_su_buoc) "
                      "ghi bước mới nhất là bước 3 ngày 2019-04-15: nhập kèm một dòng lịch sử bước ghi ngày sản phẩm "
                      "đạt bước 4", err)
        self.assertEqual(sha256(self.db), before)
        # With the dated step beside it, the same file is taken.
        step = self.write("lich_su_buoc-moi.csv", "ma_san_pham,ngay,buoc\nSP02,2019-07-01,4\n")
        code, _, err = self.run_ocopdoc("import", self.db, "san_pham-moi.csv", step)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT buoc, den_ngay FROM buoc_san_pham WHERE ma_san_pham = 'SP02' "
                                    "ORDER BY tu_ngay"), [(2, "2019-04-15"), (3, "2019-07-01"), (4, None)])

    def test_a_step_dated_before_registration_is_refused(self):
        # SP01 registered 2019-02-15: its idea (step 2) on the 10th is refused
        # at the history row; so is a product re-registered later than its
        # history, at the product's row.
        self.assert_rejected({"lich_su_buoc.csv": "ma_san_pham,ngay,buoc\nSP01,2019-02-10,2\nSP01,2019-03-01,6\n"},
                             "lich_su_buoc.csv:2:2: sản phẩm \"SP01\" đạt bước 2 ngày 2019-02-10, "
                             "trước ngày đăng ký 2019-02-15")
        os.remove(self.db)
        self.init_with_good_data()
        self.assertEqual(self.run_ocopdoc("import", self.db, self.write("lich_su_buoc.csv", self.HISTORY))[0], 0)
        before = sha256(self.db)
        later = GOOD["san_pham.csv"].replace("6,2019-02-15", "6,2019-04-01")
        code, _, err = self.run_ocopdoc("import", self.db, self.write("san_pham-sau.csv", later))
        self.assertEqual(code, 1, err)
        self.assertIn("san_pham-sau.csv:2:8: sản phẩm \"SP01\" đăng ký ngày 2019-04-01 nhưng lịch sử bước "
                      "(lich_su_buoc) ghi sản phẩm đạt bước 2 ngày 2019-02-15", err)
        self.assertEqual(sha256(self.db), before)

    def test_a_history_begun_after_registration_is_at_step_2_before_it(self):
        # Only SP02's latest move is recorded: from its registration to that
        # row it is at step 2 (registration), never in no step at all.
        self.init_with_good_data()
        moved = GOOD["san_pham.csv"].replace("CT02,15781,3,", "CT02,15781,4,")
        code, _, err = self.run_ocopdoc("import", self.db, self.write("san_pham.csv", moved),
                                        self.write("lich_su_buoc.csv", "ma_san_pham,ngay,buoc\nSP02,2019-07-05,4\n"))
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT buoc, tu_ngay, den_ngay FROM buoc_san_pham WHERE ma_san_pham = 'SP02' "
                                    "ORDER BY tu_ngay"), [(2, "2019-03-01", "2019-07-05"), (4, "2019-07-05", None)])

    def test_history_values_are_checked(self):
        self.assert_rejected(
            {"lich_su_buoc.csv": "ma_san_pham,ngay,buoc\nSP09,2019-03-01,2\nSP02,2019-02-30,2\n"
                                 "SP02,2019-03-01,7\n"},
            "lich_su_buoc.csv:2:1:", "\"SP09\" không có trong bảng san_pham",
            "lich_su_buoc.csv:3:2:", "lich_su_buoc.csv:4:3:")

    # -- signers (nguoi_ky) ----------------------------------------------------
    def test_signers_one_per_unit(self):
        self.init_with_good_data()
        name = self.write("nguoi_ky.csv", "ma_don_vi,ho_ten,chuc_vu,ky_thay\n"
                                          "384,Mai Xuân Thử,Phó Chủ tịch,Chủ tịch\n")
        code, out, err = self.run_ocopdoc("import", self.db, name)
        self.assertEqual(code, 0, err)
        self.assertIn("nguoi_ky: 1 dòng (1 mới, 0 cập nhật)", out)
        # A new chairman from a file without ky_thay would keep the stored
        # "Chủ tịch" there and sign "KT. CHỦ TỊCH / CHỦ TỊCH": refused.
        before = sha256(self.db)
        name = self.write("nguoi_ky-moi.csv", "ma_don_vi,ho_ten,chuc_vu\n384,Lê Văn Mới,CHỦ TỊCH\n")
        code, out, err = self.run_ocopdoc("import", self.db, name)
        self.assertEqual(code, 1, out)
        self.assertIn("nguoi_ky-moi.csv:2:1: người ký có chức vụ \"CHỦ TỊCH\" lại ký thay \"Chủ tịch\"", err)
        self.assertIn("\"Chủ tịch\" nhập lần trước vẫn được giữ: thêm cột ky_thay và để trống", err)
        self.assertEqual(sha256(self.db), before)
        # With the column, left empty, the new chairman replaces the signer.
        name = self.write("nguoi_ky-moi.csv", "ma_don_vi,ho_ten,chuc_vu,ky_thay\n384,Lê Văn Mới,Chủ tịch,\n")
        code, out, err = self.run_ocopdoc("import", self.db, name)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT ma_don_vi, ho_ten, chuc_vu, ky_thay FROM nguoi_ky"),
                         [("384", "Lê Văn Mới", "Chủ tịch", None)])

    def test_a_deputy_signs_for_the_head(self):
        self.init_with_good_data()
        for header, row, column in [("ma_don_vi,ho_ten,chuc_vu,ky_thay", "384,Lê Văn A,Phó Chủ tịch,", 4),
                                    ("ma_don_vi,ho_ten,chuc_vu", "384,Lê Văn A,PHÓ CHỦ TỊCH", 3)]:
            with self.subTest(header=header):
                code, _, err = self.run_ocopdoc("import", self.db, self.write("nguoi_ky.csv", header + "\n" + row + "\n"))
                self.assertEqual(code, 1, err)
                self.assertIn(f"nguoi_ky.csv:2:{column}: người ký là ", err)
                self.assertIn("cấp phó ký thay người đứng đầu", err)

    def test_signer_errors(self):
        err = self.assert_rejected(
            {"nguoi_ky.csv": "ma_don_vi,ho_ten,chuc_vu,ky_thay\n999,Lê Văn A,Chủ tịch,\n384,,Chủ tịch,\n"
                             "15778,Lê Văn B,,\n384,Lê Văn C,Chủ tịch,\n384,Lê Văn D,Chủ tịch,\n"
                             "15781,Lê Văn E,Chủ tịch,chủ tịch\n"},
            "nguoi_ky.csv:2:1:", "\"999\" không có trong bảng don_vi", "nguoi_ky.csv:3:2:",
            "nguoi_ky.csv:4:3:", "nguoi_ky.csv:6:", "nguoi_ky.csv:7:4: người ký có chức vụ")
        self.assertIn("5 lỗi", err)

    TASK_HEADER = "ma,ten,bat_dau,ket_thuc,thoi_gian,don_vi_chu_tri,doi_tuong,noi_dung,thu_tu_y\n"

    def test_task_item_order_is_checked_and_stored_without_spaces(self):
        self.init_with_good_data()
        name = self.write("nhiem_vu.csv", self.TASK_HEADER +
                          "5.3,Tập huấn,2019-04-01,2019-06-30,Quý II/2019,VPĐP,Cán bộ,Theo phụ lục III,"
                          "\" thoi_gian , noi_dung,doi_tuong =  Đối tượng đào tạo ,don_vi_chu_tri\"\n"
                          "5.4,Triển khai,2019-04-01,2019-06-30,Quý II/2019,VPĐP,,Lựa chọn,\n")
        code, _, err = self.run_ocopdoc("import", self.db, name)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT thu_tu_y FROM nhiem_vu ORDER BY ma"),
                         [("thoi_gian,noi_dung,doi_tuong=Đối tượng đào tạo,don_vi_chu_tri",), (None,)])
        # The view gives the items in print order: the listed ones, then the
        # usual order; an empty item is left out.
        self.assertEqual(self.query("SELECT ma_nhiem_vu, y, nhan FROM nhiem_vu_y ORDER BY ma_nhiem_vu, thu_tu"),
                         [("5.3", "thoi_gian", None), ("5.3", "noi_dung", None),
                          ("5.3", "doi_tuong", "Đối tượng đào tạo"), ("5.3", "don_vi_chu_tri", None),
                          ("5.4", "thoi_gian", None), ("5.4", "don_vi_chu_tri", None),
                          ("5.4", "noi_dung", None)])

    def test_task_item_order_errors(self):
        row = "1,Việc,2019-01-01,2019-01-31,Tháng 1,VPĐP,,Nội dung,"
        for order, fragment in [
            ("\"thoi_gian,noi_dng\"", "ý thứ 2 là \"noi_dng\", không phải tên một ý; chỉ được: thoi_gian, "
                                       "don_vi_chu_tri, don_vi_phoi_hop, doi_tuong, noi_dung"),
            ("\"noi_dung,,thoi_gian\"", "ý thứ 2 trống"),
            ("\"noi_dung,thoi_gian,noi_dung\"", "ý \"noi_dung\" được kể hai lần"),
            ("doi_tuong=", "ý \"doi_tuong\" có dấu \"=\" nhưng thiếu nhãn"),
        ]:
            with self.subTest(order=order):
                self.assert_rejected({"nhiem_vu-x.csv": self.TASK_HEADER + row + order + "\n"},
                                     "nhiem_vu-x.csv:2:9:", "cột \"thu_tu_y\" (thứ tự các ý)", fragment)
                os.remove(self.db)

    def test_import_into_missing_database(self):
        name = self.write("nguon_von.csv", GOOD["nguon_von.csv"])
        code, _, err = self.run_ocopdoc("import", "khong-co.db", name)
        self.assertEqual(code, 1)
        self.assertIn("ocopdoc init", err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "khong-co.db")))

    def test_import_into_uninitialised_database(self):
        open(self.db, "wb").close()
        name = self.write("nguon_von.csv", GOOD["nguon_von.csv"])
        code, _, err = self.run_ocopdoc("import", self.db, name)
        self.assertEqual(code, 1)
        self.assertIn("chưa được khởi tạo", err)

    # -- deleting rows (--xoa) ----------------------------------------------
    def test_rows_are_deleted_by_their_key(self):
        self.init_with_good_data()
        # A copy of the imported row: the columns outside the key are ignored.
        rating = self.write("danh_gia-xoa.csv", GOOD["danh_gia.csv"].splitlines()[0] + "\n" +
                            GOOD["danh_gia.csv"].splitlines()[1] + "\n")
        code, out, err = self.run_ocopdoc("import", self.db, "--xoa", rating)
        self.assertEqual(code, 0, err)
        self.assertIn("danh_gia: xóa 1 dòng", out)
        self.assertIn("Đã xóa 1 dòng theo 1 tệp khỏi", out)
        self.assertEqual(self.query("SELECT cap FROM danh_gia"), [("tinh",)])
        # The key alone is enough, written as the data-entry lists write it.
        budget = self.write("du_toan.csv", "ma_du_an,nguon_von,nam,loai\n"
                                           "DA01,NS-TINH - Ngân sách tỉnh,2019,giai_ngan\n")
        code, out, err = self.run_ocopdoc("import", self.db, "--xoa", budget)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT loai FROM du_toan"), [("du_toan",)])

    def test_deleting_a_key_that_names_no_row_is_refused(self):
        self.assert_rejected(
            {}, "danh_gia.csv:2:1: không có dòng nào có khóa (ma_san_pham = \"SP01\", cap = \"huyen\", "
            "ngay = \"2019-09-11\") trong bảng danh_gia (đánh giá, phân hạng) để xóa: kiểm tra lại khóa",
            deletions={"danh_gia.csv": "ma_san_pham,cap,ngay\nSP01,huyen,2019-09-11\n"})

    def test_a_key_deleted_twice_is_refused(self):
        self.assert_rejected(
            {}, "danh_gia.csv:3:1: trùng khóa (ma_san_pham = \"SP01\", cap = \"huyen\", ngay = "
            "\"2019-09-10\") với dòng 2, dòng đó đã xóa dòng này; mỗi khóa chỉ được xóa một lần",
            deletions={"danh_gia.csv": "ma_san_pham,cap,ngay\nSP01,huyen,2019-09-10\nSP01,huyen,2019-09-10\n"})

    def test_a_deletion_file_needs_the_key_columns(self):
        self.assert_rejected(
            {}, "danh_gia.csv:1:3: thiếu cột bắt buộc \"ngay\" (ngày đánh giá): tệp xóa dòng cần đủ các cột "
            "khóa của bảng (ma_san_pham, cap, ngay)",
            deletions={"danh_gia.csv": "ma_san_pham,cap\nSP01,huyen\n"})

    def test_a_row_that_others_still_name_is_not_deleted_alone(self):
        products = "ma\nSP01\n"
        self.assert_rejected(
            {}, "san_pham.csv:2:1: không xóa được sản phẩm \"SP01\": còn 2 dòng của bảng danh_gia (đánh giá, "
            "phân hạng) ghi ma_san_pham = \"SP01\"; xóa cả các dòng đó trong cùng lần nhập (thêm --xoa "
            "danh_gia.csv), hoặc nhập chúng với mã khác",
            deletions={"san_pham.csv": products})
        # With its ratings, in any order on the command line, it goes.
        ratings = self.write("danh_gia.csv", "ma_san_pham,cap,ngay\nSP01,huyen,2019-09-10\n"
                                             "SP01,tinh,2019-12-10\n")
        code, out, err = self.run_ocopdoc("import", self.db, "--xoa", "san_pham.csv", "--xoa", ratings)
        self.assertEqual(code, 0, err)
        self.assertIn("san_pham: xóa 1 dòng", out)
        self.assertIn("danh_gia: xóa 2 dòng", out)
        self.assertEqual(self.query("SELECT ma FROM san_pham"), [("SP02",)])
        self.assertEqual(self.query("SELECT count(*) FROM danh_gia"), [(0,)])

    def test_a_row_imported_for_a_deleted_row_is_refused_at_its_own_line(self):
        # The product is deleted and, in the same run, a rating is imported
        # for it: said once, at the rating, naming the deletion.
        err = self.assert_rejected(
            {"danh_gia-moi.csv": "ma_san_pham,cap,ngay,diem_a,diem_b,diem_c,so_sao\nSP02,huyen,2019-09-10,"
                                 "20,15,25,3\n"},
            "danh_gia-moi.csv:2:1: cột \"ma_san_pham\" (mã sản phẩm): \"SP02\" không có trong bảng san_pham "
            "(sản phẩm), vì dòng 2 của tệp xóa dòng san_pham.csv xóa nó trong lần nhập này",
            deletions={"san_pham.csv": "ma\nSP02\n"})
        self.assertIn("1 lỗi", err)

    def test_a_unit_with_units_under_it_is_not_deleted_alone(self):
        self.assert_rejected(
            {}, "don_vi.csv:2:1: không xóa được đơn vị hành chính \"384\": còn 2 dòng của bảng don_vi "
            "(đơn vị hành chính) ghi ma_cha = \"384\"",
            deletions={"don_vi.csv": "ma\n384\n"})

    def test_a_parent_deleted_and_imported_again_keeps_its_children(self):
        self.init_with_good_data()
        self.write("san_pham-xoa.csv", "ma\nSP01\n")
        self.write("san_pham.csv", GOOD["san_pham.csv"].replace("Chiếu cói Nga Sơn", "Chiếu cói"))
        code, out, err = self.run_ocopdoc("import", self.db, "san_pham.csv", "--xoa", "san_pham-xoa.csv")
        self.assertEqual(code, 0, err)
        self.assertIn("san_pham: 2 dòng (1 mới, 1 cập nhật); xóa 1 dòng", out)
        self.assertEqual(self.query("SELECT ten FROM san_pham WHERE ma = 'SP01'"), [("Chiếu cói",)])
        self.assertEqual(self.query("SELECT count(*) FROM danh_gia WHERE ma_san_pham = 'SP01'"), [(2,)])

    def test_deletion_errors_follow_the_lines_of_the_file(self):
        err = self.assert_rejected(
            {}, deletions={"don_vi.csv": "ma\n15781\n384\n"})
        # Line 2's commune is named by a subject and a product; line 3's
        # district by the commune that stays.  Found table by table, said
        # line by line.
        lines = [line for line in err.splitlines() if line.startswith("don_vi.csv:")]
        self.assertEqual([line.split(":")[1] for line in lines], ["2", "2", "3"], err)
        self.assertIn("\"384\": còn 1 dòng của bảng don_vi", lines[2])

    def test_a_deletion_key_in_bad_utf8_names_its_byte(self):
        self.assert_rejected(
            {}, "du_toan.csv:2:1: cột \"ma_du_an\" (mã dự án): ", "(vị trí byte ",
            deletions={"du_toan.csv": b"ma_du_an,nguon_von,nam,loai\nDA\xff01,NS-TINH,2019,du_toan\n"})

    def test_a_mistyped_history_date_is_replaced(self):
        self.init_with_good_data()
        self.assertEqual(self.run_ocopdoc("import", self.db, self.write("lich_su_buoc.csv", self.HISTORY))[0], 0)
        wrong = self.write("lich_su_buoc-sai.csv", "ma_san_pham,ngay\nSP02,2019-04-15\n")
        right = self.write("lich_su_buoc-dung.csv", "ma_san_pham,ngay,buoc\nSP02,2019-05-15,3\n")
        code, out, err = self.run_ocopdoc("import", self.db, right, "--xoa", wrong)
        self.assertEqual(code, 0, err)
        self.assertIn("lich_su_buoc: 1 dòng (1 mới, 0 cập nhật); xóa 1 dòng", out)
        self.assertIn("Đã xóa 1 dòng theo 1 tệp, nhập 1 dòng từ 1 tệp vào", out)
        self.assertEqual(self.query("SELECT buoc, tu_ngay, den_ngay FROM buoc_san_pham WHERE ma_san_pham = 'SP02' "
                                    "ORDER BY tu_ngay"),
                         [(2, "2019-03-01", "2019-05-15"), (3, "2019-05-15", None)])

    def test_deleting_the_latest_history_row_must_leave_the_products_step(self):
        self.init_with_good_data()
        self.assertEqual(self.run_ocopdoc("import", self.db, self.write("lich_su_buoc.csv", self.HISTORY))[0], 0)
        before = sha256(self.db)
        self.write("lich_su_buoc-xoa.csv", "ma_san_pham,ngay\nSP02,2019-04-15\n")
        code, _, err = self.run_ocopdoc("import", self.db, "--xoa", "lich_su_buoc-xoa.csv")
        self.assertEqual(code, 1)
        self.assertIn("lich_su_buoc-xoa.csv:2:2: xóa dòng này thì dòng mới nhất trong lịch sử bước của sản phẩm "
                      "\"SP02\" là bước 2 ngày 2019-03-01, nhưng ở bảng sản phẩm (san_pham) sản phẩm đang ở "
                      "bước 3", err)
        self.assertIn("không nhập, không xóa gì, cơ sở dữ liệu không thay đổi", err)
        self.assertEqual(sha256(self.db), before)
        # The whole history may go: the product is then at its step since registration.
        self.write("lich_su_buoc-xoa.csv", "ma_san_pham,ngay\nSP02,2019-04-15\nSP02,2019-03-01\n")
        code, _, err = self.run_ocopdoc("import", self.db, "--xoa", "lich_su_buoc-xoa.csv")
        self.assertEqual(code, 0, err)
        self.assertEqual(self.query("SELECT buoc, tu_ngay FROM buoc_san_pham WHERE ma_san_pham = 'SP02'"),
                         [(3, "2019-03-01")])

    def test_readme_gives_every_tables_key(self):
        # The key table under "Deleting rows" against the schema: each key is
        # the primary key, or a unique constraint where the key is an id.
        code, _, err = self.run_ocopdoc("init", self.db)
        self.assertEqual(code, 0, err)
        source = os.environ.get("OCOPDOC_SOURCE_DIR", ".")
        with open(os.path.join(source, "README.md"), encoding="utf-8") as f:
            section = f.read().split("**Deleting rows.**", 1)[1].split("**Workbooks", 1)[0]
        documented = {}
        for line in section.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 2 and cells[0].startswith("`"):
                for table in cells[0].replace("`", "").split(","):
                    documented[table.strip()] = [c.strip() for c in cells[1].split(",")]
        con = sqlite3.connect(self.db)
        try:
            tables = [n for (n,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                                "AND name NOT LIKE 'sqlite%'")]
            for table in tables:
                pk = [r[1] for r in sorted(con.execute(f"PRAGMA table_info({table})"), key=lambda r: r[5]) if r[5]]
                keys = [pk]
                for index in con.execute(f"PRAGMA index_list({table})"):
                    if index[2]:
                        keys.append([r[2] for r in con.execute(f"PRAGMA index_info({index[1]})")])
                self.assertIn(documented.get(table), keys, table)
        finally:
            con.close()
        self.assertEqual(sorted(documented), sorted(tables))
        # ... and the keys the importer deletes by, as its message names them
        # for a deletion file that has none of them.
        for table, key in documented.items():
            self.write(table + ".csv", "khong_co_cot_nay\nx\n")
            code, _, err = self.run_ocopdoc("import", self.db, "--xoa", table + ".csv")
            self.assertEqual(code, 1, err)
            named = err.split("cần đủ các cột khóa của bảng (", 1)[1].split(")", 1)[0]
            self.assertEqual(named.split(", "), key, table)

    # -- usage -------------------------------------------------------------
    def test_usage_errors_exit_2(self):
        self.assertEqual(self.run_ocopdoc()[0], 2)
        self.assertEqual(self.run_ocopdoc("khong-co-lenh")[0], 2)
        self.assertEqual(self.run_ocopdoc("import", self.db)[0], 2)
        self.assertEqual(self.run_ocopdoc("import", self.db, "--xoa")[0], 2)
        self.assertEqual(self.run_ocopdoc("import", "--xoa", "don_vi.csv")[0], 2)  # no DB
        self.assertEqual(self.run_ocopdoc("import", self.db, "--xoa-het", "don_vi.csv")[0], 2)
        self.assertEqual(self.run_ocopdoc("init")[0], 2)
        for command in ("init", "import", "summary"):
            code, out, _ = self.run_ocopdoc(command, "--help")
            self.assertEqual(code, 0)
            self.assertIn("Cách dùng: ocopdoc " + command, out)

    def test_import_help_names_every_table(self):
        code, _, err = self.run_ocopdoc("init", self.db)
        self.assertEqual(code, 0, err)
        tables = [name for (name,) in self.query("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                                 "AND name NOT LIKE 'sqlite%' ORDER BY name")]
        self.assertIn("lich_su_buoc", tables)
        code, out, _ = self.run_ocopdoc("import", "--help")
        self.assertEqual(code, 0)
        listed = " ".join(out.split("Tên tệp là tên bảng:", 1)[1].split("(ví dụ", 1)[0].split())
        self.assertEqual(sorted(listed.replace(",", " ").split()), tables)


if __name__ == "__main__":
    unittest.main()
