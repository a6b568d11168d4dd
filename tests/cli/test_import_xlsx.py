"""`ocopdoc import DB FILE.xlsx` as a district clerk and the provincial office
use it: the data-entry workbook (templates/mau-nhap-lieu.mau) rendered for
Nga Sơn (401), filled with openpyxl the way a clerk fills it in Excel, and
plain workbooks, imported into a copy of the Thanh Hóa sample database.

Each test checks what the user sees: the exit status, the messages on stderr
(`FILE.xlsx:SHEET!F12: ...`, the cell as Excel shows it) and the rows read back
with sqlite3; after any error the database file is byte-for-byte unchanged
(checked by hash).

openpyxl 3.0.9 writes every text cell as an inline string and cannot write the
cached value of a formula, while Excel writes a shared-string table and caches
every formula's value: `excel_like()` and `cache_formula()` rewrite a saved
workbook into those forms, so both kinds of file are imported.
"""
import datetime
import hashlib
import html
import os
import re
import shutil
import sqlite3
import tempfile
import unittest
import zipfile

import openpyxl

import clisupport
from clisupport import SampleDatabase

TEMPLATES = os.path.join(clisupport.SOURCE, "templates")
DATA_ENTRY = None  # mau-nhap-lieu.xlsx rendered for district 401, made once


def setUpModule():
    global DATA_ENTRY
    db = SampleDatabase.get()
    DATA_ENTRY = os.path.join(SampleDatabase.directory, "mau-nhap-lieu-401.xlsx")
    code, _, err = clisupport.run("render", db, os.path.join(TEMPLATES, "mau-nhap-lieu.mau"),
                                  "--set", "don_vi=401", "-o", DATA_ENTRY)
    assert code == 0, err


def tearDownModule():
    SampleDatabase.remove()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# -- workbook helpers ----------------------------------------------------------

