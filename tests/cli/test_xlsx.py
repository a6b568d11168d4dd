"""Workbooks as the finance department and the districts receive them:
`ocopdoc render ... -o x.xlsx` on the Thanh Hóa sample, read back with openpyxl
(values, formulas, number formats, merged ranges, print settings, panes,
validation, protection, properties), the budget recalculated by LibreOffice
and every subtotal checked against SQL sums of the database.

LibreOffice (`libreoffice-calc-nogui`) only recalculates an .xlsx on load when
its profile says so: the test starts it with a fresh profile whose
OOXMLRecalcMode is 0 ("always"). Without soffice only that test is skipped.
"""
import collections
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unicodedata
import unittest
import zipfile

import openpyxl
import openpyxl.chart

OCOPDOC = os.environ.get("OCOPDOC", "build/ocopdoc")
SOURCE = os.environ.get("OCOPDOC_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TEMPLATES = os.path.join(SOURCE, "templates")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

SUM_FORMULA = re.compile(r"^=SUBTOTAL\(9,([A-Z]+\d+(:[A-Z]+\d+)?)(,[A-Z]+\d+(:[A-Z]+\d+)?)*\)$")


def run(*args, env=None):
    proc = subprocess.run([OCOPDOC, *args], capture_output=True, env=env)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


class Sample:
    """The sample database and the three workbooks, made once."""
    directory = None
    db = None
    files = {}

    @classmethod
    def setup(cls):
        if cls.directory:
            return
        cls.directory = tempfile.mkdtemp(prefix="ocopdoc-xlsx-")
        cls.db = os.path.join(cls.directory, "thanh-hoa.db")
        assert run("init", cls.db)[0] == 0
        csvs = sorted(glob.glob(os.path.join(SOURCE, "samples", "thanh-hoa", "*.csv")))
        code, _, err = run("import", cls.db, *csvs)
        assert code == 0, err
        for name, template, sets in [
            ("du-toan", "du-toan.mau", ["ngay=2019-12-31"]),
            ("danh-sach", "danh-sach-hoc-vien.mau", ["khoa_hoc=KH2018-02", "ngay=2018-12-06"]),
            ("mau-nhap-lieu", "mau-nhap-lieu.mau", ["don_vi=401"]),
        ]:
            cls.files[name] = cls.render(template, name + ".xlsx", sets)

    @classmethod
    def render(cls, template, output, sets, db=None, env=None):
        path = os.path.join(cls.directory, output)
        args = ["render", db or cls.db, os.path.join(TEMPLATES, template), "-o", path]
        for s in sets:
            args += ["--set", s]
        code, _, err = run(*args, env=env)
        assert code == 0, err
        return path

    @classmethod
    def sql(cls, query, *params, db=None):
        with sqlite3.connect(db or cls.db) as connection:
            return connection.execute(query, params).fetchall()


def setUpModule():
    Sample.setup()


def tearDownModule():
    if Sample.directory:
        shutil.rmtree(Sample.directory)


def find_row(ws, column, value):
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, column).value == value:
            return row
    raise AssertionError(f"{value!r} not found in column {column}")


ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


def budget_rows(ws):
    """The budget table's rows as (kind, row, key): kind is total, project,
    source or year; key names the project / source / year."""
    header = find_row(ws, 1, "STT")
    rows = []
    project = source = None
    row = header + 2
    while row <= ws.max_row and ws.cell(row, 2).value is not None:
        stt, text = ws.cell(row, 1).value, ws.cell(row, 2).value
        if text == "TỔNG CỘNG":
            rows.append(("total", row, None))
        elif stt in ROMAN:
            project = text
            rows.append(("project", row, project))
        elif isinstance(stt, int):
            source = text
            rows.append(("source", row, (project, source)))
        else:
            rows.append(("year", row, (project, source, int(text.removeprefix("Năm ")))))
        row += 1
    return header, rows


def expected_budget():
    """SQL sums of the sample by project, source and year (names as printed);
    a year without any disbursement row shows "-" for its disbursement."""
    detail = collections.defaultdict(lambda: [0, 0])
    disbursed = set()
    for project, source, year, kind, amount in Sample.sql(
            "SELECT d.ten_du_an, coalesce(n.ten, d.nguon_von), d.nam, d.loai, d.so_tien "
            "FROM du_toan d LEFT JOIN nguon_von n ON n.ma = d.nguon_von"):
        index = 0 if kind == "du_toan" else 1
        if kind == "giai_ngan":
            disbursed.add((project, source, year))
        for key in [("total",), ("project", project), ("source", (project, source)),
                    ("year", (project, source, year))]:
            detail[key][index] += amount
    for key in list(detail):
        if key[0] == "year" and key[1] not in disbursed:
            detail[key][1] = "-"
    return detail


def expected_for(kind, key, detail):
    return detail[("total",)] if kind == "total" else detail[(kind, key)]


