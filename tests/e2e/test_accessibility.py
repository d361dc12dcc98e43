"""axe-core finds no serious or critical accessibility problems on reader pages."""

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
BLOCKING = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it stands; return its violations.

    Evaluated through the DevTools protocol, as axe-playwright-python does: the site's
    Content-Security-Policy (script-src 'self') rightly refuses an injected inline script tag.
    """
    page.evaluate(AXE_JS.read_text())
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def describe(violations: list[dict], url: str) -> str:
    lines = [f"{len(violations)} serious/critical axe-core violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation['impact']}] {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n       ")
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking, page.url)


def test_home_and_article_pages_have_no_serious_violations(live_site, newsroom, page):
    newsroom(articles=14)

    page.goto(live_site.url + "/")
    assert_accessible(page)

    page.locator(".lead .card__title a").click()
    page.locator("h1.article__headline").wait_for()
    assert_accessible(page)
