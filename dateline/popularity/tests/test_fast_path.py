"""The beacon's WSGI fast path answers exactly as the Django views do, without the database."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from dateline.popularity.backends import get_backend
from dateline.popularity.counting import page_signature
from dateline.popularity.tests.factories import newsroom
from dateline.popularity.wsgi import BeaconFastPath

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
URL, PIXEL_URL = "/_views/", "/_views/pixel.gif"
FORM = "application/x-www-form-urlencoded"
HEADERS = (
    "Cache-Control",
    "Content-Type",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
)


class Recorder:
    """Django's WSGI application, noting each request the fast path hands on to it."""

    def __init__(self) -> None:
        self.django = WSGIHandler()
        self.paths: list[str] = []

    def __call__(self, environ, start_response):
        self.paths.append(environ["PATH_INFO"])
        return self.django(environ, start_response)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's WSGI handler closes the database connection after each request (the
    test client skips this, as here): it would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def story(db):
    return newsroom(stories=1)[2][0]


@pytest.fixture
def django_app():
    return Recorder()


@pytest.fixture
def fast(django_app):
    return BeaconFastPath(django_app)


def call(app, request) -> tuple[int, dict[str, str], bytes]:
    """Run a RequestFactory request through a WSGI app: status, headers, body."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    chunks = app(request.environ, start_response)
    body = b"".join(chunks)
    getattr(chunks, "close", lambda: None)()
    return answer["status"], answer["headers"], body


def pending() -> int:
    return get_backend().pending()


def forget() -> None:
    """A clean slate: nothing counted, no client seen (between the two paths' runs)."""
    get_backend().clear()
    cache.clear()


def signed(story, **extra) -> dict:
    return {"page": story.pk, "sig": page_signature(story.pk), **extra}


def post(rf, path, data, **headers):
    """A POST as browsers send beacons (sendBeacon with URLSearchParams: urlencoded)."""
    return rf.post(path, urlencode(data), content_type=FORM, **headers)


def form(story, **headers):
    return lambda rf: post(rf, URL, signed(story), HTTP_USER_AGENT=BROWSER, **headers)


# Each case: a request built by a RequestFactory, then what both paths must answer.
CASES = {
    "a reader's view": (lambda s: form(s), 204, 1),
    "a JSON body": (
        lambda s: (
            lambda rf: rf.post(
                URL, json.dumps(signed(s)), content_type="application/json", HTTP_USER_AGENT=BROWSER
            )
        ),
        204,
        1,
    ),
    "a crawler": (
        lambda s: lambda rf: post(rf, URL, signed(s), HTTP_USER_AGENT="Googlebot/2.1"),
        204,
        0,
    ),
    "no user agent": (lambda s: lambda rf: post(rf, URL, signed(s)), 204, 0),
    "a prefetch": (lambda s: form(s, HTTP_SEC_PURPOSE="prefetch;prerender"), 204, 0),
    "a page id that is not a number": (
        lambda s: lambda rf: post(rf, URL, {"page": "abc", "sig": "x"}, HTTP_USER_AGENT=BROWSER),
        400,
        0,
    ),
    "a forged signature": (
        lambda s: (
            lambda rf: post(
                rf, URL, {"page": s.pk + 1000, "sig": page_signature(s.pk)}, HTTP_USER_AGENT=BROWSER
            )
        ),
        400,
        0,
    ),
    "no fields": (lambda s: lambda rf: post(rf, URL, {}, HTTP_USER_AGENT=BROWSER), 400, 0),
    "a multipart form": (
        lambda s: lambda rf: rf.post(URL, signed(s), HTTP_USER_AGENT=BROWSER),
        204,
        1,
    ),
    "broken JSON": (
        lambda s: (
            lambda rf: rf.post(
                URL, "{not json", content_type="application/json", HTTP_USER_AGENT=BROWSER
            )
        ),
        400,
        0,
    ),
    "a JSON list": (
        lambda s: (
            lambda rf: rf.post(
                URL, "[1, 2]", content_type="application/json", HTTP_USER_AGENT=BROWSER
            )
        ),
        400,
        0,
    ),
    "a plain-text body": (
        lambda s: (
            lambda rf: rf.post(
                URL,
                f"page={s.pk}&sig={page_signature(s.pk)}",
                content_type="text/plain",
                HTTP_USER_AGENT=BROWSER,
            )
        ),
        400,
        0,
    ),
    "an oversized body": (
        lambda s: (
            lambda rf: rf.post(
                URL,
                f"page={s.pk}&sig={page_signature(s.pk)}&pad=" + "x" * 1100,
                content_type="application/x-www-form-urlencoded",
                HTTP_USER_AGENT=BROWSER,
            )
        ),
        413,
        0,
    ),
    "a Content-Length that is not a number": (
        lambda s: form(s, CONTENT_LENGTH="12x"),
        400,
        0,
    ),
    "another site's page": (lambda s: form(s, HTTP_ORIGIN="https://evil.example"), 403, 0),
    "another site's referrer": (
        lambda s: form(s, HTTP_REFERER="https://evil.example/story"),
        403,
        0,
    ),
    "this site's origin": (lambda s: form(s, HTTP_ORIGIN="http://testserver"), 204, 1),
    "the noscript pixel": (
        lambda s: lambda rf: rf.get(PIXEL_URL, signed(s), HTTP_USER_AGENT=BROWSER),
        200,
        1,
    ),
    "HEAD on the pixel": (
        lambda s: lambda rf: rf.head(PIXEL_URL, signed(s), HTTP_USER_AGENT=BROWSER),
        200,
        0,
    ),
    "a pixel without a signature": (
        lambda s: lambda rf: rf.get(PIXEL_URL, {"page": s.pk}, HTTP_USER_AGENT=BROWSER),
        400,
        0,
    ),
    "GET on the beacon": (
        lambda s: lambda rf: rf.get(URL, signed(s), HTTP_USER_AGENT=BROWSER),
        405,
        0,
    ),
    "POST on the pixel": (  # refused by the CSRF check before the view's 405
        lambda s: lambda rf: post(rf, PIXEL_URL, signed(s), HTTP_USER_AGENT=BROWSER),
        403,
        0,
    ),
    "PUT on the beacon": (lambda s: lambda rf: rf.put(URL, HTTP_USER_AGENT=BROWSER), 405, 0),
    "a host not allowed": (
        lambda s: form(s, HTTP_HOST="evil.example"),
        400,
        0,
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_fast_path_answers_and_counts_as_the_django_view(case, story, fast):
    build, status, counted = CASES[case]
    make = build(story)
    rf = RequestFactory()

    forget()
    django = call(WSGIHandler(), make(rf))
    django_counted = pending()
    forget()
    quick = call(fast, make(rf))

    assert (quick[0], pending()) == (django[0], django_counted) == (status, counted)
    if make(rf).method != "HEAD":  # the server leaves out the body of a HEAD answer
        assert quick[2] == django[2]
    for name in HEADERS:
        assert quick[1].get(name) == django[1].get(name), name


def test_a_counted_beacon_never_reaches_django_or_the_database(
    story, fast, django_app, django_assert_num_queries
):
    rf = RequestFactory()
    with django_assert_num_queries(0):
        assert call(fast, form(story)(rf))[0] == 204
        assert call(fast, rf.get(PIXEL_URL, signed(story), HTTP_USER_AGENT=BROWSER))[0] == 200
        assert call(fast, form(story, REMOTE_ADDR="10.0.0.8")(rf))[0] == 204
        assert call(fast, post(rf, URL, {"page": "abc", "sig": "x"}))[0] == 400
    assert django_app.paths == []
    assert pending() == 2  # the pixel was a repeat of the first view


def test_other_addresses_go_to_django_untouched(story, fast, django_app):
    status, _headers, _body = call(fast, RequestFactory().get("/no-such-page/"))
    assert status == 404
    assert django_app.paths == ["/no-such-page/"]


def test_the_same_browser_counts_once_per_story_in_30_minutes(story, fast, settings):
    settings.DATELINE_VIEWS_RATE_LIMIT = 1000
    rf = RequestFactory()
    for _ in range(4):
        assert call(fast, form(story)(rf))[0] == 204
    assert call(fast, form(story, REMOTE_ADDR="10.0.0.9")(rf))[0] == 204
    assert pending() == 2


def test_a_flood_is_rate_limited_as_through_django(story, fast, settings, client):
    settings.DATELINE_VIEWS_RATE_LIMIT = 3
    rf = RequestFactory()
    codes = [call(fast, form(story)(rf))[0] for _ in range(5)]
    assert codes == [204, 204, 204, 429, 429]
    assert call(fast, form(story, REMOTE_ADDR="10.0.0.7")(rf))[0] == 204
    assert pending() == 2

    # the same client's next beacon through Django is over the same limit
    response = client.post(URL, urlencode(signed(story)), FORM, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 429


def test_logged_in_staff_go_through_django_and_are_not_counted(story, fast, django_app, client):
    staff = get_user_model().objects.create_user("desk", password="x", is_staff=True)
    client.force_login(staff)
    cookie = client.cookies.output(header="", sep=";").strip()
    status, _headers, _body = call(fast, form(story, HTTP_COOKIE=cookie)(RequestFactory()))
    assert status == 204
    assert django_app.paths == [URL]
    assert pending() == 0


def test_with_staff_counted_a_session_cookie_stays_on_the_fast_path(
    story, fast, django_app, settings
):
    settings.DATELINE_VIEWS_COUNT_STAFF = True
    status, _headers, _body = call(fast, form(story, HTTP_COOKIE="sessionid=abc")(RequestFactory()))
    assert status == 204
    assert django_app.paths == []
    assert pending() == 1


def test_a_reader_with_a_stale_session_cookie_is_counted_through_django(story, fast, django_app):
    status, _headers, _body = call(
        fast, form(story, HTTP_COOKIE="sessionid=gone")(RequestFactory())
    )
    assert status == 204
    assert django_app.paths == [URL]
    assert pending() == 1


def test_plain_http_goes_to_django_for_its_https_redirect(story, settings):
    settings.SECURE_SSL_REDIRECT = True
    django_app = Recorder()  # both read the setting when built, as at start-up
    app = BeaconFastPath(django_app)
    status, headers, _body = call(app, form(story)(RequestFactory()))
    assert (status, django_app.paths) == (301, [URL])
    assert headers["Location"].startswith("https://testserver/_views/")
    assert pending() == 0


def test_a_failing_backend_is_a_logged_500_not_a_crash(story, fast, monkeypatch, caplog):
    def broken(**kwargs):
        raise ConnectionError("the counter store is down")

    monkeypatch.setattr(get_backend(), "view_offer", broken)
    status, headers, _body = call(fast, form(story)(RequestFactory()))
    assert status == 500
    assert headers["Cache-Control"] == "no-store"
    assert "Internal Server Error: /_views/" in caplog.text


def test_the_pixel_is_never_served_from_a_page_cache(story, client):
    """Through the whole middleware stack: each reader's pixel reaches the counter."""
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        response = client.get(
            PIXEL_URL, signed(story), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address
        )
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    assert pending() == 3


def test_the_shipped_wsgi_application_has_the_fast_path():
    from dateline import wsgi

    assert isinstance(wsgi.application, BeaconFastPath)
    assert wsgi.application.app is wsgi.django_application
