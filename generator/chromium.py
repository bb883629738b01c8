"""Debian's Chromium driven by Playwright: where it is, its flags, and a clear error without Playwright.

Shared by the browser tests (tests/conftest.py) and the search timing of `khrongkan bench`
(generator/search_timing.py). A browser build downloaded by Playwright does not run here; the
system's /usr/bin/chromium does. Playwright is a test extra, so it is imported only when needed.
"""

from __future__ import annotations

from .errors import KhrongkanError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def sync_playwright():
    """playwright.sync_api.sync_playwright, or a Thai error saying how to install it."""
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        raise KhrongkanError(
            "ต้องติดตั้ง Playwright ก่อนจึงจะวัดเวลาในเบราว์เซอร์ได้: pip install 'khrongkan[test]' "
            f"และต้องมี Chromium ที่ {CHROMIUM}",
            f"Playwright is needed to measure in a browser: pip install 'khrongkan[test]' (and Chromium at {CHROMIUM})",
        ) from None
    return start()


def launch(playwright):
    """Headless Debian Chromium with the flags above."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
