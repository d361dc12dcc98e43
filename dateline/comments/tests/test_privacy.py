"""The privacy command exports or erases everything stored for an email address."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dateline.comments.models import Comment
from dateline.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("comments_privacy", *args, stdout=out)
    return out.getvalue()


def test_export_prints_every_comment_of_the_address(article):
    CommentFactory(page=article, email="Sara@example.org", text="نظر من 👍")
    CommentFactory(page=article, email="other@example.org")
    data = json.loads(run("--export", "sara@example.org"))
    assert [c["text"] for c in data["comments"]] == ["نظر من 👍"]
    assert data["comments"][0]["article"] == article.title


def test_erase_deletes_every_comment_of_the_address_only(article):
    CommentFactory(page=article, email="sara@example.org")
    CommentFactory(page=article, email="SARA@example.org", status=Comment.Status.SPAM)
    kept = CommentFactory(page=article, email="other@example.org")
    assert "Erased 2 comment(s)" in run("--erase", "sara@example.org")
    assert list(Comment.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_command_wants_an_address():
    with pytest.raises(CommandError, match="email address"):
        run("--erase", "nobody")


def test_the_purge_command_reports_its_count():
    out = StringIO()
    call_command("comments_purge_spam", stdout=out)
    assert "Purged 0 spam comment(s)." in out.getvalue()
