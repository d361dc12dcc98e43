"""Site settings are cached for every page, and an editor's change shows at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from dateline.core.models import SiteSettings
from dateline.core.site_settings import site_settings_for
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db


def test_site_settings_are_read_once_then_from_the_cache():
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"tagline": "Daily"})
    assert site_settings_for(site).tagline == "Daily"

    with CaptureQueriesContext(connection) as queries:
        assert site_settings_for(site).tagline == "Daily"

    assert len(queries) == 0


def test_saved_settings_replace_the_cached_ones(client):
    site = Site.objects.get(is_default_site=True)
    article = ArticlePageFactory(
        parent=SectionPageFactory(parent=home_page(), title="Politics"),
        body=[{"type": "paragraph", "value": "<p>First words.</p>"}],
    )
    assert 'class="dateline">Dateline-' in client.get(article.url).content.decode()

    settings, _ = SiteSettings.objects.get_or_create(site=site)
    settings.dateline_prefix = "Veloria"
    settings.save()

    assert 'class="dateline">Veloria-' in client.get(article.url).content.decode()


def test_site_without_settings_gets_the_defaults():
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.filter(site=site).delete()

    assert site_settings_for(site).dateline_prefix == "Dateline"
    assert site_settings_for(None).tagline == "News & Analysis"
