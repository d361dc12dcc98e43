"""An editor puts a story first in Editor's Choice; readers see it at once, until it expires."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from dateline.curation.models import Pick, PickList
from dateline.news.models import ArticlePage, HomePage

from .test_editor_publishes import log_in

pytestmark = pytest.mark.browser

EXPIRES_IN = timedelta(seconds=3)


@pytest.fixture
def picks_editor(django_user_model):
    """A member of Wagtail's Editors group (not a superuser): the people who curate picks."""
    user = django_user_model.objects.create_user("picks", "picks@example.org", "picks-pass-1")
    user.groups.add(Group.objects.get(name="Editors"))
    return "picks", "picks-pass-1"


def unpicked_story(site_wide: PickList) -> ArticlePage:
    """A live story that is neither picked nor the front page's lead."""
    lead = HomePage.objects.get().lead_story_id
    picked = site_wide.picks.values_list("page_id", flat=True)
    return ArticlePage.objects.live().exclude(pk__in=[*picked, lead]).order_by("path").first()


def add_pick(page, story: ArticlePage, index: int) -> None:
    page.get_by_role("button", name="Add Pick").click()
    page.locator(f"#id_picks-{index}-page-chooser .chooser__choose-button").click()
    page.locator(".modal input[name=q]").fill(story.title)
    page.locator(".modal a.choose-page", has_text=story.title).click()
    expect(page.locator(f"#id_picks-{index}-page-title")).to_have_text(story.title)


def move_to_top(page, index: int) -> None:
    move_up = page.locator(f"#inline_child_picks-{index} [data-inline-panel-child-move-up]")
    for _ in range(index):
        move_up.click()
    expect(move_up).to_be_disabled()  # the first child cannot move further up


def first_pick(reader):
    return reader.locator(".editors-choice .editors-choice__title a").first


def test_editor_puts_a_story_first_and_readers_see_it_until_it_expires(
    live_site, newsroom, page, new_context, picks_editor
):
    newsroom(articles=14)  # the demo's Editor's Choice: six site-wide picks
    site_wide = PickList.objects.get(section__isnull=True)
    count = site_wide.picks.count()
    story = unpicked_story(site_wide)

    edit_url = reverse("wagtailsnippets_curation_picklist:edit", args=[site_wide.pk])

    log_in(page, live_site.url, *picks_editor)
    page.goto(live_site.url + edit_url)
    add_pick(page, story, count)
    move_to_top(page, count)
    page.locator("footer button.action-save").click()
    expect(page.locator(".messages .success")).to_be_visible()

    picks = Pick.objects.filter(pick_list=site_wide).order_by("sort_order")
    assert [pick.page_id for pick in picks][0] == story.pk
    assert picks.count() == count + 1

    reader = new_context().new_page()  # a fresh context: no admin session
    reader.goto(live_site.url + "/")
    expect(first_pick(reader)).to_have_text(story.title)
    expect(reader.locator(".editors-choice li")).to_have_count(count + 1)

    # The pick now expires in a moment; nothing else changes, yet it leaves the block.
    pick = picks.get(page=story)
    pick.expires_at = timezone.now() + EXPIRES_IN
    pick.save()
    reader.reload()
    expect(first_pick(reader)).to_have_text(story.title)
    time.sleep(EXPIRES_IN.total_seconds())
    reader.reload()
    expect(reader.locator(".editors-choice li")).to_have_count(count)
    expect(reader.locator(".editors-choice", has_text=story.title)).to_have_count(0)
