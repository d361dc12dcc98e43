"""Front-end weight, as sizes (never times): what a reader downloads for one article.

A 1,500-word story with every block around it (picture, authors with photos, tags,
topics, related stories, Editor's Choice, Most Viewed, approved comments and the form):
its HTML under 60 KB uncompressed, its stylesheets under 30 KB, its scripts under 20 KB,
nothing render-blocking from another host, and no font from another host.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone

from dateline.comments.tests.factories import CommentFactory
from dateline.curation.models import Pick, PickList
from dateline.news.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)
from dateline.popularity.backends import get_backend
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory, file_under

pytestmark = pytest.mark.django_db

HTML_LIMIT = 60 * 1024
CSS_LIMIT = 30 * 1024
JS_LIMIT = 20 * 1024
WORDS = "the harbour authority said on Monday that ferries would resume within days".split()


def prose(count: int, offset: int = 0) -> str:
    return " ".join(WORDS[(offset + n) % len(WORDS)] for n in range(count))


class Assets(HTMLParser):
    """The scripts and stylesheets a page references, and whether they block rendering."""

    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[str, bool]] = []
        self.stylesheets: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "script" and attrs.get("src"):
            blocking = self.in_head and "defer" not in attrs and "async" not in attrs
            self.scripts.append((attrs["src"], blocking))
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.stylesheets.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def static_file(url: str) -> Path:
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not one of our static files"
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"{url} not found among the static files"
    return Path(found)


def is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.netloc not in {"testserver", "localhost"}


@pytest.fixture
def full_article():
    home = home_page()
    section = SectionPageFactory(parent=home, title="Harbour")
    picture = ImageFactory()
    authors = [AuthorFactory(name=f"Reporter {n}", photo=ImageFactory()) for n in range(3)]
    topic = TopicPageFactory(parent=TopicIndexPageFactory(parent=home), title="Ferries")
    body = [paragraph(prose(150, n)) for n in range(10)]
    body.insert(3, {"type": "heading", "value": {"text": "What comes next", "level": "h2"}})
    others = [
        ArticlePageFactory(parent=section, title=f"Earlier story {n}", image=picture,
                           tags=["ferries", "harbour"])
        for n in range(8)
    ]  # fmt: skip
    story = ArticlePageFactory(
        parent=section, title="Ferries resume after the storm", image=picture,
        image_caption="The harbour at dawn.", image_credit="Staff photographer",
        body=body, tags=["ferries", "harbour", "weather"], authors=authors,
        date=timezone.now(),
    )  # fmt: skip
    file_under(story, topic)
    picks = PickList.objects.create(locale=home.locale)
    for order, pick in enumerate(others[:5]):
        Pick.objects.create(pick_list=picks, page=pick, sort_order=order)
    for order, other in enumerate(others):
        for _view in range(order + 1):
            get_backend().record(other.pk, timezone.now())
    CommentFactory.create_batch(5, page=story, text=prose(60))
    return story


def test_a_1500_word_article_with_every_block_stays_under_the_weight_budget(client, full_article):
    response = client.get(full_article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"\w+", full_article.body.render_as_block())) >= 1500
    assert "Earlier story" in html and "Reporter 2" in html  # related, picks and authors shown

    size = len(response.content)
    assert size < HTML_LIMIT, f"article HTML is {size:,} bytes; the budget is {HTML_LIMIT:,}"

    assets = Assets()
    assets.feed(html)
    css = sum(static_file(url).stat().st_size for url in assets.stylesheets)
    assert assets.stylesheets and css < CSS_LIMIT, f"CSS is {css:,} bytes; budget {CSS_LIMIT:,}"
    js = sum(static_file(url).stat().st_size for url, _blocking in assets.scripts)
    assert js < JS_LIMIT, f"JavaScript is {js:,} bytes; the budget is {JS_LIMIT:,}"


def test_nothing_render_blocking_comes_from_another_host(client, full_article):
    html = client.get(full_article.url).content.decode()
    assets = Assets()
    assets.feed(html)
    foreign = [u for u in assets.stylesheets if is_foreign(u)]
    foreign += [u for u, _blocking in assets.scripts if is_foreign(u)]
    assert foreign == []
    assert [url for url, blocking in assets.scripts if blocking] == []


def test_fonts_are_self_hosted(client, full_article):
    html = client.get(full_article.url).content.decode()
    assets = Assets()
    assets.feed(html)
    assert not re.search(r"fonts\.(googleapis|gstatic)|use\.typekit", html)
    for url in assets.stylesheets:
        css = static_file(url).read_text()
        for found in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(
            r"@import\s+['\"]([^'\"]+)", css
        ):
            assert not is_foreign(found), f"{url} loads {found} from another host"
