"""Bulk demo articles for benchmarks: N more stories in batches, in constant memory.

Wagtail's ``add_child`` costs several queries per page; for 100,000 stories we
write the tree rows directly: Page rows with computed materialised paths
(treebeard's base-36 steps), then the ArticlePage rows, tags and bylines, each
with one multi-row INSERT per batch. Bulk stories are published, without
revisions (the first edit in the admin creates one). Each batch is indexed for
search through Wagtail's bulk API, with the text publishing would index.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from dateline.news.demo import content, text
from dateline.news.models import (
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTag,
    Author,
    SectionPage,
)

ALPHABET = Page.alphabet
STEP = Page.steplen


def _step(number: int) -> str:
    digits = []
    for _ in range(STEP):
        number, rest = divmod(number, len(ALPHABET))
        digits.append(ALPHABET[rest])
    if number:
        raise ValueError("A section cannot hold more than 36**4 - 1 stories.")
    return "".join(reversed(digits))


def _next_child_number(section: Page) -> int:
    last = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
    last_path = last.order_by("-path").values_list("path", flat=True).first()
    return int(last_path[-STEP:], len(ALPHABET)) + 1 if last_path else 1


def demo_scale(
    count: int,
    *,
    seed: int = 7,
    days: int = 365,
    batch_size: int = 1000,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``count`` published articles spread over the last ``days`` days."""
    # English stories, in the English edition (the Arabic and Persian ones stay small)
    locale = Locale.get_default()
    sections = list(SectionPage.objects.filter(locale=locale).order_by("path"))
    authors = list(Author.objects.filter(locale=locale).order_by("pk"))
    if not sections or not authors:
        raise RuntimeError("Scale needs sections and authors: run 'dateline demo' first.")
    rng = random.Random(seed)
    now = now or timezone.now()
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
        for name in content.TAGS
    ]
    image_ids = list(get_image_model().objects.values_list("pk", flat=True)[:32]) or [None]
    next_number = {s.pk: _next_child_number(s) for s in sections}
    serial = ArticlePage.objects.count()
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        with transaction.atomic():
            _insert_batch(
                rng, size, serial + made, sections, authors, tags, image_ids, next_number, now, days
            )
        made += size
        if progress is not None:
            progress(made)
    return made


def _insert_batch(rng, size, serial, sections, authors, tags, image_ids, next_number, now, days):
    article_type = ContentType.objects.get_for_model(ArticlePage)
    pages, details, per_section = [], [], dict.fromkeys((s.pk for s in sections), 0)
    for offset in range(size):
        section = sections[rng.randrange(len(sections))]
        subject = section.slug if section.slug in content.SUBJECTS else "analysis"
        title, place, place2 = text.headline(rng, subject)
        slug = f"{slugify(title)[:70]}-{serial + offset + 1}"
        number = next_number[section.pk]
        next_number[section.pk] += 1
        per_section[section.pk] += 1
        date = now - timedelta(seconds=rng.randrange(days * 86400))
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=article_type,
                live=True,
                has_unpublished_changes=False,
                path=section.path + _step(number),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                first_published_at=date,
                last_published_at=date,
                locale_id=section.locale_id,
                translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                show_in_menus=False,
            )
        )
        details.append((place, place2, date))
    Page.objects.bulk_create(pages)
    if pages[0].pk is None:  # databases that cannot return ids from a bulk insert
        slugs = {p.slug: p for p in pages}
        for pk, slug in Page.objects.filter(slug__in=slugs).values_list("pk", "slug"):
            slugs[slug].pk = pk
    rows = []
    for page, (place, place2, date) in zip(pages, details, strict=True):
        article = ArticlePage(
            page_ptr_id=page.pk,
            summary=text.summary(rng, place, place2),
            kicker=rng.choice(content.KICKERS),
            date=date,
            image_id=rng.choice(image_ids),
            image_caption=f"A view over {place}.",
            image_credit="Dateline demo",
        )
        article.body = text.body_stream(rng, place, place2)
        rows.append(article)
    # Django's bulk_create refuses multi-table models; the child rows are inserted
    # the way Model.save_base(raw=True) inserts them, one statement per batch.
    fields = ArticlePage._meta.local_concrete_fields
    ArticlePage._base_manager._insert(rows, fields=fields, using=connection.alias, raw=True)
    ArticlePageTag.objects.bulk_create(
        ArticlePageTag(content_object_id=page.pk, tag=tag)
        for page in pages
        for tag in rng.sample(tags, rng.randint(2, 4))
    )
    ArticlePageAuthor.objects.bulk_create(
        ArticlePageAuthor(page_id=page.pk, author=rng.choice(authors), sort_order=0)
        for page in pages
    )
    for section in sections:
        if per_section[section.pk]:
            Page.objects.filter(pk=section.pk).update(
                numchild=F("numchild") + per_section[section.pk]
            )
    _index_batch([page.pk for page in pages])


def _index_batch(pks: list[int]) -> None:
    """Index a batch as publishing would: one ``add_bulk`` per backend, no query per story."""
    stories = (
        ArticlePage.get_indexed_objects()
        .filter(pk__in=pks)
        .prefetch_related("tagged_items__tag", "article_authors__author")
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ArticlePage, stories)
