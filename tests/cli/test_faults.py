"""Faults and limits: what ocopdoc does when the disk is full, the folder is
not writable, the database is locked, the process is killed mid-import or
mid-render, or the input is absurdly large.  Nothing is lost, nothing is
half-written, and every refusal is a message, not a crash."""
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest

from clisupport import OCOPDOC, SOURCE, run, sample_database
TEMPLATES = os.path.join(SOURCE, "templates")
SANITIZED = os.environ.get("OCOPDOC_SANITIZED") == "1"



def counts(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT (SELECT count(*) FROM don_vi), (SELECT count(*) FROM hoc_vien), "
                           "(SELECT count(*) FROM san_pham)").fetchone()
    finally:
        con.close()


class FaultTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ocopdoc-faults-")
        cls.db = os.path.join(cls.dir, "thanh-hoa.db")
        sample_database(cls.db)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="case-", dir=self.dir)

    def write(self, name, text):
        path = os.path.join(self.work, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def copy_db(self):
        path = os.path.join(self.work, "copy.db")
        shutil.copy(self.db, path)
        return path

    # -- output -------------------------------------------------------------
    def test_disk_full(self):
        code, _, err = run("render", self.db, os.path.join(TEMPLATES, "ke-hoach.mau"), "-o", "/dev/full",
                           "--format", "txt")
        self.assertEqual(code, 1)
        self.assertIn("ổ đĩa đã đầy", err)
        self.assertTrue(os.path.exists("/dev/full") and not os.path.isfile("/dev/full"))

    def test_output_folder_missing_or_not_a_folder(self):
        not_a_dir = self.write("tep", "x")
        for target, reason in [(os.path.join(self.work, "khong-co", "a.txt"), "thư mục không tồn tại"),
                               (os.path.join(not_a_dir, "a.txt"), "không phải là thư mục")]:
            code, _, err = run("render", self.db, os.path.join(TEMPLATES, "ke-hoach.mau"), "-o", target)
            self.assertEqual(code, 1, err)
            self.assertIn(reason, err)

    @unittest.skipIf(os.geteuid() == 0, "root may write into a read-only folder")
    def test_output_folder_not_writable(self):
        folder = os.path.join(self.work, "chi-doc")
        os.mkdir(folder, 0o500)
        code, _, err = run("render", self.db, os.path.join(TEMPLATES, "ke-hoach.mau"), "-o",
                           os.path.join(folder, "a.txt"))
        self.assertEqual(code, 1)
        self.assertIn("không có quyền ghi", err)

    # -- the database ---------------------------------------------------------
    def test_database_locked_by_another_writer(self):
        db = self.copy_db()
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO cai_dat VALUES ('khoa_thu', 'x')")
        try:
            csv = self.write("nguon_von.csv", "ma,ten,loai\nNS-MOI,Vốn mới,ngan_sach\n")
            env = dict(os.environ, OCOPDOC_BUSY_TIMEOUT="1")
            start = time.monotonic()
            code, _, err = run("import", db, csv, env=env)
            waited = time.monotonic() - start
            self.assertEqual(code, 1)
            self.assertIn("đang bị một tiến trình khác ghi", err)
            self.assertGreaterEqual(waited, 0.9)  # it waited before giving up
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        # Once the other writer is gone, the same import works.
        code, _, err = run("import", db, csv)
        self.assertEqual(code, 0, err)

    def test_kill_during_a_large_import_leaves_the_database_as_it_was(self):
        db = self.copy_db()
        before = counts(db)
        rows = ["ma_khoa_hoc,ho_ten,nam_sinh,gioi_tinh,chuc_vu,don_vi_cong_tac,ma_don_vi"]
        rows += [f"KH2018-01,Nguyễn Văn Thử {i},1980,Nam,Chuyên viên,Sở Nội vụ,38" for i in range(400_000)]
        csv = self.write("hoc_vien-lon.csv", "\n".join(rows) + "\n")
        proc = subprocess.Popen([OCOPDOC, "import", db, csv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        self.assertIsNone(proc.poll(), "the import finished before it could be killed; make the file larger")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = sqlite3.connect(db)  # rolls back the hot journal
        try:
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        finally:
            con.close()
        self.assertEqual(counts(db), before)

    def test_kill_during_render_keeps_the_previous_file(self):
        # The output is written to NAME.tmp-PID and renamed over NAME when
        # whole. Killing the process while that temporary file exists must leave
        # NAME as it was. A kill at a fixed time cannot aim at that moment (a
        # render ends in well under a second on a fast machine, and a process
        # still running may already have renamed and be freeing its memory), so
        # the test watches for the temporary file and kills as soon as it
        # appears. The temporary file still being there afterwards proves the
        # kill landed before the rename. Whatever happens, NAME is either the
        # previous file or the whole new one, never a part.
        db = self.copy_db()
        rows = ["ma_khoa_hoc,ho_ten,nam_sinh,gioi_tinh,chuc_vu,don_vi_cong_tac,ma_don_vi"]
        rows += [f"KH2018-02,Lê Thị Thử {i},1985,Nữ,Chuyên viên,UBND xã,401" for i in range(30_000)]
        csv = self.write("hoc_vien-dai.csv", "\n".join(rows) + "\n")
        self.assertEqual(run("import", db, csv)[0], 0)
        template = self.write("dai.mau", "+++\n[truy_van.hv]\nsql = \"SELECT ho_ten, nam_sinh FROM hoc_vien "
                                         "ORDER BY khoa_ten(ho_ten)\"\n+++\n"
                                         "@bang\n| Họ và tên | Năm sinh |\n{{#hv}}\n| {{ho_ten}} | {{nam_sinh}} |\n{{/hv}}\n")
        previous = "bản tốt trước đó\n"
        out = self.write("ket-qua.txt", previous)
        kills_while_writing = 0
        for _ in range(10):
            proc = subprocess.Popen([OCOPDOC, "render", db, template, "-o", out],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            temporary = f"{out}.tmp-{proc.pid}"
            deadline = time.monotonic() + 120
            while proc.poll() is None and not os.path.exists(temporary) and time.monotonic() < deadline:
                pass
            proc.send_signal(signal.SIGKILL)  # does nothing if it has already exited
            proc.wait()
            with open(out, encoding="utf-8") as f:
                content = f.read()
            if os.path.exists(temporary):
                self.assertEqual(content, previous)
                os.remove(temporary)
                kills_while_writing += 1
                break
            if content != previous:  # it renamed before the kill: the file is whole
                self.assertIn("Lê Thị Thử 29999", content)
                self.assertTrue(content.endswith("┘\n"), content[-200:])
                self.write("ket-qua.txt", previous)
        self.assertEqual(kills_while_writing, 1, "no kill landed while the temporary file was being written")

    # -- limits ---------------------------------------------------------------
    def test_huge_cell_and_too_many_columns_are_refused_with_a_message(self):
        db = self.copy_db()
        before = os.path.getsize(db)
        big = self.write("nguon_von-to.csv", "ma,ten,loai\nNS-TO," + "a" * (10 * 1024 * 1024) + ",ngan_sach\n")
        code, _, err = run("import", db, big)
        self.assertEqual(code, 1)
        self.assertIn("nguon_von-to.csv:2:2:", err)
        self.assertIn("giới hạn", err)
        wide = self.write("nguon_von-rong.csv", "ma,ten,loai\n" + ",".join(["x"] * 10_000) + "\n")
        code, _, err = run("import", db, wide)
        self.assertEqual(code, 1)
        self.assertIn("nguon_von-rong.csv:2:", err)
        self.assertIn("giới hạn", err)
        self.assertEqual(os.path.getsize(db), before)

    @unittest.skipIf(SANITIZED, "too slow under the sanitizers")
    def test_million_row_csv_imports_with_bounded_memory(self):
        db = os.path.join(self.work, "trieu.db")
        self.assertEqual(run("init", db)[0], 0)
        path = os.path.join(self.work, "nguon_von.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("ma,ten,loai,thu_tu\n")
            for i in range(1_000_000):
                f.write(f"NV{i:07d},Nguồn vốn thử số {i},ngan_sach,{i % 1000}\n")
        code, out, err = run("import", db, path)
        self.assertEqual(code, 0, err)
        self.assertIn("1000000 dòng", out)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        self.assertLess(peak_mb, 300, f"peak memory of the import: {peak_mb:.0f} MB")

    def test_markup_nested_ten_thousand_deep_and_self_including_partial(self):
        template = self.write("sau.mau", "+++\n+++\n" + "> " * 10_000 + "x\n\n" + "**" * 10_000 + "\n\n"
                                         + "*" * 10_001 + "\n")
        code, _, err = run("render", self.db, template, "-o", os.path.join(self.work, "sau.txt"))
        self.assertIn(code, (0, 1), err)
        if code == 1:
            self.assertIn("sau.mau:", err)

    def test_table_with_no_columns_and_template_with_no_content(self):
        template = self.write("bang.mau", "+++\n+++\n@bang\n\nđoạn\n")
        code, _, err = run("render", self.db, template, "-o", os.path.join(self.work, "bang.txt"))
        self.assertEqual(code, 1)
        self.assertIn("bang.mau:", err)
        empty = self.write("rong.mau", "+++\n[truy_van.khong]\nsql = \"SELECT 1 AS x WHERE 0\"\n+++\n{{#khong}}\nx\n{{/khong}}\n")
        out = os.path.join(self.work, "rong.txt")
        code, _, err = run("render", self.db, empty, "-o", out)
        self.assertEqual(code, 1)
        self.assertIn("không sinh ra nội dung", err)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()
