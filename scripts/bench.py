"""Throughput and latency of the storefront and API under production settings.

Builds a throwaway site (database, media, static files), serves it with gunicorn
(2 sync workers, DEBUG off) on a free 127.0.0.1 port, and measures each URL with wrk,
interleaved: every round visits every URL in turn, and each URL's median round is
reported, with its ratio to `/healthz` (the framework floor) measured in the same run.

    python scripts/bench.py --out bench-results/normal.json
    python scripts/bench.py --no-cache --out bench-results/no-cache.json
    python scripts/bench.py --scale --baseline bench-results/normal.json \\
        --out bench-results/scale.json

Environment:
    BENCH_DATABASE_URL  a PostgreSQL URL naming a database this script creates, fills
                        and drops (default: an SQLite file in a temporary folder)
    REDIS_URL           use Redis as the cache (keys under a fresh prefix)

Exits 1 when any response under load is not 2xx/3xx or a request fails, 2 when the
benchmark itself cannot run.
"""

import argparse
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("BIN") or ROOT / ".venv" / "bin")
PYTHON = BIN / "python" if (BIN / "python").exists() else Path(sys.executable)

FLOOR = "/healthz"
URLS = [
    (FLOOR, "floor"),
    ("/", "page"),
    ("/uses/muscle-joint-pain/", "page"),
    ("/products/muscle-joint-pain-drops/", "page"),
    ("/articles/lower-back-spasms-exercises/", "page"),
    ("/api/v1/products/", "api-list"),
    ("/api/v1/products/muscle-joint-pain-drops/", "api-detail"),
]
# Issue 5's targets: ratio of a URL's throughput to the floor's.
TARGETS_CACHED = {
    "/products/muscle-joint-pain-drops/": 0.60,
    "/articles/lower-back-spasms-exercises/": 0.60,
    "/api/v1/products/muscle-joint-pain-drops/": 0.50,
    "/api/v1/products/": 0.40,
}
TARGET_UNCACHED_PAGES = 0.25
SCALE_TOLERANCE = 0.10

# wrk prints this line after its own report: everything the table needs, in one object.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
"""


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def find_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: installing Debian's package wrk...")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "wrk"]
        if subprocess.run(install, env=env, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run(install, env=env, capture_output=True)
        wrk = shutil.which("wrk")
        if wrk:
            return wrk
    raise BenchError(
        "wrk is not installed. Install it with `sudo apt-get install wrk` (Debian/Ubuntu) "
        "or `brew install wrk` (macOS), then run again."
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres(url: str, action: str) -> None:
    """Create (after dropping) or drop the database a PostgreSQL URL names."""
    code = """
import sys, dj_database_url, psycopg
from psycopg import sql
db = dj_database_url.parse(sys.argv[1])
params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None,
          "password": db["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
    name = sql.Identifier(db["NAME"])
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
    if sys.argv[2] == "create":
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        # As deployed on SSD storage (README, Deploying).
        conn.execute(sql.SQL("ALTER DATABASE {} SET random_page_cost = 1.1").format(name))
"""
    subprocess.run([str(PYTHON), "-c", code, url, action], check=True, cwd=ROOT)


def manage(env: dict, *args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - started


def count_queries(env: dict, urls: list[str]) -> dict:
    """Each URL requested twice in-process against the same database; the second
    request's queries (the first warms per-process state) and the response size."""
    code = """
import json, os, sys, time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for url in sys.argv[1:]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    out[url] = {"status": response.status_code, "queries": len(queries.captured_queries),
                "bytes": len(response.content), "single_ms": round(elapsed * 1000, 1)}
print("BENCH " + json.dumps(out))
"""
    result = subprocess.run(
        [str(PYTHON), "-c", code, *urls],
        cwd=ROOT,
        env={**env, "DJANGO_LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH ")), None)
    if result.returncode != 0 or line is None:
        raise BenchError(f"counting queries failed:\n{result.stdout}{result.stderr}")
    return json.loads(line[6:])


