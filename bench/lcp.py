"""The start page's Largest Contentful Paint on a slow phone: Slow 3G (400 ms, 400 kbit/s each way) and
the CPU slowed 4x, cold (empty cache) and warm (the same browser again), in Chromium, beside a page of
GOV.UK Frontend's own CSS and JS (with its fonts) served by nginx with gzip, in the same rounds.

    .venv/bin/python bench/lcp.py                 # SQLite, 5 rounds
    .venv/bin/python bench/lcp.py --rounds 3 --path /tell-us/start

The portal runs as in production (gunicorn -w 2, Redis for the rate limits, the kept pages gzipped).
Prints min / median / max in milliseconds with the load average. Needs /usr/bin/chromium, Redis, nginx
(Debian's package) and node_modules (``make setup``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
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


GOVUK = ROOT / "node_modules/govuk-frontend/dist/govuk"
# A start page of about the portal's size in GOV.UK Frontend's own markup.
GOVUK_PAGE = """<!DOCTYPE html>
<html lang="en" class="govuk-template govuk-template--rebranded">
<head><meta charset="utf-8"><title>Tell us - Example County Council</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<link rel="stylesheet" href="/govuk-frontend.min.css"></head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
<header class="govuk-header" data-module="govuk-header"><div class="govuk-header__container govuk-width-container">
<div class="govuk-header__logo"><a href="/" class="govuk-header__link">Example County Council</a></div></div></header>
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-xl">Tell us what is happening</h1>
<p class="govuk-body-l">Make a complaint, tell us your wishes and feelings, or ask for an advocate.</p>
<p class="govuk-body">We will read what you send and get back to you. You can write in any language.</p>
<a href="/start" role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">
Start now</a>
<div class="govuk-inset-text">If you are in danger now, call 999.</div>
</main></div>
<footer class="govuk-footer"><div class="govuk-width-container"><p class="govuk-body-s">Example County Council</p>
</div></footer>
<script type="module" src="/govuk-frontend.min.js"></script>
<script type="module">import { initAll } from "/govuk-frontend.min.js"; initAll()</script>
</body></html>
"""


class GovukPage:
    """GOV.UK Frontend's built CSS, JS and fonts and the page above, served by nginx with gzip (the
    comparison issue 25 asks for the warm figure)."""

    def __init__(self, work: Path, port: int) -> None:
        if not Path("/usr/sbin/nginx").exists():
            raise SystemExit("nginx is missing: apt-get install nginx (Debian's package; its service need not run)")
        site = work / "govuk-site"
        site.mkdir()
        work.chmod(0o755)  # nginx's workers run as nobody and must reach the site
        (site / "index.html").write_text(GOVUK_PAGE)
        for name in ("govuk-frontend.min.css", "govuk-frontend.min.js"):
            shutil.copy(GOVUK / name, site / name)
        shutil.copytree(GOVUK / "assets", site / "assets")
        config = work / "nginx-govuk.conf"
        config.write_text(f"""daemon off;
worker_processes 1;
error_log {work}/nginx-govuk-error.log warn;
pid {work}/nginx-govuk.pid;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path {work}/ngx-body; proxy_temp_path {work}/ngx-proxy; fastcgi_temp_path {work}/ngx-fcgi;
  uwsgi_temp_path {work}/ngx-uwsgi; scgi_temp_path {work}/ngx-scgi;
  gzip on; gzip_comp_level 6; gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript image/svg+xml;
  server {{ listen 127.0.0.1:{port}; root {site}; index index.html; }}
}}
""")
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(["/usr/sbin/nginx", "-c", str(config), "-p", str(work)],
                                        stdout=subprocess.DEVNULL, stderr=(work / "nginx-govuk.log").open("w"))
        for _ in range(50):
            try:
                urllib.request.urlopen(self.base + "/")  # noqa: S310 - loopback
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"nginx did not start: see {work}/nginx-govuk.log")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def lcp_of(browser, address: str) -> tuple[float, float]:  # noqa: ANN001
    """(cold, warm) LCP of ``address`` in a new browser context on the slow phone."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    slow_phone(page)
    page.goto(address, wait_until="load")
    cold = page.evaluate(LCP)
    page.goto("about:blank")
    page.goto(address, wait_until="load")
    warm = page.evaluate(LCP)
    context.close()
    return cold, warm


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
    govuk = GovukPage(work, 5622)
    try:
        server = Server("wsgi:app", 5621, env, work, "portal-lcp")
    except BaseException:
        govuk.stop()
        raise
    figures: dict[str, list[float]] = {"portal cold": [], "portal warm": [], "GOV.UK page cold": [],
                                       "GOV.UK page warm": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            browser.new_page().goto(server.base + args.path)  # the server's caches warm, not the browser's
            for _ in range(args.rounds):
                for name, address in (("portal", server.base + args.path), ("GOV.UK page", govuk.base + "/")):
                    cold, warm = lcp_of(browser, address)
                    figures[f"{name} cold"].append(cold)
                    figures[f"{name} warm"].append(warm)
            browser.close()
    finally:
        server.stop()
        govuk.stop()
    load = "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    for name, values in figures.items():
        print(f"{args.path if name.startswith('portal') else '/'} {name} LCP: {min(values):.0f} / "
              f"{statistics.median(values):.0f} / {max(values):.0f} ms "
              f"(min / median / max over {len(values)}; Slow 3G, 4x CPU; {load})")
    portal, page = statistics.median(figures["portal warm"]), statistics.median(figures["GOV.UK page warm"])
    print(f"warm, portal / GOV.UK page: {portal / page:.2f} (target: no slower, <= 1.00); "
          f"cold portal median {statistics.median(figures['portal cold']):.0f} ms (target < 1200 ms)")


if __name__ == "__main__":
    main()
