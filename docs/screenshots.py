"""Take the screenshots the README shows, with the same headless Chromium as the tests.

    .venv/bin/python docs/screenshots.py

Indexes the shipped resolution and the Universal Declaration (French and
English, from ../shared/data/udhr) into a temporary folder, serves them on
127.0.0.1 and saves docs/search.png and docs/resolution.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import start_chromium, why_no_browser  # noqa: E402
from resolu.corpus import corpus_dir  # noqa: E402
from resolu.index import build_index  # noqa: E402
from resolu.search.web import create_app  # noqa: E402
from webserver import running  # noqa: E402


def main() -> None:
    """Index, serve, and save the two screenshots."""
    reason = why_no_browser()
    if reason:
        sys.exit(f"screenshots: {reason}")
    udhr = HERE.parent.parent / "shared" / "data" / "udhr"
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for f in [*corpus_dir().glob("*.txt"), *udhr.glob("*.html")]:
            shutil.copy(f, corpus / f.name)
        build_index(corpus, Path(tmp) / "index")
        with running(create_app(Path(tmp) / "index")) as server:
            driver = start_chromium(width=1200, height=1000)
            try:
                query = quote('"dialogue entre les civilisations"')
                driver.get(f"{server.url}/?q={query}")
                driver.save_screenshot(str(HERE / "search.png"))
                page = quote("A/RES/217 A (III)")
                driver.get(f"{server.url}/{page}?q=dignit%C3%A9&lang=fr")
                driver.save_screenshot(str(HERE / "resolution.png"))
            finally:
                driver.quit()
    print("saved", HERE / "search.png", HERE / "resolution.png")


if __name__ == "__main__":
    main()
