"""`ocopdoc build`: job files, expansion over a query, output names, the
manifest, failures that do not stop the batch, confinement to the output
folder, and identical bytes on a second build."""
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from clisupport import SOURCE, run, sample_database
TEMPLATES = os.path.join(SOURCE, "templates")



class BatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ocopdoc-batch-")
        cls.db = os.path.join(cls.dir, "thanh-hoa.db")
        sample_database(cls.db)
        cls.env = dict(os.environ, SOURCE_DATE_EPOCH="1562284800")  # 2019-07-05

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def job_file(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def build(self, job_file, out, *extra):
        return run("build", self.db, job_file, "-o", out, "--templates", TEMPLATES, *extra, env=self.env)

    def test_month_of_reports_for_province_and_districts(self):
        out = os.path.join(self.dir, "thang")
        code, stdout, err = self.build(os.path.join(SOURCE, "samples", "thanh-hoa", "jobs", "bao-cao-thang-2019-06.toml"),
                                       out, "-j", "2")
        self.assertEqual(code, 0, err)
        self.assertIn("28/28", stdout)
        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        self.assertEqual(len(manifest), 28)
        names = [entry["tep"] for entry in manifest]
        self.assertIn("bao-cao-2019-06-tinh-thanh-hoa.pdf", names)
        self.assertIn("bao-cao-2019-06-huyen-nga-son.pdf", names)
        self.assertIn("bao-cao-2019-06-thanh-pho-sam-son.pdf", names)
        for entry in manifest:
            path = os.path.join(out, entry["tep"])
            self.assertEqual(entry["trang_thai"], "ok")
            with open(path, "rb") as f:
                data = f.read()
            self.assertEqual(entry["kich_thuoc"], len(data))
            self.assertEqual(entry["sha256"], hashlib.sha256(data).hexdigest())
            self.assertEqual(entry["tham_so"]["ky"], "2019-06")
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(out, "bao-cao-2019-06-huyen-nga-son.pdf"),
                               "-"], capture_output=True).stdout.decode("utf-8")
        self.assertIn("trên địa bàn huyện Nga Sơn", " ".join(text.split()))
        # No temporary files are left behind.
        self.assertEqual(sorted(os.listdir(out)), sorted(names + ["manifest.json"]))

    def test_second_build_of_the_whole_dossier_gives_identical_bytes(self):
        job = os.path.join(SOURCE, "samples", "thanh-hoa", "jobs", "ho-so.toml")
        outs = []
        for i in range(2):
            out = os.path.join(self.dir, f"lan-{i}")
            code, _, err = self.build(job, out, "-j", "2")
            self.assertEqual(code, 0, err)
            outs.append(out)
        names = os.listdir(outs[0])
        self.assertTrue(any(n.endswith(".pdf") for n in names) and any(n.endswith(".xlsx") for n in names))
        self.assertEqual(sorted(names), sorted(os.listdir(outs[1])))
        for name in names:
            with open(os.path.join(outs[0], name), "rb") as a, open(os.path.join(outs[1], name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)

    def test_a_failed_document_does_not_stop_the_others(self):
        job = self.job_file("loi.toml", '[[van_ban]]\nmau = "ke-hoach"\ndinh_dang = ["txt"]\n\n'
                                        '[[van_ban]]\nmau = "bao-cao-thang"\ndinh_dang = ["txt"]\n'
                                        'tham_so = { ky = "2019-13" }\n')
        out = os.path.join(self.dir, "loi")
        code, stdout, err = self.build(job, out)
        self.assertEqual(code, 1)
        self.assertIn("bao-cao-2019-13.txt: lỗi:", err)
        self.assertIn("ky = \"2019-13\"", err)
        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            manifest = {e["tep"]: e for e in json.load(f)}
        self.assertEqual(manifest["ke-hoach.txt"]["trang_thai"], "ok")
        self.assertEqual(manifest["bao-cao-2019-13.txt"]["trang_thai"], "loi")
        self.assertTrue(os.path.exists(os.path.join(out, "ke-hoach.txt")))
        self.assertFalse(os.path.exists(os.path.join(out, "bao-cao-2019-13.txt")))

    def test_output_names_from_data_stay_in_the_folder(self):
        job = self.job_file("thoat.toml", '[[van_ban]]\nmau = "bao-cao-thang"\ndinh_dang = ["txt"]\n'
                                          'cho_moi = "SELECT \'../../thoat/\' || char(0) || \'x\' AS ky"\n')
        out = os.path.join(self.dir, "ra", "trong")
        code, _, err = self.build(job, out)
        self.assertEqual(code, 1)  # not a valid period, so the document fails ...
        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            name = json.load(f)[0]["tep"]
        self.assertNotIn("/", name)  # ... but its name never leaves the folder
        self.assertTrue(name.startswith("bao-cao-"), name)
        self.assertEqual(os.listdir(os.path.join(self.dir, "ra")), ["trong"])
        self.assertFalse(os.path.exists(os.path.join(self.dir, "thoat")))

    def test_job_file_errors_name_the_line(self):
        cases = [
            ('[[van_ban]]\nmau = "khong-co"\ndinh_dang = ["txt"]\n', "khong-co.mau"),
            ('[[van_ban]]\nmau = "../ke-hoach"\n', "phải nằm trong thư mục templates"),
            ('[[van_ban]]\nmau = "ke-hoach"\ndinh_dang = ["doc"]\n', "định dạng \"doc\""),
            ('[[van_ban]]\nmau = "ke-hoach"\nbien = 1\n', "khóa \"bien\""),
            ('[[van_ban]]\nmau = "ke-hoach"\ndinh_dang = ["txt"]\n[[van_ban]]\nmau = "ke-hoach"\ndinh_dang = ["txt"]\n',
             "trùng"),
            ('[[van_ban]\n', "TOML"),
        ]
        for text, fragment in cases:
            with self.subTest(text=text):
                job = self.job_file("sai.toml", text)
                code, _, err = self.build(job, os.path.join(self.dir, "sai"))
                self.assertEqual(code, 1, err)
                self.assertIn(fragment, err)

    def test_usage(self):
        self.assertEqual(run("build", self.db)[0], 2)
        code, out, _ = run("build", "--help")
        self.assertEqual(code, 0)
        self.assertIn("Cách dùng: ocopdoc build", out)


if __name__ == "__main__":
    unittest.main()
