"""Replaying a property test (hypothesis, schemathesis): a pytest plugin of this suite, loaded by `addopts`
(pyproject.toml) before Django is set up, so it imports nothing of the portal."""

from __future__ import annotations

import os
import random

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """Every run has a hypothesis seed, chosen here unless given, so that a failure can be replayed exactly: the
    seed is in the header and again under a failure. (The controller chooses it and the pytest-xdist workers, which
    inherit its environment, take it from there.) `print_blob` adds the failing example as `@reproduce_failure(…)`."""
    from hypothesis import settings as hypothesis_settings

    if config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = os.environ.get("PORTAAL_HYPOTHESIS_SEED") or str(
            random.SystemRandom().randrange(2**32)
        )
    os.environ["PORTAAL_HYPOTHESIS_SEED"] = str(config.option.hypothesis_seed)
    hypothesis_settings.register_profile("portaal", print_blob=True)
    hypothesis_settings.load_profile("portaal")


def _herhaal(config) -> str:
    seed = config.getoption("hypothesis_seed")
    return f"hypothesis seed {seed}: replay with  make test PYTEST_ARGS='--hypothesis-seed={seed} <test>'"


def pytest_report_header(config):
    return _herhaal(config)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if terminalreporter.stats.get("failed"):
        terminalreporter.write_line(_herhaal(config))
