"""Real traffic: the long tail of the catalog's pages, measured against the framework floor.

Builds a throwaway site (as scripts/bench.py does), serves it with gunicorn, and serves
the framework floor (scripts/floor/floor_site.py: a bare Django view behind Django's
default middleware, no database) with the same gunicorn settings. Then, in interleaved
rounds, wrk measures:

- ``floor``: the bare view, the 1.0 everything is compared with;
- ``healthz``: the project's own cheapest path (its middleware stack);
- ``crawler``: a uniformly random page of the sitemap per request (nearly all misses),
  starting with the Redis page cache emptied: pages come from the built pages;
- ``shoppers``: pages by popularity falling off as 1/rank (Zipf), while a sync changes
  one variant's price about twice a second through the API, and an anonymous API client
  checks that each change is visible within 2 s.

Each mode reports requests per second, its ratio to the floor, latency, non-2xx answers
and its cache hit rate (the X-Cache header).

    BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/catalog_bench \\
    REDIS_URL=redis://127.0.0.1:6379/9 \\
        python scripts/traffic.py --scale --out test-artifacts/bench/traffic.json

Exits 1 when an answer under load is not 2xx or a request fails, or a price change is
not visible within 2 s; 2 when the benchmark cannot run.
"""

import argparse
import collections
import contextlib
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # the shared site-building and wrk helpers

TARGETS = {"crawler": 0.20, "shoppers": 0.40}
# A miss is flat when at 10k/2k it takes at most 20 % longer than on the demo catalog
# (plus 0.3 ms for the timer's noise) and runs the same queries.
FLAT_TIME = 0.20
FLAT_SLACK_MS = 0.3
MID_SIZE = (1_000, 200)  # products, articles: listings are full pages from here on
VISIBLE_WITHIN = 2.0
WRITES_PER_SECOND = 2.0

# wrk: paths from a file (one per line, with a weight for the shoppers), picked at random
# per request; X-Cache hits counted per thread and summed at the end.
LUA = r"""
local paths, cumulative, total = {}, {}, 0
hits, built, misses = 0, 0, 0  -- globals: done() reads them from each thread
local threads, counter = {}, 0

setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

init = function(args)
  for line in io.lines(args[1]) do
    local weight, path = line:match("^(%S+) (.+)$")
    total = total + tonumber(weight)
    table.insert(paths, path)
    table.insert(cumulative, total)
  end
  math.randomseed(tonumber(args[2]) * 100 + id)
end

request = function()
  local r = math.random() * total
  local lo, hi = 1, #cumulative
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo])
end

response = function(status, headers, body)
  local state = headers["X-Cache"]
  if state == "hit" then hits = hits + 1
  elseif state == "built" then built = built + 1
  elseif state == "miss" then misses = misses + 1 end
end

done = function(summary, latency, requests)
  local h, b, m = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    b = b + thread:get("built")
    m = m + thread:get("misses")
  end
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "hits": %d, "built": %d, "misses": %d}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, h, b, m))
end
"""


def sitemap_paths(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=60) as response:
        xml = response.read().decode()
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]
    # Product and article pages in both languages (/hi/... for Hindi).
    pages = ("/products/", "/articles/")
    return [path for path in paths if path.removeprefix("/hi").startswith(pages)]


def write_paths(path: Path, paths: list[str], *, zipf: bool, seed: int) -> None:
    """One "weight path" per line: equal weights, or 1/rank over a shuffled order."""
    ordered = list(paths)
    random.Random(seed).shuffle(ordered)
    lines = [f"{(1 / rank) if zipf else 1:.9f} {p}" for rank, p in enumerate(ordered, 1)]
    path.write_text("\n".join(lines) + "\n")


def run_mode(wrk: str, script: Path, url: str, args, *extra: str) -> dict:
    command = [
        wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        url,
        "--",
        *extra,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 90)
    match = re.search(r"^BENCH (\{.*\})$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match:
        raise bench.BenchError(f"wrk failed on {url}:\n{result.stdout}{result.stderr}")
    data = json.loads(match.group(1))
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "timeout"))
    return data


