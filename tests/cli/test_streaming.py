"""Row-by-row queries (tung_dong) as a template author and a user see them.

A streamed query's rows are rendered while the PDF or the workbook is
written, a chunk at a time. The documents must be exactly those of the same
template rendered whole, and every misuse must be an error naming the
template line, with exit status 1 and no output file.
"""
import os
import shutil
import subprocess
import tempfile
import unittest

from clisupport import SOURCE, SampleDatabase, run

TEMPLATES = os.path.join(SOURCE, "templates")
PYTHON = "/usr/bin/python3"


def cells(path):
    """Every sheet's cells (value, number format, bold), merged ranges and
    row outline levels, read back with openpyxl."""
    script = (
        "import json, sys, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1])\n"
        "out = {}\n"
        "for ws in wb.worksheets:\n"
        "    out[ws.title] = {\n"
        "        'cells': [[c.coordinate, c.value, c.number_format, bool(c.font.b)]\n"
        "                  for row in ws.iter_rows() for c in row if c.value is not None],\n"
        "        'merged': sorted(str(r) for r in ws.merged_cells.ranges),\n"
        "        'levels': [ws.row_dimensions[r].outline_level for r in range(1, ws.max_row + 1)],\n"
        "        'charts': len(ws._charts)}\n"
        "print(json.dumps(out, ensure_ascii=False))\n")
    proc = subprocess.run([PYTHON, "-c", script, path], capture_output=True, text=True, check=True)
    return proc.stdout


def tearDownModule():
    SampleDatabase.remove()


class StreamedQueryTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ocopdoc-stream-")
        self.templates = os.path.join(self.dir, "templates")
        shutil.copytree(TEMPLATES, self.templates)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def held_copy(self, name):
        """The bundled template without its tung_dong line: rendered whole."""
        path = os.path.join(self.templates, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("tung_dong = true\n", text)
        held = os.path.join(self.templates, "held-" + name)
        with open(held, "w", encoding="utf-8") as f:
            f.write(text.replace("tung_dong = true\n", ""))
        return path, held

    def render(self, template, output, *sets):
        out = os.path.join(self.dir, output)
        args = ["render", SampleDatabase.get(), template, "-o", out]
        for s in sets:
            args += ["--set", s]
        code, _, err = run(*args)
        self.assertEqual(code, 0, err)
        return out

    def assert_same_documents(self, name, *sets):
        streamed, held = self.held_copy(name)
        # The PDF is the same file, byte for byte.
        a = self.render(streamed, "streamed.pdf", *sets)
        b = self.render(held, "held.pdf", *sets)
        with open(a, "rb") as fa, open(b, "rb") as fb:
            self.assertEqual(fa.read(), fb.read(), f"{name}: streamed PDF differs")
        # The workbook has the same cells, formats, merges, outline and
        # charts (a streamed table is written in constant-memory mode, which
        # stores strings inline, so the bytes differ).
        a = self.render(streamed, "streamed.xlsx", *sets)
        b = self.render(held, "held.xlsx", *sets)
        self.assertEqual(cells(a), cells(b), f"{name}: streamed workbook differs")

    def test_streamed_roster_is_the_same_document(self):
        self.assert_same_documents("danh-sach-hoc-vien.mau", "khoa_hoc=KH2018-02", "ngay=2018-12-06")

    def test_streamed_budget_is_the_same_document(self):
        self.assert_same_documents("du-toan.mau", "ngay=2019-12-31")

    def test_streamed_budget_in_millions_is_the_same_document(self):
        self.assert_same_documents("du-toan.mau", "ngay=2019-12-31", "don_vi_tinh=trieu-dong")

    def test_without_a_temporary_folder_the_rows_are_rendered_again(self):
        # The second pass over a streamed table reads back what the first
        # recorded in $TMPDIR; where no file can be made there, it renders
        # the rows again, and the documents are the same.  (That the replay
        # is used is shown by tests/unit/template_streamed_rows_test.cpp.)
        path = os.path.join(self.templates, "danh-sach-hoc-vien.mau")
        sets = ["--set", "khoa_hoc=KH2018-02", "--set", "ngay=2018-12-06"]
        outputs = []
        for tmpdir in (self.dir, os.path.join(self.dir, "khong-co")):
            out = os.path.join(self.dir, "roster.pdf")
            env = dict(os.environ, TMPDIR=tmpdir)
            code, _, err = run("render", SampleDatabase.get(), path, "-o", out, *sets, env=env)
            self.assertEqual(code, 0, err)
            with open(out, "rb") as f:
                outputs.append(f.read())
        self.assertEqual(outputs[0], outputs[1])

    def test_row_numbers_and_last_row_in_streamed_rows(self):
        path = os.path.join(self.templates, "stt.mau")
        with open(path, "w", encoding="utf-8") as f:
            f.write("+++\n[truy_van.sp]\ntung_dong = true\n"
                    "sql = \"SELECT ma, ten FROM san_pham ORDER BY ma LIMIT 300\"\n+++\n"
                    "@bang cot=\"1*,2*,5*\" canh=\"giua,trai,trai\"\n| STT | Mã | Cuối |\n"
                    "{{#sp}}\n| {{stt}} | {{ma}} | {{#dau}}đầu{{/dau}}{{#cuoi}}cuối{{/cuoi}} |\n{{/sp}}\n")
        out = self.render(path, "stt.xlsx")
        script = ("import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).active\n"
                  "rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]\n"
                  "print(len(rows), rows[0][0], rows[0][2], rows[-1][0], rows[-1][2],"
                  " sum(1 for r in rows if r[2]))\n")
        proc = subprocess.run([PYTHON, "-c", script, out], capture_output=True, text=True, check=True)
        self.assertEqual(proc.stdout.split(), ["143", "1", "đầu", "143", "cuối", "2"])

    def test_a_partial_inside_the_streamed_section(self):
        with open(os.path.join(self.templates, "partials", "dong-san-pham.mau"), "w", encoding="utf-8") as f:
            f.write("| {{stt}} | {{ma}} | {{ten}} |")  # the tag line gives the line ending
        body = ("@bang cot=\"12mm,3*,6*\" canh=\"giua,trai,trai\"\n| STT | Mã | Tên |\n"
                "{{#sp}}\n{{> partials/dong-san-pham}}\n{{/sp}}\n")
        header = "+++\n[truy_van.sp]\n%ssql = \"SELECT ma, ten FROM san_pham ORDER BY ma\"\n+++\n"
        outputs = []
        for name, key in (("streamed.mau", "tung_dong = true\n"), ("held.mau", "")):
            path = os.path.join(self.templates, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(header % key + body)
            out = self.render(path, name + ".pdf")
            with open(out, "rb") as f:
                outputs.append(f.read())
        self.assertEqual(outputs[0], outputs[1])

    # -- misuse: each is an error at the template line, exit 1, no file ----

    HEADER = ("+++\n[truy_van.sp]\ntung_dong = true\n"
              "sql = \"SELECT ma, ten FROM san_pham ORDER BY ma LIMIT 40\"\n+++\n")

    def assert_error(self, body, line, *fragments, header=None):
        path = os.path.join(self.templates, "loi.mau")
        with open(path, "w", encoding="utf-8") as f:
            f.write((header or self.HEADER) + body)
        for output in ("loi.pdf", "loi.xlsx"):
            out = os.path.join(self.dir, output)
            code, _, err = run("render", SampleDatabase.get(), path, "-o", out)
            self.assertEqual(code, 1, err)
            self.assertFalse(os.path.exists(out), "no output after an error")
            self.assertIn(f"{path}:{line}:", err)
            for fragment in fragments:
                self.assertIn(fragment, err)

    def test_the_section_must_be_used_once(self):
        self.assert_error("@bang cot=\"1*,1*\" canh=trai\n| Mã | Tên |\n{{#sp}}\n| {{ma}} | {{ten}} |\n"
                          "{{/sp}}\n\n{{#sp}}\n- {{ten}}\n{{/sp}}\n", 8, "đúng một lần")

    def test_the_section_must_not_be_inside_another(self):
        self.assert_error("{{#cai_dat}}\n@bang cot=\"1*,1*\" canh=trai\n| Mã | Tên |\n{{#sp}}\n"
                          "| {{ma}} | {{ten}} |\n{{/sp}}\n{{/cai_dat}}\n", 9, "ngoài mọi mục khác")

    def test_the_tags_must_stand_alone_on_their_lines(self):
        self.assert_error("@bang cot=\"1*,1*\" canh=trai\n| Mã | Tên |\n{{#sp}}| {{ma}} | {{ten}} |\n"
                          "{{/sp}}\n", 8, "riêng một dòng")

    def test_the_rows_must_be_inside_a_table(self):
        self.assert_error("Đoạn văn.\n\n{{#sp}}\n| {{ma}} | {{ten}} |\n{{/sp}}\n", 6, "tung_dong")

    def test_the_section_must_print_only_rows(self):
        self.assert_error("@bang cot=\"1*,1*\" canh=trai\n| Mã | Tên |\n{{#sp}}\n- {{ten}}\n{{/sp}}\n",
                          9, "truy vấn sp", "chỉ được là dòng bảng")

    def test_a_bad_row_names_the_query_rows(self):
        self.assert_error("@bang cot=\"1*,1*\" canh=trai\n| Mã | Tên |\n{{#sp}}\n| {{ma}} |\n{{/sp}}\n",
                          9, "truy vấn sp", "các dòng thứ 1 đến 40", "1 ô")

    def test_a_streamed_table_needs_its_alignment(self):
        self.assert_error("@bang cot=\"1*,1*\"\n| Mã | Tên |\n{{#sp}}\n| {{ma}} | {{ten}} |\n{{/sp}}\n",
                          6, "canh=")

    def test_only_top_level_queries_stream(self):
        header = ("+++\n[truy_van.sp]\nsql = \"SELECT ma FROM san_pham LIMIT 2\"\n"
                  "[truy_van.sp.con]\ntung_dong = true\nsql = \"SELECT :ma AS m\"\n+++\n")
        self.assert_error("x\n", 5, "ngoài cùng", header=header)

    def test_one_streamed_query_per_template(self):
        header = self.HEADER.replace("+++\n[truy_van.sp]", "+++\n[truy_van.sp2]\ntung_dong = true\n"
                                     "sql = \"SELECT 1 AS a\"\n[truy_van.sp]", 1)
        self.assert_error("x\n", 7, "chỉ có một truy vấn tung_dong", header=header)

    def test_check_finds_a_misplaced_section_without_data(self):
        path = os.path.join(self.templates, "loi.mau")
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.HEADER + "Đoạn {{#sp}}{{ma}}{{/sp}}\n")
        code, _, err = run("check", path)
        self.assertEqual(code, 1, err)
        self.assertIn(f"{path}:6:", err)
        self.assertIn("riêng một dòng", err)

    def test_a_wrong_written_subtotal_in_streamed_rows(self):
        header = ("+++\n[truy_van.nhom]\ntung_dong = true\n"
                  "sql = \"SELECT nhom, count(*) AS so FROM san_pham GROUP BY nhom ORDER BY nhom\"\n"
                  "[truy_van.nhom.sp]\nsql = \"SELECT ma FROM san_pham WHERE nhom = :nhom\"\n+++\n")
        body = ("@bang cot=\"1*,1*\" canh=\"trai,phai\" cong=2\n| Nhóm | Số |\n{{#nhom}}\n"
                "{{#sp}}\n| {{ma}} | 1 |\n{{/sp}}\n|+ {{nhom}} | 1000 |\n{{/nhom}}\n")
        path = os.path.join(self.templates, "loi.mau")
        with open(path, "w", encoding="utf-8") as f:
            f.write(header + body)
        out = os.path.join(self.dir, "loi.pdf")
        code, _, err = run("render", SampleDatabase.get(), path, "-o", out)
        self.assertEqual(code, 1, err)
        self.assertFalse(os.path.exists(out))
        self.assertIn("dòng cộng ghi 1000", err)


if __name__ == "__main__":
    unittest.main()
