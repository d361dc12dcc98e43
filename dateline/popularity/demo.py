"""Demo view history: three groups of stories, so Day, Week and Month differ visibly."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from dateline.news.models import ArticlePage
from dateline.popularity.backends import get_backend

# (first and last hour ago, views per hour): read today, read this week, read this month.
GROUPS = (((0, 20), (3, 12)), ((30, 150), (4, 14)), ((170, 700), (10, 25)))
PER_GROUP = 12


def demo_views(*, home, seed: int, now: datetime) -> None:
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    stories = list(
        ArticlePage.objects.live()
        .descendant_of(home)
        .order_by("-date")
        .values_list("pk", flat=True)
    )
    rng.shuffle(stories)
    backend = get_backend()
    for group, ((first, last), (low, high)) in enumerate(GROUPS):
        for story in stories[group * PER_GROUP : (group + 1) * PER_GROUP]:
            for hours_ago in rng.sample(range(first, last), k=min(last - first, 18)):
                backend.record(story, now - timedelta(hours=hours_ago), rng.randint(low, high))
    backend.flush()
