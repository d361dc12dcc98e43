"""Snippets: the matched words marked in their context, everything else escaped."""

import pytest

from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
    words,
)
from dateline.search.fields import snippet_texts
from dateline.search.snippets import WINDOW, highlight


def test_marks_the_matched_word_in_context():
    html = highlight(["The harbour flooded after the storm."], "harbour")
    assert html == "The <mark>harbour</mark> flooded after the storm."


def test_escapes_stored_text_and_never_trusts_the_query():
    html = highlight(["<b>bold</b> & harbour <script>"], "<script>harbour")
    assert "<b>" not in html and "<script>" not in html
    assert html == "&lt;b&gt;bold&lt;/b&gt; &amp; <mark>harbour</mark> <mark>&lt;script&gt;</mark>"


def test_takes_a_window_around_the_first_match():
    words = [f"w{n}" for n in range(100)]
    words[60] = "Harbour"
    html = str(highlight([" ".join(words)], "harbour"))
    assert html.startswith("… w52 ")
    assert html.endswith(" …")
    assert len(html.removeprefix("… ").removesuffix(" …").split()) == WINDOW
    assert "<mark>Harbour</mark>" in html


def test_matches_across_arabic_and_persian_spellings():
    html = highlight(["قرأت الكتاب و كتاب آخر"], "کتاب")
    assert html == "قرأت الكتاب و <mark>كتاب</mark> آخر"


def test_matches_words_written_with_a_non_joiner():
    text = "من می‌خواهم بروم"
    assert "<mark>می‌خواهم</mark>" in highlight([text], "میخواهم")
    assert "<mark>می‌خواهم</mark>" in highlight([text], "خواهم")


def test_longer_forms_of_a_term_are_marked():
    assert highlight(["Three elections this year"], "election") == (
        "Three <mark>elections</mark> this year"
    )


def test_without_a_match_the_opening_words_show_unmarked():
    assert highlight(["A quiet day.", "More"], "harbour") == "A quiet day."
    assert highlight([], "harbour") == ""


@pytest.mark.django_db
def test_a_story_snippet_reads_its_body_without_loading_its_images(django_assert_num_queries):
    image = ImageFactory()
    story = ArticlePageFactory(
        parent=SectionPageFactory(parent=home_page()),
        title="Harbour news",
        summary="The quay reopens.",
        body=[
            paragraph("Workers gathered at dawn."),
            {"type": "image", "value": {"image": image.pk, "caption": "Gulls over the mole"}},
            paragraph("By noon the &lt;first&gt; ferry had docked."),
        ],
    )
    story = ArticlePage.objects.get(pk=story.pk)

    with django_assert_num_queries(0):
        caption = highlight(snippet_texts(story), "gulls")
        body = highlight(snippet_texts(story), "ferry")

    assert caption == "<mark>Gulls</mark> over the mole"
    assert body == "By noon the &lt;first&gt; <mark>ferry</mark> had docked."


def test_a_story_snippet_reads_no_further_than_its_limit():
    story = ArticlePage(
        title="Long read",
        summary="",
        body=[paragraph(words(400, "calm")), paragraph("The storm came late.")],
    )

    assert "<mark>" in highlight(snippet_texts(story), "storm")
    assert "<mark>" not in highlight(snippet_texts(story, characters=1000), "storm")
    assert sum(len(text) for text in snippet_texts(story, characters=1000)) == 1000
