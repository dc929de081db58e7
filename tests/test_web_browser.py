"""The web app in a real headless Chromium (issue 8): Debian's chromium driven by Playwright.

Skips when Playwright or /usr/bin/chromium is absent (``apt-get install
chromium``; nothing is downloaded by the test). Screenshots go to the test's
temporary directory, or to $WORLDWIRE_SCREENSHOTS when set, to be looked at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("WORLDWIRE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")


def _serve(db: str):
    uvicorn = pytest.importorskip("uvicorn")
    from worldwire.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium_profile")
    with sync.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, args=ARGS, headless=True,
                                                   viewport={"width": 1360, "height": 1000})
        yield ctx
        ctx.close()


@pytest.fixture(scope="module")
def site(corpus_db):
    server, thread, base = _serve(corpus_db)
    yield base
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    out = os.environ.get("WORLDWIRE_SCREENSHOTS")
    path = Path(out) if out else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _seed_article(corpus_db: str) -> str:
    from worldwire.store import open_store

    with open_store(corpus_db, read_only=True) as s:
        rows = s.articles()
    # the Xi–Putin arrival report: the sample corpus's counterpart of the seed page
    best = max(rows, key=lambda a: ("Xi" in (a["title"] or "") and "Moscow" in (a["title"] or ""), a["n_events"]))
    return best["id"]


def test_every_page_renders_in_chromium(browser, site, shots, corpus_db):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    article = _seed_article(corpus_db)
    for name, path, expect in [
        ("overview", "/", "Events over time"), ("articles", "/articles", "Articles"),
        ("article", f"/articles/{article}", "Takeaways"), ("actor", "/actors/RUS", "Top partners"),
        ("dyad", "/dyads/CHN/RUS", "Evidence"), ("network", "/network", "Relation network"),
        ("events", "/events?actor=RUS", "Events"), ("stories", "/stories", "Stories"),
    ]:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert expect in page.inner_text("main"), path
        page.screenshot(path=str(shots / f"{name}.png"))
    assert page.goto(site + "/network").status == 200
    assert page.locator("svg.network a.edge").count() > 0
    assert errors == []


def test_article_to_actor_to_dyad_to_evidence(browser, site, corpus_db):
    page = browser.new_page()
    page.goto(site + f"/articles/{_seed_article(corpus_db)}")
    # a highlighted trigger shows its record when clicked
    page.locator("#text span.event").first.click()
    assert page.locator("#record").is_visible()
    assert "Event" in page.inner_text("#record")
    # article → actor
    page.locator("aside a[href='/actors/RUS']").first.click()
    page.wait_for_url("**/actors/RUS")
    assert "Russia" in page.inner_text("h1")
    # actor → dyad (a partner's event count links to the dyad page)
    page.locator("a[href^='/dyads/RUS/']").first.click()
    page.wait_for_url("**/dyads/RUS/**")
    assert page.locator("figure.chart svg").count() == 1
    # dyad → the evidence sentence in its article
    link = page.locator("a.evlink").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/articles/**")
    anchor = href.split("#", 1)[1]
    assert page.evaluate("location.hash") == "#" + anchor
    assert page.locator(f"#{anchor}").count() == 1


def test_network_edge_leads_to_its_events(browser, site):
    page = browser.new_page()
    page.goto(site + "/network")
    edge = page.locator("svg.network a.edge").first
    a, b = edge.get_attribute("data-a"), edge.get_attribute("data-b")
    edge.locator("line").last.dispatch_event("click")
    page.wait_for_url("**/events?**")
    assert page.input_value("input[name=actor]") == a and page.input_value("input[name=actor2]") == b
    assert page.locator("table.events tbody tr").count() >= 1


def test_a_script_in_an_article_renders_as_text(browser, code, tmp_path):
    from worldwire.store import open_store

    text = ("Russia accused Ukraine of shelling the plant on Monday. <script>window.pwned = 1</script> "
            "The Kremlin said it would respond <img src=x onerror='window.pwned = 2'> to the attack.")
    coded = code(text)
    db = tmp_path / "xss.duckdb"
    with open_store(db) as s:
        s.write(coded)
    server, thread, base = _serve(str(db))
    try:
        page = browser.new_page()
        page.goto(base + f"/articles/{coded.article.id}")
        assert "<script>window.pwned = 1</script>" in page.inner_text("#text")
        assert page.evaluate("window.pwned") is None
    finally:
        server.should_exit = True
        thread.join(timeout=10)



def test_event_map_draws_visible_circles_from_the_app_alone(browser, site):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site + "/events?actor=RUS")
    circles = page.locator("svg.map g.places circle")
    assert circles.count() > 0
    box = circles.first.bounding_box()
    assert box and box["width"] > 4 and box["height"] > 4 and circles.first.is_visible()
    assert page.locator("svg.map path.land").bounding_box()["width"] > 300
    assert all(url.startswith(site) for url in requests), requests  # no tiles, fonts or scripts from elsewhere
