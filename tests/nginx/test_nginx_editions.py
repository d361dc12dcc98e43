"""nginx's edition decision for `/` (the maps in deploy/nginx/) against Django's own.

The upstream here answers `/` with the edition Django chooses for the headers it was sent,
cacheable, so a copy nginx serves says which request stored it: every copy nginx hands out
must name the edition Django would choose for the reader at hand.
"""

from __future__ import annotations

import http.server
import threading

import pytest
from django.test import RequestFactory
from django.utils import translation

from .conftest import render
from .test_nginx_front import fetch, nginx_values

pytestmark = pytest.mark.nginx

# (Accept-Language, Cookie, whether nginx is sure): nginx may pass anything to the app,
# but the headers browsers send should be decided (and cached) by nginx.
CASES = [
    ("", "", True),
    ("en-US,en;q=0.9", "", True),
    ("de-DE,de;q=0.9,en;q=0.8", "", True),
    ("es-AR,es;q=0.9", "", True),
    ("fr,*", "", True),
    ("ar", "", True),
    ("ar-EG,ar;q=0.9,en;q=0.8", "", True),
    ("fa-IR,fa;q=0.9,en-US;q=0.8,en;q=0.7", "", True),
    ("en-US,en;q=0.9,ar;q=0.8", "", True),
    ("AR-eg", "", True),
    ("de, fr;q=0.7 ,  FA", "", True),
    ("arz,ar", "", True),
    ("*,ar;q=0.5", "", True),
    ("de,ar;q=0.5", "", False),
    ("de,fa;q=0.5,ar;q=0.7", "", False),
    ("en;q=0.5,fa", "", False),
    ("ar;q=0.9", "", False),
    ("fa ar", "", False),
    ("ar;q=1.5", "", False),
    ("de," * 170 + "ar", "", False),
    ("en", "csrftoken=x", True),
    ("en", "django_language=fa", True),
    ("en", "a=1; django_language=ar ; b=2", True),
    ("ar", "django_language=en; csrftoken=x", True),
    ("en", "django_language=fa; django_language=ar", False),
    ("en", "django_language=de", False),
    ("en", 'django_language="ar"', False),
    ("en", "django_language=AR", False),
    ("en", "django_language=ar-EG", False),
    ("ar", "xdjango_language=en", False),
]


def django_edition(accept_language: str, cookie: str) -> str:
    """What ``EditionOfferMiddleware`` decides from these two headers."""
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE=accept_language, HTTP_COOKIE=cookie)
    language = translation.get_language_from_request(request, check_path=False)
    return translation.get_supported_language_variant(language)


class _Decides(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        body = django_edition(
            self.headers.get("Accept-Language", ""), self.headers.get("Cookie", "")
        ).encode()
        self.send_response(200)
        self.send_header("Cache-Control", "public, s-maxage=60")
        self.send_header("Vary", "Accept-Language, Cookie")
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def deciding_nginx(tmp_path_factory):
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Decides)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    empty = tmp_path_factory.mktemp("files")
    values = nginx_values(f"127.0.0.1:{upstream.server_port}", empty, empty)
    try:
        with render.Nginx(tmp_path_factory.mktemp("nginx"), values, workers="1") as run:
            yield run
    finally:
        upstream.shutdown()
        upstream.server_close()


def test_nginx_serves_each_reader_the_front_page_django_would_choose(deciding_nginx):
    front = f"{deciding_nginx.url}/"
    for edition in ("en", "ar", "fa"):  # one copy of `/` per edition, stored by nginx
        assert fetch(front, **{"Accept-Language": edition})[2] == edition
    for accept_language, cookie, sure in CASES:
        headers = {"Accept-Language": accept_language, "Cookie": cookie}
        status, answer, body = fetch(front, **{k: v for k, v in headers.items() if v})
        case = (accept_language[:40], cookie)
        assert status == 200, case
        assert body == django_edition(accept_language, cookie), case
        assert answer["X-Cache-Status"] == ("HIT" if sure else "BYPASS"), case
