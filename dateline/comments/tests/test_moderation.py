"""Moderation actions, trusted readers, staff replies, notification and the spam purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from dateline.comments import services
from dateline.comments.fragments import comments_fragment
from dateline.comments.models import Comment, CommentSettings
from dateline.comments.spam import Score
from dateline.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


def create(article, *, email="r@example.org", score=None, settings=None):
    return services.comment_create(
        page=article,
        name="Reader",
        email=email,
        text="Words",
        score=score or Score(),
        settings=settings or CommentSettings(),
    )


def test_everything_is_pre_moderated_by_default(article):
    assert create(article).status == Status.PENDING


def test_a_high_score_files_the_comment_as_spam(article):
    score = Score()
    score.add(60, "sent too fast")
    comment = create(article, score=score)
    assert comment.status == Status.SPAM
    assert comment.spam_score == 60 and comment.spam_reasons == "sent too fast"


def test_a_reader_with_enough_approved_comments_is_published_at_once(article):
    settings = CommentSettings(trusted_after=2)
    CommentFactory(page=article, email="Known@example.org")
    assert create(article, email="known@example.org", settings=settings).status == Status.PENDING
    CommentFactory(page=article, email="known@example.org")
    assert create(article, email="known@example.org", settings=settings).status == Status.APPROVED


def test_approving_shows_the_comment_and_rejecting_or_spam_hides_it(article):
    comment = CommentFactory(page=article, status=Status.PENDING, text="Visible soon")
    assert comments_fragment(page_id=article.pk)["count"] == 0
    services.comment_approve(comment=comment)
    fragment = comments_fragment(page_id=article.pk)
    assert fragment["count"] == 1 and "Visible soon" in fragment["html"]
    services.comment_mark_spam(comment=comment)
    assert comments_fragment(page_id=article.pk)["count"] == 0
    services.comment_approve(comment=comment)
    services.comment_reject(comment=comment)
    comment.refresh_from_db()
    assert comment.status == Status.REJECTED and comment.moderated_at is not None
    assert comments_fragment(page_id=article.pk)["count"] == 0


def test_bulk_moderation_and_deletion(article):
    ids = [CommentFactory(page=article, status=Status.PENDING).pk for _ in range(3)]
    assert services.comments_moderate(comment_ids=ids[:2], status=Status.APPROVED) == 2
    assert Comment.objects.filter(status=Status.APPROVED).count() == 2
    assert services.comments_delete(comment_ids=ids) == 3
    assert not Comment.objects.exists()
    with pytest.raises(ValueError):
        services.comments_moderate(comment_ids=ids, status="bogus")


def test_a_staff_reply_is_published_marked_and_one_level_deep(article, django_user_model):
    editor = django_user_model.objects.create_user("desk", "desk@example.org", first_name="News")
    parent = CommentFactory(page=article, status=Status.PENDING)
    reply = services.comment_reply(parent=parent, user=editor, text="Thanks, corrected.")
    parent.refresh_from_db()
    assert parent.status == Status.APPROVED  # answering a comment publishes it
    assert reply.is_staff and reply.status == Status.APPROVED and reply.parent == parent
    second = services.comment_reply(parent=reply, user=editor, text="And again.")
    assert second.parent == parent
    html = comments_fragment(page_id=article.pk)["html"]
    assert "comment--staff" in html and "Staff" in html
    assert "desk@example.org" not in html and parent.email not in html


def test_the_thread_is_oldest_first_with_names_and_times_never_emails(article):
    first = CommentFactory(page=article, text="First")
    CommentFactory(page=article, text="Second")
    Comment.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(hours=1))
    html = comments_fragment(page_id=article.pk)["html"]
    assert html.index("First") < html.index("Second")
    assert first.name in html and "<time" in html and "@example.org" not in html


def test_moderators_are_emailed_when_asked(
    article, django_user_model, django_capture_on_commit_callbacks
):
    moderator = django_user_model.objects.create_user("mod", "mod@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    with django_capture_on_commit_callbacks(execute=True):
        create(article, settings=CommentSettings(notify_moderators=True))
    assert [m.to for m in mail.outbox] == [["mod@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        create(article)
    assert len(mail.outbox) == 1


def test_spam_is_purged_after_30_days(article):
    now = timezone.now()
    old = CommentFactory(page=article, status=Status.SPAM)
    fresh = CommentFactory(page=article, status=Status.SPAM)
    kept = CommentFactory(page=article, status=Status.REJECTED)
    Comment.objects.filter(pk__in=[old.pk, kept.pk]).update(created_at=now - timedelta(days=31))
    assert services.comments_purge_spam(now=now) == 1
    assert set(Comment.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
