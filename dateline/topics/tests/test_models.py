"""Topic pages and their links: where they may live, and what editors are told when input is bad."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dateline.news.models import ArticlePage, HomePage
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page
from dateline.topics.models import (
    ArticleTopic,
    HomeTopic,
    RelatedTopic,
    TopicAlias,
    TopicIndexPage,
    TopicPage,
)
from dateline.topics.tests.factories import (
    TopicIndexPageFactory,
    TopicPageFactory,
    feature_on_home,
    publish,
)

pytestmark = pytest.mark.django_db

ZWNJ = "\u200c"


@pytest.fixture
def index():
    return TopicIndexPageFactory(parent=home_page())


# Where pages may live


def test_index_lives_under_the_home_page_once(index):
    home = home_page()
    section = SectionPageFactory(parent=home)

    assert TopicIndexPage in home.specific_class.creatable_subpage_models()
    assert not TopicIndexPage.can_create_at(home)  # there is one already
    assert not TopicIndexPage.can_create_at(section)
    assert TopicIndexPage.allowed_subpage_models() == [TopicPage]


def test_topics_live_only_under_the_index(index):
    section = SectionPageFactory(parent=home_page())

    assert TopicPage.can_create_at(index)
    assert not TopicPage.can_create_at(section)
    assert not TopicPage.can_create_at(home_page())
    assert TopicPage.allowed_subpage_models() == []


def test_index_is_served_at_in_focus(client, index):
    response = client.get("/in-focus/")

    assert response.status_code == 200
    assert response.context["page"].pk == index.pk


# Validation messages


def alias_errors(name: str) -> list[str]:
    alias = TopicAlias(name=name, sort_order=0)
    with pytest.raises(ValidationError) as raised:
        alias.clean()
    return raised.value.message_dict["name"]


@pytest.mark.parametrize("name", ["", "   ", "K", " k ", "K.", ZWNJ, f"ب{ZWNJ}"], ids=repr)
def test_empty_or_one_letter_alias_gets_a_message_saying_what_to_do(name):
    (message,) = alias_errors(name)

    assert "at least two letters" in message
    assert "remove the row" in message


@pytest.mark.parametrize("name", ["Orr", "UN", "الخليج", f"هم{ZWNJ}پیمانی", "B7"], ids=repr)
def test_alias_of_two_letters_or_more_in_any_script_is_accepted(name):
    alias = TopicAlias(name=f" {name} ", sort_order=0)

    alias.clean()

    assert alias.name == name


def test_topic_named_with_one_letter_is_refused(index):
    topic = TopicPage(title="K", slug="k", description="A letter.")

    with pytest.raises(ValidationError) as raised:
        topic.clean()

    assert "at least two letters" in raised.value.message_dict["title"][0]


def test_description_over_500_characters_is_refused(index):
    topic = TopicPageFactory(parent=index, title="Kastmark")
    topic.description = "x" * 501

    with pytest.raises(ValidationError) as raised:
        topic.full_clean()

    assert "description" in raised.value.message_dict


def test_topic_cannot_be_related_to_itself(index):
    topic = TopicPageFactory(parent=index)

    with pytest.raises(ValidationError) as raised:
        RelatedTopic(page=topic, topic=topic).clean()

    assert "cannot be related to itself" in raised.value.message_dict["topic"][0]


def formset_for(model, relation: str, instance, topics: list, *, deleted=()):
    """The admin's child formset for ``relation``, bound to rows choosing ``topics``."""
    form_class = model.get_edit_handler().get_form_class()
    formset_class = form_class.formsets[relation]
    prefix = relation
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(topics)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, topic in enumerate(topics):
        data[f"{prefix}-{number}-topic"] = str(topic.pk)
        data[f"{prefix}-{number}-ORDER"] = str(number + 1)
        if number in deleted:
            data[f"{prefix}-{number}-DELETE"] = "on"
    return formset_class(data, instance=instance, prefix=prefix)