class BudgetWorkbookTest(unittest.TestCase):
    def setUp(self):
        self.path = Sample.files["du-toan"]
        self.wb = openpyxl.load_workbook(self.path)
        self.ws = self.wb["Dự toán"]

    def test_sheets_and_properties(self):
        self.assertEqual(self.wb.sheetnames, ["Dự toán", "Biểu đồ"])
        props = self.wb.properties
        self.assertTrue(props.title.startswith("BIỂU DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ"), props.title)
        self.assertEqual(props.creator, "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI")
        self.assertIsNotNone(props.created)

    def test_header_title_and_merges(self):
        ws = self.ws
        self.assertEqual(ws["A1"].value, "UBND TỈNH THANH HÓA")
        self.assertEqual(ws["A2"].value, "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI")
        self.assertTrue(ws["A2"].font.b)
        right = ws.cell(1, 3)
        self.assertEqual(right.value, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        self.assertEqual(ws.cell(2, 3).value, "Độc lập - Tự do - Hạnh phúc")
        # Row 3 is the thin row that rules a line under the agency's name:
        # underlined no-break spaces in a tiny size, merged across the left
        # half.  Their underline is two fifths of the name, about 100 pt of
        # the name's 250 (13 pt bold capitals), and a 4 pt space is 1 pt wide.
        rule = ws["A3"]
        self.assertTrue(60 <= len(rule.value or "") <= 150, len(rule.value or ""))
        self.assertIn("A3:B3", {str(r) for r in ws.merged_cells.ranges})
        self.assertTrue(rule.value and set(rule.value) == {"\u00a0"}, repr(rule.value))
        self.assertEqual(rule.font.u, "single")
        self.assertEqual(rule.font.sz, 4)
        self.assertEqual(rule.alignment.horizontal, "center")
        self.assertEqual(ws.row_dimensions[3].height, 6)
        self.assertEqual(ws.cell(4, 3).value, "Thanh Hóa, ngày 31 tháng 12 năm 2019")
        self.assertTrue(ws.cell(4, 3).font.i)
        title = find_row(ws, 1, "BIỂU DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ")
        merged = {str(r) for r in ws.merged_cells.ranges}
        self.assertIn(f"A{title}:D{title}", merged)
        self.assertIn("A1:B1", merged)
        self.assertIn("C1:D1", merged)
        for cell in [ws["A1"], ws.cell(title, 1)]:
            self.assertEqual(cell.font.name, "Times New Roman")
            self.assertEqual(cell.alignment.horizontal, "center")
        # The right half holds "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one
        # line although the amount columns alone need less: 34 capitals in
        # 13 pt bold Times are about 270 pt, some 51 of Excel's width units
        # (7 px, 5.25 pt each).
        right_half = sum(ws.column_dimensions[c].width for c in "CD")
        self.assertGreaterEqual(right_half, 50)

    def test_table_header_and_column_numbers(self):
        header, _ = budget_rows(self.ws)
        self.assertEqual([c.value for c in self.ws[header]][:4],
                         ["STT", "Dự án thành phần, nguồn vốn, năm", "Dự toán, kế hoạch", "Giải ngân, thực hiện"])
        self.assertEqual([c.value for c in self.ws[header + 1]][:4], ["(1)", "(2)", "(3)", "(4)"])
        for c in self.ws[header][:4]:
            self.assertTrue(c.font.b)
            self.assertEqual(c.border.left.style, "thin")
            self.assertTrue(c.alignment.wrap_text)

    def test_amounts_formulas_and_formats(self):
        _, rows = budget_rows(self.ws)
        detail = expected_budget()
        kinds = collections.Counter(kind for kind, _, _ in rows)
        self.assertEqual(kinds["total"], 1)
        self.assertEqual(kinds["project"], len(Sample.sql("SELECT DISTINCT ma_du_an FROM du_toan")))
        self.assertEqual(kinds["source"],
                         len(Sample.sql("SELECT DISTINCT ma_du_an, nguon_von FROM du_toan")))
        self.assertEqual(kinds["year"],
                         len(Sample.sql("SELECT DISTINCT ma_du_an, nguon_von, nam FROM du_toan")))
        for kind, row, key in rows:
            for column, index in [(3, 0), (4, 1)]:
                cell = self.ws.cell(row, column)
                if cell.value != "-":  # text: no number to format
                    self.assertEqual(cell.number_format, "#,##0")
                if kind == "year":
                    expected = expected_for(kind, key, detail)[index]
                    self.assertEqual(cell.value, expected, (row, key))
                    self.assertEqual(cell.data_type, "s" if expected == "-" else "n")
                else:
                    self.assertRegex(cell.value, SUM_FORMULA, (row, key))
                    self.assertTrue(cell.font.b)
        # The cached values (what Excel shows before recalculating) are the sums.
        cached = openpyxl.load_workbook(self.path, data_only=True)["Dự toán"]
        for kind, row, key in rows:
            for column, index in [(3, 0), (4, 1)]:
                self.assertEqual(cached.cell(row, column).value, expected_for(kind, key, detail)[index],
                                 (kind, key))

    def test_outline_levels_fold_the_groups(self):
        _, rows = budget_rows(self.ws)
        levels = {"total": 0, "project": 0, "source": 1, "year": 2}
        for kind, row, key in rows:
            self.assertEqual(self.ws.row_dimensions[row].outlineLevel, levels[kind], (kind, key))
        self.assertFalse(self.ws.sheet_properties.outlinePr.summaryBelow)

    def test_print_settings_and_panes(self):
        ws = self.ws
        header, _ = budget_rows(ws)
        self.assertEqual(int(ws.page_setup.paperSize), 9)  # A4
        self.assertEqual(ws.page_setup.orientation, "landscape")
        self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)
        self.assertEqual(ws.page_setup.fitToHeight, 0)
        self.assertIn(ws.page_setup.fitToWidth, (None, 1))  # 1 is the default, not written
        self.assertEqual(ws.print_title_rows, f"${header}:${header + 1}")
        self.assertEqual(ws.freeze_panes, f"A{header + 2}")
        self.assertIn("&P", ws.oddFooter.center.text)
        self.assertAlmostEqual(ws.page_margins.left, 30 / 25.4, places=2)
        self.assertAlmostEqual(ws.page_margins.right, 15 / 25.4, places=2)
        # Widths come from the font: the content column is the widest; the
        # amounts' columns (3* each) hold their widest figure, the bold total
        # (85.000.000.000 is 14 characters), and, being the right half of the
        # ND 30 header, its national name on one line (test above): no more.
        widths = {k: v.width for k, v in ws.column_dimensions.items()}
        self.assertGreater(widths["B"], widths["C"])
        self.assertGreater(widths["C"], widths["A"])
        self.assertEqual(widths["C"], widths["D"])
        self.assertGreater(widths["C"], 13)
        self.assertLess(widths["C"] + widths["D"], 60)

    def test_total_in_words_under_the_table(self):
        _, rows = budget_rows(self.ws)
        last = rows[-1][1]
        texts = [self.ws.cell(r, 1).value for r in range(last + 1, self.ws.max_row + 1)]
        words = [t for t in texts if t and "bằng chữ" in t]
        self.assertEqual(len(words), 1, texts)
        total = expected_budget()[("total",)]
        text_render = os.path.join(Sample.directory, "du-toan.txt")
        code, _, err = run("render", Sample.db, os.path.join(TEMPLATES, "du-toan.mau"), "-o", text_render,
                           "--set", "ngay=2019-12-31")
        self.assertEqual(code, 0, err)
        with open(text_render, encoding="utf-8") as f:
            flat = " ".join(f.read().split())
        for line in words[0].split("\n"):
            self.assertIn(line, flat)
        self.assertTrue(words[0].startswith("Tổng dự toán, kế hoạch (bằng chữ): Tám mươi lăm tỷ"),
                        (words, total))
        # The state budget's and mobilised capital's figures, each as SQL sums them.
        money = lambda n: f"{n:,}".replace(",", ".") + " đồng"
        kinds = dict((kind, (planned, spent)) for kind, planned, spent in Sample.sql(
            "SELECT n.loai, sum(CASE d.loai WHEN 'du_toan' THEN d.so_tien ELSE 0 END), "
            "sum(CASE d.loai WHEN 'giai_ngan' THEN d.so_tien ELSE 0 END) "
            "FROM du_toan d JOIN nguon_von n ON n.ma = d.nguon_von GROUP BY n.loai"))
        self.assertEqual(words[0].split("\n")[2],
                         f"Trong đó: vốn ngân sách nhà nước: dự toán được giao {money(kinds['ngan_sach'][0])}, đã "
                         f"giải ngân {money(kinds['ngan_sach'][1])}; vốn huy động xã hội hóa: kế hoạch "
                         f"{money(kinds['xa_hoi_hoa'][0])}, đã thực hiện {money(kinds['xa_hoi_hoa'][1])}.")

    def test_room_to_sign_and_seal(self):
        # Between the signer's title and name, about 30 mm as on the PDF
        # (rows of default height are 15.75 pt).
        column = next(c for c in range(1, self.ws.max_column + 1)
                      if any(self.ws.cell(r, c).value == "CHÁNH VĂN PHÒNG" for r in range(1, self.ws.max_row + 1)))
        title = find_row(self.ws, column, "CHÁNH VĂN PHÒNG")
        name = find_row(self.ws, column, Sample.sql("SELECT gia_tri FROM cai_dat "
                                                    "WHERE khoa = 'nguoi_ky_van_phong'")[0][0])
        between = sum(self.ws.row_dimensions[r].height or 15.75 for r in range(title + 1, name))
        self.assertGreaterEqual(between * 25.4 / 72, 27, (title, name, between))

    def test_chart_sheet(self):
        ws = self.wb["Biểu đồ"]
        self.assertEqual(len(ws._charts), 1)
        chart = ws._charts[0]
        self.assertIsInstance(chart, openpyxl.chart.BarChart)
        # Horizontal bars: the projects' names are too long for a column
        # chart's slots.  The first project at the top, as in the table.
        self.assertEqual(chart.barDir, "bar")
        self.assertEqual(len(chart.series), 2)
        # openpyxl reads the category axis as x_axis and the value axis as
        # y_axis whichever way the bars lie.
        self.assertEqual(chart.x_axis.scaling.orientation, "maxMin")
        self.assertEqual(chart.y_axis.numFmt.formatCode, "#,##0")  # 45,000, not 45000
        self.assertEqual(chart.y_axis.scaling.min, 0)  # bars start at zero
        self.assertEqual(chart.gapWidth, 50)
        self.assertTrue(all(series.dLbls is not None and series.dLbls.showVal for series in chart.series))
        # The sheet is the budget's appendix: its title first, as on paper.
        self.assertEqual(ws["A1"].value, "Phụ lục\nBIỂU ĐỒ KINH PHÍ THEO DỰ ÁN THÀNH PHẦN\n"
                                         "(Kèm theo Biểu dự toán và giải ngân kinh phí ngày 31 tháng 12 năm 2019)")
        # The unit over the data, in a row of its own (the legend keeps the
        # series' plain names).
        unit = find_row(ws, 1, "Đơn vị tính: triệu đồng")
        self.assertEqual([ws.cell(unit + 1, c).value for c in (1, 2, 3)], ["Dự án thành phần", "Dự toán", "Giải ngân"])
        first = unit + 2
        projects = Sample.sql("SELECT ma_du_an, max(ten_du_an) FROM du_toan GROUP BY ma_du_an ORDER BY ma_du_an")
        roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
        names = [f"{roman[i]}. {name}" for i, (_, name) in enumerate(projects)]
        self.assertEqual(cells(self.wb, chart.series[0].cat.strRef.f), names)
        planned = Sample.sql("SELECT sum(so_tien) FROM du_toan WHERE loai = 'du_toan' "
                             "GROUP BY ma_du_an ORDER BY ma_du_an")
        self.assertEqual(cells(self.wb, chart.series[0].val.numRef.f), [round(p / 1e6, 1) for p, in planned])
        # One number format per column: "11,532.0" under "2,399.4", not "11,532".
        for column in (2, 3):
            formats = {ws.cell(row, column).number_format for row in range(first, first + len(projects))}
            self.assertEqual(len(formats), 1, (column, formats))
        spent = [ws.cell(row, 3).value for row in range(first, first + len(projects))]
        self.assertTrue(any(v != int(v) for v in spent))
        self.assertEqual(ws.cell(first, 3).number_format, "#,##0.0")

    def test_chart_caches_its_data(self):
        # The budget sheet is written in constant-memory mode (its rows are
        # streamed); the chart's sheet is not, so libxlsxwriter caches the
        # chart's data for programs that draw it without the cells
        # (PowerPoint, previews): the names as text, the amounts as numbers.
        with zipfile.ZipFile(self.path) as z:
            self.assertIn('t="inlineStr"', z.read("xl/worksheets/sheet1.xml").decode("utf-8"))
            chart = z.read("xl/charts/chart1.xml").decode("utf-8")
        projects = [name for _, name in Sample.sql(
            "SELECT ma_du_an, max(ten_du_an) FROM du_toan GROUP BY ma_du_an ORDER BY ma_du_an")]
        categories = re.findall(r"<c:cat><c:strRef><c:f>[^<]*</c:f><c:strCache>(.*?)</c:strCache>", chart)
        self.assertEqual(len(categories), 2, chart[:2000])
        self.assertEqual([v.split(". ", 1)[1] for v in re.findall(r"<c:v>([^<]*)</c:v>", categories[0])], projects)
        values = re.findall(r"<c:val><c:numRef><c:f>[^<]*</c:f><c:numCache>(.*?)</c:numCache>", chart)
        self.assertEqual(len(values), 2)
        planned = Sample.sql("SELECT sum(so_tien) FROM du_toan WHERE loai = 'du_toan' "
                             "GROUP BY ma_du_an ORDER BY ma_du_an")
        self.assertEqual([float(v) for v in re.findall(r"<c:v>([^<]*)</c:v>", values[0])],
                         [round(p / 1e6, 1) for p, in planned])
        self.assertNotIn("<c:cat><c:numRef>", chart)

    def test_identical_bytes_and_source_date_epoch(self):
        again = Sample.render("du-toan.mau", "du-toan-2.xlsx", ["ngay=2019-12-31"])
        with open(self.path, "rb") as a, open(again, "rb") as b:
            self.assertEqual(a.read(), b.read())
        env = dict(os.environ, SOURCE_DATE_EPOCH="1577750400")  # 2019-12-31
        dated = Sample.render("du-toan.mau", "du-toan-3.xlsx", ["ngay=2019-12-31"], env=env)
        props = openpyxl.load_workbook(dated).properties
        self.assertEqual(props.created.isoformat(), "2019-12-31T00:00:00")

    def test_created_on_the_documents_date(self):
        # Without SOURCE_DATE_EPOCH the workbook is created on the date it
        # bears (--set ngay=), not on a fixed date; with no date given (a
        # form that prints none) it keeps the fixed one, so its bytes do not
        # change from day to day.
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        dated = Sample.render("du-toan.mau", "du-toan-4.xlsx", ["ngay=2019-12-31"], env=env)
        self.assertEqual(openpyxl.load_workbook(dated).properties.created.isoformat(), "2019-12-31T00:00:00")
        undated = Sample.render("mau-nhap-lieu.mau", "mau-4.xlsx", ["don_vi=401"], env=env)
        self.assertEqual(openpyxl.load_workbook(undated).properties.created.isoformat(), "2018-01-01T00:00:00")

    @unittest.skipIf(SOFFICE is None, "LibreOffice (soffice) không có: bỏ qua kiểm tra tính lại công thức "
                                      "(cài libreoffice-calc-nogui bằng scripts/install-deps)")
    def test_libreoffice_recalculation_matches_sql(self):
        work = tempfile.mkdtemp(prefix="ocopdoc-lo-")
        try:
            detail, rows, _ = assert_recalculated_like_sql(self, self.ws, self.path, work)
            # Proof that LibreOffice recalculated rather than kept the cached
            # values: add 1.000 to one year's amount inside the file and every
            # level above it moves by 1.000.
            kind, row, key = next(r for r in rows if r[0] == "year")
            tampered = os.path.join(work, "tampered.xlsx")
            add_to_cell(self.path, tampered, f"C{row}", 1000)
            changed = recalculate(tampered, work)["Dự toán"]
            project, source, _ = key
            for kind2, row2, key2 in rows:
                moved = (kind2 == "total" or (kind2 == "project" and key2 == project)
                         or (kind2 == "source" and key2 == (project, source)) or row2 == row)
                self.assertEqual(changed.cell(row2, 3).value,
                                 expected_for(kind2, key2, detail)[0] + (1000 if moved else 0), (kind2, key2))
        finally:
            shutil.rmtree(work)