def wait_until_up(base: str, server: subprocess.Popen, log_path: Path, probe=FLOOR) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited:\n{log_path.read_text()[-3000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(base + probe, timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer within 60 s:\n{log_path.read_text()[-3000:]}")


def fetch(url: str, timeout: float = 60) -> tuple[int, int, float]:
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, len(response.read()), time.perf_counter() - started
    except urllib.error.HTTPError as exc:
        return exc.code, 0, time.perf_counter() - started


def run_wrk(
    wrk: str, script: Path, url: str, *, seconds: float, threads: int, connections: int
) -> dict:
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 90)
    match = re.search(r"^BENCH (\{.*\})$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match:
        raise BenchError(f"wrk failed on {url}:\n{result.stdout}{result.stderr}")
    data = json.loads(match.group(1))
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "timeout"))
    data["connections"] = connections
    return data


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, IndexError, ValueError):
        kib = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    versions = subprocess.run(
        [
            str(PYTHON),
            "-c",
            "import django, gunicorn, sys; "
            "print(sys.version.split()[0], django.get_version(), gunicorn.__version__)",
        ],
        capture_output=True,
        text=True,
    ).stdout.split()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": versions[0] if versions else platform.python_version(),
        "django": versions[1] if len(versions) > 1 else "",
        "gunicorn": versions[2] if len(versions) > 2 else "",
        "wrk": (wrk_version.stdout + wrk_version.stderr).split("Copyright")[0].strip(),
        "load_average_at_start": os.getloadavg()[0],
    }


def revision() -> str:
    """The commit measured, marked when the working tree differs from it."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True)
    name = head.stdout.decode().strip() or "unknown"
    return name + (" + uncommitted changes" if dirty.stdout.strip() else "")


def check_targets(results: dict, *, cached: bool, baseline: dict | None) -> list[dict]:
    rows = results["urls"]
    checks = []
    if cached:
        for url, target in TARGETS_CACHED.items():
            ratio = rows[url]["ratio"]
            checks.append(
                {
                    "check": f"{url} >= {target:.2f} of the floor",
                    "value": f"{ratio:.2f}",
                    "met": ratio >= target,
                }
            )
    else:
        for url, row in rows.items():
            if row["kind"] == "page":
                checks.append(
                    {
                        "check": f"{url} >= {TARGET_UNCACHED_PAGES:.2f} of the floor (cache off)",
                        "value": f"{row['ratio']:.2f}",
                        "met": row["ratio"] >= TARGET_UNCACHED_PAGES,
                    }
                )
    if baseline:
        for url, row in rows.items():
            base = baseline["urls"].get(url)
            if not base or row["kind"] == "floor":
                continue
            change = row["ratio"] / base["ratio"] - 1 if base["ratio"] else float("inf")
            checks.append(
                {
                    "check": f"{url} throughput within 10% of the baseline (ratio to floor)",
                    "value": f"{change:+.0%}",
                    "met": change >= -SCALE_TOLERANCE,
                }
            )
            if base.get("queries") is not None and row.get("queries") is not None:
                more = row["queries"] - base["queries"]
                checks.append(
                    {
                        "check": f"{url} queries within 10% of the baseline",
                        "value": f"{base['queries']} -> {row['queries']}",
                        "met": row["queries"] <= base["queries"] * (1 + SCALE_TOLERANCE)
                        or more <= 0,
                    }
                )
    return checks


def table(results: dict) -> str:
    header = (
        "| URL | conns | req/s | p50 ms | p99 ms | non-2xx | errors | ratio to floor "
        "| queries | KiB | render ms |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
    )
    lines = []
    for url, row in results["urls"].items():
        queries = "" if row.get("queries") is None else str(row["queries"])
        if row.get("queries_cached") is not None:
            queries += f" / {row['queries_cached']}"
        size = "" if row.get("bytes") is None else f"{row['bytes'] / 1024:.1f}"
        p50, p99 = ("-" if row[key] is None else f"{row[key]:.1f}" for key in ("p50_ms", "p99_ms"))
        lines.append(
            f"| `{url}` | {row['connections']} | {row['rps']:.1f} | {p50} | {p99} "
            f"| {row['non_2xx']} | {row['errors']} | {row['ratio']:.2f} | {queries} | {size} "
            f"| {row['single_request_ms']:.0f} |"
        )
    return header + "\n".join(lines) + "\n"


def checks_text(checks: list[dict]) -> str:
    return "".join(
        f"- {'met' if c['met'] else 'NOT met'}: {c['check']} ({c['value']})\n" for c in checks
    )


def site_env(work: Path, *, no_cache: bool = False) -> tuple[dict, str]:
    """The environment of a throwaway site in ``work`` (production settings), and its
    database URL."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "DATABASE_"))
    }
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work / 'db.sqlite3'}"
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(work / "media"),
        STATIC_ROOT=str(work / "static"),
        DJANGO_API_THROTTLE_ANON="100000000/min",
        DJANGO_API_THROTTLE_USER="100000000/min",
        DJANGO_CACHE_PREFIX=f"bench-{secrets.token_hex(4)}",
    )
    if no_cache:
        env["DJANGO_CACHE_BACKEND"] = "dummy"
    return env, database_url