class PriceSync:
    """Changes one variant's price about twice a second through the API, as an ERP sync
    would, and after each change polls the anonymous API until the price shows."""

    def __init__(self, base: str, token: str, targets: list[tuple[str, str]]):
        self.base, self.token, self.targets = base, token, targets
        self.delays: list[float] = []
        self.failures = 0
        self.reasons: collections.Counter = collections.Counter()
        self.late = 0
        self._stop = threading.Event()
        self._active = threading.Event()  # writes only while the shoppers are measured
        self._thread = threading.Thread(target=self.loop, daemon=True)

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    def start(self):
        self._active.set()
        if not self.started:
            self._thread.start()

    def pause(self):
        self._active.clear()

    def stop(self):
        self._stop.set()
        self._active.set()
        if self.started:
            self._thread.join(30)

    def loop(self):
        rng = random.Random(7)
        step = 0
        while not self._stop.is_set():
            self._active.wait()
            if self._stop.is_set():
                break
            started = time.monotonic()
            sku, product, highest = rng.choice(self.targets)
            step += 1
            low = max(1, highest - 400)
            value = f"{low + step % (highest - low + 1)}.00"
            request = urllib.request.Request(
                f"{self.base}/api/v1/variants/{sku}/",
                data=json.dumps({"price": value}).encode(),
                method="PATCH",
                headers={
                    "Authorization": f"Token {self.token}",
                    "Content-Type": "application/json",
                },
            )
            try:
                urllib.request.urlopen(request, timeout=10).read()
            except Exception as exc:  # counted, the run reports it
                self.failed("PATCH", exc)
                self._stop.wait(1 / WRITES_PER_SECOND)
                continue
            self.delays.append(self.visible_after(product, sku, value, time.monotonic()))
            rest = 1 / WRITES_PER_SECOND - (time.monotonic() - started)
            if rest > 0:
                self._stop.wait(rest)

    def failed(self, method: str, exc: Exception) -> None:
        self.failures += 1
        detail = f"{exc.code} {exc.read()[:200]!r}" if hasattr(exc, "code") else repr(exc)
        self.reasons[f"{method} {detail}"] += 1

    def visible_after(self, product: str, sku: str, value: str, since: float) -> float:
        while True:
            try:
                with urllib.request.urlopen(
                    f"{self.base}/api/v1/products/{product}/", timeout=10
                ) as response:
                    data = json.loads(response.read())
                prices = {v["sku"]: v["price"] for v in data["variants"]}
                if prices.get(sku) == value:
                    return time.monotonic() - since
            except Exception as exc:  # a failed read is a failure to see it
                self.failed("GET", exc)
            if time.monotonic() - since > VISIBLE_WITHIN * 5:
                self.late += 1
                return time.monotonic() - since
            time.sleep(0.05)


