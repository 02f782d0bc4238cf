"""gunicorn settings for dhrsite (`gunicorn dhrsite.wsgi` reads this file from the working folder).

Each value can be overridden with GUNICORN_* environment variables, for example
GUNICORN_WORKERS=4. Defaults suit a small machine behind a reverse proxy.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Requests are short and mostly wait on the database: two workers per core.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2)
threads = _int("GUNICORN_THREADS", 1)
# A request that takes longer than this is stuck; the worker is replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM, finish the requests in flight for up to this long before stopping.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so that a slow leak cannot grow for ever; the jitter keeps them
# from all restarting at once. A new worker costs about a second of CPU (loading Django and the
# site) and starts with empty copies of pages and facts: at a busy moment's rate, a few hundred
# requests a second each, a limit of 2,000 restarted every worker every few seconds and cost a
# third of the machine (BENCHMARKS.md, "Workers recycled under load").
max_requests = _int("GUNICORN_MAX_REQUESTS", 50_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 5_000)
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Behind a proxy that terminates TLS: a request counts as HTTPS when the proxy's
# X-Forwarded-Proto says so, and only from the proxies named here (comma-separated addresses;
# a proxy on the same machine by default). From any other address the header is ignored.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
