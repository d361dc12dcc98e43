"""A comment sent while the database is down: a 503 that keeps the text, nothing half-saved."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from dateline.comments.models import Comment
from dateline.comments.tests.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fetch", [False, True], ids=["form", "script"])
def test_with_the_database_down_a_comment_gets_503_and_its_text_back(client, article, fetch):
    data = form_data(article.pk, text="Kept while the database is away ✍️ <b>bold</b>")
    headers = {"X-Comments-Fetch": "1"} if fetch else {}
    error = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch.object(CursorWrapper, "_execute", side_effect=error),
        mock.patch.object(CursorWrapper, "_executemany", side_effect=error),
    ):
        response = client.post(f"/comments/{article.pk}/", data, headers=headers)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "could not save your comment" in html
    assert "Kept while the database is away ✍️ &lt;b&gt;bold&lt;/b&gt;" in html
    assert f'action="/comments/{article.pk}/"' in html
    assert (html.lstrip().startswith("<!DOCTYPE html>")) is not fetch
    assert Comment.objects.count() == 0
