"""--max-warnings N: more than N warnings fail the run."""

from __future__ import annotations

from tests.conftest import SEEDS, run_lzlint

# Seed 003 has 10 warnings (8 N204 and 2 N201) and no error.
SEED_003 = str(SEEDS / "003_62cbc1151164ca64.txt")


def test_at_the_limit_passes() -> None:
    result = run_lzlint(["-q", "--max-warnings", "10", "--select", "N201,N204", SEED_003])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_over_the_limit_fails_even_though_fail_on_error_passes() -> None:
    result = run_lzlint(["-q", "--max-warnings", "9", "--select", "N201,N204", SEED_003])
    assert result.returncode == 1
    assert result.stderr == "lzlint: 10 warnings, more than --max-warnings 9\n"


def test_exit_zero_still_wins() -> None:
    result = run_lzlint(["-q", "--exit-zero", "--max-warnings", "0", "--select", "N201,N204", SEED_003])
    assert result.returncode == 0


def test_negative_is_a_usage_error() -> None:
    result = run_lzlint(["--max-warnings", "-1", SEED_003])
    assert result.returncode == 2
    assert "--max-warnings" in result.stderr
