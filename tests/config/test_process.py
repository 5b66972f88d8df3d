"""The server process's garbage collector (config/process.py): set once in a server, left alone in a test of the
app."""

import gc
import subprocess
import sys
from pathlib import Path

from config import process

ROOT = Path(__file__).resolve().parents[2]


def test_a_server_process_makes_the_collectors_pauses_rare():
    """A process that is not a test of the app sets the thresholds at its first run, and only once."""
    code = ("import gc; from config import process; first = process.settle(); again = process.settle(); "
            "print(first, again, gc.get_threshold())")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=True)
    assert done.stdout.split(None, 2) == ["True", "False", f"{process.THRESHOLDS}\n"], done.stdout


def test_a_test_of_the_app_keeps_the_test_runners_collector():
    import streamlit.testing.v1  # noqa: F401 - as in a test of the app (AppTest)

    before = gc.get_threshold()
    assert process.settle() is False
    assert gc.get_threshold() == before
