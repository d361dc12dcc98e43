"""A full article page costs a fixed, small number of queries, whatever the archive size.

The anonymous page cache is off (the test settings turn it off) in every case:

- *cold article*: what a reader of an old story meets on a running site. The parts every
  page shares (menu, settings, Most Viewed, Editor's Choice) are cached by the render of
  another story of the section, with nothing of its own; nothing of this story is;
- *fully cold*: the Django cache emptied too, every fragment rebuilt (the worst case);
- *warm*: this story's fragments cached as well.

The story carries every body block, several authors and tags, comments and replies;
Editor's Choice, Most Viewed and In Focus are populated.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page

from dateline.comments.tests.factories import CommentFactory
from dateline.conftest import clear_default_cache
from dateline.core import page_cache as cache_store
from dateline.curation.tests.factories import pick_list
from dateline.maps.tests.factories import FactionFactory, MapPageFactory, area, event, square
from dateline.multimedia.tests.factories import MultimediaIndexPageFactory
from dateline.news.demo.bulk import demo_scale
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)
from dateline.popularity import backends
from dateline.popularity.backends.db import DatabaseBackend
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory, file_under

pytestmark = pytest.mark.django_db

# The page cache off and the Django cache warm (fragments, menus, settings, renditions):
# the story (routed with its tags, previous and next, translations, topics and comment
# count) and its byline. Site, locale, home, section and view restrictions come from the
# cached tree (core/routing.py).
MAX_WARM_QUERIES = 3
# Another story's render cached the shared parts; this story's parts are rebuilt: the
# story (routed with its tags, neighbours, translations, topics and comment count),
# byline, the body's chosen images, story and map (3), every map's features and
# factions (1), embeds, the related stories' ranking and the cards not cached (2), every
# picture's renditions (1), comments: 11. The target (see the README,
# Performance).
MAX_COLD_ARTICLE_QUERIES = 12
# The Django cache empty too: every fragment rebuilt, the cached tree loaded again.
MAX_COLD_QUERIES = 37
EMBED_URL = "https://www.youtube.com/watch?v=dateline-test"


def _body(image, related, war_map) -> list[dict]:
    return [
        paragraph("Harbour officials in Port Abelle reopened the grain quay on Monday."),
        {"type": "heading", "value": {"text": "What happens next", "level": "h2"}},
        paragraph("Talks on the Water treaty resume on Friday."),
        {"type": "image", "value": {"image": image.pk, "caption": "The quay", "credit": "Desk"}},
        {"type": "pull_quote", "value": {"quote": "We are ready.", "attribution": "A minister"}},
        {"type": "related_article", "value": {"page": related.pk, "label": "Read also"}},
        {"type": "map", "value": {"page": war_map.pk, "date": None, "caption": "The valley"}},
        {"type": "embed", "value": EMBED_URL},
        paragraph("A last paragraph."),
    ]


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics")
    world = SectionPageFactory(parent=home, title="World")
    authors = [AuthorFactory(name=name, photo=ImageFactory()) for name in ("Lena", "Tomas", "Ama")]
    others = [
        ArticlePageFactory(
            parent=section, tags=["Water", "Trade"], authors=authors[:1], image=ImageFactory()
        )
        for section in (politics, world, politics, world)
    ]
    index = MultimediaIndexPageFactory(parent=home)
    north, south = FactionFactory(name="North"), FactionFactory(name="South")
    war_map = MapPageFactory(
        parent=index,
        title="The valley war",
        situation_date=date(2025, 3, 20),
        features=[
            area("Old Town", north, date(2025, 3, 1), date(2025, 3, 10)),
            area("Old Town", south, date(2025, 3, 11), geometry=square(10, 10)),
            event("Bridge clash", date(2025, 3, 5)),
        ],
    )
    Embed.objects.create(
        url=EMBED_URL,
        hash=get_embed_hash(EMBED_URL),
        type="video",
        html='<iframe title="A video" src="https://www.youtube-nocookie.com/embed/x"></iframe>',
        title="A video",
        provider_name="YouTube",
    )
    article = ArticlePageFactory(
        parent=politics,
        title="Harbour talks resume",
        kicker="Analysis",
        date=BASE_DATE + timedelta(hours=1),
        image=ImageFactory(),
        image_caption="The harbour",
        body=_body(ImageFactory(), others[0], war_map),
        tags=["Water", "Trade", "Energy"],
        authors=authors,
    )
    topics = TopicIndexPageFactory(parent=home)
    file_under(article, TopicPageFactory(parent=topics, title="Water treaty"))
    for _ in range(2):
        comment = CommentFactory(page=article)
        CommentFactory(page=article, parent=comment)
    pick_list(*others[1:])
    # A story of the same section with nothing of its own (no picture, tags or body
    # blocks): rendering it caches only what every page shares.
    neighbour = ArticlePageFactory(parent=politics, title="A short note", body=[], tags=[])
    backend = DatabaseBackend()
    for views, story in enumerate([article, *others], start=1):
        backend.record(story.pk, timezone.now(), views)
    backend.flush()
    return SimpleNamespace(article=article, others=others, neighbour=neighbour)


@pytest.fixture(autouse=True)
def _db_views(settings):
    """Most Viewed from the database backend, flushed by hand (no flusher thread)."""
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 0
    backends.backend_reset()
    yield
    backends.backend_reset()


def queries_of(client, url: str) -> list[dict]:
    """The SQL of one request, copied at once: the next request's ``request_started``
    empties the connection's log, which ``CaptureQueriesContext`` slices lazily."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = list(captured.captured_queries)
    assert response.status_code == 200
    return queries


