"""`make bench` (load): the site under gunicorn and wrk, as it would run in production.

1. A PostgreSQL database of the benchmark's own (BENCH_LOAD_POSTGRES_URL, `dhrsite_load_bench`
   by default; never the demo database) holds the demo data plus the synthetic 2,000-review
   archive built by bench/search.py's own builder, with its search index. The cache is the
   Redis server at REDIS_URL (127.0.0.1:6379 by default) under a prefix of the benchmark's own.
2. gunicorn serves it with gunicorn.conf.py (access log off), debug off, HTTPS off (loopback).
3. wrk (Debian package `wrk`; installed with apt-get when missing and run as root) drives 64
   connections for 30 s at each of `/`, `/reviews/`, a review page, `/help/` and a search, and
   at the static CSS file, in the same run and in five interleaved rounds of 6 s (see
   `measure`): median and p99 latency, requests per second, errors and non-2xx answers, and
   each page's throughput as a share of the static file's. Once with
   the page cache (`cached`), once with a second server whose cache keeps nothing
   (`uncached`: DHR_PAGE_CACHE_SECONDS=0).
4. How long after a change the last worker still serves the old page: the review page is
   warmed in every worker, another process changes its summary (as an officer's save would),
   and 8 threads keep asking for it meanwhile; the latest request sent after the change was
   committed that still got the old page, five times.
5. During a further 30 s run, one worker is killed with SIGKILL after 10 s; the requests lost
   (socket errors and non-2xx answers) are counted.
6. The weight of `/help/` with its CSS, JavaScript and icon as a browser receives it (Brotli),
   measured by bench/page_weight.py's `help_weight`.
7. Lighthouse (npm, pinned in package.json) against Debian's chromium: mobile performance and
   accessibility scores for `/`, `/reviews/` and `/help/`.

Run: `make bench`, or `python bench/load.py` (`--reviews 200` for a quick look, `--reuse` to
keep the database of an earlier run, `--seconds 10` for shorter wrk runs). Figures go to stdout
and bench/out/load.json; BENCHMARKS.md records them.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
POSTGRES_URL = os.environ.get(
    "BENCH_LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/dhrsite_load_bench"
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CONNECTIONS = 64
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p99_ms": %.3f, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
end
"""


def log(message):
    print(message, flush=True)


def build_database(reviews, reuse):
    """Migrate, load the demo data and the synthetic archive (bench/search.py's builder)."""
    os.environ["BENCH_POSTGRES_URL"] = POSTGRES_URL
    sys.path.insert(0, str(ROOT))
    from django.core.management import call_command

    from bench import search

    marker = OUT / "load-database.json"
    if reuse and marker.exists() and json.loads(marker.read_text())["reviews"] == reviews:
        log(f"reusing the database of an earlier run ({POSTGRES_URL})")
        search.setup_django("postgresql")
        call_command("migrate", verbosity=0)  # the indexes of any newer migration
        analyze()
        return
    marker.unlink(missing_ok=True)
    search.fresh_database("postgresql")
    os.environ["DJANGO_MEDIA_ROOT"] = str(OUT / "load-media")
    search.setup_django("postgresql")
    from reviews.search import rebuild_index

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    search.build_archive(reviews, search.random.Random(search.SEED))
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    rebuild_index()
    analyze()
    log(f"database ready in {time.perf_counter() - started:.0f} s")
    marker.write_text(json.dumps({"reviews": reviews}))


