"""The beacon endpoint: what counts, what is filtered, what is refused, and its cost."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from dateline.popularity.backends import get_backend
from dateline.popularity.counting import client_hash, page_signature
from dateline.popularity.tests.factories import newsroom

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
URL = "/_views/"


@pytest.fixture
def story(db):
    return newsroom(stories=1)[2][0]


def beacon(client, page_id, *, sig=None, agent=BROWSER, **extra):
    data = {"page": page_id, "sig": page_signature(page_id) if sig is None else sig}
    return client.post(URL, data, HTTP_USER_AGENT=agent, **extra)


def pending() -> int:
    return get_backend().pending()


def test_the_urls_are_outside_the_language_prefix():
    assert reverse("popularity:beacon") == URL
    assert reverse("popularity:pixel") == "/_views/pixel.gif"


def test_a_reader_view_is_counted_without_touching_the_database(
    client, story, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = beacon(client, story.pk)
    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    assert pending() == 1


def test_json_bodies_are_accepted_too(client, story):
    response = client.post(
        URL,
        {"page": story.pk, "sig": page_signature(story.pk)},
        content_type="application/json",
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 204
    assert pending() == 1


def test_the_same_browser_is_counted_once_per_story_in_30_minutes(client, story, settings):
    settings.DATELINE_VIEWS_RATE_LIMIT = 1000
    for _ in range(5):
        assert beacon(client, story.pk).status_code == 204
    assert beacon(client, story.pk, agent=BROWSER + " Firefox").status_code == 204
    assert beacon(client, story.pk, REMOTE_ADDR="10.0.0.9").status_code == 204
    assert pending() == 3  # one per browser (address + agent)


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0",
        "curl/8.5.0",
        "python-requests/2.32",
    ],
)
def test_crawlers_and_bots_are_not_counted(client, story, agent):
    assert beacon(client, story.pk, agent=agent).status_code == 204
    assert pending() == 0


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
    ],
)
def test_prefetches_and_prerenders_are_not_counted(client, story, header):
    assert beacon(client, story.pk, **header).status_code == 204
    assert pending() == 0


def test_head_requests_on_the_pixel_are_not_counted(client, story):
    response = client.head(
        "/_views/pixel.gif",
        {"page": story.pk, "sig": page_signature(story.pk)},
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 200
    assert pending() == 0


def test_logged_in_staff_are_not_counted_unless_the_setting_says_so(client, story, settings):
    staff = get_user_model().objects.create_user("desk", password="x", is_staff=True)
    client.force_login(staff)
    assert beacon(client, story.pk).status_code == 204
    assert pending() == 0

    settings.DATELINE_VIEWS_COUNT_STAFF = True
    assert beacon(client, story.pk).status_code == 204
    assert pending() == 1


def test_logged_in_readers_who_are_not_staff_are_counted(client, story):
    client.force_login(get_user_model().objects.create_user("reader", password="x"))
    beacon(client, story.pk)
    assert pending() == 1


def test_a_flood_from_one_client_is_rate_limited(client, story, settings):
    settings.DATELINE_VIEWS_RATE_LIMIT = 3
    codes = [beacon(client, story.pk).status_code for _ in range(5)]
    assert codes == [204, 204, 204, 429, 429]
    assert beacon(client, story.pk, REMOTE_ADDR="10.0.0.7").status_code == 204


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"page": "abc", "sig": "x"}, 400),
        ({"page": "", "sig": "x"}, 400),
        ({"page": "-3", "sig": "x"}, 400),
        ({"page": "12", "sig": ""}, 400),
        ({"page": "999999", "sig": "forged"}, 400),
        ({"sig": "x"}, 400),
    ],
)
def test_malformed_beacons_get_a_4xx_and_count_nothing(
    client, story, data, status, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.post(URL, data, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == status
    assert pending() == 0


def test_an_unknown_story_id_is_refused(client, story):
    signed_for_another = page_signature(story.pk)
    response = beacon(client, story.pk + 1000, sig=signed_for_another)
    assert response.status_code == 400
    assert pending() == 0


def test_a_broken_json_body_is_refused(client, story):
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_the_wrong_method_is_refused(client, story):
    assert client.get(URL, {"page": story.pk}).status_code == 405
    assert client.put(URL).status_code == 405
    assert client.post("/_views/pixel.gif").status_code == 405


def test_an_oversized_body_is_refused(client, story):
    body = f"page={story.pk}&sig={page_signature(story.pk)}&pad=" + "x" * 1100
    response = client.post(
        URL, body, content_type="application/x-www-form-urlencoded", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 413
    assert pending() == 0


def test_a_beacon_from_another_site_is_refused(client, story):
    response = beacon(client, story.pk, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    response = beacon(client, story.pk, HTTP_REFERER="https://evil.example/page")
    assert response.status_code == 403
    assert pending() == 0
    assert beacon(client, story.pk, HTTP_ORIGIN="http://testserver").status_code == 204


def test_the_noscript_pixel_counts_and_is_never_cached(client, story):
    response = client.get(
        "/_views/pixel.gif",
        {"page": story.pk, "sig": page_signature(story.pk)},
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"GIF89a")
    assert pending() == 1


def test_no_address_is_kept_only_a_salted_hash(client, story, rf, settings):
    settings.DATELINE_VIEWS_RATE_LIMIT = 1000
    beacon(client, story.pk, REMOTE_ADDR="203.0.113.9")
    assert pending() == 1

    request = rf.post(URL, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=BROWSER)
    client_id = client_hash(request)
    assert "203.0.113.9" not in client_id
    assert len(client_id) == 32
    assert beacon(client, story.pk, REMOTE_ADDR="203.0.113.9").status_code == 204
    assert pending() == 1  # recognised by the hash: a repeat
    backend = get_backend()
    if hasattr(backend, "client"):  # Redis: the repeat filter's keys are the backend's
        keys = [key.decode() for key in backend.client.scan_iter(match=f"{backend.prefix}:*")]
    else:  # the embedded mode: the local-memory cache's keys
        keys = list(cache._cache)
    assert any(f"popularity:seen:{client_id}:{story.pk}" in key for key in keys)
    assert not any("203.0.113.9" in key for key in keys)
