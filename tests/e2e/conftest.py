"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server, with
axe-core (accessibility) and the Nu Html Checker (HTML) from tests/e2e/node_modules.

Install once: `apt-get install chromium` and `npm ci --ignore-scripts` in tests/e2e (`make test`
does the npm part). Playwright's own browser downloads are never used.
"""
import json
import os
import subprocess
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would refuse the ORM calls the
# live server's test fixtures make from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
MODULES = Path(__file__).resolve().parent / "node_modules"
AXE = MODULES / "axe-core" / "axe.min.js"
VNU = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _require(path, how):
    if not path.exists():
        pytest.fail(f"{path} is missing: {how}", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    _require(CHROMIUM, "apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # axe-core goes in as an inline script, which the app's Content-Security-Policy rightly forbids.
    context = browser.new_context(bypass_csp=True, accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def axe():
    """Run axe-core on the page as it is now; return its violations (none is the goal)."""
    _require(AXE, "run `npm ci --ignore-scripts` in tests/e2e")

    def check(page):
        script = page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        # Out again, so the page's HTML taken afterwards is the app's alone.
        script.evaluate("element => element.remove()")
        return [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in result["violations"]
        ]

    return check


@pytest.fixture
def html_errors(tmp_path):
    """Validate HTML documents (text) with the Nu Html Checker; return its error messages."""
    _require(VNU, "run `npm ci --ignore-scripts` in tests/e2e")

    def check(documents):
        files = []
        for name, html in documents.items():
            path = tmp_path / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            files.append(str(path))
        run = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
            capture_output=True, text=True, check=False,
        )
        messages = json.loads(run.stderr or '{"messages": []}')["messages"]
        return [f"{Path(m.get('url', '')).stem}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]

    return check
