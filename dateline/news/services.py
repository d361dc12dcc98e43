"""State changes of the news app that run outside an editor's form."""

from __future__ import annotations

from django.apps import apps


def article_fill_date(*, page_id: int) -> None:
    """Give a published article without a date the moment it was first published."""
    article_model = apps.get_model("news", "ArticlePage")
    first_published_at = (
        article_model.objects.filter(pk=page_id, date__isnull=True)
        .values_list("first_published_at", flat=True)
        .first()
    )
    if first_published_at is not None:
        article_model.objects.filter(pk=page_id).update(date=first_published_at)
