"""An editor writes and publishes a story in the Wagtail admin; readers see it at once."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from dateline.news.demo.newsroom import DEMO_EDITOR
from dateline.news.models import ArticlePage, HomePage, SectionPage

pytestmark = pytest.mark.browser

HEADLINE = "Harbour pilots agree a winter rota with the port of Velmora"
SUMMARY = "After a month of talks, pilots and the port authority settle who guides ships at night."
AUTHOR = "Lena Maris"
TAG = "Water"  # a demo tag, so "first on the tag page" is a real claim


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base_url + reverse("wagtailadmin_home"))


def open_new_article_form(page, base_url: str, section) -> None:
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", section.pk])
    page.goto(base_url + url)
    expect(page.locator("#id_title")).to_be_visible()


def fill_article(page) -> None:
    page.locator("#id_title").fill(HEADLINE)
    page.locator("#id_summary").fill(SUMMARY)

    # The Authors inline panel starts with one empty form (min_num=1): pick an
    # author in the snippet chooser modal.
    page.locator("#id_article_authors-0-author-chooser .chooser__choose-button").click()
    page.locator(".modal a[data-chooser-modal-choice]", has_text=AUTHOR).click()
    expect(page.locator("#id_article_authors-0-author-title")).to_have_text(AUTHOR)

    tag_input = page.locator("#panel-child-content-child-tags-wrapper li.tagit-new input")
    tag_input.fill(TAG.lower())
    tag_input.press("Enter")
    expect(page.locator("#panel-child-content-child-tags-wrapper .tagit-choice")).to_have_count(1)


def publish(page) -> None:
    page.locator("footer .w-dropdown__toggle", has_text="More actions").click()
    page.locator("footer button[name=action-publish]").click()
    expect(page.locator(".messages .success")).to_contain_text(HEADLINE)


def test_editor_publishes_and_readers_see_it_first(live_site, newsroom, page, new_context):
    newsroom(articles=14)
    section = SectionPage.objects.get(slug="economy")

    log_in(page, live_site.url, *DEMO_EDITOR)
    open_new_article_form(page, live_site.url, section)
    fill_article(page)
    publish(page)

    article = ArticlePage.objects.get(title=HEADLINE)
    assert article.live
    assert article.get_parent().pk == section.pk
    assert [a.author.name for a in article.article_authors.all()] == [AUTHOR]
    assert [t.name for t in article.tags.all()] == [TAG]

    reader = new_context().new_page()  # a fresh context: no admin session
    reader.goto(live_site.url + section.url)
    expect(reader.locator(".listing-header h1")).to_have_text(section.title)
    expect(reader.locator(".story-list .card__title a").first).to_have_text(HEADLINE)
    expect(reader.locator(".story-list .card__summary").first).to_have_text(SUMMARY)
    expect(reader.locator(".w-userbar")).to_have_count(0)

    reader.goto(f"{live_site.url}/tags/{TAG.lower()}/")
    expect(reader.locator(".listing-header h1")).to_have_text(TAG)
    expect(reader.locator(".story-list .card__title a").first).to_have_text(HEADLINE)

    reader.locator(".story-list .card__title a").first.click()
    expect(reader.locator("h1.article__headline")).to_have_text(HEADLINE)
    expect(reader.locator(".article__byline")).to_contain_text(AUTHOR)


def test_headline_fills_the_slug(live_site, page, django_user_model):
    section = SectionPage(title="Economy", slug="economy")
    HomePage.objects.get().add_child(instance=section)
    django_user_model.objects.create_superuser("slugs", "slugs@example.org", "slug-pass")

    log_in(page, live_site.url, "slugs", "slug-pass")
    open_new_article_form(page, live_site.url, section)
    page.locator("#id_title").press_sequentially("Ferry fares frozen")
    page.locator("#id_title").blur()
    page.get_by_role("tab", name="Promote").click()
    expect(page.locator("#id_slug")).to_have_value("ferry-fares-frozen", timeout=1_500)
