"""Reads for In Focus pages, each a fixed number of queries."""

from __future__ import annotations

import json

from django.apps import apps

from dateline.news import selectors as news_selectors


def index_topics(index) -> list:
    """The index's live topics with what the glossary lists (one query)."""
    topic_model = apps.get_model("topics", "TopicPage")
    return list(
        topic_model.objects.live()
        .child_of(index)
        .only("title", "description", "slug", "url_path", "path", "depth", "locale_id")
    )


def topic_articles(topic):
    """Live stories filed under ``topic`` in its edition, newest first, ready for cards.

    A subquery rather than a join, so a story filed twice under the same topic
    (possible through the API or an old revision) is still listed once.
    """
    links = apps.get_model("topics", "ArticleTopic").objects.filter(topic_id=topic.pk)
    root = news_selectors.edition_root(topic)
    return news_selectors.articles(root).filter(pk__in=links.values("page_id"))


def story_topics(page) -> list:
    """The live topics ``page`` is filed under, in the order its editor gave them: one
    query, none when the story's route read them with it (``topic_rows``,
    news.selectors.story_route_annotations).

    Only its own edition's: a story copied for translation keeps the original's links to
    the other edition's topics until an editor files it under its own.
    """
    model = apps.get_model("topics", "TopicPage")
    rows = vars(page).get("topic_rows")  # read with the story by its route
    if rows is not None:
        topics = []
        for _order, _link, pk, *values in sorted(json.loads(rows)):
            loaded = dict(zip(news_selectors.TOPIC_FIELDS, [pk, *values], strict=True))
            topics.append(news_selectors.model_from_row(model, {"id": pk, **loaded}))
        return topics
    return list(
        model.objects.live()
        .filter(article_links__page_id=page.pk, locale_id=page.locale_id)
        .order_by("article_links__sort_order")
        .only("title", "url_path", "path", "depth")
    )
