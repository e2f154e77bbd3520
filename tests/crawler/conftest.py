import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def world_dir():
    """A directory every user can traverse (pytest's tmp_path lives under a 0700 directory)."""
    path = Path(tempfile.mkdtemp(prefix="tanaoroshi-test-", dir="/tmp"))
    os.chmod(path, 0o755)
    yield path
    for root, dirs, _ in os.walk(path):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    shutil.rmtree(path, ignore_errors=True)


def run_as_nobody(code: str, *args: str) -> subprocess.CompletedProcess:
    """Run Python code as the unprivileged user 'nobody' (imports happen before dropping root, since
    the interpreter's own files may live under /root)."""
    prelude = "import os, sys\n"
    drop = "os.setgid(65534); os.setuid(65534)\n"
    head, body = code.split("#DROP\n", 1)
    return subprocess.run([sys.executable, "-c", prelude + head + drop + body, *args], capture_output=True, text=True, timeout=60, cwd=os.getcwd())
