"""The story types readers can search: the one place to add a new one.

Adding a type is one line in ``STORY_TYPES`` (e.g.
``StoryType("multimedia.MultimediaPage", date_field="date")``). The type's
``search_fields`` should use ``NormalisedSearchField`` (fields.py) so Arabic and
Persian spellings match; a concrete base page covers all its subclasses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce


@dataclass(frozen=True)
class StoryType:
    label: str  # "app_label.ModelName"
    date_field: str | None = None  # the date readers see; None: first publication

    @property
    def model(self):
        return apps.get_model(self.label)


STORY_TYPES: list[StoryType] = [
    StoryType("news.ArticlePage", date_field="date"),
    StoryType("topics.TopicPage"),
    StoryType("multimedia.MultimediaPage", date_field="date"),
]


def story_types() -> list[StoryType]:
    """The registered types whose app is installed."""
    installed = {config.label for config in apps.get_app_configs()}
    return [story_type for story_type in STORY_TYPES if story_type.label.split(".")[0] in installed]


def story_models() -> list:
    return [story_type.model for story_type in story_types()]


def story_date():
    """An expression for a page queryset: the date readers see on each story type."""
    dated = [
        Subquery(
            story_type.model.objects.filter(pk=OuterRef("pk")).values(story_type.date_field)[:1]
        )
        for story_type in story_types()
        if story_type.date_field
    ]
    return Coalesce(*dated, F("first_published_at")) if dated else F("first_published_at")
