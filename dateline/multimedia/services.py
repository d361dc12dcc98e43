"""State changes of the multimedia app that run outside an editor's form."""

from __future__ import annotations

from django.apps import apps


def multimedia_fill_date(*, page_id: int) -> None:
    """Give a published gallery or video without a date the moment it was first published."""
    model = apps.get_model("multimedia", "MultimediaPage")
    first_published_at = (
        model.objects.filter(pk=page_id, date__isnull=True)
        .values_list("first_published_at", flat=True)
        .first()
    )
    if first_published_at is not None:
        model.objects.filter(pk=page_id).update(date=first_published_at)
