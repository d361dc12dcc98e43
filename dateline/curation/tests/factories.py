"""Lists of picks for tests: ``pick_list(story_a, story_b, section=analysis)``."""

from __future__ import annotations

from wagtail.models import Locale

from dateline.curation.models import Pick, PickList


def pick_list(*stories, section=None, locale=None, **per_story) -> PickList:
    """A saved list picking ``stories`` in that order.

    ``per_story`` maps a field to a dict of story -> value, e.g.
    ``headline={story: "Override"}`` or ``expires_at={story: moment}``.
    """
    picks = [
        Pick(
            page=story,
            sort_order=order,
            **{field: values[story] for field, values in per_story.items() if story in values},
        )
        for order, story in enumerate(stories)
    ]
    made = PickList(section=section, locale=locale or Locale.get_default(), picks=picks)
    made.save()
    return made


def shown_titles(picks) -> list[str]:
    return [item.headline for item in picks.shown]
