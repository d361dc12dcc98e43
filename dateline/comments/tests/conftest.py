from __future__ import annotations

import time

import pytest
from django.test import Client

from dateline.comments import spam
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page


@pytest.fixture
def client():
    """A reader's browser: it names the page's origin on every POST, as browsers do."""
    return Client(headers={"Origin": "http://testserver"})


@pytest.fixture
def article(db):
    section = SectionPageFactory(parent=home_page())
    return ArticlePageFactory(parent=section, title="Harbour reopens")


def form_data(page_id: int, *, age: float = 60, **overrides) -> dict:
    """A reader's valid submission, as if the form was opened ``age`` seconds ago."""
    data = {
        "name": "Leila",
        "email": "leila@example.org",
        "text": "A fair account of the harbour.",
        "token": spam.token_issue(page_id=page_id, now=time.time() - age),
        "website": "",
        "parent": "",
    }
    data.update(overrides)
    return data
