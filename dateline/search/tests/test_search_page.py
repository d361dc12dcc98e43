"""/search/: ranking, filters, snippets, spelling variants, bad input and query budget."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from wagtail.models import Locale
from wagtail.search import index

from dateline.news.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)
from dateline.topics.models import ArticleTopic
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db


def day(month: int, number: int) -> datetime:
    return datetime(2024, month, number, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    economy = SectionPageFactory(parent=home, title="Economy", slug="economy")
    lena = AuthorFactory(name="Lena Maris", slug="lena-maris")
    omar = AuthorFactory(name="Omar Haddad", slug="omar-haddad")
    focus = TopicIndexPageFactory(parent=home)
    strait = TopicPageFactory(
        parent=focus,
        title="Kestrel Strait",
        slug="kestrel-strait",
        description="The narrow sea lane past the zephyrine lighthouse.",
    )
    stories = {
        "headline": ArticlePageFactory(
            parent=politics,
            title="Zephyrine harbour reopens",
            summary="Ships return after a month.",
            body=[paragraph("Dock workers cheered as the first ferry arrived.")],
            date=day(7, 20),
            tags=["Water"],
            authors=[lena],
        ),
        "summary": ArticlePageFactory(
            parent=economy,
            title="Port fees rise",
            summary="The zephyrine dock doubles its charges.",
            body=[paragraph("Traders say costs will reach shoppers.")],
            date=day(7, 10),
            tags=["Trade"],
            authors=[omar],
        ),
        "body": ArticlePageFactory(
            parent=politics,
            title="A quiet week in parliament",
            summary="Few votes, long speeches.",
            body=[
                paragraph(
                    "Members spoke about schools, roads and budgets for hours. "
                    "Late on Friday one of them mentioned the zephyrine question again, "
                    "to nobody's surprise."
                )
            ],
            date=day(7, 21),
            tags=["Water"],
            authors=[lena, omar],
        ),
        "arabic": ArticlePageFactory(
            parent=politics,
            title="معرض الكتاب يفتح أبوابه",
            summary="زوار كثيرون في اليوم الأول.",
            body=[paragraph("قال المنظمون إن كتاب التاريخ كان الأكثر مبيعا.")],
            date=day(6, 1),
            authors=[omar],
        ),
        "persian": ArticlePageFactory(
            parent=economy,
            title="بازار کتاب‌ها در تهران",
            summary="فروشندگان می‌گویند یک روز شلوغ بود.",
            body=[paragraph("کتاب‌فروشی‌ها تا دیروقت باز بودند.")],
            date=day(6, 2),
            authors=[lena],
        ),
    }
    ArticleTopic.objects.create(page=stories["headline"], topic=strait, sort_order=0)
    # Factories save tags and bylines after the page (and so after Wagtail indexed
    # it); publishing through the admin saves them first. Index them as published.
    for story in stories.values():
        index.insert_or_update_object(story)
    return {"home": home, "topic": strait, "lena": lena, **stories}


def titles(response) -> list[str]:
    return [result.page.title for result in response.context["results"]]


def test_headline_and_summary_rank_above_body(client, newsroom):
    response = client.get("/search/", {"q": "zephyrine"})

    assert response.status_code == 200
    found = titles(response)
    assert set(found) == {
        "Zephyrine harbour reopens",
        "Port fees rise",
        "A quiet week in parliament",
        "Kestrel Strait",
    }
    assert found.index("A quiet week in parliament") > found.index("Zephyrine harbour reopens")
    assert found.index("A quiet week in parliament") > found.index("Port fees rise")
    assert response.context["page_obj"].paginator.count == 4


def test_sort_newest_orders_by_the_story_date(client, newsroom):
    response = client.get("/search/", {"q": "zephyrine", "sort": "newest"})

    found = titles(response)
    articles = [title for title in found if title != "Kestrel Strait"]
    assert articles == ["A quiet week in parliament", "Zephyrine harbour reopens", "Port fees rise"]


def test_results_show_highlighted_snippets_and_the_count(client, newsroom):
    html = client.get("/search/", {"q": "zephyrine"}).content.decode()

    assert "the <mark>zephyrine</mark> question again" in html
    assert "The <mark>zephyrine</mark> dock doubles" in html
    assert 'role="status"' in html and "4 results for “<bdi>zephyrine</bdi>”" in html
    assert '<meta name="robots" content="noindex">' in html


def test_every_word_must_match(client, newsroom):
    assert titles(client.get("/search/", {"q": "zephyrine ferry"})) == ["Zephyrine harbour reopens"]


def test_authors_and_tags_are_searched(client, newsroom):
    assert "Port fees rise" in titles(client.get("/search/", {"q": "Haddad"}))
    assert set(titles(client.get("/search/", {"q": "trade"}))) == {"Port fees rise"}


def test_persian_spelling_finds_the_arabic_story(client, newsroom):
    # Persian keheh (ک) for the Arabic kaf (ك) of "كتاب"
    found = titles(client.get("/search/", {"q": "کتاب التاریخ"}))
    assert found == ["معرض الكتاب يفتح أبوابه"]


def test_arabic_spelling_finds_the_persian_story(client, newsroom):
    # Arabic kaf and yeh for the Persian ones; "كتابها" is the run-together
    # spelling of "کتاب‌ها" (written with a zero-width non-joiner)
    assert titles(client.get("/search/", {"q": "كتابها"})) == ["بازار کتاب‌ها در تهران"]
    assert titles(client.get("/search/", {"q": "ميگويند"})) == ["بازار کتاب‌ها در تهران"]


def test_vowel_marks_in_the_query_are_ignored(client, newsroom):
    assert titles(client.get("/search/", {"q": "المُنَظِّمون"})) == ["معرض الكتاب يفتح أبوابه"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"section": "economy"}, {"Port fees rise"}),
        ({"tag": "water"}, {"Zephyrine harbour reopens", "A quiet week in parliament"}),
        ({"topic": "kestrel-strait"}, {"Zephyrine harbour reopens"}),
        ({"author": "lena-maris"}, {"Zephyrine harbour reopens", "A quiet week in parliament"}),
        ({"from": "2024-07-15"}, {"Zephyrine harbour reopens", "A quiet week in parliament"}),
        ({"to": "2024-07-20"}, {"Zephyrine harbour reopens", "Port fees rise"}),
        ({"from": "2024-07-20", "to": "2024-07-20"}, {"Zephyrine harbour reopens"}),
        ({"section": "politics", "author": "omar-haddad"}, {"A quiet week in parliament"}),
        # days past the largest recency the index can hold (about the year 4892)
        (
            {"to": "4900-01-01"},
            {"Zephyrine harbour reopens", "Port fees rise", "A quiet week in parliament"},
        ),
        ({"from": "4900-01-01"}, set()),
    ],
)
def test_filters_combine_with_the_query(client, newsroom, params, expected):
    response = client.get("/search/", {"q": "zephyrine", **params})

    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_empty_query_lists_the_latest_stories_with_filters(client, newsroom):
    response = client.get("/search/", {"section": "politics"})

    assert response.status_code == 200
    assert titles(response) == [
        "A quiet week in parliament",
        "Zephyrine harbour reopens",
        "معرض الكتاب يفتح أبوابه",
    ]
    assert "Latest stories: 3 stories" in response.content.decode()


def test_no_results_offers_to_drop_each_filter(client, newsroom):
    response = client.get(
        "/search/", {"q": "zephyrine", "section": "economy", "author": "lena-maris"}
    )

    html = response.content.decode()
    assert titles(response) == []
    assert "Remove Section: Economy" in html
    assert 'href="?author=lena-maris&amp;q=zephyrine"' in html
    assert "Remove Author: Lena Maris" in html
    assert 'href="?q=zephyrine&amp;section=economy"' in html


def test_filters_are_a_form_that_keeps_its_values(client, newsroom):
    html = client.get("/search/", {"q": "zephyrine", "section": "economy"}).content.decode()

    assert '<label for="id_section">Section</label>' in html
    assert '<option value="economy" selected>Economy</option>' in html
    assert 'value="zephyrine"' in html


def test_header_search_box_is_on_every_page(client, newsroom):
    html = client.get("/").content.decode()

    assert '<form class="site-search" role="search" method="get" action="/search/">' in html
    assert '<label for="site-search-q">' in html


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "(harbour",
        "harbour)",
        "zephyrine*",
        "-zephyrine",
        "zephyrine NEAR harbour",
        "zephyrine AND",
        "OR",
        "NOT zephyrine",
        "title:zephyrine",
        "'; DROP TABLE wagtailcore_page; --",
        "1' OR '1'='1",
        "!!! ??? ...",
        "_",
        "\x00zephyrine",
        "zephyrine\x00",
        "zephyrine " * 2000,
    ],
)
def test_operator_characters_and_injection_are_plain_words(client, newsroom, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "results" in response.context


def test_operator_characters_do_not_change_the_words_searched(client, newsroom):
    assert titles(client.get("/search/", {"q": '"zephyrine* (ferry'})) == [
        "Zephyrine harbour reopens"
    ]


def test_a_long_query_is_cut_with_a_notice(client, newsroom):
    response = client.get("/search/", {"q": "zephyrine " + "x" * 10_000})

    assert response.status_code == 200
    assert len(response.context["query"]) == 200
    assert "only its first 200 characters were used" in response.content.decode()


def test_punctuation_only_query_shows_the_latest_stories_with_a_notice(client, newsroom):
    response = client.get("/search/", {"q": "?!…"})

    assert response.status_code == 200
    assert len(titles(response)) == 6  # five articles and the topic
    assert "no letters or digits to look for" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field", "message", "found"),
    [
        ({"section": "sport"}, "section", "There is no section “sport” in this edition", 4),
        ({"tag": "no-such-tag"}, "tag", "There is no tag “no-such-tag”", 4),
        ({"author": "nobody"}, "author", "There is no author “nobody”", 4),
        ({"topic": "atlantis"}, "topic", "There is no in focus topic “atlantis”", 4),
        ({"from": "2024-13-45"}, "from", "Enter the start date as a real date", 4),
        ({"to": "yesterday"}, "to", "Enter the end date as a real date", 4),
        ({"sort": "random"}, "sort", "Select a valid choice", 4),
        # the start date still applies: the three July stories (the topic has no date)
        ({"from": "2024-07-01", "to": "2024-06-01"}, "to", "The end date is before the start", 3),
        ({"section": "sport", "author": "lena-maris"}, "section", "no section “sport”", 2),
    ],
)
def test_bad_filter_values_get_a_400_with_the_message_and_the_rest_applies(
    client, newsroom, params, field, message, found
):
    response = client.get("/search/", {"q": "zephyrine", **params})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert len(titles(response)) == found  # the query still ran, without the bad filter


def test_a_page_past_the_end_shows_the_last_page(client, newsroom):
    response = client.get("/search/", {"q": "zephyrine", "page": "999"})

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert len(titles(response)) == 4
    assert client.get("/search/", {"page": "abc"}).status_code == 200


def test_more_matches_than_the_cap_are_counted_as_more_and_only_the_first_listed(
    client, newsroom, monkeypatch
):
    monkeypatch.setattr("dateline.search.selectors.MAX_COUNTED", 2)
    response = client.get("/search/", {"q": "zephyrine", "page": "2"})

    html = response.content.decode()
    assert response.context["more"] is True
    assert response.context["page_obj"].paginator.count == 2
    assert response.context["page_obj"].number == 1  # no page past the first 2
    assert len(titles(response)) == 2
    assert "More than 2 results for “<bdi>zephyrine</bdi>”" in html
    assert "Only the first 2 are listed." in html
    assert "Page 1 of" not in html


def test_matches_up_to_the_cap_are_counted_exactly(client, newsroom, monkeypatch):
    monkeypatch.setattr("dateline.search.selectors.MAX_COUNTED", 4)

    response = client.get("/search/", {"q": "zephyrine"})

    html = response.content.decode()
    assert response.context["more"] is False
    assert "4 results for “<bdi>zephyrine</bdi>”" in html
    assert "More than" not in html and "Only the first" not in html


def test_the_latest_stories_are_capped_too(client, newsroom, monkeypatch):
    monkeypatch.setattr("dateline.search.selectors.MAX_COUNTED", 3)

    response = client.get("/search/")

    assert response.context["more"] is True
    assert len(titles(response)) == 3
    assert "Latest stories: more than 3 stories" in response.content.decode()


def test_post_is_not_allowed(client, newsroom):
    assert client.post("/search/", {"q": "zephyrine"}).status_code == 405


def test_unpublished_stories_are_not_found(client, newsroom):
    newsroom["headline"].unpublish()

    assert "Zephyrine harbour reopens" not in titles(client.get("/search/", {"q": "zephyrine"}))


def test_each_edition_searches_its_own_stories(client, newsroom):
    arabic = Locale.objects.create(language_code="ar")
    home = newsroom["home"].copy_for_translation(arabic)
    home.title = "الرئيسية"
    home.save_revision().publish()
    section = SectionPageFactory(parent=home, title="سياسة", slug="siyasa")
    ArticlePageFactory(
        parent=section, title="الميناء zephyrine يفتح", locale=arabic, date=day(7, 1)
    )

    arabic_titles = titles(client.get("/ar/search/", {"q": "zephyrine"}))
    english_titles = titles(client.get("/search/", {"q": "zephyrine"}))

    assert arabic_titles == ["الميناء zephyrine يفتح"]
    assert "الميناء zephyrine يفتح" not in english_titles
    assert client.get("/fa/search/", {"q": "zephyrine"}).status_code == 404


def test_a_headline_match_outranks_a_short_story_that_only_mentions_the_word(client, newsroom):
    section = newsroom["headline"].get_parent()
    long_body = " ".join(["The council met again and talked about the budget."] * 12)
    ArticlePageFactory(
        parent=section,
        title="Quillwort ferries return",
        summary="Boats are back.",
        body=[paragraph(long_body)],
    )
    ArticlePageFactory(
        parent=section, title="Notes", summary="Brief.", body=[paragraph("Quillwort.")]
    )

    assert titles(client.get("/search/", {"q": "quillwort"})) == [
        "Quillwort ferries return",
        "Notes",
    ]
