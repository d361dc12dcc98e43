"""Each editor role reaches its own admin areas and is refused everywhere else.

Roles (groups): Editors edit and preview every story and run Editor's Choice; Moderators
publish and moderate comments; Contributors draft their own stories only. Nobody but a
superuser changes site settings.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)

AREAS = ["pages", "previews", "revisions", "snippets", "comments", "settings", "images"]
ALLOWED = {
    "Editors": {"pages", "previews", "revisions", "snippets", "images"},
    "Moderators": {"pages", "previews", "revisions", "comments", "images"},
    "Contributors": set(),
}


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    owner = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw-chief-1")
    section = SectionPageFactory(parent=home_page(), title="Harbour")
    article = ArticlePageFactory(parent=section, title="Harbour reopens", owner=owner)
    revision = article.save_revision(user=owner)
    image = ImageFactory(uploaded_by_user=owner)
    return {
        "pages": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "previews": reverse("wagtailadmin_pages:view_draft", args=[article.pk]),
        "revisions": reverse("wagtailadmin_pages:revisions_view", args=[article.pk, revision.pk]),
        "snippets": reverse("wagtailsnippets_curation_picklist:list"),
        "comments": reverse("comments_queue"),
        "settings": reverse("wagtailsettings:edit", args=["core", "sitesettings"]),
        "images": reverse("wagtailimages:edit", args=[image.pk]),
    }


@pytest.fixture(scope="module")
def members(newsroom):
    found = {}
    for role in ALLOWED:
        user = get_user_model().objects.create_user(f"{role.lower()}-1", password="pw-role-1")
        user.groups.add(Group.objects.get(name=role))
        found[role] = user
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("role", list(ALLOWED))
def test_each_role_reaches_only_its_own_admin_areas(newsroom, members, role, area):
    client = Client()
    client.force_login(members[role])
    response = client.get(newsroom[area])
    if area in ALLOWED[role]:
        assert response.status_code == 200, (role, area, response.status_code)
    else:
        refused = response.status_code == 403 or (
            response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        )
        assert refused, (role, area, response.status_code, response.get("Location"))


@pytest.mark.django_db
def test_contributors_may_draft_a_story_but_not_publish_it(newsroom, members):
    section = SectionPageFactory(parent=home_page(), title="Courts")
    client = Client()
    client.force_login(members["Contributors"])
    add = reverse("wagtailadmin_pages:add", args=["news", "articlepage", section.pk])
    page = client.get(add)
    assert page.status_code == 200
    assert 'name="action-publish"' not in page.content.decode()
