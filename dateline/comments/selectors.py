"""Reads of comments: what readers see, counts for cards, the settings of a site."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from dateline.comments.models import Comment, CommentSettings
from dateline.core.site_settings import site_settings_for

Status = Comment.Status


def approved_count_annotation():
    """An expression for ``.annotate()`` on articles: their approved comments, in the same query."""
    counts = (
        Comment.objects.filter(page=OuterRef("pk"), status=Status.APPROVED)
        .order_by()
        .values("page")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def approved_thread(page_id: int) -> list[Comment]:
    """Approved top-level comments, oldest first, each with ``shown_replies`` (one query).

    Replies belong to their parent's page, so one query on the page reads them all; a
    reply is shown under an approved top-level comment only, as before."""
    top: list[Comment] = []
    replies: dict[int, list[Comment]] = {}
    rows = Comment.objects.filter(page_id=page_id, status=Status.APPROVED).order_by(
        "created_at", "pk"
    )
    for comment in rows:
        if comment.parent_id is None:
            top.append(comment)
        else:
            replies.setdefault(comment.parent_id, []).append(comment)
    for comment in top:
        comment.shown_replies = replies.get(comment.pk, [])
    return top


def comment_settings_for(site) -> CommentSettings:
    return site_settings_for(site, CommentSettings)


def comments_open(page, *, settings: CommentSettings, now: datetime | None = None) -> bool:
    """Open unless the editors closed them or the story is older than the closing age."""
    if page.comments_closed:
        return False
    if not settings.close_after_days:
        return True
    published = page.date or page.first_published_at
    if published is None:
        return True
    return (now or timezone.now()) < published + timedelta(days=settings.close_after_days)


def pending_count() -> int:
    return Comment.objects.filter(status=Status.PENDING).count()
