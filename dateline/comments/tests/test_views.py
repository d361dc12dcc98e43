"""The reader's form: accepted, refused with a reason and the text intact, never a 500."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from dateline.comments.models import Comment
from dateline.comments.tests.conftest import form_data
from dateline.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def post(client, article, fetch=False, **data):
    headers = {"X-Comments-Fetch": "1"} if fetch else {}
    return client.post(f"/comments/{article.pk}/", form_data(article.pk, **data), headers=headers)


def test_the_article_shows_the_form_with_required_fields_and_limits(client, article):
    html = client.get(article.url).content.decode()
    assert 'id="comments"' in html
    # the page is cached for everyone alike: no per-reader CSRF token (see views.py)
    assert 'name="csrfmiddlewaretoken"' not in html
    assert 'name="token"' in html
    assert 'maxlength="3000"' in html and "up to 3000 characters" in html
    assert "Fields marked * are required." in html
    assert "comments.js" in html and "defer" in html


def test_an_accepted_comment_is_pending_and_the_reader_is_told_it_awaits_moderation(
    client, article
):
    response = post(client, article)
    assert response.status_code == 303
    assert response["Location"].endswith("?comment=sent#comments")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "awaits moderation" in page
    assert "A fair account" not in page  # not shown before approval


def test_with_javascript_the_form_comes_back_in_place(client, article):
    response = post(client, article, fetch=True)
    assert response.status_code == 200
    assert "awaits moderation" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_a_post_that_names_no_origin_is_refused(article):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"/comments/{article.pk}/", {})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_invalid_input_gets_specific_errors_and_keeps_what_was_typed(client, article):
    response = post(client, article, email="not-an-email", text="x" * 3001)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "at most 3000 characters" in html
    assert "x" * 3001 in html
    assert 'value="Leila"' in html
    assert not Comment.objects.exists()


def test_too_many_links_is_refused_with_the_limit(client, article):
    text = " ".join(f"https://example.org/{n}" for n in range(4))
    response = post(client, article, text=text)
    assert response.status_code == 400
    assert "Use at most 3 links; this comment has 4." in response.content.decode()


def test_a_filled_honeypot_is_thanked_but_nothing_is_stored(client, article):
    response = post(client, article, website="http://spam.example")
    assert response.status_code == 303
    assert not Comment.objects.exists()


def test_an_expired_or_forged_token_returns_the_text_with_a_fresh_token(client, article):
    response = post(client, article, age=3 * 86400)
    assert response.status_code == 400
    html = response.content.decode()
    assert "expired" in html and "A fair account of the harbour." in html
    response = post(client, article, token="forged")
    assert response.status_code == 400


def test_closed_comments_refuse_with_403_and_keep_the_text(client, article):
    article.comments_closed = True
    article.save()
    response = post(client, article)
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert not Comment.objects.exists()
    assert "Add a comment" not in client.get(article.url).content.decode()


@override_settings(DATELINE_COMMENTS_RATE_LIMIT=2)
def test_a_client_over_the_hourly_limit_gets_429_with_the_text(client, article):
    for n in range(2):
        assert post(client, article, text=f"Comment {n}").status_code == 303
    response = post(client, article, text="One too many")
    assert response.status_code == 429
    assert "One too many" in response.content.decode()
    assert Comment.objects.count() == 2


def test_when_the_database_fails_the_reader_gets_503_with_the_text(client, article):
    with mock.patch(
        "dateline.comments.views.comment_create", side_effect=OperationalError("locked")
    ):
        response = post(client, article, text="Please keep this ✍️ نظر من")
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert "could not save your comment" in html
    assert "Please keep this ✍️ نظر من" in html


def test_a_reply_attaches_to_an_approved_comment_only(client, article):
    parent = CommentFactory(page=article)
    assert post(client, article, parent=str(parent.pk)).status_code == 303
    assert Comment.objects.get(parent=parent).status == Comment.Status.PENDING
    pending = CommentFactory(page=article, status=Comment.Status.PENDING)
    response = post(client, article, parent=str(pending.pk), text="Another reply")
    assert response.status_code == 400
    assert "not shown on this story" in response.content.decode()


def test_an_unknown_or_unpublished_article_is_404(client, article):
    assert client.post("/comments/999999/", form_data(999999)).status_code == 404
    assert client.get(f"/comments/{article.pk}/").status_code == 405


def _drawn_directly(rf, page, token: str) -> str:
    """The form as form_context and the template draw it, with ``token`` as its token."""
    from django.template.loader import render_to_string

    from dateline.comments import views

    request = rf.get(page.url)
    with mock.patch.object(views.spam, "token_issue", return_value=token):
        return render_to_string(views.FORM_TEMPLATE, views.form_context(request, page))


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
@pytest.mark.parametrize("closed", [False, True])
def test_the_kept_form_is_the_drawn_form_with_the_story_and_its_token(
    rf, article, language, closed
):
    from django.utils import translation

    from dateline.comments import views
    from dateline.news.tests.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=article.get_parent(), title="Another story")
    if closed:
        for page in (article, other):
            page.comments_closed = True
            page.save()
    with translation.override(language):
        for page in (article, other, article):  # drawn once, then kept
            token = f"token-{page.pk}:<&>"  # escaped wherever it lands, as a real value would be
            with mock.patch.object(views.spam, "token_issue", return_value=token):
                kept = views.fresh_form_context(rf.get(page.url), page)["form_html"]
            assert kept == _drawn_directly(rf, page, token)
            if not closed:
                assert f'/comments/{page.pk}/"' in kept  # /ar/comments/..., /fa/comments/...
                assert f'value="token-{page.pk}:&lt;&amp;&gt;"' in kept
            assert str(views.PAGE_HOLE) not in kept and views.TOKEN_HOLE not in kept


def test_each_reader_gets_a_token_for_the_story_they_read(client, article):
    import re

    from dateline.comments import spam
    from dateline.news.tests.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=article.get_parent(), title="Another story")
    for page in (article, other):
        html = client.get(page.url).content.decode()
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        assert spam.token_age(token, page_id=page.pk) < 60  # bound to this story, fresh
        assert f'action="/comments/{page.pk}/"' in html
