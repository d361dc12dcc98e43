"""A reader comments, a moderator approves it, the reader sees it; a bot's comment never queues."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from dateline.comments.conf import MIN_FILL_SECONDS
from dateline.comments.models import Comment
from dateline.news.models import ArticlePage

from .test_editor_publishes import log_in

pytestmark = pytest.mark.browser

TEXT = "The harbour story missed the night ferry. See https://ferries.example/timetable"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "mod-pass-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    return "mod", "mod-pass-1"


def fill_form(tab, *, name: str, text: str) -> None:
    tab.locator("#id_name").fill(name)
    tab.locator("#id_email").fill("reader@example.org")
    tab.locator("#id_text").fill(text)
    # a form sent faster than a person can write counts towards spam
    tab.wait_for_timeout(MIN_FILL_SECONDS * 1000 + 300)


def test_a_reader_comment_is_approved_and_shown(live_site, newsroom, page, new_context, moderator):
    newsroom(articles=6)
    story = ArticlePage.objects.live().order_by("path").first()
    reader = new_context().new_page()
    reader.goto(live_site.url + story.url)
    fill_form(reader, name="Leila", text=TEXT)
    reader.get_by_role("button", name="Send comment").click()
    expect(reader.get_by_role("status")).to_contain_text("awaits moderation")
    assert Comment.objects.get().status == Comment.Status.PENDING

    log_in(page, live_site.url, *moderator)
    expect(page.get_by_text("1 comment awaiting moderation")).to_be_visible()
    page.goto(live_site.url + reverse("comments_queue"))
    row = page.locator("tr.comment-row", has_text="night ferry")
    expect(row).to_contain_text("reader@example.org")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator(".messages .success")).to_be_visible()

    reader.reload()
    shown = reader.locator(".comments__list .comment", has_text="night ferry")
    expect(shown).to_contain_text("Leila")
    expect(shown.locator("a[rel='nofollow ugc noopener']")).to_have_count(1)
    expect(reader.locator(".comments")).not_to_contain_text("reader@example.org")
    expect(reader.locator("#comments-heading")).to_have_text("1 comment")


def test_a_comment_with_the_honeypot_filled_never_reaches_the_queue(
    live_site, newsroom, new_context, moderator
):
    newsroom(articles=6)
    story = ArticlePage.objects.live().order_by("path").first()
    bot = new_context(java_script_enabled=False).new_page()  # the plain POST path
    bot.goto(live_site.url + story.url)
    fill_form(bot, name="Bot", text="Cheap watches")
    bot.locator("#id_website").fill("https://watches.example")
    bot.get_by_role("button", name="Send comment").click()
    expect(bot).to_have_url(live_site.url + story.url + "?comment=sent#comments")
    expect(bot.get_by_role("status")).to_contain_text("awaits moderation")
    assert not Comment.objects.exists()