def build_site(env: dict, database_url: str, work: Path, args, on_demo=None) -> dict:
    """Database (created when PostgreSQL), demo catalog, the 10k/2k catalog with
    --scale, static files. Returns the seconds each step took. ``on_demo(env)`` runs
    once the demo catalog is in, before the large one is added."""
    postgresql = database_url.startswith("postgres")
    if postgresql:
        postgres(database_url, "create")
    timings = {}
    log(f"Preparing a throwaway {'PostgreSQL' if postgresql else 'SQLite'} site in {work}")
    timings["migrate_s"] = manage(env, "migrate", "--noinput", "-v", "0")
    timings["load_demo_s"] = manage(env, "load_demo", "-v", "0")
    timings["collectstatic_s"] = manage(env, "collectstatic", "--noinput", "-v", "0")
    if on_demo is not None:
        on_demo(env)
    if args.scale:
        log(f"Generating {args.products} products and {args.articles} articles...")
        timings["generate_catalog_s"] = manage(
            env,
            "generate_catalog",
            f"--products={args.products}",
            f"--articles={args.articles}",
            "-v",
            "0",
        )
    return timings


def start_server(env: dict, work: Path, workers: int, command=None, name="gunicorn", probe=FLOOR):
    """gunicorn on a free port: (process, base URL)."""
    port = free_port()
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        # Recycling workers every few thousand requests would restart them mid-run.
        "GUNICORN_MAX_REQUESTS": os.environ.get("GUNICORN_MAX_REQUESTS", "0"),
    }
    command = command or [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket"]
    log_path = work / f"{name}.log"
    with open(log_path, "wb") as server_log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=server_env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server, log_path, probe)
    except BenchError:
        stop(server)
        raise
    return server, base