def cold_render(client, url: str) -> list[dict]:
    clear_default_cache()
    return queries_of(client, url)


def counts(client, url: str) -> tuple[list[dict], list[dict]]:
    """Cold then warm queries of ``url``, after one request that made its renditions."""
    clear_default_cache()  # no fragment from before: this request makes every rendition
    assert client.get(url).status_code == 200
    cold = cold_render(client, url)
    return cold, queries_of(client, url)


def cold_article(client, newsroom) -> list[dict]:
    """The story rendered on a warm site: only the shared parts cached (module docstring)."""
    clear_default_cache()
    assert client.get(newsroom.article.url).status_code == 200  # its renditions made
    clear_default_cache()
    assert client.get(newsroom.neighbour.url).status_code == 200  # the shared parts
    return queries_of(client, newsroom.article.url)


def listing(queries: list[dict]) -> str:
    return "\n".join(f"{n}. {q['sql'][:200]}" for n, q in enumerate(queries, 1))


def test_full_article_renders_every_block_and_sidebar(client, newsroom):
    html = client.get(newsroom.article.url).content.decode()

    for marker in (
        'class="body-image"',
        'class="pull-quote"',
        'class="inline-related"',
        'class="map-block"',
        "youtube-nocookie.com/embed/x",
        "Lena",
        "Ama",
        'rel="tag">Energy</a>',
        "A thoughtful comment",
        'class="related"',
        "Water treaty",
    ):
        assert marker in html, marker


def test_warm_article_stays_within_the_query_budget(client, newsroom):
    _cold, warm = counts(client, newsroom.article.url)

    assert len(warm) <= MAX_WARM_QUERIES, listing(warm)


def test_cold_article_on_a_warm_site_stays_within_the_query_budget(client, newsroom):
    queries = cold_article(client, newsroom)

    assert len(queries) <= MAX_COLD_ARTICLE_QUERIES, listing(queries)


def _more_of_everything(article_pk: int, related_pk: int) -> None:
    """More tags, comments, pictures and body blocks (pictures, stories, embeds, a second
    map)."""
    article = ArticlePage.objects.get(pk=article_pk)
    article.tags.add("Harbours", "Grain", "Shipping")
    body = [{"type": block["type"], "value": block["value"]} for block in article.body.raw_data]
    first_map = next(block["value"]["page"] for block in body if block["type"] == "map")
    second_map = MapPageFactory(
        parent=Page.objects.get(pk=first_map).get_parent(),
        title="The coast war",
        features=[event("Harbour raid", date(2025, 4, 2))],
    )
    body.append({"type": "map", "value": {"page": second_map.pk, "date": None, "caption": ""}})
    for n in range(3):
        body.append(paragraph(f"Another paragraph, number {n}."))
        body.append({"type": "image", "value": {"image": ImageFactory().pk, "caption": ""}})
        body.append({"type": "related_article", "value": {"page": related_pk, "label": ""}})
        body.append({"type": "embed", "value": EMBED_URL})
    article.body = body
    article.save()
    for _ in range(5):
        CommentFactory(page=article, parent=CommentFactory(page=article))


def test_query_counts_do_not_grow_with_the_archive_tags_comments_or_blocks(client, newsroom):
    url = newsroom.article.url
    cold_small, warm_small = counts(client, url)
    article_small = cold_article(client, newsroom)

    demo_scale(200, seed=5, batch_size=200)
    _more_of_everything(newsroom.article.pk, newsroom.others[1].pk)
    cold_large, warm_large = counts(client, url)
    article_large = cold_article(client, newsroom)

    assert ArticlePage.objects.live().count() > 200
    assert "The coast war" in client.get(url).content.decode()  # both maps drawn
    assert len(cold_large) == len(cold_small), listing(cold_large)
    assert len(warm_large) == len(warm_small), listing(warm_large)
    assert len(article_large) == len(article_small), listing(article_large)
    assert len(cold_large) <= MAX_COLD_QUERIES, listing(cold_large)
    assert len(article_large) <= MAX_COLD_ARTICLE_QUERIES, listing(article_large)


def test_body_fragment_follows_a_republished_related_story(client, newsroom):
    url = newsroom.article.url
    assert "Story number" in client.get(url).content.decode()  # cached now
    related = ArticlePage.objects.get(pk=newsroom.others[0].pk)
    related.title = "Grain quay reopens"
    related.save_revision().publish()

    html = client.get(url).content.decode()

    assert 'class="inline-related"' in html
    assert "Grain quay reopens" in html.split('class="inline-related"', 1)[1][:400]


def test_fragments_keep_the_page_cache_dependencies(client, newsroom, page_cache):
    url = newsroom.article.url
    key = cache_store.entry_key("en", f"http://testserver{url}")
    recorded = []
    for _ in range(2):  # fragments built, then read from the cache: the same tags
        client.get(url)
        recorded.append(set(cache_store.entry_get(key).tags))
        cache_store.entry_delete(key)  # the page again, its fragments still cached

    article = newsroom.article
    shown = {
        f"page:{newsroom.others[0].pk}",  # the related-story block
        "tag:energy",  # related stories
        f"glossary:{article.path[:8]}",
        f"children:{article.path[:-4]}",  # previous and next
    }
    assert shown <= recorded[0]
    assert shown <= recorded[1]