def analyze():
    """The database as autovacuum keeps a live one (it is off on this machine's PostgreSQL):
    planner statistics (right after a bulk load PostgreSQL guesses a few dozen reviews and
    picks nested loops that take seconds), no dead rows from the index build, and the
    visibility map that lets a count be answered from an index."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(prefix, cache_seconds=None):
    env = {
        **os.environ,
        "DATABASE_URL": POSTGRES_URL,
        "DJANGO_MEDIA_ROOT": str(OUT / "load-media"),
        "DJANGO_SECRET_KEY": "load-benchmark-only",
        "DJANGO_HTTPS": "0",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": REDIS_URL,
        "DHR_CACHE_PREFIX": prefix,
    }
    if cache_seconds is not None:
        env["DHR_PAGE_CACHE_SECONDS"] = str(cache_seconds)
    return env


def start_server(env):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own server
        [
            sys.executable,
            "-m",
            "gunicorn",
            "dhrsite.wsgi",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=5).read()  # noqa: S310
            return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit("gunicorn did not answer /healthz within 60 s")


def stop_server(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def fetch(url, encoding=None):
    headers = {"Accept-Encoding": encoding} if encoding else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("wrk is needed: apt-get install wrk")
    log("installing wrk (Debian package)")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)  # noqa: S607


def wrk(url, seconds, script):
    output = subprocess.run(  # noqa: S603
        [  # noqa: S607 - wrk from the system's PATH
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    report = json.loads(output.strip().splitlines()[-1])
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    report["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    report["errors"] = sum(report[k] for k in ("connect", "read", "write", "timeout"))
    report["rps"] = report["requests"] / report["seconds"]
    return report


def page_urls(base):
    _status, _headers, html = fetch(base + "/reviews/ellie/")
    css = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', html).group(1).decode()
    return [
        ("/", "/"),
        ("/reviews/", "/reviews/"),
        ("review page", "/reviews/ellie/"),
        ("/help/", "/help/"),
        ("search", "/reviews/?q=coercive+control"),
        # Not a target: Django's own floor, a view that reads no database and no template
        # (every middleware runs), for what an uncached page could at best reach here.
        ("robots.txt", "/robots.txt"),
    ], css


def measure(base, seconds, script, label, rounds):
    """Each page's throughput as a share of the static file's, measured in interleaved rounds.

    On a shared machine the rate drifts during a run (the static file alone moved by half in
    one 30 s run): each round runs the static file and then every page for `seconds / rounds`,
    a page's share in a round is taken against the mean of the static file's rate at that
    round's start and at the next one's (a last static run closes the final round), and its
    figure is the median of its rounds' shares."""
    pages, css = page_urls(base)
    for _name, path in [("static CSS", css), *pages]:
        status, _headers, _body = fetch(base + path)
        assert status == 200, (path, status)
        fetch(base + path)  # the page is now in the cache, where it can be
    each = max(2, round(seconds / rounds))
    runs = {name: [] for name, _path in [("static CSS", css), *pages]}
    for number in range(rounds):
        for name, path in [("static CSS", css), *pages]:
            runs[name].append(wrk(base + path, each, script))
        log(f"[{label}] round {number + 1} of {rounds}: " + _round_line(runs, number))
    runs["static CSS"].append(wrk(base + css, each, script))
    static_rates = [run["rps"] for run in runs["static CSS"]]
    results = {}
    for name, path in [("static CSS", css), *pages]:
        shares = [
            run["rps"] / ((static_rates[n] + static_rates[n + 1]) / 2)
            for n, run in enumerate(runs[name][:rounds])
        ]
        results[name] = {
            "path": path,
            "requests": sum(run["requests"] for run in runs[name]),
            "seconds": sum(run["seconds"] for run in runs[name]),
            "rps": statistics.median(run["rps"] for run in runs[name]),
            "rps_rounds": [round(run["rps"]) for run in runs[name]],
            "p50_ms": statistics.median(run["p50_ms"] for run in runs[name]),
            "p99_ms": max(run["p99_ms"] for run in runs[name]),
            "errors": sum(run["errors"] for run in runs[name]),
            "non_2xx": sum(run["non_2xx"] for run in runs[name]),
            "ratio_to_static": statistics.median(shares),
            "ratio_rounds": [round(share, 2) for share in shares],
        }
        report = results[name]
        log(
            f"[{label}] {name:12} {report['rps']:8.0f} req/s  p50 {report['p50_ms']:6.1f} ms  "
            f"p99 {report['p99_ms']:6.1f} ms  errors {report['errors']}  "
            f"non-2xx {report['non_2xx']}  share {report['ratio_to_static']:.2f} "
            f"(rounds {', '.join(f'{share:.2f}' for share in report['ratio_rounds'])})"
        )
    log(
        f"[{label}] static CSS {min(static_rates):.0f}-{max(static_rates):.0f} req/s over the "
        "rounds; each page's share, the median of its rounds: "
        + ", ".join(f"{name} {report['ratio_to_static']:.2f}" for name, report in results.items())
    )
    return results


