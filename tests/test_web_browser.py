"""The pages in a real headless Chromium (Debian's chromium + chromium-driver, via Selenium).

Skipped, with the reason, where the browser or its driver is absent; .ci/run
installs both so that CI runs these.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import start_chromium, why_no_browser
from resolu.search.web import create_app
from support import SHARED_DATA
from webserver import Server, running

_REASON = why_no_browser()
pytestmark = pytest.mark.skipif(_REASON is not None, reason=f"no browser: {_REASON}")


@pytest.fixture(scope="module")
def server(web_index_dir: Path) -> Iterator[Server]:
    with running(create_app(web_index_dir)) as s:
        yield s


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = start_chromium(tmp_path_factory.mktemp("chromium"))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_until(browser: Any, script: str) -> None:
    """Wait (up to 20 s) until a JavaScript expression is true: a click's page has loaded."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script(f"return document.readyState === 'complete' && ({script})")
    )


def lang_of(browser: Any) -> str:
    return str(browser.execute_script("return document.documentElement.lang"))


def search_for(browser: Any, server: Server, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server.url + "/")
    box = browser.find_element(By.ID, "q")
    # The box is labelled, and has the keyboard focus on a Tab from the skip link.
    label = browser.find_element(By.CSS_SELECTOR, "label[for=q]")
    assert label.text == "Rechercher dans les paragraphes"
    box.clear()
    box.send_keys(text, Keys.ENTER)
    wait_until(browser, "location.search.startsWith('?q=')")


def test_a_french_phrase_finds_pp1_and_pp8_highlighted(browser: Any, server: Server) -> None:
    from selenium.webdriver.common.by import By

    search_for(browser, server, '"dialogue entre les civilisations"')
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert [h.get_attribute("data-reference") for h in hits] == [
        "A/RES/55/109#pp8",
        "A/RES/55/109#pp1",
    ]
    for hit in hits:
        marks = [m.text for m in hit.find_elements(By.TAG_NAME, "mark")]
        assert marks == ["dialogue entre les civilisations"]
        # The mark is painted: a background of its own, not the page's white.
        colour = hit.find_element(By.TAG_NAME, "mark").value_of_css_property("background-color")
        assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert browser.find_element(By.ID, "hit-count").text.startswith("2 paragraphes trouvés")
    assert browser.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "fr"


def test_opening_a_hit_lands_on_its_anchor_with_the_words_marked(
    browser: Any, server: Server
) -> None:
    from selenium.webdriver.common.by import By

    search_for(browser, server, '"dialogue entre les civilisations"')
    browser.find_element(By.CSS_SELECTOR, "#hit-1 h3 a").click()
    wait_until(browser, "location.hash === '#pp8'")
    target = browser.execute_script("return document.querySelector(':target').id")
    assert target == "pp8"
    top = browser.execute_script(
        "return document.getElementById('pp8').getBoundingClientRect().top"
    )
    assert -1 <= top < browser.execute_script("return window.innerHeight")
    row = browser.find_element(By.ID, "pp8")
    assert [m.text for m in row.find_elements(By.TAG_NAME, "mark")] == [
        "dialogue entre les civilisations"
    ]
    assert browser.find_element(By.CSS_SELECTOR, "h1 .symbol").text == "A/RES/55/109"


def test_a_sub_paragraph_anchor_with_a_dot(browser: Any, server: Server) -> None:
    if not (SHARED_DATA / "udhr").exists():
        pytest.skip("../shared/data/udhr is absent")
    browser.get(server.url + "/A/RES/217%20A%20(III)%23art26.2")
    assert browser.current_url.endswith("#art26.2")
    assert browser.execute_script("return document.querySelector(':target').id") == "art26.2"
    langs = browser.execute_script(
        "return [...document.querySelectorAll(':target .cell')].map(c => c.lang)"
    )
    assert langs == ["fr", "en"]


def test_copy_the_citation(browser: Any, server: Server) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/A/RES/55/109#op4")
    # Once failed with "no such element" in CI: wait for this page, not the last one.
    wait_until(
        browser,
        "location.pathname === '/A/RES/55/109' && !!document.querySelector('#op4 button.copy')",
    )
    button = browser.find_element(By.CSS_SELECTOR, "#op4 button.copy")
    assert button.is_displayed()  # the script shows the button
    assert button.text == "Copier la citation"
    button.click()
    # The citation is selected (so Ctrl+C works too) and the copy is announced.
    assert browser.execute_script("return window.getSelection().toString()") == (
        "A/RES/55/109, par. 4"
    )
    status = browser.find_element(By.ID, "copy-status").get_attribute("textContent")
    assert status == "Citation copiée : A/RES/55/109, par. 4"


def test_switch_language(browser: Any, server: Server) -> None:
    from selenium.webdriver.common.by import By

    search_for(browser, server, "dialogue")
    browser.find_element(By.ID, "switch-lang").click()
    wait_until(browser, "document.documentElement.lang === 'en'")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=q]").text == "Search the paragraphs"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "dialogue"
    assert "paragraphs found" in browser.find_element(By.ID, "hit-count").text
    # Remembered on the next page, then switched back.
    browser.get(server.url + "/A/RES/55/109")
    assert lang_of(browser) == "en"
    browser.find_element(By.ID, "switch-lang").click()
    wait_until(browser, "document.documentElement.lang === 'fr'")
    assert browser.find_element(By.CSS_SELECTOR, "button.copy").text == "Copier la citation"


def test_a_malformed_query_shows_the_error_on_the_page(browser: Any, server: Server) -> None:
    from selenium.webdriver.common.by import By

    search_for(browser, server, "year:deux")
    alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert "Requête mal formée" in alert.text
    assert browser.find_element(By.ID, "q").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "year:deux"
    assert not browser.find_elements(By.CSS_SELECTOR, "li.hit")


def test_click_a_facet(browser: Any, server: Server) -> None:
    from selenium.webdriver.common.by import By

    search_for(browser, server, "droits")
    facets = browser.find_elements(By.CSS_SELECTOR, "a.facet")
    # "droits" matches A/RES/55/109 (2000) and the UDHR (1948): a year facet at least.
    assert facets, "the search page shows no facet"
    before = browser.find_element(By.ID, "hit-count").text
    facets[0].click()
    wait_until(browser, "location.search.includes('%3A')")
    assert browser.find_element(By.ID, "hit-count").text != before


def test_works_without_javascript_in_english(server: Server, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = start_chromium(tmp_path, accept_language="en-US,en", javascript=False)
    try:
        driver.get(server.url + "/")
        assert driver.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "en"
        driver.find_element(By.ID, "q").send_keys("dialogue")
        driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
        wait_until(driver, "location.search.startsWith('?q=dialogue')")
        assert driver.find_elements(By.CSS_SELECTOR, "li.hit")
        driver.find_element(By.CSS_SELECTOR, "#hit-1 h3 a").click()
        wait_until(driver, "location.pathname === '/A/RES/55/109'")
        # No script: no copy button, and the citation is there to select.
        assert not driver.find_element(By.CSS_SELECTOR, "button.copy").is_displayed()
        assert driver.find_elements(By.CSS_SELECTOR, ".citation")[0].text.startswith(
            "A/RES/55/109, "
        )
    finally:
        driver.quit()
