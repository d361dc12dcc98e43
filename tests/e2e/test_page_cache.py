"""A reader with JavaScript off comments on a page served from the page cache."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dateline.comments.models import Comment
from dateline.news.models import ArticlePage

from .test_comments import fill_form

pytestmark = pytest.mark.browser


def test_a_reader_without_javascript_comments_on_a_cached_page(live_site, newsroom, new_context):
    newsroom(articles=6)
    story = ArticlePage.objects.live().order_by("path").first()
    warm = new_context().new_page()
    assert warm.goto(live_site.url + story.url).headers["x-dateline-cache"] in {"MISS", "HIT"}

    reader = new_context(java_script_enabled=False).new_page()
    response = reader.goto(live_site.url + story.url)
    assert response.headers["x-dateline-cache"] == "HIT"
    assert "set-cookie" not in response.headers
    fill_form(reader, name="Leila", text="The ferry timetable changed on Monday.")
    reader.get_by_role("button", name="Send comment").click()
    expect(reader.get_by_role("status")).to_contain_text("awaits moderation")
    assert Comment.objects.get().text == "The ferry timetable changed on Monday."
