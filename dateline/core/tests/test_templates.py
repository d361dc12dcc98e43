"""The site-wide templates: language and direction, the error pages."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error
from wagtail.models import Locale

from dateline.news.tests.factories import SectionPageFactory, home_page

pytestmark = pytest.mark.django_db


def test_english_pages_are_left_to_right(client):
    html = client.get("/").content.decode()

    assert '<html lang="en" dir="ltr">' in html


def test_arabic_edition_is_served_right_to_left_under_its_prefix(client):
    arabic = Locale.objects.create(language_code="ar")
    translation = home_page().copy_for_translation(arabic)
    translation.title = "الرئيسية"
    translation.save_revision().publish()

    response = client.get("/ar/")

    assert response.status_code == 200
    assert response.context["page"].pk == translation.pk
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert '<html lang="en" dir="ltr">' in client.get("/").content.decode()


def test_english_page_reached_under_arabic_prefix_keeps_english_markup(client):
    # No Arabic edition yet: /ar/ either is not found or shows the English home page,
    # and then the document must not claim to be Arabic, right to left.
    response = client.get("/ar/")

    if response.status_code == 404:
        return
    assert response.status_code == 200
    assert response.context["page"].locale.language_code == "en"
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_unknown_url_gets_the_designed_not_found_page(client):
    response = client.get("/no-such-story/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert '<a href="/">Go to the front page</a>' in html
    assert '<html lang="en" dir="ltr">' in html


def test_missing_story_in_a_section_gets_the_designed_not_found_page(client):
    SectionPageFactory(parent=home_page(), title="Politics")

    response = client.get("/politics/no-such-story/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_server_error_template_renders_standalone(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert "{%" not in html
    assert "{{" not in html


def test_server_error_view_uses_the_standalone_template(django_assert_num_queries):
    request = RequestFactory().get("/broken/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
