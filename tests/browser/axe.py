"""axe-core (from npm, see package.json) run inside the page in real Chromium."""

from pathlib import Path

import pytest

from tests.conftest import niet_beschikbaar

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def schendingen(page) -> list[dict]:
    """The WCAG 2.1 A/AA violations axe finds on the current page (evaluated over DevTools, so our CSP stays on)."""
    if not AXE.exists():
        niet_beschikbaar("needs axe-core: run `npm install` (make test does it when npm is there)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    uitkomst = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return uitkomst["violations"]


def beschrijf(violations: list[dict]) -> str:
    regels = []
    for v in violations:
        doelen = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        regels.append(f"{v['id']} ({v['impact']}): {v['help']} — {doelen}")
    return "\n".join(regels)


def assert_toegankelijk(page, pad: str = "") -> None:
    violations = schendingen(page)
    if violations:
        pytest.fail(
            f"axe vond {len(violations)} WCAG 2.1 AA-schending(en) op {pad or page.url}:\n{beschrijf(violations)}"
        )
