"""The benchmark harness's shared parts: the stack as shipped, wrk, and result files.

Each benchmark (``bench/views_ingest.py``, ``bench/views_windows.py``, and later the
page benchmarks) builds on these: ``stack_env`` gives the environment of one stack
(embedded SQLite, or PostgreSQL + Redis) with its own data under ``var/bench/``;
``Server`` starts ``dateline serve`` on a spare port and waits for it; ``wrk_run``
drives it and ``wrk_parse`` reads wrk's ``--latency`` report; ``result_write`` keeps
a small JSON file per run in ``bench/results/``. Only the standard library is
imported here, so the parser's tests run without the stack.
"""

from __future__ import annotations

import json
import math
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
VAR_DIR = ROOT / "var" / "bench"
DATELINE = ROOT / ".venv" / "bin" / "dateline"
PORT = int(os.environ.get("BENCH_PORT", "8765"))

# The benchmark's own database and Redis db, never the developer's (override to move them).
POSTGRES_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dateline_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
STACKS = ("sqlite", "postgres")
STACK_LABELS = {
    "sqlite": "embedded default: SQLite, local-memory cache, in-process view buffer",
    "postgres": "PostgreSQL + Redis (views in Redis sorted sets)",
}
WRK_MISSING = (
    "wrk is not installed. On Debian or Ubuntu: sudo apt-get install wrk "
    "(elsewhere: https://github.com/wg/wrk). Then run the benchmark again."
)
# Variables of the caller's shell that would point a stack somewhere else.
_INHERITED = ("DATABASE_URL", "REDIS_URL", "DATELINE_ENV", "DJANGO_SETTINGS_MODULE")


def say(message: str = "") -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def stack_env(stack: str, **extra: str) -> dict[str, str]:
    """The environment of one stack, as an operator would set it (embedded defaults otherwise)."""
    if stack not in STACKS:
        raise SystemExit(f"Unknown stack {stack!r}: choose one of {', '.join(STACKS)}.")
    env = {key: value for key, value in os.environ.items() if key not in _INHERITED}
    env["PYTHONPATH"] = str(ROOT)  # this checkout's code, whatever the virtualenv points at
    env["DATELINE_VAR_DIR"] = str(VAR_DIR / stack)
    env["LOG_LEVEL"] = "WARNING"
    if stack == "postgres":
        env["DATABASE_URL"] = POSTGRES_URL
        env["REDIS_URL"] = REDIS_URL
    env.update(extra)
    return env


def manage(stack: str, *args: str, env: dict[str, str] | None = None) -> str:
    """Run ``dateline <args>`` against a stack; return its standard output."""
    result = subprocess.run(  # noqa: S603 - fixed program, arguments from this harness
        [str(DATELINE), *args],
        env=env or stack_env(stack),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"dateline {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def django_json(stack: str, code: str, *, env: dict[str, str] | None = None):
    """Run Python code in the stack's Django (``dateline shell -c``); it prints one JSON line."""
    out = manage(stack, "shell", "--no-imports", "-c", code, env=env)
    return json.loads(out.strip().splitlines()[-1])


class Server:
    """``dateline serve`` (granian, 2 workers of 2 threads, as shipped) on PORT, stopped cleanly."""

    def __init__(self, stack: str, *, env: dict[str, str], port: int = PORT, log: Path):
        self.stack, self.env, self.port, self.log = stack, env, port, log
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        handle = self.log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [str(DATELINE), "serve", "--port", str(self.port)],
            env=self.env,
            cwd=ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"dateline serve exited early; see {self.log}")
            try:
                urllib.request.urlopen(f"{self.url}/_views/", timeout=2)  # noqa: S310
            except urllib.error.HTTPError as error:
                if error.code == 405:  # the beacon answers GET with 405: the app is up
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"dateline serve did not answer within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        """SIGTERM, as an operator's Ctrl-C: the server stops its workers gracefully."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __exit__(self, *exc) -> None:
        self.stop()


