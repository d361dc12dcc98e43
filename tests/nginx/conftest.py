"""nginx in front of the app: the shipped configuration (deploy/nginx/), rendered into a
temporary directory and run in the foreground without root, before ``live_server``.

Without Debian's nginx at /usr/sbin/nginx these tests are skipped with the reason on a
developer's machine, and fail under ``CI=true`` (CI installs nginx-light).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX_RENDER = ROOT / "deploy" / "nginx" / "render.py"


def _render_module():
    spec = importlib.util.spec_from_file_location("dateline_nginx_render", NGINX_RENDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = _render_module()


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "nginx: runs Debian's nginx with deploy/nginx/ in front of a live server"
    )


def _problem() -> str | None:
    if not os.access(render.NGINX, os.X_OK):
        return f"nginx not found at {render.NGINX} (apt-get install nginx-light)"
    if not render.purge_module_available():
        return (
            f"nginx's cache purge module not found at {render.PURGE_MODULE} "
            "(apt-get install libnginx-mod-http-cache-purge)"
        )
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("nginx") is None:
        return
    problem = _problem()
    if problem and os.environ.get("CI") == "true":
        pytest.fail(f"NGINX TESTS FAILED (CI=true): {problem}", pytrace=False)
    if problem:
        pytest.skip(f"NGINX TESTS SKIPPED: {problem}")
