"""Property: whatever a reader (or a bot) sends, the answer is never a 500 and never markup.

The body is sent as raw bytes, so lone surrogates arrive the way a browser or a bot
would send them (as invalid UTF-8), beside XSS payloads, control characters and
very long text.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dateline.comments import spam
from dateline.comments.forms import CommentForm
from dateline.comments.models import Comment
from dateline.comments.text import text_scrub

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    'https://x.example/"><script>alert(2)</script>',
    "</textarea><script>alert(3)</script>",
    "{{ request }}{% csrf_token %}",
]
MARKUP = [p for p in PAYLOADS if "<" in p]
field_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=200),  # includes control characters and lone surrogates
    st.builds(
        lambda a, p, b: a + p + b,
        st.text(max_size=20),
        st.sampled_from(PAYLOADS),
        st.text(max_size=20),
    ),
)


def raw_body(fields: dict[str, str]) -> bytes:
    encoded = {k: v.encode("utf-8", "surrogatepass") for k, v in fields.items()}
    return urlencode(encoded).encode("ascii")


def post(client, article, fields):
    return client.post(
        f"/comments/{article.pk}/",
        raw_body(fields),
        content_type="application/x-www-form-urlencoded",
    )


def assert_no_markup(html: str) -> None:
    for payload in MARKUP:
        assert payload not in html


@override_settings(DATELINE_COMMENTS_RATE_LIMIT=100_000)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=field_text,
    email=st.one_of(st.just("reader@example.org"), field_text),
    text=field_text,
    parent=st.one_of(st.just(""), field_text),
    website=st.one_of(st.just(""), field_text),
)
@example(name="A", email="a@example.org", text="x" * 1_000_000, parent="", website="")
@example(name="\ud800", email="a@example.org", text="\udfff tail", parent="", website="")
@example(name="Nul\x00\x01", email="a@example.org", text="\x7f\x1b[31m", parent="", website="")
def test_any_submission_gets_a_clear_answer_and_no_markup(
    client, article, name, email, text, parent, website
):
    token = spam.token_issue(page_id=article.pk, now=time.time() - 60)
    fields = {
        "name": name,
        "email": email,
        "text": text,
        "parent": parent,
        "website": website,
        "token": token,
    }
    response = post(client, article, fields)
    assert response.status_code in (303, 400), response.status_code
    assert_no_markup(response.content.decode())
    Comment.objects.update(status=Comment.Status.APPROVED)
    from dateline.comments.fragments import comments_invalidate

    comments_invalidate(page_id=article.pk)
    assert_no_markup(client.get(article.url).content.decode())
    Comment.objects.all().delete()


@given(value=st.text(max_size=300))
def test_scrubbed_text_can_always_be_encoded_and_is_only_refused_for_a_reason(value):
    cleaned = text_scrub(value)
    cleaned.encode("utf-8")  # never raises: no lone surrogates survive
    form = CommentForm(
        {"name": cleaned or "x", "email": "a@example.org", "text": cleaned, "token": "t"}
    )
    form.is_valid()
    for errors in form.errors.values():
        assert all(str(error) for error in errors)


def test_emoji_and_persian_survive_the_round_trip_exactly(client, article):
    text = "👍🏽 عالی بود! نیم‌فاصله\nشكراً 👨‍👩‍👧"
    token = spam.token_issue(page_id=article.pk, now=time.time() - 60)
    fields = {"name": "سارا", "email": "s@example.org", "text": text, "token": token}
    assert post(client, article, fields).status_code == 303
    assert Comment.objects.get().text == text
    assert Comment.objects.get().name == "سارا"