def new_workbook():
    """An empty workbook: openpyxl's default "Sheet" removed (a visible sheet
    that names no table is an error)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb


def add_sheet(wb, title, rows, first_row=1, state="visible"):
    """A sheet with `rows` (lists of values; None leaves a cell empty) from
    `first_row` on."""
    ws = wb.create_sheet(title)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(first_row + offset, column, value)
    ws.sheet_state = state
    return ws


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
INLINE = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>',
                    re.S)


def rewrite_zip(path, change):
    """Rewrites the zip at `path`: change(name, bytes) returns the new bytes of
    each part (or None to drop it); change(None, None) may return extra parts."""
    with zipfile.ZipFile(path) as z:
        parts = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            data = change(name, data)
            if data is not None:
                z.writestr(name, data)
        for name, data in (change(None, None) or {}).items():
            z.writestr(name, data)


def excel_like(path, rich=()):
    """Moves the inline strings of a workbook saved by openpyxl into a
    shared-string table (xl/sharedStrings.xml) and makes the workbook's part
    names relative, as Excel saves. Strings in `rich` are stored as rich text:
    two runs, the second bold."""
    strings = []

    def index(escaped):
        if escaped not in strings:
            strings.append(escaped)
        return strings.index(escaped)

    def change(name, data):
        if name is None:
            items = []
            for escaped in strings:
                text = html.unescape(escaped)
                if text in rich:
                    cut = len(text) // 2
                    first, second = (html.escape(text[:cut], quote=False), html.escape(text[cut:], quote=False))
                    items.append(f'<si><r><t xml:space="preserve">{first}</t></r>'
                                 f'<r><rPr><b/></rPr><t xml:space="preserve">{second}</t></r></si>')
                else:  # as Excel writes: UTF-8, not character references
                    items.append(f'<si><t xml:space="preserve">{html.escape(text, quote=False)}</t></si>')
            sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   f'count="{len(strings)}" uniqueCount="{len(strings)}">' + "".join(items) + "</sst>")
            return {"xl/sharedStrings.xml": sst.encode("utf-8")}
        if name == "xl/sharedStrings.xml":
            raise AssertionError("the workbook already has shared strings")
        if name.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            text = INLINE.sub(lambda m: f'<c {m.group(1)}t="s"{m.group(2)}><v>{index(m.group(3))}</v></c>', text)
            assert "inlineStr" not in text, "an inline string was left"
            return text.encode("utf-8")
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" '
                                              f'ContentType="{SST_TYPE}"/></Types>'.encode())
        if name == "xl/_rels/workbook.xml.rels":
            # Excel's targets are relative to xl/ (openpyxl writes "/xl/worksheets/...").
            data = data.replace(b'Target="/xl/', b'Target="')
            return data.replace(b"</Relationships>", f'<Relationship Id="rIdSst" Type="{SST_REL}" '
                                                      f'Target="sharedStrings.xml"/></Relationships>'.encode())
        return data

    rewrite_zip(path, change)
    assert strings, "no strings moved"


def cache_formula(path, formula, cached, kind):
    """Gives the formula `formula` (as written by openpyxl, without "=") the
    cached value `cached`, as Excel saves it: kind "str" for text, "n" for a
    number."""
    pattern = re.compile(r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v>\s*</v>)?</c>')
    found = []

    def cell(m):
        if html.unescape(m.group(3)) != formula:
            return m.group(0)
        found.append(m.group(1))
        attributes = re.sub(r'\s*t="[^"]*"', "", m.group(2))
        type_attribute = ' t="str"' if kind == "str" else ""
        return (f'<c r="{m.group(1)}"{attributes}{type_attribute}><f>{m.group(3)}</f>'
                f'<v>{html.escape(str(cached), quote=False)}</v></c>')

    def change(name, data):
        if name is None or not name.startswith("xl/worksheets/sheet"):
            return None if name is None else data
        return pattern.sub(cell, data.decode("utf-8")).encode("utf-8")

    rewrite_zip(path, change)
    assert len(found) == 1, (formula, found)


def drop_down_items(wb):
    """The hidden list sheet "Danh sách": {list title: [items]}."""
    ws = wb["Danh sách"]
    lists = {}
    for column in range(1, ws.max_column + 1):
        items = [ws.cell(row, column).value for row in range(2, ws.max_row + 1)]
        lists[ws.cell(1, column).value] = [item for item in items if item is not None]
    return lists


def first_entry_row(ws, first_column="ma"):
    """The first row a clerk fills: the one under the contract's column names
    (the sheet "Chủ thể" has the sender's header above its title)."""
    header = next(row for row in range(1, 50) if ws.cell(row, 1).value == first_column)
    return header + 1


# -- the tests -----------------------------------------------------------------

class ImportXlsxTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ocopdoc-xlsx-import-")
        self.db = os.path.join(self.dir, "test.db")
        shutil.copyfile(SampleDatabase.get(), self.db)

    def tearDown(self):
        shutil.rmtree(self.dir)

    # -- helpers -----------------------------------------------------------
    def path(self, name):
        full = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        return full

    def save(self, wb, name):
        wb.save(self.path(name))
        return name

    def write(self, name, content):
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(self.path(name), mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(content)
        return name

    def data_entry(self):
        """The rendered data-entry workbook, opened for filling."""
        return openpyxl.load_workbook(DATA_ENTRY)

    def import_files(self, *names):
        """`ocopdoc import test.db NAMES...` in the test folder, names as given."""
        return clisupport.run("import", "test.db", *names, cwd=self.dir, timeout=60)

    def query(self, sql, *params):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def assert_imported(self, *names):
        code, out, err = self.import_files(*names)
        self.assertEqual(code, 0, f"stdout: {out}\nstderr: {err}")
        self.assertEqual(err.strip(), "", "no message expected on a good import")
        return out

    def assert_rejected(self, *names):
        """Imports `names`, checks exit 1 and the database unchanged; returns stderr."""
        before = sha256(self.db)
        code, out, err = self.import_files(*names)
        self.assertEqual(code, 1, f"stdout: {out}\nstderr: {err}")
        self.assertNotIn("chưa hỗ trợ nhập tệp Excel", err)  # the answer before workbooks were read
        self.assertEqual(sha256(self.db), before, "the database changed after a failed import")
        self.assertFalse(os.path.exists(self.db + "-journal"))
        return err

    def assert_message(self, err, prefix, *fragments):
        """Some line of `err` starts with `prefix` ("x.xlsx:Sheet!C9:") and
        contains every fragment."""
        lines = [line for line in err.splitlines() if line.startswith(prefix)]
        self.assertTrue(lines, f"no message at {prefix!r} in:\n{err}")
        self.assertTrue(any(all(f in line for f in fragments) for line in lines),
                        f"no message at {prefix!r} with {fragments!r} in:\n{err}")

    # -- the data-entry workbook, filled like a clerk ----------------------------
    def test_filled_data_entry_workbook_round_trip(self):
        wb = self.data_entry()
        lists = drop_down_items(wb)
        # Items of the drop-downs, with the codes they stand for read from the
        # database (not by splitting the items).
        units = {f"{ma} - {ten}": ma for ma, ten in self.query(
            "SELECT d.ma, d.ten FROM don_vi_to_tien t JOIN don_vi d ON d.ma = t.ma WHERE t.ma_to_tien = '401'")}
        groups = {f"{ma} - {ten}": ma for ma, ten in self.query("SELECT ma, ten FROM nhom_san_pham")}
        # The subjects' and products' commune lists leave out the district.
        communes = lists["Xã, phường, thị trấn"]
        self.assertEqual(sorted(communes), sorted(item for item in lists["Đơn vị hành chính"] if units[item] != "401"))
        commune_a, commune_b = communes[0], communes[3]
        # A group whose name itself holds " - " ("LN - Lưu niệm - nội thất - trang trí"):
        # the code is what comes before the first " - ".
        dashed_group = next(item for item in lists["Nhóm sản phẩm"] if item.count(" - ") > 1)
        plain_group = next(item for item in lists["Nhóm sản phẩm"] if item.count(" - ") == 1)
        htx = next(item for item in lists["Loại hình chủ thể"] if item.startswith("HTX - "))
        ho = next(item for item in lists["Loại hình chủ thể"] if item.startswith("HO - "))
        step6, step3 = lists["Bước chu trình OCOP"][5], lists["Bước chu trình OCOP"][2]
        self.assertTrue(step6.startswith("6 - ") and step3.startswith("3 - "), (step6, step3))

        ws = wb["Chủ thể"]
        first = first_entry_row(ws)  # under the header the clerk fills under
        for column, value in zip("ABCDEF", ["CT900", "Hợp tác xã cói Nga Tân - Nga Sơn", htx, commune_a,
                                            "Mai Văn Hùng", "0912345678"]):
            ws[f"{column}{first}"] = value
        for column, value in zip("ABCD", ["CT901", "Hộ kinh doanh Lê Thị Hoa", ho, commune_b]):
            ws[f"{column}{first + 1}"] = value
        ws = wb["Sản phẩm"]
        self.assertEqual(ws["A7"].value, "ma")
        for column, value in zip("ABCDEFGH", ["SP900", "Chiếu cói Nga Sơn - hàng xuất khẩu", dashed_group,
                                              "Thủ công - mỹ nghệ", "CT900", commune_a, step6,
                                              datetime.date(2019, 6, 30)]):
            ws[f"{column}8"] = value
        ws["H8"].number_format = "dd/mm/yyyy"  # a real Excel date, shown the Vietnamese way
        for column, value in zip("ABCEFG", ["SP901", "Mắm tép Ba Làng", plain_group, "CT901", commune_b, step3]):
            ws[f"{column}9"] = value
        # SP900's steps: registered (a date typed as text), then recognised
        # by the province (a real Excel date), its step chosen from the list.
        ws = wb["Lịch sử bước"]
        first = first_entry_row(ws, "ma_san_pham")
        step2 = lists["Bước chu trình OCOP"][1]
        for row, values in [(first, ["SP900", "2019-06-30", step2]),
                            (first + 1, ["SP900", datetime.date(2019, 12, 17), step6])]:
            for column, value in zip("ABC", values):
                ws[f"{column}{row}"] = value
        ws[f"B{first + 1}"].number_format = "dd/mm/yyyy"
        # "Học viên" stays as rendered: header and 300 blank styled rows.
        name = self.save(wb, "mau-nga-son.xlsx")
        excel_like(self.path(name), rich={"Mắm tép Ba Làng"})

        out = self.assert_imported(name)
        self.assertIn("chu_the: 2 dòng (2 mới, 0 cập nhật)", out)
        self.assertIn("san_pham: 2 dòng (2 mới, 0 cập nhật)", out)
        self.assertIn("lich_su_buoc: 2 dòng (2 mới, 0 cập nhật)", out)
        self.assertNotIn("hoc_vien", out)  # the blank sheet is left out of the summary
        self.assertEqual(self.query("SELECT buoc, tu_ngay, den_ngay FROM buoc_san_pham WHERE ma_san_pham = 'SP900' "
                                    "ORDER BY tu_ngay"), [(2, "2019-06-30", "2019-12-17"), (6, "2019-12-17", None)])
        self.assertEqual(
            self.query("SELECT ma, ten, loai_hinh, ma_don_vi, nguoi_dai_dien, dien_thoai FROM chu_the "
                       "WHERE ma IN ('CT900', 'CT901') ORDER BY ma"),
            [("CT900", "Hợp tác xã cói Nga Tân - Nga Sơn", "HTX", units[commune_a], "Mai Văn Hùng", "0912345678"),
             ("CT901", "Hộ kinh doanh Lê Thị Hoa", "HO", units[commune_b], None, None)])
        self.assertEqual(
            self.query("SELECT ma, ten, nhom, phan_nhom, ma_chu_the, ma_don_vi, buoc, typeof(buoc), ngay_dang_ky "
                       "FROM san_pham WHERE ma IN ('SP900', 'SP901') ORDER BY ma"),
            [("SP900", "Chiếu cói Nga Sơn - hàng xuất khẩu", groups[dashed_group], "Thủ công - mỹ nghệ", "CT900",
              units[commune_a], 6, "integer", "2019-06-30"),
             ("SP901", "Mắm tép Ba Làng", groups[plain_group], None, "CT901", units[commune_b], 3, "integer",
              None)])
        self.assertEqual(self.query("SELECT count(*) FROM chu_the"), [(107,)])
        self.assertEqual(self.query("SELECT count(*) FROM san_pham"), [(145,)])
        self.assertEqual(self.query("SELECT count(*) FROM hoc_vien"), [(409,)])

    def test_blank_data_entry_workbook_is_an_error(self):
        # The form as rendered: headers, blank styled rows, no data anywhere.
        shutil.copyfile(DATA_ENTRY, self.path("mau-trong.xlsx"))
        err = self.assert_rejected("mau-trong.xlsx")
        self.assertIn("mau-trong.xlsx", err)

    def test_one_filled_sheet_is_enough(self):
        # "Chủ thể" filled, "Sản phẩm" and "Học viên" left blank: the blank
        # sheets are skipped.
        wb = self.data_entry()
        ws = wb["Chủ thể"]
        for column, value in zip("ABCD", ["CT910", "Tổ hợp tác mây tre Nga Thủy", "THT - Tổ hợp tác",
                                          drop_down_items(wb)["Xã, phường, thị trấn"][0]]):
            ws[f"{column}{first_entry_row(ws)}"] = value
        self.assert_imported(self.save(wb, "chu-the.xlsx"))
        self.assertEqual(self.query("SELECT loai_hinh FROM chu_the WHERE ma = 'CT910'"), [("THT",)])

    # -- plain workbooks -------------------------------------------------------
    def test_plain_workbook_with_codes_in_row_1(self):
        wb = new_workbook()
        add_sheet(wb, "san_pham", [
            ["ma", "ten", "nhom", "ma_chu_the", "ma_don_vi", "buoc"],
            ["SP920", "Bánh gai Tứ Trụ", "TP", "CT001", "16093", "2"],
            ["SP921", "Nước mắm Ba Làng", "TP", "CT002", "16096", "4"],
        ])
        out = self.assert_imported(self.save(wb, "san-pham.xlsx"))
        self.assertIn("san_pham: 2 dòng (2 mới, 0 cập nhật)", out)
        self.assertEqual(self.query("SELECT ma, ten, nhom, phan_nhom, ma_chu_the, ma_don_vi, buoc, ngay_dang_ky "
                                    "FROM san_pham WHERE ma LIKE 'SP92_' ORDER BY ma"),
                         [("SP920", "Bánh gai Tứ Trụ", "TP", None, "CT001", "16093", 2, None),
                          ("SP921", "Nước mắm Ba Làng", "TP", None, "CT002", "16096", 4, None)])

    def test_a_workbook_names_rows_to_delete(self):
        # Two trainees of the sample, the second with a name mistyped: the
        # sheet lists the key, the birth year as Excel stores a number.
        (course, name, year, unit), = self.query(
            "SELECT ma_khoa_hoc, ho_ten, nam_sinh, ma_don_vi FROM hoc_vien ORDER BY id LIMIT 1")
        before = self.query("SELECT count(*) FROM hoc_vien")[0][0]
        wb = new_workbook()
        add_sheet(wb, "Học viên", [
            ["Học viên cần xóa"],
            ["ma_khoa_hoc", "ho_ten", "nam_sinh", "ma_don_vi", "chuc_vu"],
            # A column outside the key is not read: not even a formula
            # saved without its result, which an import would refuse.
            [course, name, year, unit, "=1/0"],
            [course, name + "h", year, unit],
        ])
        err = self.assert_rejected("--xoa", self.save(wb, "xoa.xlsx"))
        self.assert_message(err, "xoa.xlsx:Học viên!A4:", "không có dòng nào có khóa", "trong bảng hoc_vien")
        wb["Học viên"].delete_rows(4)
        out = self.assert_imported("--xoa", self.save(wb, "xoa.xlsx"))
        self.assertIn("hoc_vien: xóa 1 dòng", out)
        self.assertEqual(self.query("SELECT count(*) FROM hoc_vien")[0][0], before - 1)
        self.assertEqual(self.query("SELECT count(*) FROM hoc_vien WHERE ho_ten = ? AND nam_sinh = ?",
                                    name, year), [(0,)])

    def test_workbook_among_csv_files(self):
        # The workbook's products refer to a subject in a CSV given after it on
        # the command line, and the CSV's product to the workbook's subject.
        wb = new_workbook()
        add_sheet(wb, "Chủ thể", [["ma", "ten", "loai_hinh", "ma_don_vi"],
                                  ["CT930", "HTX dịch vụ nông nghiệp Nga Bạch", "HTX", "16120"]])
        add_sheet(wb, "Sản phẩm", [["ma", "ten", "nhom", "ma_chu_the", "ma_don_vi", "buoc"],
                                   ["SP930", "Gạo Nga Bạch", "TP", "CT931", "16120", "2"]])
        book = self.save(wb, "nga-bach.xlsx")
        subjects = self.write("chu_the-them.csv", "ma,ten,loai_hinh,ma_don_vi\nCT931,Hộ Trần Văn An,HO,16120\n")
        products = self.write("san_pham-them.csv",
                              "ma,ten,nhom,ma_chu_the,ma_don_vi,buoc\nSP931,Cói Nga Bạch,LN,CT930,16120,3\n")
        self.assert_imported(book, subjects, products)
        self.assertEqual(self.query("SELECT ma, ma_chu_the FROM san_pham WHERE ma IN ('SP930', 'SP931') ORDER BY ma"),
                         [("SP930", "CT931"), ("SP931", "CT930")])
        self.assertEqual(self.query("SELECT count(*) FROM chu_the WHERE ma IN ('CT930', 'CT931')"), [(2,)])

    def test_sheet_names_reduce_to_table_names(self):
        # Accents removed, đ → d, lower case, spaces → "_".
        wb = new_workbook()
        add_sheet(wb, "Đơn vị", [["ma", "ten", "loai", "cap", "ma_cha"], ["99901", "Xã Thử Nghiệm", "Xã", "3", "401"]])
        add_sheet(wb, "NGUỒN VỐN", [["ma", "ten", "loai"], ["QUY-DP", "Quỹ địa phương", "xa_hoi_hoa"]])
        add_sheet(wb, "Nhóm sản phẩm", [["ma", "ten", "thu_tu"], ["TM", "Thủ công mỹ nghệ", "7"]])
        add_sheet(wb, "Học viên", [["ma_khoa_hoc", "ho_ten", "nam_sinh", "gioi_tinh", "ma_don_vi"],
                                   ["KH2018-02", "Trịnh Thị Ưng", "1985", "Nữ", "99901"]])
        self.assert_imported(self.save(wb, "ten-trang.xlsx"))
        self.assertEqual(self.query("SELECT ten, cap, ma_cha FROM don_vi WHERE ma = '99901'"),
                         [("Xã Thử Nghiệm", 3, "401")])
        self.assertEqual(self.query("SELECT ten FROM nguon_von WHERE ma = 'QUY-DP'"), [("Quỹ địa phương",)])
        self.assertEqual(self.query("SELECT ten, thu_tu FROM nhom_san_pham WHERE ma = 'TM'"),
                         [("Thủ công mỹ nghệ", 7)])
        self.assertEqual(self.query("SELECT ho_ten, nam_sinh, gioi_tinh FROM hoc_vien WHERE ma_don_vi = '99901'"),
                         [("Trịnh Thị Ưng", 1985, "Nữ")])

    def test_hidden_sheets_are_skipped(self):
        wb = new_workbook()
        add_sheet(wb, "nguon_von", [["ma", "ten", "loai"], ["NS-HUYEN", "Ngân sách huyện", "ngan_sach"]])
        # Neither a hidden note sheet nor a very hidden sheet named like a table
        # (holding nonsense) is read.
        add_sheet(wb, "Ghi chú", [["Bảng này do phòng Nông nghiệp lập"]], state="hidden")
        add_sheet(wb, "san_pham", [["ma", "ten"], ["SP 999", ""], ["x", "y", "z"]], state="veryHidden")
        self.assert_imported(self.save(wb, "an.xlsx"))
        self.assertEqual(self.query("SELECT ten FROM nguon_von WHERE ma = 'NS-HUYEN'"), [("Ngân sách huyện",)])
        self.assertEqual(self.query("SELECT count(*) FROM san_pham"), [(143,)])

    def test_header_below_titles_notes_and_labels(self):
        # Title, note, Vietnamese labels, then the codes in row 50 (the last row
        # searched); a blank row between data rows is skipped.
        wb = new_workbook()
        ws = add_sheet(wb, "nguon_von", [["NGUỒN VỐN BỔ SUNG NĂM 2020", None, None, None, "Biểu số 3"]])
        ws["A3"] = "Ghi chú: mã nguồn vốn viết liền, không dấu"
        ws["A49"], ws["B49"], ws["C49"], ws["D49"] = "Mã nguồn vốn", "Tên nguồn vốn", "Thứ tự", "Loại"
        ws["A50"], ws["B50"], ws["C50"], ws["D50"] = "ma", "ten", "thu_tu", "loai"
        ws["A51"], ws["B51"], ws["C51"], ws["D51"] = "NS-XA", "Ngân sách xã", 11, "ngan_sach"
        ws["A53"], ws["B53"], ws["C53"], ws["D53"] = "DN-TAI-TRO", "Doanh nghiệp tài trợ", 12, "xa_hoi_hoa"
        out = self.assert_imported(self.save(wb, "nguon-von.xlsx"))
        self.assertIn("nguon_von: 2 dòng (2 mới, 0 cập nhật)", out)
        self.assertEqual(self.query("SELECT ma, ten, thu_tu FROM nguon_von WHERE ma IN ('NS-XA', 'DN-TAI-TRO') "
                                    "ORDER BY ma"),
                         [("DN-TAI-TRO", "Doanh nghiệp tài trợ", 12), ("NS-XA", "Ngân sách xã", 11)])

    def test_sheet_without_a_header_row_is_an_error_at_a1(self):
        for case, first_row in [("labels only", None), ("codes in row 51", 51)]:
            with self.subTest(case=case):
                wb = new_workbook()
                if first_row is None:
                    add_sheet(wb, "Nguồn vốn", [["Mã nguồn vốn", "Tên nguồn vốn"], ["NS-XA", "Ngân sách xã"]])
                else:
                    add_sheet(wb, "Nguồn vốn", [["ma", "ten"], ["NS-XA", "Ngân sách xã"]], first_row=first_row)
                add_sheet(wb, "chu_the", [["ma", "ten", "loai_hinh", "ma_don_vi"], ["CT940", "HTX Nga An", "HTX", "16144"]])
                err = self.assert_rejected(self.save(wb, "khong-tieu-de.xlsx"))
                self.assert_message(err, "khong-tieu-de.xlsx:Nguồn vốn!A1:")
                self.assertEqual(self.query("SELECT count(*) FROM chu_the WHERE ma = 'CT940'"), [(0,)])

    def test_misspelt_header_is_reported_at_the_unknown_name_and_only_there(self):
        wb = new_workbook()
        add_sheet(wb, "nguon_von", [["Nguồn vốn"], [], ["ma", "ten", "loai", "ghi_chu"], ["NS-Q", "Quỹ", "xa_hoi_hoa", "x"]])
        err = self.assert_rejected(self.save(wb, "sai-ten.xlsx"))
        self.assert_message(err, "sai-ten.xlsx:nguon_von!D3:", '"ghi_chu"', "không có trong bảng nguon_von",
                            "ma, ten")
        # One problem, one message: no claim that the workbook has no data.
        self.assertEqual(len(err.splitlines()), 2, err)  # the message and the summary line

    def test_a_broken_cell_is_reported_at_the_cell(self):
        wb = new_workbook()
        add_sheet(wb, "nguon_von", [["ma", "ten", "loai"], ["NS-Q", "Quỹ", "xa_hoi_hoa"], ["NS-R", 5, "xa_hoi_hoa"]])
        name = self.save(wb, "o-hong.xlsx")
        # A number cell whose value is not a number: only a damaged file has one.
        rewrite_zip(self.path(name), lambda part, data: None if part is None else
                    (data.replace(b"<v>5</v>", b"<v>abc</v>") if part.endswith("sheet1.xml") else data))
        err = self.assert_rejected(name)
        self.assert_message(err, "o-hong.xlsx:nguon_von!B3:", '"abc"')

    def test_sheet_with_only_a_header_is_skipped(self):
        wb = new_workbook()
        add_sheet(wb, "chu_the", [["ma", "ten", "loai_hinh", "ma_don_vi"]])
        add_sheet(wb, "nguon_von", [["ma", "ten", "loai"], ["NS-XA", "Ngân sách xã", "ngan_sach"]])
        self.assert_imported(self.save(wb, "mot-trang.xlsx"))
        self.assertEqual(self.query("SELECT ten FROM nguon_von WHERE ma = 'NS-XA'"), [("Ngân sách xã",)])

    # -- cell values ----------------------------------------------------------------
    def test_whole_numbers_are_read_as_their_digits(self):
        wb = new_workbook()
        # A year, a unit code and a step typed as numbers (no text format).
        add_sheet(wb, "Học viên", [["ma_khoa_hoc", "ho_ten", "nam_sinh", "gioi_tinh", "ma_don_vi"],
                                   ["KH2018-02", "Phạm Văn Lực", 1980, "Nam", 16093]])
        add_sheet(wb, "san_pham", [["ma", "ten", "nhom", "ma_chu_the", "ma_don_vi", "buoc"],
                                   ["SP950", "Rượu làng Quảng", "DU", "CT001", 16096, 5]])
        add_sheet(wb, "du_toan", [["ma_du_an", "ten_du_an", "nguon_von", "nam", "loai", "so_tien"],
                                  ["DA09", "Xúc tiến thương mại", "NS-TINH", 2020, "du_toan", 1250000000],
                                  ["DA09", "Xúc tiến thương mại", "NS-TINH", 2020.0, "giai_ngan", 980000000.0]])
        # Amounts formatted the accountant's way are numbers, not dates ("d" in "[Red]", "đồng").
        wb["du_toan"]["F2"].number_format = "#,##0;[Red]-#,##0"
        wb["du_toan"]["F3"].number_format = '#,##0 "đồng"'
        self.assert_imported(self.save(wb, "so.xlsx"))
        self.assertEqual(self.query("SELECT nam_sinh, typeof(nam_sinh), ma_don_vi, typeof(ma_don_vi) FROM hoc_vien "
                                    "WHERE ho_ten = 'Phạm Văn Lực'"),
                         [(1980, "integer", "16093", "text")])
        self.assertEqual(self.query("SELECT ma_don_vi, typeof(ma_don_vi), buoc FROM san_pham WHERE ma = 'SP950'"),
                         [("16096", "text", 5)])
        self.assertEqual(self.query("SELECT nam, loai, so_tien, typeof(so_tien) FROM du_toan WHERE ma_du_an = 'DA09' "
                                    "ORDER BY loai"),
                         [(2020, "du_toan", 1250000000, "integer"), (2020, "giai_ngan", 980000000, "integer")])

    def test_dates_are_read_as_iso_dates(self):
        wb = new_workbook()
        ws = add_sheet(wb, "khoa_hoc", [["ma", "ten", "tu_ngay", "den_ngay"],
                                        ["KH2020-01", "Tập huấn thiết kế bao bì", datetime.date(2020, 3, 9),
                                         datetime.date(2020, 3, 11)],
                                        ["KH2020-02", "Tập huấn thương mại điện tử", "2020-10-05",
                                         datetime.datetime(2020, 10, 7)]])
        ws["C2"].number_format = "mm-dd-yy"       # Excel's built-in short date (format 14)
        ws["D2"].number_format = "dd/mm/yyyy"     # a custom format, as set in Vietnam
        ws["D3"].number_format = "d mmmm yyyy"
        ws = add_sheet(wb, "Sản phẩm", [["ma", "ten", "nhom", "ma_chu_the", "ma_don_vi", "buoc", "ngay_dang_ky"],
                                        ["SP960", "Bánh răng bừa", "TP", "CT001", "16093", 2,
                                         datetime.date(2019, 2, 28)],
                                        ["SP961", "Bánh gai", "TP", "CT001", "16093", 2, 43646]])
        self.assertEqual(ws["G2"].number_format, "yyyy-mm-dd")  # openpyxl's own date format
        ws["G3"].number_format = "[$-42A]dd/mm/yyyy;@"  # Excel's Vietnamese-locale date: serial 43646
        self.assert_imported(self.save(wb, "ngay.xlsx"))
        self.assertEqual(self.query("SELECT ma, tu_ngay, den_ngay FROM khoa_hoc WHERE ma LIKE 'KH2020-%' ORDER BY ma"),
                         [("KH2020-01", "2020-03-09", "2020-03-11"), ("KH2020-02", "2020-10-05", "2020-10-07")])
        self.assertEqual(self.query("SELECT ma, ngay_dang_ky FROM san_pham WHERE ma IN ('SP960', 'SP961') ORDER BY ma"),
                         [("SP960", "2019-02-28"), ("SP961", "2019-06-30")])

    def test_formula_cells_are_read_by_their_cached_value(self):
        wb = new_workbook()
        add_sheet(wb, "san_pham", [["ma", "ten", "nhom", "ma_chu_the", "ma_don_vi", "buoc"],
                                   ["SP970", '=CONCATENATE("Bánh gai"," Tứ Trụ")', "TP", "CT001", "16093", "=1+3"]])
        name = self.save(wb, "cong-thuc.xlsx")
        cache_formula(self.path(name), 'CONCATENATE("Bánh gai"," Tứ Trụ")', "Bánh gai Tứ Trụ", "str")
        cache_formula(self.path(name), "1+3", 4, "n")
        excel_like(self.path(name))
        cached = openpyxl.load_workbook(self.path(name), data_only=True)["san_pham"]
        self.assertEqual((cached["B2"].value, cached["F2"].value), ("Bánh gai Tứ Trụ", 4))  # the helper worked
        self.assert_imported(name)
        self.assertEqual(self.query("SELECT ten, buoc FROM san_pham WHERE ma = 'SP970'"), [("Bánh gai Tứ Trụ", 4)])

    def test_error_value_cells_are_errors_at_the_cell(self):
        wb = new_workbook()
        ws = add_sheet(wb, "Sản phẩm", [["ma", "ten", "nhom", "ma_chu_the", "ma_don_vi", "buoc"],
                                        ["SP980", "Bánh gai", "#N/A", "CT001", "16093", 2],
                                        ["SP981", "Mắm tép", "TP", "CT001", "16093", "#REF!"]])
        self.assertEqual((ws["C2"].data_type, ws["F3"].data_type), ("e", "e"))
        err = self.assert_rejected(self.save(wb, "loi-o.xlsx"))
        self.assert_message(err, "loi-o.xlsx:Sản phẩm!C2:")
        self.assert_message(err, "loi-o.xlsx:Sản phẩm!F3:")

    def test_empty_order_means_zero(self):
        # thu_tu is optional; empty, it is stored as 0 (CSV and workbook alike).
        self.write("nguon_von.csv", "ma,ten,loai,thu_tu\nNS-Q,Quỹ,xa_hoi_hoa,\n")
        wb = new_workbook()
        add_sheet(wb, "nguon_von", [["ma", "ten", "loai", "thu_tu"], ["NS-R", "Quỹ khác", "xa_hoi_hoa", None]])
        self.assert_imported("nguon_von.csv", self.save(wb, "nguon-von.xlsx"))
        self.assertEqual(self.query("SELECT ma, thu_tu FROM nguon_von WHERE ma IN ('NS-Q', 'NS-R') ORDER BY ma"),
                         [("NS-Q", 0), ("NS-R", 0)])

    def test_a_month_typed_as_a_date_is_a_period(self):
        # tien_do.ky typed as a date and shown as 06/2019 is the period
        # 2019-06; in a date column the same cell would lack its day.
        task = self.query("SELECT ma FROM nhiem_vu ORDER BY ma LIMIT 1")[0][0]
        wb = new_workbook()
        ws = add_sheet(wb, "tien_do", [["ma_nhiem_vu", "ky", "trang_thai"],
                                       [task, datetime.date(2031, 6, 1), "dang_thuc_hien"]])
        ws["B2"].number_format = "mm/yyyy"
        self.assert_imported(self.save(wb, "tien-do.xlsx"))
        self.assertEqual(self.query("SELECT trang_thai FROM tien_do WHERE ma_nhiem_vu = ? AND ky = '2031-06'",
                                    task), [("dang_thuc_hien",)])

    def test_formula_saved_without_its_result_is_an_error_at_the_cell(self):
        # openpyxl, like other programs that cannot calculate, saves a formula
        # with no result: the value is unknown, not empty.
        wb = new_workbook()
        add_sheet(wb, "chi_tieu", [["ma", "ten", "don_vi_tinh", "giai_doan", "gia_tri", "gia_tri_toi_da"],
                                   ["CT-X", "Chỉ tiêu thử", "sản phẩm", "2018-2020", 50, "=E2*2"]])
        err = self.assert_rejected(self.save(wb, "cong-thuc.xlsx"))
        self.assert_message(err, "cong-thuc.xlsx:chi_tieu!F2:", "công thức chưa được tính")

    def test_percentages_are_read_as_shown(self):
        wb = new_workbook()
        ws = add_sheet(wb, "chi_tieu", [["ma", "ten", "don_vi_tinh", "giai_doan", "gia_tri"],
                                        ["CT-P", "Tỷ lệ xã có sản phẩm", "%", "2018-2020", 0.07]])
        ws["E2"].number_format = "0%"
        self.assert_imported(self.save(wb, "phan-tram.xlsx"))
        self.assertEqual(self.query("SELECT gia_tri FROM chi_tieu WHERE ma = 'CT-P'"), [(7.0,)])

    def test_data_under_a_blank_header_cell_is_an_error(self):
        wb = new_workbook()
        add_sheet(wb, "nguon_von", [["ma", "ten", " ", "thu_tu", "loai"], ["NS-Q", "Quỹ", "lạc", 1, "xa_hoi_hoa"]])
        err = self.assert_rejected(self.save(wb, "o-trong.xlsx"))
        self.assert_message(err, "o-trong.xlsx:nguon_von!C2:", "nằm ngoài các cột của bảng")

    def test_a_dash_between_numbers_is_not_a_name(self):
        # "5 - 7" is not the number 5 with a name after it.
        self.write("nguon_von.csv", "ma,ten,thu_tu,loai\nNS-Q,Quỹ,5 - 7,xa_hoi_hoa\n")
        err = self.assert_rejected("nguon_von.csv")
        self.assert_message(err, "nguon_von.csv:2:3:", '"5 - 7"')

    def test_code_dash_name_in_csv(self):
        subjects = self.write("chu_the-moi.csv",
                              "ma,ten,loai_hinh,ma_don_vi,nguoi_dai_dien\n"
                              "CT990,HTX cói - chiếu Nga Tân,HTX - Hợp tác xã,16093 - Thị trấn Nga Sơn,"
                              "Mai Văn - Hùng\n")
        products = self.write("san_pham-moi.csv",
                              "ma,ten,nhom,phan_nhom,ma_chu_the,ma_don_vi,buoc\n"
                              "SP990,Chiếu cói - loại đặc biệt,LN - Lưu niệm - nội thất - trang trí,"
                              "Thủ công - mỹ nghệ,CT990,16093 - Thị trấn Nga Sơn,"
                              "\"3 - Nhận phương án, dự án sản xuất kinh doanh\"\n")
        self.assert_imported(subjects, products)
        self.assertEqual(self.query("SELECT ten, loai_hinh, ma_don_vi, nguoi_dai_dien FROM chu_the WHERE ma = 'CT990'"),
                         [("HTX cói - chiếu Nga Tân", "HTX", "16093", "Mai Văn - Hùng")])
        self.assertEqual(self.query("SELECT ten, nhom, phan_nhom, ma_don_vi, buoc FROM san_pham WHERE ma = 'SP990'"),
                         [("Chiếu cói - loại đặc biệt", "LN", "Thủ công - mỹ nghệ", "16093", 3)])

    # -- errors, positioned FILE:SHEET!CELL -----------------------------------------
    def test_bad_values_are_reported_at_sheet_and_cell(self):
        wb = self.data_entry()
        communes = drop_down_items(wb)["Xã, phường, thị trấn"]
        ws = wb["Chủ thể"]
        first = first_entry_row(ws)
        for column, value in zip("ABCD", ["CT960", "HTX Nga Yên", "HTX - Hợp tác xã", communes[0]]):
            ws[f"{column}{first}"] = value
        for column, value in zip("ABCD", ["CT961", "HTX Nga Liên", "ABC", communes[0]]):
            ws[f"{column}{first + 1}"] = value
        ws = wb["Sản phẩm"]
        good = ["SP960", "Bánh gai", "TP - Thực phẩm", None, "CT960", communes[0], "2 - Nhận đăng ký ý tưởng sản phẩm"]
        rows = {
            8: good,
            # row 9 and 10 left blank: positions stay as Excel shows them
            11: ["SP961", *good[1:6], "9"],                      # step out of range
            12: ["SP962", None, *good[2:]],                       # name missing
            13: ["SP963", *good[1:6], 2.5],                       # not a whole number
            14: ["SP964", *good[1:], "30/02/2019"],               # no such date (text)
        }
        for row, values in rows.items():
            for column, value in zip("ABCDEFGH", values):
                ws[f"{column}{row}"] = value
        name = self.save(wb, "huyen/nga-son.xlsx")
        err = self.assert_rejected(name)
        prefix = "huyen/nga-son.xlsx:"
        self.assert_message(err, prefix + f"Chủ thể!C{first + 1}:", "\"ABC\"", "DN, HTX")
        self.assert_message(err, prefix + "Sản phẩm!G11:", "ngoài khoảng")
        self.assert_message(err, prefix + "Sản phẩm!B12:", "thiếu giá trị bắt buộc")
        self.assert_message(err, prefix + "Sản phẩm!G13:")
        self.assert_message(err, prefix + "Sản phẩm!H14:")
        self.assertNotIn("Sản phẩm!G8", err)
        self.assertEqual(self.query("SELECT count(*) FROM chu_the WHERE ma = 'CT960'"), [(0,)])

    def test_unknown_visible_sheet_is_an_error(self):
        wb = new_workbook()
        add_sheet(wb, "nguon_von", [["ma", "ten", "loai"], ["NS-XA", "Ngân sách xã", "ngan_sach"]])
        add_sheet(wb, "Tổng hợp", [["Cộng", "1 nguồn vốn"]])
        err = self.assert_rejected(self.save(wb, "tong-hop.xlsx"))
        self.assert_message(err, "tong-hop.xlsx:Tổng hợp!A1:", "không ứng với bảng nào")

    def test_cell_right_of_the_table_is_an_error(self):
        wb = new_workbook()
        # Above the header anything may stand to the right (a title in F1).
        ws = add_sheet(wb, "nguon_von", [[None, None, None, None, None, "Biểu 02/OCOP"],
                                         ["ma", "ten", "thu_tu", "loai"],
                                         ["NS-XA", "Ngân sách xã", 3, "ngan_sach", "đã duyệt"],
                                         ["NS-HUYEN", "Ngân sách huyện", 4, "ngan_sach"]])
        ws["F6"] = "ghi chú lạc"  # a row otherwise empty
        err = self.assert_rejected(self.save(wb, "thua-cot.xlsx"))
        self.assert_message(err, "thua-cot.xlsx:nguon_von!E3:")
        self.assert_message(err, "thua-cot.xlsx:nguon_von!F6:")
        self.assertNotIn("nguon_von!F1", err)

    def test_dangling_references_are_positioned(self):
        wb = self.data_entry()
        ws = wb["Sản phẩm"]
        rows = {8: ["SP970", "Bánh gai", "TP - Thực phẩm", None, "CT001", "16093 - Thị trấn Nga Sơn", 2],
                9: ["SP971", "Mắm tép", "TP - Thực phẩm", None, "CT999", "16093 - Thị trấn Nga Sơn", 2],
                10: ["SP972", "Cói", "XX - Nhóm không có", None, "CT001", "16093 - Thị trấn Nga Sơn", 2]}
        for row, values in rows.items():
            for column, value in zip("ABCDEFG", values):
                ws[f"{column}{row}"] = value
        err = self.assert_rejected(self.save(wb, "mau.xlsx"))
        self.assert_message(err, "mau.xlsx:Sản phẩm!E9:", "\"CT999\"", "không có trong bảng chu_the")
        self.assert_message(err, "mau.xlsx:Sản phẩm!C10:", "\"XX\"", "không có trong bảng nhom_san_pham")

    def test_duplicate_key_in_a_sheet_names_both_rows(self):
        wb = new_workbook()
        add_sheet(wb, "Sản phẩm", [["ma", "ten", "nhom", "ma_chu_the", "ma_don_vi", "buoc"],
                                   ["SP975", "Bánh gai", "TP", "CT001", "16093", 2],
                                   ["SP976", "Mắm tép", "TP", "CT001", "16093", 2],
                                   ["SP975", "Bánh gai lần hai", "TP", "CT001", "16093", 3]])
        err = self.assert_rejected(self.save(wb, "trung.xlsx"))
        self.assert_message(err, "trung.xlsx:Sản phẩm!A4:", "trùng khóa", "\"SP975\"")
        line = next(line for line in err.splitlines() if line.startswith("trung.xlsx:Sản phẩm!A4:"))
        self.assertRegex(line, r"(dòng 2|A2)\b", "the earlier row is not named")

    def test_duplicate_key_across_a_workbook_and_a_csv(self):
        wb = new_workbook()
        add_sheet(wb, "Nguồn vốn", [["ma", "ten", "loai"], ["NS-A", "Vốn A", "ngan_sach"]])
        book = self.save(wb, "von.xlsx")
        csv = self.write("nguon_von-b.csv", "ma,ten,loai\nNS-A,Vốn A (bản khác),ngan_sach\n")
        err = self.assert_rejected(book, csv)
        self.assert_message(err, "nguon_von-b.csv:2:1:", "trùng khóa", "dòng 2", "von.xlsx")

    def test_one_bad_sheet_or_file_means_nothing_imported(self):
        wb = new_workbook()
        add_sheet(wb, "nguon_von", [["ma", "ten", "loai"], ["NS-XA", "Ngân sách xã", "ngan_sach"]])
        add_sheet(wb, "chu_the", [["ma", "ten", "loai_hinh", "ma_don_vi"], ["CT980", "HTX Nga Hải", "HTX", "16138"]])
        good = self.save(wb, "tot.xlsx")
        bad_csv = self.write("nhom_san_pham-x.csv", "ma,ten,thu_tu\nXX,Nhóm lạ,nhiều\n")
        err = self.assert_rejected(good, bad_csv)
        self.assertIn("nhom_san_pham-x.csv:2:3:", err)
        # And the other way round: a good CSV beside a workbook with one bad sheet.
        add_sheet(wb, "san_pham", [["ma", "ten", "nhom", "ma_chu_the", "ma_don_vi", "buoc"],
                                   ["SP985", "Bánh gai", "TP", "CT980", "16138", 7]])
        bad = self.save(wb, "xau.xlsx")
        good_csv = self.write("nguon_von-y.csv", "ma,ten,loai\nNS-Y,Nguồn Y,xa_hoi_hoa\n")
        err = self.assert_rejected(bad, good_csv)
        self.assert_message(err, "xau.xlsx:san_pham!F2:")
        self.assertEqual(self.query("SELECT count(*) FROM nguon_von WHERE ma IN ('NS-XA', 'NS-Y')"), [(0,)])
        self.assertEqual(self.query("SELECT count(*) FROM chu_the WHERE ma = 'CT980'"), [(0,)])

    # -- files that are not workbooks -------------------------------------------------
    def test_files_that_are_not_xlsx_workbooks(self):
        with open(DATA_ENTRY, "rb") as f:
            real = f.read()
        not_a_workbook = self.path("zip.bin")
        with zipfile.ZipFile(not_a_workbook, "w") as z:
            z.writestr("ghi-chu.txt", "không phải bảng tính")
        with open(not_a_workbook, "rb") as f:
            zip_without_workbook = f.read()
        ole = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)  # an old Excel (.xls) file renamed
        cases = {
            "ngau-nhien.xlsx": bytes(range(256)) * 8,
            "cat-ngang.xlsx": real[:len(real) // 2],
            "rong.xlsx": b"",
            "zip-khac.xlsx": zip_without_workbook,
            "doi-ten.xlsx": ole,
        }
        for name, content in cases.items():
            with self.subTest(file=name):
                self.write(name, content)
                err = self.assert_rejected(name)
                self.assertTrue(any(line.startswith(name + ":") for line in err.splitlines()),
                                f"no message naming {name}:\n{err}")

    def test_old_xls_file_asks_for_xlsx(self):
        ole = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
        name = self.write("bao-cao-cu.xls", ole)
        err = self.assert_rejected(name)
        self.assertIn("bao-cao-cu.xls", err)
        self.assertIn(".xlsx", err)


if __name__ == "__main__":
    unittest.main()