def run(args, work: Path) -> dict:
    wrk = find_wrk()
    label = "scale" if args.scale else "normal"
    env, database_url = site_env(work, no_cache=args.no_cache)
    postgresql = database_url.startswith("postgres")
    timings = build_site(env, database_url, work, args)
    urls = [url for url, _ in URLS]
    log("Counting queries per URL (in-process, same database)...")
    # Built: what rendering costs (cache off). Cached: what a warm cache leaves.
    queries = count_queries({**env, "DJANGO_CACHE_BACKEND": "dummy"}, urls)
    if not args.no_cache:
        for url, counted in count_queries(env, urls).items():
            queries[url]["queries_cached"] = counted["queries"]

    server, base = start_server(env, work, args.workers)
    try:
        log(f"gunicorn ({args.workers} workers) answers on {base}; checking and warming up...")
        connections = {}
        for url in urls:
            status, size, elapsed = fetch(base + url)
            if status != 200:
                raise BenchError(f"{url} answered {status}, not 200")
            # A page slower than --slow-ms would only queue behind 16 connections:
            # measure it with one connection per worker (same throughput, no backlog).
            slow = elapsed * 1000 > args.slow_ms
            connections[url] = args.workers if slow else args.connections
            queries[url]["served_bytes"] = size
        script = work / "report.lua"
        script.write_text(WRK_SCRIPT)
        for url in urls:
            run_wrk(
                wrk,
                script,
                base + url,
                seconds=args.warmup,
                threads=args.threads,
                connections=connections[url],
            )
            fetch(base + FLOOR)
        rounds: dict[str, list[dict]] = {url: [] for url in urls}
        for number in range(1, args.rounds + 1):
            log(f"Round {number}/{args.rounds}: {len(urls)} URLs x {args.duration:g} s")
            for url in urls:
                rounds[url].append(
                    run_wrk(
                        wrk,
                        script,
                        base + url,
                        seconds=args.duration,
                        threads=args.threads,
                        connections=connections[url],
                    )
                )
                fetch(base + FLOOR)  # waits for anything still queued to be served
    finally:
        stop(server)
        if postgresql:
            with contextlib.suppress(Exception):
                postgres(database_url, "drop")

    rows = {}
    for url, kind in URLS:
        ordered = sorted(rounds[url], key=lambda r: r["rps"])
        median = ordered[len(ordered) // 2]
        rows[url] = {
            "kind": kind,
            "connections": connections[url],
            "rps": median["rps"],
            "p50_ms": median["p50_us"] / 1000 if median["requests"] else None,
            "p99_ms": median["p99_us"] / 1000 if median["requests"] else None,
            "non_2xx": sum(r["status"] for r in rounds[url]),
            "errors": sum(r["errors"] for r in rounds[url]),
            "requests": sum(r["requests"] for r in rounds[url]),
            "rounds_rps": [round(r["rps"], 1) for r in rounds[url]],
            "queries": queries[url]["queries"],
            "queries_cached": queries[url].get("queries_cached"),
            "bytes": queries[url]["served_bytes"],
            "single_request_ms": queries[url]["single_ms"],
        }
    floor = rows[FLOOR]["rps"]
    for row in rows.values():
        row["ratio"] = row["rps"] / floor if floor else 0.0
    return {
        "label": label + (" (cache off)" if args.no_cache else ""),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "database": "PostgreSQL" if postgresql else "SQLite",
        "cache": "off (DummyCache)"
        if args.no_cache
        else ("Redis" if env.get("REDIS_URL") else "local memory"),
        "scale": {"products": args.products, "articles": args.articles} if args.scale else None,
        "method": {
            "workers": args.workers,
            "threads": args.threads,
            "connections": args.connections,
            "rounds": args.rounds,
            "seconds_per_round": args.duration,
            "warmup_seconds": args.warmup,
            "slow_ms": args.slow_ms,
        },
        "setup_seconds": {key: round(value, 1) for key, value in timings.items()},
        "machine": machine(),
        "commit": revision(),
        "urls": rows,
    }


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write results as JSON here (and .md beside)")
    parser.add_argument("--scale", action="store_true", help="add generate_catalog's catalog")
    parser.add_argument("--products", type=int, default=10_000, help="with --scale")
    parser.add_argument("--articles", type=int, default=2_000, help="with --scale")
    parser.add_argument("--no-cache", action="store_true", help="DJANGO_CACHE_BACKEND=dummy")
    parser.add_argument("--baseline", type=Path, help="JSON of a normal run, to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per URL and round")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per URL")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--slow-ms",
        type=float,
        default=1000,
        help="URLs slower than this alone get one connection per worker",
    )
    args = parser.parse_args()
    baseline = json.loads(args.baseline.read_text()) if args.baseline else None

    # Ctrl-C and SIGTERM unwind through the finally blocks that stop the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="catalog-bench-"))
    try:
        results = run(args, work)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["checks"] = check_targets(results, cached=not args.no_cache, baseline=baseline)
    results["total_seconds"] = round(time.perf_counter() - started, 1)

    scale = results["scale"]
    title = (
        f"{results['label']}: {results['database']}, cache {results['cache']}"
        + (f", +{scale['products']} products / {scale['articles']} articles" if scale else "")
        + f", {results['date']}"
    )
    markdown = (
        f"### {title}\n\nCommit {results['commit']}. Queries: to build the page (cache off)"
        " / with a warm cache. Render ms: one request in-process, cache off.\n\n"
        f"{table(results)}\n{checks_text(results['checks'])}"
    )
    print("\n" + markdown)
    print(f"Total {results['total_seconds']:.0f} s; setup {results['setup_seconds']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n")
        args.out.with_suffix(".md").write_text(markdown)
        print(f"Wrote {args.out} and {args.out.with_suffix('.md')}")
    failures = sum(row["non_2xx"] + row["errors"] for row in results["urls"].values())
    if failures:
        print(f"bench: {failures} responses under load were not 2xx or failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
