"""The shipped nginx configuration in front of the app: files, micro-cache, bypass, purge."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from wagtail.models import Locale, Site

from dateline.news.models import ArticlePage

from .conftest import render

pytestmark = pytest.mark.nginx

DEMO_NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
SKIPPED_TASKS = {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
HASHED_CSS = "app.0123456789ab.css"
ENGLISH = {"Accept-Language": "en"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback test server
    try:
        with _opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A collected static file with its hashed twin, and uploads of three kinds."""
    static = tmp_path_factory.mktemp("static")
    for name in (HASHED_CSS, "app.css"):
        (static / name).write_text("body{color:#111}")
    media = tmp_path_factory.mktemp("media")
    (media / "images").mkdir()
    (media / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0not-really-a-jpeg")
    (media / "documents").mkdir()
    (media / "documents" / "report.html").write_text("<script>alert(1)</script>")
    (media / "documents" / "captions.vtt").write_text("WEBVTT\n")
    return static, media


def nginx_values(upstream: str, static, media) -> dict[str, str]:
    return {
        "DATELINE_SERVER_NAME": "news.test",
        "DATELINE_LISTEN": f"127.0.0.1:{render.free_port()}",
        "DATELINE_UPSTREAM": upstream,
        "DATELINE_STATIC_ROOT": str(static),
        "DATELINE_MEDIA_ROOT": str(media),
        "DATELINE_PURGE_LISTEN": f"127.0.0.1:{render.free_port()}",
    }


@pytest.fixture(scope="module")
def nginx(files, tmp_path_factory):
    """nginx with the shipped configuration; files never reach the app (none runs here)."""
    values = nginx_values(f"127.0.0.1:{render.free_port()}", *files)
    with render.Nginx(tmp_path_factory.mktemp("nginx"), values, workers="1") as run:
        yield run


@pytest.fixture
def newsroom_behind_nginx(
    files, tmp_path, live_server, transactional_db, django_db_serialized_rollback
):
    """A small demo newsroom behind nginx, the page cache on, and publishing purging nginx."""
    from dateline.news.demo import demo_create

    values = nginx_values(live_server.url.removeprefix("http://"), *files)
    with render.Nginx(tmp_path / "nginx", values, purge=True, workers="1") as nginx:
        purge = {"nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                           "LOCATION": nginx.purge_url}}  # fmt: skip
        with override_settings(
            DATELINE_PAGE_CACHE=True,
            WAGTAILFRONTENDCACHE=purge,
            TASKS={**settings.TASKS, "background": SKIPPED_TASKS},
        ):
            demo_create(seed=2024, articles=3, now=DEMO_NOW)
            yield nginx


def test_static_files_are_immutable_only_when_hashed(nginx):
    status, headers, body = fetch(f"{nginx.url}/static/{HASHED_CSS}")
    assert status == 200
    assert body == "body{color:#111}"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, _body = fetch(f"{nginx.url}/static/app.css")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=3600"


def test_media_are_immutable_unsniffed_and_only_pictures_inline(nginx):
    status, headers, _body = fetch(f"{nginx.url}/media/images/photo.jpg")
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Disposition" not in headers

    status, headers, _body = fetch(f"{nginx.url}/media/documents/report.html")
    assert status == 200
    assert headers["Content-Disposition"] == "attachment"
    assert headers["X-Content-Type-Options"] == "nosniff"

    status, headers, _body = fetch(f"{nginx.url}/media/documents/captions.vtt")
    assert headers["Content-Type"] == "text/vtt"
    assert headers["Content-Disposition"] == "attachment"


def test_purging_an_address_nobody_cached_is_not_an_error(nginx):
    url = f"{nginx.purge_url}/tags/unread/"
    request = urllib.request.Request(url, method="PURGE")  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 204  # Wagtail logs a 404 as a failed purge


def _add_editions(*languages: str) -> None:
    home = Site.objects.get(is_default_site=True).root_page
    for language in languages:
        locale, _created = Locale.objects.get_or_create(language_code=language)
        home.copy_for_translation(locale).save_revision().publish()


def _front_page_is_one_copy_per_edition(front: str) -> str:
    """``/`` is stored once per edition decided, whatever other cookies a reader carries;
    readers of the other editions get the app's private redirect, never stored."""
    status, first, body = fetch(front, **ENGLISH)
    assert (status, first["X-Cache-Status"]) == (200, "MISS")
    status, second, again = fetch(front, **ENGLISH)
    assert (status, second["X-Cache-Status"], again) == (200, "HIT", body)
    status, other, other_body = fetch(
        front, **{"Accept-Language": "en-GB,en;q=0.9,ar;q=0.8", "Cookie": "csrftoken=x"}
    )
    assert (status, other["X-Cache-Status"], other_body) == (200, "HIT", body)

    # Where the maps cannot be sure ("de,fa;q=0.5,ar;q=0.7": Django sorts ar first), the
    # app decides and nothing is stored.
    redirected = [
        ({"Accept-Language": "ar"}, "/ar/", "MISS"),
        ({"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.8", "Cookie": "csrftoken=x"}, "/ar/", "MISS"),
        ({"Accept-Language": "en", "Cookie": "csrftoken=x; django_language=fa"}, "/fa/", "MISS"),
        ({"Accept-Language": "de,fa;q=0.5,ar;q=0.7"}, "/ar/", "BYPASS"),
    ]
    for headers, target, cache_status in redirected:
        for _twice in range(2):
            status, answer, _body = fetch(front, **headers)
            assert (status, answer["Location"]) == (302, target), headers
            assert answer["Cache-Control"] == "private, no-cache"
            assert answer["X-Cache-Status"] == cache_status, headers
    assert fetch(front, **ENGLISH)[1]["X-Cache-Status"] == "HIT"
    return body


def test_pages_and_each_editions_front_are_cached_editors_bypass_and_publishing_purges(
    newsroom_behind_nginx,
):
    nginx = newsroom_behind_nginx
    _add_editions("ar", "fa")
    story = ArticlePage.objects.live().order_by("path").first()
    url = nginx.url + story.url
    front = _front_page_is_one_copy_per_edition(f"{nginx.url}/")
    assert story.title in front

    status, first, body = fetch(url, **{"X-Forwarded-For": "203.0.113.9"})
    assert (status, first["X-Cache-Status"]) == (200, "MISS")
    assert "s-maxage=" in first["Cache-Control"]
    assert story.title in body
    status, second, again = fetch(url)
    assert (status, second["X-Cache-Status"]) == (200, "HIT")
    assert again == body
    assert "wagtail-userbar" not in body
    status, headers, _body = fetch(url, **{"If-None-Match": second["ETag"]})
    assert status == 304  # nginx answers the app's ETag from its copy

    editor = get_user_model().objects.create_superuser("desk", "desk@example.org", "pw-x1")
    client = Client()
    client.force_login(editor)
    cookie = f"csrftoken=abc; {settings.SESSION_COOKIE_NAME}={client.cookies['sessionid'].value}"
    status, headers, as_editor = fetch(url, Cookie=cookie)
    assert (status, headers["X-Cache-Status"]) == (200, "BYPASS")
    assert headers["Cache-Control"] == "private, no-store"
    assert "wagtail-userbar" in as_editor  # the editor's own page, not the cached one
    status, headers, _admin = fetch(f"{nginx.url}/admin/", Cookie=cookie)
    assert status == 200
    assert "X-Cache-Status" not in headers  # the admin never goes through the cache
    assert fetch(url)[1]["X-Cache-Status"] == "HIT"  # the editor's visit stored nothing

    # A reader's comment through nginx on its own port passes the origin check (the app
    # sees the Host with its port): the empty form is refused as invalid, not as foreign.
    comment = urllib.request.Request(  # noqa: S310 - loopback
        f"{nginx.url}/comments/{story.pk}/",
        data=b"name=&email=&text=",
        headers={"Origin": nginx.url, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(comment, timeout=10)  # noqa: S310
    assert refused.value.code == 400, refused.value.read()[:200]

    story.title = "Ferry timetable restored after the strike"
    story.save_revision().publish()
    status, headers, body = fetch(url)
    assert (status, headers["X-Cache-Status"]) == (200, "MISS")
    assert "Ferry timetable restored after the strike" in body
    assert fetch(url)[1]["X-Cache-Status"] == "HIT"
    # The purge of `/` removed the English copy whichever cookies readers carry.
    status, headers, fresh = fetch(f"{nginx.url}/", **ENGLISH)
    assert (status, headers["X-Cache-Status"]) == (200, "MISS")
    assert "Ferry timetable restored after the strike" in fresh
    status, headers, same = fetch(f"{nginx.url}/", Cookie="csrftoken=x")
    assert (status, headers["X-Cache-Status"], same) == (200, "HIT", fresh)
