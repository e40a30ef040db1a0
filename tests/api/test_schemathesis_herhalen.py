"""A schemathesis failure can be replayed (issue 10): the run prints its hypothesis seed and the failing request,
and the same seed finds the same failing request again. Proved on a tiny API that fails on purpose, in a pytest
subprocess with this suite's own plugin (tests/herhalen.py), so that nothing here depends on our API having a bug."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FALENDE_TEST = textwrap.dedent(
    '''
    import schemathesis
    from hypothesis import settings
    from schemathesis.checks import not_a_server_error

    SCHEMA = {
        "openapi": "3.0.3",
        "info": {"title": "kapot", "version": "1"},
        "paths": {
            "/dingen/{id}": {
                "get": {
                    "parameters": [
                        {"in": "path", "name": "id", "required": True, "schema": {"type": "integer", "minimum": 1}}
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }


    def app(environ, start_response):
        """Fails (500) for every id above 1000, as an overflow would."""
        id_ = environ["PATH_INFO"].rsplit("/", 1)[-1]
        status = "500 Internal Server Error" if id_.isdigit() and int(id_) > 1000 else "200 OK"
        start_response(status, [("Content-Type", "text/plain")])
        return [b"x"]


    schema = schemathesis.openapi.from_dict(SCHEMA)
    schema.app = app


    @schema.parametrize()
    @settings(max_examples=25, deadline=None, database=None)
    def test_kapot(case):
        case.call_and_validate(checks=[not_a_server_error])
    '''
)


def _draai(map: Path, *extra: str) -> str:
    uitkomst = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-p",
            "no:django",
            "--rootdir",
            str(map),
            "-c",
            str(ROOT / "pyproject.toml"),
            str(map / "test_kapot.py"),
            *extra,
        ],
        cwd=ROOT,
        env={
            k: v for k, v in os.environ.items() if k != "PORTAAL_HYPOTHESIS_SEED"
        },  # this run's seed is its own
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uitkomst.returncode == 1, uitkomst.stdout + uitkomst.stderr
    return uitkomst.stdout


def test_a_failing_run_prints_its_seed_and_the_request_and_the_seed_replays_it(tmp_path):
    (tmp_path / "test_kapot.py").write_text(FALENDE_TEST)
    eerste = _draai(tmp_path)
    seed = re.search(r"hypothesis seed (\d+): replay with", eerste)
    assert seed, eerste
    assert f"--hypothesis-seed={seed.group(1)}" in eerste
    assert "Reproduce with" in eerste and "curl" in eerste, eerste

    tweede = _draai(tmp_path, f"--hypothesis-seed={seed.group(1)}")
    curl = re.compile(r"curl -X GET \S+/dingen/\d+")
    assert curl.findall(tweede) == curl.findall(eerste), (eerste, tweede)