def millions(vnd):
    """A VND amount as "#,##0.0,," shows it, Vietnamese style: 1234567890 ->
    "1.234,6" (halves away from zero, from the exact integer); text ("-")
    as it is."""
    if isinstance(vnd, str):
        return vnd
    tenths = (abs(vnd) + 50000) // 100000
    text = f"{tenths // 10:,}".replace(",", ".") + "," + str(tenths % 10)
    return "-" + text if vnd < 0 and tenths else text


class MillionsBudgetTest(unittest.TestCase):
    """du-toan.mau with don_vi_tinh=trieu-dong: the workbook stores every
    amount in full VND and shows millions through the number format; the PDF
    prints the same millions."""

    @classmethod
    def setUpClass(cls):
        cls.path = Sample.render("du-toan.mau", "du-toan-trieu.xlsx", ["ngay=2019-12-31", "don_vi_tinh=trieu-dong"])
        cls.ws = openpyxl.load_workbook(cls.path)["Dự toán"]

    def test_full_values_in_a_millions_format(self):
        ws = self.ws
        header, rows = budget_rows(ws)
        self.assertEqual(ws.cell(find_row(ws, 1, "Đơn vị tính: triệu đồng"), 1).font.i, True)
        detail = expected_budget()
        for kind, row, key in rows:
            for column, index in [(3, 0), (4, 1)]:
                cell = ws.cell(row, column)
                if cell.value != "-":
                    self.assertEqual(cell.number_format, "#,##0.0,,", (kind, key))
                if kind == "year":
                    self.assertEqual(cell.value, expected_for(kind, key, detail)[index], (row, key))
                else:
                    self.assertRegex(cell.value, SUM_FORMULA, (row, key))
        cached = openpyxl.load_workbook(self.path, data_only=True)["Dự toán"]
        total = next(row for kind, row, _ in rows if kind == "total")
        self.assertEqual(cached.cell(total, 3).value, expected_for("total", None, detail)[0])

    @unittest.skipIf(SOFFICE is None, "LibreOffice (soffice) không có: bỏ qua kiểm tra tính lại công thức")
    def test_libreoffice_recalculation_matches_sql(self):
        work = tempfile.mkdtemp(prefix="ocopdoc-lo-")
        try:
            _, rows, recalculated = assert_recalculated_like_sql(self, self.ws, self.path, work)
            for _, row, _ in rows:
                for column in (3, 4):
                    if recalculated.cell(row, column).value != "-":
                        self.assertEqual(recalculated.cell(row, column).number_format, "#,##0.0,,")
        finally:
            shutil.rmtree(work)

    def test_pdf_shows_the_same_millions(self):
        pdf = Sample.render("du-toan.mau", "du-toan-trieu.pdf", ["ngay=2019-12-31", "don_vi_tinh=trieu-dong"])
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", pdf, "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
        self.assertIn("Đơn vị tính: triệu đồng", text)
        self.assertNotIn("85.550.000.000", text)
        detail = expected_budget()
        _, rows = budget_rows(self.ws)
        # Row by row, in order, the PDF shows each amount as the workbook's
        # format shows the full value.
        position = 0
        for kind, _, key in rows:
            for index in (0, 1):
                wanted = millions(expected_for(kind, key, detail)[index])
                found = text.find(wanted, position)
                self.assertNotEqual(found, -1, (kind, key, wanted))
                position = found + len(wanted)
        self.assertIn(millions(expected_for("total", None, detail)[0]), text)
        self.assertEqual(millions(85550000000), "85.550,0")
        self.assertEqual(millions(388258000), "388,3")


def add_to_cell(source, target, ref, amount, sheet=1):
    """Copies the workbook with `amount` added to the number in cell `ref` of
    the `sheet`th sheet, leaving every cached formula value as it was."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{sheet}.xml":
                text = data.decode("utf-8")
                pattern = re.compile(r'(<c r="%s"[^>]*><v>)([0-9.]+)(</v>)' % ref)
                text, count = pattern.subn(lambda m: m.group(1) + str(int(m.group(2)) + amount) + m.group(3), text)
                assert count == 1, ref
                data = text.encode("utf-8")
            zout.writestr(item, data)


def assert_recalculated_like_sql(test, ws, path, work):
    """Recalculates the budget workbook with LibreOffice and checks every
    amount (years, sources, projects, total) against SQL; returns the SQL
    detail, the budget's rows and the recalculated sheet."""
    detail = expected_budget()
    _, rows = budget_rows(ws)
    recalculated = recalculate(path, work)["Dự toán"]
    for kind, row, key in rows:
        for column, index in [(3, 0), (4, 1)]:
            test.assertEqual(recalculated.cell(row, column).value,
                             expected_for(kind, key, detail)[index], (kind, key))
    return detail, rows, recalculated


