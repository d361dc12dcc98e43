"""Editions: the language switcher, hreflang links, the offer at /, the remembered choice,
per-edition feeds, sitemaps, Editor's Choice and Most Viewed, and the editors' tools."""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from dateline.core.editions import edition_homes, page_translations
from dateline.curation.models import Pick, PickList
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page
from dateline.popularity import backends
from dateline.popularity.backends import get_backend
from dateline.popularity.windows import windows_compute

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def _translate(page, locale, **changes):
    copy = page.copy_for_translation(locale)
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


@pytest.fixture(scope="module")
def editions(module_transaction):
    """English, Arabic and Persian homes; a story in English and Arabic; one English only."""
    home = home_page()
    culture = SectionPageFactory(parent=home, title="Culture", slug="culture")
    lanterns = ArticlePageFactory(parent=culture, title="Lantern festival", slug="lanterns")
    alone = ArticlePageFactory(parent=culture, title="Only in English", slug="alone")
    arabic = Locale.objects.create(language_code="ar")
    persian = Locale.objects.create(language_code="fa")
    ar_home = _translate(home, arabic, title="دايتلاين")
    fa_home = _translate(home, persian, title="دیت‌لاین")
    ar_culture = _translate(culture, arabic, title="ثقافة")
    _translate(culture, persian, title="فرهنگ")
    ar_lanterns = _translate(lanterns, arabic, title="مهرجان الفوانيس")
    return SimpleNamespace(
        home=home,
        lanterns=lanterns,
        alone=alone,
        arabic=arabic,
        ar_home=ar_home,
        fa_home=fa_home,
        ar_culture=ar_culture,
        ar_lanterns=ar_lanterns,
    )


