"""Templates as a template author and a user see them: `ocopdoc check`,
`ocopdoc render` against the bundled Thanh Hóa sample, golden text files, and
every kind of template error with its file:line message and exit status 1.

Golden files live in tests/golden/. After a reviewed change, regenerate them
with OCOPDOC_UPDATE_GOLDEN=1 and read the diff before committing.
"""
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

OCOPDOC = os.environ.get("OCOPDOC", "build/ocopdoc")
SOURCE = os.environ.get("OCOPDOC_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TEMPLATES = os.path.join(SOURCE, "templates")
GOLDEN = os.path.join(SOURCE, "tests", "golden")
UPDATE = os.environ.get("OCOPDOC_UPDATE_GOLDEN") == "1"

# (golden name, template, parameters): every template in templates/ has one
# entry at least; the document date is fixed so the output is reproducible.
GOLDEN_RENDERS = [
    ("ke-hoach", "ke-hoach.mau", ["ngay=2018-08-20"]),
    ("bao-cao-thang-2019-06", "bao-cao-thang.mau", ["ky=2019-06", "ngay=2019-07-05"]),
    ("bao-cao-thang-2019-06-nga-son", "bao-cao-thang.mau", ["ky=2019-06", "don_vi=401", "ngay=2019-07-05"]),
]


def run(*args, cwd=None, env=None):
    proc = subprocess.run([OCOPDOC, *args], capture_output=True, cwd=cwd, env=env)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


class SampleDatabase:
    """The Thanh Hóa sample imported once for all the tests of this file."""
    directory = None
    path = None

    @classmethod
    def get(cls):
        if cls.path is None:
            cls.directory = tempfile.mkdtemp(prefix="ocopdoc-tpl-")
            cls.path = os.path.join(cls.directory, "thanh-hoa.db")
            code, _, err = run("init", cls.path)
            assert code == 0, err
            csvs = sorted(glob.glob(os.path.join(SOURCE, "samples", "thanh-hoa", "*.csv")))
            code, _, err = run("import", cls.path, *csvs)
            assert code == 0, err
        return cls.path


def tearDownModule():
    if SampleDatabase.directory:
        shutil.rmtree(SampleDatabase.directory)


class TemplateTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ocopdoc-tpl-case-")
        self.templates = os.path.join(self.dir, "templates")
        shutil.copytree(os.path.join(TEMPLATES, "partials"), os.path.join(self.templates, "partials"))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def template(self, name, text):
        path = os.path.join(self.templates, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def render(self, template, *sets, output="out.txt", db=None):
        out = os.path.join(self.dir, output)
        args = ["render", db or SampleDatabase.get(), template, "-o", out]
        for s in sets:
            args += ["--set", s]
        code, stdout, stderr = run(*args)
        text = None
        if os.path.exists(out):
            with open(out, encoding="utf-8") as f:
                text = f.read()
        return code, text, stderr

    def assert_error(self, template_path, line, *fragments, sets=()):
        code, text, err = self.render(template_path, *sets)
        self.assertEqual(code, 1, err)
        self.assertIsNone(text, "no output file after an error")
        self.assertIn(f"{template_path}:{line}:", err)
        for fragment in fragments:
            self.assertIn(fragment, err)
        return err

    # -- the bundled templates ----------------------------------------------
    def test_check_passes_on_every_template(self):
        paths = sorted(glob.glob(os.path.join(TEMPLATES, "**", "*.mau"), recursive=True))
        paths = [p for p in paths if os.sep + "partials" + os.sep not in p]
        self.assertGreater(len(paths), 0)
        code, out, err = run("check", *paths)
        self.assertEqual((code, out, err), (0, "", ""))

    def test_every_template_has_a_golden_render(self):
        rendered = {t for _, t, _ in GOLDEN_RENDERS}
        for path in glob.glob(os.path.join(TEMPLATES, "**", "*.mau"), recursive=True):
            rel = os.path.relpath(path, TEMPLATES)
            if not rel.startswith("partials"):
                self.assertIn(rel, rendered, f"{rel} has no golden test")

    def test_golden_renders(self):
        os.makedirs(GOLDEN, exist_ok=True)
        for name, template, sets in GOLDEN_RENDERS:
            with self.subTest(name=name):
                code, text, err = self.render(os.path.join(TEMPLATES, template), *sets,
                                              output=name + ".txt")
                self.assertEqual(code, 0, err)
                golden = os.path.join(GOLDEN, name + ".txt")
                if UPDATE:
                    with open(golden, "w", encoding="utf-8") as f:
                        f.write(text)
                with open(golden, encoding="utf-8") as f:
                    self.assertEqual(text, f.read(), f"{name}: output differs from {golden}")

    def test_ke_hoach_reproduces_the_seed_wording(self):
        code, text, err = self.render(os.path.join(TEMPLATES, "ke-hoach.mau"), "ngay=2018-08-20")
        self.assertEqual(code, 0, err)
        flat = " ".join(text.split())
        for phrase in [
            "KẾ HOẠCH",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "2.1. Xây dựng và hoàn thiện đề cương đề án “Mỗi xã một sản phẩm” tỉnh Thanh Hóa, giai "
            "đoạn 2018-2020, định hướng đến năm 2030.",
            "- Thời gian: Tháng 08/2018.",
            "- Đơn vị phối hợp thực hiện: Sở Công thương, UBND cấp huyện, đơn vị tư vấn.",
            "+ Bước 2: Tổ chức khảo sát đánh giá thực trạng sản phẩm hàng hóa chủ lực, có lợi thế "
            "của các chủ thể kinh tế tại cấp huyện.",
            "III. KINH PHÍ THỰC HIỆN",
            "IV. TỔ CHỨC THỰC HIỆN",
            "Thanh Hóa, ngày 20 tháng 8 năm 2018",
            "Nguyễn Đình Xứng",
        ]:
            self.assertIn(phrase, flat)

    def test_render_is_reproducible_with_source_date_epoch(self):
        env = dict(os.environ, SOURCE_DATE_EPOCH="1549324800")  # 2019-02-05 00:00 UTC
        out = os.path.join(self.dir, "a.txt")
        code, _, err = run("render", SampleDatabase.get(), os.path.join(TEMPLATES, "bao-cao-thang.mau"),
                           "-o", out, "--set", "ky=2019-01", env=env)
        self.assertEqual(code, 0, err)
        with open(out, encoding="utf-8") as f:
            self.assertIn("Thanh Hóa, ngày 05 tháng 02 năm 2019", f.read())

    # -- errors, each with file:line and exit 1 -----------------------------
    HEADER = "+++\nmo_ta = \"thử\"\n[truy_van.sp]\nsql = \"SELECT ma, ten FROM san_pham ORDER BY ma LIMIT 3\"\n+++\n"

    def test_unclosed_section(self):
        path = self.template("t.mau", self.HEADER + "dòng 1\n{{#sp}}\n{{ten}}\n")
        self.assert_error(path, 7, "{{#sp}}", "chưa được đóng")

    def test_unknown_name(self):
        path = self.template("t.mau", self.HEADER + "{{#sp}}\n- {{ten}} {{gia_ban}}\n{{/sp}}\n")
        err = self.assert_error(path, 7, "gia_ban")
        self.assertIn(f"{path}:7:11:", err)

    def test_unknown_name_in_partial_is_positioned_in_the_partial(self):
        self.template("partials/x.mau", "dòng\n{{khong_co}}\n")
        path = self.template("t.mau", self.HEADER + "{{> partials/x}}\n")
        code, _, err = self.render(path)
        self.assertEqual(code, 1)
        self.assertIn(os.path.join("partials", "x.mau") + ":2:1:", err)

    def test_write_queries_are_refused(self):
        for sql in ["DELETE FROM san_pham", "UPDATE san_pham SET ten = 'x'",
                    "ATTACH DATABASE 'x.db' AS x", "PRAGMA journal_mode = WAL",
                    "INSERT INTO cai_dat VALUES ('a', 'b') RETURNING khoa"]:
            with self.subTest(sql=sql):
                path = self.template("w.mau", f"+++\n[truy_van.xoa]\nsql = \"{sql}\"\n+++\nx\n")
                err = self.assert_error(path, 3, "truy vấn xoa")
                self.assertIn("chỉ được đọc", err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.db")))

    def test_partial_outside_the_templates_folder(self):
        for name in ["../secret", "/etc/passwd", "partials/../../x"]:
            with self.subTest(name=name):
                path = self.template("p.mau", "+++\n+++\ndòng\n{{> " + name + "}}\n")
                self.assert_error(path, 4, "partial")

    def test_partial_that_includes_itself(self):
        self.template("partials/vong.mau", "a\n{{> partials/vong}}\n")
        path = self.template("t.mau", "+++\n+++\n{{> partials/vong}}\n")
        code, _, err = self.render(path)
        self.assertEqual(code, 1)
        self.assertIn("gọi lại chính nó", err)

    def test_missing_required_parameter(self):
        self.assert_error(os.path.join(TEMPLATES, "bao-cao-thang.mau"), 8, "thiếu tham số bắt buộc ky")

    def test_bad_parameter_values(self):
        template = os.path.join(TEMPLATES, "bao-cao-thang.mau")
        self.assert_error(template, 8, "ky = \"2019-13\"", sets=["ky=2019-13"])
        self.assert_error(template, 13, "don_vi = \"99999\"", sets=["ky=2019-06", "don_vi=99999"])
        code, _, err = self.render(template, "ky=2019-06", "khong_co=1")
        self.assertEqual(code, 1)
        self.assertIn("không có tham số \"khong_co\"", err)

    def test_header_errors(self):
        path = self.template("h.mau", "+++\n[tham_so.ky]\nkieu = \"ngay_thang\"\n+++\n")
        self.assert_error(path, 3, "kiểu tham số")
        path = self.template("h.mau", "+++\nmo_ta = \"a\"\nmo_ta = \"b\"\n+++\n")
        self.assert_error(path, 3, "TOML")
        path = self.template("h.mau", "không có phần khai báo\n")
        self.assert_error(path, 1, "+++")

    def test_markup_errors_name_the_template_line(self):
        path = self.template("m.mau", self.HEADER + "đoạn văn\n\n@bang-khong-co\n| a |\n")
        self.assert_error(path, 8, "markup")
        path = self.template("m.mau", self.HEADER + "@bang\n| a | b |\n| c |\n")
        self.assert_error(path, 8, "markup")

    def test_no_partial_output_on_error(self):
        out = os.path.join(self.dir, "out.txt")
        with open(out, "w", encoding="utf-8") as f:
            f.write("bản cũ\n")
        path = self.template("t.mau", self.HEADER + "{{khong_co}}\n")
        code, text, _ = self.render(path)
        self.assertEqual(code, 1)
        self.assertEqual(text, "bản cũ\n")

    # -- escaping -------------------------------------------------------------
    def test_hostile_values_print_literally(self):
        db = os.path.join(self.dir, "hostile.db")
        self.assertEqual(run("init", db)[0], 0)
        hostile = ["A <b> & {{x}}", "**không đậm** *không nghiêng* __x__", "| ô | giả |",
                   "@bang cot=1", "# không phải đề mục", "- không phải ý", "^[không phải chú thích]",
                   "dấu \\ gạch", "< ^"]
        files = {
            "don_vi.csv": "ma,ten,loai,cap,ma_cha\n38,Tỉnh Thanh Hóa,Tỉnh,1,\n",
            "nhom_san_pham.csv": "ma,ten\nTP,Thực phẩm\n",
            "chu_the.csv": "ma,ten,loai_hinh,ma_don_vi\nC1,Chủ thể,HO,38\n",
            "san_pham.csv": "ma,ten,nhom,ma_chu_the,ma_don_vi,buoc\n" + "".join(
                f"S{i},\"{v.replace(chr(34), chr(34) * 2)}\",TP,C1,38,1\n" for i, v in enumerate(hostile)),
        }
        names = []
        for name, content in files.items():
            with open(os.path.join(self.dir, name), "w", encoding="utf-8") as f:
                f.write(content)
            names.append(os.path.join(self.dir, name))
        code, _, err = run("import", db, *names)
        self.assertEqual(code, 0, err)
        path = self.template("e.mau", "+++\n[truy_van.sp]\nsql = \"SELECT ma, ten FROM san_pham ORDER BY ma\"\n+++\n"
                                      "{{#sp}}\n{{ten}}\n\n{{/sp}}\n@bang\n| Mã | Tên |\n{{#sp}}\n| {{ma}} | {{ten}} |\n{{/sp}}\n")
        code, text, err = self.render(path, db=db)
        self.assertEqual(code, 0, err)
        for value in hostile:
            self.assertIn(value, text)
            # and once more inside a table cell
            self.assertGreaterEqual(text.count(value), 2, value)


if __name__ == "__main__":
    unittest.main()