def recalculate(path, work):
    """LibreOffice opens `path` with a fresh profile that forces
    recalculation and saves it again; returns the result read with cached
    (now recalculated) values."""
    profile = os.path.join(work, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    out = os.path.join(work, "out")
    os.makedirs(out, exist_ok=True)
    result = os.path.join(out, os.path.basename(path))
    if os.path.exists(result):
        os.remove(result)
    subprocess.run([SOFFICE, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", out, path],
                   capture_output=True, timeout=180, check=False)
    # soffice may exit 0 without writing anything.
    assert os.path.exists(result), "LibreOffice không ghi ra tệp " + result
    return openpyxl.load_workbook(result, data_only=True)


# -- monthly report ------------------------------------------------------------

def cells(wb, reference):
    """The values of a chart reference such as 'Sheet'!$C$38:$C$64, top down."""
    sheet, area = reference.rsplit("!", 1)
    return [cell.value for row in wb[sheet.strip("'")][area.replace("$", "")] for cell in row]


def first_cells(ws, count):
    """The first `count` non-empty values of column A, top down."""
    values = [ws.cell(row, 1).value for row in range(1, ws.max_row + 1)]
    return [v for v in values if v is not None][:count]


def report_budget_groups(first_month, last_month, year=2019):
    """The monthly report's budget table of `year` as SQL counts it: for
    each kind of source (state budget first), its letter, name, estimate,
    disbursement in the period and to its end, and its projects' rows
    (code, estimate, in the period, to its end)."""
    amounts = """sum(CASE d.loai WHEN 'du_toan' THEN d.so_tien ELSE 0 END),
                 sum(CASE WHEN d.loai = 'giai_ngan' AND d.thang BETWEEN ? AND ? THEN d.so_tien ELSE 0 END),
                 sum(CASE WHEN d.loai = 'giai_ngan' AND d.thang BETWEEN 1 AND ? THEN d.so_tien ELSE 0 END)"""
    names = {"ngan_sach": "Vốn ngân sách nhà nước", "xa_hoi_hoa": "Vốn huy động xã hội hóa"}
    groups = []
    for letter, (kind, planned, period, to_date) in zip("AB", Sample.sql(
            f"SELECT n.loai, {amounts} FROM du_toan d JOIN nguon_von n ON n.ma = d.nguon_von "
            "WHERE d.nam = ? GROUP BY n.loai ORDER BY n.loai", first_month, last_month, last_month, year)):
        projects = Sample.sql(f"SELECT d.ma_du_an, {amounts} FROM du_toan d JOIN nguon_von n ON n.ma = d.nguon_von "
                              "WHERE d.nam = ? AND n.loai = ? GROUP BY d.ma_du_an ORDER BY d.ma_du_an",
                              first_month, last_month, last_month, year, kind)
        groups.append((letter, names[kind], planned, period, to_date, projects))
    return groups


class MonthlyReportWorkbookTest(unittest.TestCase):
    """bao-cao-thang.mau as a workbook: one sheet per section of the report
    that has tables, named in Vietnamese, each starting with its section."""

    def test_province_report_sheets(self):
        path = Sample.render("bao-cao-thang.mau", "bao-cao-2019-06.xlsx", ["ky=2019-06", "ngay=2019-07-05"])
        wb = openpyxl.load_workbook(path)
        self.assertEqual(wb.sheetnames, ["Tiến độ nhiệm vụ", "Phát triển sản phẩm",
                                         "Chỉ tiêu 2018-2020", "Kinh phí"])
        for name in wb.sheetnames:
            self.assertLessEqual(len(name), 31)
        progress = wb["Tiến độ nhiệm vụ"]
        self.assertEqual(first_cells(progress, 2), ["UBND TỈNH THANH HÓA", "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI"])
        header = find_row(progress, 1, "Mục")  # the plan's task number
        self.assertEqual([progress.cell(header, c).value for c in range(1, 6)],
                         ["Mục", "Nhiệm vụ", "Thời gian", "Trạng thái", "Kết quả trong kỳ"])
        tasks = Sample.sql("SELECT count(*) FROM tien_do WHERE ky = '2019-06'")[0][0]
        self.assertEqual(progress.max_row, header + tasks)  # nothing after the table
        products = wb["Phát triển sản phẩm"]
        self.assertEqual(first_cells(products, 3)[0], "2. Phát triển sản phẩm")
        self.assertTrue(first_cells(products, 3)[1].startswith("Đến cuối kỳ có "))
        self.assertEqual(first_cells(products, 3)[2], "Sản phẩm theo nhóm và hạng sao")
        self.assertEqual(find_row(products, 2, "Nội dung của chu trình OCOP"),
                         find_row(products, 1, "Bước"))  # the cycle-step table is here too
        # A sheet of several tables and charts repeats no table's header on
        # its printed pages (they would head the other tables' pages) and
        # freezes none; a sheet holding one table does both.
        self.assertIsNone(products.print_title_rows)
        self.assertIsNone(products.freeze_panes)
        self.assertEqual(progress.print_title_rows, f"${header}:${header}")
        self.assertEqual(progress.freeze_panes, f"A{header + 1}")
        self.assertEqual(first_cells(wb["Chỉ tiêu 2018-2020"], 2),
                         ["5. Thực hiện các chỉ tiêu giai đoạn 2018 - 2020", "Chỉ tiêu"])
        budget = wb["Kinh phí"]
        self.assertEqual(first_cells(budget, 1), ["6. Kinh phí"])
        self.assertTrue(first_cells(budget, 2)[1].startswith("Tổng kinh phí năm 2019 là "))
        self.assertTrue(first_cells(budget, 3)[2].startswith("Vốn ngân sách nhà nước giải ngân trong tháng "))
        self.assertEqual(first_cells(budget, 5)[3:], ["Kinh phí năm 2019 (đơn vị tính: đồng)", "Mã"])
        # The month's and the year-to-date disbursement: numbers in đồng, the
        # total on top and each kind of source (state budget, then mobilised
        # capital) a group of its projects, live formulas over their rows, the
        # rate a number.
        header = find_row(budget, 1, "Mã")
        self.assertEqual([budget.cell(header, c).value for c in range(3, 7)],
                         ["Dự toán, kế hoạch năm", "Giải ngân, thực hiện trong tháng", "Lũy kế từ đầu năm",
                          "Tỷ lệ (%)"])
        cached = openpyxl.load_workbook(path, data_only=True)["Kinh phí"]
        total = header + 1
        self.assertEqual(budget.cell(total, 1).value, "Tổng cộng")
        r = total + 1
        for letter, name, planned, month, to_date, projects in report_budget_groups(6, 6):
            group = r
            self.assertEqual([budget.cell(group, c).value for c in (1, 2)], [letter, name])
            self.assertAlmostEqual(cached.cell(group, 6).value, 100 * to_date / planned, places=9)
            for code, p_planned, p_month, p_to_date in projects:
                r += 1
                row = [budget.cell(r, c).value for c in range(1, 7)]
                self.assertEqual(row[0], code)
                self.assertEqual(row[2:5], [p_planned, p_month, p_to_date])
                self.assertEqual(budget.row_dimensions[r].outlineLevel, 1)
                # The rate is a live formula of the row's own cells (ty-le=),
                # its cached value the exact rate, shown with one decimal.
                self.assertEqual(row[5], f'=IF(C{r}=0,"-",E{r}/C{r}*100)')
                self.assertAlmostEqual(cached.cell(r, 6).value, 100 * p_to_date / p_planned, places=9)
                self.assertEqual(budget.cell(r, 3).number_format, "#,##0")
                self.assertEqual(budget.cell(r, 6).number_format, "0.0")
            for c, letter in ((3, "C"), (4, "D"), (5, "E")):
                self.assertEqual(budget.cell(group, c).value, f"=SUBTOTAL(9,{letter}{group + 1}:{letter}{r})")
                self.assertEqual(cached.cell(group, c).value, (planned, month, to_date)[c - 3])
            r += 1
        for c, letter in ((3, "C"), (4, "D"), (5, "E")):
            self.assertEqual(budget.cell(total, c).value, f"=SUBTOTAL(9,{letter}{total + 1}:{letter}{r - 1})")
        # The total's rate is the rate of the totals, not a sum of rates.
        self.assertEqual(budget.cell(total, 6).value, f'=IF(C{total}=0,"-",E{total}/C{total}*100)')
        planned_all, to_date_all = Sample.sql(
            "SELECT sum(CASE loai WHEN 'du_toan' THEN so_tien ELSE 0 END), sum(CASE WHEN loai = 'giai_ngan' "
            "AND thang BETWEEN 1 AND 6 THEN so_tien ELSE 0 END) FROM du_toan WHERE nam = 2019")[0]
        self.assertAlmostEqual(cached.cell(total, 6).value, 100 * to_date_all / planned_all, places=9)
        find_row(budget, 1, "II. TỒN TẠI, HẠN CHẾ")  # the rest of the report follows the budget

    def test_province_report_charts_products_by_star_per_district(self):
        wb = openpyxl.load_workbook(Sample.render("bao-cao-thang.mau", "bao-cao-2019-12.xlsx",
                                                  ["ky=2019-12", "ngay=2020-01-06"]))
        ws = wb["Phát triển sản phẩm"]
        self.assertEqual(len(ws._charts), 2)
        totals, districts = ws._charts
        # The chart of the star totals reads the cells that hold them, under
        # the template's heading of the label column.
        self.assertEqual(cells(wb, totals.series[0].val.numRef.f), [25, 11, 0])
        self.assertEqual(cells(wb, totals.series[0].cat.strRef.f), ["3 sao", "4 sao", "5 sao"])
        first = int(totals.series[0].cat.strRef.f.split("$")[2].split(":")[0])
        self.assertEqual(ws.cell(first - 1, 1).value, "Hạng")
        self.assertEqual(totals.y_axis.numFmt.formatCode, "#,##0")
        self.assertIsNone(totals.y_axis.majorUnit)  # 25 products: Excel's own steps

        # The districts' data (27 rows) and their chart together are taller
        # than a printed page of this sheet, so no break keeps them together;
        # the chart alone fits what is left of the page it starts on, so no
        # break moves it either (ChartPageBreakTest has a chart that moves).
        header = find_row(ws, 1, "Đơn vị")
        self.assertEqual(ws.cell(header - 1, 1).value, "Đơn vị tính: sản phẩm")  # the unit above
        self.assertEqual([brk.id for brk in ws.row_breaks.brk], [])
        self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)  # one page wide

        self.assertIsInstance(districts, openpyxl.chart.BarChart)
        self.assertEqual((districts.barDir, districts.grouping, districts.overlap), ("bar", "stacked", 100))
        province = Sample.sql("SELECT gia_tri FROM cai_dat WHERE khoa = 'ma_tinh'")[0][0]
        units = Sample.sql("SELECT ma, ten, loai FROM don_vi WHERE ma_cha = ? ORDER BY ma", province)
        self.assertEqual(len(units), 27)
        latest = """SELECT (SELECT d.so_sao FROM danh_gia d WHERE d.ma_san_pham = s.ma AND d.ngay <= '2019-12-31'
                            ORDER BY d.ngay DESC, d.id DESC LIMIT 1) AS sao, t.ma_to_tien AS huyen
                    FROM san_pham s JOIN don_vi_to_tien t ON t.ma = s.ma_don_vi AND t.cap_to_tien = 2
                    WHERE s.ngay_dang_ky IS NULL OR s.ngay_dang_ky <= '2019-12-31'"""
        stars = [row[0] for row in Sample.sql(f"SELECT DISTINCT sao FROM ({latest}) WHERE sao >= 3 ORDER BY sao")]
        self.assertEqual(stars, [3, 4])  # no 5-star product in 2019: no 5-star series
        self.assertEqual([cells(wb, s.tx.strRef.f) for s in districts.series], [[f"{n} sao"] for n in stars])
        names = cells(wb, districts.series[0].cat.strRef.f)
        self.assertEqual(len(names), 27)
        self.assertEqual(names[0], "TP. Thanh Hóa")
        self.assertEqual(names[[u[0] for u in units].index("401")], "Nga Sơn")
        for series in districts.series:
            self.assertEqual(series.cat.strRef.f, districts.series[0].cat.strRef.f)
        counts = dict(((huyen, sao), n) for huyen, sao, n in Sample.sql(
            f"SELECT huyen, sao, count(*) FROM ({latest}) GROUP BY huyen, sao"))
        for series, star in zip(districts.series, stars):
            values = cells(wb, series.val.numRef.f)
            self.assertEqual(values, [counts.get((ma, star), 0) for ma, _, _ in units], star)
        # Two districts by hand: Nga Sơn and the city of Thanh Hóa.
        for code in ["401", "380"]:
            row = [u[0] for u in units].index(code)
            for series, star in zip(districts.series, stars):
                expected = Sample.sql(f"SELECT count(*) FROM ({latest}) WHERE huyen = ? AND sao = ?", code, star)[0][0]
                self.assertEqual(cells(wb, series.val.numRef.f)[row], expected, (code, star))

    @unittest.skipIf(SOFFICE is None, "LibreOffice (soffice) không có: bỏ qua kiểm tra tính lại công thức")
    def test_libreoffice_recalculates_the_rates_like_sql(self):
        # The year-to-date rates of a quarter's report, recalculated by
        # LibreOffice, are those SQL gives; a changed amount moves its
        # project's rate and the total's, and nothing else.
        path = Sample.render("bao-cao-thang.mau", "bao-cao-quy-2019-09.xlsx",
                             ["ky=2019-09", "loai_ky=quy", "ngay=2019-10-05"])
        wb = openpyxl.load_workbook(path)
        self.assertEqual(wb.sheetnames.index("Kinh phí"), 3)  # xl/worksheets/sheet4.xml
        header = find_row(wb["Kinh phí"], 1, "Mã")
        # The rows under the total, in order: each group's row, then its
        # projects' rows, each with its estimate and year-to-date figure.
        rows = []
        for _, _, planned, _, to_date, projects in report_budget_groups(7, 9):
            rows.append([planned, to_date])
            rows.extend([p_planned, p_to_date] for _, p_planned, _, p_to_date in projects)
        total = header + 1
        planned_all = sum(group[2] for group in report_budget_groups(7, 9))
        to_date_all = sum(group[4] for group in report_budget_groups(7, 9))
        work = tempfile.mkdtemp(prefix="ocopdoc-lo-")
        try:
            recalculated = recalculate(path, work)["Kinh phí"]
            for offset, (planned, to_date) in enumerate(rows, start=1):
                self.assertAlmostEqual(recalculated.cell(total + offset, 6).value, 100 * to_date / planned,
                                       places=9)
            self.assertAlmostEqual(recalculated.cell(total, 6).value, 100 * to_date_all / planned_all, places=9)

            # 100 million more disbursed on the first project of the state
            # budget: its rate, its group's and the total's move.
            tampered = os.path.join(work, "tampered.xlsx")
            add_to_cell(path, tampered, f"E{total + 2}", 100000000, sheet=4)
            changed = recalculate(tampered, work)["Kinh phí"]
            moved = {1, 2}  # offsets of the group and its first project
            for offset, (planned, to_date) in enumerate(rows, start=1):
                extra = 100000000 if offset in moved else 0
                self.assertAlmostEqual(changed.cell(total + offset, 6).value, 100 * (to_date + extra) / planned,
                                       places=9)
            self.assertAlmostEqual(changed.cell(total, 6).value,
                                   100 * (to_date_all + 100000000) / planned_all, places=9)
        finally:
            shutil.rmtree(work)

    @unittest.skipIf(SOFFICE is None, "LibreOffice (soffice) không có: bỏ qua kiểm tra trang in")
    def test_printed_district_chart_stays_on_one_page(self):
        # LibreOffice prints the workbook (fitted to the page's width): the
        # chart is whole on the page that has its title, from the first
        # district's bar to the last one's and the axis title under them.
        path = Sample.render("bao-cao-thang.mau", "bao-cao-2019-12-in.xlsx", ["ky=2019-12", "ngay=2020-01-06"])
        text = print_with_libreoffice(self, path)
        pages = [page for page in text.split("\f") if "hạng sao của các huyện" in page]
        self.assertEqual(len(pages), 1)
        chart = pages[0].split("hạng sao của các huyện", 1)[1]
        # Huyện Tĩnh Gia (407) is the last district; the chart calls it "Tĩnh Gia".
        self.assertEqual(Sample.sql("SELECT max(ma) FROM don_vi WHERE ma_cha = '38'")[0][0], "407")
        self.assertIn("TP. Thanh Hóa", chart)
        self.assertIn("Tĩnh Gia", chart)
        self.assertIn("sản phẩm", chart)  # the value axis's title, under the bars

    def test_no_star_chart_without_rated_products_and_no_district_chart_in_a_district_report(self):
        june = openpyxl.load_workbook(Sample.render("bao-cao-thang.mau", "bao-cao-2019-06-c.xlsx",
                                                    ["ky=2019-06", "ngay=2019-07-05"]))
        self.assertEqual(len(june["Phát triển sản phẩm"]._charts), 0)  # no product rated yet
        district = openpyxl.load_workbook(Sample.render("bao-cao-thang.mau", "bao-cao-2019-12-401.xlsx",
                                                        ["ky=2019-12", "don_vi=401", "ngay=2020-01-06"]))
        charts = district["Phát triển sản phẩm"]._charts
        self.assertEqual(len(charts), 1)
        # A handful of products: whole steps, never "0,2 sản phẩm".
        counts = cells(district, charts[0].series[0].val.numRef.f)
        self.assertLess(max(counts), 10, counts)
        self.assertEqual((charts[0].y_axis.majorUnit, charts[0].y_axis.numFmt.formatCode), (1, "0"))

    def test_district_report_has_only_the_district_s_own_figures(self):
        # The province's tasks, targets and budget are not a district's
        # figures: a district report has one sheet, its products, subjects
        # and trainees, from its own header down to its signature.
        wb = openpyxl.load_workbook(Sample.render("bao-cao-thang.mau", "bao-cao-2019-06-401.xlsx",
                                                  ["ky=2019-06", "don_vi=401", "ngay=2019-07-05"]))
        self.assertEqual(wb.sheetnames, ["Phát triển sản phẩm"])
        sheet = wb["Phát triển sản phẩm"]
        self.assertEqual(first_cells(sheet, 1), ["ỦY BAN NHÂN DÂN HUYỆN NGA SƠN"])
        texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        self.assertIn("1. Phát triển sản phẩm", texts)
        self.assertIn("3. Đào tạo, tập huấn", texts)
        self.assertFalse(any("Kinh phí" in t for t in texts))
        self.assertIn("TM. ỦY BAN NHÂN DÂN", texts)


# -- roster --------------------------------------------------------------------

VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_key(text):
    """Primary (letters, with ă â đ ê ô ơ ư as letters of their own) then
    secondary (tones) keys — the order of the `vi` collation for names."""
    letters, tones = [], []
    for char in text.lower():
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        tone = next((m for m in marks if m in TONES), "")
        shape = "".join(m for m in marks if m not in TONES)
        letter = unicodedata.normalize("NFC", base + shape)
        letters.append(VIETNAMESE_LETTERS.index(letter) + 1 if letter in VIETNAMESE_LETTERS else 0)
        tones.append(TONES[tone])
    return letters, tones


def given_name_key(name):
    words = name.split()
    reordered = " ".join([words[-1], *words[1:-1], words[0]]) if len(words) > 1 else name
    letters, tones = vietnamese_key(reordered)
    return letters, tones, name


class RosterWorkbookTest(unittest.TestCase):
    def setUp(self):
        self.wb = openpyxl.load_workbook(Sample.files["danh-sach"])
        self.ws = self.wb["Danh sách học viên"]

    def test_title_names_the_course_place_and_dates(self):
        texts = [self.ws.cell(r, 1).value for r in range(1, 12)]
        self.assertIn("DANH SÁCH HỌC VIÊN", texts)
        name, place = Sample.sql("SELECT ten, dia_diem FROM khoa_hoc WHERE ma = 'KH2018-02'")[0]
        self.assertIn(name, texts)
        self.assertIn(f"Từ ngày 04/12/2018 đến ngày 06/12/2018, tại {place}", texts)

    def test_columns_rows_and_order(self):
        ws = self.ws
        header = find_row(ws, 1, "STT")
        self.assertEqual([c.value for c in ws[header]],
                         ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ", "Đơn vị công tác",
                          "Địa phương", "Ký nhận"])
        people = Sample.sql("SELECT ho_ten, nam_sinh, gioi_tinh FROM hoc_vien WHERE ma_khoa_hoc = 'KH2018-02'")
        rows = [[c.value for c in ws[r]] for r in range(header + 1, header + 1 + len(people))]
        self.assertEqual([r[0] for r in rows], list(range(1, len(people) + 1)))
        self.assertEqual(sorted((r[1], r[2], r[3]) for r in rows), sorted(people))
        self.assertTrue(all(r[7] is None for r in rows))  # room to sign
        self.assertIsNone(ws.cell(header + len(people) + 1, 2).value)
        names = [r[1] for r in rows]
        self.assertEqual(names, sorted(names, key=given_name_key))
        for r in range(header + 1, header + 1 + len(people)):
            self.assertGreaterEqual(ws.row_dimensions[r].height, 9 / 25.4 * 72 - 0.01)

    def test_column_widths_fit_the_course(self):
        # The shares of the template (4*, 5*) fit each roster's content: a
        # course whose trainees all come from one place has a narrow
        # "Địa phương" and more room for "Chức vụ"; every roster spans the
        # same printed width.
        other = openpyxl.load_workbook(Sample.render("danh-sach-hoc-vien.mau", "danh-sach-1.xlsx",
                                                     ["khoa_hoc=KH2018-01", "ngay=2018-11-20"]))
        ws = other["Danh sách học viên"]
        header = find_row(ws, 1, "STT")
        places = {ws.cell(r, 7).value for r in range(header + 1, ws.max_row + 1)} - {None}
        self.assertEqual(places, {"Tỉnh Thanh Hóa"})
        widths = {k: v.width for k, v in ws.column_dimensions.items()}
        self.assertLess(widths["G"], widths["B"])
        self.assertGreater(widths["E"], widths["B"])
        mine = {k: v.width for k, v in self.ws.column_dimensions.items()}
        self.assertNotEqual(widths, mine)
        pixels = lambda w: sum(v * 7 for v in w.values())  # noqa: E731
        self.assertAlmostEqual(pixels(widths), pixels(mine), delta=4)

    def test_print_settings(self):
        ws = self.ws
        header = find_row(ws, 1, "STT")
        self.assertEqual(ws.page_setup.orientation, "landscape")
        self.assertEqual(int(ws.page_setup.paperSize), 9)
        self.assertEqual(ws.print_title_rows, f"${header}:${header}")
        self.assertEqual(ws.freeze_panes, f"A{header + 1}")


