"""The start page's Largest Contentful Paint on a slow phone: Slow 3G (400 ms, 400 kbit/s each way) and
the CPU slowed 4x, cold (empty cache) and warm (the same browser again), in Chromium.

    .venv/bin/python bench/lcp.py                 # SQLite, 5 rounds
    .venv/bin/python bench/lcp.py --rounds 3 --path /tell-us/start

The portal runs as in production (gunicorn -w 2, Redis for the rate limits, the kept pages gzipped).
Prints min / median / max in milliseconds with the load average. Needs /usr/bin/chromium and Redis.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT), str(ROOT / "bench")]

CHROMIUM = "/usr/bin/chromium"
LCP = """() => new Promise(resolve => new PerformanceObserver(list => {
  const entries = list.getEntries(); resolve(entries[entries.length - 1].startTime);
}).observe({type: "largest-contentful-paint", buffered: true}))"""


def slow_phone(page) -> None:  # noqa: ANN001
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8})
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})


def main() -> None:
    from compare import Server, production_env
    from playwright.sync_api import sync_playwright
    from portal_testing import reset_database

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--path", default="/")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="portal-lcp-"))
    url = f"sqlite:///{work}/portal.sqlite3"
    reset_database(url)
    env = production_env(url)
    server = Server("wsgi:app", 5621, env, work, "portal-lcp")
    cold, warm = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            browser.new_page().goto(server.base + args.path)  # the server's caches warm, not the browser's
            for _ in range(args.rounds):
                context = browser.new_context(viewport={"width": 360, "height": 740})
                page = context.new_page()
                slow_phone(page)
                page.goto(server.base + args.path, wait_until="load")
                cold.append(page.evaluate(LCP))
                page.goto("about:blank")
                page.goto(server.base + args.path, wait_until="load")
                warm.append(page.evaluate(LCP))
                context.close()
            browser.close()
    finally:
        server.stop()
    load = "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    for name, values in (("cold", cold), ("warm", warm)):
        print(f"{args.path} LCP {name}: {min(values):.0f} / {statistics.median(values):.0f} / {max(values):.0f} ms "
              f"(min / median / max over {len(values)}; Slow 3G, 4x CPU; {load})")


if __name__ == "__main__":
    main()
