"""Bad input, everywhere: every public form and query parameter, hostile values, no 500.

One small site is built per module; each target below is a public URL with the names of
the parameters it reads. Two kinds of attack: ORM-shaped keys and values (``_connector``,
``__`` lookups, odd names), and a property-based test (hypothesis) with random text,
NUL, lone surrogates, huge strings, odd digits and numbers out of range. The answer is
always below 500, and a refusal (4xx) always says something a reader can act on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dateline.comments import spam
from dateline.maps.tests.factories import FactionFactory, MapPageFactory, area, event
from dateline.multimedia.tests.factories import (
    GalleryPageFactory,
    MultimediaIndexPageFactory,
    VideoPageFactory,
)
from dateline.news.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    home_page,
)
from dateline.popularity.counting import page_signature
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory, file_under

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    params: tuple[str, ...]


@pytest.fixture(scope="module")
def site(module_transaction):
    home = home_page()
    section = SectionPageFactory(parent=home, title="Politics", slug="politics")
    author = AuthorFactory(name="Lena Ortiz", slug="lena-ortiz")
    article = ArticlePageFactory(
        parent=section, title="Harbour talks", tags=["Water"], authors=[author]
    )
    topics = TopicIndexPageFactory(parent=home)
    topic = TopicPageFactory(parent=topics, title="Water rights")
    file_under(article, topic)
    multimedia = MultimediaIndexPageFactory(parent=home)
    GalleryPageFactory(parent=multimedia, title="Harbour pictures", photos=[])
    VideoPageFactory(parent=multimedia, title="Harbour video")
    north = FactionFactory(name="North")
    war_map = MapPageFactory(
        parent=multimedia,
        title="The valley",
        features=[area("Old Town", north, date(2025, 3, 1)), event("Clash", date(2025, 3, 5))],
    )
    listing = ("page",)
    search = ("q", "sort", "section", "tag", "topic", "author", "from", "to", "page")
    return {
        "article": article,
        "targets": [
            Target("GET", "/", listing),
            Target("GET", section.url, listing),
            Target("GET", article.url, ("comment", "reply_to", "page")),
            Target("GET", "/tags/water/", listing),
            Target("GET", "/authors/lena-ortiz/", listing),
            Target("GET", topic.url, listing),
            Target("GET", topics.url, ("letter", "page")),
            Target("GET", multimedia.url, ("kind", "page")),
            Target("GET", war_map.url, ("date",)),
            Target("GET", "/search/", search),
            Target("GET", "/most-viewed/", ("window",)),
            Target("GET", "/feeds/rss/", ("page",)),
            Target("GET", "/feeds/tag/water/atom/", ("page",)),
            Target("GET", "/sitemap.xml", ("p",)),
            Target("GET", "/sitemap-stories.xml", ("p",)),
            Target("GET", "/news-sitemap.xml", ("p",)),
            Target("GET", "/_edition/", ("language", "next")),
            Target("GET", "/_views/pixel.gif", ("page", "sig")),
            Target("POST", "/_views/", ("page", "sig")),
            Target(
                "POST",
                f"/comments/{article.pk}/",
                ("name", "email", "text", "parent", "token", "website"),
            ),  # fmt: skip
        ],
    }


# ORM-shaped input: what ``filter(**request.GET)`` would turn into a query.
ODD_KEYS = ["_connector", "_negated", "pk", "id__gt", "title__regex", "path__startswith",
            "live", "owner__password__startswith", "page__in", "kind__in", "__class__",
            "q[]", "page[]", "sort[$ne]", "", "\x00", "a" * 300]  # fmt: skip
ODD_VALUES = ["OR", "-1", "99999999999999999999999", '{"_connector": "OR"}',
              "'; DROP TABLE wagtailcore_page; --", "\x00", "²", "9" * 5000, "2025-02-30",
              "9999-12-31"]  # fmt: skip
TEXT_4XX = {400, 403, 413, 422, 429}


def send(client, target: Target, data: dict[str, str | list[str]]):
    if target.method == "POST":
        body = "&".join(
            f"{quote(k, safe='')}={quote(str(v).encode('utf-8', 'surrogatepass'), safe='')}"
            for k, values in data.items()
            for v in (values if isinstance(values, list) else [values])
        )
        return client.post(target.path, body, content_type="application/x-www-form-urlencoded")
    query = "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'), safe='')}="
        f"{quote(str(v).encode('utf-8', 'surrogatepass'), safe='')}"
        for k, values in data.items()
        for v in (values if isinstance(values, list) else [values])
    )
    return client.get(f"{target.path}?{query}")


def assert_clean(response, target: Target, data) -> None:
    assert response.status_code < 500, (target, data, response.status_code)
    if response.status_code in TEXT_4XX and target.path not in {"/_views/", "/_views/pixel.gif"}:
        # a refusal a reader sees says what to do (the beacon's are for scripts: no body)
        assert response.content.strip(), (target, data)


def test_every_target_answers_normally(client, site):
    for target in site["targets"]:
        response = send(client, target, {})
        assert response.status_code in {200, 302, 400, 403}, (target, response.status_code)
        assert response.status_code < 500


def test_orm_shaped_keys_and_values_are_ignored_or_refused(client, site):
    count = len(ODD_VALUES)
    for target in site["targets"]:
        for offset in range(count):
            # each parameter meets every value once; each is sent twice (getlist sees both)
            data: dict = {key: ODD_VALUES[(offset + n) % count] for n, key in enumerate(ODD_KEYS)}
            for n, name in enumerate(target.params):
                data[name] = ["1", ODD_VALUES[(offset + n) % count]]
            assert_clean(send(client, target, data), target, data)


def test_unicode_digits_are_not_taken_for_numbers(client, site):
    article = site["article"]
    assert client.get(f"{article.url}?reply_to=²").status_code == 200
    assert client.get(f"{article.url}?reply_to=٣").status_code == 200
    assert client.post("/_views/", {"page": "²", "sig": "x"}).status_code == 400
    assert client.post("/_views/", {"page": str(article.pk), "sig": "x"}).status_code == 400
    assert client.get("/_views/pixel.gif", {"page": "¹²", "sig": "x"}).status_code == 400


def test_a_hostile_json_beacon_is_refused_not_crashed(client, site):
    page_id = site["article"].pk
    bodies = [
        "[" * 1000 + "]" * 1000,
        '{"page": ' + "[" * 500 + "]" * 500 + "}",
        json.dumps({"page": {"_connector": "OR"}, "sig": ["x"]}),
        json.dumps({"page": str(page_id), "sig": page_signature(page_id), "__class__": 1}),
        '{"page": "\\ud800", "sig": "\\udfff"}',
        "\x00",
        "",
    ]
    for body in bodies:
        response = client.post("/_views/", body, content_type="application/json")
        assert response.status_code in {204, 400, 403, 413, 429}, (body[:40], response)


# Hostile text: NUL and control characters, lone surrogates, RTL and combining marks,
# numbers far out of range, huge strings, and the shapes that break naive parsers.
hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40),
    st.sampled_from(ODD_VALUES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.builds(
        lambda c, n: c * n,
        st.sampled_from(["a", "9", "\x00", "é", "\u202e", "%"]),
        st.integers(min_value=1000, max_value=20000),
    ),  # fmt: skip
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(index=st.integers(min_value=0), values=st.lists(hostile_text, min_size=1, max_size=12))
@example(index=2, values=["²"])
@example(index=19, values=["²", "x"])
def test_random_hostile_values_never_cause_a_server_error(client, site, index, values):
    target = site["targets"][index % len(site["targets"])]
    data = {name: values[n % len(values)] for n, name in enumerate(target.params)}
    if target.path.startswith("/comments/"):
        data["token"] = spam.token_issue(page_id=site["article"].pk)
    assert_clean(send(client, target, data), target, data)