# -- data-entry workbook -------------------------------------------------------

CONTRACT = {
    "Chủ thể": ["ma", "ten", "loai_hinh", "ma_don_vi", "nguoi_dai_dien", "dien_thoai"],
    "Sản phẩm": ["ma", "ten", "nhom", "phan_nhom", "ma_chu_the", "ma_don_vi", "buoc", "ngay_dang_ky"],
    "Lịch sử bước": ["ma_san_pham", "ngay", "buoc"],
    "Học viên": ["ma_khoa_hoc", "ho_ten", "nam_sinh", "gioi_tinh", "chuc_vu", "don_vi_cong_tac", "ma_don_vi"],
}
# Input rows of each sheet (the template's dong-nhap): a product reaches
# several steps, so the history sheet has more.
INPUT_ROWS = {"Lịch sử bước": 1000}


class DataEntryWorkbookTest(unittest.TestCase):
    def setUp(self):
        self.wb = openpyxl.load_workbook(Sample.files["mau-nhap-lieu"])

    def lists(self):
        ws = self.wb["Danh sách"]
        columns = {}
        for col in range(1, ws.max_column + 1):
            values = [ws.cell(r, col).value for r in range(2, ws.max_row + 1)]
            columns[ws.cell(1, col).value] = (col, [v for v in values if v is not None])
        return columns

    def test_sheets_and_the_hidden_list_sheet(self):
        self.assertEqual(self.wb.sheetnames, ["Chủ thể", "Sản phẩm", "Lịch sử bước", "Học viên", "Danh sách"])
        self.assertEqual(self.wb["Danh sách"].sheet_state, "hidden")
        lists = self.lists()
        units = Sample.sql("SELECT d.ma, d.ten FROM don_vi_to_tien t JOIN don_vi d ON d.ma = t.ma "
                           "WHERE t.ma_to_tien = '401'")
        self.assertEqual(sorted(lists["Đơn vị hành chính"][1]), sorted(f"{m} - {t}" for m, t in units))
        self.assertEqual(lists["Đơn vị hành chính"][1][0], "401 - Huyện Nga Sơn")
        # Subjects and products are in a commune: their list has no district.
        self.assertEqual(sorted(lists["Xã, phường, thị trấn"][1]),
                         sorted(f"{m} - {t}" for m, t in units if m != "401"))
        # The lists are protected against slips (no password).
        self.assertTrue(self.wb["Danh sách"].protection.sheet)
        groups = Sample.sql("SELECT ma, ten FROM nhom_san_pham ORDER BY thu_tu")
        self.assertEqual(lists["Nhóm sản phẩm"][1], [f"{m} - {t}" for m, t in groups])
        self.assertEqual(lists["Giới tính"][1], ["Nam", "Nữ"])
        self.assertEqual([v.split(" - ")[0] for v in lists["Loại hình chủ thể"][1]],
                         ["DN", "HTX", "LHHTX", "THT", "HO"])
        self.assertEqual([v.split(" - ")[0] for v in lists["Bước chu trình OCOP"][1]],
                         ["1", "2", "3", "4", "5", "6"])

    def test_contract_columns_and_protected_headers(self):
        for name, columns in CONTRACT.items():
            ws = self.wb[name]
            header = next(r for r in range(1, 20) if ws.cell(r, 1).value and ws.cell(r + 1, 1).value == columns[0])
            self.assertEqual([c.value for c in ws[header + 1]][:len(columns)], columns, name)
            # The contract's names are for the importer: hidden, under the
            # Vietnamese labels the district's staff read.
            self.assertTrue(ws.row_dimensions[header + 1].hidden, name)
            self.assertFalse(ws.row_dimensions[header].hidden, name)
            self.assertTrue(ws.protection.sheet, name)
            self.assertTrue(ws.cell(header, 1).protection.locked)
            self.assertTrue(ws.cell(header + 1, 1).protection.locked)
            self.assertFalse(ws.cell(header + 2, 1).protection.locked)
            self.assertFalse(ws.cell(header + 1 + INPUT_ROWS.get(name, 300), len(columns)).protection.locked)
            self.assertEqual(ws.freeze_panes, f"A{header + 2}")
            self.assertEqual(ws.print_title_rows, f"${header}:${header + 1}")

    def test_drop_downs_and_input_messages(self):
        lists = self.lists()
        wanted = {
            ("Chủ thể", "loai_hinh"): "Loại hình chủ thể",
            ("Chủ thể", "ma_don_vi"): "Xã, phường, thị trấn",
            ("Sản phẩm", "nhom"): "Nhóm sản phẩm",
            ("Sản phẩm", "ma_don_vi"): "Xã, phường, thị trấn",
            ("Sản phẩm", "buoc"): "Bước chu trình OCOP",
            ("Lịch sử bước", "buoc"): "Bước chu trình OCOP",
            ("Học viên", "ma_khoa_hoc"): "Khóa tập huấn",
            ("Học viên", "gioi_tinh"): "Giới tính",
            ("Học viên", "ma_don_vi"): "Đơn vị hành chính",
        }
        for (sheet, column), list_title in wanted.items():
            ws = self.wb[sheet]
            index = CONTRACT[sheet].index(column)
            letter = openpyxl.utils.get_column_letter(index + 1)
            header = find_row(ws, 1, CONTRACT[sheet][0]) - 1
            validations = [dv for dv in ws.data_validations.dataValidation
                           if str(dv.sqref) == f"{letter}{header + 2}:{letter}{header + 1 + INPUT_ROWS.get(sheet, 300)}"]
            self.assertEqual(len(validations), 1, (sheet, column))
            dv = validations[0]
            self.assertEqual(dv.type, "list")
            col, items = lists[list_title]
            list_letter = openpyxl.utils.get_column_letter(col)
            self.assertEqual(dv.formula1, f"'Danh sách'!${list_letter}$2:${list_letter}${len(items) + 1}")
            self.assertTrue(dv.showInputMessage)
            self.assertTrue(dv.prompt)
        ws = self.wb["Học viên"]
        prompts = {str(dv.sqref): dv.prompt for dv in ws.data_validations.dataValidation}
        self.assertEqual(prompts["C8:C307"], "Năm sinh, bốn chữ số, ví dụ 1980")

    def validation(self, sheet, column):
        ws = self.wb[sheet]
        letter = openpyxl.utils.get_column_letter(CONTRACT[sheet].index(column) + 1)
        first = find_row(ws, 1, CONTRACT[sheet][0]) + 1
        found = [dv for dv in ws.data_validations.dataValidation
                 if str(dv.sqref) == f"{letter}{first}:{letter}{first + INPUT_ROWS.get(sheet, 300) - 1}"]
        self.assertEqual(len(found), 1, (sheet, column))
        return found[0], f"{letter}{first}"

    def test_checks_follow_the_import_contract(self):
        # Năm sinh: a whole number in the importer's range (schema: 1900-2100).
        dv, _ = self.validation("Học viên", "nam_sinh")
        self.assertEqual((dv.type, dv.formula1, dv.formula2), ("whole", "1900", "2100"))
        self.assertIn(dv.operator, (None, "between"))  # "between" is the default, not written
        self.assertIn(dv.errorStyle, (None, "stop"))  # "stop" is the default
        self.assertTrue(dv.showErrorMessage)
        # Ngày đăng ký: a text column ("@"), so the date must be typed as the
        # importer reads text, YYYY-MM-DD, a real date.
        dv, cell = self.validation("Sản phẩm", "ngay_dang_ky")
        self.assertEqual(dv.type, "custom")
        self.assertTrue(dv.formula1.startswith(f"AND(LEN({cell})=10,"), dv.formula1)
        self.assertIn(f"--LEFT({cell},4)>=1900", dv.formula1)
        self.assertIn(f"DAY(DATE(LEFT({cell},4),MID({cell},6,2),RIGHT({cell},2)))=--RIGHT({cell},2)", dv.formula1)
        self.assertLessEqual(len(dv.formula1), 255)
        # Mã chủ thể: offered from the subjects' code column; a code already in
        # the database is only warned about.
        dv, _ = self.validation("Sản phẩm", "ma_chu_the")
        subjects = self.wb["Chủ thể"]
        first = find_row(subjects, 1, "ma") + 1
        self.assertEqual(dv.type, "list")
        self.assertEqual(dv.formula1, f"'Chủ thể'!$A${first}:$A${first + 299}")
        self.assertEqual(dv.errorStyle, "warning")
        # The step history: products offered from the products' code column,
        # dates checked like the registration date.
        dv, _ = self.validation("Lịch sử bước", "ma_san_pham")
        first = find_row(products := self.wb["Sản phẩm"], 1, "ma") + 1
        self.assertEqual(products.cell(first - 1, 1).value, "ma")
        self.assertEqual(dv.formula1, f"'Sản phẩm'!$A${first}:$A${first + 299}")
        self.assertEqual(dv.errorStyle, "warning")
        dv, cell = self.validation("Lịch sử bước", "ngay")
        self.assertEqual(dv.type, "custom")
        self.assertIn(f"DAY(DATE(LEFT({cell},4),MID({cell},6,2),RIGHT({cell},2)))=--RIGHT({cell},2)", dv.formula1)

    def test_properties_name_the_sender(self):
        props = self.wb.properties
        self.assertEqual(props.creator, "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI")
        with zipfile.ZipFile(Sample.files["mau-nhap-lieu"]) as z:
            app = z.read("docProps/app.xml").decode("utf-8")
        self.assertIn("<Company>UBND TỈNH THANH HÓA</Company>", app)
        self.assertEqual(self.wb["Chủ thể"]["A2"].value, "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI")

    def test_input_rows_fit_what_is_chosen(self):
        # No custom height on the 300 input rows: Excel fits a row to a
        # chosen item that wraps.  A drop-down column holds its items on one
        # line up to 100 mm (about 53 characters); longer ones wrap.
        with zipfile.ZipFile(Sample.files["mau-nhap-lieu"]) as z:
            sheets = {name: z.read(f"xl/worksheets/sheet{i}.xml").decode("utf-8")
                      for i, name in enumerate(CONTRACT, start=1)}
        for name in CONTRACT:
            ws = self.wb[name]
            first = find_row(ws, 1, CONTRACT[name][0]) + 1
            for row in (first, first + 150, first + 299):
                self.assertRegex(sheets[name], f'<row r="{row}" spans="[0-9:]+">', (name, row))
        lists = self.lists()

        def width_pt(ws, letter):
            return ws.column_dimensions[letter].width * 7 * 0.75  # Excel: 7 px a character

        # "HO - Hộ sản xuất có đăng ký kinh doanh" is 197 pt wide in Times New
        # Roman 12 pt (its advance widths; the template gives the column 45 mm,
        # 128 pt), plus 6 pt of cell padding.
        subjects = self.wb["Chủ thể"]
        self.assertGreaterEqual(width_pt(subjects, "C"), 196.9 + 6)
        products = self.wb["Sản phẩm"]
        longest_step = max(lists["Bước chu trình OCOP"][1], key=len)
        self.assertEqual(longest_step, "4 - Triển khai phương án, dự án sản xuất kinh doanh")
        self.assertGreater(width_pt(products, "G"), 230)
        courses = self.wb["Học viên"]
        self.assertAlmostEqual(width_pt(courses, "A"), 100 * 72 / 25.4, delta=4)

    def test_code_columns_are_text(self):
        ws = self.wb["Chủ thể"]
        header = find_row(ws, 1, "ma")
        self.assertEqual(ws.cell(header + 1, 1).number_format, "@")
        self.assertEqual(ws.cell(header + 1, 6).number_format, "@")  # phone numbers keep their 0


