"""What the command-line tests share: where the program and the sources are,
running the program, and a database with the Thanh Hóa sample imported."""
import glob
import os
import shutil
import subprocess
import tempfile

OCOPDOC = os.environ.get("OCOPDOC", "build/ocopdoc")
SOURCE = os.environ.get("OCOPDOC_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def run(*args, env=None, cwd=None, timeout=600):
    """Runs ocopdoc; returns (exit status, stdout, stderr) as text."""
    proc = subprocess.run([OCOPDOC, *args], capture_output=True, env=env, cwd=cwd, timeout=timeout)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def sample_database(path):
    """Creates `path` and imports every file of samples/thanh-hoa into it."""
    code, _, err = run("init", path)
    assert code == 0, err
    csvs = sorted(glob.glob(os.path.join(SOURCE, "samples", "thanh-hoa", "*.csv")))
    code, _, err = run("import", path, *csvs)
    assert code == 0, err
    return path


class SampleDatabase:
    """The Thanh Hóa sample imported once per test module (a module that uses
    it calls SampleDatabase.remove() in its tearDownModule)."""
    directory = None
    path = None

    @classmethod
    def get(cls):
        if cls.path is None:
            cls.directory = tempfile.mkdtemp(prefix="ocopdoc-sample-")
            cls.path = sample_database(os.path.join(cls.directory, "thanh-hoa.db"))
        return cls.path

    @classmethod
    def remove(cls):
        if cls.directory:
            shutil.rmtree(cls.directory)
        cls.directory = cls.path = None