def switcher(html: str) -> dict[str, str]:
    """Each switcher link's language and where it leads (its ``next``)."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    links = {}
    for href, language in re.findall(r'href="([^"]+)"\s+lang="([^"]+)"', nav):
        query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        assert query["language"] == [language]
        links[language] = query["next"][0]
    return links


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_switcher_goes_to_the_translation_or_to_the_editions_home(client, editions):
    translated = client.get("/culture/lanterns/").content.decode()
    untranslated = client.get("/culture/alone/").content.decode()
    arabic = client.get("/ar/culture/lanterns/").content.decode()

    assert switcher(translated) == {
        "en": "/culture/lanterns/",
        "ar": "/ar/culture/lanterns/",
        "fa": "/fa/",  # no Persian translation: that edition's front page
    }
    assert switcher(untranslated) == {"en": "/culture/alone/", "ar": "/ar/", "fa": "/fa/"}
    assert switcher(arabic)["en"] == "/culture/lanterns/"
    nav = re.search(r'<nav class="language-switcher".*?</nav>', arabic, re.S).group(0)
    current = re.findall(r'<a [^>]*aria-current="true"[^>]*>([^<]+)</a>', nav)
    assert current == ["العربيّة"]  # each edition named in its own language


def test_hreflang_lists_the_translations_and_x_default(client, editions):
    english = hreflangs(client.get("/culture/lanterns/").content.decode())
    arabic = hreflangs(client.get("/ar/culture/lanterns/").content.decode())

    expected = {
        "en": "http://localhost/culture/lanterns/",
        "ar": "http://localhost/ar/culture/lanterns/",
        "x-default": "http://localhost/culture/lanterns/",
    }
    assert english == arabic == expected
    assert hreflangs(client.get("/culture/alone/").content.decode()) == {}
    assert hreflangs(client.get("/fa/").content.decode())["fa"] == "http://localhost/fa/"


def test_translations_are_one_query(rf, editions):
    request = rf.get("/culture/lanterns/")
    edition_homes(request)  # cached for the whole site, as on a warm server

    with CaptureQueriesContext(connection) as captured:
        found = page_translations(request, editions.lanterns)
        page_translations(request, editions.lanterns)  # the switcher and hreflang share it

    assert len(captured) == 1
    assert found == {"en": "/culture/lanterns/", "ar": "/ar/culture/lanterns/"}


@pytest.mark.parametrize(
    ("accept", "cookie", "expected"),
    [
        ("ar,en;q=0.5", None, "/ar/"),
        ("fa-IR,fa;q=0.9", None, "/fa/"),
        ("de-DE,de;q=0.9", None, None),  # no German edition: English
        ("", None, None),
        ("ar", "en", None),  # the reader chose English with the switcher
        ("en", "fa", "/fa/"),  # ... or Persian
        ("ar", "xx", "/ar/"),  # a cookie we do not know is ignored
    ],
)
def test_root_offers_the_remembered_or_browser_edition(client, editions, accept, cookie, expected):
    if cookie:
        client.cookies["django_language"] = cookie
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    if expected is None:
        assert response.status_code == 200
        assert '<html lang="en"' in response.content.decode()
    else:
        assert response.status_code == 302
        assert response["Location"] == expected
        assert "private" in response["Cache-Control"]


def test_root_offer_holds_when_the_front_page_is_cached(client, editions, page_cache):
    first = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    again = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    arabic = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    story = client.get("/culture/lanterns/", HTTP_ACCEPT_LANGUAGE="ar")

    assert first["X-Dateline-Cache"] == "MISS"
    assert again["X-Dateline-Cache"] == "HIT"
    assert "Accept-Language" in again["Vary"]
    assert arabic.status_code == 302 and arabic["Location"] == "/ar/"
    assert story.status_code == 200  # a link to an English story gets the English story


def test_a_new_translation_updates_the_cached_pages_of_the_others(client, editions, page_cache):
    persian = Locale.objects.get(language_code="fa")
    before = client.get("/culture/lanterns/")
    assert client.get("/culture/lanterns/")["X-Dateline-Cache"] == "HIT"

    _translate(editions.lanterns, persian, title="جشنواره فانوس‌ها")
    after = client.get("/culture/lanterns/")

    assert switcher(before.content.decode())["fa"] == "/fa/"
    assert after["X-Dateline-Cache"] == "MISS"
    assert switcher(after.content.decode())["fa"] == "/fa/culture/lanterns/"
    assert "fa" in hreflangs(after.content.decode())


def test_switcher_link_remembers_the_choice_and_lands_on_the_story(client, editions):
    link = switcher(client.get("/culture/lanterns/").content.decode())["ar"]
    response = client.get("/_edition/", {"language": "ar", "next": link})

    assert response.status_code == 302
    assert response["Location"] == "/ar/culture/lanterns/"
    assert response.cookies["django_language"].value == "ar"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/ar/"
    landed = client.get(response["Location"])
    assert "مهرجان الفوانيس" in landed.content.decode()


@pytest.mark.parametrize(
    ("query", "status", "location"),
    [
        ({"language": "xx", "next": "/"}, 400, None),
        ({"next": "/"}, 400, None),
        ({"language": "fa", "next": "https://elsewhere.example/"}, 302, "/fa/"),
        ({"language": "fa", "next": "//elsewhere.example/"}, 302, "/fa/"),
        ({"language": "fa"}, 302, "/fa/"),
    ],
)
def test_choosing_an_edition_refuses_bad_input(client, editions, query, status, location):
    response = client.get("/_edition/", query)

    assert response.status_code == status
    if location:
        assert response["Location"] == location
    else:
        assert "choose one of en, ar, fa" in response.content.decode()
        assert "django_language" not in response.cookies


def test_feeds_are_per_edition(client, editions):
    english = client.get("/feeds/rss/").content.decode()
    arabic = client.get("/ar/feeds/rss/").content.decode()

    assert "Lantern festival" in english and "مهرجان الفوانيس" not in english
    assert "مهرجان الفوانيس" in arabic and "Only in English" not in arabic
    assert "<language>ar</language>" in arabic


def test_sitemap_lists_each_edition_with_its_alternates(client, editions):
    root = ElementTree.fromstring(client.get("/sitemap-stories.xml").content)  # noqa: S314
    alternates = {
        url.find("sm:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in root.findall("sm:url", SITEMAP_NS)
    }

    expected = {
        "en": "http://localhost/culture/lanterns/",
        "ar": "http://localhost/ar/culture/lanterns/",
        "x-default": "http://localhost/culture/lanterns/",
    }
    assert alternates["http://localhost/culture/lanterns/"] == expected
    assert alternates["http://localhost/ar/culture/lanterns/"] == expected
    assert alternates["http://localhost/culture/alone/"] == {}


def test_editors_choice_and_most_viewed_are_per_edition(client, editions, settings):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 0  # flushed by hand below
    backends.backend_reset()
    PickList(locale=editions.arabic, picks=[Pick(page=editions.ar_lanterns, sort_order=0)]).save()
    now = timezone.now().replace(minute=30, second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        backend = get_backend()
        backend.record(editions.lanterns.pk, now, 50)
        backend.record(editions.ar_lanterns.pk, now, 5)
        backend.flush()
        most_viewed = windows_compute(editions.ar_home.path)
        backend.clear()
    backends.backend_reset()

    arabic_front = client.get("/ar/").content.decode()
    english_front = client.get("/").content.decode()

    assert "editors-choice" in arabic_front and "مهرجان الفوانيس" in arabic_front
    assert "editors-choice" not in english_front
    assert [row["id"] for row in most_viewed["day"]] == [editions.ar_lanterns.pk]


# Editors


def report_rows(html: str) -> list[str]:
    """The text of each story row of the report (rows with a "Translate" link)."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
        if "/translation/submit/page/" in row
    ]


