"""State changes of comments: a reader's submission, moderation, privacy, purging."""

from __future__ import annotations

import json
import logging
from datetime import datetime

from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dateline.comments import conf
from dateline.comments.fragments import comments_invalidate
from dateline.comments.models import Comment, CommentSettings
from dateline.comments.spam import Score

logger = logging.getLogger(__name__)
Status = Comment.Status


def _is_trusted(*, email: str, settings: CommentSettings) -> bool:
    needed = settings.trusted_after
    if not needed:
        return False
    approved = Comment.objects.filter(email__iexact=email, status=Status.APPROVED)
    return approved.count() >= needed


@transaction.atomic
def comment_create(
    *,
    page,
    name: str,
    email: str,
    text: str,
    score: Score,
    settings: CommentSettings,
    parent: Comment | None = None,
) -> Comment:
    """Store a reader's comment: spam, pending, or approved at once for a trusted reader."""
    if score.is_spam:
        status = Status.SPAM
    elif _is_trusted(email=email, settings=settings):
        status = Status.APPROVED
    else:
        status = Status.PENDING
    comment = Comment(
        page=page,
        parent=parent,
        name=name,
        email=email,
        text=text,
        status=status,
        spam_score=score.value,
        spam_reasons=", ".join(score.reasons)[:255],
    )
    comment.full_clean()
    comment.save()
    if status == Status.APPROVED:
        comments_invalidate(page_id=page.pk)
    elif status == Status.PENDING and settings.notify_moderators:
        transaction.on_commit(lambda: comments_notify(comment=comment))
    return comment


def comments_notify(*, comment: Comment) -> None:
    """Email the Moderators group that a comment awaits them (Django's email backend)."""
    group = Group.objects.filter(name="Moderators").first()
    recipients = (
        list(
            group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
        )
        if group
        else []
    )
    if not recipients:
        return
    try:
        send_mail(
            subject=f"Comment awaiting moderation on “{comment.page.title}”",
            message=f"{comment.name} wrote:\n\n{comment.text}\n",
            from_email=None,
            recipient_list=recipients,
        )
    except OSError:
        logger.exception("Could not email moderators about comment %s", comment.pk)


@transaction.atomic
def comments_moderate(*, comment_ids: list[int], status: str) -> int:
    """Approve, reject or mark as spam; returns how many comments changed."""
    if status not in Status.values:
        raise ValueError(f"Unknown status {status!r}")
    comments = Comment.objects.select_for_update().filter(pk__in=comment_ids)
    page_ids = set(comments.values_list("page_id", flat=True))
    changed = comments.update(status=status, moderated_at=timezone.now())
    for page_id in page_ids:
        comments_invalidate(page_id=page_id)
    return changed


def comment_approve(*, comment: Comment) -> None:
    comments_moderate(comment_ids=[comment.pk], status=Status.APPROVED)


def comment_reject(*, comment: Comment) -> None:
    comments_moderate(comment_ids=[comment.pk], status=Status.REJECTED)


def comment_mark_spam(*, comment: Comment) -> None:
    comments_moderate(comment_ids=[comment.pk], status=Status.SPAM)


@transaction.atomic
def comments_delete(*, comment_ids: list[int]) -> int:
    comments = Comment.objects.filter(pk__in=comment_ids)
    page_ids = set(comments.values_list("page_id", flat=True))
    deleted, _ = comments.delete()
    for page_id in page_ids:
        comments_invalidate(page_id=page_id)
    return deleted


@transaction.atomic
def comment_reply(*, parent: Comment, user, text: str) -> Comment:
    """A newsroom reply, published at once; replying approves the comment it answers.

    Replies are one level deep: a reply to a reply answers the same top-level comment.
    """
    if parent.parent_id is not None:
        parent = parent.parent
    if parent.status != Status.APPROVED:
        parent.status = Status.APPROVED
        parent.moderated_at = timezone.now()
        parent.save(update_fields=["status", "moderated_at"])
    reply = Comment(
        page_id=parent.page_id,
        parent=parent,
        name=(user.get_full_name() or user.get_username())[:80],
        email=user.email or "newsroom@invalid",
        text=text,
        status=Status.APPROVED,
        is_staff=True,
        author=user,
        moderated_at=timezone.now(),
    )
    reply.full_clean()
    reply.save()
    comments_invalidate(page_id=parent.page_id)
    return reply


@transaction.atomic
def comments_purge_spam(*, now: datetime | None = None) -> int:
    """Delete spam older than 30 days; returns how many comments went."""
    cutoff = (now or timezone.now()) - conf.SPAM_RETENTION
    old = Q(moderated_at__lt=cutoff) | Q(moderated_at__isnull=True, created_at__lt=cutoff)
    deleted, _ = Comment.objects.filter(old, status=Status.SPAM).delete()
    return deleted


def comments_export(*, email: str) -> str:
    """Everything stored for ``email``, as JSON."""
    rows = Comment.objects.filter(email__iexact=email).select_related("page").order_by("pk")
    data = [
        {
            "id": c.pk,
            "article": c.page.title,
            "article_id": c.page_id,
            "in_reply_to": c.parent_id,
            "name": c.name,
            "email": c.email,
            "text": c.text,
            "status": c.status,
            "spam_score": c.spam_score,
            "submitted_at": c.created_at.isoformat(),
        }
        for c in rows
    ]
    return json.dumps({"email": email, "comments": data}, ensure_ascii=False, indent=2)


@transaction.atomic
def comments_erase(*, email: str) -> int:
    """Delete every comment stored for ``email`` (and the replies under them)."""
    comments = Comment.objects.filter(email__iexact=email)
    page_ids = set(comments.values_list("page_id", flat=True))
    deleted, _ = comments.delete()
    for page_id in page_ids:
        comments_invalidate(page_id=page_id)
    return deleted
