"""RSS 2.0 and Atom feeds of an edition's newest stories: the whole site, or one section,
tag, In Focus topic or author.

Each scope is a small ``StoriesFeed`` subclass that names its stories; the feed itself
(titles, dates, GUIDs, images, full text) is the same for all of them. The stories come
in a fixed number of queries (``feed_stories``), however long the feed.
"""

from __future__ import annotations

import mimetypes
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from urllib.parse import quote

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.feedgenerator import Enclosure
from django.utils.translation import gettext as _
from taggit.models import Tag

from dateline.core.site_settings import site_settings_for
from dateline.news.models import (
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTag,
    Author,
    SectionPage,
)
from dateline.syndication.editions import Edition, current_edition, current_site
from dateline.syndication.generators import GENERATORS
from dateline.syndication.images import file_size, share_rendition, share_renditions_prefetch
from dateline.syndication.models import SyndicationSettings

FEED_LENGTH = 50
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')


@dataclass
class Scope:
    """What one feed covers, resolved from the URL."""

    edition: Edition
    title: str
    link: str
    description: str
    stories: QuerySet
    full_text: bool = False


def feed_stories(stories: QuerySet, limit: int = FEED_LENGTH) -> list[ArticlePage]:
    """The newest ``limit`` live stories with image, share rendition, authors, tags (4 queries)."""
    return list(
        stories.live()
        .select_related("image")
        .prefetch_related(
            share_renditions_prefetch(),
            Prefetch(
                "article_authors",
                queryset=ArticlePageAuthor.objects.select_related("author").order_by("sort_order"),
            ),
            # in the order the editor added them, the same on every database
            Prefetch(
                "tagged_items", queryset=ArticlePageTag.objects.select_related("tag").order_by("pk")
            ),
        )
        .order_by(F("date").desc(nulls_last=True), "-pk")[:limit]
    )


def story_guid(story: ArticlePage, edition: Edition) -> str:
    """A tag URI (RFC 4151) from the page id: editing, renaming or moving keeps it."""
    first = story.first_published_at or story.date
    year = first.year if first else 2024
    return f"tag:{edition.hostname},{year}:story-{story.pk}"


def absolute_html(html: str, root_url: str) -> str:
    """Feed readers show the HTML away from the site: make site-relative links absolute."""
    return _RELATIVE_URL.sub(rf"\1{root_url}/", html)


class StoriesFeed(Feed, ABC):
    """The newest stories of a scope, as RSS 2.0 (``fmt="rss"``) or Atom (``fmt="atom"``)."""

    def __init__(self, fmt: str = "rss"):
        self.feed_type = GENERATORS[fmt]

    def get_object(self, request, slug: str | None = None) -> Scope:
        edition = current_edition(request)
        settings = site_settings_for(current_site(request), SyndicationSettings)
        scope = self.scope(edition, slug)
        scope.full_text = settings.full_text_feeds
        return scope

    @abstractmethod
    def scope(self, edition: Edition, slug: str | None) -> Scope:
        """Which stories the feed carries, and its title and link, for ``slug``."""

    def edition_stories(self, edition: Edition) -> QuerySet:
        return ArticlePage.objects.filter(path__startswith=edition.path, depth__gt=edition.depth)

    def items(self, scope: Scope) -> list[ArticlePage]:
        stories = feed_stories(scope.stories)
        for story in stories:
            story.feed_scope = scope
        return stories

    def title(self, scope: Scope) -> str:
        return scope.title

    def link(self, scope: Scope) -> str:
        return scope.link

    def description(self, scope: Scope) -> str:
        return scope.description

    def subtitle(self, scope: Scope) -> str:
        return scope.description

    def item_title(self, story: ArticlePage) -> str:
        return story.title

    def item_description(self, story: ArticlePage) -> str:
        return story.meta_description or story.title

    def item_link(self, story: ArticlePage) -> str:
        return story.feed_scope.edition.url(story.url_path)

    def item_guid(self, story: ArticlePage) -> str:
        return story_guid(story, story.feed_scope.edition)

    def item_guid_is_permalink(self, story: ArticlePage) -> bool:
        return False

    def item_pubdate(self, story: ArticlePage):
        return story.date or story.first_published_at

    def item_updateddate(self, story: ArticlePage):
        return story.last_published_at or self.item_pubdate(story)

    def _authors(self, story: ArticlePage) -> list[Author]:
        return [link.author for link in story.article_authors.all()]

    def item_author_name(self, story: ArticlePage) -> str | None:
        return ", ".join(author.name for author in self._authors(story)) or None

    def item_author_link(self, story: ArticlePage) -> str | None:
        authors = self._authors(story)
        if len(authors) != 1:
            return None
        return story.feed_scope.edition.route_url(f"authors/{quote(authors[0].slug)}/")

    def item_categories(self, story: ArticlePage) -> list[str]:
        return [item.tag.name for item in story.tagged_items.all()]

    def item_enclosures(self, story: ArticlePage) -> list[Enclosure]:
        media = self._media(story)
        if media is None:
            return []
        return [Enclosure(media["url"], str(media.get("fileSize", 0)), media["type"])]

    def item_extra_kwargs(self, story: ArticlePage) -> dict:
        extra = {"media": self._media(story)}
        if story.feed_scope.full_text:
            html = render_to_string("syndication/feed_body.html", {"story": story})
            extra["content"] = absolute_html(html, story.feed_scope.edition.root_url)
        return extra

    def _media(self, story: ArticlePage) -> dict | None:
        if not hasattr(story, "_feed_media"):
            story._feed_media = None
            rendition = share_rendition(story.image)
            if rendition is not None:
                url = rendition.url
                if url.startswith("/"):
                    url = story.feed_scope.edition.root_url + url
                media = {
                    "url": url,
                    "medium": "image",
                    "type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
                    "width": rendition.width,
                    "height": rendition.height,
                    "description": story.image.default_alt_text,
                }
                size = file_size(rendition)
                if size is not None:
                    media["fileSize"] = size
                story._feed_media = media
        return story._feed_media