@pytest.mark.parametrize(
    ("model", "relation"),
    [
        (ArticlePage, "article_topics"),
        (HomePage, "focus_topics"),
        (TopicPage, "related_topic_links"),
    ],
)
def test_choosing_the_same_topic_twice_gets_a_message_on_the_repeat(index, model, relation):
    kastmark = TopicPageFactory(parent=index, title="Kastmark")
    veloria = TopicPageFactory(parent=index, title="Veloria")
    instance = model()

    formset = formset_for(model, relation, instance, [kastmark, veloria, kastmark])

    assert not formset.is_valid()
    assert formset.forms[0].errors == {}
    assert formset.forms[2].errors["topic"] == [
        "“Kastmark” is already in this list. Remove this row or choose another."
    ]


def test_distinct_topics_and_a_deleted_repeat_are_accepted(index):
    kastmark = TopicPageFactory(parent=index, title="Kastmark")
    veloria = TopicPageFactory(parent=index, title="Veloria")

    assert formset_for(ArticlePage, "article_topics", ArticlePage(), [kastmark, veloria]).is_valid()
    assert formset_for(
        ArticlePage, "article_topics", ArticlePage(), [kastmark, kastmark], deleted=(1,)
    ).is_valid()


def test_article_editor_has_topics_and_the_glossary_switch():
    content = ArticlePage.get_edit_handler().get_form_class()

    assert "article_topics" in content.formsets
    assert "glossary_links" in content.base_fields
    assert ArticlePage._meta.get_field("glossary_links").default is True
    assert "focus_topics" in HomePage.get_edit_handler().get_form_class().formsets


# Deleted topics


@pytest.fixture
def filed(index):
    home = home_page()
    section = SectionPageFactory(parent=home, title="Politics")
    topic = publish(TopicPageFactory(parent=index, title="Kastmark"))
    article = ArticlePageFactory(
        parent=section, body=[{"type": "paragraph", "value": "<p>Kastmark votes.</p>"}]
    )
    article.article_topics = [ArticleTopic(topic=topic, sort_order=0)]
    article = publish(article)
    feature_on_home(home, topic)
    return article, topic


def test_deleting_a_topic_removes_its_links_and_stories_still_render(client, filed):
    article, topic = filed

    topic.delete()

    assert not ArticleTopic.objects.exists()
    assert not HomeTopic.objects.exists()
    response = client.get(article.url)
    assert response.status_code == 200
    assert "glossary-link" not in response.content.decode()
    assert client.get("/").status_code == 200


def test_publishing_an_old_revision_that_named_a_deleted_topic_drops_the_link(client, filed):
    article, topic = filed
    revision = article.latest_revision

    topic.delete()
    revision.publish()

    assert ArticlePage.objects.get(pk=article.pk).live
    assert not ArticleTopic.objects.filter(page=article).exists()
    assert client.get(article.url).status_code == 200


def test_topic_form_shows_the_alias_message_on_the_row(index, admin_user):
    form_class = TopicPage.get_edit_handler().get_form_class()
    data = {
        "title": "Kastmark",
        "slug": "kastmark",
        "description": "A federation.",
        "other_names-TOTAL_FORMS": "2",
        "other_names-INITIAL_FORMS": "0",
        "other_names-MIN_NUM_FORMS": "0",
        "other_names-MAX_NUM_FORMS": "1000",
        "other_names-0-name": "Kastmark Federation",
        "other_names-0-ORDER": "1",
        "other_names-1-name": "K",
        "other_names-1-ORDER": "2",
        "related_topic_links-TOTAL_FORMS": "0",
        "related_topic_links-INITIAL_FORMS": "0",
        "related_topic_links-MIN_NUM_FORMS": "0",
        "related_topic_links-MAX_NUM_FORMS": "1000",
    }

    form = form_class(data, instance=TopicPage(), parent_page=index, for_user=admin_user)

    assert not form.is_valid()
    aliases = form.formsets["other_names"]
    assert aliases.forms[0].errors == {}
    assert "at least two letters" in aliases.forms[1].errors["name"][0]


@pytest.mark.parametrize("model", ["topicindexpage", "topicpage"])
def test_admin_add_forms_for_in_focus_pages_open(admin_client, index, model):
    parent = home_page() if model == "topicindexpage" else index
    if model == "topicindexpage":
        index.delete()  # one index per home: make room for the form

    url = reverse("wagtailadmin_pages:add", args=["topics", model, parent.pk])

    assert admin_client.get(url).status_code == 200