def _round_line(runs, number):
    return ", ".join(f"{name} {rates[number]['rps']:.0f}" for name, rates in runs.items())


STALENESS_PATH = "/reviews/ellie/"
STALENESS_TRIALS = 5
# Run by a process of its own, as an officer's save or a command would be: Ellie's summary is
# set to argv[1] (or printed when there is none), and the moment of the commit printed.
SUMMARY_SCRIPT = """
import os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhrsite.settings")
django.setup()
from reviews.models import Review
review = Review.objects.get(slug="ellie")
if len(sys.argv) < 2:
    print(review.summary, end="")
else:
    review.summary = sys.argv[1]
    review.save()
    print(time.time())
"""


def ellie_summary(env, *new):
    """Ellie's summary, or (given one) the moment a new one was committed, by another process."""
    return subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", SUMMARY_SCRIPT, *new],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def staleness(base, env):
    """For each of STALENESS_TRIALS changes: how long after its commit the last request was sent
    that was still answered with the page as it was."""
    import threading

    summary = ellie_summary(env)
    trials = []
    try:
        for trial in range(STALENESS_TRIALS):
            marker = f"staleness-probe-{uuid.uuid4().hex[:8]}".encode()
            answers, stop = [], threading.Event()

            def ask(marker=marker, answers=answers, stop=stop):
                while not stop.is_set():
                    sent = time.time()
                    answers.append((sent, marker in fetch(base + STALENESS_PATH)[2]))

            for _ in range(200):  # every worker has the page in its own copy
                fetch(base + STALENESS_PATH)
            threads = [threading.Thread(target=ask) for _ in range(8)]
            for thread in threads:
                thread.start()
            time.sleep(0.3)
            committed = float(ellie_summary(env, f"{summary} {marker.decode()}").split()[-1])
            time.sleep(1.5)
            stop.set()
            for thread in threads:
                thread.join()
            after = [new for sent, new in answers if sent >= committed]
            old = [sent - committed for sent, new in answers if sent >= committed and not new]
            trials.append(
                {
                    "requests_after": len(after),
                    "old_after": len(old),
                    "last_old_after_ms": max(old) * 1000 if old else 0.0,
                }
            )
            log(
                f"[staleness {trial + 1}] {len(after)} requests sent after the change, {len(old)} "
                f"answered with the old page, the last sent {trials[-1]['last_old_after_ms']:.1f} "
                "ms after the commit"
            )
    finally:
        ellie_summary(env, summary)
    worst = max(trial["last_old_after_ms"] for trial in trials)
    return {"path": STALENESS_PATH, "trials": trials, "worst_ms": worst}


def worker_pids(master):
    output = subprocess.run(  # noqa: S603
        ["pgrep", "-P", str(master.pid)],  # noqa: S607
        capture_output=True,
        text=True,
    ).stdout
    return [int(pid) for pid in output.split()]


def kill_a_worker(base, master, seconds, script):
    """wrk on the review page; one worker killed with SIGKILL a third of the way through."""
    workers = worker_pids(master)
    holder = {}

    def kill_later():
        time.sleep(seconds / 3)
        # Workers are recycled after GUNICORN_MAX_REQUESTS, so look them up now.
        victim = worker_pids(master)[0]
        os.kill(victim, signal.SIGKILL)
        holder["killed"] = victim

    import threading

    killer = threading.Thread(target=kill_later)
    killer.start()
    report = wrk(base + "/reviews/ellie/", seconds, script)
    killer.join()
    time.sleep(2)
    report["workers_before"] = len(workers)
    report["workers_after"] = len(worker_pids(master))
    report["killed_pid"] = holder.get("killed")
    report["lost"] = report["errors"] + report["non_2xx"]
    log(
        f"[worker killed] {report['rps']:.0f} req/s, lost {report['lost']} of "
        f"{report['requests']} (errors {report['errors']}, non-2xx {report['non_2xx']}); "
        f"workers {report['workers_before']} -> {report['workers_after']}"
    )
    return report


