"""Public pages carry no inline ``style`` attributes nor event handlers: the public CSP
(core/security.py) has no ``'unsafe-inline'``, so either would be blocked or be a hole."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client, override_settings
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.embeds.models import Embed
from wagtail.models import Page

from dateline.news.demo import demo_create
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db

SKIPPED_TASKS = {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
NOW = datetime(2024, 7, 22, 12, 0, tzinfo=UTC)
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
IFRAME = (
    '<iframe width="640" height="360" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"'
    ' title="A video" allowfullscreen></iframe>'
)


class _InlineAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [
            f"<{tag} {name}>" for name, _value in attrs if name == "style" or name.startswith("on")
        ]


def inline_attributes(markup: str) -> list[str]:
    parser = _InlineAttributes()
    parser.feed(markup)
    parser.close()
    return parser.found


def test_the_checker_finds_styles_and_handlers():
    found = inline_attributes('<div style="x"><img src=x onerror=a><p ONCLICK="b">t</p></div>')

    assert found == ["<div style>", "<img onerror>", "<p onclick>"]


@pytest.fixture(scope="module", autouse=True)
def _webp_only():
    # Renditions are drawn when a page first shows them; AVIF takes ten times longer to
    # encode and adds no markup of its own (test_images.py covers the AVIF sources).
    with override_settings(DATELINE_IMAGE_SOURCE_FORMATS=["webp"]):
        yield


@pytest.fixture(scope="module")
def public_urls(module_transaction):
    with override_settings(TASKS={**settings.TASKS, "background": SKIPPED_TASKS}):
        demo_create(seed=11, articles=6, now=NOW)
    # The embed as the finder cached it, so the page renders it without the network.
    Embed.objects.create(
        url=VIDEO, hash=get_embed_hash(VIDEO), type="video", html=IFRAME, width=640, height=360
    )
    embedded = ArticlePageFactory(
        parent=SectionPageFactory(parent=home_page()),
        body=[{"type": "embed", "value": VIDEO}],
    )
    one_of_each_type = {
        page.content_type_id: page for page in Page.objects.live().filter(depth__gt=1)
    }
    pages = [page.url for page in one_of_each_type.values()]
    return [*pages, embedded.url, "/search/?q=harbour", "/no-such-page/"], embedded.url


def test_public_pages_have_no_inline_styles_or_event_handlers(public_urls):
    urls, _embedded = public_urls
    client = Client()
    assert len(urls) > 10
    for url in urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert inline_attributes(response.content.decode()) == [], url


def test_an_embed_is_sized_by_a_class_not_an_inline_style(public_urls):
    _urls, embedded = public_urls
    body = Client().get(embedded).content.decode()

    assert '<div class="embed">' in body
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in body
    assert "responsive-object" not in body
    # Wagtail's own embed HTML (rich text embeds, an EmbedBlock without a template) would
    # carry style="padding-bottom: ..." under WAGTAILEMBEDS_RESPONSIVE_HTML.
    assert inline_attributes(embed_to_frontend_html(VIDEO)) == []
