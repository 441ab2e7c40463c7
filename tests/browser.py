"""Debian's Chromium, driven by Selenium through Debian's chromium-driver.

Selenium is told where both programs are, so it never looks for (or
downloads) a browser or a driver of its own; the two Debian packages are built
from one source and always match.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def why_no_browser() -> str | None:
    """Return why the browser tests cannot run here, or None when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for program, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not program.exists():
            return f"{program} is absent (apt-get install -y chromium chromium-driver: {package})"
    return None


def start_chromium(
    scratch: Path,
    *,
    accept_language: str = "fr-FR,fr",
    width: int = 1280,
    height: int = 900,
    javascript: bool = True,
) -> Any:
    """Start a headless Chromium and return its Selenium driver (the caller quits it).

    Chromium keeps its profile and its singleton socket under ``scratch``
    (a test's temporary folder), not in /tmp, where a killed browser left a
    folder behind on every run.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={scratch / 'profile'}")
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--lang={accept_language.split(',')[0]}")
    prefs: dict[str, Any] = {"intl.accept_languages": accept_language}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    service = Service(
        executable_path=str(shutil.which(CHROMEDRIVER) or CHROMEDRIVER),
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    return webdriver.Chrome(options=options, service=service)