def help_page_weight(base):
    """Bytes a browser receives for /help/ and what it loads (bench/page_weight.py), here from
    gunicorn."""
    from bench import page_weight

    def get(path, encoding):
        status, headers, body = fetch(base + path, encoding)
        return status, list(headers.items()), body

    weight = page_weight.help_weight(get)
    log("/help/ weight: " + page_weight.describe(weight))
    return weight


LIGHTHOUSE_ATTEMPTS = 3


def lighthouse(base):
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        log("lighthouse is not installed (npm ci): skipped")
        return None
    scores = {}
    for path in ("/", "/reviews/", "/help/"):
        # On a busy machine a run can end without a performance score (Chromium missed the
        # page's paint within Lighthouse's limits); such a run is repeated, and said.
        for attempt in range(1, LIGHTHOUSE_ATTEMPTS + 1):
            scores[path] = lighthouse_page(binary, base + path)
            if scores[path] and scores[path]["performance"] is not None:
                break
            log(f"lighthouse {path}: no performance score (attempt {attempt}): {scores[path]}")
        log(f"lighthouse {path}: {scores[path]}")
    return scores


def lighthouse_page(binary, url):
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        run = subprocess.run(  # noqa: S603
            [
                str(binary),
                url,
                "--form-factor=mobile",
                "--only-categories=performance,accessibility",
                "--output=json",
                f"--output-path={output}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--quiet",
            ],
            env={
                **os.environ,
                "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
            },
            check=False,
            capture_output=True,
            text=True,
        )
        if not output.exists():
            log(f"lighthouse {url} failed: {run.stderr[-2000:]}")
            return None
        report = json.loads(output.read_text())
    categories = report["categories"]
    audits = report["audits"]
    return {
        "performance": categories["performance"]["score"],
        "accessibility": categories["accessibility"]["score"],
        "fcp_ms": audits["first-contentful-paint"].get("numericValue"),
        "lcp_ms": audits["largest-contentful-paint"].get("numericValue"),
        "tbt_ms": audits["total-blocking-time"].get("numericValue"),
        "cls": audits["cumulative-layout-shift"].get("numericValue"),
        "runtime_error": (report.get("runtimeError") or {}).get("code"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=30, help="each address's time in wrk")
    parser.add_argument("--rounds", type=int, default=5, help="that time split into rounds")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--skip-lighthouse", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_wrk()
    build_database(args.reviews, args.reuse)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=server_env("unused"),
        check=True,
    )
    prefix = f"dhr-load-{uuid.uuid4().hex[:8]}"
    results = {"reviews": args.reviews, "connections": CONNECTIONS, "seconds": args.seconds}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    try:
        process, base = start_server(server_env(prefix))
        try:
            results["workers"] = len(worker_pids(process))
            results["cached"] = measure(base, args.seconds, script.name, "cached", args.rounds)
            results["staleness"] = staleness(base, server_env(prefix))
            results["worker_killed"] = kill_a_worker(base, process, args.seconds, script.name)
            results["help_weight"] = help_page_weight(base)
            if not args.skip_lighthouse:
                results["lighthouse"] = lighthouse(base)
        finally:
            stop_server(process)
        process, base = start_server(server_env(prefix + "-u", cache_seconds=0))
        try:
            results["uncached"] = measure(base, args.seconds, script.name, "uncached", args.rounds)
        finally:
            stop_server(process)
    finally:
        os.unlink(script.name)
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)
    (OUT / "load.json").write_text(json.dumps(results, indent=1))
    log(f"figures written to {OUT / 'load.json'}")


if __name__ == "__main__":
    main()