class SiteFeed(StoriesFeed):
    def scope(self, edition, slug):
        return Scope(
            edition=edition,
            title=edition.site_name,
            link=edition.home_url,
            description=_("The latest stories from %(site)s") % {"site": edition.site_name},
            stories=self.edition_stories(edition),
        )


class SectionFeed(StoriesFeed):
    def scope(self, edition, slug):
        section = get_object_or_404(
            SectionPage.objects.live().only("title", "summary", "path", "depth", "url_path"),
            path__startswith=edition.path,
            depth=edition.depth + 1,
            slug=slug,
        )
        return Scope(
            edition=edition,
            title=f"{section.title} | {edition.site_name}",
            link=edition.url(section.url_path),
            description=section.summary
            or _("The latest %(section)s stories from %(site)s")
            % {"section": section.title, "site": edition.site_name},
            stories=ArticlePage.objects.child_of(section),
        )


class TagFeed(StoriesFeed):
    def scope(self, edition, slug):
        if len(slug) > Tag._meta.get_field("slug").max_length:
            raise Http404("No such tag")
        tag = get_object_or_404(Tag, slug=slug)
        return Scope(
            edition=edition,
            title=_("Stories tagged “%(tag)s” | %(site)s")
            % {"tag": tag.name, "site": edition.site_name},
            link=edition.route_url(f"tags/{quote(tag.slug)}/"),
            description=_("The latest stories tagged “%(tag)s” from %(site)s")
            % {"tag": tag.name, "site": edition.site_name},
            stories=self.edition_stories(edition).filter(tagged_items__tag=tag),
        )


class TopicFeed(StoriesFeed):
    def scope(self, edition, slug):
        topic = get_object_or_404(
            apps.get_model("topics", "TopicPage")
            .objects.live()
            .only("title", "description", "url_path"),
            path__startswith=edition.path,
            slug=slug,
        )
        links = (
            apps.get_model("topics", "ArticleTopic")
            .objects.filter(topic_id=topic.pk)
            .values("page_id")
        )
        return Scope(
            edition=edition,
            title=f"{topic.title} | {edition.site_name}",
            link=edition.url(topic.url_path),
            description=topic.description,
            stories=self.edition_stories(edition).filter(pk__in=links),
        )


class AuthorFeed(StoriesFeed):
    def scope(self, edition, slug):
        author = get_object_or_404(Author, slug=slug, locale_id=edition.locale_id)
        links = ArticlePageAuthor.objects.filter(author=author).values("page_id")
        return Scope(
            edition=edition,
            title=f"{author.name} | {edition.site_name}",
            link=edition.route_url(f"authors/{quote(author.slug)}/"),
            description=_("The latest stories by %(author)s from %(site)s")
            % {"author": author.name, "site": edition.site_name},
            stories=self.edition_stories(edition).filter(pk__in=links),
        )


FEEDS = {
    "site": SiteFeed,
    "section": SectionFeed,
    "tag": TagFeed,
    "topic": TopicFeed,
    "author": AuthorFeed,
}
