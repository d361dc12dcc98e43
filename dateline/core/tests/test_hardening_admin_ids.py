"""Ids typed or posted in admin-only screens: "²", other Unicode digits and endless digit
strings pass ``str.isdigit()`` but crash ``int()`` or overflow the database; they are
ignored like any other non-id, never a server error."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from dateline.comments.admin_views import is_id
from dateline.comments.models import Comment
from dateline.comments.tests.factories import CommentFactory
from dateline.core.cache_purge import purge_urls
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db
NOT_IDS = ["²", "٣", "１２", "9" * 13, "1" * 5000, "-1", " 1", ""]


def test_only_short_ascii_digit_strings_are_ids():
    assert is_id("1") and is_id("999999999999")
    assert not any(is_id(value) for value in NOT_IDS)


@pytest.fixture
def pending(client, django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    article = ArticlePageFactory(parent=SectionPageFactory(parent=home_page()))
    return CommentFactory(page=article, status=Comment.Status.PENDING)


def test_the_queue_ignores_an_article_filter_that_is_not_an_id(client, pending):
    for value in NOT_IDS:
        response = client.get(reverse("comments_queue"), {"article": value})

        assert response.status_code == 200, value
        assert pending.text in response.content.decode(), value


def test_moderation_actions_ignore_ids_that_are_not_ids(client, pending):
    for value in NOT_IDS:
        row = client.post(reverse("comments_act"), {"row": f"approve:{value}"}, follow=True)
        bulk = client.post(
            reverse("comments_act"), {"action": "spam", "comment": [value]}, follow=True
        )

        for response in (row, bulk):
            assert response.status_code == 200, value
            assert "Select at least one comment." in response.content.decode(), value
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PENDING


def test_purge_addresses_skip_page_tags_that_are_not_ids():
    home = home_page()

    urls = purge_urls([f"page:{home.pk}", *(f"page:{value}" for value in NOT_IDS)])

    assert urls == [home.get_full_url()]