def print_with_libreoffice(test, path):
    """The workbook printed to PDF by LibreOffice, as pdftotext's text
    (pages separated by form feeds)."""
    work = tempfile.mkdtemp(prefix="ocopdoc-lo-")
    try:
        profile = os.path.join(work, "profile")
        subprocess.run([SOFFICE, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", work, path],
                       capture_output=True, timeout=180, check=False)
        pdf = os.path.join(work, os.path.basename(path)[:-len(".xlsx")] + ".pdf")
        test.assertTrue(os.path.exists(pdf), "LibreOffice không ghi ra tệp " + pdf)
        return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)


class ChartPageBreakTest(unittest.TestCase):
    """A chart and its data that would cross the end of the printed page they
    start on, and fit on a page of their own, start one: a manual row break
    at the unit row over their data, honoured by LibreOffice's print."""

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.mkdtemp(prefix="ocopdoc-xlsx-break-")
        template = os.path.join(cls.directory, "templates", "ngat.mau")
        os.makedirs(os.path.dirname(template))
        paragraphs = "".join(f"Đoạn văn thứ {n} của báo cáo, đủ dài để chiếm trọn một dòng của trang in "
                             f"khổ A4 đứng.\n\n" for n in range(1, 41))
        rows = "".join(f"| Huyện thứ {n} | {n % 4} | {n % 3} |\n" for n in range(1, 13))
        with open(template, "w", encoding="utf-8") as f:
            f.write("+++\nmo_ta = \"thử ngắt trang trước biểu đồ\"\n+++\n" + paragraphs +
                    "@bieu-do loai=thanh-chong tieu-de=\"Sản phẩm theo huyện\" don-vi=\"sản phẩm\"\n"
                    "| Đơn vị | 3 sao | 4 sao |\n" + rows)
        cls.path = os.path.join(cls.directory, "ngat.xlsx")
        code, _, err = run("render", Sample.db, template, "-o", cls.path)
        assert code == 0, err

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.directory)

    def test_break_before_the_chart_s_data(self):
        ws = openpyxl.load_workbook(self.path).worksheets[0]
        self.assertEqual(len(ws._charts), 1)
        header = find_row(ws, 1, "Đơn vị")
        self.assertEqual(ws.cell(header - 1, 1).value, "Đơn vị tính: sản phẩm")
        self.assertEqual([brk.id for brk in ws.row_breaks.brk], [header - 2])
        self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)  # still one page wide

    @unittest.skipIf(SOFFICE is None, "LibreOffice (soffice) không có: bỏ qua kiểm tra trang in")
    def test_printed_chart_shares_a_page_with_its_data(self):
        pages = print_with_libreoffice(self, self.path).split("\f")
        page = [p for p in pages if "Sản phẩm theo huyện" in p]
        self.assertEqual(len(page), 1)
        page = page[0]
        self.assertNotIn("Đoạn văn thứ 40", page)  # the paragraphs end on the page before
        self.assertLess(page.index("Đơn vị"), page.index("Sản phẩm theo huyện"))
        chart = page.split("Sản phẩm theo huyện", 1)[1]
        self.assertIn("Huyện thứ 12", chart)