def wrk_run(
    url: str,
    *,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
    threads: int = 2,
    connections: int = 16,
    duration: int = 8,
) -> dict:
    """Run wrk with --latency; return the parsed report (see ``wrk_parse``) and the command."""
    if shutil.which("wrk") is None:
        raise SystemExit(WRK_MISSING)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"wrk failed ({result.returncode}):\n{result.stderr}{result.stdout}")
    report = wrk_parse(result.stdout)
    report["command"] = " ".join(command[:-2] if script_args else command)
    return report


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m)"


def _ms(value: str, unit: str) -> float:
    return round(float(value) * _UNITS[unit], 3)


def wrk_parse(text: str) -> dict:
    """Read wrk's ``--latency`` report: rate, counts, latency percentiles in ms, errors.

    Also reads the ``status <code> <count>`` and ``sent <n>`` lines that this
    harness's Lua scripts print from ``done()``, since wrk itself only reports
    "Non-2xx or 3xx responses" and not the requests left unanswered when it stopped.
    """
    found = re.search(r"(\d+) requests in " + _DURATION, text)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not found or not rate:
        raise ValueError("not a wrk report: no 'N requests in T' or 'Requests/sec' line")
    report = {
        "requests": int(found.group(1)),
        "duration_s": _ms(found.group(2), found.group(3)) / 1000,
        "requests_per_s": float(rate.group(1)),
        "latency_ms": {},
        "socket_errors": dict.fromkeys(("connect", "read", "write", "timeout"), 0),
        "non_2xx_3xx": 0,
        "status": {},
    }
    for percent, value, unit in re.findall(r"^\s+(\d+)%\s+" + _DURATION + r"\s*$", text, re.M):
        report["latency_ms"][f"p{percent}"] = _ms(value, unit)
    average = re.search(r"Latency\s+" + _DURATION + r"\s+" + _DURATION + r"\s+" + _DURATION, text)
    if average:
        report["latency_ms"]["avg"] = _ms(average.group(1), average.group(2))
        report["latency_ms"]["max"] = _ms(average.group(5), average.group(6))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    if errors:
        report["socket_errors"] = dict(
            zip(("connect", "read", "write", "timeout"), map(int, errors.groups()), strict=True)
        )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non_2xx:
        report["non_2xx_3xx"] = int(non_2xx.group(1))
    for code, count in re.findall(r"^status (\d{3}) (\d+)$", text, re.M):
        report["status"][code] = report["status"].get(code, 0) + int(count)
    sent = re.search(r"^sent (\d+)$", text, re.M)
    if sent:
        report["sent"] = int(sent.group(1))
    return report


def measure_inside(script: str, stack: str, env: dict[str, str], *args: str) -> dict:
    """Run ``script --inside STACK ARGS`` in the stack's environment and return the JSON
    it prints on its ``RESULT`` line (measurements run in a process set up for the stack)."""
    done = subprocess.run(  # noqa: S603 - a benchmark script of ours, in the stack's environment
        [sys.executable, str(Path(script).resolve()), "--inside", stack, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    line = [row for row in done.stdout.splitlines() if row.startswith("RESULT ")]
    if done.returncode != 0 or not line:
        raise SystemExit(f"{stack}: the measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(line[0][len("RESULT ") :])


def machine() -> dict:
    """What a reader needs to weigh the figures: cores, CPU, memory, load, date."""
    cpu = "unknown"
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    with suppress(OSError, ValueError, IndexError):
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        memory_gb = round(int(first.split()[1]) / 1024 / 1024, 1)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": memory_gb,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def result_write(name: str, data: dict) -> Path:
    """Keep a run's figures in bench/results/<name>-<date>.json (small, commit-worthy)."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}-{datetime.now(UTC):%Y-%m-%d}.json"
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    return path


def percentile(values: list[float], percent: float) -> float:
    """The nearest-rank percentile of ``values`` (which need not be sorted)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]