def test_missing_translations_report_lists_what_each_story_lacks(admin_client, editions):
    url = reverse("missing_translations_report")
    everything = report_rows(admin_client.get(url).content.decode())
    arabic_only = report_rows(
        admin_client.get(url, {"locale": editions.arabic.pk}).content.decode()
    )

    assert any(t.startswith("Only in English") and "Arabic, Persian" in t for t in everything)
    assert any(t.startswith("Lantern festival") and t.count("Persian") == 1 for t in everything)
    assert any(t.startswith("مهرجان الفوانيس") for t in everything)
    assert len(everything) == 3  # the sections and homes are not stories
    assert [t.split(" ")[0] for t in arabic_only] == ["مهرجان"]


def test_editor_translates_a_story_by_copying_it_to_another_edition(admin_client, client, editions):
    url = reverse("simple_translation:submit_page_translation", args=(editions.alone.pk,))
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(url, {"locales": [editions.arabic.pk]})

    assert response.status_code == 302
    copy = editions.alone.get_translation(editions.arabic).specific
    assert copy.get_parent().pk == editions.ar_culture.pk
    assert not copy.live  # a draft for the translator
    assert [b["value"] for b in copy.body.raw_data] == [
        b["value"] for b in editions.alone.body.raw_data
    ]
    copy.title = "فقط بالإنجليزية سابقاً"
    copy.save_revision().publish()
    assert switcher(client.get("/culture/alone/").content.decode())["ar"] == "/ar/culture/alone/"


def test_an_edition_home_published_or_withdrawn_purges_the_front_page_too(editions):
    from dateline.core.cache_purge import purge_tags, purge_urls

    for home in (editions.ar_home, editions.fa_home):
        urls = purge_urls(purge_tags(home))
        # `/` is kept once per edition by the front proxy; its readers get their edition now
        assert "http://localhost/" in urls
        assert f"http://localhost{home.url}" in urls
    story = purge_urls(purge_tags(editions.ar_lanterns))
    assert "http://localhost/" not in story  # a story leaves the other editions' front alone
    assert "http://localhost/ar/" in story