class OwnPropertiesTest(unittest.TestCase):
    """A template's @thuoc-tinh gives the workbook's title, subject and
    author, over what its title block and header would give."""

    def test_properties_from_the_template(self):
        directory = tempfile.mkdtemp(prefix="ocopdoc-xlsx-props-")
        try:
            template = os.path.join(directory, "thuoc-tinh.mau")
            with open(template, "w", encoding="utf-8") as f:
                f.write("+++\nmo_ta = \"thử thuộc tính\"\n+++\n"
                        "@thuoc-tinh\ntieu-de: Bảng tổng hợp sản phẩm\nchu-de: BẢNG TỔNG HỢP\n"
                        "tac-gia: Sở Nông nghiệp và Phát triển nông thôn\n\n"
                        "@bang trang-tinh=\"Sản phẩm\"\n| Huyện | Số sản phẩm |\n| Nga Sơn | 3 |\n")
            path = os.path.join(directory, "thuoc-tinh.xlsx")
            code, _, err = run("render", Sample.db, template, "-o", path)
            self.assertEqual(code, 0, err)
            props = openpyxl.load_workbook(path).properties
            self.assertEqual((props.title, props.subject, props.creator),
                             ("Bảng tổng hợp sản phẩm", "BẢNG TỔNG HỢP", "Sở Nông nghiệp và Phát triển nông thôn"))
        finally:
            shutil.rmtree(directory)


