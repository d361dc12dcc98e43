"""Demo In Focus: the glossary, its invented topics, their stories and the front page block."""

from __future__ import annotations

import random
from datetime import datetime
from html import escape

from django.db import transaction
from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.models import Collection

from dateline.news.models import ArticlePage, HomePage
from dateline.topics import demo_text
from dateline.topics.models import (
    ArticleTopic,
    HomeTopic,
    RelatedTopic,
    TopicAlias,
    TopicIndexPage,
    TopicPage,
)

MIN_STORIES, MAX_STORIES = 4, 8


def _publish(page) -> None:
    page.save_revision().publish(log_action=False)


def _story_text(article: ArticlePage) -> str:
    body = " ".join(
        strip_tags(str(block.value.source))
        for block in article.body
        if block.block_type == "paragraph"
    )
    return f"{article.title} {article.summary} {body}".casefold()


def _stories_for(spec: dict, stories: list, texts: list[str], rng: random.Random) -> list:
    """Stories that mention the topic, as an editor would file them; others to make up."""
    words = [word.casefold() for word in spec["mentions"]]
    mentioning = [
        s for s, text in zip(stories, texts, strict=True) if any(w in text for w in words)
    ]
    wanted = min(rng.randint(MIN_STORIES, MAX_STORIES), len(stories))
    chosen = rng.sample(mentioning, min(wanted, len(mentioning)))
    others = [story for story in stories if story not in chosen]
    return chosen + rng.sample(others, wanted - len(chosen))


@transaction.atomic
def demo_topics(*, home: HomePage, seed: int, now: datetime) -> dict:
    """Build In Focus under ``home``, the same for the same seed; ``now`` is unused."""
    rng = random.Random(seed)  # noqa: S311 - invented content, not secrets
    index = TopicIndexPage(show_in_menus=True, **demo_text.INDEX)
    home.add_child(instance=index)
    _publish(index)

    # the newsroom's pictures (root collection), not those later demos file elsewhere
    images = list(
        get_image_model().objects.filter(collection=Collection.get_first_root_node()).order_by("pk")
    )
    topics: dict[str, TopicPage] = {}
    for spec in demo_text.TOPICS:
        topic = TopicPage(
            title=spec["name"],
            description=spec["description"],
            background="".join(f"<p>{escape(p)}</p>" for p in spec["background"]),
            image=rng.choice(images) if images and rng.random() < 0.7 else None,
        )
        topic.other_names = [
            TopicAlias(name=name, sort_order=order) for order, name in enumerate(spec["aliases"])
        ]
        index.add_child(instance=topic)
        topics[spec["name"]] = topic
    for spec in demo_text.TOPICS:
        topic = topics[spec["name"]]
        topic.related_topic_links = [
            RelatedTopic(topic=topics[name], sort_order=order)
            for order, name in enumerate(spec["related"])
        ]
        _publish(topic)

    stories = list(ArticlePage.objects.live().descendant_of(home).order_by("path"))
    texts = [_story_text(story) for story in stories]
    filed: dict[int, list[TopicPage]] = {}
    for spec in demo_text.TOPICS:
        for story in _stories_for(spec, stories, texts, rng):
            filed.setdefault(story.pk, []).append(topics[spec["name"]])
    for story in stories:
        if story.pk in filed:
            story.article_topics = [
                ArticleTopic(topic=topic, sort_order=order)
                for order, topic in enumerate(filed[story.pk])
            ]
            _publish(story)

    home = HomePage.objects.get(pk=home.pk)
    home.focus_topics = [
        HomeTopic(topic=topics[name], sort_order=order)
        for order, name in enumerate(demo_text.HOME_TOPICS)
    ]
    _publish(home)
    return {"topics": len(topics), "stories": len(filed), "home": len(demo_text.HOME_TOPICS)}
