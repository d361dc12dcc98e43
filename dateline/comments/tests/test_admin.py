"""The moderation queue: Moderators and superusers only; filters, row and bulk actions, reply."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from dateline.comments.models import BlockedTerm, Comment
from dateline.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


def member(django_user_model, group: str):
    user = django_user_model.objects.create_user(group.lower(), f"{group}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator_client(client, django_user_model):
    client.force_login(member(django_user_model, "Moderators"))
    return client


def test_editors_cannot_moderate(client, django_user_model, article):
    client.force_login(member(django_user_model, "Editors"))
    # Wagtail's admin answers PermissionDenied with a redirect home and a message.
    response = client.get(reverse("comments_queue"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    comment = CommentFactory(page=article, status=Status.PENDING)
    client.post(reverse("comments_act"), {"row": f"approve:{comment.pk}"})
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert "awaiting moderation" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_queue_lists_pending_comments_with_what_moderators_need(moderator_client, article):
    CommentFactory(
        page=article,
        status=Status.PENDING,
        name="Omid",
        email="omid@example.org",
        text="<b>hi</b>",
        spam_score=30,
    )
    CommentFactory(page=article, status=Status.APPROVED, text="Already out")
    html = moderator_client.get(reverse("comments_queue")).content.decode()
    for expected in (
        "Harbour reopens",
        "Omid",
        "omid@example.org",
        "&lt;b&gt;hi&lt;/b&gt;",
        ">30<",
    ):
        assert expected in html
    assert "Already out" not in html
    approved = moderator_client.get(reverse("comments_queue"), {"status": "approved"})
    assert "Already out" in approved.content.decode()


def test_filter_by_article(moderator_client, article):
    from dateline.news.tests.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=article.get_parent())
    CommentFactory(page=article, status=Status.PENDING, text="On the harbour")
    CommentFactory(page=other, status=Status.PENDING, text="On the other")
    html = moderator_client.get(reverse("comments_queue"), {"article": other.pk}).content.decode()
    assert "On the other" in html and "On the harbour" not in html


def test_row_and_bulk_actions(moderator_client, article):
    a, b, c = (CommentFactory(page=article, status=Status.PENDING) for _ in range(3))
    moderator_client.post(reverse("comments_act"), {"row": f"approve:{a.pk}"})
    moderator_client.post(
        reverse("comments_act"), {"action": "spam", "comment": [str(b.pk), str(c.pk)]}
    )
    assert dict(Comment.objects.values_list("pk", "status")) == {
        a.pk: Status.APPROVED,
        b.pk: Status.SPAM,
        c.pk: Status.SPAM,
    }
    moderator_client.post(reverse("comments_act"), {"row": f"delete:{b.pk}"})
    moderator_client.post(reverse("comments_act"), {"action": "reject", "comment": [str(c.pk)]})
    assert dict(Comment.objects.values_list("pk", "status")) == {
        a.pk: Status.APPROVED,
        c.pk: Status.REJECTED,
    }


def test_a_moderator_replies_as_staff(moderator_client, article):
    parent = CommentFactory(page=article, status=Status.PENDING)
    url = reverse("comments_reply", args=[parent.pk])
    assert moderator_client.get(url).status_code == 200
    response = moderator_client.post(url, {"text": "Thank you, we have corrected it."})
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert reply.is_staff and reply.status == Status.APPROVED


def test_the_dashboard_shows_the_pending_count(moderator_client, article):
    for _ in range(2):
        CommentFactory(page=article, status=Status.PENDING)
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 comments awaiting moderation" in html


def test_superusers_moderate_and_moderators_edit_the_blocklist(
    admin_client, moderator_client, article
):
    assert admin_client.get(reverse("comments_queue")).status_code == 200
    url = reverse("wagtailsnippets_comments_blockedterm:add")
    response = moderator_client.post(url, {"kind": "domain", "value": "spam.example"})
    assert response.status_code == 302
    assert BlockedTerm.objects.filter(value="spam.example").exists()
