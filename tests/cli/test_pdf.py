"""PDF output checked with independent tools (poppler, qpdf): every sample
document renders, passes `qpdf --check`, embeds subset Unicode fonts, gives
back its exact text, has the reviewed page count on A4, keeps ND 30 margins,
numbers pages from page 2 at the top centre, repeats table headers, and is
byte-for-byte reproducible.

Golden text files: tests/golden/pdf/<name>.txt (pdftotext output of the
reviewed PDF, with its page count on the first line). Regenerate with
OCOPDOC_UPDATE_GOLDEN=1 after looking at the PDFs (pdftoppm -png).
"""
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

from clisupport import SOURCE, run, sample_database
TEMPLATES = os.path.join(SOURCE, "templates")
GOLDEN = os.path.join(SOURCE, "tests", "golden", "pdf")
UPDATE = os.environ.get("OCOPDOC_UPDATE_GOLDEN") == "1"

MM = 72 / 25.4
DOCUMENTS = [
    ("ke-hoach", "ke-hoach.mau", ["ngay=2018-08-20"]),
    ("bao-cao-thang-2019-06-nga-son", "bao-cao-thang.mau", ["ky=2019-06", "don_vi=401", "ngay=2019-07-05"]),
    ("danh-sach-hoc-vien-kh2018-01", "danh-sach-hoc-vien.mau", ["khoa_hoc=KH2018-01", "ngay=2018-11-22"]),
    ("du-toan", "du-toan.mau", ["ngay=2018-11-05"]),
    ("de-an-tom-tat", "de-an/tom-tat.mau", ["ngay=2018-11-05"]),
    ("de-an-thuyet-minh", "de-an/thuyet-minh.mau", ["ngay=2018-11-05"]),
]


def tool(*args):
    proc = subprocess.run(list(args), capture_output=True)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")



def words(pdf, page):
    """(text, xMin, yMin, xMax, yMax) of every word on a page, from pdftotext -bbox
    (y grows downwards from the top of the page)."""
    code, out, err = tool("pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-")
    assert code == 0, err
    found = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out):
        found.append((m.group(5), float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4))))
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    return found, float(size.group(1)), float(size.group(2))


class PdfTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ocopdoc-pdf-")
        cls.db = os.path.join(cls.dir, "thanh-hoa.db")
        sample_database(cls.db)
        cls.pdfs = {}
        for name, template, sets in DOCUMENTS:
            out = os.path.join(cls.dir, name + ".pdf")
            args = ["render", cls.db, os.path.join(TEMPLATES, template), "-o", out]
            for s in sets:
                args += ["--set", s]
            code, _, err = run(*args)
            assert code == 0, f"{name}: {err}"
            cls.pdfs[name] = out

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def pages(self, pdf):
        code, out, _ = tool("pdfinfo", pdf)
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1)), out

    def test_qpdf_check(self):
        for name, pdf in self.pdfs.items():
            with self.subTest(name=name):
                code, out, err = tool("qpdf", "--check", pdf)
                self.assertEqual(code, 0, out + err)
                self.assertIn("No syntax or stream encoding errors", out)

    def test_fonts_embedded_subset_unicode(self):
        for name, pdf in self.pdfs.items():
            with self.subTest(name=name):
                code, out, _ = tool("pdffonts", pdf)
                rows = out.splitlines()[2:]
                self.assertGreater(len(rows), 0)
                for row in rows:
                    # name type encoding emb sub uni object ID
                    fields = row.split()
                    self.assertEqual(fields[-5:-2], ["yes", "yes", "yes"], row)
                    self.assertIn("Identity-H", row)

    def test_text_pages_and_size_match_the_reviewed_pdfs(self):
        os.makedirs(GOLDEN, exist_ok=True)
        for name, pdf in self.pdfs.items():
            with self.subTest(name=name):
                pages, info = self.pages(pdf)
                # A4, portrait or (rosters, budget tables) landscape.
                self.assertRegex(info, r"Page size:\s+(595\.\d+ x 841\.89|841\.89 x 595\.\d+) pts \(A4\)")
                code, text, err = tool("pdftotext", "-enc", "UTF-8", pdf, "-")
                self.assertEqual(code, 0, err)
                actual = f"pages: {pages}\n{text}"
                golden = os.path.join(GOLDEN, name + ".txt")
                if UPDATE:
                    with open(golden, "w", encoding="utf-8") as f:
                        f.write(actual)
                with open(golden, encoding="utf-8") as f:
                    self.assertEqual(actual, f.read(), f"{name}: differs from {golden}")

    def test_exact_vietnamese_text(self):
        code, text, _ = tool("pdftotext", "-enc", "UTF-8", self.pdfs["ke-hoach"], "-")
        flat = " ".join(text.split())
        for phrase in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                       "Thanh Hóa, ngày 20 tháng 8 năm 2018", "KẾ HOẠCH",
                       "+ Bước 1: Thu thập các thông tin về điều kiện tự nhiên, kinh tế, xã hội",
                       "Nguyễn Đình Xứng"]:
            self.assertIn(phrase, flat)

    def test_margins_and_page_numbers(self):
        pdf = self.pdfs["ke-hoach"]
        pages, _ = self.pages(pdf)
        self.assertGreater(pages, 2)
        for page in range(1, pages + 1):
            found, width, height = words(pdf, page)
            body = [w for w in found if w[2] > 20 * MM]  # below the top margin
            left = min(w[1] for w in body)
            right = max(w[3] for w in body)
            bottom = max(w[4] for w in body)
            self.assertGreaterEqual(left, 30 * MM - 1 * MM, f"page {page}: left margin")
            self.assertLessEqual(left, 30 * MM + 1 * MM, f"page {page}: text starts at the left margin")
            self.assertLessEqual(right, width - 15 * MM + 1 * MM, f"page {page}: right margin")
            self.assertLessEqual(bottom, height - 20 * MM + 1 * MM, f"page {page}: bottom margin")
            top = [w for w in found if w[4] < 20 * MM]  # inside the top margin
            if page == 1:
                self.assertEqual(top, [], "no page number on page 1")
            else:
                self.assertEqual([w[0] for w in top], [str(page)], f"page {page}: the page number alone at the top")
                centre = (top[0][1] + top[0][3]) / 2
                text_centre = (30 * MM + width - 15 * MM) / 2
                self.assertAlmostEqual(centre, text_centre, delta=1 * MM)

    def test_template_chooses_margins_inside_nd30_ranges(self):
        template = os.path.join(self.dir, "le.mau")
        with open(template, "w", encoding="utf-8") as f:
            f.write("+++\n[trang]\nle_trai = 35\nle_tren = 25\n+++\n@doan thut-dau=khong\n"
                    + "Đoạn văn thử lề trái 35 mm và lề trên 25 mm. " * 8 + "\n")
        out = os.path.join(self.dir, "le.pdf")
        code, _, err = run("render", self.db, template, "-o", out)
        self.assertEqual(code, 0, err)
        found, _, _ = words(out, 1)
        self.assertAlmostEqual(min(w[1] for w in found), 35 * MM, delta=1 * MM)
        self.assertAlmostEqual(min(w[2] for w in found), 25 * MM, delta=1.5 * MM)
        with open(template, "w", encoding="utf-8") as f:
            f.write("+++\n[trang]\nle_trai = 10\n+++\nx\n")
        code, _, err = run("check", template)
        self.assertEqual(code, 1)
        self.assertIn("le.mau:3:", err)
        self.assertIn("Nghị định 30/2020", err)

    def test_table_header_repeated_on_every_page(self):
        pdf = self.pdfs["danh-sach-hoc-vien-kh2018-01"]
        pages, _ = self.pages(pdf)
        self.assertGreater(pages, 1)
        for page in range(1, pages + 1):
            code, text, _ = tool("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), pdf, "-")
            self.assertIn("Họ và tên", text, f"page {page}")
            self.assertIn("Ký nhận", text, f"page {page}")

    def test_bookmarks_and_metadata(self):
        code, out, _ = tool("pdfinfo", self.pdfs["ke-hoach"])
        self.assertIn("Creator:         ocopdoc", out)
        self.assertIn("Subject:         KẾ HOẠCH", out)
        self.assertRegex(out, r"Title:\s+Triển khai thực hiện Quyết định số 490/QĐ-TTg")
        code, outline, _ = tool("qpdf", "--json", "--json-key=outlines", self.pdfs["ke-hoach"])
        self.assertIn("I. MỤC ĐÍCH, YÊU CẦU", outline)
        self.assertIn("II. NỘI DUNG", outline)
        code, raw, _ = tool("qpdf", "--qdf", "--object-streams=disable", self.pdfs["ke-hoach"], "-")
        self.assertIn("/Lang (vi-VN)", raw)

    def test_every_document_names_itself(self):
        # Title, subject and author in every PDF's document information: from
        # the title block and header, or, for the Đề án under its cover page,
        # from its @thuoc-tinh.
        for name, pdf in self.pdfs.items():
            with self.subTest(name=name):
                code, out, _ = tool("pdfinfo", pdf)
                for field in ("Title", "Subject", "Author"):
                    self.assertRegex(out, rf"(?m)^{field}:\s+\S", field)
        code, out, _ = tool("pdfinfo", self.pdfs["de-an-thuyet-minh"])
        self.assertIn("Title:           Thuyết minh Đề án Chương trình mỗi xã một sản phẩm tỉnh Thanh Hóa "
                      "giai đoạn 2018 - 2020, định hướng đến năm 2030\n", out)
        self.assertIn("Subject:         THUYẾT MINH ĐỀ ÁN\n", out)
        self.assertIn("Author:          ỦY BAN NHÂN DÂN TỈNH THANH HÓA\n", out)
        code, out, _ = tool("pdfinfo", self.pdfs["de-an-tom-tat"])
        self.assertIn("Subject:         TÓM TẮT THUYẾT MINH ĐỀ ÁN\n", out)

    def test_identical_bytes_for_identical_input(self):
        out = os.path.join(self.dir, "lan-hai.pdf")
        code, _, err = run("render", self.db, os.path.join(TEMPLATES, "ke-hoach.mau"), "-o", out,
                           "--set", "ngay=2018-08-20")
        self.assertEqual(code, 0, err)
        with open(out, "rb") as a, open(self.pdfs["ke-hoach"], "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_a_character_the_font_lacks_is_an_error(self):
        template = os.path.join(self.dir, "han.mau")
        with open(template, "w", encoding="utf-8") as f:
            f.write("+++\n+++\n# Tiêu đề\n\nChữ Hán 中 không có trong phông.\n")
        out = os.path.join(self.dir, "han.pdf")
        code, _, err = run("render", self.db, template, "-o", out)
        self.assertEqual(code, 1)
        self.assertIn("U+4E2D", err)
        self.assertFalse(os.path.exists(out))


    def test_province_report_charts_products_by_star_per_district(self):
        # The December 2019 report: one page holds the chart of the 27
        # districts, one line each in the database's order, with the count of
        # each star inside its segment (none for a zero; none for a bar of one
        # segment, whose count is its total) and the total after.
        out = os.path.join(self.dir, "bao-cao-2019-12.pdf")
        code, _, err = run("render", self.db, os.path.join(TEMPLATES, "bao-cao-thang.mau"), "-o", out,
                           "--set", "ky=2019-12", "--set", "ngay=2020-01-06")
        self.assertEqual(code, 0, err)
        pages, _ = self.pages(out)
        title = "Sản phẩm OCOP theo hạng sao của các huyện, thị xã, thành phố"
        chart_pages = [p for p in range(1, pages + 1)
                       if title in tool("pdftotext", "-f", str(p), "-l", str(p), out, "-")[1]]
        self.assertEqual(len(chart_pages), 1)
        _, text, _ = tool("pdftotext", "-layout", "-f", str(chart_pages[0]), "-l", str(chart_pages[0]), out, "-")
        lines = [line.strip() for line in text.splitlines()]
        with sqlite3.connect(self.db) as db:
            units = db.execute("SELECT d.ma, CASE d.loai WHEN 'Thành phố' THEN 'TP. ' WHEN 'Thị xã' THEN 'TX. ' "
                               "ELSE '' END || trim(substr(d.ten, length(d.loai) + 1)) FROM don_vi d "
                               "WHERE d.ma_cha = (SELECT gia_tri FROM cai_dat WHERE khoa = 'ma_tinh') "
                               "ORDER BY d.ma").fetchall()
            counts = dict(((h, s), n) for h, s, n in db.execute(
                "SELECT t.ma_to_tien, x.sao, count(*) FROM (SELECT s.ma_don_vi, (SELECT d.so_sao FROM danh_gia d "
                "WHERE d.ma_san_pham = s.ma AND d.ngay <= '2019-12-31' ORDER BY d.ngay DESC, d.id DESC LIMIT 1) "
                "AS sao FROM san_pham s) x JOIN don_vi_to_tien t ON t.ma = x.ma_don_vi "
                "WHERE x.sao >= 3 GROUP BY t.ma_to_tien, x.sao"))
        self.assertEqual(len(units), 27)
        position = lines.index(title)
        series = sorted({star for _, star in counts})
        for code, label in units:
            stars = [counts.get((code, star), 0) for star in series]
            inside = [str(n) for n in stars if n] if sum(1 for n in stars if n) > 1 else []
            expected = " ".join([label] + inside + [str(sum(stars))])
            while position < len(lines) and not lines[position].startswith(label):
                position += 1
            self.assertLess(position, len(lines), f"{label} missing or out of order")
            self.assertEqual(" ".join(lines[position].split()), expected)
        self.assertEqual(counts[("401", 3)] + counts.get(("401", 4), 0), 3)  # Nga Sơn, as in the sample
        self.assertIn(" ".join(f"{star} sao" for star in series), " ".join(text.split()))

    def chart_document(self, name, body):
        template = os.path.join(self.dir, name + ".mau")
        with open(template, "w", encoding="utf-8") as f:
            f.write(body)
        out = os.path.join(self.dir, name + ".pdf")
        code, _, err = run("render", self.db, template, "-o", out)
        self.assertEqual(code, 0, err)
        code, _, err = tool("qpdf", "--check", out)
        self.assertEqual(code, 0, err)
        return out

    def test_a_bar_chart_of_every_commune_continues_over_pages(self):
        # 635 communes are far more than a page of bars: the chart goes on
        # over the following pages, the title followed by "(tiếp theo)",
        # every commune once, in order, each with its figure on its line.
        out = self.chart_document("xa", (
            "+++\n[truy_van.xa]\n"
            "sql = \"SELECT ten, row_number() OVER (ORDER BY ma) AS thu_tu FROM don_vi WHERE cap = 3 ORDER BY ma\"\n"
            "+++\n@bieu-do loai=thanh tieu-de=\"Các xã theo thứ tự mã\" don-vi=\"thứ tự\"\n| Xã | Thứ tự |\n"
            "{{#xa}}\n| {{ten}} | {{thu_tu}} |\n{{/xa}}\n"))
        with sqlite3.connect(self.db) as db:
            names = [n for (n,) in db.execute("SELECT ten FROM don_vi WHERE cap = 3 ORDER BY ma")]
        self.assertEqual(len(names), 635)
        pages, _ = self.pages(out)
        self.assertGreater(pages, 10)
        lines = []
        for page in range(1, pages + 1):
            _, text, _ = tool("pdftotext", "-layout", "-f", str(page), "-l", str(page), out, "-")
            page_lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
            title = "Các xã theo thứ tự mã (tiếp theo)" if page > 1 else "Các xã theo thứ tự mã"
            self.assertIn(title, page_lines, page)
            lines += page_lines
        position = 0
        for number, name in enumerate(names, 1):
            expected = f"{name} {number}"
            while position < len(lines) and lines[position] != expected:
                position += 1
            self.assertLess(position, len(lines), f"{expected} missing or out of order")

    def test_a_column_chart_of_the_districts_keeps_their_names_whole(self):
        # 27 districts in columns would break their names into letters under
        # slots a few millimetres wide: the chart is drawn in strips whose
        # names wrap between words only.
        out = self.chart_document("huyen", (
            "+++\n[truy_van.huyen]\n"
            "sql = \"SELECT ten, (SELECT count(*) FROM don_vi x WHERE x.ma_cha = d.ma) AS so_xa FROM don_vi d "
            "WHERE d.cap = 2 ORDER BY d.ma\"\n"
            "+++\n@bieu-do loai=cot tieu-de=\"Số xã theo huyện\"\n| Huyện | Số xã |\n"
            "{{#huyen}}\n| {{ten}} | {{so_xa}} |\n{{/huyen}}\n"))
        with sqlite3.connect(self.db) as db:
            districts = db.execute("SELECT ten, (SELECT count(*) FROM don_vi x WHERE x.ma_cha = d.ma) "
                                   "FROM don_vi d WHERE d.cap = 2 ORDER BY d.ma").fetchall()
        self.assertEqual(len(districts), 27)
        allowed = {"Số", "xã", "theo", "huyện", "(tiếp", "theo)"}
        for name, count in districts:
            allowed.update(name.split())
            allowed.add(str(count))
        pages, _ = self.pages(out)
        found, strips = [], 0
        for page in range(1, pages + 1):
            page_words, _, _ = words(out, page)
            found += [w for w, *_ in page_words]
            _, text, _ = tool("pdftotext", "-f", str(page), "-l", str(page), out, "-")
            strips += text.count("Số xã theo huyện (tiếp theo)")
        self.assertGreaterEqual(strips, 1)
        # Every word on the pages is a whole word of a name, a count, an
        # axis figure or the title: none is a piece of a name.
        for word in found:
            self.assertTrue(word in allowed or word.isdigit(), word)
        for name, _ in districts:
            for word in name.split():
                self.assertIn(word, found)


if __name__ == "__main__":
    unittest.main()
