"""Kode kursus bersih menurut linter ruff (aturan di pyproject.toml): helpers, scripts, tests,
benchmarks, dan sel kode setiap notebook."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_tanpa_temuan():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"ruff menemukan masalah:\n{result.stdout}{result.stderr}"