class DropDownTest(unittest.TestCase):
    def test_300_character_vietnamese_item_does_not_crash(self):
        item = ("Hợp tác xã dịch vụ nông nghiệp, chế biến nông sản và du lịch cộng đồng "
                "làng nghề truyền thống chiếu cói Nga Sơn, thêu ren, mây tre đan ") * 3
        item = item[:300].strip()
        self.assertGreaterEqual(len(item), 299)
        self.assertGreater(len(item.encode("utf-8")), 255)
        directory = tempfile.mkdtemp(prefix="ocopdoc-xlsx-dd-")
        try:
            template = os.path.join(directory, "templates", "dai.mau")
            os.makedirs(os.path.dirname(template))
            with open(template, "w", encoding="utf-8") as f:
                f.write("+++\nmo_ta = \"thử\"\n+++\n"
                        "@bang tieu-de=1 dong-nhap=10 chon=\",dai\"\n| Mã | Tên |\n\n"
                        "@danh-sach ten=dai\n" + item + "\nMục thứ hai\n")
            out = os.path.join(directory, "dai.xlsx")
            code, _, err = run("render", Sample.db, template, "-o", out)
            self.assertEqual(code, 0, err)
            wb = openpyxl.load_workbook(out)
            self.assertEqual(wb["Danh sách"]["A2"].value, item)
            dv = wb.worksheets[0].data_validations.dataValidation[0]
            self.assertEqual(dv.formula1, "'Danh sách'!$A$2:$A$3")
        finally:
            shutil.rmtree(directory)


class LargeBudgetTest(unittest.TestCase):
    """Above 20.000 table rows (here 23.000) the writer switches to constant-memory mode:
    strings are written inline, rows one by one; the sums stay right."""

    def test_large_budget(self):
        directory = tempfile.mkdtemp(prefix="ocopdoc-xlsx-big-")
        try:
            db = os.path.join(directory, "lon.db")
            self.assertEqual(run("init", db)[0], 0)
            sample = os.path.join(SOURCE, "samples", "thanh-hoa")
            settings = [os.path.join(sample, name) for name in ("cai_dat.csv", "nguon_von.csv")]
            rows = ["ma_du_an,ten_du_an,nguon_von,nam,loai,so_tien"]
            codes = ["NS-TW", "NS-TINH", "KHCN", "KC-KN", "LONG-GHEP", "XHH", "TIN-DUNG", "QUY", "TAI-TRO"]
            for project in range(1, 501):
                for source in codes:
                    for year in range(2001, 2005):
                        for kind in ("du_toan", "giai_ngan"):
                            amount = (project * 7919 + year * 104729 + len(source) * 1299709 + len(kind) * 15485863) % 900000 * 1000
                            rows.append(f"DA{project:03d},Dự án thành phần số {project},{source},{year},{kind},{amount}")
            budget = os.path.join(directory, "du_toan.csv")
            with open(budget, "w", encoding="utf-8") as f:
                f.write("\n".join(rows) + "\n")
            code, _, err = run("import", db, *settings, budget)
            self.assertEqual(code, 0, err)
            out = os.path.join(directory, "lon.xlsx")
            code, _, err = run("render", db, os.path.join(TEMPLATES, "du-toan.mau"), "-o", out,
                               "--set", "ngay=2019-12-31")
            self.assertEqual(code, 0, err)
            with zipfile.ZipFile(out) as z:
                sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
            self.assertTrue('t="inlineStr"' in sheet, "không ở chế độ constant_memory")
            ws = openpyxl.load_workbook(out, data_only=True, read_only=True)["Dự toán"]
            total = None
            for row in ws.iter_rows(values_only=True):
                if row[1] == "TỔNG CỘNG":
                    total = row[2:4]
                    break
            planned, spent = Sample.sql(
                "SELECT sum(CASE loai WHEN 'du_toan' THEN so_tien END), "
                "sum(CASE loai WHEN 'giai_ngan' THEN so_tien END) FROM du_toan", db=db)[0]
            self.assertEqual(total, (planned, spent))
        finally:
            shutil.rmtree(directory)


if __name__ == "__main__":
    unittest.main()
