"""Anonymous readers are routed from the cached top of the tree (core/routing.py), and
every change to what it holds shows at once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from dateline.core import routing
from dateline.news.models import SectionPage
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = SectionPageFactory(parent=home_page(), title="Politics")
    return ArticlePageFactory(parent=section, title="Harbour talks resume", body=[], tags=[])


def _tables(queries) -> str:
    return " ".join(query["sql"] for query in queries)


def test_a_reader_is_routed_to_a_story_without_site_locale_tree_or_restriction_queries(
    client, story
):
    assert client.get(story.url).status_code == 200  # the tree and the shared parts cached

    with CaptureQueriesContext(connection) as captured:
        assert client.get(story.url).status_code == 200

    sql = _tables(captured.captured_queries)
    for table in ("wagtailcore_site", "wagtailcore_locale", "pageviewrestriction"):
        assert table not in sql
    assert "news_sectionpage" not in sql and "news_homepage" not in sql


def test_publishing_a_section_title_change_shows_on_its_stories(client, story):
    client.get(story.url)
    section = SectionPage.objects.get(pk=story.get_parent().pk)
    section.title = "Harbour desk"
    section.save_revision().publish()

    html = client.get(story.url).content.decode()

    assert routing.tree_get().pages[section.pk].title == "Harbour desk"
    assert '"name": "Harbour desk"' in html or '"name":"Harbour desk"' in html


def test_a_new_view_restriction_protects_a_story_at_once(client, story):
    assert client.get(story.url).status_code == 200

    PageViewRestriction.objects.create(
        page=story.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(story.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_new_view_restriction_retires_the_cached_public_copy(client, story, page_cache):
    assert client.get(story.url).status_code == 200  # stored in the page cache

    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(story.url).status_code == 302


def test_a_restriction_protects_the_aliases_of_a_story(client, story):
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    elsewhere = SectionPageFactory(parent=home_page(), title="World")
    client.get(story.url)  # the tree cached before the alias exists

    alias = story.create_alias(parent=elsewhere)

    assert client.get(alias.url).status_code == 302


def test_removing_a_restriction_opens_the_story_again(client, story):
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(story.url).status_code == 302

    restriction.delete()

    assert client.get(story.url).status_code == 200


def test_a_site_hostname_change_routes_by_the_new_name_at_once(client, story):
    assert client.get(story.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.is_default_site = "localhost", False
    site.save()

    assert client.get(story.url).status_code == 404
    assert client.get(story.url, HTTP_HOST="localhost").status_code == 200


def _routed_section_title(user, url: str) -> str:
    """The title of the section a request for ``url`` is routed through."""
    request = RequestFactory().get(url)
    request.user = user

    def view(request):
        page, _args, _kwargs = Page.route_for_request(request, url)
        return HttpResponse(page._cached_parent_obj.title)

    return routing.RoutingMiddleware(view)(request).content.decode()


def test_editors_are_routed_from_the_database_not_the_cached_tree(story, django_user_model):
    assert _routed_section_title(AnonymousUser(), story.url) == "Politics"  # tree cached
    # a change no signal announces: only the database knows it
    SectionPage.objects.filter(pk=story.get_parent().pk).update(title="Quiet desk")
    editor = django_user_model.objects.create_user("editor", password="x")

    assert _routed_section_title(editor, story.url) == "Quiet desk"
    assert _routed_section_title(AnonymousUser(), story.url) == "Politics"
