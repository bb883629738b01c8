"""How long the review site's first Thai search takes in a real browser (`khrongkan bench`).

The search worker (Material's, behind khrongkan's generator/search_worker.js) downloads the
documents and the lunr index built with the site (search/lunr_index.json) when a page opens,
and site/assets/thai-search.js reads the Thai vocabulary from search/vocabulary.json beside it.
So the first query waits for the downloads, the JSON parsing, loading the index, the page's own
work and the query itself. (Chrome DevTools' CPU throttling slows the page, not the search worker: with 4x,
the page's own work takes 4 times as long, the index build in the worker does not.)
This module serves a built site on 127.0.0.1, opens its home page in Debian's Chromium, types
the query at once, and returns the seconds from the moment the page's HTML is read
(DOMContentLoaded: the search starts fetching its index then) until the results of that query
are on the screen. The time the page itself takes to load is left out: it depends on the page,
not on the search. Optionally the CPU is slowed down like a mid-range phone's (Chrome DevTools'
CPU throttling).

A measurement, never a test: the browser tests assert what is found, not how fast.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import KhrongkanError

RESULT_TIMEOUT_MS = 600_000

# Before the page's own scripts: count the queries sent to Material's search worker and the
# results it sends back (its message types: QUERY 2, RESULT 3), so the time is taken once the
# last query sent has its answer (thai-search.js holds a Thai query until it knows the vocabulary).
_COUNT_QUERIES = """
(() => {
  const seen = window.__kkSearchTiming = {posted: 0, answered: 0, workers: new WeakSet()};
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (!seen.workers.has(this)) {
      seen.workers.add(this);
      this.addEventListener("message", event => {
        if (event.data && event.data.type === 3) seen.answered += 1;
      });
    }
    if (message && message.type === 2) seen.posted += 1;
    return post.apply(this, arguments);
  };
})();
"""

# Done: the Thai vocabulary is loaded (or the site has no thai-search.js), every query sent
# has its answer, and the result list says how many pages were found ("พบ ..." / "ไม่พบ ...").
_ANSWERED = """
() => {
  const seen = window.__kkSearchTiming;
  if (window.khrongkanSearch && !seen.watching) {
    seen.watching = true;
    window.khrongkanSearch.ready.then(() => { seen.ready = true; });
  }
  const ready = seen.ready || (!window.khrongkanSearch && document.readyState === "complete");
  const meta = document.querySelector(".md-search-result__meta");
  const shown = meta && /พบ/.test(meta.textContent);
  if (!(ready && seen.posted > 0 && seen.answered >= seen.posted && shown)) return false;
  const [navigation] = performance.getEntriesByType("navigation");
  return performance.now() - navigation.domContentLoadedEventStart;
}
"""


def first_query_seconds(site_dir: Path, query: str, *, cpu_throttle: float = 1.0) -> float:
    """Seconds from the home page's DOMContentLoaded until the results of `query` appear.

    The query is typed as soon as the search box exists, so the time holds everything the
    first search waits for: the index's download, its parsing, the index build in Material's
    search worker and the query. `cpu_throttle` 4 is about a mid-range phone. Needs Playwright
    (a test extra) and /usr/bin/chromium.
    """
    site_dir = Path(site_dir)
    if not (site_dir / "search" / "search_index.json").is_file():
        raise KhrongkanError(f"ไม่มีดัชนีค้นหาในเว็บไซต์ {site_dir} (search/search_index.json) สั่ง khrongkan site ก่อน",
                             f"{site_dir} has no search index (search/search_index.json): run khrongkan site first")
    if cpu_throttle < 1:
        raise ValueError(f"cpu_throttle must be 1 or more, not {cpu_throttle}")
    # Playwright's synchronous API refuses a thread that already runs it (or any asyncio loop),
    # e.g. a test session's browser: the measurement gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="khrongkan-search-timing") as thread:
        return thread.submit(_measure, site_dir, query, cpu_throttle).result()


def _measure(site_dir: Path, query: str, cpu_throttle: float) -> float:
    from . import chromium
    from .sitebuild import SiteServer

    with SiteServer(site_dir, port=0) as server, chromium.sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
            page = context.new_page()
            page.add_init_script(_COUNT_QUERIES)
            if cpu_throttle != 1:
                context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu_throttle})
            page.goto(server.url, wait_until="commit")
            box = page.locator("input[data-md-component=search-query]")
            box.click(timeout=RESULT_TIMEOUT_MS)
            page.keyboard.insert_text(query)  # a Thai keyboard sends text, not keys
            box.press("End")  # Material reads the box on key-up
            done = page.wait_for_function(_ANSWERED, polling="raf", timeout=RESULT_TIMEOUT_MS)
            return done.json_value() / 1000
        finally:
            browser.close()
