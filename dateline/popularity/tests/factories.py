"""A small newsroom for the popularity tests."""

from __future__ import annotations

from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page


def newsroom(stories: int = 4) -> tuple:
    """The home page, one section and ``stories`` live articles (newest first)."""
    home = home_page()
    section = SectionPageFactory(parent=home, title="Politics")
    articles = [ArticlePageFactory(parent=section) for _ in range(stories)]
    return home, section, articles