def staff_token(env: dict) -> str:
    bench.manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": "bench-only-password"},
        "createsuperuser",
        "--noinput",
        "--username",
        "bench-sync",
        "--email",
        "sync@bench.invalid",
    )
    out = subprocess.run(
        [str(bench.PYTHON), "manage.py", "drf_create_token", "bench-sync"],
        cwd=bench.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split()[2]


def sync_targets(env: dict, limit: int = 200) -> list[tuple[str, str, int]]:
    """(SKU, product slug, highest valid price) of published products' packs the sync
    will reprice: below the pack's compare-at price, and never above its MRP."""
    code = (
        "import django; django.setup();"
        "from catalog.models import Variant;"
        "import json;"
        "print('BENCH ' + json.dumps([[v.sku, v.product.slug, "
        "int(v.compare_at_price - 1 if v.compare_at_price else v.mrp)] for v in "
        "Variant.objects.filter(product__status='published').select_related('product')"
        f".order_by('pk')[:{limit}]]))"
    )
    out = subprocess.run(
        [str(bench.PYTHON), "-c", code], cwd=bench.ROOT, env=env, capture_output=True, text=True
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH ")), None)
    if out.returncode != 0 or line is None:
        raise bench.BenchError(f"could not list variants:\n{out.stdout}{out.stderr}")
    return [tuple(pair) for pair in json.loads(line[6:])]


def forget_cached_pages(env: dict) -> int:
    """Empty the Redis page cache (its entries, not the tags' versions), as it is a few
    minutes after the pages were built: a crawler then reads built pages from the
    database, and the cache only keeps what it asks for twice."""
    if not env.get("REDIS_URL"):
        return 0
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    pattern = f"{env['DJANGO_CACHE_PREFIX']}:*:page-cache:[0-9a-f]*"
    keys = list(client.scan_iter(match=pattern, count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])
    return len(keys)


def misses(env: dict, repeat: int) -> dict:
    """scripts/misses.py on the site's database: each page's cost when nothing is
    cached or built."""
    result = subprocess.run(
        [str(bench.PYTHON), "scripts/misses.py", "--repeat", str(repeat)],
        cwd=bench.ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH ")), None)
    if result.returncode != 0 or line is None:
        raise bench.BenchError(f"measuring misses failed:\n{result.stdout}{result.stderr}")
    return json.loads(line[6:])


def flatness(sizes: dict[str, dict]) -> dict:
    """Per URL: the miss at each size, and whether it stayed flat as the catalog grew to
    scale (time within FLAT_TIME, the same queries): a detail from the demo catalog on,
    a listing from the mid size on (where its pages are full). The whole-catalog
    documents grow with the catalog by nature and are shown, not judged."""
    import misses as pages

    rows = {}
    for url in pages.URLS:
        base = sizes["mid"] if url in pages.LISTINGS else sizes["demo"]
        before, after = base[url], sizes["scale"][url]
        flat = (
            after["status"] == before["status"] == 200
            and after["queries"] == before["queries"]
            and after["ms"] <= before["ms"] * (1 + FLAT_TIME) + FLAT_SLACK_MS
        )
        rows[url] = {
            **{
                f"{size}_{key}": sizes[size][url][key]
                for size in sizes
                for key in ("ms", "queries", "status")
            },
            "compared_from": "mid" if url in pages.LISTINGS else "demo",
            "flat": None if url in pages.WHOLE_CATALOG else flat,
        }
    return rows


def median(rounds: list[dict]) -> dict:
    ordered = sorted(rounds, key=lambda r: r["rps"])
    return ordered[len(ordered) // 2]


def run(args, work: Path) -> dict:
    wrk = bench.find_wrk()
    env, database_url = bench.site_env(work)
    # Production's way of rendering dropped pages again: the task runner's database
    # backend, with a worker beside the app servers.
    env["DJANGO_TASKS_BACKEND"] = "database"
    postgresql = database_url.startswith("postgres")
    measured = {}

    def on_demo(site_env):
        if args.scale:
            log("Measuring misses on the demo catalog...")
            measured["demo"] = misses(site_env, args.miss_repeat)
            products, articles = MID_SIZE
            log(f"Measuring misses at +{products} products / {articles} articles...")
            bench.manage(
                site_env,
                "generate_catalog",
                f"--products={products}",
                f"--articles={articles}",
                "-v",
                "0",
            )
            measured["mid"] = misses(site_env, args.miss_repeat)

    timings = bench.build_site(env, database_url, work, args, on_demo=on_demo)
    if args.scale:
        log("Measuring misses at scale...")
        measured["scale"] = misses(env, args.miss_repeat)
    token = staff_token(env)
    targets = sync_targets(env)
    site, base = bench.start_server(env, work, args.workers)
    host = base.removeprefix("http://")
    log(f"Building the public pages for {host}...")
    timings["build_pages_s"] = bench.manage(
        env, "build_pages", "--host", host, "--no-api", "--jobs", "2"
    )
    worker = subprocess.Popen(
        [str(bench.PYTHON), "manage.py", "db_worker"],
        cwd=bench.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "worker.log", "wb"),  # noqa: SIM115 - lives as long as the worker
        start_new_session=True,
    )
    floor_command = [
        str(bench.BIN / "gunicorn"),
        "-c",
        str(bench.ROOT / "gunicorn.conf.py"),
        "--no-control-socket",
        "--chdir",
        str(bench.ROOT / "scripts" / "floor"),
        "floor_site:application",
    ]
    floor, floor_base = bench.start_server(
        env, work, args.workers, command=floor_command, name="floor", probe="/floor"
    )
    sync = None
    try:
        paths = sitemap_paths(base)
        log(f"{len(paths)} product and article pages in the sitemap")
        crawler_paths, shopper_paths = work / "crawler.txt", work / "shoppers.txt"
        write_paths(crawler_paths, paths, zipf=False, seed=args.seed)
        write_paths(shopper_paths, paths, zipf=True, seed=args.seed)
        single = work / "single.lua"
        single.write_text(bench.WRK_SCRIPT)
        script = work / "paths.lua"
        script.write_text(LUA)

        def crawl(n):
            log(f"  crawler: {forget_cached_pages(env)} cached pages forgotten first")
            return run_mode(wrk, script, base, args, str(crawler_paths), str(n))

        modes = {
            "floor": lambda n: bench.run_wrk(
                wrk,
                single,
                floor_base + "/floor",
                seconds=args.duration,
                threads=args.threads,
                connections=args.connections,
            ),
            "healthz": lambda n: bench.run_wrk(
                wrk,
                single,
                base + "/healthz",
                seconds=args.duration,
                threads=args.threads,
                connections=args.connections,
            ),
            "crawler": lambda n: crawl(n),
            "shoppers": lambda n: run_mode(wrk, script, base, args, str(shopper_paths), str(n)),
        }
        rounds: dict[str, list[dict]] = {name: [] for name in modes}
        sync = PriceSync(base, token, targets)
        for number in range(1, args.rounds + 1):
            log(f"Round {number}/{args.rounds}: {len(modes)} modes x {args.duration} s")
            for name, measure in modes.items():
                if name == "shoppers":
                    sync.start()
                rounds[name].append(measure(args.seed + number))
                sync.pause()
        sync.stop()
    finally:
        if sync is not None:
            sync.stop()
        bench.stop(site)
        bench.stop(floor)
        bench.stop(worker)
        if postgresql:
            with contextlib.suppress(Exception):
                bench.postgres(database_url, "drop")
    floor_rps = median(rounds["floor"])["rps"]
    rows = {}
    for name, results in rounds.items():
        middle = median(results)
        served = sum(r.get("hits", 0) + r.get("built", 0) + r.get("misses", 0) for r in results)
        rows[name] = {
            "rps": round(middle["rps"], 1),
            "ratio": round(middle["rps"] / floor_rps, 3) if floor_rps else 0.0,
            "p50_ms": middle["p50_us"] / 1000,
            "p99_ms": middle["p99_us"] / 1000,
            "non_2xx": sum(r["status"] for r in results),
            "errors": sum(r["errors"] for r in results),
            "requests": sum(r["requests"] for r in results),
            "hit_rate": round(sum(r.get("hits", 0) for r in results) / served, 3)
            if served
            else None,
            "built_rate": round(sum(r.get("built", 0) for r in results) / served, 3)
            if served
            else None,
            "rounds_rps": [round(r["rps"], 1) for r in results],
        }
    delays = sorted(sync.delays)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "database": "PostgreSQL" if postgresql else "SQLite",
        "cache": "Redis" if env.get("REDIS_URL") else "none (no shared store)",
        "scale": {"products": args.products, "articles": args.articles} if args.scale else None,
        "pages": len(paths),
        "method": {
            "workers": args.workers,
            "threads": args.threads,
            "connections": args.connections,
            "rounds": args.rounds,
            "seconds_per_round": args.duration,
            "writes_per_second": WRITES_PER_SECOND,
            "miss_repeat": args.miss_repeat,
        },
        "setup_seconds": {key: round(value, 1) for key, value in timings.items()},
        "machine": bench.machine(),
        "commit": bench.revision(),
        "modes": rows,
        "misses": flatness(measured) if measured else None,
        "sync": {
            "changes": len(delays),
            "failures": sync.failures,
            "failure_reasons": dict(sync.reasons),
            "late": sum(1 for d in delays if d > VISIBLE_WITHIN),
            "visible_p50_s": round(delays[len(delays) // 2], 3) if delays else None,
            "visible_max_s": round(delays[-1], 3) if delays else None,
        },
    }


def log(message: str) -> None:
    bench.log(message)


def markdown(results: dict) -> str:
    scale = results["scale"]
    title = (
        f"Traffic: {results['database']}, cache {results['cache']}, "
        + (f"+{scale['products']} products / {scale['articles']} articles, " if scale else "")
        + f"{results['pages']} pages, {results['date']}"
    )
    lines = [
        f"### {title}",
        "",
        f"Commit {results['commit']}. Ratio: requests per second over the floor's (a bare "
        "Django view, default middleware, same gunicorn), medians of the rounds.",
        "",
        "| mode | req/s | ratio | target | cache hits | built pages | p50 ms | p99 ms | non-2xx "
        "| errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in results["modes"].items():
        target = TARGETS.get(name)
        hit = "—" if row["hit_rate"] is None else f"{row['hit_rate']:.0%}"
        built = "—" if row["built_rate"] is None else f"{row['built_rate']:.0%}"
        lines.append(
            f"| {name} | {row['rps']:.0f} | {row['ratio']:.3f} | "
            f"{'≥ ' + format(target, '.2f') if target else '—'} | {hit} | {built} | "
            f"{row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['non_2xx']} | {row['errors']} |"
        )
    sync = results["sync"]
    lines += [
        "",
        f"Price sync during the shoppers' rounds: {sync['changes']} changes, visible to an "
        f"anonymous API client after {sync['visible_p50_s']} s (median), "
        f"{sync['visible_max_s']} s at most; {sync['late']} later than {VISIBLE_WITHIN:g} s, "
        f"{sync['failures']} failed requests.",
        *(f"- {count} x {reason}" for reason, count in sync["failure_reasons"].items()),
    ]
    if results.get("misses"):
        products, articles = MID_SIZE
        lines += [
            "",
            "Misses, in-process with nothing cached or built: best ms of "
            f"{results['method'].get('miss_repeat', 15)} renderings (queries) on the demo "
            f"catalog, at +{products}/{articles} and at scale. Flat: at most "
            f"+{FLAT_TIME:.0%} time (+{FLAT_SLACK_MS} ms) and the same queries at scale as "
            "on the demo catalog for a detail, as at the middle size for a listing (the "
            "demo cannot fill its pages).",
            "",
            "| URL | demo | middle | scale | flat |",
            "|---|---:|---:|---:|---|",
        ]

        def cell(row, size):
            if row[f"{size}_status"] != 200:
                return f"({row[f'{size}_status']})"
            return f"{row[f'{size}_ms']:.1f} ({row[f'{size}_queries']})"

        for url, row in results["misses"].items():
            flat = {True: "yes", False: "**no**", None: "whole catalog"}[row["flat"]]
            if row["flat"] is not None:
                flat += f", from {'middle' if row['compared_from'] == 'mid' else 'demo'}"
            lines.append(
                f"| `{url}` | {cell(row, 'demo')} | {cell(row, 'mid')} | "
                f"{cell(row, 'scale')} | {flat} |"
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write results as JSON here (and .md beside)")
    parser.add_argument("--scale", action="store_true", help="add generate_catalog's catalog")
    parser.add_argument("--products", type=int, default=10_000, help="with --scale")
    parser.add_argument("--articles", type=int, default=2_000, help="with --scale")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per mode and round")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--miss-repeat", type=int, default=15, help="renderings per URL for the misses"
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="catalog-traffic-"))
    try:
        results = run(args, work)
    except bench.BenchError as exc:
        print(f"traffic: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("traffic: interrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = markdown(results)
    print("\n" + text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n")
        args.out.with_suffix(".md").write_text(text)
        print(f"Wrote {args.out} and {args.out.with_suffix('.md')}")
    bad = sum(row["non_2xx"] + row["errors"] for row in results["modes"].values())
    if bad or results["sync"]["late"] or results["sync"]["failures"]:
        print("traffic: failed answers, or changes not visible in time", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
