"""The anonymous page cache: what is stored, who bypasses it, and the headers it sends."""

from __future__ import annotations

import time

import pytest
import time_machine
from django.test import Client

from dateline.comments.models import Comment
from dateline.comments.tests.conftest import form_data
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db
STATE = "X-Dateline-Cache"


@pytest.fixture
def article(page_cache):
    section = SectionPageFactory(parent=home_page(), title="Harbour")
    return ArticlePageFactory(parent=section, title="Harbour reopens")


def test_a_second_anonymous_visit_is_served_from_the_cache(client, article):
    first = client.get(article.url)
    second = client.get(article.url)
    assert (first[STATE], second[STATE]) == ("MISS", "HIT")
    assert second.content == first.content
    assert "Harbour reopens" in second.content.decode()


def test_the_cache_is_keyed_by_the_full_address(client, article):
    client.get(article.url)
    assert client.get(article.url + "?reply_to=1")[STATE] == "MISS"
    assert client.get(article.url, HTTP_HOST="localhost")[STATE] == "MISS"
    assert client.get(article.url, secure=True)[STATE] == "MISS"
    assert client.get(article.url)[STATE] == "HIT"


def test_a_head_request_is_answered_from_the_cache_too(client, article):
    client.get(article.url)
    assert client.head(article.url)[STATE] == "HIT"


def test_a_session_cookie_bypasses_the_cache_and_is_private(client, article):
    client.get(article.url)
    client.cookies["sessionid"] = "anything"
    response = client.get(article.url)
    assert response[STATE] == "BYPASS"
    assert response["Cache-Control"] == "private, no-store"


def test_a_logged_in_editor_is_never_served_nor_stored(client, article, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw-ed-1")
    client.force_login(editor)
    response = client.get(article.url)
    assert response[STATE] == "BYPASS"
    assert "private" in response["Cache-Control"]
    reader = Client()
    assert reader.get(article.url)[STATE] == "MISS"  # the editor's page was not stored


def test_a_post_bypasses_the_cache(client, article):
    client.get(article.url)
    response = client.post(article.url, {})
    assert response[STATE] == "BYPASS"
    assert "no-store" in response["Cache-Control"]


def test_the_admin_and_search_are_never_stored(client, article):
    for url in ("/admin/login/", "/search/?q=harbour"):
        assert client.get(url)[STATE] == "BYPASS"
        assert client.get(url)[STATE] == "BYPASS"


def test_not_found_pages_are_not_stored(client, article):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/no-such-page/")[STATE] == "MISS"


def test_cacheable_pages_say_so_to_browsers_and_proxies(client, article, settings):
    response = client.get(article.url)
    assert response["Cache-Control"] == (
        "public, max-age=60, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400"
    )
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert "Cookie" not in response.get("Vary", "")
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_etag_is_computed_once_and_answers_304(client, article):
    first = client.get(article.url)
    second = client.get(article.url)
    assert second["ETag"] == first["ETag"]
    not_modified = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    other = client.get(article.url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_if_modified_since_answers_304(client, article):
    first = client.get(article.url)
    response = client.get(article.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 304


def test_headers_are_sent_with_the_cache_off_too(client, article, settings):
    settings.DATELINE_PAGE_CACHE = False
    response = client.get(article.url)
    assert response["Cache-Control"].startswith("public, max-age=60")
    assert STATE not in response


def test_a_cached_page_sets_no_cookie_and_carries_no_csrf_token(client, article):
    for state in ("MISS", "HIT"):
        response = client.get(article.url)
        assert response[STATE] == state
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_cached_page_never_shows_a_logged_in_users_name(article, django_user_model):
    editor = django_user_model.objects.create_superuser("ednamed", "e@example.org", "pw-ed-1")
    signed_in = Client()
    signed_in.force_login(editor)
    signed_in.get(article.url)
    reader = Client()
    reader.get(article.url)
    html = reader.get(article.url).content.decode()
    assert "ednamed" not in html


def test_a_reader_without_javascript_can_comment_from_a_cached_page(article):
    reader = Client(enforce_csrf_checks=True)
    reader.get(article.url)
    page = reader.get(article.url)
    assert page[STATE] == "HIT"
    html = page.content.decode()
    token = html.split('name="token" value="', 1)[1].split('"', 1)[0]
    data = {**form_data(article.pk), "token": token}
    with time_machine.travel(time.time() + 30):  # a person takes a while to write
        response = reader.post(f"/comments/{article.pk}/", data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303
    assert Comment.objects.get().text == data["text"]


def test_a_cross_site_post_is_refused(article):
    attacker = Client(enforce_csrf_checks=True)
    data = form_data(article.pk)
    from_elsewhere = attacker.post(
        f"/comments/{article.pk}/", data, HTTP_ORIGIN="https://evil.example"
    )
    referred = attacker.post(
        f"/comments/{article.pk}/", data, HTTP_REFERER="https://evil.example/page"
    )
    unnamed = attacker.post(f"/comments/{article.pk}/", data)
    assert (from_elsewhere.status_code, referred.status_code, unnamed.status_code) == (
        403,
        403,
        403,
    )
    assert not Comment.objects.exists()


def test_a_same_site_referer_is_enough_without_origin(article):
    response = Client(enforce_csrf_checks=True).post(
        f"/comments/{article.pk}/",
        form_data(article.pk),
        HTTP_REFERER=f"http://testserver{article.url}",
    )
    assert response.status_code == 303


def test_a_trusted_origin_behind_a_proxy_is_accepted(article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://news.example.org"]
    response = Client().post(
        f"/comments/{article.pk}/", form_data(article.pk), HTTP_ORIGIN="https://news.example.org"
    )
    assert response.status_code == 303


def test_a_render_reads_each_tags_generation_from_the_cache_once():
    from unittest import mock

    from django.core.cache import cache

    from dateline.core import page_cache

    token = page_cache.recording_start()
    try:
        with mock.patch.object(cache, "get_many", wraps=cache.get_many) as read:
            first = page_cache.generations({"site", "page:1"})
            again = page_cache.generations(["page:1", "site"])
            more = page_cache.generations({"page:1", "page:2"})
        assert first == again and more["page:1"] == first["page:1"]
        asked = [sorted(call.args[0]) for call in read.call_args_list]
        assert asked == [
            sorted(["pagecache:tag:site", "pagecache:tag:page:1"]),
            ["pagecache:tag:page:2"],
        ]

        page_cache.page_cache_invalidate("page:1")  # during the render: seen at once
        assert page_cache.generations(["page:1"])["page:1"] != first["page:1"]
    finally:
        page_cache.recording_stop(token)
    outside = page_cache.generations(["site"])  # outside a render: read every time
    cache.set("pagecache:tag:site", "changed", None)
    assert page_cache.generations(["site"]) == {"site": "changed"} != outside
