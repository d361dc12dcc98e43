"""Spam scoring, the form token and the hourly rate limit."""

from __future__ import annotations

import time

import pytest
import time_machine
from django.test import override_settings

from dateline.comments import spam
from dateline.comments.models import BlockedTerm
from dateline.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def score(text="A calm reply.", email="a@example.org", fill_seconds=30):
    return spam.spam_score(page_id=1, email=email, text=text, fill_seconds=fill_seconds)


def test_an_ordinary_comment_scores_zero():
    result = score()
    assert result.value == 0 and not result.is_spam


def test_a_form_sent_within_seconds_is_spam():
    result = score(fill_seconds=1)
    assert result.is_spam and "sent too fast" in result.reasons


def test_links_raise_the_score():
    assert score(text="see https://a.example and https://b.example").value == 20


def test_blocked_words_and_domains_make_spam():
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.WORD, value="Casino")
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.DOMAIN, value="pills.example")
    assert score(text="best CASINO bonus").is_spam
    assert score(text="visit https://shop.pills.example/x").is_spam
    assert score(email="bot@pills.example").is_spam
    assert not score(text="visit https://notpills.example").is_spam


def test_duplicate_text_is_spam(article):
    CommentFactory(page=article, text="Same words")
    result = score(text="Same words")
    assert result.is_spam and "duplicate text" in result.reasons


def test_the_token_carries_its_story_and_age():
    now = time.time()
    token = spam.token_issue(page_id=7, now=now - 20)
    assert 19 <= spam.token_age(token, page_id=7, now=now) <= 21
    with pytest.raises(spam.TokenError):
        spam.token_age(token, page_id=8, now=now)
    with pytest.raises(spam.TokenError):
        spam.token_age(token, page_id=7, now=now + 3 * 86400)
    with pytest.raises(spam.TokenError):
        spam.token_age(token + "x", page_id=7, now=now)


@override_settings(DATELINE_COMMENTS_RATE_LIMIT=3)
def test_the_rate_limit_counts_per_client_and_resets_each_hour():
    with time_machine.travel("2025-03-14 09:10:00+00:00", tick=False) as clock:
        assert [spam.rate_exceeded("c1") for _ in range(4)] == [False, False, False, True]
        assert not spam.rate_exceeded("c2")
        clock.move_to("2025-03-14 10:00:01+00:00")
        assert not spam.rate_exceeded("c1")
