"""Editing Editor's Choice in the Wagtail admin: validation messages and permissions."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from dateline.curation.models import Pick, PickList
from dateline.curation.tests.factories import pick_list
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics")
    analysis = SectionPageFactory(parent=home, title="Analysis")
    stories = [ArticlePageFactory(parent=politics, title=f"Politics {n}") for n in range(3)]
    return SimpleNamespace(home=home, politics=politics, analysis=analysis, stories=stories)


def edit_url(pick_list_pk: int) -> str:
    return reverse("wagtailsnippets_curation_picklist:edit", args=[pick_list_pk])


def add_url() -> str:
    return reverse("wagtailsnippets_curation_picklist:add") + "?locale=en"


def form_data(*picks: dict, section=None, initial: int = 0) -> dict:
    """The POST of the list form: ``picks`` are dicts of page, id, headline, expires_at..."""
    data = {
        "section": section.pk if section else "",
        "picks-TOTAL_FORMS": len(picks),
        "picks-INITIAL_FORMS": initial,
        "picks-MIN_NUM_FORMS": 0,
        "picks-MAX_NUM_FORMS": 1000,
    }
    for n, pick in enumerate(picks):
        data.update(
            {
                f"picks-{n}-id": pick.get("id", ""),
                f"picks-{n}-page": pick["page"].pk,
                f"picks-{n}-headline": pick.get("headline", ""),
                f"picks-{n}-image": "",
                f"picks-{n}-expires_at": pick.get("expires_at", ""),
                f"picks-{n}-ORDER": pick.get("order", n + 1),
                f"picks-{n}-DELETE": pick.get("delete", ""),
            }
        )
    return data


def menu_link() -> str:
    """The admin menu's entry for Editor's Choice (the sidebar is drawn from JSON)."""
    return f'"url": "{reverse("wagtailsnippets_curation_picklist:list")}"'


def saved_pages(made: PickList) -> list[int]:
    """The stories of the list as stored, in order (``made.picks`` may hold unsaved state)."""
    picks = Pick.objects.filter(pick_list_id=made.pk).order_by("sort_order")
    return list(picks.values_list("page_id", flat=True))


def pick_errors(response) -> list[dict]:
    return [form.errors for form in response.context["form"].formsets["picks"].forms]


def minutes_from_now(minutes: int) -> str:
    return (timezone.now() + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M")


# Saving


def test_editor_adds_a_list_in_the_admin(admin_client, newsroom):
    a, b, _ = newsroom.stories

    response = admin_client.post(
        add_url(), form_data({"page": a, "headline": "Read this"}, {"page": b})
    )

    assert response.status_code == 302
    made = PickList.objects.get()
    assert made.locale == Locale.get_default()
    assert made.section is None
    assert [(p.page_id, p.headline) for p in made.picks.all()] == [(a.pk, "Read this"), (b.pk, "")]


def test_moving_a_pick_up_saves_the_new_order(admin_client, newsroom):
    a, b, c = newsroom.stories
    made = pick_list(a, b, c)
    ids = {pick.page_id: pick.pk for pick in made.picks.all()}
    # Dragging the third pick to the top renumbers every form's ORDER, as the InlinePanel does.
    picks = [
        {"page": story, "id": ids[story.pk], "order": n} for story, n in ((a, 2), (b, 3), (c, 1))
    ]

    response = admin_client.post(edit_url(made.pk), form_data(*picks, initial=3))

    assert response.status_code == 302
    assert saved_pages(made) == [c.pk, a.pk, b.pk]


def test_removing_a_pick_in_the_admin(admin_client, newsroom):
    a, b, _ = newsroom.stories
    made = pick_list(a, b)
    ids = {pick.page_id: pick.pk for pick in made.picks.all()}
    picks = [{"page": a, "id": ids[a.pk], "delete": "1"}, {"page": b, "id": ids[b.pk]}]

    response = admin_client.post(edit_url(made.pk), form_data(*picks, initial=2))

    assert response.status_code == 302
    assert saved_pages(made) == [b.pk]


# Bad input gets a clear message, never a 500


def test_expiry_in_the_past_is_refused_with_a_clear_message(admin_client, newsroom):
    response = admin_client.post(
        add_url(), form_data({"page": newsroom.stories[0], "expires_at": minutes_from_now(-5)})
    )

    assert response.status_code == 200
    assert "The expiry must be in the future" in response.content.decode()
    assert "The expiry must be in the future" in str(pick_errors(response)[0]["expires_at"])
    assert not PickList.objects.exists()


def test_expiry_in_the_future_is_accepted(admin_client, newsroom):
    response = admin_client.post(
        add_url(), form_data({"page": newsroom.stories[0], "expires_at": minutes_from_now(90)})
    )

    assert response.status_code == 302
    assert Pick.objects.get().expires_at > timezone.now()


def test_a_pick_that_has_since_expired_does_not_block_saving(admin_client, newsroom):
    a, b, _ = newsroom.stories
    expired = (timezone.now() - timedelta(days=1)).replace(second=0, microsecond=0)
    made = pick_list(a, expires_at={a: expired})
    (old,) = made.picks.all()
    picks = [
        {"page": a, "id": old.pk, "expires_at": expired.strftime("%Y-%m-%d %H:%M")},
        {"page": b},
    ]

    response = admin_client.post(edit_url(made.pk), form_data(*picks, initial=1))

    assert response.status_code == 302
    assert len(saved_pages(made)) == 2


def test_same_story_twice_in_a_list_is_refused_with_a_clear_message(admin_client, newsroom):
    a, b, _ = newsroom.stories

    response = admin_client.post(add_url(), form_data({"page": a}, {"page": b}, {"page": a}))

    assert response.status_code == 200
    errors = pick_errors(response)
    assert not errors[0] and not errors[1]
    assert "This story is already in the list" in str(errors[2]["page"])
    assert "This story is already in the list" in response.content.decode()
    assert not PickList.objects.exists()


def test_a_non_article_page_is_refused_with_a_clear_message(admin_client, newsroom):
    response = admin_client.post(add_url(), form_data({"page": newsroom.politics}))

    assert response.status_code == 200
    message = str(pick_errors(response)[0]["page"])
    assert "Only articles, galleries, videos, maps can be picked" in message
    assert not PickList.objects.exists()


def test_a_missing_page_is_refused_not_a_500(admin_client, newsroom):
    data = form_data({"page": newsroom.stories[0]})
    data["picks-0-page"] = 999_999

    response = admin_client.post(add_url(), data)

    assert response.status_code == 200
    assert pick_errors(response)[0]["page"]


def test_second_site_wide_list_is_refused_with_a_clear_message(admin_client, newsroom):
    pick_list(newsroom.stories[0])

    response = admin_client.post(add_url(), form_data({"page": newsroom.stories[1]}))

    assert response.status_code == 200
    assert "already has a site-wide list" in str(response.context["form"].errors["section"])
    assert PickList.objects.count() == 1


def test_second_list_for_a_section_is_refused_with_a_clear_message(admin_client, newsroom):
    pick_list(newsroom.stories[0], section=newsroom.analysis)

    response = admin_client.post(
        add_url(), form_data({"page": newsroom.stories[1]}, section=newsroom.analysis)
    )

    assert response.status_code == 200
    assert "already has its own list" in str(response.context["form"].errors["section"])


def test_list_page_shows_the_site_wide_and_section_lists(admin_client, newsroom):
    pick_list(newsroom.stories[0])
    pick_list(newsroom.stories[1], section=newsroom.analysis)

    response = admin_client.get(reverse("wagtailsnippets_curation_picklist:list"))

    assert response.status_code == 200
    assert "Site-wide" in response.content.decode()
    assert "Analysis" in response.content.decode()


# Who may change the picks


@pytest.fixture
def member(django_user_model):
    def make(group_name: str):
        user = django_user_model.objects.create_user(
            group_name.lower(), f"{group_name.lower()}@example.org", "pass-word-1"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_editors_may_change_the_picks(client, member, newsroom):
    client.force_login(member("Editors"))
    made = pick_list(newsroom.stories[0])

    (old,) = made.picks.all()
    picks = [{"page": newsroom.stories[0], "id": old.pk}, {"page": newsroom.stories[1]}]

    assert client.get(edit_url(made.pk)).status_code == 200
    response = client.post(edit_url(made.pk), form_data(*picks, initial=1))

    assert response.status_code == 302
    assert saved_pages(made) == [newsroom.stories[0].pk, newsroom.stories[1].pk]
    assert client.get(add_url()).status_code == 200
    assert menu_link() in client.get(reverse("wagtailadmin_home")).content.decode()


def test_moderators_may_not_change_the_picks(client, member, newsroom):
    client.force_login(member("Moderators"))
    made = pick_list(newsroom.stories[0])
    # Wagtail answers a refused admin page with a redirect and a message, and an
    # XMLHttpRequest (the admin's own fetches) with a bare 403.
    xhr = {"headers": {"x-requested-with": "XMLHttpRequest"}}

    data = form_data({"page": newsroom.stories[1]})

    assert client.get(edit_url(made.pk), **xhr).status_code == 403
    assert client.post(edit_url(made.pk), data, **xhr).status_code == 403
    assert client.get(add_url(), **xhr).status_code == 403
    refused = client.post(edit_url(made.pk), data, follow=True)

    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "you do not have permission" in refused.content.decode()
    assert saved_pages(made) == [newsroom.stories[0].pk]
    assert menu_link() not in refused.content.decode()


def test_only_editors_hold_the_pick_list_permissions():
    codenames = {"add_picklist", "change_picklist", "delete_picklist"}

    def held(name: str) -> set[str]:
        group = Group.objects.get(name=name)
        return set(
            group.permissions.filter(codename__in=codenames).values_list("codename", flat=True)
        )

    assert held("Editors") == codenames
    assert held("Moderators") == set()
