"""gunicorn's settings for the portal: ``gunicorn wsgi:app`` reads this file from the working directory
(or name it: ``gunicorn -c gunicorn.conf.py wsgi:app``).

Measured with ``bench/two_hosts.py --sweep`` on a 2-core host with PostgreSQL and Redis (figures and date
in docs/deployment.md): see WORKERS and THREADS below. Each can be changed from the environment:

- ``WEB_CONCURRENCY``: worker processes (the app reads it too, to refuse a per-process rate-limit
  store with several workers).
- ``GUNICORN_THREADS``: threads per worker (above 1, gunicorn's ``gthread`` worker).
- ``GUNICORN_BIND``: where to listen (default 127.0.0.1:8000: the reverse proxy in front reaches it; never
  expose gunicorn itself).
"""

from __future__ import annotations

import multiprocessing
import os

# One process per core with two threads each: a request spends part of its time waiting for PostgreSQL
# and Redis, so a second thread keeps the core busy meanwhile. Measured on 2 cores (2026-12-07, three
# rounds taking turns): 2 workers x 2 threads served the most requests a second (median 27, best 75);
# 2 x 1 and 4 x 4 gave 21, 4 x 1 gave 15, 4 x 2 gave 11, and 8 x 1 (four processes a core) was the
# slowest in every round (9). More processes than cores only added memory and queueing.
WORKERS = multiprocessing.cpu_count()
THREADS = 2

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or WORKERS)
threads = int(os.environ.get("GUNICORN_THREADS") or THREADS)
worker_class = "gthread" if threads > 1 else "sync"
# The app refuses memory:// rate limits when it runs in several processes: it reads WEB_CONCURRENCY.
os.environ["WEB_CONCURRENCY"] = str(workers)

# A request that takes longer than this is killed and logged (the reverse proxy buffers slow uploads, so
# the app never waits on a phone's connection).
timeout = 60
graceful_timeout = 30  # on SIGTERM (a deploy, a host taken out), requests under way finish first
keepalive = 5
# A worker is replaced after this many requests (with jitter, so they do not all restart together).
max_requests = 5000
max_requests_jitter = 500

# Logs: the path only, never the query string; the portal keeps personal data out of URLs anyway.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
