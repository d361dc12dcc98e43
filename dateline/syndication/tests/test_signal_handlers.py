"""Publishing makes the share image ahead of readers and drops what syndication cached."""

from __future__ import annotations

import pytest

from dateline.news.tests.factories import ArticlePageFactory, ImageFactory, home_page
from dateline.syndication import cache
from dateline.syndication.images import SHARE_SPEC

pytestmark = pytest.mark.django_db


def test_publishing_makes_the_share_rendition():
    image = ImageFactory()
    story = ArticlePageFactory(parent=home_page(), image=image, live=False)
    assert not image.renditions.filter(filter_spec=SHARE_SPEC).exists()

    story.save_revision().publish()

    assert image.renditions.filter(filter_spec=SHARE_SPEC).exists()


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete"])
def test_publishing_unpublishing_or_deleting_invalidates_the_cache(action):
    story = ArticlePageFactory(parent=home_page(), live=False)
    story.save_revision().publish()
    story.refresh_from_db()
    before = cache.version()

    if action == "publish":
        story.save_revision().publish()
    elif action == "unpublish":
        story.unpublish()
    else:
        story.delete()

    assert cache.version() != before
